"""The compare slot: a second model beside the current one, and two results side by side."""

from __future__ import annotations

from explorer.core.errors import ModelError
from explorer.worker.compare_messages import (
    CompareModelReady,
    CompareResult,
    LoadCompareModel,
    RunCompare,
    model_label,
)
from explorer.worker.jobs.inference import budgeted_inference
from explorer.worker.jobs.models import load_model
from explorer.worker.messages import LoadModel
from explorer.worker.registry import job
from explorer.worker.state import JobState


@job(LoadCompareModel)
def load_compare_model(request: LoadCompareModel, state: JobState) -> CompareModelReady:
    """Load the second model into the compare slot; the current model, its caches and its
    extras are not touched, and a failed load keeps the slot as it was."""
    active = load_model(LoadModel(request.name_or_path, request.weights, request.allow_unsafe,
                                  request.preprocess), state)
    state.memory.compare = active
    return CompareModelReady(ready=active.ready, request=request)


@job(RunCompare)
def run_compare(request: RunCompare, state: JobState) -> CompareResult:
    """Side A (the image through the current model) and side B (through the compare slot's
    model, or the other image through the current model), each from the cache when it ran,
    and each within the activation budget (the layers around its focus when it exceeds it).

    Raises:
        ModelError: neither another image nor another model was given, or the compare slot
            does not hold the model the window expects (load it first).
    """
    active = state.memory.require_model()
    if request.other_model is not None:
        slot = state.memory.compare
        if slot is None or model_label(slot.ready) != request.other_model:
            raise ModelError(f"The model to compare with ({request.other_model}) is not loaded",
                             "Choose it again in the Compare tab")
        a = budgeted_inference(request.image, state, request.focus)
        b = budgeted_inference(request.image, state, request.other_focus, active=slot)
        table_b, title_b = slot.ready.table, request.other_model
    elif request.other_image is not None:
        a = budgeted_inference(request.image, state, request.focus)
        b = budgeted_inference(request.other_image, state, request.other_focus)
        table_b, title_b = active.ready.table, request.other_image.name
    else:
        raise ModelError("Nothing to compare with", "Choose a second image or a second model")
    return CompareResult(request_id=0, model_name=active.name, request=request, a=a, b=b,
                         table_b=tuple(table_b), title_b=title_b)
