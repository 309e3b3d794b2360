"""What a model is made of: the layer table, one-pass activations and the learned kernels.

Everything returned here is plain Python and numpy, ready to cross to the GUI thread:

- :func:`layer_table` lists every layer, flattened through nested models, with shapes, weight
  counts, window parameters, receptive field, multiply-accumulates, memory and the arithmetic
  that turns the input size into the output size.
- :class:`ActivationProbe` (defined in :mod:`explorer.core.probe`) runs the model once and
  returns every layer's output.
- :func:`kernels` returns a convolution's weights in the Keras layout and the textbook layout.
"""

from __future__ import annotations

from dataclasses import dataclass

import keras
import numpy as np
from keras.src.layers.convolutional.base_conv_transpose import BaseConvTranspose
from keras.src.layers.convolutional.base_depthwise_conv import BaseDepthwiseConv
from keras.src.layers.convolutional.base_separable_conv import BaseSeparableConv

from explorer.core import layer_math as lm
from explorer.core.errors import ModelError
from explorer.core.graph_walk import find_step, model_inputs, symbolic_call, walk
from explorer.core.probe import ActivationProbe

__all__ = ["LayerInfo", "layer_table", "ActivationProbe", "KernelSet", "kernels"]


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


def _batchless(value) -> tuple:
    return tuple(None if d is None else int(d) for d in value.shape[1:])


def _one_or_list(shapes: list[tuple]):
    return shapes[0] if len(shapes) == 1 else list(shapes)


def layer_table(model) -> list[LayerInfo]:
    """Every layer of ``model``, flattened through nested models, input layers first.

    Args:
        model: a functional or built ``Sequential`` keras model (nested models allowed).

    Returns:
        One :class:`LayerInfo` per layer call, in execution order.

    Raises:
        ModelError: the model is subclassed or an unbuilt ``Sequential``.
    """
    specs = [keras.KerasTensor(x.shape, dtype=x.dtype) for x in model_inputs(model)]
    steps, _ = walk(model, specs, symbolic_call)
    fields: list[lm.Field] = []
    rows: list[LayerInfo] = []
    for index, step in enumerate(steps):
        op = step.op
        out_shapes = [_batchless(v) for v in step.outputs]
        in_shapes = [_batchless(v) for v in step.inputs]
        if step.is_input:
            field = lm.input_field(out_shapes[0])
        else:
            parent_fields = [None if p is None else fields[p] for p in step.parents]
            field = lm.propagate_field(op, parent_fields, in_shapes, out_shapes)
        fields.append(field)
        trainable, frozen = lm.param_counts(op, step.call_number)
        kernel_size, strides, padding, dilation = lm.window(op)
        rows.append(LayerInfo(
            index=index,
            name=op.name,
            path=step.path,
            group=step.path.rpartition("/")[0],
            type=type(op).__name__,
            input_shape=_one_or_list(in_shapes or out_shapes),
            output_shape=_one_or_list(out_shapes),
            params_trainable=trainable,
            params_non_trainable=frozen,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            dilation=dilation,
            activation=lm.activation_name(op),
            receptive_field=field.rf,
            jump=field.jump,
            macs=lm.count_macs(op, in_shapes, out_shapes),
            activation_bytes=lm.activation_bytes(out_shapes),
            arithmetic=lm.arithmetic(op, in_shapes, out_shapes),
            kind=lm.layer_kind(op),
        ))
    return rows


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


def _numpy(weight) -> np.ndarray:
    return np.asarray(keras.ops.convert_to_numpy(weight), dtype=np.float32)


def _readonly(array: np.ndarray) -> np.ndarray:
    array = np.ascontiguousarray(array)
    array.setflags(write=False)
    return array


def _depthwise_as_conv(kernel: np.ndarray) -> np.ndarray:
    """(kh, kw, C, M) -> (kh, kw, 1, C·M): output c·M + m filters input channel c."""
    kh, kw, c, m = kernel.shape
    return kernel.reshape(kh, kw, 1, c * m)


def _kernel_set(path: str, kind: str, kernel: np.ndarray, bias) -> KernelSet:
    bias_array = None if bias is None else _readonly(_numpy(bias))
    return KernelSet(path, kind, _readonly(kernel), _readonly(kernel.transpose(3, 2, 0, 1)),
                     bias_array)


def kernels(model, path: str, part: str = "depthwise") -> KernelSet:
    """The weights of one convolution layer.

    Args:
        model: the model holding the layer (nested models allowed).
        path: the layer's path or name (``"mobilenet_0.25_128/conv1"``, ``"conv1"``).
        part: for a ``SeparableConv``, ``"depthwise"`` (default) or ``"pointwise"``; ignored
            for other layers.

    Returns:
        A :class:`KernelSet`.

    Raises:
        ModelError: no such layer, the layer has no convolution kernel, or it is 3-D.
    """
    specs = [keras.KerasTensor(x.shape, dtype=x.dtype) for x in model_inputs(model)]
    steps, _ = walk(model, specs, symbolic_call)
    step = find_step(steps, path)
    op = step.op
    if not isinstance(op, lm.CONV_TYPES):
        raise ModelError(
            f"The layer '{step.path}' ({type(op).__name__}) has no convolution kernels",
            "Pick a Conv1D, Conv2D, DepthwiseConv2D, SeparableConv2D or Conv2DTranspose layer",
            expected="a convolution layer",
            received=type(op).__name__,
        )
    if len(op.kernel_size) > 2:
        raise ModelError(
            f"The layer '{step.path}' has 3-D kernels, which cannot be shown as images",
            "Pick a 1-D or 2-D convolution",
            expected="a Conv1D or Conv2D-style layer",
            received=type(op).__name__,
        )

    def as_2d(kernel: np.ndarray) -> np.ndarray:  # Conv1D: (k, in, out) -> (1, k, in, out)
        return kernel[np.newaxis] if kernel.ndim == 3 else kernel

    bias = getattr(op, "bias", None)
    if isinstance(op, BaseSeparableConv):
        if part not in ("depthwise", "pointwise"):
            raise ModelError(
                f"Unknown part '{part}' of the separable convolution '{step.path}'",
                expected="'depthwise' or 'pointwise'", received=repr(part))
        if part == "pointwise":
            return _kernel_set(step.path, "separable_pointwise",
                               as_2d(_numpy(op.pointwise_kernel)), bias)
        depthwise = _depthwise_as_conv(as_2d(_numpy(op.depthwise_kernel)))
        return _kernel_set(step.path, "separable_depthwise", depthwise, None)
    if isinstance(op, BaseDepthwiseConv):
        return _kernel_set(step.path, "depthwise",
                           _depthwise_as_conv(as_2d(_numpy(op.kernel))), bias)
    if isinstance(op, BaseConvTranspose):  # Keras stores (kh, kw, out, in)
        return _kernel_set(step.path, "transpose",
                           as_2d(_numpy(op.kernel)).transpose(0, 1, 3, 2), bias)
    return _kernel_set(step.path, "conv", as_2d(_numpy(op.kernel)), bias)
