"""Security (issue 7): no code from a model file runs without consent, and the app writes only
where it should.

* A Lambda layer whose function creates a marker file: opened through the window and refused,
  the marker never appears; allowed, it does (so the test would see code that ran).
* A whole GUI session in a process of its own, with a temporary HOME, working folder and
  TMPDIR: afterwards the only new or changed files are the settings file, the Keras cache
  (``~/.keras``, as Keras itself writes ``keras.json`` there) and the PNG the user saved.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import keras
import pytest
from keras import layers
from PIL import Image
from PySide6.QtWidgets import QFileDialog
from window_helpers import wait_for_result, wait_idle

from explorer.widgets.intake import MODEL_FILTER

pytestmark = pytest.mark.gui
HERE = Path(__file__).resolve().parent
QUESTION_TITLE = "This model file contains code"


def model_with_marker_lambda(path: Path, marker: Path) -> Path:
    """Save a model whose Lambda layer, when its code runs, creates ``marker``.

    The marker's path is a constant inside the function's own bytecode, which is what Keras
    stores for a Lambda; building the model runs it once here, so the marker is removed after
    saving.
    """
    touch = eval(f"lambda t: (__import__('pathlib').Path({str(marker)!r}).touch(), t)[1]")
    image = keras.Input((28, 28, 1), name="image")
    x = layers.Lambda(touch, name="touch")(image)
    x = layers.Conv2D(2, 3, name="conv")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    keras.Model(image, layers.Dense(3, activation="softmax", name="out")(x)).save(path)
    assert marker.exists(), "the crafted Lambda did not run when the model was built"
    marker.unlink()
    return path


@pytest.mark.parametrize("suffix", [".keras", ".h5"])
def test_a_lambda_file_runs_no_code_until_the_user_allows_it(qtbot, shared_window, tmp_path,
                                                            monkeypatch, suffix):
    session, win = shared_window, shared_window.window
    marker = tmp_path / "code_ran.txt"
    path = model_with_marker_lambda(tmp_path / f"marker{suffix}", marker)
    model_before, result_before = win.model.name, win.result
    count = len(session.boxes.boxes)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(path), MODEL_FILTER))
    win.menu_actions.open_model.trigger()  # the user answers the question "Don't load"
    qtbot.waitUntil(lambda: len(session.boxes.boxes) > count, timeout=60_000)
    wait_idle(qtbot, win)
    assert [b["title"] for b in session.boxes.boxes[count:]] == [QUESTION_TITLE]
    assert not marker.exists(), "code from the model file ran without consent"
    assert win.model.name == model_before and win.result is result_before
    session.boxes.answer = "Allow and load"
    try:
        win.menu_actions.open_model.trigger()
        wait_for_result(qtbot, win, model=str(path))
    finally:
        session.boxes.answer = None
    assert marker.exists(), "allowed, the Lambda's code should have run"
    assert len(win.result.predictions) == 3


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root``: relative path -> (size, modification time in ns)."""
    files = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            stat = path.lstat()
            files[str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns)
    return files


def test_a_whole_session_writes_only_settings_keras_cache_and_the_saved_view(tmp_path):
    home, work, temp = tmp_path / "home", tmp_path / "work", tmp_path / "tmp"
    for folder in (home, work, temp):
        folder.mkdir()
    save = work / "exports" / "lenet5-C1.png"
    save.parent.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("CNN_EXPLORER_SETTINGS_DIR", "KERAS_HOME") and not k.startswith("XDG_")}
    env.update(HOME=str(home), TMPDIR=str(temp), QT_QPA_PLATFORM="offscreen",
               CUDA_VISIBLE_DEVICES="-1", TF_CPP_MIN_LOG_LEVEL="2")
    before = snapshot(tmp_path)
    done = subprocess.run([sys.executable, str(HERE / "gui_session.py"), str(save)],
                          cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert (shown["image"], shown["model"], shown["errors"]) == ("digit-7-test0.png", "lenet5", [])
    settings_file = home / ".config" / "cnn-explorer" / "cnn-explorer.ini"
    assert shown["settings"] == str(settings_file)
    after = snapshot(tmp_path)
    written = sorted(p for p in after if before.get(p) != after[p])
    allowed = ("home/.config/cnn-explorer/", "home/.keras/", "work/exports/lenet5-C1.png")
    print("\nwritten by the session:", written)
    assert written, "the session wrote nothing at all"
    assert [p for p in written if not p.startswith(allowed)] == [], written
    assert "home/.config/cnn-explorer/cnn-explorer.ini" in written
    assert "digit-7-test0.png" in settings_file.read_text()  # the recent-files list
    with Image.open(save) as saved:
        assert saved.format == "PNG" and saved.width > 0 and saved.height > 0
