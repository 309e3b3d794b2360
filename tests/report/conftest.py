"""Fixtures for the report tests: the CLI run in-process, and one report of the bundled
Fashion-MNIST CNN on two samples, written once for the module that asks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from report_html import SAMPLES

from explorer.core.resources import resource_path


@pytest.fixture
def cli(capsys):
    """``cli(*argv) -> (status, out, err)``: ``explorer.cli.main`` in this process."""
    from explorer.cli.main import main

    def run(*argv):
        capsys.readouterr()
        status = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


@pytest.fixture(scope="session")
def fashion_report(tmp_path_factory) -> Path:
    """``cnn-explorer report fashion-cnn`` on two garment samples (default layers, Grad-CAM)."""
    from explorer.cli.main import main

    out = tmp_path_factory.mktemp("report") / "fashion.html"
    images = [str(resource_path("samples", name)) for name in SAMPLES]
    assert main(["report", "fashion-cnn", *images, "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium program; skips without it, and fails under CI (``.ci/run`` installs it)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "needs Chromium (Debian's chromium package) to open the report headless"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so this fails instead of skipping",
                        pytrace=False)
        pytest.skip(reason)
    return found
