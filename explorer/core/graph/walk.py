"""Walk a Keras model's graph node by node, descending into nested models.

A transfer-learning model holds a whole functional model (a MobileNet base, say) as one layer.
Asking Keras for ``base.get_layer("conv1").output`` and mixing it with the outer model's tensors
fails with "Graph disconnected", because the inner tensors belong to the inner graph. This module
side-steps that: it replays the outer graph in topological order, feeding each operation the
values already computed for its inputs, and when an operation is itself a functional or
``Sequential`` model it replays *that* graph with the outer values instead of calling it as a
black box. Every operation it calls becomes a :class:`Step` with a path such as
``mobilenet_0.25_128/conv1``.

The same walk runs symbolically (``call=symbolic_call``: shapes for the layer table, nothing is
recorded on the model) and concretely (``call=inference_call`` inside a ``tf.function``: one
forward pass that yields every layer's output).

Paths (see ``docs/INTERNALS.md``): nested model names are kept verbatim
(``mobilenet_1.00_224``); a layer's own name has ``.`` turned into ``/`` so code-built block
members ``unit3.conv2`` read ``unit3/conv2``. The second and later calls of a shared layer (or a
shared nested model) in the same graph get ``@2``, ``@3``... appended to their segment.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field
from typing import Any, Callable

import keras
from keras import tree

from explorer.core.errors import ModelError
from explorer.core.graph.keras_compat import (
    Functional,
    call_context_args,
    nodes_by_depth,
    producing_operation,
    sequential_graph,
)

Call = Callable[[Any, tuple, dict], Any]


@dataclass
class Step:
    """One operation call in the flattened graph.

    Attributes:
        path: unique path, e.g. ``mobilenet_0.25_128/conv_dw_1``.
        op: the Keras operation (usually a ``keras.layers.Layer``) that was called.
        call_number: 0 for the first call of ``op`` in its graph, 1 for the second...
        inputs: flat list of the values fed to ``op`` (empty for an input layer).
        outputs: flat list of the values ``op`` returned.
        parents: for each input, the index of the step that produced it (None if unknown).
    """

    path: str
    op: Any
    call_number: int
    inputs: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    parents: list = field(default_factory=list)

    @property
    def is_input(self) -> bool:
        """True for the model's own input layers (no inputs of their own)."""
        return not self.inputs


def symbolic_call(op, args: tuple, kwargs: dict):
    """Output spec of ``op`` on symbolic inputs, without recording a node on the model."""
    return op.compute_output_spec(*args, **kwargs)


def inference_call(op, args: tuple, kwargs: dict):
    """Call ``op`` on real tensors in inference mode (``training=False`` where accepted)."""
    if "training" in call_context_args(op):
        kwargs = dict(kwargs, training=False)
    return op(*args, **kwargs)


def graph_of(model):
    """The functional graph behind ``model``, or None when it has none.

    A functional model is its own graph; a built ``Sequential`` keeps one in ``_functional``.
    """
    if isinstance(model, keras.Sequential):
        return sequential_graph(model)
    if isinstance(model, Functional):
        return model
    return None


def is_nested_model(op) -> bool:
    """True when ``op`` is a model whose layers the walk should descend into."""
    return isinstance(op, (Functional, keras.Sequential))


def model_inputs(model) -> list:
    """The flat list of a model's symbolic inputs, with a clear error when it has none.

    Raises:
        ModelError: the model is subclassed (no graph) or an unbuilt ``Sequential``.
    """
    graph = graph_of(model)
    if graph is None:
        if isinstance(model, keras.Sequential):
            raise ModelError(
                f"The Sequential model '{model.name}' has no input shape yet, so its layers "
                "cannot be inspected",
                "Give it an input: start it with keras.Input(shape=...) or call "
                "model.build(input_shape)",
            )
        raise ModelError(
            f"The model '{getattr(model, 'name', model)}' is a subclassed model; its layers "
            "are hidden inside Python code and cannot be inspected",
            "Rebuild it with the functional API or keras.Sequential",
            expected="a functional or Sequential keras.Model",
            received=type(model).__name__,
        )
    return list(graph.inputs)


def segment(op, call_number: int) -> str:
    """One path segment for ``op``: model names verbatim, layer names with ``.`` -> ``/``."""
    name = op.name if is_nested_model(op) else op.name.replace(".", "/")
    return name if call_number == 0 else f"{name}@{call_number + 1}"


class _Stopped(Exception):
    """Raised inside a walk once its ``stop`` says so."""


def walk(model, input_values: list, call: Call,
         stop: Callable[[Step], bool] | None = None) -> tuple[list[Step], list]:
    """Replay ``model`` on ``input_values``, descending into nested models.

    Args:
        model: a functional or built ``Sequential`` keras model.
        input_values: one value per ``model.inputs`` entry (KerasTensors or real tensors).
        call: ``call(op, args, kwargs) -> outputs``; :func:`symbolic_call` or
            :func:`inference_call`.
        stop: called with each step as it is recorded; True ends the walk there (the steps so
            far are returned, the outputs are ``[]``): a prefix of the model, e.g. up to the
            last layer a capture wants.

    Returns:
        ``(steps, outputs)``: the steps in execution order, input layers first, and the flat
        list of the model's output values.

    Raises:
        ModelError: the model (or a nested model) has no graph to walk.
    """
    walker = _Walker(call, stop)
    inputs = model_inputs(model)
    if len(inputs) != len(input_values):
        raise ModelError(
            f"The model '{model.name}' takes {len(inputs)} input(s)",
            expected=f"{len(inputs)} input tensor(s)",
            received=f"{len(input_values)}",
        )
    try:
        for tensor, value in zip(inputs, input_values):
            layer = producing_operation(tensor)
            walker.record(Step(segment(layer, 0), layer, 0, [], [value], []))
        outputs = walker.run_model(model, "", list(input_values))
    except _Stopped:
        outputs = []
    return walker.steps, outputs


class _Walker:
    """Holds the steps and the value -> producing-step map of one walk."""

    def __init__(self, call: Call, stop: Callable[[Step], bool] | None = None):
        self.call = call
        self.stop = stop
        self.steps: list[Step] = []
        self.producer: dict[int, int] = {}

    def record(self, step: Step) -> None:
        step.parents = [self.producer.get(id(v)) for v in step.inputs]
        index = len(self.steps)
        self.steps.append(step)
        for value in step.outputs:
            self.producer.setdefault(id(value), index)
        if self.stop is not None and self.stop(step):
            raise _Stopped

    def run_model(self, model, prefix: str, values: list) -> list:
        model_inputs(model)  # raises a ModelError for a model without a graph
        graph = graph_of(model)
        tensor_dict = {id(kt): v for kt, v in zip(graph.inputs, values)}
        calls = collections.Counter()
        by_depth = nodes_by_depth(graph)
        for depth in sorted(by_depth, reverse=True):
            for node in by_depth[depth]:
                if node.is_input or not node.operation:
                    continue
                if any(id(x) not in tensor_dict for x in node.input_tensors):
                    continue  # not reachable from these inputs (Keras skips it too)
                op = node.operation
                number = calls[id(op)]
                calls[id(op)] += 1
                args, kwargs = node.arguments.fill_in(tensor_dict)
                if is_nested_model(op):
                    struct = args[0] if args else kwargs.get("inputs")
                    outs = self.run_model(op, f"{prefix}{segment(op, number)}/",
                                          tree.flatten(struct))
                else:
                    outs = tree.flatten(self.call(op, args, kwargs))
                    flat_in = [tensor_dict[id(kt)] for kt in node.input_tensors]
                    self.record(Step(prefix + segment(op, number), op, number, flat_in, outs))
                for kt, value in zip(node.outputs, outs):
                    tensor_dict[id(kt)] = value
        missing = [kt.name for kt in graph.outputs if id(kt) not in tensor_dict]
        if missing:
            raise ModelError(
                f"The outputs {missing} of '{model.name}' cannot be reached from its inputs",
                "Check that every output of the model depends on its inputs",
            )
        return [tensor_dict[id(kt)] for kt in graph.outputs]


def find_step(steps: list[Step], name_or_path: str) -> Step:
    """The step with this path, or the only step whose layer has this name.

    Args:
        steps: steps of a walk.
        name_or_path: ``"mobilenet_0.25_128/conv1"``, ``"unit3/conv2"`` or a layer name such
            as ``"unit3.conv2"`` / ``"conv1"``.

    Raises:
        ModelError: no step matches, or a bare name matches several nested layers.
    """
    for step in steps:
        if step.path == name_or_path:
            return step
    named = [s for s in steps if s.op.name == name_or_path and s.call_number == 0]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise ModelError(
            f"The layer name '{name_or_path}' occurs in several nested models",
            "Give the full path instead",
            expected="one of " + ", ".join(s.path for s in named),
        )
    sample = ", ".join(s.path for s in steps[:8]) + (", ..." if len(steps) > 8 else "")
    raise ModelError(
        f"The model has no layer '{name_or_path}'",
        "Pick a layer path from the layer table",
        expected=f"a layer name or path such as {sample}",
        received=repr(name_or_path),
    )
