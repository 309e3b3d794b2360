"""Open a user's ``.keras`` / ``.h5`` model file with Keras's safe mode and clear errors."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from explorer.core.errors import ModelError
from explorer.core.models import zoo
from explorer.core.models.load_errors import translate_load_error
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


def check_model_file(path: Path) -> None:
    """Refuse what cannot be a model file before Keras sees it (no TensorFlow needed).

    Raises:
        ModelError: missing, a folder, the wrong suffix, unreadable, or not a zip / HDF5 file.
    """
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


PREPROCESS_CHOICES = {"rescale": "rescale", "tf": "tf", "torch": "torch", "caffe": "caffe",
                      "raw": "none", "none": "none"}
"""What ``--preprocess`` (and the window's input-scaling menu) accepts → the mode it means."""


def read_labels(model_path: Path) -> tuple[str, ...] | None:
    """Class names from ``labels.txt`` beside a model: one name a line, or Teachable Machine's
    ``"0 Rock"`` lines (the leading class numbers are dropped). None when there is none."""
    path = model_path.parent / "labels.txt"
    try:
        lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines()] \
            if path.is_file() else []
    except (OSError, UnicodeDecodeError):
        return None
    lines = [l for l in lines if l]
    if not lines:
        return None
    numbered = [re.match(r"^(\d+)\s+(.+)$", l) for l in lines]
    if all(numbered) and [int(m.group(1)) for m in numbered] == list(range(len(lines))):
        return tuple(m.group(2) for m in numbered)
    return tuple(lines)


def _first_layers(model, depth: int = 4) -> list:
    """The first few layers, looking inside nested models (a base's leading Rescaling)."""
    found = []
    for layer in getattr(model, "layers", [])[:depth]:
        found.append(layer)
        if hasattr(layer, "layers"):
            found.extend(_first_layers(layer, depth))
    return found


def is_teachable_machine(path: Path, shape) -> bool:
    """Teachable Machine's image export: ``keras_model.h5`` with ``labels.txt``, 224×224×3."""
    return path.name == "keras_model.h5" and (path.parent / "labels.txt").is_file() \
        and tuple(shape[1:]) == (224, 224, 3)


def choose_preprocessing(model, card: dict, path: Path,
                         override: str | None = None) -> tuple[str, str]:
    """The preprocessing mode for a model file and why it was chosen.

    In order: the user's choice, the model card's ``preprocess``, Teachable Machine's
    x/127.5 − 1, raw 0–255 when the model starts with a ``Rescaling``/``Normalization`` layer
    (it scales itself), else x/255.
    """
    if override:
        if override not in PREPROCESS_CHOICES:
            raise ModelError(f"Unknown input scaling {override!r}",
                             expected=" | ".join(k for k in PREPROCESS_CHOICES if k != "none"),
                             received=repr(override))
        return PREPROCESS_CHOICES[override], "chosen by you"
    if card.get("preprocess"):
        return card["preprocess"], "from the model card"
    if is_teachable_machine(path, model.input_shape):
        return "tf", "Teachable Machine export"
    scaling = [type(l).__name__ for l in _first_layers(model) if type(l).__name__ in SELF_SCALING]
    if scaling:
        return "none", f"the model's own {scaling[0]} layer scales the pixels"
    return "rescale", "default for model files"


def spec_for(model, card: dict, path: Path | None = None,
             override: str | None = None) -> InputSpec:
    """How to feed an image to a loaded model: size and layout from its input, scaling from
    :func:`choose_preprocessing`.

    Takes images ``(H, W, 1|3)``, grey images without a channel axis ``(H, W)``, and flat
    vectors whose length is a square (grey) or three times one (RGB), fed as the image
    flattened row by row.
    """
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
    first = next((type(l).__name__ for l in _first_layers(model)
                  if type(l).__name__ != "InputLayer"), "")
    layout, (h, w, c) = _layout(tuple(shape), first)
    mode, source = choose_preprocessing(model, card, path or Path("model"), override)
    prep = Preprocessing(mode=mode, invert=bool(card.get("invert", False)), source=source)
    return InputSpec(h, w, c, prep, layout)


#: first layers that read a 2-D input as an image (Keras's MNIST tutorials start with Flatten);
#: a Conv1D or recurrent layer reads it as a sequence instead
IMAGE_2D_READERS = {"Flatten", "Reshape", "Rescaling", "Normalization"}


def _layout(shape: tuple, first_layer: str = "") -> tuple[str, tuple]:
    """(layout, (H, W, C)) for a model's batched input shape and its first layer's type."""
    dims = shape[1:]
    if len(dims) == 3:
        h, w, c = dims
        if c not in (1, 3):
            raise ModelError("The model's input is not a grey or colour image",
                             "Open a model that takes grey (1 channel) or RGB (3 channels) "
                             "images, channels last", expected="1 or 3 channels",
                             received=f"{c} channels")
        return "image", (h, w, c)
    if len(dims) == 2 and first_layer in IMAGE_2D_READERS:
        return "grey2d", (dims[0], dims[1], 1)
    if len(dims) == 1 and dims[0]:
        n = int(dims[0])
        for channels in (1, 3):
            side = int(round((n / channels) ** 0.5))
            if n % channels == 0 and side * side * channels == n:
                return "flat", (side, side, channels)
        raise ModelError(f"The model takes a vector of {n} values, which is no image size",
                         "Open a model whose input is an image, or a flattened square image "
                         "(H·W or H·W·3 values)", expected="a square number of values (e.g. "
                         "784 = 28×28) or three times one", received=str(n))
    raise ModelError("The model does not take images",
                     "Open a model whose input is (height, width, channels)",
                     expected="an input of shape (H, W, C), (H, W) or (H·W,)",
                     received=str(tuple(dims)))


def load_model_file(path: Path, *, allow_unsafe: bool = False, entry=None,
                    preprocess: str | None = None) -> LoadedModel:
    """Load a model file into a :class:`~explorer.core.models.types.LoadedModel`.

    Keras 3 files load directly; Keras 2 ``.h5`` files are opened with ``tf_keras`` and rebuilt
    (:mod:`explorer.core.models.keras2`). Class names come from the model card
    (``model.json``) or ``labels.txt`` beside the file.

    Args:
        path: the ``.keras`` / ``.h5`` file.
        allow_unsafe: pass ``safe_mode=False`` (runs code stored in the file).
        entry: the catalogue entry to attach (a file entry is made when None).
        preprocess: the user's input scaling (a key of :data:`PREPROCESS_CHOICES`), or None
            to choose it from the file.

    Raises:
        UnsafeModelError: the file would run code and ``allow_unsafe`` is False.
        ModelError: any other reason the file cannot be used.
    """
    from explorer.core.models import keras2

    path = Path(path)
    check_model_file(path)
    notes: tuple[str, ...] = ()
    if keras2.is_keras2_file(path):
        model, notes = keras2.load_keras2(path, allow_unsafe=allow_unsafe)
    else:
        model = _load_keras3(path, allow_unsafe)
    card = read_card(path)
    names = card.get("class_names") or read_labels(path)
    if card.get("name") in zoo.MODULES and "base" not in card and not preprocess:
        spec = zoo.input_spec(card["name"])  # trained by `cnn-explorer train`
    else:
        spec = spec_for(model, card, path, preprocess)
    return LoadedModel(model, entry or file_entry(path), spec, tuple(names) if names else None,
                       notes)


def _load_keras3(path: Path, allow_unsafe: bool):
    import keras

    from explorer.core.models.zoo import layers as _custom_layers  # noqa: F401  (registers LRN etc.)

    try:
        return keras.models.load_model(path, compile=False, safe_mode=not allow_unsafe)
    except Exception as exc:  # Keras raises many types; translate the known ones
        translated = translate_load_error(exc, path)
        if translated is exc:
            raise
        raise translated from None
