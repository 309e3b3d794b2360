"""Where a census's images come from: a data set named as ``evaluate`` takes it, or a folder.

A :class:`Source` hands out batches of model-ready tensors in a fixed order (index 0, 1, …),
so a census can stop and resume at an index, and gives back any one image's fed pixels (for the
thumbnails of the top images) by its index. No TensorFlow here: the census wraps
:meth:`Source.batches` in a ``tf.data`` pipeline.

- Data sets held as arrays (``fashion-mnist``, ``mnist``, IDX folders, a digits CSV; see
  :func:`explorer.core.training.datasets.resolve`) are a few megabytes of ``uint8``; their
  tensors are made a batch at a time.
- A folder of images is listed, never loaded whole: each image is decoded when its batch is
  made. Class sub-folders (sorted names) give labels; a flat folder has none.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterator

import numpy as np

from explorer.core.errors import DataError
from explorer.core.pixels.images import from_array, load_image
from explorer.core.pixels.preprocess import InputSpec, prepare_input, scale_pixels
from explorer.core.training import datasets

IMAGE_SUFFIXES = datasets.IMAGE_SUFFIXES


class Source:
    """Images in a fixed order, as the model takes them.

    Attributes:
        description: where they come from (``fashion-mnist test``, a folder path).
        count: images in all (after ``limit``).
        labels: ``(count,)`` class indices, or None when the images have no labels.
        class_names: the data set's class names, or None.
    """

    description: str
    count: int
    #: images have names of their own (files) worth keeping, not just an index
    named: bool = False
    labels: np.ndarray | None
    class_names: tuple[str, ...] | None

    def name(self, index: int) -> str:
        """What to call image ``index`` (a file's relative path, ``test #17``)."""
        raise NotImplementedError

    def thumbnail_pixels(self, index: int) -> np.ndarray:
        """Image ``index`` fitted to the model's size, before any inversion or padding:
        ``(H, W, C)`` uint8, the picture a user recognises, and one that the window, opening it,
        prepares exactly as the census did."""
        raise NotImplementedError

    @property
    def offset(self) -> tuple[int, int]:
        """Where the thumbnail's top-left pixel lies in the fed tensor (the padding)."""
        prep, spec = self._spec.preprocessing, self._spec
        if prep.pad_to is None:
            return (0, 0)
        return ((prep.pad_to[0] - spec.height) // 2, (prep.pad_to[1] - spec.width) // 2)

    @property
    def _thumb_spec(self) -> InputSpec:
        prep = dataclasses.replace(self._spec.preprocessing, invert=False, pad_to=None)
        return dataclasses.replace(self._spec, preprocessing=prep)

    def batches(self, start: int, size: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """``(tensor (B, …) float32, indices (B,) int64)`` from ``start`` to the end."""
        raise NotImplementedError


def _dataset_spec(spec: InputSpec) -> InputSpec:
    """The spec for data-set images: already light-on-dark as the model was trained, so the
    "auto" inversion meant for photos is off (an explicit inversion stays)."""
    prep = spec.preprocessing
    if prep.invert == "auto":
        prep = dataclasses.replace(prep, invert=False)
    return dataclasses.replace(spec, preprocessing=prep)


class ArraySource(Source):
    """A data set held as a ``uint8`` array (see :func:`datasets.resolve`)."""

    def __init__(self, split: datasets.DataSplit, spec: InputSpec, description: str,
                 limit: int | None = None):
        count = len(split) if limit is None else min(int(limit), len(split))
        self._images = split.images[:count]
        self.labels = split.labels[:count]
        self.class_names = split.class_names
        self.count = count
        self.description = description
        self._spec = _dataset_spec(spec)
        h, w = self._spec.height, self._spec.width
        self._same_size = (h, w) == tuple(self._images.shape[1:3]) and (
            self._images.shape[3] == self._spec.channels)

    def name(self, index: int) -> str:
        return f"{self.description} #{index}"

    def thumbnail_pixels(self, index: int) -> np.ndarray:
        image = from_array(self._images[index], name=self.name(index))
        return np.asarray(prepare_input(image, self._thumb_spec).fed_pixels)

    def _tensor(self, images: np.ndarray) -> np.ndarray:
        spec = self._spec
        if not self._same_size:  # fitted one by one, as the window would
            return np.concatenate([prepare_input(from_array(im), spec).tensor for im in images])
        pixels = images
        prep = spec.preprocessing
        if prep.invert is True:
            pixels = 255 - pixels
        if prep.pad_to is not None and prep.pad_to != pixels.shape[1:3]:
            ph, pw = prep.pad_to[0] - pixels.shape[1], prep.pad_to[1] - pixels.shape[2]
            pixels = np.pad(pixels, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2),
                                     (0, 0)))
        tensor = scale_pixels(pixels, prep)
        if spec.layout == "grey2d":
            tensor = tensor[..., 0]
        elif spec.layout == "flat":
            tensor = tensor.reshape(len(tensor), -1)
        return np.ascontiguousarray(tensor, np.float32)

    def batches(self, start: int, size: int):
        for first in range(start, self.count, size):
            last = min(first + size, self.count)
            yield self._tensor(self._images[first:last]), np.arange(first, last, dtype=np.int64)


class FolderSource(Source):
    """A folder of images: class sub-folders (labels) or the images themselves (no labels)."""

    def __init__(self, folder: Path, spec: InputSpec, limit: int | None = None,
                 fit: str = "crop"):
        folder = Path(folder)
        classes = sorted(p.name for p in folder.iterdir() if p.is_dir())
        files, labels = [], []
        if classes:
            for index, name in enumerate(classes):
                for file in sorted((folder / name).iterdir()):
                    if file.suffix.lower() in IMAGE_SUFFIXES:
                        files.append(file)
                        labels.append(index)
        else:
            files = [f for f in sorted(folder.iterdir()) if f.suffix.lower() in IMAGE_SUFFIXES]
        if not files:
            raise DataError(f"No images found under {folder}",
                            f"Add files ending in {', '.join(sorted(IMAGE_SUFFIXES))}, or one "
                            "sub-folder of them per class")
        count = len(files) if limit is None else min(int(limit), len(files))
        self._folder, self._files, self._spec, self._fit = folder, files[:count], spec, fit
        self.count = count
        self.labels = np.asarray(labels[:count], np.int64) if classes else None
        self.class_names = tuple(classes) if classes else None
        self.description = str(folder)
        self.named = True

    def name(self, index: int) -> str:
        return str(self._files[index].relative_to(self._folder))

    def _prepared(self, index: int):
        return prepare_input(load_image(self._files[index]), self._spec, self._fit)

    def thumbnail_pixels(self, index: int) -> np.ndarray:
        image = load_image(self._files[index])
        return np.asarray(prepare_input(image, self._thumb_spec, self._fit).fed_pixels)

    def batches(self, start: int, size: int):
        for first in range(start, self.count, size):
            last = min(first + size, self.count)
            yield (np.concatenate([self._prepared(i).tensor for i in range(first, last)]),
                   np.arange(first, last, dtype=np.int64))


def open_source(data: str, split: str, spec: InputSpec, *, limit: int | None = None
                ) -> Source:
    """A :class:`Source` for a ``--data`` argument.

    Args:
        data: ``fashion-mnist``, ``mnist``, a folder of IDX files, a digits CSV, a folder with
            one sub-folder of images per class, or a folder of images.
        split: ``train`` or ``test`` (for the named and IDX data sets).
        spec: the model's input spec (size, channels, preprocessing).
        limit: only the first ``limit`` images.

    Raises:
        DataError: nothing usable at ``data``, or a ``limit`` below 1.
    """
    if spec.height is None or spec.width is None:
        raise DataError("This model takes images of any size; a census needs one size for all",
                        "Save the model with a fixed input size (e.g. 224×224) and census that")
    if limit is not None and limit < 1:
        raise DataError("--limit must be at least 1", received=str(limit))
    if split not in ("train", "test"):
        raise DataError(f"Unknown split {split!r}", "Use train or test", received=split)
    path = Path(data)
    idx_folder = path.is_dir() and datasets.find_idx(path, datasets.IDX_NAMES[split][0])
    if data in ("fashion-mnist", "mnist") or idx_folder or (
            path.is_file() and path.name.endswith((".csv", ".csv.gz"))):
        loaded = datasets.resolve(data, split)
        label = f"{data} {split}" if data in ("fashion-mnist", "mnist") else loaded.source
        return ArraySource(loaded, spec, label, limit)
    if path.is_dir():
        return FolderSource(path, spec, limit)
    raise DataError(f"No data set at {data!r}",
                    "Use fashion-mnist, mnist, a folder of IDX .gz files, a digits CSV, a folder "
                    "with one sub-folder of images per class, or a folder of images")

