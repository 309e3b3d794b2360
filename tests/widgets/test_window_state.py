"""The window's Qt-free state: which results are stale, which layer comes next."""

from __future__ import annotations

from types import SimpleNamespace

from explorer.window_state import WindowState
from explorer.worker.messages import (
    GetKernels,
    ImagesLoaded,
    InferenceResult,
    KernelsResult,
    LoadModel,
    ModelReady,
    RunImage,
)


def _ready(name, paths=("image", "conv1", "pool1", "dense")):
    kinds = {"conv1": "conv", "pool1": "pool"}
    table = tuple(SimpleNamespace(path=p, kind=kinds.get(p, "other")) for p in paths)
    return ModelReady(name, None, table, "", None, LoadModel(name))


def _inference(model_name, request_id=0):
    return InferenceResult(request_id, model_name, None, None, {}, (), 0.1)


def test_only_the_newest_request_of_a_kind_is_shown():
    state = WindowState()
    state.sent(LoadModel("a"), 1)
    state.sent(LoadModel("b"), 2)
    assert not state.accepts(1, _ready("a"))
    assert state.worker_model.name == "a"  # the worker holds it even though it is not shown
    assert state.accepts(2, _ready("b"))
    state.show_model(_ready("b"))
    state.sent(RunImage("b", None), 3)
    state.sent(RunImage("b", None), 4)
    assert not state.accepts(3, _inference("b"))
    assert state.accepts(4, _inference("b"))
    assert not state.accepts(4, _inference("a"))  # about a model no longer shown


def test_kernels_of_any_request_are_kept_for_the_shown_model_only():
    state = WindowState()
    state.show_model(_ready("b"))
    state.sent(GetKernels("b", "conv1"), 5)
    state.sent(GetKernels("b", "conv2"), 6)
    kernels = KernelsResult("b", "conv1", None, (None, None))
    assert state.accepts(5, kernels)  # an older fetch is still worth keeping
    assert not state.accepts(6, KernelsResult("a", "conv1", None, (None, None)))
    assert state.accepts(0, ImagesLoaded((), ()))


def test_layers_step_in_model_order_and_clamp():
    state = WindowState()
    state.show_model(_ready("m"))
    assert state.default_layer() == "conv1"
    state.layer = "conv1"
    assert state.stepped_layer(1) == "pool1"
    assert state.stepped_layer(10) == "dense" and state.stepped_layer(-10) == "image"
    state.show_model(_ready("n", ("input", "flat", "out")))
    assert state.layer is None and state.default_layer() == "flat"
