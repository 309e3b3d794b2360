"""Fixtures for the engine-process tests (issue 18): the real window on a real engine."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "widgets"))

from window_helpers import RESULT_TIMEOUT_MS, BoxRecorder  # noqa: E402


@pytest.fixture
def engine_window(qtbot, tmp_path, monkeypatch):
    """The real main window on an engine process, started, showing its first result
    (fashion-cnn on its sample); message boxes are recorded in ``engine_window.boxes``."""
    from explorer.settings import ENV_DIR, Settings
    from explorer.widgets.dialogs import Presenter
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    monkeypatch.setenv(ENV_DIR, str(tmp_path / "settings"))
    recorder = BoxRecorder()
    monkeypatch.setattr(Presenter, "run_box", lambda presenter, box: recorder(box))
    win = MainWindow(Worker(engine="process"), Settings())
    win.boxes = recorder
    win.resize(1500, 940)
    win.show()
    win.start()
    qtbot.waitUntil(lambda: win.result is not None, timeout=RESULT_TIMEOUT_MS)
    yield win
    if win.worker.is_running():
        win.close()
    engine = win.worker.engine
    assert not engine.alive(), "the engine outlived the window"
