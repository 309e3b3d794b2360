"""Refresh the window's translations: lupdate over the sources, then lrelease.

Usage: python tools/update_translations.py [--check]

``pyside6-lupdate`` reads every ``tr()`` / ``QCoreApplication.translate()`` /
``QT_TRANSLATE_NOOP()`` message of ``explorer/widgets`` and ``explorer/gui.py`` into
``resources/translations/cnn-explorer_<locale>.ts`` (new messages arrive unfinished, translations
of messages still in the sources are kept, vanished ones are dropped; no source locations, so the
file only changes when a message does), and ``pyside6-lrelease`` compiles each ``.ts`` into the
``.qm`` the window loads. Translate the unfinished messages (Qt Linguist, or by hand in the
``.ts``) and run this again. ``--check`` only reports how many messages of each ``.ts`` are not
translated and exits 1 if any is (the tests check the same).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("explorer/widgets", "explorer/gui.py")
FOLDER = ROOT / "resources" / "translations"
BASE_NAME = "cnn-explorer"
LOCALES = ("zh_CN",)


def tool(name: str) -> str:
    """The path of ``pyside6-<name>`` (next to this Python first, then on ``PATH``)."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 in this environment")
    return found


def source_files() -> list[str]:
    """Every Python file of :data:`SOURCES`, relative to the root (lupdate scans folders for
    C++ and QML only, so the Python files are named one by one)."""
    files = []
    for entry in SOURCES:
        path = ROOT / entry
        found = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        files += [str(f.relative_to(ROOT)) for f in found]
    return files


def ts_path(locale: str) -> Path:
    """``resources/translations/cnn-explorer_<locale>.ts``."""
    return FOLDER / f"{BASE_NAME}_{locale}.ts"


def lupdate(target: Path, locale: str) -> None:
    """Extract the sources' messages into ``target`` (merged with what it already holds)."""
    subprocess.run([tool("lupdate"), *source_files(), "-locations", "none",
                    "-no-obsolete", "-source-language", "en", "-target-language", locale,
                    "-silent", "-ts", str(target)], cwd=ROOT, check=True)


def lrelease(source: Path, target: Path) -> None:
    """Compile ``source`` (.ts) into ``target`` (.qm)."""
    subprocess.run([tool("lrelease"), "-silent", str(source), "-qm", str(target)], cwd=ROOT,
                   check=True)


def messages(path: Path) -> dict[tuple[str, str], str | None]:
    """``(context, source) → translation`` of a ``.ts`` file (None when unfinished or empty)."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            done = translation is not None and translation.get("type") not in (
                "unfinished", "obsolete", "vanished")
            found[(name, message.findtext("source"))] = text if done and text else None
    return found


def main(argv: list[str]) -> int:
    """Update (or with ``--check`` only count) every locale's translation."""
    missing = 0
    for locale in LOCALES:
        ts = ts_path(locale)
        if "--check" not in argv:
            FOLDER.mkdir(parents=True, exist_ok=True)
            lupdate(ts, locale)
            lrelease(ts, ts.with_suffix(".qm"))
        found = messages(ts)
        todo = [source for (_context, source), text in found.items() if text is None]
        missing += len(todo)
        print(f"{ts.relative_to(ROOT)}: {len(found)} messages, {len(todo)} not translated")
        for source in todo:
            print(f"  {source!r}")
    return 1 if missing and "--check" in argv else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
