"""Live input: results shown per second and frame-to-screen latency, one slot vs a queue.

The real window and worker; frames of a moving square (320×240) are pushed into the live
input's ``QVideoSink`` at 30 frames/s by a timer, for a few seconds per model and strategy:

- **one slot** (what the app does): one frame with the worker, the newest waiting;
- **coalescing queue**: every frame submitted at once as a coalescing ``RunImage``; the
  worker drops a queued older one, but the window shows only the newest request's answer.

Reported per row: frames pushed, frames sent to the worker, results shown, shown per second, the median and
95th-percentile latency from a frame's arrival to its result on screen, the most requests the
worker held queued, and the longest gap of a 10 ms GUI timer. ``--quick`` runs LeNet-5 for 2 s.

Run: ``python benchmarks/live.py [--quick] [--json out.json]``
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import common  # noqa: E402  (sets the environment before TensorFlow loads)

FPS = 30
TICK_MS = 10


def _pump(app, seconds: float, until=None) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end and not (until and until()):
        app.processEvents()
        time.sleep(0.001)


def _run(app, window, frames, strategy: str, seconds: float) -> list:
    from PySide6.QtCore import QTimer

    live = window.live
    live._begin("bench")
    arrived: dict[int, float] = {}
    latencies: list[float] = []
    ticks: list[float] = []
    queued = [0]
    original = live._on_frame

    def on_frame(frame):  # stamp each frame's arrival, then hand it on as the strategy says
        arrived[live.frames_in + 1] = time.perf_counter()
        if strategy == "one slot":
            original(frame)
        else:
            live.frames_in += 1
            live._frame = frame
            live._send()  # every frame, at once
        queued[0] = max(queued[0], window.worker.pending())

    def on_shown(result):
        number = int(result.image.name.rsplit(" ", 1)[-1])
        if number in arrived:
            latencies.append(time.perf_counter() - arrived[number])

    live.sink.videoFrameChanged.disconnect(original)
    live.sink.videoFrameChanged.connect(on_frame)
    window.result_shown.connect(on_shown)
    index = [0]

    def push():
        live.sink.setVideoFrame(frames[index[0] % len(frames)])
        index[0] += 1

    source, meter = QTimer(), QTimer()
    source.timeout.connect(push)
    meter.timeout.connect(lambda: ticks.append(time.perf_counter()))
    source.start(1000 // FPS)
    meter.start(TICK_MS)
    start = time.perf_counter()
    _pump(app, seconds)
    source.stop()
    _pump(app, 30, until=window.worker.is_idle)
    meter.stop()
    window.result_shown.disconnect(on_shown)
    shown = len(latencies)
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    live.stop(keep_frame=False)
    p95 = sorted(latencies)[int(0.95 * (len(latencies) - 1))] if latencies else None
    return [strategy, live.frames_in, live.frames_sent, shown, f"{shown / seconds:.1f}",
            common.ms(statistics.median(latencies) if latencies else None, 0), common.ms(p95, 0),
            queued[0], common.ms(max(gaps) if gaps else None, 0), time.perf_counter() - start]


def build(args) -> dict:
    os.environ.setdefault("CNN_EXPLORER_SETTINGS_DIR", tempfile.mkdtemp(prefix="cnnx-bench-"))
    from generated_video import moving_square_frames
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QVideoFrame

    from explorer.gui import _application
    from explorer.settings import Settings
    from explorer.widgets.dialogs import HeadlessPresenter
    from explorer.widgets.main_window import MainWindow
    from explorer.widgets.qimages import qimage_from_array
    from explorer.worker.thread import Worker

    app = _application([])
    window = MainWindow(Worker(), Settings(), HeadlessPresenter())
    window.show()
    window.start()
    _pump(app, 600, until=lambda: window.result is not None)
    frames = [QVideoFrame(qimage_from_array(f).convertToFormat(QImage.Format.Format_RGB32))
              for f in moving_square_frames(count=40, size=(240, 320), side=80)]
    models = ["lenet5"] if args.quick else ["fashion-cnn", "mobilenetv2"]
    seconds = 2.0 if args.quick else 8.0
    rows = []
    for model in models:
        window.load_model(model, "untrained" if model == "mobilenetv2" else "default")
        _pump(app, 600, until=lambda m=model: window.model is not None and
              window.model.name == m and window.worker.is_idle())
        for strategy in ("one slot", "coalescing queue"):
            row = _run(app, window, frames, strategy, seconds)
            rows.append([model] + row[:-1])
    window.close()
    headers = ["Model", "Strategy", "Frames in", "Sent", "Shown", "Shown/s", "Latency median (ms)",
               "Latency p95 (ms)", "Most queued", "Longest GUI gap (ms)"]
    slot = [r for r in rows if r[1] == "one slot"]
    return {
        "title": "Live input: one slot vs a coalescing queue",
        "tables": [common.table(headers, rows, "ll" + "r" * 8)],
        "notes": [f"Frames of 320×240 pushed into the live input's QVideoSink at {FPS}/s for "
                  f"{seconds:.0f} s per row, through the real window and worker (offscreen); "
                  "mobilenetv2 with untrained weights (timings do not depend on them).",
                  "Shown = results the window put on screen; latency = a frame's arrival to its "
                  "result on screen."],
        "goals": [common.goal("one slot: never more than one request queued",
                              ", ".join(f"{r[0]}: {r[8]}" for r in slot),
                              all(r[8] <= 1 for r in slot))],
    }


def main() -> int:
    args = common.parser(__doc__.splitlines()[0]).parse_args()
    common.emit(build(args), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
