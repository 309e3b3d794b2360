"""Every message box the window shows, built in one place and run through one door.

:class:`Presenter` builds the boxes; :meth:`Presenter.run_box` is the only place a box is
executed, so a headless run (the self-check) or a test replaces that one method to answer
without blocking.
"""

from __future__ import annotations

import logging

import pyqtgraph as pg
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from explorer import __version__
from explorer.widgets.core_texts import error_details, error_what, report_text

log = logging.getLogger(__name__)

HELP_TEXT = QT_TRANSLATE_NOOP("Presenter", """<h3>cnn-explorer</h3>
<p>See what a convolutional network does to an image, layer by layer.</p>
<ul>
<li><b>Images</b>: drop image files on the window, use File ▸ Open (Ctrl+O), paste one
(Ctrl+V), or click a sample. Loaded images stay in the strip at the bottom.</li>
<li><b>Models</b>: pick one in the toolbar. Pretrained models download their weights once
(you can cancel). File ▸ Open model file… opens your own <code>.keras</code> or
<code>.h5</code>.</li>
<li><b>Layers</b>: click a row in the shape flow, or step with ↑/↓ in the feature maps and
Page Up/Page Down anywhere.</li>
<li><b>Feature maps</b>: every channel of the layer in one mosaic; wheel to zoom, drag to pan,
click a tile to see that channel large, hover to read values.</li>
<li><b>Kernels</b>: the selected convolution's filters, in Keras's (kh, kw, in, out) or the
book's (out, in, kh, kw) layout.</li>
<li><b>Why and what for</b>: Explain shows which pixels made the model choose a class (click a
prediction bar to explain that class); a click on a feature-map tile opens the Unit panel (where
the unit looks, how its value was computed); What it looks for optimises an image for each
channel or class; Diagram draws the architecture.</li>
<li><b>Census</b>: a whole data set through the model: each channel's statistics and strongest
images, dead channels, the confusion matrix; click an image to open it at its unit.</li>
<li><b>Compare</b>: one layer of two images, or of two models (e.g. untrained weights or a
fine-tuned copy), side by side with their difference.</li>
<li><b>Train</b>: Model ▸ Train… (Ctrl+T) trains in a window of its own, with the curves, the
first kernels and the feature maps redrawn as it learns.</li>
<li><b>Live input</b>: File ▸ Camera or File ▸ Open video…; Pause keeps the frame as an
image.</li>
<li><b>Export</b>: File ▸ Save view as PNG (Ctrl+S), Edit ▸ Copy view (Ctrl+Shift+C),
File ▸ Export report… (one HTML page), File ▸ Export activations (.npz).</li>
</ul>""")
"""The F1 help (English; shown through :func:`tr`)."""


def translated(text: str) -> str:
    """``text`` (a message of the ``Presenter`` context) in the interface's language."""
    return QCoreApplication.translate("Presenter", text)


def explain(error) -> str:
    """The expected/received/fix lines of an ``ExplorerError``, one a line, translated where
    the words are known (see :mod:`explorer.widgets.core_texts`)."""
    return error_details(error)


class Presenter:
    """Shows errors and questions as message boxes parented to ``parent``."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def run_box(self, box: QMessageBox):
        """Execute ``box`` and return the button the user clicked (``None`` if closed)."""
        box.exec()
        return box.clickedButton()

    def _box(self, icon, title: str, text: str, informative: str = "") -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        if informative:
            box.setInformativeText(informative)
        return box

    def error(self, report) -> None:
        """Show a worker ``ErrorReport``: a user error plainly, a bug with its traceback."""
        if report.user_error:
            box = self._box(QMessageBox.Icon.Warning, "cnn-explorer",
                            error_what(report.error), explain(report.error))
        else:
            box = self._box(QMessageBox.Icon.Critical,
                            QCoreApplication.translate("Presenter",
                                                       "cnn-explorer: unexpected error"),
                            report.message,
                            QCoreApplication.translate(
                                "Presenter", "This is a bug in cnn-explorer. The window stays "
                                "usable; the details below are also in the log."))
            box.setDetailedText(report.details or "")
        box.addButton(QMessageBox.StandardButton.Ok)
        self.run_box(box)

    def warn(self, text: str, informative: str = "") -> None:
        """Show a plain warning (e.g. some dropped files could not be read)."""
        box = self._box(QMessageBox.Icon.Warning, "cnn-explorer", text, informative)
        box.addButton(QMessageBox.StandardButton.Ok)
        self.run_box(box)

    def allow_unsafe(self, report) -> bool:
        """Ask whether a model file that holds code may run it; True only on "Allow"."""
        box = self._box(QMessageBox.Icon.Question,
                        QCoreApplication.translate("Presenter", "This model file contains code"),
                        QCoreApplication.translate(
                            "Presenter", "This file contains code (for example a Lambda layer) "
                            "that would run on your computer when it is loaded. Allow it?"),
                        report_text(report) + "\n\n" + QCoreApplication.translate(
                            "Presenter", "Only allow files you made yourself or trust."))
        allow = box.addButton(QCoreApplication.translate("Presenter", "Allow and load"),
                              QMessageBox.ButtonRole.AcceptRole)
        refuse = box.addButton(QCoreApplication.translate("Presenter", "Don't load"),
                               QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(refuse)
        box.setEscapeButton(refuse)
        return self.run_box(box) is allow

    def weights_fallback(self, report) -> str | None:
        """After a failed weights download: ``"retry"``, ``"untrained"``, ``"file"`` or ``None``
        (cancel)."""
        box = self._box(QMessageBox.Icon.Warning,
                        QCoreApplication.translate("Presenter", "Weights could not be had"),
                        error_what(report.error), explain(report.error))
        retry = box.addButton(QCoreApplication.translate("Presenter", "Retry"),
                              QMessageBox.ButtonRole.AcceptRole)
        untrained = box.addButton(QCoreApplication.translate("Presenter",
                                                             "Use untrained weights"),
                                  QMessageBox.ButtonRole.AcceptRole)
        pick = box.addButton(QCoreApplication.translate("Presenter", "Pick a weights file…"),
                             QMessageBox.ButtonRole.ActionRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(cancel)
        clicked = self.run_box(box)
        return {id(retry): "retry", id(untrained): "untrained",
                id(pick): "file"}.get(id(clicked))

    def about(self, worker_versions: dict[str, str], device: str) -> None:
        """The About box: versions of the app, Qt, TensorFlow, Keras and the device.

        Args:
            worker_versions: what the worker reported (TensorFlow, Keras, Python).
            device: the device TensorFlow computes on.
        """
        versions = {"cnn-explorer": __version__, "Qt": qVersion(), "PySide6": pyside_version,
                    "pyqtgraph": pg.__version__, **worker_versions}
        rows = "".join(f"<tr><td>{name}&nbsp;&nbsp;</td><td>{value}</td></tr>"
                       for name, value in versions.items())
        box = self._box(QMessageBox.Icon.Information,
                        QCoreApplication.translate("Presenter", "About cnn-explorer"),
                        QCoreApplication.translate(
                            "Presenter", "<b>cnn-explorer</b>: see what a convolutional neural "
                            "network does to an image."))
        device_name = QCoreApplication.translate("Presenter", "Device")
        box.setInformativeText(f"<table>{rows}<tr><td>{device_name}</td><td>{device}</td></tr>"
                               f"</table>")
        box.addButton(QMessageBox.StandardButton.Ok)
        self.run_box(box)

    def help(self) -> None:
        """The F1 help: what the window does and how to drive it."""
        box = self._box(QMessageBox.Icon.NoIcon,
                        QCoreApplication.translate("Presenter", "cnn-explorer help"),
                        translated(HELP_TEXT))
        box.addButton(QMessageBox.StandardButton.Ok)
        self.run_box(box)


class HeadlessPresenter(Presenter):
    """Answers every box at once with its safe default and logs what it said (self-check)."""

    def run_box(self, box: QMessageBox):
        """Log the box's text and answer with its escape (safe) button."""
        log.warning("%s: %s %s", box.windowTitle(), box.text(), box.informativeText())
        if box.detailedText():
            log.warning("%s", box.detailedText())
        return box.escapeButton()
