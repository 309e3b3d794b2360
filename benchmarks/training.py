"""Training in the window: images/s beside `cnn-explorer train`, and the GUI thread's stalls.

Both train LeNet-5 by its recipe (batch 32, Adam 1e-3, the digits augmentation) on the 5,000
MNIST digits of the shared fixtures, the validation twelfth held out, in this one process:

- **CLI**: ``recipes.train_named`` — exactly what ``cnn-explorer train lenet5 --data …`` runs;
- **window**: the real Training window and its own worker thread, the live views on (curves
  every batch batch-wise, kernels and the probe's feature maps redrawn every 10 batches), while
  a 10 ms timer on the GUI thread records its longest gap (``stall.GapMeter``).

Throughput is measured the same way for both: images of every batch after an epoch's first
(which includes the data pipeline's start) over the time between those batches' ends. The
two run interleaved (CLI, window, CLI, window…), so background load touches both alike.

Goal: the window's images/s within 10 % of the CLI's; its GUI thread's longest stall reported.

Run: ``python benchmarks/training.py [--quick] [--json out.json]``
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402  (sets the environment before TensorFlow loads)

DATA = common.REPO.parent / "shared" / "fixtures" / "mnist" / "mnist_5k_train.csv.gz"
MODEL = "lenet5"
GOAL_SHARE = 0.10
TRAIN_IMAGES = 5000 - int(5000 / 12)


class Meter:
    """images/s the way the training job measures it (``worker.jobs.training``)."""

    def __init__(self):
        self.last, self.busy, self.images = None, 0.0, 0

    def __call__(self, p) -> None:
        now = time.perf_counter()
        if p.val_loss is not None:
            self.last = None  # an epoch ended
            return
        if self.last is not None and p.batch > 1:
            self.busy += now - self.last
            self.images += 32 if p.batch < p.batches else TRAIN_IMAGES - 32 * (p.batches - 1)
        self.last = now

    @property
    def rate(self) -> float:
        return self.images / self.busy if self.busy else 0.0


def cli_run(epochs: int, folder: Path) -> float:
    from explorer.core.training import recipes

    meter = Meter()
    recipes.train_named(MODEL, str(DATA), epochs=epochs, out=folder / "cli.keras",
                        progress=meter)
    return meter.rate


def window_run(app, epochs: int, gaps) -> tuple[float, float, dict]:
    from PySide6.QtCore import QEventLoop, QTimer

    from explorer.core.pixels.images import load_image
    from explorer.core.samples import list_samples
    from explorer.widgets.dialogs import HeadlessPresenter
    from explorer.widgets.training_window import TrainingWindow
    from explorer.worker.thread import Worker

    image = load_image(list_samples()[0].path)
    view = TrainingWindow(Worker(), HeadlessPresenter(), lambda: image)
    view.resize(1400, 900)
    view.show()
    loop = QEventLoop()
    view.form.choose("code", MODEL, str(DATA))
    recipe = QTimer()
    recipe.timeout.connect(lambda: view.form.batch_spin.value() == 32 and loop.quit())
    recipe.start(20)
    loop.exec()
    recipe.stop()
    fields = dict(view.form.plan_fields(), epochs=epochs, val_fraction=1 / 12, limit=None,
                  redraw_every=10)
    assert (fields["batch_size"], fields["optimizer"]) == (32, "adam"), fields
    view.form.plan_fields = lambda: fields
    times = {}

    def poll():
        if view.started is not None:
            times.setdefault("trained", time.perf_counter())
        if view.finished is not None:
            loop.quit()
    done = QTimer()
    done.timeout.connect(poll)
    done.start(20)
    gaps.start()
    start = time.perf_counter()
    view.start_run()
    loop.exec()
    end = time.perf_counter()
    done.stop()
    longest = (max(gaps.gaps(start, times["trained"]), default=0.0),
               max(gaps.gaps(times["trained"], end), default=0.0))
    seen = {"batches": view.batch_points, "kernel redraws": view.kernel_redraws,
            "map redraws": view.map_redraws}
    view.unsaved = False
    view.close()
    view.worker.stop()
    return view.finished.images_per_s, longest, seen


def build(args) -> dict:
    from PySide6.QtWidgets import QApplication
    from stall import GapMeter

    from explorer.core.device import start_tensorflow
    from explorer.gui import GIL_SWITCH_INTERVAL_S

    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)  # as the window sets it
    app = QApplication.instance() or QApplication([])
    device = start_tensorflow()
    epochs, rounds = (1, 1) if args.quick else (2, 3)
    cli, window, stalls, seen = [], [], [], {}
    gaps = GapMeter()
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(rounds):
            cli.append(cli_run(epochs, Path(tmp)))
            rate, longest, seen = window_run(app, epochs, gaps)
            window.append(rate)
            stalls.append(longest)
    cli_rate, win_rate = common.median(cli), common.median(window)
    share = win_rate / cli_rate - 1 if cli_rate else 0.0
    prepare = max(s[0] for s in stalls)
    training = max(s[1] for s in stalls)
    rows = [["`cnn-explorer train` (recipes.train_named)", f"{cli_rate:.0f}",
             ", ".join(f"{v:.0f}" for v in cli), "–", "–", "–"],
            ["Training window, live views on", f"{win_rate:.0f}",
             ", ".join(f"{v:.0f}" for v in window), f"{share:+.1%}", common.ms(prepare),
             common.ms(training)]]
    table = common.table(["Path", "images/s (median)", "runs", "vs CLI",
                          "GUI stall preparing, ms", "GUI stall training, ms"], rows, "lrlrrr")
    notes = [f"LeNet-5 on {DATA.name} (4,584 training images, batch 32, Adam 1e-3, digits "
             f"augmentation), {epochs} epoch(s) a run, {rounds} interleaved round(s), "
             f"device {device.label()}. The window's last run drew {seen['batches']} batch "
             f"points, redrew the kernels {seen['kernel redraws']} and the probe's maps "
             f"{seen['map redraws']} times. 'Preparing' is from Start until the run is set "
             "up (the data read, the model built); 'training' from then to the end."]
    goals = [common.goal(f"window within {GOAL_SHARE:.0%} of the CLI's images/s",
                         f"{share:+.1%}", share >= -GOAL_SHARE),
             common.goal("GUI thread's longest stall while training (reported)",
                         f"{common.ms(training)} ms", None)]
    return {"title": "Training in the window: throughput and stalls", "tables": [table],
            "notes": notes, "goals": goals}


if __name__ == "__main__":
    common.run_main(build, __doc__.splitlines()[0])
