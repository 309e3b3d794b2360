"""The window's side of the engine process: start it, hand it requests, stop it for real.

:class:`EngineClient` is what the worker thread runs requests through when the engine is a
process of its own (the app's default). It answers :meth:`EngineClient.handle` like an
in-process :class:`~explorer.worker.session.WorkerSession` does (progress, partial results,
the final result, or an exception), so the worker thread and the widgets cannot tell the
difference; what it adds:

- **hard cancel**: a cancelled job that has not stopped ``cancel_grace_s`` seconds later (a
  first trace cannot be interrupted) is ended with its engine; a new engine starts at once.
- **crash isolation**: if the engine dies under a request (a segfault in a library, killed
  for memory), the request fails with :class:`~explorer.worker.remote.EngineStopped`, which
  says which step died, why if it can tell, and what to try; a new engine starts.
- **state kept**: the requests that set the engine's state (the model, the compare model, the
  memory budget: ``replay = True`` on their class) are remembered when they succeed and sent
  again to a new engine before the next request that needs them.
- **quick quit**: :meth:`EngineClient.shutdown` ends the engine within half a second in any
  state.

It never imports TensorFlow, and no Qt either.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import multiprocessing
import os
import signal
import socket
import tempfile
import threading
import time
from multiprocessing.connection import wait
from typing import Any, Callable

from explorer.core.errors import Cancelled
from explorer.worker import shm, wire
from explorer.worker.messages import ErrorReport, LoadModel, Progress
from explorer.worker.remote import EngineStopped, remotes_in
from explorer.worker.state import JobState

log = logging.getLogger(__name__)

POLL_S = 0.05
"""How often the bridge looks for a cancel while it waits for the engine."""
QUIT_GRACE_S = 0.25
"""How long a quitting engine may take before it is killed."""
DEFAULT_CANCEL_GRACE_S = 1.0
IDLE_RESTART_GAP_S = 30.0
"""An engine that dies while idle is said and restarted at once, its state reloaded; one that
dies idle again this soon after such a restart waits for the next request (no box every few
seconds from an engine that cannot stay up)."""


class RemoteFailure(Exception):
    """The engine answered a request with a failure (its report is ready for the window)."""

    def __init__(self, report: ErrorReport):
        super().__init__(report.message)
        self.report = report


def _cause(exitcode: int | None) -> str:
    """Why a process ended, in words, from its exit code."""
    if exitcode is None:
        return "it stopped answering"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if -exitcode == signal.SIGKILL:
            return (f"it was killed ({name}); when nobody killed it by hand, the system ran "
                    "out of memory")
        if -exitcode == signal.SIGSEGV:
            return f"it crashed ({name}) inside a native library"
        return f"it was ended by {name}"
    return f"it exited with status {exitcode}"


DOING = {
    "LoadModel": "loading {model}",
    "LoadCompareModel": "loading {model} to compare",
    "RunImage": "running {image} through {model}",
    "CaptureLayers": "computing layers of {image} in {model}",
    "Explain": "explaining {image} with {model}",
    "InspectUnit": "inspecting a unit of {model}",
    "Visualize": "visualising a channel of {model}",
    "RunCensus": "running a dataset census with {model}",
    "RunCompare": "comparing two models on {image}",
    "TrainModel": "training a model",
    "SetBudget": "setting the activation memory",
    "GetKernels": "fetching kernels of {model}",
    "GetDiagram": "laying out the diagram of {model}",
    "OpenCensus": "opening a census",
    "CensusThumbnails": "drawing census thumbnails for {model}",
    "Startup": "starting up",
    "LoadImages": "reading images",
    "AugmentPreview": "previewing augmentations",
    "SaveTrained": "saving a trained model",
    "GetRecipe": "reading a training recipe",
    "ExportReport": "writing a report on {model}",
}
"""What a request was doing, per kind, for a message (the window translates these:
``widgets.core_texts``)."""


def _doing(request: Any) -> str:
    """What a request was doing, for a message: ``running cat.png through ResNet50``."""
    if request is None:
        return "waiting for work"
    kind = type(request).__name__
    model = getattr(request, "model_name", None) or getattr(request, "name_or_path", None)
    image = getattr(getattr(request, "image", None), "name", None)
    try:
        return DOING[kind].format(model=model or "?", image=image or "?")
    except KeyError:
        words = "".join(" " + c.lower() if c.isupper() else c for c in kind).strip()
        return f"answering '{words}' for {model}" if model else f"answering '{words}'"


def stopped_error(request: Any, exitcode: int | None, model: str | None) -> EngineStopped:
    """What the window is told when the engine died under ``request`` with ``exitcode``
    (``model``: the one the new engine reloads)."""
    if model:
        fix = (f"A new engine is starting and reloading {model}. If it happens again, try a "
               "smaller memory budget (Edit ▸ Activation memory…), a smaller image or another "
               "model")
    else:
        fix = ("A new engine is starting. If it happens again, try a smaller memory budget "
               "(Edit ▸ Activation memory…), a smaller image or another model")
    return EngineStopped(f"The engine stopped while {_doing(request)}: {_cause(exitcode)}",
                         fix)


class EngineClient:
    """Starts and talks to one engine process.

    Args:
        name: the process's name (``ps`` shows it).
        target: the engine's main function (tests pass their own).
    """

    def __init__(self, name: str = "cnn-explorer-engine", target: Callable | None = None):
        self.name = name
        self._target = target
        self._process = None
        self._channel: wire.Channel | None = None
        self._remembered: dict[type, Any] = {}
        self._to_replay: dict[type, Any] = {}
        self._stopping = False
        self._crash_log: str | None = None
        self._starting = threading.Lock()  # a start and the quit never overlap
        self.restarts = 0
        self.pid: int | None = None
        self._idle_restarted = -IDLE_RESTART_GAP_S
        self._restoring = False

    # ------------------------------------------------------------------ process
    def start(self) -> None:
        """Start an engine (no wait: it imports TensorFlow while the window goes on).

        Raises:
            Cancelled: the window is closing.
        """
        with self._starting:
            if self._stopping:
                raise Cancelled("Stopped: the window is closing")
            self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe(duplex=True)
        fd_ours = fd_theirs = None
        if shm.available():
            fd_ours, fd_theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
        handle, self._crash_log = tempfile.mkstemp(prefix="cnn-explorer-engine-",
                                                   suffix=".log")
        os.close(handle)
        process = context.Process(target=self._target or _engine_entry, name=self.name,
                                  args=(theirs, fd_theirs, self._crash_log), daemon=True)
        process.start()
        theirs.close()
        if fd_theirs is not None:
            fd_theirs.close()
        self._process, self.pid = process, process.pid
        self._channel = wire.Channel(ours, fd_ours, engine=False)
        log.info("Engine process %d started.", process.pid)

    def alive(self) -> bool:
        """True while the engine process runs."""
        return self._process is not None and self._process.is_alive()

    def _ensure(self) -> None:
        if not self.alive():
            if self._process is not None:
                self._retire()
            self.start()

    def kill(self) -> None:
        """End the engine now (SIGKILL); the next request starts a new one."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(1.0)

    def _retire(self, restart: bool = False) -> None:
        """Forget a dead engine: close the pipe; remember what the next one must reload."""
        if self._channel is not None:
            self._channel.close()
        self._channel = None
        if self._process is not None:
            self._process.join(0.1)
        self._process = None
        self._to_replay = dict(self._remembered)
        if self._crash_log:
            try:
                os.unlink(self._crash_log)
            except OSError:
                pass
        if restart and not self._stopping:
            self.restarts += 1
            self.start()

    def shutdown(self, timeout: float = QUIT_GRACE_S) -> None:
        """Quit: ask the engine to stop, kill it if it has not within ``timeout`` seconds."""
        with self._starting:
            self._stopping = True
            process, channel = self._process, self._channel
        if process is None:
            return
        if channel is not None and process.is_alive():
            try:
                channel.send("stop", 0)
            except OSError:
                pass
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join(0.2)

    # ------------------------------------------------------------------ requests
    def handle(self, request_id: int, request: Any, state: JobState,
               emit: Callable[[Any], None]) -> None:
        """Answer ``request`` through the engine (the session's contract).

        Raises:
            RemoteFailure: the engine reported a failure.
            EngineStopped: the engine died under the request (a new one is starting).
            Cancelled: the request was cancelled, and stopped by ending its engine.
        """
        self._ensure()
        self._replay(request, state)
        self._run(request_id, request, state, emit)
        if getattr(type(request), "replay", False):
            self._remembered[type(request)] = request
            self._to_replay.pop(type(request), None)

    def idle(self) -> None:
        """Between requests: pass on the window's released blocks; start a new engine and
        reload the model after a crash.

        Raises:
            RemoteFailure: the engine had died while idle (a new one is starting).
        """
        if self._stopping:
            return
        if self._process is not None and not self._process.is_alive():
            self._died_idle()
        if self._channel is not None:
            self._send_releases()
        if self._to_replay and self.alive():
            try:
                self._replay(None, JobState())
            except Cancelled:  # the window is closing
                pass
            except Exception:  # noqa: BLE001 - the next request reports it
                log.exception("Reloading the engine's state failed.")

    def _died_idle(self) -> None:
        """The engine ended between requests (killed for memory, a crash in a thread of its
        own): say so and start a new one, unless the last idle restart was very recent.

        Raises:
            RemoteFailure: the report for the window (no request: none failed).
        """
        now = time.monotonic()
        if now - self._idle_restarted < IDLE_RESTART_GAP_S:
            log.error("The engine stopped again while idle (exit code %s); a new one starts "
                      "with the next request.", self._process.exitcode)
            self._retire()
            return
        self._idle_restarted = now
        raise self._crashed(None)

    def _send_releases(self) -> None:
        released = self._channel.released()
        if released:
            self._channel.send("release", 0, released)

    def _replay(self, request: Any, state: JobState) -> None:
        """Send the remembered state-setting requests to a new engine (all but one of the
        kind of ``request``, which replaces it). One that fails (its file is gone, or it
        kills the engine again) is forgotten."""
        for _attempt in range(2 * len(self._to_replay) + 1):
            kinds = [k for k in self._to_replay if k is not type(request)]
            if not kinds:
                return
            old = self._to_replay.pop(kinds[0])
            state.report(Progress(message=f"Reloading the engine's state: {_doing(old)}…",
                                  unit="steps"))
            self._restoring = True
            try:
                self._run(0, old, state, lambda value: None)
            except RemoteFailure as failure:
                log.warning("Could not restore %s in the new engine: %s", old,
                            failure.report.message)
                self._remembered.pop(kinds[0], None)
                self._to_replay.pop(kinds[0], None)
            finally:
                self._restoring = False

    @property
    def restored(self) -> bool:
        """True when the engine runs and holds the state the window had (nothing left to
        reload, no reload under way)."""
        return self.alive() and not self._to_replay and not self._restoring

    def _forward_call(self, rid: tuple, method: str, args: tuple) -> None:
        channel = self._channel
        if channel is not None:
            try:
                channel.send("call", 0, (rid, method, args))
            except OSError:
                pass

    def _run(self, request_id: int, request: Any, state: JobState,
             emit: Callable[[Any], None]) -> None:
        channel, process = self._channel, self._process
        for steering in remotes_in(request):
            steering.attach(self._forward_call)
        try:
            channel.send("run", request_id, request)
        except OSError:
            raise self._crashed(request) from None
        grace = getattr(type(request), "cancel_grace_s", DEFAULT_CANCEL_GRACE_S)
        deadline = None
        failure = None
        while True:
            if state.cancelled and deadline is None:
                channel.send("cancel", request_id)
                deadline = time.monotonic() + grace
            if deadline is not None and time.monotonic() > deadline:
                log.info("%s did not stop within %.1f s of its cancel: ending the engine.",
                         type(request).__name__, grace)
                self.kill()
                self._retire(restart=True)
                raise Cancelled("Stopped (the engine was restarted to end it at once)")
            self._send_releases()
            ready = wait([channel.connection, process.sentinel], POLL_S)
            if not ready:
                continue
            if channel.connection not in ready:
                raise self._crashed(request)
            try:
                kind, answered, payload = channel.receive()
            except wire.BadMessage as bad:  # a bug: fail the request, keep the engine
                if bad.request_id == request_id and bad.kind in ("result", "failed"):
                    raise bad.error from bad
                continue
            except (EOFError, OSError):
                raise self._crashed(request) from None
            if kind == "ready" or answered != request_id:
                continue
            if kind == "progress":
                state.report(payload)
            elif kind == "result":
                emit(payload)
            elif kind == "failed":
                failure = payload
            elif kind == "finished":
                if failure is not None:
                    raise RemoteFailure(dataclasses.replace(failure, request=request))
                return

    def _crashed(self, request: Any) -> Exception:
        """The exception for an engine that died under ``request``; a new engine starts."""
        if self._process is not None:
            self._process.join(1.0)
        exitcode = self._process.exitcode if self._process is not None else None
        stacks = ""
        if self._crash_log:
            try:
                with open(self._crash_log, encoding="utf-8", errors="replace") as file:
                    stacks = file.read().strip()
            except OSError:
                pass
        stopping = self._stopping
        self._retire(restart=True)
        if stopping:
            return Cancelled("Stopped: the window is closing")
        model = getattr(self._remembered.get(LoadModel), "name_or_path", None)
        error = stopped_error(request, exitcode, model)
        answering = type(request).__name__ if request is not None else "nothing (idle)"
        details = (f"Engine process ended with exit code {exitcode} while answering "
                   f"{answering}.\n" + (f"\nPython stacks at the crash:\n{stacks}"
                                         if stacks else ""))
        log.error("%s\n%s", error.one_line(), details)
        raise_with = RemoteFailure(ErrorReport(request, error.one_line(), EngineStopped,
                                               details, error))
        return raise_with


def _engine_entry(*args) -> None:
    """The engine process's first call. It imports the engine (and through it TensorFlow) in
    the child only, by name, so that nothing in the window's process imports it."""
    importlib.import_module("explorer.worker.engine").engine_main(*args)
