"""The catalogue: listing, name look-up, how each kind of model is fed, and loading."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

from explorer.core.errors import ModelError, UnsafeModelError, describe_unsafe
from explorer.core.models import applications, zoo
from explorer.core.models.catalog import find_entry, list_models
from explorer.core.models.code import BUNDLED
from explorer.core.models.loading import load_model
from explorer.core.models.types import GROUPS, file_entry
from explorer.core.pixels.preprocess import InputSpec, Preprocessing


def test_list_models_has_every_model_once_in_group_order():
    entries = list_models()
    names = [e.name for e in entries]
    assert len(names) == len(set(names))
    assert set(zoo.MODULES) <= set(names)
    assert [e.name for e in entries if e.group == "pretrained"] == [
        s.name for s in applications.list_pretrained()]
    rank = {"bundled": 0, "code": 1, "pretrained": 2}
    assert [rank[e.group] for e in entries] == sorted(rank[e.group] for e in entries)
    for e in entries:
        assert e.group in GROUPS and e.title and e.description
        assert e.trained == (e.group != "code")
        if e.group == "bundled":
            assert e.name in BUNDLED and e.weights_status.startswith("trained (bundled)")
        if e.group == "code":
            assert e.weights_status == "untrained" and e.params is None
            assert e.input_shape == zoo.info(e.name).input_shape


def test_find_entry_by_name_and_by_path(tmp_path):
    assert find_entry("alexnet").input_shape == (227, 227, 3)
    assert find_entry("resnet50").group == "pretrained"
    missing = tmp_path / "later.keras"  # a model-file name need not exist yet: loading says so
    assert find_entry(str(missing)) == file_entry(missing)
    assert find_entry(str(tmp_path)).group == "file"  # an existing path of any kind
    with pytest.raises(ModelError) as info:
        find_entry("resnet9000")
    line = info.value.one_line()
    assert "No model called 'resnet9000'" in line and "cnn-explorer models" in line
    assert "lenet5" in info.value.expected and "mobilenet" in info.value.expected


def test_file_entry():
    entry = file_entry(Path("/models/mine.h5"))
    assert (entry.name, entry.title, entry.group) == ("/models/mine.h5", "mine.h5", "file")
    assert entry.input_shape == (None, None, None) and entry.trained


@pytest.mark.parametrize("name, spec", [
    ("lenet5", InputSpec(28, 28, 1, Preprocessing(mode="rescale", pad_to=(32, 32),
                                                  invert="auto"))),
    ("fashion-cnn", InputSpec(28, 28, 1, Preprocessing(mode="rescale", invert="auto"))),
    ("alexnet", InputSpec(227, 227, 3, Preprocessing(mode="rescale"))),
    ("resnet34", InputSpec(224, 224, 3, Preprocessing(mode="rescale"))),
])
def test_zoo_input_spec(name, spec):
    assert zoo.input_spec(name) == spec
    assert spec.model_input_shape == zoo.info(name).input_shape


def test_load_untrained_code_model():
    loaded = load_model("lenet5", weights="untrained")
    assert loaded.model.name == "lenet5"
    assert loaded.entry == find_entry("lenet5")
    assert loaded.spec == zoo.input_spec("lenet5")
    assert loaded.class_names == tuple(str(i) for i in range(10))
    assert loaded.model.output_shape == (None, 10)


def test_code_model_with_a_local_weights_file(tmp_path):
    keras.utils.set_random_seed(11)
    source = zoo.build("lenet5")
    path = tmp_path / "lenet.weights.h5"
    source.save_weights(path)
    loaded = load_model("lenet5", weights=str(path))
    for layer in ("C1", "C3", "F6", "output"):
        for got, want in zip(loaded.model.get_layer(layer).weights,
                             source.get_layer(layer).weights):
            np.testing.assert_array_equal(keras.ops.convert_to_numpy(got),
                                          keras.ops.convert_to_numpy(want))


def test_load_model_file_through_the_catalogue(tmp_path):
    inputs = keras.Input((12, 12, 3), name="image")
    outputs = keras.layers.Dense(2, activation="softmax")(keras.layers.Flatten()(inputs))
    path = tmp_path / "tiny.keras"
    keras.Model(inputs, outputs).save(path)
    (tmp_path / "tiny.json").write_text('{"class_names": ["cat", "dog"], "preprocess": "tf"}')
    loaded = load_model(str(path))
    assert loaded.entry.group == "file"
    assert loaded.class_names == ("cat", "dog")
    assert loaded.spec == InputSpec(12, 12, 3, Preprocessing(mode="tf"))


def test_describe_unsafe_names_the_file_and_the_way_out(tmp_path):
    error = describe_unsafe(ValueError("safe_mode"), tmp_path / "lambda.keras")
    assert isinstance(error, UnsafeModelError)
    assert error.one_line().startswith("lambda.keras contains code")
    assert "--allow-unsafe" in error.fix
