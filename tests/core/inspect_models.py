"""Small Keras models shared by the inspection and probe tests (builders, not fixtures)."""

from __future__ import annotations

import keras
import numpy as np
from keras import layers


def randomize(model, seed: int = 0) -> None:
    """Give every weight a reproducible random value (variances positive, so BN is not identity)."""
    rng = np.random.default_rng(seed)
    for weight in model.weights:
        shape = tuple(weight.shape)
        if "variance" in weight.path:
            value = rng.uniform(0.5, 1.5, shape)
        else:
            value = rng.normal(0.0, 0.3, shape)
        weight.assign(value.astype("float32"))


def alexnet_like() -> keras.Model:
    """227×227 input, AlexNet's first two conv/pool stages, flatten, dense."""
    inputs = keras.Input((227, 227, 3), name="image")
    x = layers.Conv2D(96, 11, strides=4, activation="relu", name="conv1")(inputs)
    x = layers.MaxPooling2D(3, strides=2, name="pool1")(x)
    x = layers.Conv2D(256, 5, padding="same", activation="relu", name="conv2")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool2")(x)
    x = layers.Flatten(name="flatten")(x)
    outputs = layers.Dense(10, activation="softmax", name="fc")(x)
    return keras.Model(inputs, outputs, name="alexnet_like")


def assorted() -> keras.Model:
    """Strided/depthwise/separable/dilated/grouped/transposed convs and reshaping layers."""
    inputs = keras.Input((56, 56, 8), name="image")
    x = layers.Conv2D(8, 3, strides=2, padding="same", name="down")(inputs)
    x = layers.DepthwiseConv2D(3, depth_multiplier=2, padding="same", name="dw")(x)
    x = layers.SeparableConv2D(12, 3, name="sep")(x)
    x = layers.Conv2D(4, 3, dilation_rate=2, name="dilated")(x)
    x = layers.Conv2D(8, 3, padding="same", groups=2, name="grouped")(x)
    x = layers.Conv2DTranspose(6, 3, strides=2, name="up")(x)
    x = layers.ZeroPadding2D(((0, 1), (0, 1)), name="pad")(x)
    x = layers.Cropping2D(((1, 1), (2, 2)), name="crop")(x)
    x = layers.UpSampling2D(2, name="upsample")(x)
    outputs = layers.GlobalMaxPooling2D(name="gmp")(x)
    return keras.Model(inputs, outputs, name="assorted")


def branches() -> keras.Model:
    """Two branches with different receptive fields, merged by Add and Concatenate."""
    inputs = keras.Input((32, 32, 3), name="image")
    a = layers.Conv2D(4, 3, padding="same", name="a")(inputs)
    b = layers.Conv2D(4, 7, padding="same", name="b")(inputs)
    added = layers.Add(name="add")([a, b])
    joined = layers.Concatenate(name="join")([a, added])
    outputs = layers.Conv2D(2, 1, name="head")(joined)
    return keras.Model(inputs, outputs, name="branches")


def small_base(name: str = "base", trainable: bool = True) -> keras.Model:
    """A functional feature extractor (conv / bn / relu / pool / conv) to nest in another model."""
    inputs = keras.Input((24, 24, 3), name=f"{name}_in")
    x = layers.Conv2D(6, 3, name="stem.conv")(inputs)
    x = layers.BatchNormalization(name="stem.bn")(x)
    x = layers.ReLU(name="stem.relu")(x)
    x = layers.MaxPooling2D(2, name="pool")(x)
    x = layers.Conv2D(8, 3, padding="same", activation="relu", name="conv2")(x)
    base = keras.Model(inputs, x, name=name)
    base.trainable = trainable
    return base


def transfer(base: keras.Model | None = None) -> tuple[keras.Model, keras.Model]:
    """image -> Rescaling -> nested base (training=False) -> nested Sequential -> GAP -> Dense."""
    base = base or small_base()
    inputs = keras.Input((24, 24, 3), name="image")
    x = layers.Rescaling(1 / 255.0, offset=-0.5, name="scale")(inputs)
    x = base(x, training=False)
    x = keras.Sequential([layers.Conv2D(5, 1, name="sconv"), layers.ReLU(name="srelu")],
                         name="seqblock")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = layers.Dense(3, activation="softmax", name="head")(x)
    return keras.Model(inputs, outputs, name="transfer"), base


def two_bases() -> tuple[keras.Model, keras.Model, keras.Model]:
    """Two nested models whose inner layers share names ('conv', 'relu'), merged by Add."""
    def make(name):
        inputs = keras.Input((16, 16, 3))
        x = layers.Conv2D(4, 3, padding="same", name="conv")(inputs)
        x = layers.ReLU(name="relu")(x)
        return keras.Model(inputs, x, name=name)

    base_a, base_b = make("base_a"), make("base_b")
    inputs = keras.Input((16, 16, 3), name="image")
    x = layers.Add(name="sum")([base_a(inputs), base_b(inputs)])
    outputs = layers.GlobalAveragePooling2D(name="gap")(x)
    return keras.Model(inputs, outputs, name="ensemble"), base_a, base_b


def multi_io() -> keras.Model:
    """Two inputs (rgb, depth), fused by Concatenate, two heads (cls, reg)."""
    rgb = keras.Input((16, 16, 3), name="rgb")
    depth = keras.Input((16, 16, 1), name="depth")
    a = layers.Conv2D(8, 3, padding="same", name="rgb_conv")(rgb)
    b = layers.Conv2D(4, 3, padding="same", name="depth_conv")(depth)
    x = layers.Concatenate(name="fuse")([a, b])
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    cls = layers.Dense(3, activation="softmax", name="cls")(x)
    reg = layers.Dense(1, name="reg")(x)
    return keras.Model([rgb, depth], [cls, reg], name="multi_io")


def shared_layer() -> keras.Model:
    """One Conv2D applied twice."""
    inputs = keras.Input((12, 12, 4), name="image")
    conv = layers.Conv2D(4, 3, padding="same", name="shared")
    outputs = conv(conv(inputs))
    return keras.Model(inputs, outputs, name="twice")


def sequential() -> keras.Sequential:
    """A plain Sequential LeNet-ish model."""
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        layers.Conv2D(4, 5, activation="tanh", name="c1"),
        layers.AveragePooling2D(2, name="s2"),
        layers.Flatten(name="flat"),
        layers.Dense(10, activation="softmax", name="out"),
    ], name="seq")


def conv1d() -> keras.Model:
    """A 1-D signal model."""
    inputs = keras.Input((100, 2), name="signal")
    outputs = layers.Conv1D(4, 5, strides=2, name="c1d")(inputs)
    return keras.Model(inputs, outputs, name="signal_net")
