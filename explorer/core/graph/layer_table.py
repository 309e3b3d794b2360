"""The layer table: one :class:`LayerInfo` row per layer call, from a walk's steps.

Rows carry shapes, weight counts, window parameters, receptive field, multiply-accumulates,
memory and the arithmetic that turns the input size into the output size — plain Python, ready
to cross to the GUI thread. :class:`~explorer.core.graph.model_graph.ModelGraph` builds them
once per model.
"""

from __future__ import annotations

from explorer.core.graph import layer_math as lm
from explorer.core.graph.records import LayerInfo  # noqa: F401 - re-exported
from explorer.core.graph.walk import Step


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


