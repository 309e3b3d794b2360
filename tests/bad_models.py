"""Generate a corpus of bad and odd model files for robustness tests.

Used by the CLI (and GUI) robustness tests::

    from bad_models import make_bad_models          # tests/ is on sys.path under pytest
    cases = make_bad_models(tmp_path)
    for case, (path, expected) in cases.items():    # expected: "ok", "error" or "unsafe"
        ...

or from a shell, to look at the files: ``python tests/bad_models.py OUT_DIR`` (prints JSON).

``expected`` is

- ``"ok"``: the app opens it, predicts and shows activations;
- ``"error"``: opening it must raise ``ModelError`` (the CLI: one line on stderr, exit 2);
- ``"unsafe"``: it holds code (a ``Lambda`` layer): refused with ``UnsafeModelError`` in safe
  mode, opened when the user allows unsafe loading.

Every model is built here, tiny (a few hundred weights), with fixed seeds; nothing is copied
from anywhere. Building them takes Keras and a few seconds, so build once per test session.
"""

from __future__ import annotations

import io
import json
import os
import sys
import warnings
import zipfile
from pathlib import Path

CASE_NAMES = (
    "plain_cnn", "random_bytes_keras", "truncated_keras", "random_bytes_h5", "truncated_h5",
    "zip_without_model", "text_renamed_keras", "custom_layer_h5", "custom_layer_keras",
    "lambda_keras", "lambda_h5", "two_inputs", "no_conv", "conv1d_input", "four_channels",
    "unbuilt_sequential", "directory_named_keras", "missing", "wrong_suffix",
)
"""Every case :func:`make_bad_models` writes, in a stable order."""

#: the input every small grey model here takes
IMAGE_SHAPE = (28, 28, 1)
#: the class names written to ``plain_cnn``'s model card (``plain_cnn.json``)
PLAIN_CLASSES = ("red", "green", "blue")


def _unknown_layer_class():
    """A custom layer that is deliberately NOT registered with Keras.

    Saving works (Keras writes its class name and ``get_config()``), but no loader can find
    the class again, so loading the file must fail with "unknown layer".
    """
    import keras

    class Doubler(keras.layers.Layer):
        def call(self, x):
            return x * 2.0

    Doubler.__name__ = Doubler.__qualname__ = "CnnExplorerTestDoubler"
    return Doubler


def _small_cnn(extra=None, input_shape=IMAGE_SHAPE):
    """Conv 4@3×3 → [extra layer] → global pool → Dense 3 softmax on 28×28×1."""
    import keras
    from keras import layers

    inputs = keras.Input(input_shape, name="image")
    x = layers.Conv2D(4, 3, activation="relu", name="conv")(inputs)
    if extra is not None:
        x = extra(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = layers.Dense(3, activation="softmax", name="output")(x)
    return keras.Model(inputs, outputs, name="small_cnn")


def make_bad_models(directory: str | os.PathLike) -> dict[str, tuple[Path, str]]:
    """Write the corpus into ``directory`` (created if needed).

    Args:
        directory: where to write; existing files with the same names are replaced.

    Returns:
        ``{case_name: (path, expected)}`` in :data:`CASE_NAMES` order, ``expected`` being
        ``"ok"``, ``"error"`` or ``"unsafe"`` (see the module docstring). ``plain_cnn`` is a
        working 24×24×3 model with a card naming its classes :data:`PLAIN_CLASSES`.
    """
    import keras
    import numpy as np
    from keras import layers

    keras.utils.set_random_seed(7)
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    cases: dict[str, tuple[Path, str]] = {}

    def save(case: str, model, filename: str, expected: str) -> Path:
        path = out / filename
        model.save(path)
        cases[case] = (path, expected)
        return path

    def put(case: str, filename: str, data: bytes, expected: str = "error") -> Path:
        path = out / filename
        path.write_bytes(data)
        cases[case] = (path, expected)
        return path

    save("plain_cnn", _small_cnn(input_shape=(24, 24, 3)), "plain_cnn.keras", "ok")
    (out / "plain_cnn.json").write_text(json.dumps({"class_names": list(PLAIN_CLASSES)}))
    # damaged files: random bytes, real files cut in half, a zip without a model, plain text
    whole = {}
    for suffix in (".keras", ".h5"):
        real = out / f"real{suffix}"
        _small_cnn().save(real)
        whole[suffix] = real.read_bytes()
        real.unlink()
    put("random_bytes_keras", "random.keras", rng.integers(0, 256, 4096, np.uint8).tobytes())
    put("truncated_keras", "truncated.keras", whole[".keras"][: len(whole[".keras"]) // 2])
    put("random_bytes_h5", "random.h5", rng.integers(0, 256, 4096, np.uint8).tobytes())
    put("truncated_h5", "truncated.h5", whole[".h5"][: len(whole[".h5"]) // 2])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "a zip archive, but no Keras model inside")
    put("zip_without_model", "not_a_model.keras", archive.getvalue())
    put("text_renamed_keras", "notes.keras", b"Remember to buy milk.\n" * 30)

    doubler = _unknown_layer_class()
    save("custom_layer_h5", _small_cnn(doubler(name="double")), "custom_layer.h5", "error")
    save("custom_layer_keras", _small_cnn(doubler(name="double")), "custom_layer.keras",
         "error")
    save("lambda_keras", _small_cnn(layers.Lambda(lambda t: t * 0.5, name="halve")),
         "lambda.keras", "unsafe")
    save("lambda_h5", _small_cnn(layers.Lambda(lambda t: t * 0.5, name="halve")),
         "lambda.h5", "unsafe")

    left, right = keras.Input(IMAGE_SHAPE, name="left"), keras.Input(IMAGE_SHAPE, name="right")
    joined = layers.Concatenate(name="join")([left, right])
    pooled = layers.GlobalAveragePooling2D(name="gap")(layers.Conv2D(2, 3, name="conv")(joined))
    save("two_inputs", keras.Model([left, right], layers.Dense(3, name="output")(pooled),
                                   name="two_inputs"), "two_inputs.keras", "error")

    flat_in = keras.Input(IMAGE_SHAPE, name="image")
    hidden = layers.Dense(8, activation="relu", name="hidden")(layers.Flatten(name="flat")(flat_in))
    save("no_conv", keras.Model(flat_in, layers.Dense(10, activation="softmax",
                                                      name="output")(hidden), name="no_conv"),
         "no_conv.keras", "ok")

    seq_in = keras.Input((100, 1), name="signal")
    seq = layers.GlobalAveragePooling1D(name="gap")(layers.Conv1D(4, 5, name="conv")(seq_in))
    save("conv1d_input", keras.Model(seq_in, layers.Dense(3, name="output")(seq),
                                     name="conv1d"), "conv1d.keras", "error")

    rgba_in = keras.Input((28, 28, 4), name="image")
    rgba = layers.GlobalAveragePooling2D(name="gap")(layers.Conv2D(2, 3, name="conv")(rgba_in))
    save("four_channels", keras.Model(rgba_in, layers.Dense(3, name="output")(rgba),
                                      name="four_channels"), "four_channels.keras", "error")

    unbuilt = keras.Sequential([layers.Conv2D(2, 3), layers.Flatten(), layers.Dense(3)],
                               name="unbuilt")
    with warnings.catch_warnings():  # "saving a model that has not yet been built"
        warnings.simplefilter("ignore")
        save("unbuilt_sequential", unbuilt, "unbuilt.keras", "error")

    folder = out / "folder.keras"
    folder.mkdir(exist_ok=True)
    cases["directory_named_keras"] = (folder, "error")
    cases["missing"] = (out / "does_not_exist.keras", "error")
    put("wrong_suffix", "model.txt", b"not a model")
    return {name: cases[name] for name in CASE_NAMES}


#: (what happened, how to fix it) patterns of every error case, shared by the CLI and window tests
ERROR_MESSAGES = {
    "random_bytes_keras": (r"damaged or not a Keras 3 model", r"Save the model again"),
    "truncated_keras": (r"damaged or not a Keras 3 model", r"Save the model again"),
    "random_bytes_h5": (r"damaged or not an HDF5 model", r"Save the model again"),
    "truncated_h5": (r"could not be loaded: .*truncated file", r"complete Keras model"),
    "zip_without_model": (r"could not be loaded: .*config\.json", r"complete Keras model"),
    "text_renamed_keras": (r"damaged or not a Keras 3 model", r"Save the model again"),
    "custom_layer_h5": (r"needs the custom layer 'CnnExplorerTestDoubler'",
                        r"Re-save the model without custom layers"),
    "custom_layer_keras": (r"could not be rebuilt", r"Re-save the model with standard Keras"),
    "two_inputs": (r"has 2 inputs", r"Open a model with a single image input"),
    "conv1d_input": (r"does not take images", r"Open a model whose input is \(height, width"),
    "four_channels": (r"not a grey or colour image", r"Open a model that takes grey"),
    "unbuilt_sequential": (r"no input shape", r"save it again"),
    "directory_named_keras": (r"is a folder, not a model file", r"Pick a \.keras or \.h5 file"),
    "missing": (r"There is no file", r"Check the path"),
    "wrong_suffix": (r"not a Keras model file", r"Pick a \.keras or \.h5"),
}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/bad_models.py OUT_DIR")
    made = make_bad_models(sys.argv[1])
    print(json.dumps({k: [str(p), e] for k, (p, e) in made.items()}, indent=2))
