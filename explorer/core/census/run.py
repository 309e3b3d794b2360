"""A dataset census: every image of a data set through the model once, statistics kept per layer
and channel (:mod:`explorer.core.census.stats`), results written to a folder
(:mod:`explorer.core.census.results`).

The images stream through ``tf.data`` (``from_generator`` over :meth:`Source.batches`, which
applies the model's preprocessing, then ``prefetch``), and each batch's layer outputs are reduced
inside the same ``tf.function`` as the forward pass, so only ``(B, C)`` arrays per layer leave
TensorFlow: memory stays flat whatever the data set's size. The step runs under a
``tf.distribute`` strategy — the default one on one device, ``MirroredStrategy`` when several
GPUs are visible (:func:`pick_strategy`) — and the per-replica results are gathered in order.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import tensorflow as tf

from explorer.core.census import results
from explorer.core.census.sources import Source
from explorer.core.census.stats import (
    SATURATION_TOLERANCE,
    BatchReduction,
    ChannelStats,
    ClassTally,
)
from explorer.core.errors import ExplorerError
from explorer.core.graph.model_graph import ModelGraph
from explorer.core.graph.probe import ActivationProbe, output_key
from explorer.core.graph.receptive import reaches, unit_boxes

#: bounded activations: (low, high) outputs count as saturated near
BOUNDS = {"sigmoid": (0.0, 1.0), "hard_sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0),
          "relu6": (None, 6.0), "softmax": (None, 1.0), "hard_silu": None}
CHECKPOINT_SECONDS = 30.0
#: activations one batch may hold at once (all planned layers, float32) when the batch size is
#: left to the census; the batch is at most MAX_BATCH and at least one image
BATCH_BYTES = 512 * 2**20
MAX_BATCH = 256
#: traced steps per model graph, so that a second census of the same model does not trace again
_STEPS: "weakref.WeakKeyDictionary[ModelGraph, dict]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class LayerPlan:
    """One layer the census keeps statistics for."""

    path: str
    key: str
    shape: tuple[int, ...]
    channels: int
    positions: int
    bounds: tuple[float | None, float | None] | None
    activation: str


def activation_of(op) -> str:
    """The name of the function a layer ends in (``relu``, ``sigmoid``, ``linear``…)."""
    name = type(op).__name__
    if name == "ReLU":
        return "relu6" if getattr(op, "max_value", None) == 6 else "relu"
    if name == "Softmax":
        return "softmax"
    fn = getattr(op, "activation", None)
    if fn is None:
        return name.lower() if name in ("Activation",) else ""
    return getattr(fn, "__name__", str(fn))


def plan_layers(graph: ModelGraph, layers: list[str] | None = None) -> list[LayerPlan]:
    """The layers to census: every non-input layer whose first output is ``(B, …, C)`` with
    known sizes (or those named), in execution order.

    Raises:
        ExplorerError: a named layer has no such output.
    """
    wanted = None if not layers else {graph.find(name).path for name in layers}
    plans = []
    for step in graph.steps:
        if step.is_input or (wanted is not None and step.path not in wanted):
            continue
        shape = tuple(step.outputs[0].shape[1:])
        usable = 1 <= len(shape) <= 4 and all(v is not None for v in shape)
        if not usable:
            if wanted is not None:
                raise ExplorerError(f"The layer '{step.path}' has no per-channel output of a "
                                    "fixed size", "Pick a convolution, pooling or dense layer",
                                    received=str(shape))
            continue
        act = activation_of(step.op)
        positions = int(np.prod(shape[:-1])) if len(shape) > 1 else 1
        plans.append(LayerPlan(step.path, output_key(step.path, 0), shape, int(shape[-1]),
                               positions, BOUNDS.get(act), act))
    return plans


def _reduce(x, bounds):
    x = tf.cast(x, tf.float32)
    flat = tf.reshape(x, [tf.shape(x)[0], -1, x.shape[-1]])
    peak = tf.reduce_max(flat, 1)
    # where the maximum is: TensorFlow's CPU kernel keeps the first of equal values, as numpy
    # does (a min over the positions equal to the maximum was exact on any device, and cost
    # ResNet50 a third more time)
    where = tf.argmax(flat, 1, output_type=tf.int32)
    zeros = tf.shape(flat, out_type=tf.int32)[1] - tf.math.count_nonzero(flat, 1,
                                                                         dtype=tf.int32)
    if bounds is None:
        saturated = tf.zeros_like(zeros)
    else:
        lo, hi = bounds
        hit = tf.zeros_like(flat, tf.bool)
        if lo is not None:
            hit |= flat <= lo + SATURATION_TOLERANCE
        if hi is not None:
            hit |= flat >= hi - SATURATION_TOLERANCE
        saturated = tf.reduce_sum(tf.cast(hit, tf.int32), 1)
    return tf.reduce_sum(flat, 1), peak, where, zeros, saturated


def auto_batch(plans: list[LayerPlan]) -> int:
    """Images per step so that one batch's planned activations stay within
    :data:`BATCH_BYTES` (float32), between 1 and :data:`MAX_BATCH`."""
    per_image = 4 * sum(p.positions * p.channels for p in plans) or 1
    return max(1, min(MAX_BATCH, BATCH_BYTES // per_image))


def pick_strategy() -> tf.distribute.Strategy:
    """``MirroredStrategy`` over every GPU when there are several, else the default strategy."""
    gpus = tf.config.list_logical_devices("GPU")
    if len(gpus) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


class Census:
    """One census of ``source`` through a loaded model, resumable from its folder.

    Args:
        loaded: the ``LoadedModel``.
        graph: its :class:`ModelGraph`.
        source: the images.
        folder: where results (and the state to resume from) are written.
        layers: layer names or paths (None: every usable layer).
        top: images kept per channel.
        batch_size: images per step (split across replicas under a strategy); None: as many
            as fit :data:`BATCH_BYTES` of activations (256 for the Fashion CNN, 3 for
            ResNet50), see :func:`auto_batch`.
        strategy: a ``tf.distribute`` strategy (None: :func:`pick_strategy`).
        config: what identifies this census (model, weights, data, split, limit); a saved
            state is resumed only when it matches.
        probe: the model's ``ActivationProbe`` when the caller has one (the worker's), so
            its traced functions serve the census too; else one is made.
    """

    def __init__(self, loaded, graph: ModelGraph, source: Source, folder: Path, *,
                 layers: list[str] | None = None, top: int = 9, batch_size: int | None = None,
                 strategy: tf.distribute.Strategy | None = None, config: dict | None = None,
                 probe: ActivationProbe | None = None):
        if top < 1:
            raise ExplorerError("--top must be at least 1", received=str(top))
        if batch_size is not None and batch_size < 1:
            raise ExplorerError("The batch size must be at least 1", received=str(batch_size))
        self.loaded, self.graph, self.source, self.folder = loaded, graph, source, Path(folder)
        self.plans = plan_layers(graph, layers)
        self.top = int(top)
        self.batch_size = int(batch_size) if batch_size else auto_batch(self.plans)
        self.strategy = strategy or pick_strategy()
        self.probe = probe if probe is not None else ActivationProbe(graph)
        out_shape = tuple(graph.outputs[0].shape[1:]) if len(graph.outputs) == 1 else ()
        self.classifier = len(out_shape) == 1 and (out_shape[0] or 0) >= 2
        self.labelled = self.classifier and source.labels is not None
        if self.labelled and int(source.labels.max()) >= out_shape[0]:
            raise ExplorerError("The data has more classes than the model outputs",
                                "Pick the data set the model was built for",
                                expected=f"labels below {out_shape[0]}",
                                received=f"label {int(source.labels.max())}")
        self.config = dict(config or {}) | {
            "layers": [p.path for p in self.plans], "top": self.top,
            "count": source.count, "data_description": source.description}
        self.stats = {p.path: ChannelStats(p.channels, p.positions, self.top)
                      for p in self.plans}
        self.tally = ClassTally(out_shape[0], source.count) if self.labelled else None
        self.done = 0
        self.seconds = 0.0
        self._step = None

    # ----------------------------------------------------------------- resume
    def resume(self) -> bool:
        """Load the saved state from :attr:`folder` when it is this census's; True if loaded."""
        state = results.read_state(self.folder)
        if state is None or state.config != self.config:
            return False
        self.stats = {p.path: ChannelStats.from_state(state.arrays, f"layer/{p.path}")
                      for p in self.plans}
        if self.labelled:
            self.tally = ClassTally.from_state(state.arrays)
        self.done, self.seconds = state.done, state.seconds
        return True

    # ----------------------------------------------------------------- the step
    def _cached_step(self):
        key = (tuple(p.key for p in self.plans), id(self.strategy), self.classifier)
        steps = _STEPS.setdefault(self.graph, {})
        if key not in steps:
            with self.strategy.scope():
                steps[key] = self._build_step()
        return steps[key]

    def _build_step(self):
        fn = self.probe.function([p.path for p in self.plans])
        plans, out_key = self.plans, self.probe.output_paths[0]
        strategy = self.strategy

        def replica(x, index):
            outputs = fn([x])
            reduced = [_reduce(outputs[p.key], p.bounds) for p in plans]
            scores = tf.cast(outputs[out_key], tf.float32) if self.classifier else tf.zeros(
                [tf.shape(x)[0], 0])
            return reduced, scores, index

        @tf.function
        def step(x, index):
            per_replica = strategy.run(replica, args=(x, index))
            return tf.nest.map_structure(lambda t: strategy.gather(t, axis=0), per_replica)

        return step

    def _dataset(self):
        spec = tuple(self.probe.graph.inputs[0].shape[1:])
        signature = (tf.TensorSpec((None,) + spec, tf.float32),
                     tf.TensorSpec((None,), tf.int64))
        start, size = self.done, self.batch_size

        def batches():  # every batch full (one trace): the last is padded, its index -1
            for x, index in self.source.batches(start, size):
                short = size - len(index)
                if short:
                    x = np.concatenate([x, np.zeros((short,) + x.shape[1:], x.dtype)])
                    index = np.concatenate([index, np.full(short, -1, np.int64)])
                yield x, index

        data = tf.data.Dataset.from_generator(batches, output_signature=signature)
        data = data.prefetch(2)
        options = tf.data.Options()
        options.experimental_distribute.auto_shard_policy = (
            tf.data.experimental.AutoShardPolicy.OFF)
        return self.strategy.experimental_distribute_dataset(data.with_options(options))

    def _fold(self, reduced, scores, index) -> None:
        index = np.asarray(index)
        keep = index >= 0
        index = index[keep]
        for plan, parts in zip(self.plans, reduced):
            total, peak, where, zeros, saturated = (np.asarray(v)[keep] for v in parts)
            self.stats[plan.path].add(BatchReduction(total.astype(np.float64), peak, where,
                                                     zeros, saturated, plan.positions), index)
        if self.tally is not None:
            self.tally.add(np.asarray(scores)[keep], self.source.labels[index], index)
        self.done += len(index)

    # ----------------------------------------------------------------- running
    def run(self, progress: Callable[[int, int, float], None] | None = None,
            cancel: Callable[[], bool] | None = None) -> "results.CensusData":
        """Go through the images from where the census stands; returns what is done (complete
        or not: a cancel keeps the images done so far, written to the folder to resume)."""
        if self._step is None:
            self._step = self._cached_step()
        started, last_save, done_before = time.perf_counter(), time.perf_counter(), self.done
        seconds_before = self.seconds
        cancelled = False
        if self.done < self.source.count:
            for x, index in self._dataset():
                self._fold(*self._step(x, index))
                now = time.perf_counter()
                self.seconds = seconds_before + now - started
                if progress is not None:
                    rate = (self.done - done_before) / max(now - started, 1e-9)
                    progress(self.done, self.source.count, rate)
                if cancel is not None and cancel():
                    cancelled = True
                    break
                if now - last_save > CHECKPOINT_SECONDS:
                    results.write(self, complete=False, summary=False)
                    last_save = now
        return self.save(complete=not cancelled and self.done >= self.source.count)

    # ----------------------------------------------------------------- writing
    def boxes(self) -> dict[str, np.ndarray]:
        """For each spatial layer, the input box ``(k, C, 4)`` behind each top image's maximum."""
        all_reaches = reaches(self.graph)
        size = tuple(self.graph.inputs[0].shape[1:3])
        out = {}
        for plan in self.plans:
            if len(plan.shape) != 3:
                continue
            where = self.stats[plan.path].top_where
            rows, cols = np.divmod(where, plan.shape[1])
            found = unit_boxes(self.graph, plan.path, rows, cols, size, all_reaches)
            if found is not None:
                out[plan.path] = found
        return out

    def save(self, complete: bool) -> "results.CensusData":
        """Write arrays, thumbnails and summary to :attr:`folder`; return them as the window
        reads them back."""
        return results.write(self, complete)


def prepare(loaded, graph: ModelGraph, data: str, folder: str | Path, *, split: str = "test",
            layers: list[str] | None = None, top: int = 9, limit: int | None = None,
            resume: bool = False, batch_size: int | None = None,
            strategy: tf.distribute.Strategy | None = None,
            probe: ActivationProbe | None = None) -> Census:
    """A :class:`Census` of ``data`` through ``loaded`` (what the CLI and the window run).

    With ``resume``, the state saved in ``folder`` is loaded when it belongs to the same model,
    weights, data, split, limit, layers and top-K; otherwise (or without ``resume``) the census
    starts from the first image and replaces what the folder held.
    """
    from explorer.core.census.sources import open_source
    from explorer.core.featvis.store import weights_identity

    source = open_source(data, split, loaded.spec, limit=limit)
    config = {"model": loaded.entry.name, "weights": loaded.weights,
              "weights_id": weights_identity(loaded.model), "data": data, "split": split,
              "limit": limit}
    census = Census(loaded, graph, source, Path(folder), layers=layers, top=top,
                    batch_size=batch_size, strategy=strategy, config=config, probe=probe)
    if not (resume and census.resume()):
        results.clear(Path(folder))
    return census
