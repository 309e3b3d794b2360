"""Shared fixtures for the worker tests: small real models and images made here (the session's
``photos`` folder), so nothing depends on the shared fixtures."""

from __future__ import annotations

import pytest

from explorer.worker.messages import LoadModel


@pytest.fixture(scope="session")
def fashion():
    """The fashion-cnn model loaded the way the worker loads it."""
    from explorer.worker.jobs.models import load_model
    from explorer.worker.state import JobState

    return load_model(LoadModel("fashion-cnn"), JobState())


@pytest.fixture(scope="session")
def cat_path(photos):
    return str(photos / "cat.bmp")


@pytest.fixture(scope="session")
def bird_path(photos):
    return str(photos / "bird.bmp")
