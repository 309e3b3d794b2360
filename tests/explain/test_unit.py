"""One unit explained (issue 13): the box of pixels it sees, checked by hand and against the
gradient's support; the effective field against the count of paths; the arithmetic rebuilding
the value the map shows for every layer type of the zoo."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from explorer.core.errors import ExplorerError
from explorer.core.explain.unit import effective_field, unit_arithmetic
from explorer.core.graph.model_graph import ModelGraph
from explorer.core.graph.probe import ActivationProbe
from explorer.core.graph.receptive import unit_box
from explorer.core.models import zoo


def test_vgg16_block5_pool_boxes_by_hand():
    """Each 3×3 'same' conv widens the box by one jump on each side, each 2×2 pool adds one
    jump after: block5_pool's unit (0, 0) reaches from −90 to 121 (212 pixels, jump 32)."""
    graph = ModelGraph(keras.applications.VGG16(weights=None, include_top=False,
                                                input_shape=(224, 224, 3)))
    corner = unit_box(graph, "block5_pool", 0, 0)
    assert corner.full == (-90, -90, 121, 121) and corner.size == (212, 212)
    assert corner.box == (0, 0, 121, 121) and corner.padding
    inner = unit_box(graph, "block5_pool", 3, 3)
    assert inner.full == inner.box == (6, 6, 217, 217) and not inner.padding
    assert graph.table[[r.path for r in graph.table].index("block5_pool")].receptive_field == \
        (212, 212)


def _support(model, x, path_model, r, c):
    """Pixels whose change moves unit (r, c, 0) — the gradient's support, with all-positive
    weights so nothing cancels."""
    import tensorflow as tf

    t = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(t)
        out = path_model(t)[0, r, c, 0]
    g = np.abs(tape.gradient(out, t).numpy()[0]).max(axis=-1)
    rows, cols = np.nonzero(g)
    return rows.min(), cols.min(), rows.max(), cols.max()


def test_same_padding_split_and_branches_match_the_gradient_support():
    inputs = keras.Input((9, 9, 1))
    a = keras.layers.Conv2D(1, 3, strides=2, padding="same", name="down",
                            kernel_initializer="ones")(inputs)  # 9 → 5, pads 1 + 1
    b = keras.layers.Conv2D(1, 1, name="narrow", kernel_initializer="ones")(a)
    w = keras.layers.Conv2D(1, 3, padding="same", name="wide", kernel_initializer="ones")(a)
    merged = keras.layers.Add(name="merge")([b, w])
    model = keras.Model(inputs, merged)
    graph = ModelGraph(model)
    # (5 − 1)·2 + 3 − 9 = 2 pixels of padding: 1 before, 1 after
    assert unit_box(graph, "down", 0, 0).full == (-1, -1, 1, 1)
    assert unit_box(graph, "down", 4, 4).full == (7, 7, 9, 9)  # row 9 is padding
    x = np.ones((1, 9, 9, 1), np.float32)
    for r, c in ((0, 0), (2, 3), (4, 4)):
        box = unit_box(graph, "merge", r, c)
        assert box.box == _support(model, x, model, r, c), (r, c)
    even = keras.Input((8, 8, 1))
    down = keras.layers.Conv2D(1, 3, strides=2, padding="same", name="down")(even)
    graph = ModelGraph(keras.Model(even, down))
    # (4 − 1)·2 + 3 − 8 = 1 pixel: TensorFlow puts it after (bottom/right), none before
    assert unit_box(graph, "down", 0, 0).full == (0, 0, 2, 2)
    assert unit_box(graph, "down", 3, 3).full == (6, 6, 8, 8)


def test_an_se_gate_is_said_to_see_the_whole_image():
    graph = ModelGraph(zoo.build("se-resnet34"))
    gated = next(r.path for r in graph.table if r.type == "Multiply")
    assert unit_box(graph, gated, 0, 0).global_context


def test_the_effective_field_of_a_stack_of_ones_counts_paths():
    """Two 3×3 convolutions of ones: the centre unit depends on pixel (i, j) through
    p(i)·p(j) paths, p = (1, 2, 3, 2, 1)."""
    inputs = keras.Input((9, 9, 1))
    x = keras.layers.Conv2D(1, 3, use_bias=False, kernel_initializer="ones", name="c1")(inputs)
    x = keras.layers.Conv2D(1, 3, use_bias=False, kernel_initializer="ones", name="c2")(x)
    graph = ModelGraph(keras.Model(inputs, x))
    heat = effective_field(graph, np.zeros((1, 9, 9, 1), np.float32), "c2", 0, 2, 2)
    paths = np.array([1, 2, 3, 2, 1], np.float32)
    expected = np.zeros((9, 9), np.float32)
    expected[2:7, 2:7] = np.outer(paths, paths) / 9
    np.testing.assert_allclose(heat, expected, atol=1e-6)


def _probe_all(model, shape, seed=0):
    x = np.random.default_rng(seed).uniform(0, 1, (1,) + shape).astype(np.float32)
    result = ActivationProbe(model).run(x)
    return {k: v[0] for k, v in result.items()}


def _check_every_layer(graph, acts, types_seen):
    for row in graph.table:
        if row.type in types_seen:
            continue
        out = acts[row.path]
        ch = out.shape[-1] // 2
        r, c = (out.shape[0] // 2, out.shape[1] // 2) if out.ndim == 3 else (None, None)
        got = unit_arithmetic(graph, acts, row.path, ch, r, c)
        assert got.value == pytest.approx(got.shown, rel=1e-4, abs=1e-5), (row.path, got)
        assert got.lines, row.path
        types_seen.add(row.type)


def test_the_arithmetic_rebuilds_the_value_for_every_layer_type_of_the_zoo():
    seen: set[str] = set()
    for name in ("fashion-cnn", "lenet5", "alexnet", "googlenet", "resnet34", "se-resnet34"):
        model = zoo.build(name)
        graph = ModelGraph(model)
        _check_every_layer(graph, _probe_all(model, tuple(model.input_shape[1:])), seen)
    assert {"Conv2D", "MaxPooling2D", "AveragePooling2D", "Dense", "Dropout", "Activation",
            "ReLU", "LocalResponseNormalization", "Concatenate", "GlobalAveragePooling2D",
            "BatchNormalization", "Add", "Multiply", "Reshape", "Flatten"} <= seen


def test_depthwise_separable_padding_rescaling_and_depth_pooling():
    from explorer.core.models.zoo.layers import DepthwiseMaxPool

    keras.utils.set_random_seed(8)
    inputs = keras.Input((10, 10, 3))
    x = keras.layers.Rescaling(2.0, offset=-1.0, name="scale")(inputs)
    x = keras.layers.ZeroPadding2D(((1, 2), (2, 1)), name="pad")(x)
    x = keras.layers.DepthwiseConv2D(3, depth_multiplier=2, name="dw", activation="relu6")(x)
    x = keras.layers.SeparableConv2D(6, 3, padding="same", strides=2, name="sep")(x)
    x = DepthwiseMaxPool(3, name="depth_pool")(x)
    x = keras.layers.AveragePooling2D(2, padding="same", name="avg")(x)
    model = keras.Model(inputs, x)
    graph = ModelGraph(model)
    seen: set[str] = set()
    _check_every_layer(graph, _probe_all(model, (10, 10, 3), seed=3), seen)
    assert {"Rescaling", "ZeroPadding2D", "DepthwiseConv2D", "SeparableConv2D",
            "DepthwiseMaxPool", "AveragePooling2D"} <= seen


def test_conv_terms_are_bias_and_one_sum_per_input_channel():
    graph = ModelGraph(zoo.build("lenet5"))
    acts = _probe_all(graph.model, (32, 32, 1))
    got = unit_arithmetic(graph, acts, "C3", 4, 5, 5)
    assert [t.name for t in got.terms] == [f"input channel {i}" for i in range(6)] + ["bias"]
    assert got.pre_activation == pytest.approx(sum(t.value for t in got.terms))


def test_mistakes_are_said():
    graph = ModelGraph(zoo.build("lenet5"))
    acts = _probe_all(graph.model, (32, 32, 1))
    with pytest.raises(ExplorerError, match="no channel 6"):
        unit_arithmetic(graph, acts, "C1", 6, 0, 0)
    with pytest.raises(ExplorerError, match=r"no unit at \(28, 0\)"):
        unit_arithmetic(graph, acts, "C1", 0, 28, 0)
    with pytest.raises(ExplorerError, match="no spatial output"):
        unit_box(graph, "F6", 0, 0)
    with pytest.raises(ExplorerError, match="no row 28"):
        unit_box(graph, "C1", 28, 0)


def test_concept_cards_carry_this_layer_s_numbers():
    from explorer.core.explain.cards import KINDS, card_for
    from explorer.core.resources import resource_path

    graph = ModelGraph(zoo.build("lenet5"))
    rows = {r.path: r for r in graph.table}
    card = card_for(rows["C1"])
    assert "5×5 filter" in card and "5·5·1·6 + 6 = 156" in card
    assert "valid: ⌊(32 + 2·0 − 5)/1⌋ + 1 = 28" in card
    assert "2×2 window" in card_for(rows["S2"])
    dense = card_for(rows["F6"])
    assert "120·84 + 84 = 10,164" in dense
    dropout = card_for(next(r for r in ModelGraph(zoo.build("fashion-cnn")).table
                            if r.type == "Dropout"))
    assert "inactive" in dropout
    for kind in set(KINDS.values()) | {"other"}:  # every card exists and formats
        assert resource_path("cards", "en", f"{kind}.txt").is_file(), kind
    assert card_for(rows["C1"], language="xx") == card  # unknown language: English


def test_dilation_widens_the_box():
    """A 3×3 kernel with dilation 2 spans 5 pixels: (3 − 1)·2 + 1."""
    inputs = keras.Input((11, 11, 1))
    x = keras.layers.Conv2D(1, 3, dilation_rate=2, name="dilated")(inputs)
    x = keras.layers.Conv2D(1, 3, dilation_rate=2, name="again")(x)
    graph = ModelGraph(keras.Model(inputs, x))
    assert unit_box(graph, "dilated", 0, 0).full == (0, 0, 4, 4)
    assert unit_box(graph, "again", 1, 2).full == (1, 2, 9, 10)  # 5 + 4 = 9 pixels
