"""The diagram of a model: one node per layer call, one edge per tensor passed from a layer to a
layer, and the blocks (residual units, inception modules, nested models) as groups.

Plain frozen dataclasses of Python values, so a diagram crosses from the worker to the window
as it is, and :meth:`Diagram.to_json` is what ``cnn-explorer graph --format json`` writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

KINDS = ("input", "conv", "pool", "norm", "activation", "merge", "dense", "other")
"""The node kinds, which the drawing colours."""

MERGE_SYMBOLS = {"Add": "+", "Concatenate": "∥", "Multiply": "×", "Subtract": "−",
                 "Average": "μ", "Maximum": "max", "Minimum": "min", "Dot": "·"}
"""The merge layer types and the symbol a merge node shows."""
ELEMENTWISE_MERGES = frozenset(MERGE_SYMBOLS) - {"Concatenate", "Dot"}
"""Merges of same-shaped tensors: an edge that skips layers into one is a skip connection (a
residual's identity, an SE gate's input), unlike the branches of a concatenation."""


def as_lists(shape):
    """A shape (tuple, or a list of tuples) as JSON lists."""
    if isinstance(shape, list):
        return [list(s) for s in shape]
    return list(shape) if shape is not None else None


@dataclass(frozen=True)
class DiagramNode:
    """One layer call.

    Attributes:
        id: the layer's path (``unit3/conv2``, ``mobilenet_1.00_224/conv1``).
        name: its short name (the last segment of the path).
        type: the layer class (``Conv2D``).
        kind: one of :data:`KINDS`.
        output_shape: batchless output shape (a list of shapes for several outputs).
        params: every weight of the layer.
        group: the innermost group holding it (``""`` at the top level).
        detail: one line for the tooltip (the size arithmetic), may be empty.
    """

    id: str
    name: str
    type: str
    kind: str
    output_shape: tuple | list
    params: int
    group: str
    detail: str = ""

    @property
    def is_merge(self) -> bool:
        """True for Add, Concatenate, Multiply and the other merges."""
        return self.type in MERGE_SYMBOLS


@dataclass(frozen=True)
class DiagramEdge:
    """One tensor passed from layer ``source`` to layer ``target``.

    Attributes:
        source: the producing node's id.
        target: the consuming node's id.
        shape: the tensor's batchless shape.
    """

    source: str
    target: str
    shape: tuple


@dataclass(frozen=True)
class DiagramGroup:
    """A block: every layer whose path starts with ``id + "/"``.

    Attributes:
        id: the group's path (``unit3``, ``mobilenet_1.00_224``, ``base/stem``).
        name: its last segment.
        members: the ids of every node inside, at any depth, in model order.
        nested_model: True when the group is a nested model (a transfer-learning base), False
            for a block of a model's own layers (``unit3.conv1``...).
    """

    id: str
    name: str
    members: tuple[str, ...]
    nested_model: bool = False

    @property
    def parent(self) -> str:
        """The enclosing group's id (``""`` at the top level)."""
        return self.id.rpartition("/")[0]

    @property
    def depth(self) -> int:
        """0 for a top-level group."""
        return self.id.count("/")


@dataclass(frozen=True)
class Diagram:
    """A model's graph for drawing.

    Attributes:
        name: the model's name.
        nodes: one per layer call, in execution order (inputs first).
        edges: one per tensor passed from a layer to a layer.
        groups: the blocks, outer ones before the groups inside them.
    """

    name: str
    nodes: tuple[DiagramNode, ...]
    edges: tuple[DiagramEdge, ...]
    groups: tuple[DiagramGroup, ...]

    @cached_property
    def node_by_id(self) -> dict[str, DiagramNode]:
        """Nodes by id."""
        return {n.id: n for n in self.nodes}

    @cached_property
    def group_by_id(self) -> dict[str, DiagramGroup]:
        """Groups by id."""
        return {g.id: g for g in self.groups}

    def ancestors(self, node_id: str) -> list[str]:
        """The groups holding ``node_id``, outermost first."""
        group = self.node_by_id[node_id].group if node_id in self.node_by_id else \
            node_id.rpartition("/")[0]
        out = []
        while group:
            if group in self.group_by_id:
                out.append(group)
            group = group.rpartition("/")[0]
        return out[::-1]

    def top_groups(self) -> list[str]:
        """The ids of the top-level groups."""
        return [g.id for g in self.groups if not g.parent or g.parent not in self.group_by_id]

    def to_json(self) -> dict:
        """``{"nodes": [...], "edges": [...], "groups": [...]}`` (``cnn-explorer graph``)."""
        return {
            "model": self.name,
            "nodes": [{"id": n.id, "name": n.name, "type": n.type, "kind": n.kind,
                       "output_shape": as_lists(n.output_shape), "params": n.params,
                       "group": n.group} for n in self.nodes],
            "edges": [{"from": e.source, "to": e.target, "shape": as_lists(e.shape)}
                      for e in self.edges],
            "groups": [{"id": g.id, "name": g.name, "members": list(g.members)}
                       for g in self.groups],
        }
