"""The Simplified Chinese interface (issue 19): every extracted string is translated, the
translation loads, and the window's menus are Chinese under zh_CN and English without it."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from explorer.core.resources import resource_path

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "cnn-explorer_zh_CN.ts")


def _messages(path) -> dict[str, str]:
    root = ET.parse(path).getroot()
    found = {}
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation is not None and translation.get("type") != "unfinished", \
            message.findtext("source")
        found[message.findtext("source")] = translation.text or ""
    return found


def test_every_string_the_window_shows_is_translated(tmp_path):
    shipped = _messages(TS)
    assert len(shipped) >= 48 and all(text.strip() for text in shipped.values())
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in shipped.values())
    # extract again from the sources: a new string without a translation fails here
    fresh = tmp_path / "fresh.ts"
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in (ROOT / "explorer" / "widgets").glob("*.py"))
    subprocess.run([str(tool), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    root = ET.parse(fresh).getroot()
    assert {m.findtext("source") for m in root.iter("message")} == set(shipped)
    for source, text in shipped.items():  # keyboard accelerators survive translation
        if "&" in source:
            assert "&" in text, source


def _window(qapp):
    from explorer.settings import Settings
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    return MainWindow(Worker(), Settings())


def test_the_menus_are_chinese_under_zh_cn_and_english_otherwise(qapp, settings_dir):
    from explorer.gui import install_translation

    english = _window(qapp)
    assert [a.text() for a in english.menuBar().actions()][:3] == ["&File", "&Edit", "&View"]
    english.deleteLater()
    assert install_translation(qapp, "zh_CN") == "zh_CN"
    try:
        chinese = _window(qapp)
        titles = [a.text() for a in chinese.menuBar().actions()]
        assert titles[:4] == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
        assert chinese.views.tabs.tabText(0) == "特征图"
        assert chinese.views.docks["predictions"].windowTitle() == "预测"
        chinese.deleteLater()
    finally:
        qapp.removeTranslator(qapp._cnn_explorer_translator)
    assert install_translation(qapp, "en") == "en"


def test_the_language_choice_is_remembered(qtbot, window):
    window.menu_actions.language_actions["zh_CN"].trigger()
    assert window.settings.get("view/language") == "zh_CN"
    assert window.menu_actions.language_actions["zh_CN"].isChecked()
    assert "next time" in window.statusBar().currentMessage()
