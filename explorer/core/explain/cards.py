"""What each layer does: a short card for a layer type, with *this* layer's numbers filled in.

The texts are resources (``resources/cards/<language>/<kind>.txt``, one file a kind), so they
are translated like the rest of the interface; a missing translation falls back to English.
Placeholders: ``{type}``, ``{kernel}``, ``{strides}``, ``{padding}``, ``{activation}``,
``{rule}`` (the layer table's arithmetic), ``{in_shape}``, ``{out_shape}``,
``{params_formula}``. Importing this module imports no TensorFlow.
"""

from __future__ import annotations

import math

from explorer.core.resources import resource_path
from explorer.core.text import format_dims, format_shape

#: layer type → card kind
KINDS = {"Conv1D": "conv", "Conv2D": "conv", "Conv3D": "conv",
         "DepthwiseConv2D": "depthwise", "SeparableConv2D": "separable",
         "MaxPooling2D": "max_pool", "MaxPooling1D": "max_pool",
         "AveragePooling2D": "average_pool", "AveragePooling1D": "average_pool",
         "GlobalAveragePooling2D": "global_average_pool",
         "GlobalMaxPooling2D": "global_max_pool", "DepthwiseMaxPool": "depthwise_max_pool",
         "BatchNormalization": "batch_norm", "LocalResponseNormalization": "lrn",
         "Activation": "activation", "ReLU": "activation", "LeakyReLU": "activation",
         "ELU": "activation", "Softmax": "softmax", "Dropout": "dropout",
         "Flatten": "flatten", "Reshape": "reshape", "Dense": "dense", "Add": "add",
         "Concatenate": "concatenate", "Multiply": "multiply",
         "ZeroPadding2D": "zero_padding", "Cropping2D": "cropping",
         "Rescaling": "rescaling", "InputLayer": "input"}


#: the few words a card fills in itself, per language (English is the key)
WORDS = {"zh_CN": {"no activation": "无激活", "unchanged": "不变",
                   "γ, β trained; mean, variance measured": "γ、β 为训练所得；均值、方差为测得"}}


def _word(text: str, language: str) -> str:
    return WORDS.get(language, {}).get(text, text)


def _channels(shape) -> int | None:
    if isinstance(shape, list):
        shape = shape[0]
    return shape[-1] if shape else None


def params_formula(info, language: str = "en") -> str:
    """How the layer's parameter count follows from its shape, with its numbers."""
    kind = KINDS.get(info.type, "other")
    c_in, c_out = _channels(info.input_shape), _channels(info.output_shape)
    k = math.prod(info.kernel_size) if info.kernel_size else None
    kernel = "·".join(map(str, info.kernel_size)) if info.kernel_size else ""
    total = f"{info.params:,}"
    if kind == "conv" and k and c_in and c_out:
        bias = info.params - k * c_in * c_out
        extra = f" + {c_out}" if bias == c_out else ""
        return f"{kernel}·{c_in}·{c_out}{extra} = {total}"
    if kind == "dense" and c_in and c_out:
        extra = f" + {c_out}" if info.params == c_in * c_out + c_out else ""
        return f"{c_in}·{c_out}{extra} = {total}"
    if kind == "depthwise" and k and c_in and c_out:
        extra = f" + {c_out}" if info.params == k * c_out + c_out else ""
        return f"{kernel}·{c_out}{extra} = {total}"
    if kind == "batch_norm" and c_out:
        measured = _word("γ, β trained; mean, variance measured", language)
        return f"4·{c_out} = {total} ({measured})"
    return total


def card_for(info, language: str = "en") -> str:
    """The card of the layer ``info`` (a ``LayerInfo``) in ``language`` (falls back to
    English, then to a generic card)."""
    kind = KINDS.get(info.type, "other")
    path = resource_path("cards", language, f"{kind}.txt")
    if not path.is_file():
        path = resource_path("cards", "en", f"{kind}.txt")
    text = path.read_text(encoding="utf-8").strip()
    values = {"type": info.type,
              "kernel": format_dims(info.kernel_size) if info.kernel_size else "",
              "strides": format_dims(info.strides) if info.strides else "",
              "padding": info.padding or "",
              "activation": info.activation or _word("no activation", language),
              "rule": info.arithmetic or _word("unchanged", language),
              "in_shape": format_shape(info.input_shape),
              "out_shape": format_shape(info.output_shape),
              "params_formula": params_formula(info, language)}
    return text.format(**values)
