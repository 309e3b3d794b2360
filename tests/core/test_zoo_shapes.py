"""The code-built architectures: per-layer shapes from the seed's tables, parameter counts,
``BLOCK.LAYER`` naming, one layer per operation, and ``.keras`` round trips."""

from __future__ import annotations

import functools
import re

import keras
import numpy as np
import pytest

from explorer.core.errors import ModelError
from explorer.core.models import zoo
from explorer.core.models.zoo import alexnet, cspnet, googlenet, resnet, resnext, senet
from explorer.core.models.zoo.layers import LocalResponseNormalization

MODULES = {m.INFO.name: m for m in (alexnet, googlenet, resnet, senet, resnext, cspnet)}

#: ResNet-34 / ResNeXt-50 parameter counts published by torchvision for 1000 classes
#: (weights and biases only: batch-norm gamma/beta count, moving statistics do not).
TORCHVISION_RESNET34 = 21_797_672
TORCHVISION_RESNEXT50_32X4D = 25_028_904


@functools.lru_cache(maxsize=None)
def built(name: str) -> keras.Model:
    """Each architecture is built once per test session with its defaults."""
    return MODULES[name].build()


def out_shape(model, name):
    return tuple(model.get_layer(name).output.shape[1:])


def trainable(model_or_layer) -> int:
    return int(sum(np.prod(w.shape) for w in model_or_layer.trainable_weights))


def inbound(model, name) -> set[str]:
    """Names of the layers feeding ``name``."""
    node = model.get_layer(name)._inbound_nodes[0]
    return {t._keras_history[0].name for t in node.input_tensors}


def members(model, block) -> set[str]:
    return {layer.name[len(block) + 1:] for layer in model.layers
            if layer.name.startswith(block + ".")}


def assert_shapes(model, table):
    got = {name: out_shape(model, name) for name in table}
    assert got == table


# ---------------------------------------------------------------- all models


@pytest.mark.parametrize("name", sorted(MODULES))
def test_info_matches_model(name):
    model = built(name)
    info = MODULES[name].INFO
    assert model.name == info.name.replace("-", "_")
    assert zoo.module(info.name) is MODULES[name]  # the registry finds it by catalogue name
    assert tuple(model.input_shape[1:]) == info.input_shape
    assert zoo.input_spec(info.name).preprocessing.mode == "rescale"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_one_layer_per_operation_and_unique_names(name):
    model = built(name)
    names = [layer.name for layer in model.layers]
    assert len(names) == len(set(names))
    assert not any("/" in n for n in names)
    for layer in model.layers:
        if isinstance(layer, (keras.layers.Conv2D, keras.layers.Dense)) and layer.name != "output":
            assert layer.get_config()["activation"] == "linear", layer.name
    assert model.get_layer("output").get_config()["activation"] == "softmax"
    # everything except the input, the flatten/pool/dropout head and the output is in a block
    loose = {n for n in names if "." not in n}
    assert loose <= {"image", "output", "flatten", "avg_pool", "dropout", "S2", "S4", "S8",
                     "pool3", "pool4"}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_bad_build_arguments_raise_model_error(name):
    with pytest.raises(ModelError, match="num_classes"):
        MODULES[name].build(num_classes=0)
    with pytest.raises(ModelError, match="input_shape"):
        MODULES[name].build(input_shape=(224, 224))


# ---------------------------------------------------------------- AlexNet


ALEXNET_SHAPES = {
    "C1.conv": (55, 55, 96), "C1.relu": (55, 55, 96), "C1.lrn": (55, 55, 96),
    "S2": (27, 27, 96),
    "C3.conv": (27, 27, 256), "C3.relu": (27, 27, 256), "C3.lrn": (27, 27, 256),
    "S4": (13, 13, 256),
    "C5.conv": (13, 13, 384), "C6.conv": (13, 13, 384), "C7.conv": (13, 13, 256),
    "C7.relu": (13, 13, 256),
    "S8": (6, 6, 256), "flatten": (9216,),
    "F9.dense": (4096,), "F9.relu": (4096,), "F9.dropout": (4096,),
    "F10.dense": (4096,), "F10.dropout": (4096,), "output": (1000,),
}

ALEXNET_PARAMS = {
    "C1.conv": 11 * 11 * 3 * 96 + 96,
    "C3.conv": 5 * 5 * 96 * 256 + 256,
    "C5.conv": 3 * 3 * 256 * 384 + 384,
    "C6.conv": 3 * 3 * 384 * 384 + 384,
    "C7.conv": 3 * 3 * 384 * 256 + 256,
    "F9.dense": 6 * 6 * 256 * 4096 + 4096,
    "F10.dense": 4096 * 4096 + 4096,
    "output": 4096 * 1000 + 1000,
}


def test_alexnet_shapes():
    model = built("alexnet")
    assert model.input_shape == (None, 227, 227, 3)
    assert_shapes(model, ALEXNET_SHAPES)


def test_alexnet_parameters():
    model = built("alexnet")
    got = {name: model.get_layer(name).count_params() for name in ALEXNET_PARAMS}
    assert got == ALEXNET_PARAMS
    assert model.count_params() == sum(ALEXNET_PARAMS.values()) == 62_378_344


def test_alexnet_blocks_and_lrn():
    model = built("alexnet")
    assert members(model, "C1") == {"conv", "relu", "lrn"}
    assert members(model, "C5") == {"conv", "relu"}
    assert members(model, "F9") == {"dense", "relu", "dropout"}
    c1 = model.get_layer("C1.conv")
    assert (c1.kernel_size, c1.strides, c1.padding) == ((11, 11), (4, 4), "valid")
    for block in ("C1", "C3"):
        lrn = model.get_layer(f"{block}.lrn")
        assert isinstance(lrn, LocalResponseNormalization)
        assert (lrn.depth_radius, lrn.bias, lrn.alpha, lrn.beta) == (2, 1.0, 0.00002, 0.75)
        assert inbound(model, f"{block}.lrn") == {f"{block}.relu"}
    assert model.get_layer("F9.dropout").rate == 0.5
    assert model.get_layer("F10.dropout").rate == 0.5


def test_alexnet_forward_applies_lrn():
    import tensorflow as tf

    model = built("alexnet")
    probe = keras.Model(model.input, [model.get_layer("C1.relu").output,
                                      model.get_layer("C1.lrn").output, model.output])
    x = np.random.default_rng(1).uniform(0, 255, (1, 227, 227, 3)).astype("float32")
    relu, lrn, probs = probe.predict(x, verbose=0)
    want = tf.nn.local_response_normalization(relu, depth_radius=2, bias=1.0, alpha=0.00002,
                                              beta=0.75).numpy()
    np.testing.assert_allclose(lrn, want, rtol=1e-5, atol=1e-6)
    assert np.max(np.abs(lrn - relu)) > 1e-3  # it really normalised something
    assert probs.shape == (1, 1000)
    np.testing.assert_allclose(probs.sum(), 1.0, rtol=1e-5)


# ---------------------------------------------------------------- GoogLeNet


GOOGLENET_SHAPES = {
    "stem.conv1": (112, 112, 64), "stem.pool1": (56, 56, 64), "stem.lrn1": (56, 56, 64),
    "stem.conv2": (56, 56, 64), "stem.conv3": (56, 56, 192), "stem.lrn2": (56, 56, 192),
    "stem.pool2": (28, 28, 192),
    "inception3a.concat": (28, 28, 256), "inception3b.concat": (28, 28, 480),
    "pool3": (14, 14, 480),
    "inception4a.concat": (14, 14, 512), "inception4b.concat": (14, 14, 512),
    "inception4c.concat": (14, 14, 512), "inception4d.concat": (14, 14, 528),
    "inception4e.concat": (14, 14, 832),
    "pool4": (7, 7, 832),
    "inception5a.concat": (7, 7, 832), "inception5b.concat": (7, 7, 1024),
    "avg_pool": (1024,), "dropout": (1024,), "output": (1000,),
    "inception3a.branch1_1x1": (28, 28, 64), "inception3a.branch2_1x1": (28, 28, 96),
    "inception3a.branch2_3x3": (28, 28, 128), "inception3a.branch3_1x1": (28, 28, 16),
    "inception3a.branch3_5x5": (28, 28, 32), "inception3a.branch4_pool": (28, 28, 192),
    "inception3a.branch4_1x1": (28, 28, 32),
}


def test_googlenet_shapes():
    assert_shapes(built("googlenet"), GOOGLENET_SHAPES)


def test_googlenet_module_members():
    model = built("googlenet")
    expected = {"branch1_1x1", "branch1_1x1_relu", "branch2_1x1", "branch2_1x1_relu",
                "branch2_3x3", "branch2_3x3_relu", "branch3_1x1", "branch3_1x1_relu",
                "branch3_5x5", "branch3_5x5_relu", "branch4_pool", "branch4_1x1",
                "branch4_1x1_relu", "concat"}
    for module in ("inception3a", "inception4e", "inception5b"):
        assert members(model, module) == expected
    assert members(model, "stem") == {"conv1", "relu1", "pool1", "lrn1", "conv2", "relu2",
                                      "conv3", "relu3", "lrn2", "pool2"}
    pool = model.get_layer("inception3a.branch4_pool")
    assert (pool.pool_size, pool.strides, pool.padding) == ((3, 3), (1, 1), "same")
    assert model.get_layer("dropout").rate == 0.4


def test_googlenet_parameters():
    model = built("googlenet")

    def conv(k, cin, cout):
        return k * k * cin * cout + cout

    # 3a by hand from the paper's table (input 192 channels)
    assert sum(layer.count_params() for layer in model.layers
               if layer.name.startswith("inception3a.")) == (
        conv(1, 192, 64) + conv(1, 192, 96) + conv(3, 96, 128) + conv(1, 192, 16)
        + conv(5, 16, 32) + conv(1, 192, 32)) == 163_696
    # the whole network from the paper's filter table
    table = [(64, 96, 128, 16, 32, 32), (128, 128, 192, 32, 96, 64),
             (192, 96, 208, 16, 48, 64), (160, 112, 224, 24, 64, 64),
             (128, 128, 256, 24, 64, 64), (112, 144, 288, 32, 64, 64),
             (256, 160, 320, 32, 128, 128), (256, 160, 320, 32, 128, 128),
             (384, 192, 384, 48, 128, 128)]
    total = conv(7, 3, 64) + conv(1, 64, 64) + conv(3, 64, 192)
    cin = 192
    for n1, r3, n3, r5, n5, pp in table:
        total += (conv(1, cin, n1) + conv(1, cin, r3) + conv(3, r3, n3) + conv(1, cin, r5)
                  + conv(5, r5, n5) + conv(1, cin, pp))
        cin = n1 + n3 + n5 + pp
    total += conv(1, 1024, 1000)
    assert model.count_params() == total == 6_998_552


# ---------------------------------------------------------------- ResNet-34 family

RESNET_UNIT_SHAPES = {**{f"unit{i}": (56, 56, 64) for i in range(1, 4)},
                      **{f"unit{i}": (28, 28, 128) for i in range(4, 8)},
                      **{f"unit{i}": (14, 14, 256) for i in range(8, 14)},
                      **{f"unit{i}": (7, 7, 512) for i in range(14, 17)}}
STEM_SHAPES = {"stem.conv": (112, 112, 64), "stem.bn": (112, 112, 64),
               "stem.relu": (112, 112, 64), "stem.pool": (56, 56, 64)}
UNIT_MEMBERS = {"conv1", "bn1", "relu1", "conv2", "bn2", "add", "relu2"}
SKIP_MEMBERS = {"skip_conv", "skip_bn"}
BOTTLENECK_MEMBERS = {"conv1", "bn1", "relu1", "conv2", "bn2", "relu2", "conv3", "bn3", "add",
                      "relu3"}
SE_MEMBERS = {"se_pool", "se_reduce", "se_relu", "se_expand", "se_sigmoid", "se_reshape",
              "se_scale"}


def _check_resnet34_body(model, extra_members=frozenset()):
    assert model.input_shape == (None, 224, 224, 3)
    assert_shapes(model, STEM_SHAPES)
    assert_shapes(model, {f"{u}.relu2": s for u, s in RESNET_UNIT_SHAPES.items()})
    assert_shapes(model, {f"{u}.relu1": s for u, s in RESNET_UNIT_SHAPES.items()})
    assert out_shape(model, "avg_pool") == (512,)
    assert not any(re.fullmatch(r"unit\d+", n.split(".")[0]) and n.split(".")[0]
                   not in RESNET_UNIT_SHAPES for n in (la.name for la in model.layers))
    for unit in RESNET_UNIT_SHAPES:
        has_skip = unit in ("unit4", "unit8", "unit14")
        assert members(model, unit) == UNIT_MEMBERS | extra_members | (
            SKIP_MEMBERS if has_skip else set()), unit
    conv = model.get_layer("unit3.conv2")
    assert isinstance(conv, keras.layers.Conv2D) and not conv.use_bias
    assert conv.count_params() == 3 * 3 * 64 * 64
    assert isinstance(model.get_layer("unit3.bn2"), keras.layers.BatchNormalization)
    assert isinstance(model.get_layer("unit3.relu2"), keras.layers.ReLU)
    skip = model.get_layer("unit4.skip_conv")
    assert (skip.kernel_size, skip.strides) == ((1, 1), (2, 2))
    assert skip.count_params() == 64 * 128
    assert model.get_layer("unit4.conv1").strides == (2, 2)
    assert inbound(model, "unit4.add") >= {"unit4.skip_bn"}
    assert inbound(model, "unit3.add") >= {"unit2.relu2"}  # identity skip


def test_resnet34_shapes_and_blocks():
    model = built("resnet34")
    _check_resnet34_body(model)
    assert out_shape(model, "output") == (10,)
    assert inbound(model, "unit3.add") == {"unit3.bn2", "unit2.relu2"}
    assert inbound(model, "unit4.add") == {"unit4.bn2", "unit4.skip_bn"}


def test_resnet34_parameters():
    model = built("resnet34")
    # torchvision's 1000-class count, with the head shrunk to 10 classes
    assert trainable(model) == TORCHVISION_RESNET34 - 990 * 513 == 21_289_802
    # batch-norm moving mean and variance: stem 64 + two BNs per unit + the three skip BNs
    bn_channels = 64 + sum(2 * s[-1] for s in RESNET_UNIT_SHAPES.values()) + 128 + 256 + 512
    assert model.count_params() - trainable(model) == 2 * bn_channels == 17_024


def test_senet_shapes_and_blocks():
    model = built("se-resnet34")
    _check_resnet34_body(model, SE_MEMBERS)
    assert out_shape(model, "output") == (1000,)
    assert_shapes(model, {"unit1.se_reduce": (4,), "unit1.se_expand": (64,),
                          "unit14.se_pool": (512,), "unit14.se_reduce": (32,),
                          "unit14.se_sigmoid": (512,), "unit14.se_reshape": (1, 1, 512),
                          "unit14.se_scale": (7, 7, 512)})
    # the excitation rescales the main path before the addition
    assert inbound(model, "unit14.se_scale") == {"unit14.bn2", "unit14.se_reshape"}
    assert inbound(model, "unit14.add") == {"unit14.se_scale", "unit14.skip_bn"}
    assert inbound(model, "unit3.add") == {"unit3.se_scale", "unit2.relu2"}


def test_senet_parameters():
    model = built("se-resnet34")

    def se(c):  # dense C -> C/16 (+bias), dense C/16 -> C (+bias)
        return c * (c // 16) + c // 16 + (c // 16) * c + c

    se_total = sum(se(s[-1]) for s in RESNET_UNIT_SHAPES.values())
    assert se_total == 161_196
    assert trainable(model) == TORCHVISION_RESNET34 + se_total


RESNEXT_UNIT_SHAPES = {**{f"unit{i}": (56, 56, 256) for i in range(1, 4)},
                       **{f"unit{i}": (28, 28, 512) for i in range(4, 8)},
                       **{f"unit{i}": (14, 14, 1024) for i in range(8, 14)},
                       **{f"unit{i}": (7, 7, 2048) for i in range(14, 17)}}


def test_resnext_shapes_and_blocks():
    model = built("resnext50")
    assert_shapes(model, STEM_SHAPES)
    assert_shapes(model, {f"{u}.relu3": s for u, s in RESNEXT_UNIT_SHAPES.items()})
    assert_shapes(model, {"unit1.conv2": (56, 56, 128), "unit4.conv1": (56, 56, 256),
                          "unit4.conv2": (28, 28, 256), "unit8.conv2": (14, 14, 512),
                          "unit14.conv2": (7, 7, 1024), "avg_pool": (2048,),
                          "output": (1000,)})
    for unit in RESNEXT_UNIT_SHAPES:
        has_skip = unit in ("unit1", "unit4", "unit8", "unit14")
        skip = SKIP_MEMBERS if has_skip else set()
        assert members(model, unit) == BOTTLENECK_MEMBERS | skip, unit
    grouped = model.get_layer("unit1.conv2")
    assert grouped.groups == 32
    assert grouped.count_params() == 3 * 3 * (128 // 32) * 128
    assert model.get_layer("unit4.conv2").strides == (2, 2)
    assert inbound(model, "unit2.add") == {"unit2.bn3", "unit1.relu3"}


def test_resnext_parameters():
    assert trainable(built("resnext50")) == TORCHVISION_RESNEXT50_32X4D


CSP_STAGES = {"stage1": ((56, 56), 128, 3), "stage2": ((28, 28), 256, 4),
              "stage3": ((14, 14), 512, 6), "stage4": ((7, 7), 1024, 3)}


def test_cspnet_shapes_and_blocks():
    model = built("cspresnet50")
    assert_shapes(model, STEM_SHAPES)
    for stage, (hw, width, units) in CSP_STAGES.items():
        part = (*hw, width)
        table = {f"{stage}.part1_conv": part, f"{stage}.part2_relu": part,
                 f"{stage}.part2_transition_relu": part, f"{stage}.concat": (*hw, 2 * width),
                 f"{stage}.transition_relu": part,
                 **{f"{stage}.unit{i}.relu3": part for i in range(1, units + 1)},
                 **{f"{stage}.unit{i}.relu2": (*hw, width // 2) for i in range(1, units + 1)}}
        assert_shapes(model, table)
        unit_adds = [la.name for la in model.layers
                     if re.fullmatch(rf"{stage}\.unit\d+\.add", la.name)]
        assert len(unit_adds) == units
        assert members(model, f"{stage}.unit1") == BOTTLENECK_MEMBERS
        assert inbound(model, f"{stage}.concat") == {f"{stage}.part1_relu",
                                                     f"{stage}.part2_transition_relu"}
        assert inbound(model, f"{stage}.unit2.add") == {f"{stage}.unit2.bn3",
                                                        f"{stage}.unit1.relu3"}
        assert model.get_layer(f"{stage}.transition_conv").count_params() == 2 * width * width
    assert "stage1.down_conv" not in {la.name for la in model.layers}
    assert model.get_layer("stage1.part1_conv").count_params() == 64 * 128
    down = model.get_layer("stage2.down_conv")
    assert (down.kernel_size, down.strides) == ((3, 3), (2, 2))
    assert down.count_params() == 3 * 3 * 128 * 256
    assert model.get_layer("stage4.unit1.conv2").count_params() == 3 * 3 * 512 * 512
    assert out_shape(model, "avg_pool") == (1024,)
    assert out_shape(model, "output") == (1000,)


# ---------------------------------------------------------------- smaller variants


@pytest.mark.parametrize("name", ["googlenet", "resnet34", "cspresnet50"])
def test_num_classes_and_input_shape_are_honoured(name):
    model = MODULES[name].build(num_classes=7, input_shape=(96, 128, 1))
    assert model.input_shape == (None, 96, 128, 1)
    assert model.output_shape == (None, 7)


# ---------------------------------------------------------------- save / load


def _round_trip(model, feature_layer, tmp_path):
    path = tmp_path / f"{model.name}.keras"
    model.save(path)
    loaded = keras.saving.load_model(path)
    assert [la.name for la in loaded.layers] == [la.name for la in model.layers]
    for a, b in zip(model.weights, loaded.weights):
        np.testing.assert_array_equal(keras.ops.convert_to_numpy(a),
                                      keras.ops.convert_to_numpy(b))
    x = np.random.default_rng(0).uniform(0, 1, (1, *model.input_shape[1:])).astype("float32")

    def probe(m):
        return keras.Model(m.input, [m.get_layer(feature_layer).output, m.output])

    feat_a, out_a = probe(model).predict(x, verbose=0)
    feat_b, out_b = probe(loaded).predict(x, verbose=0)
    assert np.std(feat_a) > 0  # a real, non-constant activation
    np.testing.assert_allclose(feat_b, feat_a, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(out_b, out_a, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(out_a.sum(), 1.0, rtol=1e-5)


def test_round_trip_googlenet(tmp_path):
    _round_trip(built("googlenet"), "inception5b.concat", tmp_path)


@pytest.mark.slow
def test_round_trip_cspnet(tmp_path):
    _round_trip(built("cspresnet50"), "stage4.transition_relu", tmp_path)


@pytest.mark.slow
def test_round_trip_resnet34(tmp_path):
    _round_trip(built("resnet34"), "unit16.relu2", tmp_path)


@pytest.mark.slow
def test_round_trip_senet(tmp_path):
    _round_trip(built("se-resnet34"), "unit16.relu2", tmp_path)


@pytest.mark.slow
def test_round_trip_resnext(tmp_path):
    _round_trip(built("resnext50"), "unit16.relu3", tmp_path)


def test_every_code_built_model_says_which_classes_it_has():
    """Issue 19 point 12: one convention — 1000 outputs carry ImageNet's names, other counts
    their data set's names or "class N" — and the description says which."""
    for name in zoo.MODULES:
        info = zoo.info(name)
        if info.class_names == "imagenet":
            assert "ImageNet's class names" in info.description, name
        elif info.class_names is None:
            assert "named class 0–9" in info.description, name
        else:
            assert len(info.class_names) == 10, name
    assert zoo.info("resnet34").class_names is None  # the seed's dense 10: no data set
