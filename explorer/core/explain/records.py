"""The explanations' plain records: what crosses from the engine to the window.

Nothing here imports TensorFlow, so the window can unpickle these; ``methods.Explanation``,
``unit.Term`` and ``unit.UnitArithmetic`` are re-exported where they are computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

METHOD_TITLES = {
    "gradcam": "Grad-CAM",
    "gradcam++": "Grad-CAM++",
    "scorecam": "Score-CAM",
    "layercam": "Layer-CAM",
    "saliency": "Saliency",
    "smoothgrad": "SmoothGrad",
    "integrated-gradients": "Integrated Gradients",
    "guided-backprop": "Guided backpropagation",
    "occlusion": "Occlusion",
}
"""Each explanation method's name and the title the window shows."""


@dataclass(frozen=True)
class Term:
    """One part of a unit's sum: ``name`` (``"bias"``, ``"channel 3"``…) and its value."""

    name: str
    value: float


@dataclass(frozen=True)
class UnitArithmetic:
    """A unit's value, rebuilt.

    Attributes:
        layer, channel, at: which unit (``at`` = (row, col), or None for a vector).
        kind: ``conv``, ``depthwise``, ``separable``, ``max pool``, ``average pool``…
        terms: the parts that add up to ``pre_activation`` (or that the rule picks from).
        pre_activation: the value before the layer's activation (equal to ``value`` if none).
        activation: the activation's name, or "".
        value: the recomputed value; ``shown`` is the value in the layer's output.
        lines: the computation in words and numbers, one step a line.
    """

    layer: str
    channel: int
    at: tuple[int, int] | None
    kind: str
    terms: tuple[Term, ...]
    pre_activation: float
    activation: str
    value: float
    shown: float
    lines: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Explanation:
    """One map: which class, which method, at which layer, and the map itself.

    Attributes:
        method: the method's name.
        class_index: the class explained.
        label: its name.
        score: its score (see ``score_kind``).
        score_kind: ``"logit"`` (before the softmax) or ``"probability"``.
        layer: the layer of a CAM, None for the others.
        heatmap: ``(H, W)`` float32, 0..1, at the fed tensor's size.
        raw: the method's map before upsampling and normalising.
        seconds: how long it took.
        baseline: Integrated Gradients' baseline (``black`` or ``blurred``), else "".
    """

    method: str
    class_index: int
    label: str
    score: float
    score_kind: str
    layer: str | None
    heatmap: np.ndarray
    raw: np.ndarray
    seconds: float
    baseline: str = ""

    @property
    def title(self) -> str:
        """``"Grad-CAM of 'palace' at conv5_block3_out"``."""
        where = f" at {self.layer}" if self.layer else ""
        return f"{METHOD_TITLES.get(self.method, self.method)} of '{self.label}'{where}"
