"""The Census tab in the real window (issue 14): a census of real Fashion-MNIST images runs with
progress, its table and small multiples follow the selected layer, dead channels are flagged, a
top image opens at its unit, the confusion matrix lists a cell's images, Stop keeps what is done
and Resume goes on, and a census folder reopens."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from window_helpers import RESULT_TIMEOUT_MS, wait_idle

from explorer.widgets.census_view import CropButton

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def census_root(tmp_path, monkeypatch):
    monkeypatch.setenv("CNN_EXPLORER_CENSUS_DIR", str(tmp_path / "census"))
    return tmp_path / "census"


def _run(qtbot, win, view, limit):
    view.data_box.setCurrentText("fashion-mnist")
    view.limit_box.setValue(limit)
    view.run_button.click()
    qtbot.waitUntil(lambda: view.data is not None and view.run_button.isEnabled(),
                    timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)


def test_a_census_fills_the_table_and_mosaic_and_opens_a_top_image_at_its_unit(
        qtbot, window, fashion_mnist_dir, census_root):
    win, view = window, window.views.census
    win.views.tabs.setCurrentWidget(view)
    win.select_layer("conv2a")
    progress = []
    win.worker.progress.connect(lambda _id, p: progress.append((p.done, p.total)))
    _run(qtbot, win, view, 192)
    data = view.data
    assert data.complete and data.images == 192 and progress[-1] == (192, 192)
    assert "192 of 192 images of fashion-mnist test through fashion-cnn" in view.summary.text()
    assert (census_root / "fashion-cnn_fashion-mnist_test" / "summary.json").exists()
    # the table: one row a channel, sortable by number
    assert view.table.rowCount() == 128
    view.table.sortItems(1, Qt.SortOrder.DescendingOrder)
    means = [view.table.item(r, 1).value for r in range(128)]
    assert means == sorted(data.layers["conv2a"].mean.tolist(), reverse=True)
    first = view.shown_channels()[0]
    assert first == int(np.argmax(data.layers["conv2a"].mean))
    # the small multiples: the strongest channel's top images, cropped to the unit's box
    cell = view.mosaic_grid.itemAt(0).widget()
    crops = cell.findChildren(CropButton)
    assert len(crops) == 9
    # a layer with dead channels flags them
    win.select_layer("fc1")
    dead = np.flatnonzero(data.layers["fc1"].dead)
    assert len(dead) > 0 and f"{len(dead)} dead" in view.layer_label.text()
    rows = {int(view.table.item(r, 0).value): r for r in range(view.table.rowCount())}
    assert view.table.item(rows[int(dead[0])], 5).text() == "dead"
    assert all(view.table.item(rows[c], 5).text() == "" for c in range(128) if c not in dead)
    # a click on a top image opens it in the window, at that layer and unit
    win.select_layer("conv2a")
    layer = data.layers["conv2a"]
    index = int(layer.top_index[0, first])
    from explorer.worker.messages import UnitResult

    units = []
    win.worker.result.connect(lambda _id, r: units.append(r) if isinstance(r, UnitResult) else 0)
    crops[0].click()
    name = data.image_name(index)
    qtbot.waitUntil(lambda: win.result is not None and win.result.image.name == name,
                    timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)
    assert win.layer == "conv2a"
    qtbot.waitUntil(lambda: bool(units), timeout=RESULT_TIMEOUT_MS)
    row, col = (int(v) for v in layer.top_at[0, first])
    asked = units[-1].request
    assert (asked.path, asked.channel, asked.row, asked.col) == ("conv2a", first, row, col)
    # the value the window computes there is the census's top value
    shown = win.state.activation("conv2a")[row, col, first]
    assert float(shown) == pytest.approx(float(layer.top_value[0, first]), rel=1e-3)


def test_the_confusion_matrix_lists_a_cells_images_and_stop_then_resume(
        qtbot, window, fashion_mnist_dir):
    win, view = window, window.views.census
    win.views.tabs.setCurrentWidget(view)
    view.data_box.setCurrentText("fashion-mnist")
    view.limit_box.setValue(2000)
    view.run_button.click()
    qtbot.waitUntil(lambda: view.progress.value() >= 128, timeout=RESULT_TIMEOUT_MS)
    view.stop_button.click()
    qtbot.waitUntil(lambda: view.data is not None and view.run_button.isEnabled(),
                    timeout=RESULT_TIMEOUT_MS)
    part = view.data
    assert not part.complete and 0 < part.images < 2000
    assert view.resume_button.isEnabled() and "Resume goes on" in view.summary.text()
    view.resume_button.click()
    qtbot.waitUntil(lambda: view.data is not part and view.run_button.isEnabled(),
                    timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)
    data = view.data
    assert data.complete and data.images == 2000
    view.pages.setCurrentIndex(1)
    true, predicted = 6, 0  # shirts taken for T-shirts
    view._on_cell_clicked(true, predicted)
    qtbot.waitUntil(lambda: view.cell_list.count() == min(len(data.cell(true, predicted)), 60),
                    timeout=RESULT_TIMEOUT_MS)
    assert f"{len(data.cell(true, predicted))} images" in view.cell_label.text()
    wait_idle(qtbot, win)
    assert all(data.thumbnail(int(i)) is not None for i in data.cell(true, predicted)[:60])
    # a correct cell's images get thumbnails on demand too
    view._on_cell_clicked(0, 0)
    wait_idle(qtbot, win)
    assert all(data.thumbnail(int(i)) is not None for i in data.cell(0, 0)[:60])
    # reopening the folder shows the same census without recomputing
    view.data = None
    win.census.open(data.folder)
    qtbot.waitUntil(lambda: view.data is not None, timeout=RESULT_TIMEOUT_MS)
    assert view.data.images == 2000 and view.data.confusion.tolist() == data.confusion.tolist()
