"""Every model the app offers: built from code, trained and bundled, pretrained, or a file.

Listing only: :func:`list_models` and :func:`find_entry` never import TensorFlow, so the window
fills its picker at once. Loading is :mod:`explorer.core.models.loading`, on the worker's side.
"""

from __future__ import annotations

from pathlib import Path

from explorer.core.errors import ModelError
from explorer.core.models import applications, zoo
from explorer.core.models.code import zoo_entry
from explorer.core.models.types import MODEL_SUFFIXES, ModelEntry, file_entry
from explorer.core.models.weights import keras_cache_dir, weights_status

DEFAULT_MODEL = "fashion-cnn"


def list_models() -> list[ModelEntry]:
    """Every catalogue entry, bundled first, then code-built, then pretrained."""
    return in_order([zoo_entry(n) for n in zoo.MODULES] + pretrained_entries())


def pretrained_entries() -> list[ModelEntry]:
    """The ``keras.applications`` models, each with the state of its weights on this machine
    (the code-built ones are :func:`~explorer.core.models.code.zoo_entry` of each name in
    ``zoo.MODULES``: the window lists them one per turn, each imports its family's module)."""
    folder = keras_cache_dir()  # once: it checks the folders it may write to
    return [ModelEntry(spec.name, spec.title, "pretrained", spec.input_shape, spec.description,
                       spec.params, weights_status(spec, folder), True)
            for spec in applications.list_pretrained()]


def in_order(entries: list[ModelEntry]) -> list[ModelEntry]:
    """``entries`` as the catalogue lists them: bundled, code-built, then pretrained (each
    group in its given order)."""
    return sorted(entries, key=lambda e: (e.group != "bundled", e.group == "pretrained"))


def find_entry(name: str) -> ModelEntry:
    """The catalogue entry for a name (raises ModelError with the valid names)."""
    entries = list_models()
    for entry in entries:
        if entry.name == name:
            return entry
    if Path(name).suffix.lower() in MODEL_SUFFIXES or Path(name).exists():
        return file_entry(Path(name))
    names = ", ".join(e.name for e in entries)
    raise ModelError(f"No model called {name!r}",
                     "Run `cnn-explorer models` for the list, or give a .keras/.h5 file",
                     expected=f"one of {names}")
