"""`compare`: per-layer difference and cosine, checked against the activations computed here."""

from __future__ import annotations

import numpy as np
import pytest
from cli_helpers import assert_user_error


@pytest.fixture(scope="module")
def tuned_file(tmp_path_factory):
    """fashion-cnn's layers and weights with a new 3-class head, saved as a file."""
    import keras

    from explorer.core.models import loading

    base = loading.load_model("fashion-cnn").model
    head = keras.layers.Dense(3, activation="softmax", name="predictions")(
        base.get_layer("drop2").output)
    path = tmp_path_factory.mktemp("tuned") / "tuned.keras"
    keras.Model(base.inputs, head).save(path)
    return path


def test_a_new_head_changes_only_the_head(cli, photos, tuned_file):
    result = cli("compare", "fashion-cnn", photos / "cat.bmp", "--with", tuned_file, "--json")
    assert result.status == 0, result.err
    report = result.json()
    rows = {r["a"]: r for r in report["layers"]}
    assert all(r["a"] == r["b"] and r["matched_by"] == "path" for r in rows.values())
    for path in ("conv1", "pool1", "conv3b", "fc1", "fc2"):
        assert rows[path]["max_abs_difference"] == 0.0
        assert rows[path]["cosine_mean"] == pytest.approx(1.0)
    head = rows["predictions"]
    assert (head["shape_a"], head["shape_b"]) == ([10], [3])
    assert head["max_abs_difference"] is None and head["cosine_mean"] is None
    assert len(report["b"]["top"]) == 3


def test_two_images_through_one_model(cli, photos):
    from explorer.core.models import loading
    from explorer.core.pixels.images import load_image
    from explorer.core.predict import prepare

    result = cli("compare", "fashion-cnn", photos / "cat.bmp", photos / "bird.bmp",
                 "--layer", "conv1", "--json")
    assert result.status == 0, result.err
    (row,) = result.json()["layers"]
    loaded = loading.load_model("fashion-cnn")
    import keras

    sub = keras.Model(loaded.model.inputs, loaded.model.get_layer("conv1").output)
    a, b = (sub([prepare(loaded, load_image(photos / n)).tensor]).numpy()[0]
            for n in ("cat.bmp", "bird.bmp"))
    assert row["max_abs_difference"] == pytest.approx(float(np.abs(a - b).max()), rel=1e-5)
    x, y = a.reshape(-1, 64).astype(np.float64), b.reshape(-1, 64).astype(np.float64)
    norms = np.linalg.norm(x, axis=0) * np.linalg.norm(y, axis=0)
    both_zero = (np.linalg.norm(x, axis=0) == 0) & (np.linalg.norm(y, axis=0) == 0)
    cos = np.where(norms > 0, (x * y).sum(0) / np.where(norms > 0, norms, 1), 0.0)
    cos[both_zero] = 1.0
    assert row["cosine_mean"] == pytest.approx(float(cos.mean()), abs=1e-5)
    text = cli("compare", "fashion-cnn", photos / "cat.bmp", photos / "bird.bmp")
    assert text.status == 0 and "conv1" in text.out and "max |A-B|" in text.out


def test_side_b_is_needed(cli, photos):
    assert_user_error(cli("compare", "fashion-cnn", photos / "cat.bmp"), "side B")
