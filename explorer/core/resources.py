"""The one way to reach files shipped in ``resources/`` (installed as ``explorer.resources``).

Works from a source checkout, an installed wheel and a PyInstaller bundle alike.
"""

from __future__ import annotations

import importlib.resources
import json
from functools import lru_cache
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource_path("samples", "cat.png")``.

    Args:
        *parts: path components below ``resources/``.

    Returns:
        A real filesystem path (resources are always installed as plain files).
    """
    root = importlib.resources.files("explorer.resources")
    return Path(str(root.joinpath(*parts)))


@lru_cache(maxsize=None)
def load_json(*parts: str):
    """Parse a shipped JSON resource once and cache it."""
    with open(resource_path(*parts), encoding="utf-8") as fh:
        return json.load(fh)
