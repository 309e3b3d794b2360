"""Two inference results side by side: which layers correspond, how much each channel changed.

Plain numpy, no Qt and no TensorFlow, so the window imports it. A compare session is two
results (two images through one model, or one image through two models: a base and its
fine-tuned copy, trained and untrained weights). :func:`match_layers` pairs the rows of two
layer tables: by path first, then, between rows matched by path, by position where the layer
types and output shapes agree (a fine-tuned model nests its base, so ``Conv1`` becomes
``mobilenetv2_1.00_224/Conv1``). :func:`channel_cosine` and :func:`difference` compare one
layer's outputs; :func:`shared_range` puts both mosaics on one colour scale.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from explorer.core.pixels.colormaps import colormap

SIMILARITY_CMAP = "RdBu"
"""The strip's colours: red for opposite (−1), white for unrelated (0), blue for the same (1)."""


@dataclass(frozen=True)
class LayerPair:
    """Two corresponding layers.

    Attributes:
        a: the path in the first table.
        b: the path in the second table.
        how: ``"path"`` (the same path in both) or ``"position"`` (same place, type and shape).
        same_shape: the outputs have the same shape (a difference can be taken).
    """

    a: str
    b: str
    how: str
    same_shape: bool


@dataclass(frozen=True)
class LayerMatch:
    """Every pair of corresponding layers, in the first table's order."""

    pairs: tuple[LayerPair, ...]

    def for_a(self, path: str) -> LayerPair | None:
        """The pair whose first layer is ``path``, or None (no counterpart)."""
        return next((p for p in self.pairs if p.a == path), None)

    def for_b(self, path: str) -> LayerPair | None:
        """The pair whose second layer is ``path``, or None."""
        return next((p for p in self.pairs if p.b == path), None)

    def counts(self) -> dict[str, int]:
        """How many pairs were matched each way (``{"path": n, "position": m}``)."""
        counts = {"path": 0, "position": 0}
        for pair in self.pairs:
            counts[pair.how] += 1
        return counts


def _shape(info) -> tuple:
    shape = info.output_shape
    return tuple(tuple(s) for s in shape) if shape and isinstance(shape[0], (tuple, list)) \
        else tuple(shape)


def _key(info) -> tuple:
    return (info.type, _shape(info))


def match_layers(table_a: Sequence, table_b: Sequence) -> LayerMatch:
    """Pair the layers of two models (rows with ``path``, ``type`` and ``output_shape``, such
    as ``core.graph.layer_table.LayerInfo``).

    Rows with the same path pair first (kept only where their order agrees in both tables).
    The rows left between two consecutive path pairs are aligned by position: the longest
    run-preserving alignment of their (type, output shape), so inserted or removed layers do
    not shift the rest.

    Args:
        table_a: the first model's rows, in model order.
        table_b: the second model's rows.

    Returns:
        A :class:`LayerMatch` in ``table_a``'s order.
    """
    index_b = {info.path: i for i, info in enumerate(table_b)}
    anchors: list[tuple[int, int]] = []
    for i, info in enumerate(table_a):
        j = index_b.get(info.path)
        if j is not None and (not anchors or j > anchors[-1][1]):
            anchors.append((i, j))
    found: dict[int, tuple[int, str]] = {i: (j, "path") for i, j in anchors}
    bounds = [(-1, -1), *anchors, (len(table_a), len(table_b))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        gap_a, gap_b = table_a[i0 + 1:i1], table_b[j0 + 1:j1]
        if not gap_a or not gap_b:
            continue
        matcher = difflib.SequenceMatcher(None, [_key(r) for r in gap_a],
                                          [_key(r) for r in gap_b], autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                found[i0 + 1 + block.a + k] = (j0 + 1 + block.b + k, "position")
    pairs = []
    for i in sorted(found):
        j, how = found[i]
        a, b = table_a[i], table_b[j]
        pairs.append(LayerPair(a.path, b.path, how, _shape(a) == _shape(b)))
    return LayerMatch(tuple(pairs))


def _cosine(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Cosine of each column of two ``(positions, columns)`` float64 arrays (1 when both
    columns are all zero, 0 when only one is)."""
    dot = (x * y).sum(axis=0)
    norms = np.sqrt((x * x).sum(axis=0)) * np.sqrt((y * y).sum(axis=0))
    cos = np.divide(dot, norms, out=np.zeros_like(dot), where=norms > 0)
    cos[~np.any(x, axis=0) & ~np.any(y, axis=0)] = 1.0
    return np.clip(cos, -1.0, 1.0)


def _check_same(a: np.ndarray, b: np.ndarray) -> None:
    if np.shape(a) != np.shape(b):
        raise ValueError(f"Expected two outputs of one shape; received {np.shape(a)} and "
                         f"{np.shape(b)}")


def channel_cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The cosine similarity of each channel's values in ``a`` and ``b``.

    Channels are the last axis (``(H, W, C)``, ``(L, C)``), each compared over its positions.
    Two all-zero channels are the same (1); an all-zero channel against one that is not is
    unrelated (0).

    Returns:
        ``(C,)`` float64 in −1…1.

    Raises:
        ValueError: the shapes differ, or a vector (no positions: see :func:`layer_cosine`).
    """
    _check_same(a, b)
    if np.ndim(a) < 2:
        raise ValueError(f"Expected feature maps (…, C); received shape {np.shape(a)}")
    channels = np.shape(a)[-1]
    return _cosine(np.asarray(a, np.float64).reshape(-1, channels),
                   np.asarray(b, np.float64).reshape(-1, channels))


def layer_cosine(a: np.ndarray, b: np.ndarray) -> float:
    """The cosine similarity of two whole outputs (flattened).

    Raises:
        ValueError: the shapes differ.
    """
    _check_same(a, b)
    return float(_cosine(np.asarray(a, np.float64).reshape(-1, 1),
                         np.asarray(b, np.float64).reshape(-1, 1))[0])


def difference(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a − b`` as float32 (the compare view's signed difference).

    Raises:
        ValueError: the shapes differ.
    """
    _check_same(a, b)
    return np.asarray(a, dtype=np.float32) - np.asarray(b, dtype=np.float32)


def shared_range(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """The smallest and largest value over both outputs (finite values only), for one colour
    scale; ``(0, 0)`` when neither has a finite value."""
    values = [v for v in (np.asarray(a, np.float32), np.asarray(b, np.float32)) if v.size]
    finite = [v[np.isfinite(v)] for v in values]
    finite = [v for v in finite if v.size]
    if not finite:
        return 0.0, 0.0
    return (float(min(v.min() for v in finite)), float(max(v.max() for v in finite)))


def most_changed(cosine: np.ndarray, count: int = 5) -> list[int]:
    """The ``count`` channels with the lowest cosine (most changed first; ties by index)."""
    order = np.lexsort((np.arange(len(cosine)), np.asarray(cosine)))
    return [int(i) for i in order[:count]]


def similarity_strip(cosine: np.ndarray, cell: int = 1, height: int = 1) -> np.ndarray:
    """The per-channel cosines as one row of coloured cells (``SIMILARITY_CMAP`` from −1 to
    1): cell ``i`` spans columns ``[i·cell, (i+1)·cell)``.

    Returns:
        ``(height, len(cosine)·cell, 4)`` uint8 RGBA, C-contiguous.
    """
    c = np.nan_to_num(np.asarray(cosine, dtype=np.float64), nan=0.0)
    index = np.clip(np.round((c + 1.0) * 127.5), 0, 255).astype(np.intp)
    row = colormap(SIMILARITY_CMAP)[index][np.newaxis]  # (1, C, 4)
    return np.ascontiguousarray(np.repeat(np.repeat(row, height, axis=0), cell, axis=1))
