"""The shape flow: one row a layer, with its output shape and the arithmetic that made it.

Rows come from ``core.inspect.layer_table``. Layers that share a ``group`` (a residual unit, an
inception module, a nested model) sit under a parent row that folds; a group path such as
``mobilenet/block3`` nests one level per part. Convolution and pooling rows stand out.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from explorer.core.text import format_count, format_dims, format_shape

COLUMNS = (QT_TRANSLATE_NOOP("ShapeFlowView", "Layer"),
           QT_TRANSLATE_NOOP("ShapeFlowView", "Type"),
           QT_TRANSLATE_NOOP("ShapeFlowView", "Output shape"),
           QT_TRANSLATE_NOOP("ShapeFlowView", "Arithmetic"),
           QT_TRANSLATE_NOOP("ShapeFlowView", "Params"),
           QT_TRANSLATE_NOOP("ShapeFlowView", "Receptive field"))
"""The column headers in English (shown translated)."""
PATH_ROLE = Qt.ItemDataRole.UserRole
COLUMN_CAPS = {0: 190, 1: 120, 3: 300}
MIN_WIDTH = 260
"""The dock never shrinks below this: output shapes and scores stay readable."""  # widest Layer / Type columns, so the shapes stay in view
KIND_COLOURS = {"conv": QColor(40, 100, 190), "pool": QColor(0, 140, 90)}
KIND_MARKS = {"conv": "▣ ", "pool": "▽ ", "dense": "▤ ", "norm": "≈ ", "activation": "ƒ "}


def _layer_row(info) -> list[QStandardItem]:
    params = (info.params_trainable or 0) + (info.params_non_trainable or 0)
    short = info.path.rsplit("/", 1)[-1]  # under its block: the block's name is the parent row
    texts = (KIND_MARKS.get(info.kind, "  ") + short, info.type,
             format_shape(info.output_shape), info.arithmetic or "", format_count(params),
             format_dims(info.receptive_field) if info.receptive_field else "")
    row = [QStandardItem(text) for text in texts]
    colour = KIND_COLOURS.get(info.kind)
    for item in row:
        item.setEditable(False)
        item.setData(info.path, PATH_ROLE)
        arithmetic = info.arithmetic or QCoreApplication.translate("ShapeFlowView",
                                                                  "no arithmetic")
        item.setToolTip(f"{info.path}\n{info.type}: {arithmetic}")
        if colour is not None:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            item.setForeground(QBrush(colour))
    return row


def _group_row(name: str, last_path: str) -> list[QStandardItem]:
    row = [QStandardItem(name)] + [QStandardItem("") for _ in COLUMNS[1:]]
    for item in row:
        item.setEditable(False)
        item.setData(last_path, PATH_ROLE)
    font = QFont(row[0].font())
    font.setItalic(True)
    row[0].setFont(font)
    row[0].setToolTip(QCoreApplication.translate(
        "ShapeFlowView", "Block {name}: select to see its output").format(name=name))
    return row


ROWS_PER_STEP = 40
"""Layers added to the table per turn of the window's event loop (some 2 ms)."""


def build_layer_model(table) -> QStandardItemModel:
    """A tree model of ``table`` (``LayerInfo`` rows, in model order).

    Each parent row (a block) carries the path of its last layer, so selecting a block shows
    what the block outputs.
    """
    *_, model = _building(table, max(len(table), 1))
    return model


def _building(table, rows_per_step: int):
    """:func:`build_layer_model` in parts: yields None after every ``rows_per_step`` layers,
    and the model last."""
    model = QStandardItemModel(0, len(COLUMNS))
    model.setHorizontalHeaderLabels([QCoreApplication.translate("ShapeFlowView", title)
                                     for title in COLUMNS])
    open_groups: list[tuple[str, QStandardItem]] = []  # (group path, its first item)
    for number, info in enumerate(table):
        parts = [p for p in (info.group or "").split("/") if p]
        depth = 0
        while (depth < len(open_groups) and depth < len(parts)
               and open_groups[depth][0] == "/".join(parts[:depth + 1])):
            depth += 1
        del open_groups[depth:]
        parent = open_groups[-1][1] if open_groups else model.invisibleRootItem()
        for level in range(depth, len(parts)):
            row = _group_row(parts[level], info.path)
            parent.appendRow(row)
            parent = row[0]
            open_groups.append(("/".join(parts[:level + 1]), parent))
        for _, group_item in open_groups:  # a block shows what its last layer outputs
            _set_row_path(group_item, info.path, info.output_shape)
        parent.appendRow(_layer_row(info))
        if (number + 1) % rows_per_step == 0:
            yield None
    yield model


def _set_row_path(first_item: QStandardItem, path: str, shape) -> None:
    parent = first_item.parent() or first_item.model().invisibleRootItem()
    for column in range(len(COLUMNS)):
        item = parent.child(first_item.row(), column)
        item.setData(path, PATH_ROLE)
    parent.child(first_item.row(), 2).setText(format_shape(shape))


class ShapeFlowView(QTreeView):
    """A folding tree of the model's layers.

    Signals:
        layer_selected(str): the path of the layer the user selected.
    """

    layer_selected = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setModel(build_layer_model(()))
        self._rows: dict[str, QModelIndex] = {}
        self._echo = True
        self.setMinimumWidth(MIN_WIDTH)
        self.fold_action = QAction(self.tr("Fold all blocks"), self)
        self.fold_action.triggered.connect(self.fold_all)
        self.unfold_action = QAction(self.tr("Unfold all blocks"), self)
        self.unfold_action.triggered.connect(self.unfold_all)
        self.addActions([self.fold_action, self.unfold_action])
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def fold_all(self) -> None:
        """Collapse every block to one row."""
        self.collapseAll()

    def unfold_all(self) -> None:
        """Open every block."""
        self.expandAll()

    def set_table(self, table) -> None:
        """Show ``table`` (``LayerInfo`` rows); groups start unfolded."""
        for step in self.table_steps(table):
            step()

    def table_steps(self, table) -> list:
        """:meth:`set_table` in steps (the rows :data:`ROWS_PER_STEP` layers at a time, show
        them, fit each column), for a window that runs them in separate turns of its event
        loop (a deep model's table takes tens of milliseconds in one go)."""
        building, built = _building(table, ROWS_PER_STEP), []
        return [*(lambda: built.append(next(building))
                  for _ in range(len(table) // ROWS_PER_STEP + 1)),
                lambda: self._show_model(built[-1]), self._fit_header,
                *(lambda c=column: self._fit_column(c) for column in range(len(COLUMNS)))]

    def _show_model(self, model: QStandardItemModel) -> None:
        self.setModel(model)
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.expandAll()
        self._rows = {}
        self._index_rows(QModelIndex())

    def _fit_header(self) -> None:
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def _fit_column(self, column: int) -> None:
        self.resizeColumnToContents(column)
        cap = COLUMN_CAPS.get(column)
        if cap is not None and self.columnWidth(column) > cap:
            self.setColumnWidth(column, cap)  # long names elide; the tooltip has them

    def select_path(self, path: str) -> None:
        """Make the row of ``path`` current without emitting :attr:`layer_selected`."""
        index = self._rows.get(path)
        if index is None or not index.isValid() or index == self.currentIndex():
            return
        if self.currentIndex().isValid() and self.currentIndex().data(PATH_ROLE) == path:
            return  # a block's row shows its last layer: stay on the block, so ↓ goes on
        self._echo = False  # the view must still see the change, to move the highlight
        try:
            self.setCurrentIndex(index)
        finally:
            self._echo = True
        self.scrollTo(index)

    def current_path(self) -> str | None:
        """The path of the current row, or ``None``."""
        index = self.currentIndex()
        return index.data(PATH_ROLE) if index.isValid() else None

    def _index_rows(self, parent: QModelIndex) -> None:
        model = self.model()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if model.hasChildren(index):
                self._index_rows(index)
            else:
                self._rows[index.data(PATH_ROLE)] = index

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        path = current.data(PATH_ROLE)
        if path and self._echo:
            self.layer_selected.emit(path)
