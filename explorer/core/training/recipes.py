"""Whole training jobs by catalogue name: what ``cnn-explorer train`` and ``evaluate`` run."""

from __future__ import annotations

import platform
import time
from pathlib import Path

import numpy as np

from explorer.core.errors import ModelError
from explorer.core.models import zoo
from explorer.core.training import datasets
from explorer.core.training import fit as train

#: per-architecture training recipe (what the bundled models were trained with)
RECIPES = {
    "fashion-cnn": dict(batch_size=128, augment=None, optimizer="nadam", learning_rate=None),
    "lenet5": dict(batch_size=32, augment="digits", optimizer="adam", learning_rate=1e-3),
    "alexnet": dict(batch_size=64, augment="alexnet", optimizer="nadam", learning_rate=None),
}
DEFAULT_RECIPE = dict(batch_size=64, augment=None, optimizer="nadam", learning_rate=None)


def model_input(name: str, split: datasets.DataSplit) -> np.ndarray:
    """Images of a split prepared the way the zoo model ``name`` takes them."""
    info = zoo.info(name)
    return train.to_model_input(split.images, pad_to=info.pad_to)


def train_named(name: str, data: str, *, epochs: int, out: Path, val_fraction: float = 1 / 12,
                progress=None, cancel=None, on_epoch=None, seed: int = 42,
                resume: Path | None = None, learning_rate: float | None = None) -> dict:
    """Train a zoo model on a data set, keep the best epoch by validation accuracy, save it.

    Args:
        name: a zoo catalogue name (``fashion-cnn``, ``lenet5``, …).
        data: a ``--data`` argument (see :func:`explorer.core.training.datasets.resolve`).
        epochs: number of epochs.
        out: the ``.keras`` file to write.
        val_fraction: share of the training split held out for validation.
        progress: per-batch/epoch callback (:class:`~explorer.core.training.fit.TrainProgress`).
        cancel: polled per batch.
        on_epoch: called with (epoch, val_accuracy, saved: bool) after each epoch.
        seed: random seed for the split and initialisation.
        resume: a ``.keras`` file of the same architecture to continue training from.
        learning_rate: overrides the recipe's learning rate.

    Returns:
        A model-card dict (data, epochs, time, validation accuracy, class names, input recipe).
    """
    import keras

    if name not in zoo.MODULES:
        raise ModelError(f"{name!r} is not a trainable architecture",
                         f"Use one of: {', '.join(zoo.MODULES)}")
    info = zoo.info(name)
    keras.utils.set_random_seed(seed)
    split = datasets.resolve(data, "train", size=info.input_shape[:2],
                             channels=info.input_shape[2])
    x, y = model_input(name, split), split.labels
    order = np.random.default_rng(seed).permutation(len(y))
    n_val = max(1, int(len(y) * val_fraction))
    val, tr = order[:n_val], order[n_val:]
    if resume is not None:
        from explorer.core.models.files import load_model_file
        model = load_model_file(Path(resume)).model
        if model.input_shape[1:] != info.input_shape:
            raise ModelError(f"{Path(resume).name} is not a {info.title}",
                             f"Resume from a file trained with `cnn-explorer train {name}`",
                             expected=str(info.input_shape), received=str(model.input_shape[1:]))
    else:
        model = zoo.build(name, num_classes=len(split.class_names))
    recipe = dict(RECIPES.get(name, DEFAULT_RECIPE))
    if learning_rate is not None:
        recipe["learning_rate"] = learning_rate
    best, start, history = -1.0, time.perf_counter(), []
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    for epoch in range(epochs):
        res = train.fit(model, x[tr], y[tr], epochs=1, validation=(x[val], y[val]),
                        compile=(epoch == 0), progress=_shift(progress, epoch, epochs),
                        cancel=cancel, **recipe)
        acc = res.history["val_accuracy"][-1]
        history.append({k: v[-1] for k, v in res.history.items()})
        saved = acc > best
        if saved:
            best = acc
            model.save(out)
        if on_epoch:
            on_epoch(epoch + 1, acc, saved)
    return {
        "name": name,
        "title": info.title,
        "architecture": info.description,
        "data": split.source,
        "train_examples": int(len(tr)),
        "validation_examples": int(n_val),
        "epochs": epochs,
        "recipe": recipe,
        "resumed_from": str(resume) if resume else None,
        "training_seconds": round(time.perf_counter() - start, 1),
        "machine": f"{platform.machine()}, {platform.processor() or 'CPU'}",
        "best_validation_accuracy": round(best, 4),
        "history": history,
        "class_names": list(split.class_names),
        "input": {"shape": list(info.input_shape), "pad_to": info.pad_to, "scale": "x / 255",
                  "colours": "light object on a dark background (photos are inverted)"},
    }


def _shift(progress, epoch: int, epochs: int):
    if progress is None:
        return None

    def report(p: train.TrainProgress):
        progress(train.TrainProgress(epoch + 1, epochs, p.batch, p.batches, p.loss, p.accuracy,
                                     p.val_loss, p.val_accuracy, p.seconds))
    return report


def evaluate_model(model, name: str | None, data: str) -> train.EvalResult:
    """Evaluate a loaded model on the test split of ``data``."""
    shape = tuple(model.input_shape[1:])
    split = datasets.resolve(data, "test", size=shape[:2], channels=shape[2])
    if name in zoo.MODULES:
        x = model_input(name, split)
    else:
        pad = shape[:2] if shape[:2] != split.images.shape[1:3] else None
        x = train.to_model_input(split.images, pad_to=pad)
    return train.evaluate(model, x, split.labels, source=split.source)
