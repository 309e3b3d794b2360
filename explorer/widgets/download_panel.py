"""A progress bar with bytes, rate, time left and a Cancel button, for weight downloads."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


def format_bytes(n: float) -> str:
    """``1536`` -> ``"1.5 kB"``; decimal units as download tools show them."""
    for unit in ("B", "kB", "MB", "GB"):
        if abs(n) < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"


def format_seconds(seconds: float | None) -> str:
    """``75`` -> ``"1 min 15 s"``; ``None`` -> ``"?"``."""
    if seconds is None:
        return "?"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"


def describe_progress(progress) -> str:
    """``"12.0 MB of 98.0 MB · 4.0 MB/s · 22 s left"`` for a ``worker.messages.Progress``."""
    parts = [format_bytes(progress.done) + (f" of {format_bytes(progress.total)}"
                                            if progress.total else "")]
    if progress.rate > 0:
        parts.append(f"{format_bytes(progress.rate)}/s")
    if progress.eta is not None:
        parts.append(f"{format_seconds(progress.eta)} left")
    return " · ".join(parts)


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
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the download; the current model stays")
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.bar, self.numbers, self.cancel_button):
            layout.addWidget(widget)
        self.hide()

    def show_progress(self, progress) -> None:
        """Show a ``Progress``: a determinate bar when the size is known, busy otherwise."""
        self.title.setText(progress.message)
        if progress.total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(progress.done / progress.total, 1.0)))
        else:
            self.bar.setRange(0, 0)
        self.numbers.setText(describe_progress(progress))
        self.show()
