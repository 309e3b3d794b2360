"""Write the HTML report of the current model (``core.report``): each image's activations come
through the inference cache and its explanation maps through the Explain job's cache, so a
report of what the window shows recomputes nothing it has."""

from __future__ import annotations

import time

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.explain.methods import METHODS
from explorer.core.graph.probe import untraceable_names
from explorer.core.report.collect import choose_layers, default_methods, report_for
from explorer.core.report.content import image_section
from explorer.core.report.html import write_report
from explorer.worker.jobs.explain import run_explain
from explorer.worker.jobs.inference import inference_for
from explorer.worker.messages import Explain, Progress
from explorer.worker.registry import job
from explorer.worker.report_messages import ExportReport, ReportWritten
from explorer.worker.state import JobState


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
        result = inference_for(entry, state)
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
            entry.image, result.prepared, result.activations, paths, result.predictions, maps,
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
