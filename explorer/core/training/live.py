"""A training run the window can watch: the CLI's recipes, epoch by epoch, with hooks.

:class:`LiveRun` trains what ``cnn-explorer train`` / ``finetune`` train (the same data sets,
:func:`explorer.core.training.fit.fit`, the recipes' defaults) one epoch at a time, calling
``on_batch`` after every batch and ``on_epoch`` after every epoch, so a caller can draw curves,
redraw kernels, pause (``on_batch`` may block) and cancel. The best epoch's weights (by
validation accuracy) are kept in memory; a cancelled or finished run ends with them.

Transfer learning is the seed's two phases: the ImageNet base frozen under a new head, then the
top ``unfreeze`` share of the base's layers trained at a ten times lower rate.

Everything runs under a ``tf.distribute`` strategy's scope: ``MirroredStrategy`` when the
machine has several GPUs, else the default strategy (:func:`choose_strategy`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from explorer.core.errors import Cancelled, ModelError
from explorer.core.training import datasets
from explorer.core.training import fit as train

STARTS = ("code", "bundled", "finetune")
"""Where a run starts: a model built from code (fresh weights), a bundled trained model
(continue training), or a ``keras.applications`` base (fine-tuning)."""
FINETUNE_RECIPE = dict(batch_size=16, augment="photos", optimizer="adam", learning_rate=1e-3)
"""The seed's transfer-learning recipe (what ``cnn-explorer finetune`` uses)."""
FINE_RATE_DIVISOR = 10.0


@dataclass(frozen=True)
class Plan:
    """What to train and how.

    Attributes:
        model: a zoo name (``fashion-cnn``) or, for ``finetune``, a pretrained name.
        data: a ``--data`` argument (:func:`explorer.core.training.datasets.resolve`).
        start: one of :data:`STARTS`.
        epochs: epochs (phase 1 when fine-tuning).
        fine_epochs: phase-2 epochs (fine-tuning only).
        unfreeze: share of the base's layers trained in phase 2.
        batch_size, optimizer, learning_rate, augment: None keeps the recipe's.
        val_fraction: share of the training split held out for validation.
        limit: use only this many training images (a random subset), None for all.
        seed: random seed (split, subset, initialisation).
    """

    model: str
    data: str
    start: str = "code"
    epochs: int = 2
    fine_epochs: int = 0
    unfreeze: float = 0.3
    batch_size: int | None = None
    optimizer: str | None = None
    learning_rate: float | None = None
    augment: str | None = "recipe"
    val_fraction: float = 1 / 12
    limit: int | None = None
    seed: int = 42


def recipe_for(model: str, start: str) -> dict:
    """The seed's defaults for ``model`` started as ``start`` (batch size, augmentation,
    optimiser, learning rate; None = the optimiser's own)."""
    from explorer.core.training.recipes import DEFAULT_RECIPE, RECIPES

    if start == "finetune":
        return dict(FINETUNE_RECIPE)
    return dict(RECIPES.get(model, DEFAULT_RECIPE))


@dataclass(frozen=True)
class Phase:
    """One phase of a run: its name (``train``, ``frozen``, ``fine``), epochs, learning rate
    and trainable parameters."""

    name: str
    epochs: int
    learning_rate: float | None
    trainable_params: int = 0


@dataclass(frozen=True)
class BatchEvent:
    """After one batch: ``step`` counts batches over the whole run (from 1); ``loss`` and
    ``accuracy`` are this batch's own (recovered from Keras's running means)."""

    step: int
    epoch: int
    batch: int
    batches: int
    loss: float
    accuracy: float
    phase: int
    images: int


@dataclass(frozen=True)
class EpochEvent:
    """After one epoch (counted over the whole run, from 1)."""

    epoch: int
    step: int
    loss: float
    accuracy: float
    val_loss: float
    val_accuracy: float
    phase: int
    best: bool


@dataclass
class RunResult:
    """What a run leaves: the best epoch (1-based, 0 when none ended), history, seconds."""

    cancelled: bool
    best_epoch: int
    best_val_accuracy: float
    history: list = field(default_factory=list)
    seconds: float = 0.0


def choose_strategy(kind: str = "auto"):
    """The ``tf.distribute`` strategy a run uses.

    Args:
        kind: ``auto`` (``MirroredStrategy`` over the GPUs when there are several, else the
            default strategy), ``default``, or ``mirrored`` (over every GPU, else every logical
            CPU device: how the tests exercise it).
    """
    import tensorflow as tf

    gpus = tf.config.list_logical_devices("GPU")
    if kind == "default" or (kind == "auto" and len(gpus) < 2):
        return tf.distribute.get_strategy()
    devices = [d.name for d in (gpus or tf.config.list_logical_devices("CPU"))]
    return tf.distribute.MirroredStrategy(devices)


def trainable_count(model) -> int:
    """Trainable parameters of ``model`` (shared weights once)."""
    return int(sum(np.prod(w.shape) for w in model.trainable_weights))


class LiveRun:
    """A prepared run: data loaded, model built under the strategy, phases planned.

    Args:
        plan: what to train.
        strategy: a ``tf.distribute`` strategy (None: :func:`choose_strategy`).
        download_progress, cancel: passed to the ImageNet weights' fetch when fine-tuning.
    """

    def __init__(self, plan: Plan, strategy=None, download_progress=None, cancel=None):
        import keras

        if plan.start not in STARTS:
            raise ModelError(f"Unknown start {plan.start!r}", f"Use one of {', '.join(STARTS)}")
        self.plan = plan
        self.strategy = strategy if strategy is not None else choose_strategy()
        self.recipe = recipe_for(plan.model, plan.start)
        for key in ("batch_size", "optimizer", "learning_rate"):
            if getattr(plan, key) is not None:
                self.recipe[key] = getattr(plan, key)
        if plan.augment != "recipe":
            self.recipe["augment"] = plan.augment
        keras.utils.set_random_seed(plan.seed)
        with self.strategy.scope():
            if plan.start == "finetune":
                self._prepare_finetune(download_progress, cancel)
            else:
                self._prepare_zoo()
        rng = np.random.default_rng(plan.seed)
        order = rng.permutation(len(self.y))
        if plan.limit is not None:
            order = order[:max(2, plan.limit)]
        n_val = max(1, int(len(order) * plan.val_fraction))
        self.val_index, self.train_index = order[:n_val], order[n_val:]
        replicas = self.strategy.num_replicas_in_sync
        if replicas > 1:  # every batch splits evenly over the replicas (Keras needs it)
            self.val_index = self.val_index[:max(replicas, len(self.val_index) // replicas
                                                 * replicas)]
            self.train_index = self.train_index[:len(self.train_index) // replicas * replicas]
            self.recipe["batch_size"] = -(-self.recipe["batch_size"] // replicas) * replicas
        self.batches = int(np.ceil(len(self.train_index) / self.recipe["batch_size"]))
        rate = self.recipe["learning_rate"]
        if plan.start == "finetune":
            fine_rate = (rate or 1e-3) / FINE_RATE_DIVISOR
            self.phases = [Phase("frozen", plan.epochs, rate, trainable_count(self.model))]
            if plan.fine_epochs > 0:
                self.phases.append(Phase("fine", plan.fine_epochs, fine_rate))
        else:
            self.phases = [Phase("train", plan.epochs, rate, trainable_count(self.model))]
        self.best_weights = None
        self.best_epoch, self.best_val = 0, -1.0
        self.history: list[dict] = []

    # ------------------------------------------------------------------ preparation
    def _prepare_zoo(self) -> None:
        from explorer.core.models import code, zoo
        from explorer.core.training.recipes import model_input

        name = self.plan.model
        if name not in zoo.MODULES:
            raise ModelError(f"{name!r} is not a trainable architecture",
                             f"Use one of: {', '.join(zoo.MODULES)}")
        info = zoo.info(name)
        self.split = datasets.resolve(self.plan.data, "train", size=info.input_shape[:2],
                                      channels=info.input_shape[2])
        self.x, self.y = model_input(name, self.split), self.split.labels
        if self.plan.start == "bundled":
            from explorer.core.models.files import load_model_file

            path = code.bundled_path(name)
            if not path.exists():
                raise ModelError(f"{info.title} has no bundled trained weights",
                                 "Start from the code-built model instead")
            self.model = load_model_file(path).model
        else:
            self.model = zoo.build(name, num_classes=len(self.split.class_names))
        self.spec = zoo.input_spec(name)
        self.base = None

    def _prepare_finetune(self, download_progress, cancel) -> None:
        import keras

        from explorer.core.models.applications import get_spec
        from explorer.core.pixels.preprocess import InputSpec, Preprocessing, scale_pixels
        from explorer.core.training.finetune import base_without_top

        if not 0.0 <= self.plan.unfreeze <= 1.0:
            raise ModelError("The unfrozen share must be between 0 and 1",
                             received=str(self.plan.unfreeze))
        spec = get_spec(self.plan.model)
        self.split = datasets.load_image_folder(self.plan.data, spec.input_shape[:2], 3)
        prep = Preprocessing(mode=spec.preprocessing)
        self.x = np.stack([scale_pixels(img, prep) for img in self.split.images])
        self.x = self.x.astype(np.float32)
        self.y = self.split.labels
        self.base = base_without_top(spec, download_progress, cancel)
        self.base.trainable = False
        inputs = keras.Input(spec.input_shape, name="image")
        pooled = keras.layers.GlobalAveragePooling2D(name="avg_pool")(
            self.base(inputs, training=False))
        outputs = keras.layers.Dense(len(self.split.class_names), activation="softmax",
                                     name="predictions")(pooled)
        self.model = keras.Model(inputs, outputs, name=f"{spec.name}_finetuned")
        self.spec = InputSpec(spec.input_shape[0], spec.input_shape[1], 3, prep)
        self.pretrained = spec

    def _unfreeze(self) -> int:
        self.base.trainable = True
        cut = int(round(len(self.base.layers) * (1.0 - self.plan.unfreeze)))
        for layer in self.base.layers[:cut]:
            layer.trainable = False
        self.unfrozen_layers = len(self.base.layers) - cut
        return trainable_count(self.model)

    @property
    def total_epochs(self) -> int:
        """Epochs over every phase."""
        return sum(p.epochs for p in self.phases)

    @property
    def total_steps(self) -> int:
        """Batches over every phase."""
        return self.total_epochs * self.batches

    # ------------------------------------------------------------------ training
    def run(self, on_batch: Callable[[BatchEvent], None] | None = None,
            on_epoch: Callable[[EpochEvent], None] | None = None,
            on_phase: Callable[[int, Phase], None] | None = None,
            cancel: Callable[[], bool] | None = None) -> RunResult:
        """Train every phase; end with the best epoch's weights.

        Args:
            on_batch: after every batch (on the training thread; may block to pause).
            on_epoch: after every epoch.
            on_phase: when a phase starts, with its index and :class:`Phase` (its
                trainable-parameter count filled in).
            cancel: polled per batch; True stops the run (the best weights are kept).
        """
        x, y = self.x, self.y
        tr, val = self.train_index, self.val_index
        batch_size = self.recipe["batch_size"]
        last_size = len(tr) - (self.batches - 1) * batch_size
        counters = {"step": 0, "epoch": 0, "prev": (0.0, 0.0)}
        start, cancelled = time.perf_counter(), False

        def report(phase_index: int):
            def progress(p: train.TrainProgress) -> None:
                if p.val_loss is not None:
                    return  # the epoch's end: handled after fit returns
                size = batch_size if p.batch < p.batches else last_size
                seen = (p.batch - 1) * batch_size + size  # Keras weighs its means by images
                loss_sum, acc_sum = counters["prev"]
                loss = (p.loss * seen - loss_sum) / size
                acc = (p.accuracy * seen - acc_sum) / size
                counters["prev"] = (p.loss * seen, p.accuracy * seen)
                counters["step"] += 1
                if on_batch is not None:
                    on_batch(BatchEvent(counters["step"], counters["epoch"] + 1, p.batch,
                                        p.batches, float(loss), float(acc), phase_index,
                                        size))
            return progress

        try:
            for index, phase in enumerate(self.phases):
                if index > 0:
                    phase = Phase(phase.name, phase.epochs, phase.learning_rate,
                                  self._unfreeze())
                    self.phases[index] = phase
                if on_phase is not None:
                    on_phase(index, phase)
                fit_args = dict(self.recipe, learning_rate=phase.learning_rate)
                for epoch in range(phase.epochs):
                    counters["prev"] = (0.0, 0.0)
                    with self.strategy.scope():
                        res = train.fit(self.model, x[tr], y[tr], epochs=1,
                                        validation=(x[val], y[val]), compile=(epoch == 0),
                                        progress=report(index), cancel=cancel, **fit_args)
                    counters["epoch"] += 1
                    row = {k: v[-1] for k, v in res.history.items()}
                    self.history.append(row)
                    best = row["val_accuracy"] > self.best_val
                    if best:
                        self.best_val, self.best_epoch = row["val_accuracy"], counters["epoch"]
                        self.best_weights = self.model.get_weights()
                    if on_epoch is not None:
                        on_epoch(EpochEvent(counters["epoch"], counters["step"], row["loss"],
                                            row["accuracy"], row["val_loss"],
                                            row["val_accuracy"], index, best))
        except Cancelled:
            cancelled = True
        if self.best_weights is not None:
            self.model.set_weights(self.best_weights)
        return RunResult(cancelled, self.best_epoch, self.best_val, list(self.history),
                         time.perf_counter() - start)

    def learning_rate(self) -> float | None:
        """The optimiser's current learning rate (None before the first compile)."""
        import keras

        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is None:
            return None
        return float(keras.ops.convert_to_numpy(optimizer.learning_rate))

    # ------------------------------------------------------------------ the result
    def card(self, result: RunResult, out: Path) -> dict:
        """The model card of the trained model, in the format of the bundled models' cards
        (``cnn-explorer train``) or of ``cnn-explorer finetune``'s."""
        import platform

        common = {
            "data": self.split.source, "train_examples": int(len(self.train_index)),
            "validation_examples": int(len(self.val_index)),
            "epochs": self.plan.epochs, "recipe": self.recipe, "history": result.history,
            "best_epoch": result.best_epoch,
            "best_validation_accuracy": round(result.best_val_accuracy, 4),
            "cancelled": result.cancelled,
            "training_seconds": round(result.seconds, 1),
            "machine": f"{platform.machine()}, {platform.processor() or 'CPU'}",
            "class_names": list(self.split.class_names),
            "trained_in": "the cnn-explorer window",
        }
        if self.plan.start == "finetune":
            return {"name": out.stem, "base": self.pretrained.name,
                    "preprocess": self.pretrained.preprocessing,
                    "fine_epochs": self.plan.fine_epochs,
                    "unfrozen_layers": getattr(self, "unfrozen_layers", 0),
                    "phases": [p.__dict__ for p in self.phases], **common}
        from explorer.core.models import zoo

        info = zoo.info(self.plan.model)
        return {"name": self.plan.model, "title": info.title,
                "architecture": info.description,
                "resumed_from": "bundled" if self.plan.start == "bundled" else None,
                "input": {"shape": list(info.input_shape), "pad_to": info.pad_to,
                          "scale": "x / 255"}, **common}

    def save(self, result: RunResult, out: str | Path) -> tuple[Path, Path]:
        """Write the model (``.keras``) and its card beside it; returns both paths."""
        from explorer.core.models.files import card_path

        out = Path(out)
        if out.suffix != ".keras":
            out = out.with_suffix(".keras")
        out.parent.mkdir(parents=True, exist_ok=True)
        self.model.save(out)
        card = card_path(out)
        train.write_model_card(card, self.card(result, out))
        return out, card
