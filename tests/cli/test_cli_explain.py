"""``cnn-explorer explain``: the map as numbers, the overlay as a picture, the JSON line, and
mistakes as one line (issue 12)."""

from __future__ import annotations

import numpy as np
import pytest
from cli_helpers import assert_user_error
from PIL import Image

from explorer.core.resources import resource_path

BOOT = resource_path("samples", "fashion-ankle-boot-test0.png")


@pytest.mark.parametrize("method", ["gradcam", "saliency", "occlusion"])
def test_the_map_as_npy(cli, tmp_path, method):
    out = tmp_path / f"{method}.npy"
    result = cli("explain", "fashion-cnn", BOOT, "--method", method, "--out", out, "--json")
    assert result.status == 0, result.err
    data = result.json()
    assert set(data) == {"image", "class", "method", "layer", "score_kind", "seconds"}
    assert data["class"]["index"] == 9 and data["class"]["label"] == "Ankle boot"
    assert data["method"] == method and data["score_kind"] == "logit"
    assert data["layer"] == ("pool3" if method == "gradcam" else None)
    heat = np.load(out)
    assert heat.dtype == np.float32 and heat.shape == (28, 28)
    assert heat.min() >= 0 and heat.max() == pytest.approx(1.0)


def test_the_overlay_as_png_and_another_class(cli, tmp_path):
    out = tmp_path / "sandal.png"
    result = cli("explain", "fashion-cnn", BOOT, "--class", "5", "--layer", "conv3b",
                 "--out", out)
    assert result.status == 0, result.err
    assert "Grad-CAM of 'Sandal' (class 5" in result.out and "at conv3b" in result.out
    with Image.open(out) as png:
        picture = np.asarray(png)
    assert picture.shape[0] >= 224 and picture.shape[2] == 4
    assert len({tuple(p) for p in picture[40:200:8, 40:200:8, :3].reshape(-1, 3)}) > 10


def test_mistakes(cli, tmp_path):
    out = tmp_path / "m.npy"
    assert_user_error(cli("explain", "fashion-cnn", BOOT, "--layer", "fc1", "--out", out),
                      r"'fc1' has no spatial output", r"Pick a convolution")
    assert_user_error(cli("explain", "fashion-cnn", BOOT, "--class", "12", "--out", out),
                      r"10 classes; there is no class 12", r"from 0 to 9")
    assert_user_error(cli("explain", "fashion-cnn", BOOT, "--method", "magic", "--out", out),
                      r"invalid choice: 'magic'")
    assert_user_error(cli("explain", "fashion-cnn", BOOT, "--out", tmp_path / "m.txt"),
                      r"Cannot tell what to write to m\.txt")
    assert not out.exists()
