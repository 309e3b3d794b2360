"""Build ``keras.applications`` classifiers with ImageNet weights fetched the Keras way.

The table of models is :mod:`explorer.core.models.applications` (plain data, no TensorFlow);
this module turns one of its entries into a Keras model, and is the only one that calls the
``keras.applications`` functions.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Callable

from explorer.core.errors import Cancelled, ModelError, WeightsError
from explorer.core.models.applications import PretrainedSpec, get_spec
from explorer.core.models.local_weights import load_local_weights
from explorer.core.models.types import LoadedModel, ModelEntry
from explorer.core.models.untrained import UNTRAINED_NOTE, seed_initialisation
from explorer.core.models.weights import DownloadProgress, ensure_cached, weights_status


def keras_function(spec: PretrainedSpec) -> Callable:
    """The ``keras.applications`` function that builds ``spec`` (imports Keras)."""
    from keras import applications

    return getattr(applications, spec.function)


def build(name: str, weights: str | os.PathLike | None = "imagenet",
          progress: Callable[[DownloadProgress], None] | None = None,
          cancel: Callable[[], bool] | None = None):
    """Build a ``keras.applications`` classifier (see :func:`build_with_report`)."""
    return build_with_report(name, weights, progress, cancel)[0]


def build_with_report(name: str, weights: str | os.PathLike | None = "imagenet",
          progress: Callable[[DownloadProgress], None] | None = None,
          cancel: Callable[[], bool] | None = None):
    """Build a ``keras.applications`` classifier (1000 ImageNet classes, at its default size).

    ``"imagenet"`` weights are first put into the Keras cache by
    :func:`explorer.core.models.weights.ensure_cached` (downloading with progress and cancel if needed)
    and the Keras function is then given that local path, so Keras itself never downloads.
    A user's own file is loaded leniently by :func:`explorer.core.models.local_weights.load_local_weights`.

    Args:
        name: catalogue name (``mobilenet``, ``resnet50``…).
        weights: ``"imagenet"``, ``None`` or ``"untrained"`` (random weights), or a path to a
            weights file.
        progress: download progress callback.
        cancel: polled during the download and before building; return True to stop.

    Returns:
        ``(model, report)``: the functional ``keras.Model`` and the
        ``LocalWeightsReport`` of a user's weights file (None otherwise).

    Raises:
        ModelError: unknown name, or Keras could not build the model.
        WeightsError: the weights could not be fetched (``DownloadError``) or loaded.
        Cancelled: ``cancel()`` returned True.
    """
    spec = get_spec(name)
    local_file = None
    if weights == "imagenet":
        weights_path = ensure_cached(spec, progress=progress, cancel=cancel)
    elif weights is None or weights == "untrained":
        weights_path = None
    elif isinstance(weights, (str, os.PathLike)):
        weights_path, local_file = None, Path(weights).expanduser()
        if not local_file.is_file():
            raise WeightsError(f"Weights file {local_file} does not exist",
                               "Pick an existing weights file, or use untrained weights")
    else:
        raise WeightsError(f"Cannot use weights={weights!r} for {spec.title}",
                           expected='"imagenet", None, "untrained" or a file path',
                           received=repr(weights))
    if cancel is not None and cancel():
        raise Cancelled(f"Building {spec.title} cancelled")
    function = keras_function(spec)
    if weights_path is None:
        seed_initialisation()
    try:
        model = function(include_top=True, classes=1000, input_shape=spec.input_shape,
                         weights=None if weights_path is None else str(weights_path))
    except (ValueError, OSError, KeyError, TypeError) as exc:
        if weights_path is not None:
            raise WeightsError(
                f"Keras could not load {weights_path} into {spec.title}: {exc}",
                f"Delete {weights_path} so it is fetched again from {spec.url}, or choose "
                "untrained weights or a local weights file") from exc
        raise ModelError(f"Keras could not build {spec.title}: {exc}",
                         "Report this with your TensorFlow and Keras versions") from exc
    report = load_local_weights(model, local_file) if local_file is not None else None
    return model, report


def load(entry: ModelEntry, *, weights: str | os.PathLike | None = "default",
         progress: Callable[[DownloadProgress], None] | None = None,
         cancel: Callable[[], bool] | None = None):
    """Build a catalogue entry of the ``pretrained`` group for :func:`catalog.load_model`.

    Args:
        entry: the ``ModelEntry`` (its ``name`` is a catalogue name here).
        weights: ``"default"`` (ImageNet), ``"untrained"``/None, or a weights file path.
        progress: download progress callback.
        cancel: polled during the download.

    Returns:
        ``LoadedModel`` with the model, how to feed it and the ImageNet class names.
    """
    from explorer.core.pixels.preprocess import InputSpec, Preprocessing
    from explorer.core.predict import imagenet_class_names

    spec = get_spec(entry.name)
    model, report = build_with_report(spec.name, "imagenet" if weights == "default" else weights,
                                      progress=progress, cancel=cancel)
    height, width, channels = spec.input_shape
    input_spec = InputSpec(height, width, channels, Preprocessing(mode=spec.preprocessing))
    if weights in ("untrained", None):
        kind, notes = "untrained", (UNTRAINED_NOTE,)
    else:
        kind, notes = "trained", ((report.describe(),) if report and report.partial else ())
    if weights == "default":  # fetched now if it was not: the listing line says so
        entry = dataclasses.replace(entry, weights_status=weights_status(spec))
    return LoadedModel(model, entry, input_spec, tuple(imagenet_class_names()), notes, kind)
