"""Peak memory with a model's activations held, each model in a fresh process.

The child imports TensorFlow and the core, builds the model (untrained, as the catalogue
builds it), runs ``ActivationProbe(model).run(x)`` on the default sample and keeps the result.
It reports the resident set after each step, the peak (``resource.getrusage`` max RSS) and the
summed ``nbytes`` of the held activations. It then runs ``--cache`` more distinct inputs and
keeps them all too: the worker's ``ActivationCache`` keeps up to 4 results (1.5 GiB of
activations at most), so that is the most a session holds for one model.

Run: ``python benchmarks/memory.py [--quick] [--models resnet50] [--json out.json]``
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

GOAL_GIB = 2.0
CACHE_ENTRIES = 4  # explorer.worker.cache.DEFAULT_MAX_ENTRIES

CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import common
name, extra = sys.argv[2], int(sys.argv[3])
out = {"start": common.rss_now_mib()}
import numpy as np
import keras, tensorflow
from explorer.core.graph.probe import ActivationProbe
out["imports"] = common.rss_now_mib()
model, x = common.load(name)
out["model"] = common.rss_now_mib()
probe = ActivationProbe(model)
held = [probe.run(x)]
out["one"] = common.rss_now_mib()
out["peak_one"] = common.rss_max_mib()
out["nbytes_one"] = sum(a.nbytes for a in held[0].values())
out["arrays"] = len(held[0])
out["largest"] = max((a.nbytes, k) for k, a in held[0].items())
for i in range(extra):
    held.append(probe.run(np.roll(x, i + 1, axis=2)))
out["all"] = common.rss_now_mib()
out["peak_all"] = common.rss_max_mib()
out["nbytes_all"] = sum(a.nbytes for r in held for a in r.values())
print("BENCH-MEMORY", json.dumps(out), flush=True)
"""


def child(name: str, extra: int) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(common.HERE), name, str(extra)],
                          capture_output=True, text=True, timeout=1800)
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH-MEMORY "):
            return json.loads(line.split(" ", 1)[1])
    raise RuntimeError(f"memory child for {name} failed (exit {proc.returncode}): "
                       + " / ".join(proc.stderr.strip().splitlines()[-3:]))


def build_report(args) -> dict:
    names = list(common.QUICK_MODELS) if args.quick else args.models
    extra = 1 if args.quick else args.cache - 1
    rows, goals, notes = [], [], []
    for name in names:
        r = child(name, extra)
        title = common.MODELS[name][0]
        mib = r["nbytes_one"] / 2**20
        rows.append([title, f"{r['imports']:.0f}", f"{r['model']:.0f}", r["arrays"],
                     f"{mib:.1f}", f"{r['one']:.0f}", f"{r['peak_one']:.0f}",
                     f"{r['nbytes_all'] / 2**20:.0f}", f"{r['all']:.0f}", f"{r['peak_all']:.0f}"])
        notes.append(f"{title}: largest single activation `{r['largest'][1]}` "
                     f"{r['largest'][0] / 2**20:.1f} MiB.")
        if name == "resnet50":
            goals.append(common.goal(
                f"ResNet50 with all activations held: peak RSS < {GOAL_GIB:.0f} GB",
                f"{r['peak_one'] / 1024:.2f} GiB peak ({mib:.0f} MiB of activations); "
                f"{r['peak_all'] / 1024:.2f} GiB with {extra + 1} results held",
                r["peak_one"] / 1024 < GOAL_GIB))
    headers = ["Model", "after imports MiB", "after build MiB", "arrays held",
               "activations MiB (1 result)", "RSS MiB (1 result)", "peak RSS MiB (1 result)",
               f"activations MiB ({extra + 1} results)", f"RSS MiB ({extra + 1} results)",
               f"peak RSS MiB ({extra + 1} results)"]
    notes = [f"Fresh process per model; RSS from /proc/self/statm, peak from "
             f"`getrusage(RUSAGE_SELF).ru_maxrss`. The {extra + 1}-result columns keep "
             f"{extra + 1} distinct inputs' activations at once, as the worker's cache "
             "may."] + notes
    return {"title": "Peak memory (all activations held)",
            "tables": [common.table(headers, rows, "lrrrrrrrrr")], "notes": notes,
            "goals": goals}


def main() -> None:
    def extra(p):
        p.add_argument("--models", nargs="+", default=["resnet50", "mobilenetv2"],
                       choices=list(common.MODELS))
        p.add_argument("--cache", type=int, default=CACHE_ENTRIES,
                       help="results held at once for the second set of columns")

    common.run_main(build_report, __doc__.splitlines()[0], extra)


if __name__ == "__main__":
    main()
