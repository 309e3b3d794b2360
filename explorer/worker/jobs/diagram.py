"""The architecture diagram of the current model (``core.graph.diagram`` + ``core.diagram``).

The diagram is built once per model from the graph the worker already holds; each layout (one
per set of open groups) is kept, so folding a block back is instant.
"""

from __future__ import annotations

from collections import OrderedDict

from explorer.core.diagram.layout import layout, resolve_expansion
from explorer.core.graph.diagram import build_diagram
from explorer.worker.messages import DiagramResult, GetDiagram
from explorer.worker.registry import job
from explorer.worker.state import JobState

LAYOUTS_KEPT = 32
_DIAGRAM, _LAYOUTS = "diagram/diagram", "diagram/layouts"


def diagram_for(state: JobState):
    """The current model's diagram, built on first use and kept with the model."""
    extras = state.memory.extras
    if _DIAGRAM not in extras:
        extras[_DIAGRAM] = build_diagram(state.memory.require_model().graph)
    return extras[_DIAGRAM]


@job(GetDiagram)
def run_diagram(request: GetDiagram, state: JobState) -> DiagramResult:
    """The diagram laid out with ``request.expanded`` open (the default when None)."""
    active = state.memory.require_model()
    diagram = diagram_for(state)
    expanded = resolve_expansion(diagram, "auto" if request.expanded is None
                                 else request.expanded)
    layouts = state.memory.extras.setdefault(_LAYOUTS, OrderedDict())
    if expanded in layouts:
        layouts.move_to_end(expanded)
        return DiagramResult(0, active.name, diagram, layouts[expanded], cached=True)
    state.check()
    drawn = layouts[expanded] = layout(diagram, expanded)
    while len(layouts) > LAYOUTS_KEPT:
        layouts.popitem(last=False)
    return DiagramResult(0, active.name, diagram, drawn)
