"""SE-ResNet-34: ResNet-34 with squeeze-and-excitation in every residual unit (Hu et al., 2017)."""

from __future__ import annotations

from explorer.core.models.zoo.base import ZooInfo

#: SENet's reduction ratio r: the squeeze layer has C/r units.
SE_RATIO = 16

INFO = ZooInfo(
    name="se-resnet34",
    title="SE-ResNet-34",
    input_shape=(224, 224, 3),
    description=("SE-ResNet-34: ResNet-34 whose 16 residual units each recalibrate their "
                 "channels before the addition — global average pooling squeezes each channel "
                 "to one number, a dense C/16 ReLU and a dense C sigmoid turn those into "
                 "per-channel weights in (0, 1), and the feature maps are multiplied by them. "
                 "Untrained; 1000 outputs by default, carrying ImageNet's class names."),
    class_names="imagenet",
)


def squeeze_excite(x, name: str, ratio: int = SE_RATIO):
    """Squeeze-and-excitation: scale each channel of ``x`` by a learned weight in (0, 1).

    Layers: ``NAME.se_pool`` (global average pooling), ``NAME.se_reduce`` (dense C/ratio),
    ``NAME.se_relu``, ``NAME.se_expand`` (dense C), ``NAME.se_sigmoid``, ``NAME.se_reshape``
    (to 1×1×C) and ``NAME.se_scale`` (the multiplication).

    Args:
        x: feature maps (N, H, W, C).
        name: the block name, e.g. ``"unit4"``.
        ratio: reduction ratio; the squeeze layer has ``max(1, C // ratio)`` units.

    Returns:
        ``x`` with every channel rescaled, same shape.
    """
    from keras import layers

    channels = int(x.shape[-1])
    s = layers.GlobalAveragePooling2D(name=f"{name}.se_pool")(x)
    s = layers.Dense(max(1, channels // ratio), name=f"{name}.se_reduce")(s)
    s = layers.ReLU(name=f"{name}.se_relu")(s)
    s = layers.Dense(channels, name=f"{name}.se_expand")(s)
    s = layers.Activation("sigmoid", name=f"{name}.se_sigmoid")(s)
    s = layers.Reshape((1, 1, channels), name=f"{name}.se_reshape")(s)
    return layers.Multiply(name=f"{name}.se_scale")([x, s])


def build(num_classes: int = 1000, input_shape=(224, 224, 3)):
    """Build the untrained SE-ResNet-34.

    Args:
        num_classes: size of the softmax output.
        input_shape: (H, W, C); 224×224×3 like ImageNet.

    Returns:
        A functional ``keras.Model`` named ``se_resnet34``.

    Raises:
        ModelError: when ``num_classes`` or ``input_shape`` is unusable.
    """
    import keras

    from explorer.core.models.zoo import blocks

    shape = blocks.check_build_args(INFO.title, num_classes, input_shape)
    inputs = keras.Input(shape, name="image")
    x = blocks.resnet_stem(inputs)
    x = blocks.residual_stages(x, blocks.RESNET34_STAGES, excite=squeeze_excite)
    outputs = blocks.classifier_head(x, num_classes)
    return keras.Model(inputs, outputs, name="se_resnet34")
