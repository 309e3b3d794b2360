"""Everything in resources/ reaches an installed (non-editable) wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_wheel_carries_every_resource(tmp_path):
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps",
                          "--no-build-isolation", "-q", "-w", str(tmp_path)],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert res.returncode == 0, res.stderr[-2000:]
    wheel = next(tmp_path.glob("cnn_explorer-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [p for p in (REPO / "resources").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts]
    assert len(shipped) > 20
    missing = [str(p.relative_to(REPO)) for p in shipped
               if "explorer/resources/" + p.relative_to(REPO / "resources").as_posix()
               not in names]
    assert not missing, missing
    assert "explorer/core/models/zoo/lenet.py" in names and "explorer/widgets/main_window.py" in names
    entry = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "cnn-explorer = explorer.app:main" in entry
