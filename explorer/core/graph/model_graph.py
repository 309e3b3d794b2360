"""A model's graph, walked once: the shared base of the layer table, kernels and the probe.

:class:`ModelGraph` replays a model symbolically through nested models
(:func:`explorer.core.graph.walk.walk`) when it is made, and every feature that needs the
model's structure asks it: the layer table (:attr:`ModelGraph.table`), one layer's kernels
(:meth:`ModelGraph.kernels`), and the one-pass probe
(:class:`explorer.core.graph.probe.ActivationProbe`, built over a graph). The worker keeps one
graph per loaded model, so selecting layers or fetching kernels never walks the model again.
"""

from __future__ import annotations

from functools import cached_property

import keras

from explorer.core.graph.kernels import KernelSet, kernel_set
from explorer.core.graph.layer_table import LayerInfo, build_table
from explorer.core.graph.walk import Step, find_step, model_inputs, symbolic_call, walk


class ModelGraph:
    """One model's flattened graph.

    Args:
        model: a functional or built ``Sequential`` keras model (nested models allowed).

    Attributes:
        model: the Keras model.
        inputs: the model's symbolic inputs.
        steps: every layer call in execution order, input layers first (:class:`Step`).
        outputs: the symbolic values of the model's outputs (members of the steps' outputs).

    Raises:
        ModelError: the model is subclassed or an unbuilt ``Sequential``.
    """

    def __init__(self, model):
        self.model = model
        self.inputs = model_inputs(model)
        specs = [keras.KerasTensor(x.shape, dtype=x.dtype) for x in self.inputs]
        self.steps, self.outputs = walk(model, specs, symbolic_call)

    def find(self, name_or_path: str) -> Step:
        """The step of a layer path or unique layer name (``ModelError`` when none or several)."""
        return find_step(self.steps, name_or_path)

    @cached_property
    def table(self) -> tuple[LayerInfo, ...]:
        """The layer table, one row per step (built on first use, then kept)."""
        return tuple(build_table(self.steps))

    def kernels(self, path: str, part: str = "depthwise") -> KernelSet:
        """The weights of convolution ``path`` (see :func:`explorer.core.graph.kernels.kernel_set`)."""
        return kernel_set(self.find(path), part)


def layer_table(model) -> list[LayerInfo]:
    """The layer table of ``model`` (a one-off graph; keep a :class:`ModelGraph` to reuse it)."""
    return list(ModelGraph(model).table)


def kernels(model, path: str, part: str = "depthwise") -> KernelSet:
    """One convolution's kernels of ``model`` (a one-off graph)."""
    return ModelGraph(model).kernels(path, part)
