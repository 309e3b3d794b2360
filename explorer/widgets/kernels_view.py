"""The selected convolution's learned filters, their layout, and a histogram of the weights.

* 1×1 kernels (pointwise): the whole weight matrix as one image, ``(in, out)`` in Keras's
  layout and ``(out, in)`` in the book's.
* 3 input channels (a first layer on RGB): every filter as a colour patch.
* 1 input channel (a first layer on grey, a depthwise layer): every filter as a tile.
* otherwise: one output filter, chosen with the spin box, as one tile per input channel.

The layout toggle switches the labels between Keras's ``kernel[y, x, i, o]`` with shape
``(kh, kw, in, out)`` and the book's ``W[o, i, y, x]`` with shape ``(out, in, kh, kw)``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from explorer.core.pixels.colormaps import colormap
from explorer.core.pixels.render import kernel_mode, render_kernels
from explorer.widgets.color_bar import ColorBar, beside_bar
from explorer.widgets.elided_label import ElidedLabel
from explorer.widgets.image_plot import ImagePlot

LAYOUTS = ("keras", "book")
HIST_BINS = 60


KERAS_TILES = {
    "matrix": QT_TRANSLATE_NOOP("KernelsView",
                                "kernel[0, 0]: row i = 0…{last_in}, column o = 0…{last_out}"),
    "rgb": QT_TRANSLATE_NOOP("KernelsView", "tile o = kernel[:, :, :, o] as RGB, o = 0…{last}"),
    "filters": QT_TRANSLATE_NOOP("KernelsView", "tile o = kernel[:, :, 0, o], o = 0…{last}"),
    "inputs": QT_TRANSLATE_NOOP("KernelsView",
                                "filter {o}: tile i = kernel[:, :, i, {o}], i = 0…{last}")}
"""What the tiles are in Keras's layout, by mode (English; shown translated)."""
BOOK_TILES = {
    "matrix": QT_TRANSLATE_NOOP("KernelsView",
                                "W[:, :, 0, 0]: row o = 0…{last_out}, column i = 0…{last_in}"),
    "rgb": QT_TRANSLATE_NOOP("KernelsView",
                             "tile o = W[o] (in, kh, kw) shown as RGB, o = 0…{last}"),
    "filters": QT_TRANSLATE_NOOP("KernelsView", "tile o = W[o, 0], o = 0…{last}"),
    "inputs": QT_TRANSLATE_NOOP("KernelsView", "filter {o}: tile i = W[{o}, i], i = 0…{last}")}
"""What the tiles are in the book's layout, by mode (English; shown translated)."""


def translated(text: str) -> str:
    """``text`` (a message of the ``KernelsView`` context) in the interface's language."""
    return QCoreApplication.translate("KernelsView", text)


def describe_layout(kernels, layout: str, mode: str, out_index: int) -> str:
    """The text line naming the array, its shape and what the tiles are."""
    kh, kw, n_in, n_out = kernels.keras.shape
    if layout == "keras":
        head = QCoreApplication.translate(
            "KernelsView", "Keras layout: kernel.shape = (kh, kw, in, out) = {shape}").format(
                shape=(kh, kw, n_in, n_out))
        tiles = translated(KERAS_TILES[mode])
    else:
        head = QCoreApplication.translate(
            "KernelsView", "Book layout: W.shape = (out, in, kh, kw) = {shape}").format(
                shape=(n_out, n_in, kh, kw))
        tiles = translated(BOOK_TILES[mode])
    last = (n_in if mode == "inputs" else n_out) - 1
    return f"{head}; {tiles.format(o=out_index, last=last, last_in=n_in - 1, last_out=n_out - 1)}"


class KernelsView(QWidget):
    """Filters of one convolution layer.

    Signals:
        step_requested(int): ↑/↓ in the view (-1 / +1 layer).
        layout_changed(str): ``"keras"`` or ``"book"``.
    """

    step_requested = Signal(int)
    layout_changed = Signal(str)

    def __init__(self, layout: str = "keras", parent=None):
        super().__init__(parent)
        self._kernels = None
        self._mosaic = None
        self.title = ElidedLabel(self.tr("Select a convolution layer to see its kernels"))
        self.keras_button = QRadioButton(self.tr("Keras (kh, kw, in, out)"))
        self.book_button = QRadioButton(self.tr("Book (out, in, kh, kw)"))
        self.keras_button.setToolTip(self.tr("How Keras stores a Conv2D kernel"))
        self.book_button.setToolTip(self.tr("How textbooks (and PyTorch) write the weights"))
        self.layout_group = QButtonGroup(self)
        self.layout_group.addButton(self.keras_button)
        self.layout_group.addButton(self.book_button)
        (self.book_button if layout == "book" else self.keras_button).setChecked(True)
        self.filter_spin = QSpinBox()
        self.filter_spin.setPrefix(self.tr("filter "))
        self.filter_spin.setToolTip(self.tr("The output filter whose input-channel slices are "
                                            "shown"))
        self.shape_line = QLabel(" ")
        self.shape_line.setWordWrap(True)  # a long layout line wraps instead of widening the tab
        self.shape_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = ImagePlot()
        self.hover = QLabel(" ")
        self.histogram = pg.PlotWidget()
        self.histogram.setMenuEnabled(False)
        self.histogram.setLabel("bottom", self.tr("weight"))
        self.histogram.setLabel("left", self.tr("count"))
        self.hist_curve = self.histogram.plot([0, 1], [0], stepMode="center", fillLevel=0,
                                              brush=(70, 130, 200, 150))

        controls = QHBoxLayout()
        controls.addWidget(self.title, 1)
        controls.addWidget(self.keras_button)
        controls.addWidget(self.book_button)
        controls.addWidget(self.filter_spin)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.color_bar = ColorBar()
        splitter.addWidget(beside_bar(self.plot, self.color_bar))
        splitter.addWidget(self.histogram)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout_box = QVBoxLayout(self)
        layout_box.addLayout(controls)
        layout_box.addWidget(self.shape_line)
        layout_box.addWidget(splitter, 1)
        layout_box.addWidget(self.hover)

        self.layout_group.buttonToggled.connect(self._on_layout_toggled)
        self.filter_spin.valueChanged.connect(lambda _v: self._redraw())
        self.plot.step_requested.connect(self.step_requested)
        self.plot.hovered.connect(self._on_hovered)

    @property
    def layout_name(self) -> str:
        """``"keras"`` or ``"book"``."""
        return "book" if self.book_button.isChecked() else "keras"

    @property
    def kernels(self):
        """The ``KernelSet`` shown, or ``None``."""
        return self._kernels

    @property
    def mode(self) -> str:
        """``"matrix"``, ``"rgb"``, ``"filters"`` or ``"inputs"`` (see the module docstring)."""
        if self._kernels is None:
            return "inputs"
        return kernel_mode(self._kernels.keras.shape, self._kernels.kind)

    def show_none(self, path: str, reason: str) -> None:
        """Say why layer ``path`` shows no kernels."""
        self._kernels, self._mosaic = None, None
        self.title.setText(f"{path} · {reason}")
        self.shape_line.setText(" ")
        self.hover.setText(" ")
        self.plot.clear_image()
        self.hist_curve.setData([], [])
        self._set_controls(False)

    def show_waiting(self, path: str) -> None:
        """Layer ``path`` has kernels; they are on their way from the worker."""
        self.show_none(path, self.tr("fetching kernels…"))

    def show_kernels(self, kernels, histogram=None) -> None:
        """Show a ``core.graph.kernels.KernelSet`` and the ``(counts, edges)`` of its weights.

        Without ``histogram`` it is computed here (cheap for small layers only).
        """
        self._kernels = kernels
        self._set_controls(True)
        self.hover.setText(" ")
        kh, kw, n_in, n_out = kernels.keras.shape
        self.title.setText(f"<b>{kernels.path}</b> · {kernels.kind} · " + self.tr(
            "{count} filters of {height}×{width}×{depth}").format(count=n_out, height=kh,
                                                                 width=kw, depth=n_in))
        self.filter_spin.blockSignals(True)
        self.filter_spin.setRange(0, n_out - 1)
        self.filter_spin.blockSignals(False)
        counts, edges = histogram if histogram is not None else np.histogram(kernels.keras,
                                                                             bins=HIST_BINS)
        self.hist_curve.setData(edges, counts)
        self._redraw(keep_view=False)

    def _set_controls(self, enabled: bool) -> None:
        """The layout buttons, the filter box and the histogram only mean something for a
        layer with kernels."""
        for widget in (self.keras_button, self.book_button, self.filter_spin, self.histogram):
            widget.setEnabled(enabled)

    def export_rgba(self) -> np.ndarray | None:
        """The kernels' picture (one weight a pixel), or None."""
        return None if self._mosaic is None else np.asarray(self._mosaic.rgba)

    def scale_note(self) -> str:
        """What the picture shows, for an export's caption."""
        k = self._mosaic
        span = f", weights {k.vmin:.3g}…{k.vmax:.3g}" if k is not None else ""
        return f"kernels, {self.layout_name} layout, {self.mode}{span}"

    def export_image(self) -> QImage:
        """The view for Save/Copy (as on screen when there is no picture)."""
        return self.grab().toImage()

    def _redraw(self, keep_view: bool = True) -> None:
        kernels = self._kernels
        if kernels is None:
            return
        mode = self.mode
        self.filter_spin.setEnabled(mode == "inputs")
        out_index = self.filter_spin.value()
        self._mosaic = render_kernels(kernels.keras, kernels.kind, mode, out_index,
                                      self.layout_name)
        keep_view = keep_view and mode != "matrix"
        self.plot.set_rgba(self._mosaic.rgba, keep_view=keep_view)
        if mode == "rgb":  # each patch is scaled by its own largest weight; grey is 0
            self.color_bar.set_scale(colormap("gray"), None, None, self.tr("grey = 0\nper filter"))
        else:
            self.color_bar.set_scale(colormap("coolwarm"), self._mosaic.vmin, self._mosaic.vmax)
        self.shape_line.setText(describe_layout(kernels, self.layout_name, mode, out_index))

    def _on_layout_toggled(self, _button, checked: bool) -> None:
        if checked:
            self._redraw()
            self.layout_changed.emit(self.layout_name)

    def _on_hovered(self, row: int, col: int) -> None:
        mosaic, kernels = self._mosaic, self._kernels
        tile = mosaic.tile_at(row, col) if (mosaic is not None and row >= 0) else None
        if tile is None or kernels is None:
            self.hover.setText(" ")
            return
        top, left = mosaic.tile_origin(tile)
        y, x = row - top, col - left
        mode, o = self.mode, self.filter_spin.value()
        if mode == "matrix":
            i, o = (y, x) if self.layout_name == "keras" else (x, y)
            where = (f"kernel[0, 0, {i}, {o}]" if self.layout_name == "keras"
                     else f"W[{o}, {i}, 0, 0]")
            self.hover.setText(f"{where} = {kernels.keras[0, 0, i, o]:.5g}")
            return
        if mode == "rgb":
            values = kernels.keras[y, x, :, tile]
            where = (f"kernel[{y}, {x}, :, {tile}]" if self.layout_name == "keras"
                     else f"W[{tile}, :, {y}, {x}]")
            self.hover.setText(f"{where} = (R {values[0]:.4g}, G {values[1]:.4g}, "
                               f"B {values[2]:.4g})")
            return
        o, i = (tile, 0) if mode == "filters" else (o, tile)
        value = kernels.keras[y, x, i, o]
        where = (f"kernel[{y}, {x}, {i}, {o}]" if self.layout_name == "keras"
                 else f"W[{o}, {i}, {y}, {x}]")
        self.hover.setText(f"{where} = {value:.5g}")
