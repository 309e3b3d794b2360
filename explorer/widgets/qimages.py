"""numpy pixels <-> Qt images, and small pixmap helpers shared by the views."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QImage, QPixmap


def qimage_from_array(array: np.ndarray) -> QImage:
    """Copy ``uint8`` pixels into a new ``QImage``.

    Args:
        array: ``(H, W)`` or ``(H, W, 1)`` grey, ``(H, W, 3)`` RGB or ``(H, W, 4)`` RGBA.

    Returns:
        A ``QImage`` that owns its pixels (safe after ``array`` is gone).
    """
    pixels = np.asarray(array)
    if pixels.dtype != np.uint8:
        raise ValueError(f"Expected uint8 pixels. Received: dtype={pixels.dtype}.")
    if pixels.ndim == 3 and pixels.shape[2] == 1:
        pixels = pixels[:, :, 0]
    pixels = np.ascontiguousarray(pixels)
    height, width = pixels.shape[:2]
    if pixels.ndim == 2:
        fmt, channels = QImage.Format.Format_Grayscale8, 1
    elif pixels.shape[2] == 3:
        fmt, channels = QImage.Format.Format_RGB888, 3
    elif pixels.shape[2] == 4:
        fmt, channels = QImage.Format.Format_RGBA8888, 4
    else:
        raise ValueError(f"Expected (H, W), (H, W, 1), (H, W, 3) or (H, W, 4) pixels. "
                         f"Received: shape={pixels.shape}.")
    image = QImage(pixels.data, width, height, width * channels, fmt)
    return image.copy()


def as_rgb(pixels: np.ndarray) -> np.ndarray:
    """Grey ``(H, W, 1)`` pixels as ``(H, W, 3)``; RGB passes as it is."""
    pixels = np.asarray(pixels)
    return np.repeat(pixels, 3, axis=-1) if pixels.ndim == 3 and pixels.shape[-1] == 1 \
        else pixels


def pixmap_from_array(array: np.ndarray, max_side: int, *, smooth: bool = True) -> QPixmap:
    """A pixmap of ``array`` scaled (up or down) so its longer side is ``max_side``.

    Args:
        array: pixels as for :func:`qimage_from_array`.
        max_side: length of the longer side in device-independent pixels.
        smooth: bilinear scaling; ``False`` keeps hard pixel edges (for tiny model inputs).
    """
    image = qimage_from_array(array)
    mode = (Qt.TransformationMode.SmoothTransformation if smooth
            else Qt.TransformationMode.FastTransformation)
    scaled = image.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio, mode)
    return QPixmap.fromImage(scaled)


def png_bytes(image: QImage) -> bytes:
    """Encode a ``QImage`` as PNG bytes (for pasting into the image loader)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def crop_pixmap(path, box, offset, side: int) -> QPixmap:
    """The thumbnail at ``path`` cropped to ``box`` (fed-tensor pixels, inclusive) less the
    thumbnail's ``offset`` inside the tensor, scaled to ``side`` (sharp pixels when small)."""
    image = QImage(str(path))
    if image.isNull():
        return QPixmap()
    if box is not None:
        top, left, bottom, right = (int(v) for v in box)
        top, bottom = top - offset[0], bottom - offset[0]
        left, right = left - offset[1], right - offset[1]
        rect = QRect(left, top, right - left + 1, bottom - top + 1).intersected(image.rect())
        if not rect.isEmpty():
            image = image.copy(rect)
    small = max(image.width(), image.height()) < side
    mode = (Qt.TransformationMode.FastTransformation if small
            else Qt.TransformationMode.SmoothTransformation)
    return QPixmap.fromImage(image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, mode))
