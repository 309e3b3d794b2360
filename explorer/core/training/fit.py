"""Training and evaluation with progress and cancel callbacks (the CLI and the window share it).

Slow work is a plain function that reports through ``progress`` and polls ``cancel``, so it can
be unit-tested without threads and run on the worker thread unchanged.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from explorer.core.errors import Cancelled, DataError


@dataclass(frozen=True)
class TrainProgress:
    """One report from a running fit: a batch (``batch`` set) or an epoch end (``val_*`` set)."""

    epoch: int
    epochs: int
    batch: int
    batches: int
    loss: float
    accuracy: float
    val_loss: float | None = None
    val_accuracy: float | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class TrainResult:
    """What a finished fit leaves behind."""

    history: dict = field(default_factory=dict)
    seconds: float = 0.0
    epochs_run: int = 0


@dataclass(frozen=True)
class EvalResult:
    """Accuracy and loss of a model on a split."""

    loss: float
    accuracy: float
    count: int
    source: str


def to_model_input(images: np.ndarray, *, pad_to: tuple[int, int] | None = None,
                   scale: float = 1 / 255.0) -> np.ndarray:
    """uint8 ``(N, H, W, C)`` images → float32 model input (zero padding, then rescale).

    Args:
        images: the data set's images (light object on dark, as MNIST stores them).
        pad_to: (H, W) to zero-pad to, centred (LeNet-5 pads 28×28 to 32×32).
        scale: multiplier applied after padding.
    """
    x = images.astype(np.float32) * np.float32(scale)
    if pad_to is not None:
        ph, pw = pad_to[0] - x.shape[1], pad_to[1] - x.shape[2]
        if ph < 0 or pw < 0:
            raise DataError("Images are larger than the padding target",
                            expected=f"at most {pad_to}", received=str(x.shape[1:3]))
        x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    return x


def _check_fits(model, x: np.ndarray, labels: np.ndarray) -> None:
    want = tuple(model.input_shape[1:])
    got = tuple(x.shape[1:])
    if any(w is not None and w != g for w, g in zip(want, got)) or len(want) != len(got):
        raise DataError("The data does not fit the model's input",
                        "Pick the data set the model was built for",
                        expected=str(want), received=str(got))
    classes = model.output_shape[-1]
    if labels.size and int(labels.max()) >= classes:
        raise DataError("The data has more classes than the model outputs",
                        expected=f"labels below {classes}", received=f"label {labels.max()}")


def _callback(progress, cancel, epochs: int, batches: int):
    import keras

    class _Report(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.epoch, self.start = epoch, time.perf_counter()

        def on_train_batch_end(self, batch, logs=None):
            if cancel is not None and cancel():
                self.model.stop_training = True
                self.cancelled = True
            if progress is not None:
                logs = logs or {}
                progress(TrainProgress(self.epoch + 1, epochs, batch + 1, batches,
                                       float(logs.get("loss", np.nan)),
                                       float(logs.get("accuracy", np.nan))))

        def on_epoch_end(self, epoch, logs=None):
            if progress is not None:
                logs = logs or {}
                progress(TrainProgress(epoch + 1, epochs, batches, batches,
                                       float(logs.get("loss", np.nan)),
                                       float(logs.get("accuracy", np.nan)),
                                       logs.get("val_loss"), logs.get("val_accuracy"),
                                       time.perf_counter() - self.start))

    cb = _Report()
    cb.cancelled = False
    return cb


def augmenter(kind: str | None, seed: int | None = None):
    """The seed's augmentation as a Keras pipeline: ``digits`` (shift/rotate/zoom),
    ``photos`` (flip, rotation, contrast) or ``alexnet`` (flip, shifts of up to 1/8); None for
    none. ``seed`` fixes the rolls (the
    window's preview re-rolls with a new one)."""
    if kind is None:
        return None
    import keras
    from keras import layers

    if kind == "digits":
        parts = [layers.RandomRotation(0.04, fill_mode="constant", seed=seed),
                 layers.RandomTranslation(0.1, 0.1, fill_mode="constant", seed=seed),
                 layers.RandomZoom(0.1, fill_mode="constant", seed=seed)]
    elif kind == "photos":
        parts = [layers.RandomFlip("horizontal", seed=seed),
                 layers.RandomRotation(0.05, seed=seed), layers.RandomContrast(0.2, seed=seed)]
    elif kind == "alexnet":
        # Krizhevsky et al. 2012: 224×224 patches cut anywhere from 256×256 images (shifts of
        # up to 32/256 of the side) and their horizontal reflections
        parts = [layers.RandomFlip("horizontal", seed=seed),
                 layers.RandomTranslation(0.125, 0.125, fill_mode="reflect", seed=seed)]
    else:
        raise ValueError(f"unknown augmentation {kind!r}")
    return keras.Sequential(parts, name=f"augment_{kind}")


def fit(model, x: np.ndarray, y: np.ndarray, *, epochs: int, batch_size: int = 64,
        validation: tuple[np.ndarray, np.ndarray] | None = None, augment: str | None = None,
        learning_rate: float | None = None, optimizer: str = "nadam", compile: bool = True,
        progress: Callable[[TrainProgress], None] | None = None,
        cancel: Callable[[], bool] | None = None) -> TrainResult:
    """Train ``model`` on float inputs ``x`` and integer labels ``y``.

    Args:
        model: a Keras classifier ending in softmax.
        x: model-ready inputs.
        y: class indices.
        epochs: passes over the data.
        batch_size: examples per step.
        validation: optional (x, y) evaluated after each epoch.
        augment: ``digits``, ``photos`` or None (applied on the fly, training only).
        learning_rate: optimizer learning rate (None: the optimizer's default).
        optimizer: a Keras optimizer name.
        compile: compile the model first (False keeps the current compilation).
        progress: called with :class:`TrainProgress` after each batch and epoch.
        cancel: polled after each batch; True stops training and raises :class:`Cancelled`.

    Returns:
        A :class:`TrainResult`.
    """
    import keras
    import tensorflow as tf

    _check_fits(model, x, y)
    if compile:
        opt = keras.optimizers.get(optimizer)
        if learning_rate is not None:
            opt.learning_rate = learning_rate
        model.compile(optimizer=opt, loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
    data = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=0).batch(batch_size)
    aug = augmenter(augment)
    if aug is not None:
        data = data.map(lambda a, b: (aug(a, training=True), b),
                        num_parallel_calls=tf.data.AUTOTUNE)
    data = data.prefetch(tf.data.AUTOTUNE)
    batches = int(np.ceil(len(x) / batch_size))
    cb = _callback(progress, cancel, epochs, batches)
    start = time.perf_counter()
    hist = model.fit(data, epochs=epochs, validation_data=validation, callbacks=[cb], verbose=0,
                     shuffle=False)  # the dataset is already shuffled
    if cb.cancelled:
        raise Cancelled("Training cancelled", "The model keeps the weights of the last batch")
    history = {k: [float(v) for v in vals] for k, vals in hist.history.items()}
    return TrainResult(history, time.perf_counter() - start, len(history.get("loss", [])))


def evaluate(model, x: np.ndarray, y: np.ndarray, *, batch_size: int = 256,
             source: str = "") -> EvalResult:
    """Accuracy and mean cross-entropy of ``model`` on (x, y), computed in numpy."""
    _check_fits(model, x, y)
    probs = model.predict(x, batch_size=batch_size, verbose=0)
    picked = np.clip(probs[np.arange(len(y)), y], 1e-12, 1.0)
    return EvalResult(float(-np.log(picked).mean()), float((probs.argmax(1) == y).mean()),
                      int(len(y)), source)


def write_model_card(path: Path, card: dict) -> None:
    """Write a model card (JSON) next to a model file."""
    path.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def progress_line(p: TrainProgress, width: int = 30) -> str:
    """A one-line text progress bar for a terminal."""
    done = int(width * p.batch / max(p.batches, 1))
    bar = "█" * done + "·" * (width - done)
    line = (f"epoch {p.epoch}/{p.epochs} {bar} {p.batch}/{p.batches} "
            f"loss {p.loss:.4f} acc {p.accuracy:.4f}")
    if p.val_accuracy is not None:
        line += f" val_loss {p.val_loss:.4f} val_acc {p.val_accuracy:.4f} ({p.seconds:.0f} s)"
    return line


