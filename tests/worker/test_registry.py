"""One job per request type, found by the registry; the model graph is walked once per model."""

from __future__ import annotations

import sys

import pytest

from explorer.worker import registry
from explorer.worker.jobs.images import load_images
from explorer.worker.messages import (
    Explain,
    GetKernels,
    LoadImages,
    LoadModel,
    ModelRequest,
    Request,
    RunImage,
    Startup,
)
from explorer.worker.session import WorkerSession
from explorer.worker.state import JobState


def test_every_request_type_has_exactly_one_job():
    jobs = registry.registered()
    requests = {cls for cls in _subclasses(Request) if cls is not ModelRequest}
    from explorer.worker.budget_messages import CaptureLayers, SetBudget
    from explorer.worker.census_messages import CensusThumbnails, OpenCensus, RunCensus
    from explorer.worker.compare_messages import LoadCompareModel, RunCompare
    from explorer.worker.messages import GetDiagram, InspectUnit, Visualize
    from explorer.worker.report_messages import ExportReport
    from explorer.worker.training_messages import (
        AugmentPreview,
        GetRecipe,
        SaveTrained,
        TrainModel,
    )

    assert requests == {Startup, LoadImages, LoadModel, RunImage, GetKernels, Explain,
                        InspectUnit, GetDiagram, Visualize, RunCensus, OpenCensus,
                        CensusThumbnails, LoadCompareModel, RunCompare, ExportReport,
                        TrainModel, AugmentPreview, SaveTrained, GetRecipe, SetBudget,
                        CaptureLayers}
    assert set(jobs) == requests
    assert all(callable(jobs[r]) for r in requests)


def _subclasses(cls):
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def test_a_second_job_for_one_request_is_refused():
    with pytest.raises(ValueError, match="Two jobs answer LoadImages"):
        registry.job(LoadImages)(lambda request, state: None)


def test_coalescing_is_a_property_of_the_request_type():
    assert LoadModel.coalesce and RunImage.coalesce and GetKernels.coalesce
    assert not Startup.coalesce and not LoadImages.coalesce


def test_a_job_publishes_partial_results_through_the_session(monkeypatch):
    """A job may hand results to the window before its final one; all carry the request id."""
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Partial:
        request_id: int
        step: int

    def counting_job(request, state):
        for step in range(3):
            state.publish(Partial(0, step))
        return Partial(0, 99)

    monkeypatch.setitem(registry._JOBS, Startup, counting_job)
    out = []
    WorkerSession().handle(17, Startup(), JobState(), out.append)
    assert [(p.request_id, p.step) for p in out] == [(17, 0), (17, 1), (17, 2), (17, 99)]


def test_the_model_graph_is_walked_once_per_loaded_model(monkeypatch, cat_path):
    """Loading, running images, and fetching kernels of several layers walk the model's
    structure once; the probe's traced forward pass replays it (that is execution)."""
    from explorer.core.graph import walk as walk_module

    real, walks = walk_module.walk, []

    def counting(model, values, call, *stop):
        if call is walk_module.symbolic_call:
            walks.append(model.name)
        return real(model, values, call, *stop)

    for module in [m for name, m in sys.modules.items() if name.startswith("explorer.")]:
        if getattr(module, "walk", None) is real:
            monkeypatch.setattr(module, "walk", counting)
    session, out = WorkerSession(), []
    session.handle(1, LoadModel("lenet5"), JobState(), out.append)
    assert len(walks) == 1
    entry = load_images(LoadImages((cat_path,)), JobState()).images[0]
    for request_id, request in enumerate([RunImage("lenet5", entry), GetKernels("lenet5", "C1"),
                                          GetKernels("lenet5", "C3"), GetKernels("lenet5", "C5"),
                                          RunImage("lenet5", entry)], start=2):
        session.handle(request_id, request, JobState(), out.append)
    assert out[-2].kernels.keras.shape == (5, 5, 16, 120)
    assert len(walks) == 1
    session.handle(9, LoadModel("fashion-cnn"), JobState(), out.append)
    assert len(walks) == 2  # a new model: one more walk


def test_a_unit_is_inspected_by_its_job(cat_path):
    """The Unit panel's job: box, arithmetic equal to the map's value, effective field."""
    from explorer.worker.messages import InspectUnit, UnitResult

    session, out = WorkerSession(), []
    session.handle(1, LoadModel("lenet5"), JobState(), out.append)
    entry = load_images(LoadImages((cat_path,)), JobState()).images[0]
    session.handle(2, InspectUnit("lenet5", entry, "C3", 3, 4, 5), JobState(), out.append)
    result = out[-1]
    assert isinstance(result, UnitResult) and result.request_id == 2
    assert result.box.size == (14, 14) and result.box.box == (8, 10, 21, 23)
    assert result.arithmetic.value == pytest.approx(result.arithmetic.shown, abs=1e-5)
    assert result.effective.shape == (32, 32) and result.effective.max() == pytest.approx(1)
    assert "Convolution" in result.card
    session.handle(3, InspectUnit("lenet5", entry, "F6", 7), JobState(), out.append)
    assert out[-1].box is None and "whole image" in out[-1].box_note
    assert out[-1].arithmetic.kind == "dense"


def test_the_diagram_job_builds_once_per_model_and_keeps_each_layout():
    """The Diagram tab's job: the default folds a big model, open groups relayout, a layout
    made before comes from the cache, a new model gets a new diagram."""
    from explorer.worker.messages import DiagramResult, GetDiagram

    session, out = WorkerSession(), []
    session.handle(1, LoadModel("resnet34", "untrained"), JobState(), out.append)
    session.handle(2, GetDiagram("resnet34"), JobState(), out.append)
    folded = out[-1]
    assert isinstance(folded, DiagramResult) and folded.request_id == 2 and not folded.cached
    assert folded.layout.expanded == frozenset() and "unit4" in folded.layout.node_by_id
    assert len(folded.diagram.nodes) == len(out[0].table)
    session.handle(3, GetDiagram("resnet34", frozenset({"unit4"})), JobState(), out.append)
    opened = out[-1]
    assert opened.diagram is folded.diagram and "unit4/skip_conv" in opened.layout.node_by_id
    session.handle(4, GetDiagram("resnet34", frozenset()), JobState(), out.append)
    assert out[-1].cached and out[-1].layout is folded.layout and out[-1].request_id == 4
    session.handle(5, LoadModel("lenet5"), JobState(), out.append)
    session.handle(6, GetDiagram("lenet5"), JobState(), out.append)
    assert out[-1].model_name == "lenet5" and out[-1].diagram is not folded.diagram
    assert out[-1].layout.expanded == frozenset() and len(out[-1].layout.nodes) == len(out[-2].table)
