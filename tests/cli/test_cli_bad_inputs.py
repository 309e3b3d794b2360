"""Every bad image and every bad model file through `predict` (issue 7).

A case either works (``"ok"``: exit 0, a full JSON answer) or is a user mistake: exit 2 and one
line on stderr, with no traceback, saying what is wrong (the first pattern) and what to do (the
second).
"""

from __future__ import annotations

import pytest

import bad_inputs
import bad_models
from bad_models import PLAIN_CLASSES
from cli_helpers import assert_user_error

IMAGE_MESSAGES = {
    "zero_byte": (r"is empty \(0 bytes\)", r"get it again"),
    "text_as_png": (r"not an image", r"Choose a PNG, JPEG"),
    "truncated_jpeg": (r"is truncated", r"export the file again"),
    "truncated_png": (r"is truncated", r"export the file again"),
    "decompression_bomb": (r"too large to open safely", r"Scale the image down"),
    "oversized_png": (r"too large to open safely", r"Scale the image down"),
    "unreadable": (r"Permission denied", r"Make the file readable"),
    "directory": (r"is a folder, not an image", r"Choose an image file"),
    "missing": (r"not found", r"Check the path"),
}
MODEL_MESSAGES = {
    "random_bytes_keras": (r"damaged or not a Keras 3 model", r"Save the model again"),
    "truncated_keras": (r"damaged or not a Keras 3 model", r"Save the model again"),
    "random_bytes_h5": (r"damaged or not an HDF5 model", r"Save the model again"),
    "truncated_h5": (r"could not be loaded: .*truncated file", r"complete Keras model"),
    "zip_without_model": (r"could not be loaded: .*config\.json", r"complete Keras model"),
    "text_renamed_keras": (r"damaged or not a Keras 3 model", r"Save the model again"),
    "custom_layer_h5": (r"needs the custom layer 'CnnExplorerTestDoubler'",
                        r"Re-save the model without custom layers"),
    "custom_layer_keras": (r"could not be rebuilt", r"Re-save the model with standard Keras"),
    "lambda_keras": (r"contains code .* not loaded", r"pass --allow-unsafe"),
    "lambda_h5": (r"contains code .* not loaded", r"pass --allow-unsafe"),
    "two_inputs": (r"has 2 inputs", r"Open a model with a single image input"),
    "conv1d_input": (r"does not take images.*Received: \(100, 1\)",
                     r"Open a model whose input is \(height, width, channels\)"),
    "four_channels": (r"not a grey or colour image.*4 channels",
                      r"Open a model that takes grey"),
    "unbuilt_sequential": (r"no input shape", r"save it again"),
    "directory_named_keras": (r"is a folder, not a model file", r"Pick a \.keras or \.h5 file"),
    "missing": (r"There is no file", r"Check the path"),
    "wrong_suffix": (r"not a Keras model file.*Received: \.txt", r"Pick a \.keras or \.h5"),
}

#: (case, pass --allow-unsafe): the unsafe cases run both ways
MODEL_RUNS = [(case, False) for case in bad_models.CASE_NAMES] + [
    ("lambda_keras", True), ("lambda_h5", True)]


def test_every_error_case_has_a_message_pattern():
    image_errors = {"zero_byte", "text_as_png", "truncated_jpeg", "truncated_png",
                    "decompression_bomb", "oversized_png", "unreadable", "directory", "missing"}
    assert set(IMAGE_MESSAGES) == image_errors
    assert image_errors < set(bad_inputs.CASE_NAMES)
    assert set(MODEL_MESSAGES) < set(bad_models.CASE_NAMES)


def assert_ok_json(result, image, classes: int) -> list[dict]:
    assert result.status == 0, result.err
    assert "Traceback" not in result.err
    (item,) = result.json()
    assert item["image"] == str(image)
    top = item["top"]
    assert sorted(p["index"] for p in top) == list(range(classes))
    scores = [p["score"] for p in top]
    assert scores == sorted(scores, reverse=True)
    assert sum(scores) == pytest.approx(1.0, abs=1e-5)
    return top


@pytest.mark.parametrize("case", bad_inputs.CASE_NAMES)
def test_bad_image_through_predict(cli, bad_images, plain_model, case):
    if case not in bad_images:
        pytest.skip(bad_inputs.SKIP_REASONS[case])
    path, expected = bad_images[case]
    result = cli("predict", plain_model, path, "--top", "3", "--json")
    if expected == "ok":
        top = assert_ok_json(result, path, 3)
        assert [p["label"] for p in top] == [PLAIN_CLASSES[p["index"]] for p in top]
    else:
        assert_user_error(result, *IMAGE_MESSAGES[case])


@pytest.mark.parametrize("case, allow_unsafe", MODEL_RUNS,
                         ids=[c + ("-allowed" if a else "") for c, a in MODEL_RUNS])
def test_bad_model_through_predict(cli, bad_models, square_photo, case, allow_unsafe):
    path, expected = bad_models[case]
    argv = ["predict", path, square_photo, "--top", "20", "--json"]
    result = cli(*argv, *(["--allow-unsafe"] if allow_unsafe else []))
    if expected == "ok" or (expected == "unsafe" and allow_unsafe):
        from explorer.core.catalog import load_model

        classes = load_model(str(path), allow_unsafe=allow_unsafe).model.output_shape[-1]
        assert_ok_json(result, square_photo, classes)
    else:
        assert expected in ("error", "unsafe")
        assert_user_error(result, *MODEL_MESSAGES[case])
