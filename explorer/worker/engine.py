"""The engine: the process in which TensorFlow runs, started by the window's worker.

:func:`engine_main` is the child process's whole life. Its reader thread takes the window's
messages off the pipe as they come: requests go to a queue, a cancel reaches the running job's
:class:`~explorer.worker.state.JobState` at once, a release frees a shared block, a call on a
steering object (a training run's :class:`~explorer.worker.remote.Remote`) is applied, and a
stop ends the process. The main thread answers the requests one after another with the same
:class:`~explorer.worker.session.WorkerSession` the in-process worker uses; every result,
partial result, progress report and failure goes back as one message (:mod:`.wire`).

When the window's end of the pipe closes (the window quit or died), the engine exits.
"""

from __future__ import annotations

import dataclasses
import faulthandler
import logging
import os
import queue
import signal
import sys
import threading
import traceback
from typing import Any

from explorer.core.heap import fix_malloc_thresholds
from explorer.worker import wire
from explorer.worker.messages import ErrorReport
from explorer.worker.state import JobState

log = logging.getLogger(__name__)

ENGINE_NICENESS = 10
"""How much lower the engine's scheduling priority is than the window's (Unix ``nice``). At 5,
on two cores, the window still waited for a core while TensorFlow imported or traced (GUI gaps
of 24–40 ms in ``benchmarks/stall.py``); at 10 the phases took as long and the gaps stayed
mostly under 20 ms. An idle window leaves the engine every core."""
STOP_GRACE_S = 0.2
"""After a stop, how long the running job has to notice its cancel before the process ends."""


def _portable_report(request: Any, error: BaseException) -> ErrorReport:
    """The report of ``error`` in a form the window can unpickle without TensorFlow: a user's
    error keeps its class and fields; anything else becomes an :class:`EngineBugError` holding
    the original class's name and message, with the traceback in ``details``."""
    from explorer.core.errors import ExplorerError
    from explorer.worker.remote import EngineBugError

    report = ErrorReport.from_exception(request, error)
    if isinstance(error, ExplorerError):
        try:
            wire.check_portable(error)
            return dataclasses.replace(report, request=None)
        except Exception:  # noqa: BLE001 - an odd subclass: keep its words, lose its class
            plain = ExplorerError(error.what, error.fix, expected=error.expected,
                                  received=error.received)
            return dataclasses.replace(report, request=None, error_type=ExplorerError,
                                       error=plain)
    bug = EngineBugError(f"{type(error).__module__}.{type(error).__qualname__}", str(error))
    return dataclasses.replace(report, request=None, error_type=EngineBugError, error=bug)


class _Unreadable:
    """Stands for a request that could not be unpickled: answering it raises the reason."""

    def __init__(self, error: Exception):
        self.error = error


class Engine:
    """The engine's side of the pipe: its reader thread and its job loop.

    Args:
        channel: the engine's :class:`~explorer.worker.wire.Channel`.
        session_factory: builds the session (imports TensorFlow and the jobs).
    """

    def __init__(self, channel: "wire.Channel", session_factory):
        self.channel = channel
        self.session_factory = session_factory
        self.requests: "queue.Queue[tuple[int, Any]]" = queue.Queue()
        self._lock = threading.Lock()
        self._running: tuple[int, JobState] | None = None
        self._stopping = threading.Event()

    # ------------------------------------------------------------------ reader thread
    def read_forever(self) -> None:
        """Take the window's messages until the pipe closes, then end the process."""
        from explorer.worker import remote

        try:
            while True:
                try:
                    kind, request_id, payload = self.channel.receive()
                except wire.BadMessage as bad:
                    log.error("A message from the window could not be read", exc_info=bad.error)
                    if bad.kind == "run":
                        self.requests.put((bad.request_id, _Unreadable(bad.error)))
                    continue
                if kind == "run":
                    self.requests.put((request_id, payload))
                elif kind == "cancel":
                    with self._lock:
                        if self._running is not None and self._running[0] == request_id:
                            self._running[1].cancel()
                elif kind == "release":
                    for block_id in payload:
                        self.channel.arena.released(block_id)
                elif kind == "call":
                    remote.apply(*payload)
                elif kind == "stop":
                    self.stop()
                    return
        except (EOFError, OSError):
            pass  # the window is gone
        except Exception:  # noqa: BLE001 - a broken message: say it, then go
            log.exception("The engine could not read the window's message")
        os._exit(0)

    def stop(self) -> None:
        """Cancel the running job, give it :data:`STOP_GRACE_S` to notice, and exit."""
        self._stopping.set()
        with self._lock:
            if self._running is not None:
                self._running[1].cancel()
        self.requests.put((0, None))
        threading.Timer(STOP_GRACE_S, os._exit, (0,)).start()

    # ------------------------------------------------------------------ job loop
    def serve(self) -> None:
        """Answer requests until stopped."""
        try:
            session, start_error = self.session_factory(), None
        except Exception as error:  # noqa: BLE001 - no session: every request fails
            log.exception("The engine could not start.")
            session, start_error = None, error
        if session is not None and hasattr(session, "memory"):
            session.memory.arena = self.channel.arena
        self.channel.send("ready", 0, os.getpid())
        while not self._stopping.is_set():
            request_id, request = self.requests.get()
            if request is None:
                break
            state = JobState(lambda p, i=request_id: self.channel.send("progress", i, p))
            with self._lock:
                self._running = (request_id, state)
            ok = False
            try:
                if session is None:
                    raise start_error
                if isinstance(request, _Unreadable):
                    raise request.error
                session.handle(request_id, request, state,
                               lambda value, i=request_id: self.channel.send("result", i, value))
                ok = True
            except Exception as error:  # noqa: BLE001 - an error is data for the window
                report = _portable_report(request, error)
                if report.details:
                    log.error("Engine request %d (%s) failed:\n%s", request_id,
                              type(request).__name__, report.details)
                self.channel.send("failed", request_id, report)
            finally:
                with self._lock:
                    self._running = None
                self.channel.send("finished", request_id, ok)


def engine_main(connection, fd_socket, crash_log: str | None = None) -> None:
    """The engine process: answer the window's requests until it goes away.

    Args:
        connection: the engine's end of the duplex pipe.
        fd_socket: the engine's end of the socket that carries shared blocks' descriptors
            (None where blocks are not shared).
        crash_log: a file that receives the Python stacks if the engine crashes natively.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal is the window's
    fix_malloc_thresholds()
    try:
        os.nice(ENGINE_NICENESS)  # the window's process gets the CPU first: it never stutters
    except (AttributeError, OSError):
        pass
    logging.basicConfig(level=logging.INFO, format="%(levelname)s engine %(name)s: %(message)s")
    if crash_log:
        try:
            crash_file = open(crash_log, "w", encoding="utf-8")  # noqa: SIM115 - for good
            faulthandler.enable(crash_file, all_threads=True)
        except OSError:
            faulthandler.enable(sys.stderr, all_threads=True)
    from explorer.worker.session import load_session

    channel = wire.Channel(connection, fd_socket, engine=True)
    engine = Engine(channel, load_session)
    threading.Thread(target=engine.read_forever, name="engine-reader", daemon=True).start()
    try:
        engine.serve()
    except BaseException:  # noqa: BLE001 - the last words of a dying engine
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
