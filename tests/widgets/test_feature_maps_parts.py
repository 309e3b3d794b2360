"""Large layers' mosaics are drawn in parts between the window's events (``FeatureMapView``).

The pictures must be the very pixels the one-go render gives, for the layer asked last, with
the layer's true min and max in the title; meanwhile the view says it is drawing and gives no
readings from the picture of the layer before.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest

from explorer.core.pixels import render
from explorer.core.pixels.render import render_feature_maps
from explorer.widgets import feature_maps
from explorer.widgets.feature_maps import BACKGROUND_VALUES, FeatureMapView

pytestmark = pytest.mark.gui


def _layer(seed: int, shape=(120, 120, 16)) -> np.ndarray:
    a = np.random.default_rng(seed).standard_normal(shape).astype(np.float32)
    a[0, 0, 0] = 50.0 + seed  # a known maximum
    a[1, 1, 1] = -30.0 - seed  # and minimum
    return a


@pytest.fixture
def view(qtbot):
    widget = FeatureMapView()
    widget.resize(900, 600)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.shut_down()


def _expected(view, act):
    return render_feature_maps(act, norm=view.norm, aspect=round(view._aspect(), 1)).rgba


def test_a_large_layer_is_drawn_a_part_a_turn_with_the_same_pixels(qtbot, view, monkeypatch):
    monkeypatch.setattr(feature_maps, "DRAW_SLICE_S", 0.0)  # one part a turn of the event loop
    turns, parts, threads = [], [], set()
    real_parts = feature_maps.feature_map_parts

    def counting_draw():
        turns.append(1)
        view._draw_parts()

    def counting_parts(*args, **kwargs):
        for part in real_parts(*args, **kwargs):
            parts.append(part)
            threads.add(threading.current_thread().name)
            yield part

    view._drawing.timeout.disconnect()
    view._drawing.timeout.connect(counting_draw)
    monkeypatch.setattr(feature_maps, "feature_map_parts", counting_parts)
    small, large = _layer(0, (20, 20, 8)), _layer(1)
    assert small.size <= BACKGROUND_VALUES < large.size
    view.show_layer("small", None, small)
    assert not view.rendering() and view.mosaic is not None and not parts  # drawn at once
    view.show_layer("large", None, large)
    assert view.rendering() and view.mosaic is None  # the small picture gives no readings
    assert "min … · max …" in view.title.full_text()
    qtbot.waitUntil(lambda: not view.rendering(), timeout=10_000)
    # 120 rows of 120×16 values: 34 rows of the activation a part for its min and max (4
    # parts), then a row of tiles a part (a tile is 14,400 values, so a row is over 65,536)
    rows = view.mosaic.rows
    assert view.mosaic.cols * 120 * 120 > render.PART_VALUES and rows > 1  # a row a part
    assert len(parts) == 4 + rows + 1 and len(turns) == len(parts)
    assert threads == {threading.main_thread().name}
    np.testing.assert_array_equal(view.mosaic.rgba, _expected(view, large))
    np.testing.assert_array_equal(view.mosaic_plot.item.image, view.mosaic.rgba)
    assert "min -31 · max 51" in view.title.full_text()
    view.show_layer("small", None, small)  # back: cached, at once
    view.show_layer("large", None, large)
    assert not view.rendering() and len(parts) == 4 + rows + 1


def test_stepping_faster_than_the_drawing_ends_on_the_last_layer(qtbot, view):
    layers = {f"l{i}": _layer(i + 2) for i in range(5)}
    for path, act in layers.items():
        view.show_layer(path, None, act)
    qtbot.waitUntil(lambda: not view.rendering(), timeout=20_000)
    assert view.path == "l4"
    np.testing.assert_array_equal(view.mosaic.rgba, _expected(view, layers["l4"]))
    assert f"max {50 + 6:.4g}" in view.title.full_text()
    assert [key[0] for key in view._renders] == ["l4"]  # the layers passed were not drawn


def test_a_drawing_of_the_result_before_is_not_kept(qtbot, view):
    old, new = _layer(10), _layer(11)
    view.show_layer("conv", None, old)
    view.new_result()  # a new image ran while the old layer was being drawn
    view.show_layer("conv", None, new)
    qtbot.waitUntil(lambda: not view.rendering(), timeout=10_000)
    np.testing.assert_array_equal(view.mosaic.rgba, _expected(view, new))
    assert all(key[1] == id(new) for key in view._renders), "the old result's drawing was kept"


def test_a_vector_shown_meanwhile_is_not_drawn_over(qtbot, view):
    view.show_layer("conv", None, _layer(13))
    view.show_layer("dense", None, np.arange(10, dtype=np.float32))
    assert not view.rendering()
    qtbot.wait(200)
    assert view.stack.currentWidget() is view.bars and view.path == "dense"


def test_a_failing_drawing_says_so_and_logs_its_traceback(qtbot, view, monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        yield None
        raise ValueError("no colours today")

    monkeypatch.setattr(feature_maps, "feature_map_parts", broken)
    view.show_layer("conv", None, _layer(12))
    qtbot.waitUntil(lambda: not view.rendering(), timeout=10_000)
    assert view.stack.currentWidget() is view.message
    assert "Drawing conv failed: no colours today" in view.message.text()
    assert any(r.exc_info and "no colours today" in str(r.exc_info[1]) for r in caplog.records)


def test_a_message_takes_the_colour_bar_away_with_the_picture(qtbot, view):
    """The bar beside a message showed the scale of the layer before it."""
    view.show_layer("small", None, _layer(14, (20, 20, 8)))
    assert view.color_bar.isVisible()
    view.show_message("The engine stopped")
    assert view.stack.currentWidget() is view.message and not view.color_bar.isVisible()
    view.show_layer("small", None, _layer(14, (20, 20, 8)))
    assert view.color_bar.isVisible() and view.mosaic is not None
