"""The progress and cancel channel between a running job and whoever started it."""

from __future__ import annotations

import threading
from typing import Callable

from explorer.core.errors import Cancelled
from explorer.worker.messages import Progress


class JobState:
    """The channel between a running job and whoever started it.

    Args:
        report: called with each :class:`Progress` the job reports (any thread).
    """

    def __init__(self, report: Callable[[Progress], None] | None = None):
        self._cancelled = threading.Event()
        self._report = report or (lambda progress: None)

    def cancel(self) -> None:
        """Ask the job to stop at its next check."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` when the job was asked to stop."""
        if self.cancelled:
            raise Cancelled()

    def report(self, progress: Progress) -> None:
        """Pass ``progress`` on."""
        self._report(progress)
