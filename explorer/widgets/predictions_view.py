"""Top-K predictions as labelled horizontal bars; K is the user's to choose."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

MAX_K = 20
BAR_BRUSH = (70, 130, 200)
TOP_BRUSH = (230, 140, 40)
UNTRAINED_BRUSH = (170, 170, 170)
PLOT_MIN_HEIGHT = 160
"""The bars' least height: five bars stay readable, and the right-hand docks fit a 700-pixel
screen with the taller lines of CJK fonts."""
LABEL_CHARS = 22
"""Longer class names are shortened (the whole name is in the tooltip) so the bars keep room."""
UNTRAINED_WARNING = QT_TRANSLATE_NOOP("PredictionsView",
                                      "⚠ Untrained weights: these scores mean nothing yet")
"""The warning over an untrained model's bars (English; shown translated)."""


def display_label(label: str) -> str:
    """A class name as shown beside its bar: ImageNet's underscores as spaces, shortened with
    an ellipsis past :data:`LABEL_CHARS`."""
    text = label.replace("_", " ")
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"


class PredictionsView(QWidget):
    """Horizontal bars of the best K classes, best on top, with their scores.

    Signals:
        k_changed(int): the user changed K.
        class_clicked(int): the user clicked the bar of this class.
    """

    k_changed = Signal(int)
    class_clicked = Signal(int)

    def __init__(self, k: int = 5, parent=None):
        super().__init__(parent)
        self._ranked: tuple = ()
        self._trained = True
        self.k_spin = QSpinBox()
        self.k_spin.setRange(1, MAX_K)
        self.k_spin.setValue(max(1, min(k, MAX_K)))
        self.k_spin.setPrefix(self.tr("top "))
        self.k_spin.setToolTip(self.tr("How many of the best classes to show"))
        self.k_spin.valueChanged.connect(self._on_k_changed)
        self.caption = QLabel(self.tr("No predictions yet"))
        self.caption.setWordWrap(True)
        self.warning = QLabel(QCoreApplication.translate("PredictionsView", UNTRAINED_WARNING))
        self.warning.setStyleSheet("color: #a05a00; font-weight: bold")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)

        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.getViewBox().invertY(True)
        self.plot.setLabel("bottom", self.tr("probability"))
        self.plot.getAxis("bottom").enableAutoSIPrefix(False)
        self.plot.setMinimumHeight(PLOT_MIN_HEIGHT)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brushes=[])
        self.plot.addItem(self.bars)
        self.plot.setToolTip(self.tr("Click a bar to explain that class"))
        self.plot.scene().sigMouseClicked.connect(self._on_clicked)
        self._texts: list[pg.TextItem] = []

        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.k_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.plot, 1)

    @property
    def k(self) -> int:
        """How many classes are shown."""
        return self.k_spin.value()

    def set_predictions(self, ranked, model_name: str = "", trained: bool = True) -> None:
        """Show the best K of ``ranked`` (``core.predict.Prediction``, best first); an
        untrained model's bars are grey, under a warning."""
        self._ranked = tuple(ranked)
        self._trained = trained
        self.warning.setVisible(not trained and bool(self._ranked))
        if model_name:
            self.caption.setText(f"{model_name}" if self._ranked else self.tr(
                "{model}: no class scores (not a classifier output)").format(model=model_name))
        self._redraw()

    def clear(self) -> None:
        """No image, so no predictions."""
        self._ranked = ()
        self.warning.hide()
        self.caption.setText(self.tr("No predictions yet"))
        self._redraw()

    def shown(self) -> list[tuple[str, float]]:
        """The (label, score) pairs on screen, best first."""
        return [(p.label, float(p.score)) for p in self._ranked[:self.k]]

    def class_at_row(self, row: int) -> int | None:
        """The class shown in bar ``row`` (0 = the best), or None."""
        shown = self._ranked[:self.k]
        return shown[row].index if 0 <= row < len(shown) else None

    def _on_clicked(self, event) -> None:
        point = self.plot.getViewBox().mapSceneToView(event.scenePos())
        index = self.class_at_row(int(round(point.y())))
        if index is not None:
            self.class_clicked.emit(index)

    def _on_k_changed(self, k: int) -> None:
        self._redraw()
        self.k_changed.emit(k)

    def _redraw(self) -> None:
        shown = self.shown()
        ys = list(range(len(shown)))
        scores = [min(max(score, 0.0), 1.0) for _, score in shown]
        top_brush = TOP_BRUSH if self._trained else UNTRAINED_BRUSH
        bar_brush = BAR_BRUSH if self._trained else UNTRAINED_BRUSH
        brushes = [pg.mkBrush(top_brush if i == 0 else bar_brush) for i in ys]
        self.bars.setOpts(x0=[0] * len(ys), y=ys, height=0.7, width=scores, brushes=brushes)
        axis = self.plot.getAxis("left")
        axis.setTicks([[(i, display_label(label)) for i, (label, _) in enumerate(shown)]])
        self.plot.setToolTip("\n".join(f"{label}: {score:.4f}" for label, score in shown)
                             + ("\n\n" + self.tr("Click a bar to explain that class")
                                if shown else ""))
        while len(self._texts) < len(shown):  # made once and reused: a new one costs ~1 ms
            self._texts.append(pg.TextItem(""))
            self.plot.addItem(self._texts[-1])
        for text in self._texts[len(shown):]:
            text.hide()
        for i, (_, score) in enumerate(scores_and_labels(shown)):
            inside = score > 0.75  # the number inside the bar, so it is never cut off
            text = self._texts[i]
            text.setText(f"{score:.3f}", color=(255, 255, 255) if inside else (40, 40, 40))
            text.setAnchor((1, 0.5) if inside else (0, 0.5))
            text.setPos(score - 0.01 if inside else score + 0.01, i)
            text.show()
        # probabilities: the axis is always 0..1, so 0.001 never looks like a full bar
        self.plot.setXRange(0, 1.0, padding=0.02)
        self.plot.getAxis("bottom").setTicks([[(v, f"{v:g}") for v in (0, 0.25, 0.5, 0.75, 1)]])
        self.plot.setYRange(-0.6, max(len(shown), 1) - 0.4, padding=0)


def scores_and_labels(shown):
    """``(label, score clamped to 0..1)`` pairs."""
    return [(label, min(max(score, 0.0), 1.0)) for label, score in shown]
