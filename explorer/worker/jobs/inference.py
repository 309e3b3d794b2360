"""Run an image through the current model; fetch a layer's kernels."""

from __future__ import annotations

import dataclasses
import time
import types

import numpy as np

from explorer.core import predict
from explorer.worker.cache import activation_bytes
from explorer.worker.memory import ActiveModel
from explorer.worker.messages import (
    GetKernels,
    ImageEntry,
    InferenceResult,
    KernelsResult,
    RunImage,
)
from explorer.worker.registry import job
from explorer.worker.state import JobState

HISTOGRAM_BINS = 60


def _frozen_activations(outputs: dict) -> types.MappingProxyType:
    """Drop the batch dimension and make every array read-only."""
    frozen = {}
    for path, value in outputs.items():
        array = np.asarray(value)
        if array.ndim >= 1 and array.shape[0] == 1:
            array = array[0]
        array = np.ascontiguousarray(array)
        array.setflags(write=False)
        frozen[path] = array
    return types.MappingProxyType(frozen)


def run_inference(active: ActiveModel, entry: ImageEntry, state: JobState,
                  request_id: int = 0) -> InferenceResult:
    """Preprocess ``entry``, run it through the model once and rank the classes.

    Args:
        active: the worker's current model.
        entry: the image.
        state: progress/cancel channel (checked before the forward pass).
        request_id: copied into the result so the window can drop stale ones.

    Returns:
        An :class:`InferenceResult` with every layer's output.
    """
    state.check()
    prepared = predict.prepare(active.loaded, entry.image)
    state.check()
    start = time.perf_counter()
    outputs = active.probe.run(prepared.tensor)
    seconds = time.perf_counter() - start
    activations = _frozen_activations(outputs)
    final = active.probe.predictions(activations)
    ranked: tuple = ()
    if isinstance(final, np.ndarray) and final.ndim == 1 and final.size > 1:
        # the same scores as `cnn-explorer predict`: logits get a softmax there and here
        ranked = tuple(predict.classify(active.loaded, final, final.size))
    return InferenceResult(request_id=request_id, model_name=active.name, image=entry,
                           prepared=prepared, activations=activations, predictions=ranked,
                           seconds=seconds)


def inference_for(entry: ImageEntry, state: JobState,
                  active: ActiveModel | None = None) -> InferenceResult:
    """Every layer's output for ``entry`` through the current model (or ``active``, e.g. the
    compare slot's), from the cache when this image already ran (``seconds`` is then 0)."""
    active, cache = active or state.memory.active, state.memory.cache
    key = (active.name, repr(active.ready.request), entry.key)  # weights, scaling…
    cached = cache.get(key)
    if cached is not None:
        return dataclasses.replace(cached, seconds=0.0)
    result = run_inference(active, entry, state)
    if state.memory.arena is not None:  # the engine: into shared memory, TensorFlow's freed
        result = dataclasses.replace(result, activations=types.MappingProxyType(
            state.memory.share(dict(result.activations))))
    cache.put(key, result, activation_bytes(result.activations))
    return result


@job(RunImage)
def run_image(request: RunImage, state: JobState) -> InferenceResult:
    """Every layer's output for the image, from the cache when this image already ran."""
    return inference_for(request.image, state)


def get_kernels(active: ActiveModel, path: str) -> KernelsResult:
    """The weights of layer ``path`` of the current model, and their histogram."""
    kernels = active.graph.kernels(path)
    return KernelsResult(model_name=active.name, path=path, kernels=kernels,
                         histogram=np.histogram(kernels.keras, bins=HISTOGRAM_BINS))


@job(GetKernels)
def fetch_kernels(request: GetKernels, state: JobState) -> KernelsResult:
    """The kernels of one layer of the current model (its graph is not walked again)."""
    return get_kernels(state.memory.active, request.path)
