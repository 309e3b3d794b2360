"""The explanation methods by name, the default layer, and :func:`explain`, the one entry.

Every map comes back as a non-negative ``float32`` array of the fed tensor's height × width
with maximum 1 (CAMs: ReLU, bilinear upsampling, divided by the maximum; gradient methods and
occlusion: the per-pixel magnitude or score drop, divided by the maximum).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
from PIL import Image, ImageFilter

from explorer.core.errors import ExplorerError
from explorer.core.explain import cams, gradients, occlusion
from explorer.core.explain.layers import default_layer, spatial_layers
from explorer.core.explain.maps import channel_magnitude, normalised, upsample
from explorer.core.explain.records import METHOD_TITLES, Explanation  # noqa: F401
from explorer.core.explain.scores import ScoreFunction
from explorer.core.graph.model_graph import ModelGraph
from explorer.core.pixels.preprocess import InputSpec, PreparedInput, pixels_to_tensor
from explorer.core.text import format_shape


@dataclass(frozen=True)
class Method:
    """One explanation method.

    Attributes:
        name: what the CLI takes (``gradcam``).
        title: what the window shows (``Grad-CAM``).
        run: ``run(fn, x, cls, layer=…, …) -> (score, raw map)``.
        at_layer: it needs a layer with spatial output.
        slow: it runs the model many times (progress and cancel).
        relu: its raw map is signed and is passed through a ReLU (CAMs, occlusion); else the
            magnitude is taken.
    """

    name: str
    title: str
    run: Callable
    at_layer: bool
    slow: bool
    relu: bool


METHODS = {m.name: m for m in (
    Method(name, METHOD_TITLES[name], run, at_layer, slow, relu)
    for name, run, at_layer, slow, relu in (
        ("gradcam", cams.gradcam, True, False, True),
        ("gradcam++", cams.gradcam_plus_plus, True, False, True),
        ("scorecam", cams.scorecam, True, True, True),
        ("layercam", cams.layercam, True, False, True),
        ("saliency", gradients.saliency, False, False, False),
        ("smoothgrad", gradients.smoothgrad, False, True, False),
        ("integrated-gradients", gradients.integrated_gradients, False, True, False),
        ("guided-backprop", gradients.guided_backprop, False, False, False),
        ("occlusion", occlusion.occlusion, False, True, True),
    ))}


NEEDS_BASELINE = ("scorecam", "integrated-gradients", "occlusion")
"""Methods that compare with a reference input (black, grey or blurred)."""


def baselines(prepared: PreparedInput, spec: InputSpec) -> dict[str, np.ndarray]:
    """Reference inputs, through the model's preprocessing: black, mid-grey, and the image
    blurred (Gaussian, radius 1/16 of its longer side)."""
    pixels = np.asarray(prepared.fed_pixels)
    grey_level = np.full_like(pixels, 128)
    image = Image.fromarray(pixels[..., 0] if pixels.shape[-1] == 1 else pixels)
    blurred = np.asarray(image.filter(ImageFilter.GaussianBlur(max(pixels.shape[:2]) / 16)))
    blurred = blurred.reshape(pixels.shape)
    return {"black": pixels_to_tensor(np.zeros_like(pixels), spec),
            "grey": pixels_to_tensor(grey_level, spec),
            "blurred": pixels_to_tensor(blurred, spec)}


def explain(graph: ModelGraph, spec: InputSpec, prepared: PreparedInput, method: str, *,
            class_index: int | None = None, layer: str | None = None,
            class_names=None, output: int = 0, baseline: str = "black",
            score_function: ScoreFunction | None = None, progress=None, cancel=None,
            **options) -> Explanation:
    """Explain one class of one image.

    Args:
        graph: the model's graph.
        spec: how the image was fed (for baselines and the map's shape).
        prepared: the fed image (``predict.prepare``).
        method: a key of :data:`METHODS`.
        class_index: the class to explain; None explains the top-1.
        layer: for CAMs, the layer (a path or a unique name); None takes
            :func:`default_layer`.
        class_names: names of the classes (labels "class N" when None).
        output: which model output holds the class scores.
        baseline: Integrated Gradients' baseline, ``black`` or ``blurred``.
        score_function: a :class:`ScoreFunction` to reuse (its traces are kept), else one is
            made.
        progress: ``progress(done, total)`` for the slow methods.
        cancel: polled between batches; True stops with ``Cancelled``.
        options: passed to the method (``samples``, ``steps``, ``patch``, ``stride``…).

    Raises:
        ExplorerError: unknown method, a layer without spatial output, a class out of range,
            guided backpropagation on a model without ReLUs.
    """
    if method not in METHODS:
        raise ExplorerError(f"Unknown explanation method {method!r}",
                            "Pick one of the listed methods", expected=" | ".join(METHODS),
                            received=repr(method))
    spec_method = METHODS[method]
    fn = score_function or ScoreFunction(graph, output)
    x = np.asarray(prepared.tensor, np.float32)
    start = time.perf_counter()
    classes = int(np.prod([d for d in graph.outputs[output].shape[1:] if d]))
    if class_index is None:
        class_index = int(np.argmax(fn.scores(x)[0]))
    if not 0 <= class_index < classes:
        raise ExplorerError(f"The model has {classes} classes; there is no class "
                            f"{class_index}", f"Pick a class from 0 to {classes - 1}",
                            received=str(class_index))
    path = None
    if spec_method.at_layer:
        path = _spatial_layer(graph, layer)
    if method == "integrated-gradients" and baseline not in ("black", "blurred"):
        raise ExplorerError(f"Unknown baseline {baseline!r}", expected="black | blurred",
                            received=repr(baseline))
    refs = baselines(prepared, spec) if method in NEEDS_BASELINE else {}
    score, raw = spec_method.run(fn, x, class_index, layer=path,
                                 baseline=refs.get("black" if method == "scorecam" else baseline),
                                 grey=refs["grey"][0] if refs else None,
                                 progress=progress, cancel=cancel, **options)
    height, width = prepared.fed_pixels.shape[:2]
    if spec_method.at_layer:
        heat = upsample(normalised(raw, relu=True), height, width)
        heat = normalised(heat, relu=True)
    else:
        values = raw.reshape(prepared.fed_pixels.shape) if raw.size == prepared.fed_pixels.size \
            else raw
        values = channel_magnitude(values) if not spec_method.relu else values
        heat = normalised(values.reshape(height, width), relu=spec_method.relu)
    label = class_names[class_index] if class_names is not None else f"class {class_index}"
    return Explanation(method, class_index, label, score, fn.score_kind, path, heat,
                       np.asarray(raw, np.float32), time.perf_counter() - start,
                       baseline if method == "integrated-gradients" else "")


def _spatial_layer(graph: ModelGraph, layer: str | None) -> str:
    spatial = spatial_layers(graph.table)
    if layer is None:
        chosen = default_layer(graph.table)
        if chosen is None:
            raise ExplorerError("This model has no layer with spatial output to map",
                                "Use a gradient method (saliency, SmoothGrad) or occlusion")
        return chosen
    path = graph.find(layer).path
    if path not in spatial:
        row = next(r for r in graph.table if r.path == path)
        raise ExplorerError(f"The layer '{path}' has no spatial output (its output is "
                            f"{format_shape(row.output_shape)})",
                            "Pick a convolution or pooling layer with a height and width",
                            expected="an output of height × width × channels")
    return path
