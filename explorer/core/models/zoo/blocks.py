"""Building blocks shared by the residual families (ResNet, SENet, ResNeXt, CSPNet).

Every convolution, normalisation and activation is its own layer, named ``BLOCK.LAYER``
(``unit3.conv2``, ``unit3.bn2``, ``unit3.relu2``, ``unit3.skip_conv``, ``unit3.add``), so the
inspector can show each of them and turn the name into the path ``unit3/conv2``.

The helpers take and return Keras tensors of the functional API; they import Keras only when
called, so importing a zoo module stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from explorer.core.errors import ModelError

#: ResNet-34's stages as (filters, number of residual units); the first unit of every stage but
#: the first halves the spatial size.
RESNET34_STAGES: tuple[tuple[int, int], ...] = ((64, 3), (128, 4), (256, 6), (512, 3))


def check_build_args(model_title: str, num_classes, input_shape) -> tuple[int, int, int]:
    """Validate the arguments every ``build()`` takes.

    Args:
        model_title: the architecture's display name, for the message.
        num_classes: size of the softmax output; must be a whole number >= 1.
        input_shape: (H, W, C) with positive whole numbers.

    Returns:
        ``input_shape`` as a tuple of ints.

    Raises:
        ModelError: when either argument is unusable.
    """
    if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 1:
        raise ModelError(f"{model_title} cannot be built with num_classes={num_classes!r}",
                         expected="a whole number of classes >= 1", received=repr(num_classes))
    shape = tuple(input_shape)
    if len(shape) != 3 or not all(isinstance(d, int) and d > 0 for d in shape):
        raise ModelError(f"{model_title} cannot be built for input_shape={shape!r}",
                         expected="(height, width, channels), three positive whole numbers",
                         received=repr(shape))
    return shape


def conv_bn(x, filters: int, kernel_size: int, *, prefix: str, suffix: str = "",
            strides: int = 1, groups: int = 1):
    """A bias-free convolution followed by batch normalisation.

    Layers are named ``{prefix}conv{suffix}`` and ``{prefix}bn{suffix}``: with
    ``prefix="unit3."`` and ``suffix="1"`` they are ``unit3.conv1`` and ``unit3.bn1``; with
    ``prefix="unit3.skip_"`` they are ``unit3.skip_conv`` and ``unit3.skip_bn``.

    Args:
        x: input tensor (N, H, W, C).
        filters: output channels.
        kernel_size: square kernel side.
        prefix: name prefix, usually ``"BLOCK."``.
        suffix: name suffix, usually the position in the block.
        strides: convolution stride.
        groups: convolution groups (ResNeXt's cardinality); 1 is an ordinary convolution.

    Returns:
        The normalised tensor.
    """
    from keras import layers

    x = layers.Conv2D(filters, kernel_size, strides=strides, padding="same", use_bias=False,
                      groups=groups, name=f"{prefix}conv{suffix}")(x)
    return layers.BatchNormalization(name=f"{prefix}bn{suffix}")(x)


def conv_bn_relu(x, filters: int, kernel_size: int, *, prefix: str, suffix: str = "",
                 strides: int = 1, groups: int = 1):
    """:func:`conv_bn` followed by its own ``{prefix}relu{suffix}`` ReLU layer.

    Args:
        x: input tensor (N, H, W, C).
        filters: output channels.
        kernel_size: square kernel side.
        prefix: name prefix, usually ``"BLOCK."``.
        suffix: name suffix, usually the position in the block.
        strides: convolution stride.
        groups: convolution groups.

    Returns:
        The activated tensor.
    """
    from keras import layers

    x = conv_bn(x, filters, kernel_size, prefix=prefix, suffix=suffix, strides=strides,
                groups=groups)
    return layers.ReLU(name=f"{prefix}relu{suffix}")(x)


def resnet_stem(inputs):
    """ResNet's stem: 7×7/2 conv 64 + BN + ReLU, then a 3×3/2 max pool (224 → 112 → 56).

    Layers: ``stem.conv``, ``stem.bn``, ``stem.relu``, ``stem.pool``.

    Args:
        inputs: the image tensor (N, H, W, C).

    Returns:
        The pooled tensor (N, H/4, W/4, 64).
    """
    from keras import layers

    x = conv_bn_relu(inputs, 64, 7, prefix="stem.", strides=2)
    return layers.MaxPooling2D(3, strides=2, padding="same", name="stem.pool")(x)


def residual_unit(x, filters: int, strides: int, name: str,
                  excite: Callable | None = None):
    """ResNet-34's residual unit, optionally with a squeeze-and-excitation step.

    Main path: 3×3 conv (stride ``strides``) + BN + ReLU, 3×3 conv + BN, then ``excite`` if
    given. Skip path: the input itself, or a 1×1 strided conv + BN when the unit changes the
    size or the channel count. The two are added and passed through a ReLU.

    Layers: ``NAME.conv1``, ``.bn1``, ``.relu1``, ``.conv2``, ``.bn2``, [``.skip_conv``,
    ``.skip_bn``], ``.add``, ``.relu2`` plus whatever ``excite`` adds.

    Args:
        x: input tensor (N, H, W, C).
        filters: output channels.
        strides: stride of the first convolution (and of the skip convolution).
        name: the block name, e.g. ``"unit4"``.
        excite: optional ``excite(tensor, name) -> tensor`` applied to the main path just
            before the addition (SENet's squeeze-and-excitation).

    Returns:
        The unit's output (N, H/strides, W/strides, filters).
    """
    from keras import layers

    prefix = f"{name}."
    main = conv_bn_relu(x, filters, 3, prefix=prefix, suffix="1", strides=strides)
    main = conv_bn(main, filters, 3, prefix=prefix, suffix="2")
    if excite is not None:
        main = excite(main, name)
    skip = x
    if strides > 1 or x.shape[-1] != filters:
        skip = conv_bn(x, filters, 1, prefix=f"{name}.skip_", strides=strides)
    out = layers.Add(name=f"{name}.add")([main, skip])
    return layers.ReLU(name=f"{name}.relu2")(out)


def bottleneck_unit(x, width: int, filters: int, strides: int, name: str,
                    groups: int = 1):
    """A bottleneck: 1×1 → 3×3 (stride ``strides``, maybe grouped) → 1×1, plus the skip.

    With ``groups=1`` it is ResNet-50's bottleneck; with ``groups=32`` ResNeXt's.

    Layers: ``NAME.conv1``/``bn1``/``relu1`` (1×1, ``width``), ``NAME.conv2``/``bn2``/``relu2``
    (3×3, ``groups`` groups), ``NAME.conv3``/``bn3`` (1×1, ``filters``), [``NAME.skip_conv``,
    ``NAME.skip_bn``] when the size or channel count changes, ``NAME.add``, ``NAME.relu3``.

    Args:
        x: input tensor (N, H, W, C).
        width: channels of the inner (grouped) convolution; divisible by ``groups``.
        filters: output channels.
        strides: stride of the grouped convolution and of the skip convolution.
        name: the block name, e.g. ``"unit4"``.
        groups: groups of the 3×3 convolution (ResNeXt's cardinality).

    Returns:
        The unit's output (N, H/strides, W/strides, filters).
    """
    from keras import layers

    prefix = f"{name}."
    main = conv_bn_relu(x, width, 1, prefix=prefix, suffix="1")
    main = conv_bn_relu(main, width, 3, prefix=prefix, suffix="2", strides=strides,
                        groups=groups)
    main = conv_bn(main, filters, 1, prefix=prefix, suffix="3")
    skip = x
    if strides > 1 or x.shape[-1] != filters:
        skip = conv_bn(x, filters, 1, prefix=f"{name}.skip_", strides=strides)
    out = layers.Add(name=f"{name}.add")([main, skip])
    return layers.ReLU(name=f"{name}.relu3")(out)


def residual_stages(x, stages: Sequence[tuple[int, int]], *, first_unit: int = 1,
                    excite: Callable | None = None):
    """Stack :func:`residual_unit` stages, numbering the units ``unit1``, ``unit2``... on.

    The first unit of every stage after the first uses stride 2.

    Args:
        x: input tensor.
        stages: (filters, units) per stage, e.g. :data:`RESNET34_STAGES`.
        first_unit: number of the first unit.
        excite: passed to every :func:`residual_unit`.

    Returns:
        The output of the last unit.
    """
    number = first_unit
    for stage, (filters, units) in enumerate(stages):
        for i in range(units):
            strides = 2 if stage > 0 and i == 0 else 1
            x = residual_unit(x, filters, strides, f"unit{number}", excite=excite)
            number += 1
    return x


def classifier_head(x, num_classes: int, *, dropout: float = 0.0):
    """Global average pooling, optional dropout, and a softmax dense layer named ``output``.

    Layers: ``avg_pool``, [``dropout``], ``output``.

    Args:
        x: feature maps (N, H, W, C).
        num_classes: size of the softmax output.
        dropout: dropout rate before the dense layer; 0 adds no dropout layer.

    Returns:
        The class probabilities (N, num_classes).
    """
    from keras import layers

    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    if dropout:
        x = layers.Dropout(dropout, name="dropout")(x)
    return layers.Dense(num_classes, activation="softmax", name="output")(x)
