"""Video frames read on the CPU (mapped planes → core.pixels.yuv) against Qt's own conversion
(``QVideoFrame.toImage()``, which works offscreen), and core.pixels.yuv against Pillow."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from explorer.core.pixels import yuv

pytest.importorskip("PySide6.QtMultimedia", reason="Qt Multimedia comes with PySide6-Addons")


def _picture(height=24, width=34) -> np.ndarray:
    rng = np.random.default_rng(3)
    base = rng.integers(0, 256, size=(height // 2, width // 2, 3), dtype=np.uint8)
    return np.repeat(np.repeat(base, 2, axis=0), 2, axis=1)  # 2×2 blocks: chroma survives 4:2:0


def test_full_range_bt601_inverts_pillows_ycbcr():
    """Pillow's YCbCr is JPEG's: BT.601, full range."""
    rgb = _picture()
    ycc = np.asarray(Image.fromarray(rgb).convert("YCbCr"))
    back = yuv.yuv_to_rgb(ycc[..., 0], ycc[..., 1], ycc[..., 2], full_range=True)
    assert np.abs(back.astype(int) - rgb).max() <= 3


def _filled_frame(kind: str, rgb: np.ndarray):
    """A ``QVideoFrame`` of ``kind`` whose planes hold ``rgb`` (BT.601, limited range)."""
    from PySide6.QtCore import QSize
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    height, width = rgb.shape[:2]
    pf = getattr(QVideoFrameFormat.PixelFormat, f"Format_{kind}")
    surface = QVideoFrameFormat(QSize(width, height), pf)
    surface.setColorSpace(QVideoFrameFormat.ColorSpace.ColorSpace_BT601)
    surface.setColorRange(QVideoFrameFormat.ColorRange.ColorRange_Video)
    frame = QVideoFrame(surface)
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    r, g, b = (rgb[..., i].astype(np.float64) for i in range(3))
    y = 16 + 219 * (0.299 * r + 0.587 * g + 0.114 * b) / 255
    u = 128 + 224 * (b / 255 - (0.299 * r + 0.587 * g + 0.114 * b) / 255) / 1.772
    v = 128 + 224 * (r / 255 - (0.299 * r + 0.587 * g + 0.114 * b) / 255) / 1.402
    y, u, v = (np.clip(np.rint(p), 0, 255).astype(np.uint8) for p in (y, u, v))

    def plane(i, rows):
        stride = frame.bytesPerLine(i)
        return np.frombuffer(frame.bits(i), np.uint8)[:rows * stride].reshape(rows, stride)

    if kind == "YUV420P":
        plane(0, height)[:, :width] = y
        plane(1, height // 2)[:, :width // 2] = u[::2, ::2]
        plane(2, height // 2)[:, :width // 2] = v[::2, ::2]
    elif kind == "NV12":
        plane(0, height)[:, :width] = y
        uv = plane(1, height // 2)
        uv[:, 0:width:2], uv[:, 1:width:2] = u[::2, ::2], v[::2, ::2]
    elif kind in ("YUYV", "UYVY"):
        row = plane(0, height)[:, :2 * width].reshape(height, width // 2, 4)
        order = (y[:, ::2], u[:, ::2], y[:, 1::2], v[:, ::2]) if kind == "YUYV" else \
            (u[:, ::2], y[:, ::2], v[:, ::2], y[:, 1::2])
        for i, values in enumerate(order):
            row[..., i] = values
    else:  # four bytes a pixel, the letters in memory order
        row = plane(0, height)[:, :4 * width].reshape(height, width, 4)
        for i, letter in enumerate(kind[:4]):
            row[..., i] = rgb[..., "RGB".index(letter)] if letter in "RGB" else 255
    frame.unmap()
    return frame


@pytest.mark.parametrize("kind", ["YUV420P", "NV12", "YUYV", "UYVY", "BGRA8888", "ARGB8888",
                                  "RGBX8888"])
def test_mapped_frames_match_qts_conversion(qapp, kind):
    from explorer.widgets.live_input import frame_pixels, mapped_pixels

    rgb = _picture()
    frame = _filled_frame(kind, rgb)
    ours = mapped_pixels(frame)
    qts = frame_pixels(frame.toImage())
    assert ours is not None and ours.shape == qts.shape == rgb.shape
    assert np.abs(ours.astype(int) - qts).max() <= 3
    assert np.abs(ours.astype(int) - rgb).max() <= 4
