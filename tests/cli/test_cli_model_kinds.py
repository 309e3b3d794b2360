"""The model files people have, through ``cnn-explorer predict`` and ``activations`` (issue 20):
no traceback, the right scores, and ``--preprocess`` to override the scaling."""

from __future__ import annotations

import numpy as np
import pytest
from model_kinds import FEEDS, KINDS, expected_output, probe_image


@pytest.mark.parametrize("name", KINDS)
def test_predict_and_activations(cli, model_kinds, name, tmp_path):
    path, mode, _ = model_kinds[name]
    shape, input_shape = FEEDS[name]
    image, pixels = probe_image(tmp_path, shape)
    result = cli("predict", path, image, "--top", "3", "--json")
    assert result.status == 0, result.err
    assert "Traceback" not in result.err
    top = result.json()[0]["top"]
    expected = expected_output(path, pixels, mode, input_shape)
    for pred in top:
        assert pred["score"] == pytest.approx(expected[pred["index"]], abs=1e-5)
    if name == "keras_model.h5":
        assert [p["label"] for p in top] == [
            ("Rock", "Paper", "Scissors")[i] for i in np.argsort(-expected)[:3]]
    out = tmp_path / "maps"
    result = cli("activations", path, image, "--out", out, "--format", "png")
    assert result.status == 0, result.err
    assert len(list(out.iterdir())) >= 3


def test_preprocess_override_on_the_command_line(cli, model_kinds, tmp_path):
    path = model_kinds["k3_sequential_inputlayer.keras"][0]
    image, pixels = probe_image(tmp_path, (28, 28, 1))
    result = cli("predict", path, image, "--preprocess", "raw", "--json", "--top", "10")
    assert result.status == 0, result.err
    expected = expected_output(path, pixels, "none", (1, 28, 28, 1))
    for pred in result.json()[0]["top"]:
        assert pred["score"] == pytest.approx(expected[pred["index"]], abs=1e-5)
    result = cli("predict", path, image, "--preprocess", "sharpen")
    assert result.status == 2 and "invalid choice: 'sharpen'" in result.err
