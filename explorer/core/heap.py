"""glibc ``malloc`` thresholds for the app's two processes (``mallopt``; a no-op elsewhere).

Both processes allocate and free buffers of a few MiB all the time: the engine a layer's
output per layer and pass, the window a mosaic's temporaries and its RGBA pixels per render.
glibc's defaults serve them badly in two ways:

- Its mmap threshold starts at 128 KiB and rises each time a big block is freed, up to 32 MiB.
  Below the threshold a block comes from the heap and its pages stay with the process once
  freed (a model's peak would stay resident for ever); above it every block is a fresh mapping
  whose pages the kernel must map and zero on first touch.
- Free memory at the top of the heap is given back past a trim threshold that follows the mmap
  threshold, so the heap shrinks after each burst and the next burst page-faults it back.

Page faults are what made ResNet50's capture through the engine twice as slow as in-process
(``benchmarks/allocator.py``), and a 112×112×64 mosaic render whose result is not kept about
2.5× slower with glibc's thresholds than with these (9.4 against 3.7 ms,
``benchmarks/render.py``, "each dropped").
"""

from __future__ import annotations

MMAP_THRESHOLD_BYTES = 16 * 2**20
"""Blocks from this size up get mappings of their own, returned to the system when freed.
Typical buffers (ResNet50's outputs are at most 3.2 MB, a mosaic's RGBA about 3.4 MB) reuse
heap blocks; EfficientNetB7's 600×600 outputs (17–23 MB) still go back."""

TRIM_THRESHOLD_BYTES = 64 * 2**20
"""Free memory at the top of the heap beyond this goes back to the system. Lower (128 KiB), the
heap shrank after every pass and the next one page-faulted it back: forward passes took up to
1.5× as long."""

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3


def fix_malloc_thresholds() -> bool:
    """Set glibc's mmap and trim thresholds to the fixed values above, once per process.

    Returns:
        True where they were set (glibc), False elsewhere (macOS, Windows, musl).
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES))
