"""The worker's jobs and session, called directly: no thread, no Qt."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from explorer.core.errors import Cancelled, ImageError, ModelError
from explorer.core.models.weights import DownloadProgress
from explorer.core.models.zoo.fashion import FASHION_CLASSES
from explorer.worker.jobs import images as image_jobs
from explorer.worker.jobs import inference
from explorer.worker.jobs import models as model_jobs
from explorer.worker.messages import (
    DeviceReady,
    GetKernels,
    ImagesLoaded,
    InferenceResult,
    KernelsResult,
    LoadImages,
    LoadModel,
    ModelReady,
    Progress,
    RunImage,
    Startup,
)
from explorer.worker.session import WorkerSession
from explorer.worker.state import JobState


def _one_image(path) -> object:
    return image_jobs.load_images(LoadImages((path,)), JobState()).images[0]


# ---------------------------------------------------------------------------- images
def test_load_images_reads_files_and_bytes(cat_path):
    data = Path(cat_path).read_bytes()
    loaded = image_jobs.load_images(LoadImages((cat_path, data), (None, "pasted")), JobState())
    assert [e.name for e in loaded.images] == ["cat.bmp", "pasted"]
    assert loaded.images[0].source == str(Path(cat_path).resolve())
    assert loaded.images[1].source == ""
    assert loaded.images[0].image.pixels.shape == loaded.images[1].image.pixels.shape
    # same pixels, different names: different keys; the same file twice: the same key
    assert loaded.images[0].key != loaded.images[1].key
    assert _one_image(cat_path).key == loaded.images[0].key
    assert loaded.failures == ()


def test_load_images_one_bad_file_raises_a_user_error(tmp_path):
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    with pytest.raises(ImageError, match="notes.png"):
        image_jobs.load_images(LoadImages((str(bad),)), JobState())
    with pytest.raises(ImageError, match="folder"):
        image_jobs.load_images(LoadImages((str(tmp_path),)), JobState())


def test_load_images_keeps_the_good_ones(tmp_path, cat_path):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8 truncated")
    loaded = image_jobs.load_images(LoadImages((str(bad), cat_path)), JobState())
    assert isinstance(loaded, ImagesLoaded)
    assert [e.name for e in loaded.images] == ["cat.bmp"]
    assert len(loaded.failures) == 1 and "broken.jpg" in loaded.failures[0]


def test_cancelled_state_stops_jobs(cat_path, fashion):
    state = JobState()
    state.cancel()
    with pytest.raises(Cancelled):
        image_jobs.load_images(LoadImages((cat_path,)), state)
    with pytest.raises(Cancelled):
        inference.run_inference(fashion, _one_image(cat_path), state)


# ---------------------------------------------------------------------------- models
def test_load_model_describes_the_model(fashion):
    ready = fashion.ready
    assert ready.name == "fashion-cnn"
    assert ready.input_description == "28×28×1 · rescale"
    assert ready.class_names == FASHION_CLASSES
    assert [i.path for i in ready.table][:4] == ["image", "conv1", "pool1", "conv2a"]
    assert ready.table[1].output_shape == (28, 28, 64)


def test_run_inference_returns_every_layer_and_ranked_classes(fashion, cat_path):
    entry = _one_image(cat_path)
    result = inference.run_inference(fashion, entry, JobState(), request_id=41)
    assert isinstance(result, InferenceResult)
    assert result.request_id == 41 and result.model_name == "fashion-cnn"
    assert list(result.activations) == [i.path for i in fashion.ready.table]
    assert result.activations["conv1"].shape == (28, 28, 64)
    assert result.activations["pool3"].shape == (3, 3, 256)
    assert result.activations["fc1"].shape == (128,)
    assert not result.activations["conv1"].flags.writeable
    with pytest.raises(TypeError):
        result.activations["conv1"] = None  # the mapping itself is read-only
    assert result.prepared.fed_pixels.shape == (28, 28, 1)
    # the predictions match an independent call of the Keras model on the same tensor
    expected = np.asarray(fashion.loaded.model(result.prepared.tensor, training=False))[0]
    np.testing.assert_allclose(result.activations["predictions"], expected, rtol=1e-4,
                               atol=1e-6)
    scores = [p.score for p in result.predictions]
    assert len(scores) == 10 and scores == sorted(scores, reverse=True)
    assert result.predictions[0].index == int(np.argmax(expected))
    assert result.predictions[0].label == FASHION_CLASSES[int(np.argmax(expected))]
    assert sum(scores) == pytest.approx(1.0, abs=1e-4)


def test_get_kernels_matches_the_layer_weights(fashion):
    result = inference.get_kernels(fashion, "conv1")
    assert isinstance(result, KernelsResult) and result.path == "conv1"
    weights = np.asarray(fashion.loaded.model.get_layer("conv1").kernel)
    assert result.kernels.keras.shape == (7, 7, 1, 64)
    np.testing.assert_array_equal(result.kernels.keras, weights)
    np.testing.assert_array_equal(result.kernels.book[5, 0], weights[:, :, 0, 5])


def test_download_reports_become_progress_messages():
    seen = []
    report = model_jobs.download_reporter(JobState(seen.append))
    report(DownloadProgress(done_bytes=25_000_000, total_bytes=100_000_000,
                            rate_bytes_per_s=5_000_000.0, eta_s=15.0, url="https://x/y.h5",
                            dest=Path("/cache/models/y.h5")))
    assert seen == [Progress("Downloading y.h5", 25_000_000, 100_000_000, 5_000_000.0)]
    assert seen[0].eta == pytest.approx(15.0)


# ---------------------------------------------------------------------------- session
def test_session_answers_each_request(fashion, cat_path):
    session, out = WorkerSession(), []
    session.handle(1, Startup(), JobState(), out.append)
    assert isinstance(out[-1], DeviceReady) and out[-1].device == "CPU"
    with pytest.raises(ModelError, match="No model"):
        session.handle(2, RunImage("fashion-cnn", _one_image(cat_path)), JobState(), out.append)
    session.handle(3, LoadModel("lenet5"), JobState(), out.append)
    assert isinstance(out[-1], ModelReady) and out[-1].name == "lenet5"
    entry = _one_image(cat_path)
    session.handle(4, RunImage("lenet5", entry), JobState(), out.append)
    first = out[-1]
    assert first.request_id == 4 and first.seconds > 0
    assert first.activations["C1"].shape == (28, 28, 6)
    session.handle(5, RunImage("lenet5", entry), JobState(), out.append)
    again = out[-1]
    assert again.request_id == 5 and again.seconds == 0.0
    assert again.activations is first.activations  # served from the cache
    count = len(out)
    session.handle(6, RunImage("fashion-cnn", entry), JobState(), out.append)
    session.handle(7, GetKernels("fashion-cnn", "conv1"), JobState(), out.append)
    assert len(out) == count  # asked about a model that is no longer current: skipped
    session.handle(8, GetKernels("lenet5", "C3"), JobState(), out.append)
    assert out[-1].kernels.keras.shape == (5, 5, 6, 16)
    with pytest.raises(TypeError, match="cannot handle"):
        session.handle(9, "run everything", JobState(), out.append)


def test_failed_model_load_keeps_the_current_model(fashion):
    session = WorkerSession()
    session.active = fashion
    with pytest.raises(ModelError):
        session.handle(1, LoadModel("no-such-model"), JobState(), lambda value: None)
    assert session.active is fashion


def test_a_logit_model_is_ranked_like_the_cli(tmp_path, cat_path):
    """A model without a softmax gets the same probabilities in the window as on the CLI."""
    import keras

    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Flatten()(inputs)
    logits = keras.layers.Dense(3, name="logits")(x)  # no softmax: raw scores
    model = keras.Model(inputs, logits)
    path = tmp_path / "logits.keras"
    model.save(path)
    active = model_jobs.load_model(LoadModel(str(path)), JobState())
    result = inference.run_inference(active, _one_image(cat_path), JobState())
    raw = np.asarray(result.activations["logits"]).reshape(-1).astype(np.float64)
    expected = np.exp(raw - raw.max()) / np.exp(raw - raw.max()).sum()
    scores = {p.index: p.score for p in result.predictions}
    assert sorted(scores) == [0, 1, 2]
    for index, score in scores.items():
        assert score == pytest.approx(expected[index], rel=1e-5)
