"""Top-K predictions with class names, and the bundled ImageNet class index.

``resources/imagenet_class_index.json`` is a JSON list of ``[wnid, name]`` pairs whose position is
the class number (``[["n01440764", "tench"], ...]``), generated from Keras's own index by
``tools/make_imagenet_index.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from explorer.core.errors import ModelError
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
    scores = np.asarray(probs)
    if scores.ndim == 2 and scores.shape[0] == 1:
        scores = scores[0]
    if scores.ndim != 1 or scores.size == 0:
        raise ModelError(
            "The model's output is not a vector of class scores",
            "Pick a model whose last layer outputs one score per class",
            expected="an array of shape (N,) or (1, N)",
            received=f"shape {tuple(np.shape(probs))}",
        )
    if class_names is not None and len(class_names) != scores.size:
        raise ModelError(
            "The class names do not match the model's outputs",
            "Use the class list the model was trained with",
            expected=f"{scores.size} names",
            received=f"{len(class_names)}",
        )
    k = max(0, min(int(k), scores.size))
    order = np.argsort(-scores.astype(np.float64), kind="stable")[:k]
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
