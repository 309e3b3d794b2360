"""What crosses between the window and the worker: requests in, results out.

Everything here is a frozen dataclass of plain Python values and read-only numpy arrays, so a
result can be handed from the worker's thread to the GUI thread without copying or locking.
This module imports neither Qt nor TensorFlow; the widgets import it freely.

Every request derives from :class:`Request`. One whose class sets ``coalesce = True``
supersedes older queued requests of the same kind: when the user flicks through thirty images
only the last one is run. A :class:`ModelRequest` names the model it is about, and the worker
skips it when that model is no longer current. Each request type is answered by one job,
registered in :mod:`explorer.worker.registry`.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any, ClassVar, Mapping

import numpy as np

from explorer.core.errors import ExplorerError


# --------------------------------------------------------------------------- requests
@dataclass(frozen=True)
class Request:
    """Base of every request the window sends to the worker.

    Attributes:
        coalesce: a newer request of this type drops the queued older ones (class-level).
        supersede: a newer request of this type also cancels a running one.
        replay: it sets the engine's state (the model); after an engine restart the last one
            that succeeded is sent again.
        cancel_grace_s: seconds a cancelled run may take to stop by itself before its engine
            is ended (a job that saves its work on a cancel gets longer).
    """

    coalesce: ClassVar[bool] = False
    supersede: ClassVar[bool] = False
    replay: ClassVar[bool] = False
    cancel_grace_s: ClassVar[float] = 1.0


@dataclass(frozen=True)
class ModelRequest(Request):
    """A request about the current model, skipped when ``model_name`` is no longer current.

    Args:
        model_name: the model the window expects to be current.
    """

    model_name: str


@dataclass(frozen=True)
class Startup(Request):
    """Load TensorFlow and name the device."""


@dataclass(frozen=True)
class LoadImages(Request):
    """Read image files (or encoded bytes, e.g. from the clipboard).

    Args:
        sources: file paths or encoded image bytes.
        names: display names for bytes sources (``None`` for paths: the file name is used).
    """

    sources: tuple[str | bytes, ...]
    names: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class LoadModel(Request):
    """Make ``name_or_path`` the worker's current model.

    Args:
        name_or_path: a catalogue name or a ``.keras``/``.h5`` file.
        weights: ``"default"``, ``"untrained"``, or a weights file path.
        allow_unsafe: let a model file run its code (Lambda layers) on load.
        preprocess: the user's input scaling (``rescale``, ``tf``, ``torch``, ``caffe``,
            ``raw``), or None for the model's own.
    """

    coalesce: ClassVar[bool] = True
    supersede: ClassVar[bool] = True
    replay: ClassVar[bool] = True
    cancel_grace_s: ClassVar[float] = 0.3

    name_or_path: str
    weights: str | None = "default"
    allow_unsafe: bool = False
    preprocess: str | None = None


@dataclass(frozen=True)
class RunImage(ModelRequest):
    """Run one image through the current model and collect every layer's output.

    Args:
        model_name: the model the window expects to be current (stale runs are skipped).
        image: the :class:`ImageEntry` to run.
        focus: the selected layer: when the model's activations exceed the budget
            (``core.budget``), the layers around it are captured.
    """

    coalesce: ClassVar[bool] = True

    image: "ImageEntry"
    focus: str | None = None


@dataclass(frozen=True)
class GetKernels(ModelRequest):
    """Fetch one layer's weights as a kernel set."""

    coalesce: ClassVar[bool] = True

    path: str


@dataclass(frozen=True)
class Explain(ModelRequest):
    """Explain one class of one image with one method (``core.explain.methods.METHODS``).

    Args:
        model_name: the model the window expects to be current.
        image: the :class:`ImageEntry`.
        method: ``gradcam``, ``saliency``, ``occlusion``…
        class_index: the class; None explains the top-1.
        layer: the CAM layer; None takes the default one.
    """

    coalesce: ClassVar[bool] = True

    image: "ImageEntry"
    method: str = "gradcam"
    class_index: int | None = None
    layer: str | None = None


@dataclass(frozen=True)
class InspectUnit(ModelRequest):
    """One unit of one layer: its box of input pixels, its arithmetic, its effective field.

    Args:
        model_name: the model the window expects to be current.
        image: the :class:`ImageEntry` whose activations are explained.
        path: the layer's path.
        channel, row, col: the unit (row and col None for a vector layer).
        language: the interface's language, for the layer's card (``"en"``, ``"zh_CN"``).
    """

    coalesce: ClassVar[bool] = True

    image: "ImageEntry"
    path: str
    channel: int
    row: int | None = None
    col: int | None = None
    language: str = "en"


@dataclass(frozen=True)
class GetDiagram(ModelRequest):
    """The current model's architecture diagram, laid out with some groups open.

    Args:
        model_name: the model the window expects to be current.
        expanded: the ids of the groups to draw open; None: the default (every group open for
            a small model, the top-level blocks folded above ``layout.AUTO_LIMIT`` layers).
    """

    coalesce: ClassVar[bool] = True

    expanded: frozenset[str] | None = None


@dataclass(frozen=True)
class Visualize(ModelRequest):
    """An image optimised to excite one channel of a layer, or one class's score
    (``core.featvis``); from the disk cache when these settings ran before.

    Args:
        model_name: the model the window expects to be current.
        layer: the layer path (None for a class).
        channel: the channel of ``layer``; None when ``class_index`` is given.
        class_index: the class whose logit is maximised; None for a channel.
        steps: optimisation steps.
        size: the image's side in pixels (None: the model's input side, or 128).
        seed: the random start and transformations (a fixed seed gives the same image).
    """

    layer: str | None = None
    channel: int | None = None
    class_index: int | None = None
    steps: int = 256
    size: int | None = None
    seed: int = 0


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class ImageEntry:
    """A loaded image with a stable identity.

    Args:
        key: content hash plus name; two loads of the same file share it.
        image: the ``core.images.LoadedImage``.
        source: the file path it came from, or ``""`` for pasted bytes.
    """

    key: str
    image: Any
    source: str = ""

    @property
    def name(self) -> str:
        """The image's display name."""
        return self.image.name


@dataclass(frozen=True)
class DeviceReady:
    """TensorFlow is loaded.

    Args:
        device: ``"CPU"`` or the GPU's name.
        versions: library name -> version string.
    """

    device: str
    versions: Mapping[str, str]


@dataclass(frozen=True)
class ImagesLoaded:
    """Images read by a :class:`LoadImages` request, and what could not be read."""

    images: tuple[ImageEntry, ...]
    failures: tuple[str, ...]


@dataclass(frozen=True)
class ModelReady:
    """The worker's current model changed.

    Args:
        name: the name the window will use for it (catalogue name or file name).
        entry: its ``core.models.types.ModelEntry``.
        table: ``core.graph.layer_table.LayerInfo`` rows, in model order.
        input_description: e.g. ``"28×28×1, rescale 1/255"``.
        class_names: output labels, or ``None``.
        request: the :class:`LoadModel` that loaded it.
        notes: what the user should know about how it was opened (``LoadedModel.notes``).
        weights: ``bundled``, ``trained``, ``file`` or ``untrained`` (``LoadedModel.weights``).
    """

    name: str
    entry: Any
    table: tuple[Any, ...]
    input_description: str
    class_names: tuple[str, ...] | None
    request: LoadModel
    notes: tuple[str, ...] = ()
    weights: str = "file"

    @property
    def weights_label(self) -> str:
        """What the weights are, in words, for the picker's line."""
        if self.weights == "untrained":
            return "untrained (random, the same on every load)"
        if self.weights == "trained" and self.request.weights not in ("default", None):
            return f"from {str(self.request.weights).replace(chr(92), '/').rsplit('/', 1)[-1]}"
        if self.weights == "trained":
            return "trained (ImageNet)"
        if self.weights == "bundled":
            return self.entry.weights_status
        return "as saved in the file"


@dataclass(frozen=True)
class InferenceResult:
    """Everything one image does to one model.

    Args:
        request_id: id of the :class:`RunImage` that asked (cached results are re-tagged).
        model_name: the model that ran.
        image: the image that was fed.
        prepared: the ``core.preprocess.PreparedInput`` (``fed_pixels``, ``steps``).
        activations: layer path -> output array, batch dimension dropped, read-only.
        predictions: every class, best first (``core.predict.Prediction``).
        seconds: time the forward pass took (0 for a cached result).
        complete: ``activations`` holds every layer; False when the model's activations
            exceed the budget and only the outputs and the layers around the focus are held
            (``CaptureLayers`` asks for others).
        all_bytes: bytes of every layer's output for this image (0 when not counted).
        budget: the activation budget it ran under, in bytes (0 when not counted).
        outputs: the keys of the model's own outputs (always captured).
    """

    request_id: int
    model_name: str
    image: ImageEntry
    prepared: Any
    activations: Mapping[str, np.ndarray]
    predictions: tuple[Any, ...]
    seconds: float
    complete: bool = True
    all_bytes: int = 0
    budget: int = 0
    outputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class KernelsResult:
    """One layer's weights.

    Args:
        model_name: the model they belong to.
        path: the layer's path.
        kernels: the ``core.graph.kernels.KernelSet``.
        histogram: ``(counts, bin_edges)`` of every weight of the layer.
    """

    model_name: str
    path: str
    kernels: Any
    histogram: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Progress:
    """How far a long job (a weights download) has got.

    Args:
        message: what is happening, e.g. ``"Downloading resnet50_weights.h5"``.
        done: bytes (or steps) done.
        total: bytes (or steps) in all, ``None`` when unknown.
        rate: bytes per second, 0 when unknown.
        unit: ``"bytes"``, or ``"steps"`` for work counted in steps (a report's pictures).
    """

    message: str
    done: int = 0
    total: int | None = None
    rate: float = 0.0
    unit: str = "bytes"

    @property
    def eta(self) -> float | None:
        """Seconds left, or ``None`` when it cannot be told."""
        if not self.total or self.rate <= 0:
            return None
        return max(self.total - self.done, 0) / self.rate


@dataclass(frozen=True)
class ErrorReport:
    """A failed request, as data the window can show.

    Args:
        request: the request that failed.
        message: one line for the status bar.
        error_type: the exception's class (``issubclass`` tells user errors from bugs).
        details: the traceback for bugs, ``None`` for user errors.
        error: the exception itself (``ExplorerError`` fields: ``what``, ``fix``).
    """

    request: Any
    message: str
    error_type: type
    details: str | None
    error: BaseException

    @property
    def user_error(self) -> bool:
        """True for an ``ExplorerError`` (no traceback is shown)."""
        return issubclass(self.error_type, ExplorerError)

    @classmethod
    def from_exception(cls, request: Any, error: BaseException) -> "ErrorReport":
        """Describe ``error`` raised while handling ``request``."""
        if isinstance(error, ExplorerError):
            return cls(request, error.one_line(), type(error), None, error)
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        message = f"Unexpected error: {type(error).__name__}: {error}"
        return cls(request, message, type(error), details, error)


@dataclass(frozen=True)
class ExplanationResult:
    """An explanation map and what it explains.

    Args:
        request_id: id of the :class:`Explain` request (cached results are re-tagged).
        model_name: the model that was explained.
        image_key: the image's key.
        request: the :class:`Explain` request.
        explanation: the ``core.explain.methods.Explanation`` (``heatmap`` at the fed size).
        prepared: the ``PreparedInput`` (fed pixels and where they came from).
        cached: served from the worker's cache.
    """

    request_id: int
    model_name: str
    image_key: str
    request: Explain
    explanation: Any
    prepared: Any
    cached: bool = False


@dataclass(frozen=True)
class UnitResult:
    """What one unit sees and how it was computed.

    Args:
        request_id: id of the :class:`InspectUnit` request.
        model_name: the model.
        image_key: the image's key.
        request: the request.
        box: ``core.graph.receptive.UnitBox`` in pixels of the fed tensor, or None (no
            spatial output, or a path it cannot be told through).
        box_note: why there is no box, or "".
        arithmetic: ``core.explain.unit.UnitArithmetic``, or None.
        arithmetic_note: why there is none, or "".
        effective: ``(H, W)`` 0..1 effective receptive field, or None.
        card: what the layer type does, with this layer's numbers.
        prepared: the ``PreparedInput`` (fed pixels, source and content boxes).
    """

    request_id: int
    model_name: str
    image_key: str
    request: InspectUnit
    box: Any
    box_note: str
    arithmetic: Any
    arithmetic_note: str
    effective: np.ndarray | None
    card: str
    prepared: Any


@dataclass(frozen=True)
class DiagramResult:
    """A model's diagram and one layout of it.

    Args:
        request_id: id of the :class:`GetDiagram` request.
        model_name: the model.
        diagram: the ``core.diagram.model.Diagram`` (nodes, edges, groups).
        layout: the ``core.diagram.layout.DiagramLayout`` (boxes, polylines, frames).
        cached: the layout was made before for these open groups.
    """

    request_id: int
    model_name: str
    diagram: Any
    layout: Any
    cached: bool = False


@dataclass(frozen=True)
class VisualizationResult:
    """A finished feature visualisation.

    Args:
        request_id: id of the :class:`Visualize` request.
        model_name: the model.
        request: the :class:`Visualize` request.
        image: ``(size, size, C)`` uint8, read-only (C = 1 for grey models).
        curve: the objective after each step, read-only float32.
        seconds: how long the optimisation took (when it ran; the cached run's time).
        score_kind: ``"activation"``, ``"logit"`` or ``"probability"``.
        cached: read from the disk cache.
    """

    request_id: int
    model_name: str
    request: Visualize
    image: np.ndarray
    curve: np.ndarray
    seconds: float
    score_kind: str
    cached: bool = False
