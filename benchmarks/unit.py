"""Selecting a unit (issue 13): the receptive-field box and the arithmetic from activations
already captured, and the effective receptive field, against one forward pass.

ResNet50 at 224 (untrained weights), a unit in the middle of ``conv4_block3_out``, of
``conv2_block1_1_conv`` and of ``conv5_block3_3_conv``; goals: box + arithmetic < 100 ms; the
effective field < 2 forward passes.

Run: ``python benchmarks/unit.py [--quick] [--repeats N] [--json PATH]``
"""

from __future__ import annotations

import common


def build(args) -> dict:
    from explorer.core.explain.unit import effective_field, unit_arithmetic
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.graph.probe import ActivationProbe
    from explorer.core.graph.receptive import unit_box

    name = "lenet5" if args.quick else "resnet50"
    layers = ("C3",) if args.quick else ("conv2_block1_1_conv", "conv4_block3_out",
                                         "conv5_block3_3_conv")
    repeats = args.repeats or (2 if args.quick else 7)
    model, x = common.load(name)
    graph = ModelGraph(model)
    acts = {k: v[0] for k, v in ActivationProbe(graph).run(x).items()}
    rows, goals = [], []
    for layer in layers:
        h, w, c = acts[layer].shape
        r, col, ch = h // 2, w // 2, c // 2
        calls = {"forward": lambda: model.predict_on_batch(x),
                 "box": lambda: unit_box(graph, layer, r, col),
                 "arithmetic": lambda: unit_arithmetic(graph, acts, layer, ch, r, col),
                 "effective field": lambda: effective_field(graph, x, layer, ch, r, col)}
        times = common.interleaved(calls, repeats)
        forward = common.median(times["forward"])
        box_and_terms = common.median(times["box"]) + common.median(times["arithmetic"])
        erf = common.median(times["effective field"])
        for method, values in times.items():
            rows.append([layer, method, common.ms(common.median(values), 2),
                         common.spread(values), f"{common.median(values) / forward:.2f}×"])
        goals.append(common.goal(f"box + arithmetic < 100 ms ({layer})",
                                 common.ms(box_and_terms) + " ms", box_and_terms < 0.1))
        goals.append(common.goal(f"effective field < 2 forward passes ({layer})",
                                 f"{erf / forward:.2f}×", erf / forward < 2))
    table = common.table(["Layer", "Step", "median ms", "range ms", "× forward"], rows,
                         "llrrr")
    return {"title": f"Selecting a unit ({common.MODELS[name][0]})", "tables": [table],
            "notes": ["The activations are the one-pass capture the window already holds; the "
                      "effective field is one traced forward + backward pass."],
            "goals": goals}


if __name__ == "__main__":
    common.run_main(build, __doc__.splitlines()[0])
