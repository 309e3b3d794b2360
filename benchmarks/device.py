"""The prepared device check (issue 18): what a machine with a GPU is asked, in one short run.

1. **The device** as the app configures it (``core.device.configure``): kind, name, count,
   memory growth; on a GPU, TensorFlow's peak GPU memory after the run.
2. **ResNet50 all-layer capture against a bare forward pass** (untrained, 224×224, one
   image, interleaved): ``predict_on_batch`` against ``ActivationProbe.run`` (every layer's
   output, as the app captures it; on a GPU that includes copying every layer to the host).
3. **The capture through the engine process against in-process** (``engine.capture``: both
   workers in one process, image by image).
4. **An explanation**: Grad-CAM of one image against the forward pass.
5. **A training step**: ``train_on_batch`` of a batch of 16, after the first (traced) one.

It runs on a CPU machine too (the device then reads ``CPU``). With ``--quick`` (the smoke
test): LeNet-5, no engine, two rounds.

Run: ``python benchmarks/device.py [--quick] [--json out.json]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402  (sets the environment before TensorFlow loads)


def build(args) -> dict:
    import numpy as np

    from explorer.core.device import configure
    from explorer.core.explain.methods import explain
    from explorer.core.explain.scores import ScoreFunction
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.graph.probe import ActivationProbe
    from explorer.core.models.loading import load_model
    from explorer.core.pixels.preprocess import PreparedInput

    device = configure()
    name = "lenet5" if args.quick else "resnet50"
    repeats = args.repeats or (2 if args.quick else 9)
    model, x = common.load(name)
    probe, graph = ActivationProbe(model), ModelGraph(model)
    spec = load_model(common.MODELS[name][1], weights="untrained").spec
    prepared = PreparedInput(x, np.zeros(x.shape[1:], np.uint8), ())
    scores = ScoreFunction(graph)
    batch = np.repeat(x, 16, axis=0)
    labels = np.zeros((16,), np.int64)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    first_step = common.timed(lambda: model.train_on_batch(batch, labels))
    calls = {
        "bare forward (predict_on_batch)": lambda: model.predict_on_batch(x),
        "all-layer capture (ActivationProbe.run)": lambda: probe.run(x),
        "Grad-CAM of one class": lambda: explain(graph, spec, prepared, "gradcam",
                                                 score_function=scores, class_index=0),
        "training step (batch of 16)": lambda: model.train_on_batch(batch, labels),
    }
    times = common.interleaved(calls, repeats)
    forward = common.median(times["bare forward (predict_on_batch)"])
    rows = [[label, common.ms(common.median(values)), common.spread(values),
             f"{common.median(values) / forward:.2f}×"] for label, values in times.items()]
    held = sum(a.nbytes for a in probe.run(x).values())
    capture_ratio = common.median(times["all-layer capture (ActivationProbe.run)"]) / forward
    tables = [
        common.table(["Device", "name", "count", "memory growth"],
                     [[device.kind, device.name, device.count,
                       "on" if device.memory_growth else "off (no GPU)"]]),
        common.table([f"{common.MODELS[name][0]}, one image", "median ms", "range ms",
                      "× bare forward"], rows, "lrrr"),
    ]
    notes = [f"Capture: {len(probe.paths)} outputs, {held / 2**20:.0f} MiB; the first "
             f"training step (traced) took {first_step:.1f} s."]
    goals = [common.goal("all-layer capture on this device, against a bare forward",
                         f"{capture_ratio:.2f}×", None)]
    if device.kind == "GPU":
        import tensorflow as tf

        peak = tf.config.experimental.get_memory_info("GPU:0")["peak"]
        notes.append(f"GPU memory peak (TensorFlow's allocator, memory growth on): "
                     f"{peak / 2**20:.0f} MiB.")
    if not args.quick:
        import engine

        measured = engine.capture(12)["seconds"]
        thread, process = (common.median(measured[m][1:]) for m in ("thread", "process"))
        tables.append(common.table(
            ["ResNet50 capture, submit to result", "median ms"],
            [["in-process (worker thread)", common.ms(thread)],
             ["engine process, shared memory", common.ms(process)]]))
        goals.append(common.goal(f"capture through the engine ≤ {engine.CAPTURE_RATIO_GOAL}× "
                                 "in-process, on this device", f"{process / thread:.2f}×",
                                 process / thread <= engine.CAPTURE_RATIO_GOAL))
    return {"title": "The device check", "tables": tables, "notes": notes, "goals": goals}


if __name__ == "__main__":
    common.run_main(build, __doc__.splitlines()[0])
