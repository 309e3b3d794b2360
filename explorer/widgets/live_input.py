"""Live input: a camera or a video file as the window's image, frame after frame.

Frames come from Qt Multimedia (``QCamera`` + ``QMediaCaptureSession``, or ``QMediaPlayer``)
into a ``QVideoSink``. At most one frame is with the worker at a time: a frame that arrives
while the previous one runs waits in one slot, and a newer frame replaces it there (it never
queues up). Each frame goes through the window's ordinary path (``MainWindow.show_image`` →
``RunImage``), so the selected layer's maps, the predictions and, when the Explain tab shows,
the Grad-CAM overlay follow the video (the next frame then waits for the frame's map too).
Pausing (or stopping) freezes the frame on screen as an
ordinary image, added to the image list.

The one slot is kept here rather than in the worker's queue: a coalescing request replaces a
queued one too, but the running frame's result would then answer a request that is no longer
the newest and be dropped as stale, so a fast source would never show a result.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QLabel, QToolBar

from explorer.core.pixels import yuv as yuv_pixels
from explorer.core.pixels.images import from_array
from explorer.widgets import intake
from explorer.widgets.qimages import png_bytes, qimage_from_array
from explorer.worker.messages import Explain, ImageEntry, RunImage

MAX_SIDE = 960
"""Frames larger than this on their long side are scaled down before they go to the worker."""
FPS_WINDOW_S = 2.0
"""Frames per second are counted over the results shown in the last this many seconds."""
LIVE_PREFIX = "live:"
_FRAME_NUMBERS = itertools.count(1)
VIDEO_FILTER = "*.mp4 *.avi *.mkv *.mov *.webm *.ogv *.mpg *.mpeg *.wmv *.m4v"


def frame_pixels(image: QImage, max_side: int = MAX_SIDE) -> np.ndarray:
    """A ``QImage`` as ``(H, W, 3)`` uint8 RGB, scaled down to ``max_side``."""
    if max(image.width(), image.height()) > max_side:
        image = image.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    height, width, stride = rgb.height(), rgb.width(), rgb.bytesPerLine()
    data = np.frombuffer(rgb.constBits(), np.uint8, count=stride * height)
    return data.reshape(height, stride)[:, :width * 3].reshape(height, width, 3).copy()


def mapped_pixels(frame) -> np.ndarray | None:
    """A ``QVideoFrame``'s pixels as ``(H, W, 3)`` uint8 RGB, converted on the CPU
    (``core.pixels.yuv``) for the formats decoders and cameras deliver, or None for another
    format or a frame that cannot be mapped (a GPU texture).

    ``QVideoFrame.toImage()`` converts through Qt's graphics (RHI) path, which crashed under
    Xvfb with GLX; reading the mapped planes needs no graphics at all."""
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    kind = QVideoFrameFormat.PixelFormat
    surface = frame.surfaceFormat()
    pixel_format = surface.pixelFormat()
    packed = {kind.Format_ARGB8888: "ARGB", kind.Format_ARGB8888_Premultiplied: "ARGB",
              kind.Format_XRGB8888: "XRGB", kind.Format_BGRA8888: "BGRA",
              kind.Format_BGRA8888_Premultiplied: "BGRA", kind.Format_BGRX8888: "BGRX",
              kind.Format_ABGR8888: "ABGR", kind.Format_XBGR8888: "XBGR",
              kind.Format_RGBA8888: "RGBA", kind.Format_RGBX8888: "RGBX"}
    yuv = (kind.Format_YUV420P, kind.Format_YV12, kind.Format_NV12, kind.Format_NV21,
           kind.Format_YUYV, kind.Format_UYVY)
    if pixel_format not in packed and pixel_format not in yuv:
        return None
    if not frame.map(QVideoFrame.MapMode.ReadOnly):
        return None
    try:
        height, width = frame.height(), frame.width()
        planes = [frame.bits(i) for i in range(frame.planeCount())]
        strides = [frame.bytesPerLine(i) for i in range(frame.planeCount())]
        space = QVideoFrameFormat.ColorSpace
        options = dict(standard="bt709" if surface.colorSpace() == space.ColorSpace_BT709
                       else "bt601",
                       full_range=surface.colorRange() == QVideoFrameFormat.ColorRange
                       .ColorRange_Full)
        if pixel_format in packed:
            return yuv_pixels.packed_rgb(planes[0], strides[0], height, width,
                                         packed[pixel_format])
        if pixel_format in (kind.Format_YUV420P, kind.Format_YV12):
            if pixel_format == kind.Format_YV12:  # V before U
                planes, strides = [planes[0], planes[2], planes[1]], [strides[0], strides[2],
                                                                      strides[1]]
            return yuv_pixels.planar_420(planes, strides, height, width, **options)
        if pixel_format in (kind.Format_NV12, kind.Format_NV21):
            return yuv_pixels.semi_planar_420(planes, strides, height, width,
                                              swap=pixel_format == kind.Format_NV21, **options)
        return yuv_pixels.packed_422(planes[0], strides[0], height, width,
                                     "yuyv" if pixel_format == kind.Format_YUYV else "uyvy",
                                     **options)
    finally:
        frame.unmap()


def video_frame_pixels(frame, max_side: int = MAX_SIDE) -> np.ndarray | None:
    """A ``QVideoFrame`` as ``(H, W, 3)`` uint8 RGB, scaled down to ``max_side``: its mapped
    planes where the format is known, else ``toImage()``; None when it holds no picture."""
    pixels = mapped_pixels(frame)
    if pixels is None:
        image = frame.toImage()
        return None if image.isNull() else frame_pixels(image, max_side)
    if max(pixels.shape[:2]) > max_side:
        return frame_pixels(qimage_from_array(pixels), max_side)
    return pixels


def multimedia_available() -> bool:
    """True when Qt Multimedia can be imported (it comes with PySide6-Addons)."""
    try:
        from PySide6 import QtMultimedia  # noqa: F401
    except ImportError:
        return False
    return True


def cameras() -> list:
    """The cameras Qt Multimedia sees (``QCameraDevice``), or [] (no device, or no
    Qt Multimedia)."""
    if not multimedia_available():
        return []
    from PySide6.QtMultimedia import QMediaDevices

    return list(QMediaDevices.videoInputs())


class LiveInput(QObject):
    """File ▸ Camera and File ▸ Open video… for a ``MainWindow``, and the Live toolbar.

    Args:
        window: the main window (its state, views, worker, menus and file actions).
    """

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.player = self.camera = self.session = self.sink = None
        self.source_name = ""
        self.frames_in = self.frames_sent = self.frames_shown = 0
        self.most_queued = 0  # the most requests the worker held queued when a frame was sent
        self._frame = None  # the newest frame not yet sent (a QVideoFrame)
        self._in_flight: int | None = None  # the RunImage id of the frame with the worker
        self._shown_at: deque = deque()
        self._live_key: str | None = None
        found = cameras()
        self.camera_action = QAction(
            self.tr("&Camera") if found else self.tr("Camera (none found)"), window
        )
        self.camera_action.setEnabled(bool(found))
        self.camera_action.setToolTip(
            self.tr("Run the camera's frames through the model, live")
            if found
            else self.tr("No camera was found on this computer")
        )
        self.video_action = QAction(self.tr("Open &video…"), window)
        self.video_action.setToolTip(self.tr("Run a video file's frames through the model"))
        if not multimedia_available():  # PySide6-Addons missing: say so instead of failing
            for action in (self.camera_action, self.video_action):
                action.setEnabled(False)
                action.setToolTip(self.tr("Live input needs Qt Multimedia (pip install "
                                          "PySide6-Addons)"))
        menu = window.menu_actions.file_menu
        menu.insertActions(window.menu_actions.save_view, [self.camera_action, self.video_action])
        menu.insertSeparator(window.menu_actions.save_view)
        self.toolbar = QToolBar(self.tr("Live"))
        self.toolbar.setObjectName("live_toolbar")
        self.source_label = QLabel()
        self.pause_action = QAction(self.tr("Pause"), self.toolbar)
        self.pause_action.setCheckable(True)
        self.pause_action.setToolTip(
            self.tr(
                "Freeze this frame as an ordinary image (added to the images); press again to go on"
            )
        )
        self.stop_action = QAction(self.tr("Stop"), self.toolbar)
        self.stop_action.setToolTip(self.tr("End the live input, keeping the last frame"))
        self.rate_label = QLabel()
        self.rate_label.setToolTip(
            self.tr("Frames shown per second, and frames skipped because the model was still busy")
        )
        self.toolbar.addWidget(self.source_label)
        self.toolbar.addAction(self.pause_action)
        self.toolbar.addAction(self.stop_action)
        self.toolbar.addWidget(self.rate_label)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)  # a row of its own: never clipped
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.hide()
        self.camera_action.triggered.connect(self.start_camera)
        self.video_action.triggered.connect(self.choose_video)
        self.pause_action.toggled.connect(self.set_paused)
        self.stop_action.triggered.connect(self.stop)
        window.worker.finished.connect(self._on_finished)
        window.result_shown.connect(self._on_shown)

    # ------------------------------------------------------------------ sources
    @property
    def active(self) -> bool:
        """True while a camera or a video feeds the window."""
        return self.sink is not None

    def choose_video(self) -> None:
        """File ▸ Open video…: pick a file and play it."""
        w = self.window
        for path in intake.choose_files(
            w,
            self.tr("Open a video"),
            w.settings.get("files/last_dir"),
            self.tr("Videos ({patterns})").format(patterns=VIDEO_FILTER),
        ):
            self.start_video(path)

    def start_video(self, path: str, loop: bool = True) -> None:
        """Play the video file ``path`` into the window (over and over when ``loop``)."""
        from PySide6.QtMultimedia import QMediaPlayer

        self.stop(keep_frame=False)
        self._begin(Path(path).name)
        self.player = QMediaPlayer(self)
        self.player.setVideoSink(self.sink)
        self.player.errorOccurred.connect(self._on_player_error)
        if loop:
            self.player.setLoops(QMediaPlayer.Loops.Infinite)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.play()

    def start_camera(self) -> None:
        """File ▸ Camera: the first camera's frames into the window."""
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession

        found = cameras()
        if not found:
            self.window.say(self.tr("No camera was found on this computer."))
            return
        self.stop(keep_frame=False)
        self._begin(found[0].description())
        self.camera = QCamera(found[0], self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setVideoSink(self.sink)
        self.camera.errorOccurred.connect(lambda _e, text: self._failed(text))
        self.camera.start()

    def _begin(self, name: str) -> None:
        from PySide6.QtMultimedia import QVideoSink

        self.source_name = name
        self.frames_in = self.frames_sent = self.frames_shown = self.most_queued = 0
        self._frame, self._in_flight = None, None
        self._shown_at.clear()
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._on_frame)
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(False)
        self.pause_action.blockSignals(False)
        self.source_label.setText(self.tr("Live: {source}").format(source=name) + "  ")
        self.rate_label.setText("  " + self.tr("starting…"))
        self.toolbar.show()

    def set_paused(self, paused: bool) -> None:
        """Pause: the source stops and the frame on screen becomes an ordinary image; again:
        the frames flow on."""
        if not self.active:
            return
        if paused:
            if self.player is not None:
                self.player.pause()
            if self.camera is not None:
                self.camera.stop()
            self._frame = None
            self.freeze()
        else:
            if self.player is not None:
                self.player.play()
            if self.camera is not None:
                self.camera.start()

    def stop(self, keep_frame: bool = True) -> None:
        """End the live input; the frame on screen stays as an ordinary image."""
        if not self.active:
            return
        for source in (self.player, self.camera):
            if source is not None:
                source.stop()
                source.deleteLater()
        sink, self.sink, self.player, self.camera, self.session = self.sink, None, None, None, None
        sink.deleteLater()
        self._frame = None
        if keep_frame and not self.pause_action.isChecked():
            self.freeze()
        self.toolbar.hide()

    def freeze(self) -> None:
        """The frame on screen as an ordinary image: read again by the worker (as a PNG), into
        the image list and shown."""
        w = self.window
        entry = w.state.images.get(self._live_key or "")
        if entry is None:
            return
        w.state.images.pop(self._live_key, None)  # the still replaces the live frame
        self._live_key = None
        w.load_sources((png_bytes(qimage_from_array(entry.image.pixels)),), (entry.name,))

    # ------------------------------------------------------------------ frames
    def _on_frame(self, frame) -> None:
        if not self.active or not frame.isValid() or self.pause_action.isChecked():
            return
        self.frames_in += 1
        self._frame = frame  # the newest frame replaces one still waiting
        if self._in_flight is None:
            self._send()

    def _send(self) -> None:
        """Send the waiting frame through the window's ordinary path (one at a time)."""
        w, frame = self.window, self._frame
        self._frame = None
        if frame is None or w.model is None:
            return
        pixels = video_frame_pixels(frame)
        if pixels is None:
            return
        self.frames_sent += 1
        entry = ImageEntry(
            key=f"{LIVE_PREFIX}{next(_FRAME_NUMBERS)}",  # never reused: the worker caches by key
            image=from_array(
                pixels,
                name=self.tr("{source} frame {number}").format(
                    source=self.source_name, number=self.frames_in
                ),
            ),
        )
        if self._live_key is not None and self._live_key != w.state.image_key:
            self._live_key = None  # the user picked another image meanwhile: keep it listed
        if self._live_key is not None:
            w.state.images.pop(self._live_key, None)
        self._live_key = entry.key
        w.state.images[entry.key] = entry
        self.most_queued = max(self.most_queued, w.worker.pending())
        w.show_image(entry.key)
        self._in_flight = w.state.latest.get(RunImage)

    def _on_finished(self, request_id: int) -> None:
        if request_id != self._in_flight:
            return
        explain = self.window.state.latest.get(Explain)
        if explain is not None and explain > request_id:
            # the Explain tab asked for this frame's map when its result came: wait for it too,
            # or the next frame would replace the image before its map is shown
            self._in_flight = explain
            return
        self._in_flight = None
        if self._frame is not None and self.active:
            self._send()

    def _on_shown(self, result) -> None:
        if not result.image.key.startswith(LIVE_PREFIX) or not self.active:
            return
        self.frames_shown += 1
        now = time.monotonic()
        self._shown_at.append(now)
        while self._shown_at and now - self._shown_at[0] > FPS_WINDOW_S:
            self._shown_at.popleft()
        self.rate_label.setText(
            "  "
            + self.tr("{rate} frames/s · {skipped} skipped").format(
                rate=f"{self.rate():.1f}", skipped=max(self.frames_in - self.frames_sent, 0)
            )
        )

    def rate(self) -> float:
        """Results shown per second over the last :data:`FPS_WINDOW_S` seconds."""
        times = self._shown_at
        if len(times) < 2 or times[-1] <= times[0]:
            return 0.0
        return (len(times) - 1) / (times[-1] - times[0])

    def _on_player_error(self, _error, text: str) -> None:
        self._failed(text)

    def _failed(self, text: str) -> None:
        self.window.say(self.tr("Live input failed: {reason}").format(reason=text))
        self.stop()
