"""Run every benchmark, each in a fresh process, and write ``benchmarks/RESULTS.md``.

Run: ``python benchmarks/run_all.py [--quick] [--note "what else ran on the machine"]
[--only capture render ...] [--out PATH]``

Each script is run as ``python benchmarks/NAME.py --json TMP`` (plus ``--quick`` when given);
its printed output goes to this terminal, its JSON report into the results file. A script that
fails is recorded as failed with the end of its error output; the others still run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

#: script -> what it measures; run in this order
SCRIPTS = {
    "capture": "activation capture: one pass vs predict vs a sub-model per layer vs keract",
    "render": "mosaic rendering of the widest layers, all normalisations",
    "layer_switch": "layer switch from cached activations to the painted mosaic",
    "startup": "command to window shown and to first predictions; --self-check",
    "memory": "peak memory with all activations held",
    "stall": "longest GUI-thread stall while the real window works",
    "explain": "explanation methods as multiples of one forward pass (and tf-keras-vis)",
    "unit": "selecting a unit: box, arithmetic and effective receptive field",
    "diagram": "architecture diagram: grandalf layout folded and open, the window's scene",
    "featvis": "feature visualisation: seconds per image at a few step counts and sizes",
    "live": "live input: results shown per second and latency, one slot vs a coalescing queue",
    "report": "HTML report: forward pass, drawing, PNG levels side by side, the whole job",
    "training": "training in the window: images/s beside `cnn-explorer train`, GUI stalls",
    "engine": "the engine process against the in-process worker: gaps, capture, quit, big walks",
    "allocator": "TensorFlow's oneDNN allocator on and off: memory kept, forward speed",
    "device": "the device check: the device, capture vs bare forward, Grad-CAM, a train step",
}
BUSY_LOAD = 0.5  # load average per core above which timings are flagged as shared


def run_script(name: str, quick: bool, folder: Path) -> tuple[dict | None, str, float]:
    """``(report or None, error text, seconds)`` for one script."""
    path = common.HERE / f"{name}.py"
    out = folder / f"{name}.json"
    argv = [sys.executable, str(path), "--json", str(out)] + (["--quick"] if quick else [])
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.perf_counter() - start
    noise = ("I0000", "WARNING: All log", "This plugin does not support", "To enable the")
    print("\n".join(ln for ln in proc.stdout.splitlines() if not ln.startswith(noise)),
          flush=True)
    if proc.returncode == 0 and out.exists():
        return json.loads(out.read_text(encoding="utf-8")), "", seconds
    tail = [ln for ln in proc.stdout.strip().splitlines() if not ln.startswith(noise)][-4:]
    return None, f"exit {proc.returncode}: " + " / ".join(tail), seconds


def machine_table(info: dict) -> str:
    rows = [
        ["Date", info["date"]],
        ["CPU", info["cpu"]],
        ["Cores", info["cores"]],
        ["RAM", info["ram"]],
        ["OS", info["os"]],
        ["Python", info["python"]],
        ["TensorFlow / Keras", f"{info.get('tensorflow', '?')} / {info.get('keras', '?')} "
                               f"({info.get('tf_device', '?')})"],
        ["numpy / Pillow", f"{info['numpy']} / {info['pillow']}"],
        ["PySide6 / Qt / pyqtgraph", f"{info['pyside6']} / {info['qt']} / {info['pyqtgraph']}"],
        ["keract", info["keract"]],
    ]
    return common.table(["", ""], rows, "ll")


def write_results(path: Path, info: dict, load_before, load_after, note: str, quick: bool,
                  reports: dict[str, tuple[dict | None, str, float]]) -> None:
    minutes = sum(seconds for _r, _e, seconds in reports.values()) / 60
    lines = ["# Benchmark results", "",
             f"Regenerate with `python benchmarks/run_all.py` (this run took {minutes:.0f} min; "
             "`--quick` for a smoke run, `--only NAME ...` for some scripts, `--note TEXT` to "
             "record what else ran). Each script also runs alone: `python "
             "benchmarks/capture.py`, `render.py`, `layer_switch.py`, `startup.py`, `memory.py`, "
             "`stall.py` (each takes `--quick`, `--repeats N` and `--json PATH`). Timings are "
             "medians of several runs.", ""]
    if quick:
        lines += ["**Quick run (`--quick`): tiny configuration, not representative.**", ""]
    lines += ["## Machine", "", machine_table(info), ""]
    cores = os.cpu_count() or 1
    shared = []
    if note:
        shared.append(note)
    if load_before is not None:
        shared.append(f"Load average (1/5/15 min) {load_before} at the start and {load_after} at "
                      f"the end, on {cores} logical cores.")
        busy = float(load_before.split(" / ")[0]) / cores > BUSY_LOAD or (
            load_after and float(load_after.split(" / ")[0]) / cores > BUSY_LOAD)
        if busy:
            shared.append("Other processes were using the CPU during the run, so absolute "
                          "timings are inflated (and noisier) compared with an idle machine; "
                          "methods compared in one table ran interleaved, so their ratios hold "
                          "better than their absolute values.")
    if shared:
        lines += ["**Conditions.** " + " ".join(shared), ""]

    all_goals = []
    for name, (report, _error, _s) in reports.items():
        if report:
            all_goals += [dict(g, section=report["title"]) for g in report.get("goals", [])]
    if all_goals:
        lines += ["## Goals at a glance", "", common.goals_table(all_goals), ""]

    for name, (report, error, seconds) in reports.items():
        if report is None:
            lines += [f"## {name}.py", "", f"**Failed** after {seconds:.0f} s — {error}", ""]
            continue
        lines += [f"## {report['title']}", "",
                  f"`benchmarks/{name}.py` — {SCRIPTS.get(name, '')} (ran {seconds:.0f} s).", ""]
        for block in report.get("tables", []):
            lines += [block, ""]
        lines += [f"- {n}" for n in report.get("notes", [])]
        lines.append("")
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="tiny configurations (smoke run)")
    p.add_argument("--only", nargs="+", choices=list(SCRIPTS), default=None)
    p.add_argument("--note", default="", help="conditions to record, e.g. a job sharing the CPU")
    p.add_argument("--out", type=Path, default=common.HERE / "RESULTS.md")
    args = p.parse_args()

    load_before = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") \
        else None
    names = [n for n in SCRIPTS if (args.only is None or n in args.only)
             and (common.HERE / f"{n}.py").exists()]
    reports = {}
    with tempfile.TemporaryDirectory(prefix="cnn-explorer-bench-") as tmp:
        for name in names:
            print(f"\n=== {name}.py ===", flush=True)
            reports[name] = run_script(name, args.quick, Path(tmp))
    load_after = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if load_before else None
    info = common.machine(with_tensorflow=True)
    write_results(args.out, info, load_before, load_after, args.note, args.quick, reports)
    failed = [n for n, (r, _e, _s) in reports.items() if r is None]
    print(f"\nWrote {args.out}" + (f"; failed: {', '.join(failed)}" if failed else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
