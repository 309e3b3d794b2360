"""The compare slot and RunCompare, called through the session: a base model against a copy
with a replaced head (fine-tuning's shape), and against itself."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.core import compare
from explorer.core.errors import ModelError
from explorer.worker.compare_messages import (
    CompareModelReady,
    CompareResult,
    LoadCompareModel,
    RunCompare,
)
from explorer.worker.jobs import images as image_jobs
from explorer.worker.messages import LoadImages
from explorer.worker.session import WorkerSession
from explorer.worker.state import JobState


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-channel cosine, written here: channels on the last axis, over every position."""
    x = a.reshape(-1, a.shape[-1]).astype(np.float64)
    y = b.reshape(-1, b.shape[-1]).astype(np.float64)
    return (x * y).sum(0) / (np.linalg.norm(x, axis=0) * np.linalg.norm(y, axis=0))


@pytest.fixture(scope="module")
def tuned_copy(tmp_path_factory, fashion):
    """fashion-cnn with its 10-class head replaced by a new 3-class one (the shape of a model
    made by ``cnn-explorer finetune``: the base's layers and weights kept, a new head)."""
    import keras

    base = fashion.loaded.model
    features = base.get_layer("drop2").output
    head = keras.layers.Dense(3, activation="softmax", name="predictions")(features)
    model = keras.Model(base.inputs, head, name="fashion_tuned")
    path = tmp_path_factory.mktemp("tuned") / "fashion_tuned.keras"
    model.save(path)
    return str(path)


def _session(fashion):
    session = WorkerSession()
    session.active = fashion
    return session


def _entry(path):
    return image_jobs.load_images(LoadImages((path,)), JobState()).images[0]


def test_the_compare_slot_leaves_the_current_model_alone(fashion, tuned_copy, cat_path):
    session, out = _session(fashion), []
    session.memory.extras["someone's"] = object()
    session.handle(1, LoadCompareModel(tuned_copy), JobState(), out.append)
    ready = out[-1]
    assert isinstance(ready, CompareModelReady)
    assert session.active is fashion and "someone's" in session.memory.extras
    assert session.memory.compare.ready is ready.ready
    assert ready.ready.name == tuned_copy and ready.ready.table[-1].output_shape == (3,)


def test_base_against_a_replaced_head(fashion, tuned_copy, cat_path):
    session, out = _session(fashion), []
    session.handle(1, LoadCompareModel(tuned_copy), JobState(), out.append)
    label = out[-1].label
    entry = _entry(cat_path)
    session.handle(2, RunCompare("fashion-cnn", entry, other_model=label), JobState(),
                   out.append)
    result = out[-1]
    assert isinstance(result, CompareResult) and result.request_id == 2
    match = compare.match_layers(fashion.ready.table, result.table_b)
    assert all(p.how == "path" and p.a == p.b for p in match.pairs)  # aligned by path
    assert len(match.pairs) == len(fashion.ready.table)
    head = match.for_a("predictions")
    assert not head.same_shape
    assert result.a.activations["predictions"].shape == (10,)
    assert result.b.activations["predictions"].shape == (3,)
    for path in ("conv1", "pool2", "conv3b", "fc2"):  # the kept base: the same weights
        a, b = result.a.activations[path], result.b.activations[path]
        np.testing.assert_array_equal(a - b, np.zeros_like(a))
        np.testing.assert_array_equal(compare.difference(a, b), np.zeros_like(a))
    a, b = result.a.activations["conv2a"], result.b.activations["conv2a"]
    live = np.linalg.norm(a.reshape(-1, a.shape[-1]), axis=0) > 0
    expected = _cosines(a[..., live], b[..., live])
    np.testing.assert_allclose(expected, 1.0, rtol=1e-6)
    np.testing.assert_allclose(compare.channel_cosine(a, b)[live], expected, rtol=1e-9)
    np.testing.assert_array_equal(compare.channel_cosine(a, b)[~live], 1.0)  # both all-zero
    assert len(result.b.predictions) == 3


def test_one_model_against_itself_and_two_images(fashion, cat_path, bird_path):
    session, out = _session(fashion), []
    session.handle(1, LoadCompareModel("fashion-cnn"), JobState(), out.append)
    cat, bird = _entry(cat_path), _entry(bird_path)
    session.handle(2, RunCompare("fashion-cnn", cat, other_model=out[-1].label), JobState(),
                   out.append)
    same = out[-1]
    for path, a in same.a.activations.items():
        np.testing.assert_array_equal(same.b.activations[path], a)
    session.handle(3, RunCompare("fashion-cnn", cat, other_image=bird), JobState(), out.append)
    two = out[-1]
    assert two.title_b == bird.name and two.b.image.key == bird.key
    a, b = two.a.activations["conv1"], two.b.activations["conv1"]
    assert np.abs(compare.difference(a, b)).max() > 0
    live = (np.linalg.norm(a.reshape(-1, 64), axis=0) > 0) & \
        (np.linalg.norm(b.reshape(-1, 64), axis=0) > 0)
    np.testing.assert_allclose(compare.channel_cosine(a, b)[live],
                               _cosines(a[..., live], b[..., live]), rtol=1e-9)


def test_an_unloaded_second_model_is_a_user_error(fashion, cat_path):
    session = _session(fashion)
    with pytest.raises(ModelError, match="not loaded"):
        session.handle(1, RunCompare("fashion-cnn", _entry(cat_path), other_model="other"),
                       JobState(), lambda value: None)
    with pytest.raises(ModelError, match="Nothing to compare"):
        session.handle(2, RunCompare("fashion-cnn", _entry(cat_path)), JobState(),
                       lambda value: None)


def test_a_nested_base_is_matched_by_position(fashion, tmp_path, cat_path):
    """As ``cnn-explorer finetune`` builds it: the base model nested (its layers' paths gain a
    prefix), a new head; the base's layers pair by position and give the same outputs."""
    import keras

    base = fashion.loaded.model
    trunk = keras.Model(base.inputs, base.get_layer("pool3").output, name="base")
    inputs = keras.Input((28, 28, 1), name="image")
    x = keras.layers.GlobalAveragePooling2D(name="avg_pool")(trunk(inputs))
    outputs = keras.layers.Dense(4, activation="softmax", name="predictions")(x)
    path = tmp_path / "nested.keras"
    keras.Model(inputs, outputs, name="nested").save(path)

    session, out = _session(fashion), []
    session.handle(1, LoadCompareModel(str(path)), JobState(), out.append)
    session.handle(2, RunCompare("fashion-cnn", _entry(cat_path), other_model=out[-1].label),
                   JobState(), out.append)
    result = out[-1]
    match = compare.match_layers(fashion.ready.table, result.table_b)
    by_position = {p.a: p.b for p in match.pairs if p.how == "position"}
    assert by_position["conv1"] == "base/conv1" and by_position["pool3"] == "base/pool3"
    assert match.for_a("predictions").how == "path"
    assert match.for_a("flatten") is None  # no Flatten in the new head
    for a_path, b_path in by_position.items():
        a, b = result.a.activations[a_path], result.b.activations[b_path]
        np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-6)
