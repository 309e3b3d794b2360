"""The activation budget's messages: the window sets the budget and asks for the layers an
incomplete :class:`~explorer.worker.messages.InferenceResult` lacks (``core.budget``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from explorer.worker.messages import ImageEntry, ModelRequest, Request


@dataclass(frozen=True)
class SetBudget(Request):
    """The most bytes of activations the worker may hold for one image and cache in all.

    Args:
        bytes: the budget (``core.budget.budget_from_setting`` of the user's setting).
    """

    replay: ClassVar[bool] = True  # a new engine gets it again

    bytes: int


@dataclass(frozen=True)
class CaptureLayers(ModelRequest):
    """The window of layers around ``around`` for ``image`` (a model over the budget).

    Args:
        model_name: the model the window expects to be current.
        image: the image whose activations are wanted.
        around: the layer the user selected; the window reaches further forward than back.
    """

    coalesce: ClassVar[bool] = True

    image: ImageEntry
    around: str


@dataclass(frozen=True)
class LayersCaptured:
    """Layer outputs captured by a :class:`CaptureLayers` request.

    Args:
        request_id: id of the request.
        model_name: the model.
        image_key: the image's key.
        around: the layer asked for.
        activations: key -> read-only array (batch axis dropped), the model's outputs included;
            a plain dict.
        seconds: the forward pass's time (0 when from the cache).
    """

    request_id: int
    model_name: str
    image_key: str
    around: str
    activations: dict[str, np.ndarray]
    seconds: float = 0.0
