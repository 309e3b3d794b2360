"""Occlusion sensitivity (Zeiler & Fergus 2014): how much the class score drops when a grey
patch hides each part of the image.

The patch (``patch`` × ``patch`` pixels, moved by ``stride``) is filled with mid-grey through
the model's preprocessing; the occluded copies go through the model in batches; each pixel's
value is the mean score drop over the patches that covered it. Model-agnostic: no gradient.
"""

from __future__ import annotations

import numpy as np

from explorer.core.explain.maps import batches, check
from explorer.core.explain.scores import ScoreFunction

BATCH = 32


def default_patch(height: int, width: int) -> tuple[int, int]:
    """``(patch, stride)``: 16 and 8 at 224 pixels, in proportion elsewhere (at least 2, 1)."""
    patch = max(2, round(min(height, width) / 14))
    return patch, max(1, patch // 2)


def positions(height: int, width: int, patch: int, stride: int) -> list[tuple[int, int]]:
    """Top-left corners of every patch; the last row and column reach the far edges."""
    rows = sorted(set(list(range(0, max(1, height - patch + 1), stride)) + [max(0, height - patch)]))
    cols = sorted(set(list(range(0, max(1, width - patch + 1), stride)) + [max(0, width - patch)]))
    return [(r, c) for r in rows for c in cols]


def occlusion(fn: ScoreFunction, x, cls: int, *, grey, patch: int | None = None,
              stride: int | None = None, progress=None, cancel=None, **_):
    height, width = x.shape[1:3]
    if patch is None or stride is None:
        patch, stride = default_patch(height, width)
    score = float(fn.scores(x)[0, cls])
    where = positions(height, width, patch, stride)
    drops = np.zeros(len(where), np.float32)
    grey = np.broadcast_to(grey, x.shape[1:]).astype(np.float32)
    runs = list(batches(len(where), BATCH))
    for done, (start, stop) in enumerate(runs):
        check(cancel)
        batch = np.repeat(x, stop - start, axis=0)
        for i, (r, c) in enumerate(where[start:stop]):
            batch[i, r:r + patch, c:c + patch] = grey[r:r + patch, c:c + patch]
        drops[start:stop] = score - fn.scores(batch)[:, cls]
        if progress:
            progress(done + 1, len(runs))
    total = np.zeros((height, width), np.float64)
    count = np.zeros((height, width), np.float64)
    for drop, (r, c) in zip(drops, where):
        total[r:r + patch, c:c + patch] += drop
        count[r:r + patch, c:c + patch] += 1
    return score, (total / np.maximum(count, 1)).astype(np.float32)
