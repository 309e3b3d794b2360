"""The Compare tab in the real window: one model against itself (zero difference, cosine 1),
↑/↓ stepping both sides, and two images through one model."""

from __future__ import annotations

import numpy as np
import pytest
from window_helpers import RESULT_TIMEOUT_MS, wait_for_result, wait_idle

pytestmark = pytest.mark.gui


def _compared(qtbot, win, layer=None):
    qtbot.waitUntil(lambda: win.compare.result is not None and
                    win.compare.view.stack.currentIndex() == 1 and
                    (layer is None or win.compare.view._shown["pair"].a == layer),
                    timeout=RESULT_TIMEOUT_MS)
    return win.compare.view._shown


def test_a_model_against_itself_shows_no_difference(qtbot, window):
    win = window
    win.views.tabs.setCurrentWidget(win.compare.view)
    win.compare.choose_model("fashion-cnn", "default")
    shown = _compared(qtbot, win, "conv1")
    a, b = shown["a"], shown["b"]
    np.testing.assert_array_equal(a, win.result.activations["conv1"])
    np.testing.assert_array_equal(b, a)
    cosine = win.compare.view.cosine()
    x = a.reshape(-1, a.shape[-1]).astype(np.float64)
    norms = np.linalg.norm(x, axis=0)
    live = norms > 0
    expected = (x[:, live] * x[:, live]).sum(0) / norms[live] ** 2
    np.testing.assert_allclose(cosine[live], expected)
    np.testing.assert_allclose(cosine, 1.0)
    diff = win.compare.view.plot_diff.item.image  # the A − B mosaic: every tile the centre
    from explorer.core.pixels.colormaps import colormap
    centre = colormap("RdBu_r")[128]
    mosaic = win.compare.view.mosaic
    tile = diff[:mosaic.tile_h, :mosaic.tile_w]
    assert (tile == centre).all()
    assert "0" in win.compare.view.title_diff.full_text()

    win.step_layer(1)  # ↓ steps both sides
    shown = _compared(qtbot, win, "pool1")
    assert shown["pair"].b == "pool1" and shown["b"].shape == (14, 14, 64)
    win.compare.view.step_requested.emit(-1)
    assert _compared(qtbot, win, "conv1")["pair"].a == "conv1"


def test_untrained_weights_and_a_second_image(qtbot, window, photos):
    win = window
    win.views.tabs.setCurrentWidget(win.compare.view)
    win.compare.choose_model("fashion-cnn", "untrained")
    shown = _compared(qtbot, win)
    qtbot.waitUntil(lambda: "untrained" in win.compare.view.title_b.full_text(),
                    timeout=RESULT_TIMEOUT_MS)
    cosine = win.compare.view.cosine()
    assert cosine.min() < 0.99  # other weights: the channels differ
    a, b = shown["a"], shown["b"]
    assert np.abs(a - b).max() > 0

    win.load_sources((str(photos / "bird.bmp"),))
    wait_for_result(qtbot, win, "bird.bmp")
    first = next(k for k in win.state.images if k != win.state.image_key)
    win.compare.view.set_images([(win.state.images[first].name, first)], first)
    win.compare.choose_image(first)
    qtbot.waitUntil(lambda: win.compare.result is not None and
                    win.compare.result.request.other_image is not None and
                    win.compare.view.stack.currentIndex() == 1, timeout=RESULT_TIMEOUT_MS)
    result = win.compare.result
    assert result.a.image.name == "bird.bmp" and result.b.image.key == first
    wait_idle(qtbot, win)


def test_a_copy_with_a_new_head_from_a_file(qtbot, window, tmp_path):
    """Side B a model file (a 3-class head on fashion-cnn's layers): the base's layers show no
    difference, the head's shapes differ and the view says so."""
    import keras

    from explorer.core.models import loading

    base = loading.load_model("fashion-cnn").model
    head = keras.layers.Dense(3, activation="softmax", name="predictions")(
        base.get_layer("drop2").output)
    path = tmp_path / "tuned.keras"
    keras.Model(base.inputs, head).save(path)

    win = window
    win.views.tabs.setCurrentWidget(win.compare.view)
    win.compare.choose_model(str(path), "default")
    shown = _compared(qtbot, win, "conv1")
    np.testing.assert_array_equal(shown["a"], shown["b"])
    assert "tuned.keras" in win.compare.view.title_b.full_text()
    assert win.compare.view.predictions_b.full_text().count("%") == 3
    win.select_layer("predictions")
    shown = _compared(qtbot, win, "predictions")
    assert shown["a"].shape == (10,) and shown["b"].shape == (3,)
    assert "shapes differ" in win.compare.view.title_diff.full_text()
    assert win.compare.view.cosine() is None


def test_removing_side_bs_image_clears_the_comparison_and_says_so(qtbot, window, photos):
    win = window
    win.load_sources((str(photos / "cat.bmp"),))
    qtbot.waitUntil(lambda: len(win.state.images) == 2, timeout=120_000)
    wait_idle(qtbot, win)
    first = next(iter(win.state.images))
    win.show_image(first)
    wait_idle(qtbot, win)
    other = [k for k in win.state.images if k != first][0]
    win.views.tabs.setCurrentWidget(win.compare.view)
    win.compare.choose_image(other)
    qtbot.waitUntil(lambda: win.compare.result is not None, timeout=120_000)
    win.remove_image(other)
    assert win.compare.result is None and win.compare.other_image is None
    view = win.compare.view
    assert view.stack.currentWidget() is view.message and "removed" in view.message.text()
