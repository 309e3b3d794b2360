"""Write the HTML report of the current model (``core.report``): each image's activations come
through the inference cache and its explanation maps through the Explain job's cache, so a
report of what the window shows recomputes nothing it has. A model whose activations exceed
the activation budget is drawn a window of layers at a time (:class:`LayerWindows`)."""

from __future__ import annotations

import time
from collections.abc import Mapping

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.explain.methods import METHODS
from explorer.core.graph.probe import untraceable_names
from explorer.core.report.collect import choose_layers, default_methods, report_for
from explorer.core.report.content import image_section
from explorer.core.report.html import write_report
from explorer.worker.budget_messages import CaptureLayers
from explorer.worker.jobs.budget import capture_layers
from explorer.worker.jobs.explain import run_explain
from explorer.worker.jobs.inference import budgeted_inference
from explorer.worker.messages import Explain, InferenceResult, Progress
from explorer.worker.registry import job
from explorer.worker.report_messages import ExportReport, ReportWritten
from explorer.worker.state import JobState


class LayerWindows(Mapping):
    """The layer outputs of one image for a model that exceeds the activation budget: the
    model's outputs and one captured window of layers at a time, the next window captured
    (``CaptureLayers``: the graph's prefix up to it, through the cache) when a layer outside
    the one held is read. The report reads its layers in model order, so each window is
    captured once and at most one is held."""

    def __init__(self, result: InferenceResult, state: JobState):
        self._result, self._state = result, state
        self._paths = tuple(state.memory.require_model().probe.paths)
        self._held = dict(result.activations)

    def __getitem__(self, key: str):
        if key not in self._held and key in self._paths:
            captured = capture_layers(CaptureLayers(self._result.model_name,
                                                    self._result.image, around=key),
                                      self._state)
            outputs = {k: self._result.activations[k] for k in self._result.outputs
                       if k in self._result.activations}
            self._held = {**outputs, **captured.activations}
        return self._held[key]

    def __contains__(self, key) -> bool:
        return key in self._paths

    def __iter__(self):
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


@job(ExportReport)
def export_report(request: ExportReport, state: JobState) -> ReportWritten:
    """Gather, draw and write the report; progress in steps (one a picture), cancelled between
    pictures.

    Raises:
        ExplorerError: a layer the model does not have, an unwritable file.
    """
    start = time.perf_counter()
    active = state.memory.require_model()
    paths, choice = choose_layers(active.graph, request.layers)
    methods = default_methods(active.graph.table) if request.explain is None \
        else tuple(request.explain)
    untraceable = untraceable_names(active.graph)
    if untraceable:  # the explanations run in tf.functions only
        methods = ()
    total = len(request.images) * (1 + len(methods) + len(paths)) + 1
    done = 0

    def step(message: str) -> None:
        nonlocal done
        state.check()
        state.report(Progress(message=message, done=done, total=total, unit="steps"))
        done += 1

    sections = []
    for entry in request.images:
        step(f"Report: running {entry.name}")
        result = budgeted_inference(entry, state, paths[0] if paths else None)
        activations = result.activations if result.complete else LayerWindows(result, state)
        maps, notes = [], []
        if not result.predictions:
            notes.append("No explanation: the model's output is not a vector of class scores.")
        elif untraceable:
            notes.append("No explanation: TensorFlow cannot trace a layer named "
                         f"{', '.join(untraceable[:3])} (the maps run in tf.function).")
        for method in methods if result.predictions else ():
            title = METHODS[method].title if method in METHODS else method
            step(f"Report: {title} of {entry.name}")
            try:
                maps.append(run_explain(Explain(active.name, entry, method), state)
                            .explanation)
            except Cancelled:
                raise
            except ExplorerError as error:
                notes.append(f"{title}: not available: {error.what}")
        sections.append(image_section(
            entry.image, result.prepared, activations, paths, result.predictions, maps,
            explain_notes=notes, norm=request.norm, cmap=request.cmap, top_k=request.top_k,
            trained=active.loaded.weights != "untrained",
            progress=lambda path: step(f"Report: feature maps of {path}")))
    step("Report: writing the page")
    report = report_for(active.loaded, active.graph, sections, choice, model_name=active.name,
                        input_description=active.ready.input_description,
                        weights_label=active.ready.weights_label)
    size = write_report(report, request.out)
    figures = sum(2 + len(s.mosaics) + len(s.explanations) for s in sections) \
        + (report.kernels is not None)
    return ReportWritten(0, active.name, str(request.out), size, figures, len(report.layers),
                         time.perf_counter() - start)
