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
    assert requests == {Startup, LoadImages, LoadModel, RunImage, GetKernels, Explain}
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

    def counting(model, values, call):
        if call is walk_module.symbolic_call:
            walks.append(model.name)
        return real(model, values, call)

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
