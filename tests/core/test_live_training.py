"""core.training.live and the training job: best epoch kept on cancel, the default strategy and
MirroredStrategy over two logical CPU devices (a fresh process), the augmentation preview."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_cancelled_run_ends_with_its_best_epoch(mnist_dir):
    """Cancelled during epoch 3: the model holds the weights of the epoch with the best
    validation accuracy, which the test measures itself (numpy argmax)."""
    import tensorflow as tf

    from explorer.core.training.live import LiveRun, Plan, choose_strategy

    strategy = choose_strategy("default")
    assert strategy is tf.distribute.get_strategy()  # no GPUs here: the default strategy
    run = LiveRun(Plan("lenet5", str(mnist_dir / "mnist_5k_train.csv.gz"), epochs=5,
                       batch_size=32, limit=500, val_fraction=0.2), strategy)
    epochs = []
    result = run.run(on_epoch=epochs.append,
                     cancel=lambda: len(epochs) >= 2 and True)
    assert result.cancelled and len(result.history) == 2
    accuracies = [h["val_accuracy"] for h in result.history]
    assert result.best_epoch == 1 + int(np.argmax(accuracies))
    x, y = run.x[run.val_index], run.y[run.val_index]
    measured = float((run.model.predict(x, verbose=0).argmax(1) == y).mean())
    assert measured == pytest.approx(max(accuracies), abs=1e-6)
    assert [e.best for e in epochs][0] is True
    assert run.phases[0].trainable_params == 61_706  # LeNet-5: 156 + 2,416 + 48,120 + 10,164 + 850


MIRRORED = r"""
import json, sys
import tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
from explorer.worker.session import WorkerSession
from explorer.worker.state import JobState
from explorer.worker.training_messages import TrainModel, TrainingUpdate
from explorer.core.training.live import choose_strategy
strategy = choose_strategy("mirrored")
out = []
WorkerSession().handle(1, TrainModel("lenet5", sys.argv[1], epochs=1, batch_size=32, limit=256,
                                     redraw_every=2, strategy="mirrored"), JobState(), out.append)
kernels = [u.kernels.keras.shape for u in out if isinstance(u, TrainingUpdate)
           and u.kernels is not None]
print(json.dumps({"replicas": strategy.num_replicas_in_sync, "history": out[-1].history,
                  "kernels": len(kernels), "shape": kernels[-1]}))
"""


@pytest.mark.slow
def test_the_training_job_runs_under_mirrored_strategy_on_two_cpu_devices(mnist_dir):
    """The code path several GPUs take, on two logical CPU devices (set before TensorFlow
    starts: a fresh process)."""
    env = dict(os.environ, PYTHONPATH=str(REPO), TF_CPP_MIN_LOG_LEVEL="3")
    done = subprocess.run([sys.executable, "-c", MIRRORED,
                           str(mnist_dir / "mnist_5k_train.csv.gz")],
                          capture_output=True, text=True, env=env, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["replicas"] == 2
    assert len(report["history"]) == 1 and np.isfinite(report["history"][0]["val_loss"])
    assert report["kernels"] >= 2 and report["shape"] == [5, 5, 1, 6]


def test_the_augmentation_preview_rolls_the_seed_layers(photos):
    """Same seed, same samples; a new seed, new ones; each sample keeps the image's size and
    is a transformed copy (not the original, whose flip is also not what comes out)."""
    from explorer.core.pixels.images import fit_image, load_image
    from explorer.worker.jobs.training import augment
    from explorer.worker.training_messages import AugmentPreview

    image = load_image(photos / "parrot.jpg")
    first = augment(AugmentPreview(image, "photos", 6, seed=3, size=96)).images
    again = augment(AugmentPreview(image, "photos", 6, seed=3, size=96)).images
    other = augment(AugmentPreview(image, "photos", 6, seed=4, size=96)).images
    assert first.shape == (6, 96, 96, 3) and first.dtype == np.uint8
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)
    original, _ = fit_image(image.pixels, 96, 96, "crop")
    assert all(not np.array_equal(sample, original) for sample in first)
    assert len({sample.tobytes() for sample in first}) == 6  # every sample its own roll


def test_alexnets_augmentation_is_a_flip_and_a_shift_of_up_to_an_eighth(photos):
    """Krizhevsky et al.'s crops of 224 from 256 and reflections: every sample is the image
    moved by at most 1/8 of its side (and maybe mirrored): some placement of it matches."""
    from explorer.core.pixels.images import fit_image, load_image
    from explorer.core.training.fit import augmenter
    from explorer.worker.jobs.training import augment
    from explorer.worker.training_messages import AugmentPreview

    kinds = [type(layer).__name__ for layer in augmenter("alexnet").layers]
    assert kinds == ["RandomFlip", "RandomTranslation"]
    image = load_image(photos / "parrot.jpg")
    samples = augment(AugmentPreview(image, "alexnet", 4, seed=5, size=64)).images
    original, _ = fit_image(image.pixels, 64, 64, "crop")
    original = original.astype(np.float32)
    for sample in samples.astype(np.float32):
        assert not np.array_equal(sample, original)
        best = min(np.abs(np.roll(view, (dy, dx), axis=(0, 1))[12:-12, 12:-12]
                          - sample[12:-12, 12:-12]).mean()
                   for view in (original, original[:, ::-1])
                   for dy in range(-8, 9) for dx in range(-8, 9))
        assert best < 12  # within a pixel's interpolation of a shifted (or mirrored) copy
