"""The HTML report (issue 17): where its time goes — the forward pass, drawing the mosaics with
the window's renderer, encoding them as PNG (zlib levels 1, 6 and 9 side by side, interleaved),
the Jinja2 page — and the whole ``ExportReport`` job as File ▸ Export report runs it.

The bundled Fashion CNN, LeNet-5 and MobileNetV2 (untrained, offline), one sample image each,
the default layers (every convolution and pooling layer).

Run: ``python benchmarks/report.py [--quick] [--repeats N] [--json PATH]``
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import common

MODELS = {"fashion-cnn": "Fashion CNN", "lenet5": "LeNet-5", "mobilenetv2": "MobileNetV2"}
LEVELS = (1, 6, 9)


def _job_seconds(name: str, weights: str, entry, folder: Path) -> tuple[float, int]:
    from explorer.worker.messages import LoadModel
    from explorer.worker.report_messages import ExportReport
    from explorer.worker.session import WorkerSession
    from explorer.worker.state import JobState

    session, results = WorkerSession(), []
    session.handle(1, LoadModel(name, weights), JobState(), results.append)
    out = folder / f"{name}.html"
    start = time.perf_counter()
    session.handle(2, ExportReport(name, (entry,), str(out)), JobState(), results.append)
    return time.perf_counter() - start, out.stat().st_size


def build(args) -> dict:
    from explorer.core import samples
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.graph.probe import ActivationProbe
    from explorer.core.models import loading
    from explorer.core.pixels.images import load_image
    from explorer.core.pixels.render import render_feature_maps
    from explorer.core.predict import prepare
    from explorer.core.report.content import PNG_LEVEL, default_layers, png_data_uri
    from explorer.worker.jobs.images import image_key
    from explorer.worker.messages import ImageEntry

    names = ("lenet5",) if args.quick else tuple(MODELS)
    repeats = args.repeats or 2
    rows, level_rows = [], []
    folder = Path(tempfile.mkdtemp(prefix="report-bench-"))
    for name in names:
        weights = "default" if name == "fashion-cnn" else "untrained"
        loaded = loading.load_model(name, weights=weights)
        graph = ModelGraph(loaded.model)
        probe = ActivationProbe(graph)
        image = load_image(samples.default_sample_for(name))
        prepared = prepare(loaded, image)
        probe.run(prepared.tensor)  # traced once, as the window's probe is
        forward = [common.timed(lambda: probe.run(prepared.tensor)) for _ in range(repeats)]
        acts = {k: v[0] for k, v in probe.run(prepared.tensor).items()}
        layers = default_layers(graph.table)
        draws, mosaics = [], []
        for _ in range(repeats):
            start = time.perf_counter()
            mosaics = [render_feature_maps(acts[p]).rgba for p in layers]
            draws.append(time.perf_counter() - start)
        encoders = {f"level {lv}": (lambda lv=lv: [png_data_uri(m, level=lv) for m in mosaics])
                    for lv in LEVELS}
        times = common.interleaved(encoders, repeats)
        sizes = {lv: sum(len(u) for u in encoders[f"level {lv}"]()) for lv in LEVELS}
        entry = ImageEntry(image_key(image), image, "")
        job, size = _job_seconds(name, weights, entry, folder)
        pixels = sum(m.shape[0] * m.shape[1] for m in mosaics)
        print(f"{MODELS[name]}: job {job:.1f} s", flush=True)
        rows.append([MODELS[name], len(graph.table), len(layers), f"{pixels / 1e6:.2f} M",
                     common.ms(common.median(forward)), common.ms(common.median(draws)),
                     common.ms(common.median(times[f"level {PNG_LEVEL}"])), f"{job:.2f}",
                     f"{size / 1e6:.2f} MB"])
        level_rows.append([MODELS[name]] + [
            f"{common.ms(common.median(times[f'level {lv}']))} ms · {sizes[lv] / 1e6:.2f} MB"
            for lv in LEVELS])
    first = common.table(["Model", "layers", "mosaics", "mosaic pixels", "forward ms",
                          "draw ms", f"PNG ms (level {PNG_LEVEL})", "whole job s", "page"], rows,
                         "lrrrrrrrr")
    second = common.table(["Model"] + [f"zlib level {lv}" for lv in LEVELS], level_rows,
                          "l" + "r" * len(LEVELS))
    return {"title": "HTML report: forward pass, drawing, PNG encoding, the whole job",
            "tables": [first, second],
            "notes": ["forward: the probe's one pass (every layer); draw: render_feature_maps "
                      "for every mosaic of the page; PNG: encoding them as base64 data URIs; "
                      "whole job: ExportReport through a WorkerSession (inference, Grad-CAM, "
                      "mosaics, kernels, the page written), including its first tracing. The "
                      "second table compares zlib levels on the same mosaics, interleaved "
                      "(time for all of a page's mosaics · their base64 size)."],
            "goals": []}


if __name__ == "__main__":
    common.run_main(build, __doc__.splitlines()[0])
