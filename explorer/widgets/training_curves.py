"""Live loss and accuracy curves of a training run (pyqtgraph).

Training points come per batch (drawn faint) with TensorBoard's debiased exponentially smoothed line over them;
validation points come per epoch (dots joined by a line). The x axis is in epochs (a batch at
``step`` is at ``step / batches``). A phase boundary (fine-tuning: base frozen, then partly
unfrozen) is a dashed vertical line labelled with the phase and its trainable parameters.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

SMOOTHING = 0.9
"""Weight of the past in the smoothed training curve (TensorBoard's default is 0.6 a point;
single batches are noisier than its points)."""
TRAIN_COLOUR, VAL_COLOUR, RAW_COLOUR = (31, 119, 180), (214, 39, 40), (31, 119, 180, 60)


def smoothed(values: np.ndarray, weight: float = SMOOTHING, state=(0.0, 0)):
    """TensorBoard's debiased exponential moving average of ``values``, continuing from
    ``state`` = (biased average, points so far). Returns (smoothed, state)."""
    last, count = state
    out = np.empty(len(values))
    for i, value in enumerate(values):
        last, count = weight * last + (1 - weight) * value, count + 1
        out[i] = last / (1 - weight ** count)
    return out, (last, count)


class _Plot:
    """One metric: raw batch points, the smoothed line, validation points."""

    def __init__(self, plot: pg.PlotItem, name: str, val_name: str, legend: bool = True):
        plot.showGrid(x=True, y=True, alpha=0.25)
        if legend:  # one legend for both plots: the loss falls away from its corner
            plot.addLegend(offset=(-8, 8))
        self.plot = plot
        self.raw = plot.plot(pen=pg.mkPen(RAW_COLOUR, width=1), antialias=False)
        self.line = plot.plot(pen=pg.mkPen(TRAIN_COLOUR, width=2), name=name)
        self.val = plot.plot(pen=pg.mkPen(VAL_COLOUR, width=2), symbol="o", symbolSize=7,
                             symbolBrush=VAL_COLOUR, symbolPen=None, name=val_name)
        self.clear()

    def clear(self) -> None:
        self.x, self.y, self.s = [], [], []
        self.vx, self.vy = [], []
        self.state = (0.0, 0)
        for item in (self.raw, self.line, self.val):
            item.setData([], [])

    def add(self, x: np.ndarray, y: np.ndarray) -> None:
        finite = np.isfinite(y)
        x, y = x[finite], y[finite]
        if not len(x):
            return
        s, self.state = smoothed(y, state=self.state)
        self.x.extend(x.tolist())
        self.y.extend(y.tolist())
        self.s.extend(s.tolist())
        self.raw.setData(self.x, self.y)
        self.line.setData(self.x, self.s)

    def add_val(self, x: float, y: float) -> None:
        self.vx.append(x)
        self.vy.append(y)
        self.val.setData(self.vx, self.vy)


class TrainingCurves(QWidget):
    """Loss (left) and accuracy (right) against epochs, training and validation."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.loss_widget, self.acc_widget = pg.PlotWidget(), pg.PlotWidget()
        for widget in (self.loss_widget, self.acc_widget):
            widget.setMinimumSize(200, 150)
            layout.addWidget(widget)
        self.loss = _Plot(self.loss_widget.getPlotItem(), self.tr("training (smoothed)"),
                          self.tr("validation"))
        self.accuracy = _Plot(self.acc_widget.getPlotItem(), self.tr("training (smoothed)"),
                              self.tr("validation"), legend=False)
        self.acc_widget.getPlotItem().setYRange(0, 1, padding=0.02)
        self.acc_widget.getPlotItem().enableAutoRange(axis="y", enable=False)
        self.batches = 1
        self.boundaries: list[tuple[float, str]] = []
        self._lines: list = []
        self.set_titles()

    def set_titles(self) -> None:
        self.loss_widget.getPlotItem().setTitle(self.tr("Loss"))
        self.acc_widget.getPlotItem().setTitle(self.tr("Accuracy"))
        for widget in (self.loss_widget, self.acc_widget):
            widget.getPlotItem().setLabel("bottom", self.tr("epoch"))

    def start(self, batches_per_epoch: int, epochs: int = 1) -> None:
        """A new run: empty curves, x in epochs of ``batches_per_epoch`` batches, the x axis
        fixed to the run's ``epochs`` (its ticks are not recomputed as points come)."""
        self.batches = max(1, batches_per_epoch)
        for widget in (self.loss_widget, self.acc_widget):
            widget.getPlotItem().setXRange(0, max(1, epochs), padding=0.02)
            widget.getPlotItem().enableAutoRange(axis="x", enable=False)
        self.loss.clear()
        self.accuracy.clear()
        for plot, line in self._lines:
            plot.removeItem(line)
        self._lines, self.boundaries = [], []

    def add_batches(self, steps: np.ndarray, losses: np.ndarray, accuracies: np.ndarray):
        """Per-batch points (``steps`` count batches over the run, from 1)."""
        if len(steps):
            x = np.asarray(steps, float) / self.batches
            self.loss.add(x, np.asarray(losses, float))
            self.accuracy.add(x, np.asarray(accuracies, float))

    def add_epoch(self, epoch: int, val_loss: float, val_accuracy: float) -> None:
        """The validation loss and accuracy after ``epoch`` (1-based)."""
        self.loss.add_val(float(epoch), float(val_loss))
        self.accuracy.add_val(float(epoch), float(val_accuracy))

    def mark_phase(self, step: int, label: str) -> None:
        """A phase began after batch ``step``: a dashed line with ``label`` on both plots."""
        x = step / self.batches
        self.boundaries.append((x, label))
        for widget in (self.loss_widget, self.acc_widget):
            line = pg.InfiniteLine(x, angle=90, pen=pg.mkPen((90, 90, 90), width=1.5,
                                                            style=Qt.PenStyle.DashLine),
                                   label=label, labelOpts={"position": 0.92, "color": (60, 60, 60),
                                                           "anchors": [(0, 0.5), (0, 0.5)]})
            widget.addItem(line)
            self._lines.append((widget, line))

    # ------------------------------------------------------------------ read back (tests)
    def points(self) -> dict[str, int]:
        """How many points each curve holds."""
        return {"loss": len(self.loss.x), "accuracy": len(self.accuracy.x),
                "val_loss": len(self.loss.vx), "val_accuracy": len(self.accuracy.vx)}
