"""The model files people actually have, built here (issue 20): Keras 3 Sequential files, a
Flatten-first (28, 28) model, a (784,) MLP, Keras 2 files written by ``tf_keras`` (Sequential,
functional, nested, a Teachable-Machine-shaped export with ``labels.txt``), and a model that
starts with a ``Rescaling`` layer.

Each entry is ``name -> (path, how it is fed)`` where the feed is the preprocessing mode the
app must choose for it and the input layout.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

KINDS = ["k3_sequential_inputlayer.h5", "k3_sequential_input_shape.h5",
         "k3_sequential_inputlayer.keras", "k3_sequential_input_shape.keras",
         "flatten_first.keras", "mlp784.h5", "leading_rescaling.keras", "k2_sequential.h5",
         "k2_functional.h5", "k2_nested.h5", "keras_model.h5"]
"""Every kind, by file name."""
FEEDS = {name: ((28, 28, 1), (1, 28, 28, 1)) for name in KINDS if name.startswith("k3_")}
FEEDS.update({"flatten_first.keras": ((28, 28, 1), (1, 28, 28)),
              "mlp784.h5": ((28, 28, 1), (1, 784)),
              "leading_rescaling.keras": ((32, 32, 3), (1, 32, 32, 3)),
              "k2_sequential.h5": ((28, 28, 1), (1, 28, 28, 1)),
              "k2_functional.h5": ((32, 32, 3), (1, 32, 32, 3)),
              "k2_nested.h5": ((32, 32, 3), (1, 32, 32, 3)),
              "keras_model.h5": ((224, 224, 3), (1, 224, 224, 3))})
"""Each kind's test image (H, W, C) and the tensor shape its input layer takes."""
SCALE = {"rescale": lambda x: x / 255.0, "tf": lambda x: x / 127.5 - 1.0, "none": lambda x: x}
"""Each preprocessing mode's formula, written here from its definition."""


def _keras3_files(folder: Path) -> dict:
    import keras
    from keras import layers

    keras.utils.set_random_seed(3)
    made = {}

    def small_cnn(with_input_layer: bool):
        head = [layers.InputLayer(shape=(28, 28, 1))] if with_input_layer else []
        first = layers.Conv2D(4, 3, activation="relu", name="conv",
                              **({} if with_input_layer else {"input_shape": (28, 28, 1)}))
        return keras.Sequential([*head, first, layers.MaxPooling2D(name="pool"),
                                 layers.Flatten(name="flat"),
                                 layers.Dense(10, activation="softmax", name="out")])

    for suffix in (".h5", ".keras"):
        for style, with_input in (("inputlayer", True), ("input_shape", False)):
            name = f"k3_sequential_{style}{suffix}"
            small_cnn(with_input).save(folder / name)
            made[name] = (folder / name, "rescale", "image")
    flatten_first = keras.Sequential([layers.Flatten(input_shape=(28, 28), name="flatten"),
                                      layers.Dense(16, activation="relu", name="hidden"),
                                      layers.Dense(10, activation="softmax", name="out")])
    flatten_first.save(folder / "flatten_first.keras")
    made["flatten_first.keras"] = (folder / "flatten_first.keras", "rescale", "grey2d")
    inputs = keras.Input((784,), name="pixels")
    hidden = layers.Dense(32, activation="relu", name="hidden")(inputs)
    mlp = keras.Model(inputs, layers.Dense(10, activation="softmax", name="out")(hidden))
    mlp.save(folder / "mlp784.h5")
    made["mlp784.h5"] = (folder / "mlp784.h5", "rescale", "flat")
    inputs = keras.Input((32, 32, 3), name="image")
    x = layers.Rescaling(1 / 255, name="rescale")(inputs)
    x = layers.Conv2D(4, 3, activation="relu", name="conv")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    rescaling = keras.Model(inputs, layers.Dense(3, activation="softmax", name="out")(x))
    rescaling.save(folder / "leading_rescaling.keras")
    made["leading_rescaling.keras"] = (folder / "leading_rescaling.keras", "none", "image")
    return made


def _keras2_files(folder: Path) -> dict:
    import tf_keras
    from tf_keras import layers

    tf_keras.utils.set_random_seed(5)
    made = {}
    seq = tf_keras.Sequential([layers.Conv2D(4, 3, activation="relu", input_shape=(28, 28, 1),
                                             name="conv"),
                               layers.BatchNormalization(name="bn"),
                               layers.MaxPooling2D(name="pool"), layers.Flatten(name="flat"),
                               layers.Dense(10, activation="softmax", name="out")],
                              name="k2_sequential")
    _fresh_batchnorm(seq)
    seq.save(folder / "k2_sequential.h5")
    made["k2_sequential.h5"] = (folder / "k2_sequential.h5", "rescale", "image")

    inputs = tf_keras.Input((32, 32, 3), name="image")
    x = layers.Conv2D(8, 3, padding="same", activation="relu", name="conv1")(inputs)
    y = layers.DepthwiseConv2D(3, padding="same", name="dw")(x)
    y = layers.BatchNormalization(name="bn")(y)
    x = layers.Add(name="add")([x, layers.ReLU(6.0, name="relu6")(y)])
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    functional = tf_keras.Model(inputs, layers.Dense(4, activation="softmax", name="out")(x),
                                name="k2_functional")
    _fresh_batchnorm(functional)
    functional.save(folder / "k2_functional.h5")
    made["k2_functional.h5"] = (folder / "k2_functional.h5", "rescale", "image")

    base = tf_keras.Model(inputs, x, name="k2_base")
    nested = tf_keras.Sequential([base, layers.Dense(6, activation="relu", name="hidden"),
                                  layers.Dense(3, activation="softmax", name="out")],
                                 name="k2_nested")
    nested.build((None, 32, 32, 3))
    nested.save(folder / "k2_nested.h5")
    made["k2_nested.h5"] = (folder / "k2_nested.h5", "rescale", "image")

    made["keras_model.h5"] = (teachable_machine_export(folder / "teachable"), "tf", "image")
    return made


def teachable_machine_export(folder: Path) -> Path:
    """A Teachable Machine image export: ``keras_model.h5`` (a Sequential holding a
    MobileNetV2 base in a Sequential, then a Sequential head) and ``labels.txt``."""
    import tf_keras
    from tf_keras import layers

    folder.mkdir(parents=True, exist_ok=True)
    mobilenet = tf_keras.applications.MobileNetV2(input_shape=(224, 224, 3), alpha=0.35,
                                                  include_top=False, weights=None)
    features = tf_keras.Sequential([mobilenet, layers.GlobalAveragePooling2D()],
                                   name="sequential_1")
    head = tf_keras.Sequential([layers.Dense(100, activation="relu", name="dense_Dense1"),
                                layers.Dense(3, activation="softmax", name="dense_Dense2")],
                               name="sequential_3")
    model = tf_keras.Sequential([features, head], name="sequential_4")
    model.build((None, 224, 224, 3))
    _fresh_batchnorm(model)
    model.save(folder / "keras_model.h5")
    (folder / "labels.txt").write_text("0 Rock\n1 Paper\n2 Scissors\n", encoding="utf-8")
    return folder / "keras_model.h5"


def _fresh_batchnorm(model) -> None:
    """Give batch norms non-trivial statistics, so a wrong copy would show in the outputs."""
    rng = np.random.default_rng(11)
    for layer in _leaves(model):
        if type(layer).__name__ == "BatchNormalization":
            gamma, beta, mean, var = layer.get_weights()
            layer.set_weights([rng.uniform(0.5, 1.5, gamma.shape), rng.normal(0, 0.1, beta.shape),
                               rng.normal(0, 0.1, mean.shape), rng.uniform(0.5, 2, var.shape)])


def _leaves(model):
    for layer in model.layers:
        if hasattr(layer, "layers"):
            yield from _leaves(layer)
        else:
            yield layer


def build_model_kinds(folder: Path) -> dict:
    """Write every kind of file into ``folder``; ``name -> (path, mode, layout)``."""
    folder.mkdir(parents=True, exist_ok=True)
    return {**_keras3_files(folder), **_keras2_files(folder)}


# --------------------------------------------------------------------------- the oracle
def original_model(path):
    """The model as its own Keras loads it (the oracle)."""
    if path.name.startswith("k2_") or path.name == "keras_model.h5":  # written by tf_keras
        import tf_keras
        return tf_keras.models.load_model(path, compile=False)
    import keras
    return keras.models.load_model(path, compile=False)


def probe_image(tmp_path, shape, seed=0):
    """A PNG of exactly the model's size: grey for one channel, else RGB; and its pixels."""
    h, w, c = shape
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, (h, w) if c == 1 else (h, w, 3), dtype=np.uint8)
    path = tmp_path / f"probe_{h}x{w}x{c}_seed{seed}.png"
    Image.fromarray(pixels).save(path)
    return path, pixels.astype(np.float64)


def expected_output(path, pixels, mode, input_shape):
    """The original model's output for ``pixels`` scaled by ``mode`` and shaped as it wants."""
    x = SCALE[mode](pixels).reshape((1,) + tuple(input_shape[1:])).astype(np.float32)
    return np.asarray(original_model(path)(x, training=False), np.float64)[0]


SHAPES = {"image": lambda s: tuple(s[1:]), "grey2d": lambda s: (s[1], s[2], 1),
          "flat": lambda s: (28, 28, 1)}
