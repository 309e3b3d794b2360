"""What every explanation method shares: upsampling, normalising, progress and cancel."""

from __future__ import annotations

from typing import Callable

import numpy as np

from explorer.core.errors import Cancelled

Progress = Callable[[int, int], None]
"""``progress(done, total)``: how many of the method's batches are done."""


def upsample(values: np.ndarray, height: int, width: int) -> np.ndarray:
    """A ``(h, w)`` map resized to ``(height, width)`` with bilinear interpolation (TensorFlow's
    ``tf.image.resize``, half-pixel centres), float32."""
    import tensorflow as tf

    values = np.asarray(values, np.float32)
    if values.shape == (height, width):
        return values
    resized = tf.image.resize(values[np.newaxis, :, :, np.newaxis], (height, width),
                              method="bilinear")
    return resized.numpy()[0, :, :, 0]


def normalised(values: np.ndarray, relu: bool) -> np.ndarray:
    """Non-negative (``relu``: negatives to 0; else the magnitude), divided by the maximum;
    all zeros stay zeros."""
    values = np.maximum(values, 0) if relu else np.abs(values)
    top = float(values.max()) if values.size else 0.0
    return (values / top if top > 0 else values).astype(np.float32)


def channel_magnitude(grad: np.ndarray) -> np.ndarray:
    """Per-pixel magnitude of an ``(H, W, C)`` attribution: the maximum of ``|·|`` over the
    colour channels (``(H, W)`` passes as it is)."""
    grad = np.abs(np.asarray(grad, np.float32))
    return grad.max(axis=-1) if grad.ndim == 3 else grad


def batches(total: int, size: int):
    """``(start, stop)`` of consecutive batches covering ``range(total)``."""
    for start in range(0, total, size):
        yield start, min(total, start + size)


def check(cancel: Callable[[], bool] | None) -> None:
    """Raise :class:`Cancelled` when ``cancel()`` says so."""
    if cancel is not None and cancel():
        raise Cancelled("Explanation cancelled")
