"""The PyInstaller bundle starts and works with no Python around it.

Builds ``packaging/dist/cnn-explorer/`` with ``packaging/build.py`` (minutes; niced), or reuses
the bundle when its stamp is newer than every file under explorer/, resources/ and the
packaging scripts. Then runs the bundle's program the way a user's machine would: an empty
environment (only ``QT_QPA_PLATFORM=offscreen``), cwd ``/`` - so nothing can come from this
checkout, its virtual environment or PYTHONPATH.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer import __version__

pytestmark = [pytest.mark.bundle, pytest.mark.slow, pytest.mark.timeout(2400)]

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
_spec = importlib.util.spec_from_file_location("cnn_explorer_packaging_build",
                                               PACKAGING / "build.py")
bundle_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bundle_build)

BUILD_INPUTS = [REPO / "explorer", REPO / "resources", PACKAGING / "cnn-explorer.spec",
                PACKAGING / "cnn_explorer_main.py", PACKAGING / "build.py"]
RUN_TIMEOUT_S = 900
TIMES: dict[str, float] = {}


def _newest_input_mtime() -> float:
    """Newest modification time among the build's inputs; folders count too (a deleted or
    renamed file changes its folder's time). Byte-code caches are ignored."""
    newest = 0.0
    for root in BUILD_INPUTS:
        paths = [root, *root.rglob("*")] if root.is_dir() else [root]
        for path in paths:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            newest = max(newest, path.stat().st_mtime)
    return newest


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The bundle folder, built now unless a fresh one exists."""
    exe = bundle_build.executable()
    stamp = bundle_build.STAMP
    if exe.exists() and stamp.exists() and stamp.stat().st_mtime > _newest_input_mtime():
        return bundle_build.BUNDLE
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail('building the bundle needs PyInstaller: pip install -e ".[build]"')
    nice = ["nice", "-n", "10"] if shutil.which("nice") else []
    started = time.time()
    proc = subprocess.run([*nice, sys.executable, str(PACKAGING / "build.py")], cwd=REPO,
                          capture_output=True, text=True)
    TIMES["build"] = time.time() - started
    assert proc.returncode == 0, f"bundle build failed:\n{proc.stdout}\n{proc.stderr[-6000:]}"
    print(proc.stdout.strip(), f"(build: {TIMES['build']:.0f} s)")
    assert exe.exists() and stamp.exists()
    return bundle_build.BUNDLE


def run_bundle(bundle: Path, *args: str) -> subprocess.CompletedProcess:
    """``env -i QT_QPA_PLATFORM=offscreen <bundle>/cnn-explorer ARGS`` in ``/``."""
    started = time.time()
    proc = subprocess.run([str(bundle_build.executable(bundle)), *args],
                          env={"QT_QPA_PLATFORM": "offscreen"}, cwd="/",
                          capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    TIMES[" ".join(args)] = time.time() - started
    print(f"cnn-explorer {' '.join(args)}: {TIMES[' '.join(args)]:.1f} s, exit {proc.returncode}")
    return proc


def _bundled_resources(bundle: Path) -> Path:
    found = sorted(bundle.rglob("explorer/resources/imagenet_class_index.json"))
    assert found, "explorer/resources is missing from the bundle"
    return found[0].parent


def _relative_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


def test_version_runs_without_python(bundle):
    proc = run_bundle(bundle, "--version")
    assert proc.returncode == 0, proc.stderr[-4000:]
    lines = proc.stdout.splitlines()
    assert f"cnn-explorer {__version__}" in lines
    assert any(re.fullmatch(r"TensorFlow 2\.\d+\.\d+, Keras 3\.\d+\.\d+", ln) for ln in lines)
    assert any(re.fullmatch(r"device: \S.*", ln) for ln in lines), proc.stdout


def test_every_resource_is_in_the_bundle(bundle):
    assert _relative_files(_bundled_resources(bundle)) == _relative_files(REPO / "resources")


def test_bundle_leaves_out_what_the_app_does_not_use(bundle):
    internal = bundle_build.executable(bundle).parent / "_internal"
    for absent in ("scipy", "IPython", "matplotlib", "tensorboard", "PyQt5", "PyQt6"):
        assert not (internal / absent).exists(), absent
    qt_modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.*")}
    # the app's three, Qt Multimedia (camera and video input), and the three pyqtgraph
    # imports (OpenGL helpers, SVG export)
    assert qt_modules == {"QtCore", "QtGui", "QtWidgets", "QtMultimedia", "QtOpenGL",
                          "QtOpenGLWidgets", "QtSvg"}


def test_models_finds_the_bundled_models(bundle):
    """``models`` reads resources/models through importlib.resources inside the bundle."""
    proc = run_bundle(bundle, "models", "--json")
    assert proc.returncode == 0, proc.stderr[-4000:]
    entries = {e["name"]: e for e in json.loads(proc.stdout)}
    shipped = sorted(p.stem for p in (REPO / "resources" / "models").glob("*.keras"))
    assert shipped == ["fashion-cnn", "lenet5"]
    for name in shipped:  # listed, as bundled and trained, from inside the bundle
        assert (entries[name]["group"], entries[name]["trained"]) == ("bundled", True), name
    assert sorted(n for n, e in entries.items() if e["group"] == "bundled") == shipped


def test_predict_lenet5_matches_the_source_tree(bundle):
    samples = sorted((_bundled_resources(bundle) / "samples").glob("digit-*.png"))
    assert samples, "no digit sample in the bundle (resources/samples/digit-*.png)"
    sample = samples[0]
    proc = run_bundle(bundle, "predict", "lenet5", str(sample), "--json")
    assert proc.returncode == 0, proc.stderr[-4000:]
    frozen = json.loads(proc.stdout)[0]["top"]
    assert len(frozen) == 5
    scores = [t["score"] for t in frozen]
    assert scores == sorted(scores, reverse=True) and 0.0 <= scores[-1] <= scores[0] <= 1.0
    assert {t["label"] for t in frozen} <= {str(d) for d in range(10)}
    if not (REPO / "resources" / "models" / "lenet5.keras").exists():
        return  # untrained LeNet-5 starts from fresh random weights in each process
    source = subprocess.run([sys.executable, "-m", "explorer", "predict", "lenet5", str(sample),
                             "--json"], cwd=REPO, capture_output=True, text=True,
                            timeout=RUN_TIMEOUT_S)
    assert source.returncode == 0, source.stderr[-4000:]
    expected = json.loads(source.stdout)[0]["top"]
    assert [t["label"] for t in frozen] == [t["label"] for t in expected]
    assert [t["score"] for t in frozen] == pytest.approx([t["score"] for t in expected],
                                                         abs=1e-4)


def test_self_check_from_the_bundle(bundle):
    proc = run_bundle(bundle, "--self-check")
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr[-6000:]}"
    top = re.search(r"^top-1: (.+) \((\d+\.\d+)\)$", proc.stdout, re.M)
    assert top, proc.stdout  # fashion-cnn on its default sample, the ankle boot
    assert top.group(1) == "Ankle boot" and 0.9 <= float(top.group(2)) <= 1.0, proc.stdout
    assert re.search(r"^device: \S.*$", proc.stdout, re.M), proc.stdout
    # the app's sources are in the bundle, so AutoGraph converts its tf.functions
    assert "could not get source code" not in proc.stderr, proc.stderr[-4000:]
    print(proc.stdout.strip())


def test_the_bundle_opens_a_keras2_file(bundle, model_kinds, tmp_path):
    """tf_keras travels in the bundle: a Teachable-Machine-shaped Keras 2 file predicts there as
    in the source tree (same labels, same scores)."""
    from model_kinds import probe_image

    path = model_kinds["keras_model.h5"][0]
    image, _ = probe_image(tmp_path, (224, 224, 3))
    proc = run_bundle(bundle, "predict", str(path), str(image), "--json", "--top", "3")
    assert proc.returncode == 0, proc.stderr[-4000:]
    frozen = json.loads(proc.stdout)[0]["top"]
    source = subprocess.run([sys.executable, "-m", "explorer", "predict", str(path), str(image),
                             "--json", "--top", "3"], cwd=REPO, capture_output=True, text=True,
                            timeout=RUN_TIMEOUT_S)
    assert source.returncode == 0, source.stderr[-4000:]
    expected = json.loads(source.stdout)[0]["top"]
    assert {t["label"] for t in frozen} == {"Rock", "Paper", "Scissors"}
    assert [t["label"] for t in frozen] == [t["label"] for t in expected]
    assert [t["score"] for t in frozen] == pytest.approx([t["score"] for t in expected],
                                                         abs=1e-5)
