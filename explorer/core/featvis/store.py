"""The disk cache of finished visualisations, so a second visit is instant.

One ``.npz`` per (model name, weights identity, objective, steps, size, seed, method version),
named by the SHA-1 of those, under :func:`cache_dir`: ``$CNN_EXPLORER_CACHE_DIR/featvis``, else
``$XDG_CACHE_HOME/cnn-explorer/featvis``, else ``~/.cache/cnn-explorer/featvis``. A file that
cannot be read is treated as missing (and replaced); a folder that cannot be written only means
no caching.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from explorer.core.featvis.optimize import Objective, Visualization

METHOD_VERSION = 1
"""Bumped whenever the optimisation changes, so old images are not shown as new ones."""


def cache_dir() -> Path:
    """Where visualisations are kept (not created here)."""
    root = os.environ.get("CNN_EXPLORER_CACHE_DIR")
    if root:
        return Path(root) / "featvis"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "cnn-explorer" / "featvis"


def weights_identity(model) -> str:
    """A SHA-1 of every weight's bytes: two models with the same name and other weights get
    other cache entries (about 20 ms for MobileNet)."""
    digest = hashlib.sha1()
    for weight in model.weights:
        value = np.ascontiguousarray(np.asarray(weight.numpy() if hasattr(weight, "numpy")
                                                else weight))
        digest.update(str(value.shape).encode())
        digest.update(value.tobytes())
    return digest.hexdigest()


def entry_key(model_name: str, weights_id: str, objective: Objective, steps: int, size: int,
              seed: int) -> str:
    """The file stem for one visualisation."""
    fields = [METHOD_VERSION, model_name, weights_id, objective.kind, objective.layer,
              objective.index, objective.row, objective.col, int(steps), int(size), int(seed)]
    return hashlib.sha1(json.dumps(fields).encode()).hexdigest()


def load(key: str, folder: Path | None = None) -> Visualization | None:
    """The cached visualisation, or None (missing or unreadable)."""
    path = (folder or cache_dir()) / f"{key}.npz"
    try:
        with np.load(path, allow_pickle=False) as npz:
            meta = json.loads(str(npz["meta"]))
            image, curve = np.array(npz["image"]), np.array(npz["curve"])
    except (OSError, KeyError, ValueError):
        return None
    image.setflags(write=False)
    curve.setflags(write=False)
    objective = Objective(meta["kind"], meta["layer"], meta["index"], meta["row"], meta["col"])
    return Visualization(image, curve, float(meta["seconds"]), objective, meta["score_kind"],
                         int(meta["steps"]), int(meta["size"]), int(meta["seed"]))


def save(key: str, vis: Visualization, folder: Path | None = None) -> Path | None:
    """Write ``vis`` (atomically: a temporary file, then a rename); None when the folder cannot
    be written."""
    folder = folder or cache_dir()
    o = vis.objective
    meta = dict(kind=o.kind, layer=o.layer, index=o.index, row=o.row, col=o.col,
                seconds=vis.seconds, score_kind=vis.score_kind, steps=vis.steps, size=vis.size,
                seed=vis.seed)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".npz.part", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, image=vis.image, curve=vis.curve, meta=np.array(json.dumps(meta)))
        path = folder / f"{key}.npz"
        os.replace(tmp, path)
        return path
    except OSError:
        return None
