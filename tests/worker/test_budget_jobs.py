"""The activation budget on the worker's side: RunImage and CaptureLayers under a tiny budget,
checked against a full capture of the same model (called directly: no thread, no Qt)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from budget_models import tiny_model_file

from explorer.core import predict
from explorer.core.budget import CACHE_SHARE, CAPTURE_SHARE, layer_bytes
from explorer.core.pixels.images import from_array
from explorer.worker.budget_messages import CaptureLayers, LayersCaptured, SetBudget
from explorer.worker.jobs import images as image_jobs
from explorer.worker.messages import (
    InferenceResult,
    InspectUnit,
    LoadImages,
    LoadModel,
    RunImage,
    UnitResult,
)
from explorer.worker.session import WorkerSession
from explorer.worker.state import JobState

BUDGET = 100_000 * CAPTURE_SHARE
"""Bytes: the tiny model below holds ~275 KB per image, so one capture (100 KB, the budget's
CAPTURE_SHARE-th part) holds about three of its 32 KB layers; the cache holds two captures."""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, cat_path):
    """A session holding the tiny model under the tiny budget, the image, and every layer's
    output computed by a full capture (the reference)."""
    session = WorkerSession()
    emitted = []
    path = tiny_model_file(tmp_path_factory.mktemp("tiny"))
    handle = lambda request: session.handle(1, request, JobState(), emitted.append)  # noqa: E731
    handle(LoadModel(path))
    handle(SetBudget(BUDGET))
    entry = image_jobs.load_images(LoadImages((cat_path,)), JobState()).images[0]
    active = session.active
    full = active.probe.run(predict.prepare(active.loaded, entry.image).tensor)
    reference = {k: np.asarray(v)[0] for k, v in full.items()}
    return session, handle, emitted, entry, reference


def _last(emitted, kind):
    return next(v for v in reversed(emitted) if isinstance(v, kind))


def test_run_image_under_a_tiny_budget_holds_the_planned_window(tiny):
    session, handle, emitted, entry, reference = tiny
    active = session.active
    sizes = layer_bytes(active.ready.table)
    assert sum(sizes.values()) == 32 * 32 * (3 + 8 * 8) * 4 + 8 * 4 + 10 * 4  # 274,504
    assert session.memory.budget == BUDGET and session.cache.max_bytes == BUDGET // CACHE_SHARE
    handle(RunImage(active.name, entry, focus="conv4"))
    result = _last(emitted, InferenceResult)
    assert not result.complete and result.budget == BUDGET
    assert result.all_bytes == 274_504
    # 100,000 bytes: scores 40; then chunks of (100,000-40)//4 = 24,990 bytes, one 32 KB conv
    # each: the window around conv4 is conv4, conv5 forward, conv3 back (3 × 32,768 = 98,344)
    assert list(result.activations) == ["conv3", "conv4", "conv5", "scores"]
    for key, array in result.activations.items():
        np.testing.assert_array_equal(array, reference[key])
    assert result.predictions[0].score == pytest.approx(reference["scores"].max(),
                                                              rel=1e-5)
    assert session.cache.nbytes <= BUDGET // CACHE_SHARE


def test_capture_layers_around_a_far_layer_and_the_cache_stays_bounded(tiny):
    session, handle, emitted, entry, reference = tiny
    name = session.active.name
    handle(CaptureLayers(name, entry, around="conv0"))
    captured = _last(emitted, LayersCaptured)
    assert captured.model_name == name and captured.image_key == entry.key
    assert type(captured.activations) is dict
    # around the first convolution: input_layer back (12,288 bytes), conv0, conv1 forward
    # (2 × 32,768): 77,864 with the scores; conv2 would be 110,632 > 100,000. The scores are
    # left out: the window holds them already, and only the graph's prefix runs
    assert sorted(captured.activations) == sorted(["conv0", "conv1"] + [
        k for k in reference if k.startswith("input")])
    for key, array in captured.activations.items():
        np.testing.assert_array_equal(array, reference[key])
    handle(CaptureLayers(name, entry, around="pool"))
    far = _last(emitted, LayersCaptured)
    assert {"pool", "conv7"} <= set(far.activations)
    for key, array in far.activations.items():
        np.testing.assert_array_equal(array, reference[key])
    assert session.cache.nbytes <= BUDGET // CACHE_SHARE
    again = len(emitted)
    handle(CaptureLayers(name, entry, around="pool"))
    assert emitted[again].seconds == 0.0  # the same window: from the cache
    assert session.cache.nbytes <= BUDGET // CACHE_SHARE
    assert len(session.active.probe._functions) <= 8 + 1  # probe.MAX_SUBSETS, and all


def test_a_model_that_fits_is_captured_whole_and_another_budget_plans_anew(tiny):
    session, handle, emitted, entry, reference = tiny
    handle(SetBudget(10**9))
    try:
        handle(RunImage(session.active.name, entry, focus="conv4"))
        result = _last(emitted, InferenceResult)
        assert result.complete and set(result.activations) == set(reference)
        handle(SetBudget(2 * BUDGET))  # 200,000 a capture: six convolutions, not three
        handle(RunImage(session.active.name, entry, focus="conv4"))
        wider = _last(emitted, InferenceResult)
        assert not wider.complete and wider.seconds > 0  # not the cached narrower window
        assert {f"conv{i}" for i in range(2, 8)} <= set(wider.activations)
        assert session.cache.nbytes <= 2 * BUDGET // CACHE_SHARE
    finally:
        handle(SetBudget(BUDGET))
    assert session.cache.nbytes <= BUDGET // CACHE_SHARE


def test_a_unit_under_the_budget_captures_its_layer_and_its_input_only(tiny):
    session, handle, emitted, entry, reference = tiny
    before = len(session.cache)
    handle(InspectUnit(session.active.name, entry, "conv5", channel=2, row=7, col=9))
    unit = _last(emitted, UnitResult)
    assert unit.arithmetic_note == ""
    assert unit.arithmetic.shown == pytest.approx(float(reference["conv5"][7, 9, 2]), abs=1e-6)
    assert unit.arithmetic.value == pytest.approx(unit.arithmetic.shown, abs=1e-4)
    assert len(session.cache) <= before and session.cache.nbytes <= BUDGET // CACHE_SHARE


def _reference_of(session, entry) -> dict:
    active = session.active
    full = active.probe.run(predict.prepare(active.loaded, entry.image).tensor)
    return {k: np.asarray(v)[0] for k, v in full.items()}


def _held_bytes(activations) -> int:
    return sum(a.nbytes for a in activations.values())


def test_compare_of_two_images_under_the_budget_holds_each_sides_window(tiny):
    from explorer.worker.compare_messages import CompareResult, RunCompare
    from explorer.worker.messages import ImageEntry

    session, handle, emitted, entry, reference = tiny
    flipped = ImageEntry(key="flipped", image=from_array(
        np.ascontiguousarray(entry.image.pixels[:, ::-1]), name="flipped.png"))
    reference_b = _reference_of(session, flipped)
    handle(RunCompare(session.active.name, entry, other_image=flipped, focus="conv4",
                      other_focus="conv0"))
    result = _last(emitted, CompareResult)
    assert not result.a.complete and not result.b.complete
    assert list(result.a.activations) == ["conv3", "conv4", "conv5", "scores"]
    assert "conv0" in result.b.activations and "conv4" not in result.b.activations
    for side, expected in ((result.a, reference), (result.b, reference_b)):
        assert _held_bytes(side.activations) <= BUDGET // CAPTURE_SHARE
        for key, array in side.activations.items():
            np.testing.assert_array_equal(array, expected[key])
    assert not np.array_equal(reference["conv0"], reference_b["conv0"])  # two real sides
    assert session.cache.nbytes <= BUDGET // CACHE_SHARE


def test_compare_of_two_models_under_the_budget_runs_side_b_in_the_slots_model(tiny,
                                                                               tmp_path):
    from explorer.worker.compare_messages import (
        CompareModelReady,
        CompareResult,
        LoadCompareModel,
        RunCompare,
    )

    session, handle, emitted, entry, reference = tiny
    handle(LoadCompareModel(tiny_model_file(tmp_path)))  # the same seed: the same weights
    slot = _last(emitted, CompareModelReady)
    handle(RunCompare(session.active.name, entry, other_model=slot.label, focus="conv1",
                      other_focus="conv6"))
    result = _last(emitted, CompareResult)
    assert "conv1" in result.a.activations and "conv6" not in result.a.activations
    assert "conv6" in result.b.activations and "conv1" not in result.b.activations
    for side in (result.a, result.b):
        assert not side.complete
        assert _held_bytes(side.activations) <= BUDGET // CAPTURE_SHARE
        for key, array in side.activations.items():
            np.testing.assert_allclose(array, reference[key], rtol=1e-5, atol=1e-6)


def _pictures(html: str) -> list[str]:
    return re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html)


def test_a_report_under_the_budget_draws_what_a_whole_capture_draws(tiny, tmp_path,
                                                                    monkeypatch):
    from explorer.worker.report_messages import ExportReport

    session, handle, emitted, entry, reference = tiny
    probe, groups = session.active.probe, []
    real = probe.run

    def spy(tensor, layers=None, outputs=True):
        result = real(tensor, layers=layers, outputs=outputs)
        if not outputs:  # a group of the report's layers (the run itself has the outputs)
            groups.append((list(layers), sum(np.asarray(a)[0].nbytes for a in result.values())))
        return result

    monkeypatch.setattr(probe, "run", spy)
    cached = session.cache.nbytes
    name = session.active.name
    handle(ExportReport(name, (entry,), str(tmp_path / "small.html"), explain=()))
    whole = WorkerSession()  # the default budget: every layer in one capture
    whole.handle(1, LoadModel(session.active.ready.request.name_or_path), JobState(),
                 lambda value: None)
    whole.handle(2, ExportReport(whole.active.name, (entry,), str(tmp_path / "whole.html"),
                                 explain=()), JobState(), lambda value: None)
    small = _pictures((tmp_path / "small.html").read_text("utf-8"))
    assert small == _pictures((tmp_path / "whole.html").read_text("utf-8"))
    assert len(small) >= 2 + 8  # the original, the fed image, a mosaic per convolution…
    # the report's layers (eight convolutions and the pooling) in groups of at most one
    # capture (100,000 bytes: three 32,768-byte convolutions), each computed once in model
    # order; conv0 and conv1 came with the run, so the first group is read from conv2 on
    assert groups == [(["conv0", "conv1", "conv2"], 98_304),
                      (["conv3", "conv4", "conv5"], 98_304),
                      (["conv6", "conv7", "pool"], 65_568)]
    assert session.cache.nbytes <= max(cached, BUDGET // CACHE_SHARE)  # groups not cached
