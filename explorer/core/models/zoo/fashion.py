"""The seed's Fashion-MNIST CNN (Géron, *Hands-On ML*, chapter 14)."""

from __future__ import annotations

from explorer.core.models.zoo.base import ZooInfo

FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")

INFO = ZooInfo(
    name="fashion-cnn",
    title="Fashion-MNIST CNN",
    input_shape=(28, 28, 1),
    description=("The seed's Fashion-MNIST classifier: Conv 64 7×7 → max pool → 2× Conv 128 → "
                 "max pool → 2× Conv 256 → max pool → Dense 128 → Dense 64 → 10 classes, with "
                 "dropout 0.5. Takes a 28×28 grey image, light garment on black."),
    invert="auto",
    class_names=FASHION_CLASSES,
)


def build(num_classes: int = 10, input_shape=(28, 28, 1)):
    """Build the untrained Fashion-MNIST CNN.

    Args:
        num_classes: size of the softmax output.
        input_shape: (H, W, C) of one image.

    Returns:
        A functional ``keras.Model`` named ``fashion_cnn``.
    """
    import keras
    from keras import layers

    def conv(filters, size, name):
        return layers.Conv2D(filters, size, padding="same", activation="relu",
                             kernel_initializer="he_normal", name=name)

    inputs = keras.Input(input_shape, name="image")
    x = conv(64, 7, "conv1")(inputs)
    x = layers.MaxPooling2D(2, name="pool1")(x)
    x = conv(128, 3, "conv2a")(x)
    x = conv(128, 3, "conv2b")(x)
    x = layers.MaxPooling2D(2, name="pool2")(x)
    x = conv(256, 3, "conv3a")(x)
    x = conv(256, 3, "conv3b")(x)
    x = layers.MaxPooling2D(2, name="pool3")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(128, activation="relu", kernel_initializer="he_normal", name="fc1")(x)
    x = layers.Dropout(0.5, name="drop1")(x)
    x = layers.Dense(64, activation="relu", kernel_initializer="he_normal", name="fc2")(x)
    x = layers.Dropout(0.5, name="drop2")(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name="fashion_cnn")
