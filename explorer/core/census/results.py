"""A census's folder: ``summary.json``, ``census.npz`` and ``thumbnails/`` (numpy, JSON and
Pillow only: the window and the CLI reopen a census without TensorFlow and without recomputing).

- ``summary.json``: ``{"model", "weights", "data", "split", "images", "complete", "accuracy"
  (classifiers with labels), "confusion" (rows = true class), "class_names", "misclassified":
  [{"index", "image", "true", "top3": [{"index", "label", "score"}]}], "layers": {path:
  {"channels", "shape", "activation", "mean": […], "max": […], "zero_fraction": […],
  "saturated_fraction": […] or null (an unbounded activation has no saturation), "dead": [channel
  …], "top": [[{"image", "index", "at": [row, col] or null, "value", "box": [top, left, bottom,
  right] or null} …] one list per channel]}}}``.
- ``census.npz``: every running total (to resume exactly), the per-image predictions and labels,
  and ``meta`` (the census's identity as JSON).
- ``thumbnails/<index>.png``: each top image and misclassified image fitted to the model's size,
  before inversion and padding (the box of a unit, in fed-tensor pixels, lies ``offset`` lower
  and to the right).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from explorer.core.errors import ExplorerError

SUMMARY, ARRAYS, THUMBNAILS = "summary.json", "census.npz", "thumbnails"
FORMAT = 1
#: misclassified images given a thumbnail (all are listed in the arrays)
MAX_WRONG_THUMBNAILS = 400


@dataclass(frozen=True)
class LayerCensus:
    """One layer's census, per channel (arrays read-only).

    Attributes:
        top_value, top_index: ``(k, C)`` best first; ``top_index`` is -1 where fewer than ``k``
            images were seen.
        top_at: ``(k, C, 2)`` row and column of each top image's maximum (None for a vector).
        top_box: ``(k, C, 4)`` the input pixels behind it, inclusive (None when not told).
        saturated_fraction: None when the activation has no bound.
    """

    path: str
    shape: tuple[int, ...]
    activation: str
    mean: np.ndarray
    max: np.ndarray
    zero_fraction: np.ndarray
    saturated_fraction: np.ndarray | None
    dead: np.ndarray
    top_value: np.ndarray
    top_index: np.ndarray
    top_at: np.ndarray | None
    top_box: np.ndarray | None

    @property
    def channels(self) -> int:
        return int(self.shape[-1])


@dataclass(frozen=True)
class CensusData:
    """A census as read from its folder."""

    folder: str
    model: str
    weights: str
    data: str
    split: str
    description: str
    images: int
    total: int
    complete: bool
    seconds: float
    top: int
    class_names: tuple[str, ...] | None
    layers: dict[str, LayerCensus]
    accuracy: float | None = None
    confusion: np.ndarray | None = None
    labels: np.ndarray | None = None
    predicted: np.ndarray | None = None
    wrong_index: np.ndarray | None = None
    wrong_top3: np.ndarray | None = None
    wrong_score: np.ndarray | None = None
    names: tuple[str, ...] | None = field(default=None, repr=False)
    offset: tuple[int, int] = (0, 0)

    @property
    def images_per_second(self) -> float:
        return self.images / self.seconds if self.seconds > 0 else 0.0

    def image_name(self, index: int) -> str:
        return self.names[index] if self.names else f"{self.description} #{index}"

    def thumbnail(self, index: int) -> Path | None:
        path = Path(self.folder) / THUMBNAILS / f"{int(index)}.png"
        return path if path.exists() else None

    def cell(self, true: int, predicted: int) -> np.ndarray:
        """Indices of the images of class ``true`` predicted as ``predicted``."""
        if self.predicted is None or self.labels is None:
            return np.zeros(0, np.int64)
        done = self.predicted >= 0
        return np.flatnonzero(done & (self.labels == true) & (self.predicted == predicted))


@dataclass(frozen=True)
class SavedState:
    config: dict
    done: int
    seconds: float
    arrays: dict


def _label(names, index: int) -> str:
    return names[index] if names is not None and 0 <= index < len(names) else f"class {index}"


def _round(values) -> list:
    return [float(f"{v:.6g}") for v in np.asarray(values, np.float64).tolist()]


def _atomic(path: Path, write) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as fh:
            write(fh)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write(census, complete: bool, thumbnails: bool = True, summary: bool = True
          ) -> CensusData | None:
    """Write ``census`` (a :class:`explorer.core.census.run.Census`) to its folder: the
    arrays, then (unless ``summary`` is false, for a checkpoint) the thumbnails and
    ``summary.json``; returns the census as read back (None for a checkpoint)."""
    folder = census.folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / THUMBNAILS).mkdir(exist_ok=True)
    except OSError as exc:
        raise ExplorerError(f"Cannot write the census to {folder}: {exc.strerror or exc}",
                            "Pick a folder you can write to") from None
    source, tally = census.source, census.tally
    class_names = census.loaded.class_names or source.class_names
    boxes = census.boxes()
    arrays: dict[str, np.ndarray] = {}
    for plan in census.plans:
        arrays |= census.stats[plan.path].state(f"layer/{plan.path}")
        if plan.path in boxes:
            arrays[f"layer/{plan.path}/top_box"] = boxes[plan.path]
    if tally is not None:
        arrays |= tally.state()
        arrays["classes/labels"] = source.labels.astype(np.int16 if tally.classes < 32768
                                                        else np.int32)
    if source.named:
        arrays["names"] = np.asarray([source.name(i) for i in range(source.count)])
    meta = {"format": FORMAT, "config": census.config, "done": census.done,
            "seconds": census.seconds, "complete": bool(complete),
            "class_names": list(class_names) if class_names else None,
            "thumbnail_offset": list(source.offset),
            "plans": [{"path": p.path, "shape": list(p.shape), "activation": p.activation,
                       "bounded": p.bounds is not None} for p in census.plans]}
    arrays["meta"] = np.asarray(json.dumps(meta))
    _atomic(folder / ARRAYS, lambda fh: np.savez(fh, **arrays))
    if not summary:  # a checkpoint: the totals are safe, the rest is written at the end
        return None
    data = read(folder)
    if thumbnails:
        _write_thumbnails(data, source)
    summary = _summary(data)
    _atomic(folder / SUMMARY, lambda fh: fh.write(
        json.dumps(summary, ensure_ascii=False, separators=(",", ":")).encode("utf-8")))
    return data


def _write_thumbnails(data: CensusData, source) -> None:
    wanted = set()
    for layer in data.layers.values():
        wanted.update(int(i) for i in np.unique(layer.top_index) if i >= 0)
    if data.wrong_index is not None:
        wanted.update(int(i) for i in data.wrong_index[:MAX_WRONG_THUMBNAILS])
    write_thumbnails(Path(data.folder), source, sorted(wanted))


def write_thumbnails(folder: Path, source, indices) -> None:
    """``thumbnails/<index>.png`` for each of ``indices`` not written yet: the image as the
    model saw it."""
    from PIL import Image

    (folder / THUMBNAILS).mkdir(parents=True, exist_ok=True)
    for index in indices:
        path = folder / THUMBNAILS / f"{int(index)}.png"
        if path.exists():
            continue
        pixels = source.thumbnail_pixels(int(index))
        image = Image.fromarray(pixels[..., 0] if pixels.shape[2] == 1 else pixels)
        part = path.with_suffix(".part")  # a file is whole or absent, never half written
        image.save(part, format="PNG", compress_level=1)
        os.replace(part, path)


def _summary(data: CensusData) -> dict:
    names = data.class_names
    out = {"format": FORMAT, "model": data.model, "weights": data.weights, "data": data.data,
           "split": data.split, "images": data.images, "total_images": data.total,
           "complete": data.complete, "seconds": round(data.seconds, 3),
           "images_per_second": round(data.images_per_second, 2), "top": data.top,
           "class_names": list(names) if names else None}
    if data.confusion is not None:
        out["accuracy"] = round(float(data.accuracy), 6)
        out["confusion"] = data.confusion.tolist()
        out["misclassified"] = [
            {"index": int(i), "image": data.image_name(int(i)), "true": int(data.labels[i]),
             "top3": [{"index": int(c), "label": _label(names, int(c)), "score": round(float(s), 6)}
                      for c, s in zip(top3, score) if c >= 0]}
            for i, top3, score in zip(data.wrong_index, data.wrong_top3, data.wrong_score)]
    layers = {}
    for path, layer in data.layers.items():
        values = layer.top_value.T.tolist()  # plain lists: 10× faster than numpy scalars
        indices = layer.top_index.T.tolist()
        at = None if layer.top_at is None else layer.top_at.transpose(1, 0, 2).tolist()
        box = None if layer.top_box is None else layer.top_box.transpose(1, 0, 2).tolist()
        top = [[{"image": data.image_name(index), "index": index,
                 "at": None if at is None else at[c][k],
                 "value": float(f"{values[c][k]:.6g}"),
                 "box": None if box is None else box[c][k]}
                for k, index in enumerate(indices[c]) if index >= 0]
               for c in range(layer.channels)]
        layers[path] = {
            "channels": layer.channels, "shape": list(layer.shape),
            "activation": layer.activation, "mean": _round(layer.mean),
            "max": _round(layer.max), "zero_fraction": _round(layer.zero_fraction),
            "saturated_fraction": None if layer.saturated_fraction is None
            else _round(layer.saturated_fraction),
            "dead": np.flatnonzero(layer.dead).tolist(), "top": top}
    out["layers"] = layers
    return out


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.array(array)
    array.setflags(write=False)
    return array


def read_state(folder: Path) -> SavedState | None:
    """The saved totals of the census in ``folder`` (None when there is none)."""
    path = Path(folder) / ARRAYS
    if not path.exists():
        return None
    try:
        with np.load(path) as npz:
            arrays = {key: npz[key] for key in npz.files}
        meta = json.loads(str(arrays["meta"]))
    except (OSError, ValueError, KeyError) as exc:
        raise ExplorerError(f"{path} is damaged ({exc})",
                            "Delete the folder and run the census again") from None
    return SavedState(meta["config"], int(meta["done"]), float(meta["seconds"]), arrays)


def read(folder: str | Path) -> CensusData:
    """Reopen a census folder.

    Raises:
        ExplorerError: no census there, or its files are damaged.
    """
    folder = Path(folder)
    state = read_state(folder)
    if state is None:
        raise ExplorerError(f"No census in {folder}",
                            f"Pick a folder holding {ARRAYS} and {SUMMARY} (written by "
                            "cnn-explorer census or the Census view)")
    arrays = state.arrays
    meta = json.loads(str(arrays["meta"]))
    config = meta["config"]
    layers = {}
    for plan in meta["plans"]:
        path, shape = plan["path"], tuple(plan["shape"])
        prefix = f"layer/{path}"
        channels, positions, k, images = (int(v) for v in arrays[f"{prefix}/shape"])
        count = max(images * positions, 1)
        top_where = arrays[f"{prefix}/top_where"]
        at = (np.stack(np.divmod(top_where, shape[1]), axis=-1) if len(shape) == 3 else None)
        box = arrays.get(f"{prefix}/top_box")
        layers[path] = LayerCensus(
            path, shape, plan["activation"],
            _frozen(arrays[f"{prefix}/total"] / count), _frozen(arrays[f"{prefix}/peak"]),
            _frozen(arrays[f"{prefix}/zeros"] / count),
            _frozen(arrays[f"{prefix}/saturated"] / count) if plan["bounded"] else None,
            _frozen((arrays[f"{prefix}/zeros"] == images * positions) & (images > 0)),
            _frozen(arrays[f"{prefix}/top_value"]), _frozen(arrays[f"{prefix}/top_index"]),
            None if at is None else _frozen(at), None if box is None else _frozen(box))
    labelled = "classes/confusion" in arrays
    confusion = arrays["classes/confusion"] if labelled else None
    names = tuple(str(n) for n in arrays["names"]) if "names" in arrays else None
    class_names = tuple(meta["class_names"]) if meta.get("class_names") else None
    return CensusData(
        str(folder), config.get("model", ""), config.get("weights", ""),
        config.get("data", ""), config.get("split", ""), config.get("data_description", ""),
        state.done, int(config.get("count", state.done)), bool(meta["complete"]),
        state.seconds, int(config.get("top", 0)), class_names, layers,
        accuracy=float(np.trace(confusion) / max(confusion.sum(), 1)) if labelled else None,
        confusion=_frozen(confusion) if labelled else None,
        labels=_frozen(arrays["classes/labels"]) if labelled else None,
        predicted=_frozen(arrays["classes/predicted"]) if labelled else None,
        wrong_index=_frozen(arrays["classes/wrong_index"]) if labelled else None,
        wrong_top3=_frozen(arrays["classes/wrong_top3"]) if labelled else None,
        wrong_score=_frozen(arrays["classes/wrong_score"]) if labelled else None,
        names=names, offset=tuple(meta.get("thumbnail_offset", (0, 0))))


def clear(folder: Path) -> None:
    """Remove an earlier census's files from ``folder`` (nothing else in it)."""
    for name in (SUMMARY, ARRAYS):
        (folder / name).unlink(missing_ok=True)
    thumbs = folder / THUMBNAILS
    if thumbs.is_dir():
        for file in thumbs.glob("*.png"):
            file.unlink()
