"""Heavy work runs on the worker's thread, never on the GUI thread: seen from the real window."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from window_helpers import RESULT_TIMEOUT_MS, wait_for_result, worker_threads

from explorer.core.models import loading
from explorer.worker.jobs import inference
from explorer.worker.jobs import models as model_jobs
from explorer.worker.thread import THREAD_NAME

pytestmark = pytest.mark.gui


@pytest.fixture
def calls(monkeypatch):
    """``name -> [thread names]`` for each call of the heavy functions, recorded by wrappers
    around the real ones (so the window works as usual)."""
    seen: dict[str, list[str]] = {}

    def recording(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            seen.setdefault(f"{module.__name__}.{name}", []).append(
                threading.current_thread().name)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    recording(model_jobs, "load_model")   # the job: load, walk the graph, trace the probe
    recording(loading, "load_model")      # the Keras file / code-built model itself
    recording(inference, "run_inference")  # one image through every layer
    return seen


def test_model_loading_and_inference_run_on_the_worker_thread(qtbot, settings_dir, boxes,
                                                              calls, photos):
    from explorer.settings import Settings
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    gui = threading.current_thread().name
    assert QThread.currentThread() is QApplication.instance().thread()  # this is the GUI thread
    assert gui != THREAD_NAME
    win = MainWindow(Worker(), Settings())
    try:
        win.show()
        win.start()
        qtbot.waitUntil(lambda: win.result is not None, timeout=RESULT_TIMEOUT_MS)
        win.load_model("lenet5")
        wait_for_result(qtbot, win, model="lenet5")
        win.load_sources([str(photos / "cat.bmp")])
        wait_for_result(qtbot, win, "cat.bmp", "lenet5")
    finally:
        win.close()
    loads = calls["explorer.worker.jobs.models.load_model"]
    models = calls["explorer.core.models.loading.load_model"]
    runs = calls["explorer.worker.jobs.inference.run_inference"]
    assert len(loads) == len(models) == 2  # fashion-cnn, then lenet5
    assert len(runs) >= 3  # the sample through each model, then the cat through lenet5
    assert set(loads) == set(models) == set(runs) == {THREAD_NAME}
    assert not worker_threads()
