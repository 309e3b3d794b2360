"""How the worker answers one request: find its job, run it, pass its results on.

:class:`WorkerSession` holds the worker's :class:`~explorer.worker.memory.WorkerMemory` (the
current model, the result cache) and hands every request to the job registered for its type
(:mod:`explorer.worker.registry`). It knows nothing of threads, so tests drive it directly.
A :class:`~explorer.worker.messages.ModelRequest` about a model that is no longer current is
skipped here, the one place the worker side drops stale work.
"""

from __future__ import annotations

import dataclasses
import gc
from typing import Any, Callable

from explorer.worker.cache import ActivationCache
from explorer.worker.memory import WorkerMemory
from explorer.worker.messages import ModelRequest
from explorer.worker.registry import job_for
from explorer.worker.state import JobState


class WorkerSession:
    """The worker's memory and its request dispatch.

    Args:
        cache: where inference results are kept (a fresh bounded cache by default).
    """

    def __init__(self, cache: ActivationCache | None = None):
        self.memory = WorkerMemory(cache=cache if cache is not None else ActivationCache())

    @property
    def active(self):
        """The current model (``ActiveModel``), or None."""
        return self.memory.active

    @active.setter
    def active(self, value) -> None:
        self.memory.active = value

    @property
    def cache(self) -> ActivationCache:
        """The bounded cache of inference results."""
        return self.memory.cache

    def handle(self, request_id: int, request: Any, state: JobState,
               emit: Callable[[Any], None]) -> None:
        """Answer ``request``, passing each result to ``emit`` as soon as it is ready.

        Args:
            request_id: the request's id (copied into results that carry one).
            request: one of the request dataclasses of ``explorer.worker.messages``.
            state: progress/cancel channel for the job (its memory is set here).
            emit: receives every result, partial ones included.

        Raises:
            ExplorerError: a problem the user can fix.
            TypeError: ``request`` is not a known request (a programming error).
        """
        function = job_for(request)
        if isinstance(request, ModelRequest) and \
                self.memory.require_model().name != request.model_name:
            return  # asked about a model that has since been replaced
        state.attach(self.memory, lambda value: emit(_tagged(value, request_id)))
        result = function(request, state)
        if result is not None:
            emit(_tagged(result, request_id))


def _tagged(value: Any, request_id: int) -> Any:
    """``value`` with its ``request_id`` field (if it has one) set to ``request_id``."""
    if dataclasses.is_dataclass(value) and any(f.name == "request_id"
                                               for f in dataclasses.fields(value)):
        return dataclasses.replace(value, request_id=request_id)
    return value


def load_session() -> WorkerSession:
    """The real session with every job loaded, which imports TensorFlow (in the engine's
    process, or on the worker's thread when the engine runs in-process).

    TensorFlow creates some 300,000 objects that live as long as the process. Each full pass
    of Python's cyclic garbage collector over them holds the GIL for 0.1-0.5 s; so the collector
    is paused during the import and then told to leave all of it alone (``gc.freeze``).
    """
    gc.disable()
    try:
        from explorer.worker.registry import load_jobs
        load_jobs()  # the job modules import TensorFlow
        session = WorkerSession()
    finally:
        gc.freeze()
        gc.enable()
    return session
