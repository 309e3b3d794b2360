"""The "What it looks for" tab in the real window (issue 14): the selected layer's first
channels fill in one by one with progress, a second visit comes from the disk cache, Stop
stops, and the class mode shows the output's classes. Few steps: the optimisation itself is
tested in tests/featvis."""

from __future__ import annotations

import pytest
from window_helpers import RESULT_TIMEOUT_MS, wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CNN_EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _set(view, mode="channels", count=4, steps=32):
    for combo, value in ((view.mode, mode), (view.count, count), (view.steps, steps)):
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findData(value))
        combo.blockSignals(False)


def test_the_tab_fills_the_layers_channels_then_a_revisit_is_cached(qtbot, window, cache_dir):
    win, view = window, window.views.featvis
    win.select_layer("conv1")
    _set(view, count=4, steps=32)
    progress = []
    win.worker.progress.connect(lambda _id, p: progress.append(p.done))
    win.views.tabs.setCurrentWidget(view)
    assert win.views.tabs.tabText(win.views.tabs.currentIndex()) == "What it looks for"
    qtbot.waitUntil(lambda: view.filled_count() == 4, timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)
    assert [c.caption.text() for c in view.cells.values()] == [f"channel {i}" for i in range(4)]
    assert progress and max(progress) == 32
    assert not view.stop_button.isEnabled() and "4 of 4 shown" in view.caption.text()
    assert len(list((cache_dir / "featvis").glob("*.npz"))) == 4
    first = view.cells[("channel", "conv1", 0)].picture.pixmap().toImage()
    win.select_layer("conv2a")  # another layer, then back: from the disk cache
    qtbot.waitUntil(lambda: view.filled_count() == 4, timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)
    win.select_layer("conv1")
    qtbot.waitUntil(lambda: view.filled_count() == 4, timeout=10_000)
    cell = view.cells[("channel", "conv1", 0)]
    assert "disk cache" in cell.picture.toolTip()
    assert cell.picture.pixmap().toImage() == first


def test_stop_stops_filling_the_grid(qtbot, window, boxes):
    win, view = window, window.views.featvis
    win.select_layer("conv2a")
    _set(view, count=8, steps=512)
    win.views.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.progress.isVisible() and view.stop_button.isEnabled(),
                    timeout=RESULT_TIMEOUT_MS)
    qtbot.wait(300)
    view.stop_button.click()
    wait_idle(qtbot, win)
    assert view.filled_count() < 8
    assert not view.stop_button.isEnabled() and not view.progress.isVisible()
    assert any(c.picture.text() == "stopped" for c in view.cells.values())
    assert boxes.boxes == []  # a stop is no error


def test_the_class_mode_shows_the_outputs_classes(qtbot, window, boxes):
    win, view = window, window.views.featvis
    _set(view, mode="classes", count=4, steps=32)
    win.views.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.filled_count() == 4, timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)
    captions = [c.caption.text() for c in view.cells.values()]
    assert captions == ["class 0: T-shirt/top", "class 1: Trouser", "class 2: Pullover",
                        "class 3: Dress"]
    image = view.cells[("class", None, 1)].picture.pixmap().toImage()
    assert image.width() == 150 and boxes.boxes == []


def test_a_long_note_never_covers_the_picture(qtbot):
    from explorer.widgets.featvis_view import FeatvisCell

    cell = FeatvisCell("channel 0")
    qtbot.addWidget(cell)
    cell.show()
    qtbot.waitExposed(cell)
    cell.setFixedSize(cell.sizeHint())  # as a grid row keeps the size it was laid out with
    cell.caption.setText("channel 0\nalways zero: no gradient to follow up a long way")
    qtbot.wait(20)
    assert cell.caption.geometry().top() > cell.picture.geometry().bottom()
    assert cell.caption.heightForWidth(cell.caption.width()) <= cell.caption.height()
