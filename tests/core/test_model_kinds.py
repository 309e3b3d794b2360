"""The model files people actually have open, predict and show every layer (issue 20).

The oracle for each file is written in ``tests/model_kinds.py``: the test image is made at the model's own size (so
no resizing is involved), scaled by the formula of the preprocessing the file needs, shaped as
its input layer wants, and run through the original model — Keras 3's own loader for Keras 3
files, ``tf_keras`` (Keras 2) for Keras 2 files.
"""

from __future__ import annotations

import numpy as np
import pytest
from model_kinds import KINDS, SHAPES, expected_output, probe_image

from explorer.core.errors import ModelError
from explorer.core.graph.probe import ActivationProbe
from explorer.core.models.files import load_model_file, read_labels
from explorer.core.models.keras2 import is_keras2_file
from explorer.core.pixels.images import load_image
from explorer.core.predict import predict_image


def test_the_corpus_has_every_kind(model_kinds):
    assert sorted(model_kinds) == sorted(KINDS)
    assert [n for n in KINDS if is_keras2_file(model_kinds[n][0])] == [
        "k2_sequential.h5", "k2_functional.h5", "k2_nested.h5", "keras_model.h5"]


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_predicts_like_its_own_keras(name, model_kinds, tmp_path):
    path, mode, layout = model_kinds[name]
    loaded = load_model_file(path)
    assert loaded.spec.preprocessing.mode == mode
    assert loaded.spec.layout == layout
    input_shape = loaded.model.input_shape
    image_path, pixels = probe_image(tmp_path, SHAPES[layout](input_shape))
    prepared, preds = predict_image(loaded, load_image(image_path), k=100)
    expected = expected_output(path, pixels, mode, input_shape)
    assert prepared.tensor.shape == (1,) + tuple(input_shape[1:])
    got = np.zeros_like(expected)
    for p in preds:
        got[p.index] = p.score
    np.testing.assert_allclose(got, expected, atol=1e-5)
    # every layer's output comes back from one pass; dense layers as vectors
    probe = ActivationProbe(loaded.model)
    result = probe.run(prepared.tensor)
    assert list(result) == list(probe.paths) and len(result) >= 3
    dense = [k for k in result if k.endswith("out") or "Dense2" in k]
    assert dense and all(result[k].ndim == 2 for k in dense)


def test_keras2_rebuild_equals_the_keras2_model_layer_for_layer(model_kinds):
    """The converted model's outputs equal tf_keras's on the same inputs (1e-5), and the user
    is told what was converted and dropped."""
    path = model_kinds["keras_model.h5"][0]
    loaded = load_model_file(path)
    import tf_keras

    old = tf_keras.models.load_model(path, compile=False)
    x = np.random.default_rng(4).uniform(-1, 1, (3, 224, 224, 3)).astype(np.float32)
    np.testing.assert_allclose(np.asarray(loaded.model(x, training=False)),
                               np.asarray(old(x, training=False)), atol=1e-5)
    # nesting kept: the outer Sequential still holds the base's Sequential and the head's
    assert [type(l).__name__ for l in loaded.model.layers] == ["Sequential", "Sequential"]
    assert "Saved by Keras 2" in loaded.notes[0] and "outputs agree" in loaded.notes[0]
    assert any("DepthwiseConv2D: groups" in note for note in loaded.notes)


def test_teachable_machine_labels_and_scaling_show_in_the_pipeline(model_kinds, tmp_path):
    path = model_kinds["keras_model.h5"][0]
    loaded = load_model_file(path)
    assert loaded.class_names == ("Rock", "Paper", "Scissors")
    image_path, _ = probe_image(tmp_path, (224, 224, 3))
    prepared, _ = predict_image(loaded, load_image(image_path))
    assert prepared.steps[-1] == "tf: x / 127.5 − 1 (range −1..1) — Teachable Machine export"


def test_the_user_overrides_the_input_scaling(model_kinds, tmp_path):
    path = model_kinds["k3_sequential_inputlayer.keras"][0]
    loaded = load_model_file(path, preprocess="raw")
    assert loaded.spec.preprocessing.mode == "none"
    image_path, pixels = probe_image(tmp_path, (28, 28, 1))
    prepared, preds = predict_image(loaded, load_image(image_path), k=10)
    assert prepared.steps[-1].endswith("— chosen by you")
    np.testing.assert_allclose(prepared.tensor[0, :, :, 0], pixels, atol=0)
    with pytest.raises(ModelError, match="Unknown input scaling"):
        load_model_file(path, preprocess="magic")


def test_flat_and_channelless_inputs_say_so_in_the_pipeline(model_kinds, tmp_path):
    image_path, _ = probe_image(tmp_path, (28, 28, 1))
    flat = load_model_file(model_kinds["mlp784.h5"][0])
    prepared, _ = predict_image(flat, load_image(image_path))
    assert prepared.steps[-1] == "flatten 28×28 → 784 (row by row)"
    assert prepared.fed_pixels.shape == (28, 28, 1)
    grey = load_model_file(model_kinds["flatten_first.keras"][0])
    prepared, _ = predict_image(grey, load_image(image_path))
    assert prepared.steps[-1] == "drop the channel axis: 28×28×1 → 28×28"
    assert prepared.tensor.shape == (1, 28, 28)


def test_vectors_that_are_no_image_are_refused_in_words(tmp_path):
    import keras

    model = keras.Sequential([keras.Input((100 + 1,)), keras.layers.Dense(2)])
    model.save(tmp_path / "odd.keras")
    with pytest.raises(ModelError, match="vector of 101 values, which is no image size"):
        load_model_file(tmp_path / "odd.keras")


@pytest.mark.parametrize("text, names", [
    ("0 Rock\n1 Paper\n2 Scissors\n", ("Rock", "Paper", "Scissors")),
    ("cat\ndog\n\n", ("cat", "dog")),
    ("1 one\n2 two\n", ("1 one", "2 two")),  # not numbered from 0: names as written
])
def test_labels_txt(tmp_path, text, names):
    (tmp_path / "labels.txt").write_text(text, encoding="utf-8")
    assert read_labels(tmp_path / "model.h5") == names
    assert read_labels(tmp_path / "missing" / "model.h5") is None
