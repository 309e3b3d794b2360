"""The "What it looks for" tab: images optimised to excite the selected layer's channels, or
the model's classes (``core.featvis`` on the worker side).

The tab asks for one visualisation at a time (the worker's queue stays short, so Stop is
immediate): each result fills its cell and asks for the next. Finished images come from the
worker's disk cache on a second visit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.widgets.flow_layout import flow_row
from explorer.widgets.qimages import pixmap_from_array

CELL_SIDE = 150
COUNTS = (4, 8, 16, 32)
DEFAULT_COUNT = 8
STEP_CHOICES = (32, 64, 128, 256, 512)
DEFAULT_STEPS = 256
CHANNEL_KINDS = ("conv", "pool", "dense", "norm", "activation", "other")


def channel_count(info) -> int | None:
    """How many channels layer row ``info`` has to visualise (None: not a 1-D/3-D output)."""
    shape = info.output_shape
    if not isinstance(shape, tuple) or len(shape) not in (1, 3) or not shape[-1]:
        return None
    if info.type in ("InputLayer",):
        return None
    return int(shape[-1])


class FeatvisCell(QWidget):
    """One visualisation: the image and a caption under it."""

    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.picture = QLabel()
        self.picture.setFixedSize(CELL_SIDE, CELL_SIDE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("background: #282828; color: #aaaaaa;")
        self.picture.setText(self.tr("waiting"))
        self.caption = QLabel(caption)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.caption.setFixedWidth(CELL_SIDE)
        self.caption.setWordWrap(True)
        # room for three caption lines from the start: a note added later (a channel that
        # stays zero) must not push the caption over the picture (CJK lines are taller)
        self.caption.setFixedHeight(3 * self.caption.fontMetrics().lineSpacing() + 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.picture)
        layout.addWidget(self.caption)
        self.filled = False

    def show_image(self, image, note: str = "") -> None:
        self.picture.setPixmap(pixmap_from_array(image, CELL_SIDE,
                                                 smooth=image.shape[0] >= CELL_SIDE // 2))
        self.filled = True
        if note:
            self.picture.setToolTip(note)

    def show_running(self) -> None:
        self.picture.setText(self.tr("optimising…"))

    def show_stopped(self) -> None:
        if not self.filled:
            self.picture.setText(self.tr("stopped"))


class FeatvisView(QWidget):
    """The "What it looks for" tab.

    Signals:
        visualize_requested(object): a dict of the next ``Visualize`` fields (``layer``,
            ``channel``, ``class_index``, ``steps``, ``seed``).
        stop_requested(): cancel the running visualisation.
    """

    visualize_requested = Signal(object)
    stop_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: dict = {}
        self.class_names: tuple[str, ...] | None = None
        self.layer_path: str | None = None
        self.cells: dict[tuple, FeatvisCell] = {}
        self.pending: list[tuple] = []
        self.running: tuple | None = None
        self.shown_for: tuple | None = None
        self._placed_columns = 0

        self.mode = QComboBox()
        self.mode.addItem(self.tr("Channels of the selected layer"), "channels")
        self.mode.addItem(self.tr("Classes of the output"), "classes")
        self.mode.setToolTip(self.tr("Visualise the selected layer's channels, or the classes "
                                     "the model tells apart (their scores before softmax)"))
        self.count = QComboBox()
        for n in COUNTS:
            self.count.addItem(self.tr("first {count}").format(count=n), n)
        self.count.setCurrentIndex(COUNTS.index(DEFAULT_COUNT))
        self.count.setToolTip(self.tr("How many channels or classes to show"))
        self.steps = QComboBox()
        for n in STEP_CHOICES:
            self.steps.addItem(self.tr("{steps} steps").format(steps=n), n)
        self.steps.setCurrentIndex(STEP_CHOICES.index(DEFAULT_STEPS))
        self.steps.setToolTip(self.tr("Gradient-ascent steps per image: more is sharper and "
                                      "slower"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 9999)
        self.seed.setPrefix(self.tr("seed "))
        self.seed.setToolTip(self.tr("The random start: the same seed gives the same image"))
        self.start_button = QPushButton(self.tr("Show"))
        self.start_button.setToolTip(self.tr("Optimise the images (finished ones are kept on "
                                             "disk)"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.caption = QLabel(self.tr("Select a layer to see what its channels look for"))
        self.caption.setWordWrap(True)

        controls = flow_row(self.mode, self.count, self.steps, self.seed, self.start_button,
                            self.stop_button, self.progress)
        self.grid_widget = QWidget()
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.grid.setSpacing(6)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_widget)
        layout = QVBoxLayout(self)
        layout.addWidget(controls)
        layout.addWidget(self.caption)
        layout.addWidget(scroll, 1)

        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        for combo in (self.mode, self.count, self.steps):
            combo.currentIndexChanged.connect(lambda _i: self.start())
        self.seed.editingFinished.connect(self.start)

    # ------------------------------------------------------------------ what to show
    def set_model(self, table, class_names) -> None:
        """A new model: forget the grid."""
        self.stop()
        self.table = {info.path: info for info in table}
        self.class_names = tuple(class_names) if class_names else None
        self.layer_path = None
        self.shown_for = None
        self._clear_grid()
        self.caption.setText(self.tr("Select a layer to see what its channels look for"))

    def set_layer(self, path: str | None) -> None:
        """The selected layer changed (shown at the next :meth:`start`)."""
        self.layer_path = path

    def wanted(self) -> tuple:
        """What the grid would show now: (mode, layer, count, steps, seed)."""
        return (self.mode.currentData(), self.layer_path if self.mode.currentData() ==
                "channels" else None, self.count.currentData(), self.steps.currentData(),
                self.seed.value())

    def is_current(self) -> bool:
        """The grid shows (or is filling) what the controls and the layer ask for."""
        return self.shown_for == self.wanted()

    def _targets(self) -> list[tuple] | str:
        mode, layer, count, _steps, _seed = self.wanted()
        if mode == "classes":
            if not self.table:
                return self.tr("Load a model first")
            last = list(self.table.values())[-1]
            n = channel_count(last)
            if n is None:
                return self.tr("The model's output is not a vector of class scores")
            return [("class", None, i) for i in range(min(count, n))]
        info = self.table.get(layer)
        if info is None:
            return self.tr("Select a layer to see what its channels look for")
        n = channel_count(info)
        if n is None:
            return self.tr("The layer {layer} has no channels to visualise; pick a "
                           "convolution, pooling or dense layer").format(layer=info.path)
        return [("channel", info.path, i) for i in range(min(count, n))]

    def _label(self, target: tuple) -> str:
        kind, _layer, index = target
        if kind == "class":
            if self.class_names and index < len(self.class_names):
                return self.tr("class {index}: {name}").format(index=index,
                                                               name=self.class_names[index])
            return self.tr("class {index}").format(index=index)
        return self.tr("channel {index}").format(index=index)

    # ------------------------------------------------------------------ running
    def start(self) -> None:
        """Lay out the grid for what the controls ask and request the first image."""
        if self.running is not None:
            self.stop_requested.emit()
        self.running = None
        self.pending = []
        self._clear_grid()
        targets = self._targets()
        self.shown_for = self.wanted()
        if isinstance(targets, str):
            self.caption.setText(targets)
            self._idle()
            return
        mode, layer, _count, steps, _seed = self.shown_for
        self.caption.setText(
            self.tr("What the classes' scores look for: inputs optimised by gradient ascent "
                    "({steps} steps each)").format(steps=steps) if mode == "classes" else
            self.tr("What channels of {layer} look for: inputs that maximise each channel's "
                    "mean ({steps} steps each)").format(layer=layer, steps=steps))
        for target in targets:
            self.cells[target] = FeatvisCell(self._label(target))
        self._reflow()
        self.pending = list(targets)
        self.stop_button.setEnabled(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self._next()

    def _next(self) -> None:
        if not self.pending:
            self._idle()
            done = sum(c.filled for c in self.cells.values())
            self.caption.setText(self.caption.text().split("\n")[0] + "\n" + self.tr(
                "{done} of {total} shown.").format(done=done, total=len(self.cells)))
            return
        self.running = self.pending.pop(0)
        kind, layer, index = self.running
        self.cells[self.running].show_running()
        _mode, _layer, _count, steps, seed = self.shown_for
        self.visualize_requested.emit(dict(layer=layer, channel=index if kind == "channel"
                                           else None, class_index=index if kind == "class"
                                           else None, steps=steps, seed=seed))

    def show_result(self, result) -> None:
        """A visualisation arrived: fill its cell, then ask for the next."""
        r = result.request
        target = (("class", None, r.class_index) if r.class_index is not None
                  else ("channel", r.layer, r.channel))
        cell = self.cells.get(target)
        if cell is None or self.shown_for is None or r.steps != self.shown_for[3] \
                or r.seed != self.shown_for[4]:
            return
        note = self.tr("{kind} {value} after {steps} steps; {seconds} s").format(
            kind=result.score_kind, value=f"{float(result.curve[-1]):.3g}", steps=r.steps,
            seconds=f"{result.seconds:.1f}") if len(result.curve) else ""
        if result.cached:
            note += " " + self.tr("(from the disk cache)")
        cell.show_image(result.image, note)
        if len(result.curve) and float(abs(result.curve).max()) == 0.0:
            cell.caption.setText(cell.caption.text() + "\n" + self.tr(
                "always zero: no gradient to follow"))
        if target == self.running:
            self.running = None
            self._next()

    def show_failure(self, message: str) -> None:
        """The running visualisation failed (or was stopped): say so and stop the chain."""
        if self.running is not None and self.running in self.cells:
            self.cells[self.running].show_stopped()
        self.running = None
        self.pending = []
        self._idle()
        self.caption.setText(message)

    def show_progress(self, done: int, total: int | None) -> None:
        """Steps of the running visualisation."""
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            finished = sum(c.filled for c in self.cells.values())
            self.progress.setFormat(self.tr("image {index} of {count}: %p%").format(
                index=finished + 1, count=len(self.cells)))

    def stop(self) -> None:
        """Stop filling the grid (the running image is cancelled)."""
        was_running = self.running is not None
        self.pending = []
        for cell in self.cells.values():
            cell.show_stopped()
        self.running = None
        self._idle()
        if was_running:
            self.stop_requested.emit()
            self.shown_for = None  # not complete: showing the tab again resumes

    def _columns(self) -> int:
        width = self.scroll.viewport().width() - 2 * self.grid.contentsMargins().left()
        return max(1, (width + self.grid.spacing()) // (CELL_SIDE + 4 + self.grid.spacing()))

    def _reflow(self) -> None:
        """Place the cells in as many columns as the tab's width holds."""
        columns = self._placed_columns = self._columns()
        for i, cell in enumerate(self.cells.values()):
            self.grid.removeWidget(cell)
            self.grid.addWidget(cell, i // columns, i % columns)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        if self.cells and self._placed_columns != self._columns():
            self._reflow()

    def _idle(self) -> None:
        self.stop_button.setEnabled(False)
        self.progress.setVisible(False)

    def _clear_grid(self) -> None:
        for cell in self.cells.values():
            self.grid.removeWidget(cell)
            cell.deleteLater()
        self.cells = {}

    def filled_count(self) -> int:
        """How many cells show an image."""
        return sum(c.filled for c in self.cells.values())
