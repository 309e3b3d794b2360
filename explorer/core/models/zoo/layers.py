"""Custom layers the code-built architectures need, written with ``keras.ops`` so they save.

Both layers are registered under the ``cnn_explorer`` package, so a ``.keras`` file that uses
them loads again once this module has been imported (``explorer.core.models.zoo`` imports it for every
model that needs it).

* :class:`LocalResponseNormalization` — AlexNet's and GoogLeNet's LRN across channels, the same
  maths as ``tf.nn.local_response_normalization``.
* :class:`DepthwiseMaxPool` — the seed's depthwise max pooling: the maximum over each group of
  ``pool_size`` consecutive channels, so the spatial size is kept and the channels shrink.
"""

from __future__ import annotations

import keras
from keras import ops

from explorer.core.errors import ModelError

_PACKAGE = "cnn_explorer"


@keras.saving.register_keras_serializable(package=_PACKAGE)
class LocalResponseNormalization(keras.layers.Layer):
    """Local response normalisation across channels (Krizhevsky et al., 2012).

    For channel ``d`` of a channels-last input ``a``::

        sqr_sum[..., d] = sum(a[..., d - depth_radius : d + depth_radius + 1] ** 2)
        b[..., d] = a[..., d] / (bias + alpha * sqr_sum[..., d]) ** beta

    exactly as ``tf.nn.local_response_normalization`` computes it (``alpha`` is *not* divided
    by the window size, unlike Caffe's ``alpha``). Channels beyond the edges count as zeros.
    The output has the input's shape; the layer has no weights.

    Args:
        depth_radius: half-width of the channel window (the window holds ``2r + 1`` channels).
        bias: the additive constant ``k``.
        alpha: the scale of the sum of squares.
        beta: the exponent.
        **kwargs: passed to ``keras.layers.Layer`` (``name``, ``dtype``...).
    """

    def __init__(self, depth_radius: int = 2, bias: float = 1.0, alpha: float = 2e-5,
                 beta: float = 0.75, **kwargs):
        super().__init__(**kwargs)
        if int(depth_radius) != depth_radius or depth_radius < 0:
            raise ModelError("LocalResponseNormalization got a bad depth_radius",
                             expected="a whole number >= 0", received=repr(depth_radius))
        self.depth_radius = int(depth_radius)
        self.bias = float(bias)
        self.alpha = float(alpha)
        self.beta = float(beta)

    def build(self, input_shape):
        """Check that the channel count is known (the window slices need it)."""
        if input_shape[-1] is None:
            raise ModelError("LocalResponseNormalization needs a known channel count",
                             expected="an input whose last dimension is fixed",
                             received=f"shape {tuple(input_shape)}")
        self._channels = int(input_shape[-1])

    def call(self, inputs):
        """Normalise ``inputs`` (channels last) across neighbouring channels."""
        squares = ops.square(inputs)
        radius = self.depth_radius
        rank = len(inputs.shape)
        padded = ops.pad(squares, [[0, 0]] * (rank - 1) + [[radius, radius]])
        sqr_sum = padded[..., 0:self._channels]
        for offset in range(1, 2 * radius + 1):
            sqr_sum = sqr_sum + padded[..., offset:offset + self._channels]
        scale = ops.power(self.bias + self.alpha * sqr_sum, self.beta)
        return ops.divide(inputs, scale)

    def compute_output_shape(self, input_shape):
        """Same shape as the input."""
        return tuple(input_shape)

    def get_config(self):
        """Everything needed to rebuild the layer."""
        config = super().get_config()
        config.update(depth_radius=self.depth_radius, bias=self.bias, alpha=self.alpha,
                      beta=self.beta)
        return config


@keras.saving.register_keras_serializable(package=_PACKAGE)
class DepthwiseMaxPool(keras.layers.Layer):
    """Max pooling along the channel axis: each output channel is the maximum of a group.

    The seed's depth pooling: with ``pool_size=3`` a ``H×W×C`` input becomes ``H×W×(C/3)``,
    output channel ``g`` being ``max(a[..., 3g], a[..., 3g+1], a[..., 3g+2])``. A network can
    learn, say, several rotated copies of one feature and keep whichever fires hardest.

    Args:
        pool_size: how many consecutive channels make one group; must divide the channel count.
        **kwargs: passed to ``keras.layers.Layer``.
    """

    def __init__(self, pool_size: int = 2, **kwargs):
        super().__init__(**kwargs)
        if int(pool_size) != pool_size or pool_size < 1:
            raise ModelError("DepthwiseMaxPool got a bad pool_size",
                             expected="a whole number >= 1", received=repr(pool_size))
        self.pool_size = int(pool_size)

    def build(self, input_shape):
        """Check that the channels split into whole groups."""
        channels = input_shape[-1]
        if channels is None or channels % self.pool_size:
            raise ModelError(
                "DepthwiseMaxPool cannot split the channels into whole groups",
                expected=f"a fixed channel count divisible by pool_size={self.pool_size}",
                received=f"shape {tuple(input_shape)}",
                fix="Choose a pool_size that divides the number of channels")
        self._groups = int(channels) // self.pool_size

    def call(self, inputs):
        """Take the maximum over each group of ``pool_size`` consecutive channels."""
        shape = ops.shape(inputs)
        grouped = ops.reshape(inputs, (-1, *shape[1:-1], self._groups, self.pool_size))
        return ops.max(grouped, axis=-1)

    def compute_output_shape(self, input_shape):
        """The input's shape with the channels divided by ``pool_size``."""
        return (*tuple(input_shape)[:-1], input_shape[-1] // self.pool_size)

    def get_config(self):
        """Everything needed to rebuild the layer."""
        config = super().get_config()
        config.update(pool_size=self.pool_size)
        return config
