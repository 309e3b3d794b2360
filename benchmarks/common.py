"""Shared helpers of the benchmark scripts: timing, the models, the machine, tables.

Every script in ``benchmarks/`` runs on its own (``python benchmarks/capture.py``), prints
Markdown tables and, with ``--json PATH``, writes a report that ``run_all.py`` gathers into
``benchmarks/RESULTS.md``. A report is a dict::

    {"title": str, "tables": [markdown, ...], "notes": [str, ...],
     "goals": [{"goal": str, "measured": str, "met": True | False | None}, ...]}

Timings are medians of several runs. Where several methods are compared they run
*interleaved* (one call of each per round), so a change in background load touches them all
alike instead of whichever happened to run last.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
from explorer.core.device import apply_tensorflow_defaults  # noqa: E402

apply_tensorflow_defaults()  # TensorFlow as the app runs it (oneDNN off)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

#: name -> (title, catalogue name, source)
MODELS = {
    "lenet5": ("LeNet-5", "lenet5", "explorer.core.models.zoo"),
    "alexnet": ("AlexNet", "alexnet", "explorer.core.models.zoo"),
    "resnet34": ("ResNet-34", "resnet34", "explorer.core.models.zoo"),
    "resnet50": ("ResNet50", "resnet50", "keras.applications, weights=None"),
    "mobilenetv2": ("MobileNetV2", "mobilenetv2", "keras.applications, weights=None"),
}
QUICK_MODELS = ("lenet5",)


def parser(description: str) -> argparse.ArgumentParser:
    """The options every script shares: ``--quick``, ``--repeats``, ``--json``."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--quick", action="store_true",
                   help="tiny configuration (LeNet-5 only, few repeats) for the smoke test")
    p.add_argument("--repeats", type=int, default=None, help="timed runs per measurement")
    p.add_argument("--json", type=Path, default=None, help="also write the report here")
    return p


def load(name: str):
    """``(keras model, (1, H, W, C) float32 input)`` for a benchmark model.

    The model is built untrained through the catalogue exactly as the app builds it (weights
    do not change the timings); the input is the app's default sample for that model, prepared
    with the model's own preprocessing.
    """
    from explorer.core import samples
    from explorer.core.models import loading
    from explorer.core.pixels import images, preprocess

    loaded = loading.load_model(MODELS[name][1], weights="untrained")
    image = images.load_image(samples.default_sample_for(MODELS[name][1]))
    tensor = preprocess.prepare_input(image, loaded.spec).tensor
    return loaded.model, tensor


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(fns: dict[str, Callable[[], object]], repeats: int,
                warmup: int = 1) -> dict[str, list[float]]:
    """Run each function ``warmup`` times, then ``repeats`` rounds of one call each.

    Returns:
        ``{name: [seconds, ...]}`` (one entry per round).
    """
    for fn in fns.values():
        for _ in range(warmup):
            fn()
    times: dict[str, list[float]] = {name: [] for name in fns}
    for round_ in range(repeats):
        names = list(fns)
        names = names[round_ % len(names):] + names[:round_ % len(names)]  # rotate the order
        for name in names:
            times[name].append(timed(fns[name]))
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float | None, digits: int = 1) -> str:
    """Milliseconds for a table cell (``—`` for None)."""
    if seconds is None:
        return "—"
    value = seconds * 1000
    if value >= 10_000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def spread(values: list[float]) -> str:
    """``min–max`` in ms, to show how noisy a median is."""
    return f"{ms(min(values))}–{ms(max(values))}"


def table(headers: list[str], rows: list[list[object]], align: str | None = None) -> str:
    """A Markdown table; ``align`` is one letter a column (``l``/``r``), default left then right."""
    align = align or ("l" + "r" * (len(headers) - 1))
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def rss_max_mib() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def rss_now_mib() -> float | None:
    """Current resident set size in MiB (Linux only; None elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError):
        return None


def goal(text: str, measured: str, met: bool | None) -> dict:
    return {"goal": text, "measured": measured, "met": met}


def emit(report: dict, json_path: Path | None) -> None:
    """Print a report as Markdown and write it as JSON when asked."""
    print(f"\n## {report['title']}\n")
    for block in report.get("tables", []):
        print(block, end="\n\n")
    for note in report.get("notes", []):
        print(f"- {note}")
    if report.get("goals"):
        print()
        print(goals_table(report["goals"]))
    sys.stdout.flush()
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(report, indent=1), encoding="utf-8")


def goals_table(goals: list[dict]) -> str:
    mark = {True: "met", False: "**missed**", None: "report"}
    return table(["Goal", "Measured", "Verdict"],
                 [[g["goal"], g["measured"], mark[g["met"]]] for g in goals], "lll")


# ---------------------------------------------------------------------------- the machine
def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / (1024 * 1024)
    except OSError:
        pass
    return None


def package_version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:  # noqa: BLE001 - a missing package is reported, not raised
        return "not installed"


def machine(with_tensorflow: bool = True) -> dict:
    """CPU, cores, RAM, OS, load and library versions (imports TensorFlow when asked)."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    info = {
        "date": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": _cpu_model(),
        "cores": f"{os.cpu_count()} logical ({usable} usable)",
        "ram": f"{_ram_gib():.1f} GiB" if _ram_gib() else "unknown",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": package_version("numpy"),
        "pillow": package_version("pillow"),
        "pyqtgraph": package_version("pyqtgraph"),
        "keract": package_version("keract"),
    }
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        info["pyside6"] = PySide6.__version__
        info["qt"] = qVersion()
    except ImportError:
        info["pyside6"] = info["qt"] = "not installed"
    if with_tensorflow:
        import keras
        import tensorflow as tf

        info["tensorflow"] = tf.__version__
        info["keras"] = keras.__version__
        gpus = tf.config.list_physical_devices("GPU")
        info["tf_device"] = f"{len(gpus)} GPU(s)" if gpus else "CPU only"
    if hasattr(os, "getloadavg"):
        info["load"] = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return info


def run_main(build: Callable[[argparse.Namespace], dict], description: str,
             extra: Callable[[argparse.ArgumentParser], None] | None = None) -> None:
    """Parse the shared options (plus ``extra``'s), build the report and emit it."""
    p = parser(description)
    if extra is not None:
        extra(p)
    args = p.parse_args()
    emit(build(args), args.json)
