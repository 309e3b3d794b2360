"""`download`: the weights come into the Keras cache with progress on stderr; offline, one line.

The address is a local server (``tests/local_server.py``, 127.0.0.1 only) standing in for
Keras's; the real address is only ever refused (offline case)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from cli_helpers import ERROR_PREFIX, assert_user_error, run_offline
from local_server import PAYLOAD, PAYLOAD_SHA256, local_server

from explorer.core.models import applications, weights


@pytest.fixture
def local_weights(monkeypatch, tmp_path):
    """``mobilenetv2``'s weights served from 127.0.0.1 into a private Keras cache."""
    cache = tmp_path / "keras-home" / "models"
    monkeypatch.setattr(weights, "keras_cache_dir", lambda: cache)
    with local_server() as server:
        real = applications.get_spec("mobilenetv2")
        spec = dataclasses.replace(real, url=server.base + "/data", file_hash=PAYLOAD_SHA256,
                                   file_name="cli-test-weights.h5")
        monkeypatch.setattr(applications, "get_spec",
                            lambda name: spec if name == "mobilenetv2" else real)
        yield spec, cache, server


def test_download_fills_the_cache_with_progress_on_stderr(cli, local_weights):
    spec, cache, server = local_weights
    result = cli("download", "mobilenetv2")
    assert result.status == 0, result.err
    target = cache / "cli-test-weights.h5"
    assert result.out == f"{spec.title}: weights in {target}\n"
    assert target.read_bytes() == PAYLOAD
    assert sorted(p.name for p in cache.iterdir()) == ["cli-test-weights.h5"]  # no temp file
    # one line redrawn in place (\r), ended by a newline: the file name, bytes, rate
    assert result.err.startswith("\r") and result.err.endswith("\n")
    draws = [d.rstrip() for d in result.err.rstrip("\n").split("\r")[1:]]
    line = re.compile(r"cli-test-weights\.h5  ([\d.]+)/([\d.]+) kB  [\d.]+ [kMG]?B/s"
                      r"  \d+:\d\d left")
    shown = [line.fullmatch(d) for d in draws]
    assert draws and all(shown), draws
    assert {m.group(2) for m in shown} == {"655.4"}  # 640 KiB, in decimal kB
    assert shown[-1].group(1) == "655.4"  # the last word is all of it
    assert server.hits == {"/data": 1}

    again = cli("download", "mobilenetv2")  # cached and verified: no download, no progress
    assert (again.status, again.out, again.err) == (0, result.out, "")
    assert server.hits == {"/data": 1}


def test_download_of_a_model_without_imagenet_weights_is_one_line(cli):
    assert_user_error(cli("download", "lenet5"), r"lenet5", r"mobilenet|resnet50")


def test_download_offline_is_one_line(tmp_path):
    home = tmp_path / "keras-home"  # an empty Keras cache; every connection refused
    proc = run_offline("download", "resnet50", keras_home=home, cwd=tmp_path)
    spec = applications.get_spec("resnet50")
    assert (proc.returncode, proc.stdout) == (2, ""), proc.stderr[-3000:]
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(ERROR_PREFIX), proc.stderr
    assert f"Could not download {spec.file_name} from {spec.url}" in proc.stderr
    assert "network blocked by the test" in proc.stderr and str(home / "models") in proc.stderr
    assert not (home / "models").exists() or not any((home / "models").iterdir())
