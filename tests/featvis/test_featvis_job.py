"""The Visualize job: a result with the image, the curve and the time; the disk cache answers
a second visit; the CLI writes the PNG and answers user mistakes with one line and exit 2."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from explorer.core.errors import ExplorerError
from explorer.worker.jobs.featvis import run_visualize
from explorer.worker.jobs.models import switch_model
from explorer.worker.memory import WorkerMemory
from explorer.worker.messages import LoadModel, Progress, Visualize
from explorer.worker.state import JobState


@pytest.fixture
def memory(tmp_path, monkeypatch):
    monkeypatch.setenv("CNN_EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    memory = WorkerMemory()
    switch_model(LoadModel("fashion-cnn"), JobState(memory=memory))
    return memory


def test_the_job_visualises_then_answers_from_the_disk_cache(memory, tmp_path):
    reports: list[Progress] = []
    state = JobState(report=reports.append, memory=memory)
    request = Visualize("fashion-cnn", layer="conv1", channel=3, steps=16, seed=2)
    first = run_visualize(request, state)
    assert first.image.shape == (28, 28, 1) and first.image.dtype == np.uint8
    assert first.curve.shape == (16,) and first.seconds > 0 and not first.cached
    assert reports[-1].done == 16 and reports[-1].total == 16
    assert len(list((tmp_path / "cache" / "featvis").glob("*.npz"))) == 1
    memory.extras.clear()  # a fresh worker: only the disk remembers
    second = run_visualize(request, JobState(memory=memory))
    assert second.cached and np.array_equal(second.image, first.image)
    assert np.array_equal(second.curve, first.curve)
    other = run_visualize(Visualize("fashion-cnn", layer="conv1", channel=3, steps=16, seed=3),
                          JobState(memory=memory))
    assert not other.cached


def test_a_class_request_and_a_bad_one(memory):
    result = run_visualize(Visualize("fashion-cnn", class_index=1, steps=4),
                           JobState(memory=memory))
    assert result.score_kind == "logit"
    with pytest.raises(ExplorerError):
        run_visualize(Visualize("fashion-cnn", class_index=12, steps=4), JobState(memory=memory))


def test_a_cancelled_job_stops(memory):
    state = JobState(memory=memory)
    state.cancel()
    with pytest.raises(ExplorerError):
        run_visualize(Visualize("fashion-cnn", layer="conv1", channel=0, steps=4), state)


def test_cli_visualize_writes_a_png(tmp_path, capsys):
    from explorer.cli.main import main

    out = tmp_path / "v.png"
    assert main(["visualize", "fashion-cnn", "--class", "1", "--steps", "16", "--out",
                 str(out)]) == 0
    captured = capsys.readouterr()
    assert "step 16/16" in captured.err and "class 1 (Trouser)" in captured.out
    assert Image.open(out).size == (28, 28)


@pytest.mark.parametrize("argv", [["--steps", "2", "--out", "x.png"],
                                  ["--layer", "conv1", "--channel", "99", "--steps", "2",
                                   "--out", "x.png"],
                                  ["--channel", "1", "--out", "x.png"],
                                  ["--class", "1", "--out", "x.jpg"],
                                  ["--layer", "nope", "--channel", "1", "--out", "x.png"]])
def test_cli_visualize_user_mistakes(tmp_path, capsys, argv):
    from explorer.cli.main import main

    argv = [str(tmp_path / a) if a.startswith("x.") else a for a in argv]
    assert main(["visualize", "fashion-cnn", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("cnn-explorer: error:")
