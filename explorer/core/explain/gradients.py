"""Attributions from the gradient of the class score with respect to the input tensor.

* Saliency (Simonyan et al. 2014): ``|∂y/∂x|``, the maximum over the colour channels.
* SmoothGrad (Smilkov et al. 2017): the mean of the saliency maps of ``samples`` copies of the
  input with Gaussian noise ``σ = noise · (max x − min x)``, in batches.
* Integrated Gradients (Sundararajan et al. 2017): ``(x − x') ⊙ (1/m) Σ_{k=1..m}
  ∂y/∂x (x' + k/m · (x − x'))`` (right Riemann sum, ``m = steps``, in batches), from a black
  image or a blurred copy of the image (both through the model's preprocessing).
* Guided backpropagation (Springenberg et al. 2015): the saliency with every ReLU letting only
  positive gradients through where its input was positive; refused for a model with no ReLU.

Each returns an ``(H, W, C)`` attribution (or ``(H, W)``); :mod:`~explorer.core.explain.methods`
takes the per-pixel magnitude.
"""

from __future__ import annotations

import numpy as np

from explorer.core.errors import ExplorerError
from explorer.core.explain.maps import batches, check
from explorer.core.explain.scores import ScoreFunction

SMOOTHGRAD_SAMPLES = 25
SMOOTHGRAD_NOISE = 0.15
IG_STEPS = 32
BATCH = 16


def saliency(fn: ScoreFunction, x, cls: int, **_):
    score, dx, _, _ = fn.gradients(x, [cls])
    return float(score[0]), np.abs(dx[0])


def smoothgrad(fn: ScoreFunction, x, cls: int, *, samples: int = SMOOTHGRAD_SAMPLES,
               noise: float = SMOOTHGRAD_NOISE, seed: int = 0, progress=None, cancel=None,
               **_):
    rng = np.random.default_rng(seed)
    sigma = noise * float(x.max() - x.min())
    total = np.zeros(x.shape[1:], np.float64)
    runs = list(batches(samples, BATCH))
    for done, (start, stop) in enumerate(runs):
        check(cancel)
        noisy = x + rng.normal(0.0, sigma, (stop - start,) + x.shape[1:]).astype(np.float32)
        _, dx, _, _ = fn.gradients(noisy, [cls] * (stop - start))
        magnitude = np.abs(dx)
        if magnitude.ndim == 4:  # the saliency of each copy: max over the colour channels
            magnitude = magnitude.max(axis=-1, keepdims=True)
        total += magnitude.sum(axis=0)
        if progress:
            progress(done + 1, len(runs))
    score, _, _, _ = fn.gradients(x, [cls])
    return float(score[0]), (total / samples).astype(np.float32)


def integrated_gradients(fn: ScoreFunction, x, cls: int, *, baseline, steps: int = IG_STEPS,
                         progress=None, cancel=None, **_):
    base = np.broadcast_to(baseline, x.shape).astype(np.float32)
    total = np.zeros(x.shape[1:], np.float64)
    alphas = np.arange(1, steps + 1, dtype=np.float32) / steps
    runs = list(batches(steps, BATCH))
    for done, (start, stop) in enumerate(runs):
        check(cancel)
        a = alphas[start:stop].reshape((-1,) + (1,) * (x.ndim - 1))
        _, dx, _, _ = fn.gradients(base + a * (x - base), [cls] * (stop - start))
        total += dx.sum(axis=0)
        if progress:
            progress(done + 1, len(runs))
    score, _, _, _ = fn.gradients(x, [cls])
    return float(score[0]), ((x[0] - base[0]) * total / steps).astype(np.float32)


def guided_backprop(fn: ScoreFunction, x, cls: int, **_):
    if fn.count_relus() == 0:
        raise ExplorerError("This model has no ReLU activations, so guided backpropagation "
                            "has nothing to guide",
                            "Use saliency or SmoothGrad for this model instead")
    score, dx, _, _ = fn.gradients(x, [cls], guided=True)
    return float(score[0]), np.abs(dx[0])
