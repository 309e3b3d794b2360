"""The original image beside the exact pixels fed to the model, and the steps between them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from explorer.widgets.qimages import pixmap_from_array

PREVIEW_SIDE = 180


class InputView(QWidget):
    """Original | fed-to-the-model previews, with the pipeline steps listed under them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.original = _preview_label("No image yet")
        self.fed = _preview_label("Not run yet")
        self.original_caption = QLabel("Original")
        self.fed_caption = QLabel("Fed to the model")
        for caption in (self.original_caption, self.fed_caption):
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
        self.steps = QListWidget()
        self.steps.setToolTip("Every step from the file to the tensor the model receives")
        self.steps.setAlternatingRowColors(True)
        self.steps.setWordWrap(True)

        grid = QGridLayout()
        grid.addWidget(self.original, 0, 0)
        grid.addWidget(self.fed, 0, 1)
        grid.addWidget(self.original_caption, 1, 0)
        grid.addWidget(self.fed_caption, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(QLabel("Pipeline"))
        layout.addWidget(self.steps, 1)

    def show_image(self, image) -> None:
        """Show a ``LoadedImage`` as the original; the fed side waits for the next run."""
        self.original.setPixmap(pixmap_from_array(image.pixels, PREVIEW_SIDE))
        self.original_caption.setText(f"Original · {image.width}×{image.height}")
        self.original.setToolTip(f"{image.name}: {image.source_format}, {image.source_mode}")

    def show_prepared(self, image, prepared) -> None:
        """Show the fed pixels of a ``PreparedInput`` and every step from file to tensor."""
        self.show_image(image)
        fed = prepared.fed_pixels
        height, width = fed.shape[:2]
        channels = fed.shape[2] if fed.ndim == 3 else 1
        self.fed.setPixmap(pixmap_from_array(fed, PREVIEW_SIDE, smooth=False))
        self.fed_caption.setText(f"Fed · {width}×{height}×{channels}")
        self.fed.setToolTip(f"The exact pixels fed to the model; tensor shape "
                            f"{tuple(prepared.tensor.shape)}, {prepared.tensor.dtype}")
        self.steps.clear()
        for number, step in enumerate(prepared.steps, 1):  # the file's steps come first
            self.steps.addItem(f"{number}. {step}")

    def step_texts(self) -> list[str]:
        """The listed pipeline steps (for tests and export)."""
        return [self.steps.item(row).text() for row in range(self.steps.count())]


def _preview_label(placeholder: str) -> QLabel:
    label = QLabel(placeholder)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMinimumSize(PREVIEW_SIDE // 2, PREVIEW_SIDE // 2)
    label.setFrameShape(QLabel.Shape.StyledPanel)
    return label
