"""Explanations that mean something (Adebayo et al. 2018's randomisation check, a pointing
check), on every kind of model, and clear refusals."""

from __future__ import annotations

import keras
import numpy as np
import oracles
import pytest
from PIL import Image

from explorer.core.errors import ExplorerError
from explorer.core.explain.methods import explain
from explorer.core.explain.scores import ScoreFunction
from explorer.core.graph.model_graph import ModelGraph
from explorer.core.pixels.images import from_array, load_image
from explorer.core.pixels.preprocess import InputSpec, prepare_input
from explorer.core.predict import prepare
from explorer.core.resources import resource_path


@pytest.mark.parametrize("method", ["gradcam", "saliency"])
def test_randomised_weights_change_the_map(fashion, method):
    """With untrained weights the map of the same image changes; two runs of the trained
    model agree exactly."""
    from explorer.core.models.loading import load_model

    trained = explain(fashion.graph, fashion.loaded.spec, fashion.prepared, method,
                      class_index=9)
    again = explain(fashion.graph, fashion.loaded.spec, fashion.prepared, method,
                    class_index=9)
    random = load_model("fashion-cnn", weights="untrained")
    untrained = explain(ModelGraph(random.model), random.spec, fashion.prepared, method,
                        class_index=9)
    same = oracles.correlation(trained.heatmap, again.heatmap)
    assert same == pytest.approx(1.0)
    if np.ptp(untrained.heatmap) == 0:  # a flat map (all zero): nothing left of the trained one
        assert np.ptp(trained.heatmap) > 0.5
        return
    changed = oracles.correlation(trained.heatmap, untrained.heatmap)
    assert changed < 0.6, changed


def test_the_map_points_at_the_garment(fashion):
    """An ankle boot pasted into the bottom-right quarter of a black canvas: the Grad-CAM peak
    lies on it."""
    boot = np.asarray(Image.open(resource_path("samples", "fashion-ankle-boot-test0.png"))
                      .convert("L"))
    canvas = np.zeros((56, 56), np.uint8)
    canvas[28:, 28:] = boot
    prepared = prepare_input(from_array(np.repeat(canvas[..., None], 3, -1)),
                             fashion.loaded.spec, fit="resize")
    for method in ("gradcam", "gradcam++"):
        e = explain(fashion.graph, fashion.loaded.spec, prepared, method, class_index=9)
        row, col = np.unravel_index(np.argmax(e.heatmap), e.heatmap.shape)
        assert row >= 13 and col >= 13, (method, row, col)


def test_a_nested_transfer_model(imagenet_keras_home, fixture_images):
    """A MobileNet base nested in a new model: the default layer is found inside the base."""
    base = keras.applications.MobileNet(input_shape=(128, 128, 3), alpha=0.25,
                                        include_top=False, weights="imagenet")
    inputs = keras.Input((128, 128, 3))
    x = keras.layers.GlobalAveragePooling2D()(base(inputs))
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax", name="head")(x))
    graph = ModelGraph(model)
    spec = InputSpec(128, 128, 3)
    prepared = prepare_input(load_image(fixture_images / "cat.bmp"), spec)
    e = explain(graph, spec, prepared, "gradcam")
    assert e.layer == f"{base.name}/conv_pw_13_relu" and e.score_kind == "logit"
    head = model.get_layer("head")

    def run(t):  # the base ends at conv_pw_13_relu; then global pooling and the head
        a = base(t)
        return a, keras.ops.mean(a, axis=(1, 2)) @ head.kernel + head.bias

    reference = oracles.gradcam(run, np.asarray(prepared.tensor), e.class_index)
    assert reference.shape == (4, 4)
    assert oracles.correlation(e.raw, reference) >= 0.99


def test_free_spatial_size_and_a_chosen_output():
    keras.utils.set_random_seed(4)
    inputs = keras.Input((None, None, 3))
    h = keras.layers.Conv2D(6, 3, activation="relu", name="conv")(inputs)
    pooled = keras.layers.GlobalAveragePooling2D()(h)
    scores = keras.layers.Dense(4, name="scores")(pooled)
    other = keras.layers.Dense(2, activation="sigmoid", name="other")(pooled)
    model = keras.Model(inputs, [other, scores])
    pixels = np.random.default_rng(0).integers(0, 256, (40, 30, 3), dtype=np.uint8)
    spec = InputSpec(None, None, 3)
    prepared = prepare_input(from_array(pixels), spec)
    graph = ModelGraph(model)
    e = explain(graph, spec, prepared, "gradcam", output=1)
    assert e.heatmap.shape == (40, 30) and e.layer == "conv" and e.score_kind == "logit"
    assert ScoreFunction(graph, 0).score_kind == "logit"  # a sigmoid Dense, without its sigmoid
    conv_out = keras.layers.Flatten()(keras.layers.Conv2D(2, 1, activation="sigmoid")(h))
    probabilities = ModelGraph(keras.Model(inputs, conv_out))
    assert ScoreFunction(probabilities).score_kind == "probability"  # said, not hidden
    with pytest.raises(ExplorerError, match="no output 2"):
        explain(graph, spec, prepared, "gradcam", output=2)


def test_mistakes_are_said_in_words(fashion):
    case = fashion
    with pytest.raises(ExplorerError, match="Unknown explanation method 'magic'"):
        explain(case.graph, case.loaded.spec, case.prepared, "magic")
    with pytest.raises(ExplorerError, match=r"'fc1' has no spatial output \(its output is 128\)"):
        explain(case.graph, case.loaded.spec, case.prepared, "gradcam", layer="fc1")
    with pytest.raises(ExplorerError, match="no class 10"):
        explain(case.graph, case.loaded.spec, case.prepared, "saliency", class_index=10)
    with pytest.raises(ExplorerError, match="no layer 'conv99'"):
        explain(case.graph, case.loaded.spec, case.prepared, "gradcam", layer="conv99")


def test_guided_backprop_needs_a_relu():
    keras.utils.set_random_seed(5)
    inputs = keras.Input((8, 8, 3))
    h = keras.layers.Conv2D(3, 3, activation="tanh")(inputs)
    model = keras.Model(inputs, keras.layers.Dense(2)(keras.layers.Flatten()(h)))
    spec = InputSpec(8, 8, 3)
    prepared = prepare_input(from_array(np.zeros((8, 8, 3), np.uint8)), spec)
    with pytest.raises(ExplorerError, match="no ReLU activations"):
        explain(ModelGraph(model), spec, prepared, "guided-backprop")


def test_the_window_s_prepare_and_the_cli_s_agree(fashion):
    """The map of the sample through ``predict.prepare`` (what the worker and the CLI call)."""
    prepared = prepare(fashion.loaded, load_image(resource_path(
        "samples", "fashion-ankle-boot-test0.png")))
    e = explain(fashion.graph, fashion.loaded.spec, prepared, "gradcam")
    assert e.label == "class 9" and e.class_index == 9  # no names given: "class N"
