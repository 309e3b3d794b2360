"""What the worker's thread remembers between requests, and how it answers each one.

:class:`WorkerSession` holds the current model and a bounded cache of inference results; its
:meth:`~WorkerSession.handle` turns one request into zero or more results. It knows nothing of
threads, so tests drive it directly.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

from explorer.core.errors import ModelError
from explorer.worker import jobs
from explorer.worker.cache import ActivationCache, activation_bytes
from explorer.worker.device import init_device
from explorer.worker.messages import GetKernels, LoadImages, LoadModel, RunImage, Startup


class WorkerSession:
    """The worker's memory: the current model and recent inference results.

    Args:
        cache: where inference results are kept (a fresh bounded cache by default).
    """

    def __init__(self, cache: ActivationCache | None = None):
        self.active: jobs.ActiveModel | None = None
        self.cache = cache if cache is not None else ActivationCache()

    def handle(self, request_id: int, request: Any, state: jobs.JobState,
               emit: Callable[[Any], None]) -> None:
        """Answer ``request``, passing each result to ``emit`` as soon as it is ready.

        Args:
            request_id: the request's id (copied into inference results).
            request: one of the request dataclasses of ``explorer.worker.messages``.
            state: progress/cancel channel for the job.
            emit: receives every result.

        Raises:
            ExplorerError: a problem the user can fix.
            TypeError: ``request`` is not a known request (a programming error).
        """
        if isinstance(request, Startup):
            emit(init_device())
        elif isinstance(request, LoadImages):
            emit(jobs.load_images(request, state))
        elif isinstance(request, LoadModel):
            emit(self._load_model(request, state))
        elif isinstance(request, RunImage):
            if self._is_current(request.model_name):
                emit(self._run_image(request_id, request, state))
        elif isinstance(request, GetKernels):
            if self._is_current(request.model_name):
                emit(jobs.get_kernels(self.active, request.path))
        else:
            raise TypeError(f"The worker cannot handle {type(request).__name__}. Expected one "
                            f"of Startup, LoadImages, LoadModel, RunImage, GetKernels.")

    def _is_current(self, model_name: str) -> bool:
        """False when the window asked about a model that has since been replaced."""
        if self.active is None:
            raise ModelError("No model is loaded yet", "Pick a model in the model picker first")
        return self.active.name == model_name

    def _load_model(self, request: LoadModel, state: jobs.JobState):
        self.active = jobs.load_model(request, state)  # a failed load keeps the old model
        return self.active.ready

    def _run_image(self, request_id: int, request: RunImage, state: jobs.JobState):
        key = (self.active.name, repr(self.active.ready.request.weights), request.image.key)
        cached = self.cache.get(key)
        if cached is not None:
            return dataclasses.replace(cached, request_id=request_id, seconds=0.0)
        result = jobs.run_inference(self.active, request.image, state, request_id)
        self.cache.put(key, result, activation_bytes(result.activations))
        return result
