"""A model graph as a :class:`~explorer.core.diagram.model.Diagram`: nodes from the layer table,
edges from the walk's parents, groups from the paths.

A path's segments before the layer's own segment are nested models (a transfer-learning base);
the parts of a dotted layer name before its last part are the model's own blocks
(``unit3.conv2`` → block ``unit3``). Both become groups. Layers named the way
``keras.applications`` names its blocks (``conv2_block1_1_conv``, ``block1a_dwconv``,
``block_3_expand``) are grouped by that prefix too (``conv2_block1``, ``block1a``, ``block_3``),
so a ResNet-50 or an EfficientNet folds into its blocks like the code-built models.
"""

from __future__ import annotations

import re

from explorer.core.diagram.model import (
    MERGE_SYMBOLS,
    Diagram,
    DiagramEdge,
    DiagramGroup,
    DiagramNode,
)
from explorer.core.graph.walk import segment

APPLICATION_BLOCK = re.compile(r"^((?:.*_)?block_?\d+[a-z]?)_.")
"""A ``keras.applications`` block prefix: ``conv2_block1``, ``block1a``, ``block_3``."""


def application_block(name: str) -> str | None:
    """The block a ``keras.applications`` layer name belongs to, or None (dotted names, which
    the code-built models use, are grouped by their dots instead)."""
    if "." in name:
        return None
    match = APPLICATION_BLOCK.match(name)
    return match.group(1) if match else None


def _batchless(value) -> tuple:
    return tuple(None if d is None else int(d) for d in value.shape[1:])


def _kind(step, info) -> str:
    if step.is_input:
        return "input"
    if info.type in MERGE_SYMBOLS:
        return "merge"
    return info.kind


def build_diagram(graph) -> Diagram:
    """The diagram of ``graph`` (a :class:`~explorer.core.graph.model_graph.ModelGraph`).

    Returns:
        one node per step (id = path), one edge per input of a step whose producer is known,
        one group per block or nested model, outer groups first.
    """
    steps, table = graph.steps, graph.table
    nodes, edges = [], []
    members: dict[str, list[str]] = {}
    nested: set[str] = set()
    for step, info in zip(steps, table):
        own = segment(step.op, step.call_number)
        model_prefix = step.path[: len(step.path) - len(own)].rstrip("/")
        if model_prefix:
            parts = model_prefix.split("/")
            nested.update("/".join(parts[:i + 1]) for i in range(len(parts)))
        group = info.group
        block = application_block(step.op.name)
        if block is not None:
            group = f"{group}/{block}" if group else block
        parts = group.split("/") if group else []
        for i in range(len(parts)):
            members.setdefault("/".join(parts[:i + 1]), []).append(step.path)
        nodes.append(DiagramNode(id=step.path, name=step.path.rsplit("/", 1)[-1], type=info.type,
                                 kind=_kind(step, info), output_shape=info.output_shape,
                                 params=info.params, group=group,
                                 detail=info.arithmetic or ""))
        for value, parent in zip(step.inputs, step.parents):
            if parent is not None:
                edges.append(DiagramEdge(steps[parent].path, step.path, _batchless(value)))
    order = {n.id: i for i, n in enumerate(nodes)}
    groups = tuple(DiagramGroup(id=g, name=g.rsplit("/", 1)[-1], members=tuple(m),
                                nested_model=g in nested)
                   for g, m in sorted(members.items(),
                                      key=lambda kv: (kv[0].count("/"), order[kv[1][0]])))
    return Diagram(name=graph.model.name, nodes=tuple(nodes), edges=tuple(edges), groups=groups)
