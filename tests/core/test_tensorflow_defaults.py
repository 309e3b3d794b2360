"""TensorFlow's environment as the app sets it before the import (``core.device``)."""

from __future__ import annotations

import os
import subprocess
import sys

from explorer.core.device import apply_tensorflow_defaults


def test_onednn_is_off_unless_the_user_says(monkeypatch):
    monkeypatch.delenv("TF_ENABLE_ONEDNN_OPTS", raising=False)
    apply_tensorflow_defaults()
    assert os.environ["TF_ENABLE_ONEDNN_OPTS"] == "0"
    monkeypatch.setenv("TF_ENABLE_ONEDNN_OPTS", "1")
    apply_tensorflow_defaults()
    assert os.environ["TF_ENABLE_ONEDNN_OPTS"] == "1"  # the user's choice stays


def test_start_tensorflow_applies_them_before_the_import():
    """In a fresh process without the variable, TensorFlow imported by start_tensorflow runs
    without oneDNN (TensorFlow reports the setting it read)."""
    env = {k: v for k, v in os.environ.items() if k != "TF_ENABLE_ONEDNN_OPTS"}
    code = ("import os; from explorer.core.device import start_tensorflow; start_tensorflow(); "
            "from tensorflow.python.util import _pywrap_util_port as port; "
            "print(os.environ['TF_ENABLE_ONEDNN_OPTS'], port.IsMklEnabled())")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    setting, enabled = done.stdout.split()
    assert setting == "0" and enabled == "False"
