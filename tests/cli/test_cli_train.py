"""`train` on a twelve-image folder for one epoch: the saved file and card work with `predict`."""

from __future__ import annotations

import json
import shlex

import numpy as np
from PIL import Image


def test_train_writes_a_model_and_card_that_predict_uses(cli, tmp_path):
    data = tmp_path / "data"
    for name, level in (("dark", 30), ("light", 220)):
        (data / name).mkdir(parents=True)
        for i in range(6):
            Image.fromarray(np.full((28, 28), level + i, np.uint8)).save(data / name / f"{i}.png")
    out = tmp_path / "models" / "tiny lenet.keras"
    argv = ["train", "lenet5", "--data", str(data), "--epochs", "1", "--out", str(out)]
    result = cli(*argv)
    assert result.status == 0, result.err
    assert result.out.startswith(f"saved {out} ")
    card = json.loads(out.with_suffix(".json").read_text())
    assert card["command"] == "cnn-explorer " + shlex.join(argv)  # the call, not sys.argv
    assert card["class_names"] == ["dark", "light"]

    top = cli("predict", out, data / "light" / "0.png", "--json").json()[0]["top"]
    assert sorted(p["label"] for p in top) == ["dark", "light"]
    assert sum(p["score"] for p in top) <= 1 + 1e-5
