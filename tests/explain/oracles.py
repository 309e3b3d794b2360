"""Reference implementations of each explanation method, written from the papers' formulas
with ``tf.GradientTape`` over plain Keras sub-models — none of the project's explanation code.

``parts(model, layer, logit_layer)`` builds ``keras.Model(inputs, [A, logits])``: the layer's
output and the pre-softmax logits (the input of the softmax layer, or the last Dense computed
without its activation).
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf


def logits_model(model):
    """``x -> logits``: the output layer without its softmax."""
    last = model.layers[-1]
    if isinstance(last, keras.layers.Activation):
        return keras.Model(model.inputs, last.input)
    features = keras.Model(model.inputs, last.input)

    def run(x):
        return tf.matmul(features(x), last.kernel) + last.bias

    return run


def layer_and_logits(model, layer_name):
    """``x -> (A, logits)``."""
    last = model.layers[-1]
    inner = keras.Model(model.inputs, [model.get_layer(layer_name).output, last.input])
    dense = not isinstance(last, keras.layers.Activation)

    def run(x):
        a, pre = inner(x)
        return a, (tf.matmul(pre, last.kernel) + last.bias) if dense else pre

    return run


def _grads(run, x, cls):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        a, logits = run(x)
        score = tf.reduce_sum(logits[:, cls])
    return a.numpy()[0], tape.gradient(score, a).numpy()[0]


def gradcam(run, x, cls):
    a, g = _grads(run, x, cls)
    return np.maximum(np.einsum("ijk,k->ij", a, g.mean(axis=(0, 1))), 0)


def gradcam_plus_plus(run, x, cls):
    a, g = _grads(run, x, cls)
    num = g ** 2
    den = 2 * g ** 2 + np.sum(a, axis=(0, 1)) * g ** 3
    alpha = np.divide(num, den, out=np.zeros_like(num), where=den != 0)
    w = np.sum(alpha * np.maximum(g, 0), axis=(0, 1))
    return np.maximum(np.einsum("ijk,k->ij", a, w), 0)


def layercam(run, x, cls):
    a, g = _grads(run, x, cls)
    return np.maximum(np.sum(np.maximum(g, 0) * a, axis=-1), 0)


def scorecam(run, logits_of, x, cls, black, channels=64):
    a, _ = run(tf.convert_to_tensor(x))
    a = a.numpy()[0]
    keep = np.argsort(-a.mean(axis=(0, 1)), kind="stable")[:channels]
    h, w = x.shape[1:3]
    up = tf.image.resize(a[None][..., keep], (h, w)).numpy()[0]  # (H, W, N)
    lo, hi = up.min(axis=(0, 1)), up.max(axis=(0, 1))
    masks = np.divide(up - lo, hi - lo, out=np.zeros_like(up), where=hi > lo)
    masked = black + masks.transpose(2, 0, 1)[..., None] * (x - black)
    p = tf.nn.softmax(logits_of(masked.astype(np.float32))).numpy()[:, cls]
    p0 = tf.nn.softmax(logits_of(black.astype(np.float32))).numpy()[0, cls]
    return np.maximum(np.einsum("ijk,k->ij", a[..., keep], p - p0), 0)


def input_gradient(logits_of, x, cls):
    """∂ logit[cls] / ∂x, per example (``cls`` one class for the whole batch)."""
    x = tf.convert_to_tensor(x)
    cls = cls[0] if isinstance(cls, list) else cls
    with tf.GradientTape() as tape:
        tape.watch(x)
        score = tf.reduce_sum(logits_of(x)[:, cls])
    return tape.gradient(score, x).numpy()


def saliency(logits_of, x, cls):
    return np.abs(input_gradient(logits_of, x, cls)[0]).max(axis=-1)


def smoothgrad(logits_of, x, cls, samples=25, noise=0.15, seed=0):
    sigma = noise * (x.max() - x.min())
    noisy = x + np.random.default_rng(seed).normal(0, sigma, (samples,) + x.shape[1:])
    grads = input_gradient(logits_of, noisy.astype(np.float32), [cls] * samples)
    return np.abs(grads).max(axis=-1).mean(axis=0)


def integrated_gradients(logits_of, x, cls, baseline, steps=32):
    alphas = (np.arange(1, steps + 1) / steps).reshape(-1, 1, 1, 1)
    path = (baseline + alphas * (x - baseline)).astype(np.float32)
    grads = input_gradient(logits_of, path, [cls] * steps)
    return (x[0] - baseline[0]) * grads.mean(axis=0)


def occlusion(logits_of, x, cls, grey, patch, stride):
    h, w = x.shape[1:3]
    base = float(logits_of(x).numpy()[0, cls]) if hasattr(logits_of(x), "numpy") else None
    total, count = np.zeros((h, w)), np.zeros((h, w))
    rows = sorted(set(range(0, h - patch + 1, stride)) | {h - patch})
    cols = sorted(set(range(0, w - patch + 1, stride)) | {w - patch})
    for r in rows:
        for c in cols:
            y = x.copy()
            y[0, r:r + patch, c:c + patch] = grey[0, r:r + patch, c:c + patch]
            drop = base - float(np.asarray(logits_of(y))[0, cls])
            total[r:r + patch, c:c + patch] += drop
            count[r:r + patch, c:c + patch] += 1
    return total / np.maximum(count, 1)


def correlation(a, b) -> float:
    a, b = np.ravel(a).astype(np.float64), np.ravel(b).astype(np.float64)
    return float(np.corrcoef(a, b)[0, 1])
