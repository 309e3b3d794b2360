"""The Census tab: a whole data set through the model, per channel of the selected layer.

Channels: a sortable table (mean, max, zero and saturated fractions, dead) and small multiples,
each channel's top images cropped to the box of input pixels its maximum unit sees; dead
channels (zero on every image) are flagged. Classes: the confusion matrix as a heat map; a click
on a cell lists its images. A click on any image opens it in the window at that unit.
The numbers come from ``core.census.results.CensusData`` (no TensorFlow here).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.widgets.census_classes import ClassesPage
from explorer.widgets.flow_layout import flow_row
from explorer.widgets.qimages import crop_pixmap

DATASETS = ("fashion-mnist", "mnist")
CROP_SIDE = 44
MOSAIC_CHANNELS = 48
DEAD_COLOUR = "#d33c3c"


class NumberItem(QTableWidgetItem):
    """A table cell that sorts by its number, not its text."""

    def __init__(self, text: str, value: float):
        super().__init__(text)
        self.value = float(value)
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other):  # noqa: D105 - Qt's sort
        return self.value < getattr(other, "value", 0.0)


class CropButton(QToolButton):
    """One top image of a channel, cropped to its unit's box; a click opens it there."""

    def __init__(self, pixmap: QPixmap, tip: str, parent=None):
        super().__init__(parent)
        self.setIcon(QIcon(pixmap))
        self.setIconSize(QSize(CROP_SIDE, CROP_SIDE))
        self.setFixedSize(CROP_SIDE + 6, CROP_SIDE + 6)
        self.setAutoRaise(True)
        self.setToolTip(tip)


def _labelled(text: str, widget: QWidget) -> QWidget:
    """A label and its field, kept together when a row wraps."""
    pair = QWidget()
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(QLabel(text))
    row.addWidget(widget)
    return pair


class CensusView(QWidget):
    """The Census tab.

    Signals:
        run_requested(dict): the user asked for a census (``data``, ``split``, ``limit``,
            ``top``, ``folder``, ``resume``).
        stop_requested(): Stop was pressed.
        open_requested(str): a census folder to reopen.
        image_requested(str, str, str, int, int, int): a top or cell image was clicked: its
            thumbnail file, its name, then the layer, channel, row and column to show (layer
            ``""`` for an image of a confusion cell).
        thumbnails_wanted(tuple): data-set indices of a cell lacking thumbnails.
    """

    run_requested = Signal(dict)
    stop_requested = Signal()
    open_requested = Signal(str)
    image_requested = Signal(str, str, str, int, int, int)
    thumbnails_wanted = Signal(tuple)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data = None
        self.layer_path: str | None = None
        self._build()
        self.set_running(False)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.data_box = QComboBox()
        self.data_box.setEditable(True)
        self.data_box.addItems(DATASETS)
        self.data_box.setMinimumContentsLength(12)
        self.data_box.setToolTip(self.tr("fashion-mnist, mnist, or a folder of images (with one "
                                         "sub-folder per class for accuracy)"))
        self.folder_button = QPushButton(self.tr("Folder…"))
        self.split_box = QComboBox()
        for split, text in (("test", self.tr("test")), ("train", self.tr("train"))):
            self.split_box.addItem(text, split)
        self.limit_box = QSpinBox()
        self.limit_box.setRange(0, 10_000_000)
        self.limit_box.setSingleStep(1000)
        self.limit_box.setSpecialValueText(self.tr("all"))
        self.limit_box.setValue(0)
        self.top_box = QSpinBox()
        self.top_box.setRange(1, 64)
        self.top_box.setValue(9)
        self.run_button = QPushButton(self.tr("Run census"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.resume_button = QPushButton(self.tr("Resume"))
        self.open_button = QPushButton(self.tr("Open…"))
        parts = []  # what to census and what to do: one row that wraps in a narrow window
        for label, widget in ((self.tr("Data"), self.data_box), (None, self.folder_button),
                              (self.tr("Split"), self.split_box),
                              (self.tr("Images"), self.limit_box),
                              (self.tr("Top"), self.top_box)):
            parts.append(_labelled(label, widget) if label else widget)
        parts += [self.run_button, self.stop_button, self.resume_button, self.open_button]
        controls = flow_row(*parts)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Channel"), self.tr("Mean"), self.tr("Max"), self.tr("Zero"),
            self.tr("Saturated"), self.tr("Dead")])
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumWidth(220)
        self.table.horizontalHeader().sortIndicatorChanged.connect(lambda *_: self._fill_mosaic())
        self.mosaic = QWidget()
        self.mosaic_grid = QGridLayout(self.mosaic)
        self.mosaic_grid.setSpacing(6)
        self.mosaic_grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.mosaic)
        self.mosaic_scroll = scroll
        self._cells: list[QWidget] = []
        self._columns = 0
        self.layer_label = QLabel()
        self.layer_label.setWordWrap(True)
        mosaic_side = QWidget()
        side = QVBoxLayout(mosaic_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.layer_label)
        side.addWidget(scroll, 1)
        channels = QSplitter(Qt.Orientation.Horizontal)
        channels.addWidget(self.table)
        channels.addWidget(mosaic_side)
        channels.setStretchFactor(1, 2)
        self._split_once = False
        self.channels_splitter = channels
        channels.splitterMoved.connect(lambda *_: self._reflow())

        self.classes = ClassesPage()
        self.classes.image_requested.connect(self.image_requested)
        self.classes.thumbnails_wanted.connect(self.thumbnails_wanted)
        # what the tests and the actions reach through the view
        self.cell_list, self.cell_label = self.classes.cell_list, self.classes.cell_label

        self.pages = QTabWidget()
        self.pages.addTab(channels, self.tr("Channels"))
        self.pages.addTab(self.classes, self.tr("Classes"))
        layout = QVBoxLayout(self)
        layout.addWidget(controls)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)

        self.folder_button.clicked.connect(self._choose_data_folder)
        self.run_button.clicked.connect(lambda: self._ask(resume=False))
        self.resume_button.clicked.connect(lambda: self._ask(resume=True))
        self.stop_button.clicked.connect(self.stop_requested)
        self.open_button.clicked.connect(self._choose_census)
        self.summary.setText(self.tr("No census yet: choose a data set and press Run census, "
                                     "or open a census folder."))

    # ------------------------------------------------------------------ asking
    def _choose_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Images for the census"))
        if folder:
            self.data_box.setCurrentText(folder)

    def _choose_census(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a census folder"))
        if folder:
            self.open_requested.emit(folder)

    def fields(self, resume: bool = False) -> dict:
        """What a census run would be asked with (no folder: the window picks one)."""
        limit = self.limit_box.value()
        return {"data": self.data_box.currentText().strip(),
                "split": self.split_box.currentData(), "limit": limit or None,
                "top": self.top_box.value(), "resume": resume,
                "folder": self.data.folder if resume and self.data is not None else ""}

    def _ask(self, resume: bool) -> None:
        self.run_requested.emit(self.fields(resume))

    def set_running(self, running: bool) -> None:
        for widget in (self.run_button, self.open_button, self.data_box, self.folder_button,
                       self.split_box, self.limit_box, self.top_box):
            widget.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.resume_button.setEnabled(not running and self.data is not None
                                      and not self.data.complete)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)

    def show_progress(self, done: int, total: int | None, text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.progress.setFormat(text)

    # ------------------------------------------------------------------ showing
    def show_census(self, data) -> None:
        """Show a census (complete, or stopped part-way — ``data.complete`` — then Resume goes
        on)."""
        self.data = data
        self.set_running(False)
        parts = [self.tr("{images} of {total} images of {data} through {model}").format(
            images=f"{data.images:,}", total=f"{data.total:,}", data=data.description,
            model=data.model)]
        if data.accuracy is not None:
            parts.append(self.tr("accuracy {accuracy}").format(accuracy=f"{data.accuracy:.2%}"))
        if data.seconds:
            parts.append(self.tr("{rate} images/s").format(rate=f"{data.images_per_second:,.0f}"))
        if data.weights == "untrained":
            parts.append(self.tr("untrained weights: the statistics describe random filters"))
        if not data.complete:
            parts.append(self.tr("stopped part-way: Resume goes on from image {next}").format(
                next=f"{data.images:,}"))
        self.summary.setText(" · ".join(parts) + ".")
        self.data_box.setCurrentText(data.data)
        index = self.split_box.findData(data.split)
        if index >= 0:
            self.split_box.setCurrentIndex(index)
        self.classes.show_census(data)
        self.show_layer(self.layer_path)

    def show_layer(self, path: str | None) -> None:
        """Follow the window's selected layer."""
        self.layer_path = path
        layer = self.data.layers.get(path) if self.data is not None and path else None
        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        if self.data is None:
            self.layer_label.setText("")
        elif layer is None:
            self.layer_label.setText(self.tr("The census has no statistics for {layer}: pick a "
                                             "layer with channels.").format(layer=path or "—"))
        else:
            self._fill_table(layer)
        self.table.setSortingEnabled(True)
        self._fill_mosaic()

    def _fill_table(self, layer) -> None:
        sat = layer.saturated_fraction
        dead_count = int(layer.dead.sum())
        note = self.tr("{layer}: {channels} channels, {dead} dead (zero on every image)").format(
            layer=layer.path, channels=layer.channels, dead=dead_count)
        if sat is None:
            note += " · " + self.tr("no saturation: {activation} has no upper bound").format(
                activation=layer.activation or "linear")
        self.layer_label.setText(note)
        self.table.setRowCount(layer.channels)
        for c in range(layer.channels):
            cells = [NumberItem(str(c), c),
                     NumberItem(f"{layer.mean[c]:.4g}", layer.mean[c]),
                     NumberItem(f"{layer.max[c]:.4g}", layer.max[c]),
                     NumberItem(f"{layer.zero_fraction[c]:.1%}", layer.zero_fraction[c]),
                     NumberItem("—" if sat is None else f"{sat[c]:.1%}",
                                -1 if sat is None else sat[c]),
                     NumberItem(self.tr("dead") if layer.dead[c] else "", int(layer.dead[c]))]
            for column, item in enumerate(cells):
                if layer.dead[c]:
                    item.setForeground(QColor(DEAD_COLOUR))
                self.table.setItem(c, column, item)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount() - 1):  # room for the sort arrow
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 14)

    def shown_channels(self) -> list[int]:
        """The channels of the mosaic, in the table's order (first :data:`MOSAIC_CHANNELS`)."""
        rows = min(self.table.rowCount(), MOSAIC_CHANNELS)
        return [int(self.table.item(r, 0).value) for r in range(rows)
                if self.table.item(r, 0) is not None]

    def _fill_mosaic(self) -> None:
        while self.mosaic_grid.count():
            item = self.mosaic_grid.takeAt(0)
            if item.widget():  # out of sight at once, not only when deleted later
                item.widget().hide()
                item.widget().setParent(None)
                item.widget().deleteLater()
        if self.data is None or self.layer_path not in self.data.layers:
            return
        layer = self.data.layers[self.layer_path]
        per_row = 3
        self._cells = []
        for channel in self.shown_channels():
            cell = QWidget(self.mosaic)
            grid = QGridLayout(cell)
            grid.setContentsMargins(3, 3, 3, 3)
            grid.setSpacing(1)
            title = QLabel(self.tr("channel {c}").format(c=channel))
            if layer.dead[channel]:
                title.setText(self.tr("channel {c} · dead").format(c=channel))
                title.setStyleSheet(f"color: {DEAD_COLOUR}; font-weight: bold;")
                cell.setStyleSheet(f"QWidget#cell {{ border: 2px solid {DEAD_COLOUR}; }}")
            cell.setObjectName("cell")
            grid.addWidget(title, 0, 0, 1, per_row)
            shown = 0
            for k in range(layer.top_value.shape[0]):
                index = int(layer.top_index[k, channel])
                if index < 0 or layer.dead[channel]:
                    continue
                thumb = self.data.thumbnail(index)
                if thumb is None:
                    continue
                box = None if layer.top_box is None else layer.top_box[k, channel]
                row, col = ((int(layer.top_at[k, channel][0]), int(layer.top_at[k, channel][1]))
                            if layer.top_at is not None else (-1, -1))
                tip = self.tr("{image}: {value} at row {row}, column {col}").format(
                    image=self.data.image_name(index),
                    value=f"{float(layer.top_value[k, channel]):.4g}", row=row, col=col)
                button = CropButton(crop_pixmap(thumb, box, self.data.offset, CROP_SIDE), tip)
                button.clicked.connect(
                    lambda _=False, i=index, c=channel, r=row, cc=col: self._open_top(i, c, r, cc))
                grid.addWidget(button, 1 + shown // per_row, shown % per_row)
                shown += 1
            side = CROP_SIDE + 6  # CropButton's size; the layout's own hint can come too early
            cell.setFixedSize(per_row * side + 2 * (per_row - 1) + 6,
                              title.fontMetrics().height() + 4 + 3 * side + 3 + 6)
            cell.show()  # now, so that the layout counts it at once
            self._cells.append(cell)
        self._columns = 0
        self._reflow()

    def _reflow(self) -> None:
        """As many cells a line as the tab's width holds."""
        if not self._cells:
            return
        width = self._cells[0].width() + self.mosaic_grid.horizontalSpacing()
        columns = max(1, (self.mosaic_scroll.viewport().width() - 12) // max(width, 1))
        if columns == self._columns:
            return
        self._columns = columns
        for cell in self._cells:
            self.mosaic_grid.removeWidget(cell)
        for slot, cell in enumerate(self._cells):
            self.mosaic_grid.addWidget(cell, slot // columns, slot % columns)
        # the scroll area does not always hear of the new minimum: tell it, or rows overlap
        self.mosaic_grid.activate()
        self.mosaic.setMinimumHeight(self.mosaic_grid.minimumSize().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        # side by side when there is room, the table above the pictures when not
        wide = self.width() >= 760
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        splitter = self.channels_splitter
        if splitter.orientation() != orientation or not self._split_once:
            self._split_once = True
            splitter.setOrientation(orientation)
            total = max(self.width() if wide else self.height(), 1)
            splitter.setSizes([int(total * (0.42 if wide else 0.35)),
                               int(total * (0.58 if wide else 0.65))])
        self._reflow()

    def _open_top(self, index: int, channel: int, row: int, col: int) -> None:
        thumb = self.data.thumbnail(index)
        if thumb is not None:
            self.image_requested.emit(str(thumb), self.data.image_name(index),
                                      self.layer_path or "", channel, row, col)

    # ------------------------------------------------------------------ classes
    def _on_cell_clicked(self, row: int, col: int) -> None:
        self.classes.on_cell_clicked(row, col)

    def thumbnails_ready(self) -> None:
        """Thumbnails for the open confusion cell were written: show them."""
        self.classes.thumbnails_ready()
