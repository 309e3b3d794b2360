"""The worker's report job (what File ▸ Export report runs) and the activations archive."""

from __future__ import annotations

import numpy as np
import pytest
from report_html import SAMPLES

from explorer.core.errors import Cancelled
from explorer.core.resources import resource_path


@pytest.fixture(scope="module")
def session():
    """A worker session holding fashion-cnn, and one sample as an ``ImageEntry``."""
    from explorer.core.pixels.images import load_image
    from explorer.worker.jobs.images import image_key
    from explorer.worker.messages import ImageEntry, LoadModel
    from explorer.worker.session import WorkerSession
    from explorer.worker.state import JobState

    s = WorkerSession()
    s.handle(1, LoadModel("fashion-cnn"), JobState(), lambda result: None)
    image = load_image(resource_path("samples", SAMPLES[0]))
    return s, ImageEntry(image_key(image), image, "")


def _request(entry, out, **fields):
    from explorer.worker.report_messages import ExportReport

    return ExportReport("fashion-cnn", (entry,), str(out), **fields)


def test_progress_counts_every_step_once(session, tmp_path):
    from explorer.worker.state import JobState

    s, entry = session
    reports, results = [], []
    out = tmp_path / "r.html"
    s.handle(7, _request(entry, out, layers=("conv1", "pool1"), norm="signed"),
             JobState(report=reports.append), results.append)
    (written,) = results
    assert written.request_id == 7 and written.path == str(out) and out.is_file()
    assert written.size_bytes == out.stat().st_size and written.layers == 15
    # run, Grad-CAM, two mosaics, the page
    assert [p.done for p in reports] == [0, 1, 2, 3, 4]
    assert {p.total for p in reports} == {5} and {p.unit for p in reports} == {"steps"}
    assert reports[2].message == "Report: feature maps of conv1"
    assert written.figures == 2 + 2 + 1 + 1  # original, fed, mosaics, Grad-CAM, kernels
    assert "norm signed · coolwarm" in out.read_text("utf-8")


def test_a_cancelled_report_leaves_no_file(session, tmp_path):
    from explorer.worker.state import JobState

    s, entry = session
    states = []
    state = JobState(report=lambda progress: states[0].cancel() if progress.done == 2 else None)
    states.append(state)
    with pytest.raises(Cancelled):
        s.handle(8, _request(entry, tmp_path / "r.html"), state, lambda r: None)
    assert list(tmp_path.iterdir()) == []


def test_npz_of_the_windows_activations_equals_the_cli_npy_files(cli, session, tmp_path):
    """The arrays the window holds (``InferenceResult.activations``) written as one archive are
    the arrays ``cnn-explorer activations --format npy`` writes, key for key."""
    from explorer.cli.output import layer_file_name
    from explorer.core.report.arrays import save_activations
    from explorer.worker.jobs.inference import inference_for
    from explorer.worker.state import JobState

    s, entry = session
    state = JobState()
    state.attach(s.memory, lambda value: None)
    activations = inference_for(entry, state).activations
    archive = tmp_path / "all.npz"
    assert save_activations(archive, activations) == list(activations)
    folder = tmp_path / "npy"
    status, _, _ = cli("activations", "fashion-cnn", resource_path("samples", SAMPLES[0]),
                       "--out", folder, "--format", "npy")
    assert status == 0
    with np.load(archive) as saved:
        assert saved.files == list(activations)
        assert sorted(p.stem for p in folder.glob("*.npy")) == \
            sorted(layer_file_name(k) for k in saved.files)
        for key in saved.files:
            from_cli = np.load(folder / f"{layer_file_name(key)}.npy")
            assert saved[key].dtype == from_cli.dtype
            np.testing.assert_array_equal(saved[key], from_cli, err_msg=key)


def test_npz_keys_are_paths_even_with_slashes_and_odd_names(tmp_path):
    from explorer.core.errors import ExplorerError
    from explorer.core.report.arrays import save_activations

    arrays = {"unit3/conv2": np.arange(6.0).reshape(2, 3), "block:1": np.ones(2, np.float32),
              "file": np.zeros(1), "shared@2": np.full(3, 7, np.int32)}
    path = tmp_path / "a.npz"
    save_activations(path, arrays)
    with np.load(path, allow_pickle=False) as saved:
        assert saved.files == list(arrays)
        for key, value in arrays.items():
            np.testing.assert_array_equal(saved[key], value)
            assert saved[key].dtype == value.dtype
    save_activations(path, arrays, ["block:1"])
    with np.load(path) as saved:
        assert saved.files == ["block:1"]
    with pytest.raises(ExplorerError, match="No activation for nope"):
        save_activations(tmp_path / "b.npz", arrays, ["nope"])
    assert not (tmp_path / "b.npz").exists()
