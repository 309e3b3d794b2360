"""Every channel of the selected layer as ONE mosaic image; vectors as a bar strip.

The mosaic comes from ``core.pixels.render.render_feature_maps`` (numpy, RGBA) and is drawn by a single
``ImageItem``. Clicking a tile opens that channel large in the side panel; hovering reads the
value under the cursor. Renders are kept per (layer, normalisation, colour map) for the current
result, so stepping back and forth through layers does not render twice. A large layer is
drawn a few milliseconds at a time, between the window's other events
(:data:`BACKGROUND_VALUES`); until it is done the previous picture stays, without readings.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.core.pixels.colormaps import colormap, colormap_names
from explorer.core.pixels.render import (
    NORMS,
    feature_map_parts,
    render_feature_maps,
    vector_strip,
)
from explorer.core.text import format_shape
from explorer.widgets.channel_panel import ChannelPanel
from explorer.widgets.color_bar import ColorBar, beside_bar
from explorer.widgets.elided_label import ElidedLabel
from explorer.widgets.image_plot import ImagePlot

log = logging.getLogger(__name__)

AUTO_CMAP = "auto"
MAX_BARS = 4096
RENDER_CACHE = 12
BACKGROUND_VALUES = 200_000
"""A layer with more values than this is drawn in parts (``core.pixels.render.mosaic_parts``),
:data:`DRAW_SLICE_S` of them a turn of the event loop: ResNet50's 112×112×64 layers take 3–10 ms
(more while their fresh pages fault in), which in one turn, with the paint that follows, held up
the window for over 20 ms a step (``benchmarks/stall.py``). Drawn on a thread instead, they
slowed the GUI thread as much, the two contending for the interpreter lock and the 2 cores.
Smaller layers take under a millisecond and are drawn at once."""
DRAW_SLICE_S = 0.002
"""How long a large layer's drawing may hold up one turn of the event loop (seconds; it stops
after the part that passes this, each part being about 65,536 values)."""
NORM_TIPS = {"layer": QT_TRANSLATE_NOOP("FeatureMapView",
                                        "min–max over the whole layer: tiles are comparable"),
             "channel": QT_TRANSLATE_NOOP("FeatureMapView",
                                          "min–max per channel: every tile uses all colours"),
             "standardize": QT_TRANSLATE_NOOP(
                 "FeatureMapView", "per channel, mean 0.5 and std 0.1 (Quiver's recipe)"),
             "signed": QT_TRANSLATE_NOOP("FeatureMapView",
                                         "diverging around 0, ±max|x| over the layer")}
"""Each normalisation's tooltip, in English (shown translated)."""
NORM_TITLES = {"layer": QT_TRANSLATE_NOOP("FeatureMapView", "layer"),
               "channel": QT_TRANSLATE_NOOP("FeatureMapView", "channel"),
               "standardize": QT_TRANSLATE_NOOP("FeatureMapView", "standardize"),
               "signed": QT_TRANSLATE_NOOP("FeatureMapView", "signed")}
"""What the box shows for each normalisation (the name, in English; the setting keeps the
name whatever the language)."""
AUTO_TITLE = QT_TRANSLATE_NOOP("FeatureMapView", "auto")


def translated(text: str) -> str:
    """``text`` (a message of the ``FeatureMapView`` context) in the interface's language."""
    return QCoreApplication.translate("FeatureMapView", text)


class FeatureMapView(QWidget):
    """The selected layer's output: mosaic (or bars), options, and the large channel panel.

    Signals:
        step_requested(int): ↑/↓ in the view (-1 / +1 layer).
        options_changed(str, str): the user chose a normalisation / colour map.
        unit_selected(str, int, object, object): a click picked a unit: layer path, channel,
            row and column (None for a vector layer).
    """

    step_requested = Signal(int)
    options_changed = Signal(str, str)
    unit_selected = Signal(str, int, object, object)

    def __init__(self, norm: str = "layer", cmap: str = AUTO_CMAP, parent=None):
        super().__init__(parent)
        self._renders: OrderedDict[tuple, object] = OrderedDict()
        self._wanted: tuple | None = None  # (key, parts, keep_view) being drawn in parts
        self._kind = ""
        self._drawing = QTimer(self)  # the next parts of a large layer, in the next turn
        self._drawing.setSingleShot(True)
        self._drawing.setInterval(0)
        self._drawing.timeout.connect(self._draw_parts)
        self._path: str | None = None
        self._activation: np.ndarray | None = None
        self._mosaic = None

        self._kept_aspect: float | None = None
        self.title = ElidedLabel(self.tr("Loading…"))
        self.norm_box = QComboBox()  # item data: the normalisation's name, as stored
        for name in NORMS:
            self.norm_box.addItem(translated(NORM_TITLES[name]) if name in NORM_TITLES else name,
                                  name)
            self.norm_box.setItemData(self.norm_box.count() - 1,
                                      translated(NORM_TIPS[name]) if name in NORM_TIPS else "",
                                      Qt.ItemDataRole.ToolTipRole)
        self.norm_box.setCurrentIndex(max(0, self.norm_box.findData(
            norm if norm in NORMS else "layer")))
        self.norm_box.setToolTip(self.tr("How values become colours"))
        self.cmap_box = QComboBox()  # item data: the colour map's name, as stored
        self.cmap_box.addItem(translated(AUTO_TITLE), AUTO_CMAP)
        for name in colormap_names():
            self.cmap_box.addItem(name, name)
        self.cmap_box.setCurrentIndex(max(0, self.cmap_box.findData(cmap)))
        self.cmap_box.setToolTip(self.tr("Colour map (auto: viridis, coolwarm for signed)"))
        self.norm_box.currentIndexChanged.connect(self._on_options_changed)
        self.cmap_box.currentIndexChanged.connect(self._on_options_changed)

        self.mosaic_plot = ImagePlot()
        self.mosaic_plot.setToolTip(self.tr("Every channel of the layer; click a tile to "
                                            "enlarge it"))
        self.bars = pg.PlotWidget()
        self.bars.setMenuEnabled(False)
        self.bars.setLabel("bottom", self.tr("unit"))
        self.bars.setLabel("left", self.tr("value"))
        self.bars.getAxis("left").enableAutoSIPrefix(False)  # "value", not "value (x0.001)"
        # one item a sign, each with one brush: per-bar brushes cost ~40 µs a bar to draw
        self.bar_item = pg.BarGraphItem(x=[], height=[], width=0.85, pen=None,
                                        brush=pg.mkBrush(70, 130, 200))
        self.negative_bars = pg.BarGraphItem(x=[], height=[], width=0.85, pen=None,
                                             brush=pg.mkBrush(200, 90, 60))
        self.bars.addItem(self.bar_item)
        self.bars.addItem(self.negative_bars)
        self.message = QLabel(self.tr("Waiting for TensorFlow…"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        for page in (self.message, self.mosaic_plot, self.bars):
            self.stack.addWidget(page)
        self.channel_panel = ChannelPanel()
        self.channel_panel.hide()  # until a tile is clicked: the mosaic gets the room
        self.hover = QLabel(" ")

        options = QHBoxLayout()
        options.addWidget(self.title, 1)
        options.addWidget(QLabel(self.tr("Normalise:")))
        options.addWidget(self.norm_box)
        options.addWidget(QLabel(self.tr("Colours:")))
        options.addWidget(self.cmap_box)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.color_bar = ColorBar()
        splitter.addWidget(beside_bar(self.stack, self.color_bar))
        splitter.addWidget(self.channel_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.hover)

        self.mosaic_plot.hovered.connect(self._on_mosaic_hovered)
        self.mosaic_plot.clicked.connect(self._on_mosaic_clicked)
        self.mosaic_plot.step_requested.connect(self.step_requested)
        self.channel_panel.plot.step_requested.connect(self.step_requested)
        self.bars.scene().sigMouseMoved.connect(self._on_bars_hovered)
        self.bars.scene().sigMouseClicked.connect(self._on_bars_clicked)
        self.channel_panel.plot.clicked.connect(self._on_channel_clicked)
        self._relayout = QTimer(self)  # after a resize settles, re-grid the mosaic to fit
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(150)
        self._relayout.timeout.connect(self._redraw)
        self.stack.installEventFilter(self)

    # ------------------------------------------------------------------ public
    @property
    def norm(self) -> str:
        """The chosen normalisation (its name, whatever the language)."""
        return self.norm_box.currentData()

    @property
    def cmap(self) -> str:
        """The chosen colour map (``"auto"`` lets the normalisation pick)."""
        return self.cmap_box.currentData()

    @property
    def mosaic(self):
        """The ``core.render.Mosaic`` on screen, or ``None``."""
        return self._mosaic if self.stack.currentWidget() is self.mosaic_plot else None

    @property
    def path(self) -> str | None:
        """The layer shown."""
        return self._path

    def new_result(self) -> None:
        """Forget renders of the previous result (a new image or model ran)."""
        self._renders.clear()
        self._stop_drawing()  # the window shows the new result's layer next

    def rendering(self) -> bool:
        """True while the layer shown is still being drawn (in parts)."""
        return self._wanted is not None

    def shut_down(self) -> None:
        """Stop drawing (the window is closing)."""
        self._stop_drawing()

    def show_message(self, text: str) -> None:
        """Show ``text`` instead of a layer."""
        self._stop_drawing()
        self.color_bar.hide()  # its scale was the layer's before
        self.stack.setCurrentWidget(self.message)
        self.message.setText(text)

    def show_layer(self, path: str, info, activation: np.ndarray | None) -> None:
        """Show the output of layer ``path`` (``info`` is its ``LayerInfo`` or ``None``)."""
        changed = path != self._path
        self._path, self._activation = path, activation
        kind = f" · {info.type}" if info is not None else ""
        if activation is None:
            self.title.setText(f"<b>{path}</b>{kind}")
            self.show_message(self.tr("No output for {path} yet: load an image to run the "
                                      "model.").format(path=path))
            return
        self._kind = kind
        self._set_title(self._known_range(path, activation))  # a large layer's: with its mosaic
        if changed:
            self.channel_panel.clear()
            self.hover.setText(" ")  # the last reading belonged to another layer
            self.mosaic_plot.clear_highlight()
        if activation.ndim < 3:  # no channels to enlarge on a vector layer
            self.channel_panel.hide()
        if activation.ndim >= 2:
            self._show_mosaic(path, activation, keep_view=not changed)
        else:
            self._show_vector(path, activation)
        if self.channel_panel.channel is not None and activation.ndim == 3:
            self._show_channel(self.channel_panel.channel)

    def _known_range(self, path: str, activation: np.ndarray) -> tuple[float, float] | None:
        """The layer's min and max: at once for a small layer, from a drawn mosaic of it for a
        large one (None while it is being drawn)."""
        if activation.size <= BACKGROUND_VALUES or activation.ndim < 2:
            return float(activation.min()), float(activation.max())
        drawn = next((m for key, m in self._renders.items()
                      if key[:2] == (path, id(activation))), None)
        return None if drawn is None else (drawn.low, drawn.high)

    def _set_title(self, span: tuple[float, float] | None) -> None:
        low, high = (f"{span[0]:.4g}", f"{span[1]:.4g}") if span is not None else ("…", "…")
        self.title.setText(f"<b>{self._path}</b>{self._kind} · " + self.tr(
            "output {shape} · min {low} · max {high}").format(
                shape=format_shape(self._activation.shape), low=low, high=high))

    def export_rgba(self) -> np.ndarray | None:
        """The mosaic's pixels (one activation pixel a picture pixel), or None."""
        return None if self.mosaic is None else np.asarray(self.mosaic.rgba)

    def scale_note(self) -> str:
        """How values became colours, for an export's caption."""
        m = self.mosaic
        span = f" {m.vmin:.3g}…{m.vmax:.3g}" if m is not None and self.norm in (
            "layer", "signed") else " (each tile its own range)"
        return f"norm {self.norm}{span} · {self.cmap}"

    def export_image(self) -> QImage:
        """The view for Save/Copy: the mosaic at full resolution, else a grab of the page."""
        if self.stack.currentWidget() is self.mosaic_plot:
            return self.mosaic_plot.export_image()
        return self.stack.currentWidget().grab().toImage()

    # ------------------------------------------------------------------ drawing
    def _aspect(self) -> float:
        """Width/height of the plot, so the mosaic's grid fills it (clamped to 1/2 … 4).

        While the enlarged channel is open the grid keeps the shape it had when the tile was
        clicked, so the tiles do not move under the pointer."""
        if self._kept_aspect is not None and self.channel_panel.isVisible():
            return self._kept_aspect
        self._kept_aspect = None
        size = self.stack.size()
        return min(4.0, max(0.5, size.width() / max(size.height(), 1)))

    def _keep(self, key: tuple, mosaic) -> None:
        self._renders[key] = mosaic
        while len(self._renders) > RENDER_CACHE:
            self._renders.popitem(last=False)

    def _show_mosaic(self, path: str, activation: np.ndarray, keep_view: bool) -> None:
        aspect = round(self._aspect(), 1)
        key = (path, id(activation), self.norm, self.cmap, aspect)
        options = dict(norm=self.norm, cmap=None if self.cmap == AUTO_CMAP else self.cmap,
                       aspect=aspect)
        self._stop_drawing()  # a part-drawn layer asked before is dropped
        if key in self._renders:
            self._renders.move_to_end(key)
        elif activation.size <= BACKGROUND_VALUES:
            self._keep(key, render_feature_maps(activation, **options))
        else:
            self._wanted = (key, feature_map_parts(activation, **options), keep_view)
            self._mosaic = None  # the picture still shown is the one before: no readings
            self._drawing.start()
            return
        self._display(self._renders[key], keep_view)

    def _stop_drawing(self) -> None:
        self._wanted = None
        self._drawing.stop()

    def _draw_parts(self) -> None:
        """Draw parts of the wanted layer for about :data:`DRAW_SLICE_S`, then let the window
        go on; show the mosaic once its last part is done."""
        if self._wanted is None:
            return
        key, parts, keep_view = self._wanted
        deadline = time.perf_counter() + DRAW_SLICE_S
        try:
            part = next(parts)
            while part is None and time.perf_counter() <= deadline:
                part = next(parts)
        except Exception as error:  # noqa: BLE001 - a bug: keep its traceback, say it in the view
            log.error("Rendering %s failed", key[0], exc_info=True)
            self.show_message(self.tr("Drawing {path} failed: {error}").format(
                path=key[0], error=error))
            return
        if part is None:  # more parts in the next turn
            self._drawing.start()
            return
        self._wanted = None  # (any other layer asked meanwhile stopped this drawing)
        self._keep(key, part)
        self._set_title((part.low, part.high))
        self._display(part, keep_view)

    def _display(self, mosaic, keep_view: bool) -> None:
        self._mosaic = m = mosaic
        self.mosaic_plot.set_rgba(m.rgba, keep_view=keep_view)
        self.mosaic_plot.set_grid(  # through the middle of each separator
            [r * (m.tile_h + m.sep) - m.sep / 2 for r in range(1, m.rows)],
            [c * (m.tile_w + m.sep) - m.sep / 2 for c in range(1, m.cols)])
        self.stack.setCurrentWidget(self.mosaic_plot)
        per_tile = self.norm not in ("layer", "signed")
        self.color_bar.set_scale(colormap(self._cmap_name()), self._mosaic.vmin,
                                 self._mosaic.vmax, self.tr("each tile\nits own\nrange") if per_tile
                                 else "")
        self.color_bar.show()

    def _show_vector(self, path: str, activation: np.ndarray) -> None:
        self._stop_drawing()
        self.color_bar.hide()  # bars: the height is the value
        values = np.asarray(activation, dtype=np.float32).reshape(-1)
        self._mosaic = None
        if values.size > MAX_BARS:  # too many bars to draw one by one: one image instead
            cmap = None if self.cmap == AUTO_CMAP else self.cmap
            self.mosaic_plot.set_rgba(vector_strip(values, height=max(64, values.size // 64),
                                                   bar_width=1, cmap=cmap))
            self.stack.setCurrentWidget(self.mosaic_plot)
            return
        units = np.arange(values.size)
        negative = values < 0
        self.bar_item.setOpts(x=units[~negative], height=values[~negative])
        self.negative_bars.setOpts(x=units[negative], height=values[negative])
        self.bars.setXRange(-0.5, values.size - 0.5, padding=0.01)
        low, high = min(float(values.min()), 0.0), max(float(values.max()), 0.0)
        self.bars.setYRange(low, high if high > low else low + 1, padding=0.05)
        self.stack.setCurrentWidget(self.bars)

    def _cmap_name(self) -> str:
        """The colour map in use ("auto" follows the normalisation: diverging for signed)."""
        return self.cmap if self.cmap != AUTO_CMAP else (
            "coolwarm" if self.norm == "signed" else "viridis")

    def _show_channel(self, channel: int) -> None:
        cmap = self._cmap_name()
        if self._activation is not None and self._activation.ndim == 3:
            self.channel_panel.show_channel(self._path, self._activation, channel, self.norm,
                                            cmap)

    # ------------------------------------------------------------------ events
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        """When the plot area changes shape, re-grid the mosaic once the resize settles."""
        if watched is self.stack and event.type() == QEvent.Type.Resize:
            self._relayout.start()
        return super().eventFilter(watched, event)

    def _on_options_changed(self, _text: str) -> None:
        if self._path is not None:
            self._redraw()
        self.options_changed.emit(self.norm, self.cmap)

    def _redraw(self) -> None:
        if self._activation is not None and self._activation.ndim >= 2:
            self._show_mosaic(self._path, self._activation, keep_view=True)
            if self.channel_panel.channel is not None and self._activation.ndim == 3:
                self._show_channel(self.channel_panel.channel)
        elif self._activation is not None:
            self._show_vector(self._path, self._activation)

    def _on_mosaic_clicked(self, row: int, col: int) -> None:
        if self._mosaic is None:
            return
        channel = self._mosaic.tile_at(row, col)
        if channel is not None and self._activation is not None and self._activation.ndim == 3:
            top, left = self._mosaic.tile_origin(channel)
            self.mosaic_plot.highlight(top, left, self._mosaic.tile_h, self._mosaic.tile_w)
            if not self.channel_panel.isVisible():
                self._kept_aspect = round(self._aspect(), 1)
            self._show_channel(channel)
            self.unit_selected.emit(self._path, int(channel), row - top, col - left)

    def _on_mosaic_hovered(self, row: int, col: int) -> None:
        mosaic, act = self._mosaic, self._activation
        channel = mosaic.tile_at(row, col) if (mosaic is not None and row >= 0) else None
        if channel is None or act is None:
            self.hover.setText(" ")
            return
        top, left = mosaic.tile_origin(channel)
        y, x = row - top, col - left
        value = act[y, x, channel] if act.ndim == 3 else act[x, channel]
        self.hover.setText(self.tr("channel {channel} · row {row}, col {col} = {value}").format(
            channel=channel, row=y, col=x, value=f"{value:.5g}"))

    def _on_bars_clicked(self, event) -> None:
        act = self._activation
        if act is None or act.ndim != 1 or self.stack.currentWidget() is not self.bars:
            return
        index = int(round(self.bars.getViewBox().mapSceneToView(event.scenePos()).x()))
        if 0 <= index < act.size:
            self.unit_selected.emit(self._path, index, None, None)

    def _on_channel_clicked(self, row: int, col: int) -> None:
        channel = self.channel_panel.channel
        if channel is not None and row >= 0 and self._path is not None:
            self.unit_selected.emit(self._path, int(channel), row, col)

    def _on_bars_hovered(self, scene_pos) -> None:
        act = self._activation
        if act is None or act.ndim != 1 or self.stack.currentWidget() is not self.bars:
            return
        point = self.bars.getViewBox().mapSceneToView(scene_pos)
        index = int(round(point.x()))
        if 0 <= index < act.size:
            self.hover.setText(self.tr("unit {unit} = {value}").format(
                unit=index, value=f"{act[index]:.5g}"))
        else:
            self.hover.setText(" ")
