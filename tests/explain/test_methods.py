"""Each explanation method against the paper's formula written in ``oracles.py``, on the
bundled Fashion CNN and on MobileNet with real ImageNet weights (correlation ≥ 0.99)."""

from __future__ import annotations

import numpy as np
import oracles
import pytest

from explorer.core.explain.layers import default_layer
from explorer.core.explain.methods import METHODS, baselines, explain
from explorer.core.explain.occlusion import default_patch
from explorer.core.explain.scores import ScoreFunction

CAMS = {"gradcam": oracles.gradcam, "gradcam++": oracles.gradcam_plus_plus,
        "layercam": oracles.layercam}


def _x(case):
    return np.asarray(case.prepared.tensor, np.float32)


@pytest.fixture(params=["fashion", "mobilenet"])
def case(request):
    return request.getfixturevalue(request.param)


def test_the_score_explained_is_the_logit(case):
    fn = ScoreFunction(case.graph)
    assert fn.score_kind == "logit"
    logits = np.asarray(oracles.logits_model(case.loaded.model)(_x(case)))
    np.testing.assert_allclose(fn.scores(_x(case)), logits, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("method", sorted(CAMS))
def test_class_activation_maps(case, method):
    layer = default_layer(case.graph.table)
    e = explain(case.graph, case.loaded.spec, case.prepared, method)
    cls = int(np.argmax(case.loaded.model(_x(case))))
    assert e.class_index == cls and e.layer == layer
    reference = CAMS[method](oracles.layer_and_logits(case.loaded.model, layer), _x(case), cls)
    assert e.raw.shape == reference.shape
    assert oracles.correlation(e.raw, reference) >= 0.99
    assert e.heatmap.shape == case.prepared.fed_pixels.shape[:2]
    assert e.heatmap.min() >= 0 and e.heatmap.max() == pytest.approx(1.0)


def test_score_cam(case):
    layer = default_layer(case.graph.table)
    e = explain(case.graph, case.loaded.spec, case.prepared, "scorecam")
    black = baselines(case.prepared, case.loaded.spec)["black"]
    reference = oracles.scorecam(oracles.layer_and_logits(case.loaded.model, layer),
                                 oracles.logits_model(case.loaded.model), _x(case),
                                 e.class_index, black)
    assert oracles.correlation(e.raw, reference) >= 0.99


def test_saliency_and_smoothgrad(case):
    logits_of = oracles.logits_model(case.loaded.model)
    e = explain(case.graph, case.loaded.spec, case.prepared, "saliency")
    assert oracles.correlation(e.heatmap, oracles.saliency(logits_of, _x(case),
                                                           e.class_index)) >= 0.99
    e = explain(case.graph, case.loaded.spec, case.prepared, "smoothgrad")
    reference = oracles.smoothgrad(logits_of, _x(case), e.class_index)
    assert oracles.correlation(e.heatmap, reference) >= 0.99


@pytest.mark.parametrize("baseline", ["black", "blurred"])
def test_integrated_gradients(case, baseline):
    logits_of = oracles.logits_model(case.loaded.model)
    e = explain(case.graph, case.loaded.spec, case.prepared, "integrated-gradients",
                baseline=baseline)
    base = baselines(case.prepared, case.loaded.spec)[baseline]
    reference = oracles.integrated_gradients(logits_of, _x(case), e.class_index, base)
    assert oracles.correlation(np.abs(e.raw).max(axis=-1),
                               np.abs(reference).max(axis=-1)) >= 0.99
    assert e.baseline == baseline
    # completeness (the paper's axiom): with enough steps the attributions add up to
    # F(x) − F(baseline)
    fine = explain(case.graph, case.loaded.spec, case.prepared, "integrated-gradients",
                   baseline=baseline, steps=256)
    gap = float(np.asarray(logits_of(_x(case)))[0, e.class_index]
                - np.asarray(logits_of(base))[0, e.class_index])
    assert float(fine.raw.sum()) == pytest.approx(gap, rel=0.1, abs=0.5)


def test_occlusion(fashion):
    case = fashion
    e = explain(case.graph, case.loaded.spec, case.prepared, "occlusion")
    patch, stride = default_patch(28, 28)
    grey = baselines(case.prepared, case.loaded.spec)["grey"]
    reference = oracles.occlusion(oracles.logits_model(case.loaded.model), _x(case),
                                  e.class_index, grey, patch, stride)
    assert oracles.correlation(e.raw, reference) >= 0.99


def test_occlusion_of_the_most_important_patch_costs_most(fashion):
    """Covering the patch the map ranks first lowers the score more than covering random
    patches does."""
    case, logits_of = fashion, oracles.logits_model(fashion.loaded.model)
    e = explain(case.graph, case.loaded.spec, case.prepared, "occlusion")
    patch = default_patch(28, 28)[0]
    grey = baselines(case.prepared, case.loaded.spec)["grey"]
    x, cls = _x(case), e.class_index
    base = float(np.asarray(logits_of(x))[0, cls])

    def drop(r, c):
        y = x.copy()
        y[0, r:r + patch, c:c + patch] = grey[0, r:r + patch, c:c + patch]
        return base - float(np.asarray(logits_of(y))[0, cls])

    sums = np.array([[e.heatmap[r:r + patch, c:c + patch].sum() for c in range(28 - patch)]
                     for r in range(28 - patch)])
    r, c = np.unravel_index(np.argmax(sums), sums.shape)
    rng = np.random.default_rng(1)
    random = [drop(*rng.integers(0, 28 - patch, 2)) for _ in range(20)]
    assert drop(r, c) > np.mean(random)


def test_guided_backprop_against_a_hand_written_network(tmp_path):
    """Guided backpropagation of a small ReLU network, against the same network written with
    tf.nn ops and a guided ReLU defined here."""
    import keras
    import tensorflow as tf

    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.pixels.images import from_array
    from explorer.core.pixels.preprocess import InputSpec, prepare_input

    keras.utils.set_random_seed(2)
    inputs = keras.Input((12, 12, 3))
    h = keras.layers.Conv2D(4, 3, activation="relu", name="c1")(inputs)
    h = keras.layers.Conv2D(5, 3, name="c2")(h)
    h = keras.layers.ReLU(name="r2")(h)
    out = keras.layers.Dense(3, name="d")(keras.layers.GlobalAveragePooling2D()(h))
    model = keras.Model(inputs, out)
    pixels = np.random.default_rng(3).integers(0, 256, (12, 12, 3), dtype=np.uint8)
    prepared = prepare_input(from_array(pixels), InputSpec(12, 12, 3))
    e = explain(ModelGraph(model), InputSpec(12, 12, 3), prepared, "guided-backprop",
                class_index=1)

    @tf.custom_gradient
    def guided(t):
        return tf.nn.relu(t), lambda g: g * tf.cast(t > 0, g.dtype) * tf.cast(g > 0, g.dtype)

    c1, c2, d = (model.get_layer(n) for n in ("c1", "c2", "d"))
    x = tf.convert_to_tensor(prepared.tensor)
    with tf.GradientTape() as tape:
        tape.watch(x)
        a = guided(tf.nn.conv2d(x, c1.kernel, 1, "VALID") + c1.bias)
        b = guided(tf.nn.conv2d(a, c2.kernel, 1, "VALID") + c2.bias)
        score = (tf.reduce_mean(b, axis=(1, 2)) @ d.kernel + d.bias)[0, 1]
    reference = np.abs(tape.gradient(score, x).numpy()[0]).max(axis=-1)
    assert oracles.correlation(e.heatmap, reference) >= 0.99


def test_every_method_gives_a_normalised_map_of_the_fed_size(fashion):
    for method in METHODS:
        e = explain(fashion.graph, fashion.loaded.spec, fashion.prepared, method,
                    class_names=fashion.loaded.class_names)
        assert e.heatmap.shape == (28, 28) and e.heatmap.dtype == np.float32, method
        assert e.heatmap.min() >= 0 and e.heatmap.max() == pytest.approx(1.0), method
        assert e.label == "Ankle boot" and e.score_kind == "logit", method
