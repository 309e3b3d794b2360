"""The original image beside the exact pixels fed to the model, and the steps between them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.core.text import UNTRAINED_NOTE
from explorer.widgets.qimages import pixmap_from_array

PREVIEW_SIDE = 180
PREVIEW_MIN_SIDE = 60
"""How small the previews may get when the dock is short (a small screen, tall CJK lines)."""
STEPS_MIN_HEIGHT = 48
#: (choice sent to the worker, what the menu says (English, shown translated)); None = as the
#: model file says
SCALINGS = ((None, QT_TRANSLATE_NOOP("InputView", "As the model says")),
            ("rescale", QT_TRANSLATE_NOOP("InputView", "rescale: x / 255")),
            ("tf", QT_TRANSLATE_NOOP("InputView", "tf: x / 127.5 − 1")),
            ("torch", QT_TRANSLATE_NOOP("InputView", "torch: ImageNet mean and std")),
            ("caffe", QT_TRANSLATE_NOOP("InputView", "caffe: BGR, minus the ImageNet mean")),
            ("raw", QT_TRANSLATE_NOOP("InputView", "raw: pixels 0–255")))


NOTES = {UNTRAINED_NOTE: QT_TRANSLATE_NOOP(
    "InputView", "Untrained weights (random, the same on every load): the layers' outputs show "
    "the architecture, the predictions mean nothing yet")}
"""The notes of ``explorer.core`` the view knows, in English (shown translated; the others,
such as a Keras 2 file's dropped arguments, stay as the core wrote them)."""


def note_words(note: str) -> str:
    """A note about the loaded model in the interface's language, when it is a known one."""
    return QCoreApplication.translate("InputView", NOTES[note]) if note in NOTES else note


class _Rows(QVBoxLayout):
    """A column whose widget asks for its least height, never a height for its width.

    Inside a scroll area a layout with word-wrapped labels is given the height it would like
    (the previews at full size) and scrolls at once; without height-for-width the area gives the
    view the dock's height, and scrolls only when that is below the view's least height (the
    wrapped labels' lines counted, see :meth:`InputView._fit_wrapped`)."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt naming
        """No: the view's least height is its minimum size."""
        return False


class InputView(QWidget):
    """Original | fed-to-the-model previews, with the pipeline steps listed under them, and the
    input scaling of a model file, which the user may override.

    Signals:
        scaling_chosen(object): the user picked an input scaling (a key of ``SCALINGS``, None
            for the model's own).
    """

    scaling_chosen = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scaling = QComboBox()
        for choice, text in SCALINGS:
            self.scaling.addItem(QCoreApplication.translate("InputView", text), choice)
        self.scaling.setToolTip(self.tr("How pixels are scaled for a model file whose card does "
                                        "not say (remembered for each file)"))
        self.scaling.setEnabled(False)
        self.scaling.activated.connect(
            lambda index: self.scaling_chosen.emit(self.scaling.itemData(index)))
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setVisible(False)
        self.original = _preview_label(self.tr("No image yet"))
        self.fed = _preview_label(self.tr("Not run yet"))
        self.original_caption = QLabel(self.tr("Original"))
        self.fed_caption = QLabel(self.tr("Fed to the model"))
        for caption in (self.original_caption, self.fed_caption):
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
        self.steps = QListWidget()
        self.steps.setToolTip(self.tr("Every step from the file to the tensor the model "
                                      "receives"))
        self.steps.setAlternatingRowColors(True)
        self.steps.setWordWrap(True)
        self.steps.setMinimumHeight(STEPS_MIN_HEIGHT)

        grid = QGridLayout()
        grid.addWidget(self.original, 0, 0)
        grid.addWidget(self.fed, 0, 1)
        grid.addWidget(self.original_caption, 1, 0)
        grid.addWidget(self.fed_caption, 1, 1)
        scaling_row = QHBoxLayout()
        scaling_row.addWidget(QLabel(self.tr("Input scaling:")))
        scaling_row.addWidget(self.scaling, 1)
        layout = _Rows(self)
        layout.addLayout(grid)
        layout.addLayout(scaling_row)
        layout.addWidget(self.notes)
        layout.addWidget(QLabel(self.tr("Pipeline")))
        layout.addWidget(self.steps, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Word-wrapped labels keep the height their lines need at the new width."""
        super().resizeEvent(event)
        self._fit_wrapped()

    def _fit_wrapped(self) -> None:
        """A layout counts a word-wrapped label's minimum as one line, so a short dock drew the
        captions over the previews (more so with the taller lines of CJK fonts): each wrapped
        label's minimum height is what its text needs at its width, and the dock's minimum
        grows with it instead."""
        for label in (self.original_caption, self.fed_caption, self.notes):
            if label.width() > 0:
                label.setMinimumHeight(label.heightForWidth(label.width()) if label.text()
                                       else 0)

    def show_image(self, image) -> None:
        """Show a ``LoadedImage`` as the original; the fed side waits for the next run."""
        self.original.setPixmap(pixmap_from_array(image.pixels, PREVIEW_SIDE))
        self.original_caption.setText(self.tr("Original · {width}×{height}").format(
            width=image.width, height=image.height))
        self._fit_wrapped()
        self.original.setToolTip(f"{image.name}: {image.source_format}, {image.source_mode}")

    def clear(self) -> None:
        """No image (the last one was removed)."""
        for preview, words in ((self.original, self.tr("No image yet")),
                               (self.fed, self.tr("Not run yet"))):
            preview.clear()
            preview.setText(words)
            preview.setToolTip("")
        self.original_caption.setText(self.tr("Original"))
        self.fed_caption.setText(self.tr("Fed to the model"))
        self.steps.clear()

    def show_prepared(self, image, prepared) -> None:
        """Show the fed pixels of a ``PreparedInput`` and every step from file to tensor."""
        self.show_image(image)
        fed = prepared.fed_pixels
        height, width = fed.shape[:2]
        channels = fed.shape[2] if fed.ndim == 3 else 1
        self.fed.setPixmap(pixmap_from_array(fed, PREVIEW_SIDE, smooth=False))
        self.fed_caption.setText(self.tr("Fed · {width}×{height}×{channels}").format(
            width=width, height=height, channels=channels))
        self._fit_wrapped()
        self.fed.setToolTip(self.tr("The exact pixels fed to the model; tensor shape {shape}, "
                                    "{dtype}").format(shape=tuple(prepared.tensor.shape),
                                                      dtype=prepared.tensor.dtype))
        self.steps.clear()
        for number, step in enumerate(prepared.steps, 1):  # the file's steps come first
            self.steps.addItem(f"{number}. {step}")

    def set_model(self, is_file: bool, choice: str | None, notes=()) -> None:
        """The shown model: scaling can be overridden for files; its notes (a Keras 2 file
        rebuilt, arguments dropped) are shown above the pipeline."""
        self.scaling.setEnabled(is_file)
        self.scaling.setCurrentIndex(max(0, self.scaling.findData(choice)))
        self.notes.setText("\n".join(note_words(note) for note in notes))
        self.notes.setVisible(bool(notes))
        self._fit_wrapped()

    def step_texts(self) -> list[str]:
        """The listed pipeline steps (for tests and export)."""
        return [self.steps.item(row).text() for row in range(self.steps.count())]


def _preview_label(placeholder: str) -> QLabel:
    label = QLabel(placeholder)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMinimumSize(PREVIEW_MIN_SIDE, PREVIEW_MIN_SIDE)
    label.setFrameShape(QLabel.Shape.StyledPanel)
    return label
