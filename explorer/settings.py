"""The app's remembered options: the only module that touches ``QSettings``.

Every key is declared once in :data:`KEYS` with its type and default, so a value read back is
always of the declared type (``QSettings`` hands back strings from INI files; a value that does
not fit gives the default). A settings version is stored alongside. A file written by an older
version is moved forward by the migrations in :data:`MIGRATIONS`, one version at a time, and
never wiped (napari's habit); a file from a newer version is read as it is.

Tests and portable installs point the settings at a folder of their own by setting the
environment variable ``CNN_EXPLORER_SETTINGS_DIR`` (an INI file is kept there); otherwise the
platform's usual place for ``cnn-explorer`` is used.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 2
ORGANIZATION = "cnn-explorer"
APPLICATION = "cnn-explorer"
ENV_DIR = "CNN_EXPLORER_SETTINGS_DIR"
MAX_RECENT = 10


@dataclass(frozen=True)
class Key:
    """One remembered option.

    Args:
        name: the key in the settings file.
        type: ``str``, ``int``, ``bool``, ``list`` (of str) or ``bytes`` (window state).
        default: the value when nothing (valid) is stored.
    """

    name: str
    type: type
    default: Any


KEYS = {k.name: k for k in (
    Key("window/geometry", bytes, b""),
    Key("window/state", bytes, b""),
    Key("view/norm", str, "layer"),
    Key("view/cmap", str, "auto"),  # follows the normalisation (diverging for "signed")
    Key("view/top_k", int, 5),
    Key("view/kernel_layout", str, "keras"),
    Key("view/language", str, ""),  # "" follows the system locale; "en", "zh_CN" (on restart)
    Key("files/recent", list, []),
    Key("files/last_dir", str, ""),
    Key("view/language", str, ""),  # "" follows the system; "en"; "zh_CN"
    Key("files/scaling", list, []),  # "path\tchoice" for model files given their own scaling
    Key("engine/activation_budget_mb", int, 0),  # 0: automatic (core.budget)
)}


def _drop_dock_layout(qsettings: QSettings) -> None:
    """1 → 2: the dock arrangement saved by version 1 could hold docks squeezed to a sliver
    (a long layer name widened the centre); version 2 has minimum dock widths and starts from
    its default arrangement once. Geometry, view options and recent files are kept."""
    qsettings.remove("window/state")


MIGRATIONS = {1: _drop_dock_layout}
"""Stored version → the function that moves a file of that version to the next one."""


def migrate(qsettings: QSettings) -> int:
    """Move ``qsettings`` forward to :data:`SETTINGS_VERSION`; returns the version it had.

    A file without a version is new (or from before versions) and is only stamped.
    """
    stored = qsettings.value("settings_version")
    version = _coerce(Key("settings_version", int, SETTINGS_VERSION), stored)
    found = version
    while version < SETTINGS_VERSION:
        step = MIGRATIONS.get(version)
        if step is not None:
            step(qsettings)
        version += 1
    if found <= SETTINGS_VERSION:
        qsettings.setValue("settings_version", SETTINGS_VERSION)
    return found


def _open() -> QSettings:
    folder = os.environ.get(ENV_DIR)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "cnn-explorer.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     ORGANIZATION, APPLICATION)


def _coerce(key: Key, raw: Any) -> Any:
    """Turn what QSettings hands back into the key's type; the default when impossible."""
    if raw is None:
        return list(key.default) if key.type is list else key.default
    try:
        if key.type is bytes:
            return bytes(raw.data()) if isinstance(raw, QByteArray) else bytes(raw)
        if key.type is bool:
            return raw.lower() in ("1", "true", "yes") if isinstance(raw, str) else bool(raw)
        if key.type is int:
            return int(raw)
        if key.type is list:
            if isinstance(raw, str):
                return [raw] if raw else []
            return [str(item) for item in raw]
        return str(raw)
    except (TypeError, ValueError):
        return list(key.default) if key.type is list else key.default


class Settings:
    """Typed access to the remembered options.

    Example:
        >>> settings = Settings()
        >>> settings.get("view/top_k")
        5
    """

    def __init__(self):
        self._qsettings = _open()
        self.migrated_from = migrate(self._qsettings)

    @property
    def file_name(self) -> str:
        """Where the settings live (an INI file)."""
        return self._qsettings.fileName()

    def get(self, name: str) -> Any:
        """The stored value of ``name`` in its declared type, or its default.

        Raises:
            KeyError: ``name`` is not a declared key.
        """
        key = KEYS[name]
        return _coerce(key, self._qsettings.value(name))

    def set(self, name: str, value: Any) -> None:
        """Store ``value`` under ``name`` (checked against the declared type).

        Raises:
            KeyError: ``name`` is not a declared key.
            TypeError: ``value`` is not of the declared type.
        """
        key = KEYS[name]
        if key.type is bytes and isinstance(value, QByteArray):
            value = bytes(value.data())
        if not isinstance(value, key.type):
            raise TypeError(f"Setting {name!r} expects {key.type.__name__}. "
                            f"Received: {type(value).__name__}.")
        self._qsettings.setValue(name, QByteArray(value) if key.type is bytes else value)

    def add_recent(self, path: str) -> list[str]:
        """Put ``path`` first in the recent-files list (no duplicates, at most ten).

        Returns:
            The new list.
        """
        recent = [p for p in self.get("files/recent") if p != path]
        recent = [path, *recent][:MAX_RECENT]
        self.set("files/recent", recent)
        return recent

    def scaling_for(self, path: str) -> str | None:
        """The input scaling the user chose for the model file ``path``, or None."""
        for line in self.get("files/scaling"):
            stored, _, choice = line.partition("\t")
            if stored == path:
                return choice or None
        return None

    def set_scaling(self, path: str, choice: str | None) -> None:
        """Remember (or, with None, forget) the input scaling chosen for ``path``."""
        kept = [line for line in self.get("files/scaling") if line.partition("\t")[0] != path]
        self.set("files/scaling", ([f"{path}\t{choice}"] if choice else []) + kept[:99])

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._qsettings.sync()
