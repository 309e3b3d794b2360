"""Layer table and kernels: shapes, params, receptive field, MACs and arithmetic by hand."""

from __future__ import annotations

import inspect_models as im
import keras
import numpy as np
import pytest

from explorer.core.errors import ModelError
from explorer.core.graph.layer_table import LayerInfo
from explorer.core.graph.model_graph import kernels, layer_table


def by_path(rows: list[LayerInfo]) -> dict[str, LayerInfo]:
    return {r.path: r for r in rows}


@pytest.fixture(scope="module")
def alexnet_rows():
    return by_path(layer_table(im.alexnet_like()))


@pytest.fixture(scope="module")
def assorted_rows():
    return by_path(layer_table(im.assorted()))


def test_alexnet_first_layer_by_hand(alexnet_rows):
    conv1 = alexnet_rows["conv1"]
    assert conv1.index == 1 and conv1.type == "Conv2D" and conv1.kind == "conv"
    assert conv1.input_shape == (227, 227, 3)
    assert conv1.output_shape == (55, 55, 96)
    assert conv1.params_trainable == 11 * 11 * 3 * 96 + 96 == 34944
    assert conv1.params_non_trainable == 0
    assert (conv1.kernel_size, conv1.strides, conv1.padding, conv1.dilation) == (
        (11, 11), (4, 4), "valid", (1, 1))
    assert conv1.activation == "relu"
    assert conv1.receptive_field == (11, 11) and conv1.jump == (4, 4)
    assert conv1.macs == 55 * 55 * 11 * 11 * 3 * 96 == 105_415_200
    assert conv1.activation_bytes == 55 * 55 * 96 * 4
    assert conv1.arithmetic == "valid: ⌊(227 + 2·0 − 11)/4⌋ + 1 = 55"


def test_alexnet_later_layers_by_hand(alexnet_rows):
    pool1, conv2, pool2 = alexnet_rows["pool1"], alexnet_rows["conv2"], alexnet_rows["pool2"]
    assert pool1.output_shape == (27, 27, 96) and pool1.kind == "pool"
    assert pool1.receptive_field == (11 + 2 * 4,) * 2 and pool1.jump == (8, 8)
    assert pool1.arithmetic == "valid: ⌊(55 + 2·0 − 3)/2⌋ + 1 = 27"
    assert pool1.macs == 0 and pool1.params == 0
    assert conv2.output_shape == (27, 27, 256)
    assert conv2.params_trainable == 5 * 5 * 96 * 256 + 256
    assert conv2.receptive_field == (19 + 4 * 8,) * 2 and conv2.jump == (8, 8)
    assert conv2.macs == 27 * 27 * 5 * 5 * 96 * 256
    # "same" pads 27·1 − 27 + 5 − 1 = 4 pixels, 2 before and 2 after
    assert conv2.arithmetic == "same: ⌊(27 + 4 − 5)/1⌋ + 1 = 27 (pad 2 + 2)"
    assert pool2.output_shape == (13, 13, 256)
    assert pool2.receptive_field == (51 + 2 * 8,) * 2 and pool2.jump == (16, 16)
    flat, fc = alexnet_rows["flatten"], alexnet_rows["fc"]
    assert flat.output_shape == (43264,)
    assert flat.arithmetic == "flatten: 13·13·256 = 43264"
    assert flat.receptive_field == (227, 227) and flat.jump is None
    assert fc.kind == "dense" and fc.activation == "softmax"
    assert fc.params_trainable == 43264 * 10 + 10
    assert fc.macs == 43264 * 10
    assert fc.arithmetic == "dense: 43264 → 10"
    assert fc.receptive_field == (227, 227)


def test_input_row_first(alexnet_rows):
    first = next(iter(alexnet_rows.values()))
    assert first.index == 0 and first.type == "InputLayer" and first.path == "image"
    assert first.output_shape == (227, 227, 3) and first.receptive_field == (1, 1)
    assert first.activation_bytes == 227 * 227 * 3 * 4
    assert first.arithmetic == "input: 227×227×3"


def test_strided_depthwise_separable_dilated(assorted_rows):
    down, dw, sep = assorted_rows["down"], assorted_rows["dw"], assorted_rows["sep"]
    assert down.output_shape == (28, 28, 8)
    # (28 − 1)·2 + 3 − 56 = 1 pixel of padding; TensorFlow puts it after (bottom/right)
    assert down.arithmetic == "same: ⌊(56 + 1 − 3)/2⌋ + 1 = 28 (pad 0 + 1)"
    assert down.receptive_field == (3, 3) and down.jump == (2, 2)
    assert dw.output_shape == (28, 28, 16)
    assert dw.macs == 28 * 28 * 3 * 3 * 8 * 2
    assert dw.params_trainable == 3 * 3 * 8 * 2 + 16
    assert dw.receptive_field == (7, 7)
    assert sep.output_shape == (26, 26, 12)
    assert sep.macs == 26 * 26 * 3 * 3 * 16 + 26 * 26 * 16 * 12
    assert sep.params_trainable == 3 * 3 * 16 + 16 * 12 + 12
    assert sep.receptive_field == (11, 11) and sep.jump == (2, 2)
    dilated = assorted_rows["dilated"]
    assert dilated.output_shape == (22, 22, 4) and dilated.dilation == (2, 2)
    assert dilated.receptive_field == (11 + 2 * 2 * 2,) * 2
    assert dilated.arithmetic == ("valid: ⌊(26 + 2·0 − 5)/1⌋ + 1 = 22 "
                                  "(dilated kernel (3 − 1)·2 + 1 = 5)")
    grouped = assorted_rows["grouped"]
    assert grouped.macs == 22 * 22 * 3 * 3 * (4 // 2) * 8
    assert grouped.params_trainable == 3 * 3 * 2 * 8 + 8


def test_transpose_padding_cropping_upsampling(assorted_rows):
    up = assorted_rows["up"]
    assert up.output_shape == (45, 45, 6)
    assert up.arithmetic == "valid (transposed): (22 − 1)·2 + max(3, 2) = 45"
    assert up.macs == 22 * 22 * 3 * 3 * 8 * 6
    grouped_rf = assorted_rows["grouped"].receptive_field[0]
    assert up.receptive_field == (grouped_rf + 1 * 2,) * 2 and up.jump == (1, 1)
    pad, crop = assorted_rows["pad"], assorted_rows["crop"]
    assert pad.arithmetic == "pad: 45 + 0 + 1 = 46" and pad.output_shape == (46, 46, 6)
    assert crop.arithmetic == "crop: H 46 − 1 − 1 = 44, W 46 − 2 − 2 = 42"
    ups = assorted_rows["upsample"]
    assert ups.arithmetic == "upsample: H 44·2 = 88, W 42·2 = 84"
    assert ups.jump == (0.5, 0.5) and ups.receptive_field == up.receptive_field
    gmp = assorted_rows["gmp"]
    assert gmp.arithmetic == "global max pool: 88×84×6 → 6"
    assert gmp.receptive_field == (56, 56) and gmp.jump is None and gmp.kind == "pool"


def test_merge_takes_max_receptive_field():
    rows = by_path(layer_table(im.branches()))
    assert rows["a"].receptive_field == (3, 3) and rows["b"].receptive_field == (7, 7)
    assert rows["add"].receptive_field == (7, 7) and rows["add"].input_shape == [
        (32, 32, 4), (32, 32, 4)]
    assert rows["join"].arithmetic == "concat: 4 + 4 = 8"
    assert rows["join"].receptive_field == (7, 7)
    assert rows["head"].receptive_field == (7, 7)


def test_nested_models_are_flattened_with_paths():
    model, base = im.transfer()
    rows = layer_table(model)
    paths = [r.path for r in rows]
    assert paths == ["image", "scale", "base/stem/conv", "base/stem/bn", "base/stem/relu",
                     "base/pool", "base/conv2", "seqblock/sconv", "seqblock/srelu", "gap",
                     "head"]
    table = by_path(rows)
    conv = table["base/stem/conv"]
    assert conv.name == "stem.conv" and conv.group == "base/stem"
    assert conv.input_shape == (24, 24, 3) and conv.output_shape == (22, 22, 6)
    assert table["base/pool"].group == "base" and table["gap"].group == ""
    assert table["seqblock/sconv"].output_shape == (11, 11, 5)
    bn = table["base/stem/bn"]
    assert (bn.params_trainable, bn.params_non_trainable) == (12, 12) and bn.kind == "norm"
    assert table["base/stem/relu"].activation == "relu"
    assert table["base/conv2"].receptive_field == (3 + 1 + 2 * 2,) * 2
    assert sum(r.params for r in rows) == model.count_params()


def test_frozen_base_counts_as_non_trainable():
    model, _ = im.transfer(im.small_base(trainable=False))
    table = by_path(layer_table(model))
    conv = table["base/stem/conv"]
    assert conv.params_trainable == 0 and conv.params_non_trainable == 3 * 3 * 3 * 6 + 6
    assert table["head"].params_trainable == 5 * 3 + 3


def test_sequential_and_conv1d():
    rows = layer_table(im.sequential())
    assert [r.path for r in rows][1:] == ["c1", "s2", "flat", "out"]
    table = by_path(rows)
    assert rows[0].type == "InputLayer" and rows[0].output_shape == (28, 28, 1)
    assert table["c1"].output_shape == (24, 24, 4) and table["c1"].activation == "tanh"
    assert table["s2"].receptive_field == (6, 6) and table["s2"].jump == (2, 2)
    assert table["flat"].arithmetic == "flatten: 12·12·4 = 576"
    c1d = by_path(layer_table(im.conv1d()))["c1d"]
    assert c1d.output_shape == (48, 4)
    assert c1d.arithmetic == "valid: ⌊(100 + 2·0 − 5)/2⌋ + 1 = 48"
    assert c1d.receptive_field == (5,) and c1d.jump == (2,)
    assert c1d.macs == 48 * 5 * 2 * 4


def test_multi_input_multi_output():
    rows = layer_table(im.multi_io())
    assert [r.path for r in rows[:2]] == ["rgb", "depth"]
    assert all(r.type == "InputLayer" for r in rows[:2])
    table = by_path(rows)
    assert table["fuse"].arithmetic == "concat: 8 + 4 = 12"
    assert table["fuse"].input_shape == [(16, 16, 8), (16, 16, 4)]
    assert table["cls"].output_shape == (3,) and table["reg"].output_shape == (1,)


def test_shared_layer_gets_numbered_paths():
    rows = by_path(layer_table(im.shared_layer()))
    assert rows["shared"].params_trainable == 3 * 3 * 4 * 4 + 4
    assert rows["shared@2"].params == 0
    assert rows["shared@2"].receptive_field == (5, 5)


def test_unsupported_models_raise_model_error():
    class Subclassed(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(2)

        def call(self, x):
            return self.dense(x)

    with pytest.raises(ModelError, match="subclassed"):
        layer_table(Subclassed())
    with pytest.raises(ModelError, match="no input shape"):
        layer_table(keras.Sequential([keras.layers.Dense(3)]))


# --- kernels ----------------------------------------------------------------------------------

def _book_by_loops(k: np.ndarray) -> np.ndarray:
    kh, kw, ci, co = k.shape
    book = np.zeros((co, ci, kh, kw), dtype=k.dtype)
    for o in range(co):
        for i in range(ci):
            for y in range(kh):
                for x in range(kw):
                    book[o, i, y, x] = k[y, x, i, o]
    return book


def test_conv_kernels_both_layouts():
    model = im.alexnet_like()
    im.randomize(model, seed=3)
    ks = kernels(model, "conv1")
    layer = model.get_layer("conv1")
    assert ks.kind == "conv" and ks.path == "conv1" and ks.count == 96
    np.testing.assert_array_equal(ks.keras, layer.kernel.numpy())
    assert ks.book.shape == (96, 3, 11, 11)
    np.testing.assert_array_equal(ks.book, _book_by_loops(ks.keras))
    np.testing.assert_array_equal(ks.bias, layer.bias.numpy())
    assert not ks.keras.flags.writeable and not ks.book.flags.writeable


def test_nested_and_dotted_kernels():
    model, base = im.transfer()
    im.randomize(model, seed=5)
    by_full_path = kernels(model, "base/stem/conv")
    by_name = kernels(model, "stem.conv")
    np.testing.assert_array_equal(by_full_path.keras, base.get_layer("stem.conv").kernel.numpy())
    np.testing.assert_array_equal(by_name.book, by_full_path.book)


def test_depthwise_separable_transpose_conv1d_kernels():
    model = im.assorted()
    im.randomize(model, seed=7)
    dw_layer = model.get_layer("dw")
    dw = kernels(model, "dw")
    raw = dw_layer.kernel.numpy()  # (3, 3, 8 channels, 2 multiplier)
    assert dw.kind == "depthwise" and dw.keras.shape == (3, 3, 1, 16)
    for c in range(8):
        for m in range(2):
            np.testing.assert_array_equal(dw.keras[:, :, 0, c * 2 + m], raw[:, :, c, m])
            np.testing.assert_array_equal(dw.book[c * 2 + m, 0], raw[:, :, c, m])
    sep_layer = model.get_layer("sep")
    depthwise = kernels(model, "sep")
    pointwise = kernels(model, "sep", part="pointwise")
    assert depthwise.kind == "separable_depthwise" and depthwise.keras.shape == (3, 3, 1, 16)
    assert depthwise.bias is None
    assert pointwise.kind == "separable_pointwise" and pointwise.keras.shape == (1, 1, 16, 12)
    np.testing.assert_array_equal(pointwise.keras, sep_layer.pointwise_kernel.numpy())
    np.testing.assert_array_equal(pointwise.bias, sep_layer.bias.numpy())
    up = kernels(model, "up")
    raw_up = model.get_layer("up").kernel.numpy()  # Keras stores (kh, kw, out, in)
    assert up.kind == "transpose" and up.keras.shape == (3, 3, 8, 6)
    assert up.keras[1, 2, 5, 3] == raw_up[1, 2, 3, 5]
    np.testing.assert_array_equal(up.book, _book_by_loops(up.keras))
    net = im.conv1d()
    c1d = kernels(net, "c1d")
    assert c1d.keras.shape == (1, 5, 2, 4)
    np.testing.assert_array_equal(c1d.keras[0], net.get_layer("c1d").kernel.numpy())


def test_kernels_of_non_conv_layer_and_unknown_layer():
    model = im.alexnet_like()
    with pytest.raises(ModelError, match="pool1.*no convolution kernels"):
        kernels(model, "pool1")
    with pytest.raises(ModelError, match="no layer 'nope'"):
        kernels(model, "nope")
    with pytest.raises(ModelError, match="Unknown part"):
        kernels(im.assorted(), "sep", part="middle")


def test_free_spatial_size_gives_unknowns_not_errors():
    inputs = keras.Input((None, None, 3), name="image")
    x = keras.layers.Conv2D(4, 3, strides=2, name="conv")(inputs)
    outputs = keras.layers.GlobalAveragePooling2D(name="gap")(x)
    table = by_path(layer_table(keras.Model(inputs, outputs)))
    conv = table["conv"]
    assert conv.output_shape == (None, None, 4)
    assert conv.macs is None and conv.activation_bytes is None
    assert conv.arithmetic == "valid: ⌊(? + 2·0 − 3)/2⌋ + 1 = ?"
    assert conv.receptive_field == (3, 3) and conv.jump == (2, 2)
    assert table["gap"].receptive_field is None and table["gap"].activation_bytes == 16
