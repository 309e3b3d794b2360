"""Fixtures for the CLI tests: the in-process runner and the corpora, built once a session."""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_inputs import make_bad_images
from bad_models import make_bad_models
from cli_helpers import CliResult


@pytest.fixture
def cli(capsys):
    """``cli(*argv) -> CliResult``: run ``explorer.cli.main`` with ``argv`` (str()'d)."""
    from explorer.cli.main import main

    def run(*argv) -> CliResult:
        capsys.readouterr()  # drop anything printed before
        status = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return CliResult(status, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def bad_models(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """The bad-model corpus, built once per session."""
    return make_bad_models(tmp_path_factory.mktemp("bad_models"))


@pytest.fixture(scope="session")
def bad_images(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """The bad-image corpus, written once per session."""
    return make_bad_images(tmp_path_factory.mktemp("bad_images"))


@pytest.fixture(scope="session")
def plain_model(bad_models) -> Path:
    """A working 24×24×3 model file whose card names its 3 classes."""
    return bad_models["plain_cnn"][0]


@pytest.fixture(scope="session")
def square_photo(tmp_path_factory) -> Path:
    """A 48×48 smooth colour PNG (square, so "crop" and "resize" fit it the same way)."""
    import numpy as np
    from PIL import Image

    y, x = np.mgrid[0:48, 0:48].astype(np.float64)
    rgb = np.stack([127 + 120 * np.sin(x / 4.0), 127 + 120 * np.cos(y / 6.0),
                    127 + 120 * np.sin((x + y) / 8.0)], axis=-1).round().astype(np.uint8)
    path = tmp_path_factory.mktemp("photo") / "square.png"
    Image.fromarray(rgb).save(path)
    return path
