"""A small vertical colour bar: which colour means which value."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from explorer.widgets.qimages import pixmap_from_array

BAR_HEIGHT = 160
BAR_WIDTH = 14


def beside_bar(picture: QWidget, bar: "ColorBar") -> QWidget:
    """``picture`` with ``bar`` to its right, as one widget."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(picture, 1)
    layout.addWidget(bar)
    return row


class ColorBar(QWidget):
    """The colour map from the highest value (top) to the lowest (bottom), with the values."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.top = QLabel(" ")
        self.bottom = QLabel(" ")
        self.gradient = QLabel()
        for label in (self.top, self.bottom):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.addStretch(1)
        layout.addWidget(self.top)
        layout.addWidget(self.gradient, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.bottom)
        layout.addStretch(1)
        self.setToolTip(self.tr("Colour scale: which colour means which value"))

    def set_scale(self, lut: np.ndarray, low: float | None, high: float | None,
                  note: str = "") -> None:
        """Show ``lut`` (``(256, 4)`` uint8) between ``low`` and ``high``; ``note`` replaces
        the numbers when every tile has its own range."""
        column = np.asarray(lut)[::-1][:, np.newaxis, :]
        strip = np.repeat(np.repeat(column, BAR_WIDTH, axis=1), 1, axis=0)
        self.gradient.setPixmap(pixmap_from_array(np.ascontiguousarray(strip), BAR_HEIGHT,
                                                  smooth=False).scaled(BAR_WIDTH, BAR_HEIGHT))
        self.top.setText(note or (f"{high:.3g}" if high is not None else ""))
        self.bottom.setText("" if note else (f"{low:.3g}" if low is not None else ""))

    def labels(self) -> tuple[str, str]:
        """The texts at the top and the bottom."""
        return self.top.text(), self.bottom.text()
