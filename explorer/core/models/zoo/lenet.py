"""LeNet-5 (LeCun et al., 1998) as the seed's table gives it."""

from __future__ import annotations

from explorer.core.models.zoo.base import ZooInfo

DIGIT_CLASSES = tuple(str(i) for i in range(10))

INFO = ZooInfo(
    name="lenet5",
    title="LeNet-5",
    input_shape=(32, 32, 1),
    description=("LeNet-5: 28×28 digits zero-padded to 32×32; C1 conv 6@5×5 tanh → S2 average "
                 "pool → C3 conv 16@5×5 → S4 average pool → C5 conv 120@5×5 → F6 dense 84 tanh "
                 "→ 10 outputs. The original's RBF output units are replaced by a softmax, and "
                 "its trainable sub-sampling and C3 connection table by plain average pooling "
                 "and full connections, as in the seed."),
    fit_size=(28, 28),
    pad_to=(32, 32),
    invert="auto",
    class_names=DIGIT_CLASSES,
)


def build(num_classes: int = 10, input_shape=(32, 32, 1)):
    """Build the untrained LeNet-5.

    Args:
        num_classes: size of the softmax output.
        input_shape: (H, W, C); 32×32×1 in the original.

    Returns:
        A functional ``keras.Model`` named ``lenet5``.
    """
    import keras
    from keras import layers

    inputs = keras.Input(input_shape, name="image")
    x = layers.Conv2D(6, 5, activation="tanh", name="C1")(inputs)
    x = layers.AveragePooling2D(2, strides=2, name="S2")(x)
    x = layers.Activation("tanh", name="S2_tanh")(x)
    x = layers.Conv2D(16, 5, activation="tanh", name="C3")(x)
    x = layers.AveragePooling2D(2, strides=2, name="S4")(x)
    x = layers.Activation("tanh", name="S4_tanh")(x)
    x = layers.Conv2D(120, 5, activation="tanh", name="C5")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(84, activation="tanh", name="F6")(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="output")(x)
    return keras.Model(inputs, outputs, name="lenet5")
