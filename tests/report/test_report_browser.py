"""The report in a real browser: Debian's Chromium, headless, draws it without a console error,
keeps its table in the DOM, and prints it on A4 pages."""

from __future__ import annotations

import re
import subprocess

import numpy as np
import pytest
from report_html import read_page

pytestmark = pytest.mark.slow

ERROR_WORDS = (":CONSOLE", "Uncaught", "violates the following Content Security Policy",
               "Not allowed to load", "net::ERR_")
"""What Chromium logs (``--enable-logging=stderr``) for a console message of any level (the
page has no script, so any is wrong), a script error, a Content-Security-Policy refusal or a
failed load."""
A4_POINTS = (595.28, 841.89)


def _chromium(chromium, *args, timeout=90):
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--enable-logging=stderr", "--v=0", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def _console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if any(w in line for w in ERROR_WORDS)]


def test_chromium_draws_the_page_without_errors(chromium, fashion_report, tmp_path):
    from PIL import Image

    shot = tmp_path / "report.png"
    run = _chromium(chromium, f"--screenshot={shot}", "--window-size=1280,2600",
                    "--hide-scrollbars", fashion_report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert not _console_errors(run.stderr), _console_errors(run.stderr)
    picture = np.asarray(Image.open(shot).convert("RGB"))
    assert picture.shape == (2600, 1280, 3)
    # drawn: mostly white page, dark text, and the coloured mosaics and kernels
    assert (picture > 245).all(axis=-1).mean() > 0.3
    assert (picture < 60).all(axis=-1).mean() > 0.002
    colourful = (picture.max(axis=-1).astype(int) - picture.min(axis=-1)) > 60
    assert colourful.mean() > 0.01


def test_the_console_check_sees_errors(chromium, tmp_path):
    """The check itself: a page with a failing script and a blocked load is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><head><meta http-equiv='Content-Security-Policy' "
                   "content=\"default-src 'none'; script-src 'unsafe-inline'\"></head><body>"
                   "<img src='http://example.invalid/x.png'><script>undefinedFn()</script>"
                   "</body></html>")
    run = _chromium(chromium, "--dump-dom", bad.as_uri())
    errors = _console_errors(run.stderr)
    assert any("Uncaught ReferenceError" in e for e in errors), run.stderr[-2000:]
    assert any("Content Security Policy" in e for e in errors), errors


def test_the_dom_chromium_builds_holds_every_layer_row(chromium, fashion_report):
    run = _chromium(chromium, "--dump-dom", fashion_report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert not _console_errors(run.stderr), _console_errors(run.stderr)
    dom, written = read_page(run.stdout), read_page(fashion_report.read_text("utf-8"))
    assert [r["data-path"] for r in dom.rows] == [r["data-path"] for r in written.rows]
    assert len(dom.rows) == 15 and set(dom.figures) == set(written.figures)


def test_it_prints_on_a4(chromium, fashion_report, tmp_path):
    pdf = tmp_path / "report.pdf"
    run = _chromium(chromium, f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                    fashion_report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert len(boxes) >= 3  # model and layers, then each image on its own page
    for width, height in boxes:
        assert abs(float(width) - A4_POINTS[0]) < 1 and abs(float(height) - A4_POINTS[1]) < 1
