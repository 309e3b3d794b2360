"""A decorrelated image parametrisation: a Fourier spectrum scaled by 1/frequency, and a fixed
colour correlation (Olah, Mordvintsev & Schubert, "Feature Visualization", Distill 2017).

Optimising pixels directly lets high frequencies dominate (gradients are noisy at the pixel
scale); optimising a spectrum whose coefficients are divided by their frequency spreads the
steps evenly over scales. Colours are mixed by the square root of ImageNet's colour covariance,
so the optimiser moves along decorrelated colour directions. A sigmoid maps the result to 0..1.
"""

from __future__ import annotations

import numpy as np

COLOR_CORRELATION_SVD_SQRT = np.array([[0.26, 0.09, 0.02],
                                       [0.27, 0.00, -0.05],
                                       [0.27, -0.09, 0.03]], dtype=np.float32)
"""The square root of ImageNet's RGB covariance (rows: R, G, B), the published figure Lucid uses."""

COLOR_MIX = (COLOR_CORRELATION_SVD_SQRT
             / np.max(np.linalg.norm(COLOR_CORRELATION_SVD_SQRT, axis=0))).astype(np.float32)
"""The colour mix, scaled so that its largest column has unit length."""

SPECTRUM_SCALE = 0.01
"""Standard deviation of the random starting spectrum (a nearly grey start)."""


def frequencies(height: int, width: int) -> np.ndarray:
    """``|f|`` for the ``(height, width // 2 + 1)`` half spectrum of ``numpy.fft.rfft2``
    (cycles per pixel)."""
    fy = np.fft.fftfreq(height)[:, None]
    fx = np.fft.rfftfreq(width)[None, :]
    return np.sqrt(fx * fx + fy * fy)


def spectrum_scale(height: int, width: int, decay: float = 1.0) -> np.ndarray:
    """The per-coefficient scale ``1 / max(|f|, 1/side) ** decay``, times ``√(H·W)`` so that a
    unit-variance spectrum gives pixels of order one (float32, half-spectrum shape)."""
    floor = 1.0 / max(height, width)
    scale = 1.0 / np.maximum(frequencies(height, width), floor) ** decay
    return (scale * np.sqrt(height * width)).astype(np.float32)


def initial_spectrum(channels: int, height: int, width: int, seed: int) -> np.ndarray:
    """The starting parameters, ``(2, channels, H, W // 2 + 1)`` (real and imaginary parts),
    drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    shape = (2, channels, height, width // 2 + 1)
    return (rng.standard_normal(shape) * SPECTRUM_SCALE).astype(np.float32)


def spectrum_to_image(params, height: int, width: int, decay: float = 1.0):
    """TF: the parameters ``(2, C, H, W//2+1)`` → an image ``(H, W, C)`` in 0..1.

    The scaled spectrum's inverse real FFT (divided by 4, which keeps the sigmoid in its
    linear range at the start), colour-mixed when ``C == 3``, then a sigmoid.
    """
    import tensorflow as tf

    scale = tf.constant(spectrum_scale(height, width, decay))
    spectrum = tf.complex(params[0] * scale, params[1] * scale)
    planes = tf.signal.irfft2d(spectrum, fft_length=[height, width])  # (C, H, W)
    image = tf.transpose(planes, [1, 2, 0]) / 4.0
    if image.shape[-1] == 3:
        image = tf.tensordot(image, tf.constant(COLOR_MIX.T), axes=1)
    return tf.sigmoid(image)
