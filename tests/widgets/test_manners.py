"""Menus, shortcuts, About/help, remembered options, and the bundle's self-check."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtGui import QKeySequence
from window_helpers import wait_for_result

from explorer import __version__
from explorer.core import samples

pytestmark = pytest.mark.gui


def test_menus_carry_the_standard_shortcuts(window):
    a = window.menu_actions
    expected = {a.open_images: QKeySequence.StandardKey.Open,
                a.paste: QKeySequence.StandardKey.Paste,
                a.save_view: QKeySequence.StandardKey.Save,
                a.quit: QKeySequence.StandardKey.Quit,
                a.help: QKeySequence.StandardKey.HelpContents}
    for action, key in expected.items():
        assert action.shortcut().matches(QKeySequence(key)) == \
            QKeySequence.SequenceMatch.ExactMatch, action.text()
        assert action.toolTip()
    assert a.copy_view.shortcut().toString() == "Ctrl+Shift+C"
    menus = [m.title() for m in (x.menu() for x in window.menuBar().actions())]
    assert menus == ["&File", "&Edit", "&View", "&Model", "&Help"]


def test_about_names_every_version_and_the_device(window, boxes):
    window.menu_actions.about.trigger()
    box = boxes.boxes[-1]
    for text in (__version__, pyside_version, "TensorFlow", "Keras", "Device", "CPU"):
        assert text in box["informative"], text
    window.menu_actions.help.trigger()
    assert "Feature maps" in boxes.boxes[-1]["text"]


def test_options_and_layout_are_remembered(qtbot, window, settings_dir, boxes):
    from explorer.settings import Settings
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    window.views.feature_maps.norm_box.setCurrentText("signed")
    window.views.predictions.k_spin.setValue(8)
    window.views.kernels.book_button.setChecked(True)
    window.views.docks["samples"].hide()
    window.close()
    stored = Settings()
    assert stored.get("window/geometry") == bytes(window.saveGeometry().data())
    assert stored.get("window/state") == bytes(window.saveState().data())
    again = MainWindow(Worker(), Settings())
    try:
        assert again.views.feature_maps.norm == "signed"
        assert again.views.predictions.k == 8
        assert again.views.kernels.layout_name == "book"
        assert again.views.docks["samples"].isHidden()
    finally:
        again.close()


def test_recent_files_fill_the_menu(qtbot, window, photos):
    window.load_sources([str(photos / "cat.bmp")])
    wait_for_result(qtbot, window, "cat.bmp")
    titles = [a.text() for a in window.menu_actions.recent_menu.actions()]
    assert titles[0] == "cat.bmp"


def test_self_check_prints_top1_and_device(tmp_path):
    env = dict(os.environ, CNN_EXPLORER_SETTINGS_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c",
         "from explorer.gui import run_gui; raise SystemExit(run_gui(self_check=True))"],
        capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    top = re.fullmatch(r"top-1: (.+) \((\d\.\d{4})\)", lines[0])
    assert top, lines  # fashion-cnn on its default sample, the ankle boot
    assert top.group(1) == "Ankle boot" and float(top.group(2)) >= 0.9, lines[0]
    assert lines[1] == "device: CPU"


def test_images_on_the_command_line_open_the_window_on_them(tmp_path):
    """``cnn-explorer [Qt options] IMAGE… --self-check``: the window opens on the trouser
    (not its default ankle boot), Qt's own options are taken by Qt, and TensorFlow's native
    start-up log stays off stderr at ``TF_CPP_MIN_LOG_LEVEL=3``."""
    trouser = next(s.path for s in samples.list_samples()
                   if s.path.name == "fashion-trouser-test2.png")
    env = dict(os.environ, CNN_EXPLORER_SETTINGS_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               TF_CPP_MIN_LOG_LEVEL="3")
    done = subprocess.run([sys.executable, "-m", "explorer", "-style", "fusion", str(trouser),
                           "--self-check"], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    top = re.fullmatch(r"top-1: (.+) \((\d\.\d{4})\)", done.stdout.splitlines()[0])
    assert top and top.group(1) == "Trouser" and float(top.group(2)) >= 0.9, done.stdout
    for native in ("absl::InitializeLog", "oneDNN", "cuda", "I0000", "E0000"):
        assert native not in done.stderr, done.stderr
    recent = (tmp_path / "cnn-explorer.ini").read_text()
    assert "fashion-trouser-test2.png" in recent and "ankle-boot" not in recent


def test_the_window_fits_a_1024_pixel_wide_screen_with_every_dock_open(window):
    """Every tab's controls wrap (widgets/flow_layout.py), so no tab makes the window wider
    than a 1024×768 screen, with the side docks at their default places."""
    assert window.minimumSizeHint().width() <= 1024
    window.resize(1024, 700)
    for i in range(window.views.tabs.count()):
        window.views.tabs.setCurrentIndex(i)
        assert window.width() == 1024, window.views.tabs.tabText(i)
