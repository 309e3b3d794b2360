"""``cnn-explorer report``: one page whose table, predictions and pictures are checked against
Keras and the renderer directly, which names nothing outside itself, says when weights are
untrained, and escapes what a user's file names."""

from __future__ import annotations

import json

import numpy as np
import pytest
from report_html import SAMPLES, decode_image, read_page

from explorer.core.resources import resource_path


@pytest.fixture(scope="module")
def fashion():
    """The bundled model, loaded once here (the report ran in its own load)."""
    from explorer.core.models.loading import load_model

    return load_model("fashion-cnn")


@pytest.fixture(scope="module")
def page(fashion_report):
    return read_page(fashion_report.read_text(encoding="utf-8"))


def _prepared(loaded, name):
    from explorer.core.pixels.images import load_image
    from explorer.core.predict import prepare

    return prepare(loaded, load_image(resource_path("samples", name)))


def test_one_table_row_per_layer_with_keras_shapes_and_parameters(page, fashion):
    model = fashion.model
    layers = model.layers  # fashion-cnn: one flat functional model, input layer first
    assert [row["data-path"] for row in page.rows] == [layer.name for layer in layers]
    for row, layer in zip(page.rows, layers):
        cells = row["cells"]
        shape = tuple(layer.output.shape[1:])
        assert cells[4] == "×".join(str(d) for d in shape), layer.name
        assert int(cells[6].replace(",", "") or 0) == layer.count_params(), layer.name
        kind = "conv" if layer.__class__.__name__ == "Conv2D" else None
        if kind:
            assert row["class"] == "kind-conv"
    conv1 = page.rows[1]["cells"]
    # 28×28×64 outputs, each 7×7×1 multiply-accumulates
    assert int(conv1[8].replace(",", "")) == 28 * 28 * 64 * 7 * 7 * 1
    assert conv1[7] == "7×7"


def test_predictions_are_the_models_own_top_five(page, fashion):
    per_image = len(page.predictions) // len(SAMPLES)
    assert per_image == 5
    for n, name in enumerate(SAMPLES):
        probs = np.asarray(fashion.model(_prepared(fashion, name).tensor))[0]
        order = np.argsort(-probs, kind="stable")[:5]
        rows = page.predictions[n * 5:(n + 1) * 5]
        assert [r[1] for r in rows] == [fashion.class_names[i] for i in order]
        assert [r[3] for r in rows] == [f"{probs[i]:.2%}" for i in order]
    assert "ankle boot" in page.predictions[0][1].lower()


def test_pictures_are_the_renderers_output(page, fashion):
    import keras

    from explorer.core.explain.methods import explain
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.pixels.overlay import render_overlay
    from explorer.core.pixels.render import render_feature_maps, render_kernels

    prepared = _prepared(fashion, SAMPLES[1])  # the last section's figures are kept by name
    fed = decode_image(page.figures["fed"]["src"])
    assert np.array_equal(fed, prepared.fed_pixels[..., 0])
    chosen = [layer.name for layer in fashion.model.layers
              if layer.__class__.__name__ in ("Conv2D", "MaxPooling2D")]
    assert [name for name in page.figures if name.startswith("mosaic:")] == \
        [f"mosaic:{name}" for name in chosen]
    for name in ("conv1", "pool2", "conv3b"):
        sub = keras.Model(fashion.model.inputs, fashion.model.get_layer(name).output)
        act = np.asarray(sub(prepared.tensor))[0]
        expected = render_feature_maps(act, norm="layer").rgba
        shown = decode_image(page.figures[f"mosaic:{name}"]["src"])
        assert shown.shape == expected.shape, name
        # the probe's graph and a Keras sub-model may round a value differently
        assert np.mean(np.any(shown != expected, axis=-1)) < 0.002, name
        img = page.figures[f"mosaic:{name}"]
        assert int(img["width"]) % int(img["data-width"]) == 0  # enlarged by a whole factor
    kernel = fashion.model.get_layer("conv1").kernel.numpy()
    assert np.array_equal(decode_image(page.figures["kernels:conv1"]["src"]),
                          render_kernels(kernel, "conv").rgba)
    cam = explain(ModelGraph(fashion.model), fashion.spec, prepared, "gradcam",
                  class_names=fashion.class_names)
    caption = f"{cam.title} · {cam.score_kind} {cam.score:.3g}"
    assert np.array_equal(decode_image(page.figures["explain:gradcam"]["src"]),
                          render_overlay(prepared.fed_pixels, cam.heatmap, caption=caption))


def test_the_page_needs_nothing_outside_itself(fashion_report, page):
    html = fashion_report.read_text(encoding="utf-8")
    assert all(a.startswith("data:image/") or a.startswith("#") for a in page.addresses)
    assert not {"script", "link", "iframe", "object", "embed"} & set(page.tags)
    assert "default-src 'none'" in html and "@page { size: A4" in html
    assert "@media print" in html
    for needed in ("model", "layers", "kernels", "image-1", "image-2"):
        assert needed in page.ids
    assert "untrained" not in page.ids  # the bundled weights are trained
    steps = [s for s in page.text.splitlines() if "rescale: x × 0.00392157" in s]
    assert len(steps) == 2  # the pipeline of each image
    assert "best validation accuracy" in page.text and "0.9306" in page.text  # the card


def test_untrained_weights_are_said(cli, tmp_path):
    out = tmp_path / "untrained.html"
    status, said, _ = cli("report", "fashion-cnn", resource_path("samples", SAMPLES[0]),
                          "--weights", "untrained", "--layers", "conv1", "--no-explain",
                          "--out", out)
    assert status == 0 and "untrained" in said
    page = read_page(out.read_text(encoding="utf-8"))
    assert "untrained" in page.ids
    assert "the predictions mean nothing yet" in page.text
    # the bundled card describes the trained weights: not shown for random ones
    assert "Trained and bundled" not in page.text and "best validation accuracy" not in page.text
    assert "the bundled trained weights not loaded" in page.text
    assert [n for n in page.figures if n.startswith("mosaic:")] == ["mosaic:conv1"]
    assert not [n for n in page.figures if n.startswith("explain:")]


def test_names_from_a_users_file_are_escaped(cli, tmp_path):
    import keras
    from keras import layers

    keras.utils.set_random_seed(5)
    image = keras.Input((12, 12, 3), name="image")
    x = layers.Conv2D(4, 3, activation="relu", name="<script>")(image)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    model = keras.Model(image, layers.Dense(3, activation="softmax", name="out")(x))
    path = tmp_path / "evil.keras"
    model.save(path)
    hostile = ["<img src=x onerror=alert(1)>", "</td></tr></table><script>alert(2)</script>",
               "a & b"]
    (tmp_path / "evil.json").write_text(json.dumps({"class_names": hostile,
                                                    "note": "<b>bold</b>"}))
    out = tmp_path / "evil.html"
    status, _, _ = cli("report", path, resource_path("samples", "coffee.jpg"), "--out", out)
    assert status == 0
    html = out.read_text(encoding="utf-8")
    page = read_page(html)
    assert "script" not in page.tags and "b" not in page.tags
    assert all(a.startswith("data:image/") or a.startswith("#") for a in page.addresses)
    assert [row["data-path"] for row in page.rows] == ["image", "<script>", "gap", "out"]
    assert page.rows[1]["cells"][1] == "<script>"  # shown as text
    assert "&lt;script&gt;" in html and "mosaic:<script>" in page.figures
    for label in hostile:
        assert label in page.text
    assert "TensorFlow cannot trace a layer named <script>" in page.text  # said, not hidden


@pytest.mark.parametrize("argv, words", [
    (["--out", "{tmp}/r.txt"], "end the --out file name in .html"),
    (["--out", "{tmp}/missing/r.html"], "no folder"),
    (["--out", "{tmp}/r.html", "--layers", "no_such_layer"], "no_such_layer"),
])
def test_mistakes_are_one_line_and_leave_no_file(cli, tmp_path, argv, words):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    status, out, err = cli("report", "fashion-cnn", resource_path("samples", SAMPLES[0]),
                           *argv)
    assert status == 2 and out == "" and "Traceback" not in err
    assert words.lower() in err.lower()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
