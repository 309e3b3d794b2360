"""Mosaic rendering: the widest layers to display pixels with ``render_mosaic(...).rgba``.

Each activation is ``(H, W, C)`` float32 with ReLU-like values (``max(N(0, 1), 0)``, seeded),
drawn with every normalisation and the window's own options (``sep=1``, grey separators).
The four normalisations run interleaved; the figure is the median per shape and norm.

Each render's RGBA is kept, as the window's render cache keeps it, so every render writes
fresh memory. Two fresh processes run the same table side by side: one with glibc's own
``malloc`` thresholds, one with the app's (``explorer.core.heap``, set by the window and the
engine at start-up). Beside the one-go render, the same mosaic drawn in parts as the window
draws large layers (``mosaic_parts``): the longest part, the time the window is held up.

Run: ``python benchmarks/render.py [--quick] [--repeats N] [--json out.json]``
"""

from __future__ import annotations

import json
import subprocess
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
KEPT = 12
"""Renders kept alive at once, as ``feature_maps.RENDER_CACHE``."""
ALLOCATORS = {"default": "glibc's own thresholds", "app": "the app's (explorer.core.heap)"}


def activation(channels: int, height: int, width: int, seed: int = 0):
    import numpy as np

    rng = np.random.default_rng(seed)
    a = rng.standard_normal((height, width, channels), dtype=np.float32)
    return np.maximum(a, 0, out=a)


def _child(shapes: list, repeats: int, allocator: str, keep: int = KEPT) -> dict:
    """In a fresh process: the median time and page faults per shape and norm, the last
    ``keep`` renders kept alive (0: each dropped before the next)."""
    import resource
    from collections import deque

    if allocator == "app":
        from explorer.core.heap import fix_malloc_thresholds

        fix_malloc_thresholds()
    import time

    from explorer.core.pixels.render import NORMS, mosaic_parts, render_mosaic

    kept: deque = deque(maxlen=keep or None)
    out = {}
    for c, h, w, _where in shapes:
        act = activation(c, h, w)
        faults = {norm: [] for norm in NORMS}

        def draw(norm):
            before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            rgba = render_mosaic(act, norm=norm, **WINDOW_OPTIONS).rgba
            if keep:
                kept.append(rgba)
            del rgba
            faults[norm].append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)

        def longest_part(norm) -> tuple[float, int]:
            longest, count, last = 0.0, 0, time.perf_counter()
            for _part in mosaic_parts(act, norm=norm, **WINDOW_OPTIONS):
                now = time.perf_counter()
                longest, count, last = max(longest, now - last), count + 1, now
            return longest, count

        funcs = {norm: (lambda norm=norm: draw(norm)) for norm in NORMS}
        times = common.interleaved(funcs, repeats)
        parts = {norm: [longest_part(norm) for _ in range(repeats)] for norm in NORMS}
        mosaic = render_mosaic(act, **WINDOW_OPTIONS)
        out[f"{c}x{h}x{w}"] = {
            "part_ms": max(common.median([p[0] for p in runs]) for runs in parts.values()) * 1000,
            "parts": max(runs[0][1] for runs in parts.values()),
            "ms": {n: common.median(t) * 1000 for n, t in times.items()},
            "faults": max(common.median(f) for f in faults.values()),
            "size": f"{mosaic.rgba.shape[1]}×{mosaic.rgba.shape[0]} "
                    f"({mosaic.rows}×{mosaic.cols} tiles)"}
    return out


def build_report(args) -> dict:
    from explorer.core.pixels.render import NORMS

    repeats = args.repeats or (3 if args.quick else 15)
    shapes = list(QUICK_SHAPES if args.quick else SHAPES)
    runs = {}
    for allocator in ALLOCATORS:
        for keep in (KEPT, 0):
            code = (f"import sys, json; sys.path.insert(0, {str(common.HERE)!r}); "
                    f"import render; print(json.dumps(render._child({shapes!r}, {repeats}, "
                    f"{allocator!r}, {keep})))")
            done = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                  text=True, timeout=1800, cwd=str(common.REPO))
            if done.returncode != 0:
                raise RuntimeError(f"{allocator}: {done.stderr[-2000:]}")
            name = allocator if keep else f"{allocator}, dropped"
            runs[name] = json.loads(done.stdout.strip().splitlines()[-1])
    rows, goals, worst = [], [], (0.0, "")
    for c, h, w, where in shapes:
        key = f"{c}x{h}x{w}"
        app = runs["app"][key]
        top = max(app["ms"].values())
        slowest_norm = max(app["ms"], key=app["ms"].get)
        others = []
        for name in ("default", "app, dropped", "default, dropped"):
            run = runs[name][key]
            others += [common.ms(max(run["ms"].values()) / 1000), f"{run['faults']:.0f}"]
        rows.append([f"{c}×{h}×{w}", where, app["size"], f"{c * h * w * 4 / 2**20:.1f}",
                     *(common.ms(app["ms"][n] / 1000) for n in NORMS), common.ms(top / 1000),
                     common.ms(app["part_ms"] / 1000), str(app["parts"]),
                     f"{app['faults']:.0f}", *others])
        if top > worst[0]:
            worst = (top, f"{c}×{h}×{w} {slowest_norm}")
        goals.append(common.goal(f"{c}×{h}×{w} to RGBA < {GOAL_MS:.0f} ms (every norm)",
                                 f"{common.ms(top / 1000)} ms worst ({slowest_norm})",
                                 top < GOAL_MS))
    headers = ["C×H×W", "Where", "Mosaic W×H px", "Input MiB", *(f"{n} ms" for n in NORMS),
               "worst ms", "in parts: longest part ms", "in parts: parts",
               "faults / call"] + [
                   f"{label}: {what}" for label in ("glibc default", "app, each dropped",
                                                    "glibc default, each dropped")
                   for what in ("worst ms", "faults / call")]
    notes = [f"Median of {repeats} runs per cell (norms interleaved, one warm-up each); "
             "the time covers `render_mosaic(act, norm, sep=1, sep_value=grey).rgba`: "
             "normalisation, grid search, tiling and the colour-map lookup to uint8 RGBA. "
             f"The last {KEPT} renders are kept alive, as the window's cache keeps them.",
             "The norm columns are with the app's malloc thresholds, the last renders kept; "
             "“glibc default” is the same in a process that kept glibc's; “each dropped”: "
             "every render freed before the next (a render whose result is not kept, as "
             "the window's first render of each layer after a new result).",
             f"Slowest cell (app's thresholds): {worst[1]} at {common.ms(worst[0] / 1000)} ms.",
             "“in parts”: the same mosaic from `mosaic_parts` (the window's way for layers "
             "over 200,000 values, 2 ms of parts a turn of its event loop): the longest time "
             "between two parts, median of the runs, worst norm; and how many parts.",
             "“page faults / call” = minor page faults (fresh pages the kernel maps and zeroes) "
             "during one render, median of the worst norm. With glibc's thresholds and each "
             "render dropped, the heap is trimmed after every render and the next one faults "
             "all its temporaries back; with the app's thresholds they reuse heap blocks. "
             "With renders kept, glibc's dynamic threshold has risen and both do about the "
             "same. Where first-touching pages is slow (a virtual machine), faults, not the "
             "arithmetic, dominate the large layers."]
    return {"title": "Mosaic rendering (numpy → RGBA)",
            "tables": [common.table(headers, rows, "lll" + "r" * (len(headers) - 3))], "notes": notes,
            "goals": goals}


def main() -> None:
    common.run_main(build_report, __doc__.splitlines()[0])


if __name__ == "__main__":
    main()
