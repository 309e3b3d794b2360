"""A user-picked weights file into a built model: exactly when it fits, else layer by layer.

Nothing here imports TensorFlow or ``h5py`` at import
time; :func:`load_local_weights` imports ``h5py`` (a Keras dependency) when it needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explorer.core.errors import WeightsError

WEIGHT_SUFFIXES = (".h5", ".hdf5", ".keras")
"""File endings :func:`load_local_weights` accepts (``.weights.h5`` ends in ``.h5``)."""


@dataclass(frozen=True)
class LocalWeightsReport:
    """How a user-picked weights file went into a model.

    Attributes:
        path: the file.
        method: ``"exact"`` (every layer, in order), ``"by_name"`` (legacy ``.h5`` layers matched
            by name and shape, the rest left as they were) or ``"skip_mismatch"`` (Keras 3
            ``.weights.h5``/``.keras`` with mismatching variables skipped).
        matched_layers: layers that received weights, when known.
        total_layers: layers of the model that have weights.
        notes: Keras's warnings about what was skipped (at most 20).
        first_missed: the first layer that kept its own weights ("" when all took the file's).
    """

    path: Path
    method: str
    matched_layers: int | None
    total_layers: int
    notes: tuple[str, ...] = ()
    first_missed: str = ""

    @property
    def partial(self) -> bool:
        """True when some layers kept their own (untrained) weights."""
        return bool(self.first_missed)

    def describe(self) -> str:
        """One line for the user: how many layers took the file's weights."""
        if not self.partial:
            return f"Weights from {self.path.name}: every layer fitted"
        return (f"Weights from {self.path.name}: only {self.matched_layers} of "
                f"{self.total_layers} layers fitted; the others (first: '{self.first_missed}') "
                "keep untrained weights")


def load_local_weights(model, path: str | Path) -> LocalWeightsReport:
    """Put the weights of a user-picked file into ``model``.

    Tries an exact load first. When that fails, a legacy ``.h5``/``.hdf5`` file is loaded by
    layer name, skipping layers whose shapes differ; a Keras 3 ``.weights.h5``/``.keras`` file
    is loaded with mismatching variables skipped.

    Args:
        model: a built Keras model.
        path: a ``.h5``, ``.hdf5``, ``.weights.h5`` or ``.keras`` file.

    Returns:
        A :class:`LocalWeightsReport` saying how the file went in.

    Raises:
        WeightsError: the file is missing, of the wrong kind, unreadable, or shares no layer
            with the model.
    """
    import warnings

    path = Path(path).expanduser()
    if not path.is_file():
        raise WeightsError(f"Weights file {path} does not exist",
                           "Pick an existing weights file, or use untrained weights")
    if not path.name.lower().endswith(WEIGHT_SUFFIXES):
        raise WeightsError(f"Cannot read weights from {path.name}",
                           "Save weights with model.save_weights() or model.save()",
                           expected="a .h5, .hdf5, .weights.h5 or .keras file",
                           received=path.suffix or "no file ending")
    total = sum(1 for layer in model.layers if layer.weights)
    before = _snapshot(model)  # a failed exact load may already have filled some layers
    try:
        model.load_weights(str(path))
        return LocalWeightsReport(path, "exact", total, total)
    except Exception as exact_error:  # Keras raises ValueError/KeyError/OSError/TypeError here
        first = exact_error
    legacy = path.name.lower().endswith((".h5", ".hdf5")) and not path.name.lower().endswith(
        ".weights.h5")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if legacy:
                matched = _count_h5_matches(model, path)
                if matched == 0:
                    raise WeightsError(
                        f"None of the layers in {path.name} match {model.name}'s layers by name "
                        "and shape", "Pick weights saved from the same architecture",
                        received=f"{type(first).__name__}: {first}")
                model.load_weights(str(path), by_name=True, skip_mismatch=True)
                method = "by_name"
            else:
                model.load_weights(str(path), skip_mismatch=True)
                method = "skip_mismatch"
    except WeightsError:
        raise
    except Exception as exc:
        raise WeightsError(f"Could not load weights from {path}: {exc}",
                           "Pick weights saved from the same architecture, or use untrained "
                           "weights", received=f"{type(first).__name__}: {first}") from exc
    notes = tuple(str(w.message) for w in caught)[:20]
    changed = _changed(model, before)
    matched = sum(1 for layer in model.layers if layer.weights and changed.get(layer.name))
    if matched == 0:
        first_layer = next((layer.name for layer in model.layers if layer.weights), "?")
        raise WeightsError(f"{path.name} does not fit {model.name}: not one layer took its "
                           f"weights (the first, '{first_layer}', did not)",
                           "Pick weights saved from the same architecture, or use untrained "
                           "weights", received=_first_note(notes) or f"{type(first).__name__}")
    missed = next(layer.name for layer in model.layers
                  if layer.weights and not changed.get(layer.name)) if matched < total else ""
    return LocalWeightsReport(path, method, matched, total, notes, missed)


def _snapshot(model) -> dict[str, list]:
    """Every layer's weights as numpy arrays, by layer name."""
    return {layer.name: [w.numpy().copy() for w in layer.weights] for layer in model.layers
            if layer.weights}


def _changed(model, before: dict[str, list]) -> dict[str, bool]:
    """Which layers' weights differ from ``before`` (received weights from the file)."""
    import numpy as np

    return {name: any(not np.array_equal(old, new.numpy()) for old, new in
                      zip(weights, model.get_layer(name).weights))
            for name, weights in before.items()}


def _first_note(notes: tuple[str, ...]) -> str:
    return notes[0].splitlines()[0][:200] if notes else ""


def _count_h5_matches(model, path: Path) -> int:
    """Layers of ``model`` whose name is in a legacy ``.h5`` file with the same weight shapes."""
    import h5py

    with h5py.File(path, "r") as f:
        group = f["model_weights"] if "layer_names" not in f.attrs and "model_weights" in f else f
        names = [n.decode("utf8") if isinstance(n, bytes) else str(n)
                 for n in group.attrs.get("layer_names", [])]
        saved = {}
        for name in names:
            layer_group = group[name]
            weight_names = layer_group.attrs.get("weight_names", [])
            saved[name] = [tuple(layer_group[w.decode("utf8") if isinstance(w, bytes) else w].shape)
                           for w in weight_names]
    matched = 0
    for layer in model.layers:
        shapes = [tuple(w.shape) for w in layer.weights]
        if shapes and saved.get(layer.name) == shapes:
            matched += 1
    return matched
