"""What the window is showing, as plain Python (glue's viewer state): no Qt, tested headless.

:class:`WindowState` holds the loaded images and the current one, the model the window shows
and the one the worker holds, the latest inference result, the selected layer, fetched kernels,
and the id of the newest request of each kind. :meth:`WindowState.accepts` is the one place a
result that a newer request has superseded is recognised and dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explorer.worker.compare_messages import (
    CompareModelReady,
    CompareResult,
    LoadCompareModel,
    RunCompare,
)
from explorer.worker.messages import (
    DiagramResult,
    Explain,
    ExplanationResult,
    GetDiagram,
    GetKernels,
    ImageEntry,
    InferenceResult,
    InspectUnit,
    KernelsResult,
    LoadModel,
    ModelReady,
    RunImage,
    UnitResult,
    VisualizationResult,
    Visualize,
)

KEEP_KINDS = 512
#: result type -> the request type whose newest id it must answer (other results always count)
ANSWERS = {ModelReady: LoadModel, InferenceResult: RunImage, KernelsResult: GetKernels,
           ExplanationResult: Explain, UnitResult: InspectUnit, DiagramResult: GetDiagram,
           VisualizationResult: Visualize, CompareResult: RunCompare,
           CompareModelReady: LoadCompareModel}


@dataclass
class WindowState:
    """The window's state.

    Attributes:
        images: loaded images by key, in the order they arrived.
        image_key: the current image's key, or None.
        model: the model shown (``ModelReady``), or None before the first load.
        worker_model: the model the worker holds now (may differ from ``model`` while a newer
            load is on its way, or after a superseded load succeeded and the latest failed).
        result: the inference result on screen, or None.
        layer: the selected layer's path, or None.
        infos: the shown model's layer rows by path, in model order.
        kernels: fetched kernel results of the shown model, by path.
    """

    images: dict[str, ImageEntry] = field(default_factory=dict)
    image_key: str | None = None
    model: ModelReady | None = None
    worker_model: ModelReady | None = None
    result: InferenceResult | None = None
    layer: str | None = None
    infos: dict[str, Any] = field(default_factory=dict)
    kernels: dict[str, KernelsResult] = field(default_factory=dict)
    latest: dict[type, int] = field(default_factory=dict)
    kinds: dict[int, type] = field(default_factory=dict)

    # ------------------------------------------------------------------ requests
    def sent(self, request: Any, request_id: int) -> None:
        """Remember ``request_id`` as the newest request of its type."""
        self.latest[type(request)] = request_id
        self.kinds[request_id] = type(request)
        while len(self.kinds) > KEEP_KINDS:
            del self.kinds[next(iter(self.kinds))]

    def kind_of(self, request_id: int) -> type | None:
        """The type of a request sent lately (the last few hundred), or None."""
        return self.kinds.get(request_id)

    def is_latest(self, request_type: type, request_id: int) -> bool:
        """True when ``request_id`` is the newest request of ``request_type`` sent."""
        return self.latest.get(request_type) == request_id

    def accepts(self, request_id: int, value: Any) -> bool:
        """Whether a result should be shown: it answers the newest request of its kind and,
        for results about a model, the model on screen."""
        if isinstance(value, ModelReady):
            self.worker_model = value  # the worker holds it, shown or not
        asked = ANSWERS.get(type(value))
        if asked is not None and asked is not GetKernels and not self.is_latest(asked, request_id):
            return False
        model_name = getattr(value, "model_name", None)
        if model_name is not None and (self.model is None or model_name != self.model.name):
            return False
        return True

    # ------------------------------------------------------------------ content
    @property
    def image(self) -> ImageEntry | None:
        """The current image entry, or None."""
        return self.images.get(self.image_key)

    def add_images(self, entries) -> None:
        """Add loaded images (a second load of the same file keeps one entry)."""
        for entry in entries:
            self.images[entry.key] = entry

    def show_model(self, ready: ModelReady) -> None:
        """Make ``ready`` the shown model; its result and kernels start empty."""
        self.model, self.result, self.kernels = ready, None, {}
        self.infos = {info.path: info for info in ready.table}
        if self.layer not in self.infos:
            self.layer = None

    def default_layer(self) -> str | None:
        """The layer to select when a model appears: its first convolution, else its second
        row (the first after the input)."""
        if self.model is None or not self.model.table:
            return None
        table = self.model.table
        first = next((i.path for i in table if i.kind == "conv"), None)
        return first or table[min(1, len(table) - 1)].path

    def stepped_layer(self, step: int) -> str | None:
        """The layer ``step`` rows after (negative: before) the selected one, clamped."""
        if not self.infos:
            return None
        paths = list(self.infos)
        index = paths.index(self.layer) if self.layer in paths else 0
        return paths[max(0, min(len(paths) - 1, index + step))]

    def activation(self, path: str):
        """The shown result's output of layer ``path``, or None."""
        return None if self.result is None else self.result.activations.get(path)
