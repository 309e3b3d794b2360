"""A unit picked in the window (issue 13): the box is drawn at the right pixels of the fed and
the original image, with the effective field, the arithmetic and the layer's card."""

from __future__ import annotations

import pytest
from window_helpers import RESULT_TIMEOUT_MS, wait_idle

pytestmark = pytest.mark.gui


def _pick(qtbot, win, path, row, col):
    maps = win.views.feature_maps
    win.select_layer(path)
    mosaic = maps.mosaic
    top, left = mosaic.tile_origin(2)
    maps._on_mosaic_clicked(top + row, left + col)  # what a click on tile 2 at (row, col) does
    view = win.views.unit
    qtbot.waitUntil(lambda: view.result is not None and view.result.request.path == path
                    and view.result.request.row == row, timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)
    return view


def test_a_conv1_unit_of_the_fashion_cnn(qtbot, window):
    win = window
    view = _pick(qtbot, win, "conv1", 10, 0)
    r = view.result
    # conv1 is 7×7 "same" on 28×28: 3 pixels of padding before; unit (10, 0) sees rows 7…13,
    # columns −3…3 — clipped to 0…3, partly on padding
    assert r.box.full == (7, -3, 13, 3) and r.box.box == (7, 0, 13, 3) and r.box.padding
    assert view.fed.box_rect() == (7.0, 0.0, 13.0, 3.0)
    assert view.original.box_rect() == (7.0, 0.0, 13.0, 3.0)  # the sample is fed as it is
    assert r.arithmetic.channel == 2 and r.arithmetic.kind == "conv"
    assert r.arithmetic.value == pytest.approx(win.result.activations["conv1"][10, 0, 2],
                                               abs=1e-5)
    assert "Σ over input rows 7…13" in view.arithmetic.toPlainText()
    assert "Convolution" in view.card.text() and "7×7 filter" in view.card.text()
    assert win.views.docks["unit"].isVisible()
    # an active unit inside the image: its box is rows r−3…r+3, columns c−3…c+3, and the
    # effective field is zero outside it and not zero inside
    import numpy as np

    maps = win.result.activations["conv1"][:, :, 2]
    active = [(a, b) for a, b in zip(*np.nonzero(maps > 0)) if 3 <= a <= 24 and 3 <= b <= 24]
    row, col = (int(v) for v in active[len(active) // 2])
    r = _pick(qtbot, win, "conv1", row, col).result
    assert r.box.box == r.box.full == (row - 3, col - 3, row + 3, col + 3)
    assert r.effective.shape == (28, 28) and r.effective.max() == pytest.approx(1.0)
    outside = r.effective.copy()
    outside[row - 3:row + 4, col - 3:col + 4] = 0
    assert not outside.any()


@pytest.mark.slow
def test_a_deep_unit_of_resnet34(qtbot, window):
    win = window
    win.load_model("resnet34")
    qtbot.waitUntil(lambda: win.result is not None and win.result.model_name == "resnet34",
                    timeout=RESULT_TIMEOUT_MS)
    conv5 = next(row.path for row in win.model.table
                 if row.kind == "conv" and row.path.startswith("unit16"))
    view = _pick(qtbot, win, conv5, 3, 3)
    r = view.result
    assert r.box is not None and r.box.size[0] > 200  # deep: it sees most of the image
    assert r.arithmetic.value == pytest.approx(r.arithmetic.shown, rel=1e-4, abs=1e-4)
    assert view.fed.box_rect() == tuple(float(v) for v in r.box.box)
