"""What crosses between the Training window and its worker: requests in, results out.

Beside :mod:`explorer.worker.messages` (same rules: frozen dataclasses of plain values and
read-only arrays, no Qt, no TensorFlow). A running :class:`TrainModel` is steered through its
:class:`~explorer.worker.training_control.TrainingControl` (pause, the probe image and layer,
an augmentation preview), the one mutable, thread-safe object a request carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from explorer.worker.messages import Request


# --------------------------------------------------------------------------- requests
@dataclass(frozen=True)
class TrainModel(Request):
    """Train a model in the window (``core.training.live``).

    Args:
        model: a zoo name, or a pretrained name when ``start == "finetune"``.
        data: a data set (``fashion-mnist``, ``mnist``, an IDX folder, a class-folder tree).
        start: ``code``, ``bundled`` or ``finetune``.
        epochs, fine_epochs, unfreeze, batch_size, optimizer, learning_rate, val_fraction,
        limit: the plan (``core.training.live.Plan``; None keeps the recipe's).
        redraw_every: kernels and probe feature maps are redrawn every this many batches.
        control: pause/probe/preview channel of the run (compared by identity).
        strategy: ``auto``, ``default`` or ``mirrored`` (``core.training.live.choose_strategy``).
    """

    cancel_grace_s: ClassVar[float] = 10.0  # it stops at the next batch, keeping the model

    model: str
    data: str
    start: str = "code"
    epochs: int = 2
    fine_epochs: int = 0
    unfreeze: float = 0.3
    batch_size: int | None = None
    optimizer: str | None = None
    learning_rate: float | None = None
    val_fraction: float = 1 / 12
    limit: int | None = None
    redraw_every: int = 10
    control: Any = field(default=None, compare=False, repr=False)
    strategy: str = "auto"


@dataclass(frozen=True)
class AugmentPreview(Request):
    """Apply a seed augmentation (``photos``: flip, rotation 0.05, contrast 0.2; ``digits``:
    rotation, shifts, zoom) to an image ``count`` times.

    Args:
        image: a ``core.pixels.images.LoadedImage``.
        kind: ``photos`` or ``digits``.
        count: samples to draw.
        seed: the roll (a new seed is a new set of samples).
        size: side the image is fitted to first (centre crop).
    """

    image: Any
    kind: str = "photos"
    count: int = 8
    seed: int = 0
    size: int = 160


@dataclass(frozen=True)
class SaveTrained(Request):
    """Save the last run's model (best weights) as ``path`` with its model card."""

    path: str


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class TrainingStarted:
    """The run is prepared: what the window needs to draw it.

    Args:
        title: the model's title, e.g. ``"Fashion-MNIST CNN"``.
        data: where the data came from.
        train_examples, validation_examples: the split.
        batches: batches per epoch.
        epochs: epochs over every phase.
        phases: ``(name, epochs, learning_rate or None)`` per phase.
        layers: ``(path, type)`` of the layers whose maps can be probed.
        kernel_layer: the first convolution's path ("" when none).
        probe_layer: the layer probed at first.
        recipe: batch size, augmentation, optimiser, learning rate in use.
        class_names: the data set's classes.
    """

    request_id: int
    title: str
    data: str
    train_examples: int
    validation_examples: int
    batches: int
    epochs: int
    phases: tuple
    layers: tuple
    kernel_layer: str
    probe_layer: str
    recipe: Any
    class_names: tuple


@dataclass(frozen=True)
class TrainingUpdate:
    """What happened since the last update (published at most every few hundred ms).

    Args:
        steps, losses, accuracies: the batches' run-wide step numbers and their own loss and
            accuracy (float arrays, read-only).
        epochs: ``(epoch, step, val_loss, val_accuracy, best)`` of epochs that ended.
        phase: ``(index, name, trainable_params, step)`` when a phase began, else None.
        kernels: the first convolution's ``KernelSet`` now, or None.
        probe_layer, probe_maps: the probe image's ``(H, W, C)`` activation of that layer.
        probe_version: which probe (image, layer) the maps are of.
        learning_rate: the optimiser's rate now.
        images_per_s: training throughput (pauses left out), 0 before it is known.
        eta_s: seconds left (None before it is known).
        epoch, batch: where the run is.
        paused: the run waits.
        preview: an :class:`AugmentationResult` asked for during the run, or None.
    """

    request_id: int
    steps: np.ndarray
    losses: np.ndarray
    accuracies: np.ndarray
    epochs: tuple = ()
    phase: tuple | None = None
    kernels: Any = None
    probe_layer: str = ""
    probe_maps: np.ndarray | None = None
    probe_version: int = 0
    learning_rate: float | None = None
    images_per_s: float = 0.0
    eta_s: float | None = None
    epoch: int = 0
    batch: int = 0
    paused: bool = False
    preview: Any = None


@dataclass(frozen=True)
class TrainingFinished:
    """The run ended (all epochs, or cancelled): the model now holds the best epoch's weights.

    Args:
        cancelled: stopped before the last epoch.
        best_epoch: 1-based (0 when no epoch ended).
        best_val_accuracy: its validation accuracy.
        history: one dict per epoch (loss, accuracy, val_loss, val_accuracy).
        seconds: training time.
        images_per_s: throughput over the run (pauses left out).
        probe_probabilities: the final model's class probabilities for the probe image.
    """

    request_id: int
    cancelled: bool
    best_epoch: int
    best_val_accuracy: float
    history: tuple
    seconds: float
    images_per_s: float
    probe_probabilities: np.ndarray | None = None


@dataclass(frozen=True)
class AugmentationResult:
    """``images``: ``(count, size, size, 3)`` uint8 samples of one augmentation."""

    request_id: int
    kind: str
    seed: int
    images: np.ndarray


@dataclass(frozen=True)
class TrainedSaved:
    """The trained model was written to ``path``, its card to ``card``."""

    request_id: int
    path: str
    card: str


@dataclass(frozen=True)
class GetRecipe(Request):
    """The seed's defaults for ``model`` started as ``start`` (the form shows them)."""

    model: str
    start: str = "code"


@dataclass(frozen=True)
class RecipeInfo:
    """``recipe``: batch size, augmentation, optimiser, learning rate (None: the optimiser's
    default) for ``model`` started as ``start``."""

    request_id: int
    model: str
    start: str
    recipe: Any
