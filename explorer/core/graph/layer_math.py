"""Per-layer arithmetic: receptive field, multiply-accumulates, size formulae, kind, params.

Every function here takes a Keras operation and *batchless* shapes (tuples of int or None) and
returns plain Python values; :mod:`explorer.core.graph.model_graph` assembles them into ``LayerInfo`` rows.

Receptive field (rf) and jump follow the standard recurrence, per spatial axis and in pixels of
the model's input: ``rf_out = rf_in + (k − 1)·dilation·jump_in`` and ``jump_out = jump_in·stride``.
Merges take the maximum over their inputs; global pooling, flattening and any other layer that
drops the spatial axes see the whole input (rf = the input's spatial size, jump = None).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import keras

from explorer.core.graph.keras_compat import (
    BaseAdaptivePooling,
    BaseConv,
    BaseConvTranspose,
    BaseDepthwiseConv,
    BaseGlobalPooling,
    BasePooling,
    BaseSeparableConv,
)
from explorer.core.text import format_shape

Shape = tuple  # batchless shape, entries int or None

CONV_TYPES = (BaseConv, BaseDepthwiseConv, BaseSeparableConv, BaseConvTranspose)
_WINDOWED = (BaseConv, BaseDepthwiseConv, BaseSeparableConv, BasePooling)
_GLOBAL = (BaseGlobalPooling, BaseAdaptivePooling)
_ACTIVATION_LAYERS = {"ReLU": "relu", "LeakyReLU": "leaky_relu", "PReLU": "prelu",
                      "ELU": "elu", "Softmax": "softmax"}
_AXIS_LABELS = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}


@dataclass(frozen=True)
class Field:
    """What one output position of a tensor sees of the model input.

    Attributes:
        rf: receptive field per spatial axis in input pixels (None when unknown).
        jump: input pixels between neighbouring output positions per axis; None once the
            spatial axes are gone (after flatten / global pooling) or for vector inputs.
        extent: spatial size of the model input behind this tensor (entries may be None).
    """

    rf: tuple | None
    jump: tuple | None
    extent: tuple | None


def input_field(shape: Shape) -> Field:
    """The field of a model input: 1 pixel, jump 1, over ``shape[:-1]`` (channels last)."""
    if len(shape) < 2:
        return Field(None, None, None)
    n = len(shape) - 1
    return Field((1,) * n, (1,) * n, tuple(shape[:-1]))


def layer_kind(op) -> str:
    """``"conv"``, ``"pool"``, ``"dense"``, ``"norm"``, ``"activation"`` or ``"other"``."""
    name = type(op).__name__
    if isinstance(op, CONV_TYPES):
        return "conv"
    if isinstance(op, (BasePooling,) + _GLOBAL):
        return "pool"
    if isinstance(op, (keras.layers.Dense, keras.layers.EinsumDense)):
        return "dense"
    if name.endswith("Normalization"):
        return "norm"
    if isinstance(op, keras.layers.Activation) or name in _ACTIVATION_LAYERS:
        return "activation"
    return "other"


def activation_name(op) -> str | None:
    """Name of the non-linearity a layer applies (``"relu"``, ``"relu6"``...), or None."""
    name = type(op).__name__
    if name == "ReLU":
        max_value = getattr(op, "max_value", None)
        return "relu" if max_value is None else f"relu{float(max_value):g}"
    if name in _ACTIVATION_LAYERS:
        return _ACTIVATION_LAYERS[name]
    fn = getattr(op, "activation", None)
    if fn is None or not callable(fn):
        return None
    return getattr(fn, "__name__", None) or str(keras.activations.serialize(fn))


def window(op) -> tuple[tuple | None, tuple | None, str | None, tuple | None]:
    """``(kernel_size, strides, padding, dilation)`` of a windowed layer, Nones otherwise."""
    if isinstance(op, BasePooling):
        rank = len(op.pool_size)
        return tuple(op.pool_size), tuple(op.strides), op.padding, (1,) * rank
    if isinstance(op, CONV_TYPES):
        return (tuple(op.kernel_size), tuple(op.strides), op.padding,
                tuple(op.dilation_rate))
    return None, None, None, None


def param_counts(op, call_number: int = 0) -> tuple[int, int]:
    """``(trainable, non_trainable)`` weight counts; 0 for repeat calls of a shared layer."""
    if call_number > 0 or not isinstance(op, keras.layers.Layer):
        return 0, 0
    count = lambda ws: int(sum(math.prod(w.shape) for w in ws))  # noqa: E731
    return count(op.trainable_weights), count(op.non_trainable_weights)


def _channels_first(op) -> bool:
    return getattr(op, "data_format", "channels_last") == "channels_first"


def split_shape(op, shape: Shape) -> tuple[tuple, int | None]:
    """``(spatial dims, channels)`` of a batchless shape, honouring ``data_format``."""
    if _channels_first(op):
        return tuple(shape[1:]), shape[0]
    return tuple(shape[:-1]), shape[-1]


def _prod(values) -> int | None:
    values = list(values)
    return None if any(v is None for v in values) else int(math.prod(values))


def count_macs(op, in_shapes: list[Shape], out_shapes: list[Shape]) -> int | None:
    """Multiply-accumulates of one forward pass for one example (None if a size is unknown).

    Conv: H_out·W_out·k_h·k_w·C_in/groups·C_out. Depthwise: H_out·W_out·k_h·k_w·C_in·multiplier.
    Separable: depthwise part plus H_out·W_out·C_in·multiplier·C_out. Transposed conv:
    H_in·W_in·k_h·k_w·C_in·C_out. Dense: inputs·units (per position for rank > 2 inputs).
    Every other layer counts 0.
    """
    if not in_shapes or not out_shapes:
        return 0
    in_shape, out_shape = in_shapes[0], out_shapes[0]
    if isinstance(op, CONV_TYPES):
        in_sp, c_in = split_shape(op, in_shape)
        out_sp, _ = split_shape(op, out_shape)
        k = math.prod(op.kernel_size)
        if isinstance(op, BaseConvTranspose):
            return _prod(list(in_sp) + [k, c_in, op.filters])
        if isinstance(op, BaseSeparableConv):
            per_pos = _prod([k * op.depth_multiplier + op.depth_multiplier * op.filters, c_in])
            return _prod(list(out_sp) + [per_pos])
        if isinstance(op, BaseDepthwiseConv):
            return _prod(list(out_sp) + [k, c_in, op.depth_multiplier])
        groups = getattr(op, "groups", 1) or 1
        c_per_group = None if c_in is None else c_in // groups
        return _prod(list(out_sp) + [k, c_per_group, op.filters])
    if isinstance(op, keras.layers.Dense):
        return _prod(list(in_shape) + [op.units])
    return 0


def activation_bytes(out_shapes: list[Shape]) -> int | None:
    """Bytes of the layer's output(s) for one example as float32 (None if a size is unknown)."""
    sizes = [_prod(s) for s in out_shapes]
    return None if any(s is None for s in sizes) else 4 * sum(sizes)


def _num(x):
    """An int when ``x`` is whole, else a float (jumps become fractional after upsampling)."""
    return int(x) if float(x).is_integer() else float(x)


def _max_tuples(items: list) -> tuple | None:
    items = [t for t in items if t is not None]
    if not items or len({len(t) for t in items}) != 1:
        return items[0] if items else None
    return tuple(None if any(v is None for v in col) else max(col) for col in zip(*items))


def _whole(extent) -> Field:
    known = extent is not None and all(v is not None for v in extent)
    return Field(tuple(extent) if known else None, None, extent)


def propagate_field(op, in_fields: list[Field], in_shapes: list[Shape],
                    out_shapes: list[Shape]) -> Field:
    """The receptive field and jump of ``op``'s output from those of its inputs.

    Args:
        op: the operation.
        in_fields: the :class:`Field` of each input (None entries are ignored).
        in_shapes: batchless input shapes.
        out_shapes: batchless output shapes.

    Returns:
        The output's :class:`Field`.
    """
    fields = [f for f in in_fields if f is not None]
    if not fields:
        return Field(None, None, None)
    extent = _max_tuples([f.extent for f in fields])
    spatial = [f for f in fields if f.jump is not None]
    if not spatial:  # spatial axes already gone: everything sees the whole input
        return Field(_max_tuples([f.rf for f in fields]), None, extent)
    rf, jump = _max_tuples([f.rf for f in spatial]), _max_tuples([f.jump for f in spatial])
    if isinstance(op, _GLOBAL) or not out_shapes or not in_shapes:
        return _whole(extent)
    if len(out_shapes[0]) != len(in_shapes[0]):
        return _whole(extent)  # flatten, reshape to a vector...
    kernel, strides, _, dilation = window(op)
    if kernel is not None and len(kernel) == len(jump):
        if isinstance(op, BaseConvTranspose):
            new_rf = tuple(r + ((k - 1) * d // s) * j
                           for r, j, k, s, d in zip(rf, jump, kernel, strides, dilation))
            return Field(tuple(_num(v) for v in new_rf),
                         tuple(_num(j / s) for j, s in zip(jump, strides)), extent)
        new_rf = tuple(r + (k - 1) * d * j for r, j, k, d in zip(rf, jump, kernel, dilation))
        return Field(tuple(_num(v) for v in new_rf),
                     tuple(_num(j * s) for j, s in zip(jump, strides)), extent)
    size = getattr(op, "size", None)
    if type(op).__name__.startswith("UpSampling") and size is not None:
        size = (size,) * len(jump) if isinstance(size, int) else tuple(size)
        return Field(rf, tuple(_num(j / f) for j, f in zip(jump, size)), extent)
    return Field(rf, jump, extent)


def _q(v) -> str:
    return "?" if v is None else str(v)


def _join_axes(prefix: str, exprs: list[str]) -> str:
    if len(set(exprs)) == 1:
        return f"{prefix}: {exprs[0]}"
    labels = _AXIS_LABELS.get(len(exprs), tuple(f"axis{i}" for i in range(len(exprs))))
    return f"{prefix}: " + ", ".join(f"{lab} {e}" for lab, e in zip(labels, exprs))


def _window_exprs(op, n_in, n_out) -> tuple[str, list[str]]:
    kernel, strides, padding, dilation = window(op)
    exprs = []
    for n, o, k, s, d in zip(n_in, n_out, kernel, strides, dilation):
        ke = (k - 1) * d + 1
        if isinstance(op, BaseConvTranspose):
            out_pad = None if op.output_padding is None else op.output_padding[len(exprs)]
            if padding == "valid":
                tail = f"max({ke}, {s})" if out_pad is None else f"{ke} + {out_pad}"
                exprs.append(f"({_q(n)} − 1)·{s} + {tail} = {_q(o)}")
            elif out_pad is None:
                exprs.append(f"{_q(n)}·{s} = {_q(o)}")
            else:
                exprs.append(f"({_q(n)} − 1)·{s} + {ke} mod 2 + {out_pad} = {_q(o)}")
            continue
        if padding == "valid":
            expr = f"⌊({_q(n)} + 2·0 − {ke})/{s}⌋ + 1 = {_q(o)}"
            if d > 1:
                expr += f" (dilated kernel ({k} − 1)·{d} + 1 = {ke})"
        elif n is None or o is None:
            expr = f"⌈{_q(n)}/{s}⌉ = {_q(o)}"
        else:  # the total padding "same" implies, split as TensorFlow does (more after)
            p = max((o - 1) * s + ke - n, 0)
            expr = f"⌊({n} + {p} − {ke})/{s}⌋ + 1 = {o} (pad {p // 2} + {p - p // 2})"
        exprs.append(expr)
    prefix = f"{padding} (transposed)" if isinstance(op, BaseConvTranspose) else padding
    return prefix, exprs


def padding_pairs(value, rank: int) -> list[tuple[int, int]]:
    if isinstance(value, int):
        return [(value, value)] * rank
    if value and isinstance(value[0], int):
        return [tuple(value)] if rank == 1 else [(v, v) for v in value]
    return [tuple(v) for v in value]


def arithmetic(op, in_shapes: list[Shape], out_shapes: list[Shape]) -> str:
    """How the output size follows from the input size, as one line of text.

    Examples: ``"valid: ⌊(227 + 2·0 − 11)/4⌋ + 1 = 55"``,
    ``"same: ⌊(56 + 1 − 3)/2⌋ + 1 = 28 (pad 0 + 1)"`` (the padding "same" implies),
    ``"flatten: 6·6·256 = 9216"``, ``"dense: 4096 → 1000"``. Empty when the shape is unchanged.
    """
    name = type(op).__name__
    if not in_shapes:
        return "input: " + " | ".join(format_shape(s) for s in out_shapes)
    if not out_shapes:
        return ""
    in_shape, out_shape = in_shapes[0], out_shapes[0]
    if window(op)[0] is not None and len(in_shape) == len(op.strides) + 1:
        (n_in, _), (n_out, _) = split_shape(op, in_shape), split_shape(op, out_shape)
        return _join_axes(*_window_exprs(op, n_in, n_out))
    if name.startswith(("ZeroPadding", "Cropping")) and len(in_shape) >= 2:
        (n_in, _), (n_out, _) = split_shape(op, in_shape), split_shape(op, out_shape)
        pad = name.startswith("ZeroPadding")
        pairs = padding_pairs(op.padding if pad else op.cropping, len(n_in))
        sign = "+" if pad else "−"
        exprs = [f"{_q(n)} {sign} {a} {sign} {b} = {_q(o)}"
                 for n, o, (a, b) in zip(n_in, n_out, pairs)]
        return _join_axes("pad" if pad else "crop", exprs)
    if name.startswith("UpSampling") and len(in_shape) >= 2:
        (n_in, _), (n_out, _) = split_shape(op, in_shape), split_shape(op, out_shape)
        size = (op.size,) * len(n_in) if isinstance(op.size, int) else tuple(op.size)
        return _join_axes("upsample", [f"{_q(n)}·{f} = {_q(o)}"
                                       for n, o, f in zip(n_in, n_out, size)])
    if isinstance(op, BaseGlobalPooling):
        mode = "average" if "Average" in name else "max"
        return f"global {mode} pool: {format_shape(in_shape)} → {format_shape(out_shape)}"
    if isinstance(op, keras.layers.Flatten):
        return f"flatten: {'·'.join(_q(v) for v in in_shape)} = {format_shape(out_shape)}"
    if isinstance(op, keras.layers.Dense):
        where = " at each position" if len(in_shape) > 1 else ""
        return f"dense: {_q(in_shape[-1])} → {op.units}{where}"
    if isinstance(op, keras.layers.Concatenate) and len(in_shapes) > 1:
        axis = op.axis % len(in_shape)
        parts = " + ".join(_q(s[axis]) for s in in_shapes)
        return f"concat: {parts} = {_q(out_shape[axis])}"
    if in_shapes != out_shapes and len(in_shapes) == 1:
        return f"{format_shape(in_shape)} → {format_shape(out_shape)}"
    return ""
