"""The window's panels, built and docked in one place.

Central: the feature maps and kernels as tabs. Left: the shape flow. Right: the input (original
beside the fed pixels) and the predictions. Bottom: the loaded images and the bundled samples.
Every dock has an object name, so ``saveState``/``restoreState`` bring the layout back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QTabWidget,
    QToolBar,
)

from explorer.widgets.census_view import CensusView
from explorer.widgets.diagram_view import DiagramView
from explorer.widgets.download_panel import DownloadPanel
from explorer.widgets.explain_view import ExplainView
from explorer.widgets.feature_maps import FeatureMapView
from explorer.widgets.featvis_view import FeatvisView
from explorer.widgets.input_view import InputView
from explorer.widgets.kernels_view import KernelsView
from explorer.widgets.model_picker import ModelPicker
from explorer.widgets.predictions_view import PredictionsView
from explorer.widgets.shape_flow import ShapeFlowView
from explorer.widgets.thumbnails import ThumbnailStrip
from explorer.widgets.unit_view import UnitView

translate = QCoreApplication.translate

def configure_pyqtgraph() -> None:
    """pyqtgraph options the views rely on: row-major images, light background."""
    pg.setConfigOptions(imageAxisOrder="row-major", background="w", foreground="k",
                        antialias=True)


@dataclass
class Views:
    """Every panel of the main window."""

    picker: ModelPicker
    tabs: QTabWidget
    feature_maps: FeatureMapView
    kernels: KernelsView
    shape_flow: ShapeFlowView
    input_view: InputView
    predictions: PredictionsView
    images: ThumbnailStrip
    samples: ThumbnailStrip
    download: DownloadPanel
    device: QLabel
    docks: dict[str, QDockWidget]
    explain: ExplainView
    unit: UnitView
    diagram: DiagramView
    featvis: FeatvisView
    census: CensusView


def _dock(window: QMainWindow, title: str, name: str, widget, area) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


SIDE_MIN_WIDTH = 240
"""The right-hand panels never shrink below this, whatever the centre holds."""
SCROLLBAR_ROOM = 16
"""Width kept for the input panel's vertical scroll bar."""


def _scrolling(widget):
    """``widget`` in a frameless, vertical-only scroll area: when its dock is shorter than the
    panel's least height (a small screen, wrapped notes, the taller lines of CJK fonts) it
    scrolls instead of drawing its rows over each other or pushing the window off the screen."""
    area = QScrollArea()
    area.setObjectName("input_scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(SIDE_MIN_WIDTH)
    widget.setMinimumWidth(SIDE_MIN_WIDTH - SCROLLBAR_ROOM)
    area.setWidget(widget)
    return area


def restore_geometry(window: QMainWindow, settings) -> None:
    """The window's remembered size, place and dock layout; a first start fills most of the
    screen (at most 1500×940)."""
    geometry = settings.get("window/geometry")
    if not (geometry and window.restoreGeometry(geometry)):
        screen = QGuiApplication.primaryScreen().availableGeometry()
        window.resize(min(1500, int(screen.width() * 0.95)),
                      min(940, int(screen.height() * 0.95)))
    state = settings.get("window/state")
    if state:
        window.restoreState(state)


def default_dock_sizes(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """The docks' first sizes (also what View ▸ Reset layout restores)."""
    window.resizeDocks([docks["shape_flow"]], [470], Qt.Orientation.Horizontal)
    window.resizeDocks([docks["input"]], [340], Qt.Orientation.Horizontal)
    window.resizeDocks([docks["images"]], [130], Qt.Orientation.Vertical)
    window.resizeDocks([docks["input"], docks["predictions"]], [360, 400],
                       Qt.Orientation.Vertical)  # the previews large, five bars at ease


def translated(text: str) -> str:
    """``text`` (a message of the ``Views`` context, marked with ``QT_TRANSLATE_NOOP``) in the
    interface's language."""
    return QCoreApplication.translate("Views", text)


def build_views(window: QMainWindow, *, norm: str, cmap: str, top_k: int,
                kernel_layout: str) -> Views:
    """Create the panels and dock them into ``window``."""
    configure_pyqtgraph()
    picker = ModelPicker()
    toolbar = QToolBar(QCoreApplication.translate("Views", "Model"))
    toolbar.setObjectName("model_toolbar")
    toolbar.addWidget(picker)
    window.addToolBar(toolbar)

    feature_maps = FeatureMapView(norm=norm, cmap=cmap)
    kernels = KernelsView(layout=kernel_layout)
    tabs = QTabWidget()
    explain = ExplainView()
    featvis = FeatvisView()
    diagram = DiagramView()
    census = CensusView()
    for widget, title, tip in (
            (feature_maps, QT_TRANSLATE_NOOP("Views", "Feature maps"),
             QT_TRANSLATE_NOOP("Views", "Every channel of the selected layer's output")),
            (kernels, QT_TRANSLATE_NOOP("Views", "Kernels"),
             QT_TRANSLATE_NOOP("Views", "The selected convolution's learned filters")),
            (explain, QT_TRANSLATE_NOOP("Views", "Explain"),
             QT_TRANSLATE_NOOP("Views", "Which parts of the image made the model choose a "
                                        "class")),
            (featvis, QT_TRANSLATE_NOOP("Views", "What it looks for"),
             QT_TRANSLATE_NOOP("Views", "Images optimised to excite the selected layer's "
                                        "channels, or the classes")),
            (diagram, QT_TRANSLATE_NOOP("Views", "Diagram"),
             QT_TRANSLATE_NOOP("Views", "The architecture as a graph: branches, merges, skips "
                                        "and blocks")),
            (census, QT_TRANSLATE_NOOP("Views", "Census"),
             QT_TRANSLATE_NOOP("Views", "A whole data set through the model: each channel's "
                                        "statistics and top images, the confusion matrix"))):
        tabs.setTabToolTip(tabs.addTab(widget, translated(title)), translated(tip))
    window.setCentralWidget(tabs)

    shape_flow = ShapeFlowView()
    input_view = InputView()
    unit = UnitView()
    predictions = PredictionsView(k=top_k)
    images = ThumbnailStrip(removable=True)
    images.setToolTip(QCoreApplication.translate(
        "Views", "Loaded images: click one to run it; right-click or Delete to remove it"))
    samples = ThumbnailStrip()
    samples.setToolTip(QCoreApplication.translate(
        "Views", "Sample images shipped with the app: click one to load it"))
    left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    docks = {
        "shape_flow": _dock(window, QCoreApplication.translate("Views", "Shape flow"),
                            "shape_flow_dock", shape_flow, left),
        "input": _dock(window, QCoreApplication.translate("Views", "Input"), "input_dock",
                       _scrolling(input_view), right),
        "unit": _dock(window, QCoreApplication.translate("Views", "Unit"), "unit_dock", unit,
                      right),
        "predictions": _dock(window, QCoreApplication.translate("Views", "Predictions"),
                             "predictions_dock", predictions, right),
        "images": _dock(window, QCoreApplication.translate("Views", "Images"), "images_dock",
                        images, bottom),
        "samples": _dock(window, QCoreApplication.translate("Views", "Samples"), "samples_dock",
                         samples, bottom),
    }
    window.splitDockWidget(docks["images"], docks["samples"], Qt.Orientation.Horizontal)
    window.tabifyDockWidget(docks["input"], docks["unit"])
    docks["input"].raise_()
    predictions.setMinimumWidth(SIDE_MIN_WIDTH)
    default_dock_sizes(window, docks)

    download = DownloadPanel()
    device = QLabel(QCoreApplication.translate("Views", "Loading TensorFlow…"))
    device.setToolTip(QCoreApplication.translate("Views", "The device TensorFlow computes on"))
    window.statusBar().addPermanentWidget(download)
    window.statusBar().addPermanentWidget(device)
    return Views(picker, tabs, feature_maps, kernels, shape_flow, input_view, predictions,
                 images, samples, download, device, docks, explain, unit, diagram, featvis,
                 census)
