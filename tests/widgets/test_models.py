"""Models in the window: a file that holds code, pretrained weights, a failed download."""

from __future__ import annotations

import keras
import pytest
from keras import layers
from window_helpers import wait_for_result, wait_idle

from explorer.worker.messages import Progress

pytestmark = pytest.mark.gui


@pytest.fixture
def lambda_model_file(tmp_path):
    image = keras.Input((8, 8, 1), name="image")
    x = layers.Lambda(lambda t: t * 2.0, name="double")(image)
    x = layers.Conv2D(2, 3, name="conv")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = layers.Dense(3, activation="softmax", name="out")(x)
    path = tmp_path / "with_code.keras"
    keras.Model(image, outputs).save(path)
    return path


def test_a_model_file_with_code_is_loaded_only_when_allowed(qtbot, window, boxes,
                                                           lambda_model_file):
    window.load_model(str(lambda_model_file))
    qtbot.waitUntil(lambda: len(boxes.boxes) == 1, timeout=60_000)
    question = boxes.boxes[0]
    assert "contains code" in question["text"] and "Allow" in question["text"]
    assert question["buttons"] == ["Allow and load", "Don't load"]
    wait_idle(qtbot, window)
    assert window.model.name == "fashion-cnn"  # refused: nothing changed
    boxes.answer = "Allow and load"
    window.load_model(str(lambda_model_file))
    result = wait_for_result(qtbot, window, model=str(lambda_model_file))
    assert result.activations["double"].shape == (8, 8, 1)
    assert len(window.views.predictions.shown()) == 3
    assert str(lambda_model_file) in window.views.picker.names()


def test_pretrained_weights_from_the_keras_cache(qtbot, window, imagenet_keras_home,
                                                 fixture_images):
    window.load_model("mobilenet")
    wait_for_result(qtbot, window, model="mobilenet")
    from window_helpers import drop_files
    drop_files(window, [fixture_images / "cat.bmp"])
    result = wait_for_result(qtbot, window, "cat.bmp", "mobilenet")
    labels = [label for label, _ in window.views.predictions.shown()]
    assert any("cat" in label for label in labels[:3]), labels
    assert result.prepared.fed_pixels.shape == (224, 224, 3)


def test_a_failed_download_offers_untrained_weights(qtbot, window, boxes, monkeypatch):
    # every request goes to a proxy that refuses connections: a real, immediate failure
    for name in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    boxes.answer = "Use untrained weights"
    window.load_model("mobilenetv3small")
    result = wait_for_result(qtbot, window, model="mobilenetv3small")
    box = boxes.boxes[0]
    assert {"Use untrained weights", "Pick a weights file…"} <= set(box["buttons"])
    assert "weights_mobilenet_v3_small_224_1.0_float.h5" in box["text"] + box["informative"]
    assert window.model.request.weights == "untrained"
    assert len(result.predictions) == 1000


def test_download_progress_shows_and_cancel_reaches_the_worker(qtbot, window, monkeypatch):
    cancelled = []
    monkeypatch.setattr(window.worker, "cancel_running", lambda: cancelled.append(True))
    window.views.download.cancel_requested.disconnect()
    window.views.download.cancel_requested.connect(window.worker.cancel_running)
    window.worker.progress.emit(99, Progress("Downloading x.h5", 1_000_000, 4_000_000, 1e6))
    panel = window.views.download
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    assert panel.numbers.text() == "1.0/4.0 MB  1.0 MB/s  0:03 left"  # as the CLI writes it
    panel.cancel_button.click()
    assert cancelled == [True]


def test_a_model_that_cannot_load_leaves_the_current_one_on_screen(qtbot, window, boxes):
    window.load_model("no-such-model")
    qtbot.waitUntil(lambda: len(boxes.boxes) == 1, timeout=30_000)
    assert "No model called 'no-such-model'" in boxes.boxes[0]["text"]
    assert "cnn-explorer models" in boxes.boxes[0]["informative"]
    wait_idle(qtbot, window)
    fm = window.views.feature_maps
    assert window.model.name == "fashion-cnn"
    assert fm.stack.currentWidget() is fm.mosaic_plot and fm.path == window.layer
    assert window.views.picker.combo.currentText().strip() == "Fashion-MNIST CNN"
