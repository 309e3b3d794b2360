"""The learned filters of one convolution, in the Keras layout and the textbook layout."""

from __future__ import annotations

import keras
import numpy as np

from explorer.core.errors import ModelError
from explorer.core.graph import layer_math as lm
from explorer.core.graph.keras_compat import (
    BaseConvTranspose,
    BaseDepthwiseConv,
    BaseSeparableConv,
)
from explorer.core.graph.records import KernelSet  # noqa: F401 - re-exported
from explorer.core.graph.walk import Step


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


def kernel_set(step: Step, part: str = "depthwise") -> KernelSet:
    """The weights of one convolution layer.

    Args:
        step: the layer's step in the model graph (``ModelGraph.find(path)``).
        part: for a ``SeparableConv``, ``"depthwise"`` (default) or ``"pointwise"``; ignored
            for other layers.

    Returns:
        A :class:`KernelSet`.

    Raises:
        ModelError: the layer has no convolution kernel, or it is 3-D.
    """
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
