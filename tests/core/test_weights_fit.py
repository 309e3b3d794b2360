"""A weights file that does not fit the architecture is refused, naming a layer; one that fits
in part is reported, and the window and CLI are told (issue 19, 8)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from explorer.core.errors import WeightsError
from explorer.core.models.local_weights import load_local_weights


def _model(name: str, first: int = 4, head: int = 10):
    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Conv2D(first, 3, name="conv")(inputs)
    x = keras.layers.Conv2D(5, 3, name="conv2")(x)
    return keras.Model(inputs, keras.layers.Dense(head, name="head")(
        keras.layers.Flatten()(x)), name=name)


def test_a_foreign_weights_file_is_refused_with_the_first_layer_named(tmp_path):
    keras.utils.set_random_seed(0)
    other = keras.Sequential([keras.Input((16,)), keras.layers.Dense(7, name="dense_a"),
                              keras.layers.Dense(2, name="dense_b")])
    path = tmp_path / "other.keras"
    other.save(path)
    target = _model("target")
    before = [w.copy() for w in target.get_weights()]
    with pytest.raises(WeightsError, match=r"does not fit target: not one layer took its "
                                           r"weights \(the first, 'conv', did not\)"):
        load_local_weights(target, path)
    for old, new in zip(before, target.get_weights()):
        np.testing.assert_array_equal(old, new)


@pytest.mark.parametrize("suffix", [".keras", ".h5"])
def test_a_partly_fitting_file_is_reported(tmp_path, suffix):
    keras.utils.set_random_seed(1)
    source, target = _model("source", head=3), _model("target", head=10)
    path = tmp_path / f"source{suffix}"
    source.save(path)
    report = load_local_weights(target, path)
    assert report.partial and (report.matched_layers, report.total_layers) == (2, 3)
    assert report.first_missed == "head"
    assert report.describe() == (f"Weights from source{suffix}: only 2 of 3 layers fitted; the "
                                 "others (first: 'head') keep untrained weights")
    np.testing.assert_array_equal(target.get_layer("conv").get_weights()[0],
                                  source.get_layer("conv").get_weights()[0])


def test_untrained_code_built_models_are_the_same_on_every_load_and_say_so():
    from explorer.core.models.loading import load_model

    first, second = load_model("resnet34", weights="untrained"), load_model("resnet34")
    assert first.weights == second.weights == "untrained"
    assert "Untrained weights" in first.notes[0]
    for a, b in zip(first.model.get_weights()[:6], second.model.get_weights()[:6]):
        np.testing.assert_array_equal(a, b)
    assert load_model("fashion-cnn").weights == "bundled"


def test_predict_json_says_untrained():
    """Every ``predict --json`` object names its weights."""
    import json
    import subprocess
    import sys

    from explorer.core.resources import resource_path

    sample = resource_path("samples", "digit-7-test0.png")
    out = subprocess.run([sys.executable, "-m", "explorer", "predict", "alexnet", str(sample),
                          "--json", "--top", "2"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    data = json.loads(out.stdout)
    assert data[0]["weights"] == "untrained"
    again = json.loads(subprocess.run([sys.executable, "-m", "explorer", "predict", "alexnet",
                                       str(sample), "--json", "--top", "2"], capture_output=True,
                                      text=True, timeout=300).stdout)
    assert again[0]["top"] == data[0]["top"]  # seeded: the same untrained model every time
