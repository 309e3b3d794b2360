"""One-line text for a download in progress, for the command line and status bars.

``format_progress`` turns a :class:`~explorer.core.weights.DownloadProgress` into
``"mobilenet_1_0_224_tf.h5  7.1/17.2 MB  2.3 MB/s  0:04 left"``. Sizes are decimal
(1 MB = 1,000,000 bytes), the same units :func:`explorer.core.weights.weights_status` uses.
"""

from __future__ import annotations

import math

from explorer.core.weights import DownloadProgress


def format_duration(seconds: float) -> str:
    """Seconds as ``m:ss``, or ``h:mm:ss`` from one hour on (rounded up to whole seconds)."""
    total = max(0, math.ceil(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def _unit_for(n: float) -> tuple[str, float]:
    if n >= 1e9:
        return "GB", 1e9
    if n >= 1e6:
        return "MB", 1e6
    return "kB", 1e3


def format_progress(p: DownloadProgress, bar_width: int = 0) -> str:
    """A download's progress on one line.

    Args:
        p: the progress report.
        bar_width: when > 0 and the total is known, start with a bar of that many cells and the
            percentage, e.g. ``"[#####-----]  50% "``.

    Returns:
        ``"<file>  <done>/<total> <unit>  <rate>/s  <m:ss> left"``; the total, rate and time
        left are left out while unknown.
    """
    unit, div = _unit_for(p.total_bytes if p.total_bytes else p.done_bytes)
    if p.total_bytes:
        amount = f"{p.done_bytes / div:.1f}/{p.total_bytes / div:.1f} {unit}"
    else:
        amount = f"{p.done_bytes / div:.1f} {unit}"
    parts = [p.dest.name, amount]
    if p.rate_bytes_per_s > 0:
        rate_unit, rate_div = _unit_for(p.rate_bytes_per_s)
        parts.append(f"{p.rate_bytes_per_s / rate_div:.1f} {rate_unit}/s")
    if p.eta_s is not None and p.total_bytes:
        parts.append(f"{format_duration(p.eta_s)} left")
    line = "  ".join(parts)
    fraction = p.fraction
    if bar_width > 0 and fraction is not None:
        filled = int(round(fraction * bar_width))
        line = f"[{'#' * filled}{'-' * (bar_width - filled)}] {fraction:4.0%} {line}"
    return line
