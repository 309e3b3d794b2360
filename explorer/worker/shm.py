"""Arrays shared between the window's process and the engine's, without copying them through a
pipe.

The engine keeps big arrays (every layer's output of an image, a kernel set, an explanation
map) in *blocks*: anonymous shared-memory files (``memfd_create``) that it maps and fills once.
A message that holds such arrays is pickled with :class:`SharingPickler`, which writes a
reference (block, offset, dtype, shape) in place of each big array; the block's file
descriptor travels next to the message over a Unix socket (``SCM_RIGHTS``), and the window maps
the same pages read-only (:class:`WindowBlocks`). Nothing is copied on the way; the window's
arrays are views of the engine's memory.

Who frees what: a block lives while the engine uses it (its cache) or the window does (the
result on screen). The window says when it has let go of a block it was sent (a finalizer on
the block's base array queues a release); the engine then reuses the block for its next
result (its pages are already faulted in, so a copy into it costs a memcpy and nothing else)
or closes it (:class:`EngineArena`). If either process dies, the kernel frees the memory when
the other one lets go.

Arrays the window sends back (an image it was sent, in a later request) travel as references
to the engine's block too. Small arrays, and every array on a system without ``memfd_create``
(macOS, Windows: the arrays are pickled in-band there), travel inside the pickle.
"""

from __future__ import annotations

import io
import itertools
import mmap
import os
import pickle
import queue
import socket
import sys
import threading
import types
import weakref
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterable, Mapping

import numpy as np

ALIGN = 64
"""Offsets of arrays inside a block are multiples of this (a cache line)."""
MIN_SHARED_BYTES = 64 * 1024
"""Smaller arrays travel inside the pickle: a block costs a file descriptor and a mapping."""
BLOCK_GRANULE = 1 << 20
"""Blocks are made in whole MiB, so that results of the same model fit each other's blocks."""
POOL_FREE_BLOCKS = 3
"""Unused blocks the engine keeps for reuse (their pages stay faulted in)."""
POOL_FREE_BYTES = 768 * 2**20
"""At most this many bytes of unused blocks are kept for reuse."""
COPY_THREADS = 2
"""Threads that copy arrays into a block (numpy's copy releases the GIL)."""
FORBIDDEN_IN_WINDOW = ("tensorflow", "keras", "tf_keras", "jax", "torch")
"""Top-level packages the window's process never imports, not even to unpickle a message."""


def available() -> bool:
    """True where blocks can be shared (Linux: ``memfd_create`` and ``SCM_RIGHTS``)."""
    return hasattr(os, "memfd_create") and hasattr(socket, "send_fds") and \
        sys.platform.startswith("linux")


def _aligned(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def _shareable(obj: Any) -> bool:
    return type(obj) is np.ndarray and obj.dtype.hasobject is False and \
        obj.nbytes >= MIN_SHARED_BYTES


class Block:
    """One shared-memory file and its mapping in this process.

    Args:
        block_id: the engine's number for it (the same in both processes).
        fd: its file descriptor (the window closes its copy once mapped).
        size: bytes.
        writable: map it read-write (the engine) or read-only (the window).
    """

    def __init__(self, block_id: int, fd: int, size: int, writable: bool):
        self.id, self.fd, self.size, self.writable = block_id, fd, size, writable
        prot = mmap.PROT_READ | (mmap.PROT_WRITE if writable else 0)
        # Not MAP_POPULATE: mapping a 400 MB block populated took 46 ms, and unmapping it
        # 44 ms, most of it holding the GIL; pages fault in as they are read instead.
        self.mm = mmap.mmap(fd, size, flags=mmap.MAP_SHARED, prot=prot)
        self._base: weakref.ref | None = None
        self.owner: Any = None
        """The arena or window side that made or mapped it: a message refers only to blocks
        of its own channel (after an engine restart, the old engine's blocks travel in-band)."""
        self.hold: np.ndarray | None = None
        """A strong reference to the base while views are being made (nothing may reuse or
        release the block in between)."""

    def base(self) -> np.ndarray:
        """The block as one ``uint8`` array; every view made from it keeps it (and the block's
        mapping) alive. The window's side makes it once: after its last view died the engine
        may have reused the memory."""
        base = self._base() if self._base is not None else None
        if base is None:
            if not self.writable and self._base is not None:
                raise RuntimeError(f"Block {self.id} was released")
            base = np.frombuffer(self.mm, dtype=np.uint8)
            self._base = weakref.ref(base)
            _BASES[id(base)] = self
            weakref.finalize(base, _BASES.pop, id(base), None)
        return base

    def base_if_alive(self) -> np.ndarray | None:
        """The base array if some view of it still exists in this process."""
        return self._base() if self._base is not None else None

    def view(self, offset: int, dtype: str, shape: tuple, writable: bool = False) -> np.ndarray:
        """An array of ``dtype`` and ``shape`` at ``offset`` (read-only unless ``writable``)."""
        dtype = np.dtype(dtype)
        count = int(np.prod(shape, dtype=np.int64)) if shape else 1
        array = self.base()[offset:offset + count * dtype.itemsize].view(dtype).reshape(shape)
        if not writable:
            array.setflags(write=False)
        return array

    def close(self) -> None:
        """Unmap and close the descriptor (only when no view of it is left)."""
        self.hold = None
        self.mm.close()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


_BASES: dict[int, Block] = {}
"""``id(base array) -> block`` while the base lives (its finalizer removes the entry)."""


def _locate(array: np.ndarray) -> tuple[Block, int] | None:
    """The block ``array`` is a C-contiguous view of, and its offset there; None otherwise."""
    if not array.flags.c_contiguous:
        return None
    base = array.base
    while isinstance(base, np.ndarray):
        block = _BASES.get(id(base))
        if block is not None and block.base_if_alive() is base:
            return block, array.ctypes.data - base.ctypes.data
        base = base.base
    return None


class SharingPickler(pickle.Pickler):
    """Pickles a message, writing references to shared blocks instead of big arrays.

    Args:
        file: where the pickle goes.
        collect: True on the engine's side: other big arrays are gathered in :attr:`pending`
            and referenced by their index, to be copied into one new block after the dump.
    """

    def __init__(self, file, collect: bool, owner: Any = None):
        super().__init__(file, protocol=5)
        self._collect, self._owner = collect, owner
        self.used: dict[int, Block] = {}
        self.pending: list[np.ndarray] = []

    def persistent_id(self, obj):  # noqa: D102 - pickle's hook
        if not _shareable(obj):
            return None
        where = _locate(obj)
        if where is not None and where[0].owner is self._owner and self._owner is not None:
            block, offset = where
            self.used[block.id] = block
            return ("block", block.id, offset, obj.dtype.str, obj.shape)
        if self._collect:
            self.pending.append(obj)
            return ("new", len(self.pending) - 1, obj.dtype.str, obj.shape)
        return None

    def reducer_override(self, obj):  # noqa: D102 - pickle's hook
        if type(obj) is types.MappingProxyType:
            return read_only_mapping, (dict(obj),)
        return NotImplemented


def read_only_mapping(items: dict) -> types.MappingProxyType:
    """A read-only view of ``items`` (how a ``MappingProxyType`` is unpickled)."""
    return types.MappingProxyType(items)


class GuardedUnpickler(pickle.Unpickler):
    """Unpickles a message, resolving block references through ``resolve``; on the window's
    side (``window=True``) a class from TensorFlow or Keras is refused, so a message that would
    import them into the window fails loudly instead."""

    def __init__(self, file, resolve: Callable[[tuple], np.ndarray], window: bool):
        super().__init__(file)
        self._resolve, self._window = resolve, window

    def persistent_load(self, pid):  # noqa: D102 - pickle's hook
        return self._resolve(pid)

    def find_class(self, module, name):  # noqa: D102 - pickle's hook
        if self._window and module.split(".", 1)[0] in FORBIDDEN_IN_WINDOW:
            raise pickle.UnpicklingError(
                f"A message from the engine holds a {module}.{name}, which would import "
                f"{module.split('.', 1)[0]} into the window's process")
        return super().find_class(module, name)


def _copy_all(pairs: list[tuple[np.ndarray, np.ndarray]], pool: ThreadPoolExecutor | None):
    if pool is None or len(pairs) < 2:
        for target, source in pairs:
            np.copyto(target, source, casting="no")
        return
    # split the bytes evenly between the threads (largest first, each to the lighter half)
    halves: list[list] = [[] for _ in range(COPY_THREADS)]
    loads = [0] * COPY_THREADS
    for pair in sorted(pairs, key=lambda p: -p[1].nbytes):
        lightest = loads.index(min(loads))
        halves[lightest].append(pair)
        loads[lightest] += pair[1].nbytes
    list(pool.map(lambda half: [np.copyto(t, s, casting="no") for t, s in half], halves))


class EngineArena:
    """The engine's blocks: made, filled, sent, released by the window, reused or closed.

    Thread-safe: the engine's job thread shares arrays and sends messages while its reader
    thread records the window's releases.
    """

    def __init__(self):
        self.blocks: dict[int, Block] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._sent: dict[int, int] = {}  # block id -> messages the window has not released
        self._pool = ThreadPoolExecutor(COPY_THREADS, thread_name_prefix="explorer-copy")
        self._keep_until_sent: Any = None
        self.pool_bytes = POOL_FREE_BYTES
        """Free blocks kept for reuse hold at most this many bytes (``SetBudget``: one
        capture of the budget)."""

    # ------------------------------------------------------------------ blocks
    def _reusable(self, block: Block) -> bool:
        return not self._sent.get(block.id) and block.base_if_alive() is None

    def allocate(self, nbytes: int) -> Block:
        """A block of at least ``nbytes`` (an unused one of a fitting size, else a new one),
        held (``block.hold``) until the caller has made its views and clears it."""
        with self._lock:
            fitting = [b for b in self.blocks.values()
                       if self._reusable(b) and nbytes <= b.size <= 2 * nbytes + BLOCK_GRANULE]
            if fitting:
                block = min(fitting, key=lambda b: b.size)
            else:
                size = max(BLOCK_GRANULE, -(-nbytes // BLOCK_GRANULE) * BLOCK_GRANULE)
                fd = os.memfd_create("cnn-explorer-arrays", getattr(os, "MFD_CLOEXEC", 1))
                try:
                    os.ftruncate(fd, size)
                    block = Block(next(self._ids), fd, size, writable=True)
                except BaseException:
                    os.close(fd)
                    raise
                block.owner = self
                self.blocks[block.id] = block
            block.hold = block.base()
        self.trim()
        return block

    def limit_pool(self, nbytes: int) -> None:
        """Keep at most ``nbytes`` (and never more than :data:`POOL_FREE_BYTES`) of free blocks
        for reuse; the others close now."""
        self.pool_bytes = min(POOL_FREE_BYTES, int(nbytes))
        self.trim()

    def trim(self) -> None:
        """Close unused blocks beyond :data:`POOL_FREE_BLOCKS` / :attr:`pool_bytes`
        (newest kept)."""
        with self._lock:
            free = sorted((b for b in self.blocks.values() if self._reusable(b)),
                          key=lambda b: -b.id)
            kept = 0
            for index, block in enumerate(free):
                if index < POOL_FREE_BLOCKS and kept + block.size <= self.pool_bytes:
                    kept += block.size
                    continue
                del self.blocks[block.id]
                self._sent.pop(block.id, None)
                block.close()

    @property
    def nbytes(self) -> int:
        """Bytes of every block this process has mapped (in use or kept for reuse)."""
        with self._lock:
            return sum(b.size for b in self.blocks.values())

    def share(self, arrays: Mapping[Any, np.ndarray]) -> dict[Any, np.ndarray]:
        """``arrays`` copied into one block: read-only views, in the same order. The caller
        drops the originals (a layer's output from TensorFlow), keeping only the views."""
        layout, total = {}, 0
        for key, array in arrays.items():
            array = np.ascontiguousarray(array)
            layout[key] = (total, array)
            total += _aligned(array.nbytes)
        if total == 0:
            return dict(arrays)
        block = self.allocate(total)
        try:
            views, pairs = {}, []
            for key, (offset, array) in layout.items():
                pairs.append((block.view(offset, array.dtype.str, array.shape, writable=True),
                              array))
                views[key] = block.view(offset, array.dtype.str, array.shape)
            _copy_all(pairs, self._pool)
        finally:
            block.hold = None
        return views

    def sent(self, block_id: int) -> None:
        """The window was sent a reference to ``block_id``."""
        with self._lock:
            self._sent[block_id] = self._sent.get(block_id, 0) + 1

    def released(self, block_id: int) -> None:
        """The window let go of one message's mapping of ``block_id``."""
        with self._lock:
            left = self._sent.get(block_id, 0) - 1
            if left > 0:
                self._sent[block_id] = left
            else:
                self._sent.pop(block_id, None)
        self.trim()

    def resolve(self, pid: tuple) -> np.ndarray:
        """An array the window referenced in a request (a view of one of these blocks)."""
        kind, block_id, offset, dtype, shape = pid
        block = self.blocks.get(block_id)
        if kind != "block" or block is None:
            raise pickle.UnpicklingError(f"The window referenced an unknown block {block_id}")
        return block.view(offset, dtype, tuple(shape))

    # ------------------------------------------------------------------ messages
    def dumps(self, message: Any) -> tuple[bytes, list[Block], list[int]]:
        """Pickle ``message``: its bytes, the blocks it references (to be sent with it, and
        counted as sent; a new block for its other big arrays comes last) and the offsets of
        those arrays in the new block (for the ``new`` references)."""
        buffer = io.BytesIO()
        pickler = SharingPickler(buffer, collect=True, owner=self)
        pickler.dump(message)
        blocks = list(pickler.used.values())
        offsets: list[int] = []
        if pickler.pending:
            views = self.share(dict(enumerate(pickler.pending)))
            located = [_locate(views[i]) for i in range(len(views))]
            blocks.append(located[0][0])
            offsets = [offset for _, offset in located]
            self._keep_until_sent = views  # alive until the window has the descriptor
        for block in blocks:
            self.sent(block.id)
        return buffer.getvalue(), blocks, offsets

    def after_send(self) -> None:
        """The message of the last :meth:`dumps` is on its way: the engine lets go of the
        arrays it copied for it (the window's mapping keeps them)."""
        self._keep_until_sent = None

    def close(self) -> None:
        """Close every block (the window's mappings stay valid) and the copy threads."""
        with self._lock:
            for block in self.blocks.values():
                try:
                    block.close()
                except BufferError:  # a view is still alive here: the OS frees it at exit
                    pass
            self.blocks.clear()
        self._pool.shutdown(wait=False)


class WindowBlocks:
    """The window's side: maps the blocks it is sent and queues a release for each mapping
    once nothing in the window uses it any more (:attr:`releases`, drained by the bridge)."""

    def __init__(self):
        self.releases: "queue.SimpleQueue[Block]" = queue.SimpleQueue()
        self._unmapping: list[Block] = []

    def receive(self, block_ids: Iterable[int], sizes: Iterable[int],
                fds: Iterable[int]) -> list[Block]:
        """Map the blocks of one message (their descriptors are closed here); each is held
        until :meth:`loads` has made its views."""
        mapped = []
        for block_id, size, fd in zip(block_ids, sizes, fds):
            try:
                block = Block(block_id, fd, size, writable=False)
            finally:
                os.close(fd)
            block.fd = -1
            block.owner = self
            block.hold = block.base()
            weakref.finalize(block.hold, self.releases.put, block)
            mapped.append(block)
        return mapped

    def unmap_released(self) -> list[int]:
        """Unmap the blocks the window let go of since the last call and return their ids.

        Called on the bridge's thread: unmapping a populated block of a few hundred MB takes
        milliseconds, which the GUI thread (where the last view of a result dies) would lose.
        A block whose memory is still exported (its last view is being freed right now) waits
        for the next call."""
        while True:
            try:
                self._unmapping.append(self.releases.get_nowait())
            except queue.Empty:
                break
        ids, waiting = [], []
        for block in self._unmapping:
            try:
                block.close()
            except BufferError:
                waiting.append(block)
            else:
                ids.append(block.id)
        self._unmapping = waiting
        return ids

    def loads(self, data: bytes, mapped: list[Block], offsets: list[int]) -> Any:
        """Unpickle a message from the engine, its references resolved to ``mapped`` blocks
        (which are let go of here: from now on their views keep them)."""
        by_id = {b.id: b for b in mapped}
        new_block = mapped[-1] if offsets else None

        def resolve(pid: tuple) -> np.ndarray:
            if pid[0] == "new":
                _, index, dtype, shape = pid
                return new_block.view(offsets[index], dtype, tuple(shape))
            _, block_id, offset, dtype, shape = pid
            return by_id[block_id].view(offset, dtype, tuple(shape))

        try:
            return GuardedUnpickler(io.BytesIO(data), resolve, window=True).load()
        finally:
            for block in mapped:
                block.hold = None

    def dumps(self, message: Any) -> bytes:
        """Pickle a request: arrays this engine sent travel back as references."""
        return plain_dumps(message, owner=self)


def plain_dumps(message: Any, owner: Any = None) -> bytes:
    """Pickle ``message`` with every array inside (where blocks cannot be shared), except
    arrays of ``owner``'s blocks, which travel as references."""
    buffer = io.BytesIO()
    SharingPickler(buffer, collect=False, owner=owner).dump(message)
    return buffer.getvalue()


def plain_loads(data: bytes, window: bool) -> Any:
    """Unpickle a message pickled by :func:`plain_dumps`."""
    def no_blocks(pid):
        raise pickle.UnpicklingError(f"Unexpected shared-array reference {pid!r}")
    return GuardedUnpickler(io.BytesIO(data), no_blocks, window=window).load()
