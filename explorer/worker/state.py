"""The channel between a running job and whoever started it (Orange3's ``TaskState``).

A job reports :class:`Progress`, may publish partial results (training curves, census rows)
before its final one, and polls for cancellation; through :attr:`JobState.memory` it reaches
what the worker keeps between requests (the current model, the result cache).
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from explorer.core.errors import Cancelled
from explorer.worker.messages import Progress


class JobState:
    """Progress, partial results and cancellation for one job.

    Args:
        report: called with each :class:`Progress` the job reports (any thread).
        publish: called with each partial result the job publishes before it returns.
        memory: what the worker keeps between requests (a ``WorkerMemory``), or None for jobs
            that need none.
    """

    def __init__(self, report: Callable[[Progress], None] | None = None,
                 publish: Callable[[Any], None] | None = None, memory: Any = None):
        self._cancelled = threading.Event()
        self._report = report or (lambda progress: None)
        self._publish = publish or (lambda value: None)
        self.memory = memory

    def attach(self, memory: Any, publish: Callable[[Any], None]) -> None:
        """Give the job the worker's memory and where its partial results go (the session
        calls this before it runs the job)."""
        self.memory = memory
        self._publish = publish

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

    def publish(self, partial: Any) -> None:
        """Hand a partial result to the window now (the job goes on)."""
        self._publish(partial)
