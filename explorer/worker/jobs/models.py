"""Make a catalogue model or a model file the worker's current model."""

from __future__ import annotations

from pathlib import Path

from explorer.core.graph.model_graph import ModelGraph
from explorer.core.graph.probe import ActivationProbe
from explorer.core.models import loading
from explorer.worker.memory import ActiveModel
from explorer.worker.messages import LoadModel, ModelReady, Progress
from explorer.worker.registry import job
from explorer.worker.state import JobState


def download_reporter(state: JobState):
    """Turns the loaders' ``DownloadProgress`` reports into :class:`Progress` messages."""

    def report(download) -> None:
        state.report(Progress(message=f"Downloading {Path(str(download.dest)).name}",
                              done=int(download.done_bytes), total=download.total_bytes,
                              rate=float(download.rate_bytes_per_s)))

    return report


def describe_input(spec) -> str:
    """One line about what the model takes, e.g. ``"28×28×1 · rescale"``."""
    height = spec.height if spec.height else "any"
    width = spec.width if spec.width else "any"
    size = f"{height}×{width}×{spec.channels}"
    if spec.preprocessing.pad_to is not None:  # LeNet-5: the digits are padded for its input
        pad_h, pad_w = spec.preprocessing.pad_to
        size = f"images {height}×{width} padded to {pad_h}×{pad_w}×{spec.channels}"
    return f"{size} · {spec.preprocessing.mode}"


def load_model(request: LoadModel, state: JobState) -> ActiveModel:
    """Load a catalogue model or a model file, walk its graph once and prepare its probe.

    Raises:
        ExplorerError: the model or its weights cannot be had (``UnsafeModelError`` when the
            file holds code and ``request.allow_unsafe`` is false; ``DownloadError`` when the
            weights could not be downloaded; ``Cancelled`` when the user cancelled).
    """
    state.check()
    loaded = loading.load_model(request.name_or_path, weights=request.weights,
                                allow_unsafe=request.allow_unsafe,
                                progress=download_reporter(state),
                                cancel=lambda: state.cancelled, preprocess=request.preprocess)
    state.check()
    graph = ModelGraph(loaded.model)
    class_names = tuple(loaded.class_names) if loaded.class_names else None
    ready = ModelReady(name=loaded.entry.name, entry=loaded.entry, table=graph.table,
                       input_description=describe_input(loaded.spec),
                       class_names=class_names, request=request, notes=loaded.notes,
                       weights=loaded.weights)
    return ActiveModel(loaded=loaded, graph=graph, probe=ActivationProbe(graph), ready=ready)


@job(LoadModel)
def switch_model(request: LoadModel, state: JobState) -> ModelReady:
    """Load the model and make it current; a failed load keeps the old one."""
    state.memory.active = load_model(request, state)
    state.memory.extras.clear()
    return state.memory.active.ready
