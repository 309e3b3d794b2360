"""The benchmark scripts run on a tiny configuration (``--quick``: LeNet-5, few repeats).

Benchmarks are not pass/fail here: these tests only check that each script runs in a fresh
process, writes a well-formed report and measured something real. Goals are not asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
LENET_LAYERS = 11  # input + 10 layers (tests/core/test_zoo_shapes.py has the table)


def _run(tmp_path: Path, script: str, *extra: str, timeout: int = 240) -> dict:
    out = tmp_path / f"{script}.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TF_CPP_MIN_LOG_LEVEL="3",
               CNN_EXPLORER_SETTINGS_DIR=str(tmp_path / "settings"))
    proc = subprocess.run([sys.executable, str(BENCH / f"{script}.py"), "--quick", "--json",
                           str(out), *extra], capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["title"] and report["tables"], report
    for block in report["tables"]:
        assert block.startswith("| ") and "| ---" in block
    for goal in report.get("goals", []):
        assert goal["met"] in (True, False, None)
    assert f"## {report['title']}" in proc.stdout  # the table is printed too
    return report


def test_capture_quick(tmp_path):
    report = _run(tmp_path, "capture")
    (row,) = report["rows"]
    assert row["name"] == "lenet5" and row["outputs"] == LENET_LAYERS
    assert row["input"] == "32×32×1"
    for method in ("probe", "call", "predict_on_batch", "predict"):
        assert len(row["times"][method]) == 3 and min(row["times"][method]) > 0
    sub = row["sub"]
    assert sub["layers"] == LENET_LAYERS - 1 and not sub["sampled"] and sub["total"] > 0
    assert (row["keract"] is None) != (row["keract_error"] is None)  # timed, or why not


def test_render_quick(tmp_path):
    report = _run(tmp_path, "render")
    assert len(report["goals"]) == 2
    assert "64×112×112" in report["tables"][0] and "1242×677" in report["tables"][0]
    assert "glibc default, each dropped: worst ms" in report["tables"][0]  # side by side
    assert "in parts: longest part ms" in report["tables"][0]


@pytest.mark.gui
def test_layer_switch_quick(tmp_path):
    report = _run(tmp_path, "layer_switch")
    assert "painted every switch" in report["tables"][0]
    assert "| yes |" in report["tables"][0]  # the ImageItem painted in every switch
    assert f"| LeNet-5 | {LENET_LAYERS} |" in report["tables"][1]


@pytest.mark.gui
def test_startup_quick(tmp_path):
    report = _run(tmp_path, "startup")
    (shown,) = report["goals"]
    assert float(shown["measured"].split()[0]) > 0


def test_memory_quick(tmp_path):
    report = _run(tmp_path, "memory")
    assert "| LeNet-5 |" in report["tables"][0]


def test_run_all_writes_results(tmp_path):
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run([sys.executable, str(BENCH / "run_all.py"), "--quick", "--only",
                           "render", "--out", str(out), "--note", "smoke test"],
                          capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    for needle in ("# Benchmark results", "Quick run", "## Machine", "TensorFlow / Keras",
                   "PySide6 / Qt / pyqtgraph", "smoke test", "## Goals at a glance",
                   "## Mosaic rendering"):
        assert needle in text, needle


def test_explain_quick(tmp_path):
    report = _run(tmp_path, "explain")
    rows = [line for line in report["tables"][0].splitlines() if line.startswith("| LeNet-5")]
    assert {row.split("|")[2].strip() for row in rows} == {"forward", "gradcam", "saliency"}


def test_unit_quick(tmp_path):
    report = _run(tmp_path, "unit")
    assert any("arithmetic" in line for line in report["tables"][0].splitlines())


def test_diagram_quick(tmp_path):
    report = _run(tmp_path, "diagram")
    rows = [line for line in report["tables"][0].splitlines() if line.startswith("| LeNet-5")]
    assert len(rows) == 1 and f"| {LENET_LAYERS} |" in rows[0]


def test_featvis_quick(tmp_path):
    report = _run(tmp_path, "featvis")
    rows = [line for line in report["tables"][0].splitlines() if line.startswith("| Fashion")]
    assert len(rows) == 2 and all("| 16 |" in row for row in rows)


def test_live_quick(tmp_path):
    report = _run(tmp_path, "live")
    assert "one slot" in report["tables"][0] and "coalescing queue" in report["tables"][0]


def test_report_quick(tmp_path):
    report = _run(tmp_path, "report")
    rows = [line for line in report["tables"][0].splitlines() if line.startswith("| LeNet-5")]
    assert len(rows) == 1 and f"| {LENET_LAYERS} | 5 |" in rows[0]  # C1, S2, C3, S4, C5
    assert "zlib level 9" in report["tables"][1]


@pytest.mark.gui
@pytest.mark.slow
def test_training_quick(tmp_path, mnist_dir):
    report = _run(tmp_path, "training")
    table = report["tables"][0]
    assert "| `cnn-explorer train` (recipes.train_named) |" in table
    assert "| Training window, live views on |" in table
    assert len(report["goals"]) == 2


def test_allocator_quick(tmp_path):
    """The engine's reason to turn oneDNN off holds: with it off (and the engine's malloc
    thresholds), a dropped capture's memory goes back to the system."""
    report = _run(tmp_path, "allocator")
    returned = report["goals"][0]
    assert returned["goal"].startswith("oneDNN off gives") and returned["met"] is True, returned


def test_device_check_quick(tmp_path):
    """The prepared device check names the device and times the four jobs side by side."""
    report = _run(tmp_path, "device")
    device, jobs = report["tables"][:2]
    assert "| CPU | CPU | 0 | off (no GPU) |" in device or "| GPU |" in device
    for job in ("bare forward", "all-layer capture", "Grad-CAM of one class",
                "training step (batch of 16)"):
        assert job in jobs
    assert f"Capture: {LENET_LAYERS} outputs" in report["notes"][0]
    (ratio,) = report["goals"]
    assert ratio["met"] is None and float(ratio["measured"].rstrip("×")) > 0


@pytest.mark.gui
def test_stall_quick_tells_the_machine_pauses_apart(tmp_path):
    report = _run(tmp_path, "stall")
    phases = report["tables"][0]
    assert "| Machine pauses | Longest pause (ms) | Longest gap outside them (ms) |" in phases
    assert "step through 11 layers" in phases  # LeNet-5, every layer stepped
    assert report["pauses"] >= 0 and 0 < report["worst_own_ms"] <= report["worst_ms"]


def test_a_gap_the_machine_shared_is_told_apart(monkeypatch):
    monkeypatch.setattr(sys, "path", [str(BENCH), *sys.path])  # given back after the test
    import stall

    gaps = [(0.0, 0.010), (0.010, 0.060), (0.060, 0.071), (0.071, 0.081)]
    pauses = [(0.020, 0.055), (0.0715, 0.0716)]  # inside the second gap; inside the fourth
    assert stall.outside(gaps, pauses) == [(0.0, 0.010), (0.060, 0.071)]
    assert stall.outside(gaps, [(0.010, 0.010)]) == gaps  # touching, not overlapping
