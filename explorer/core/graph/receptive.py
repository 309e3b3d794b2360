"""Where a unit looks: the exact box of input pixels behind one position of a layer's output.

Per spatial axis, a tensor's positions map to input pixels by ``reach``: position ``i`` sees
pixels ``lo + i·jump … hi + i·jump`` of the model's input (``lo`` may be negative and ``hi``
past the edge: those pixels are padding). Through a window (kernel ``k``, stride ``s``,
dilation ``d``, padding ``p`` before the first pixel)::

    lo_out = lo_in − p·jump_in        hi_out = hi_in + ((k − 1)·d − p)·jump_in
    jump_out = s·jump_in

with TensorFlow's split of "same" padding (``p = p_total // 2`` before, the rest after).
Zero padding and cropping shift the window; element-wise layers and merges (Add, Concatenate,
Multiply) take the union of their spatial inputs, so the box of a residual or inception unit
covers every path. A global-pooling branch (an SE gate) has no box of its own: the unit also
depends on the whole image through it, which :attr:`Reach.global_context` records. ``hi − lo +
1`` equals the layer table's receptive field.
"""

from __future__ import annotations

import numpy as np

from explorer.core.errors import ExplorerError
from explorer.core.graph import layer_math as lm
from explorer.core.graph.model_graph import ModelGraph
from explorer.core.graph.records import Reach, UnitBox  # noqa: F401 - re-exported


def reaches(graph: ModelGraph) -> list[Reach | None]:
    """The :class:`Reach` of every step's first output (None where positions have no box)."""
    out: list[Reach | None] = []
    for step in graph.steps:
        if step.is_input:
            shape = tuple(step.outputs[0].shape[1:])
            out.append(Reach((0, 0), (0, 0), (1, 1)) if len(shape) == 3 else None)
            continue
        parents = [out[p] if p is not None else None for p in step.parents]
        out.append(_propagate(step, parents))
    return out


def _pads(op, n_in: int, n_out: int, k: int, s: int, d: int, padding: str) -> int:
    if padding != "same":
        return 0
    return max((n_out - 1) * s + (k - 1) * d + 1 - n_in, 0) // 2


def _propagate(step, parents: list[Reach | None]) -> Reach | None:
    op = step.op
    in_shape = tuple(step.inputs[0].shape[1:]) if step.inputs else ()
    out_shape = tuple(step.outputs[0].shape[1:])
    spatial = [r for r in parents if r is not None]
    others = len(parents) - len(spatial)
    if not spatial or len(out_shape) != 3:
        return None
    kernel, strides, padding, dilation = lm.window(op)
    name = type(op).__name__
    if kernel is not None:
        if isinstance(op, lm.BaseConvTranspose) or len(kernel) != 2:
            return None
        r = spatial[0]
        if any(v is None for v in in_shape[:2] + out_shape[:2]):
            return None
        lo, hi, jump = [], [], []
        for axis in range(2):
            k, s, d = kernel[axis], strides[axis], dilation[axis]
            p = _pads(op, in_shape[axis], out_shape[axis], k, s, d, padding)
            lo.append(r.lo[axis] - p * r.jump[axis])
            hi.append(r.hi[axis] + ((k - 1) * d - p) * r.jump[axis])
            jump.append(r.jump[axis] * s)
        return Reach(tuple(lo), tuple(hi), tuple(jump), r.global_context)
    if name.startswith(("ZeroPadding", "Cropping")):
        pairs = lm.padding_pairs(op.padding if name.startswith("Zero") else op.cropping, 2)
        sign = -1 if name.startswith("Zero") else 1
        r = spatial[0]
        shift = [sign * before * j for (before, _), j in zip(pairs, r.jump)]
        return Reach(tuple(a + b for a, b in zip(r.lo, shift)),
                     tuple(a + b for a, b in zip(r.hi, shift)), r.jump, r.global_context)
    if name.startswith("UpSampling") or name in ("Reshape", "Resizing"):
        return None
    lo = tuple(min(r.lo[a] for r in spatial) for a in range(2))
    hi = tuple(max(r.hi[a] for r in spatial) for a in range(2))
    return Reach(lo, hi, spatial[0].jump,
                 any(r.global_context for r in spatial) or others > 0)


def unit_box(graph: ModelGraph, path: str, row: int, col: int,
             input_size: tuple[int, int] | None = None) -> UnitBox:
    """The box of input pixels behind position ``(row, col)`` of layer ``path``.

    Args:
        graph: the model's graph.
        path: the layer (path or unique name).
        row, col: the position in the layer's output.
        input_size: ``(height, width)`` of the fed tensor (needed for free-size inputs).

    Raises:
        ExplorerError: the layer has no spatial output, the position is outside it, or the box
            cannot be told (transposed convolutions, up-sampling, reshapes).
    """
    step = graph.find(path)
    index = graph.steps.index(step)
    shape = tuple(step.outputs[0].shape[1:])
    if len(shape) != 3:
        raise ExplorerError(f"The layer '{step.path}' has no spatial output, so its units have "
                            "no box in the image", "Pick a convolution or pooling layer")
    for value, size, axis in ((row, shape[0], "row"), (col, shape[1], "column")):
        if size is not None and not 0 <= value < size:
            raise ExplorerError(f"The layer '{step.path}' has no {axis} {value}",
                                f"Pick a {axis} from 0 to {size - 1}", received=str(value))
    reach = reaches(graph)[index]
    if reach is None:
        raise ExplorerError(f"The box of a unit of '{step.path}' ({type(step.op).__name__}) "
                            "cannot be told: a transposed convolution, up-sampling or reshape "
                            "lies on its path", "Pick an earlier layer")
    height, width = input_size or tuple(graph.inputs[0].shape[1:3])
    full = (reach.lo[0] + row * reach.jump[0], reach.lo[1] + col * reach.jump[1],
            reach.hi[0] + row * reach.jump[0], reach.hi[1] + col * reach.jump[1])
    box = (max(full[0], 0), max(full[1], 0), min(full[2], height - 1), min(full[3], width - 1))
    return UnitBox(box, full, (full[2] - full[0] + 1, full[3] - full[1] + 1), box != full,
                   reach.global_context)


def unit_boxes(graph: ModelGraph, path: str, rows, cols, input_size: tuple[int, int] | None
               = None, all_reaches: list[Reach | None] | None = None) -> np.ndarray | None:
    """:func:`unit_box`'s clipped ``box`` for many positions of one layer at once.

    Args:
        graph, path, input_size: as for :func:`unit_box`.
        rows, cols: arrays of positions in the layer's output.
        all_reaches: :func:`reaches` of ``graph``, when the caller already has it.

    Returns:
        ``(N, 4)`` int64 ``(top, left, bottom, right)`` inclusive, or None when the layer has
        no spatial output or its boxes cannot be told.
    """
    step = graph.find(path)
    if len(tuple(step.outputs[0].shape[1:])) != 3:
        return None
    reach = (all_reaches if all_reaches is not None else reaches(graph))[
        graph.steps.index(step)]
    if reach is None:
        return None
    height, width = input_size or tuple(graph.inputs[0].shape[1:3])
    rows, cols = np.asarray(rows, np.int64), np.asarray(cols, np.int64)
    return np.stack([np.maximum(reach.lo[0] + rows * reach.jump[0], 0),
                     np.maximum(reach.lo[1] + cols * reach.jump[1], 0),
                     np.minimum(reach.hi[0] + rows * reach.jump[0], height - 1),
                     np.minimum(reach.hi[1] + cols * reach.jump[1], width - 1)], axis=-1)
