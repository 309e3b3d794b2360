"""Activations as numbers: one ``.npz`` whose keys are the layer paths (``unit3/conv2``,
``block:1``), each array the layer's output for one image with the batch axis dropped — the
arrays ``cnn-explorer activations --format npy`` writes one file each. numpy only (the window
writes it without the worker)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from explorer.core.errors import ExplorerError
from explorer.core.report.output import write_whole


def save_activations(path: str | Path, activations: Mapping[str, np.ndarray],
                     keys: Sequence[str] | None = None) -> list[str]:
    """Write ``activations[key]`` for each of ``keys`` (None: all, in their order) to the
    ``.npz`` file ``path`` (uncompressed; a failed write leaves nothing). Returns the keys written.

    Raises:
        ExplorerError: a key that is not there, or the file cannot be written.
    """
    keys = list(activations) if keys is None else list(dict.fromkeys(keys))
    missing = [k for k in keys if k not in activations]
    if missing:
        raise ExplorerError(f"No activation for {', '.join(missing)}",
                            "Run the image through the model first",
                            expected=", ".join(list(activations)[:5]))

    def write(fh) -> None:
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
            for key in keys:  # what np.savez does, without its keyword names ("file")
                with archive.open(f"{key}.npy", "w", force_zip64=True) as member:
                    np.lib.format.write_array(member, np.asarray(activations[key]),
                                              allow_pickle=False)

    write_whole(path, write)
    return keys
