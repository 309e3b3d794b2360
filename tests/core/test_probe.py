"""One-pass activations equal per-layer sub-models, through nesting, on small and real models."""

from __future__ import annotations

import inspect_models as im
import keras
import numpy as np
import pytest

from explorer.core.errors import ModelError
from explorer.core.graph.model_graph import layer_table
from explorer.core.graph.probe import ActivationProbe

TOL = 1e-5


def sub_output(model, layer_name: str, x) -> np.ndarray:
    """The textbook per-layer sub-model: keras.Model(model.inputs, layer.output)(x)."""
    inputs = model.inputs if len(model.inputs) > 1 else model.inputs[0]
    sub = keras.Model(inputs, model.get_layer(layer_name).output)
    return np.asarray(sub(x, training=False))


def assert_close(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=TOL, atol=TOL)


@pytest.fixture(scope="module")
def transfer_setup():
    model, base = im.transfer()
    im.randomize(model, seed=1)
    x = np.random.default_rng(2).uniform(0, 255, (2, 24, 24, 3)).astype("float32")
    probe = ActivationProbe(model)
    return model, base, probe, x, probe.run(x)


def test_transfer_model_every_layer_matches_sub_models(transfer_setup):
    model, base, probe, x, result = transfer_setup
    assert list(result) == [r.path for r in layer_table(model)]
    base_input = x * np.float32(1 / 255.0) - np.float32(0.5)  # the Rescaling, by hand
    for layer in base.layers[1:]:
        path = "base/" + layer.name.replace(".", "/")
        assert result[path].shape[0] == 2
        assert_close(result[path], sub_output(base, layer.name, base_input))
    seq = model.get_layer("seqblock")
    base_out = np.asarray(base(base_input, training=False))
    for layer in seq.layers:
        ref = keras.Model(seq.inputs[0], layer.output)(base_out)
        assert_close(result["seqblock/" + layer.name], np.asarray(ref))
    for name in ("scale", "gap", "head"):
        assert_close(result[name], sub_output(model, name, x))
    assert_close(result["image"], x)
    assert probe.output_paths == ("head",)
    assert_close(probe.predictions(result), model.predict_on_batch(x))


def test_results_are_read_only_numpy(transfer_setup):
    *_, result = transfer_setup
    for array in result.values():
        assert isinstance(array, np.ndarray)
        with pytest.raises(ValueError):
            array[(0,) * array.ndim] = 1.0


def test_probe_function_is_built_once_and_reused(transfer_setup):
    model, _, probe, x, first = transfer_setup
    again = probe.run(x[:1])
    third = probe.run(x[1:])
    fn = probe._functions[None]
    assert list(probe._functions) == [None]
    assert fn.experimental_get_tracing_count() == 1  # batch 2 then 1: generalised once
    assert_close(again["base/conv2"], first["base/conv2"][:1])
    assert_close(third["head"], first["head"][1:])


def test_layer_subset_and_missing_batch_axis(transfer_setup):
    model, _, probe, x, full = transfer_setup
    part = probe.run(x[0], layers=["stem.conv", "gap"])
    assert list(part) == ["base/stem/conv", "gap", "head"]  # model outputs always included
    assert part["gap"].shape == (1, 5)
    assert_close(part["base/stem/conv"], full["base/stem/conv"][:1])
    with pytest.raises(ModelError, match="no layer 'missing'"):
        probe.run(x, layers=["missing"])


def test_a_prefix_without_outputs_stops_inside_a_nested_model(transfer_setup):
    model, _, probe, x, full = transfer_setup
    part = probe.run(x, layers=["base/stem/conv"], outputs=False)
    assert list(part) == ["base/stem/conv"]  # no model output: the walk stopped there
    np.testing.assert_array_equal(part["base/stem/conv"], full["base/stem/conv"])
    later = probe.run(x, layers=["seqblock/" + model.get_layer("seqblock").layers[0].name,
                                 "image"], outputs=False)
    for key, array in later.items():
        np.testing.assert_array_equal(array, full[key])


def test_wrong_input_shapes_are_model_errors(transfer_setup):
    _, _, probe, x, _ = transfer_setup
    with pytest.raises(ModelError, match="wrong shape"):
        probe.run(np.zeros((1, 32, 32, 3), "float32"))
    with pytest.raises(ModelError, match="takes 1 input"):
        probe.run([x, x])


def test_top_level_functional_every_layer():
    model = im.assorted()
    im.randomize(model, seed=4)
    x = np.random.default_rng(5).normal(size=(1, 56, 56, 8)).astype("float32")
    result = ActivationProbe(model).run(x)
    for layer in model.layers[1:]:
        assert_close(result[layer.name], sub_output(model, layer.name, x))


def test_sequential_model():
    model = im.sequential()
    im.randomize(model, seed=6)
    x = np.random.default_rng(7).uniform(size=(3, 28, 28, 1)).astype("float32")
    result = ActivationProbe(model).run(x)
    for layer in model.layers:
        assert_close(result[layer.name], sub_output(model, layer.name, x))
    assert_close(result["out"], model.predict_on_batch(x))


def test_multi_input_multi_output():
    model = im.multi_io()
    im.randomize(model, seed=8)
    rng = np.random.default_rng(9)
    rgb = rng.normal(size=(1, 16, 16, 3)).astype("float32")
    depth = rng.normal(size=(1, 16, 16, 1)).astype("float32")
    probe = ActivationProbe(model)
    as_list = probe.run([rgb, depth])
    as_dict = probe.run({"depth": depth, "rgb": rgb})
    assert probe.output_paths == ("cls", "reg")
    cls, reg = model.predict_on_batch([rgb, depth])
    preds = probe.predictions(as_list)
    assert_close(preds[0], cls)
    assert_close(preds[1], reg)
    for layer in model.layers[2:]:
        ref = sub_output(model, layer.name, [rgb, depth])
        assert_close(as_list[layer.name], ref)
        assert_close(as_dict[layer.name], ref)
    with pytest.raises(ModelError, match="No value for the model input"):
        probe.run({"rgb": rgb})


def test_nested_models_sharing_layer_names():
    """Flattening these into one keras.Model would clash on 'conv'; the replay does not."""
    model, base_a, base_b = im.two_bases()
    im.randomize(model, seed=10)
    x = np.random.default_rng(11).normal(size=(1, 16, 16, 3)).astype("float32")
    probe = ActivationProbe(model)
    result = probe.run(x)
    for base in (base_a, base_b):
        for name in ("conv", "relu"):
            assert_close(result[f"{base.name}/{name}"], sub_output(base, name, x))
    assert_close(result["sum"], result["base_a/relu"] + result["base_b/relu"])
    with pytest.raises(ModelError, match="several nested models"):
        probe.run(x, layers=["conv"])


def test_shared_layer_both_calls():
    model = im.shared_layer()
    im.randomize(model, seed=12)
    x = np.random.default_rng(13).normal(size=(1, 12, 12, 4)).astype("float32")
    result = ActivationProbe(model).run(x)
    conv = model.get_layer("shared")
    once = np.asarray(conv(x))
    assert_close(result["shared"], once)
    assert_close(result["shared@2"], np.asarray(conv(once)))


def test_mobilenet_nested_in_transfer_model():
    base = keras.applications.MobileNet(weights=None, alpha=0.25, input_shape=(128, 128, 3),
                                        include_top=False)
    inputs = keras.Input((128, 128, 3), name="image")
    x = keras.layers.Rescaling(1 / 127.5, offset=-1, name="prep")(inputs)
    x = base(x, training=False)
    x = keras.layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = keras.layers.Dense(4, activation="softmax", name="head")(x)
    model = keras.Model(inputs, outputs)
    im.randomize(model, seed=14)

    rows = layer_table(model)
    assert len(rows) == 2 + (len(base.layers) - 1) + 2
    assert sum(r.params for r in rows) == model.count_params()
    last = {r.path: r for r in rows}[f"{base.name}/conv_pw_13_relu"]
    # MobileNet v1's published receptive field is 315 px with a 32 px stride.
    assert last.receptive_field == (315, 315) and last.jump == (32, 32)
    assert last.output_shape == (4, 4, 256)

    pixels = np.random.default_rng(15).uniform(0, 255, (1, 128, 128, 3)).astype("float32")
    result = ActivationProbe(model).run(pixels)
    reference = keras.Model(base.inputs[0], [layer.output for layer in base.layers[1:]])
    expected = reference(pixels / np.float32(127.5) - 1, training=False)
    for layer, ref in zip(base.layers[1:], expected):
        assert_close(result[f"{base.name}/{layer.name}"], np.asarray(ref))
    assert_close(result["head"], model.predict_on_batch(pixels))


def test_real_imagenet_weights(imagenet_keras_home, fixture_images):
    from PIL import Image

    from explorer.core.predict import imagenet_class_names, top_k

    model = keras.applications.MobileNet(weights="imagenet", alpha=0.25,
                                         input_shape=(128, 128, 3))
    image = Image.open(fixture_images / "parrot.jpg").convert("RGB").resize((128, 128),
                                                                           Image.BILINEAR)
    x = keras.applications.mobilenet.preprocess_input(np.asarray(image, "float32")[None])
    probe = ActivationProbe(model)
    result = probe.run(x)
    assert_close(probe.predictions(result), model.predict_on_batch(x))
    assert_close(result["conv1"], sub_output(model, "conv1", x))
    best = top_k(probe.predictions(result), 3, imagenet_class_names())
    assert best[0].label == "macaw" and best[0].index == 88 and best[0].score > 0.5


def test_free_spatial_size_runs_any_image_size_with_one_trace():
    inputs = keras.Input((None, None, 3), name="image")
    x = keras.layers.Conv2D(4, 3, strides=2, name="conv")(inputs)
    outputs = keras.layers.GlobalAveragePooling2D(name="gap")(x)
    model = keras.Model(inputs, outputs)
    im.randomize(model, seed=16)
    probe = ActivationProbe(model)
    rng = np.random.default_rng(17)
    for h, w in ((32, 48), (21, 17)):
        x = rng.normal(size=(1, h, w, 3)).astype("float32")
        result = probe.run(x)
        assert result["conv"].shape == (1, (h - 3) // 2 + 1, (w - 3) // 2 + 1, 4)
        assert_close(result["conv"], sub_output(model, "conv", x))
    assert probe._functions[None].experimental_get_tracing_count() == 1


def test_long_prefix_functions_are_forgotten_first_by_their_steps(monkeypatch):
    """The subset functions kept span at most MAX_TRACED_STEPS steps (the newest always stays),
    so a deep model keeps few of its long prefixes and a small one keeps many."""
    from explorer.core.graph import probe as probe_module

    inputs = keras.Input((8, 8, 1))
    x = inputs
    for i in range(10):
        x = keras.layers.Conv2D(2, 3, padding="same", name=f"c{i}")(x)
    probe = ActivationProbe(keras.Model(inputs, x))
    assert probe.paths[0].startswith("input") and probe.paths[1:] == tuple(
        f"c{i}" for i in range(10))
    tensor = np.zeros((1, 8, 8, 1), "float32")
    monkeypatch.setattr(probe_module, "MAX_TRACED_STEPS", 12)
    for name in ("c1", "c2", "c8"):  # prefixes of 3, 4 and 10 steps
        probe.run(tensor, layers=[name], outputs=False)
    kept = [sorted(k) for k in probe._functions]
    assert kept == [["c8"]]  # 10 steps: with c2's 4 it would be 14 > 12
    probe.run(tensor, layers=["c1"], outputs=False)
    assert [sorted(k) for k in probe._functions] == [["c1"]]  # 3 + 10 > 12: c8 goes
    probe.run(tensor, layers=["c2"], outputs=False)
    assert [sorted(k) for k in probe._functions] == [["c1"], ["c2"]]  # 4 + 3 ≤ 12: both
