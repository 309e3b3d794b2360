"""Quitting while the worker is busy (issue 7): the window closes promptly, no thread is left.

The worker is stopped from ``closeEvent``: queued requests are dropped and the running one is
cancelled at its next check. Building a model and tracing its one-pass function cannot be
interrupted, so closing waits for the step in progress; these tests measure how long.
"""

from __future__ import annotations

import time

import pytest
from window_helpers import RESULT_TIMEOUT_MS, worker_threads

from explorer.core import samples
from explorer.worker.messages import LoadModel, RunImage

pytestmark = pytest.mark.gui
PROMPT_CLOSE_S = 3.0
#: ResNet50's first inference traces its one-pass ``tf.function`` (~2.3 s alone on the 2 busy
#: CPU cores here, 2.4–3.0 s measured while closing); no cancel check can reach inside the
#: trace (``core.graph_walk`` has no cancel hook), so closing waits for it.
TRACE_CLOSE_S = 5.0


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


QUIT_CASES = [("alexnet", "default", "loading", PROMPT_CLOSE_S),
              ("alexnet", "default", "running", PROMPT_CLOSE_S),
              ("resnet50", "untrained", "loading", PROMPT_CLOSE_S),
              ("resnet50", "untrained", "running", TRACE_CLOSE_S)]


@pytest.mark.parametrize("model, weights, phase, limit", QUIT_CASES,
                         ids=[f"{m}-{p}" for m, _, p, _ in QUIT_CASES])
def test_quitting_while_the_worker_is_busy(qtbot, busy_window, model, weights, phase, limit):
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
    start = time.perf_counter()
    win.close()
    took = time.perf_counter() - start
    print(f"\nclosed while {model} was {phase} in {took:.2f} s")
    assert took < limit
    assert not win.isVisible()
    assert not win.worker.is_running()
    assert not worker_threads()
