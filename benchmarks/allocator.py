"""TensorFlow's oneDNN kernels on and off: memory kept after a big capture, and forward speed.

With ``TF_ENABLE_ONEDNN_OPTS=1`` (TensorFlow's default on x86) the kernels come from oneDNN and
tensors from a pooling allocator that keeps every byte it ever handed out; with ``0`` (the app's
default, ``explorer.core.device.TENSORFLOW_DEFAULTS``) tensors come from ``malloc`` and the engine's fixed mmap threshold
(``explorer.core.heap``) gives freed outputs back to the system. Each setting runs in a
fresh process of its own, one after the other:

1. a traced function returns 40 activations of 600×600×24 float32 (1.4 GB, an
   EfficientNetB7-sized capture); resident memory is read while they are held and after they
   are dropped (``VmRSS``);
2. the median forward pass of a few ``keras.applications`` models (``weights=None``).

Run: ``python benchmarks/allocator.py [--quick] [--repeats N] [--json out.json]``
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402  (sets the environment before TensorFlow loads)

SETTINGS = ("1", "0")
MODELS = ("ResNet50", "EfficientNetB0", "MobileNetV2")
QUICK_MODELS = ("MobileNetV2",)
CAPTURE = (40, 600, 600, 24)
"""Outputs, height, width, channels of the big capture (quick: a tenth of the outputs)."""


def _child(models: list[str], outputs: int, repeats: int) -> dict:
    """Run in the fresh process: the capture, then the forward passes."""
    import gc

    import numpy as np

    from explorer.core.heap import fix_malloc_thresholds

    fix_malloc_thresholds()
    import keras
    import tensorflow as tf

    _count, height, width, channels = CAPTURE

    @tf.function
    def capture(x):
        outs = []
        for _ in range(outputs):
            x = tf.nn.relu(x * 1.0001 + 0.1)
            outs.append(x)
        return outs

    x = tf.random.normal((1, height, width, channels))
    before = common.rss_now_mib()
    held = [np.asarray(t) for t in capture(x)]
    holding = common.rss_now_mib()
    del held
    gc.collect()
    after = common.rss_now_mib()
    forward = {}
    for name in models:
        model = getattr(keras.applications, name)(weights=None)
        batch = np.random.default_rng(0).random((1, *model.input_shape[1:]), dtype=np.float32)
        step = tf.function(lambda t, m=model: m(t, training=False))
        step(batch)
        forward[name] = common.median([common.timed(lambda: np.asarray(step(batch)))
                                       for _ in range(repeats)])
    return {"before": before, "holding": holding, "after": after, "forward": forward,
            "captured_mib": outputs * height * width * channels * 4 / 2**20}


def build(args) -> dict:
    models = list(QUICK_MODELS if args.quick else MODELS)
    outputs = CAPTURE[0] // 10 if args.quick else CAPTURE[0]
    repeats = args.repeats or (3 if args.quick else 9)
    runs = {}
    for setting in SETTINGS:
        env = dict(os.environ, TF_ENABLE_ONEDNN_OPTS=setting)
        code = (f"import sys, json; sys.path.insert(0, {str(common.HERE)!r}); "
                f"import allocator; print(json.dumps(allocator._child({models!r}, {outputs}, "
                f"{repeats})))")
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, timeout=1800, cwd=str(common.REPO))
        if done.returncode != 0:
            raise RuntimeError(f"TF_ENABLE_ONEDNN_OPTS={setting}: {done.stderr[-2000:]}")
        runs[setting] = json.loads(done.stdout.strip().splitlines()[-1])
    captured = runs["0"]["captured_mib"]
    memory_rows = [[f"TF_ENABLE_ONEDNN_OPTS={s}", f"{r['before']:.0f}", f"{r['holding']:.0f}",
                    f"{r['after']:.0f}", f"{r['after'] - r['before']:+.0f}"]
                   for s, r in runs.items()]
    speed_rows = [[name] + [common.ms(runs[s]["forward"][name]) for s in SETTINGS]
                  + [f"{runs['0']['forward'][name] / runs['1']['forward'][name]:.2f}×"]
                  for name in models]
    kept = runs["1"]["after"] - runs["1"]["before"]
    freed = runs["0"]["after"] - runs["0"]["before"]
    slowest = max(runs["0"]["forward"][n] / runs["1"]["forward"][n] for n in models)
    return {
        "title": "TensorFlow's allocator: oneDNN on and off",
        "tables": [
            common.table(["Setting", "before (MiB)", f"holding {captured:.0f} MiB (MiB)",
                          "after dropping it (MiB)", "kept (MiB)"], memory_rows),
            common.table(["Model (forward, ms)"] + [f"oneDNN {s}" for s in SETTINGS]
                         + ["off / on"], speed_rows)],
        "notes": [f"Resident memory (VmRSS) of a fresh process per setting; {repeats} forward "
                  "passes per model, batch 1, CPU, weights=None.",
                  "The app and its engine run with oneDNN off unless TF_ENABLE_ONEDNN_OPTS is "
                  "set."],
        "goals": [common.goal("oneDNN off gives a dropped capture's memory back (kept < 10 % "
                              "of it)", f"{freed:+.0f} MiB (on: {kept:+.0f} MiB)",
                              freed < 0.1 * captured),
                  common.goal("forward passes with oneDNN off at most 1.25× slower",
                              f"{slowest:.2f}×", slowest <= 1.25)]}


if __name__ == "__main__":
    common.run_main(build, __doc__.splitlines()[0])
