"""CSPResNet-50: ResNet-50 bottlenecks in cross-stage-partial stages (Wang et al., 2019)."""

from __future__ import annotations

from explorer.core.models.zoo.base import ZooInfo

#: Stages as (output channels, bottleneck units on the second part), as in timm's cspresnet50.
STAGES: tuple[tuple[int, int], ...] = ((128, 3), (256, 4), (512, 6), (1024, 3))

INFO = ZooInfo(
    name="cspresnet50",
    title="CSPResNet-50",
    input_shape=(224, 224, 3),
    description=("CSPResNet-50: ResNet's stem, then four cross-stage-partial stages (128, 256, "
                 "512 and 1024 channels at 56, 28, 14 and 7 pixels). Each stage (after a 3×3/2 "
                 "conv where it halves the size) splits its input into two parts with two 1×1 "
                 "convs; one part goes through 3, 4, 6 or 3 ResNet-50 bottleneck units and a 1×1 "
                 "transition while the other bypasses them; the parts are concatenated and "
                 "fused by a 1×1 transition — half the channels skip the expensive blocks, yet "
                 "every gradient path still reaches them. Untrained; 1000 outputs by default, "
                 "carrying ImageNet's class names."),
    class_names="imagenet",
)


def csp_stage(x, filters: int, units: int, strides: int, name: str):
    """One cross-stage-partial stage of bottleneck units.

    Layers (conv + BN + ReLU triples ``..._conv``/``..._bn``/``..._relu``):
    ``NAME.down_*`` (3×3 to ``filters``, stride ``strides``; only when ``strides > 1``),
    ``NAME.part1_*`` and ``NAME.part2_*`` (1×1, ``filters`` each), the bottleneck units
    ``NAME.unit1``... on the second part (``NAME.unit1.conv1``..., inner width
    ``filters // 2``), ``NAME.part2_transition_*`` (1×1), ``NAME.concat`` (``2 * filters``)
    and ``NAME.transition_*`` (1×1 back to ``filters``).

    Args:
        x: input tensor (N, H, W, C).
        filters: channels of each part and of the stage's output.
        units: bottleneck units on the second part.
        strides: 2 to halve the size at the start of the stage, else 1.
        name: the stage name, e.g. ``"stage2"``.

    Returns:
        The stage's output (N, H/strides, W/strides, filters).
    """
    from keras import layers

    from explorer.core.models.zoo.blocks import bottleneck_unit, conv_bn_relu

    if strides > 1:
        x = conv_bn_relu(x, filters, 3, prefix=f"{name}.down_", strides=strides)
    bypass = conv_bn_relu(x, filters, 1, prefix=f"{name}.part1_")
    part = conv_bn_relu(x, filters, 1, prefix=f"{name}.part2_")
    for i in range(1, units + 1):
        part = bottleneck_unit(part, filters // 2, filters, 1, f"{name}.unit{i}")
    part = conv_bn_relu(part, filters, 1, prefix=f"{name}.part2_transition_")
    x = layers.Concatenate(name=f"{name}.concat")([bypass, part])
    return conv_bn_relu(x, filters, 1, prefix=f"{name}.transition_")


def build(num_classes: int = 1000, input_shape=(224, 224, 3)):
    """Build the untrained CSPResNet-50.

    Args:
        num_classes: size of the softmax output.
        input_shape: (H, W, C); 224×224×3 like ImageNet.

    Returns:
        A functional ``keras.Model`` named ``cspresnet50``.

    Raises:
        ModelError: when ``num_classes`` or ``input_shape`` is unusable.
    """
    import keras

    from explorer.core.models.zoo import blocks

    shape = blocks.check_build_args(INFO.title, num_classes, input_shape)
    inputs = keras.Input(shape, name="image")
    x = blocks.resnet_stem(inputs)
    for number, (filters, units) in enumerate(STAGES, start=1):
        x = csp_stage(x, filters, units, 2 if number > 1 else 1, f"stage{number}")
    outputs = blocks.classifier_head(x, num_classes)
    return keras.Model(inputs, outputs, name="cspresnet50")
