"""The Unit panel: one unit of one layer — where it looks and how its value was computed.

A click on a pixel of a feature map (a mosaic tile or the enlarged channel) selects the unit.
The panel draws its theoretical receptive field as a box over the fed pixels and over the
original photo (mapped back through the crop and padding), its effective receptive field as a
heat map, the arithmetic that rebuilds its value, and what the layer type does.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import (
    QGraphicsRectItem,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from explorer.widgets.core_texts import core_text
from explorer.widgets.explain_view import OverlayPane
from explorer.widgets.qimages import as_rgb

BOX_PEN = (0, 200, 255)
PADDING_PEN = (255, 90, 90)
PANE_MIN_HEIGHT = 170


class BoxPane(OverlayPane):
    """An image with a heat map and a rectangle over it."""

    def __init__(self, title: str, parent=None):
        super().__init__(title, parent)
        self.rect = QGraphicsRectItem()
        self.rect.setPen(pg.mkPen(BOX_PEN, width=2, cosmetic=True))
        self.rect.setZValue(5)
        self.rect.hide()
        self.plot.addItem(self.rect)
        self.full = QGraphicsRectItem()  # the part on padding, dashed
        self.full.setPen(pg.mkPen(PADDING_PEN, width=1, cosmetic=True, style=pg.QtCore.Qt.DashLine))
        self.full.setZValue(4)
        self.full.hide()
        self.plot.addItem(self.full)

    def show_box(self, box: tuple[float, float, float, float] | None,
                 full: tuple[float, float, float, float] | None = None) -> None:
        """Outline ``box`` (top, left, bottom, right, inclusive pixels); ``full`` dashed when it
        reaches past the image (onto padding)."""
        for item, value in ((self.rect, box), (self.full, full)):
            if value is None:
                item.hide()
                continue
            top, left, bottom, right = value
            item.setRect(left, top, right - left + 1, bottom - top + 1)
            item.show()
        width, height = self.image.width() or 1, self.image.height() or 1
        self.plot.setRange(xRange=(0, width), yRange=(0, height), padding=0.04)  # the image,
        # not a receptive field that reaches far past it

    def box_rect(self) -> tuple[float, float, float, float] | None:
        """``(top, left, bottom, right)`` of the drawn box, or None."""
        if not self.rect.isVisible():
            return None
        r = self.rect.rect()
        return r.y(), r.x(), r.y() + r.height() - 1, r.x() + r.width() - 1


def to_original(box, prepared) -> tuple[float, float, float, float]:
    """A box in fed pixels mapped onto the original photo (through padding and the crop)."""
    top, left, bottom, right = box
    c_top, c_left, c_bottom, c_right = prepared.content_box
    s_top, s_left, s_bottom, s_right = prepared.source_box
    fy = (s_bottom - s_top) / max(1, c_bottom - c_top)
    fx = (s_right - s_left) / max(1, c_right - c_left)
    top, bottom = max(top, c_top), min(bottom, c_bottom - 1)
    left, right = max(left, c_left), min(right, c_right - 1)
    return (s_top + (top - c_top) * fy, s_left + (left - c_left) * fx,
            s_top + (bottom + 1 - c_top) * fy - 1, s_left + (right + 1 - c_left) * fx - 1)


class UnitView(QWidget):
    """The Unit panel (a dock)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._result = None
        self.header = QLabel(self.tr("Click a pixel of a feature map to pick a unit"))
        self.header.setWordWrap(True)
        self.where = QLabel(" ")
        self.where.setWordWrap(True)
        self.fed = BoxPane(self.tr("Fed to the model"))
        self.original = BoxPane(self.tr("Original"))
        self.arithmetic = QPlainTextEdit()
        self.arithmetic.setReadOnly(True)
        self.arithmetic.setToolTip(self.tr("How this unit's value was computed from its input"))
        self.card = QLabel(" ")
        self.card.setWordWrap(True)
        for pane in (self.fed, self.original):
            pane.bar.hide()  # the dock is narrow: the pictures get the room ("Heat" is said)
            pane.setMinimumHeight(PANE_MIN_HEIGHT)
        self.arithmetic.setMinimumHeight(90)
        panes = QVBoxLayout()  # one above the other: the dock is narrower than it is tall
        panes.addWidget(self.fed, 1)
        panes.addWidget(self.original, 1)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.header)
        inner.addWidget(self.where)
        inner.addLayout(panes, 2)
        inner.addWidget(self.arithmetic, 1)
        inner.addWidget(self.card)
        scroll = QScrollArea()  # a small window scrolls instead of squeezing the pictures
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _unit_words(self, channel: int, row, col) -> str:
        if row is None:
            return self.tr("channel {channel}").format(channel=channel)
        return self.tr("channel {channel} at ({row}, {col})").format(channel=channel, row=row,
                                                                     col=col)

    @property
    def result(self):
        """The shown ``UnitResult`` or None."""
        return self._result

    def show_waiting(self, path: str, channel: int, row, col) -> None:
        """A unit was picked; its numbers are on their way."""
        self.header.setText(f"{path} · " + self._unit_words(channel, row, col) + " · "
                            + self.tr("computing…"))

    def show_result(self, result, original_pixels: np.ndarray) -> None:
        """Show a ``UnitResult``."""
        self._result = result
        r = result.request
        a = result.arithmetic
        value = f" = {a.shown:.6g}" if a is not None else ""
        self.header.setText(f"{r.path} · " + self._unit_words(r.channel, r.row, r.col) + value)
        fed = as_rgb(result.prepared.fed_pixels)
        self.fed.show(fed, result.effective)
        self.original.show(as_rgb(original_pixels), None)
        box = result.box
        if box is not None:
            self.fed.show_box(box.box, box.full if box.padding else None)
            self.original.show_box(to_original(box.box, result.prepared))
            top, left, bottom, right = box.box
            parts = [self.tr("Receptive field {height}×{width}: rows {top}…{bottom}, columns "
                             "{left}…{right} of the fed image").format(
                height=box.size[0], width=box.size[1], top=top, bottom=bottom, left=left,
                right=right)]
            if box.padding:
                parts.append(self.tr("part of it is padding (dashed)"))
            if box.global_context:
                parts.append(self.tr("it also depends on the whole image through a "
                                     "global-pooling branch"))
            parts.append(self.tr("heat: the effective field, |∂unit/∂pixel|"))
            text = parts[0]
            for part in parts[1:]:
                text = self.tr("{first}; {then}").format(first=text, then=part)
            self.where.setText(self.tr("{sentence}.").format(sentence=text))
        else:
            self.fed.show_box(None)
            self.original.show_box(None)
            self.where.setText(core_text(result.box_note))
        self.arithmetic.setPlainText("\n".join(a.lines) if a is not None
                                     else core_text(result.arithmetic_note))
        self.card.setText(result.card)

    def clear(self) -> None:
        """Nothing picked (a new model)."""
        self._result = None
        self.header.setText(self.tr("Click a pixel of a feature map to pick a unit"))
        self.where.setText(" ")
        self.arithmetic.setPlainText("")
        self.card.setText(" ")
        for pane in (self.fed, self.original):
            pane.show(np.zeros((2, 2, 3), np.uint8), None)
            pane.show_box(None)

