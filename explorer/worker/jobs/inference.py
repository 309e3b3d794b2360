"""Run an image through the current model; fetch a layer's kernels."""

from __future__ import annotations

import dataclasses
import time
import types

import numpy as np

from explorer.core import predict
from explorer.core.budget import capture_bytes, layer_bytes, plan_window, total_bytes
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


def frozen_activations(outputs: dict) -> types.MappingProxyType:
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
                  request_id: int = 0, layers=None) -> InferenceResult:
    """Preprocess ``entry``, run it through the model once and rank the classes.

    Args:
        active: the worker's current model.
        entry: the image.
        state: progress/cancel channel (checked before the forward pass).
        request_id: copied into the result so the window can drop stale ones.
        layers: the keys to capture (the model's outputs are always captured); None: all.

    Returns:
        An :class:`InferenceResult` with every layer's output (those of ``layers``).
    """
    state.check()
    prepared = predict.prepare(active.loaded, entry.image)
    state.check()
    start = time.perf_counter()
    outputs = active.probe.run(prepared.tensor, layers=layers)
    seconds = time.perf_counter() - start
    activations = frozen_activations(outputs)
    final = active.probe.predictions(activations)
    ranked: tuple = ()
    if isinstance(final, np.ndarray) and final.ndim == 1 and final.size > 1:
        # the same scores as `cnn-explorer predict`: logits get a softmax there and here
        ranked = tuple(predict.classify(active.loaded, final, final.size))
    return InferenceResult(request_id=request_id, model_name=active.name, image=entry,
                           prepared=prepared, activations=activations, predictions=ranked,
                           seconds=seconds, outputs=tuple(active.probe.output_paths))


def inference_for(entry: ImageEntry, state: JobState,
                  active: ActiveModel | None = None, layers=None) -> InferenceResult:
    """Every layer's output for ``entry`` through the current model (or ``active``, e.g. the
    compare slot's), from the cache when this image already ran (``seconds`` is then 0).

    ``layers``: the ones the caller needs; when the model's layer outputs exceed one capture
    of the activation budget (``core.budget.capture_bytes``), only those (and the outputs)
    are captured, and not cached."""
    active, cache = active or state.memory.active, state.memory.cache
    key = (active.name, repr(active.ready.request), entry.key)  # weights, scaling…
    cached = cache.get(key)
    if cached is not None:
        return dataclasses.replace(cached, seconds=0.0)
    budget = state.memory.budget
    if layers is not None and \
            total_bytes(active.probe.paths, layer_sizes(active)) > capture_bytes(budget):
        result = run_inference(active, entry, state, layers=list(layers))
        return dataclasses.replace(result, complete=False, budget=budget)
    result = run_inference(active, entry, state)
    if state.memory.arena is not None:  # the engine: into shared memory, TensorFlow's freed
        result = dataclasses.replace(result, activations=types.MappingProxyType(
            state.memory.share(dict(result.activations))))
    cache.put(key, result, activation_bytes(result.activations))
    return result


def layer_sizes(active: ActiveModel) -> dict[str, int]:
    """Bytes of each layer output of ``active`` for one image (an open axis counts as the
    model's input side, else 224)."""
    spec = getattr(active.loaded, "spec", None)
    free = (getattr(spec, "height", None) or getattr(spec, "width", None) or 224)
    return layer_bytes(active.ready.table, free=int(free))


def window_plan(active: ActiveModel, focus: str | None, budget: int):
    """``(all_bytes, anchor, keys, planned_bytes)``: what one image of ``active`` holds in all,
    and the window to capture around ``focus`` in one capture of ``budget`` (``core.budget``)."""
    sizes = layer_sizes(active)
    paths = active.probe.paths
    anchor, keys = plan_window(paths, sizes, active.probe.output_paths, focus,
                               capture_bytes(budget))
    return total_bytes(paths, sizes), anchor, keys, total_bytes(keys, sizes)


def budgeted_inference(entry: ImageEntry, state: JobState, focus: str | None,
                       active: ActiveModel | None = None) -> InferenceResult:
    """Every layer's output for ``entry`` through the current model (or ``active``, e.g. the
    compare slot's), from the cache when this image already ran; when they exceed one capture
    of the activation budget (a tenth), the model's outputs and the window of layers around
    ``focus`` (``complete`` is then False; the cache first makes room for it)."""
    active, memory = active or state.memory.require_model(), state.memory
    all_bytes, anchor, keys, planned = window_plan(active, focus, memory.budget)
    if all_bytes <= capture_bytes(memory.budget):
        return dataclasses.replace(inference_for(entry, state, active=active),
                                   all_bytes=all_bytes, budget=memory.budget)
    key = (active.name, repr(active.ready.request), entry.key, "run", anchor,
           memory.budget)  # another budget plans other windows from the same anchor
    cached = memory.cache.get(key)
    if cached is not None:
        return dataclasses.replace(cached, seconds=0.0)
    memory.cache.make_room(planned)  # for the shared copy (TensorFlow's goes when copied)
    result = run_inference(active, entry, state, layers=keys)
    result = dataclasses.replace(
        result, complete=False, all_bytes=all_bytes, budget=memory.budget,
        activations=types.MappingProxyType(memory.share(dict(result.activations))))
    memory.cache.put(key, result, activation_bytes(result.activations), keep_newest=False)
    return result


@job(RunImage)
def run_image(request: RunImage, state: JobState) -> InferenceResult:
    """The image through the current model, within the activation budget
    (:func:`budgeted_inference` around ``request.focus``)."""
    return budgeted_inference(request.image, state, request.focus)


def get_kernels(active: ActiveModel, path: str) -> KernelsResult:
    """The weights of layer ``path`` of the current model, and their histogram."""
    kernels = active.graph.kernels(path)
    return KernelsResult(model_name=active.name, path=path, kernels=kernels,
                         histogram=np.histogram(kernels.keras, bins=HISTOGRAM_BINS))


@job(GetKernels)
def fetch_kernels(request: GetKernels, state: JobState) -> KernelsResult:
    """The kernels of one layer of the current model (its graph is not walked again)."""
    return get_kernels(state.memory.active, request.path)
