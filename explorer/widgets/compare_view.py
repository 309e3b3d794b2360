"""The Compare tab: one layer of two inference results side by side, on one colour scale, with
their signed difference and each channel's cosine similarity as a strip.

The view only draws what it is given (``CompareActions`` in ``compare_actions.py`` asks the
worker and picks the layers); the pictures come from ``core.pixels.render`` and the numbers
from ``core.compare``, so they are the same as everywhere else.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.core import compare
from explorer.core.pixels.colormaps import colormap
from explorer.core.pixels.render import render_feature_maps
from explorer.core.text import format_shape
from explorer.widgets.color_bar import ColorBar
from explorer.widgets.elided_label import ElidedLabel
from explorer.widgets.flow_layout import flow_row
from explorer.widgets.image_plot import ImagePlot
from explorer.widgets.qimages import qimage_from_array

STRIP_HEIGHT = 22
TOP_PREDICTIONS = 3
MOST_CHANGED = 5


class SimilarityStrip(QWidget):
    """One cell per channel, coloured by its cosine (red −1, white 0, blue 1), stretched to
    the widget's width.

    Signals:
        hovered(int): the channel under the mouse (-1 off the strip).
        clicked(int): a channel was clicked.
    """

    hovered = Signal(int)
    clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumHeight(STRIP_HEIGHT)
        self.setMaximumHeight(STRIP_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.cosine: np.ndarray | None = None
        self._image = None

    def set_cosine(self, cosine: np.ndarray | None) -> None:
        """Show ``cosine`` (``(C,)``), or nothing."""
        self.cosine = cosine
        self._image = None if cosine is None else qimage_from_array(
            compare.similarity_strip(cosine))
        self.update()

    def channel_at(self, x: float) -> int:
        """The channel drawn at widget column ``x`` (-1 outside)."""
        if self.cosine is None or not 0 <= x < self.width():
            return -1
        return min(int(x * len(self.cosine) / max(self.width(), 1)), len(self.cosine) - 1)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt naming
        if self._image is None:
            return
        painter = QPainter(self)
        painter.drawImage(QRectF(self.rect()), self._image)
        painter.end()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt naming
        self.hovered.emit(self.channel_at(event.position().x()))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        channel = self.channel_at(event.position().x())
        if channel >= 0:
            self.clicked.emit(channel)

    def leaveEvent(self, _event) -> None:  # noqa: N802 - Qt naming
        self.hovered.emit(-1)


def _pane(title: QLabel, plot: ImagePlot, bar: ColorBar | None = None) -> QWidget:
    pane = QWidget()
    layout = QGridLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(title, 0, 0, 1, 2)
    layout.addWidget(plot, 1, 0)
    if bar is not None:
        layout.addWidget(bar, 1, 1)
    layout.setRowStretch(1, 1)
    return pane


class CompareView(QWidget):
    """Side A, side B and A − B of one layer, the cosine strip and both predictions.

    Signals:
        other_image_chosen(str): the key of the image side B should show.
        other_model_chosen(str, str): side B is this model (name or file) with these weights
            (``default`` or ``untrained``).
        open_model_requested(): the user wants to pick a model file for side B.
        step_requested(int): ↑/↓ in a picture (-1 / +1 layer).
    """

    other_image_chosen = Signal(str)
    other_model_chosen = Signal(str, str)
    open_model_requested = Signal()
    step_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.image_mode = QRadioButton(self.tr("Another image:"))
        self.model_mode = QRadioButton(self.tr("Another model:"))
        self.image_mode.setToolTip(self.tr("Side B: a second image through the same model"))
        self.model_mode.setToolTip(self.tr("Side B: the same image through a second model "
                                           "(a fine-tuned copy, other weights)"))
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.image_mode)
        self.mode_group.addButton(self.model_mode)
        self.model_mode.setChecked(True)
        self.image_box = QComboBox()  # item data: the image's key
        self.model_box = QComboBox()  # item data: the catalogue name or the file's path
        self.model_box.setMinimumContentsLength(14)
        self.weights_box = QComboBox()  # item data: the LoadModel weights value
        self.weights_box.addItem(self.tr("its own weights"), "default")
        self.weights_box.addItem(self.tr("untrained"), "untrained")
        self.open_button = QPushButton(self.tr("Model file…"))
        self.open_button.setToolTip(self.tr("Compare with a .keras or .h5 file (e.g. one made "
                                            "by cnn-explorer finetune)"))
        self.norm_box = QComboBox()  # item data: the norm
        self.norm_box.addItem(self.tr("one scale"), "layer")
        self.norm_box.addItem(self.tr("one scale, signed"), "signed")
        self.norm_box.setToolTip(self.tr("A and B share one colour scale: min–max over both, "
                                         "or ±max|x| around 0"))
        # two rows that wrap further in a narrow window (1024 px with both side docks)
        choose = QVBoxLayout()
        choose.addWidget(flow_row(QLabel(self.tr("B is")), self.model_mode, self.model_box,
                                  self.weights_box, self.open_button))
        choose.addWidget(flow_row(self.image_mode, self.image_box, self.norm_box))

        self.title = ElidedLabel(" ")
        self.title_a, self.title_b, self.title_diff = (ElidedLabel(" ") for _ in range(3))
        self.title_diff.setText(self.tr("A − B (red: A larger, blue: B larger)"))
        self.plot_a, self.plot_b, self.plot_diff = ImagePlot(), ImagePlot(), ImagePlot()
        self.bar_ab, self.bar_diff = ColorBar(), ColorBar()
        self.strip = SimilarityStrip()
        self.strip.setToolTip(self.tr("Cosine similarity of each channel of A and B: blue the "
                                      "same, white unrelated, red opposite"))
        self.strip_note = ElidedLabel(" ")
        self.predictions_a, self.predictions_b = ElidedLabel(" "), ElidedLabel(" ")
        self.hover = QLabel(" ")
        self.message = QLabel(self.tr("Choose what side B is: another model or another image."))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)

        pictures = QWidget()
        grid = QGridLayout(pictures)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(_pane(self.title_a, self.plot_a), 0, 0)
        grid.addWidget(_pane(self.title_b, self.plot_b, self.bar_ab), 0, 1)
        grid.addWidget(_pane(self.title_diff, self.plot_diff, self.bar_diff), 1, 0)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("<b>Predictions</b>")))
        for label in (self.predictions_a, self.predictions_b):
            side_layout.addWidget(label)
        side_layout.addStretch(1)
        grid.addWidget(side, 1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(pictures)

        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.strip)
        layout.addWidget(self.strip_note)
        layout.addWidget(self.hover)

        self._shown: dict = {}
        self.mosaic = None
        for plot in (self.plot_a, self.plot_b, self.plot_diff):
            plot.step_requested.connect(self.step_requested)
            plot.hovered.connect(self._on_hovered)
            plot.clicked.connect(self._on_clicked)
        self.strip.hovered.connect(self._on_strip_hovered)
        self.strip.clicked.connect(self._highlight)
        self.image_box.activated.connect(self._image_chosen)
        self.model_box.activated.connect(self._model_chosen)
        self.weights_box.activated.connect(self._model_chosen)
        self.image_mode.toggled.connect(self._mode_toggled)
        self.open_button.clicked.connect(self.open_model_requested)
        self.norm_box.currentIndexChanged.connect(lambda _i: self._redraw())

    # ------------------------------------------------------------------ choices
    @property
    def mode(self) -> str:
        """``"model"`` (side B: another model) or ``"image"`` (another image)."""
        return "image" if self.image_mode.isChecked() else "model"

    def set_models(self, names: list[tuple[str, str]], current: str | None = None) -> None:
        """Fill the model box with ``(title, name or path)`` pairs; keep ``current`` chosen."""
        keep = current or self.model_box.currentData()
        self.model_box.blockSignals(True)
        self.model_box.clear()
        for title, name in names:
            self.model_box.addItem(title, name)
        index = self.model_box.findData(keep)
        self.model_box.setCurrentIndex(max(index, 0))
        self.model_box.blockSignals(False)

    def add_model(self, title: str, name: str) -> None:
        """Add (or pick) a model file in the box and choose it."""
        if self.model_box.findData(name) < 0:
            self.model_box.addItem(title, name)
        self.model_box.setCurrentIndex(self.model_box.findData(name))

    def set_images(self, images: list[tuple[str, str]], current: str | None = None) -> None:
        """Fill the image box with ``(name, key)`` pairs; keep ``current`` chosen."""
        keep = current or self.image_box.currentData()
        self.image_box.blockSignals(True)
        self.image_box.clear()
        for name, key in images:
            self.image_box.addItem(name, key)
        self.image_box.setCurrentIndex(max(self.image_box.findData(keep), 0))
        self.image_box.blockSignals(False)

    def set_model_choice(self, name: str, weights: str) -> None:
        """Show ``name`` with ``weights`` as side B's model (without asking for anything)."""
        for box, value in ((self.model_box, name), (self.weights_box, weights)):
            if box.findData(value) >= 0:
                box.blockSignals(True)
                box.setCurrentIndex(box.findData(value))
                box.blockSignals(False)

    def set_mode(self, mode: str) -> None:
        """Choose what side B is (``"model"`` or ``"image"``) without asking for anything."""
        self.image_mode.blockSignals(True)
        (self.image_mode if mode == "image" else self.model_mode).setChecked(True)
        self.image_mode.blockSignals(False)

    def _mode_toggled(self, _checked: bool) -> None:
        if self.mode == "image":
            self._image_chosen()
        else:
            self._model_chosen()

    def _image_chosen(self, _index: int = 0) -> None:
        self.set_mode("image")
        if self.image_box.currentData():
            self.other_image_chosen.emit(self.image_box.currentData())

    def _model_chosen(self, _index: int = 0) -> None:
        self.set_mode("model")
        if self.model_box.currentData():
            self.other_model_chosen.emit(self.model_box.currentData(),
                                         self.weights_box.currentData())

    # ------------------------------------------------------------------ showing
    def show_message(self, text: str) -> None:
        """Say ``text`` instead of the pictures."""
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.strip.set_cosine(None)
        self.strip_note.setText(" ")

    def show_pair(self, pair, act_a: np.ndarray, act_b: np.ndarray, info_a, title_a: str,
                  title_b: str, predictions_a, predictions_b) -> None:
        """Show one ``core.compare.LayerPair``: A's and B's outputs on one colour scale, A − B
        when their shapes agree, and each channel's cosine."""
        self._shown = dict(pair=pair, a=act_a, b=act_b, info=info_a)
        how = self.tr("same path") if pair.how == "path" else self.tr("same place and shape")
        names = pair.a if pair.a == pair.b else f"{pair.a} ↔ {pair.b}"
        self.title.setText(self.tr("{names} · {type} · matched by {how} · A {shape_a}, B "
                                   "{shape_b}").format(names=names, type=info_a.type, how=how,
                                                       shape_a=format_shape(act_a.shape),
                                                       shape_b=format_shape(act_b.shape)))
        self.title_a.setText("A · " + title_a)
        self.title_b.setText("B · " + title_b)
        self.predictions_a.setText("A: " + _top(predictions_a))
        self.predictions_b.setText("B: " + _top(predictions_b))
        self.stack.setCurrentIndex(1)
        self._redraw()

    def _redraw(self) -> None:
        shown = self._shown
        if not shown:
            return
        a, b, pair = shown["a"], shown["b"], shown["pair"]
        norm = self.norm_box.currentData()
        size = self.plot_a.size()
        aspect = min(4.0, max(0.5, size.width() / max(size.height(), 1)))
        value_range = compare.shared_range(a, b)
        views = [(self.plot_a, a), (self.plot_b, b)]
        mosaic_a = render_feature_maps(_as_maps(a), norm, aspect=aspect, value_range=value_range)
        grid = (mosaic_a.rows, mosaic_a.cols)
        mosaic_b = render_feature_maps(_as_maps(b), norm, grid=grid, value_range=value_range) \
            if np.shape(a)[-1] == np.shape(b)[-1] and a.ndim == b.ndim else \
            render_feature_maps(_as_maps(b), norm, aspect=aspect, value_range=value_range)
        for (plot, _act), mosaic in zip(views, (mosaic_a, mosaic_b)):
            plot.set_rgba(mosaic.rgba, keep_view=True)
            plot.clear_highlight()
        self.mosaic = mosaic_a
        self.bar_ab.set_scale(colormap("coolwarm" if norm == "signed" else "viridis"),
                              mosaic_a.vmin, mosaic_a.vmax)
        if pair.same_shape:
            diff = compare.difference(a, b)
            mosaic_d = render_feature_maps(_as_maps(diff), "signed", "RdBu_r", grid=grid)
            self.plot_diff.set_rgba(mosaic_d.rgba, keep_view=True)
            self.bar_diff.set_scale(colormap("RdBu_r"), mosaic_d.vmin, mosaic_d.vmax)
            self.title_diff.setText(self.tr("A − B (red: A larger, blue: B larger) · max |A − B| "
                                            "{value}").format(value=f"{float(np.abs(diff).max()):.3g}"))
            self._show_similarity(a, b)
        else:
            self.plot_diff.set_rgba(np.zeros((1, 1, 4), np.uint8))
            self.title_diff.setText(self.tr("A − B: the shapes differ, no difference to take"))
            self.strip.set_cosine(None)
            self.strip_note.setText(" ")

    def _show_similarity(self, a: np.ndarray, b: np.ndarray) -> None:
        if a.ndim < 2:
            self.strip.set_cosine(None)
            self.strip_note.setText(self.tr("cosine of the whole output: {value}").format(
                value=f"{compare.layer_cosine(a, b):.4f}"))
            return
        cosine = compare.channel_cosine(a, b)
        self.strip.set_cosine(cosine)
        changed = ", ".join(f"{i} ({cosine[i]:.2f})"
                            for i in compare.most_changed(cosine, MOST_CHANGED))
        self.strip_note.setText(self.tr("cosine per channel: mean {mean}, lowest {low} · most "
                                        "changed: {changed}").format(
            mean=f"{cosine.mean():.3f}", low=f"{cosine.min():.3f}", changed=changed))

    def cosine(self) -> np.ndarray | None:
        """The per-channel cosines on screen, or None."""
        return self.strip.cosine

    # ------------------------------------------------------------------ pointer
    def _channel_at(self, row: int, col: int):
        m = self.mosaic
        channel = m.tile_at(row, col) if (m is not None and row >= 0) else None
        if channel is None:
            return None, None, None
        top, left = m.tile_origin(channel)
        return channel, row - top, col - left

    def _on_hovered(self, row: int, col: int) -> None:
        channel, y, x = self._channel_at(row, col)
        shown = self._shown
        if channel is None or not shown or shown["a"].ndim != 3 or \
                shown["a"].shape != shown["b"].shape:
            self.hover.setText(" ")
            return
        va, vb = float(shown["a"][y, x, channel]), float(shown["b"][y, x, channel])
        self.hover.setText(self.tr("channel {channel} · row {row}, col {col}: A = {a}, B = {b}, "
                                   "A − B = {diff}").format(channel=channel, row=y, col=x,
                                                            a=f"{va:.4g}", b=f"{vb:.4g}",
                                                            diff=f"{va - vb:.4g}"))

    def _on_clicked(self, row: int, col: int) -> None:
        channel, _y, _x = self._channel_at(row, col)
        if channel is not None:
            self._highlight(channel)

    def _on_strip_hovered(self, channel: int) -> None:
        cosine = self.strip.cosine
        if cosine is None or channel < 0:
            self.hover.setText(" ")
            return
        self.hover.setText(self.tr("channel {channel}: cosine {value}").format(
            channel=channel, value=f"{cosine[channel]:.4f}"))

    def _highlight(self, channel: int) -> None:
        """Outline channel ``channel`` in the three pictures."""
        m = self.mosaic
        if m is None or channel >= m.count:
            return
        top, left = m.tile_origin(channel)
        for plot in (self.plot_a, self.plot_b, self.plot_diff):
            plot.highlight(top, left, m.tile_h, m.tile_w)


def _as_maps(act: np.ndarray) -> np.ndarray:
    """A vector as a one-row map of units (so it tiles like the rest), else as it is."""
    return np.asarray(act).reshape(1, 1, -1) if np.ndim(act) == 1 else act


def _top(predictions) -> str:
    """The best classes in one line, e.g. ``"Ankle boot 91.2% · Sneaker 5.1%"``."""
    if not predictions:
        return "—"
    return " · ".join(f"{p.label} {p.score:.1%}" for p in predictions[:TOP_PREDICTIONS])
