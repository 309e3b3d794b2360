"""Write the HTML report of the current model (``core.report``): each image's activations come
through the inference cache and its explanation maps through the Explain job's cache, so a
report of what the window shows recomputes nothing it has. A model whose activations exceed
the activation budget is drawn a group of layers at a time (:class:`LayerWindows`)."""

from __future__ import annotations

import time
from collections.abc import Mapping

from explorer.core.budget import capture_bytes, chunk_anchors
from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.explain.methods import METHODS
from explorer.core.graph.probe import untraceable_names
from explorer.core.report.collect import choose_layers, default_methods, report_for
from explorer.core.report.content import image_section
from explorer.core.report.html import write_report
from explorer.worker.jobs.explain import run_explain
from explorer.worker.jobs.inference import budgeted_inference, frozen_activations, layer_sizes
from explorer.worker.messages import Explain, InferenceResult, Progress
from explorer.worker.registry import job
from explorer.worker.report_messages import ExportReport, ReportWritten
from explorer.worker.state import JobState


class LayerWindows(Mapping):
    """The layer outputs of one image for a model that exceeds the activation budget, read
    by a report: the model's outputs, and the report's own layers in groups (model order)
    of at most one capture of the budget, one group held at a time; a group is computed when
    one of its layers is first read (the graph's prefix up to its last layer). The report
    reads in model order, so each group is computed once. Only the layers drawn count (a
    window around each would trace the model's prefixes three to four times as often, and
    every trace of a deep model keeps some 30 MB in TensorFlow); the groups stay out of the
    cache and out of shared memory (nothing but the report reads them)."""

    def __init__(self, result: InferenceResult, state: JobState, paths: list[str]):
        active = state.memory.require_model()
        self._result, self._state, self._probe = result, state, active.probe
        order = {key: i for i, key in enumerate(active.probe.paths)}
        drawn = sorted((p for p in paths if p in order), key=order.__getitem__)
        starts = chunk_anchors(drawn, layer_sizes(active), capture_bytes(state.memory.budget))
        self._groups = [drawn[a:b] for a, b in zip(starts, [*starts[1:], len(drawn)])]
        self._group = {path: i for i, group in enumerate(self._groups) for path in group}
        self._held = dict(result.activations)

    def __getitem__(self, key: str):
        if key not in self._held and key in self._group:
            self._held = {k: v for k, v in self._result.activations.items()
                          if k in self._result.outputs}  # the old group goes first
            self._state.check()
            outputs = self._probe.run(self._result.prepared.tensor,
                                      layers=self._groups[self._group[key]], outputs=False)
            self._held.update(frozen_activations(outputs))
        return self._held[key]

    def __contains__(self, key) -> bool:
        return key in self._held or key in self._group

    def __iter__(self):
        return iter(dict.fromkeys([*self._result.activations, *self._group]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*self._result.activations, *self._group]))


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
        activations = result.activations if result.complete else \
            LayerWindows(result, state, paths)
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
