"""The Explain tab: which parts of the image made the model choose a class.

The map is a second ``ImageItem`` over the image (pyqtgraph's overlay habit), once over the
original photo (placed on the part of it that was fed: the centre crop) and once over the exact
pixels the model saw, with an opacity slider and a colour bar. Method, class and layer pickers
ask the worker for a new map; slow methods show progress and can be cancelled.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from explorer.core.explain.layers import default_layer, spatial_layers
from explorer.core.pixels.colormaps import colormap
from explorer.core.pixels.overlay import HEAT_ALPHA, HEAT_CMAP, render_overlay
from explorer.widgets.flow_layout import flow_row
from explorer.widgets.qimages import as_rgb, qimage_from_array

#: (name sent to the worker, title (English, shown translated), needs a layer, slow)
METHODS = (("gradcam", "Grad-CAM", True, False), ("gradcam++", "Grad-CAM++", True, False),
           ("scorecam", "Score-CAM", True, True), ("layercam", "Layer-CAM", True, False),
           ("saliency", QT_TRANSLATE_NOOP("ExplainView", "Saliency (gradient)"), False, False),
           ("smoothgrad", "SmoothGrad", False, True),
           ("integrated-gradients", QT_TRANSLATE_NOOP("ExplainView", "Integrated Gradients"),
            False, True),
           ("guided-backprop", QT_TRANSLATE_NOOP("ExplainView", "Guided backpropagation"),
            False, False),
           ("occlusion", QT_TRANSLATE_NOOP("ExplainView", "Occlusion"), False, True))
TOP1 = None


class OverlayPane(pg.GraphicsLayoutWidget):
    """An image with an explanation map over it, and a colour bar."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.plot = self.addPlot(title=title)
        self.plot.setAspectLocked(True)
        self.plot.invertY(True)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.heat = pg.ImageItem(axisOrder="row-major")
        self.heat.setLookupTable(colormap(HEAT_CMAP))
        self.heat.setLevels((0.0, 1.0))
        self.heat.setOpacity(HEAT_ALPHA)
        self.heat.setZValue(1)
        self.plot.addItem(self.image)
        self.plot.addItem(self.heat)
        cmap = pg.ColorMap(np.linspace(0, 1, 256), colormap(HEAT_CMAP))
        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=cmap, interactive=False, width=12,
                                   label=self.tr("importance"))
        self.bar.setImageItem(self.heat, insert_in=self.plot)
        self.heat.setLevels((0.0, 1.0))

    def show(self, rgb: np.ndarray, heat: np.ndarray | None,
             box: tuple[int, int, int, int] | None = None) -> None:
        """``rgb`` as the picture; ``heat`` (0..1) stretched over ``box`` (top, left, bottom,
        right in the picture's pixels; the whole picture when None)."""
        self.image.setImage(rgb, autoLevels=False, levels=(0, 255))
        if heat is None:
            self.heat.clear()
            return
        top, left, bottom, right = box or (0, 0, rgb.shape[0], rgb.shape[1])
        self.heat.setImage(np.asarray(heat, np.float32), autoLevels=False, levels=(0.0, 1.0))
        self.heat.setRect(left, top, right - left, bottom - top)
        self.plot.autoRange(padding=0.02)

    def heat_rect(self) -> tuple[float, float, float, float]:
        """Where the map lies, ``(x, y, width, height)`` in picture pixels."""
        rect = self.heat.mapRectToParent(self.heat.boundingRect())
        return rect.x(), rect.y(), rect.width(), rect.height()


class ExplainView(QWidget):
    """The Explain tab.

    Signals:
        explain_requested(str, object, object): method, class index (None = top-1), layer
            (None = default).
        cancel_requested(): stop the running explanation.
    """

    explain_requested = Signal(str, object, object)
    cancel_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._result = None
        self._original = None
        self.method = QComboBox()
        for name, title, _, slow in METHODS:
            title = QCoreApplication.translate("ExplainView", title)
            self.method.addItem(self.tr("{method} (slow)").format(method=title) if slow
                                else title, name)
        self.method.setToolTip(self.tr("How the map is computed"))
        self.klass = QComboBox()
        self.klass.setToolTip(self.tr("The class to explain (click a prediction bar to pick "
                                      "one)"))
        self.layer = QComboBox()
        self.layer.setToolTip(self.tr("The layer a class activation map is computed at"))
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(int(HEAT_ALPHA * 100))
        self.opacity.setToolTip(self.tr("How much the map covers the image"))
        self.opacity.setMaximumWidth(140)
        self.caption = QLabel(self.tr("Run an image to explain the model's choice"))
        self.caption.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Stop this explanation"))
        self.save_map_button = QPushButton(self.tr("Save map…"))
        self.save_map_button.setToolTip(self.tr("Save the map as numbers (.npy, float32, 0..1, "
                                                "the fed image's height × width)"))
        self.original = OverlayPane(self.tr("Original"))
        self.fed = OverlayPane(self.tr("Fed to the model"))

        parts = []
        for text, widget in ((self.tr("Method"), self.method), (self.tr("Class"), self.klass),
                             (self.tr("Layer"), self.layer),
                             (self.tr("Opacity"), self.opacity)):
            parts += [QLabel(text), widget]
        self.opacity.setMinimumWidth(100)
        controls = flow_row(*parts)
        status = QHBoxLayout()
        status.addWidget(self.caption, 1)
        status.addWidget(self.progress)
        status.addWidget(self.cancel)
        status.addWidget(self.save_map_button)
        panes = QHBoxLayout()
        panes.addWidget(self.original, 1)
        panes.addWidget(self.fed, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(controls)
        layout.addLayout(status)
        layout.addLayout(panes, 1)
        self._set_busy(False)

        self.method.activated.connect(lambda _i: self._ask())
        self.klass.activated.connect(lambda _i: self._ask())
        self.layer.activated.connect(lambda _i: self._ask())
        self.opacity.valueChanged.connect(self._on_opacity)
        self.cancel.clicked.connect(self.cancel_requested)
        self.save_map_button.clicked.connect(self._on_save_map)

    # ------------------------------------------------------------------ choices
    @property
    def method_name(self) -> str:
        """The chosen method's name."""
        return self.method.currentData()

    @property
    def class_index(self) -> int | None:
        """The chosen class, None for the top-1."""
        return self.klass.currentData()

    @property
    def layer_path(self) -> str | None:
        """The chosen CAM layer, None for the default one (or for a gradient method)."""
        needs_layer = next(m[2] for m in METHODS if m[0] == self.method_name)
        return self.layer.currentData() if needs_layer else None

    def set_model(self, table) -> None:
        """A new model: its CAM layers (default marked) and no classes yet."""
        self.layer.clear()
        chosen = default_layer(table)
        for path in spatial_layers(table):
            self.layer.addItem(self.tr("{layer}  (default)").format(layer=path)
                               if path == chosen else path, path)
        if chosen is not None:
            self.layer.setCurrentIndex(self.layer.findData(chosen))
        self.set_classes(())
        self._result = None
        self.original.show(np.zeros((2, 2, 3), np.uint8), None)
        self.fed.show(np.zeros((2, 2, 3), np.uint8), None)
        self.caption.setText(self.tr("Run an image to explain the model's choice"))

    def set_classes(self, ranked) -> None:
        """The predicted classes to choose from (``Prediction``, best first)."""
        current = self.class_index
        self.klass.clear()
        self.klass.addItem(self.tr("Top-1"), TOP1)
        for p in list(ranked)[:20]:
            self.klass.addItem(f"{p.label} ({p.score:.3f})", p.index)
        index = self.klass.findData(current)
        self.klass.setCurrentIndex(index if index >= 0 else 0)

    def choose_class(self, index: int) -> None:
        """Explain class ``index`` (a click on a prediction bar)."""
        found = self.klass.findData(index)
        if found < 0:
            self.klass.addItem(self.tr("class {index}").format(index=index), index)
            found = self.klass.count() - 1
        self.klass.setCurrentIndex(found)
        self._ask()

    def _ask(self) -> None:
        self.layer.setEnabled(next(m[2] for m in METHODS if m[0] == self.method_name))
        self.explain_requested.emit(self.method_name, self.class_index, self.layer_path)

    # ------------------------------------------------------------------ results
    def show_waiting(self, slow: bool) -> None:
        """A map is on its way; slow methods get a progress bar and Cancel."""
        self.caption.setText(self.tr("Computing…"))
        self._set_busy(slow)
        self.progress.setRange(0, 0)

    def show_progress(self, done: int, total: int | None) -> None:
        """Batches done of a slow method."""
        self._set_busy(True)
        self.progress.setRange(0, total or 0)
        self.progress.setValue(done)

    def show_result(self, result, original_pixels: np.ndarray) -> None:
        """Show an ``ExplanationResult`` over the fed pixels and the original image."""
        self._result, self._original = result, original_pixels
        self._set_busy(False)
        e, prepared = result.explanation, result.prepared
        fed = as_rgb(prepared.fed_pixels)
        self.fed.show(fed, e.heatmap)
        top, left, bottom, right = prepared.content_box
        inner = e.heatmap[top:bottom, left:right] if bottom > top and right > left \
            else e.heatmap
        self.original.show(as_rgb(original_pixels), inner, prepared.source_box)
        how = self.tr("cached") if result.cached else self.tr("{seconds} s").format(
            seconds=f"{e.seconds:.2f}")
        self.caption.setText(f"{e.title} · {e.score_kind} {e.score:.4g} · {how}")

    def show_message(self, text: str) -> None:
        """Say why there is no map."""
        self._set_busy(False)
        self.caption.setText(text)

    def overlay_image(self) -> np.ndarray | None:
        """The shown map over the fed pixels, with a colour bar and a caption (RGBA)."""
        if self._result is None:
            return None
        e = self._result.explanation
        return render_overlay(self._result.prepared.fed_pixels, e.heatmap,
                              alpha=self.opacity.value() / 100,
                              caption=f"{e.title} · {e.score_kind} {e.score:.3g}")

    @property
    def result(self):
        """The shown ``ExplanationResult`` or None."""
        return self._result

    def export_image(self):
        """For File ▸ Save view: the overlay with its caption (or the tab as on screen)."""
        overlay = self.overlay_image()
        return qimage_from_array(overlay) if overlay is not None else self.grab().toImage()

    def save_map(self, path: str) -> None:
        """Write the shown map to ``path`` as ``.npy`` (float32, 0..1)."""
        np.save(path, np.asarray(self._result.explanation.heatmap, np.float32))

    def _on_save_map(self) -> None:
        if self._result is None:
            return
        from PySide6.QtWidgets import QFileDialog

        e = self._result.explanation
        name = f"{e.method}-{e.label}.npy".replace("/", "_").replace(" ", "_")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the map"), name,
                                              self.tr("NumPy (*.npy)"))
        if path:
            self.save_map(path if path.endswith(".npy") else path + ".npy")

    # ------------------------------------------------------------------ helpers
    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel.setVisible(busy)

    def _on_opacity(self, value: int) -> None:
        for pane in (self.original, self.fed):
            pane.heat.setOpacity(value / 100)

