"""Gradient ascent on an input: what a channel, a unit or a class "looks for".

The image is a decorrelated Fourier spectrum (:mod:`~explorer.core.featvis.fourier`); each step
draws a random transformation (pad, jitter, scale, rotation, jitter again — Lucid's
"transformation robustness", so the image must work wherever it lands), resizes to the model's
input, applies the model's **own** preprocessing (invert, zero-pad, caffe/tf/torch/rescale, the
layout) to the 0..255 image inside the graph, and takes an Adam step up the objective:

* ``channel``: the mean of one channel of a layer's output (a vector layer: one unit);
* ``unit``: one position ``(row, col)`` of a channel;
* ``class``: the class's logit when the model exposes one (the softmax is left out, as
  :class:`~explorer.core.explain.scores.ScoreFunction` does), else its probability.

One ``tf.function`` is traced per (model, layer or class output, size); the channel, unit and
class are its arguments, so the channels of one layer share the trace. Randomness comes from one
``tf.random.Generator`` seeded by ``seed``: a fixed seed gives the same image.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.featvis import fourier
from explorer.core.pixels.preprocess import CAFFE_MEAN_BGR, TORCH_MEAN_RGB, TORCH_STD_RGB, InputSpec

DEFAULT_STEPS = 256
DEFAULT_FREE_SIZE = 128
MAX_SIZE = 512
LEARNING_RATE = 0.05
SCALES = (0.95, 0.975, 1.0, 1.025, 1.05)
ANGLES = tuple(range(-5, 6))
"""Degrees; the random rotation is one of these."""


@dataclass(frozen=True)
class Objective:
    """What is maximised.

    Attributes:
        kind: ``"channel"``, ``"unit"`` or ``"class"``.
        layer: the layer path (None for a class).
        index: the channel, or the class.
        row, col: the unit's position (``kind == "unit"``).
    """

    kind: str
    layer: str | None
    index: int
    row: int = 0
    col: int = 0

    def describe(self) -> str:
        """``"channel 3 of conv1"``, ``"unit (2, 5) of channel 3 of conv1"``, ``"class 7"``."""
        if self.kind == "class":
            return f"class {self.index}"
        if self.kind == "unit":
            return f"unit ({self.row}, {self.col}) of channel {self.index} of {self.layer}"
        return f"channel {self.index} of {self.layer}"


@dataclass(frozen=True)
class Visualization:
    """One finished visualisation.

    Attributes:
        image: ``(size, size, C)`` uint8 (C = 3, or 1 for grey models), read-only.
        curve: the objective after each step (float32, read-only).
        seconds: how long the optimisation took.
        objective: what was maximised.
        score_kind: ``"activation"``, ``"logit"`` or ``"probability"``.
        steps, size, seed: the settings.
    """

    image: np.ndarray
    curve: np.ndarray
    seconds: float
    objective: Objective
    score_kind: str
    steps: int
    size: int
    seed: int


def default_size(spec: InputSpec) -> int:
    """The model's own input side when it is fixed (at most ``MAX_SIZE``), else 128."""
    if spec.height and spec.width:
        return int(min(max(spec.height, spec.width), MAX_SIZE))
    return DEFAULT_FREE_SIZE


def make_objective(graph, layer: str | None = None, channel: int | None = None,
                   class_index: int | None = None, unit: tuple[int, int] | None = None,
                   class_count: int | None = None) -> Objective:
    """Check a request against the model and name its objective.

    Raises:
        ExplorerError: neither or both of a channel and a class, a channel or class the model
            does not have, a unit outside the layer, or a layer without channels.
    """
    if (channel is None) == (class_index is None):
        raise ExplorerError("Give either a layer's channel or a class to visualise",
                            "Pass --layer NAME --channel C, or --class N")
    if class_index is not None:
        if class_count is not None and not 0 <= class_index < class_count:
            raise ExplorerError(f"The model has no class {class_index}",
                                f"Pick a class from 0 to {class_count - 1}",
                                received=str(class_index))
        return Objective("class", None, int(class_index))
    if layer is None:
        raise ExplorerError("A channel needs a layer", "Pass --layer NAME")
    step = graph.find(layer)
    shape = tuple(step.outputs[0].shape)[1:]
    if len(shape) not in (1, 3):
        raise ExplorerError(f"The layer '{step.path}' has no channels to visualise",
                            "Pick a convolution, pooling or dense layer",
                            received=f"output shape {shape}")
    count = shape[-1]
    if not 0 <= channel < count:
        raise ExplorerError(f"The layer '{step.path}' has no channel {channel}",
                            f"Pick a channel from 0 to {count - 1}", received=str(channel))
    if unit is None:
        return Objective("channel", step.path, int(channel))
    if len(shape) != 3:
        raise ExplorerError(f"The layer '{step.path}' is a vector: a unit is a channel",
                            "Leave out the position")
    row, col = unit
    if shape[0] is not None and not (0 <= row < shape[0] and 0 <= col < shape[1]):
        raise ExplorerError(f"({row}, {col}) is outside the layer '{step.path}'",
                            f"Pick a row below {shape[0]} and a column below {shape[1]}")
    return Objective("unit", step.path, int(channel), int(row), int(col))


# ---------------------------------------------------------------------- the graph's pieces
def _model_pixels(spec: InputSpec, image, tf):
    """0..255 ``(1, h, w, C)`` pixels → the tensor the model takes (invert, pad, scale,
    layout), as :func:`~explorer.core.pixels.preprocess.prepare_input` does to a photo."""
    prep = spec.preprocessing
    x = image
    if prep.invert is True:
        x = 255.0 - x
    if prep.pad_to is not None:
        h, w = int(x.shape[1]), int(x.shape[2])
        top, left = (prep.pad_to[0] - h) // 2, (prep.pad_to[1] - w) // 2
        x = tf.pad(x, [[0, 0], [top, prep.pad_to[0] - h - top],
                       [left, prep.pad_to[1] - w - left], [0, 0]])
    if prep.mode == "tf":
        x = x / 127.5 - 1.0
    elif prep.mode == "torch":
        x = (x / 255.0 - tf.constant(TORCH_MEAN_RGB)) / tf.constant(TORCH_STD_RGB)
    elif prep.mode == "caffe":
        x = x[..., ::-1] - tf.constant(CAFFE_MEAN_BGR)
    elif prep.mode == "rescale":
        x = x * float(prep.scale) + float(prep.offset)
    if spec.layout == "grey2d":
        x = x[..., 0]
    elif spec.layout == "flat":
        x = tf.reshape(x, (1, -1))
    return x


def _side(value: int, size: int, base: int = 224) -> int:
    """A transformation's pixel amount, scaled from Lucid's 224-pixel figures to ``size``."""
    return max(1, int(round(value * size / base)))


def _transform(image, size: int, gen, tf):
    """Pad with grey, jitter, random scale and rotation (one bilinear warp), jitter again."""
    pad, jitter1, jitter2 = _side(12, size), _side(8, size), _side(4, size)
    x = tf.pad(image[None], [[0, 0], [pad, pad], [pad, pad], [0, 0]], constant_values=0.5)
    side = size + 2 * pad

    def jitter(t, amount, side):
        offset = gen.uniform([2], 0, amount + 1, dtype=tf.int32)
        return tf.slice(t, [0, offset[0], offset[1], 0], [1, side - amount, side - amount,
                                                           int(t.shape[-1])]), side - amount

    x, side = jitter(x, jitter1, side)
    scale = tf.gather(tf.constant(SCALES, tf.float32),
                      gen.uniform([], 0, len(SCALES), dtype=tf.int32))
    angle = tf.gather(tf.constant(ANGLES, tf.float32),
                      gen.uniform([], 0, len(ANGLES), dtype=tf.int32)) * (math.pi / 180.0)
    c = (side - 1) / 2.0
    a0, a1 = tf.cos(angle) / scale, tf.sin(angle) / scale
    b0, b1 = -a1, a0
    matrix = tf.stack([a0, a1, c - a0 * c - a1 * c, b0, b1, c - b0 * c - b1 * c, 0.0, 0.0])
    x = tf.raw_ops.ImageProjectiveTransformV3(
        images=x, transforms=matrix[None], output_shape=tf.constant([side, side]),
        fill_value=0.5, interpolation="BILINEAR", fill_mode="REFLECT")
    x.set_shape([1, side, side, image.shape[-1]])
    x, side = jitter(x, jitter2, side)
    return x


class _Ascent:
    """The traced step for one (model, target, size): variables reset per visualisation."""

    def __init__(self, graph, spec: InputSpec, score_function, layer: str | None, size: int):
        import tensorflow as tf

        self.tf = tf
        self.size = size
        channels = spec.channels
        self.params = tf.Variable(tf.zeros((2, channels, size, size // 2 + 1)))
        self.m = tf.Variable(tf.zeros_like(self.params))
        self.v = tf.Variable(tf.zeros_like(self.params))
        self.t = tf.Variable(0.0)
        self.gen = tf.random.Generator.from_seed(0)
        model_hw = (spec.height or size, spec.width or size)
        taps = () if layer is None else (layer,)

        def objective_of(pixels01, kind, index, row, col):
            pixels = tf.image.resize(pixels01, model_hw, method="bilinear") * 255.0
            scores, tapped = score_function.forward(_model_pixels(spec, pixels, tf), taps)
            if layer is None:
                return scores[0, index]
            out = tapped[0]
            if len(out.shape) == 2:
                return out[0, index]
            plane = out[0, :, :, index]
            return tf.cond(kind == 1, lambda: plane[row, col], lambda: tf.reduce_mean(plane))

        @tf.function(input_signature=[tf.TensorSpec([], tf.int32)] * 4)
        def step(kind, index, row, col):
            with tf.GradientTape() as tape:
                image = fourier.spectrum_to_image(self.params, size, size)
                value = objective_of(_transform(image, size, self.gen, tf), kind, index,
                                     row, col)
            grad = -tape.gradient(value, self.params)  # ascent
            self.t.assign_add(1.0)
            self.m.assign(0.9 * self.m + 0.1 * grad)
            self.v.assign(0.999 * self.v + 0.001 * grad * grad)
            m_hat = self.m / (1.0 - 0.9 ** self.t)
            v_hat = self.v / (1.0 - 0.999 ** self.t)
            self.params.assign_sub(LEARNING_RATE * m_hat / (tf.sqrt(v_hat) + 1e-8))
            return value

        self.step = step

    def reset(self, seed: int) -> None:
        channels = int(self.params.shape[1])
        self.params.assign(fourier.initial_spectrum(channels, self.size, self.size, seed))
        self.m.assign(self.tf.zeros_like(self.m))
        self.v.assign(self.tf.zeros_like(self.v))
        self.t.assign(0.0)
        self.gen.reset_from_seed(seed)

    def image(self) -> np.ndarray:
        pixels = fourier.spectrum_to_image(self.params, self.size, self.size).numpy()
        return np.clip(np.round(pixels * 255.0), 0, 255).astype(np.uint8)


_ASCENTS: dict = {}
MAX_TRACES = 8


def _ascent_for(graph, spec, score_function, layer, size) -> _Ascent:
    key = (id(graph), id(score_function), spec, layer, size)
    ascent = _ASCENTS.get(key)
    if ascent is None:
        ascent = _ASCENTS[key] = _Ascent(graph, spec, score_function, layer, size)
        while len(_ASCENTS) > MAX_TRACES:
            del _ASCENTS[next(iter(_ASCENTS))]
    return ascent


def visualize(graph, spec: InputSpec, objective: Objective, *, steps: int = DEFAULT_STEPS,
              size: int | None = None, seed: int = 0, score_function=None,
              progress: Callable[[int, int, float], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> Visualization:
    """Optimise an image that maximises ``objective``.

    Args:
        graph: the model's :class:`~explorer.core.graph.model_graph.ModelGraph`.
        spec: the model's input spec (its preprocessing is applied inside the graph).
        objective: from :func:`make_objective`.
        steps: Adam steps (at least 1).
        size: the optimised image's side (None: :func:`default_size`); the image is resized
            to the model's input inside the graph when the model's size is fixed.
        seed: the starting spectrum and the random transformations.
        score_function: a :class:`~explorer.core.explain.scores.ScoreFunction` of ``graph``
            to reuse (its traces are kept); None makes one.
        progress: called after each step with ``(done, total, objective value)``.
        cancel: polled every step; True stops with :class:`Cancelled`.

    Raises:
        ExplorerError: bad steps or size; ``Cancelled`` when cancelled.
    """
    from explorer.core.explain.scores import ScoreFunction

    size = default_size(spec) if size is None else int(size)
    if not 8 <= size <= MAX_SIZE:
        raise ExplorerError(f"The image size must be 8 to {MAX_SIZE} pixels",
                            received=str(size))
    if steps < 1:
        raise ExplorerError("Visualising needs at least one step", received=str(steps))
    if score_function is None:
        score_function = ScoreFunction(graph)
    started = time.perf_counter()
    ascent = _ascent_for(graph, spec, score_function, objective.layer, size)
    ascent.reset(seed)
    tf = ascent.tf
    kind = tf.constant({"channel": 0, "unit": 1, "class": 2}[objective.kind], tf.int32)
    args = [tf.constant(v, tf.int32) for v in (objective.index, objective.row, objective.col)]
    curve = np.zeros(steps, np.float32)
    for i in range(steps):
        if cancel is not None and cancel():
            raise Cancelled()
        curve[i] = float(ascent.step(kind, *args))
        if progress is not None:
            progress(i + 1, steps, float(curve[i]))
    image = ascent.image()
    image.setflags(write=False)
    curve.setflags(write=False)
    score_kind = score_function.score_kind if objective.kind == "class" else "activation"
    return Visualization(image, curve, time.perf_counter() - started, objective, score_kind,
                         steps, size, seed)
