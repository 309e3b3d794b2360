"""The architecture diagram (issue 15): building the diagram from the model graph and laying
it out with grandalf's Sugiyama layout, folded (the default for models over 60 layers: the
top-level blocks collapsed) and fully open; then the window's scene for that layout.

LeNet-5, GoogLeNet, ResNet50 and EfficientNetB7 (untrained, offline); goal: EfficientNetB7's
default layout < 2 s. The layout runs on the worker's thread and is kept per set of open
groups, so the window only builds the scene.

Run: ``python benchmarks/diagram.py [--quick] [--repeats N] [--json PATH]``
"""

from __future__ import annotations

import time

import common

MODELS = {"lenet5": "LeNet-5", "googlenet": "GoogLeNet", "resnet50": "ResNet50",
          "efficientnetb7": "EfficientNetB7"}


_VIEW: list = []


def _scene_seconds(diagram, drawn) -> tuple[float | None, float | None, float | None]:
    """Seconds the Diagram tab takes to build its scene for ``drawn`` (offscreen Qt), and the
    median time to paint one 900×700 frame while panning: at 1:1 and fitted to the view."""
    try:
        from PySide6.QtWidgets import QApplication

        from explorer.widgets.diagram_view import DiagramView
    except ImportError:
        return None, None, None
    app = QApplication.instance() or QApplication([])
    if not _VIEW:
        _VIEW.append(DiagramView())
        _VIEW[0].resize(900, 700)
    view = _VIEW[0]
    start = time.perf_counter()
    view.show_diagram("bench", diagram, drawn)
    app.processEvents()
    scene = time.perf_counter() - start
    frames = []
    for fit in (False, True):
        view.canvas.resetTransform()
        if fit:
            view.fit()
        bar, times = view.canvas.verticalScrollBar(), []
        for step in range(8):  # pan down 150 px a frame, painting each frame
            bar.setValue(bar.minimum() + step * 150)
            begin = time.perf_counter()
            view.canvas.viewport().grab()
            times.append(time.perf_counter() - begin)
        frames.append(common.median(times))
    return scene, frames[0], frames[1]


def build(args) -> dict:
    from explorer.core.diagram.layout import layout, resolve_expansion
    from explorer.core.graph.diagram import build_diagram
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.models import loading

    names = ("lenet5",) if args.quick else tuple(MODELS)
    repeats = args.repeats or (2 if args.quick else 3)
    rows, goals = [], []
    for name in names:
        model = loading.load_model(name, weights="untrained").model
        graph = ModelGraph(model)
        start = time.perf_counter()
        diagram = build_diagram(graph)
        build_s = time.perf_counter() - start
        default = resolve_expansion(diagram, "auto")
        for label, expanded in (("default", default), ("all open", "all")):
            if label == "all open" and default == resolve_expansion(diagram, "all"):
                continue
            times = [layout(diagram, expanded).seconds for _ in range(repeats)]
            drawn = layout(diagram, expanded)
            scene, frame, fitted = _scene_seconds(diagram, drawn)
            rows.append([MODELS[name], len(diagram.nodes), len(diagram.groups), label,
                         len(drawn.nodes), len(drawn.edges), common.ms(build_s),
                         common.ms(common.median(times)), common.spread(times),
                         common.ms(scene) if scene is not None else "—",
                         common.ms(frame) if frame is not None else "—",
                         common.ms(fitted) if fitted is not None else "—"])
            if name == "efficientnetb7":
                goals.append(common.goal(f"EfficientNetB7 layout ({label}) < 2 s",
                                         f"{common.median(times):.2f} s",
                                         common.median(times) < 2))
    table = common.table(["Model", "layers", "blocks", "open", "boxes", "edges",
                          "diagram ms", "layout ms", "range ms", "scene ms", "frame ms 1:1",
                          "frame ms fit"], rows, "lrrlrrrrrrrr")
    return {"title": "Architecture diagram layout (grandalf Sugiyama)", "tables": [table],
            "notes": ["diagram: nodes/edges/groups from the model graph the worker holds; "
                      "layout: grandalf's SugiyamaLayout (ranking, 1.5 ordering sweeps, "
                      "Brandes–Köpf placement, dummy-vertex edge routes), on the worker's "
                      "thread and cached per set of open blocks; scene: the Diagram tab "
                      "building its QGraphicsScene (GUI thread, offscreen); frame: painting one 900×700 view while "
                      "panning (median of 8 frames 150 px apart), at 1:1 and fitted (texts are "
                      "skipped below 35 % zoom)."],
            "goals": goals}


if __name__ == "__main__":
    common.run_main(build, __doc__.splitlines()[0])
