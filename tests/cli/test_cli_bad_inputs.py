"""Every bad image and every bad model file through `predict` (issue 7).

A case either works (``"ok"``: exit 0, a full JSON answer) or is a user mistake: exit 2 and one
line on stderr, with no traceback, saying what is wrong (the first pattern) and what to do (the
second).
"""

from __future__ import annotations

import bad_inputs
import bad_models
import pytest
from bad_models import PLAIN_CLASSES
from cli_helpers import assert_user_error

IMAGE_MESSAGES = bad_inputs.ERROR_MESSAGES
MODEL_MESSAGES = {
    **bad_models.ERROR_MESSAGES,
    # the command line names its own flag and is checked more closely
    "lambda_keras": (r"contains code .* not loaded", r"pass --allow-unsafe"),
    "lambda_h5": (r"contains code .* not loaded", r"pass --allow-unsafe"),
    "conv1d_input": (r"does not take images.*Received: \(100, 1\)",
                     r"Open a model whose input is \(height, width, channels\)"),
    "four_channels": (r"not a grey or colour image.*4 channels",
                      r"Open a model that takes grey"),
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
        from explorer.core.models.loading import load_model

        classes = load_model(str(path), allow_unsafe=allow_unsafe).model.output_shape[-1]
        assert_ok_json(result, square_photo, classes)
    else:
        assert expected in ("error", "unsafe")
        assert_user_error(result, *MODEL_MESSAGES[case])
