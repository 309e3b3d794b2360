"""What every model source produces: a catalogue line and a loaded model.

The bottom of :mod:`explorer.core.models`: it imports nothing of the package, so every source
(code-built and bundled, ``keras.applications``, files) and the catalogue above them can use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explorer.core.pixels.preprocess import InputSpec

MODEL_SUFFIXES = (".keras", ".h5", ".hdf5")
"""File name endings of the model files the app opens."""

GROUPS = {"bundled": "Trained and bundled", "code": "Built from code",
          "pretrained": "Pretrained (keras.applications)", "file": "Opened files"}


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
    """A built Keras model and what the app needs to feed and decode it.

    Attributes:
        model: the Keras 3 model.
        entry: its catalogue line.
        spec: how an image is fed to it.
        class_names: output labels, or None ("class N").
        notes: what the user should know about how it was opened (a Keras 2 file rebuilt in
            Keras 3, arguments dropped, untrained or partly fitting weights), one line each.
        weights: ``"bundled"`` (trained, shipped with the app), ``"trained"`` (ImageNet or a
            weights file the user picked), ``"file"`` (as saved in the user's model file) or
            ``"untrained"`` (random).
    """

    model: object
    entry: ModelEntry
    spec: InputSpec
    class_names: tuple[str, ...] | None
    notes: tuple[str, ...] = ()
    weights: str = "file"


def file_entry(path: Path) -> ModelEntry:
    """The catalogue line of a user's model file."""
    return ModelEntry(str(path), path.name, "file", (None, None, None),
                      f"Model file {path}", None, "from file", True)
