"""ResNeXt-50 (32×4d) (Xie et al., 2016): ResNet-50 bottlenecks with a grouped 3×3 convolution."""

from __future__ import annotations

from explorer.core.models.zoo.base import ZooInfo

#: Cardinality: how many groups the 3×3 convolution of every bottleneck is split into.
CARDINALITY = 32
#: Channels per group in the first stage (the "4d" of 32×4d); doubles with every stage.
GROUP_WIDTH = 4
#: Stages as (output channels, number of bottleneck units).
STAGES: tuple[tuple[int, int], ...] = ((256, 3), (512, 4), (1024, 6), (2048, 3))

INFO = ZooInfo(
    name="resnext50",
    title="ResNeXt-50 (32×4d)",
    input_shape=(224, 224, 3),
    description=("ResNeXt-50 32×4d: ResNet's stem, then 16 bottleneck units in stages of 3, 4, "
                 "6 and 3 (outputs 256, 512, 1024 and 2048 channels at 56, 28, 14 and 7 "
                 "pixels). Each bottleneck is 1×1 conv → 3×3 convolution split into 32 groups "
                 "(4 channels each in the first stage) → 1×1 conv, each with batch norm and "
                 "ReLU, added to its input. Untrained; 1000 outputs by default, carrying "
                 "ImageNet's class names."),
    class_names="imagenet",
)


def build(num_classes: int = 1000, input_shape=(224, 224, 3)):
    """Build the untrained ResNeXt-50 (32×4d).

    Args:
        num_classes: size of the softmax output.
        input_shape: (H, W, C); 224×224×3 like ImageNet.

    Returns:
        A functional ``keras.Model`` named ``resnext50``.

    Raises:
        ModelError: when ``num_classes`` or ``input_shape`` is unusable.
    """
    import keras

    from explorer.core.models.zoo import blocks

    shape = blocks.check_build_args(INFO.title, num_classes, input_shape)
    inputs = keras.Input(shape, name="image")
    x = blocks.resnet_stem(inputs)
    number = 1
    width = CARDINALITY * GROUP_WIDTH
    for stage, (filters, units) in enumerate(STAGES):
        for i in range(units):
            strides = 2 if stage > 0 and i == 0 else 1
            x = blocks.bottleneck_unit(x, width, filters, strides, f"unit{number}",
                                       groups=CARDINALITY)
            number += 1
        width *= 2
    outputs = blocks.classifier_head(x, num_classes)
    return keras.Model(inputs, outputs, name="resnext50")
