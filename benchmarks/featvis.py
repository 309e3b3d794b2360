"""Seconds per feature visualisation (issue 14) at a few step counts and image sizes.

For the bundled Fashion CNN (28×28 grey; its trained weights ship) and MobileNet (224×224 RGB;
built untrained: the timings do not depend on the weights), one visualisation of a class logit
and one of a middle layer's channel, each after a warm-up run that traces the step (the first
visualisation of a layer pays the trace once; its time is reported apart). The optimised image
is resized to the model's input inside the graph, so for a fixed-size model the image size
changes only the Fourier parametrisation's cost.

Run: ``python benchmarks/featvis.py [--quick] [--repeats N] [--json PATH]``
"""

from __future__ import annotations

import time

import common

#: (benchmark name, catalogue name, weights, channel layer, sizes)
CASES = (("Fashion CNN", "fashion-cnn", "default", "conv2b", (28, 64)),
         ("MobileNet", "mobilenet", "untrained", "conv_pw_6_bn", (128, 224)))
STEPS = (64, 256)
GOAL_SECONDS = 60  # one default (256-step) MobileNet visualisation on this CPU


def build(args) -> dict:
    from explorer.core.explain.scores import ScoreFunction
    from explorer.core.featvis.optimize import make_objective, visualize
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.models.loading import load_model

    cases = CASES[:1] if args.quick else CASES
    steps_list = (16,) if args.quick else STEPS
    repeats = args.repeats or 1
    rows, goals = [], []
    for title, name, weights, layer, sizes in cases:
        loaded = load_model(name, weights=weights)
        graph = ModelGraph(loaded.model)
        fn = ScoreFunction(graph)
        for what, objective in (("class 1 logit", make_objective(graph, class_index=1)),
                                (f"{layer} channel 0", make_objective(graph, layer, 0))):
            for size in sizes[:1] if args.quick else sizes:
                start = time.perf_counter()
                visualize(graph, loaded.spec, objective, steps=2, size=size, score_function=fn)
                trace = time.perf_counter() - start
                for steps in steps_list:
                    times = [visualize(graph, loaded.spec, objective, steps=steps, size=size,
                                       seed=r, score_function=fn).seconds
                             for r in range(repeats)]
                    sec = common.median(times)
                    rows.append([title, what, f"{size}", f"{steps}", f"{sec:.2f}",
                                 f"{1000 * sec / steps:.1f}", f"{trace:.1f}"])
                    if name == "mobilenet" and steps == 256 and size == 224:
                        goals.append(common.goal(
                            f"one 256-step MobileNet visualisation ≤ {GOAL_SECONDS} s ({what})",
                            f"{sec:.1f} s", sec <= GOAL_SECONDS))
    table = common.table(["Model", "Objective", "size px", "steps", "seconds", "ms / step",
                          "first call s (trace)"], rows, "llrrrrr")
    notes = ["One image per visualisation (batch 1), Adam 0.05, jitter/scale/rotation each "
             "step; the window and `cnn-explorer visualize` default to 256 steps. Seconds are "
             f"the median of {repeats} run(s) after the trace."]
    return {"title": "Feature visualisation: seconds per image", "tables": [table],
            "notes": notes, "goals": goals}


if __name__ == "__main__":
    common.run_main(build, __doc__.splitlines()[0])
