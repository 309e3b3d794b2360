"""Every bad image dropped on the window and every bad model file opened from its menu (issue 7).

Each case ends in one of three ways, and the window stays usable after all of them:

* ``ok``: the image (or model) loads and the predictions update; no message box;
* ``error``: one message box for a user mistake (no traceback), the message in the status bar,
  and the image, model, picker and predictions on screen exactly as before;
* ``unsafe`` (a Lambda layer): the window asks; refused, nothing changes; allowed, it loads.

After every case a never-seen image is dropped and must run through the current model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import bad_inputs
import bad_models
import pytest
from bad_models import PLAIN_CLASSES
from PySide6.QtWidgets import QFileDialog
from window_helpers import drop_files, wait_for_result, wait_idle

from explorer.widgets.intake import MODEL_FILTER

pytestmark = pytest.mark.gui
BOX_TIMEOUT_MS = 60_000

#: (what happened, how to fix it): found in the box (text + informative) and the status bar
IMAGE_MESSAGES = bad_inputs.ERROR_MESSAGES
MODEL_MESSAGES = bad_models.ERROR_MESSAGES
#: (case, the user's answer to "allow code?"): the Lambda cases run both ways
MODEL_RUNS = [(case, False) for case in bad_models.CASE_NAMES] + [
    ("lambda_keras", True), ("lambda_h5", True)]
QUESTION_TITLE = "This model file contains code"


@dataclass(frozen=True)
class Screen:
    """What the user sees: the image, the model, the picker line and the predictions."""

    image_key: str
    result: object = field(compare=False)  # compared by identity in assert_unchanged
    model: str = ""
    picker_text: str = ""
    predictions: tuple = ()

    @classmethod
    def of(cls, win) -> "Screen":
        return cls(win.image_key, win.result, win.model.name,
                   win.views.picker.combo.currentText(),
                   tuple(win.views.predictions.shown()))


def shown_matches(win, result) -> None:
    """The predictions view shows the best K of ``result``, which is the window's result."""
    assert win.result is result
    k = win.views.predictions.k
    expected = [(p.label, float(p.score)) for p in result.predictions[:k]]
    assert win.views.predictions.shown() == expected and expected


def assert_user_error_box(session, count: int, patterns, status: str | None) -> dict:
    """Exactly one new box, a plain warning (no traceback), saying what and how to fix; the
    status bar says what too (unless ``status`` is None)."""
    boxes = session.boxes.boxes
    assert len(boxes) == count + 1, boxes[count:]
    box = boxes[-1]
    assert box["title"] == "cnn-explorer", box  # not "unexpected error"
    assert box["details"] == "", box["details"]  # a user mistake: no traceback
    said = f"{box['text']}\n{box['informative']}"
    assert "Traceback" not in said
    for pattern in patterns:
        assert re.search(pattern, said, re.IGNORECASE), (pattern, said)
    if status is not None:
        assert re.search(patterns[0], status, re.IGNORECASE), (patterns[0], status)
    return box


def assert_unchanged(win, before: Screen) -> None:
    assert Screen.of(win) == before
    assert win.result is before.result
    assert win.views.predictions.shown(), "the predictions disappeared"


def a_good_image_still_runs(qtbot, session) -> None:
    """Drop a never-seen image: it runs through the current model and the view updates."""
    win = session.window
    before = tuple(win.views.predictions.shown())
    path = session.good_image()
    drop_files(win, [path])
    result = wait_for_result(qtbot, win, path.name, win.model.name)
    shown_matches(win, result)
    assert tuple(win.views.predictions.shown()) != before
    assert win.image_key == result.image.key


def test_every_error_case_has_a_message():
    image_errors = {c for c in bad_inputs.CASE_NAMES if c not in bad_inputs.EXPECTED}
    assert set(IMAGE_MESSAGES) == image_errors
    assert set(MODEL_MESSAGES) | {"plain_cnn", "no_conv", "lambda_keras", "lambda_h5"} == \
        set(bad_models.CASE_NAMES)


@pytest.mark.parametrize("case", bad_inputs.CASE_NAMES)
def test_an_image_dropped_on_the_window(qtbot, shared_window, bad_image_cases, case):
    if case not in bad_image_cases:
        pytest.skip(bad_inputs.SKIP_REASONS[case])
    session, win = shared_window, shared_window.window
    path, expected = bad_image_cases[case]
    before, count = Screen.of(win), len(session.boxes.boxes)
    drop_files(win, [path])
    if expected == "ok":
        result = wait_for_result(qtbot, win, path.name)
        wait_idle(qtbot, win)
        assert result.image.image.pixels.shape == bad_inputs.EXPECTED[case]["shape"]
        assert result.image.source == str(path.resolve())
        shown_matches(win, result)
        assert tuple(win.views.predictions.shown()) != before.predictions
        assert len(session.boxes.boxes) == count  # no message for a good file
    else:
        qtbot.waitUntil(lambda: len(session.boxes.boxes) > count, timeout=BOX_TIMEOUT_MS)
        wait_idle(qtbot, win)
        assert_user_error_box(session, count, IMAGE_MESSAGES[case],
                              win.statusBar().currentMessage())
        assert_unchanged(win, before)
    a_good_image_still_runs(qtbot, session)


def open_model_from_menu(win, path, monkeypatch) -> None:
    """File ▸ Open model file…, the dialog answering ``path``."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(path), MODEL_FILTER))
    win.menu_actions.open_model.trigger()


@pytest.mark.parametrize("case, allow", MODEL_RUNS,
                         ids=[c + ("-allowed" if a else "") for c, a in MODEL_RUNS])
def test_a_model_file_opened_from_the_menu(qtbot, shared_window, bad_model_cases, monkeypatch,
                                           case, allow):
    session, win = shared_window, shared_window.window
    path, expected = bad_model_cases[case]
    before, count = Screen.of(win), len(session.boxes.boxes)
    session.boxes.answer = "Allow and load" if allow else None
    try:
        open_model_from_menu(win, path, monkeypatch)
        if expected == "ok" or allow:
            result = wait_for_result(qtbot, win, model=str(path))
            wait_idle(qtbot, win)
            loaded_a_file(win, case, path, result)
        else:
            qtbot.waitUntil(lambda: len(session.boxes.boxes) > count, timeout=BOX_TIMEOUT_MS)
            wait_idle(qtbot, win)
            if expected == "unsafe":
                assert len(session.boxes.boxes) == count + 1
                question = session.boxes.boxes[-1]
                assert question["title"] == QUESTION_TITLE
                assert question["buttons"] == ["Allow and load", "Don't load"]
                assert path.name in question["informative"]
                assert "contains code" in win.statusBar().currentMessage()
            else:
                assert_user_error_box(session, count, MODEL_MESSAGES[case],
                                      win.statusBar().currentMessage())
            assert_unchanged(win, before)
    finally:
        session.boxes.answer = None
    if allow:
        assert [b["title"] for b in session.boxes.boxes[count:]] == [QUESTION_TITLE]
    elif expected == "ok":
        assert len(session.boxes.boxes) == count
    a_good_image_still_runs(qtbot, session)


def loaded_a_file(win, case: str, path, result) -> None:
    """The model file is current: picker, shape flow and predictions all say so."""
    assert win.model.name == str(path) and result.model_name == str(path)
    assert win.views.picker.combo.currentText().strip() == path.name
    assert win.views.shape_flow.model().rowCount() >= len(win.model.table)
    shown_matches(win, result)
    classes = {"plain_cnn": 3, "no_conv": 10, "lambda_keras": 3, "lambda_h5": 3}[case]
    assert len(result.predictions) == classes
    assert sum(p.score for p in result.predictions) == pytest.approx(1.0, abs=1e-5)
    if case == "plain_cnn":  # its model card names the classes
        assert {p.label for p in result.predictions} == set(PLAIN_CLASSES)
        assert result.prepared.fed_pixels.shape == (24, 24, 3)
    if case.startswith("lambda"):  # the Lambda layer ran: its output is half of conv's
        halved = result.activations["halve"]
        assert halved.shape == result.activations["conv"].shape == (26, 26, 4)
        assert halved == pytest.approx(result.activations["conv"] * 0.5)


def test_a_failed_load_right_after_a_good_one_keeps_the_window_working(
        qtbot, shared_window, bad_model_cases, monkeypatch):
    """A good load that a failing one supersedes while it runs: the newer load cancels it, or
    it finished first. Either way the window shows the model the worker holds (the earlier one,
    or the superseded load's), never one it no longer has, and the next image runs on it.
    """
    session, win = shared_window, shared_window.window
    target = "lenet5" if win.model.name != "lenet5" else "fashion-cnn"
    earlier = win.model.name
    count = len(session.boxes.boxes)
    with qtbot.waitSignal(win.worker.started, timeout=30_000,
                          check_params_cb=lambda _i, request: getattr(
                              request, "name_or_path", None) == target):
        win.load_model(target)
    open_model_from_menu(win, bad_model_cases["random_bytes_keras"][0], monkeypatch)
    qtbot.waitUntil(lambda: len(session.boxes.boxes) > count, timeout=BOX_TIMEOUT_MS)
    wait_idle(qtbot, win)
    # the status bar has moved on to the current image's result; the box said it
    assert_user_error_box(session, count, MODEL_MESSAGES["random_bytes_keras"], None)
    assert win.model.name in (target, earlier)
    if win.model.name == target:
        assert win.views.picker.combo.currentText().strip() == win.views.picker.entry(target).title
    a_good_image_still_runs(qtbot, session)  # its result comes from win.model.name


@pytest.mark.parametrize("where", ["image", "model"])
def test_a_bug_while_opening_shows_its_traceback_and_keeps_the_window(
        qtbot, shared_window, bad_model_cases, monkeypatch, where):
    """A failure that is not the user's (here injected into the loader) is a bug: its box
    carries the traceback, and the window carries on as after a user mistake."""
    from explorer.core.models import loading
    from explorer.core.pixels import images

    session, win = shared_window, shared_window.window
    before, count = Screen.of(win), len(session.boxes.boxes)

    def broken(*args, **kwargs):
        raise RuntimeError(f"injected failure while opening the {where}")

    if where == "image":
        monkeypatch.setattr(images, "load_image", broken)
        drop_files(win, [session.good_image()])
    else:
        monkeypatch.setattr(loading, "load_model", broken)
        open_model_from_menu(win, bad_model_cases["plain_cnn"][0], monkeypatch)
    qtbot.waitUntil(lambda: len(session.boxes.boxes) > count, timeout=BOX_TIMEOUT_MS)
    wait_idle(qtbot, win)
    box = session.boxes.boxes[-1]
    assert len(session.boxes.boxes) == count + 1
    assert box["title"] == "cnn-explorer: unexpected error"
    assert f"RuntimeError: injected failure while opening the {where}" in box["text"]
    assert "Traceback" in box["details"] and "broken" in box["details"]
    assert "injected failure" in win.statusBar().currentMessage()
    assert_unchanged(win, before)
    monkeypatch.undo()
    a_good_image_still_runs(qtbot, session)
