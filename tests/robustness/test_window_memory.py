"""A long session does not grow (issue 7): 300 inferences with every activation captured.

The window flips through six images 300 times, one after the other, each time waiting for its
result. The worker's cache keeps four results (``cache.DEFAULT_MAX_ENTRIES``), so six images in
turn miss it every time: each step is a real forward pass capturing every layer, a new mosaic
and new prediction bars. Resident memory (``VmRSS``) is read after 100 warm-up steps and at the
end; the last 200 steps may add at most :data:`MAX_GROWTH_MB`.
"""

from __future__ import annotations

import gc
import os
import time

import numpy as np
import pytest
from PIL import Image
from window_helpers import RESULT_TIMEOUT_MS, drop_files, wait_for_result, wait_idle

from explorer.worker.cache import DEFAULT_MAX_ENTRIES

pytestmark = pytest.mark.gui
STEPS, WARM_UP = 300, 100
IMAGES = 6
MAX_GROWTH_MB = 50.0


def automatic_budget() -> int:
    """The activation budget the window sets when none is chosen (issue 18): a quarter of this
    machine's memory, at most 2 GiB. A fifth of it (core.budget.CACHE_SHARE) bounds the worker's
    cache."""
    ram = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return min(ram // 4, 2 * 2**30)


def rss_mb() -> float:
    """This process's resident memory in MB, from ``/proc/self/status``."""
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS line in /proc/self/status")


@pytest.fixture
def window_and_session(qtbot, tmp_path, monkeypatch):
    """A real window whose worker's real session is kept here, so the test can read its cache."""
    from explorer.settings import ENV_DIR, Settings
    from explorer.widgets.dialogs import Presenter
    from explorer.widgets.main_window import MainWindow
    from explorer.worker import thread

    monkeypatch.setenv(ENV_DIR, str(tmp_path / "settings"))
    monkeypatch.setattr(Presenter, "run_box", lambda presenter, box: box.escapeButton())
    held = {}

    def session_factory():
        held["session"] = thread._default_session()
        return held["session"]

    win = MainWindow(thread.Worker(session_factory), Settings())
    win.show()
    win.start()
    qtbot.waitUntil(lambda: win.result is not None, timeout=RESULT_TIMEOUT_MS)
    yield win, held["session"]
    win.close()


def test_300_inferences_with_activations_keep_memory_flat(qtbot, window_and_session, tmp_path):
    win, session = window_and_session
    rng = np.random.default_rng(300)
    paths = []
    for i in range(IMAGES):
        paths.append(tmp_path / f"long_{i}.png")
        Image.fromarray(rng.integers(0, 256, (28, 28), dtype=np.uint8)).save(paths[-1])
    drop_files(win, paths)
    wait_for_result(qtbot, win, paths[-1].name)
    wait_idle(qtbot, win)
    keys = [k for k in win.views.images.keys() if win.images[k].name.startswith("long_")]
    assert len(keys) == IMAGES
    seconds, marks = [], {}
    win.result_shown.connect(lambda result: seconds.append(result.seconds))
    start = time.monotonic()
    for step in range(STEPS):
        count = len(seconds)
        win.show_image(keys[step % IMAGES])
        qtbot.waitUntil(lambda: len(seconds) > count, timeout=30_000)
        if step + 1 in (WARM_UP, STEPS):
            wait_idle(qtbot, win)
            gc.collect()
            marks[step + 1] = rss_mb()
    took = time.monotonic() - start
    growth = marks[STEPS] - marks[WARM_UP]
    cache = session.cache
    print(f"\nmemory: {STEPS} inferences in {took:.1f} s; VmRSS {marks[WARM_UP]:.1f} MB after "
          f"{WARM_UP}, {marks[STEPS]:.1f} MB after {STEPS} (+{growth:.1f} MB); cache "
          f"{len(cache)} entries, {cache.nbytes / 2**20:.2f} MB")
    assert len(seconds) == STEPS and min(seconds) > 0  # every step a real forward pass
    assert growth < MAX_GROWTH_MB
    # the cache is full and holds exactly the last four images, within its byte bound
    assert (cache.max_entries, cache.max_bytes) == (DEFAULT_MAX_ENTRIES, automatic_budget() // 5)
    assert len(cache) == DEFAULT_MAX_ENTRIES and cache.nbytes <= cache.max_bytes
    model, weights = win.model.name, repr(win.model.request)
    for step in range(STEPS - DEFAULT_MAX_ENTRIES, STEPS):  # key: (model, how loaded, image)
        assert (model, weights, keys[step % IMAGES]) in cache
    assert (model, weights, keys[(STEPS - DEFAULT_MAX_ENTRIES - 1) % IMAGES]) not in cache
