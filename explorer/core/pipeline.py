"""One image through one model: prepare, run, decode — shared by the CLI and the worker."""

from __future__ import annotations

import numpy as np

from explorer.core.errors import ModelError
from explorer.core.images import LoadedImage
from explorer.core.preprocess import PreparedInput, prepare_input


def prepare(loaded, image: LoadedImage, fit: str = "crop") -> PreparedInput:
    """Fit and preprocess ``image`` the way ``loaded`` (a ``LoadedModel``) takes it."""
    return prepare_input(image, loaded.spec, fit=fit)


def probabilities(output) -> np.ndarray:
    """A model's output for one image as a probability vector.

    Softmax outputs pass unchanged; logits (negative values, or not summing to 1) get a
    softmax; a single sigmoid unit becomes two classes (``1 − p``, ``p``).
    """
    if isinstance(output, (list, tuple)):
        output = output[0]
    vec = np.asarray(output, dtype=np.float64)
    if vec.ndim >= 2 and vec.shape[0] == 1:
        vec = vec[0]
    if vec.ndim != 1:
        raise ModelError("The model's output is not a vector of class scores",
                         "Top-K needs a classifier; the feature maps still work",
                         expected="(classes,)", received=str(vec.shape))
    if vec.size == 1:
        p = float(np.clip(vec[0], 0.0, 1.0))
        return np.array([1.0 - p, p])
    if vec.min() < 0 or abs(vec.sum() - 1.0) > 1e-3:
        z = np.exp(vec - vec.max())
        vec = z / z.sum()
    return vec


def classify(loaded, output, k: int = 5):
    """Top-``k`` predictions of one model output, named with the model's classes."""
    from explorer.core.predict import top_k

    return top_k(probabilities(output), k, loaded.class_names)


def predict_image(loaded, image: LoadedImage, k: int = 5, fit: str = "crop"):
    """Prepare ``image``, run ``loaded.model`` once, return (prepared, top-k predictions)."""
    import keras

    prepared = prepare(loaded, image, fit)
    # feed the tensor in the structure the model was built with ([x] or {"name": x}), else
    # Keras warns on stderr that the structure does not match
    feed = keras.tree.pack_sequence_as(loaded.model.input, [prepared.tensor])
    output = loaded.model(feed, training=False)
    if isinstance(output, (list, tuple)):
        output = output[0]
    return prepared, classify(loaded, np.asarray(output), k)
