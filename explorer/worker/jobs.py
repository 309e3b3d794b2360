"""The worker's slow jobs as plain functions (Orange3 style).

Each job takes its inputs and a :class:`JobState` through which it reports progress and learns
that it should stop; none knows about threads or Qt, so tests call them directly. They import
TensorFlow (through ``explorer.core``), so only the worker's thread imports this module.
"""

from __future__ import annotations

import hashlib
import time
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from explorer.core import catalog, images, inspect, pipeline
from explorer.core.errors import ImageError
from explorer.worker.messages import (ImageEntry, ImagesLoaded, InferenceResult,
                                      KernelsResult, LoadImages, LoadModel, ModelReady, Progress)
from explorer.worker.state import JobState

HISTOGRAM_BINS = 60


@dataclass
class ActiveModel:
    """The worker's current model: Keras objects plus what the window was told about it."""

    loaded: Any
    probe: Any
    ready: ModelReady

    @property
    def name(self) -> str:
        """The name the window knows the model by."""
        return self.ready.name


# --------------------------------------------------------------------------- images
def image_key(image) -> str:
    """A stable identity for an image: a hash of its pixels and shape, plus its name."""
    digest = hashlib.blake2b(image.pixels.tobytes(), digest_size=8)
    digest.update(repr(image.pixels.shape).encode())
    return f"{image.name}#{digest.hexdigest()}"


def load_images(request: LoadImages, state: JobState) -> ImagesLoaded:
    """Read every source of ``request``; a bad one is reported, the rest still load.

    Raises:
        ImageError: when not one source could be read (the first failure).
    """
    names = request.names or (None,) * len(request.sources)
    loaded, failures, first_error = [], [], None
    for source, name in zip(request.sources, names):
        state.check()
        try:
            image = images.load_image(source, name=name)
        except ImageError as error:
            failures.append(error.one_line())
            first_error = first_error or error
            continue
        path = "" if isinstance(source, (bytes, bytearray)) else str(Path(source).resolve())
        loaded.append(ImageEntry(key=image_key(image), image=image, source=path))
    if not loaded and first_error is not None:
        raise first_error
    return ImagesLoaded(images=tuple(loaded), failures=tuple(failures))


# --------------------------------------------------------------------------- models
def _download_reporter(state: JobState):
    """Turns the catalogue's ``DownloadProgress`` reports into :class:`Progress` messages."""

    def report(download) -> None:
        state.report(Progress(message=f"Downloading {Path(str(download.dest)).name}",
                              done=int(download.done_bytes), total=download.total_bytes,
                              rate=float(download.rate_bytes_per_s)))

    return report


def describe_input(spec) -> str:
    """One line about what the model takes, e.g. ``"28×28×1 · rescale"``."""
    height = spec.height if spec.height else "any"
    width = spec.width if spec.width else "any"
    return f"{height}×{width}×{spec.channels} · {spec.preprocessing.mode}"


def load_model(request: LoadModel, state: JobState) -> ActiveModel:
    """Load a catalogue model or a model file and prepare its one-pass probe.

    Raises:
        ExplorerError: the model or its weights cannot be had (``UnsafeModelError`` when the
            file holds code and ``request.allow_unsafe`` is false; ``DownloadError`` when the
            weights could not be downloaded; ``Cancelled`` when the user cancelled).
    """
    state.check()
    loaded = catalog.load_model(request.name_or_path, weights=request.weights,
                                allow_unsafe=request.allow_unsafe,
                                progress=_download_reporter(state),
                                cancel=lambda: state.cancelled)
    state.check()
    table = tuple(inspect.layer_table(loaded.model))
    probe = inspect.ActivationProbe(loaded.model)
    class_names = tuple(loaded.class_names) if loaded.class_names else None
    ready = ModelReady(name=loaded.entry.name, entry=loaded.entry, table=table,
                       input_description=describe_input(loaded.spec),
                       class_names=class_names, request=request)
    return ActiveModel(loaded=loaded, probe=probe, ready=ready)


def _frozen_activations(outputs: dict) -> types.MappingProxyType:
    """Drop the batch dimension and make every array read-only."""
    frozen = {}
    for path, value in outputs.items():
        array = np.asarray(value)
        if array.ndim >= 1 and array.shape[0] == 1:
            array = array[0]
        array = np.ascontiguousarray(array)
        array.setflags(write=False)
        frozen[path] = array
    return types.MappingProxyType(frozen)


def run_inference(active: ActiveModel, entry: ImageEntry, state: JobState,
                  request_id: int = 0) -> InferenceResult:
    """Preprocess ``entry``, run it through the model once and rank the classes.

    Args:
        active: the worker's current model.
        entry: the image.
        state: progress/cancel channel (checked before the forward pass).
        request_id: copied into the result so the window can drop stale ones.

    Returns:
        An :class:`InferenceResult` with every layer's output.
    """
    state.check()
    prepared = pipeline.prepare(active.loaded, entry.image)
    state.check()
    start = time.perf_counter()
    outputs = active.probe.run(prepared.tensor)
    seconds = time.perf_counter() - start
    activations = _frozen_activations(outputs)
    final = active.probe.predictions(activations)
    ranked: tuple = ()
    if isinstance(final, np.ndarray) and final.ndim == 1 and final.size > 1:
        # the same scores as `cnn-explorer predict`: logits get a softmax there and here
        ranked = tuple(pipeline.classify(active.loaded, final, final.size))
    return InferenceResult(request_id=request_id, model_name=active.name, image=entry,
                           prepared=prepared, activations=activations, predictions=ranked,
                           seconds=seconds)


def get_kernels(active: ActiveModel, path: str) -> KernelsResult:
    """The weights of layer ``path`` of the current model, and their histogram."""
    kernels = inspect.kernels(active.loaded.model, path)
    return KernelsResult(model_name=active.name, path=path, kernels=kernels,
                         histogram=np.histogram(kernels.keras, bins=HISTOGRAM_BINS))

