"""Model ▸ Train…: a real short run in the window — curves, kernels, pause, resume, cancel,
save and reopen — and the two phases of a fine-tune on the fixture MobileNet."""

from __future__ import annotations

import math

import numpy as np
import pytest
from window_helpers import RESULT_TIMEOUT_MS

RUN_TIMEOUT_MS = 240_000


def _set_up(view, qtbot, data, *, model="lenet5", start="code", epochs=2, limit=400,
            batch=32, redraw=3):
    form = view.form
    form.choose(start, model, str(data))
    qtbot.waitUntil(lambda: form.augment_note.text() != "", timeout=RESULT_TIMEOUT_MS)
    form.epochs_spin.setValue(epochs)
    form.limit_spin.setValue(limit)
    form.batch_spin.setValue(batch)
    form.redraw_spin.setValue(redraw)
    form.val_spin.setValue(10)


@pytest.mark.slow
def test_a_short_run_in_the_window_trains_pauses_cancels_and_saves(window, qtbot, mnist_dir,
                                                                   tmp_path, boxes):
    import keras

    from explorer.core.pixels.render import render_kernels

    view = window.training.open()
    digits = mnist_dir / "mnist_5k_train.csv.gz"
    _set_up(view, qtbot, digits)
    assert view.form.optimizer_combo.currentText() == "adam"  # lenet5's recipe
    assert not view.form.save_button.isEnabled()

    view.form.start_button.click()
    view.toggle_pause()  # the run stops after its first batch
    qtbot.waitUntil(lambda: view.last_update is not None and view.last_update.paused,
                    timeout=RUN_TIMEOUT_MS)
    assert view.form.pause_button.text() == "Resume"
    paused_at = view.batch_points
    qtbot.wait(1200)
    assert view.batch_points == paused_at, "batches went on while paused"
    view.toggle_pause()
    qtbot.waitUntil(lambda: view.finished is not None, timeout=RUN_TIMEOUT_MS)

    started, finished = view.started, view.finished
    steps = 2 * started.batches
    assert view.batch_points == steps > paused_at
    assert view.curves.points() == {"loss": steps, "accuracy": steps, "val_loss": 2,
                                    "val_accuracy": 2}
    losses = np.array(view.curves.loss.y)
    assert losses[-4:].mean() < losses[:4].mean()  # the loss went down
    assert view.curves.loss.vy[-1] < math.log(10)  # below chance on 10 classes
    # the first batch, each epoch end and the end (every 3 batches too, at most once a second)
    assert view.kernel_redraws >= 4 and view.map_redraws >= 4
    assert view.probe.shown_layer == "C1" and not finished.cancelled
    assert finished.best_epoch == 1 + int(np.argmax([h["val_accuracy"]
                                                     for h in finished.history]))

    out = tmp_path / "lenet-live.keras"
    assert view.form.save_button.isEnabled()
    view.save_to(str(out))
    qtbot.waitUntil(lambda: window.result is not None and window.result.model_name == str(out),
                    timeout=RESULT_TIMEOUT_MS)
    assert not view.unsaved and str(out) in window.views.picker.names()
    # the kernels drawn last are the saved model's, drawn by the same renderer
    saved = keras.models.load_model(out, compile=False)
    kernel = np.asarray(saved.get_layer("C1").kernel)
    drawn = render_kernels(kernel, "conv").rgba
    assert np.array_equal(view.kernels.export_rgba(), drawn)
    # the reopened file predicts the probe image as the trained model did
    scores = np.zeros(10)
    for p in window.result.predictions:
        scores[p.index] = p.score
    np.testing.assert_allclose(scores, finished.probe_probabilities, atol=1e-5)

    # a second, longer run, cancelled after its first epoch: it keeps its best epoch
    _set_up(view, qtbot, digits, epochs=6, limit=2000, redraw=20)
    view.form.start_button.click()
    qtbot.waitUntil(lambda: view.started is not None and view.curves.points()["val_loss"] >= 1,
                    timeout=RUN_TIMEOUT_MS)
    view.toggle_pause()
    view.cancel_run()
    qtbot.waitUntil(lambda: view.finished is not None, timeout=RUN_TIMEOUT_MS)
    finished = view.finished
    assert finished.cancelled and 1 <= len(finished.history) < 6
    accuracies = [h["val_accuracy"] for h in finished.history]
    assert finished.best_epoch == 1 + int(np.argmax(accuracies))
    assert finished.best_val_accuracy == max(accuracies)
    assert view.unsaved and view.form.save_button.isEnabled()

    # closing asks before the unsaved run is thrown away; "Keep it" keeps the window
    view.close()
    assert view.isVisible() and boxes.boxes[-1]["title"] == "Discard this training run?"
    boxes.answer = "Discard"
    view.close()
    assert not view.isVisible()


@pytest.mark.slow
def test_a_fine_tune_shows_its_two_phases_on_the_curves(qtbot, tmp_path, imagenet_keras_home,
                                                        photos, settings_dir, boxes):
    from PIL import Image
    from window_helpers import worker_threads

    from explorer.core.pixels.images import load_image
    from explorer.widgets.dialogs import HeadlessPresenter
    from explorer.widgets.training_window import TrainingWindow
    from explorer.worker.thread import Worker

    data = tmp_path / "flowers"
    for index, name in enumerate(("cat.bmp", "bird.bmp")):
        (data / name[:-4]).mkdir(parents=True)
        source = Image.open(photos / name).convert("RGB")
        for k in range(5):
            source.rotate(15 * k).save(data / name[:-4] / f"{k}.png")
    image = load_image(photos / "parrot.jpg")
    view = TrainingWindow(Worker(), HeadlessPresenter(), lambda: image)
    qtbot.addWidget(view)
    view.show()
    try:
        _set_up(view, qtbot, data, model="mobilenet", start="finetune", epochs=1, limit=0,
                batch=4, redraw=2)
        assert view.form.optimizer_combo.currentText() == "adam"
        assert view.form.rate_spin.value() == pytest.approx(1e-3)
        view.form.fine_spin.setValue(1)
        view.form.val_spin.setValue(20)
        view.form.start_button.click()
        qtbot.waitUntil(lambda: view.finished is not None, timeout=RUN_TIMEOUT_MS)
        assert view.curves.points()["val_loss"] == 2
        (x, label), = view.curves.boundaries
        assert x == 1.0  # after phase 1's one epoch
        head = 1024 * 2 + 2  # the new Dense(2) on MobileNet's 1024 features
        assert "2,050" in view.form.phase_label("frozen", head)
        assert "trainable" in label and int(label.split(": ")[1].split()[0].replace(",", "")) \
            > head
        assert view.kernel_redraws >= 1 and view.kernels.kernels.path.endswith("conv1")
        view.augment.roll_button.click()
        qtbot.waitUntil(lambda: view.augment.grid is not None, timeout=RESULT_TIMEOUT_MS)
        assert view.augment.grid.shape == (2 * 160 + 4, 4 * 160 + 3 * 4, 4)
    finally:
        view.unsaved = False
        view.close()
        view.worker.stop()
    assert not worker_threads()
