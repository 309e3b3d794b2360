"""Model ▸ Train… in the main window: opens the Training window, hands it the current image,
opens a saved model like any other, and asks before an unsaved run is thrown away.

The Training window runs on a second worker of the main worker's class (``type(worker)()``), so
the window side never imports the thread module and the main worker keeps answering.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction

from explorer.core.models.types import file_entry
from explorer.widgets.training_window import TrainingWindow


class TrainingActions:
    """The Model menu's Train… action and the Training window it opens.

    Args:
        window: the main window.
        worker_factory: makes the Training window's worker (default: a new worker of the main
            worker's class).
    """

    def __init__(self, window, worker_factory=None):
        self.window = window
        self.worker_factory = worker_factory or (lambda: type(window.worker)())
        self.view: TrainingWindow | None = None
        self.action = QAction(QCoreApplication.translate("TrainingActions", "&Train…"), window)
        tip = QCoreApplication.translate(
            "TrainingActions", "Train or fine-tune a model and watch its curves, kernels and "
                               "feature maps change")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.setShortcut("Ctrl+T")
        bar = window.menuBar()
        menu = bar.addMenu(QCoreApplication.translate("TrainingActions", "&Model"))
        actions = bar.actions()
        if len(actions) >= 2:  # before Help
            bar.insertMenu(actions[-2], menu)
        menu.addAction(self.action)
        self.menu = menu
        self.action.triggered.connect(self.open)

    def current_image(self):
        """The main window's current ``LoadedImage``, or None."""
        entry = self.window.state.image
        return entry.image if entry is not None else None

    def open(self) -> TrainingWindow:
        """Show the Training window (made, with its worker, the first time)."""
        if self.view is None:
            self.view = TrainingWindow(self.worker_factory(), self.window.presenter,
                                       self.current_image, self.window)
            self.view.setWindowFlag(Qt.WindowType.Window, True)
            self.view.saved.connect(self.on_saved)
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        return self.view

    def on_saved(self, path: str) -> None:
        """A trained model was saved: it joins the picker and opens in the main window."""
        self.window.views.picker.add_entry(file_entry(Path(path)))
        self.window.load_model(path)

    def may_close(self) -> bool:
        """Before the main window closes: False when the user keeps an unsaved run; else the
        training worker is stopped."""
        if self.view is None:
            return True
        if not self.view.may_close():
            return False
        self.view.worker.stop(timeout=10.0)
        self.view.running = self.view.unsaved = False
        self.view.close()
        return True
