"""Refresh the interface's translation files: extract the window's strings with
``pyside6-lupdate`` into ``resources/translations/cnn-explorer_zh_CN.ts`` (the translations
already there are kept) and compile them with ``pyside6-lrelease`` into the ``.qm`` the app loads.

Run: ``python tools/update_translations.py``. New strings arrive as "unfinished";
``tests/widgets/test_translation.py`` fails until each is translated in the ``.ts`` file
(with Qt Linguist, ``pyside6-linguist``, or by hand).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "explorer" / "widgets").glob("*.py"))
TS = ROOT / "resources" / "translations" / "cnn-explorer_zh_CN.ts"


def tool(name: str) -> str:
    """A PySide6 tool next to this Python, else on the PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


def main() -> int:
    subprocess.run([tool("pyside6-lupdate"), *SOURCES, "-ts", str(TS)], cwd=ROOT, check=True)
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))],
                   cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
