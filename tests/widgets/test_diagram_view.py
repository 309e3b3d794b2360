"""The Diagram tab in the real window (issue 15): the layout comes from the worker, a click on
a node selects the layer in Shape flow and every view, selecting elsewhere highlights the node
(with its feature-map thumbnail), double-clicks fold and open blocks, and it exports."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from window_helpers import RESULT_TIMEOUT_MS, wait_for_result, wait_idle

pytestmark = pytest.mark.gui


def _show_tab(qtbot, win, model_name):
    view = win.views.diagram
    win.views.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.model_name == model_name and view.layout is not None,
                    timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)
    return view


def _point_of(view, node_id):
    item = view.node_at(node_id)
    view.canvas.centerOn(item)
    rect = item.sceneBoundingRect()
    return view.canvas.mapFromScene(rect.center().x() - 10, rect.center().y())


def _click(view, node_id, double=False):
    where = _point_of(view, node_id)
    if double:
        QTest.mouseDClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=where)
    else:
        QTest.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_a_click_on_a_node_selects_the_layer_everywhere(qtbot, window):
    win = window
    view = _show_tab(qtbot, win, "fashion-cnn")
    assert len(view.items) == len(win.model.table)
    target = next(i.path for i in win.model.table if i.kind == "pool")
    assert win.views.shape_flow.current_path() != target
    _click(view, target)
    assert win.views.shape_flow.current_path() == target
    assert win.layer == target and win.views.feature_maps.path == target
    item = view.node_at(target)
    assert item.selected and item.thumbnail is not None  # the activation's mean map
    # selecting elsewhere moves the highlight here
    other = next(i.path for i in win.model.table if i.kind == "dense")
    win.views.shape_flow.setCurrentIndex(win.views.shape_flow._rows[other])
    assert win.layer == other and view.node_at(other).selected and not item.selected
    assert view.node_at(other).thumbnail is None  # a vector: no map to show


def test_blocks_fold_and_open_and_the_drawing_exports(qtbot, window, tmp_path):
    win = window
    win.load_model("resnet34", "untrained")
    wait_for_result(qtbot, win, model="resnet34")
    view = _show_tab(qtbot, win, "resnet34")
    folded = len(view.items)
    assert folded == 20 and "unit4" in view.items and "unit4/skip_conv" not in view.items
    _click(view, "unit4", double=True)
    qtbot.waitUntil(lambda: "unit4/skip_conv" in view.items, timeout=RESULT_TIMEOUT_MS)
    assert len(view.items) == folded - 1 + 9
    # a layer inside, clicked: Shape flow follows
    _click(view, "unit4/skip_conv")
    assert win.views.shape_flow.current_path() == "unit4/skip_conv"
    # a layer of a folded block selected elsewhere highlights the block
    win.select_layer("unit9/conv1")
    assert view.node_at("unit9").selected
    # fold it again by its frame
    frame = next(f for f in view.scene.items() if getattr(f, "frame", None) is not None)
    rect = frame.sceneBoundingRect()
    view.canvas.centerOn(rect.center())
    where = view.canvas.mapFromScene(rect.left() + 3, rect.center().y())
    QTest.mouseDClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: "unit4/skip_conv" not in view.items, timeout=RESULT_TIMEOUT_MS)
    assert len(view.items) == folded
    view.fit()
    assert view.canvas.zoom() < 1
    svg, png = tmp_path / "r.svg", tmp_path / "r.png"
    view.save_svg(str(svg))
    view.save_png(str(png))
    texts = [t for t in ET.parse(svg).getroot().iter("{http://www.w3.org/2000/svg}text")
             if t.get("class") == "node"]
    assert len(texts) == folded
    image = QImage(str(png))
    assert image.width() == round(2 * view.layout.width)
    assert win.files.export_view().height() == round(view.layout.height)
