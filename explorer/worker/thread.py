"""The worker: the window's one way to TensorFlow, and its bridge back to the GUI thread.

:class:`Worker` is a ``QObject`` living on the GUI thread. :meth:`Worker.submit` puts a request
on a queue and returns its id (ids only increase). A plain Python thread drains the queue and
hands each request on; results, progress and errors travel back as Qt signals, which Qt queues
onto the GUI thread.

Where requests go (``engine``): by default to the **engine process**
(:class:`~explorer.worker.bridge.EngineClient`), so the window's process never imports
TensorFlow, a job can be stopped for real and a crash in the engine costs a restart, not the
session. With ``engine="thread"`` (or ``CNN_EXPLORER_ENGINE=thread``; the test suite's window
tests use it, as it starts no process per window) a
:class:`~explorer.worker.session.WorkerSession` answers them on the worker thread itself, which
then imports TensorFlow.

A newer request of a coalescing kind (``coalesce = True`` on its class) drops queued requests
of the same kind, so a storm of image switches runs only the last; one that supersedes
(``supersede = True``: a model load) also cancels a running one of its kind.
"""

from __future__ import annotations

import importlib
import itertools
import logging
import os
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from explorer.core.errors import Cancelled
from explorer.worker.bridge import RemoteFailure
from explorer.worker.messages import ErrorReport, Progress
from explorer.worker.state import JobState

log = logging.getLogger(__name__)

THREAD_NAME = "explorer-worker"
_STOP = object()


ENGINE_ENV = "CNN_EXPLORER_ENGINE"
"""``process`` (the default) or ``thread``: where the worker's requests are answered."""
IDLE_TICK_S = 0.5
"""How often an idle worker passes released shared memory back to the engine."""


def engine_mode(requested: str | None = None) -> str:
    """``process`` or ``thread``: ``requested``, else the environment's, else ``process``."""
    mode = (requested or os.environ.get(ENGINE_ENV, "") or "process").strip().lower()
    if mode not in ("process", "thread"):
        raise ValueError(f"{ENGINE_ENV} must be 'process' or 'thread', not {mode!r}")
    return mode


def _default_session():
    """The in-process session with every job loaded: imports TensorFlow on this thread. Only
    ``engine="thread"`` does that, so the module is imported by name, and the walls
    (``pyproject.toml``) keep the app's default path free of it."""
    return importlib.import_module("explorer.worker.session").load_session()


class Worker(QObject):
    """Runs requests one at a time on its own thread.

    Signals:
        started(int, object): a request (id, request) began running.
        result(int, object): a result for request id (several may come per request).
        failed(int, object): request id failed; the payload is an :class:`ErrorReport`.
        progress(int, object): request id reports a :class:`Progress`.
        finished(int): request id is done (after its results or its failure).

    Args:
        session_factory: builds an in-process session on the worker thread (tests pass their
            own fakes); when given, no engine process is started.
        engine: ``process`` or ``thread`` (see :func:`engine_mode`); ignored when a
            ``session_factory`` is given.
    """

    started = Signal(int, object)
    result = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, object)
    finished = Signal(int)

    def __init__(self, session_factory: Callable[[], Any] | None = None, parent=None,
                 engine: str | None = None):
        super().__init__(parent)
        self.mode = "thread" if session_factory is not None else engine_mode(engine)
        self._session_factory = session_factory or _default_session
        self._client = None
        if self.mode == "process":
            from explorer.worker.bridge import EngineClient
            self._client = EngineClient()
        self._ids = itertools.count(1)
        self._queue: list[tuple[int, Any]] = []
        self._cond = threading.Condition()
        self._running_state = None
        self._running_request = None
        self._spawned = threading.Event()  # the engine process is started (or could not be)
        self._busy = False
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ GUI-thread API
    @property
    def engine(self):
        """The :class:`~explorer.worker.bridge.EngineClient` (None in-process)."""
        return self._client

    def start(self) -> None:
        """Start the thread (once); the engine process starts at once too, from the thread
        (spawning a process takes the GUI thread's time: some 10 ms, the first time more)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name=THREAD_NAME, daemon=True)
            self._thread.start()

    def wait_spawned(self, timeout: float) -> bool:
        """Wait, at most ``timeout`` seconds, until the engine process has been started (at
        once with an in-process worker). Spawning it holds the interpreter lock for some
        milliseconds (``fork_exec``, twice with multiprocessing's resource tracker), which
        the window would rather spend before it shows than in its first turns."""
        return self._client is None or self._spawned.wait(timeout)

    def submit(self, request: Any) -> int:
        """Queue ``request`` and return its id.

        A queued request of the same coalescing kind is dropped: only the newest runs.
        """
        request_id = next(self._ids)
        with self._cond:
            if getattr(request, "coalesce", False):
                self._queue = [(i, r) for i, r in self._queue if type(r) is not type(request)]
            if getattr(request, "supersede", False) and self._running_state is not None and \
                    type(self._running_request) is type(request):
                self._running_state.cancel()
            self._queue.append((request_id, request))
            self._cond.notify()
        return request_id

    def pending(self) -> int:
        """Requests queued and not yet started."""
        with self._cond:
            return len(self._queue)

    def is_idle(self) -> bool:
        """True when nothing is queued and nothing is running."""
        with self._cond:
            return not self._queue and not self._busy

    def cancel_running(self, kind: type | None = None) -> None:
        """Ask the running job (a download, say) to stop at its next check.

        Args:
            kind: cancel only a running request of this type (None: whatever runs).
        """
        with self._cond:
            state, request = self._running_state, self._running_request
        if state is not None and (kind is None or isinstance(request, kind)):
            state.cancel()

    def is_running(self) -> bool:
        """True while the thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 10.0) -> bool:
        """Drop queued requests, cancel the running one and end the thread.

        Args:
            timeout: seconds to wait for the thread to finish its current step.

        Returns:
            True when the thread has ended.
        """
        with self._cond:
            self._queue = [(0, _STOP)]
            self._cond.notify()
            if self._running_state is not None:
                self._running_state.cancel()
        if self._client is not None:
            self._client.shutdown()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("The worker thread did not end within %.1f s.", timeout)
                return False
        return True

    # ------------------------------------------------------------------ worker thread
    def _next(self, runner) -> tuple[int, Any, JobState]:
        """Wait for the next request; its state is set under the lock, so a cancel never
        falls between taking a request and starting it. While idle, the engine is looked
        after (released memory, a restart's reload)."""
        idle = getattr(runner, "idle", None)
        with self._cond:
            while not self._queue:
                if idle is None:
                    self._cond.wait()
                    continue
                self._cond.wait(IDLE_TICK_S)
                if not self._queue:
                    self._cond.release()
                    try:
                        idle()
                    except RemoteFailure as failure:  # the engine died between requests
                        self.failed.emit(0, failure.report)
                    except Exception:  # noqa: BLE001 - the next request meets it again
                        log.exception("Looking after the idle engine failed.")
                    finally:
                        self._cond.acquire()
            request_id, request = self._queue.pop(0)
            self._busy = request is not _STOP
            self._running_state = JobState(lambda p, i=request_id: self._emit_progress(i, p))
            self._running_request = request
            return request_id, request, self._running_state

    def _loop(self) -> None:
        start_error = None
        if self._client is not None:
            session = self._client
            try:
                session.start()
            except Cancelled:  # closed at once: nothing to answer
                return
            except Exception:  # noqa: BLE001 - the first request tries again and says why
                log.exception("The engine could not start.")
            finally:
                self._spawned.set()
        else:
            try:
                session = self._session_factory()
            except Exception as error:  # noqa: BLE001 - no session: every request fails
                log.exception("The worker could not start.")
                session, start_error = None, error
        while True:
            request_id, request, state = self._next(session)
            if request is _STOP:
                return
            self.started.emit(request_id, request)
            try:
                if session is None:
                    raise start_error
                session.handle(request_id, request, state,
                               lambda value, i=request_id: self.result.emit(i, value))
            except RemoteFailure as failure:  # the engine's report, traceback included
                report = failure.report
                if report.details:
                    log.error("Engine request %d (%s) failed (see the engine's log above)",
                              request_id, type(request).__name__)
                self.failed.emit(request_id, report)
            except Exception as error:  # noqa: BLE001 - an error is data for the window
                report = ErrorReport.from_exception(request, error)
                if report.details:
                    log.error("Worker request %d (%s) failed:\n%s", request_id,
                              type(request).__name__, report.details)
                self.failed.emit(request_id, report)
            finally:
                with self._cond:
                    self._running_state = None
                    self._running_request = None
                    self._busy = False
                self.finished.emit(request_id)

    def _emit_progress(self, request_id: int, progress: Progress) -> None:
        self.progress.emit(request_id, progress)
