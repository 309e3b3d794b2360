"""`shapes`, `models`, `--version` and argument mistakes, in-process.

The shape tables are the seed's (batch axis left out); layer paths are the zoo's names with
``.`` shown as ``/`` (``C1.conv`` → ``C1/conv``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from cli_helpers import assert_user_error

LENET5 = {
    "C1": [28, 28, 6], "S2": [14, 14, 6], "C3": [10, 10, 16], "S4": [5, 5, 16],
    "C5": [1, 1, 120], "F6": [84], "output": [10],
}
ALEXNET = {
    "C1/conv": [55, 55, 96], "S2": [27, 27, 96], "C3/conv": [27, 27, 256], "S4": [13, 13, 256],
    "C5/conv": [13, 13, 384], "C6/conv": [13, 13, 384], "C7/conv": [13, 13, 256],
    "S8": [6, 6, 256], "F9/dense": [4096], "F10/dense": [4096], "output": [1000],
}
FASHION = {
    "conv1": [28, 28, 64], "pool1": [14, 14, 64], "conv2a": [14, 14, 128],
    "conv2b": [14, 14, 128], "pool2": [7, 7, 128], "conv3a": [7, 7, 256],
    "conv3b": [7, 7, 256], "pool3": [3, 3, 256], "flatten": [2304], "fc1": [128],
    "fc2": [64], "predictions": [10],
}
GOOGLENET = {
    "stem/conv1": [112, 112, 64], "stem/pool1": [56, 56, 64], "stem/conv3": [56, 56, 192],
    "stem/pool2": [28, 28, 192],
    "inception3a/concat": [28, 28, 256], "inception3b/concat": [28, 28, 480],
    "inception4a/concat": [14, 14, 512], "inception4b/concat": [14, 14, 512],
    "inception4c/concat": [14, 14, 512], "inception4d/concat": [14, 14, 528],
    "inception4e/concat": [14, 14, 832], "inception5a/concat": [7, 7, 832],
    "inception5b/concat": [7, 7, 1024], "avg_pool": [1024], "output": [1000],
}
RESNET34 = {
    "stem/conv": [112, 112, 64], "stem/pool": [56, 56, 64],
    **{f"unit{u}/relu2": [56, 56, 64] for u in (1, 2, 3)},
    **{f"unit{u}/relu2": [28, 28, 128] for u in (4, 5, 6, 7)},
    **{f"unit{u}/relu2": [14, 14, 256] for u in range(8, 14)},
    **{f"unit{u}/relu2": [7, 7, 512] for u in (14, 15, 16)},
    "avg_pool": [512], "output": [10],
}
TABLES = {"lenet5": LENET5, "alexnet": ALEXNET, "fashion-cnn": FASHION,
          "googlenet": GOOGLENET, "resnet34": RESNET34}

#: weights + biases of a few layers, by the textbook formulas
PARAMS = {
    "lenet5": {"C1": 5 * 5 * 1 * 6 + 6, "C3": 5 * 5 * 6 * 16 + 16, "C5": 5 * 5 * 16 * 120 + 120,
               "F6": 120 * 84 + 84, "output": 84 * 10 + 10, "S2": 0},
    "alexnet": {"C1/conv": 11 * 11 * 3 * 96 + 96, "C3/conv": 5 * 5 * 96 * 256 + 256,
                "F9/dense": 6 * 6 * 256 * 4096 + 4096, "output": 4096 * 1000 + 1000},
    "fashion-cnn": {"conv1": 7 * 7 * 1 * 64 + 64, "fc1": 2304 * 128 + 128},
    "googlenet": {"stem/conv1": 7 * 7 * 3 * 64 + 64, "output": 1024 * 1000 + 1000},
    "resnet34": {"stem/conv": 7 * 7 * 3 * 64,  # no bias: batch norm follows
                 "stem/bn": 4 * 64, "output": 512 * 10 + 10},
}


@pytest.mark.parametrize("model", sorted(TABLES))
def test_shapes_json_reproduces_the_seed_table(cli, model):
    # --weights untrained builds from code even where a trained copy is bundled
    result = cli("shapes", model, "--weights", "untrained", "--json")
    assert result.status == 0, result.err
    rows = result.json()
    by_path = {row["path"]: row for row in rows}
    assert len(by_path) == len(rows)
    got = {path: by_path[path]["output_shape"] for path in TABLES[model] if path in by_path}
    assert got == TABLES[model]
    for row in rows:
        assert {"name", "type", "output_shape", "params"} <= set(row)
        assert isinstance(row["output_shape"], list)
        assert isinstance(row["params"], int) and row["params"] >= 0
    assert rows[0]["type"] == "InputLayer"
    assert rows[-1]["output_shape"] == list(TABLES[model].values())[-1]
    for path, params in PARAMS[model].items():
        assert by_path[path]["params"] == params, path


def test_shapes_json_row_fields(cli):
    rows = {r["path"]: r for r in cli("shapes", "lenet5", "--weights", "untrained",
                                      "--json").json()}
    c1 = rows["C1"]
    assert (c1["name"], c1["type"], c1["kind"]) == ("C1", "Conv2D", "conv")
    assert c1["kernel_size"] == [5, 5] and c1["strides"] == [1, 1]
    assert c1["padding"] == "valid" and c1["activation"] == "tanh"
    assert c1["receptive_field"] == [5, 5]
    assert c1["macs"] == 28 * 28 * 6 * 5 * 5
    assert c1["activation_bytes"] == 28 * 28 * 6 * 4
    assert rows["S2"]["receptive_field"] == [6, 6]  # 5×5 conv then a 2×2/2 pool
    assert rows["image"]["output_shape"] == [32, 32, 1]


def test_shapes_text_table(cli):
    result = cli("shapes", "lenet5", "--weights", "untrained")
    assert result.status == 0
    lines = result.out.splitlines()
    assert lines[0].split()[:4] == ["layer", "type", "output", "params"]
    c1 = next(line for line in lines if line.startswith("C1 "))
    assert c1.split()[:4] == ["C1", "Conv2D", "28×28×6", "156"]
    total = 156 + 2416 + 48120 + 10164 + 850
    assert lines[-1] == f"11 layers, {total:,} parameters"


def test_shapes_of_a_model_file(cli, plain_model):
    rows = cli("shapes", plain_model, "--json").json()
    assert [(r["path"], r["output_shape"]) for r in rows] == [
        ("image", [24, 24, 3]), ("conv", [22, 22, 4]), ("gap", [4]), ("output", [3])]
    assert [r["params"] for r in rows] == [0, 3 * 3 * 3 * 4 + 4, 0, 4 * 3 + 3]


def test_models_json_lists_every_group(cli):
    from explorer.core.models import zoo

    result = cli("models", "--json")
    assert result.status == 0
    entries = {e["name"]: e for e in result.json()}
    assert set(zoo.MODULES) <= set(entries)
    assert {"mobilenet", "resnet50", "vgg16"} <= set(entries)
    assert entries["alexnet"]["input_shape"] == [227, 227, 3]
    assert entries["alexnet"]["group"] == "code" and entries["alexnet"]["trained"] is False
    assert entries["resnet50"]["group"] == "pretrained"
    assert entries["resnet50"]["params"] == 25_636_712
    assert {e["group"] for e in entries.values()} <= {"bundled", "code", "pretrained"}
    for e in entries.values():
        assert {"name", "title", "input_shape", "description", "weights"} <= set(e)


def test_models_text_has_headings_and_rows(cli):
    result = cli("models")
    assert result.status == 0
    lines = result.out.splitlines()
    assert "Built from code" in lines and "Pretrained (keras.applications)" in lines
    row = next(line for line in lines if line.split()[:1] == ["alexnet"])
    assert "227×227×3" in row and "untrained" in row


def test_version_prints_versions_and_device(cli):
    import keras
    import tensorflow as tf

    from explorer import __version__

    result = cli("--version")
    assert result.status == 0
    lines = result.out.splitlines()
    assert lines[0] == f"cnn-explorer {__version__}"
    assert lines[1] == f"TensorFlow {tf.__version__}, Keras {keras.__version__}"
    assert re.fullmatch(r"device: (CPU|GPU: .+)", lines[2]), lines[2]
    expected = "CPU" if not tf.config.list_physical_devices("GPU") else "GPU"
    assert lines[2].startswith(f"device: {expected}")


@pytest.mark.parametrize("argv, patterns", [
    ([], [r"No sub-command", r"--help"]),
    (["bogus"], [r"Unknown sub-command 'bogus'", r"--help"]),
    (["predcit", "lenet5", "x.png"], [r"Unknown sub-command 'predcit'", r"Did you mean predict\?"]),
    (["shape", "lenet5"], [r"Did you mean shapes\?"]),
    (["no/such/photo.png"], [r"no file or sub-command 'no/such/photo.png'", r"IMAGE"]),
    (["shapes"], [r"required: model", r"shapes --help"]),
    (["predict", "lenet5"], [r"required: images", r"predict --help"]),
    (["predict", "lenet5", "x.png", "--top", "many"], [r"invalid int value: 'many'"]),
    (["predict", "lenet5", "x.png", "--top", "0"], [r"--top must be at least 1", r"Pass --top"]),
    (["activations", "lenet5", "x.png"], [r"required: --out"]),
    (["activations", "lenet5", "x.png", "--out", "d", "--format", "gif"],
     [r"invalid choice: 'gif'"]),
    (["kernels", "lenet5", "--out", "k.npy"], [r"required: --layer"]),
    (["shapes", "no-such-model"], [r"No model called 'no-such-model'", r"cnn-explorer models"]),
    # the model is checked before the image is read
    (["predict", "no-such-model", "x.png"], [r"No model called 'no-such-model'"]),
    (["predict", "missing.keras", "x.png"], [r"There is no file missing.keras"]),
    (["activations", "no-such-model", "x.png", "--out", "d"], [r"No model called"]),
    (["explain", "no-such-model", "x.png", "--out", "m.npy"], [r"No model called"]),
    (["predict", "lenet5", "x.png"], [r"not found: x.png"]),
])
def test_argument_mistakes_print_one_line_and_exit_2(cli, argv, patterns):
    assert_user_error(cli(*argv), *patterns)


def test_shapes_of_a_pretrained_model_need_no_weights(cli):
    cache = Path(os.environ["KERAS_HOME"]) / "models"
    before = set(cache.iterdir()) if cache.exists() else set()
    result = cli("shapes", "mobilenetv2", "--json")  # offline here: a download would fail
    assert result.status == 0, result.err
    rows = {r["path"]: r for r in result.json()}
    assert rows["Conv1"]["output_shape"] == [112, 112, 32]
    assert rows["out_relu"]["output_shape"] == [7, 7, 1280]
    assert rows["predictions"]["output_shape"] == [1000]
    assert sum(r["params"] for r in rows.values()) == 3_538_984  # Keras's published count
    assert (set(cache.iterdir()) if cache.exists() else set()) == before
