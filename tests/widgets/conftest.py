"""Fixtures that drive the real window offscreen, with its real worker thread.

Settings go to a temporary folder (``CNN_EXPLORER_SETTINGS_DIR``), and message boxes are
recorded instead of shown: ``Presenter.run_box`` is the one place a box is executed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from window_helpers import RESULT_TIMEOUT_MS, BoxRecorder, worker_threads


@pytest.fixture
def settings_dir(tmp_path, monkeypatch):
    """Point the app's settings at a fresh temporary folder."""
    folder = tmp_path / "settings"
    monkeypatch.setenv("CNN_EXPLORER_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture
def boxes(monkeypatch):
    """Record message boxes instead of blocking on them."""
    from explorer.widgets.dialogs import Presenter

    recorder = BoxRecorder()
    monkeypatch.setattr(Presenter, "run_box", lambda presenter, box: recorder(box))
    return recorder


@pytest.fixture
def window(qtbot, settings_dir, boxes):
    """The real main window, started, showing its first result (fashion-cnn on its sample)."""
    from explorer.settings import Settings
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    win = MainWindow(Worker(), Settings())
    # a desktop-sized window (the offscreen screen is small, and the window may now shrink to
    # 1024 px: the views' expectations are for a roomy one)
    win.resize(1500, 940)  # what _restore gives on a desktop screen
    win.show()
    win.start()
    qtbot.waitUntil(lambda: win.result is not None, timeout=RESULT_TIMEOUT_MS)
    yield win
    win.close()
    assert not worker_threads(), "the worker thread outlived the window"


TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


@pytest.fixture
def checkout_translations(monkeypatch):
    """The window loads the translations of this checkout."""
    from explorer.widgets import language

    monkeypatch.setattr(language, "translations_folder", lambda: str(TRANSLATIONS))
    return language


@pytest.fixture
def chinese(qapp, checkout_translations):
    """zh_CN translators installed in the application for the test, removed afterwards."""
    installed = checkout_translations.install_translators(qapp, "zh_CN")
    assert installed, "no zh_CN translation was found"
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)
