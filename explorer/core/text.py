"""Every way the app writes a number, a shape, a size or a time as text — once.

The window, the command line and (later) the report all format through these functions, so the
same thing reads the same everywhere. Sizes are decimal (1 MB = 1,000,000 bytes), the units
download tools show.

``format_progress`` turns a :class:`~explorer.core.models.weights.DownloadProgress` into
``"mobilenet_1_0_224_tf.h5  7.1/17.2 MB  2.3 MB/s  0:04 left"``.
"""

from __future__ import annotations

import math
from typing import Sequence

UNTRAINED_NOTE = ("Untrained weights (random, the same on every load): the layers' outputs "
                  "show the architecture, the predictions mean nothing yet")
"""The note every untrained model carries (the window shows it translated)."""


def format_dims(dims: Sequence) -> str:
    """``(28, 28, 64)`` -> ``"28×28×64"``; unknown sizes (None) read ``?``; () -> ``"scalar"``."""
    return "×".join("?" if d is None else str(d) for d in dims) or "scalar"


def format_shape(shape, *, batch: bool = False) -> str:
    """A tensor shape, or a list of them joined by ``", "``.

    Args:
        shape: a shape tuple (or a list of shape tuples, for a layer with several outputs).
        batch: the shape starts with a batch axis, which is left out.

    Examples: ``(28, 28, 64)`` -> ``"28×28×64"``; ``(None, 28, 28, 64)`` with ``batch=True``
    -> ``"28×28×64"``; ``(None, None, 3)`` (a free spatial size) -> ``"?×?×3"``.
    """
    if shape is None:
        return "?"
    if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple)):
        return ", ".join(format_shape(s, batch=batch) for s in shape)
    dims = list(shape)
    return format_dims(dims[1:] if batch else dims)


def format_count(n: int | None) -> str:
    """``1234567`` -> ``"1,234,567"``; ``None`` or 0 -> ``""``."""
    return f"{n:,}" if n else ""


def format_millions(n: int | None) -> str:
    """A parameter count in millions: ``3538984`` -> ``"3.5 M"``; ``None`` -> ``""``."""
    return f"{n / 1e6:.1f} M" if n else ""


def format_bytes(n: float) -> str:
    """Bytes as a short decimal size: ``"850 kB"``, ``"14 MB"``, ``"7.1 MB"``, ``"1.3 GB"``."""
    if n >= 1e9:
        return f"{n / 1e9:.1f} GB"
    if n >= 10e6:
        return f"{n / 1e6:.0f} MB"
    if n >= 1e6:
        return f"{n / 1e6:.1f} MB"
    return f"{n / 1e3:.0f} kB"


def format_duration(seconds: float) -> str:
    """Seconds as ``m:ss``, or ``h:mm:ss`` from one hour on (rounded up to whole seconds)."""
    total = max(0, math.ceil(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_ms(seconds: float) -> str:
    """A short time as milliseconds: ``0.0123`` -> ``"12 ms"``."""
    return f"{seconds * 1000:.0f} ms"


def _unit_for(n: float) -> tuple[str, float]:
    if n >= 1e9:
        return "GB", 1e9
    if n >= 1e6:
        return "MB", 1e6
    return "kB", 1e3


def format_transfer(done: float, total: float | None, rate: float, eta: float | None) -> str:
    """``"7.1/16.9 MB  2.3 MB/s  0:04 left"``: amount, rate and time left, each left out while
    unknown."""
    unit, div = _unit_for(total if total else done)
    parts = [f"{done / div:.1f}/{total / div:.1f} {unit}" if total else f"{done / div:.1f} {unit}"]
    if rate > 0:
        rate_unit, rate_div = _unit_for(rate)
        parts.append(f"{rate / rate_div:.1f} {rate_unit}/s")
    if eta is not None and total:
        parts.append(f"{format_duration(eta)} left")
    return "  ".join(parts)


def format_progress(p, bar_width: int = 0) -> str:
    """A download's progress on one line.

    Args:
        p: a ``DownloadProgress`` report.
        bar_width: when > 0 and the total is known, start with a bar of that many cells and the
            percentage, e.g. ``"[#####-----]  50% "``.

    Returns:
        ``"<file>  <done>/<total> <unit>  <rate>/s  <m:ss> left"``; the total, rate and time
        left are left out while unknown.
    """
    line = f"{p.dest.name}  " + format_transfer(p.done_bytes, p.total_bytes,
                                                p.rate_bytes_per_s, p.eta_s)
    fraction = p.fraction
    if bar_width > 0 and fraction is not None:
        filled = int(round(fraction * bar_width))
        line = f"[{'#' * filled}{'-' * (bar_width - filled)}] {fraction:4.0%} {line}"
    return line
