"""The model files people have, opened in the window (issue 20): each one runs, its
predictions equal its own Keras on the same pixels, its notes and scaling are shown, and a
scaling the user picks is used and remembered for that file."""

from __future__ import annotations

import numpy as np
import pytest
from model_kinds import FEEDS, KINDS, expected_output, probe_image
from window_helpers import drop_files, wait_for_result, wait_idle

pytestmark = pytest.mark.gui


def _open(qtbot, win, path, image):
    win.load_model(str(path))
    qtbot.waitUntil(lambda: win.model is not None and win.model.name == str(path),
                    timeout=120_000)
    drop_files(win, [image])
    result = wait_for_result(qtbot, win, image.name, str(path))
    wait_idle(qtbot, win)
    return result


def _scores(result) -> np.ndarray:
    scores = np.zeros(len(result.predictions))
    for p in result.predictions:
        scores[p.index] = p.score
    return scores


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_opens_and_predicts_like_its_own_keras(qtbot, shared_window, model_kinds,
                                                         name, tmp_path):
    win = shared_window.window
    path, mode, _ = model_kinds[name]
    shape, input_shape = FEEDS[name]
    image, pixels = probe_image(tmp_path, shape, seed=len(name))
    result = _open(qtbot, win, path, image)
    np.testing.assert_allclose(_scores(result), expected_output(path, pixels, mode, input_shape),
                               atol=1e-5)
    steps = win.views.input_view.step_texts()
    assert steps and win.views.predictions.shown()
    assert win.views.input_view.scaling.isEnabled()  # a model file: scaling can be changed
    notes = win.views.input_view.notes
    assert notes.isVisibleTo(win) == name.startswith(("k2_", "keras_model"))
    if name == "keras_model.h5":
        assert "Saved by Keras 2" in notes.text()
        assert steps[-1].endswith("tf: x / 127.5 − 1 (range −1..1) — Teachable Machine export")
        assert {p.label for p in result.predictions} == {"Rock", "Paper", "Scissors"}


def test_the_scaling_a_user_picks_is_used_and_remembered(qtbot, shared_window, model_kinds,
                                                         tmp_path):
    win = shared_window.window
    path = model_kinds["k3_sequential_inputlayer.keras"][0]
    image, pixels = probe_image(tmp_path, (28, 28, 1), seed=99)
    _open(qtbot, win, path, image)
    combo = win.views.input_view.scaling
    combo.setCurrentIndex(combo.findData("raw"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: win.model.request.preprocess == "raw", timeout=120_000)
    result = wait_for_result(qtbot, win, image.name, str(path))
    qtbot.waitUntil(lambda: win.result is not None and
                    win.result.prepared.steps[-1].endswith("chosen by you"), timeout=120_000)
    wait_idle(qtbot, win)
    np.testing.assert_allclose(_scores(win.result),
                               expected_output(path, pixels, "none", (1, 28, 28, 1)), atol=1e-5)
    assert result.model_name == str(path)
    assert win.settings.scaling_for(str(path)) == "raw"
    win.load_model(str(path))  # opened again later: the remembered choice is used
    assert win.state.latest  # a request went out
    qtbot.waitUntil(lambda: win.model.request.preprocess == "raw", timeout=120_000)
    combo.setCurrentIndex(0)  # back to "as the model says"
    combo.activated.emit(0)
    qtbot.waitUntil(lambda: win.model.request.preprocess is None, timeout=120_000)
    assert win.settings.scaling_for(str(path)) is None
    wait_idle(qtbot, win)
