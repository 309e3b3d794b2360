"""Mosaic rendering: the widest layers to display pixels with ``render_mosaic(...).rgba``.

Each activation is ``(H, W, C)`` float32 with ReLU-like values (``max(N(0, 1), 0)``, seeded),
drawn with every normalisation and the window's own options (``sep=1``, grey separators).
The four normalisations run interleaved; the figure is the median per shape and norm.

Run: ``python benchmarks/render.py [--quick] [--json out.json]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

GOAL_MS = 30.0
#: (channels, height, width, where such a layer occurs)
SHAPES = (
    (1024, 7, 7, "MobileNet v1 conv_pw_13; DenseNet-121 last block"),
    (64, 112, 112, "ResNet conv1 (ResNet-34, ResNet50)"),
    (96, 55, 55, "AlexNet conv1"),
    (256, 56, 56, "ResNet50 conv2 block outputs"),
    (2048, 7, 7, "ResNet50 conv5 block outputs (extra)"),
)
QUICK_SHAPES = SHAPES[1:3]
WINDOW_OPTIONS = dict(sep=1, sep_value=(40, 40, 40, 255))  # as explorer/widgets/feature_maps.py


def activation(channels: int, height: int, width: int, seed: int = 0):
    import numpy as np

    rng = np.random.default_rng(seed)
    a = rng.standard_normal((height, width, channels), dtype=np.float32)
    return np.maximum(a, 0, out=a)


def build_report(args) -> dict:
    import resource

    from explorer.core.pixels.render import NORMS, render_mosaic

    repeats = args.repeats or (3 if args.quick else 15)
    shapes = QUICK_SHAPES if args.quick else SHAPES
    rows, goals, worst = [], [], (0.0, "")
    for c, h, w, where in shapes:
        act = activation(c, h, w)
        faults = {norm: [] for norm in NORMS}

        def draw(norm):
            before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            render_mosaic(act, norm=norm, **WINDOW_OPTIONS).rgba
            faults[norm].append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)

        funcs = {norm: (lambda norm=norm: draw(norm)) for norm in NORMS}
        times = common.interleaved(funcs, repeats)
        med = {norm: common.median(t) for norm, t in times.items()}
        mosaic = render_mosaic(act, **WINDOW_OPTIONS)
        size = f"{mosaic.rgba.shape[1]}×{mosaic.rgba.shape[0]} ({mosaic.rows}×{mosaic.cols} tiles)"
        top = max(med.values())
        rows.append([f"{c}×{h}×{w}", where, size, f"{act.nbytes / 2**20:.1f}",
                     *(common.ms(med[n]) for n in NORMS), common.ms(top),
                     f"{max(common.median(f) for f in faults.values()):.0f}"])
        if top > worst[0]:
            worst = (top, f"{c}×{h}×{w} {max(med, key=med.get)}")
        goals.append(common.goal(
            f"{c}×{h}×{w} to RGBA < {GOAL_MS:.0f} ms (every norm)",
            f"{common.ms(top)} ms worst ({max(med, key=med.get)})", top * 1000 < GOAL_MS))
    headers = ["C×H×W", "Where", "Mosaic W×H px", "Input MiB", *(f"{n} ms" for n in NORMS),
               "worst ms", "page faults / call"]
    notes = [f"Median of {repeats} runs per cell (norms interleaved, one warm-up each); "
             "the time covers `render_mosaic(act, norm, sep=1, sep_value=grey).rgba`: "
             "normalisation, grid search, tiling and the colour-map lookup to uint8 RGBA.",
             f"Slowest cell: {worst[1]} at {common.ms(worst[0])} ms.",
             "“page faults / call” = minor page faults (fresh pages the kernel maps and zeroes) "
             "during one render, median of the worst norm. The temporaries and the RGBA output "
             "are new buffers each call; where first-touching them is slow (a busy virtual "
             "machine) they, not the arithmetic, dominate the time of the large layers."]
    return {"title": "Mosaic rendering (numpy → RGBA)",
            "tables": [common.table(headers, rows, "lllrrrrrrr")], "notes": notes,
            "goals": goals}


def main() -> None:
    common.run_main(build_report, __doc__.splitlines()[0])


if __name__ == "__main__":
    main()
