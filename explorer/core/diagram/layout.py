"""Lay a :class:`~explorer.core.diagram.model.Diagram` out top to bottom with grandalf.

grandalf's :class:`~grandalf.layouts.SugiyamaLayout` ranks the nodes in layers, reorders each
layer to cut edge crossings, places them (Brandes & Köpf) and routes every edge longer than one
layer through dummy vertices: those become the edge's bends, so a skip connection goes round
the layers it skips. Collapsed groups are one node each (with the shapes going in and coming
out); expanded groups are frames drawn around their members. Sizes are estimated from the text
(:func:`text_width`), so the SVG, the PNG and the window draw the same boxes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

from explorer.core.diagram.model import ELEMENTWISE_MERGES, MERGE_SYMBOLS, Diagram
from explorer.core.text import format_count, format_shape

AUTO_LIMIT = 60
"""``expand="auto"`` opens every group of a model up to this many layers, none above."""
FONT_SIZE = 11
"""Pixel size of the text the sizes are estimated for."""
CHAR_WIDTH = 6.6
"""Average advance of one character at :data:`FONT_SIZE` (a sans-serif font)."""
LINE_HEIGHT = 14
PAD_X, PAD_Y = 10, 6
MIN_WIDTH, MAX_WIDTH = 84, 230
MAX_CHARS = int((MAX_WIDTH - 2 * PAD_X) / CHAR_WIDTH)
X_SPACE, Y_SPACE = 26, 34
THUMB_SLOT = 36
"""Room kept at the right of a layer with a height and width, for the selected layer's
feature-map thumbnail in the window."""
GROUP_MARGIN = 8
"""Room between an expanded group's frame and its members (per nesting level)."""
MAX_FRAMES = 3
"""Room is kept for this many nested frames around a node (deeper ones share it)."""
COMPONENT_GAP = 60
ORDERING_ROUNDS = 1.5
"""grandalf's ``draw(N)``: layer-reordering sweeps (down, up, down)."""


def text_width(text: str, bold: bool = False) -> float:
    """Estimated width of ``text`` in pixels at :data:`FONT_SIZE`."""
    return len(text) * CHAR_WIDTH * (1.08 if bold else 1.0)


def elide(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` cut in the middle with ``…`` to at most ``limit`` characters."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head):]


def shape_text(shape) -> str:
    """A shape as the diagram writes it (``28×28×6``; several joined by ``, ``)."""
    return format_shape(shape) if shape is not None else ""


@dataclass(frozen=True)
class NodeBox:
    """One drawn node: a layer, or a collapsed group.

    Attributes:
        id: the layer's path or the group's id.
        x, y, w, h: top-left corner and size.
        lines: the text lines, top to bottom (the first is the name, drawn bold).
        kind: the layer kind (``"group"`` for a collapsed group).
        type: the layer type (``"Group"``/``"Model"`` for a collapsed group).
        tooltip: the longer description (path, type, parameters, arithmetic).
        group: the expanded group it is drawn in (``""`` at the top level).
        members: how many layers a collapsed group holds (0 for a layer).
        thumb: the box keeps :data:`THUMB_SLOT` at its right for a feature-map thumbnail.
    """

    id: str
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    kind: str
    type: str
    tooltip: str
    group: str
    members: int = 0
    thumb: bool = False

    @property
    def is_group(self) -> bool:
        """True for a collapsed group."""
        return self.kind == "group"

    @property
    def is_merge(self) -> bool:
        """True for Add, Concatenate, Multiply..."""
        return self.kind == "merge"

    @property
    def centre(self) -> tuple[float, float]:
        """The box's centre."""
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass(frozen=True)
class EdgePath:
    """One drawn edge.

    Attributes:
        source, target: the ids of the drawn nodes it joins.
        points: the polyline from the source's bottom to the target's top, bends included.
        shape: the tensor's shape.
        label: the shape as text where it changes on this edge (else ``""``).
        bypass: True when the edge skips layers into a merge (a residual skip, an SE gate's
            input), drawn dashed.
    """

    source: str
    target: str
    points: tuple[tuple[float, float], ...]
    shape: tuple
    label: str
    bypass: bool


@dataclass(frozen=True)
class GroupBox:
    """An expanded group's frame.

    Attributes:
        id, name: the group.
        x, y, w, h: the frame.
        depth: 0 for a top-level group.
        nested_model: True for a nested model.
    """

    id: str
    name: str
    x: float
    y: float
    w: float
    h: float
    depth: int
    nested_model: bool


@dataclass(frozen=True)
class DiagramLayout:
    """Where everything is drawn (pixels, y down).

    Attributes:
        nodes: the drawn nodes (layers and collapsed groups).
        edges: the drawn edges.
        groups: the frames of the expanded groups, outer ones first.
        width, height: the drawing's size.
        expanded: the ids of the expanded groups.
        seconds: how long the layout took.
    """

    nodes: tuple[NodeBox, ...]
    edges: tuple[EdgePath, ...]
    groups: tuple[GroupBox, ...]
    width: float
    height: float
    expanded: frozenset[str]
    seconds: float

    @cached_property
    def node_by_id(self) -> dict[str, NodeBox]:
        """Drawn nodes by id."""
        return {n.id: n for n in self.nodes}


def resolve_expansion(diagram: Diagram, expand: str | Iterable[str] = "auto") -> frozenset[str]:
    """The groups to draw open.

    Args:
        diagram: the diagram.
        expand: ``"all"``, ``"none"``, ``"auto"`` (all for a model of at most
            :data:`AUTO_LIMIT` layers, else none: the top-level blocks collapsed), or the ids.
    """
    every = frozenset(g.id for g in diagram.groups)
    if expand == "all":
        return every
    if expand == "none":
        return frozenset()
    if expand == "auto":
        return every if len(diagram.nodes) <= AUTO_LIMIT else frozenset()
    return frozenset(expand) & every


def visible_id(diagram: Diagram, node_id: str, expanded: frozenset[str]) -> str:
    """The drawn node that shows ``node_id``: itself, or its outermost collapsed group."""
    for group in diagram.ancestors(node_id):
        if group not in expanded:
            return group
    return node_id


def _layer_box(node) -> tuple[tuple[str, ...], str, float, float]:
    if node.is_merge:
        lines = (f"{MERGE_SYMBOLS[node.type]}  {node.type}", elide(node.name),
                 shape_text(node.output_shape))
    else:
        lines = (elide(node.name), node.type, shape_text(node.output_shape))
    tip = [node.id, node.type, "output " + shape_text(node.output_shape)]
    if node.params:
        tip.append(f"{format_count(node.params)} parameters")
    if node.detail:
        tip.append(node.detail)
    w, h = _size(lines)
    return lines, "\n".join(tip), w + (THUMB_SLOT if _spatial(node.output_shape) else 0), h


def _spatial(shape) -> bool:
    return isinstance(shape, tuple) and len(shape) == 3 and all(
        d is not None and d >= 2 for d in shape[:2])


def _size(lines) -> tuple[float, float]:
    width = max(text_width(line, bold=i == 0) for i, line in enumerate(lines)) + 2 * PAD_X
    return min(MAX_WIDTH, max(MIN_WIDTH, width)), len(lines) * LINE_HEIGHT + 2 * PAD_Y


def _group_box(diagram, group, in_shapes, out_shapes):
    count = len(group.members)
    what = "model" if group.nested_model else "block"
    flow = " → ".join(s for s in (", ".join(dict.fromkeys(in_shapes)),
                                  ", ".join(dict.fromkeys(out_shapes))) if s)
    lines = (elide("▸ " + group.name), f"{what} · {count} layers", elide(flow))
    params = sum(diagram.node_by_id[m].params for m in group.members)
    types = {}
    for m in group.members:
        t = diagram.node_by_id[m].type
        types[t] = types.get(t, 0) + 1
    tip = [group.id, f"{what} of {count} layers, {format_count(params) or 0} parameters",
           ", ".join(f"{n}× {t}" for t, n in sorted(types.items(), key=lambda kv: -kv[1])[:6]),
           "in: " + (", ".join(dict.fromkeys(in_shapes)) or "—"),
           "out: " + (", ".join(dict.fromkeys(out_shapes)) or "—"),
           "double-click to open"]
    w, h = _size(lines)
    return lines, "\n".join(tip), min(MAX_WIDTH, w + 12), h  # room inside the double border


class _View:
    """What grandalf reads of a vertex: its size, and where it puts the centre."""

    def __init__(self, w: float, h: float):
        self.w, self.h = w, h
        self.xy = (0.0, 0.0)


class _EdgeView:
    def setpath(self, points) -> None:
        self.points = [tuple(p) for p in points]


def layout(diagram: Diagram, expanded: Iterable[str] | str = "auto") -> DiagramLayout:
    """Lay ``diagram`` out with grandalf's Sugiyama layout.

    Args:
        diagram: the diagram.
        expanded: the ids of the groups to draw open, or ``"auto"``/``"all"``/``"none"``
            (:func:`resolve_expansion`).

    Returns:
        The boxes, edge polylines and group frames.
    """
    from grandalf.graphs import Edge, Graph, Vertex
    from grandalf.layouts import SugiyamaLayout

    start = time.perf_counter()
    expanded = resolve_expansion(diagram, expanded)
    shown = {n.id: visible_id(diagram, n.id, expanded) for n in diagram.nodes}
    order: dict[str, int] = {}
    for n in diagram.nodes:
        order.setdefault(shown[n.id], len(order))
    edges: dict[tuple[str, str], object] = {}
    into: dict[str, set[str]] = {}
    for e in diagram.edges:
        into.setdefault(e.target, set()).add(shape_text(e.shape))
    in_shapes: dict[str, list[str]] = {}
    out_shapes: dict[str, list[str]] = {}
    for e in diagram.edges:
        a, b = shown[e.source], shown[e.target]
        if a == b:
            continue
        edges.setdefault((a, b), e)
        out_shapes.setdefault(a, []).append(shape_text(e.shape))
        in_shapes.setdefault(b, []).append(shape_text(e.shape))

    specs = {}
    for vid in order:
        if vid in diagram.node_by_id:
            specs[vid] = _layer_box(diagram.node_by_id[vid])
        else:
            specs[vid] = _group_box(diagram, diagram.group_by_id[vid], in_shapes.get(vid, []),
                                    out_shapes.get(vid, []))
    # frames need room: widen a node by the margins of the expanded groups around it
    depth = {vid: min(MAX_FRAMES, sum(1 for g in diagram.ancestors(vid) if g in expanded))
             for vid in order}
    vertices = {}
    for vid in order:
        v = Vertex(vid)
        w, h = specs[vid][2], specs[vid][3]
        v.view = _View(w + 2 * GROUP_MARGIN * depth[vid], h + 2 * GROUP_MARGIN * depth[vid])
        vertices[vid] = v
    gedges = []
    for (a, b) in edges:
        edge = Edge(vertices[a], vertices[b])
        edge.view = _EdgeView()
        gedges.append(edge)
    graph = Graph(list(vertices.values()), gedges)

    centres: dict[str, tuple[float, float]] = {}
    routes: dict[tuple[str, str], list] = {}
    offset_x = 0.0
    for component in graph.C:
        sugiyama = SugiyamaLayout(component)
        sugiyama.xspace, sugiyama.yspace = X_SPACE, Y_SPACE
        roots = sorted((v for v in component.sV if not v.e_in()), key=lambda v: order[v.data])
        sugiyama.init_all(roots=roots)
        sugiyama.draw(ORDERING_ROUNDS)
        xs = [v.view.xy[0] - v.view.w / 2 for v in component.sV]
        xe = [v.view.xy[0] + v.view.w / 2 for v in component.sV]
        shift = offset_x - min(xs)
        for v in component.sV:
            centres[v.data] = (v.view.xy[0] + shift, v.view.xy[1])
        for e in component.sE:
            routes[(e.v[0].data, e.v[1].data)] = [(x + shift, y) for x, y in e.view.points]
        offset_x += max(xe) - min(xs) + COMPONENT_GAP

    margin = 20.0
    boxes = []
    for vid in order:
        lines, tip, w, h = specs[vid]
        cx, cy = centres[vid]
        node = diagram.node_by_id.get(vid)
        if node is not None:
            kind, typ, count = node.kind, node.type, 0
            group = node.group
        else:
            g = diagram.group_by_id[vid]
            kind, typ, count = "group", "Model" if g.nested_model else "Group", len(g.members)
            group = g.parent
        while group and group not in expanded:
            group = group.rpartition("/")[0]
        thumb = node is not None and _spatial(node.output_shape)
        boxes.append(NodeBox(vid, cx - w / 2 + margin, cy - h / 2 + margin, w, h, lines, kind,
                             typ, tip, group, count, thumb))
    by_id = {b.id: b for b in boxes}

    paths = []
    labelled: set[tuple[str, str]] = set()
    for (a, b), e in edges.items():
        src, dst = by_id[a], by_id[b]
        route = routes.get((a, b)) or [src.centre, dst.centre]
        bends = [(x + margin, y + margin) for x, y in route[1:-1]]
        points = ((src.x + src.w / 2, src.y + src.h), *bends, (dst.x + dst.w / 2, dst.y))
        src_node = diagram.node_by_id.get(a)
        changes = (src_node is None or src_node.kind == "input"
                   or shape_text(e.shape) not in into.get(a, ()))
        label = shape_text(e.shape) if changes and (a, shape_text(e.shape)) not in labelled \
            else ""
        labelled.add((a, shape_text(e.shape)))
        paths.append(EdgePath(a, b, points, e.shape, label,
                              bypass=bool(bends) and dst.type in ELEMENTWISE_MERGES))

    frames = []
    for g in diagram.groups:
        if g.id not in expanded or any(a not in expanded for a in diagram.ancestors(g.id)):
            continue
        inside = {shown[m] for m in g.members if shown[m] in by_id}
        if not inside:
            continue
        pads = {vid: GROUP_MARGIN * max(0.5, depth[vid] - min(g.depth, MAX_FRAMES) - 0.25)
                for vid in inside}
        x0 = min(by_id[v].x - pads[v] for v in inside)
        y0 = min(by_id[v].y - pads[v] for v in inside)
        x1 = max(by_id[v].x + by_id[v].w + pads[v] for v in inside)
        y1 = max(by_id[v].y + by_id[v].h + pads[v] for v in inside)
        frames.append(GroupBox(g.id, g.name, x0, y0, x1 - x0, y1 - y0, g.depth, g.nested_model))
    width = max([b.x + b.w for b in boxes] + [f.x + f.w for f in frames] + [0]) + margin
    height = max([b.y + b.h for b in boxes] + [f.y + f.h for f in frames] + [0]) + margin
    return DiagramLayout(tuple(boxes), tuple(paths), tuple(frames), width, height, expanded,
                         time.perf_counter() - start)

