"""A census of real Fashion-MNIST images through the bundled CNN, against numbers computed here
from the layers' outputs with a plain Keras multi-output model and numpy; accuracy against
``evaluate``; resuming after a cancel; the CLI's summary.json; a folder of images."""

from __future__ import annotations

import json

import numpy as np
import pytest

from explorer.core.census import results
from explorer.core.census.run import prepare

N = 300


@pytest.fixture(scope="module")
def reference(fashion, test_images):
    """Every layer's output for the first N test images, by Keras itself."""
    import keras

    loaded, _ = fashion
    model = loaded.model
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    outputs = keras.Model(model.inputs, [layer.output for layer in layers])
    x = test_images.images[:N].astype(np.float32) / 255.0
    values = outputs.predict(x, batch_size=100, verbose=0)
    return {layer.name: v for layer, v in zip(layers, values)}


@pytest.fixture(scope="module")
def census_data(fashion, tmp_path_factory):
    loaded, graph = fashion
    folder = tmp_path_factory.mktemp("census")
    return prepare(loaded, graph, "fashion-mnist", folder, limit=N, batch_size=64).run()


def test_every_layers_statistics_equal_numpy_over_the_same_images(census_data, reference):
    assert census_data.complete and census_data.images == N
    assert list(census_data.layers) == list(reference)
    for name, values in reference.items():
        layer = census_data.layers[name]
        flat = values.reshape(N, -1, values.shape[-1])
        np.testing.assert_allclose(layer.mean, flat.mean(axis=(0, 1)), rtol=2e-3, atol=1e-5,
                                   err_msg=name)
        np.testing.assert_allclose(layer.max, flat.max(axis=(0, 1)), rtol=1e-3, atol=1e-5)
        np.testing.assert_allclose(layer.zero_fraction, (flat == 0).mean(axis=(0, 1)),
                                   atol=2e-3, err_msg=name)
        per_image = flat.max(1)  # (N, C)
        for c in range(0, values.shape[-1], max(1, values.shape[-1] // 7)):
            order = np.argsort(-per_image[:, c], kind="stable")[:9]
            np.testing.assert_allclose(layer.top_value[:, c], per_image[order, c], rtol=1e-3,
                                       atol=1e-5)
            gaps = np.abs(np.diff(per_image[order, c])) > 1e-3
            distinct = np.concatenate([[True], gaps]) & np.concatenate([gaps, [True]])
            assert (layer.top_index[distinct, c] == order[distinct]).all(), (name, c)
    dead = {n: np.flatnonzero(census_data.layers[n].dead).tolist() for n in reference}
    for name, values in reference.items():
        assert dead[name] == np.flatnonzero((values.reshape(N, -1, values.shape[-1]) == 0)
                                            .all(axis=(0, 1))).tolist()
    sat = census_data.layers["predictions"].saturated_fraction
    probs = reference["predictions"]
    np.testing.assert_allclose(sat, (probs >= 1 - 1e-3).mean(0), atol=1e-9)
    assert census_data.layers["conv1"].saturated_fraction is None  # ReLU: no upper bound


def test_accuracy_and_confusion_equal_evaluate_and_numpy(census_data, fashion, test_images,
                                                         reference):
    from explorer.core.training.fit import evaluate

    loaded, _ = fashion
    x = test_images.images[:N].astype(np.float32) / 255.0
    truth = test_images.labels[:N]
    assert census_data.accuracy == pytest.approx(evaluate(loaded.model, x, truth).accuracy,
                                                 abs=1e-12)
    predicted = reference["predictions"].argmax(1)
    expected = np.zeros((10, 10), int)
    np.add.at(expected, (truth, predicted), 1)
    assert census_data.confusion.tolist() == expected.tolist()
    assert census_data.wrong_index.tolist() == np.flatnonzero(predicted != truth).tolist()
    true_class, predicted_class = 6, 0  # shirts taken for T-shirts: a common confusion
    assert census_data.cell(true_class, predicted_class).tolist() == np.flatnonzero(
        (truth == true_class) & (predicted == predicted_class)).tolist()


def test_top_images_have_thumbnails_and_boxes_of_their_units(census_data, test_images):
    from PIL import Image

    layer = census_data.layers["conv2a"]
    index, (row, col) = int(layer.top_index[0, 5]), layer.top_at[0, 5]
    thumb = np.asarray(Image.open(census_data.thumbnail(index)))
    np.testing.assert_array_equal(thumb, test_images.images[index][..., 0])
    # conv1 7×7 "same", pool 2, conv2a 3×3 "same": a conv2a unit sees 7 + 1 + 2·2 = 12 pixels,
    # from 2·row − 4 (padding 3 of conv1, then 1 of conv2a at stride 2)
    top, left = 2 * row - 3 - 2, 2 * col - 3 - 2
    expected = [max(top, 0), max(left, 0), min(top + 11, 27), min(left + 11, 27)]
    assert layer.top_box[0, 5].tolist() == expected


def test_a_cancelled_census_resumes_to_the_same_result(fashion, census_data, tmp_path):
    loaded, graph = fashion
    first = prepare(loaded, graph, "fashion-mnist", tmp_path, limit=N, batch_size=64)
    calls = []
    part = first.run(cancel=lambda: calls.append(1) or len(calls) >= 2)
    assert not part.complete and part.images == 128
    assert json.loads((tmp_path / "summary.json").read_text())["complete"] is False
    again = prepare(loaded, graph, "fashion-mnist", tmp_path, limit=N, batch_size=64,
                    resume=True)
    assert again.done == 128
    done = again.run()
    assert done.complete and done.images == N
    for name, layer in census_data.layers.items():
        other = done.layers[name]
        np.testing.assert_allclose(other.mean, layer.mean, rtol=1e-6, atol=1e-9)
        np.testing.assert_array_equal(other.top_index, layer.top_index)
        np.testing.assert_array_equal(other.max, layer.max)
    assert done.confusion.tolist() == census_data.confusion.tolist()
    # another limit is another census: not resumed from this state
    assert prepare(loaded, graph, "fashion-mnist", tmp_path, limit=N - 1, resume=True).done == 0


def test_a_folder_of_class_sub_folders_gives_the_numbers_of_the_same_images(fashion, test_images,
                                                                           tmp_path):
    from PIL import Image

    loaded, graph = fashion
    images, labels = test_images.images[:40], test_images.labels[:40]
    for i, (pixels, label) in enumerate(zip(images, labels)):
        folder = tmp_path / "data" / f"{label:02d}-class"
        folder.mkdir(parents=True, exist_ok=True)
        Image.fromarray(pixels[..., 0]).save(folder / f"{i:03d}.png")
    folder_census = prepare(loaded, graph, str(tmp_path / "data"), tmp_path / "out",
                            batch_size=16).run()
    order = sorted(range(40), key=lambda i: (labels[i], i))  # sub-folders, then file names
    x = images[order].astype(np.float32) / 255.0
    from explorer.core.training.fit import evaluate

    assert folder_census.images == 40
    assert folder_census.image_name(0) == f"{labels[order[0]]:02d}-class/{order[0]:03d}.png"
    expected = evaluate(loaded.model, x, np.searchsorted(np.unique(labels), labels[order]))
    assert folder_census.accuracy == pytest.approx(expected.accuracy)
    assert results.read(tmp_path / "out").images == 40  # reopened from the folder


def test_the_cli_writes_the_summary_the_issue_names(tmp_path, fashion_mnist_dir, capsys):
    from explorer.cli.main import main

    out = tmp_path / "census"
    assert main(["census", "fashion-cnn", "--data", "fashion-mnist", "--limit", "130",
                 "--layers", "conv1", "fc1", "--top", "3", "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["model"] == "fashion-cnn" and summary["images"] == 130
    assert set(summary["layers"]) == {"conv1", "fc1"}
    conv1 = summary["layers"]["conv1"]
    assert conv1["channels"] == 64 and len(conv1["mean"]) == len(conv1["max"]) == 64
    assert len(conv1["zero_fraction"]) == 64 and len(conv1["top"]) == 64
    assert set(conv1["top"][0][0]) >= {"image", "index", "at", "value"}
    assert len(summary["confusion"]) == 10 and sum(map(sum, summary["confusion"])) == 130
    assert 0 < summary["accuracy"] <= 1
    printed = capsys.readouterr().out
    assert "130 images of fashion-mnist test" in printed and "accuracy" in printed
    # resuming a finished census recomputes nothing
    assert main(["census", "fashion-cnn", "--data", "fashion-mnist", "--limit", "130",
                 "--layers", "conv1", "fc1", "--top", "3", "--out", str(out), "--resume"]) == 0
    assert json.loads((out / "summary.json").read_text())["seconds"] == summary["seconds"]


def test_the_batch_size_is_what_512_mib_of_activations_hold(fashion):
    import keras

    from explorer.core.census.run import Census, auto_batch, plan_layers

    loaded, graph = fashion
    per_image = 4 * sum(int(np.prod(layer.output.shape[1:])) for layer in loaded.model.layers
                        if not isinstance(layer, keras.layers.InputLayer))
    assert per_image == 4 * (28 * 28 * 64 + 14 * 14 * 64 + 2 * 14 * 14 * 128 + 7 * 7 * 128
                             + 2 * 7 * 7 * 256 + 2 * 3 * 3 * 256 + 2 * 128 + 2 * 64 + 10)
    assert auto_batch(plan_layers(graph)) == min(256, 512 * 2**20 // per_image) == 256
    small = plan_layers(graph, ["conv1"])  # 200 KiB an image: still capped at 256
    assert auto_batch(small) == 256
    from explorer.core.census.sources import open_source

    source = open_source("fashion-mnist", "test", loaded.spec, limit=10)
    assert Census(loaded, graph, source, "/nonexistent").batch_size == 256
