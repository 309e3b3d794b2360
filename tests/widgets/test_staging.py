"""Results shown step by step (``explorer.widgets.staging``): one step per event-loop turn, in
order, a replaced result's steps skipped; the window's ``result`` is the one fully shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from window_helpers import wait_idle

from explorer.widgets.staging import Stages

pytestmark = pytest.mark.gui


def test_steps_run_one_per_turn_in_order_and_a_failed_guard_skips(qtbot):
    stages, ran = Stages(), []
    current = {"id": 1}
    stages.add([lambda: ran.append("a1"), lambda: ran.append("a2")],
               guard=lambda: current["id"] == 1)
    stages.add([lambda: ran.append("b1")])
    assert ran == [] and stages.pending() == 3  # nothing runs inside the handler's turn
    QApplication.processEvents()
    assert ran == ["a1"]  # one step, then the event loop turns again
    current["id"] = 2  # the first result is replaced: its last step is skipped
    qtbot.waitUntil(lambda: stages.pending() == 0, timeout=2000)
    assert ran == ["a1", "b1"]


def test_a_failing_step_is_logged_and_the_next_ones_run(qtbot, caplog):
    stages, ran = Stages(), []

    def broken():
        raise RuntimeError("a view failed")

    stages.add([broken, lambda: ran.append("after")])
    qtbot.waitUntil(lambda: stages.pending() == 0, timeout=2000)
    assert ran == ["after"]
    assert any("a view failed" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def test_the_window_result_is_the_one_whose_views_are_all_updated(qtbot, window):
    """Right after the worker's result is handled the views are still being filled (the
    handler returned within its turn) and ``result`` is not yet the new one; once every step
    ran, ``result_shown`` comes with ``result`` the new result and its bars on screen."""
    from explorer.worker.messages import InferenceResult

    win = window
    wait_idle(qtbot, win)
    received, shown = [], []
    win.worker.result.connect(lambda _i, value: isinstance(value, InferenceResult) and
                              received.append((value, win.result, win.showing())))
    win.result_shown.connect(lambda result: shown.append(
        (result, win.result, tuple(win.views.predictions.shown()))))
    win.run_current()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=60_000)
    value, during, showing = received[0]
    assert showing and during is not win.state.result  # the handler's turn showed a part
    result, after, bars = shown[0]
    assert result is win.state.result and after is result
    assert [label for label, _ in bars] == [p.label for p in result.predictions][:len(bars)]
    assert not win.showing()


def test_sample_thumbnails_are_decoded_after_the_window_appears(qtbot):
    """The gallery's labels come at once and its photos one per turn (none in the caller's)."""
    from explorer.core import samples
    from explorer.widgets.thumbnails import THUMB_SIDE, ThumbnailStrip

    strip = ThumbnailStrip()
    qtbot.addWidget(strip)
    shipped = samples.list_samples()
    for sample in shipped:
        strip.add_file(str(sample.path), sample.name)
    assert strip.count() == len(shipped) and strip.pending() == len(shipped)

    def opaque(row):  # pixels of the picture the item shows
        image = strip.item(row).icon().pixmap(THUMB_SIDE, THUMB_SIDE).toImage()
        return sum(image.pixelColor(x, y).alpha() > 0 for x in range(0, image.width(), 4)
                   for y in range(0, image.height(), 4))

    assert all(opaque(row) == 0 for row in range(strip.count()))  # not decoded yet
    strip.resize(800, THUMB_SIDE + 60)
    strip.show()
    qtbot.waitUntil(lambda: strip.pending() == 0, timeout=5000)
    for row in range(strip.count()):
        size = strip.item(row).icon().availableSizes()
        assert size and max(size[0].width(), size[0].height()) == THUMB_SIDE
        assert opaque(row) > 0
        # each item has room for a whole thumbnail (a null first icon made them slivers)
        assert strip.visualItemRect(strip.item(row)).height() >= THUMB_SIDE
