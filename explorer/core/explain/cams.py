"""Class activation maps at a layer with spatial output ``A`` (``h × w × K``).

* Grad-CAM (Selvaraju et al. 2017): ``α_k = mean_ij ∂y/∂A_ij^k``; ``ReLU(Σ_k α_k A^k)``.
* Grad-CAM++ (Chattopadhay et al. 2018): pixel weights
  ``a_ij^k = g² / (2 g² + Σ_ab A_ab^k · g³)`` (``g = ∂y/∂A_ij^k``, the closed form for an
  exponential score), ``w_k = Σ_ij a_ij^k · ReLU(g_ij^k)``; ``ReLU(Σ_k w_k A^k)``.
* Score-CAM (Wang et al. 2020): each channel, upsampled and scaled to 0..1, masks the input
  (``base + m ⊙ (x − base)``, ``base`` = a black image through the model's preprocessing); its
  weight is the class probability of the masked input minus that of the black image; masks go
  through the model in batches, and only the ``top`` channels by mean activation are used.
* Layer-CAM (Jiang et al. 2021): ``ReLU(Σ_k ReLU(g^k) ⊙ A^k)``, usable on early layers.

Each returns the map at the layer's resolution (before upsampling and normalising).
"""

from __future__ import annotations

import numpy as np

from explorer.core.explain.maps import batches, check, upsample
from explorer.core.explain.scores import ScoreFunction

SCORE_CAM_BATCH = 32
SCORE_CAM_CHANNELS = 64


def _one(fn: ScoreFunction, x, cls: int, layer: str):
    score, _, (a,), (g,) = fn.gradients(x, [cls], taps=(layer,))
    return float(score[0]), a[0], g[0]


def gradcam(fn: ScoreFunction, x, cls: int, layer: str, **_):
    score, a, g = _one(fn, x, cls, layer)
    weights = g.mean(axis=(0, 1))
    return score, np.maximum((a * weights).sum(axis=-1), 0)


def gradcam_plus_plus(fn: ScoreFunction, x, cls: int, layer: str, **_):
    score, a, g = _one(fn, x, cls, layer)
    g2, g3 = g ** 2, g ** 3
    denominator = 2 * g2 + a.sum(axis=(0, 1), keepdims=True) * g3
    alpha = np.where(g != 0, g2 / np.where(denominator != 0, denominator, 1.0), 0.0)
    weights = (alpha * np.maximum(g, 0)).sum(axis=(0, 1))
    return score, np.maximum((a * weights).sum(axis=-1), 0)


def layercam(fn: ScoreFunction, x, cls: int, layer: str, **_):
    score, a, g = _one(fn, x, cls, layer)
    return score, np.maximum((np.maximum(g, 0) * a).sum(axis=-1), 0)


def _probabilities(scores: np.ndarray, kind: str) -> np.ndarray:
    if kind == "probability":
        return scores
    z = np.exp(scores - scores.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def scorecam(fn: ScoreFunction, x, cls: int, layer: str, *, baseline, progress=None,
             cancel=None, channels: int = SCORE_CAM_CHANNELS, **_):
    scores, (a,) = fn.taps(x, (layer,))
    a = a[0]
    score = float(scores[0, cls])
    order = np.argsort(-a.mean(axis=(0, 1)), kind="stable")[:channels]
    height, width = x.shape[1:3]
    masks = []
    for k in order:
        m = upsample(a[:, :, k], height, width)
        span = m.max() - m.min()
        masks.append((m - m.min()) / span if span > 0 else np.zeros_like(m))
    masks = np.stack(masks)[..., np.newaxis]  # (N, H, W, 1)
    base = np.broadcast_to(baseline, x.shape).astype(np.float32)
    base_p = _probabilities(fn.scores(base), fn.score_kind)[0, cls]
    weights = np.zeros(len(order), np.float32)
    runs = list(batches(len(order), SCORE_CAM_BATCH))
    for done, (start, stop) in enumerate(runs):
        check(cancel)
        masked = base + masks[start:stop] * (x - base)
        probs = _probabilities(fn.scores(masked), fn.score_kind)[:, cls]
        weights[start:stop] = probs - base_p
        if progress:
            progress(done + 1, len(runs))
    return score, np.maximum((a[:, :, order] * weights).sum(axis=-1), 0)
