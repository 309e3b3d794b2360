"""Activation capture: our one pass over every layer against the plain model and the per-layer way.

For each model and one image (the app's default sample, prepared as the app prepares it):

- **one pass** — ``ActivationProbe(model).run(x)`` after a warm-up call: every layer's output.
- **the floor** — the plain model with no activations: ``model(x, training=False)`` (eager),
  ``model.predict_on_batch(x)`` and ``model.predict(x)``.
- **sub-model per layer** — what Quiver and tf-keras-vis do: ``keras.Model(model.inputs,
  layer.output)`` then ``predict``, once per layer. Each click in those tools pays one such
  build + predict; the "all layers" figure is the sum. For a model with more layers than
  ``--full-limit`` an evenly spaced sample of ``--sample`` layers is timed and the sum is
  extrapolated (sample mean × layer count); the table says so.
- **keract** ``get_activations(model, x)`` when the package imports and works with Keras 3;
  otherwise the error is recorded.

Run: ``python benchmarks/capture.py [--quick] [--models resnet50 mobilenetv2] [--json out.json]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402  (sets the environment before TensorFlow loads)

GOAL_RATIO = 1.3
GOAL_SPEEDUP = 10.0


def _short_error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = text.replace("|", "/")
    return f"{type(exc).__name__}: {text[:140]}"


def _mib(value: float) -> str:
    return f"{value:.{1 if value >= 10 else 2}f}"


def _keract(model, x, repeats: int):
    """``(median seconds, runs, None)`` or ``(None, None, error text)``."""
    try:
        import keract
    except Exception as exc:  # noqa: BLE001 - any import failure is a finding
        return None, None, f"not importable ({_short_error(exc)})"
    version = common.package_version("keract")
    try:
        keract.get_activations(model, x)  # warm-up
        runs = [common.timed(lambda: keract.get_activations(model, x)) for _ in range(repeats)]
    except Exception as exc:  # noqa: BLE001
        return None, None, f"keract {version} fails on Keras 3: {_short_error(exc)}"
    return common.median(runs), runs, None


def _sub_models(model, x, sample: int, full_limit: int, repeats: int) -> dict:
    """Time build + predict of one sub-model per layer (sampled for big models)."""
    import keras
    import numpy as np

    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    n = len(layers)
    if n <= full_limit:
        chosen = list(range(n))
    else:
        chosen = sorted(set(np.linspace(0, n - 1, sample).round().astype(int).tolist()))
    per_layer, failures = [], []
    for i in chosen:
        layer = layers[i]

        def click(layer=layer):
            sub = keras.Model(model.inputs, layer.output)
            return sub.predict(x, verbose=0)

        try:
            per_layer.append(common.median([common.timed(click) for _ in range(repeats)]))
        except Exception as exc:  # noqa: BLE001 - a layer Keras cannot cut out is reported
            failures.append(f"{layer.name}: {_short_error(exc)}")
    mean = sum(per_layer) / len(per_layer) if per_layer else None
    total = mean * n if mean is not None else None
    return {"layers": n, "timed": len(per_layer), "sampled": len(chosen) < n,
            "per_click": common.median(per_layer) if per_layer else None,
            "total": total, "failures": failures}


def _flat_multi_output(model):
    """``keras.Model(inputs, [every layer's output])`` in a ``tf.function`` (None if Keras refuses).

    The classic one-pass way (keract in graph mode, tf-explain); it works on these flat models.
    """
    import keras
    import tensorflow as tf

    try:
        layers = [layer for layer in model.layers
                  if not isinstance(layer, keras.layers.InputLayer)]
        flat = keras.Model(model.inputs, [layer.output for layer in layers])
    except Exception:  # noqa: BLE001 - nested or shared-name models: not comparable
        return None
    spec = tf.TensorSpec((None, *model.inputs[0].shape[1:]), model.inputs[0].dtype)
    return tf.function(lambda t: flat(t, training=False), input_signature=[spec])


def measure(name: str, args) -> dict:
    import numpy as np
    import tensorflow as tf

    from explorer.core.graph.probe import ActivationProbe

    tf.get_logger().setLevel("ERROR")  # the sub-model loop retraces `predict` on purpose
    model, x = common.load(name)
    probe = ActivationProbe(model)
    first = common.timed(lambda: probe.run(x))
    result = probe.run(x)
    held = sum(a.nbytes for a in result.values())
    funcs = {
        "probe": lambda: probe.run(x),
        "call": lambda: np.asarray(model(x, training=False)),
        "predict_on_batch": lambda: model.predict_on_batch(x),
        "predict": lambda: model.predict(x, verbose=0),
        # where the one pass's extra time goes (see the notes):
        "probe_outputs_only": lambda: probe.run(x, layers=[]),
    }
    flat = _flat_multi_output(model)
    if flat is not None:
        funcs["flat_multi_output"] = lambda: [np.asarray(t) for t in flat(tf.constant(x))]
    times = common.interleaved(funcs, args.repeats)
    keract_s, keract_runs, keract_error = _keract(model, x, max(1, args.repeats // 2))
    sub = _sub_models(model, x, args.sample, args.full_limit, args.sub_repeats)
    return {"name": name, "title": common.MODELS[name][0], "source": common.MODELS[name][2],
            "input": "×".join(map(str, x.shape[1:])), "outputs": len(result),
            "held_mib": held / 2**20, "first": first,
            "times": times, "med": {k: common.median(v) for k, v in times.items()},
            "keract": keract_s, "keract_runs": keract_runs, "keract_error": keract_error,
            "sub": sub}


def build_report(args) -> dict:
    if args.repeats is None:
        args.repeats = 3 if args.quick else 15
    if args.sub_repeats is None:
        args.sub_repeats = 1 if args.quick else 3
    names = list(common.QUICK_MODELS) if args.quick else args.models
    rows = [measure(name, args) for name in names]

    floor_rows, compare_rows, where_rows, notes, goals = [], [], [], [], []
    for r in rows:
        m = r["med"]
        floor_rows.append([
            r["title"], r["input"], r["outputs"], _mib(r["held_mib"]),
            common.ms(m["probe"]), common.spread(r["times"]["probe"]), common.ms(r["first"], 0),
            common.ms(m["predict_on_batch"]), common.ms(m["predict"]), common.ms(m["call"]),
            f"{m['probe'] / m['predict']:.2f}×", f"{m['probe'] / m['predict_on_batch']:.2f}×"])
        where_rows.append([
            r["title"], common.ms(m["predict_on_batch"]), common.ms(m["probe_outputs_only"]),
            common.ms(m.get("flat_multi_output")), common.ms(m["probe"]),
            _mib(r["held_mib"])])
        sub = r["sub"]
        how = (f"{sub['timed']} of {sub['layers']} sampled, ×{sub['layers']}"
               if sub["sampled"] else f"all {sub['timed']}")
        speedup = sub["total"] / m["probe"] if sub["total"] else None
        keract_cell = common.ms(r["keract"]) if r["keract"] is not None else r["keract_error"]
        compare_rows.append([
            r["title"], common.ms(m["probe"]), common.ms(sub["per_click"]),
            common.ms(sub["total"], 0) + (" (est.)" if sub["sampled"] else ""), how,
            f"{speedup:,.0f}×" if speedup else "—", keract_cell])
        for failure in sub["failures"]:
            notes.append(f"{r['title']}: a sub-model could not be built for {failure}")
        goals.append(common.goal(
            f"{r['title']}: one pass within {GOAL_RATIO}× of `predict()`",
            f"{m['probe'] / m['predict']:.2f}× ({common.ms(m['probe'])} vs "
            f"{common.ms(m['predict'])} ms)", m["probe"] / m["predict"] <= GOAL_RATIO))
        goals.append(common.goal(
            f"{r['title']}: stricter, within {GOAL_RATIO}× of `predict_on_batch()`",
            f"{m['probe'] / m['predict_on_batch']:.2f}× ({common.ms(m['probe'])} vs "
            f"{common.ms(m['predict_on_batch'])} ms)",
            m["probe"] / m["predict_on_batch"] <= GOAL_RATIO))
        if r["name"] == "resnet50" and speedup:
            goals.append(common.goal(
                f"ResNet50: one pass ≥ {GOAL_SPEEDUP:.0f}× faster than a sub-model per layer",
                f"{speedup:,.0f}× ({common.ms(sub['total'], 0)} ms est. vs "
                f"{common.ms(m['probe'])} ms)", speedup >= GOAL_SPEEDUP))

    floor = common.table(
        ["Model", "Input", "Outputs", "Held MiB", "One pass ms", "(min–max)",
         "1st call ms (trace)", "predict_on_batch ms", "predict() ms", "model(x) eager ms",
         "÷ predict()", "÷ predict_on_batch"], floor_rows, "lrrrrrrrrrrr")
    compare = common.table(
        ["Model", "One pass ms (all layers)", "Sub-model per click ms (median)",
         "Sub-model, all layers ms", "Layers timed", "One pass faster by",
         "keract get_activations"],
        compare_rows, "lrrrlrl")
    where = common.table(
        ["Where the time goes", "predict_on_batch ms", "probe, outputs only ms",
         "flat multi-output keras.Model ms", "probe, every layer ms", "activations MiB"],
        where_rows, "lrrrrr")
    notes = [
        f"Medians of {args.repeats} interleaved runs after one warm-up call each; "
        "“(min–max)” is the spread of the one-pass runs.",
        "“Outputs” = every key the probe returns (input layer and nested paths included); "
        "“Held MiB” = summed `nbytes` of those arrays.",
        "“1st call” = the probe's first `run`, which traces its `tf.function` (paid once per "
        "model, on the first image).",
        f"Sub-model timings: build `keras.Model(model.inputs, layer.output)` + `predict` per "
        f"layer, median of {args.sub_repeats} fresh build(s) each; a sampled sum is the sample "
        "mean × the layer count (later layers cost more, the even spacing covers the depth).",
        "“Where the time goes”: the probe asked for the model's outputs only "
        "(`run(x, layers=[])`) costs what `predict_on_batch` costs, so the graph replay adds "
        "nothing; asked for every layer it costs what a flat multi-output `keras.Model` over "
        "every `layer.output` costs (the classic one-pass way, in a `tf.function`). The "
        "difference is the price of materialising every intermediate tensor: TensorFlow can "
        "no longer fuse or skip them. It weighs most on models of many cheap layers "
        "(MobileNetV2: depthwise convolutions, batch norms, ReLU6).",
    ] + notes
    return {"title": "Activation capture (one image)", "tables": [floor, compare, where],
            "notes": notes, "goals": goals, "rows": rows}


def main() -> None:
    def extra(p):
        p.add_argument("--models", nargs="+", default=list(common.MODELS),
                       choices=list(common.MODELS))
        p.add_argument("--sample", type=int, default=12,
                       help="layers timed for the sub-model estimate of a big model")
        p.add_argument("--full-limit", type=int, default=30,
                       help="time every layer's sub-model up to this many layers")
        p.add_argument("--sub-repeats", type=int, default=None)

    common.run_main(build_report, __doc__.splitlines()[0], extra)


if __name__ == "__main__":
    main()
