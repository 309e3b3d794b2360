"""Data sets for training and evaluation: IDX files, Keras's cache, MNIST CSV, image folders.

Everything returns uint8 arrays ``(N, H, W, C)`` and int labels ``(N,)`` plus class names; the
model's own preprocessing is applied later by :func:`explorer.core.training.fit.to_model_input`.
"""

from __future__ import annotations

import gzip
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from explorer.core.errors import DataError

FASHION_DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
IDX_NAMES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff"}


@dataclass(frozen=True)
class DataSplit:
    """One split of a data set.

    Attributes:
        images: ``(N, H, W, C)`` uint8.
        labels: ``(N,)`` int64.
        class_names: one name per class index.
        source: where it came from, for messages and model cards.
    """

    images: np.ndarray
    labels: np.ndarray
    class_names: tuple[str, ...]
    source: str

    def __len__(self) -> int:
        return len(self.labels)


def _open_maybe_gz(path: Path):
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")


def read_idx(path: str | Path) -> np.ndarray:
    """Read an IDX file (optionally gzipped) as a numpy array.

    Args:
        path: an ``*-idx3-ubyte[.gz]`` or ``*-idx1-ubyte[.gz]`` file.

    Returns:
        The array with the shape the header declares.

    Raises:
        DataError: when the file is missing or not an IDX file.
    """
    path = Path(path)
    try:
        with _open_maybe_gz(path) as fh:
            head = fh.read(4)
            if len(head) != 4 or head[0] != 0 or head[1] != 0 or head[2] != 0x08:
                raise DataError(f"{path} is not an IDX file of unsigned bytes",
                                "Use the original MNIST/Fashion-MNIST *-ubyte.gz files")
            ndim = head[3]
            dims = struct.unpack(">" + "I" * ndim, fh.read(4 * ndim))
            data = np.frombuffer(fh.read(), dtype=np.uint8)
    except OSError as exc:
        raise DataError(f"Cannot read {path}: {exc.strerror or exc}",
                        "Check the path and that the file is a complete IDX file") from None
    expected = int(np.prod(dims))
    if data.size != expected:
        raise DataError(f"{path} is truncated", "Download the file again",
                        expected=f"{expected} values", received=f"{data.size}")
    return data.reshape(dims)


def find_idx(folder: Path, stem: str) -> Path | None:
    for name in (stem + ".gz", stem, stem.replace("-idx", ".idx")):
        if (folder / name).exists():
            return folder / name
    return None


def load_idx_folder(folder: str | Path, split: str, class_names: tuple[str, ...]) -> DataSplit:
    """Load one split from a folder of IDX files (MNIST layout)."""
    folder = Path(folder)
    img_stem, lab_stem = IDX_NAMES[split]
    img, lab = find_idx(folder, img_stem), find_idx(folder, lab_stem)
    if img is None or lab is None:
        raise DataError(f"No {split} split in {folder}",
                        f"Put {img_stem}.gz and {lab_stem}.gz there",
                        expected="the MNIST IDX file names")
    images, labels = read_idx(img), read_idx(lab)
    if len(images) != len(labels):
        raise DataError(f"{img.name} and {lab.name} disagree on the number of items",
                        expected=str(len(images)), received=str(len(labels)))
    return DataSplit(images[..., None], labels.astype(np.int64), class_names, str(folder))


def load_mnist_csv(path: str | Path) -> DataSplit:
    """Load digits stored one per row: 784 pixel values 0–255 then the label."""
    from explorer.core.models.zoo.lenet import DIGIT_CLASSES

    try:
        with _open_maybe_gz(Path(path)) as fh:
            rows = np.loadtxt(fh, delimiter=",", dtype=np.int64)
    except (OSError, ValueError) as exc:
        raise DataError(f"Cannot read digits from {path}: {exc}",
                        "Expected a CSV of 784 pixel values then the label per row") from None
    if rows.ndim != 2 or rows.shape[1] != 785:
        raise DataError(f"{path} has the wrong shape", expected="785 columns",
                        received=str(rows.shape))
    images = rows[:, :784].astype(np.uint8).reshape(-1, 28, 28, 1)
    return DataSplit(images, rows[:, 784], DIGIT_CLASSES, str(path))


def load_image_folder(folder: str | Path, size: tuple[int, int], channels: int) -> DataSplit:
    """Load a folder with one sub-folder of images per class (names sorted)."""
    from explorer.core.pixels.images import fit_image, load_image, to_channels

    folder = Path(folder)
    classes = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    if len(classes) < 2:
        raise DataError(f"{folder} has fewer than two class sub-folders",
                        "Make one sub-folder of images per class, e.g. cats/ and dogs/")
    images, labels = [], []
    for index, name in enumerate(classes):
        for file in sorted((folder / name).iterdir()):
            if file.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            pixels, _ = fit_image(load_image(file).pixels, size[0], size[1], "crop")
            images.append(to_channels(pixels, channels))
            labels.append(index)
    if not images:
        raise DataError(f"No images found under {folder}",
                        f"Add files ending in {', '.join(sorted(IMAGE_SUFFIXES))}")
    return DataSplit(np.stack(images), np.asarray(labels, np.int64), tuple(classes), str(folder))


def _keras_cache_dir() -> Path:
    """Keras's data-set cache: ``datasets/`` beside the weights cache, same fallbacks."""
    from explorer.core.models.weights import keras_cache_dir

    return keras_cache_dir().parent / "datasets"


def load_named(name: str, split: str) -> DataSplit:
    """Load ``fashion-mnist`` or ``mnist`` from Debian's package, Keras's cache or a download.

    Args:
        name: ``fashion-mnist`` or ``mnist``.
        split: ``train`` or ``test``.
    """
    from explorer.core.models.zoo.fashion import FASHION_CLASSES
    from explorer.core.models.zoo.lenet import DIGIT_CLASSES

    if name == "fashion-mnist":
        classes = FASHION_CLASSES
        folders = [FASHION_DEBIAN_DIR, _keras_cache_dir() / "fashion-mnist"]
    elif name == "mnist":
        classes = DIGIT_CLASSES
        folders = [_keras_cache_dir() / "mnist"]
    else:
        raise DataError(f"Unknown data set {name!r}",
                        "Use fashion-mnist, mnist, a folder of IDX .gz files, or a folder "
                        "with one sub-folder of images per class")
    for folder in folders:
        if find_idx(folder, IDX_NAMES[split][0]):
            return load_idx_folder(folder, split, classes)
    if name == "mnist" and (_keras_cache_dir() / "mnist.npz").exists():
        with np.load(_keras_cache_dir() / "mnist.npz") as npz:
            key = "x_train" if split == "train" else "x_test"
            lab = "y_train" if split == "train" else "y_test"
            return DataSplit(npz[key][..., None], npz[lab].astype(np.int64), classes,
                             str(_keras_cache_dir() / "mnist.npz"))
    return _download_with_keras(name, split, classes)


def _download_with_keras(name: str, split: str, classes) -> DataSplit:
    import keras

    loader = keras.datasets.fashion_mnist if name == "fashion-mnist" else keras.datasets.mnist
    try:
        (x_tr, y_tr), (x_te, y_te) = loader.load_data()
    except Exception as exc:  # Keras raises a bare Exception when offline
        hint = ("apt-get install dataset-fashion-mnist, or " if name == "fashion-mnist" else "")
        raise DataError(f"{name} is not on this machine and could not be downloaded ({exc})",
                        f"Connect to the internet, or {hint}pass --data with a folder of the "
                        "IDX .gz files") from None
    x, y = (x_tr, y_tr) if split == "train" else (x_te, y_te)
    return DataSplit(x[..., None], y.astype(np.int64), classes, f"keras.datasets.{name}")


def resolve(data: str, split: str, *, size=(28, 28), channels: int = 1) -> DataSplit:
    """Turn a ``--data`` argument into a split.

    Args:
        data: a data set name, a folder of IDX files, a digits CSV, or a class-folder tree.
        split: ``train`` or ``test``.
        size: (H, W) images are fitted to, for class-folder trees.
        channels: 1 or 3, for class-folder trees.
    """
    path = Path(data)
    if data in ("fashion-mnist", "mnist"):
        return load_named(data, split)
    if path.is_file() and path.name.endswith((".csv", ".csv.gz")):
        return load_mnist_csv(path)
    if path.is_dir():
        if find_idx(path, IDX_NAMES[split][0]):
            from explorer.core.models.zoo.fashion import FASHION_CLASSES
            from explorer.core.models.zoo.lenet import DIGIT_CLASSES
            names = FASHION_CLASSES if "fashion" in str(path).lower() else DIGIT_CLASSES
            return load_idx_folder(path, split, names)
        if any(p.is_dir() for p in path.iterdir()):
            return load_image_folder(path, size, channels)
        raise DataError(f"No {split} split in {path}",
                        f"Put {IDX_NAMES[split][0]}.gz and {IDX_NAMES[split][1]}.gz there, or "
                        "one sub-folder of images per class")
    raise DataError(f"No data set at {data!r}",
                    "Use fashion-mnist, mnist, a folder of IDX .gz files, a digits CSV, or a "
                    "folder with one sub-folder of images per class")
