"""Fill unfinished messages of a ``.ts`` file from a JSON table of translations.

Usage: python tools/fill_translations.py TABLE.json [TABLE.json …] [--locale zh_CN]

Each table maps ``"Context|source"`` (or just ``"source"``, for every context) to the
translation. Only messages lupdate left unfinished (or empty) are filled; a finished
translation is never overwritten. Run ``tools/update_translations.py`` first (so new messages are
in the ``.ts``) and again afterwards (it rewrites the file in lupdate's own format and compiles
the ``.qm``). Tables kept under ``tools/zh/`` let a branch's translations survive a merge
conflict in the ``.ts``: take either side, run lupdate, then fill from every table.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"


def fill(ts_path: Path, table: dict[str, str]) -> tuple[int, int]:
    """Fill ``ts_path`` in place; returns (filled, still unfinished)."""
    tree = ET.parse(ts_path)
    filled = left = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            unfinished = translation.get("type") == "unfinished" or not (translation.text or "")
            if not unfinished:
                continue
            text = table.get(f"{name}|{source}", table.get(source))
            if text:
                translation.text = text
                translation.attrib.pop("type", None)
                filled += 1
            else:
                left += 1
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return filled, left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tables", nargs="+", type=Path)
    parser.add_argument("--locale", default="zh_CN")
    args = parser.parse_args(argv)
    table: dict[str, str] = {}
    for path in args.tables:
        table.update(json.loads(path.read_text(encoding="utf-8")))
    ts_path = FOLDER / f"cnn-explorer_{args.locale}.ts"
    filled, left = fill(ts_path, table)
    print(f"{ts_path.name}: filled {filled}, {left} still unfinished")
    return 0 if left == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
