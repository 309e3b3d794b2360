"""Fixtures for the robustness tests (issue 7): a long-lived window, the bad corpora, images.

The window tests in ``tests/widgets`` start a fresh window per test. The corpus tests here
share one window per module on purpose: a window that has just swallowed a bad file must be
usable for the next case, and forty cases in a row are a small long session of their own.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "widgets"))

from bad_inputs import make_bad_images  # noqa: E402
from bad_models import make_bad_models  # noqa: E402
from window_helpers import RESULT_TIMEOUT_MS, BoxRecorder, worker_threads  # noqa: E402


def wait_until(app, condition, timeout_ms: int = RESULT_TIMEOUT_MS) -> None:
    """Run Qt's event loop until ``condition()`` holds (for fixtures wider than a test)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"condition not met within {timeout_ms} ms")
        app.processEvents()
        time.sleep(0.005)


def write_photo(path: Path, seed: int, size: tuple[int, int] = (40, 40)) -> Path:
    """A random colour PNG at ``path`` (each seed gives other pixels, so other predictions)."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, (*size, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(path)
    return path


class WindowSession:
    """The real window, its recorded message boxes, and a folder for fresh good images."""

    def __init__(self, window, boxes: BoxRecorder, folder: Path):
        self.window = window
        self.boxes = boxes
        self.folder = folder
        self._seed = 0

    def good_image(self) -> Path:
        """A new, never-seen PNG (its name is unique in this session)."""
        self._seed += 1
        return write_photo(self.folder / f"good_{self._seed:03d}.png", self._seed)


@pytest.fixture(scope="module")
def shared_window(qapp, tmp_path_factory):
    """One real window (real worker thread) for a whole module, started and showing a result.

    Settings go to a temporary folder and message boxes are recorded (``Presenter.run_box`` is
    the one door every box goes through); the worker thread must be gone after closing.
    """
    from explorer.settings import ENV_DIR, Settings
    from explorer.widgets.dialogs import Presenter
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    patch = pytest.MonkeyPatch()
    patch.setenv(ENV_DIR, str(tmp_path_factory.mktemp("settings")))
    recorder = BoxRecorder()
    patch.setattr(Presenter, "run_box", lambda presenter, box: recorder(box))
    win = MainWindow(Worker(), Settings())
    win.show()
    win.start()
    try:
        wait_until(qapp, lambda: win.result is not None)
        yield WindowSession(win, recorder, tmp_path_factory.mktemp("good_images"))
    finally:
        win.close()
        patch.undo()
    assert not worker_threads(), "the worker thread outlived the window"


@pytest.fixture(scope="session")
def bad_image_cases(tmp_path_factory):
    """The bad-image corpus, written once per session."""
    return make_bad_images(tmp_path_factory.mktemp("bad_images"))


@pytest.fixture(scope="session")
def bad_model_cases(tmp_path_factory):
    """The bad-model corpus, built once per session."""
    return make_bad_models(tmp_path_factory.mktemp("bad_models"))
