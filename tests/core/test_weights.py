"""Weights the Keras way: the cache folder, downloads against a local HTTP server (stall,
truncation, slow chunks, hash mismatch, cancel), progress text, and local weights files.

Every server here listens on 127.0.0.1 and every handler stops by itself within a few seconds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
import time
import types
from pathlib import Path

import numpy as np
import pytest
from local_server import PAYLOAD, PAYLOAD_MD5, PAYLOAD_SHA256, local_server

from explorer.core import text
from explorer.core.errors import Cancelled, DownloadError, WeightsError
from explorer.core.models import local_weights, weights
from explorer.core.models.applications import get_spec
from explorer.core.models.weights import DownloadProgress
from explorer.core.text import format_duration, format_progress


@pytest.fixture
def server():
    """The local server (``tests/local_server.py``), shut down after the test."""
    with local_server() as httpd:
        yield httpd


def _left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --------------------------------------------------------------------------- downloads

def test_download_stalled_server_fails_within_timeout_and_leaves_nothing(server, tmp_path):
    dest = tmp_path / "models" / "stalled.h5"
    start = time.monotonic()
    with pytest.raises(DownloadError) as info:
        weights.download(server.base + "/stall", dest, timeout=1.0)
    elapsed = time.monotonic() - start
    assert 0.9 <= elapsed < 4.0
    message = str(info.value)
    assert "stalled.h5" in message and server.base + "/stall" in message
    assert str(dest.parent) in message
    assert "untrained" in message and "weights file of your own" in message
    assert "stalled" in message  # the reason: nothing arrived for 1 s
    assert _left_in(dest.parent) == []


def test_download_stall_after_headers_fails_and_leaves_nothing(server, tmp_path):
    dest = tmp_path / "models" / "body.h5"
    start = time.monotonic()
    with pytest.raises(DownloadError, match="nothing arrived for 1 s"):
        weights.download(server.base + "/stall-body", dest, timeout=1.0)
    assert time.monotonic() - start < 4.0
    assert _left_in(dest.parent) == []


def test_download_truncated_body_fails_and_leaves_nothing(server, tmp_path):
    dest = tmp_path / "models" / "cut.h5"
    with pytest.raises(DownloadError) as info:
        weights.download(server.base + "/truncated", dest, timeout=2.0)
    third = len(PAYLOAD) // 3
    assert f"after {third:,} of {len(PAYLOAD):,} bytes" in str(info.value)
    assert _left_in(dest.parent) == []


def test_download_http_error_names_the_status(server, tmp_path):
    dest = tmp_path / "models" / "missing.h5"
    with pytest.raises(DownloadError, match="HTTP 404"):
        weights.download(server.base + "/missing", dest, timeout=2.0)
    assert _left_in(dest.parent) == []


def test_download_refused_connection_is_a_download_error(tmp_path):
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dest = tmp_path / "models" / "refused.h5"
    with pytest.raises(DownloadError, match="refused.h5"):
        weights.download(f"http://127.0.0.1:{port}/x", dest, timeout=1.0)
    assert _left_in(dest.parent) == []


def test_download_reports_progress_at_most_every_interval_and_verifies(server, tmp_path,
                                                                        monkeypatch):
    """Progress comes at most every PROGRESS_INTERVAL_S, and once at the end. The download's
    clock is replaced by one that moves 40 ms at each reading (one reading per chunk), so the
    reports fall on chunks 1, 4, 7 and 10 whatever the machine's speed."""
    ticks = iter(range(1_000))
    clock = types.SimpleNamespace(monotonic=lambda: next(ticks) * 0.04)
    monkeypatch.setattr(weights, "time", clock)  # this module's clock only
    assert weights.PROGRESS_INTERVAL_S == 0.1 and len(PAYLOAD) == 10 * weights.CHUNK_BYTES
    dest = tmp_path / "models" / "steady.h5"
    reports: list[DownloadProgress] = []
    path = weights.download(server.base + "/data", dest, expected_hash=PAYLOAD_SHA256,
                            progress=reports.append, timeout=2.0)
    assert path == dest
    assert dest.read_bytes() == PAYLOAD
    assert hashlib.sha256(dest.read_bytes()).hexdigest() == PAYLOAD_SHA256
    assert _left_in(dest.parent) == ["steady.h5"]  # no temporary file left next to it
    chunk = weights.CHUNK_BYTES
    assert [r.done_bytes for r in reports] == [chunk, 4 * chunk, 7 * chunk, 10 * chunk]
    assert all(r.total_bytes == len(PAYLOAD) for r in reports)
    assert all(r.url == server.base + "/data" and r.dest == dest for r in reports)
    # the clock started at tick 0; chunk k arrives at tick k: rate = bytes / (k × 40 ms)
    assert [r.rate_bytes_per_s for r in reports] == pytest.approx([chunk / 0.04] * 4)
    assert reports[-1].eta_s == 0 and reports[-1].fraction == 1.0
    assert reports[0].eta_s == pytest.approx(9 * 0.04)


def test_download_ends_with_a_report_of_all_of_it(server, tmp_path, monkeypatch):
    """The last word is always "all of it", even when the last chunk fell inside the interval."""
    ticks = iter(range(1_000))
    clock = types.SimpleNamespace(monotonic=lambda: next(ticks) * 0.01)
    monkeypatch.setattr(weights, "time", clock)
    reports: list[DownloadProgress] = []
    weights.download(server.base + "/data", tmp_path / "fast.h5", progress=reports.append,
                     timeout=2.0)
    assert [r.done_bytes for r in reports] == [weights.CHUNK_BYTES, len(PAYLOAD)]


def test_download_md5_like_keras(server, tmp_path):
    dest = tmp_path / "models" / "fast.h5"
    weights.download(server.base + "/data", dest, expected_hash=PAYLOAD_MD5, timeout=2.0)
    assert hashlib.md5(dest.read_bytes()).hexdigest() == PAYLOAD_MD5


def test_download_hash_mismatch_fails_and_keeps_the_old_file(server, tmp_path):
    dest = tmp_path / "models" / "bad.h5"
    dest.parent.mkdir()
    dest.write_bytes(b"previous contents")
    wrong = "0" * 64
    with pytest.raises(DownloadError) as info:
        weights.download(server.base + "/data", dest, expected_hash=wrong, timeout=2.0)
    assert PAYLOAD_SHA256 in str(info.value) and wrong in str(info.value)
    assert _left_in(dest.parent) == ["bad.h5"]
    assert dest.read_bytes() == b"previous contents"


def test_download_cancel_midway_leaves_nothing(server, tmp_path):
    dest = tmp_path / "models" / "cancel.h5"
    reports = []
    polls = []

    def cancel() -> bool:
        polls.append(time.monotonic())
        return len(polls) > 3  # after three chunks

    with pytest.raises(Cancelled, match="cancel.h5"):
        weights.download(server.base + "/slow-cancel", dest, progress=reports.append,
                         cancel=cancel, timeout=2.0)
    assert len(polls) == 4
    assert all(r.done_bytes < len(PAYLOAD) for r in reports)
    assert _left_in(dest.parent) == []


def test_download_callback_errors_pass_through_unchanged(server, tmp_path):
    dest = tmp_path / "models" / "bug.h5"

    def broken_progress(p):
        raise RuntimeError("a bug in the progress callback")

    with pytest.raises(RuntimeError, match="a bug in the progress callback"):
        weights.download(server.base + "/data", dest, progress=broken_progress, timeout=2.0)
    assert _left_in(dest.parent) == []


# --------------------------------------------------------------------------- the Keras cache

def test_keras_cache_dir_is_keras_home_models():
    expected = Path(os.environ["KERAS_HOME"]) / "models"
    assert weights.keras_cache_dir() == expected
    import keras  # noqa: F401  (once Keras is loaded its own choice is used; it must agree)
    from keras.src.backend import config

    assert weights.keras_cache_dir() == Path(config.keras_home()) / "models"


def test_keras_cache_dir_falls_back_to_tmp_like_keras(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.delitem(sys.modules, "keras.src.backend.config", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(blocker / "keras"))
    assert weights.keras_cache_dir() == Path("/tmp/.keras/models")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "new" / "home"))  # creatable: kept
    assert weights.keras_cache_dir() == tmp_path / "new" / "home" / "models"
    monkeypatch.delenv("KERAS_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert weights.keras_cache_dir() == tmp_path / ".keras" / "models"


def test_ensure_cached_downloads_once_then_finds_the_file(server):
    spec = dataclasses.replace(get_spec("mobilenet"), file_name="cnn-explorer-test-weights.h5",
                               url=server.base + "/data", file_hash=PAYLOAD_MD5,
                               approx_bytes=len(PAYLOAD))
    cache = weights.keras_cache_dir()
    target = cache / spec.file_name
    try:
        assert weights.cached_path(spec) is None
        assert weights.weights_status(spec) == "to download (≈655 kB)"
        path = weights.ensure_cached(spec, timeout=2.0)
        assert path == target and path.read_bytes() == PAYLOAD
        assert weights.cached_path(spec) == target
        assert weights.weights_status(spec) == "cached"
        weights.ensure_cached(spec, timeout=2.0)
        assert server.hits["/data"] == 1  # found in the cache the second time
        target.write_bytes(b"corrupt")  # a wrong hash is fetched again, as Keras does
        weights.ensure_cached(spec, timeout=2.0)
        assert server.hits["/data"] == 2 and target.read_bytes() == PAYLOAD
    finally:
        target.unlink(missing_ok=True)


def test_weights_status_sizes():
    assert weights.weights_status(get_spec("mobilenetv2")) == "to download (≈15 MB)"
    assert weights.weights_status(get_spec("convnextxlarge")) == "to download (≈1.4 GB)"
    assert text.format_bytes(7_100_000) == "7.1 MB"


# --------------------------------------------------------------------------- progress text

def test_format_progress_matches_the_cli_line():
    p = DownloadProgress(7_100_000, 16_900_000, 2_300_000, 4.0,
                         "https://example.invalid/mobilenet_1_0_224_tf.h5",
                         Path("/cache/models/mobilenet_1_0_224_tf.h5"))
    assert format_progress(p) == "mobilenet_1_0_224_tf.h5  7.1/16.9 MB  2.3 MB/s  0:04 left"
    assert format_progress(p, bar_width=10) == (
        "[####------]  42% mobilenet_1_0_224_tf.h5  7.1/16.9 MB  2.3 MB/s  0:04 left")
    unknown = dataclasses.replace(p, total_bytes=None, eta_s=None, rate_bytes_per_s=0.0,
                                  done_bytes=650_000)
    assert format_progress(unknown) == "mobilenet_1_0_224_tf.h5  650.0 kB"
    assert format_duration(0.2) == "0:01" and format_duration(3725) == "1:02:05"


# --------------------------------------------------------------------------- local files

def _pair_of_models():
    import keras

    def make(units: int, name: str):
        inputs = keras.Input((8, 8, 1))
        x = keras.layers.Conv2D(4, 3, name="conv")(inputs)
        x = keras.layers.Flatten(name="flat")(x)
        return keras.Model(inputs, keras.layers.Dense(units, name="head")(x), name=name)

    return make(10, "a"), make(3, "b")


def test_load_local_weights_exact(tmp_path):
    a, _ = _pair_of_models()
    import keras

    twin = keras.models.clone_model(a)
    path = tmp_path / "a.weights.h5"
    a.save_weights(path)
    report = local_weights.load_local_weights(twin, path)
    assert (report.method, report.matched_layers, report.total_layers) == ("exact", 2, 2)
    for got, want in zip(twin.get_weights(), a.get_weights()):
        np.testing.assert_array_equal(got, want)


def test_load_local_weights_by_name_skips_mismatched_layers(tmp_path):
    a, b = _pair_of_models()
    path = tmp_path / "a.h5"
    a.save(path)  # legacy HDF5: layer names and weight shapes recorded
    head_before = b.get_layer("head").get_weights()[0].copy()
    report = local_weights.load_local_weights(b, path)
    assert (report.method, report.matched_layers, report.total_layers) == ("by_name", 1, 2)
    np.testing.assert_array_equal(b.get_layer("conv").get_weights()[0],
                                  a.get_layer("conv").get_weights()[0])
    np.testing.assert_array_equal(b.get_layer("head").get_weights()[0], head_before)


def test_load_local_weights_nothing_in_common(tmp_path):
    import keras

    a, _ = _pair_of_models()
    path = tmp_path / "a.h5"
    a.save(path)
    inputs = keras.Input((5,))
    other = keras.Model(inputs, keras.layers.Dense(2, name="other")(inputs))
    with pytest.raises(WeightsError, match="None of the layers in a.h5"):
        local_weights.load_local_weights(other, path)


def test_load_local_weights_bad_paths(tmp_path):
    a, _ = _pair_of_models()
    with pytest.raises(WeightsError, match="does not exist"):
        local_weights.load_local_weights(a, tmp_path / "nope.h5")
    text = tmp_path / "weights.txt"
    text.write_text("no")
    with pytest.raises(WeightsError, match="Expected a .h5, .hdf5, .weights.h5 or .keras"):
        local_weights.load_local_weights(a, text)
    junk = tmp_path / "junk.h5"
    junk.write_bytes(b"not hdf5 at all")
    with pytest.raises(WeightsError, match="junk.h5"):
        local_weights.load_local_weights(a, junk)
