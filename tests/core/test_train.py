"""Training, evaluation and fine-tuning on real data (small slices, so they run in CI)."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from explorer.core.errors import Cancelled, DataError
from explorer.core.training import datasets
from explorer.core.training import fit as train
from explorer.core.training import recipes as training_jobs


def test_read_idx_round_trip(tmp_path):
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    header = bytes([0, 0, 8, 3]) + b"".join(int(d).to_bytes(4, "big") for d in images.shape)
    path = tmp_path / "x-idx3-ubyte.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(header + images.tobytes())
    np.testing.assert_array_equal(datasets.read_idx(path), images)
    with gzip.open(path, "wb") as fh:
        fh.write(header + images.tobytes()[:-1])
    with pytest.raises(DataError, match="truncated"):
        datasets.read_idx(path)


def test_official_mnist_test_set(mnist_dir):
    split = datasets.resolve(str(mnist_dir), "test")
    assert split.images.shape == (10000, 28, 28, 1)
    assert np.bincount(split.labels).tolist()[:3] == [980, 1135, 1032]  # the published counts


def test_unknown_data_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="No data set"):
        datasets.resolve(str(tmp_path / "nothing"), "train")
    with pytest.raises(DataError, match="No test split"):
        datasets.resolve(str(tmp_path), "test")


def test_to_model_input_pads_centred():
    x = train.to_model_input(np.full((1, 28, 28, 1), 255, np.uint8), pad_to=(32, 32))
    assert x.shape == (1, 32, 32, 1)
    assert x[0, :2].max() == 0 and x[0, -2:].max() == 0 and x[0, 2, 2, 0] == 1.0


def _digits(mnist_dir, n):
    split = datasets.load_mnist_csv(mnist_dir / "mnist_5k_train.csv.gz")
    assert split.images.shape == (5000, 28, 28, 1)
    x = train.to_model_input(split.images[:n], pad_to=(32, 32))
    return x, split.labels[:n]


def test_training_lowers_the_loss_and_reports_progress(mnist_dir):
    from explorer.core.models import zoo

    x, y = _digits(mnist_dir, 512)
    model = zoo.build("lenet5")
    before = train.evaluate(model, x, y)
    reports = []
    res = train.fit(model, x, y, epochs=3, batch_size=64, progress=reports.append)
    after = train.evaluate(model, x, y)
    assert res.epochs_run == 3 and len(res.history["loss"]) == 3
    assert res.history["loss"][-1] < res.history["loss"][0]
    assert after.loss < before.loss * 0.8, (before, after)
    assert after.accuracy > before.accuracy + 0.2
    batch_reports = [r for r in reports if r.val_accuracy is None]
    assert batch_reports[0].batches == 8 and batch_reports[-1].epoch == 3


def test_cancel_stops_training(mnist_dir):
    from explorer.core.models import zoo

    x, y = _digits(mnist_dir, 256)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) >= 2

    with pytest.raises(Cancelled):
        train.fit(zoo.build("lenet5"), x, y, epochs=5, batch_size=32, cancel=cancel)
    assert len(calls) == 2


def test_data_that_does_not_fit_the_model(mnist_dir):
    from explorer.core.models import zoo

    x, y = _digits(mnist_dir, 8)
    with pytest.raises(DataError, match="does not fit"):
        train.fit(zoo.build("fashion-cnn"), x, y, epochs=1)


def test_evaluate_matches_an_independent_count(mnist_dir):
    import keras

    from explorer.core.models import zoo

    x, y = _digits(mnist_dir, 300)
    model = zoo.build("lenet5")
    res = train.evaluate(model, x, y)
    probs = keras.ops.convert_to_numpy(model(x, training=False))
    assert res.accuracy == pytest.approx(float(np.mean(probs.argmax(1) == y)))
    assert res.loss == pytest.approx(float(-np.mean(np.log(probs[np.arange(300), y]))), rel=1e-4)


def test_train_named_writes_a_loadable_model(tmp_path, mnist_dir):
    from explorer.core.models.loading import load_model

    out = tmp_path / "lenet.keras"
    card = training_jobs.train_named("lenet5", str(mnist_dir / "mnist_5k_train.csv.gz"),
                                     epochs=1, out=out, val_fraction=0.9)
    assert out.exists() and card["epochs"] == 1 and card["class_names"][:2] == ["0", "1"]
    assert 0.0 <= card["best_validation_accuracy"] <= 1.0
    loaded = load_model(str(out))
    assert loaded.model.input_shape == (None, 32, 32, 1)


def test_image_folder_data(tmp_path):
    from PIL import Image

    for cls, colour in (("red", (220, 20, 20)), ("blue", (20, 20, 220))):
        (tmp_path / cls).mkdir()
        for i in range(3):
            Image.new("RGB", (40 + i, 30), colour).save(tmp_path / cls / f"{i}.png")
    (tmp_path / "red" / "notes.txt").write_text("ignored")
    split = datasets.resolve(str(tmp_path), "train", size=(16, 16), channels=3)
    assert split.class_names == ("blue", "red")
    assert split.images.shape == (6, 16, 16, 3)
    assert split.labels.tolist() == [0, 0, 0, 1, 1, 1]
    assert split.images[0, 8, 8].tolist() == [20, 20, 220]


@pytest.mark.slow
def test_finetune_end_to_end(tmp_path, imagenet_keras_home, fixture_images):
    """The seed's transfer learning on MobileNet with the real ImageNet weights (offline)."""
    from PIL import Image

    from explorer.core.models.loading import load_model
    from explorer.core.pixels.images import load_image
    from explorer.core.predict import predict_image
    from explorer.core.training.finetune import finetune

    data = tmp_path / "data"
    for cls, photo in (("birds", "bird.bmp"), ("flowers", "sunflower.bmp")):
        (data / cls).mkdir(parents=True)
        img = Image.open(fixture_images / photo).convert("RGB")
        for i in range(4):
            crop = img.crop((i * 8, i * 6, img.width - i * 5, img.height - i * 7))
            crop.save(data / cls / f"{i}.png")
    out = tmp_path / "birds-vs-flowers.keras"
    card = finetune("mobilenet", data, epochs=2, fine_epochs=1, out=out, batch_size=8)
    assert card["class_names"] == ["birds", "flowers"] and card["unfrozen_layers"] > 0
    assert json.loads(out.with_suffix(".json").read_text())["preprocess"] == "tf"
    loaded = load_model(str(out))
    assert loaded.class_names == ("birds", "flowers")
    assert any(type(l).__name__ == "Functional" for l in loaded.model.layers)  # nested base
    _, preds = predict_image(loaded, load_image(fixture_images / "sunflower.bmp"), k=2)
    assert preds[0].label == "flowers"


def test_train_named_resumes_from_a_file_with_a_new_learning_rate(tmp_path, mnist_dir):
    import keras

    data = str(mnist_dir / "mnist_5k_train.csv.gz")
    first = tmp_path / "first.keras"
    training_jobs.train_named("lenet5", data, epochs=1, out=first, val_fraction=0.9)
    start = keras.models.load_model(first, compile=False).get_layer("C1").get_weights()[0]
    second = tmp_path / "second.keras"
    card = training_jobs.train_named("lenet5", data, epochs=1, out=second, val_fraction=0.9,
                                     resume=first, learning_rate=1e-4)
    assert card["recipe"]["learning_rate"] == 1e-4 and card["resumed_from"] == str(first)
    after = keras.models.load_model(second, compile=False).get_layer("C1").get_weights()[0]
    # continued from the first file's weights: small steps away from them, not a fresh start
    assert 0 < np.abs(after - start).max() < 0.1
    with pytest.raises(Exception, match="not a Fashion-MNIST CNN"):
        training_jobs.train_named("fashion-cnn", "fashion-mnist", epochs=1, out=tmp_path / "x.keras",
                                  resume=first)
