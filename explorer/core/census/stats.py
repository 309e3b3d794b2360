"""Statistics of a layer's channels accumulated batch by batch (numpy only, no TensorFlow).

The forward pass reduces each layer's output to five small ``(B, C)`` arrays per batch (per
image and channel: sum, maximum, where the maximum is, zeros, saturated outputs);
:class:`ChannelStats` folds them into running totals and a bounded top-K per channel. Nothing
grows with the number of images except two counters, so memory stays flat however large the
data set, and every total is a sum or a maximum: a census stopped half-way and resumed from its
saved state gives exactly the totals of an uninterrupted run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: outputs this close to an activation's bound count as saturated
SATURATION_TOLERANCE = 1e-3


@dataclass(frozen=True)
class BatchReduction:
    """One batch of one layer, reduced per image and channel (all ``(B, C)``).

    Attributes:
        total: sum of the channel's outputs over the image's positions.
        peak: the largest output of the channel in the image.
        where: flat position (row × width + column) of ``peak``.
        zeros: outputs exactly 0.
        saturated: outputs at the activation's bound (all 0 when it has none).
        positions: positions per image and channel (H·W, or 1 for a vector).
    """

    total: np.ndarray
    peak: np.ndarray
    where: np.ndarray
    zeros: np.ndarray
    saturated: np.ndarray
    positions: int


def reduce_batch(values: np.ndarray, bounds: tuple[float | None, float | None] | None
                 ) -> BatchReduction:
    """Reduce a ``(B, …, C)`` batch in numpy (the forward pass does the same in TensorFlow;
    this one is the reference the tests and small inputs use)."""
    b, c = values.shape[0], values.shape[-1]
    flat = np.asarray(values, np.float32).reshape(b, -1, c)
    return BatchReduction(flat.sum(1, dtype=np.float64), flat.max(1), flat.argmax(1),
                          (flat == 0).sum(1), saturated_count(flat, bounds), flat.shape[1])


def saturated_count(flat: np.ndarray, bounds) -> np.ndarray:
    """Outputs within :data:`SATURATION_TOLERANCE` of a bound, per image and channel."""
    if bounds is None:
        return np.zeros(flat.shape[::2], np.int64)
    lo, hi = bounds
    hit = np.zeros(flat.shape, bool)
    if lo is not None:
        hit |= flat <= lo + SATURATION_TOLERANCE
    if hi is not None:
        hit |= flat >= hi - SATURATION_TOLERANCE
    return hit.sum(1)


class ChannelStats:
    """Running statistics of one layer's ``channels`` and the top ``k`` images of each.

    Attributes:
        images: images folded in so far.
        total, zeros, saturated: per-channel sums over every image and position (float64 /
            int64).
        peak: per-channel maximum so far (``-inf`` before any image).
        top_value, top_index, top_where: ``(k, C)``: the ``k`` highest per-image maxima of each
            channel, best first, the data set index of each image and the flat position of its
            maximum (index -1 where fewer than ``k`` images were seen).
    """

    def __init__(self, channels: int, positions: int, k: int):
        self.channels, self.positions, self.k = int(channels), int(positions), int(k)
        self.images = 0
        self.total = np.zeros(channels, np.float64)
        self.zeros = np.zeros(channels, np.int64)
        self.saturated = np.zeros(channels, np.int64)
        self.peak = np.full(channels, -np.inf, np.float32)
        self.top_value = np.full((k, channels), -np.inf, np.float32)
        self.top_index = np.full((k, channels), -1, np.int64)
        self.top_where = np.zeros((k, channels), np.int64)

    def add(self, batch: BatchReduction, indices: np.ndarray) -> None:
        """Fold in one batch; ``indices`` are the data set positions of its images."""
        indices = np.asarray(indices, np.int64)
        self.images += len(indices)
        self.total += batch.total.sum(0)
        self.zeros += np.asarray(batch.zeros, np.int64).sum(0)
        self.saturated += np.asarray(batch.saturated, np.int64).sum(0)
        peak = np.asarray(batch.peak, np.float32)
        if len(peak):
            self.peak = np.maximum(self.peak, peak.max(0))
        self._merge_top(peak, np.broadcast_to(indices[:, None], peak.shape),
                        np.asarray(batch.where, np.int64))

    def _merge_top(self, value, index, where) -> None:
        values = np.concatenate([self.top_value, value])
        indexes = np.concatenate([self.top_index, index])
        wheres = np.concatenate([self.top_where, where])
        # best first; between equal values the earlier image (lower index) first, so the
        # result does not depend on how the data was cut into batches
        ranks = np.lexsort((np.where(indexes < 0, np.iinfo(np.int64).max, indexes), -values),
                           axis=0)[: self.k]
        self.top_value = np.take_along_axis(values, ranks, 0)
        self.top_index = np.take_along_axis(indexes, ranks, 0)
        self.top_where = np.take_along_axis(wheres, ranks, 0)

    # ----------------------------------------------------------------- derived values
    @property
    def count(self) -> int:
        """Outputs per channel seen so far (images × positions)."""
        return self.images * self.positions

    @property
    def mean(self) -> np.ndarray:
        return self.total / max(self.count, 1)

    @property
    def zero_fraction(self) -> np.ndarray:
        return self.zeros / max(self.count, 1)

    @property
    def saturated_fraction(self) -> np.ndarray:
        return self.saturated / max(self.count, 1)

    @property
    def dead(self) -> np.ndarray:
        """Channels that were zero at every position of every image (dead for a ReLU)."""
        return (self.zeros == self.count) & (self.count > 0)

    # ----------------------------------------------------------------- saving
    def state(self, prefix: str) -> dict[str, np.ndarray]:
        """Every array needed to resume, keyed ``prefix/name`` (for one ``.npz``)."""
        return {f"{prefix}/{name}": np.asarray(getattr(self, name)) for name in
                ("total", "zeros", "saturated", "peak", "top_value", "top_index", "top_where")
                } | {f"{prefix}/shape": np.asarray([self.channels, self.positions, self.k,
                                                    self.images], np.int64)}

    @classmethod
    def from_state(cls, arrays, prefix: str) -> "ChannelStats":
        channels, positions, k, images = (int(v) for v in arrays[f"{prefix}/shape"])
        stats = cls(channels, positions, k)
        stats.images = images
        for name in ("total", "zeros", "saturated", "peak", "top_value", "top_index",
                     "top_where"):
            setattr(stats, name, np.array(arrays[f"{prefix}/{name}"]))
        return stats


class ClassTally:
    """Accuracy, the confusion matrix (rows = true class) and the misclassified images.

    Each image's predicted class is kept in one array allocated up front (2 bytes an image, so
    a cell of the confusion matrix can list its images); the top-3 with scores only for the
    misclassified ones.
    """

    def __init__(self, classes: int, count: int):
        self.classes = int(classes)
        self.confusion = np.zeros((classes, classes), np.int64)
        self.predicted = np.full(int(count), -1, np.int16 if classes < 32768 else np.int32)
        self.wrong_index = np.zeros(0, np.int64)
        self.wrong_top3 = np.zeros((0, 3), np.int64)
        self.wrong_score = np.zeros((0, 3), np.float32)

    def add(self, scores: np.ndarray, labels: np.ndarray, indices: np.ndarray) -> None:
        """Fold in a batch of class scores ``(B, classes)`` with their true labels."""
        scores = np.asarray(scores, np.float32)
        labels, indices = np.asarray(labels, np.int64), np.asarray(indices, np.int64)
        k = min(3, scores.shape[1])
        order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        picked = np.take_along_axis(scores, order, 1)
        if k < 3:
            order = np.pad(order, ((0, 0), (0, 3 - k)), constant_values=-1)
            picked = np.pad(picked, ((0, 0), (0, 3 - k)))
        np.add.at(self.confusion, (labels, order[:, 0]), 1)
        self.predicted[indices] = order[:, 0]
        wrong = order[:, 0] != labels
        self.wrong_index = np.concatenate([self.wrong_index, indices[wrong]])
        self.wrong_top3 = np.concatenate([self.wrong_top3, order[wrong]])
        self.wrong_score = np.concatenate([self.wrong_score, picked[wrong]])

    @property
    def images(self) -> int:
        return int(self.confusion.sum())

    @property
    def accuracy(self) -> float:
        return float(np.trace(self.confusion) / max(self.images, 1))

    def state(self) -> dict[str, np.ndarray]:
        return {"classes/confusion": self.confusion, "classes/predicted": self.predicted,
                "classes/wrong_index": self.wrong_index, "classes/wrong_top3": self.wrong_top3,
                "classes/wrong_score": self.wrong_score}

    @classmethod
    def from_state(cls, arrays) -> "ClassTally":
        confusion = np.array(arrays["classes/confusion"])
        predicted = np.array(arrays["classes/predicted"])
        tally = cls(confusion.shape[0], len(predicted))
        tally.confusion, tally.predicted = confusion, predicted
        for name in ("wrong_index", "wrong_top3", "wrong_score"):
            setattr(tally, name, np.array(arrays[f"classes/{name}"]))
        return tally
