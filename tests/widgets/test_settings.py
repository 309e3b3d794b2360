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


def test_a_newer_settings_file_is_read_and_bad_values_fall_back(settings_dir):
    settings = Settings()
    settings.set("view/top_k", 9)
    settings.sync()
    raw = QSettings(settings.file_name, QSettings.Format.IniFormat)
    raw.setValue("settings_version", SETTINGS_VERSION + 1)
    raw.setValue("view/top_k", "not a number")
    raw.sync()
    assert Settings().get("view/top_k") == 5


def test_settings_of_the_previous_version_migrate_instead_of_being_wiped(settings_dir):
    """A file as version 1 wrote it: view options and recent files survive, the squeezed dock
    arrangement is dropped once, and the file is stamped with the current version."""
    settings_dir.mkdir(parents=True, exist_ok=True)
    path = settings_dir / "cnn-explorer.ini"
    path.write_text(
        "[General]\n"
        "settings_version=1\n"
        "[view]\n"
        "norm=signed\n"
        "top_k=8\n"
        "kernel_layout=book\n"
        "[files]\n"
        "recent=/photos/a.png, /photos/b.png\n"
        "last_dir=/photos\n"
        "[window]\n"
        "geometry=@ByteArray(geom)\n"
        "state=@ByteArray(squeezed)\n", encoding="utf-8")
    settings = Settings()
    assert settings.migrated_from == 1
    assert settings.get("view/norm") == "signed" and settings.get("view/top_k") == 8
    assert settings.get("view/kernel_layout") == "book"
    assert settings.get("files/recent") == ["/photos/a.png", "/photos/b.png"]
    assert settings.get("files/last_dir") == "/photos"
    assert settings.get("window/geometry") == b"geom"
    assert settings.get("window/state") == b""
    settings.sync()
    assert "settings_version=2" in path.read_text(encoding="utf-8")
    assert Settings().migrated_from == SETTINGS_VERSION == 2
