"""Which device TensorFlow computes on; GPU memory growth is switched on before first use."""

from __future__ import annotations

import threading
from dataclasses import dataclass

_lock = threading.Lock()
_configured: "DeviceInfo | None" = None


@dataclass(frozen=True)
class DeviceInfo:
    """The compute device in use.

    Attributes:
        kind: ``GPU`` or ``CPU``.
        name: the GPU's name (``NVIDIA H200``) or ``CPU``.
        count: number of GPUs visible.
        memory_growth: whether memory growth was enabled on the GPUs.
    """

    kind: str
    name: str
    count: int
    memory_growth: bool

    def label(self) -> str:
        """Short text for a status bar: ``GPU: NVIDIA H200`` or ``CPU``."""
        extra = f" ×{self.count}" if self.count > 1 else ""
        return f"GPU: {self.name}{extra}" if self.kind == "GPU" else "CPU"


def configure() -> DeviceInfo:
    """Enable GPU memory growth (once, before any op runs) and describe the device.

    Safe to call many times; only the first call touches TensorFlow's configuration.
    """
    global _configured
    with _lock:
        if _configured is not None:
            return _configured
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        growth = False
        for gpu in gpus:
            try:
                tf.config.experimental.set_memory_growth(gpu, True)
                growth = True
            except RuntimeError:  # already initialised by someone else: keep going
                growth = tf.config.experimental.get_memory_growth(gpu)
        if gpus:
            details = tf.config.experimental.get_device_details(gpus[0])
            name = details.get("device_name") or gpus[0].name
            _configured = DeviceInfo("GPU", name, len(gpus), growth)
        else:
            _configured = DeviceInfo("CPU", "CPU", 0, False)
        return _configured


TENSORFLOW_DEFAULTS = {"TF_ENABLE_ONEDNN_OPTS": "0"}
"""Environment TensorFlow reads on import, set unless the user set it. With its oneDNN kernels
on (TensorFlow's x86 default) a pooling allocator keeps the memory of every tensor ever freed:
after one EfficientNetB7 capture the engine stayed 1 GB larger for good. Off, freed outputs go
back to the system, at about the same speed (``benchmarks/allocator.py``); set
``TF_ENABLE_ONEDNN_OPTS=1`` to have them."""


def apply_tensorflow_defaults() -> None:
    """Set :data:`TENSORFLOW_DEFAULTS` where the environment does not say (before the import;
    tests and benchmarks that import TensorFlow themselves call it too)."""
    import os

    for name, value in TENSORFLOW_DEFAULTS.items():
        os.environ.setdefault(name, value)


def start_tensorflow() -> DeviceInfo:
    """Import TensorFlow and choose the device, with its native start-up log discarded.

    TensorFlow's C++ libraries write to file descriptor 2 while they load and on the first
    device query ("oneDNN custom operations are on", "Could not find cuda drivers", a failed
    ``cuInit``), before ``TF_CPP_MIN_LOG_LEVEL`` is honoured, so a user mistake would print
    half a dozen lines instead of one, whatever the level (TensorFlow 2.21 prints them at 3
    too). When ``TF_CPP_MIN_LOG_LEVEL`` is 2 or more (the app's default) descriptor 2 points at
    the null device for that moment only; set it to 0 or 1 to see the log. The CLI calls this
    before loading a model, the worker before importing its job modules; TensorFlow imported
    any other way first prints its log. A failing import still raises (with its traceback)
    after stderr is restored.
    """
    import os
    import sys

    apply_tensorflow_defaults()
    try:
        quiet = int(os.environ.get("TF_CPP_MIN_LOG_LEVEL", "").strip() or 0) >= 2
    except ValueError:
        quiet = False
    if not quiet:
        return configure()
    sys.stderr.flush()
    saved = os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        import keras  # noqa: F401  (imports tensorflow as its backend)
        return configure()
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)
