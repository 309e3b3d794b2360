"""The census's tf.distribute path: the default strategy and MirroredStrategy over two logical
CPU devices give the same census (the code path several GPUs take)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.slow


def test_mirrored_over_two_logical_cpus_equals_the_default_strategy(tmp_path,
                                                                     fashion_mnist_dir):
    script = Path(__file__).with_name("distributed_census.py")
    env = dict(os.environ, CUDA_VISIBLE_DEVICES="-1", TF_CPP_MIN_LOG_LEVEL="2")
    done = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True,
                          text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    runs = json.loads(done.stdout.strip().splitlines()[-1])
    default, mirrored = runs["default"], runs["mirrored"]
    assert default["replicas"] == 1 and mirrored["replicas"] == 2
    assert mirrored["images"] == default["images"] == 150
    assert mirrored["confusion"] == default["confusion"]
    assert mirrored["accuracy"] == default["accuracy"]
    for path, layer in default["layers"].items():
        other = mirrored["layers"][path]
        np.testing.assert_allclose(other["mean"], layer["mean"], rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(other["max"], layer["max"], rtol=1e-5, atol=1e-7)
        values = np.asarray(layer["top_value"])
        np.testing.assert_allclose(other["top_value"], values, rtol=1e-5, atol=1e-7)
        # indices agree wherever the values are apart (near-equal ones may trade places: the
        # two replicas compute half batches, a last bit may differ)
        gaps = np.abs(np.diff(values, axis=0)) > 1e-4
        distinct = np.concatenate([gaps[:1], gaps[1:] & gaps[:-1], gaps[-1:]])
        assert (np.asarray(other["top"])[distinct] == np.asarray(layer["top"])[distinct]).all()
