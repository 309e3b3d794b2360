"""The class score as a differentiable function of the input, over the model's graph.

:class:`ScoreFunction` replays a :class:`~explorer.core.graph.model_graph.ModelGraph` (nested
models included) inside ``tf.function`` s traced once per question, and answers:

* the scores of every class for a batch (:meth:`ScoreFunction.scores`);
* the score of one class per example with its gradient with respect to the input and to the
  outputs of chosen layers (:meth:`ScoreFunction.gradients`), optionally with guided ReLUs.

The score is the class's **logit** where the model exposes one: when the output layer applies a
softmax (a ``Dense(activation="softmax")``, a ``Softmax`` or ``Activation("softmax")`` layer),
the replay computes that layer without its softmax; the user's model is never changed. A model
whose output is already linear is its own logit. Otherwise the **probability** is explained;
:attr:`ScoreFunction.score_kind` says which.
"""

from __future__ import annotations

from typing import Sequence

import keras
import numpy as np
import tensorflow as tf

from explorer.core.errors import ExplorerError
from explorer.core.graph.model_graph import ModelGraph
from explorer.core.graph.walk import Step, inference_call, walk

SOFTMAX_LIKE = ("softmax", "sigmoid")
RELU_LAYERS = ("ReLU",)
SHAPE_ONLY = ("Reshape", "Flatten", "Identity")


def _activation_name(op) -> str:
    fn = getattr(op, "activation", None)
    return getattr(fn, "__name__", "") if callable(fn) else ""


class ScoreFunction:
    """Scores and gradients of one model output, over a model graph.

    Args:
        graph: the model's graph (walked once when the model was loaded).
        output_index: which model output holds the class scores (multi-output models).

    Attributes:
        score_kind: ``"logit"`` or ``"probability"``.
        output_path: the layer whose output is explained.
    """

    def __init__(self, graph: ModelGraph, output_index: int = 0):
        if not 0 <= output_index < len(graph.outputs):
            raise ExplorerError(f"The model has {len(graph.outputs)} output(s); there is no "
                                f"output {output_index}", "Pick an output the model has",
                                received=str(output_index))
        self.graph = graph
        self.output_index = output_index
        target = graph.outputs[output_index]
        final = next(s for s in reversed(graph.steps) if any(v is target for v in s.outputs))
        self.output_path = final.path
        # the softmax may sit before a reshape (MobileNet: softmax, then reshape to 1000)
        while type(final.op).__name__ in SHAPE_ONLY and final.parents \
                and final.parents[0] is not None:
            final = graph.steps[final.parents[0]]
        self._final = final
        self._logit_rule = self._logit_rule_for(self._final)
        self.score_kind = "probability" if self._logit_rule == "as is, a probability" \
            else "logit"
        self._compiled: dict = {}
        self._guided: dict[int, object] = {}

    # ------------------------------------------------------------------ which score
    @staticmethod
    def _logit_rule_for(step: Step) -> str:
        op, name = step.op, type(step.op).__name__
        if name == "Softmax" or (name == "Activation" and _activation_name(op) in SOFTMAX_LIKE):
            return "its input"
        act = _activation_name(op)
        if act in SOFTMAX_LIKE and isinstance(op, keras.layers.Dense):
            return "without its activation"
        if act in SOFTMAX_LIKE:
            return "as is, a probability"
        return "as is, a logit"

    def _final_call(self, op, args, kwargs):
        if self._logit_rule == "its input":
            return args[0] if args else kwargs["inputs"]
        if self._logit_rule == "without its activation":
            x = args[0] if args else kwargs["inputs"]
            y = keras.ops.matmul(x, op.kernel)
            return y + op.bias if op.use_bias else y
        return inference_call(op, args, kwargs)

    # ------------------------------------------------------------------ guided ReLUs
    def _guided_call(self, op, args, kwargs):
        """``op`` with its ReLU replaced by a guided one (gradients pass only where both the
        input and the incoming gradient are positive); None when ``op`` has no ReLU."""
        name = type(op).__name__
        if name in RELU_LAYERS or (name == "Activation" and _activation_name(op) == "relu"):
            return _guided_relu(args[0], getattr(op, "max_value", None))
        act = _activation_name(op)
        if act in ("relu", "relu6") and id(op) in self._guided:
            return _guided_relu(inference_call(self._guided[id(op)], args, kwargs),
                                6.0 if act == "relu6" else None)
        return None

    def _prepare_guided(self) -> None:
        """Linear twins (same weights, no activation) of the layers with a built-in ReLU, made
        eagerly before tracing; the user's layers are left as they are."""
        for step in self.graph.steps:
            op = step.op
            if id(op) in self._guided or _activation_name(op) not in ("relu", "relu6") \
                    or type(op).__name__ == "Activation":
                continue
            twin = type(op).from_config(dict(op.get_config(), activation="linear"))
            twin.build(step.inputs[0].shape)
            twin.set_weights(op.get_weights())
            self._guided[id(op)] = twin

    def count_relus(self) -> int:
        """How many layers apply a ReLU (guided backpropagation needs at least one)."""
        return sum(1 for s in self.graph.steps
                   if type(s.op).__name__ in RELU_LAYERS
                   or _activation_name(s.op) in ("relu", "relu6"))

    # ------------------------------------------------------------------ the replay
    def _forward(self, x, taps: Sequence[str], guided: bool):
        final_op, final_number = self._final.op, self._final.call_number
        seen: dict[int, int] = {}

        def call(op, args, kwargs):
            number = seen.get(id(op), 0)
            seen[id(op)] = number + 1
            if op is final_op and number == final_number:
                return self._final_call(op, args, kwargs)
            if guided:
                out = self._guided_call(op, args, kwargs)
                if out is not None:
                    return out
            return inference_call(op, args, kwargs)

        steps, outputs = walk(self.graph.model, [x], call)
        by_path = {s.path: s for s in steps}
        scores = outputs[self.output_index]
        tapped = [by_path[p].outputs[0] for p in taps]
        return tf.reshape(scores, (tf.shape(scores)[0], -1)), tapped

    def forward(self, x, taps: Sequence[str] = ()):
        """Traceable: the ``(B, classes)`` scores of tensor ``x`` and the outputs of layers
        ``taps`` (for callers that build their own ``tf.function``, e.g. feature
        visualisation)."""
        return self._forward(x, tuple(taps), False)

    def _signature(self):
        shape = tuple(self.graph.inputs[0].shape)
        return tf.TensorSpec(shape, self.graph.inputs[0].dtype or "float32")

    def scores(self, x: np.ndarray) -> np.ndarray:
        """``(B, classes)`` scores (logits or probabilities, see :attr:`score_kind`)."""
        key = ("scores",)
        if key not in self._compiled:
            self._compiled[key] = tf.function(lambda t: self._forward(t, (), False)[0],
                                              input_signature=[self._signature()])
        return self._compiled[key](tf.convert_to_tensor(x, tf.float32)).numpy()

    def gradients(self, x: np.ndarray, classes: Sequence[int], taps: Sequence[str] = (),
                  guided: bool = False):
        """The score of ``classes[i]`` for example ``i`` and its gradients.

        Returns:
            ``(scores (B,), d score / d x (B, ...), [tap values], [d score / d tap])`` as numpy.
        """
        taps = tuple(taps)
        key = ("gradients", taps, guided)
        if guided:
            self._prepare_guided()
        if key not in self._compiled:
            def run(t, cls):
                with tf.GradientTape() as tape:
                    tape.watch(t)
                    scores, tapped = self._forward(t, taps, guided)
                    picked = tf.gather(scores, cls, axis=1, batch_dims=1)
                    total = tf.reduce_sum(picked)
                grads = tape.gradient(total, [t, *tapped])
                return picked, grads[0], tapped, grads[1:]

            self._compiled[key] = tf.function(
                run, input_signature=[self._signature(), tf.TensorSpec([None], tf.int32)])
        picked, dx, tapped, dtaps = self._compiled[key](
            tf.convert_to_tensor(x, tf.float32), tf.constant(list(classes), tf.int32))
        return (picked.numpy(), dx.numpy(), [t.numpy() for t in tapped],
                [g.numpy() for g in dtaps])

    def taps(self, x: np.ndarray, taps: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        """Scores ``(B, classes)`` and the outputs of layers ``taps`` for a batch."""
        taps = tuple(taps)
        key = ("taps", taps)
        if key not in self._compiled:
            self._compiled[key] = tf.function(lambda t: self._forward(t, taps, False),
                                              input_signature=[self._signature()])
        scores, tapped = self._compiled[key](tf.convert_to_tensor(x, tf.float32))
        return scores.numpy(), [t.numpy() for t in tapped]


def _guided_relu(x, max_value):
    @tf.custom_gradient
    def guided(t):
        y = tf.nn.relu(t) if max_value is None else tf.clip_by_value(t, 0.0, float(max_value))

        def grad(upstream):
            keep = tf.cast(t > 0, upstream.dtype) * tf.cast(upstream > 0, upstream.dtype)
            if max_value is not None:
                keep *= tf.cast(t < float(max_value), upstream.dtype)
            return upstream * keep

        return y, grad

    return guided(x)
