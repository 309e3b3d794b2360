"""Shared blocks (worker.shm) in one process: what the engine writes, the window reads in place;
references go both ways; a released block is reused, its pages already faulted in."""

from __future__ import annotations

import gc
import io
import os
import types

import numpy as np
import pytest

from explorer.worker import shm

pytestmark = pytest.mark.skipif(not shm.available(), reason="memfd_create is Linux only")


def _to_window(arena: shm.EngineArena, window: shm.WindowBlocks, message):
    """Send ``message`` from the engine's side to the window's in this process (the
    descriptors duplicated as SCM_RIGHTS would)."""
    data, blocks, offsets = arena.dumps(message)
    mapped = window.receive([b.id for b in blocks], [b.size for b in blocks],
                            [os.dup(b.fd) for b in blocks])
    received = window.loads(data, mapped, offsets)
    arena.after_send()
    _to_window.mapped = mapped  # the window's own mappings of the last message
    return received, blocks


def test_arrays_arrive_as_read_only_views_of_the_engines_memory():
    arena, window = shm.EngineArena(), shm.WindowBlocks()
    rng = np.random.default_rng(0)
    big = rng.standard_normal((64, 64, 32)).astype(np.float32)  # 512 KiB: shared
    small = np.arange(10, dtype=np.int64)  # in the pickle
    shared = arena.share({"conv": big})
    message = {"activations": types.MappingProxyType(shared), "small": small, "raw": big * 2}
    received, blocks = _to_window(arena, window, message)
    np.testing.assert_array_equal(received["activations"]["conv"], big)
    np.testing.assert_array_equal(received["raw"], big * 2)
    np.testing.assert_array_equal(received["small"], small)
    assert isinstance(received["activations"], types.MappingProxyType)
    assert not received["activations"]["conv"].flags.writeable
    assert len(blocks) == 2  # the cached block, and a new one for the unshared big array
    # the window maps the engine's pages: a change the engine makes there is seen at once
    target = blocks[0].view(0, "<f4", big.shape, writable=True)
    target[0, 0, 0] = 123.0
    assert received["activations"]["conv"][0, 0, 0] == 123.0
    arena.close()


def test_the_window_sends_an_array_back_as_a_reference_to_the_same_block():
    arena, window = shm.EngineArena(), shm.WindowBlocks()
    pixels = np.full((300, 300, 3), 7, np.uint8)
    received, blocks = _to_window(arena, window, {"image": pixels})
    request = window.dumps({"again": received["image"]})
    assert len(request) < 2000, "the pixels travelled inside the pickle"
    back = shm.GuardedUnpickler(io.BytesIO(request), arena.resolve,
                                window=False).load()
    np.testing.assert_array_equal(back["again"], pixels)
    assert back["again"].ctypes.data == blocks[0].base().ctypes.data
    arena.close()


def test_a_released_block_is_reused_and_a_held_one_is_not():
    arena, window = shm.EngineArena(), shm.WindowBlocks()
    array = np.ones((256, 1024), np.float32)  # 1 MiB
    received, blocks = _to_window(arena, window, array)
    first, mapping = blocks[0].id, _to_window.mapped[0]
    # the window still holds it: a new message gets another block
    _, others = _to_window(arena, window, array * 2)
    assert others[0].id != first
    del received
    gc.collect()
    assert not mapping.mm.closed, "unmapped where its last view died (the GUI thread)"
    released = window.unmap_released()  # the bridge's thread
    assert released == [first]
    assert mapping.mm.closed
    for block_id in released:
        arena.released(block_id)
    _, again = _to_window(arena, window, array * 3)
    assert again[0].id == first, "the block the window let go of was not reused"
    assert first not in window.unmap_released(), "a block was released twice"
    arena.close()


def test_the_window_refuses_a_message_that_would_import_tensorflow():
    import pickle

    # a pickle naming a class of a TensorFlow module (protocol 5 STACK_GLOBAL)
    payload = b"\x80\x05\x8c\x0ftensorflow.fake\x94\x8c\x04Fake\x94\x93\x94."
    with pytest.raises(pickle.UnpicklingError, match="would import tensorflow"):
        shm.plain_loads(payload, window=True)
