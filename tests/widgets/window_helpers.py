"""Helpers for driving the real window in tests: record boxes, drop files, wait for results."""

from __future__ import annotations

import threading

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from explorer.worker.thread import THREAD_NAME

RESULT_TIMEOUT_MS = 120_000


class BoxRecorder:
    """Stands in for ``Presenter.run_box``: records each box and answers it.

    ``answer`` is the text of the button to click for the next boxes (``None``: the escape
    button, as closing the box would).
    """

    def __init__(self):
        self.boxes: list[dict] = []
        self.answer: str | None = None

    def __call__(self, box):
        buttons = {b.text(): b for b in box.buttons()}
        self.boxes.append({"title": box.windowTitle(), "text": box.text(),
                           "informative": box.informativeText(),
                           "details": box.detailedText(), "buttons": list(buttons)})
        if self.answer is not None:
            return buttons[self.answer]
        return box.escapeButton()


def worker_threads() -> list[threading.Thread]:
    """Worker threads still alive."""
    return [t for t in threading.enumerate() if t.name == THREAD_NAME and t.is_alive()]


def drop_files(target, paths) -> None:
    """Drag local files onto ``target`` and drop them, the way a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(200, 200), *args)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted(), "the window refused the drag"
    QApplication.sendEvent(target, QDropEvent(QPointF(200, 200), *args))


def wait_for_result(qtbot, win, image_name: str | None = None, model: str | None = None):
    """Wait until the window shows a result for ``image_name`` / ``model``; return it."""

    def shown() -> bool:
        r = win.result
        return (r is not None and (image_name is None or r.image.name == image_name)
                and (model is None or r.model_name == model))

    qtbot.waitUntil(shown, timeout=RESULT_TIMEOUT_MS)
    return win.result


def wait_idle(qtbot, win) -> None:
    """Wait until the worker has nothing queued and nothing running, and the results it sent
    have been handled and shown (handling one may ask for more work: then wait for that too)."""

    def settled() -> bool:
        if not win.worker.is_idle() or win.showing():
            return False
        QApplication.processEvents()  # deliver the signals the worker already sent
        return win.worker.is_idle() and not win.showing()

    qtbot.waitUntil(settled, timeout=RESULT_TIMEOUT_MS)
