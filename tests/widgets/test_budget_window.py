"""The activation budget in the real window: a model file over a tiny budget shows any layer
(computed on demand), with the values of a full capture, and keeps its arrays bounded."""

from __future__ import annotations

import numpy as np
import pytest
from budget_models import tiny_model_file
from window_helpers import RESULT_TIMEOUT_MS, wait_idle

from explorer.core.budget import CACHE_SHARE, CAPTURE_SHARE, ActivationWindows

pytestmark = pytest.mark.gui

BUDGET = 100_000 * CAPTURE_SHARE  # bytes: the model holds ~275 KB an image, a capture 100 KB


def _reference(path: str, entry) -> dict:
    """Every layer's output by a probe of its own over the same file (a full capture)."""
    from explorer.core import predict
    from explorer.core.graph.probe import ActivationProbe
    from explorer.core.models import loading

    loaded = loading.load_model(path)
    outputs = ActivationProbe(loaded.model).run(predict.prepare(loaded, entry.image).tensor)
    return {key: np.asarray(value)[0] for key, value in outputs.items()}


def _shows(win, path: str) -> bool:
    maps = win.views.feature_maps
    return maps.path == path and maps.stack.currentWidget() is not maps.message and \
        win.state.activation(path) is not None


def _tiny_over_the_budget(qtbot, win, tmp_path) -> str:
    """The tiny model loaded under the tiny budget, its first result shown; its path."""
    win.budget.apply(BUDGET)
    path = tiny_model_file(tmp_path)
    win.load_model(path)
    qtbot.waitUntil(lambda: win.result is not None and win.result.model_name == path,
                    timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)
    return path


def test_a_model_over_the_budget_computes_the_selected_layer(qtbot, window, tmp_path):
    win, path = window, _tiny_over_the_budget(qtbot, window, tmp_path)
    result = win.result
    assert not result.complete and isinstance(result.activations, ActivationWindows)
    assert win.layer == "conv0" and "conv6" not in result.activations
    assert "computed around the selection" in win.statusBar().currentMessage()
    reference = _reference(path, win.state.image)

    win.select_layer("conv6")  # not captured: the views wait, the layer is computed
    assert "Computing conv6" in win.views.feature_maps.message.text()
    qtbot.waitUntil(lambda: _shows(win, "conv6"), timeout=RESULT_TIMEOUT_MS)
    np.testing.assert_array_equal(win.state.activation("conv6"), reference["conv6"])
    assert win.result.activations.nbytes <= BUDGET // CACHE_SHARE  # two windows at most

    win.select_layer("conv0")
    qtbot.waitUntil(lambda: _shows(win, "conv0"), timeout=RESULT_TIMEOUT_MS)
    seen, hits = [], 0
    for _ in range(len(win.state.infos)):  # step forward through the whole model
        wait_idle(qtbot, win)  # a user's pace: what was asked ahead has arrived
        win.step_layer(1)
        hits += win.state.activation(win.layer) is not None  # there already: asked ahead
        qtbot.waitUntil(lambda: _shows(win, win.layer), timeout=RESULT_TIMEOUT_MS)
        seen.append(win.layer)
        np.testing.assert_array_equal(win.state.activation(win.layer), reference[win.layer])
        assert win.result.activations.nbytes <= BUDGET // CACHE_SHARE  # two windows at most
    assert seen[-1] == "scores" and "conv7" in seen and "pool" in seen
    assert hits == len(seen), f"stepping forward waited on {len(seen) - hits} layers"
    np.testing.assert_array_equal(win.state.activation("scores"), reference["scores"])


def test_the_budget_setting_and_its_dialog(qtbot, window):
    from explorer.core.budget import default_budget_bytes
    from explorer.widgets.budget_actions import SETTING, BudgetDialog

    win = window
    assert win.budget.bytes == default_budget_bytes()  # 0: automatic
    dialog = BudgetDialog(win.settings.get(SETTING), win)
    assert dialog.value() == 0 and "Automatic" in dialog.spin.text()
    dialog.spin.setValue(512)
    win.budget.set_megabytes(dialog.value())
    assert win.settings.get(SETTING) == 512 and win.budget.bytes == 512 * 2**20
    wait_idle(qtbot, win)
    assert win.result.complete  # fashion-cnn fits in 512 MB
    action = win.menu_actions.activation_memory
    assert action in win.menu_actions.edit_menu.actions()


def test_compare_over_the_budget_computes_both_sides_around_the_selection(qtbot, window,
                                                                          tmp_path):
    win, path = window, _tiny_over_the_budget(qtbot, window, tmp_path)
    reference = _reference(path, win.state.image)
    submitted = []
    win.worker.started.connect(lambda _id, request: submitted.append(request))
    win.views.tabs.setCurrentWidget(win.compare.view)
    win.compare.choose_model(path, "default")  # the same file: the same weights on side B

    def shown(layer):
        view = win.compare.view
        return win.compare.result is not None and view.stack.currentIndex() == 1 and \
            view._shown["pair"].a == layer

    qtbot.waitUntil(lambda: shown("conv0"), timeout=RESULT_TIMEOUT_MS)
    assert not win.compare.result.a.complete and not win.compare.result.b.complete
    win.select_layer("conv6")  # in neither side's window: both are computed around it
    assert "Computing conv6" in win.compare.view.message.text()
    qtbot.waitUntil(lambda: shown("conv6"), timeout=RESULT_TIMEOUT_MS)
    np.testing.assert_array_equal(win.compare.view._shown["a"], reference["conv6"])
    np.testing.assert_allclose(win.compare.view._shown["b"], reference["conv6"], rtol=1e-5,
                               atol=1e-6)
    focused = [r for r in submitted if type(r).__name__ == "RunCompare"]
    assert (focused[-1].focus, focused[-1].other_focus) == ("conv6", "conv6")
    for side in (win.compare.result.a, win.compare.result.b):
        assert sum(a.nbytes for a in side.activations.values()) <= BUDGET // CAPTURE_SHARE
    wait_idle(qtbot, win)
