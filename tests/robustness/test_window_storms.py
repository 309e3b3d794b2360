"""A storm of requests (issue 7): no crash, no deadlock, and the last request wins.

100 image drops and 20 model switches sent as fast as the window takes them: the window ends
showing the last image through the last model, with the predictions that model gives that
image (computed again here, independently of the window and its worker). How long the window
is kept from repainting while working is ``benchmarks/stall.py``'s measure.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import RESULT_TIMEOUT_MS, drop_files, wait_idle

pytestmark = pytest.mark.gui
DROPS = 100
SWITCH_EVERY = 5  # 100 / 5 = 20 model switches


def storm_images(folder, count: int) -> list:
    """``count`` distinct 28×28 colour PNGs named ``storm_000.png``…"""
    rng = np.random.default_rng(100)
    paths = []
    for i in range(count):
        path = folder / f"storm_{i:03d}.png"
        Image.fromarray(rng.integers(0, 256, (28, 28, 3), dtype=np.uint8)).save(path)
        paths.append(path)
    return paths


def expected_predictions(model_name: str, path):
    """What ``model_name`` says about the image at ``path``, computed here without the window."""
    from explorer.core.models import loading
    from explorer.core.pixels import images, preprocess

    loaded = loading.load_model(model_name)
    prepared = preprocess.prepare_input(images.load_image(path), loaded.spec)
    probs = np.asarray(loaded.model(prepared.tensor, training=False))[0]
    return prepared, probs


def test_a_storm_of_drops_and_model_switches_ends_on_the_last_request(
        qtbot, shared_window, bad_model_cases, tmp_path):
    session, win = shared_window, shared_window.window
    tiny = str(bad_model_cases["plain_cnn"][0])  # a small model file
    cycle = (tiny, "lenet5", "fashion-cnn")
    switches = [cycle[i % 3] for i in range(DROPS // SWITCH_EVERY)]
    assert len(switches) == 20 and switches[-1] == "lenet5" and switches[-2] != "lenet5"
    paths = storm_images(tmp_path, DROPS)
    boxes_before = len(session.boxes.boxes)
    shown = []
    win.result_shown.connect(shown.append)
    try:
        for i, path in enumerate(paths):
            drop_files(win, [path])
            if i % SWITCH_EVERY == SWITCH_EVERY - 1:
                win.load_model(switches[i // SWITCH_EVERY])
            QApplication.processEvents()  # results that came meanwhile are handled in between
        last = paths[-1].name
        qtbot.waitUntil(lambda: win.worker.is_idle() and win.result is not None
                        and win.result.image.name == last
                        and win.result.model_name == "lenet5", timeout=RESULT_TIMEOUT_MS)
        wait_idle(qtbot, win)
    finally:
        win.result_shown.disconnect(shown.append)
    print(f"\nstorm: {DROPS} drops + {len(switches)} switches, {len(shown)} results shown")
    assert len(session.boxes.boxes) == boxes_before  # nothing went wrong
    result = win.result
    assert shown[-1] is result
    # the window shows the last image, through the last model, in every view
    assert win.model.name == "lenet5"
    assert win.views.picker.combo.currentText().strip() == win.views.picker.entry("lenet5").title
    assert win.image_key == result.image.key
    assert win.views.images.currentItem().data(Qt.ItemDataRole.UserRole) == result.image.key
    assert {p.name for p in paths} <= {e.name for e in win.images.values()}
    fm = win.views.feature_maps
    assert fm.path == win.layer == "C1"
    assert fm.mosaic.count == result.activations["C1"].shape[-1] == 6
    # ... and its predictions are lenet5's for that image
    prepared, probs = expected_predictions("lenet5", paths[-1])
    np.testing.assert_array_equal(result.prepared.fed_pixels, prepared.fed_pixels)
    assert [p.index for p in result.predictions] == list(np.argsort(-probs, kind="stable"))
    np.testing.assert_allclose([p.score for p in result.predictions],
                               np.sort(probs)[::-1], atol=1e-5)
    k = win.views.predictions.k
    assert win.views.predictions.shown() == [(p.label, float(p.score))
                                             for p in result.predictions[:k]]
