"""The layer table: one :class:`LayerInfo` row per layer call, from a walk's steps.

Rows carry shapes, weight counts, window parameters, receptive field, multiply-accumulates,
memory and the arithmetic that turns the input size into the output size — plain Python, ready
to cross to the GUI thread. :class:`~explorer.core.graph.model_graph.ModelGraph` builds them
once per model.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.core.graph import layer_math as lm
from explorer.core.graph.walk import Step


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


def build_table(steps: list[Step]) -> list[LayerInfo]:
    """One :class:`LayerInfo` per step of a symbolic walk, in execution order."""
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


