"""Opening users' model files: the error each bad file raises, the input spec, the card."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import bad_models
import keras
import numpy as np
import pytest
from keras import layers

from explorer.core.errors import ModelError, UnsafeModelError
from explorer.core.models.files import load_model_file, read_card, spec_for
from explorer.core.models.load_errors import translate_load_error
from explorer.core.pixels.images import from_array
from explorer.core.pixels.preprocess import InputSpec, Preprocessing
from explorer.core.predict import predict_image


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    return bad_models.make_bad_models(tmp_path_factory.mktemp("models"))


@pytest.mark.parametrize("case", bad_models.CASE_NAMES)
def test_each_corpus_file_loads_or_raises_the_right_error(corpus, case):
    path, expected = corpus[case]
    if expected == "ok":
        loaded = load_model_file(path)
        assert loaded.entry.group == "file" and loaded.entry.name == str(path)
        assert loaded.spec.channels in (1, 3)
    elif expected == "unsafe":
        with pytest.raises(UnsafeModelError, match="--allow-unsafe"):
            load_model_file(path)
        loaded = load_model_file(path, allow_unsafe=True)
        assert loaded.model.get_layer("halve") is not None
    else:
        with pytest.raises(ModelError) as info:
            load_model_file(path)
        assert not isinstance(info.value, UnsafeModelError)
        assert info.value.fix, "every refusal says what to do"
        assert "\n" not in info.value.one_line()


def test_plain_file_spec_and_card_class_names(corpus):
    loaded = load_model_file(corpus["plain_cnn"][0])
    assert loaded.spec == InputSpec(24, 24, 3, Preprocessing(mode="rescale"))
    assert loaded.class_names == bad_models.PLAIN_CLASSES
    assert loaded.entry.title == "plain_cnn.keras"
    assert load_model_file(corpus["no_conv"][0]).class_names is None


def test_spec_for_reads_the_card_and_self_scaling_layers():
    inputs = keras.Input((20, 30, 3))
    plain = keras.Model(inputs, layers.Flatten()(inputs))
    assert spec_for(plain, {}) == InputSpec(20, 30, 3, Preprocessing(mode="rescale"))
    assert spec_for(plain, {"preprocess": "caffe", "invert": True}) == InputSpec(
        20, 30, 3, Preprocessing(mode="caffe", invert=True))
    with pytest.raises(ModelError):
        spec_for(plain, {"preprocess": "sharpen"})
    scaled = keras.Model(inputs, layers.Rescaling(1 / 127.5, offset=-1)(inputs))
    assert spec_for(scaled, {}).preprocessing.mode == "none"  # the model scales 0–255 itself
    free = keras.Input((None, None, 1))
    assert spec_for(keras.Model(free, layers.Conv2D(2, 3)(free)), {}) == InputSpec(
        None, None, 1, Preprocessing(mode="rescale"))


def test_read_card(tmp_path):
    model = tmp_path / "m.keras"
    assert read_card(model) == {}
    (tmp_path / "m.json").write_text("{not json")
    assert read_card(model) == {}
    (tmp_path / "m.json").write_text(json.dumps({"class_names": ["a", "b"]}))
    assert read_card(model) == {"class_names": ["a", "b"]}


@pytest.mark.parametrize("exc, cls, pattern", [
    (ValueError("Requested the deserialization of a `Lambda` layer ... arbitrary code "
                "execution ... safe_mode=False"), UnsafeModelError, r"contains code"),
    (TypeError("Could not locate class 'Fancy'. ... Unknown layer: 'Fancy'"), ModelError,
     r"needs the custom layer 'Fancy'"),
    (KeyError("There is no item named 'config.json' in the archive"), ModelError,
     r"could not be loaded: There is no item named 'config\.json' in the archive\."),
    (ValueError(""), ModelError, r"could not be loaded: ValueError\."),
    (OSError("Unable to open file\nsecond line"), ModelError,
     r"could not be loaded: Unable to open file\. Check"),
])
def test_translate_load_error(exc, cls, pattern):
    translated = translate_load_error(exc, Path("/data/m.keras"))
    assert type(translated) is cls
    assert translated.one_line().startswith("m.keras ")
    assert re.search(pattern, translated.one_line()), translated.one_line()


def test_an_unknown_failure_stays_a_bug():
    exc = RuntimeError("something inside Keras broke")
    assert translate_load_error(exc, Path("m.keras")) is exc


def test_single_input_in_a_list_is_fed_without_warnings(tmp_path):
    """A model built as ``keras.Model([x], ...)`` with one sigmoid unit: two classes, no
    "structure of inputs doesn't match" warning, and the probability Keras computes."""
    image_in = keras.Input((8, 8, 3), name="pixels")
    out = layers.Dense(1, activation="sigmoid", name="p")(layers.Flatten()(image_in))
    path = tmp_path / "listed.keras"
    keras.Model([image_in], out).save(path)
    loaded = load_model_file(path)
    pixels = np.full((8, 8, 3), 200, np.uint8)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, preds = predict_image(loaded, from_array(pixels), k=2)
    p = float(loaded.model.predict(np.full((1, 8, 8, 3), 200 / 255, np.float32), verbose=0)[0, 0])
    assert {pred.index: pred.score for pred in preds} == pytest.approx({0: 1 - p, 1: p},
                                                                       abs=1e-6)
