"""One forward pass that returns every layer's output, nested models included.

The usual trick (one multi-output ``keras.Model`` over ``layer.output`` tensors) breaks on
transfer-learning models: the inner layers' tensors belong to the inner model's graph and Keras
answers "Graph disconnected". :class:`ActivationProbe` instead replays the graph with
:func:`explorer.core.graph.walk.walk`, descending into nested models, inside one
``tf.function`` that returns all outputs at once. Its input signature is the model's own
(batch and any free spatial sizes left open), so it is traced exactly once and reused for
every call.

Why not ``keras.Model(inputs, [all outputs])``: flattening puts the inner and outer layers in
one graph, and Keras refuses a graph in which two layers share a name, which happens whenever a
model holds two copies of a base network or reuses a name such as ``conv1``. The replay has no
such limit and costs the same. Measured on 2 busy CPU cores (interleaved, median of 15;
``benchmarks/capture.py`` repeats it): ResNet50, all 177 outputs, probe ~108 ms, a flat
multi-output ``keras.Model`` in a ``tf.function`` ~107 ms, the probe with ``layers=[]``
(outputs only) ~94 ms and the plain model's ``predict_on_batch`` ~93 ms; MobileNetV2 ~37 /
~35 / ~25 / ~25 ms. So the replay adds nothing; the extra time is the cost of materialising
every activation. Results are zero-copy views of the output tensors: ``Tensor.numpy()``
copied every activation (~140 MB for ResNet50), which roughly doubled the time of a call.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping

import numpy as np
import tensorflow as tf

from explorer.core.errors import ModelError
from explorer.core.graph.model_graph import ModelGraph
from explorer.core.graph.walk import inference_call, walk
from explorer.core.text import format_dims

MAX_SUBSETS = 8
"""Traced functions kept for layer subsets (the least recently used goes first); the
all-layer function is always kept. Windows of the activation budget (``core.budget``) are
planned on fixed anchors, so a walk through a model reuses a few subsets."""
MAX_TRACED_STEPS = 1000
"""The subset functions kept span at most this many steps in all (the newest is kept whatever
its length). Each is a graph of the model's prefix up to its last layer, and a graph's memory
grows with its steps: some 250 MB for a late window of EfficientNetB7 (816 steps), so that
eight of those made its engine grow by about 1 GB during a walk; now one is kept for such a
model, eight for ResNet50's (177 steps)."""

TRACEABLE_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")
"""The names TensorFlow takes for a name scope inside a ``tf.function``; a Keras layer opens one
named after itself, so a layer named ``<b>`` (a user's file) runs only eagerly."""


def untraceable_names(graph: ModelGraph) -> list[str]:
    """The layer names of ``graph`` that cannot run inside a ``tf.function`` (sorted)."""
    return sorted({step.op.name for step in graph.steps
                   if not TRACEABLE_NAME.match(str(getattr(step.op, "name", "x")))})


def output_key(path: str, index: int) -> str:
    """Result key of output ``index`` of a layer: the path, or ``path:index`` after the first."""
    return path if index == 0 else f"{path}:{index}"


class ActivationProbe:
    """Runs a model once and returns the output of every layer.

    Args:
        source: a :class:`~explorer.core.graph.model_graph.ModelGraph` (the worker passes the
            model's one graph), or a functional / built ``Sequential`` keras model, for which a
            graph is made.

    Attributes:
        paths: every result key in execution order (input layers first). A layer with several
            outputs contributes ``path``, ``path:1``, ``path:2``...
        output_paths: the keys holding the model's own outputs (its predictions).

    Raises:
        ModelError: the model is subclassed or an unbuilt ``Sequential``.
    """

    def __init__(self, source):
        graph = source if isinstance(source, ModelGraph) else ModelGraph(source)
        self.graph = graph
        self.model = graph.model
        self._inputs = graph.inputs
        keys, where = [], {}
        for step in graph.steps:
            for i, value in enumerate(step.outputs):
                keys.append(output_key(step.path, i))
                where.setdefault(id(value), keys[-1])
        self.paths: tuple[str, ...] = tuple(keys)
        self.output_paths: tuple[str, ...] = tuple(where[id(v)] for v in graph.outputs)
        self._functions: OrderedDict[frozenset | None, object] = OrderedDict()

    def resolve(self, layers: Iterable[str]) -> list[str]:
        """Result keys for layer names or paths (``"conv1"``, ``"base/conv1"``, ``"x:1"``).

        Raises:
            ModelError: a name matches no layer, or several nested ones.
        """
        keys = set(self.paths)
        resolved = []
        for name in layers:
            if name in keys:
                resolved.append(name)
            else:
                step = self.graph.find(name)
                resolved.extend(output_key(step.path, i) for i in range(len(step.outputs)))
        return resolved

    def _function(self, wanted: frozenset | None):
        if wanted in self._functions:
            self._functions.move_to_end(wanted)
        else:
            def forward(inputs):
                stop = None
                if wanted is not None:  # the walk ends after the last wanted layer
                    left = set(wanted)

                    def stop(step) -> bool:
                        left.difference_update(output_key(step.path, i)
                                               for i in range(len(step.outputs)))
                        return not left

                steps, _ = walk(self.model, list(inputs), inference_call, stop)
                result = {}
                for step in steps:
                    for i, value in enumerate(step.outputs):
                        key = output_key(step.path, i)
                        if wanted is None or key in wanted:
                            result[key] = value
                return result

            signature = [[tf.TensorSpec(x.shape, x.dtype or "float32") for x in self._inputs]]
            self._functions[wanted] = forward if untraceable_names(self.graph) else \
                tf.function(forward, input_signature=signature)  # eager: slower, but it runs
            self._forget_old_subsets()
        return self._functions[wanted]

    def _forget_old_subsets(self) -> None:
        """Drop the least recently used subset functions past :data:`MAX_SUBSETS` or
        :data:`MAX_TRACED_STEPS` (the newest stays)."""
        index = {key: i for i, key in enumerate(self.paths)}
        subsets = [k for k in self._functions if k is not None]  # oldest first
        kept, steps = 0, 0
        for key in reversed(subsets):
            length = 1 + max((index.get(k, len(self.paths) - 1) for k in key), default=0)
            if kept and (kept >= MAX_SUBSETS or steps + length > MAX_TRACED_STEPS):
                del self._functions[key]
                continue
            kept, steps = kept + 1, steps + length

    def _wanted(self, layers: Iterable[str] | None, outputs: bool) -> frozenset | None:
        if layers is None:
            return None
        wanted = frozenset(self.resolve(layers))
        return wanted | frozenset(self.output_paths) if outputs else wanted

    def function(self, layers: Iterable[str] | None = None, outputs: bool = True):
        """The traced ``tf.function`` behind :meth:`run`: takes the list of input tensors and
        returns ``{key: tensor}`` for ``layers`` (every layer when None) and the model's outputs
        (unless ``outputs`` is False). For callers that reduce the outputs inside TensorFlow
        (the dataset census)."""
        return self._function(self._wanted(layers, outputs))

    def _prepare(self, tensor) -> list:
        if isinstance(tensor, Mapping):
            try:
                tensor = [tensor[x.name] for x in self._inputs]
            except KeyError as exc:
                raise ModelError(
                    f"No value for the model input {exc}",
                    expected="keys " + ", ".join(x.name for x in self._inputs),
                    received="keys " + ", ".join(map(str, tensor)),
                ) from None
        values = list(tensor) if isinstance(tensor, (list, tuple)) else [tensor]
        if len(values) != len(self._inputs):
            raise ModelError(
                f"The model '{self.model.name}' takes {len(self._inputs)} input(s)",
                expected=f"{len(self._inputs)} array(s)", received=f"{len(values)}")
        prepared = []
        for value, ref in zip(values, self._inputs):
            array = np.asarray(value, dtype=ref.dtype or "float32")
            want = tuple(ref.shape)
            if array.ndim == len(want) - 1:
                array = array[np.newaxis]
            ok = array.ndim == len(want) and all(
                w is None or w == a for w, a in zip(want[1:], array.shape[1:]))
            if not ok:
                show = format_dims(want[1:])
                raise ModelError(
                    f"The input '{ref.name}' has the wrong shape",
                    "Prepare the image with the model's input size",
                    expected=f"a batch of {show} arrays",
                    received=format_dims(array.shape))
            prepared.append(tf.convert_to_tensor(array))
        return prepared

    def run(self, tensor, layers: Iterable[str] | None = None,
            outputs: bool = True) -> dict[str, np.ndarray]:
        """One forward pass in inference mode.

        Args:
            tensor: the input batch ``(N, H, W, C)`` (a missing batch axis is added), or a
                list / dict (by input name) of them for a multi-input model.
            layers: optional subset of layer names or paths; the model's outputs are always
                included. Each distinct subset is traced once and then reused (the
                :data:`MAX_SUBSETS` most recent ones are kept).
            outputs: with ``layers``, capture the model's outputs too. Without them only the
                model's prefix up to the last of ``layers`` is traced and computed: a window
                early in a deep model costs a fraction of a forward pass (and of a trace).

        Returns:
            ``{key: read-only array}`` in execution order, batch axis kept.

        Raises:
            ModelError: wrong number of inputs, wrong shape, or an unknown layer name.
        """
        values = self._prepare(tensor)
        raw = self._function(self._wanted(layers, outputs))(values)
        result = {}
        for key in self.paths:
            if key in raw:
                # np.asarray shares the CPU tensor's buffer (it stays alive with the array);
                # Tensor.numpy() would copy every activation, ~140 MB for ResNet50, which
                # roughly doubled the time of a call.
                array = np.asarray(raw[key])
                array.setflags(write=False)
                result[key] = array
        return result

    def predictions(self, result: Mapping[str, np.ndarray]) -> np.ndarray | list[np.ndarray]:
        """The model's output(s) from a :meth:`run` result (a list for multi-output models)."""
        outs = [result[key] for key in self.output_paths]
        return outs[0] if len(outs) == 1 else outs
