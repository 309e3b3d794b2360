"""Live input from a video file made in the test (a bright square moving over black): the
window follows the frames, never more than one frame waits, and it stays responsive."""

from __future__ import annotations

import numpy as np
import pytest
from generated_video import moving_square_frames, write_mjpeg_avi
from window_helpers import RESULT_TIMEOUT_MS, wait_idle

pytestmark = pytest.mark.gui

pytest.importorskip("PySide6.QtMultimedia", reason="Qt Multimedia comes with PySide6-Addons")


def _square_centre(pixels: np.ndarray) -> tuple[float, float]:
    grey = np.asarray(pixels, np.float64).mean(axis=2)
    ys, xs = np.nonzero(grey > 128)
    return float(ys.mean()), float(xs.mean())


def _recording(method, into: list):
    """``method`` that also appends its first argument to ``into``."""
    def wrapper(result, *args, **kwargs):
        into.append(result)
        return method(result, *args, **kwargs)
    return wrapper


def test_a_video_drives_the_window(qtbot, window, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtMultimedia import QMediaPlayer

    from explorer.worker.messages import RunImage

    win = window
    frames = moving_square_frames(count=36)
    centres = [_square_centre(f) for f in frames]
    path = write_mjpeg_avi(tmp_path / "square.avi", frames, fps=12)
    shown, started, ticks, queued = [], [], [0], [0]

    def on_shown(result):
        if result.image.key.startswith("live:"):
            act = win.views.feature_maps._activation  # what the view draws now
            shown.append((result, act, np.array(win.views.feature_maps.mosaic.rgba)))

    def on_started(_request_id, request):
        if isinstance(request, RunImage) and request.image.key.startswith("live:"):
            started.append(request.image.key)

    def tick():
        ticks[0] += 1
        queued[0] = max(queued[0], win.worker.pending())

    win.result_shown.connect(on_shown)
    win.worker.started.connect(on_started)
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    win.live.start_video(str(path))
    qtbot.waitUntil(lambda: len(shown) >= 8, timeout=RESULT_TIMEOUT_MS)
    ticks_while_playing = ticks[0]
    assert win.live.toolbar.isVisible() and "frames/s" in win.live.rate_label.text()

    # the view follows the frames: each shown result is a decoded frame of the video, the
    # square moves between them, and the feature maps on screen are that frame's
    positions = set()
    for result, act, _rgba in shown:
        y, x = _square_centre(result.image.image.pixels)
        nearest = min(centres, key=lambda c: (c[0] - y) ** 2 + (c[1] - x) ** 2)
        assert abs(nearest[0] - y) < 2 and abs(nearest[1] - x) < 2
        positions.add((round(y), round(x)))
        assert act is result.activations[win.layer]
    assert len(positions) >= 3
    first, last = shown[0], shown[-1]
    assert first[2].shape == last[2].shape and not np.array_equal(first[2], last[2])
    assert not np.array_equal(first[1], last[1])

    # nothing queues: one frame at a time, every frame sent was run
    assert queued[0] <= 1 and win.live.most_queued <= 1
    # the window stayed responsive: its timer kept firing while frames ran
    assert ticks_while_playing >= 10

    # with the Explain tab open, each frame's Grad-CAM map is shown before the next frame
    maps = []
    win.views.explain.show_result = _recording(win.views.explain.show_result, maps)
    win.views.tabs.setCurrentWidget(win.views.explain)
    qtbot.waitUntil(lambda: len({r.image_key for r in maps if r.image_key.startswith("live:")})
                    >= 3, timeout=RESULT_TIMEOUT_MS)
    assert all(r.explanation.method == "gradcam" for r in maps)
    assert queued[0] <= 1
    win.views.tabs.setCurrentWidget(win.views.feature_maps)

    # pause: the frame becomes an ordinary image in the list
    count = win.views.images.count()
    win.live.pause_action.setChecked(True)
    qtbot.waitUntil(lambda: win.views.images.count() == count + 1, timeout=RESULT_TIMEOUT_MS)
    assert win.live.player.playbackState() == QMediaPlayer.PlaybackState.PausedState
    wait_idle(qtbot, win)
    assert not any(k.startswith("live:") for k in win.state.images)
    still = win.state.image
    assert still is not None and "frame" in still.name and not still.key.startswith("live:")
    assert win.result.image.key == still.key
    assert win.live.frames_sent == len(started)  # submitted == run: none was dropped queued
    win.live.stop()
    timer.stop()
    assert not win.live.toolbar.isVisible()


def test_a_burst_of_frames_keeps_only_the_newest(qtbot, window):
    """Frames that arrive while one runs replace each other; the newest is run next."""
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QVideoFrame

    from explorer.widgets.qimages import qimage_from_array

    win = window
    frames = moving_square_frames(count=5)
    win.live._begin("burst")
    for frame in frames:  # all within one turn of the event loop: the first runs, 4 wait
        image = qimage_from_array(frame).convertToFormat(QImage.Format.Format_RGB32)
        win.live.sink.setVideoFrame(QVideoFrame(image))
    assert (win.live.frames_in, win.live.frames_sent) == (5, 1)
    assert win.worker.pending() <= 1
    qtbot.waitUntil(lambda: win.live.frames_sent == 2 and win.live._in_flight is None,
                    timeout=RESULT_TIMEOUT_MS)
    wait_idle(qtbot, win)
    np.testing.assert_array_equal(win.result.image.image.pixels, frames[-1])
    assert win.result.image.name.endswith("frame 5")
    win.live.stop(keep_frame=False)


def test_the_camera_entry_says_when_there_is_none(window):
    from PySide6.QtMultimedia import QMediaDevices

    action = window.live.camera_action
    assert action in window.menu_actions.file_menu.actions()
    if QMediaDevices.videoInputs():
        assert action.isEnabled() and "none" not in action.text()
    else:  # test machines: no camera
        assert not action.isEnabled() and action.text() == "Camera (none found)"
    assert window.live.video_action.isEnabled()
