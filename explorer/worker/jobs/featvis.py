"""What a channel or a class looks for: an optimised input (``core.featvis``), kept on disk."""

from __future__ import annotations

from explorer.core.explain.scores import ScoreFunction
from explorer.core.featvis import store
from explorer.core.featvis.optimize import default_size, make_objective, visualize
from explorer.worker.messages import Progress, VisualizationResult, Visualize
from explorer.worker.registry import job
from explorer.worker.state import JobState

_SCORES, _IDENTITY = "featvis/score_function", "featvis/weights_identity"


@job(Visualize)
def run_visualize(request: Visualize, state: JobState) -> VisualizationResult:
    """The image for (model, weights, layer, channel or class, steps, size, seed): from the disk
    cache when it was made before, else optimised with progress every few steps; cancellable."""
    active = state.memory.require_model()
    extras = state.memory.extras
    loaded, graph = active.loaded, active.graph
    names = loaded.class_names
    objective = make_objective(graph, request.layer, request.channel, request.class_index,
                               class_count=len(names) if names else None)
    size = default_size(loaded.spec) if request.size is None else int(request.size)
    identity = extras.get(_IDENTITY)
    if identity is None:
        identity = extras[_IDENTITY] = (store.weights_identity(loaded.model) + "|"
                                        + repr(loaded.spec) + "|" + repr(active.ready.request))
    key = store.entry_key(active.name, identity, objective, request.steps, size, request.seed)
    cached = store.load(key)
    if cached is not None:
        return VisualizationResult(0, active.name, request, cached.image, cached.curve,
                                   cached.seconds, cached.score_kind, cached=True)
    state.check()
    fn = extras.get(_SCORES)
    if fn is None:
        fn = extras[_SCORES] = ScoreFunction(graph)
    what = objective.describe()

    def progress(done: int, total: int, value: float) -> None:
        if done % 8 == 0 or done == total:
            state.report(Progress(message=f"Visualising {what}: step {done} of {total}",
                                  done=done, total=total))

    vis = visualize(graph, loaded.spec, objective, steps=request.steps, size=size,
                    seed=request.seed, score_function=fn, progress=progress,
                    cancel=lambda: state.cancelled)
    store.save(key, vis)
    return VisualizationResult(0, active.name, request, vis.image, vis.curve, vis.seconds,
                               vis.score_kind)
