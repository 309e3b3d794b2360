"""Load TensorFlow on the worker's side and say which device it computes on."""

from __future__ import annotations

import platform

from explorer.core import device
from explorer.worker.messages import DeviceReady, Startup
from explorer.worker.registry import job


@job(Startup)
def start(_request: Startup, _state) -> DeviceReady:
    """Import TensorFlow, enable GPU memory growth, and describe the device.

    Returns:
        The device label (``"GPU: NVIDIA H200"`` or ``"CPU"``) and library versions.
    """
    info = device.configure()  # imports TensorFlow: call on the worker's side only
    import keras
    import tensorflow as tf

    versions = {"TensorFlow": tf.__version__, "Keras": keras.__version__,
                "Python": platform.python_version()}
    return DeviceReady(device=info.label(), versions=versions)
