"""Models built from code (:mod:`explorer.core.models.zoo`) and the trained ones bundled with
the app (``resources/models/NAME.keras`` with a model card ``NAME.json``)."""

from __future__ import annotations

import json
from pathlib import Path

from explorer.core.models import zoo
from explorer.core.models.types import ModelEntry
from explorer.core.resources import resource_path

BUNDLED = ("fashion-cnn", "lenet5")


def bundled_path(name: str) -> Path:
    """Path of a bundled trained model file (may not exist in a bare checkout)."""
    return resource_path("models", f"{name}.keras")


def bundled_card(name: str) -> dict:
    """The model card shipped next to a bundled model ({} when absent)."""
    path = resource_path("models", f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def zoo_entry(name: str) -> ModelEntry:
    """The catalogue line of a code-built model (``bundled`` when trained weights ship)."""
    info = zoo.info(name)
    card = bundled_card(name) if name in BUNDLED else {}
    trained = name in BUNDLED and bundled_path(name).exists()
    if trained:
        acc = card.get("test_accuracy")
        status = "trained (bundled)" + (f", {acc:.1%} test accuracy" if acc else "")
    else:
        status = "untrained"
    return ModelEntry(name, info.title, "bundled" if trained else "code", info.input_shape,
                      info.description, card.get("params"), status, trained)
