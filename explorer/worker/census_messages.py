"""The dataset census's requests and result (beside :mod:`explorer.worker.messages`, same rules:
frozen dataclasses of plain values, no Qt, no TensorFlow)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from explorer.worker.messages import ModelRequest, Request


@dataclass(frozen=True)
class RunCensus(ModelRequest):
    """Run a data set through the current model once and keep per-channel statistics
    (``core.census``); progress as it goes, cancellable, resumable.

    Args:
        model_name: the model the window expects to be current.
        data: ``fashion-mnist``, ``mnist``, an IDX folder, a digits CSV or an image folder.
        folder: where the results go.
        split: ``train`` or ``test``.
        layers: layer paths (empty: every layer with per-channel outputs).
        top: images kept per channel.
        limit: only the first ``limit`` images (None: all).
        resume: go on from the state saved in ``folder`` when it is this census's.
        batch_size: images per step (None: sized to the model's activations).
    """

    cancel_grace_s: ClassVar[float] = 30.0  # it saves what it has done on a cancel

    data: str = "fashion-mnist"
    folder: str = ""
    split: str = "test"
    layers: tuple[str, ...] = ()
    top: int = 9
    limit: int | None = None
    resume: bool = False
    batch_size: int | None = None


@dataclass(frozen=True)
class OpenCensus(Request):
    """Reopen a census folder (no recomputing).

    Args:
        folder: a folder written by ``cnn-explorer census`` or the Census view.
    """

    folder: str


@dataclass(frozen=True)
class CensusThumbnails(ModelRequest):
    """Make sure ``thumbnails/`` of a census holds these images (for a confusion cell), made
    from the census's data set as the current model takes it.

    Args:
        model_name: the model the window expects to be current (the census's).
        folder: the census folder.
        indices: data-set indices.
    """

    folder: str = ""
    indices: tuple[int, ...] = ()


@dataclass(frozen=True)
class CensusResult:
    """A census, complete or stopped part-way (``data.complete``).

    Args:
        data: the ``core.census.results.CensusData``.
        cancelled: the run was stopped by the user (what was done is kept and saved).
        request_id: the request it answers.
    """

    data: Any
    cancelled: bool = False
    request_id: int = 0


@dataclass(frozen=True)
class ThumbnailsReady:
    """Thumbnail files now exist for these indices (``folder/thumbnails/<index>.png``)."""

    folder: str
    indices: tuple[int, ...]
    request_id: int = 0
