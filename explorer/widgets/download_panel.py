"""A progress bar with bytes, rate, time left and a Cancel button, for weight downloads."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from explorer.core.text import format_transfer
from explorer.widgets.core_texts import core_text


def describe_progress(progress) -> str:
    """``"12.0/98.0 MB  4.0 MB/s  0:22 left"`` for a ``worker.messages.Progress`` (``"3/12"``
    for work counted in steps)."""
    if progress.unit == "steps":
        return f"{progress.done}/{progress.total}" if progress.total else str(progress.done)
    return format_transfer(progress.done, progress.total, progress.rate, progress.eta)


class DownloadPanel(QWidget):
    """Shown in the status bar while weights download.

    Signals:
        cancel_requested(): the user pressed Cancel.
    """

    cancel_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(240)
        self.bar.setTextVisible(True)
        self.numbers = QLabel()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the download; the current model stays"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.bar, self.numbers, self.cancel_button):
            layout.addWidget(widget)
        self.hide()

    def show_progress(self, progress) -> None:
        """Show a ``Progress``: a determinate bar when the size is known, busy otherwise."""
        self.title.setText(core_text(progress.message))
        if progress.total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(progress.done / progress.total, 1.0)))
        else:
            self.bar.setRange(0, 0)
        self.numbers.setText(describe_progress(progress))
        self.show()
