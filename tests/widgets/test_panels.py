"""The panels on their own: shape-flow folding, kernels layout, top-K, downloads, dialogs."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QImage

from explorer.core.errors import DownloadError
from explorer.core.graph.model_graph import layer_table
from explorer.core.predict import Prediction
from explorer.widgets import intake
from explorer.widgets.dialogs import Presenter
from explorer.widgets.download_panel import DownloadPanel, describe_progress
from explorer.widgets.kernels_view import KernelsView
from explorer.widgets.predictions_view import PredictionsView
from explorer.widgets.shape_flow import PATH_ROLE, ShapeFlowView
from explorer.worker.messages import ErrorReport, Progress


@pytest.fixture(scope="module")
def nested_table():
    inner = keras.Sequential([keras.Input((4, 4, 4)),
                              layers.Conv2D(4, 3, padding="same", name="c")], name="base")
    image = keras.Input((8, 8, 3), name="image")
    x = layers.Conv2D(4, 3, padding="same", name="stem")(image)
    x = layers.Conv2D(4, 1, name="unit1.conv1")(x)
    x = layers.MaxPooling2D(2, name="unit1.pool")(x)
    x = inner(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    return layer_table(keras.Model(image, x, name="nested"))


def _children(model, index):
    return [model.index(r, 0, index).data(PATH_ROLE) for r in range(model.rowCount(index))]


def test_blocks_become_folding_parents(qtbot, nested_table):
    view = ShapeFlowView()
    qtbot.addWidget(view)
    selected = []
    view.layer_selected.connect(selected.append)
    view.set_table(nested_table)
    model = view.model()
    top = [model.index(r, 0) for r in range(model.rowCount())]
    assert [i.data() for i in top] == ["  image", "▣ stem", "unit1", "base", "▽ gap"]
    unit1, base = top[2], top[3]
    assert _children(model, unit1) == ["unit1/conv1", "unit1/pool"]
    assert _children(model, base) == [p for p in (i.path for i in nested_table)
                                      if p.startswith("base/")]
    assert unit1.data(PATH_ROLE) == "unit1/pool"  # a block shows what it outputs
    assert model.index(2, 2).data() == "4×4×4"
    view.collapse(unit1)
    assert not view.isExpanded(unit1)
    view.setCurrentIndex(model.index(0, 0, unit1))
    assert selected == ["unit1/conv1"]
    view.select_path("gap")  # from another view: no echo
    assert view.current_path() == "gap" and selected == ["unit1/conv1"]


class _Kernels:
    """A kernel set shaped like ``core.inspect.KernelSet``."""

    def __init__(self, keras_kernel, kind="conv", path="conv"):
        self.keras, self.kind, self.path = keras_kernel, kind, path
        self.book = keras_kernel.transpose(3, 2, 0, 1)


def test_kernels_view_modes_and_layout_toggle(qtbot):
    view = KernelsView()
    qtbot.addWidget(view)
    rng = np.random.default_rng(0)
    view.show_kernels(_Kernels(rng.normal(size=(3, 3, 8, 16)).astype(np.float32)))
    assert view.mode == "inputs" and view.filter_spin.isEnabled()
    assert view.filter_spin.maximum() == 15
    assert view.plot.image_shape == view._mosaic.rgba.shape[:2]
    assert view._mosaic.count == 8  # one tile per input channel
    view.filter_spin.setValue(5)
    assert view.shape_line.text().startswith(
        "Keras layout: kernel.shape = (kh, kw, in, out) = (3, 3, 8, 16)")
    assert "kernel[:, :, i, 5]" in view.shape_line.text()
    view.book_button.setChecked(True)
    assert view.shape_line.text().startswith(
        "Book layout: W.shape = (out, in, kh, kw) = (16, 8, 3, 3)")
    assert "W[5, i]" in view.shape_line.text()
    counts = view.hist_curve.getData()[1]
    assert counts.sum() == 3 * 3 * 8 * 16
    view.show_kernels(_Kernels(rng.normal(size=(5, 5, 3, 6)).astype(np.float32)))
    assert view.mode == "rgb" and not view.filter_spin.isEnabled()
    assert view._mosaic.rgba.shape[2] == 4 and view._mosaic.count == 6


def test_top_k_is_adjustable(qtbot):
    view = PredictionsView(k=3)
    qtbot.addWidget(view)
    ranked = [Prediction(i, f"class {i}", s) for i, s in enumerate([0.5, 0.3, 0.1, 0.06, 0.04])]
    view.set_predictions(ranked, "model")
    assert view.shown() == [("class 0", 0.5), ("class 1", 0.3), ("class 2", 0.1)]
    view.k_spin.setValue(5)
    assert len(view.shown()) == 5
    assert list(view.bars.opts["width"]) == [0.5, 0.3, 0.1, 0.06, 0.04]


def test_download_panel_shows_bytes_rate_eta_and_cancels(qtbot):
    panel = DownloadPanel()
    qtbot.addWidget(panel)
    progress = Progress("Downloading resnet50.h5", 25_000_000, 100_000_000, 5_000_000.0)
    assert describe_progress(progress) == "25.0/100.0 MB  5.0 MB/s  0:15 left"
    panel.show_progress(progress)
    assert panel.isVisibleTo(panel.parentWidget() or panel)
    assert panel.bar.value() == 250
    with qtbot.waitSignal(panel.cancel_requested, timeout=1000):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)


def test_intake_reads_files_and_images_from_mime(tmp_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.png")), QUrl("https://x/b.png")])
    assert intake.sources_from_mime(mime) == ((str(tmp_path / "a.png"),), (None,))
    mime = QMimeData()
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    mime.setImageData(image)
    sources, names = intake.sources_from_mime(mime, name="dropped image")
    assert names == ("dropped image",) and sources[0][:8] == b"\x89PNG\r\n\x1a\n"
    assert not intake.has_images(QMimeData())


def test_weights_failure_offers_the_two_ways_out(monkeypatch):
    seen = []

    def run_box(presenter, box):
        seen.append([b.text() for b in box.buttons()])
        return next(b for b in box.buttons() if b.text() == "Pick a weights file…")

    monkeypatch.setattr(Presenter, "run_box", run_box)
    error = DownloadError("Could not download resnet50.h5 from https://x into /cache",
                          "Check the network")
    choice = Presenter().weights_fallback(ErrorReport.from_exception(None, error))
    assert choice == "file"
    assert set(seen[0]) >= {"Use untrained weights", "Pick a weights file…"}


def test_pointwise_kernels_show_as_one_matrix_in_either_order(qtbot):
    view = KernelsView()
    qtbot.addWidget(view)
    weights = np.arange(1 * 1 * 4 * 6, dtype=np.float32).reshape(1, 1, 4, 6) - 12
    view.show_kernels(_Kernels(weights))
    assert view.mode == "matrix" and view.plot.image_shape == (4, 6)  # rows i, columns o
    view._on_hovered(3, 5)
    assert view.hover.text() == f"kernel[0, 0, 3, 5] = {weights[0, 0, 3, 5]:.5g}"
    view.book_button.setChecked(True)
    assert view.plot.image_shape == (6, 4)  # rows o, columns i
    view._on_hovered(5, 3)
    assert view.hover.text() == f"W[5, 3, 0, 0] = {weights[0, 0, 3, 5]:.5g}"
    assert "W[:, :, 0, 0]: row o = 0…5, column i = 0…3" in view.shape_line.text()


def test_the_weights_box_offers_retry(monkeypatch):
    from explorer.core.errors import DownloadError
    from explorer.widgets.dialogs import Presenter
    from explorer.worker.messages import ErrorReport

    seen = {}

    def answer(presenter, box):
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["text"] = box.informativeText()
        return next(b for b in box.buttons() if b.text() == "Retry")

    monkeypatch.setattr(Presenter, "run_box", answer)
    error = DownloadError("Could not download x.h5", "Check the network and try again")
    assert Presenter().weights_fallback(ErrorReport.from_exception(None, error)) == "retry"
    assert seen["buttons"][:2] == ["Retry", "Use untrained weights"]
