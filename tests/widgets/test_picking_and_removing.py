"""The smaller things of issue 19 point 14: the picker marks cached weights and finds a model as
you type; a right-click on a thumbnail does not switch images and offers Remove; a removed image
leaves the window on its neighbour (or says there is none); mosaic separators stay visible when
the mosaic is zoomed out."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import QApplication
from window_helpers import drop_files, wait_for_result, wait_idle

from explorer.core.models.types import ModelEntry
from explorer.widgets.image_plot import GRID_COLOUR, ImagePlot
from explorer.widgets.model_picker import ModelPicker
from explorer.widgets.thumbnails import ThumbnailStrip

pytestmark = pytest.mark.gui


def _entry(name, title, group, status):
    return ModelEntry(name, title, group, (224, 224, 3), title, None, status, True)


def test_the_picker_marks_cached_weights_and_filters_as_you_type(qtbot):
    picker = ModelPicker()
    qtbot.addWidget(picker)
    picker.set_models([_entry("resnet50", "ResNet50", "pretrained", "cached"),
                       _entry("resnet101", "ResNet101", "pretrained", "to download (≈179 MB)"),
                       _entry("mobilenet", "MobileNet", "pretrained", "to download (≈17 MB)"),
                       _entry("lenet5", "LeNet-5", "code", "untrained")])
    rows = {picker.model.item(r).data(Qt.ItemDataRole.UserRole): picker.model.item(r)
            for r in range(picker.model.rowCount())}
    assert not rows["resnet50"].icon().isNull()  # cached: marked
    assert rows["resnet101"].icon().isNull() and rows["lenet5"].icon().isNull()

    completer = picker.find.completer()
    completer.setCompletionPrefix("net1")
    assert completer.completionCount() == 1 and completer.currentCompletion() == "ResNet101"
    completer.setCompletionPrefix("NET")
    assert completer.completionCount() == 4  # contains, any case
    assert picker.matching("mobile") == ["mobilenet"]
    with qtbot.waitSignal(picker.model_chosen) as chosen:
        picker.find.setText("mobile")
        picker._on_find_return()  # Enter with one match picks it
    assert chosen.args == ["mobilenet"] and picker.find.text() == ""
    with qtbot.waitSignal(picker.model_chosen) as chosen:
        completer.activated.emit("ResNet50")
    assert chosen.args == ["resnet50"]


def _strip(qtbot, removable=True):
    strip = ThumbnailStrip(removable=removable)
    qtbot.addWidget(strip)
    pixmap = QPixmap(20, 20)
    pixmap.fill(Qt.GlobalColor.red)
    for key in ("a", "b", "c"):
        strip.add(key, key, pixmap)
    strip.resize(400, 120)
    strip.show()
    strip.set_current("a")
    return strip


def test_a_long_model_line_is_shortened_not_widening_the_window(qtbot, window):
    """ResNet50's line ("input 224×224×3 · 25.6M params (25,636,712) · weights: …") once set
    the window's minimum width: the window grew by 280 px when the model was chosen."""
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    picker = window.views.picker
    picker.set_loaded(picker._current or "lenet5", 25_636_712, "224×224×3", "untrained " * 30)
    QApplication.processEvents()
    assert window.width() == 1024 and window.minimumSizeHint().width() < 1024
    assert picker.details.full_text().startswith("input 224×224×3 · 25.6")
    shown = picker.details.text()
    assert shown.endswith("…") and len(shown) < len(picker.details.full_text())
    assert picker.details.full_text() in picker.details.toolTip()
    box = picker.combo.width()
    picker.add_entry(_entry("mine", "my_model_with_a_very_long_file_name_v3_final.keras",
                            "file", "trained (from the file)"))
    QApplication.processEvents()
    assert picker.combo.width() == box and window.width() == 1024  # the box keeps its width
    assert picker.combo.view().minimumWidth() > box  # and the list shows the whole name


def test_a_right_click_does_not_switch_and_offers_remove(qtbot):
    strip = _strip(qtbot)
    centre = strip.visualItemRect(strip.item(2)).center()
    emitted = []
    strip.chosen.connect(emitted.append)
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        QApplication.sendEvent(strip.viewport(), QMouseEvent(
            kind, QPointF(centre), QPointF(strip.viewport().mapToGlobal(centre)),
            Qt.MouseButton.RightButton, Qt.MouseButton.RightButton,
            Qt.KeyboardModifier.NoModifier))
    assert strip.currentItem().text() == "a" and emitted == []
    QApplication.sendEvent(strip.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre,
                                                    strip.viewport().mapToGlobal(centre)))
    menu = strip.last_menu
    actions = {a.text(): a for a in menu.actions()}
    assert list(actions) == ["Show", "Remove"]
    with qtbot.waitSignal(strip.remove_requested) as removed:
        actions["Remove"].trigger()
    assert removed.args == ["c"]
    menu.close()
    with qtbot.waitSignal(strip.remove_requested) as removed:
        QApplication.sendEvent(strip, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Delete,
                                                Qt.KeyboardModifier.NoModifier))
    assert removed.args == ["a"]
    strip.remove("b")
    assert strip.keys() == ["a", "c"]


def test_the_samples_cannot_be_removed(qtbot):
    strip = _strip(qtbot, removable=False)
    centre = strip.visualItemRect(strip.item(0)).center()
    QApplication.sendEvent(strip.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre,
                                                    strip.viewport().mapToGlobal(centre)))
    assert [a.text() for a in strip.last_menu.actions()] == ["Show"]
    strip.last_menu.close()


def test_removing_images_moves_to_the_neighbour_then_says_there_is_none(qtbot, window, photos):
    wait_for_result(qtbot, window)
    wait_idle(qtbot, window)
    for key in list(window.state.images):  # the start-up sample
        window.remove_image(key)
    drop_files(window, [photos / "cat.bmp", photos / "bird.bmp"])
    wait_for_result(qtbot, window, "bird.bmp")
    wait_idle(qtbot, window)
    keys = window.views.images.keys()
    assert len(keys) == 2 and window.state.image_key == keys[1]
    window.remove_image(keys[1])  # the current one: its neighbour runs
    assert window.state.image_key == keys[0]
    wait_for_result(qtbot, window, "cat.bmp")
    wait_idle(qtbot, window)
    assert window.views.images.keys() == [keys[0]]
    window.remove_image(keys[0])
    assert window.state.image is None and window.views.images.keys() == []
    assert window.views.predictions.caption.text() == "No predictions yet"
    assert window.views.predictions.shown() == []
    assert window.views.feature_maps.message.text().startswith("No image")
    assert window.views.input_view.original.pixmap().isNull()


def test_separators_stay_visible_when_the_mosaic_is_zoomed_out(qtbot):
    from explorer.core.pixels.render import render_feature_maps

    maps = np.ones((20, 20, 64), np.float32)  # every tile one bright colour
    mosaic = render_feature_maps(maps, "layer", "gray")
    plot = ImagePlot()
    qtbot.addWidget(plot)
    plot.resize(60, 40)  # the mosaic is drawn at a fraction of its size
    plot.show()
    plot.set_rgba(mosaic.rgba)
    qtbot.waitExposed(plot)
    width = mosaic.rgba.shape[1]

    def dark_columns() -> int:
        QApplication.processEvents()
        image = plot.grab().toImage()
        ptr = image.constBits()
        pixels = np.frombuffer(ptr, np.uint8).reshape(image.height(), image.bytesPerLine())
        rgb = pixels[:, :image.width() * 4].reshape(image.height(), image.width(), 4)[..., :3]
        near = np.all(np.abs(rgb.astype(int) - GRID_COLOUR) < 25, axis=2)
        return int((near.sum(axis=0) > image.height() // 3).sum())

    assert width / plot.width() > 3  # zoomed out: a 1-pixel gap would fall between samples
    before = dark_columns()
    plot.set_grid([r * (mosaic.tile_h + mosaic.sep) - 0.5 for r in range(1, mosaic.rows)],
                  [c * (mosaic.tile_w + mosaic.sep) - 0.5 for c in range(1, mosaic.cols)])
    assert plot.grid_lines() == (mosaic.rows - 1) + (mosaic.cols - 1)
    assert dark_columns() >= before + mosaic.cols - 1 - 2  # a line per separator (±2 merged)


def test_the_feature_maps_draw_a_line_per_separator(qtbot, window):
    wait_for_result(qtbot, window)
    wait_idle(qtbot, window)
    m = window.views.feature_maps.mosaic
    assert m is not None
    assert window.views.feature_maps.mosaic_plot.grid_lines() == (m.rows - 1) + (m.cols - 1)
