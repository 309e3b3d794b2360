"""Start-up: command to window shown, and to the first predictions on the embedded default.

1. **Window shown / first predictions** — a fresh ``python`` process runs the real entry point
   ``explorer.app.main([])`` (the same path as ``python -m explorer``) offscreen, with fresh
   settings and Keras folders. A small hook wraps ``explorer.gui._application`` to install an
   event filter on the ``QApplication`` it creates; nothing else changes. The clock starts in
   this (parent) process just before the child is launched, so interpreter start-up and every
   import count. Marks:

   - *window shown*: the first ``Paint`` event the visible ``QMainWindow`` receives (the
     off-screen paint before it shows, ``gui.show_window``, does not count);
   - *first predictions*: the window's ``result_shown`` signal (the default model, fashion-cnn,
     on its default sample: TensorFlow import, model load, probe trace and the first pass).

2. **``cnn-explorer --self-check``** — wall time of the whole command (it runs offscreen, waits
   for the default model's first predictions, prints the top-1 and exits).

3. **``import tensorflow``** alone in a fresh interpreter, the floor under anything that needs
   TensorFlow.

Run: ``python benchmarks/startup.py [--quick] [--json out.json]``
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

GOAL_SHOWN_S = 2.0
TIMEOUT_S = 600
MARK = "BENCH-STARTUP"

# Runs in the child; argv[1] is "shown" (quit once painted) or "predictions".
CHILD = r"""
import sys, time
MARK, UNTIL = sys.argv[1], sys.argv[2]

def mark(name):
    print(MARK, name, repr(time.time()), flush=True)

import explorer.gui as gui
import explorer.widgets.main_window as main_window  # run_gui imports it anyway

_original = gui._application
_init = main_window.MainWindow.__init__
_start = main_window.MainWindow.start

def __init__(self, *args, **kwargs):
    mark("window_init")
    _init(self, *args, **kwargs)
    mark("window_built")

def start(self):
    mark("start_begins")
    _start(self)
    mark("start_ends")

main_window.MainWindow.__init__ = __init__
main_window.MainWindow.start = start

def _application(argv):
    app = _original(argv)
    mark("app_made")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    class Watch(QObject):
        shown = False

        def eventFilter(self, obj, event):
            if (not self.shown and event.type() == QEvent.Type.Paint
                    and isinstance(obj, QMainWindow) and obj.isVisible()):  # not the grab
                self.shown = True
                mark("shown")
                if UNTIL == "shown":
                    QTimer.singleShot(0, obj.close)
                    QTimer.singleShot(0, app.quit)
                elif hasattr(obj, "result_shown"):
                    def done(result, window=obj):
                        mark("predictions")
                        window.close()
                        app.quit()
                    obj.result_shown.connect(done)
                    obj.error_shown.connect(
                        lambda report: (print(MARK, "error", report.message, flush=True),
                                        app.quit()))
            return False

    app._bench_watch = Watch()
    app.installEventFilter(app._bench_watch)
    return app

gui._application = _application
from explorer.app import main
main([])
"""


def _fresh_env(tmp: Path) -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["CNN_EXPLORER_SETTINGS_DIR"] = str(tmp / "settings")
    env["KERAS_HOME"] = str(tmp / "keras")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return env


def window_run(until: str) -> dict:
    """One child run; seconds from launch to each mark."""
    with tempfile.TemporaryDirectory(prefix="cnn-explorer-bench-") as tmp:
        start = time.time()
        proc = subprocess.run([sys.executable, "-c", CHILD, MARK, until], env=_fresh_env(Path(tmp)),
                              cwd=tmp, capture_output=True, text=True, timeout=TIMEOUT_S)
    marks = {}
    for line in proc.stdout.splitlines():
        parts = line.split(" ", 2)
        if parts[0] != MARK or len(parts) < 3:
            continue
        if parts[1] == "error":
            marks["error"] = parts[2]
        else:
            marks.setdefault(parts[1], float(parts[2]) - start)
    if "shown" not in marks:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        marks["error"] = f"exit {proc.returncode}: " + " / ".join(tail)
    return marks


def self_check_run() -> dict:
    command = shutil.which("cnn-explorer")
    argv = [command] if command else [sys.executable, "-m", "explorer"]
    with tempfile.TemporaryDirectory(prefix="cnn-explorer-bench-") as tmp:
        start = time.perf_counter()
        proc = subprocess.run(argv + ["--self-check"], env=_fresh_env(Path(tmp)), cwd=tmp,
                              capture_output=True, text=True, timeout=TIMEOUT_S)
        wall = time.perf_counter() - start
    top1 = next((ln for ln in proc.stdout.splitlines() if ln.startswith("top-1")), "")
    label = "cnn-explorer --self-check" if command else "python -m explorer --self-check"
    return {"wall": wall, "rc": proc.returncode, "top1": top1, "command": label,
            "error": None if proc.returncode == 0
            else (proc.stderr.strip().splitlines() or [""])[-1]}


def import_tf_run() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import tensorflow, keras"], check=True,
                   capture_output=True, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
    return time.perf_counter() - start


def build_report(args) -> dict:
    repeats = args.repeats or (1 if args.quick else 3)
    until = "shown" if args.quick else "predictions"
    runs = [window_run(until) for _ in range(repeats)]
    errors = [r["error"] for r in runs if "error" in r]
    shown = [r["shown"] for r in runs if "shown" in r]
    preds = [r["predictions"] for r in runs if "predictions" in r]
    rows = []

    def span(values):
        return f"{min(values):.2f}–{max(values):.2f}"

    if shown:
        rows.append(["`python -m explorer` path → window shown (first paint)",
                     f"{common.median(shown):.2f}", span(shown), len(shown)])
    if preds:
        rows.append(["… → first predictions (fashion-cnn, default sample)",
                     f"{common.median(preds):.2f}", span(preds), len(preds)])
    checks = []
    if not args.quick and not args.no_self_check:
        checks = [self_check_run() for _ in range(repeats)]
        ok = [c["wall"] for c in checks if c["rc"] == 0]
        if ok:
            rows.append([f"`{checks[0]['command']}` (whole command, to exit)",
                         f"{common.median(ok):.2f}", f"{min(ok):.2f}–{max(ok):.2f}", len(ok)])
        errors += [f"self-check exit {c['rc']}: {c['error']}" for c in checks if c["rc"] != 0]
        tf_runs = [import_tf_run() for _ in range(repeats)]
        rows.append(["`python -c \"import tensorflow, keras\"` (floor)",
                     f"{common.median(tf_runs):.2f}", f"{min(tf_runs):.2f}–{max(tf_runs):.2f}",
                     len(tf_runs)])
    notes = [f"Seconds, median of {repeats} fresh process(es); offscreen Qt, empty settings and "
             "Keras folders each run. The file cache is warm after the first run."]
    if checks and checks[0]["top1"]:
        from explorer.core.models import catalog

        entry = catalog.find_entry(catalog.DEFAULT_MODEL)
        notes.append(f"The self-check printed `{checks[0]['top1']}` ({entry.name} weights: "
                     f"{entry.weights_status}).")
    timed = [r for r in runs if "start_begins" in r and "start_ends" in r and "shown" in r]
    if timed:
        in_start = common.median([r["start_ends"] - r["start_begins"] for r in timed])
        to_paint = common.median([r["shown"] for r in timed])
        if first_paint_after_start(timed):
            notes.append(
                f"`MainWindow.start()` (queued with `QTimer.singleShot(0, ...)`) runs before the "
                f"first paint: {in_start * 1000:.0f} ms of the {to_paint * 1000:.0f} ms, while the "
                "worker thread it starts imports TensorFlow and competes for the GIL. Painting "
                "once before `start()` would show the window about that much sooner.")
    notes += [f"Failed run: {e}" for e in errors]
    goals = []
    if shown:
        goals.append(common.goal(f"Command to window shown < {GOAL_SHOWN_S:.0f} s",
                                 f"{common.median(shown):.2f} s",
                                 common.median(shown) < GOAL_SHOWN_S))
    if preds:
        goals.append(common.goal("Command to first predictions (report)",
                                 f"{common.median(preds):.2f} s", None))
    table = common.table(["Measure", "median s", "min–max s", "runs"], rows, "lrrr")
    return {"title": "Start-up", "tables": [table, phases_table(runs)], "notes": notes,
            "goals": goals}


def first_paint_after_start(runs: list[dict]) -> bool:
    """True when, in most runs, the first paint came only after ``start()`` had finished."""
    return sum(r["shown"] >= r["start_ends"] for r in runs) * 2 > len(runs)


#: (label, from mark, to mark); "launch" is 0
PHASES = (
    ("interpreter, imports (PySide6, pyqtgraph, explorer), QApplication", "launch", "app_made"),
    ("settings, worker object, then `MainWindow.__init__` starts", "app_made", "window_init"),
    ("`MainWindow.__init__` (every widget built)", "window_init", "window_built"),
    ("`show()` until the event loop runs `start()`", "window_built", "start_begins"),
    ("`start()`: worker thread started (it begins importing TensorFlow), catalogue, sample "
     "thumbnails, first requests", "start_begins", "start_ends"),
    ("after `start()` until the first paint", "start_ends", "shown"),
)


def phases_table(runs: list[dict]) -> str:
    """Where the seconds to the first paint go (medians over the runs that have every mark)."""
    complete = [dict(r, launch=0.0) for r in runs
                if all(m in r for m in ("app_made", "window_init", "window_built",
                                        "start_begins", "start_ends", "shown"))]
    rows = [[label, common.ms(common.median([r[b] - r[a] for r in complete]), 0)]
            for label, a, b in PHASES] if complete else []
    return common.table(["Command → window shown, where the time goes", "median ms"], rows, "lr")


def main() -> None:
    def extra(p):
        p.add_argument("--no-self-check", action="store_true",
                       help="skip the `--self-check` command and the TensorFlow import floor")

    common.run_main(build_report, __doc__.splitlines()[0], extra)


if __name__ == "__main__":
    main()
