"""``cnn-explorer unit``: the JSON contract, the box and the arithmetic (issue 13)."""

from __future__ import annotations

import numpy as np
import pytest
from cli_helpers import assert_user_error

from explorer.core.resources import resource_path

BOOT = resource_path("samples", "fashion-ankle-boot-test0.png")


def test_unit_json(cli):
    import keras

    result = cli("unit", "fashion-cnn", BOOT, "--layer", "conv2a", "--channel", "5",
                 "--at", "3", "4", "--json")
    assert result.status == 0, result.err
    data = result.json()
    assert {"layer", "channel", "at", "value", "receptive_field", "terms"} <= set(data)
    assert data["layer"] == "conv2a" and data["at"] == [3, 4] and data["channel"] == 5
    # conv1 7×7 "same" (3 pixels of padding before): unit 0 sees −3…3; pool1 2×2 stride 2:
    # −3…4, jump 2; conv2a 3×3 "same" (1 before): −5…6, RF 12. Unit row 3: −5 + 3·2 = 1 to
    # 12; column 4: −5 + 4·2 = 3 to 14.
    assert data["receptive_field"]["size"] == [12, 12]
    assert data["receptive_field"]["box"] == [1, 3, 12, 14]
    names = [t["name"] for t in data["terms"]]
    assert names[-1] == "bias" and names[-2] == "the other 56" and len(names) == 10
    assert sum(t["value"] for t in data["terms"]) == pytest.approx(data["pre_activation"],
                                                                   abs=1e-4)
    model = keras.models.load_model(resource_path("models", "fashion-cnn.keras"), compile=False)
    from PIL import Image

    x = np.asarray(Image.open(BOOT).convert("L"), np.float32)[None, :, :, None] / 255
    sub = keras.Model(model.inputs, model.get_layer("conv2a").output)
    assert data["value"] == pytest.approx(float(np.asarray(sub(x))[0, 3, 4, 5]), abs=1e-4)


def test_unit_text_and_mistakes(cli):
    result = cli("unit", "fashion-cnn", BOOT, "--layer", "pool1", "--channel", "0",
                 "--at", "0", "0")
    assert result.status == 0, result.err
    assert "max over the 2×2 window" in result.out
    assert_user_error(cli("unit", "fashion-cnn", BOOT, "--layer", "fc1", "--channel", "0",
                          "--at", "0", "0"), r"'fc1' has no spatial output")
    assert_user_error(cli("unit", "fashion-cnn", BOOT, "--layer", "conv1", "--channel", "64",
                          "--at", "0", "0"), r"no channel 64", r"from 0 to 63")
    assert_user_error(cli("unit", "fashion-cnn", BOOT, "--layer", "conv1", "--channel", "0",
                          "--at", "30", "0"), r"no row 30")
