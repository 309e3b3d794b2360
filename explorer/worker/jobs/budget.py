"""The activation budget on the worker's side: set it, and capture the window of layers
around a selected layer that an incomplete result lacks (``core.budget``)."""

from __future__ import annotations

import dataclasses
import time

from explorer.core import predict
from explorer.core.budget import cache_bytes, capture_bytes
from explorer.worker.budget_messages import CaptureLayers, LayersCaptured, SetBudget
from explorer.worker.cache import activation_bytes
from explorer.worker.jobs.inference import frozen_activations, window_plan
from explorer.worker.registry import job
from explorer.worker.state import JobState


def prefix_keys(probe, keys, around: str) -> list[str]:
    """``keys`` without the model's outputs past the window's last other key (the window
    already holds them from its ``InferenceResult``), so that only the graph's prefix up to
    the window is computed."""
    index = {key: i for i, key in enumerate(probe.paths)}
    outputs = set(probe.output_paths)
    inner = [key for key in keys if key not in outputs]
    last = max((index[key] for key in inner), default=-1)
    return inner + [key for key in keys if key in outputs and (index[key] <= last
                                                              or key == around)]


@job(SetBudget)
def set_budget(request: SetBudget, state: JobState) -> None:
    """Remember the budget; it bounds the result cache (a fifth) and the engine's free
    shared blocks (one capture) too; older entries go now."""
    memory = state.memory
    memory.budget = max(int(request.bytes), 1)
    memory.cache.max_bytes = cache_bytes(memory.budget)
    memory.cache.make_room(0)
    if memory.arena is not None:
        memory.arena.limit_pool(capture_bytes(memory.budget))


@job(CaptureLayers)
def capture_layers(request: CaptureLayers, state: JobState) -> LayersCaptured:
    """The planned window around ``request.around`` for the image: from the cache when this
    window (or the run that captured it) is there, else one pass through the graph's prefix
    up to the window's last layer, capturing it."""
    active, memory = state.memory.require_model(), state.memory
    _all, anchor, keys, planned = window_plan(active, request.around, memory.budget)
    base = (active.name, repr(active.ready.request), request.image.key)
    cached = memory.cache.get((*base, "window", anchor, memory.budget))
    if cached is not None:
        return dataclasses.replace(cached, around=request.around, seconds=0.0)
    ran = memory.cache.get((*base, "run", anchor, memory.budget))
    if ran is not None and not ran.complete:
        return LayersCaptured(0, active.name, request.image.key, request.around,
                              dict(ran.activations))
    wanted = prefix_keys(active.probe, keys, request.around)
    memory.cache.make_room(planned)
    state.check()
    prepared = predict.prepare(active.loaded, request.image.image)
    state.check()
    start = time.perf_counter()
    outputs = active.probe.run(prepared.tensor, layers=wanted, outputs=False)
    activations = memory.share(dict(frozen_activations(outputs)))  # the engine: shared
    captured = LayersCaptured(0, active.name, request.image.key, request.around, activations,
                              time.perf_counter() - start)
    memory.cache.put((*base, "window", anchor, memory.budget), captured, activation_bytes(activations),
                     keep_newest=False)
    return captured
