"""The one module that reaches into ``keras.src``: the private Keras names the app relies on.

Keras's public API (``keras.*``) does not export the base classes that tell a convolution from a
pooling layer, nor the functional-model class whose node graph the walk replays, nor the Keras
home folder. They are imported here and nowhere else, so a Keras upgrade that moves one breaks
this file alone (``tests/core/test_layering.py`` checks that no other module imports
``keras.src``). Importing this module imports Keras (and TensorFlow).
"""

from __future__ import annotations

from keras.src.backend import config as _backend_config
from keras.src.layers.convolutional.base_conv import BaseConv
from keras.src.layers.convolutional.base_conv_transpose import BaseConvTranspose
from keras.src.layers.convolutional.base_depthwise_conv import BaseDepthwiseConv
from keras.src.layers.convolutional.base_separable_conv import BaseSeparableConv
from keras.src.layers.pooling.base_adaptive_pooling import BaseAdaptivePooling
from keras.src.layers.pooling.base_global_pooling import BaseGlobalPooling
from keras.src.layers.pooling.base_pooling import BasePooling
from keras.src.models.functional import Functional

#: every convolution base class, for ``isinstance`` checks
CONV_BASES = (BaseConv, BaseConvTranspose, BaseDepthwiseConv, BaseSeparableConv)
#: every pooling base class
POOL_BASES = (BasePooling, BaseGlobalPooling, BaseAdaptivePooling)


def keras_home() -> str:
    """The Keras home folder Keras chose when it was imported (``$KERAS_HOME``, ``~/.keras``,
    or ``/tmp/.keras``)."""
    return _backend_config.keras_home()


def nodes_by_depth(graph: Functional) -> dict:
    """A functional graph's nodes grouped by depth (the deepest, the inputs, first when sorted
    in reverse) — Keras keeps them in a private attribute."""
    return graph._nodes_by_depth


def producing_operation(tensor):
    """The operation (layer) whose call produced a symbolic tensor."""
    return tensor._keras_history.operation


def sequential_graph(model):
    """The functional graph a built ``Sequential`` keeps, or None before it is built."""
    return getattr(model, "_functional", None)


def call_context_args(op) -> tuple:
    """The call arguments Keras fills from the call context (``training``...) for ``op``."""
    return tuple(getattr(op, "_call_context_args", ()))
