"""Weights the Keras way: the Keras cache, downloads with progress/cancel/timeout, local files.

Pretrained ``keras.applications`` weights live where Keras itself keeps them
(``$KERAS_HOME/models``, else ``~/.keras/models``, with Keras's fall-back to ``/tmp/.keras``), so a
file fetched here is found by ``keras.utils.get_file`` and the other way round. Nothing in this
module imports TensorFlow; :mod:`explorer.core.models.local_weights` puts a user-picked file
into a model.

A download writes to a hidden temporary file in the destination folder and moves it into place
with :func:`os.replace` only once every byte has arrived and the hash matches, so an error, a
stall or a cancel never leaves a half-written file behind.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from explorer.core.errors import Cancelled, DownloadError
from explorer.core.text import format_bytes

CHUNK_BYTES = 64 * 1024
"""Bytes read per ``read()``; cancel is polled once a chunk."""

PROGRESS_INTERVAL_S = 0.1
"""Least time between two progress reports (the first and the last are always sent)."""


class WeightsFile(Protocol):
    """What the cache needs to know of a weights file (``applications.PretrainedSpec`` is one)."""

    file_name: str
    url: str
    file_hash: str | None
    approx_bytes: int


@dataclass(frozen=True)
class DownloadProgress:
    """One progress report of a running download.

    Attributes:
        done_bytes: bytes received so far.
        total_bytes: the size the server announced (``Content-Length``), or None.
        rate_bytes_per_s: mean speed since the download started.
        eta_s: seconds left at that speed, or None when the total or the speed is unknown.
        url: the address being fetched.
        dest: the final path of the file.
    """

    done_bytes: int
    total_bytes: int | None
    rate_bytes_per_s: float
    eta_s: float | None
    url: str
    dest: Path

    @property
    def fraction(self) -> float | None:
        """Share done in [0, 1], or None when the total is unknown."""
        if not self.total_bytes:
            return None
        return min(1.0, self.done_bytes / self.total_bytes)


# --------------------------------------------------------------------------- the Keras cache

def keras_cache_dir() -> Path:
    """The folder Keras downloads application weights into (``get_file(cache_subdir="models")``).

    Follows ``keras.utils.get_file``: the Keras home is ``$KERAS_HOME``, else ``~/.keras`` (or
    ``/tmp/.keras`` when the home folder is not writable); when that is not writable either,
    ``/tmp/.keras``. Once Keras is imported its own (import-time) choice is used, so the two
    always agree. Nothing is created here.

    Returns:
        ``<keras home>/models``.
    """
    # Keras loaded: ask it. Looked up, not imported (this module must not import Keras); the
    # same function is ``explorer.core.graph.keras_compat.keras_home`` on the worker's side.
    config = sys.modules.get("keras.src.backend.config")
    if config is not None and hasattr(config, "keras_home"):
        base = config.keras_home()
    elif "KERAS_HOME" in os.environ:
        base = os.environ["KERAS_HOME"]
    else:
        home = os.path.expanduser("~")
        base = os.path.join(home if os.access(home, os.W_OK) else "/tmp", ".keras")
    base = os.path.expanduser(base)
    if not _writable_or_creatable(Path(base)):
        base = os.path.join("/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir(), ".keras")
    return Path(base) / "models"


def _writable_or_creatable(path: Path) -> bool:
    """Whether ``path`` is a writable folder or could be made (Keras makes its home on import)."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate.is_dir() and os.access(candidate, os.W_OK)
    return False


def cached_path(spec: WeightsFile, folder: Path | None = None) -> Path | None:
    """The cached weights file of ``spec``, or None when it is not in the Keras cache
    (``folder``: :func:`keras_cache_dir`, found once by a caller that lists many).

    Only checks that a non-empty file is there (cheap enough for listings); :func:`ensure_cached`
    also verifies the hash.
    """
    path = (folder or keras_cache_dir()) / spec.file_name
    try:
        return path if path.is_file() and path.stat().st_size > 0 else None
    except OSError:
        return None


def weights_status(spec: WeightsFile, folder: Path | None = None) -> str:
    """``"cached"`` or ``"to download (≈14 MB)"``, for catalogue listings (no TensorFlow)."""
    if cached_path(spec, folder) is not None:
        return "cached"
    return f"to download (≈{format_bytes(spec.approx_bytes)})"


_VERIFIED: dict[tuple[str, int, int], bool] = {}


def file_matches_hash(path: Path, expected_hash: str | None) -> bool:
    """Whether a file has Keras's hash (sha256 when 64 hex digits, else md5); True when None.

    Results are remembered per (path, size, mtime) so a big cached file is hashed once a session.
    """
    if not expected_hash:
        return True
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _VERIFIED:
        hasher = _hasher_for(expected_hash)
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                hasher.update(chunk)
        _VERIFIED[key] = hasher.hexdigest() == expected_hash
    return _VERIFIED[key]


def _hasher_for(expected_hash: str):
    """Keras's ``resolve_hasher(algorithm="auto")``: sha256 for 64 characters, md5 otherwise."""
    return hashlib.sha256() if len(expected_hash) == 64 else hashlib.md5()


def ensure_cached(spec: WeightsFile, *, progress: Callable[[DownloadProgress], None] | None = None,
                  cancel: Callable[[], bool] | None = None, timeout: float = 15.0) -> Path:
    """The weights file of ``spec`` in the Keras cache, downloading it first when needed.

    A cached file whose hash does not match is fetched again, as ``keras.utils.get_file`` does.

    Args:
        spec: the weights file (name, address, Keras's hash, approximate size).
        progress: called with a :class:`DownloadProgress` while downloading.
        cancel: polled once a chunk; return True to stop.
        timeout: seconds to wait for the connection and for each read.

    Returns:
        The path of the verified file in :func:`keras_cache_dir`.

    Raises:
        DownloadError: the file could not be fetched or verified.
        Cancelled: ``cancel()`` returned True.
    """
    path = cached_path(spec)
    if path is not None and file_matches_hash(path, spec.file_hash):
        return path
    return download(spec.url, keras_cache_dir() / spec.file_name, expected_hash=spec.file_hash,
                    progress=progress, cancel=cancel, timeout=timeout)


# --------------------------------------------------------------------------- downloading

def download(url: str, dest: str | Path, *, expected_hash: str | None = None,
             progress: Callable[[DownloadProgress], None] | None = None,
             cancel: Callable[[], bool] | None = None, timeout: float = 15.0) -> Path:
    """Fetch ``url`` into ``dest`` atomically, with progress, cancel, a stall timeout and a hash.

    Args:
        url: the address (``http``/``https``).
        dest: the final file path; its folder is created.
        expected_hash: Keras's sha256 (64 hex digits) or md5 of the file, or None.
        progress: called with a :class:`DownloadProgress` at most every
            :data:`PROGRESS_INTERVAL_S` seconds, and once at the end.
        cancel: polled once a chunk; when it returns True the download stops.
        timeout: seconds allowed for connecting and for each read (a stall longer than this
            fails the download).

    Returns:
        ``dest``, complete and verified.

    Raises:
        DownloadError: network failure, HTTP error, stall, truncated body or hash mismatch.
        Cancelled: ``cancel()`` returned True. In every failing case no file is left behind.
    """
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as exc:
        raise _download_error(url, dest, f"the folder cannot be written ({exc})") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            _fetch(url, dest, out, expected_hash, progress, cancel, timeout)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def _fetch(url, dest, out, expected_hash, progress, cancel, timeout) -> None:
    """Stream the body of ``url`` into the open file ``out``; raise on any shortfall."""
    hasher = _hasher_for(expected_hash) if expected_hash else None
    request = urllib.request.Request(url, headers={"User-Agent": "cnn-explorer"})
    start = time.monotonic()
    done = 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            last_report, reported = None, -1
            while True:
                if cancel is not None and _callback(cancel):
                    raise Cancelled(f"Download of {dest.name} cancelled",
                                    f"Nothing was kept; fetch it again later or put the file "
                                    f"in {dest.parent} yourself")
                chunk = response.read(CHUNK_BYTES)
                if not chunk:
                    break
                out.write(chunk)
                if hasher is not None:
                    hasher.update(chunk)
                done += len(chunk)
                now = time.monotonic()
                if progress is not None and (last_report is None
                                             or now - last_report >= PROGRESS_INTERVAL_S):
                    last_report, reported = now, done
                    _callback(progress, _progress(done, total, start, now, url, dest))
    except (Cancelled, DownloadError):
        raise
    except _CallbackFailed as failed:  # the caller's own exception, unchanged
        raise failed.args[0]
    except urllib.error.HTTPError as exc:
        raise _download_error(url, dest, f"the server answered HTTP {exc.code} {exc.reason}") \
            from exc
    except urllib.error.URLError as exc:
        raise _download_error(url, dest, _reason(exc.reason, timeout)) from exc
    except (OSError, ValueError, EOFError, http.client.HTTPException) as exc:
        raise _download_error(url, dest, _reason(exc, timeout)) from exc
    if total is not None and done != total:
        raise _download_error(url, dest, f"the connection closed after {done:,} of {total:,} "
                                         "bytes (a truncated download)")
    if hasher is not None and hasher.hexdigest() != expected_hash:
        raise _download_error(url, dest, f"the file's hash {hasher.hexdigest()} is not Keras's "
                                         f"{expected_hash} (a corrupted or changed file)")
    if progress is not None and reported != done:  # the last word is always "all of it"
        progress(_progress(done, done, start, time.monotonic(), url, dest))


class _CallbackFailed(Exception):
    """Carries an exception raised by ``progress``/``cancel`` past the network handlers."""


def _callback(function, *args):
    try:
        return function(*args)
    except BaseException as exc:
        raise _CallbackFailed(exc) from exc


def _progress(done, total, start, now, url, dest) -> DownloadProgress:
    elapsed = max(now - start, 1e-6)
    rate = done / elapsed
    eta = (total - done) / rate if total is not None and rate > 0 else None
    return DownloadProgress(done, total, rate, eta, url, dest)


def _reason(exc, timeout: float) -> str:
    if isinstance(exc, TimeoutError):
        return f"nothing arrived for {timeout:g} s (the connection stalled)"
    return str(exc) or type(exc).__name__


def _download_error(url: str, dest: Path, reason: str) -> DownloadError:
    """The message every failed download carries: file, address, cache folder, two ways on."""
    return DownloadError(
        f"Could not download {dest.name} from {url}: {reason}",
        f"Check the network and try again (the window has a Retry button), or fetch the file "
        f"yourself and put it in {dest.parent}; or go on without it: choose untrained weights "
        f"(on the command line --weights untrained) or a weights file of your own")
