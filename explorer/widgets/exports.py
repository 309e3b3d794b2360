"""File ▸ Export report… and File ▸ Export activations: the HTML report is written by the
worker (``ExportReport`` → ``worker/jobs/report.py``; its progress shows in the status bar's
progress panel, whose Cancel stops it); the activations on screen are written here, numpy only
(``core.report.arrays``), one ``.npz`` keyed by layer path."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu

from explorer.core.errors import ExplorerError
from explorer.core.report.arrays import save_activations
from explorer.core.text import format_bytes
from explorer.widgets.core_texts import error_details, error_what
from explorer.widgets.feature_maps import AUTO_CMAP
from explorer.worker.report_messages import ExportReport, ReportWritten


def file_stem(*parts: str) -> str:
    """A file name stem from ``parts`` (spaces, slashes and odd characters become ``_``)."""
    text = "-".join(p for p in parts if p)
    return re.sub(r"[^\w.@+-]+", "_", text).strip("_") or "cnn-explorer"


def choose_target(parent, title: str, start: str, name_filter: str, suffix: str) -> str | None:
    """Ask where to save; the path ends in ``suffix``; None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, start, name_filter)
    if not path:
        return None
    return path if path.lower().endswith(suffix) else path + suffix


class ExportActions(QObject):
    """The export entries of a ``MainWindow``'s File menu (put in after Save view as PNG).

    Args:
        window: the main window (its state, views, settings, worker and status bar); it
            answers ``ReportWritten`` here.

    Signals:
        report_written(object): a ``ReportWritten`` arrived (the page is on disk).
        activations_written(str): the path of an ``.npz`` just written.
    """

    report_written = Signal(object)
    activations_written = Signal(str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.report_action = QAction(self.tr("Export &report…"), window)
        self.report_action.setStatusTip(self.tr(
            "Write one HTML page about the model and the current image: card, pipeline, layer "
            "table, feature maps, kernels, predictions, explanation; it prints on A4"))
        self.activations_menu = QMenu(self.tr("Export &activations"), window)
        self.all_action = self.activations_menu.addAction(self.tr("All layers (.npz)…"))
        self.layer_action = self.activations_menu.addAction(self.tr("Selected layer (.npz)…"))
        tip = self.tr("The current image's layer outputs as numbers, keyed by layer path (as "
                      "cnn-explorer activations --format npy writes them)")
        for action in (self.all_action, self.layer_action):
            action.setStatusTip(tip)
        self.report_action.triggered.connect(self.export_report)
        self.all_action.triggered.connect(lambda: self.export_activations(False))
        self.layer_action.triggered.connect(lambda: self.export_activations(True))
        self._insert_into_file_menu()
        window.add_handlers({ReportWritten: self.on_report})

    def _insert_into_file_menu(self) -> None:
        save = self.window.menu_actions.save_view
        menu = next(o for o in save.associatedObjects() if isinstance(o, QMenu))
        actions = menu.actions()
        after = actions[actions.index(save) + 1] if actions.index(save) + 1 < len(actions) \
            else None
        menu.insertAction(after, self.report_action)
        menu.insertMenu(after, self.activations_menu)

    # ------------------------------------------------------------------ the report
    def export_report(self) -> None:
        """File ▸ Export report…: ask for a file, then have the worker write the page."""
        w = self.window
        entry = w.state.image
        if w.model is None or entry is None:
            w.say(self.tr("Load a model and an image first."))
            return
        start = str(Path(w.settings.get("files/last_dir") or ".")
                    / (file_stem(w.model.entry.title, Path(entry.name).stem, "report")
                       + ".html"))
        path = choose_target(w, self.tr("Export report"), start,
                             self.tr("HTML page (*.html)"), ".html")
        if not path:
            return
        w.settings.set("files/last_dir", str(Path(path).parent))
        fm = w.views.feature_maps
        w.submit(ExportReport(w.model.name, (entry,), path, None, fm.norm,
                              None if fm.cmap == AUTO_CMAP else fm.cmap, w.views.predictions.k))
        w.say(self.tr("Writing the report to {path}…").format(path=path))

    def on_report(self, result: ReportWritten) -> None:
        self.window.say(self.tr("Report written: {path} ({size}, {count} pictures)").format(
            path=result.path, size=format_bytes(result.size_bytes), count=result.figures), 15)
        self.report_written.emit(result)

    # ------------------------------------------------------------------ activations
    def export_activations(self, selected_only: bool) -> None:
        """File ▸ Export activations: every layer's output (or the selected layer's) for the
        image on screen, in one ``.npz`` keyed by layer path."""
        w = self.window
        result = w.result
        if result is None:
            w.say(self.tr("No activations yet: open an image and a model first."))
            return
        keys = None
        if selected_only:
            if w.layer is None or w.layer not in result.activations:
                w.say(self.tr("Select a layer first."))
                return
            keys = [w.layer] + [k for k in result.activations if k.startswith(w.layer + ":")]
        title = w.model.entry.title if w.model else "cnn-explorer"
        stem = file_stem(title, Path(result.image.name).stem,
                         w.layer.replace("/", "__") if selected_only else "activations")
        start = str(Path(w.settings.get("files/last_dir") or ".") / (stem + ".npz"))
        path = choose_target(w, self.tr("Export activations"), start,
                             self.tr("NumPy archive (*.npz)"), ".npz")
        if not path:
            return
        w.settings.set("files/last_dir", str(Path(path).parent))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = save_activations(path, result.activations, keys)
        except ExplorerError as error:
            w.presenter.warn(error_what(error), error_details(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        w.say(self.tr("Saved {count} layer output(s) to {path}").format(count=len(written),
                                                                        path=path))
        self.activations_written.emit(path)

