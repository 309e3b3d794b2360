"""One unit explained: its box of input pixels, its arithmetic and its effective field."""

from __future__ import annotations

from explorer.core.errors import ExplorerError
from explorer.core.explain.cards import card_for
from explorer.core.explain.unit import effective_field, unit_arithmetic
from explorer.core.graph.receptive import unit_box
from explorer.worker.jobs.inference import inference_for
from explorer.worker.messages import InspectUnit, UnitResult
from explorer.worker.registry import job
from explorer.worker.state import JobState


@job(InspectUnit)
def inspect_unit(request: InspectUnit, state: JobState) -> UnitResult:
    """Everything the Unit panel shows; each part that cannot be had says why instead."""
    active = state.memory.active
    graph = active.graph
    step = graph.find(request.path)  # its output and its inputs (all a budget lets through)
    needed = [request.path, *(graph.steps[i].path for i in step.parents if i is not None)]
    result = inference_for(request.image, state, layers=needed)
    prepared = result.prepared
    info = next(r for r in active.ready.table if r.path == request.path)
    box = effective = None
    box_note = arithmetic_note = ""
    spatial = request.row is not None and request.col is not None
    if spatial:
        try:
            box = unit_box(graph, request.path, request.row, request.col,
                           prepared.fed_pixels.shape[:2])
        except ExplorerError as error:
            box_note = error.one_line()
        state.check()
        if prepared.tensor.ndim == 4:
            effective = effective_field(graph, prepared.tensor, request.path, request.channel,
                                        request.row, request.col)
    else:
        box_note = "A vector layer's units see the whole image."
    try:
        arithmetic = unit_arithmetic(graph, result.activations, request.path, request.channel,
                                     request.row, request.col)
    except ExplorerError as error:
        arithmetic, arithmetic_note = None, error.one_line()
    return UnitResult(0, active.name, request.image.key, request, box, box_note, arithmetic,
                      arithmetic_note, effective, card_for(info, request.language), prepared)
