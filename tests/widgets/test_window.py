"""The real window, offscreen, with its real worker: images in, views in step, errors shown."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from window_helpers import drop_files, wait_for_result, wait_idle, worker_threads

from explorer.core import samples
from explorer.widgets.shape_flow import PATH_ROLE
from explorer.worker.jobs import inference

pytestmark = pytest.mark.gui


def test_opens_on_the_default_model_and_sample(window):
    result = window.result
    assert result.model_name == "fashion-cnn"
    assert result.image.source == str(samples.default_sample_for("fashion-cnn").resolve())
    assert window.layer == "conv1"
    mosaic = window.views.feature_maps.mosaic
    assert (mosaic.tile_h, mosaic.tile_w, mosaic.count) == (28, 28, 64)
    assert window.views.feature_maps.mosaic_plot.item.image.shape == mosaic.rgba.shape
    assert len(window.views.predictions.shown()) == 5
    assert window.views.device.text() == "Device: CPU"
    assert window.views.input_view.step_texts()[0].startswith("1. decode PNG")
    assert window.views.shape_flow.current_path() == "conv1"
    assert "fashion-cnn" in window.views.picker.names()


def test_dropping_an_image_updates_maps_and_predictions(qtbot, window, photos):
    before_predictions = window.views.predictions.shown()
    before_pixels = np.array(window.views.feature_maps.mosaic_plot.item.image)
    drop_files(window, [photos / "parrot.jpg"])
    result = wait_for_result(qtbot, window, "parrot.jpg")
    assert window.views.predictions.shown() != before_predictions
    after_pixels = window.views.feature_maps.mosaic_plot.item.image
    assert after_pixels.shape == before_pixels.shape == window.views.feature_maps.mosaic.rgba.shape
    assert not np.array_equal(after_pixels, before_pixels)
    assert result.image.key in window.views.images.keys()
    assert window.views.input_view.fed_caption.text() == "Fed · 28×28×1"


def test_dropping_several_files_loads_all_and_shows_the_last(qtbot, window, photos):
    drop_files(window, [photos / "cat.bmp", photos / "bird.bmp"])
    wait_for_result(qtbot, window, "bird.bmp")
    names = [window.images[k].name for k in window.views.images.keys()]
    assert names[-2:] == ["cat.bmp", "bird.bmp"]
    assert window.settings.get("files/recent")[0].endswith("bird.bmp")


def test_a_bad_file_or_a_folder_gives_a_message_and_keeps_the_image(qtbot, window, boxes,
                                                                    tmp_path):
    shown = window.result.image.key
    bad = tmp_path / "holiday.png"
    bad.write_text("this is not a picture")
    drop_files(window, [bad])
    qtbot.waitUntil(lambda: len(boxes.boxes) == 1, timeout=30_000)
    assert "holiday.png is not an image" in boxes.boxes[0]["text"]
    assert boxes.boxes[0]["details"] == ""  # a user mistake: no traceback
    drop_files(window, [tmp_path])
    qtbot.waitUntil(lambda: len(boxes.boxes) == 2, timeout=30_000)
    assert "is a folder" in boxes.boxes[1]["text"]
    wait_idle(qtbot, window)
    assert window.image_key == shown and window.result.image.key == shown
    assert "is a folder" in window.statusBar().currentMessage()


def test_paste_loads_the_clipboard_image(qtbot, window):
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    QGuiApplication.clipboard().setImage(image)
    window.menu_actions.paste.trigger()
    result = wait_for_result(qtbot, window, "pasted image")
    assert result.image.image.pixels.shape == (48, 64, 3)


def test_selecting_a_layer_moves_every_view(qtbot, window):
    window.views.tabs.setCurrentWidget(window.views.kernels)
    flow = window.views.shape_flow
    index = flow._rows["conv2a"]
    flow.setCurrentIndex(index)  # as a click in the tree
    assert window.layer == "conv2a"
    assert window.views.feature_maps.path == "conv2a"
    assert "conv2a" in window.views.feature_maps.title.text()
    assert window.views.feature_maps.mosaic.count == 128
    qtbot.waitUntil(lambda: window.views.kernels.kernels is not None
                    and window.views.kernels.kernels.path == "conv2a", timeout=30_000)
    assert window.views.kernels.kernels.keras.shape == (3, 3, 64, 128)
    assert "conv2a" in window.views.kernels.title.text()


def test_kernels_are_fetched_only_while_their_tab_shows(qtbot, window):
    window.views.tabs.setCurrentWidget(window.views.feature_maps)
    window.select_layer("conv3a")
    assert "fetching" in window.views.kernels.title.text()
    wait_idle(qtbot, window)  # whatever was asked of the worker is done
    assert window.views.kernels.kernels is None or window.views.kernels.kernels.path != "conv3a"
    window.views.tabs.setCurrentWidget(window.views.kernels)
    qtbot.waitUntil(lambda: window.views.kernels.kernels is not None
                    and window.views.kernels.kernels.path == "conv3a", timeout=30_000)


def test_arrow_keys_step_through_layers_in_every_view(qtbot, window):
    plot = window.views.feature_maps.mosaic_plot
    qtbot.keyClick(plot, Qt.Key.Key_Down)
    assert window.layer == "pool1"
    assert window.views.shape_flow.current_path() == "pool1"
    assert window.views.feature_maps.path == "pool1"
    assert window.views.feature_maps.mosaic.tile_h == 14
    assert "MaxPooling2D layer has no weights" in window.views.kernels.title.text()
    qtbot.keyClick(plot, Qt.Key.Key_Up)
    qtbot.keyClick(plot, Qt.Key.Key_Up)
    assert window.layer == "image" and window.views.shape_flow.current_path() == "image"
    window.menu_actions.next_layer.trigger()  # Page Down anywhere
    assert window.layer == "conv1"


def test_dense_layers_show_as_bars(window):
    window.select_layer("fc1")
    fm = window.views.feature_maps
    assert fm.stack.currentWidget() is fm.bars
    values = window.result.activations["fc1"]
    drawn = np.zeros_like(values)
    for item in (fm.bar_item, fm.negative_bars):
        drawn[np.asarray(item.opts["x"], dtype=int)] = item.opts["height"]
    np.testing.assert_array_equal(drawn, values)


def test_a_storm_of_image_switches_ends_with_the_last(qtbot, window, photos):
    names = ["cat.bmp", "bird.bmp", "sunflower.bmp", "grace_hopper.bmp"]
    drop_files(window, [photos / n for n in names])
    wait_for_result(qtbot, window, "grace_hopper.bmp")
    keys = [k for k in window.views.images.keys() if window.images[k].name in names]
    shown = []
    window.result_shown.connect(lambda r: shown.append(r.image.name))
    for i in range(30):
        window.show_image(keys[i % len(keys)])
    last = window.images[keys[29 % len(keys)]].name
    wait_idle(qtbot, window)
    assert window.result.image.name == last == "bird.bmp"
    assert window.image_key == keys[29 % len(keys)]
    assert len(shown) < 30  # queued switches were coalesced, stale results dropped
    assert shown[-1] == last


def test_switching_model_keeps_the_image_and_reruns(qtbot, window):
    image = window.result.image.key
    window.load_model("lenet5")
    result = wait_for_result(qtbot, window, model="lenet5")
    assert result.image.key == image
    assert window.layer == "C1" and window.views.feature_maps.mosaic.count == 6
    assert window.views.shape_flow.model().rowCount() == len(window.model.table)
    assert window.views.input_view.fed_caption.text() == "Fed · 32×32×1"


def test_a_bug_in_the_worker_reaches_the_user_with_details(qtbot, window, boxes, monkeypatch,
                                                          photos):
    def broken(*args, **kwargs):
        raise RuntimeError("injected failure in run_inference")

    monkeypatch.setattr(inference, "run_inference", broken)
    errors = []
    window.error_shown.connect(errors.append)
    drop_files(window, [photos / "sunflower.bmp"])
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    box = boxes.boxes[-1]
    assert "unexpected error" in box["title"]
    assert "RuntimeError: injected failure in run_inference" in box["text"]
    assert "Traceback" in box["details"] and "broken" in box["details"]
    monkeypatch.undo()  # the window stays usable
    drop_files(window, [photos / "cat.bmp"])
    wait_for_result(qtbot, window, "cat.bmp")


def test_export_and_copy_the_view(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "conv1.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PNG (*.png)"))
    window.menu_actions.save_view.trigger()
    saved = QImage(str(target))
    rgba = window.views.feature_maps.mosaic.rgba
    # every mosaic pixel kept (enlarged by a whole factor to at least 320 wide), under an
    # 18-pixel caption band (the canvas is wider where the caption is longer than the picture)
    factor = -(-320 // rgba.shape[1])
    assert saved.height() == rgba.shape[0] * factor + 18
    assert saved.width() >= rgba.shape[1] * factor
    for y, x in ((0, 0), (rgba.shape[0] // 2, rgba.shape[1] // 3)):
        pixel = saved.pixelColor(x * factor, 18 + y * factor)
        assert (pixel.red(), pixel.green(), pixel.blue()) == tuple(int(v) for v in rgba[y, x, :3])
    window.menu_actions.copy_view.trigger()
    copied = QGuiApplication.clipboard().image()
    assert (copied.height(), copied.width()) == (saved.height(), saved.width())
    window.views.tabs.setCurrentIndex(1)
    assert not window.export_view().isNull()


def test_closing_while_busy_leaves_no_thread(qtbot, settings_dir, boxes):
    from explorer.settings import Settings
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    win = MainWindow(Worker(), Settings())
    win.show()
    win.start()
    win.load_model("alexnet")  # queued behind start-up: still busy when we close
    win.close()
    assert not win.worker.is_running()
    assert not worker_threads()


def test_group_rows_fold(window):
    flow = window.views.shape_flow
    model = flow.model()
    assert model.rowCount() == len(window.model.table)  # fashion-cnn has no blocks
    assert model.index(1, 0).data(PATH_ROLE) == "conv1"
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).bold()


def test_clicking_a_tile_enlarges_its_channel_with_values_under_the_cursor(window):
    fm = window.views.feature_maps
    assert not fm.channel_panel.isVisible()
    mosaic = fm.mosaic
    top, left = mosaic.tile_origin(11)
    fm.mosaic_plot.clicked.emit(top + 3, left + 4)
    panel = fm.channel_panel
    assert panel.isVisible() and panel.channel == 11
    activation = window.result.activations["conv1"]
    np.testing.assert_array_equal(panel.plot.item.image, activation[:, :, 11])
    panel.plot.hovered.emit(5, 7)
    assert panel.value.text() == f"channel 11 · row 5, col 7 = {activation[5, 7, 11]:.5g}"
    fm.mosaic_plot.hovered.emit(top + 5, left + 7)
    assert fm.hover.text() == f"channel 11 · row 5, col 7 = {activation[5, 7, 11]:.5g}"
    fm.mosaic_plot.hovered.emit(top + mosaic.tile_h, left)  # on a separator
    assert fm.hover.text() == " "
