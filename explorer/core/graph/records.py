"""The graph's plain records: what crosses from the engine to the window about a model's layers.

Nothing here imports TensorFlow or Keras, so the window can unpickle these (the engine's
modules that compute them re-export them: ``layer_table.LayerInfo``, ``kernels.KernelSet``,
``receptive.Reach`` and ``receptive.UnitBox``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LayerInfo:
    """One row of the layer table.

    Shapes drop the batch axis; a layer with several inputs or outputs gets a list of shapes.
    Window fields are None for layers without a sliding window. ``receptive_field`` and
    ``jump`` are per spatial axis in input pixels (``jump`` is None once the spatial axes are
    gone). ``macs`` and ``activation_bytes`` are per example and None when a size is unknown.

    Attributes:
        index: row number, 0 for the first input layer.
        name: the layer's own Keras name (``unit3.conv2``, ``conv1``).
        path: unique path through nested models (``unit3/conv2``, ``mobilenet_1.00_224/conv1``).
        group: ``path`` without its last segment ("" at the top level).
        type: class name (``Conv2D``).
        input_shape: batchless input shape, or a list of them.
        output_shape: batchless output shape, or a list of them.
        params_trainable: trainable weights (0 for repeat calls of a shared layer).
        params_non_trainable: non-trainable weights (moving statistics, frozen layers).
        kernel_size: window size per spatial axis.
        strides: stride per spatial axis.
        padding: ``"valid"``, ``"same"`` or ``"causal"``.
        dilation: dilation per spatial axis.
        activation: the non-linearity applied (``"relu"``, ``"relu6"``, ``"linear"``) or None.
        receptive_field: input pixels one output position sees, per spatial axis.
        jump: input pixels between neighbouring output positions, per spatial axis.
        macs: multiply-accumulates for one example.
        activation_bytes: bytes of the output for one example as float32.
        arithmetic: how the output size follows from the input size.
        kind: ``"conv"``, ``"pool"``, ``"dense"``, ``"norm"``, ``"activation"`` or ``"other"``.
    """

    index: int
    name: str
    path: str
    group: str
    type: str
    input_shape: tuple | list
    output_shape: tuple | list
    params_trainable: int
    params_non_trainable: int
    kernel_size: tuple | None
    strides: tuple | None
    padding: str | None
    dilation: tuple | None
    activation: str | None
    receptive_field: tuple | None
    jump: tuple | None
    macs: int | None
    activation_bytes: int | None
    arithmetic: str
    kind: str

    @property
    def params(self) -> int:
        """All weights of the layer, trainable or not."""
        return self.params_trainable + self.params_non_trainable


@dataclass(frozen=True)
class KernelSet:
    """The learned filters of one convolution, in two layouts.

    ``keras`` is ``(kh, kw, in, out)``; ``book`` is the textbook ``(out, in, kh, kw)``, so
    ``book[o, i, y, x] == keras[y, x, i, o]``. Conv1D kernels get ``kh = 1``. A depthwise
    filter sees one input channel, so depthwise kernels have ``in = 1`` and
    ``out = channels·depth_multiplier`` (output ``c·multiplier + m`` filters input ``c``).
    Transposed convolutions are reported with ``in`` = their input channels as well.
    Both arrays are read-only float32.

    Attributes:
        path: the layer's path.
        kind: ``"conv"``, ``"depthwise"``, ``"separable_depthwise"``,
            ``"separable_pointwise"`` or ``"transpose"``.
        keras: ``(kh, kw, in, out)`` weights.
        book: ``(out, in, kh, kw)`` weights.
        bias: ``(out,)`` bias or None (separable layers add theirs after the pointwise part).
    """

    path: str
    kind: str
    keras: np.ndarray
    book: np.ndarray
    bias: np.ndarray | None

    @property
    def count(self) -> int:
        """Number of output filters."""
        return self.keras.shape[3]


@dataclass(frozen=True)
class Reach:
    """How the positions of one tensor map to input pixels (one entry per spatial axis)."""

    lo: tuple[int, ...]
    hi: tuple[int, ...]
    jump: tuple[int, ...]
    global_context: bool = False


@dataclass(frozen=True)
class UnitBox:
    """The input pixels one unit sees.

    Attributes:
        box: ``(top, left, bottom, right)``, inclusive, clipped to the input.
        full: the same before clipping (negative or past the edge where it covers padding).
        size: ``(height, width)`` of ``full`` — the receptive field.
        padding: True when part of ``full`` lies outside the image (on padding).
        global_context: the unit also depends on the whole image (a global-pooling branch).
    """

    box: tuple[int, int, int, int]
    full: tuple[int, int, int, int]
    size: tuple[int, int]
    padding: bool
    global_context: bool
