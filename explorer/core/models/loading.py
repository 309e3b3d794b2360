"""Load any catalogue entry or model file into a :class:`LoadedModel` (imports TensorFlow).

Each source builds its own kind: code-built and bundled models here (:func:`load_zoo`),
``keras.applications`` models in :mod:`explorer.core.models.pretrained`, files in
:mod:`explorer.core.models.files`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Callable

from explorer.core.errors import ModelError
from explorer.core.models import pretrained, zoo
from explorer.core.models.catalog import find_entry
from explorer.core.models.code import bundled_path
from explorer.core.models.files import PREPROCESS_CHOICES, load_model_file
from explorer.core.models.types import LoadedModel, ModelEntry
from explorer.core.models.untrained import UNTRAINED_NOTE, seed_initialisation


def load_model(name_or_path: str, *, weights: str | None = "default", allow_unsafe: bool = False,
               progress: Callable | None = None, cancel: Callable[[], bool] | None = None,
               preprocess: str | None = None) -> LoadedModel:
    """Build or load a model by catalogue name or file path.

    Args:
        name_or_path: a catalogue name or a ``.keras``/``.h5`` path.
        weights: ``default`` (bundled/ImageNet weights where there are some), ``untrained``,
            or a path to a weights file.
        allow_unsafe: let a model file run code on load (Lambda layers, custom code).
        progress: download progress callback for pretrained weights.
        cancel: polled during downloads.
        preprocess: the user's input scaling (``rescale``, ``tf``, ``torch``, ``caffe`` or
            ``raw``) instead of the one the model comes with; None keeps it.
    """
    entry = find_entry(name_or_path)
    if entry.group == "file":
        return load_model_file(Path(entry.name), allow_unsafe=allow_unsafe, entry=entry,
                               preprocess=preprocess)
    if entry.group == "pretrained":
        loaded = pretrained.load(entry, weights=weights, progress=progress, cancel=cancel)
    else:
        loaded = load_zoo(entry, weights)
    return with_preprocessing(loaded, preprocess) if preprocess else loaded


def with_preprocessing(loaded: LoadedModel, choice: str) -> LoadedModel:
    """``loaded`` fed with the input scaling ``choice`` (a key of ``PREPROCESS_CHOICES``)."""
    if choice not in PREPROCESS_CHOICES:
        raise ModelError(f"Unknown input scaling {choice!r}",
                         expected=" | ".join(k for k in PREPROCESS_CHOICES if k != "none"),
                         received=repr(choice))
    prep = dataclasses.replace(loaded.spec.preprocessing, mode=PREPROCESS_CHOICES[choice],
                               source="chosen by you")
    return dataclasses.replace(loaded, spec=dataclasses.replace(loaded.spec, preprocessing=prep))


def load_zoo(entry: ModelEntry, weights) -> LoadedModel:
    """Build a code-built model, or load its bundled trained weights.

    Args:
        entry: the catalogue line (``code`` or ``bundled`` group).
        weights: ``default`` (the bundled weights where there are some), ``untrained``/None,
            or a weights file path.
    """
    info = zoo.info(entry.name)
    names = info.class_names if isinstance(info.class_names, tuple) else None
    notes: tuple[str, ...] = ()
    if entry.trained and weights == "default":
        model = load_model_file(bundled_path(entry.name), allow_unsafe=False, entry=entry).model
        kind = "bundled"
    else:
        seed_initialisation()
        model = zoo.build(entry.name)
        kind = "untrained"
        if weights not in ("default", "untrained", None):
            from explorer.core.models.local_weights import load_local_weights
            report = load_local_weights(model, weights)
            kind, notes = "trained", ((report.describe(),) if report.partial else ())
    if isinstance(info.class_names, str) and info.class_names == "imagenet":
        from explorer.core.predict import imagenet_class_names
        names = tuple(imagenet_class_names())
    if kind == "untrained":
        notes = (UNTRAINED_NOTE,)
    return LoadedModel(model, entry, zoo.input_spec(entry.name), names, notes, kind)

