"""AlexNet (Krizhevsky et al., 2012) as the seed's table gives it, with real LRN layers."""

from __future__ import annotations

from explorer.core.models.zoo.base import ZooInfo

#: The seed's local response normalisation settings (after the ReLUs of C1 and C3).
LRN_SETTINGS = {"depth_radius": 2, "bias": 1.0, "alpha": 0.00002, "beta": 0.75}

INFO = ZooInfo(
    name="alexnet",
    title="AlexNet",
    input_shape=(227, 227, 3),
    description=("AlexNet: C1 conv 96@11×11 stride 4 (55×55) with ReLU and local response "
                 "normalisation → S2 3×3/2 max pool (27×27) → C3 conv 256@5×5 with ReLU and LRN "
                 "→ S4 max pool (13×13) → C5, C6 conv 384@3×3 → C7 conv 256@3×3 → S8 max pool "
                 "(6×6) → F9, F10 dense 4096 ReLU with dropout 0.5 → 1000-way softmax. One "
                 "tower (the original split C1–C7 across two GPUs). Untrained; about 62 million "
                 "parameters; its 1000 outputs carry ImageNet's class names."),
    class_names="imagenet",
)


def build(num_classes: int = 1000, input_shape=(227, 227, 3)):
    """Build the untrained AlexNet.

    Every convolution block ``Cn`` is ``Cn.conv`` + ``Cn.relu`` (+ ``Cn.lrn`` for C1 and C3);
    pools are ``S2``, ``S4``, ``S8``; dense blocks are ``F9.dense``/``F9.relu``/``F9.dropout``
    and the same for ``F10``; the softmax layer is ``output``.

    Args:
        num_classes: size of the softmax output.
        input_shape: (H, W, C); 227×227×3 in the seed.

    Returns:
        A functional ``keras.Model`` named ``alexnet``.

    Raises:
        ModelError: when ``num_classes`` or ``input_shape`` is unusable.
    """
    import keras
    from keras import layers

    from explorer.core.models.zoo.blocks import check_build_args
    from explorer.core.models.zoo.layers import LocalResponseNormalization

    shape = check_build_args(INFO.title, num_classes, input_shape)

    def conv(x, block, filters, kernel, strides=1, padding="same", lrn=False):
        x = layers.Conv2D(filters, kernel, strides=strides, padding=padding,
                          name=f"{block}.conv")(x)
        x = layers.ReLU(name=f"{block}.relu")(x)
        if lrn:
            x = LocalResponseNormalization(**LRN_SETTINGS, name=f"{block}.lrn")(x)
        return x

    def dense(x, block):
        x = layers.Dense(4096, name=f"{block}.dense")(x)
        x = layers.ReLU(name=f"{block}.relu")(x)
        return layers.Dropout(0.5, name=f"{block}.dropout")(x)

    inputs = keras.Input(shape, name="image")
    x = conv(inputs, "C1", 96, 11, strides=4, padding="valid", lrn=True)
    x = layers.MaxPooling2D(3, strides=2, padding="valid", name="S2")(x)
    x = conv(x, "C3", 256, 5, lrn=True)
    x = layers.MaxPooling2D(3, strides=2, padding="valid", name="S4")(x)
    x = conv(x, "C5", 384, 3)
    x = conv(x, "C6", 384, 3)
    x = conv(x, "C7", 256, 3)
    x = layers.MaxPooling2D(3, strides=2, padding="valid", name="S8")(x)
    x = layers.Flatten(name="flatten")(x)
    x = dense(x, "F9")
    x = dense(x, "F10")
    outputs = layers.Dense(num_classes, activation="softmax", name="output")(x)
    return keras.Model(inputs, outputs, name="alexnet")
