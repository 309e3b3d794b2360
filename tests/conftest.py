"""Test-wide set-up: a private KERAS_HOME, offscreen Qt, quiet TensorFlow, shared fixtures."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from fixture_policy import need

from explorer.core.device import apply_tensorflow_defaults

# Must happen before anything imports keras (Keras writes keras.json into KERAS_HOME on import).
_KERAS_HOME = Path(tempfile.mkdtemp(prefix="cnn-explorer-keras-home-"))
os.environ["KERAS_HOME"] = str(_KERAS_HOME)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
apply_tensorflow_defaults()  # TensorFlow as the app runs it (oneDNN off)
os.environ.setdefault("CUDA_VISIBLE_DEVICES", os.environ.get("CNN_EXPLORER_TEST_GPU", "-1"))
# Windows made by tests answer on an in-process worker thread (no engine process per window);
# the engine process has its own tests (tests/engine), which ask for it by name, and
# CNN_EXPLORER_ENGINE=process runs every window test through it.
os.environ.setdefault("CNN_EXPLORER_ENGINE", "thread")

REPO = Path(__file__).resolve().parents[1]
SHARED_FIXTURES = REPO.parent / "shared" / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The read-only shared fixtures folder (skips when absent, fails under CI)."""
    return need(SHARED_FIXTURES)


@pytest.fixture(scope="session")
def fashion_mnist_dir() -> Path:
    """Fashion-MNIST's IDX files from Debian's package (skips when absent, fails under CI)."""
    from explorer.core.training.datasets import FASHION_DEBIAN_DIR

    need(FASHION_DEBIAN_DIR / "t10k-images-idx3-ubyte.gz",
          "Debian's dataset-fashion-mnist package: apt-get install dataset-fashion-mnist")
    return FASHION_DEBIAN_DIR


@pytest.fixture(scope="session")
def photos(tmp_path_factory) -> Path:
    """A folder of photo-like images made here, for tests that need *an* image: ``cat.bmp``,
    ``bird.bmp``, ``sunflower.bmp``, ``grace_hopper.bmp`` (512×600) and ``parrot.jpg``."""
    from generated_images import write_photos

    folder = tmp_path_factory.mktemp("photos")
    write_photos(folder)
    return folder


@pytest.fixture(scope="session")
def fixture_images(fixtures_dir) -> Path:
    return need(fixtures_dir / "images")


@pytest.fixture(scope="session")
def mnist_dir(fixtures_dir) -> Path:
    return need(fixtures_dir / "mnist")


@pytest.fixture(scope="session")
def imagenet_keras_home(fixtures_dir) -> Path:
    """Copy the fixture Keras cache into this session's KERAS_HOME (once) and return it."""
    src = need(fixtures_dir / "keras-home" / "models")
    dst = _KERAS_HOME / "models"
    dst.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if not (dst / f.name).exists():
            shutil.copy(f, dst / f.name)
    return _KERAS_HOME


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_KERAS_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def model_kinds(tmp_path_factory):
    """The model files people have (issue 20), built once: ``name -> (path, mode, layout)``."""
    from model_kinds import build_model_kinds

    return build_model_kinds(tmp_path_factory.mktemp("model_kinds"))
