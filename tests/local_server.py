"""A local HTTP server for download tests: every path a way a download can go.

It listens on 127.0.0.1 only, and every handler stops by itself within :data:`MAX_HOLD_S`.
Used by ``tests/core/test_weights.py`` (the download function) and the CLI's ``download``
tests.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import threading
import time

import numpy as np

PAYLOAD = np.random.default_rng(5).integers(0, 256, 640 * 1024, dtype=np.uint8).tobytes()
PAYLOAD_MD5 = hashlib.md5(PAYLOAD).hexdigest()
PAYLOAD_SHA256 = hashlib.sha256(PAYLOAD).hexdigest()
SLOW_CHUNK = 64 * 1024
SLOW_PAUSE_S = 0.04
MAX_HOLD_S = 5.0  # the longest any handler keeps a connection open


class Handler(http.server.BaseHTTPRequestHandler):
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


@contextlib.contextmanager
def local_server():
    """A threaded HTTP server on 127.0.0.1 serving :class:`Handler`'s paths; shut down (and
    its handlers released) on leaving. ``.base`` is its address, ``.hits`` counts requests."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.hits = {}
    httpd.release = threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield httpd
    finally:
        httpd.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=MAX_HOLD_S)
    assert not thread.is_alive()
