"""The window's side of the dataset census: asks the worker, shows progress and results in the
Census tab, and opens a clicked image at its unit."""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from explorer.core.errors import Cancelled
from explorer.widgets.core_texts import report_text
from explorer.worker.census_messages import (
    CensusResult,
    CensusThumbnails,
    OpenCensus,
    RunCensus,
    ThumbnailsReady,
)


def census_root() -> Path:
    """Where the window keeps censuses: ``$CNN_EXPLORER_CENSUS_DIR``, else the app's data
    folder (``~/.local/share/cnn-explorer/census`` on Linux)."""
    root = os.environ.get("CNN_EXPLORER_CENSUS_DIR")
    if root:
        return Path(root)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base) / "cnn-explorer" / "census"


def census_folder(model: str, data: str, split: str) -> Path:
    """One folder per model, data set and split (a file-name-safe join of the three)."""
    stem = "_".join(re.sub(r"[^\w.-]+", "-", part).strip("-")[-60:]
                    for part in (Path(model).name, data, split))
    return census_root() / stem


class CensusActions:
    """Run, stop, resume and reopen censuses for a ``MainWindow``.

    Args:
        window: the main window (its worker, state, views and status bar).
    """

    def __init__(self, window):
        self.window = window
        self.view = window.views.census
        self._pending: tuple | None = None
        self._running = False
        self._drawn: str | None = None
        v = self.view
        v.run_requested.connect(self.run)
        v.stop_requested.connect(lambda: self.window.worker.cancel_running(RunCensus))
        v.open_requested.connect(self.open)
        v.image_requested.connect(self.open_image)
        v.thumbnails_wanted.connect(self.make_thumbnails)
        window.views.tabs.currentChanged.connect(lambda _i: self.on_layer(self.window.layer))
        window.result_shown.connect(self._on_result_shown)

    def handlers(self) -> dict:
        return {CensusResult: self.on_result, ThumbnailsReady: self.on_thumbnails}

    def failures(self) -> dict:
        return {RunCensus: self.on_failed, OpenCensus: self.on_failed,
                CensusThumbnails: self.on_failed}

    @property
    def busy(self) -> bool:
        """A census is running."""
        return self._running

    # ------------------------------------------------------------------ asking
    def run(self, fields: dict) -> None:
        model = self.window.model
        if model is None or not fields["data"]:
            return
        folder = fields["folder"] or str(census_folder(model.name, fields["data"],
                                                       fields["split"]))
        self.window.submit(RunCensus(model.name, fields["data"], folder, fields["split"], (),
                                     fields["top"], fields["limit"], fields["resume"]))
        self._running = True
        self.view.set_running(True)
        self.view.show_progress(0, None, QCoreApplication.translate(
            "CensusActions", "Starting the census…"))
        self.window.say(QCoreApplication.translate(
            "CensusActions", "Census of {data} through {model} into {folder}…").format(
            data=fields["data"], model=model.name, folder=folder))

    def open(self, folder: str) -> None:
        self.window.submit(OpenCensus(folder))

    def make_thumbnails(self, indices: tuple) -> None:
        data, model = self.view.data, self.window.model
        if data is not None and model is not None and model.name == data.model:
            self.window.submit(CensusThumbnails(model.name, data.folder, tuple(indices)))

    def open_image(self, thumbnail: str, name: str, layer: str, channel: int, row: int,
                   col: int) -> None:
        """Open a data-set image in the window; once it has run, show ``layer`` and, for a top
        image, the unit at (row, col) of ``channel``."""
        try:
            data = Path(thumbnail).read_bytes()
        except OSError as exc:
            self.window.say(QCoreApplication.translate(
            "CensusActions", "Cannot read {file}: {error}").format(file=thumbnail,
                                                                     error=exc.strerror))
            return
        self._pending = (name, layer, channel, row, col)
        self.window.load_sources((data,), (name,))

    def _on_result_shown(self, result) -> None:
        if self._pending is None or result.image.name != self._pending[0]:
            return
        _name, layer, channel, row, col = self._pending
        self._pending = None
        if layer and layer in self.window.state.infos:
            self.window.select_layer(layer)
            if row >= 0:
                self.window.insight.inspect_unit(layer, channel, row, col)

    # ------------------------------------------------------------------ answers
    def on_progress(self, kind, progress) -> bool:
        """Census progress goes to the Census tab; True when it was a census's."""
        if kind is not RunCensus:
            return False
        text = progress.message
        if progress.rate:
            text += QCoreApplication.translate(
            "CensusActions", ", {rate} images/s").format(rate=f"{progress.rate:,.0f}")
            if progress.eta is not None:
                text += QCoreApplication.translate(
            "CensusActions", ", {eta} s left").format(eta=f"{progress.eta:,.0f}")
        self.view.show_progress(progress.done, progress.total, text)
        return True

    def on_result(self, result: CensusResult) -> None:
        self._running = False
        self.view.show_census(result.data)
        self.on_layer(self.window.layer, force=True)
        if result.cancelled:
            self.window.say(QCoreApplication.translate(
            "CensusActions", "Census stopped after {n} images; Resume goes on.").format(
                n=f"{result.data.images:,}"))
        else:
            self.window.say(QCoreApplication.translate(
            "CensusActions", "Census of {n} images ready in {folder}.").format(
                n=f"{result.data.images:,}", folder=result.data.folder))

    def on_thumbnails(self, _result: ThumbnailsReady) -> None:
        self.view.thumbnails_ready()

    def on_failed(self, _request_id: int, report) -> bool:
        if isinstance(report.request, RunCensus):
            self._running = False
            self.view.set_running(False)
            self.view.summary.setText(report_text(report))
        return issubclass(report.error_type, Cancelled)

    def on_layer(self, path: str | None, force: bool = False) -> None:
        """Follow the selected layer while the Census tab shows (or when asked)."""
        if path is None:
            return
        shown = self.window.views.tabs.currentWidget() is self.view
        if shown and (force or path != self._drawn):
            self.view.show_layer(path)
            self._drawn = path
        elif not shown:
            self.view.layer_path = path
            self._drawn = None
