"""Large layers' mosaics are drawn on a thread of their own (``FeatureMapView``).

The pictures must be the very pixels the GUI-thread render gives, for the layer asked last, with
the layer's true min and max in the title; meanwhile the view says it is drawing and gives no
readings from the picture of the layer before.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest

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


def test_a_large_layer_is_drawn_off_the_gui_thread_with_the_same_pixels(qtbot, view,
                                                                        monkeypatch):
    threads = []
    real = feature_maps.render_feature_maps

    def recording(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(feature_maps, "render_feature_maps", recording)
    small, large = _layer(0, (20, 20, 8)), _layer(1)
    assert small.size <= BACKGROUND_VALUES < large.size
    view.show_layer("small", None, small)
    assert not view.rendering() and view.mosaic is not None  # drawn at once
    assert threads == [threading.main_thread().name]
    view.show_layer("large", None, large)
    assert view.rendering() and view.mosaic is None  # the small picture gives no readings
    assert "min … · max …" in view.title.full_text()
    qtbot.waitUntil(lambda: not view.rendering(), timeout=10_000)
    assert threads[1].startswith(feature_maps.RENDER_THREAD)
    np.testing.assert_array_equal(view.mosaic.rgba, _expected(view, large))
    np.testing.assert_array_equal(view.mosaic_plot.item.image, view.mosaic.rgba)
    assert "min -31 · max 51" in view.title.full_text()
    view.show_layer("small", None, small)  # back: cached, at once
    view.show_layer("large", None, large)
    assert not view.rendering() and len(threads) == 2


def test_stepping_faster_than_the_renders_ends_on_the_last_layer(qtbot, view):
    layers = {f"l{i}": _layer(i + 2) for i in range(5)}
    for path, act in layers.items():
        view.show_layer(path, None, act)
    qtbot.waitUntil(lambda: not view.rendering(), timeout=20_000)
    assert view.path == "l4"
    np.testing.assert_array_equal(view.mosaic.rgba, _expected(view, layers["l4"]))
    assert f"max {50 + 6:.4g}" in view.title.full_text()


def test_a_render_of_the_result_before_is_not_kept(qtbot, view):
    old, new = _layer(10), _layer(11)
    view.show_layer("conv", None, old)
    view.new_result()  # a new image ran while the old render was under way
    view.show_layer("conv", None, new)
    qtbot.waitUntil(lambda: not view.rendering(), timeout=10_000)
    np.testing.assert_array_equal(view.mosaic.rgba, _expected(view, new))
    assert all(key[1] == id(new) for key in view._renders), "the old result's render was kept"


def test_a_failing_render_says_so_and_logs_its_traceback(qtbot, view, monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        raise ValueError("no colours today")

    monkeypatch.setattr(feature_maps, "render_feature_maps", broken)
    view.show_layer("conv", None, _layer(12))
    qtbot.waitUntil(lambda: not view.rendering(), timeout=10_000)
    assert view.stack.currentWidget() is view.message
    assert "Drawing conv failed: no colours today" in view.message.text()
    assert any(r.exc_info and "no colours today" in str(r.exc_info[1]) for r in caplog.records)
