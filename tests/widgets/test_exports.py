"""File ▸ Export report… and File ▸ Export activations in the real window (offscreen, real
worker): the page is written by the worker with the view's options, the archive holds the
arrays on screen."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog

pytestmark = pytest.mark.gui


def _answer_save_dialog(monkeypatch, target):
    asked = []

    def answer(parent, title, start, name_filter):
        asked.append((title, start, name_filter))
        return str(target), name_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked


def test_the_file_menu_offers_the_exports_after_save_view(window):
    save = window.menu_actions.save_view
    menu = [o for o in save.associatedObjects() if hasattr(o, "actions")][0]
    texts = [a.text() for a in menu.actions()]
    at = texts.index(save.text())
    assert texts[at + 1:at + 3] == ["Export &report…", "Export &activations"]
    sub = window.exports.activations_menu
    assert [a.text() for a in sub.actions()] == ["All layers (.npz)…", "Selected layer (.npz)…"]


def test_export_report_writes_the_page_through_the_worker(qtbot, window, tmp_path,
                                                          monkeypatch):
    from report_html import read_page

    target = tmp_path / "page"  # no suffix: .html is added
    asked = _answer_save_dialog(monkeypatch, target)
    box = window.views.feature_maps.norm_box
    box.setCurrentIndex(box.findData("channel"))
    progress = []
    window.worker.progress.connect(lambda _id, p: progress.append(p))
    with qtbot.waitSignal(window.exports.report_written, timeout=120_000) as signal:
        window.exports.report_action.trigger()
    written = signal.args[0]
    assert written.path == str(target) + ".html"
    assert asked[0][1].endswith("Fashion-MNIST_CNN-fashion-ankle-boot-test0-report.html")
    page = read_page((tmp_path / "page.html").read_text("utf-8"))
    assert [r["data-path"] for r in page.rows] == [i.path for i in window.model.table]
    shown = window.views.predictions.shown()
    assert [row[1] for row in page.predictions] == [label for label, _ in shown]
    assert any("norm channel" in t for t in page.text.splitlines())
    assert progress and {p.unit for p in progress} == {"steps"}
    assert "Report written" in window.statusBar().currentMessage()


def test_export_activations_all_and_selected(qtbot, window, tmp_path, monkeypatch):
    result = window.result
    target = tmp_path / "all.npz"
    _answer_save_dialog(monkeypatch, target)
    with qtbot.waitSignal(window.exports.activations_written, timeout=10_000):
        window.exports.all_action.trigger()
    with np.load(target) as saved:
        assert saved.files == list(result.activations)
        for key in saved.files:
            np.testing.assert_array_equal(saved[key], result.activations[key])
    window.select_layer("conv2a")
    target = tmp_path / "one"
    _answer_save_dialog(monkeypatch, target)
    window.exports.layer_action.trigger()
    with np.load(str(target) + ".npz") as saved:
        assert saved.files == ["conv2a"]
        np.testing.assert_array_equal(saved["conv2a"], result.activations["conv2a"])
        assert saved["conv2a"].shape == (14, 14, 128)


def test_a_cancelled_dialog_writes_nothing(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    sent = window.worker.pending()
    window.exports.report_action.trigger()
    window.exports.all_action.trigger()
    assert window.worker.pending() == sent
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".html", ".npz")]
