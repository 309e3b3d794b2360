"""Typed, versioned settings that tests keep out of the user's configuration."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from explorer.settings import KEYS, MAX_RECENT, SETTINGS_VERSION, Settings


def test_settings_live_in_the_folder_the_environment_names(settings_dir):
    settings = Settings()
    assert Path(settings.file_name).parent == settings_dir


def test_values_come_back_in_their_declared_types(settings_dir):
    settings = Settings()
    for name, key in KEYS.items():
        assert settings.get(name) == key.default
    settings.set("view/top_k", 7)
    settings.set("view/norm", "signed")
    settings.set("window/geometry", QByteArray(b"\x01\x02geometry"))
    settings.set("files/recent", ["/only/one.png"])
    settings.sync()
    again = Settings()
    assert again.get("view/top_k") == 7
    assert again.get("view/norm") == "signed"
    assert again.get("window/geometry") == b"\x01\x02geometry"
    assert again.get("files/recent") == ["/only/one.png"]


def test_wrong_types_and_unknown_keys_are_refused(settings_dir):
    settings = Settings()
    with pytest.raises(TypeError, match="view/top_k"):
        settings.set("view/top_k", "5")
    with pytest.raises(KeyError):
        settings.get("view/zoom")


def test_recent_files_are_unique_newest_first_and_bounded(settings_dir):
    settings = Settings()
    for i in range(MAX_RECENT + 3):
        settings.add_recent(f"/img/{i}.png")
    recent = settings.add_recent("/img/5.png")
    assert recent[0] == "/img/5.png" and len(recent) == MAX_RECENT
    assert recent.count("/img/5.png") == 1


def test_an_old_settings_version_is_dropped(settings_dir):
    settings = Settings()
    settings.set("view/top_k", 9)
    settings.sync()
    raw = QSettings(settings.file_name, QSettings.Format.IniFormat)
    raw.setValue("settings_version", SETTINGS_VERSION + 1)
    raw.setValue("view/top_k", "not a number")
    raw.sync()
    assert Settings().get("view/top_k") == 5
