"""The Explain tab in the real window (issue 12): the top-1 by default, a click on a prediction
bar explains that class, the map lies over the right pixels, slow methods show progress and
stop on Cancel, and the overlay and the map export."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from window_helpers import RESULT_TIMEOUT_MS, wait_idle

pytestmark = pytest.mark.gui


def _wait_map(qtbot, win, **expected):
    view = win.views.explain

    def shown():
        r = view.result
        return r is not None and all(getattr(r.explanation, k) == v
                                     for k, v in expected.items())

    qtbot.waitUntil(shown, timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)
    return view.result


def test_opening_the_tab_explains_the_top_1_over_both_images(qtbot, window):
    win = window
    win.views.tabs.setCurrentWidget(win.views.explain)
    result = _wait_map(qtbot, win, method="gradcam")
    e = result.explanation
    assert (e.label, e.class_index, e.layer, e.score_kind) == ("Ankle boot", 9, "pool3", "logit")
    assert result.model_name == "fashion-cnn" and result.image_key == win.image_key
    view = win.views.explain
    # over the fed pixels: the whole 28×28; over the original: where the fed part came from
    assert view.fed.heat_rect() == (0.0, 0.0, 28.0, 28.0)
    top, left, bottom, right = result.prepared.source_box
    assert view.original.heat_rect() == (left, top, right - left, bottom - top)
    np.testing.assert_array_equal(view.fed.heat.image, e.heatmap)
    assert "Grad-CAM of 'Ankle boot' at pool3 · logit" in view.caption.text()
    assert view.layer.currentData() == "pool3" and view.layer.count() >= 6


def test_a_click_on_a_prediction_bar_explains_that_class(qtbot, window):
    win = window
    bars = win.views.predictions
    second = bars.class_at_row(1)
    plot = bars.plot
    where = plot.mapFromScene(plot.getViewBox().mapViewToScene(pg.Point(0.01, 1.0)))
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(where.x() + 2, where.y()))
    assert win.views.tabs.currentWidget() is win.views.explain
    result = _wait_map(qtbot, win, class_index=second)
    assert result.explanation.label == win.result.predictions[1].label


def test_a_slow_method_shows_progress_and_cancel_stops_it(qtbot, window):
    win, view = window, window.views.explain
    win.views.tabs.setCurrentWidget(view)
    _wait_map(qtbot, win, method="gradcam")
    seen = []
    win.worker.progress.connect(lambda request_id, p: seen.append((p.done, p.total)))
    view.method.setCurrentIndex(view.method.findData("occlusion"))
    view.method.activated.emit(view.method.currentIndex())
    qtbot.waitUntil(lambda: bool(seen), timeout=RESULT_TIMEOUT_MS)
    assert view.progress.isVisibleTo(win) and view.cancel.isVisibleTo(win)
    QTest.mouseClick(view.cancel, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, win)
    if view.result.explanation.method == "occlusion":  # finished before the click landed
        pytest.skip("the occlusion finished before Cancel was pressed")
    assert "cancelled" in view.caption.text().lower()
    assert not view.progress.isVisibleTo(win)
    assert seen[-1][0] < seen[-1][1]  # it stopped before its last batch


def test_a_newer_request_supersedes_and_exports_match(qtbot, window, tmp_path):
    win, view = window, window.views.explain
    win.views.tabs.setCurrentWidget(view)
    _wait_map(qtbot, win, method="gradcam")
    win.explain("smoothgrad", 3)
    win.explain("saliency", 7)
    result = _wait_map(qtbot, win, method="saliency", class_index=7)
    assert result.explanation.label == "Sneaker"
    overlay = view.overlay_image()
    assert overlay.ndim == 3 and overlay.shape[2] == 4 and overlay.shape[0] >= 224
    path = tmp_path / "map.npy"
    view.save_map(str(path))
    np.testing.assert_array_equal(np.load(path), result.explanation.heatmap)
    image = win.export_view()
    assert (image.width(), image.height()) == (overlay.shape[1], overlay.shape[0])
