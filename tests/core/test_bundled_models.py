"""The bundled trained models meet their promised accuracy on the official test sets."""

from __future__ import annotations

import pytest

from explorer.core.models.code import bundled_card, bundled_path
from explorer.core.models.loading import load_model
from explorer.core.training import recipes as training_jobs


@pytest.mark.parametrize("name", ["lenet5", "fashion-cnn"])
def test_bundled_model_ships_with_a_card(name):
    assert bundled_path(name).exists(), f"{name} is not bundled"
    card = bundled_card(name)
    for key in ("data", "command", "epochs", "training_seconds", "test_accuracy",
                "class_names", "input"):
        assert key in card, key
    assert len(card["class_names"]) == 10


def test_bundled_weights_stay_small():
    total = sum(bundled_path(n).stat().st_size for n in ("lenet5", "fashion-cnn")
                if bundled_path(n).exists())
    assert total < 10 * 1024 * 1024


def test_lenet5_reaches_97_percent_on_the_official_mnist_test_set(mnist_dir):
    loaded = load_model("lenet5")
    assert loaded.entry.group == "bundled" and loaded.entry.trained
    res = training_jobs.evaluate_model(loaded.model, "lenet5", str(mnist_dir))
    assert res.count == 10000
    assert res.accuracy >= 0.97
    assert res.accuracy == pytest.approx(bundled_card("lenet5")["test_accuracy"], abs=1e-4)


@pytest.mark.slow
def test_fashion_cnn_reaches_92_percent_on_the_official_test_set(fashion_mnist_dir):
    loaded = load_model("fashion-cnn")
    res = training_jobs.evaluate_model(loaded.model, "fashion-cnn", "fashion-mnist")
    assert res.count == 10000
    assert res.accuracy >= 0.92
    assert res.accuracy == pytest.approx(bundled_card("fashion-cnn")["test_accuracy"], abs=1e-4)


def test_bundled_lenet_reads_the_shipped_digit_samples():
    from explorer.core.pixels.images import load_image
    from explorer.core.predict import predict_image
    from explorer.core.samples import list_samples

    loaded = load_model("lenet5")
    digits = [s for s in list_samples() if s.kind == "digit"]
    assert len(digits) == 10
    right = sum(predict_image(loaded, load_image(s.path), k=1)[1][0].label == s.name.split()[1]
                for s in digits)
    assert right >= 9
