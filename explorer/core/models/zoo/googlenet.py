"""GoogLeNet (Szegedy et al., 2014) without its auxiliary classifiers, as the seed draws it."""

from __future__ import annotations

from explorer.core.models.zoo.base import ZooInfo

#: Inception modules in order, with the paper's filter counts: (name, #1×1, #3×3 reduce, #3×3,
#: #5×5 reduce, #5×5, pool proj). A module outputs #1×1 + #3×3 + #5×5 + pool proj channels.
INCEPTION_MODULES: tuple[tuple[str, int, int, int, int, int, int], ...] = (
    ("inception3a", 64, 96, 128, 16, 32, 32),
    ("inception3b", 128, 128, 192, 32, 96, 64),
    ("inception4a", 192, 96, 208, 16, 48, 64),
    ("inception4b", 160, 112, 224, 24, 64, 64),
    ("inception4c", 128, 128, 256, 24, 64, 64),
    ("inception4d", 112, 144, 288, 32, 64, 64),
    ("inception4e", 256, 160, 320, 32, 128, 128),
    ("inception5a", 256, 160, 320, 32, 128, 128),
    ("inception5b", 384, 192, 384, 48, 128, 128),
)

#: Modules followed by a 3×3/2 max pool, and that pool's name.
_POOL_AFTER = {"inception3b": "pool3", "inception4e": "pool4"}

#: Local response normalisation as in the reference Caffe model (alpha 1e-4 over a window of
#: 5 channels is 2e-5 per channel in TensorFlow's convention).
LRN_SETTINGS = {"depth_radius": 2, "bias": 1.0, "alpha": 0.00002, "beta": 0.75}

INFO = ZooInfo(
    name="googlenet",
    title="GoogLeNet (Inception v1)",
    input_shape=(224, 224, 3),
    description=("GoogLeNet: a stem (7×7/2 conv 64, 3×3/2 max pool, LRN, 1×1 conv 64, 3×3 conv "
                 "192, LRN, 3×3/2 max pool → 28×28×192), then nine inception modules — each "
                 "runs a 1×1 conv, a 1×1→3×3 conv, a 1×1→5×5 conv and a 3×3 max pool→1×1 conv "
                 "side by side and concatenates them (3a, 3b at 28×28; 4a–4e at 14×14; 5a, 5b "
                 "at 7×7, ending with 1024 channels) — global average pooling, dropout 0.4 and "
                 "a softmax. No auxiliary classifiers. Untrained; about 7 million parameters; "
                 "its 1000 outputs carry ImageNet's class names."),
    class_names="imagenet",
)


def inception_module(x, name: str, n1x1: int, n3x3_reduce: int, n3x3: int, n5x5_reduce: int,
                     n5x5: int, pool_proj: int):
    """One inception module: four parallel branches concatenated along the channels.

    Layers (every conv has its own ReLU, named after it with ``_relu``):
    ``NAME.branch1_1x1``; ``NAME.branch2_1x1`` → ``NAME.branch2_3x3``;
    ``NAME.branch3_1x1`` → ``NAME.branch3_5x5``; ``NAME.branch4_pool`` (3×3 max pool, stride
    1) → ``NAME.branch4_1x1``; ``NAME.concat``.

    Args:
        x: input tensor (N, H, W, C).
        name: the module name, e.g. ``"inception3a"``.
        n1x1: filters of branch 1.
        n3x3_reduce: 1×1 filters before the 3×3 conv.
        n3x3: 3×3 filters.
        n5x5_reduce: 1×1 filters before the 5×5 conv.
        n5x5: 5×5 filters.
        pool_proj: 1×1 filters after the max pool.

    Returns:
        (N, H, W, n1x1 + n3x3 + n5x5 + pool_proj).
    """
    from keras import layers

    def conv_relu(t, filters, kernel, conv_name):
        t = layers.Conv2D(filters, kernel, padding="same", name=f"{name}.{conv_name}")(t)
        return layers.ReLU(name=f"{name}.{conv_name}_relu")(t)

    b1 = conv_relu(x, n1x1, 1, "branch1_1x1")
    b2 = conv_relu(x, n3x3_reduce, 1, "branch2_1x1")
    b2 = conv_relu(b2, n3x3, 3, "branch2_3x3")
    b3 = conv_relu(x, n5x5_reduce, 1, "branch3_1x1")
    b3 = conv_relu(b3, n5x5, 5, "branch3_5x5")
    b4 = layers.MaxPooling2D(3, strides=1, padding="same", name=f"{name}.branch4_pool")(x)
    b4 = conv_relu(b4, pool_proj, 1, "branch4_1x1")
    return layers.Concatenate(name=f"{name}.concat")([b1, b2, b3, b4])


def build(num_classes: int = 1000, input_shape=(224, 224, 3)):
    """Build the untrained GoogLeNet.

    Stem layers: ``stem.conv1``/``relu1`` (7×7/2), ``stem.pool1``, ``stem.lrn1``,
    ``stem.conv2``/``relu2`` (1×1), ``stem.conv3``/``relu3`` (3×3), ``stem.lrn2``,
    ``stem.pool2``; then the modules of :data:`INCEPTION_MODULES` with ``pool3`` after 3b and
    ``pool4`` after 4e; then ``avg_pool``, ``dropout`` and ``output``.

    Args:
        num_classes: size of the softmax output.
        input_shape: (H, W, C); 224×224×3 in the original.

    Returns:
        A functional ``keras.Model`` named ``googlenet``.

    Raises:
        ModelError: when ``num_classes`` or ``input_shape`` is unusable.
    """
    import keras
    from keras import layers

    from explorer.core.models.zoo.blocks import check_build_args, classifier_head
    from explorer.core.models.zoo.layers import LocalResponseNormalization

    shape = check_build_args(INFO.title, num_classes, input_shape)

    def conv_relu(t, filters, kernel, number, strides=1):
        t = layers.Conv2D(filters, kernel, strides=strides, padding="same",
                          name=f"stem.conv{number}")(t)
        return layers.ReLU(name=f"stem.relu{number}")(t)

    def pool(t, pool_name):
        return layers.MaxPooling2D(3, strides=2, padding="same", name=pool_name)(t)

    inputs = keras.Input(shape, name="image")
    x = conv_relu(inputs, 64, 7, 1, strides=2)
    x = pool(x, "stem.pool1")
    x = LocalResponseNormalization(**LRN_SETTINGS, name="stem.lrn1")(x)
    x = conv_relu(x, 64, 1, 2)
    x = conv_relu(x, 192, 3, 3)
    x = LocalResponseNormalization(**LRN_SETTINGS, name="stem.lrn2")(x)
    x = pool(x, "stem.pool2")
    for name, *filters in INCEPTION_MODULES:
        x = inception_module(x, name, *filters)
        if name in _POOL_AFTER:
            x = pool(x, _POOL_AFTER[name])
    outputs = classifier_head(x, num_classes, dropout=0.4)
    return keras.Model(inputs, outputs, name="googlenet")
