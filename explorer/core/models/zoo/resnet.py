"""ResNet-34 (He et al., 2015) as the seed builds it, one layer per conv, BN and ReLU."""

from __future__ import annotations

from explorer.core.models.zoo.base import ZooInfo

INFO = ZooInfo(
    name="resnet34",
    title="ResNet-34",
    input_shape=(224, 224, 3),
    description=("ResNet-34: a 7×7/2 conv 64 stem with batch norm and ReLU, a 3×3/2 max pool, "
                 "then 16 residual units (3×3 conv + BN + ReLU, 3×3 conv + BN, added to the "
                 "input — through a 1×1/2 conv + BN where the unit halves the size — then ReLU) "
                 "in stages of 64×3, 128×4, 256×6 and 512×3 filters (56 → 28 → 14 → 7), global "
                 "average pooling and a softmax. Untrained; 10 outputs by default (the seed's "
                 "class count), named class 0–9: no data set is implied."),
)


def build(num_classes: int = 10, input_shape=(224, 224, 3)):
    """Build the untrained ResNet-34.

    Args:
        num_classes: size of the softmax output.
        input_shape: (H, W, C); 224×224×3 in the original.

    Returns:
        A functional ``keras.Model`` named ``resnet34``.

    Raises:
        ModelError: when ``num_classes`` or ``input_shape`` is unusable.
    """
    import keras

    from explorer.core.models.zoo import blocks

    shape = blocks.check_build_args(INFO.title, num_classes, input_shape)
    inputs = keras.Input(shape, name="image")
    x = blocks.resnet_stem(inputs)
    x = blocks.residual_stages(x, blocks.RESNET34_STAGES)
    outputs = blocks.classifier_head(x, num_classes)
    return keras.Model(inputs, outputs, name="resnet34")
