"""The activation budget: how many bytes of layer outputs one image may hold, and which layers
to capture when all of them do not fit.

A model whose every layer output fits in the budget is captured in one pass, as always. A
larger one (EfficientNetB7 at 600×600 holds 4.2 GB of activations) captures the model's outputs
and a window of layers around the selected one; the rest is computed on demand. Windows are
planned from fixed *anchors* (the first layer of a chunk of the model, chunks cut once per
budget), so stepping through the layers of one chunk asks for the same window again (the same
traced function, the same cache entry), and a window reaches further forward than back, since
users step forward.

Qt-free and TensorFlow-free: the worker plans with it and the window bounds its own copy with
:class:`ActivationWindows`.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np

MiB = 2**20
GiB = 2**30
MAX_DEFAULT_BYTES = 2 * GiB
"""The automatic budget never exceeds this, whatever the machine."""
RAM_SHARE = 4
"""The automatic budget is at most a quarter of the physical memory."""
FORWARD_SHARE = 2
"""A window takes this many bytes forward of its anchor for each byte behind it."""
CHUNKS_PER_WINDOW = 4
"""A chunk is a quarter of what a window may hold, so a window covers its anchor's chunk and
the next ones."""
CAPTURE_SHARE = 10
"""One capture (a whole model's outputs when they fit, else one window) holds at most a tenth
of the budget. The engine's resident memory for activations then stays within the budget: while
a capture runs it holds TensorFlow's outputs (one capture) and their shared copy (one), up to
two earlier captures in its cache, the two the window shows (most often the same two, but the
window's releases arrive late during a fast walk; the model's outputs are copied out of their
block) and one free block kept for reuse: seven in all, and the rest of the budget is left for
the traced graphs (an EfficientNetB7 walk peaked at six captures, 1.5 GB of shared blocks
with an eighth)."""
CACHE_SHARE = 5
"""The engine's result cache, and the window's copy of a result, hold at most a fifth of the
budget (two captures: the selected layer's window and the one asked ahead)."""


def capture_bytes(budget: int) -> int:
    """The most bytes one capture holds under ``budget`` (:data:`CAPTURE_SHARE`)."""
    return max(int(budget) // CAPTURE_SHARE, 1)


def cache_bytes(budget: int) -> int:
    """The engine's cache bound under ``budget`` (:data:`CACHE_SHARE`)."""
    return max(int(budget) // CACHE_SHARE, 1)


def physical_ram_bytes() -> int | None:
    """The machine's physical memory in bytes, or None where ``os.sysconf`` cannot tell."""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None
    return int(pages) * int(size) if pages > 0 and size > 0 else None


def default_budget_bytes(ram: int | None = None) -> int:
    """The automatic budget: a quarter of ``ram`` (default: this machine's), at most 2 GiB;
    2 GiB when the memory cannot be told."""
    ram = physical_ram_bytes() if ram is None else ram
    if not ram:
        return MAX_DEFAULT_BYTES
    return int(min(ram // RAM_SHARE, MAX_DEFAULT_BYTES))


def budget_from_setting(megabytes: int) -> int:
    """The budget in bytes for the setting ``engine/activation_budget_mb`` (0: automatic)."""
    return int(megabytes) * MiB if megabytes and megabytes > 0 else default_budget_bytes()


def _key(path: str, index: int) -> str:
    # the probe's result keys (``core.graph.probe.output_key``), without importing TensorFlow
    return path if index == 0 else f"{path}:{index}"


def layer_bytes(rows: Iterable, itemsize: int = 4, free: int = 224) -> dict[str, int]:
    """Bytes of each result key's output for one example.

    Args:
        rows: the layer table (``core.graph.layer_table.LayerInfo``: ``path`` and
            ``output_shape``, batchless; a list of shapes for a layer with several outputs).
        itemsize: bytes per value (4: float32).
        free: the size assumed for an axis the table leaves open (``None``), e.g. the fed
            image's side; an estimate that errs on the large side.

    Returns:
        ``{key: bytes}`` with the probe's keys (``path``, then ``path:1``, ``path:2``…).
    """
    sizes = {}
    for row in rows:
        shape = row.output_shape
        shapes = shape if isinstance(shape, list) else [shape]
        for i, one in enumerate(shapes):
            dims = [free if d is None else int(d) for d in (one or ())]
            sizes[_key(row.path, i)] = int(np.prod(dims, dtype=np.int64)) * itemsize
    return sizes


def total_bytes(paths: Iterable[str], sizes: Mapping[str, int]) -> int:
    """Bytes of all of ``paths`` (an unknown key counts 0)."""
    return int(sum(sizes.get(p, 0) for p in paths))


def plan_capture(paths_in_order: Sequence[str], sizes: Mapping[str, int],
                 output_paths: Iterable[str], focus: str | None,
                 limit_bytes: int) -> tuple[str, ...]:
    """The keys to capture for one image under ``limit_bytes``.

    All of them when they fit. Otherwise the model's outputs, then ``focus`` (always, even when
    it alone is over the limit: the user asked to see it), then its neighbours in model order:
    forward while the bytes taken forward are at most :data:`FORWARD_SHARE` times the bytes
    taken back, else back, each side stopping at the first layer that no longer fits (windows
    stay contiguous).

    Args:
        paths_in_order: every result key in model order (``ActivationProbe.paths``).
        sizes: key -> bytes (:func:`layer_bytes`; a missing key counts 0).
        output_paths: the keys of the model's outputs (always captured).
        focus: the key to centre on (None, or unknown: the first key).
        limit_bytes: the most bytes the capture may hold.

    Returns:
        The chosen keys, in model order.
    """
    paths = list(paths_in_order)
    if total_bytes(paths, sizes) <= limit_bytes:
        return tuple(paths)
    chosen = {p for p in output_paths}
    used = total_bytes(chosen, sizes)
    if not paths:
        return ()
    here = paths.index(focus) if focus in paths else 0
    if paths[here] not in chosen:
        chosen.add(paths[here])
        used += sizes.get(paths[here], 0)
    forward, back = here + 1, here - 1
    taken = {"forward": 0, "back": 0}
    while forward < len(paths) or back >= 0:
        sides = ["forward", "back"] if taken["forward"] <= FORWARD_SHARE * taken["back"] \
            else ["back", "forward"]
        moved = False
        for side in sides:
            index = forward if side == "forward" else back
            if not 0 <= index < len(paths):
                continue
            key = paths[index]
            size = 0 if key in chosen else sizes.get(key, 0)
            if used + size > limit_bytes:  # this side ends here
                if side == "forward":
                    forward = len(paths)
                else:
                    back = -1
                continue
            chosen.add(key)
            used += size
            taken[side] += size
            if side == "forward":
                forward += 1
            else:
                back -= 1
            moved = True
            break
        if not moved and forward >= len(paths) and back < 0:
            break
    return tuple(p for p in paths if p in chosen)


def chunk_anchors(paths_in_order: Sequence[str], sizes: Mapping[str, int],
                  chunk_bytes: int) -> list[int]:
    """The index of the first key of each chunk: consecutive keys of at most ``chunk_bytes``
    (a key larger than that is a chunk of its own)."""
    anchors, held = [], 0
    for i, key in enumerate(paths_in_order):
        size = sizes.get(key, 0)
        if not anchors or held + size > chunk_bytes:
            anchors.append(i)
            held = 0
        held += size
    return anchors


def plan_window(paths_in_order: Sequence[str], sizes: Mapping[str, int],
                output_paths: Iterable[str], focus: str | None,
                limit_bytes: int) -> tuple[str, tuple[str, ...]]:
    """The window to capture for ``focus``, planned from its chunk's anchor so that every layer
    of a chunk gets the same window.

    Chunks hold at most 1/:data:`CHUNKS_PER_WINDOW` of what a window may hold beside the
    model's outputs. The window is :func:`plan_capture` around the first key of ``focus``'s
    chunk; when that misses ``focus`` (uneven layer sizes), it is planned around ``focus``.

    Returns:
        ``(anchor, keys)``: the key the window was planned around (its identity, for caches)
        and the keys, in model order. ``anchor`` is ``""`` when everything fits.
    """
    paths = list(paths_in_order)
    if total_bytes(paths, sizes) <= limit_bytes:
        return "", tuple(paths)
    focus = focus if focus in paths else (paths[0] if paths else None)
    outputs = tuple(output_paths)
    room = max(limit_bytes - total_bytes(set(outputs), sizes), 1)
    anchors = chunk_anchors(paths, sizes, max(room // CHUNKS_PER_WINDOW, 1))
    here = paths.index(focus)
    anchor = paths[max(a for a in anchors if a <= here)]
    keys = plan_capture(paths, sizes, outputs, anchor, limit_bytes)
    if focus not in keys:
        anchor, keys = focus, plan_capture(paths, sizes, outputs, focus, limit_bytes)
    return anchor, keys


class ActivationWindows(Mapping):
    """The window's bounded set of activations of one image: the model's outputs always, and
    the most recently captured keys up to ``limit_bytes`` (older windows are dropped first).

    A read-only ``Mapping`` of key -> array, so it stands in for
    ``InferenceResult.activations``; :meth:`add` merges a newly captured window.

    Args:
        first: the activations of the first (partial) result.
        keep: keys never dropped (the model's outputs).
        limit_bytes: the most bytes held (the newest window is kept whole even when over).
    """

    def __init__(self, first: Mapping, keep: Iterable[str], limit_bytes: int):
        self.keep = frozenset(keep)
        self.limit_bytes = int(limit_bytes)
        self._arrays: OrderedDict[str, np.ndarray] = OrderedDict()
        self.add(first)

    @property
    def nbytes(self) -> int:
        """Bytes of the arrays held."""
        return int(sum(a.nbytes for a in self._arrays.values()))

    def add(self, arrays: Mapping) -> None:
        """Merge a captured window (its keys become the most recent), then drop the oldest
        keys outside it and outside :attr:`keep` until the bytes fit."""
        for key, value in arrays.items():
            # the model's outputs stay for good: a copy of their own, so that they never keep
            # the shared block of the window they came with alive
            self._arrays[key] = np.array(value) if key in self.keep else value
            self._arrays.move_to_end(key)
        newest = set(arrays)
        held = self.nbytes
        for key in list(self._arrays):
            if held <= self.limit_bytes:
                break
            if key in self.keep or key in newest:
                continue
            held -= self._arrays.pop(key).nbytes

    def __getitem__(self, key: str) -> np.ndarray:
        return self._arrays[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._arrays)

    def __len__(self) -> int:
        return len(self._arrays)
