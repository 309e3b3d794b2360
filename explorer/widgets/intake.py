"""What the user hands the window — dropped files, pasted images — as loader sources.

Every way in ends as ``(sources, names)`` for :class:`explorer.worker.messages.LoadImages`: file
paths (the worker decodes them, and reports folders and bad files clearly) or encoded PNG bytes
for raw images from the clipboard or another program.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QWidget

from explorer.widgets.qimages import png_bytes

IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "Intake", "Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff *.ppm *.pgm);;"
    "All files (*)")
MODEL_FILTER = QT_TRANSLATE_NOOP("Intake", "Keras models (*.keras *.h5 *.hdf5);;All files (*)")
WEIGHTS_FILTER = QT_TRANSLATE_NOOP(
    "Intake", "Keras weights (*.weights.h5 *.h5 *.hdf5 *.keras);;All files (*)")
"""File-dialog filters in English; :func:`image_filter` and friends give them translated."""
PASTED_NAME = QT_TRANSLATE_NOOP("Intake", "pasted image")
DROPPED_NAME = QT_TRANSLATE_NOOP("Intake", "dropped image")


def translated(text: str) -> str:
    """``text`` (a message of the ``Intake`` context) in the interface's language."""
    return QCoreApplication.translate("Intake", text)


def image_filter() -> str:
    """The Open images dialog's filter, translated."""
    return translated(IMAGE_FILTER)


def model_filter() -> str:
    """The Open model dialog's filter, translated."""
    return translated(MODEL_FILTER)


def weights_filter() -> str:
    """The Pick a weights file dialog's filter, translated."""
    return translated(WEIGHTS_FILTER)


def has_images(mime: QMimeData | None) -> bool:
    """True when ``mime`` carries local files or an image the window can take."""
    if mime is None:
        return False
    return any(url.isLocalFile() for url in mime.urls()) or mime.hasImage()


def sources_from_mime(mime: QMimeData | None, *, name: str | None = None
                      ) -> tuple[tuple[str | bytes, ...], tuple[str | None, ...]]:
    """Loader sources from dropped or pasted data.

    Local file URLs win (each file, in order; folders too, so the worker can say why it will
    not open them); otherwise an image in the data is encoded as PNG bytes called ``name``
    ("pasted image", translated, when None).

    Returns:
        ``(sources, names)``; both empty when ``mime`` holds neither.
    """
    if mime is None:
        return (), ()
    paths = tuple(url.toLocalFile() for url in mime.urls() if url.isLocalFile())
    if paths:
        return paths, (None,) * len(paths)
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            return (png_bytes(image),), (translated(PASTED_NAME) if name is None else name,)
    return (), ()


def choose_files(parent: QWidget, title: str, folder: str, name_filter: str, *,
                 many: bool = False) -> list[str]:
    """Ask for one file (or several with ``many``); an empty list when cancelled."""
    if many:
        paths, _ = QFileDialog.getOpenFileNames(parent, title, folder, name_filter)
        return list(paths)
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, name_filter)
    return [path] if path else []


def choose_png_target(parent: QWidget, folder: str, name: str) -> str | None:
    """Ask where to save a PNG; the path ends in ``.png``, ``None`` when cancelled."""
    start = str(Path(folder or ".") / name)
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Intake", "Save view as PNG"), start,
        QCoreApplication.translate("Intake", "PNG (*.png)"))
    if not path:
        return None
    return path if path.lower().endswith(".png") else path + ".png"
