"""``cnn-explorer --self-check``: the real window, offscreen, proves it works and says so.

It waits for the first predictions of the model it was asked for, prints ``top-1: LABEL
(score)`` and ``device: NAME``; with ``--walk`` it then selects every layer of the model in the
window one after another (as a user stepping with the arrow key would), waits until each is on
screen, and prints ``walked: N layers``; last ``engine: peak resident memory N MiB`` (Linux).
Any error the window reports, or no answer within :data:`SELF_CHECK_TIMEOUT_MS`, exits
non-zero with the reason on stderr.
"""

from __future__ import annotations

import sys
import time

SELF_CHECK_TIMEOUT_MS = 600_000
WALK_TIMEOUT_S = 3600.0
"""A walk of the biggest model on a slow machine may take long; each layer gets
:data:`LAYER_TIMEOUT_S`."""
LAYER_TIMEOUT_S = 300.0
POLL_MS = 5


def peak_rss_mib(pid: int | None) -> float | None:
    """The peak resident memory (``VmHWM``) of process ``pid`` in MiB, or None."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class _Walk:
    """Selects each layer of the window's model in turn and waits until it is shown."""

    def __init__(self, window, done):
        self.window, self.done = window, done
        self.paths = [info.path for info in window.state.model.table]
        self.index = -1
        self.started = time.perf_counter()
        self.layer_started = 0.0
        self.slowest = (0.0, "")

    def step(self) -> None:
        from PySide6.QtCore import QTimer

        w = self.window
        if self.index >= 0:
            path = self.paths[self.index]
            budget = getattr(w, "budget", None)
            waiting = budget is not None and budget.waiting is not None
            # a layer outside the result's window is fetched meanwhile; a large one's mosaic
            # is drawn in parts, a few milliseconds a turn
            shown = not waiting and not w.showing()
            waited = time.perf_counter() - self.layer_started
            if not shown:
                if waited > LAYER_TIMEOUT_S:
                    self.done(4, f"layer {path} was not shown within {LAYER_TIMEOUT_S:.0f} s")
                    return
                QTimer.singleShot(POLL_MS, self.step)
                return
            self.slowest = max(self.slowest, (waited, path))
        self.index += 1
        if self.index >= len(self.paths):
            seconds = time.perf_counter() - self.started
            print(f"walked: {len(self.paths)} layers in {seconds:.1f} s (slowest "
                  f"{self.slowest[1]}: {self.slowest[0] * 1000:.0f} ms)", flush=True)
            self.done(0, None)
            return
        self.layer_started = time.perf_counter()
        w.select_layer(self.paths[self.index])
        QTimer.singleShot(0, self.step)


def wire_self_check(app, window, status: dict, options: dict) -> None:
    """Connect the self-check to ``window``: print, walk, exit (see the module)."""
    from PySide6.QtCore import QTimer

    wanted = options.get("model")
    state = {"walking": False, "printed": False}

    def finish(code: int, reason: str | None = None) -> None:
        if state.get("finished"):
            return
        state["finished"] = True
        if reason:
            print(f"error: {reason}", file=sys.stderr, flush=True)
        engine = getattr(window.worker, "engine", None)
        model = window.state.model
        if model is not None:
            weights = sum(info.params for info in model.table) * 4 / 2**20
            print(f"engine: weights {weights:.0f} MiB (float32)", flush=True)
        budget = getattr(window, "budget", None)
        if budget is not None:
            print(f"engine: activation budget {budget.bytes / 2**20:.0f} MiB", flush=True)
        peak = peak_rss_mib(getattr(engine, "pid", None))
        if peak is not None:
            print(f"engine: peak resident memory {peak:.0f} MiB", flush=True)
        status["code"] = code
        window.close()
        app.quit()

    def on_result(result) -> None:
        if state["printed"] or (wanted and result.model_name != wanted and
                                window.state.model is not None and
                                window.state.model.request.name_or_path != wanted):
            return
        state["printed"] = True
        if result.predictions:
            best = result.predictions[0]
            print(f"top-1: {best.label} ({best.score:.4f})", flush=True)
        else:
            print(f"top-1: none ({result.model_name} has no class scores)", flush=True)
        print(f"device: {window.device or 'unknown'}", flush=True)
        if options.get("walk"):
            state["walking"] = True
            state["walk"] = _Walk(window, finish)  # held here: Qt keeps no reference to it
            QTimer.singleShot(0, state["walk"].step)
        else:
            finish(0)

    def on_error(report) -> None:
        print(f"error: {report.message}", file=sys.stderr, flush=True)
        if report.details:
            print(report.details, file=sys.stderr, flush=True)
        finish(1)

    def on_timeout() -> None:
        if not state["walking"]:
            finish(3, "no result within the time limit")

    window.result_shown.connect(on_result)
    window.error_shown.connect(on_error)
    QTimer.singleShot(SELF_CHECK_TIMEOUT_MS, on_timeout)
    QTimer.singleShot(int(WALK_TIMEOUT_S * 1000), lambda: finish(3, "the walk took too long"))
