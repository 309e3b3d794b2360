"""The zoo's custom layers: LRN against TensorFlow's op, depth pooling against numpy, saving."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from explorer.core.errors import ModelError
from explorer.core.models.zoo.layers import DepthwiseMaxPool, LocalResponseNormalization


def _lrn_numpy(x, radius, bias, alpha, beta):
    """Textbook LRN, one channel at a time."""
    out = np.empty_like(x, dtype=np.float64)
    channels = x.shape[-1]
    for d in range(channels):
        lo, hi = max(0, d - radius), min(channels, d + radius + 1)
        sqr_sum = np.sum(x[..., lo:hi].astype(np.float64) ** 2, axis=-1)
        out[..., d] = x[..., d] / (bias + alpha * sqr_sum) ** beta
    return out


def test_lrn_hand_computed_values():
    # channels [1, 2, 3], radius 1, bias 1, alpha 1, beta 1:
    # d0: 1/(1+1+4)=1/6, d1: 2/(1+1+4+9)=2/15, d2: 3/(1+4+9)=3/14
    layer = LocalResponseNormalization(depth_radius=1, bias=1.0, alpha=1.0, beta=1.0)
    x = np.array([[[[1.0, 2.0, 3.0]]]], dtype="float32")
    out = keras.ops.convert_to_numpy(layer(x))
    np.testing.assert_allclose(out[0, 0, 0], [1 / 6, 2 / 15, 3 / 14], rtol=1e-6)


@pytest.mark.parametrize("radius,bias,alpha,beta", [
    (2, 1.0, 0.00002, 0.75),   # the seed's AlexNet setting
    (3, 2.0, 0.5, 0.75),       # strong normalisation, so a wrong window shows
    (1, 0.5, 0.1, 1.5),
    (0, 1.0, 1.0, 0.5),
])
def test_lrn_matches_tensorflow(radius, bias, alpha, beta):
    rng = np.random.default_rng(radius)
    x = (rng.standard_normal((2, 5, 6, 16)) * 3).astype("float32")
    layer = LocalResponseNormalization(depth_radius=radius, bias=bias, alpha=alpha, beta=beta)
    got = keras.ops.convert_to_numpy(layer(x))
    want = tf.nn.local_response_normalization(x, depth_radius=radius, bias=bias, alpha=alpha,
                                              beta=beta).numpy()
    np.testing.assert_allclose(got, want, rtol=2e-5, atol=1e-6)
    np.testing.assert_allclose(got, _lrn_numpy(x, radius, bias, alpha, beta), rtol=2e-5,
                               atol=1e-6)
    if alpha > 0.01:  # the normalisation really changed something
        assert np.max(np.abs(got - x)) > 0.1


def test_lrn_keeps_shape_and_accepts_free_spatial_size():
    inputs = keras.Input((None, None, 8))
    outputs = LocalResponseNormalization(name="lrn")(inputs)
    assert tuple(outputs.shape) == (None, None, None, 8)
    model = keras.Model(inputs, outputs)
    assert model.predict(np.ones((1, 3, 7, 8), "float32"), verbose=0).shape == (1, 3, 7, 8)


def test_lrn_rejects_bad_radius():
    with pytest.raises(ModelError, match="depth_radius"):
        LocalResponseNormalization(depth_radius=-1)


def test_depthwise_max_pool_matches_numpy():
    rng = np.random.default_rng(7)
    x = rng.standard_normal((2, 4, 5, 12)).astype("float32")
    got = keras.ops.convert_to_numpy(DepthwiseMaxPool(pool_size=3)(x))
    assert got.shape == (2, 4, 5, 4)
    want = np.stack([x[..., 3 * g:3 * g + 3].max(axis=-1) for g in range(4)], axis=-1)
    np.testing.assert_array_equal(got, want)


def test_depthwise_max_pool_picks_group_maxima():
    x = np.array([[[[1, 5, 2, -1, -3, -2]]]], dtype="float32")
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(DepthwiseMaxPool(3)(x)),
                                  [[[[5, -1]]]])
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(DepthwiseMaxPool(2)(x)),
                                  [[[[5, 2, -2]]]])


def test_depthwise_max_pool_free_spatial_size():
    inputs = keras.Input((None, None, 6))
    outputs = DepthwiseMaxPool(2, name="depth_pool")(inputs)
    assert tuple(outputs.shape) == (None, None, None, 3)
    model = keras.Model(inputs, outputs)
    assert model.predict(np.ones((2, 5, 7, 6), "float32"), verbose=0).shape == (2, 5, 7, 3)


def test_depthwise_max_pool_rejects_uneven_channels():
    with pytest.raises(ModelError, match="divisible by pool_size=4"):
        DepthwiseMaxPool(4)(keras.Input((8, 8, 6)))
    with pytest.raises(ModelError, match="pool_size"):
        DepthwiseMaxPool(0)


def test_save_load_round_trip_with_both_layers(tmp_path):
    inputs = keras.Input((9, 9, 3), name="image")
    x = keras.layers.Conv2D(12, 3, name="conv")(inputs)
    x = LocalResponseNormalization(depth_radius=1, bias=1.5, alpha=0.3, beta=0.6, name="lrn")(x)
    x = DepthwiseMaxPool(3, name="depth_pool")(x)
    model = keras.Model(inputs, x, name="tiny")
    path = tmp_path / "tiny.keras"
    model.save(path)

    loaded = keras.saving.load_model(path)
    lrn = loaded.get_layer("lrn")
    assert type(lrn) is LocalResponseNormalization
    assert (lrn.depth_radius, lrn.bias, lrn.alpha, lrn.beta) == (1, 1.5, 0.3, 0.6)
    pool = loaded.get_layer("depth_pool")
    assert type(pool) is DepthwiseMaxPool and pool.pool_size == 3
    assert loaded.output_shape == (None, 7, 7, 4)

    x = np.random.default_rng(3).standard_normal((2, 9, 9, 3)).astype("float32")
    want = model.predict(x, verbose=0)
    np.testing.assert_array_equal(loaded.predict(x, verbose=0), want)
    assert np.std(want) > 0.01
