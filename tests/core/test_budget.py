"""The activation budget's arithmetic (core.budget), with numbers worked out by hand."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from explorer.core import budget
from explorer.core.budget import (
    ActivationWindows,
    default_budget_bytes,
    layer_bytes,
    plan_capture,
    plan_window,
)

EIGHT = [f"l{i}" for i in range(8)] + ["out"]
TENS = {**{p: 10 for p in EIGHT[:-1]}, "out": 1}  # 81 bytes in all


def test_default_budget_is_a_quarter_of_ram_at_most_2_gib():
    assert default_budget_bytes(4 * 2**30) == 2**30
    assert default_budget_bytes(8 * 2**30) == 2 * 2**30
    assert default_budget_bytes(64 * 2**30) == 2 * 2**30
    assert default_budget_bytes(1000) == 250
    ram = budget.physical_ram_bytes()
    assert ram is None or default_budget_bytes() == min(ram // 4, 2 * 2**30)
    assert budget.budget_from_setting(300) == 300 * 2**20
    assert budget.budget_from_setting(0) == default_budget_bytes()


def test_layer_bytes_from_the_table():
    rows = [SimpleNamespace(path="input", output_shape=(32, 32, 3)),
            SimpleNamespace(path="conv", output_shape=(30, 30, 8)),
            SimpleNamespace(path="split", output_shape=[(30, 30, 4), (30, 30, 4)]),
            SimpleNamespace(path="free", output_shape=(None, None, 2)),
            SimpleNamespace(path="dense", output_shape=(10,))]
    assert layer_bytes(rows, free=5) == {"input": 32 * 32 * 3 * 4, "conv": 30 * 30 * 8 * 4,
                                         "split": 3600 * 4, "split:1": 3600 * 4,
                                         "free": 5 * 5 * 2 * 4, "dense": 40}


def test_everything_when_it_fits():
    assert plan_capture(EIGHT, TENS, ["out"], "l3", 81) == tuple(EIGHT)
    assert plan_window(EIGHT, TENS, ["out"], "l3", 81) == ("", tuple(EIGHT))


def test_the_focus_and_its_neighbours_forward_first():
    # out 1, l3 11; forward l4 21 (f10); back l2 31 (b10); forward l5 41 (f20 <= 2*10);
    # forward l6 would be 51 > 41: forward ends; back l1 51 > 41: back ends
    assert plan_capture(EIGHT, TENS, ["out"], "l3", 41) == ("l2", "l3", "l4", "l5", "out")
    # at the start only forward is left: out 1, l0 11, l1 21, l2 31, l3 41
    assert plan_capture(EIGHT, TENS, ["out"], "l0", 41) == ("l0", "l1", "l2", "l3", "out")
    # at the end: back only
    assert plan_capture(EIGHT, TENS, ["out"], "l7", 41) == ("l4", "l5", "l6", "l7", "out")
    # a focus bigger than the limit is still captured, with the outputs, and nothing else
    big = {**TENS, "l3": 100}
    assert plan_capture(EIGHT, big, ["out"], "l3", 41) == ("l3", "out")
    # an unknown focus starts at the first key
    assert plan_capture(EIGHT, TENS, ["out"], None, 21) == ("l0", "l1", "out")


def test_windows_start_at_chunk_anchors():
    paths = [f"l{i}" for i in range(16)] + ["out"]
    sizes = {**{p: 5 for p in paths[:-1]}, "out": 1}  # 81 bytes
    # limit 41: room 40 beside the output, chunks of 10 bytes = two layers: anchors l0, l2, l4…
    # around l4: out 1, l4 6; f l5 11; b l3 16; f l6 21; f l7 26 (f15 > 2*5 next);
    # b l2 31; f l8 36; f l9 41; then neither side fits
    window = ("l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "out")
    assert plan_window(paths, sizes, ["out"], "l4", 41) == ("l4", window)
    assert plan_window(paths, sizes, ["out"], "l5", 41) == ("l4", window)  # same chunk
    anchor, keys = plan_window(paths, sizes, ["out"], "l6", 41)
    assert anchor == "l6" and keys == tuple(f"l{i}" for i in range(4, 12)) + ("out",)
    # a focus its anchor's window misses (one huge layer after the anchor) is planned itself
    uneven = {**sizes, "l5": 30}
    anchor, keys = plan_window(paths, uneven, ["out"], "l6", 41)
    assert "l6" in keys and anchor in ("l6", "l5")


def test_the_windows_kept_in_the_window_are_bounded():
    def arrays(*keys):
        return {k: np.zeros(10, np.float32) for k in keys}  # 40 bytes each

    held = ActivationWindows(arrays("a", "b", "out"), keep=["out"], limit_bytes=200)
    assert set(held) == {"a", "b", "out"} and held.nbytes == 120
    held.add(arrays("c", "d"))  # 200: fits
    assert set(held) == {"a", "b", "c", "d", "out"}
    held.add(arrays("e", "f"))  # 280: a and b (oldest) go; out is kept
    assert set(held) == {"c", "d", "e", "f", "out"} and held.nbytes == 200
    held.add(arrays("g", "h", "i", "j", "k"))  # the newest window alone is over: kept whole
    assert set(held) == {"g", "h", "i", "j", "k", "out"}
    assert held.get("c") is None and held["g"].shape == (10,)
