"""From a model's output to named, ranked classes — one path for the CLI and the window.

:func:`predict_image` prepares an image and runs it through the same one-pass probe the window
uses (:class:`~explorer.core.graph.probe.ActivationProbe`, outputs only); :func:`classify` turns
an output into probabilities (:func:`probabilities`) and the top-K (:func:`top_k`). Importing
this module imports no TensorFlow.

``resources/imagenet_class_index.json`` is a JSON list of ``[wnid, name]`` pairs whose position is
the class number (``[["n01440764", "tench"], ...]``), generated from Keras's own index by
``tools/make_imagenet_index.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from explorer.core.errors import ModelError
from explorer.core.pixels.images import LoadedImage
from explorer.core.pixels.preprocess import PreparedInput, prepare_input
from explorer.core.resources import load_json

IMAGENET_INDEX = "imagenet_class_index.json"


@dataclass(frozen=True)
class Prediction:
    """One ranked class.

    Attributes:
        index: class number (position in the output vector).
        label: class name, or ``"class N"`` when the model has no names.
        score: the model's output for that class (a probability after softmax).
    """

    index: int
    label: str
    score: float


def class_scores(output) -> np.ndarray:
    """One image's output as a float64 vector of class scores (a batch axis of 1 is dropped).

    Raises:
        ModelError: the output is not one non-empty vector (the model is not a classifier).
    """
    if isinstance(output, (list, tuple)):
        output = output[0]
    vec = np.asarray(output, dtype=np.float64)
    if vec.ndim >= 2 and vec.shape[0] == 1:
        vec = vec[0]
    if vec.ndim != 1 or vec.size == 0:
        raise ModelError("The model's output is not a vector of class scores",
                         "Top-K needs a classifier (one score per class); the feature maps "
                         "still work", expected="an array of shape (N,) or (1, N)",
                         received=f"shape {tuple(np.shape(output))}")
    return vec


def top_k(probs, k: int = 5, class_names: Sequence[str] | None = None) -> list[Prediction]:
    """The ``k`` highest-scoring classes, best first (ties keep the lower class number first).

    Args:
        probs: the output vector ``(N,)``, or ``(1, N)`` with a batch axis.
        k: how many to return (capped at N).
        class_names: names by class number; None labels them ``"class N"``.

    Returns:
        Up to ``k`` :class:`Prediction` objects.

    Raises:
        ModelError: ``probs`` is not one vector, or the names do not match its length.
    """
    scores = class_scores(probs)
    if class_names is not None and len(class_names) != scores.size:
        raise ModelError(
            "The class names do not match the model's outputs",
            "Use the class list the model was trained with",
            expected=f"{scores.size} names",
            received=f"{len(class_names)}",
        )
    k = max(0, min(int(k), scores.size))
    order = np.argsort(-scores, kind="stable")[:k]
    return [Prediction(int(i), class_names[i] if class_names is not None else f"class {i}",
                       float(scores[i])) for i in order]


def _imagenet_entries() -> list[list[str]]:
    return load_json(IMAGENET_INDEX)


def imagenet_class_names() -> list[str]:
    """The 1000 ImageNet class names in Keras's order (``tench``, ``goldfish``...)."""
    return [name for _, name in _imagenet_entries()]


def imagenet_wnids() -> list[str]:
    """The 1000 ImageNet WordNet ids in Keras's order (``n01440764``...)."""
    return [wnid for wnid, _ in _imagenet_entries()]

def prepare(loaded, image: LoadedImage, fit: str = "crop") -> PreparedInput:
    """Fit and preprocess ``image`` the way ``loaded`` (a ``LoadedModel``) takes it."""
    return prepare_input(image, loaded.spec, fit=fit)


def probabilities(output) -> np.ndarray:
    """A model's output for one image as a probability vector.

    Softmax outputs pass unchanged; logits (negative values, or not summing to 1) get a
    softmax; a single sigmoid unit becomes two classes (``1 − p``, ``p``).
    """
    vec = class_scores(output)
    if vec.size == 1:
        p = float(np.clip(vec[0], 0.0, 1.0))
        return np.array([1.0 - p, p])
    if vec.min() < 0 or abs(vec.sum() - 1.0) > 1e-3:
        z = np.exp(vec - vec.max())
        vec = z / z.sum()
    return vec


def classify(loaded, output, k: int = 5):
    """Top-``k`` predictions of one model output, named with the model's classes."""
    return top_k(probabilities(output), k, loaded.class_names)


def predict_image(loaded, image: LoadedImage, k: int = 5, fit: str = "crop", probe=None):
    """Prepare ``image``, run it once through the model, return (prepared, top-k predictions).

    Args:
        loaded: the ``LoadedModel``.
        image: the image.
        k: how many classes to return.
        fit: ``crop`` or ``resize`` to the model's input size.
        probe: the model's ``ActivationProbe`` (made when None; pass one to reuse its trace
            over several images).
    """
    if probe is None:
        # imported here: the probe imports TensorFlow, the rest of this module must not
        from explorer.core.graph.probe import ActivationProbe
        probe = ActivationProbe(loaded.model)
    prepared = prepare(loaded, image, fit)
    outputs = probe.predictions(probe.run(prepared.tensor, layers=[]))
    if isinstance(outputs, list):
        outputs = outputs[0]
    return prepared, classify(loaded, outputs, k)
