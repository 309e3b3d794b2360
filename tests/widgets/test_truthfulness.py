"""What a new user trips on, fixed and checked in the real window (issue 19, points 1–11)."""

from __future__ import annotations

import keras
import pytest
from PySide6.QtCore import QModelIndex
from window_helpers import RESULT_TIMEOUT_MS, wait_idle

from explorer.widgets import main_window as main_window_module
from explorer.widgets.predictions_view import UNTRAINED_WARNING, display_label
from explorer.widgets.shape_flow import PATH_ROLE

pytestmark = pytest.mark.gui


def _load(qtbot, win, name, weights="default"):
    win.load_model(name, weights)
    qtbot.waitUntil(lambda: win.model is not None and win.model.name == name
                    and win.result is not None and win.result.model_name == name,
                    timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)


def test_a_long_layer_name_does_not_squeeze_the_docks(qtbot, window, tmp_path):
    win = window
    win.resize(1024, 700)
    long_name = "a_layer_with_a_really_long_name_" * 4
    inputs = keras.Input((28, 28, 1))
    x = keras.layers.Conv2D(4, 3, name=long_name)(inputs)
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(
        keras.layers.Flatten()(x)))
    path = tmp_path / "long.keras"
    model.save(path)
    _load(qtbot, win, str(path))
    win.select_layer(long_name)
    qtbot.wait(50)
    title = win.views.feature_maps.title
    assert title.full_text().startswith(long_name)
    assert title.text().endswith("…") and title.width() < 1024
    docks = win.views.docks
    assert docks["shape_flow"].width() >= 260
    assert docks["input"].width() >= 240 and docks["predictions"].width() >= 240
    docks["samples"].hide()
    win.reset_layout()
    qtbot.wait(50)
    assert all(d.isVisible() for d in docks.values())
    assert docks["shape_flow"].width() >= 260


def test_untrained_predictions_are_said_and_drawn_grey(qtbot, window):
    win = window
    view = win.views.predictions
    assert not view.warning.isVisibleTo(win)  # the bundled trained model: no warning
    _load(qtbot, win, "alexnet")
    assert view.warning.isVisibleTo(win) and view.warning.text() == UNTRAINED_WARNING
    assert "weights: untrained" in win.views.picker.details.full_text()
    x_range = view.plot.getViewBox().viewRange()[0]
    assert x_range[0] <= 0 and 1.0 <= x_range[1] < 1.1  # a probability axis, never 0..0.001
    first = [p.label for p in win.result.predictions[:5]]
    _load(qtbot, win, "fashion-cnn")
    _load(qtbot, win, "alexnet")
    assert [p.label for p in win.result.predictions[:5]] == first  # seeded: the same model


def test_imagenet_labels_are_readable():
    assert display_label("military_uniform") == "military uniform"
    assert display_label("a_very_long_imagenet_class_name_indeed") == "a very long imagenet …"


def test_the_reading_under_the_cursor_and_the_panels_follow_the_layer(qtbot, window):
    win, maps = window, window.views.feature_maps
    win.select_layer("conv1")
    mosaic = maps.mosaic
    maps._on_mosaic_hovered(3, 3)
    assert "channel 0" in maps.hover.text()
    maps._on_mosaic_clicked(3, 3)
    assert maps.mosaic_plot.highlighted() == (0.0, 0.0, mosaic.tile_h, mosaic.tile_w)
    assert maps.channel_panel.isVisibleTo(win)
    win.select_layer("fc1")  # a Dense layer: no channels, no reading from conv1
    assert maps.hover.text().strip() == ""
    assert not maps.channel_panel.isVisibleTo(win)
    assert maps.mosaic_plot.highlighted() is None


def test_a_layer_without_kernels_says_so_and_disables_the_controls(qtbot, window):
    win, kernels = window, window.views.kernels
    win.views.tabs.setCurrentWidget(kernels)
    win.select_layer("pool1")
    assert "has no weights" in kernels.title.full_text()
    assert not kernels.filter_spin.isEnabled() and not kernels.keras_button.isEnabled()
    assert not kernels.histogram.isEnabled()
    win.select_layer("conv1")
    qtbot.waitUntil(lambda: kernels.kernels is not None, timeout=RESULT_TIMEOUT_MS)
    assert kernels.keras_button.isEnabled() and kernels.histogram.isEnabled()


def test_status_messages_clear_themselves(qtbot, window, monkeypatch):
    win = window
    monkeypatch.setattr(main_window_module, "STATUS_SECONDS", 0.2)
    win.say("something happened")
    assert win.statusBar().currentMessage() == "something happened"
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == "", timeout=5000)


def test_block_members_show_their_short_name_and_keyboard_stays_on_blocks(qtbot, window):
    win = window
    _load(qtbot, win, "resnet34")
    flow = win.views.shape_flow
    model = flow.model()
    texts = []

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            texts.append((index.data(), index.data(PATH_ROLE)))
            walk(index)

    walk(QModelIndex())
    shown = {path: text.strip("▣▽▤≈ƒ ") for text, path in texts}
    assert shown["unit1/conv2"] == "conv2"  # under its block "unit1", not "unit1.conv2"
    # a block's row stands for its last layer: selecting that layer keeps the block current
    block = next(model.index(r, 0) for r in range(model.rowCount())
                 if model.index(r, 0).data() == "unit1")
    flow.setCurrentIndex(block)
    flow.select_path(block.data(PATH_ROLE))
    assert flow.currentIndex() == block
    flow.fold_all()
    assert not flow.isExpanded(block)
    flow.unfold_all()
    assert flow.isExpanded(block)


def test_colour_bars_say_what_the_colours_mean(qtbot, window):
    win, maps = window, window.views.feature_maps
    win.select_layer("conv1")
    m = maps.mosaic
    assert maps.color_bar.isVisibleTo(win)
    assert maps.color_bar.labels() == (f"{m.vmax:.3g}", f"{m.vmin:.3g}")
    maps.norm_box.setCurrentText("channel")
    assert "own" in maps.color_bar.labels()[0]
    maps.norm_box.setCurrentText("signed")
    assert maps.cmap == "auto" and maps._cmap_name() == "coolwarm"  # diverging for signed
    win.select_layer("fc1")
    assert not maps.color_bar.isVisibleTo(win)
    assert maps.bars.getAxis("left").labelText == "value"


def test_exports_carry_a_caption_and_the_model_in_their_name(qtbot, window):
    win = window
    win.select_layer("conv1")
    image = win.export_view()
    mosaic = win.views.feature_maps.mosaic
    assert image.height() > mosaic.rgba.shape[0]  # the caption band on top
    caption = win.files.caption(win.views.feature_maps)
    assert caption.startswith("Fashion-MNIST CNN · conv1 · fashion-ankle-boot-test0.png · norm")
    win.views.tabs.setCurrentWidget(win.views.kernels)
    qtbot.waitUntil(lambda: win.views.kernels.kernels is not None, timeout=RESULT_TIMEOUT_MS)
    assert "kernels, keras layout" in win.files.caption(win.views.kernels)
    assert not win.export_view().isNull()


def test_lenet_says_its_digits_are_padded(qtbot, window):
    win = window
    _load(qtbot, win, "lenet5")
    assert "images 28×28 padded to 32×32×1" in win.views.picker.details.full_text()


def test_double_click_resets_the_zoom(qtbot, window):
    plot = window.views.feature_maps.mosaic_plot
    window.select_layer("conv1")
    full = plot.view.viewRange()
    plot.view.scaleBy((0.25, 0.25))
    assert plot.view.viewRange() != full
    plot.reset_zoom()
    # the whole mosaic again (to a pixel: the padding follows the view's size)
    assert plot.view.viewRange()[0] == pytest.approx(full[0], abs=1.5)
