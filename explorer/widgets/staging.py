"""Showing a result in steps, one step per turn of the event loop.

A new model or a new image result changes many views at once: the shape-flow table, the
mosaic, the input view, the prediction bars. Done in one go, that is one long turn of the
event loop (tens of milliseconds for ResNet50) in which the window neither repaints nor
answers the mouse. :class:`Stages` runs such work as a queue of small steps, each in a turn
of its own, so the window stays responsive in between (``benchmarks/stall.py`` measures the
longest turn). Steps run in the order they were added, whoever added them; a step whose
guard says its result has been replaced in the meantime is skipped.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import Callable

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)
Step = Callable[[], object]


class Stages(QObject):
    """A queue of steps run one per event-loop turn.

    Args:
        parent: the owning QObject (the main window).
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._steps: deque[tuple[Callable[[], bool], Step]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    def add(self, steps, guard: Callable[[], bool] = lambda: True) -> None:
        """Queue ``steps`` (callables), each to run in a turn of its own while ``guard()``
        still holds (a step whose guard fails is dropped)."""
        self._steps.extend((guard, step) for step in steps)
        if self._steps and not self._timer.isActive():
            self._timer.start()

    def pending(self) -> int:
        """Steps not yet run."""
        return len(self._steps)

    def finish(self) -> None:
        """Run every queued step now."""
        while self._steps:
            self._run_one()

    def clear(self) -> None:
        """Drop every queued step (the window is closing)."""
        self._steps.clear()
        self._timer.stop()

    def _next(self) -> None:
        if self._steps:
            self._run_one()
        if self._steps:
            self._timer.start()

    def _run_one(self) -> None:
        guard, step = self._steps.popleft()
        if not guard():
            return
        try:
            step()
        except Exception:  # noqa: BLE001 - a bug in one view: logged with its traceback
            log.exception("Showing a result failed in %r", step)
