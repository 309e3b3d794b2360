"""`predict`: the JSON contract, scores checked against Keras directly, real ImageNet weights."""

from __future__ import annotations

import numpy as np
import pytest
from bad_models import PLAIN_CLASSES
from cli_helpers import assert_user_error
from PIL import Image


def expected_scores(model_path, image_path, size: int) -> np.ndarray:
    """The plain model's softmax for a square image, computed with Pillow and Keras alone."""
    import keras

    pixels = Image.open(image_path).convert("RGB").resize((size, size), Image.BILINEAR)
    batch = np.asarray(pixels, dtype=np.float32)[np.newaxis] / 255.0
    model = keras.models.load_model(model_path, compile=False)
    return np.asarray(model(batch, training=False))[0]


def test_predict_json_structure_and_scores(cli, plain_model, square_photo, bad_images):
    photo = bad_images["webp"][0]
    result = cli("predict", plain_model, square_photo, photo, "--top", "2", "--json")
    assert result.status == 0, result.err
    data = result.json()
    assert [item["image"] for item in data] == [str(square_photo), str(photo)]
    for item in data:
        assert set(item) == {"image", "weights", "top"}
        assert item["weights"] == "file"  # as saved in the model file
        assert len(item["top"]) == 2
        for pred in item["top"]:
            assert set(pred) == {"index", "label", "score"}
            assert pred["label"] == PLAIN_CLASSES[pred["index"]]  # names from the model card
        scores = [p["score"] for p in item["top"]]
        assert scores == sorted(scores, reverse=True)
        assert 0 < sum(scores) <= 1 + 1e-5
    want = expected_scores(plain_model, square_photo, 24)
    order = np.argsort(-want)
    assert [p["index"] for p in data[0]["top"]] == order[:2].tolist()
    np.testing.assert_allclose([p["score"] for p in data[0]["top"]], want[order[:2]],
                               atol=2e-6)


def test_top_is_capped_at_the_number_of_classes_and_sums_to_one(cli, plain_model,
                                                                 square_photo):
    top = cli("predict", plain_model, square_photo, "--top", "10", "--json").json()[0]["top"]
    assert sorted(p["index"] for p in top) == [0, 1, 2]
    assert sum(p["score"] for p in top) == pytest.approx(1.0, abs=1e-5)


def test_predict_text_output(cli, plain_model, square_photo):
    result = cli("predict", plain_model, square_photo, "--top", "3")
    assert result.status == 0
    lines = result.out.splitlines()
    assert lines[0] == str(square_photo)
    assert len(lines) == 4
    want = expected_scores(plain_model, square_photo, 24)
    best = int(np.argmax(want))
    assert lines[1].split()[:2] == ["1.", PLAIN_CLASSES[best]]
    assert lines[1].endswith(f"(class {best})")
    assert f"{want[best]:.2%}" in lines[1]


def test_a_bad_image_among_good_ones_fails_the_whole_call(cli, plain_model, square_photo,
                                                          tmp_path):
    missing = tmp_path / "nope.png"
    assert_user_error(cli("predict", plain_model, square_photo, missing, "--json"),
                      r"not found", r"check the path")


def test_no_conv_model_predicts_with_numbered_classes(cli, bad_models, square_photo):
    path, _ = bad_models["no_conv"]
    top = cli("predict", path, square_photo, "--top", "10", "--json").json()[0]["top"]
    assert sorted(p["index"] for p in top) == list(range(10))
    assert all(p["label"] == f"class {p['index']}" for p in top)
    assert sum(p["score"] for p in top) == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize("image, index, label", [
    ("grace_hopper.bmp", 652, "military_uniform"),  # Keras's index: 652, not 653 (milk_can)
    ("parrot.jpg", 88, "macaw"),
])
def test_mobilenet_with_real_imagenet_weights(cli, imagenet_keras_home, fixture_images,
                                              image, index, label):
    result = cli("predict", "mobilenet", fixture_images / image, "--top", "5", "--json")
    assert result.status == 0, result.err
    top = result.json()[0]["top"]
    assert (top[0]["index"], top[0]["label"]) == (index, label)
    assert top[0]["score"] > 0.5
    scores = [p["score"] for p in top]
    assert scores == sorted(scores, reverse=True) and sum(scores) <= 1 + 1e-5
