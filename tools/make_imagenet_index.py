"""Write ``resources/imagenet_class_index.json`` from Keras's ImageNet class index.

Keras ships ``{"0": ["n01440764", "tench"], ...}`` (a dict keyed by the class number as text).
The app keeps a list instead, ``[["n01440764", "tench"], ...]``, where the position is the class
number, one entry a line so that diffs stay readable.

Usage::

    python tools/make_imagenet_index.py [SOURCE] [DEST]

SOURCE defaults to ``../shared/fixtures/keras-home/models/imagenet_class_index.json`` (or
``$KERAS_HOME/models/imagenet_class_index.json`` when that is absent); DEST defaults to
``resources/imagenet_class_index.json``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DEST = REPO / "resources" / "imagenet_class_index.json"


def default_source() -> Path:
    """The fixture copy of Keras's class index, else the one in the Keras cache."""
    fixture = (REPO.parent / "shared" / "fixtures" / "keras-home" / "models"
               / "imagenet_class_index.json")
    if fixture.exists():
        return fixture
    home = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras"))
    return home / "models" / "imagenet_class_index.json"


def convert(mapping: dict) -> list[list[str]]:
    """``{"0": [wnid, name], ...}`` -> ``[[wnid, name], ...]`` ordered by class number.

    Raises:
        ValueError: the keys are not exactly 0..N-1 or an entry is not ``[wnid, name]``.
    """
    numbers = sorted(int(k) for k in mapping)
    if numbers != list(range(len(numbers))):
        raise ValueError("class numbers are not 0..N-1 without gaps")
    entries = []
    for n in numbers:
        entry = mapping[str(n)]
        if len(entry) != 2 or not all(isinstance(s, str) and s for s in entry):
            raise ValueError(f"class {n}: expected [wnid, name], got {entry!r}")
        entries.append([entry[0], entry[1]])
    return entries


def render(entries: list[list[str]]) -> str:
    """The list as JSON text, one ``[wnid, name]`` a line."""
    lines = ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in entries)
    return "[\n" + lines + "\n]\n"


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else default_source()
    dest = Path(argv[2]) if len(argv) > 2 else DEFAULT_DEST
    with open(source, encoding="utf-8") as fh:
        entries = convert(json.load(fh))
    dest.write_text(render(entries), encoding="utf-8")
    print(f"wrote {len(entries)} classes to {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
