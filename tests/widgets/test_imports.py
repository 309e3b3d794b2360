"""The window side never loads TensorFlow, and the window appears without waiting for it.

How soon it appears is measured by ``benchmarks/startup.py`` (goal: under 2 s); here, that it
is shown and painted before anything has imported TensorFlow."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""
    import importlib, pkgutil, sys
    import explorer.widgets, explorer.worker
    names = ["explorer.gui", "explorer.settings", "explorer.worker.messages",
             "explorer.worker.thread", "explorer.worker.state", "explorer.worker.cache"]
    names += [f"explorer.widgets.{m.name}" for m in pkgutil.iter_modules(explorer.widgets.__path__)]
    for name in names:
        importlib.import_module(name)
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras"))
    print("HEAVY", heavy[:5])
    from PySide6.QtWidgets import QApplication
    from explorer.gui import _application
    from explorer.settings import Settings
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker
    app = _application([])
    window = MainWindow(Worker(), Settings())
    window.show()
    app.processEvents()
    print("SHOWN", window.isVisible() and window.windowHandle().isExposed())
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras"))
    print("HEAVY_AFTER_SHOW", heavy[:5])
""")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               CNN_EXPLORER_SETTINGS_DIR=str(tmp_path_factory.mktemp("settings")))
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)


def test_widgets_and_worker_bridge_import_no_tensorflow(report):
    assert report["HEAVY"] == "[]"


def test_window_appears_at_once_without_tensorflow(report):
    assert report["SHOWN"] == "True"
    assert report["HEAVY_AFTER_SHOW"] == "[]"
