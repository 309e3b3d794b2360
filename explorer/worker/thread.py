"""The one long-lived thread that owns TensorFlow, and its bridge to the GUI thread.

:class:`Worker` is a ``QObject`` living on the GUI thread. :meth:`Worker.submit` puts a request
on a queue and returns its id (ids only increase). A plain Python thread drains the queue and
hands each request to a :class:`~explorer.worker.session.WorkerSession`; results, progress and
errors travel back as Qt signals, which Qt queues onto the GUI thread.

A newer request of a coalescing kind (``coalesce = True`` on its class) drops queued requests
of the same kind, so a storm of image switches runs only the last. The thread imports TensorFlow (via
the session) when it starts, never the GUI thread.
"""

from __future__ import annotations

import gc
import itertools
import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from explorer.worker.messages import ErrorReport, Progress
from explorer.worker.state import JobState

log = logging.getLogger(__name__)

THREAD_NAME = "explorer-worker"
_STOP = object()


def _default_session():
    """The real session with every job loaded, which imports TensorFlow (on the worker's thread
    only).

    TensorFlow creates some 300,000 objects that live as long as the process. Each full pass
    of Python's cyclic garbage collector over them holds the GIL, freezing the window, for
    0.1-0.5 s; so the collector is paused during the import and then told to leave all of it
    alone (``gc.freeze``).
    """
    gc.disable()
    try:
        from explorer.worker.registry import load_jobs
        from explorer.worker.session import WorkerSession
        load_jobs()  # the job modules import TensorFlow
        session = WorkerSession()
    finally:
        gc.freeze()
        gc.enable()
    return session


class Worker(QObject):
    """Runs requests one at a time on its own thread.

    Signals:
        started(int, object): a request (id, request) began running.
        result(int, object): a result for request id (several may come per request).
        failed(int, object): request id failed; the payload is an :class:`ErrorReport`.
        progress(int, object): request id reports a :class:`Progress`.
        finished(int): request id is done (after its results or its failure).

    Args:
        session_factory: builds the session on the worker thread (tests pass their own).
    """

    started = Signal(int, object)
    result = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, object)
    finished = Signal(int)

    def __init__(self, session_factory: Callable[[], Any] = _default_session, parent=None):
        super().__init__(parent)
        self._session_factory = session_factory
        self._ids = itertools.count(1)
        self._queue: list[tuple[int, Any]] = []
        self._cond = threading.Condition()
        self._running_state = None
        self._running_request = None
        self._busy = False
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ GUI-thread API
    def start(self) -> None:
        """Start the thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name=THREAD_NAME, daemon=True)
            self._thread.start()

    def submit(self, request: Any) -> int:
        """Queue ``request`` and return its id.

        A queued request of the same coalescing kind is dropped: only the newest runs.
        """
        request_id = next(self._ids)
        with self._cond:
            if getattr(request, "coalesce", False):
                self._queue = [(i, r) for i, r in self._queue if type(r) is not type(request)]
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
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("The worker thread did not end within %.1f s.", timeout)
                return False
        return True

    # ------------------------------------------------------------------ worker thread
    def _next(self) -> tuple[int, Any, JobState]:
        """Wait for the next request; its state is set under the lock, so a cancel never
        falls between taking a request and starting it."""
        with self._cond:
            while not self._queue:
                self._cond.wait()
            request_id, request = self._queue.pop(0)
            self._busy = request is not _STOP
            self._running_state = JobState(lambda p, i=request_id: self._emit_progress(i, p))
            self._running_request = request
            return request_id, request, self._running_state

    def _loop(self) -> None:
        try:
            session = self._session_factory()
        except Exception as error:  # noqa: BLE001 - no session: every request fails
            log.exception("The worker could not start.")
            session, start_error = None, error
        while True:
            request_id, request, state = self._next()
            if request is _STOP:
                return
            self.started.emit(request_id, request)
            try:
                if session is None:
                    raise start_error
                session.handle(request_id, request, state,
                               lambda value, i=request_id: self.result.emit(i, value))
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
