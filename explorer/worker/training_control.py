"""The channel a running training job is steered through: pause, probe, preview.

A :class:`TrainingControl` travels inside a ``TrainModel`` request; the window changes it from
the GUI thread, the job reads it after every batch (thread-safe, no Qt, no TensorFlow). Cancel
is the job state's own (``Worker.cancel_running``). When the job runs in the engine's process the
request carries a copy, and every change made here is sent to it (``worker.remote.Remote``).
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from explorer.worker.remote import Remote

PAUSE_POLL_S = 0.05


class TrainingControl(Remote):
    """Pause and resume, the probe image and layer, an augmentation preview to compute."""

    def __init__(self):
        self.restore_state({"running": True, "probe": (0, None, ""), "cancelled": False})

    def remote_state(self) -> dict:
        """The plain values a copy in the engine starts from."""
        return {"running": not self.paused, "probe": self.probe(), "cancelled": self.cancelled}

    def restore_state(self, state: dict) -> None:
        """Start from :meth:`remote_state`'s values."""
        self._running = threading.Event()
        if state["running"]:
            self._running.set()
        self._lock = threading.Lock()
        self._probe: tuple[int, Any, str] = state["probe"]
        self._preview = None
        self._cancelled = threading.Event()
        if state["cancelled"]:
            self._cancelled.set()

    # ------------------------------------------------------------------ pause
    def pause(self) -> None:
        """Stop after the current batch."""
        self._running.clear()
        self._forward("pause")

    def resume(self) -> None:
        """Go on."""
        self._running.set()
        self._forward("resume")

    @property
    def paused(self) -> bool:
        """True while paused."""
        return not self._running.is_set()

    def wait_while_paused(self, cancelled: Callable[[], bool],
                          idle: Callable[[], None] | None = None) -> float:
        """Block while paused (the job's thread), until resumed or cancelled.

        Args:
            cancelled: polled every :data:`PAUSE_POLL_S`.
            idle: called at each poll while waiting (answers preview asks).

        Returns:
            Seconds spent waiting.
        """
        import time

        start = time.perf_counter()
        while not self._running.wait(PAUSE_POLL_S):
            if cancelled():
                break
            if idle is not None:
                idle()
        return time.perf_counter() - start

    def cancel(self) -> None:
        """Stop the run at its next batch, even if it has not started yet (the worker's own
        cancel reaches only a running job)."""
        self._cancelled.set()
        self._running.set()
        self._forward("cancel")

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._cancelled.is_set()

    # ------------------------------------------------------------------ probe
    def set_probe(self, image: Any = None, layer: str | None = None) -> int:
        """Probe ``image`` (a ``LoadedImage``; None keeps the current one) at ``layer`` (None
        keeps it); returns the new version number."""
        with self._lock:
            version, old_image, old_layer = self._probe
            self._probe = (version + 1, old_image if image is None else image,
                           old_layer if layer is None else layer)
        self._forward("set_probe", image, layer)
        return version + 1

    def probe(self) -> tuple[int, Any, str]:
        """``(version, image, layer)``."""
        with self._lock:
            return self._probe

    # ------------------------------------------------------------------ augmentation preview
    def ask_preview(self, request: Any) -> None:
        """Have the running job answer ``request`` (an ``AugmentPreview``) between batches."""
        with self._lock:
            self._preview = request
        self._forward("ask_preview", request)

    def take_preview(self) -> Any:
        """The preview asked for (once), or None."""
        with self._lock:
            request, self._preview = self._preview, None
            return request
