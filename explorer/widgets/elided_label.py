"""A one-line label that shortens its text with "…" instead of widening the panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    """Shows as much of its text as fits, ending in "…"; the whole text is in the tooltip.

    A long layer name no longer pushes the panel wider than the window (which squeezed the side
    docks). ``bold`` draws the text in bold.
    """

    def __init__(self, text: str = "", bold: bool = False, parent=None):
        super().__init__(parent)
        self._full = ""
        if bold:
            font = QFont(self.font())
            font.setBold(True)
            self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        """Set the text (shown elided when it does not fit)."""
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        """The whole text, however much of it is shown."""
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        """Same as :meth:`set_full_text` (rich text tags are dropped)."""
        import re

        self.set_full_text(re.sub(r"<[^>]+>", "", text))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(10, self.width() - 2))
        super().setText(shown)
