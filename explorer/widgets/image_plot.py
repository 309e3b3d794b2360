"""One zoomable, pannable image (pyqtgraph ``ImageItem``) that reports the pixel under the mouse.

The base of the feature-map mosaic, the large single channel and the kernel views. The axis
order is row-major and the levels of value images are always explicit, so the contrast is ours
and stable (colour images are shown as they are).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QImage, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem

from explorer.widgets.qimages import qimage_from_array

GRID_COLOUR = (70, 70, 70)


class ImagePlot(pg.GraphicsLayoutWidget):
    """A single image in a view box: wheel zooms, drag pans, aspect ratio locked.

    Double-click resets the zoom.

    Signals:
        hovered(int, int): image row and column under the mouse; ``(-1, -1)`` off the image.
        clicked(int, int): image row and column of a left click on the image.
        step_requested(int): ↑ (-1) or ↓ (+1) was pressed while the plot had focus.
    """

    hovered = Signal(int, int)
    clicked = Signal(int, int)
    step_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view = self.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
        self.view.setDefaultPadding(0.01)
        self.item = pg.ImageItem(axisOrder="row-major")
        self.view.addItem(self.item)
        self._shape: tuple[int, int] | None = None
        self._highlight = QGraphicsRectItem()
        self._highlight.setPen(pg.mkPen((255, 60, 60), width=2, cosmetic=True))
        self._highlight.setZValue(10)
        self._highlight.hide()
        self.view.addItem(self._highlight)
        self._grid = QGraphicsPathItem()  # tile separators, one screen pixel at any zoom
        self._grid.setPen(pg.mkPen(GRID_COLOUR, width=1, cosmetic=True))
        self._grid.setZValue(5)
        self.view.addItem(self._grid)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)

    @property
    def image_shape(self) -> tuple[int, int] | None:
        """``(rows, cols)`` of the image shown, or ``None``."""
        return self._shape

    def set_rgba(self, rgba: np.ndarray, *, keep_view: bool = False) -> None:
        """Show ``(H, W, 4)`` (or ``(H, W, 3)``) uint8 pixels as they are.

        Without levels pyqtgraph wraps the pixels in a ``QImage`` as they are; with levels
        (0, 255), which change nothing, it converted every pixel again on each repaint."""
        self._set(rgba, dict(levels=None, lut=None), keep_view)

    def set_values(self, values: np.ndarray, lut: np.ndarray, levels: tuple[float, float], *,
                   keep_view: bool = False) -> None:
        """Show a 2-D float array through ``lut`` (``(256, 4)`` uint8) between ``levels``."""
        low, high = float(levels[0]), float(levels[1])
        if not high > low:
            high = low + 1e-6
        self._set(np.asarray(values, dtype=np.float32), dict(levels=(low, high), lut=lut),
                  keep_view)

    def highlight(self, top: int, left: int, height: int, width: int) -> None:
        """Outline a rectangle of the image (the clicked tile) in red."""
        self._highlight.setRect(left, top, width, height)
        self._highlight.show()

    def clear_highlight(self) -> None:
        """Remove the outline."""
        self._highlight.hide()

    def highlighted(self) -> tuple[float, float, float, float] | None:
        """``(top, left, height, width)`` of the outline, or None."""
        if not self._highlight.isVisible():
            return None
        r = self._highlight.rect()
        return r.y(), r.x(), r.height(), r.width()

    def set_grid(self, rows: list[float], cols: list[float]) -> None:
        """Draw separator lines across the image at ``rows`` (y) and ``cols`` (x), in image
        coordinates; they are cosmetic, so they stay visible when the mosaic is zoomed out
        (a 1-pixel gap in the picture itself would vanish when scaled down)."""
        path = QPainterPath()
        if self._shape is not None:
            height, width = self._shape
            for y in rows:
                path.moveTo(0, y)
                path.lineTo(width, y)
            for x in cols:
                path.moveTo(x, 0)
                path.lineTo(x, height)
        self._grid.setPath(path)

    def grid_lines(self) -> int:
        """How many separator lines are drawn."""
        path = self._grid.path()
        return sum(1 for i in range(path.elementCount()) if path.elementAt(i).isMoveTo())

    def clear_image(self) -> None:
        """Show nothing."""
        self.item.clear()
        self._shape = None
        self._grid.setPath(QPainterPath())

    def export_image(self) -> QImage:
        """The shown image at full resolution (one image pixel a PNG pixel)."""
        data = self.item.image
        if data is None:
            return self.grab().toImage()
        if data.dtype == np.uint8:
            return qimage_from_array(data)
        pixmap = self.item.getPixmap()  # the float image through its LUT and levels
        return pixmap.toImage() if pixmap is not None else self.grab().toImage()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """↑/↓ step through layers; everything else as usual."""
        if event.key() == Qt.Key.Key_Up:
            self.step_requested.emit(-1)
        elif event.key() == Qt.Key.Key_Down:
            self.step_requested.emit(1)
        else:
            super().keyPressEvent(event)

    def _set(self, data: np.ndarray, opts: dict, keep_view: bool) -> None:
        same_shape = self._shape == data.shape[:2]
        self.item.setImage(data, autoLevels=False, **opts)
        self._shape = data.shape[:2]
        if not (keep_view and same_shape):
            self.view.autoRange(padding=0.01)

    def _pixel(self, scene_pos: QPointF) -> tuple[int, int] | None:
        if self._shape is None or not self.view.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.item.mapFromScene(scene_pos)
        row, col = int(np.floor(point.y())), int(np.floor(point.x()))
        if 0 <= row < self._shape[0] and 0 <= col < self._shape[1]:
            return row, col
        return None

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        pixel = self._pixel(scene_pos)
        self.hovered.emit(*(pixel or (-1, -1)))

    def reset_zoom(self) -> None:
        """Show the whole image again (a double-click does this)."""
        self.view.autoRange(padding=0.01)

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if event.double():
            self.reset_zoom()
            return
        pixel = self._pixel(event.scenePos())
        if pixel is not None:
            self.clicked.emit(*pixel)
