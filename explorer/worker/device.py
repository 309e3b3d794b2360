"""Load TensorFlow on the worker's thread and say which device it computes on.

``core.device.configure`` switches GPU memory growth on before anything else touches the GPU;
this module adds the library versions the About box shows.
"""

from __future__ import annotations

import platform

from explorer.core import device
from explorer.worker.messages import DeviceReady


def init_device() -> DeviceReady:
    """Import TensorFlow, enable GPU memory growth, and describe the device.

    Returns:
        The device label (``"GPU: NVIDIA H200"`` or ``"CPU"``) and library versions.
    """
    info = device.configure()  # imports TensorFlow: call on the worker's thread only
    import keras
    import tensorflow as tf

    versions = {"TensorFlow": tf.__version__, "Keras": keras.__version__,
                "Python": platform.python_version()}
    return DeviceReady(device=info.label(), versions=versions)
