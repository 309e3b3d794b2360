"""Weights the Keras way: the cache folder, downloads against a local HTTP server (stall,
truncation, slow chunks, hash mismatch, cancel), progress text, and local weights files.

Every server here listens on 127.0.0.1 and every handler stops by itself within a few seconds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import http.server
import os
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from explorer.core import text
from explorer.core.errors import Cancelled, DownloadError, WeightsError
from explorer.core.models import local_weights, weights
from explorer.core.models.applications import get_spec
from explorer.core.models.weights import DownloadProgress
from explorer.core.text import format_duration, format_progress

PAYLOAD = np.random.default_rng(5).integers(0, 256, 640 * 1024, dtype=np.uint8).tobytes()
PAYLOAD_MD5 = hashlib.md5(PAYLOAD).hexdigest()
PAYLOAD_SHA256 = hashlib.sha256(PAYLOAD).hexdigest()
SLOW_CHUNK = 64 * 1024
SLOW_PAUSE_S = 0.04
MAX_HOLD_S = 5.0  # the longest any handler keeps a connection open


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves PAYLOAD in the way the path asks for; counts requests per path."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        server = self.server
        server.hits[self.path] = server.hits.get(self.path, 0) + 1
        if self.path == "/stall":  # accept, then never answer
            server.release.wait(MAX_HOLD_S)
            return
        if self.path == "/stall-body":  # headers, then no body
            self._headers(len(PAYLOAD))
            server.release.wait(MAX_HOLD_S)
            return
        if self.path == "/truncated":  # promise the whole payload, send a third, hang up
            self._headers(len(PAYLOAD))
            self.wfile.write(PAYLOAD[: len(PAYLOAD) // 3])
            self.wfile.flush()
            self.close_connection = True
            return
        if self.path == "/missing":
            self.send_error(404, "Not Found")
            return
        if self.path in ("/slow", "/slow-cancel"):
            self._headers(len(PAYLOAD))
            for start in range(0, len(PAYLOAD), SLOW_CHUNK):
                if server.release.is_set():
                    return
                try:
                    self.wfile.write(PAYLOAD[start:start + SLOW_CHUNK])
                    self.wfile.flush()
                except OSError:  # the client went away (cancel)
                    return
                time.sleep(SLOW_PAUSE_S)
            return
        self._headers(len(PAYLOAD))  # "/data": everything at once
        self.wfile.write(PAYLOAD)

    def _headers(self, length: int):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.flush()


@pytest.fixture
def server():
    """A threaded HTTP server on 127.0.0.1, shut down (and its handlers released) after the test."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.hits = {}
    httpd.release = threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=MAX_HOLD_S)
    assert not thread.is_alive()


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


def test_download_slow_chunks_reports_progress_and_verifies(server, tmp_path):
    dest = tmp_path / "models" / "slow.h5"
    reports: list[DownloadProgress] = []
    path = weights.download(server.base + "/slow", dest, expected_hash=PAYLOAD_SHA256,
                            progress=reports.append, timeout=2.0)
    assert path == dest
    assert dest.read_bytes() == PAYLOAD
    assert hashlib.sha256(dest.read_bytes()).hexdigest() == PAYLOAD_SHA256
    assert _left_in(dest.parent) == ["slow.h5"]  # no temporary file left next to it
    # 10 chunks 40 ms apart, reports at most every 100 ms plus the final one.
    assert 3 <= len(reports) <= 10
    done = [r.done_bytes for r in reports]
    assert done == sorted(done) and len(set(done)) == len(done)
    assert done[-1] == len(PAYLOAD)
    assert all(r.total_bytes == len(PAYLOAD) for r in reports)
    assert all(r.url == server.base + "/slow" and r.dest == dest for r in reports)
    assert all(r.rate_bytes_per_s > 0 for r in reports)
    assert reports[-1].eta_s == 0 and reports[-1].fraction == 1.0
    assert reports[0].eta_s > 0


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
