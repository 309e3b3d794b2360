"""Explanation methods against one forward pass of the same model, in the same run (issue 12).

For each model (ResNet50 and MobileNetV2 at 224, weights untrained: the timings do not depend on
them), each method is timed after one warm-up call (its trace), interleaved with a plain
forward pass (``model.predict_on_batch``), and reported as a ratio to that forward pass. Where
``tf-keras-vis`` installs and works with the installed Keras, its Grad-CAM runs too.

Run: ``python benchmarks/explain.py [--quick] [--repeats N] [--json PATH]``
"""

from __future__ import annotations

import common
import numpy as np

#: method -> (goal ratio to one forward pass, options)
GOALS = {"gradcam": (2, {}), "saliency": (2, {}), "smoothgrad": (10, {"samples": 25}),
         "integrated-gradients": (12, {"steps": 32}), "scorecam": (20, {"channels": 64}),
         "occlusion": (30, {"patch": 16, "stride": 8})}


def _tf_keras_vis(model, x):
    """tf-keras-vis' Grad-CAM, or the reason it cannot run here."""
    try:
        from tf_keras_vis.gradcam import Gradcam
        from tf_keras_vis.utils.scores import CategoricalScore

        cam = Gradcam(model, clone=True)
        cam(CategoricalScore([0]), x)  # trace
        return lambda: cam(CategoricalScore([0]), x), ""
    except Exception as exc:  # noqa: BLE001 - any failure is a finding to report
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"


def build(args) -> dict:
    from explorer.core.explain.methods import explain
    from explorer.core.explain.scores import ScoreFunction
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.pixels.preprocess import PreparedInput

    names = common.QUICK_MODELS if args.quick else ("resnet50", "mobilenetv2")
    repeats = args.repeats or (1 if args.quick else 3)
    methods = {m: GOALS[m] for m in (("gradcam", "saliency") if args.quick else GOALS)}
    rows, goals, notes = [], [], []
    for name in names:
        model, x = common.load(name)
        graph = ModelGraph(model)
        from explorer.core.models.loading import load_model

        spec = load_model(common.MODELS[name][1], weights="untrained").spec
        pixels = np.zeros(x.shape[1:3] + (x.shape[3],), np.uint8)
        prepared = PreparedInput(x, pixels, ())
        fn = ScoreFunction(graph)
        calls = {"forward": lambda: model.predict_on_batch(x)}
        for method, (_, options) in methods.items():
            calls[method] = (lambda m=method, o=options: explain(
                graph, spec, prepared, m, score_function=fn, class_index=0, **o))
        vis, why = _tf_keras_vis(model, x) if not args.quick else (None, "not run (--quick)")
        if vis is not None:
            calls["tf-keras-vis Grad-CAM"] = vis
        elif name == names[0]:
            notes.append(f"tf-keras-vis: {why}")
        times = common.interleaved(calls, repeats)
        forward = common.median(times["forward"])
        for method, values in times.items():
            ratio = common.median(values) / forward
            goal = GOALS.get(method, (None,))[0]
            rows.append([common.MODELS[name][0], method, common.ms(common.median(values)),
                         common.spread(values), f"{ratio:.1f}×",
                         f"≤ {goal}×" if goal else ""])
            if goal:
                goals.append(common.goal(f"{method} ≤ {goal}× a forward pass ({name})",
                                         f"{ratio:.1f}×", ratio <= goal))
    table = common.table(["Model", "Method", "median ms", "range ms", "× forward", "goal"],
                         rows, "llrrrr")
    notes.append("Every method explains class 0 through the model graph's replay (logits, "
                 "gradients in one traced tf.function); batches of 16 (gradients), 32 "
                 "(Score-CAM masks, occlusion patches). Forward = predict_on_batch of one image.")
    return {"title": "Explanations vs one forward pass", "tables": [table], "notes": notes,
            "goals": goals}


if __name__ == "__main__":
    common.run_main(build, __doc__.splitlines()[0])
