"""Explain one class of one image: Grad-CAM, gradients, occlusion (``core.explain``)."""

from __future__ import annotations

import dataclasses
from collections import OrderedDict

from explorer.core import predict
from explorer.core.explain.methods import METHODS, explain
from explorer.core.explain.scores import ScoreFunction
from explorer.worker.messages import Explain, ExplanationResult, Progress
from explorer.worker.registry import job
from explorer.worker.state import JobState

CACHE_ENTRIES = 24
_SCORES, _CACHE = "explain/score_function", "explain/results"


@job(Explain)
def run_explain(request: Explain, state: JobState) -> ExplanationResult:
    """The map for (model, image, method, class, layer), from the cache when it was made
    before; slow methods report progress and stop when cancelled."""
    active, extras = state.memory.active, state.memory.extras
    cache = extras.setdefault(_CACHE, OrderedDict())
    key = (request.image.key, request.method, request.class_index, request.layer)
    if key in cache:
        cache.move_to_end(key)
        return dataclasses.replace(cache[key], request=request, cached=True)
    state.check()
    fn = extras.get(_SCORES)
    if fn is None:
        fn = extras[_SCORES] = ScoreFunction(active.graph)
    prepared = predict.prepare(active.loaded, request.image.image)
    title = METHODS[request.method].title if request.method in METHODS else request.method

    def progress(done: int, total: int) -> None:
        state.report(Progress(message=f"{title}: batch {done} of {total}", done=done,
                              total=total))

    explanation = explain(active.graph, active.loaded.spec, prepared, request.method,
                          class_index=request.class_index, layer=request.layer,
                          class_names=active.loaded.class_names, score_function=fn,
                          progress=progress, cancel=lambda: state.cancelled)
    result = ExplanationResult(0, active.name, request.image.key, request, explanation,
                               prepared)
    cache[key] = result
    while len(cache) > CACHE_ENTRIES:
        cache.popitem(last=False)
    return result
