"""The one formatter: shapes, counts, sizes and times read the same in every view."""

from __future__ import annotations

from explorer.core.text import (
    format_bytes,
    format_count,
    format_duration,
    format_shape,
    format_transfer,
)


def test_format_shape():
    assert format_shape((None, 28, 28, 64), batch=True) == "28×28×64"
    assert format_shape((14, 14, 128)) == "14×14×128"
    assert format_shape([(4, 4, 8), (2,)]) == "4×4×8, 2"


def test_a_free_spatial_size_is_not_taken_for_the_batch_axis():
    assert format_shape((None, None, 3)) == "?×?×3"
    assert format_shape(()) == "scalar" and format_shape(None) == "?"


def test_counts_sizes_and_times():
    assert format_count(1234567) == "1,234,567" and format_count(0) == ""
    assert [format_bytes(n) for n in (850_000, 7_100_000, 14_000_000, 1_300_000_000)] == [
        "850 kB", "7.1 MB", "14 MB", "1.3 GB"]
    assert format_duration(75) == "1:15" and format_duration(3725) == "1:02:05"


def test_transfer_leaves_out_what_is_unknown():
    assert format_transfer(7_100_000, 16_900_000, 2_300_000, 4.0) == (
        "7.1/16.9 MB  2.3 MB/s  0:04 left")
    assert format_transfer(500_000, None, 0.0, None) == "500.0 kB"
