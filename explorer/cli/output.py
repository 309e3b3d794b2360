"""What the sub-commands share for output: JSON, progress on stderr, files written safely."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable

import numpy as np

from explorer.core.errors import ExplorerError
from explorer.core.text import format_progress


def print_json(obj) -> None:
    """``obj`` as indented JSON on stdout (non-ASCII kept)."""
    print(json.dumps(obj, indent=2, ensure_ascii=False))


def download_progress(p) -> None:
    """A download's progress line on stderr, redrawn in place."""
    sys.stderr.write("\r" + format_progress(p).ljust(78))
    sys.stderr.flush()


def train_progress(p) -> None:
    """A training progress bar on stderr; each finished epoch keeps its line."""
    from explorer.core.training.fit import progress_line

    sys.stderr.write("\r" + progress_line(p) + ("\n" if p.val_accuracy is not None else ""))
    sys.stderr.flush()


def layer_file_name(path: str) -> str:
    """A layer path as a file name: ``unit3/conv2`` → ``unit3__conv2``."""
    return path.replace("/", "__").replace(":", "_out")


def write_file(path: Path, write: Callable) -> None:
    """Run ``write(file)`` on ``path`` opened for binary writing; OSError → ExplorerError."""
    try:
        with open(path, "wb") as fh:
            write(fh)
    except OSError as exc:
        raise ExplorerError(f"Cannot write {path}: {exc.strerror}",
                            "Choose a folder that exists and that you can write to") from None


def png_writer(rgba: np.ndarray) -> Callable:
    """A ``write(file)`` for :func:`write_file` that saves an RGBA array as PNG."""
    from PIL import Image

    return lambda fh: Image.fromarray(np.ascontiguousarray(rgba)).save(fh, "PNG")


def make_folder(path: Path) -> None:
    """Create ``path`` (and its parents); OSError → ExplorerError."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExplorerError(f"Cannot create {path}: {exc.strerror}",
                            "Choose a folder you can write to") from None
