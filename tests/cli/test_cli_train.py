"""`train` on a twelve-image folder for one epoch: the saved file and card work with `predict`."""

from __future__ import annotations

import json
import re
import shlex

import numpy as np
import pytest
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
    card_file = out.with_suffix(".json")
    card = json.loads(card_file.read_text())
    # stdout: one line naming the file, the card and the best validation accuracy it records
    assert result.out == (f"saved {out} (best validation accuracy "
                          f"{card['best_validation_accuracy']:.2%}) and its card {card_file}\n")
    # stderr: the progress bar of the one epoch, its last draw with the validation numbers
    draws = [d for d in re.split(r"[\r\n]", result.err) if d.strip()]
    assert draws and all(d.startswith("epoch 1/1 ") for d in draws), draws
    assert re.search(r"val_loss \d+\.\d{4} val_acc (\d\.\d{4})", draws[-1]), draws[-1]

    assert card["command"] == "cnn-explorer " + shlex.join(argv)  # the call, not sys.argv
    assert card["class_names"] == ["dark", "light"]
    assert (card["name"], card["epochs"], card["resumed_from"]) == ("lenet5", 1, None)
    assert card["data"] == str(data)
    assert card["train_examples"] + card["validation_examples"] == 12
    assert card["validation_examples"] >= 1
    assert 0.0 <= card["best_validation_accuracy"] <= 1.0
    assert len(card["history"]) == 1  # one entry per epoch
    assert card["input"]["shape"] == [32, 32, 1] and card["input"]["pad_to"] == [32, 32]
    assert card["training_seconds"] > 0

    import keras

    from explorer.core.models.zoo import layers  # noqa: F401  (registers the custom layers)

    reopened = keras.saving.load_model(out, compile=False)  # Keras alone opens the file
    assert reopened.input_shape == (None, 32, 32, 1) and reopened.output_shape == (None, 2)
    top = cli("predict", out, data / "dark" / "0.png", "--json").json()[0]["top"]
    assert sorted(p["label"] for p in top) == ["dark", "light"]
    assert sum(p["score"] for p in top) == pytest.approx(1.0, abs=1e-5)
    # the CLI's scores are the reopened model's own softmax on the image zero-padded to 32×32
    # and scaled x/255 (a dark image: not inverted)
    x = np.pad(np.full((28, 28), 30, np.float32), 2)[None, ..., None] / 255.0
    probs = np.asarray(reopened(x, training=False))[0]
    assert {p["label"]: p["score"] for p in top} == pytest.approx(
        {"dark": float(probs[0]), "light": float(probs[1])}, abs=1e-5)
