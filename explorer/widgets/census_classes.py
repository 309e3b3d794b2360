"""The Census tab's Classes page: the confusion matrix as a heat map (rows: true class,
columns: predicted; counts and class names for up to 20 classes) and, for a clicked cell, its
images, which open in the window on a click."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from explorer.core.pixels.colormaps import colormap
from explorer.widgets.image_plot import ImagePlot
from explorer.widgets.qimages import crop_pixmap

CELL_IMAGES = 60
CELL_ICON = 56
MAX_LABELLED = 20


class ClassesPage(QSplitter):
    """The confusion matrix and the images of its clicked cell.

    Signals:
        image_requested(str, str, str, int, int, int): an image of a cell was clicked: its
            thumbnail file and name, then ``""``, -1, -1, -1 (no layer or unit to show).
        thumbnails_wanted(tuple): data-set indices of the cell lacking thumbnails.
    """

    image_requested = Signal(str, str, str, int, int, int)
    thumbnails_wanted = Signal(tuple)

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.data = None
        self._cell: tuple[int, int] | None = None
        self._labels: list = []
        self.confusion = ImagePlot()
        self.confusion.setMinimumSize(200, 200)
        self.confusion.clicked.connect(self.on_cell_clicked)
        self.confusion.hovered.connect(self._on_cell_hovered)
        self.cell_label = QLabel(self.tr("Click a cell to list its images."))
        self.cell_label.setWordWrap(True)
        self.cell_list = QListWidget()
        self.cell_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.cell_list.setIconSize(QSize(CELL_ICON, CELL_ICON))
        self.cell_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.cell_list.setMinimumWidth(150)
        self.cell_list.itemActivated.connect(self._on_cell_image)
        self.cell_list.itemClicked.connect(self._on_cell_image)
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.cell_label)
        layout.addWidget(self.cell_list, 1)
        self.addWidget(self.confusion)
        self.addWidget(side)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)

    def show_census(self, data) -> None:
        """Draw ``data``'s confusion matrix (or say why there is none)."""
        self.data, self._cell = data, None
        self.cell_list.clear()
        if data.confusion is None:
            self.confusion.set_rgba(np.zeros((1, 1, 4), np.uint8))
            self._label(np.zeros((0, 0)), np.zeros((0, 0)))
            self.cell_label.setText(self.tr("No confusion matrix: the images have no labels, or "
                                            "the model is not a classifier."))
            return
        counts = np.asarray(data.confusion, np.float64)
        shares = counts / np.maximum(counts.sum(1, keepdims=True), 1)  # of each true class
        rgba = colormap("viridis")[np.clip((np.sqrt(shares) * 255).round().astype(int), 0, 255)]
        self.confusion.set_rgba(np.ascontiguousarray(rgba))
        self._label(counts, shares)
        self.cell_label.setText(self.tr("Rows: true class; columns: predicted. Click a cell to "
                                        "list its images."))

    def _label(self, counts: np.ndarray, shares: np.ndarray) -> None:
        """Counts in the cells and class names along the sides (up to 20 classes)."""
        for item in self._labels:
            self.confusion.view.removeItem(item)
        self._labels = []
        n = counts.shape[0]
        if not 0 < n <= MAX_LABELLED:
            return
        for i in range(n):
            for j in range(n):
                colour = (20, 20, 20) if shares[i, j] > 0.5 else (235, 235, 235)
                text = pg.TextItem(str(int(counts[i, j])), color=colour, anchor=(0.5, 0.5))
                text.setPos(j + 0.5, i + 0.5)
                self._labels.append(text)
            row = pg.TextItem(self._class_name(i), color=(200, 200, 200), anchor=(1, 0.5))
            row.setPos(-0.1, i + 0.5)
            column = pg.TextItem(self._class_name(i), color=(200, 200, 200), anchor=(1, 0.5),
                                 angle=90)
            column.setPos(i + 0.5, n + 0.1)
            self._labels += [row, column]
        for item in self._labels:
            self.confusion.view.addItem(item)
        margin = 3 if n <= 12 else 4  # room for the names, which have no extent of their own
        self.confusion.view.setRange(xRange=(-margin, n), yRange=(0, n + margin), padding=0.02)

    def _class_name(self, index: int) -> str:
        names = self.data.class_names if self.data is not None else None
        return names[index] if names and index < len(names) else f"class {index}"

    def _on_cell_hovered(self, row: int, col: int) -> None:
        if self.data is None or self.data.confusion is None or row < 0:
            return
        self.confusion.setToolTip(self.tr("true {true} → predicted {predicted}: {count} images"
                                          ).format(true=self._class_name(row),
                                                   predicted=self._class_name(col),
                                                   count=int(self.data.confusion[row, col])))

    def on_cell_clicked(self, row: int, col: int) -> None:
        """List the images of cell (true ``row``, predicted ``col``); ask for missing
        thumbnails."""
        if self.data is None or self.data.confusion is None:
            return
        self._cell = (row, col)
        indices = self.data.cell(row, col)
        self.cell_label.setText(self.tr("True {true}, predicted {predicted}: {count} images"
                                        "{more}").format(
            true=self._class_name(row), predicted=self._class_name(col),
            count=f"{len(indices):,}",
            more=self.tr(" (the first {n} shown)").format(n=CELL_IMAGES)
            if len(indices) > CELL_IMAGES else ""))
        shown = tuple(int(i) for i in indices[:CELL_IMAGES])
        self._fill(shown)
        missing = tuple(i for i in shown if self.data.thumbnail(i) is None)
        if missing:
            self.thumbnails_wanted.emit(missing)

    def _fill(self, indices) -> None:
        self.cell_list.clear()
        for index in indices:
            thumb = self.data.thumbnail(index)
            item = QListWidgetItem(self.data.image_name(index).rsplit("#", 1)[-1])
            item.setToolTip(self.data.image_name(index))
            item.setData(Qt.ItemDataRole.UserRole, index)
            if thumb is not None:
                item.setIcon(QIcon(crop_pixmap(thumb, None, (0, 0), CELL_ICON)))
            self.cell_list.addItem(item)

    def thumbnails_ready(self) -> None:
        """Thumbnails for the open cell were written: show them."""
        if self._cell is not None and self.data is not None:
            self._fill(tuple(int(i) for i in self.data.cell(*self._cell)[:CELL_IMAGES]))

    def _on_cell_image(self, item: QListWidgetItem) -> None:
        index = int(item.data(Qt.ItemDataRole.UserRole))
        thumb = self.data.thumbnail(index) if self.data is not None else None
        if thumb is not None:
            self.image_requested.emit(str(thumb), self.data.image_name(index), "", -1, -1, -1)
