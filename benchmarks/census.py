"""Dataset census (issue 14) against ``evaluate`` on the same data, in one run.

1. The 10,000 Fashion-MNIST test images through the bundled Fashion CNN: ``evaluate`` (Keras's
   ``predict`` over the split, batch 256) and the census of every layer (batch 64 and 256),
   interleaved; the census's time includes writing its folder (summary, arrays, thumbnails).
2. Memory: the engine's resident memory sampled during a census of 1,000 and of 10,000 images
   (same process, the 1,000 first so that tracing is paid before): the census keeps no
   activations, so the peak should not grow with the number of images.
3. Images per second for ResNet50 (untrained weights: the speed does not depend on them) on a
   folder of photos (the fixture photos, copied to fill the folder), all layers.

Run: ``python benchmarks/census.py [--quick] [--repeats N] [--json PATH]``
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import common

GOAL_RATIO = 3.0
PHOTOS = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "images"


def _census(loaded, graph, data, folder, **kw):
    from explorer.core.census.run import prepare

    peak = [common.rss_now_mib() or 0.0]

    def progress(done, total, rate):
        peak.append(common.rss_now_mib() or 0.0)

    start = time.perf_counter()
    result = prepare(loaded, graph, data, folder, **kw).run(progress)
    return time.perf_counter() - start, result, max(peak)


def build(args) -> dict:
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.models.loading import load_model
    from explorer.core.training import recipes

    work = Path(tempfile.mkdtemp(prefix="census-bench-"))
    repeats = args.repeats or 1
    limit = 500 if args.quick else None
    loaded = load_model("fashion-cnn")
    graph = ModelGraph(loaded.model)
    name = loaded.entry.name
    data = "fashion-mnist"
    rows, goals = [], []
    # warm both paths (the first predict and the census's step trace)
    _census(loaded, graph, data, work / "warm", limit=256)
    times = {"evaluate": [], "census b64": [], "census auto batch": []}
    images = 0
    for _ in range(repeats):
        start = time.perf_counter()
        res = recipes.evaluate_model(loaded.model, name, data) if limit is None else None
        if res is not None:
            times["evaluate"].append(time.perf_counter() - start)
            images = res.count
        for batch in (64, None):
            sec, result, _ = _census(loaded, graph, data, work / f"b{batch}", limit=limit,
                                     batch_size=batch)
            times[f"census b{batch}" if batch else "census auto batch"].append(sec)
            images = result.images
    base = common.median(times["evaluate"]) if times["evaluate"] else None
    for method, values in times.items():
        if not values:
            continue
        sec = common.median(values)
        ratio = f"{sec / base:.2f}×" if base else "—"
        rows.append([name, method, f"{images:,}", f"{sec:.2f}", f"{images / sec:,.0f}", ratio])
        if base and method == "census auto batch":
            goals.append(common.goal(f"census of every layer ≤ {GOAL_RATIO}× evaluate",
                                     ratio, sec / base <= GOAL_RATIO))
    speed = common.table(["Model", "Method", "images", "seconds", "images/s", "vs evaluate"],
                         rows, "llrrrr")
    memory_rows = []
    for count in ((200, 500) if args.quick else (1000, 10000)):
        sec, result, peak = _census(loaded, graph, data, work / f"m{count}", limit=count)
        memory_rows.append([f"{count:,}", f"{peak:,.0f}", f"{common.rss_max_mib():,.0f}",
                            f"{sec:.1f}"])
    memory = common.table(["images", "peak RSS during the census, MiB",
                           "process max RSS so far, MiB", "seconds"], memory_rows, "rrrr")
    grow = float(memory_rows[1][1].replace(",", "")) - float(memory_rows[0][1].replace(",", ""))
    goals.append(common.goal("memory flat: peak grows < 50 MiB from the smaller to the larger "
                             "census", f"{grow:+.0f} MiB", grow < 50))
    tables = [speed, memory]
    if not args.quick and PHOTOS.is_dir():
        folder = work / "photos"
        folder.mkdir()
        photos = sorted(p for p in PHOTOS.iterdir() if p.suffix.lower() in (".bmp", ".jpg"))
        for i in range(64):
            src = photos[i % len(photos)]
            shutil.copy(src, folder / f"{i:03d}{src.suffix}")
        resnet = load_model("resnet50", weights="untrained")
        rgraph = ModelGraph(resnet.model)
        _census(resnet, rgraph, str(folder), work / "rwarm", limit=8)
        sec, result, peak = _census(resnet, rgraph, str(folder), work / "resnet")
        tables.append(common.table(
            ["Model", "data", "layers", "images", "seconds", "images/s", "peak RSS MiB"],
            [["ResNet50 (untrained)", "64 photos (folder)", f"{len(result.layers)}",
              f"{result.images}", f"{sec:.1f}", f"{result.images / sec:.1f}", f"{peak:,.0f}"]],
            "llrrrrr"))
    shutil.rmtree(work, ignore_errors=True)
    notes = ["evaluate = `cnn-explorer evaluate`'s path (Keras predict, batch 256, numpy "
             "accuracy). The census's auto batch holds ≤ 512 MiB of activations: 256 images "
             "for the Fashion CNN, 3 for ResNet50 (176 layers). The census reduces every layer inside the forward pass (sum, max and "
             "its first position, zeros, saturated outputs per image and channel), folds them "
             "into running totals and per-channel top-K, and writes summary.json, census.npz "
             "and one thumbnail per top image; its seconds include that writing.",
             "The photo census decodes and fits each file in the tf.data generator (Pillow)."]
    return {"title": "Dataset census: every layer vs evaluate", "tables": tables,
            "notes": notes, "goals": goals}


if __name__ == "__main__":
    common.run_main(build, __doc__.splitlines()[0])
