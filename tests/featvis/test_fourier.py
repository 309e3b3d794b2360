"""The Fourier parametrisation, checked against numpy written here (not the project's code)."""

from __future__ import annotations

import numpy as np

from explorer.core.featvis import fourier

LUCID_SQRT_COVARIANCE = np.array([[0.26, 0.09, 0.02], [0.27, 0.00, -0.05],
                                  [0.27, -0.09, 0.03]])


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _scale(h, w):
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.rfftfreq(w)[None, :]
    return np.sqrt(h * w) / np.maximum(np.hypot(fx, fy), 1.0 / max(h, w))


def test_a_constant_spectrum_gives_a_flat_grey_image():
    h = w = 16
    params = np.zeros((2, 1, h, w // 2 + 1), np.float32)
    params[0, 0, 0, 0] = 2.0  # the DC coefficient only
    image = fourier.spectrum_to_image(params, h, w).numpy()
    # irfft2 of a DC value d is d / (h·w) everywhere; d = 2·scale[0, 0] = 2·16·16
    expected = _sigmoid(2.0 * 16 * np.sqrt(h * w) / (h * w) / 4.0)
    assert image.shape == (h, w, 1)
    np.testing.assert_allclose(image, expected, rtol=1e-5)


def test_the_inverse_fft_round_trip_reproduces_a_grey_image():
    rng = np.random.default_rng(3)
    h, w = 12, 20
    target = rng.uniform(0.05, 0.95, (h, w))
    logits = np.log(target / (1 - target)) * 4.0
    spectrum = np.fft.rfft2(logits) / _scale(h, w)
    params = np.stack([spectrum.real, spectrum.imag])[:, None].astype(np.float32)
    image = fourier.spectrum_to_image(params, h, w).numpy()[..., 0]
    np.testing.assert_allclose(image, target, atol=2e-5)


def test_colour_is_mixed_by_the_normalised_imagenet_matrix():
    rng = np.random.default_rng(4)
    h, w = 8, 8
    planes = rng.standard_normal((3, h, w))
    spectrum = np.fft.rfft2(planes, axes=(1, 2)) / _scale(h, w)
    params = np.stack([spectrum.real, spectrum.imag]).astype(np.float32)
    mix = LUCID_SQRT_COVARIANCE / np.linalg.norm(LUCID_SQRT_COVARIANCE, axis=0).max()
    expected = _sigmoid(np.einsum("chw,rc->hwr", planes / 4.0, mix))
    image = fourier.spectrum_to_image(params, h, w).numpy()
    np.testing.assert_allclose(image, expected, atol=2e-5)


def test_the_scale_falls_as_one_over_frequency():
    s = fourier.spectrum_scale(32, 32)
    assert s.shape == (32, 17)
    np.testing.assert_allclose(s, _scale(32, 32), rtol=1e-6)
    assert s[0, 1] / s[0, 2] == np.float32(2.0) or abs(s[0, 1] / s[0, 2] - 2.0) < 1e-5
