"""The real entry point, ``python -m explorer``, in a fresh process.

Here stderr is the process's own file descriptor 2, so TensorFlow's native start-up log would
show up too; the contract (one line for a mistake) must still hold.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bad_models import PLAIN_CLASSES

DIGIT_7 = Path(__file__).resolve().parents[2] / "resources" / "samples" / "digit-7-test0.png"


def run_explorer(*argv, cwd, log_level: str | None = None) -> subprocess.CompletedProcess:
    """``python -m explorer ARGV``; ``TF_CPP_MIN_LOG_LEVEL`` unset (the app's own default must
    quieten TensorFlow) unless ``log_level`` is given."""
    env = dict(os.environ)
    env.pop("TF_CPP_MIN_LOG_LEVEL", None)
    if log_level is not None:
        env["TF_CPP_MIN_LOG_LEVEL"] = log_level
    return subprocess.run([sys.executable, "-m", "explorer", *map(str, argv)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("level", ["2", "3", " 3"])
def test_tensorflow_is_silent_at_every_quiet_log_level(tmp_path, level):
    """People set 3 to silence TensorFlow: 2 and above must be as quiet as the default."""
    proc = run_explorer("predict", "lenet5", DIGIT_7, "--json", cwd=tmp_path, log_level=level)
    assert proc.returncode == 0, proc.stderr
    (item,) = json.loads(proc.stdout)
    assert item["top"][0]["label"] == "7" and item["top"][0]["score"] > 0.9
    assert proc.stderr == ""


def test_level_0_shows_the_tensorflow_log(tmp_path):
    """The discarded lines are real: asked for, TensorFlow's start-up log does appear."""
    proc = run_explorer("predict", "lenet5", DIGIT_7, "--json", cwd=tmp_path, log_level="0")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["top"][0]["label"] == "7"
    assert proc.stderr.strip(), "TensorFlow printed nothing at level 0: nothing was tested"


def test_version_through_the_entry_point(tmp_path):
    proc = run_explorer("--version", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert re.fullmatch(r"cnn-explorer \d+\.\d+\.\d+\S*", lines[0])
    assert re.fullmatch(r"device: (CPU|GPU: .+)", lines[2]), lines
    assert proc.stderr == ""


def test_predict_through_the_entry_point(tmp_path, plain_model, square_photo):
    proc = run_explorer("predict", plain_model, square_photo, "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (item,) = json.loads(proc.stdout)
    assert item["image"] == str(square_photo)
    assert sorted(p["label"] for p in item["top"]) == sorted(PLAIN_CLASSES)
    assert proc.stderr == ""


def test_a_mistake_after_tensorflow_started_prints_exactly_one_line(tmp_path, bad_models,
                                                                   square_photo):
    two_inputs, _ = bad_models["two_inputs"]
    proc = run_explorer("predict", two_inputs, square_photo, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.endswith("\n"), proc.stderr
    assert proc.stderr.startswith("cnn-explorer: error: The model has 2 inputs")
    assert "Traceback" not in proc.stderr
