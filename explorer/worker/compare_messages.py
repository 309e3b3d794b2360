"""The compare session's requests and results (beside :mod:`explorer.worker.messages`, which
is near its size limit; the same rules: frozen dataclasses of plain values, no Qt, no
TensorFlow).

The worker keeps a second model in a compare slot (``WorkerMemory.compare``) that loading it
never touches the current model, its caches or its extras; :class:`RunCompare` runs one image
through the current model and the other (or a second image through the current model).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from explorer.worker.messages import ImageEntry, InferenceResult, ModelReady, ModelRequest, Request


@dataclass(frozen=True)
class LoadCompareModel(Request):
    """Load a second model into the compare slot (the current model stays as it is).

    Args:
        name_or_path: a catalogue name or a ``.keras``/``.h5`` file.
        weights: ``"default"``, ``"untrained"``, or a weights file path.
        allow_unsafe: let a model file run its code (Lambda layers) on load.
        preprocess: the input scaling (as :class:`~explorer.worker.messages.LoadModel`).
    """

    replay: ClassVar[bool] = True

    coalesce: ClassVar[bool] = True

    name_or_path: str
    weights: str | None = "default"
    allow_unsafe: bool = False
    preprocess: str | None = None


@dataclass(frozen=True)
class CompareModelReady:
    """The compare slot holds a model.

    Args:
        ready: what a :class:`~explorer.worker.messages.ModelReady` says about it (its
            ``request`` is the ``LoadModel`` equivalent of the :class:`LoadCompareModel`).
        request: the :class:`LoadCompareModel` that loaded it.
    """

    ready: ModelReady
    request: LoadCompareModel

    @property
    def label(self) -> str:
        """The model and its weights in words, e.g. ``"fashion-cnn · untrained (random…)"``."""
        return model_label(self.ready)


def model_label(ready: ModelReady) -> str:
    """A model and its weights in words, e.g. ``"fashion-cnn · untrained (random…)"``: what
    tells the two sides apart when one model is compared with itself under other weights."""
    return f"{ready.name} · {ready.weights_label}"


@dataclass(frozen=True)
class RunCompare(ModelRequest):
    """Side A and side B of a comparison.

    Side A is ``image`` through the current model. Side B is ``image`` through the model in
    the compare slot when ``other_model`` is given, else ``other_image`` through the current
    model. Both come from the worker's result cache when they ran before.

    Args:
        model_name: the current model the window expects (stale requests are skipped).
        image: side A's image.
        other_image: side B's image (two images through one model), or None.
        other_model: the compare slot's ``label`` the window expects (one image through two
            models), or None.
        focus: side A's selected layer, and ``other_focus`` its counterpart in B: when a
            side's activations exceed the budget (``core.budget``), the layers around it are
            captured (``InferenceResult.complete`` is then False).
    """

    coalesce: ClassVar[bool] = True

    image: ImageEntry
    other_image: ImageEntry | None = None
    other_model: str | None = None
    focus: str | None = None
    other_focus: str | None = None


@dataclass(frozen=True)
class CompareResult:
    """Two inference results to show side by side.

    Args:
        request_id: id of the :class:`RunCompare`.
        model_name: the current model (side A's).
        request: the :class:`RunCompare`.
        a: side A's ``InferenceResult``.
        b: side B's ``InferenceResult``.
        table_b: side B's layer rows (the current model's table when B is another image).
        title_b: what side B is, in words (a model label or an image name).
    """

    request_id: int
    model_name: str
    request: RunCompare
    a: InferenceResult
    b: InferenceResult
    table_b: tuple[Any, ...]
    title_b: str
