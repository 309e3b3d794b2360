"""Open a user's ``.keras`` / ``.h5`` model file with Keras's safe mode and clear errors."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from explorer.core.errors import ModelError, UnsafeModelError
from explorer.core.models import zoo
from explorer.core.models.types import MODEL_SUFFIXES, LoadedModel, file_entry
from explorer.core.pixels.preprocess import InputSpec, Preprocessing

#: layers that mean "the model rescales its own input" (feed raw 0–255 pixels)
SELF_SCALING = {"Rescaling", "Normalization"}


def card_path(model_path: Path) -> Path:
    """The model card that may sit next to a model file (``model.keras`` → ``model.json``)."""
    return model_path.with_suffix(".json")


def read_card(model_path: Path) -> dict:
    """A model file's card, or {} when there is none or it is unreadable."""
    path = card_path(model_path)
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError):
        return {}


def _check_file(path: Path) -> None:
    if not path.exists():
        raise ModelError(f"There is no file {path}", "Check the path")
    if path.is_dir():
        raise ModelError(f"{path} is a folder, not a model file",
                         "Pick a .keras or .h5 file (SavedModel folders are not supported by "
                         "Keras 3; re-save the model as .keras)")
    if path.suffix.lower() not in MODEL_SUFFIXES:
        raise ModelError(f"{path.name} is not a Keras model file",
                         "Pick a .keras or .h5 file", expected=".keras, .h5 or .hdf5",
                         received=path.suffix or "no extension")
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ModelError(f"Cannot read {path}: {exc.strerror}",
                         "Check the file's permissions") from None
    if path.suffix.lower() == ".keras" and not zipfile.is_zipfile(path):
        raise ModelError(f"{path.name} is damaged or not a Keras 3 model (not a zip archive)",
                         "Save the model again with model.save('name.keras')")
    if path.suffix.lower() != ".keras" and head != b"\x89HDF\r\n\x1a\n":
        raise ModelError(f"{path.name} is damaged or not an HDF5 model file",
                         "Save the model again with model.save('name.h5')")


def translate_load_error(exc: Exception, path: Path) -> Exception:
    """Turn an exception from ``keras.models.load_model`` into a user-facing error."""
    text = str(exc)
    if "safe_mode" in text or "arbitrary code execution" in text:
        return describe_unsafe(exc, path)
    unknown = re.search(r"Unknown (layer|object|activation|loss|metric)[^:]*: '?([\w>.]+)", text)
    if unknown:
        return ModelError(f"{path.name} needs the custom {unknown.group(1)} "
                          f"{unknown.group(2)!r}, which this app does not know",
                          "Re-save the model without custom layers, or load it in Python "
                          "with the class registered (keras.saving.register_keras_serializable)")
    if "could not be deserialized" in text or "No model config" in text:
        return ModelError(f"{path.name} could not be rebuilt: it uses classes or code this app "
                          "does not have", "Re-save the model with standard Keras layers")
    if isinstance(exc, (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile)):
        if isinstance(exc, KeyError) and exc.args:  # str(KeyError) adds quotes
            text = str(exc.args[0])
        first = text.splitlines()[0][:200] if text.strip() else type(exc).__name__
        return ModelError(f"{path.name} could not be loaded: {first}",
                          "Check that the file is a complete Keras model saved with "
                          "model.save()")
    return exc


def spec_for(model, card: dict) -> InputSpec:
    """How to feed an image to a loaded model: from its card, else from its input layer."""
    shape = getattr(model, "input_shape", None)
    if isinstance(shape, list):
        raise ModelError(f"The model has {len(shape)} inputs; this app feeds one image",
                         "Open a model with a single image input",
                         expected="one input of shape (H, W, C)",
                         received=", ".join(str(s[1:]) for s in shape))
    if shape is None:
        raise ModelError("The model has no input shape: it was saved before it was built",
                         "Give the model an Input layer (or call it once on a batch) and save "
                         "it again")
    if len(shape) != 4:
        raise ModelError("The model does not take images",
                         "Open a model whose input is (height, width, channels)",
                         expected="input of rank 4 (batch, H, W, C)",
                         received=str(tuple(shape[1:])))
    _, h, w, c = shape
    if c not in (1, 3):
        raise ModelError("The model's input is not a grey or colour image",
                         "Open a model that takes grey (1 channel) or RGB (3 channels) images, "
                         "channels last", expected="1 or 3 channels", received=f"{c} channels")
    mode = card.get("preprocess")
    if mode is None:
        names = {type(l).__name__ for l in model.layers[:4]}
        mode = "none" if names & SELF_SCALING else "rescale"
    prep = Preprocessing(mode=mode, invert=bool(card.get("invert", False)))
    return InputSpec(h, w, c, prep)


def load_model_file(path: Path, *, allow_unsafe: bool = False, entry=None):
    """Load a model file into a :class:`~explorer.core.models.types.LoadedModel`.

    Args:
        path: the ``.keras`` / ``.h5`` file.
        allow_unsafe: pass ``safe_mode=False`` (runs code stored in the file).
        entry: the catalogue entry to attach (a file entry is made when None).

    Raises:
        UnsafeModelError: the file would run code and ``allow_unsafe`` is False.
        ModelError: any other reason the file cannot be used.
    """
    import keras

    from explorer.core.models.zoo import layers as _custom_layers  # noqa: F401  (registers LRN etc.)

    path = Path(path)
    _check_file(path)
    try:
        model = keras.models.load_model(path, compile=False, safe_mode=not allow_unsafe)
    except Exception as exc:  # Keras raises many types; translate the known ones
        translated = translate_load_error(exc, path)
        if translated is exc:
            raise
        raise translated from None
    card = read_card(path)
    names = card.get("class_names")
    if card.get("name") in zoo.MODULES and "base" not in card:  # trained by `cnn-explorer train`
        spec = zoo.input_spec(card["name"])
    else:
        spec = spec_for(model, card)
    return LoadedModel(model, entry or file_entry(path), spec, tuple(names) if names else None)


def describe_unsafe(exc: Exception, path: Path) -> UnsafeModelError:
    """Turn Keras's safe-mode refusal into a message a user can act on."""
    return UnsafeModelError(
        f"{path.name} contains code (a Lambda layer or custom Python) that would run when it "
        "is loaded, so it was not loaded",
        "Only if you trust where the file came from, allow it (the window asks; on the "
        "command line pass --allow-unsafe)")
