"""Every model the app offers: built from code, trained and bundled, pretrained, or a file.

Listing (:func:`list_models`) never imports TensorFlow, so the window can fill its picker at
once; :func:`load_model` does, and runs on the worker thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from explorer.core import zoo
from explorer.core.errors import ModelError, UnsafeModelError
from explorer.core.model_files import MODEL_SUFFIXES
from explorer.core.preprocess import InputSpec, Preprocessing
from explorer.core.resources import resource_path

DEFAULT_MODEL = "fashion-cnn"
GROUPS = {"bundled": "Trained and bundled", "code": "Built from code",
          "pretrained": "Pretrained (keras.applications)", "file": "Model file"}
BUNDLED = ("fashion-cnn", "lenet5")


@dataclass(frozen=True)
class ModelEntry:
    """One line of the catalogue.

    Attributes:
        name: catalogue name (``lenet5``, ``mobilenetv2``) or a file path.
        title: display name.
        group: ``bundled``, ``code``, ``pretrained`` or ``file``.
        input_shape: (H, W, C), None where free.
        description: what it is.
        params: parameter count when known without building, else None.
        weights_status: ``trained (bundled)``, ``untrained``, ``cached``, ``to download (≈ 17 MB)``…
        trained: whether the weights are trained.
    """

    name: str
    title: str
    group: str
    input_shape: tuple
    description: str
    params: int | None
    weights_status: str
    trained: bool


@dataclass(frozen=True)
class LoadedModel:
    """A built Keras model and what the app needs to feed and decode it."""

    model: object
    entry: ModelEntry
    spec: InputSpec
    class_names: tuple[str, ...] | None


def bundled_path(name: str) -> Path:
    """Path of a bundled trained model file (may not exist in a bare checkout)."""
    return resource_path("models", f"{name}.keras")


def bundled_card(name: str) -> dict:
    """The model card shipped next to a bundled model ({} when absent)."""
    path = resource_path("models", f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _zoo_entry(name: str) -> ModelEntry:
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


def list_models() -> list[ModelEntry]:
    """Every catalogue entry, bundled first, then code-built, then pretrained."""
    from explorer.core import applications

    entries = [_zoo_entry(n) for n in zoo.MODULES]
    entries.sort(key=lambda e: (e.group != "bundled",))
    for spec in applications.list_pretrained():
        entries.append(ModelEntry(spec.name, spec.title, "pretrained", spec.input_shape,
                                  spec.description, spec.params,
                                  applications.weights_status(spec), True))
    return entries


def find_entry(name: str) -> ModelEntry:
    """The catalogue entry for a name (raises ModelError with the valid names)."""
    for entry in list_models():
        if entry.name == name:
            return entry
    if Path(name).suffix.lower() in MODEL_SUFFIXES or Path(name).exists():
        return file_entry(Path(name))
    names = ", ".join(e.name for e in list_models())
    raise ModelError(f"No model called {name!r}",
                     "Run `cnn-explorer models` for the list, or give a .keras/.h5 file",
                     expected=f"one of {names}")


def file_entry(path: Path) -> ModelEntry:
    return ModelEntry(str(path), path.name, "file", (None, None, None),
                      f"Model file {path}", None, "from file", True)


def zoo_spec(name: str) -> InputSpec:
    """How an image is fed to a code-built model."""
    info = zoo.info(name)
    h, w = info.fit_size or info.input_shape[:2]
    prep = Preprocessing(mode="rescale", pad_to=info.pad_to, invert=info.invert)
    return InputSpec(h, w, info.input_shape[2], prep)


def load_model(name_or_path: str, *, weights: str | None = "default", allow_unsafe: bool = False,
               progress: Callable | None = None,
               cancel: Callable[[], bool] | None = None) -> LoadedModel:
    """Build or load a model by catalogue name or file path.

    Args:
        name_or_path: a catalogue name or a ``.keras``/``.h5`` path.
        weights: ``default`` (bundled/ImageNet weights where there are some), ``untrained``,
            or a path to a weights file.
        allow_unsafe: let a model file run code on load (Lambda layers, custom code).
        progress: download progress callback for pretrained weights.
        cancel: polled during downloads.
    """
    entry = find_entry(name_or_path)
    if entry.group == "file":
        from explorer.core.model_files import load_model_file
        return load_model_file(Path(entry.name), allow_unsafe=allow_unsafe, entry=entry)
    if entry.group == "pretrained":
        from explorer.core import applications
        return applications.load(entry, weights=weights, progress=progress, cancel=cancel)
    return _load_zoo(entry, weights)


def _load_zoo(entry: ModelEntry, weights) -> LoadedModel:
    info = zoo.info(entry.name)
    names = info.class_names if isinstance(info.class_names, tuple) else None
    if entry.trained and weights == "default":
        from explorer.core.model_files import load_model_file
        loaded = load_model_file(bundled_path(entry.name), allow_unsafe=False, entry=entry)
        model = loaded.model
    else:
        model = zoo.build(entry.name)
        if weights not in ("default", "untrained", None):
            from explorer.core.weights import load_local_weights
            load_local_weights(model, weights)
    if isinstance(info.class_names, str) and info.class_names == "imagenet":
        from explorer.core.predict import imagenet_class_names
        names = tuple(imagenet_class_names())
    return LoadedModel(model, entry, zoo_spec(entry.name), names)


def describe_unsafe(exc: Exception, path: Path) -> UnsafeModelError:
    """Turn Keras's safe-mode refusal into a message a user can act on."""
    return UnsafeModelError(
        f"{path.name} contains code (a Lambda layer or custom Python) that would run when it "
        "is loaded, so it was not loaded",
        "Only if you trust where the file came from, allow it (the window asks; on the "
        "command line pass --allow-unsafe)")
