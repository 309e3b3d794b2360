"""Quitting while the worker is busy (issue 7): the window closes promptly, no thread is left.

The worker is stopped from ``closeEvent``: queued requests are dropped and the running one is
cancelled at its next check. Building a model and tracing its one-pass function cannot be
interrupted, so closing waits for the step in progress. How long closing takes is measured by
``benchmarks/stall.py`` (goal: under 3 s); these tests check what closing leaves behind.
"""

from __future__ import annotations

import pytest
from window_helpers import RESULT_TIMEOUT_MS, worker_threads

from explorer.core import samples
from explorer.worker.messages import LoadModel, RunImage

pytestmark = pytest.mark.gui


@pytest.fixture
def busy_window(qtbot, tmp_path, monkeypatch):
    """A fresh window, started and showing its first result; closed by the test."""
    from explorer.settings import ENV_DIR, Settings
    from explorer.widgets.dialogs import Presenter
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    monkeypatch.setenv(ENV_DIR, str(tmp_path / "settings"))
    monkeypatch.setattr(Presenter, "run_box", lambda presenter, box: box.escapeButton())
    win = MainWindow(Worker(), Settings())
    win.show()
    win.start()
    qtbot.waitUntil(lambda: win.result is not None, timeout=RESULT_TIMEOUT_MS)
    yield win
    if win.worker.is_running():  # the test failed before closing
        win.close()


QUIT_CASES = [("alexnet", "default", "loading"), ("alexnet", "default", "running"),
              ("resnet50", "untrained", "loading"), ("resnet50", "untrained", "running")]


@pytest.mark.parametrize("model, weights, phase", QUIT_CASES,
                         ids=[f"{m}-{p}" for m, _, p in QUIT_CASES])
def test_quitting_while_the_worker_is_busy(qtbot, busy_window, model, weights, phase):
    win = busy_window

    def busy_with(_request_id, request) -> bool:
        if phase == "loading":
            return isinstance(request, LoadModel) and request.name_or_path == model
        return isinstance(request, RunImage) and request.model_name == model

    with qtbot.waitSignal(win.worker.started, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=busy_with):
        win.load_model(model, weights)
    sample = str(samples.default_sample_for(model))
    for _ in range(20):  # and more work queued behind it: dropped on close
        win.load_sources([sample])
    assert win.worker.pending() >= 20
    assert win.worker.is_running() and not win.worker.is_idle()
    win.close()
    assert not win.isVisible()
    assert not win.worker.is_running()
    assert not worker_threads()
