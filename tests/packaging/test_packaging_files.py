"""The files the bundle and the Linux install are made from (fast; no build)."""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
ICONS = REPO / "resources" / "icons"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_icon_is_what_make_icon_draws():
    make_icon = _load("cnn_explorer_make_icon", PACKAGING / "make_icon.py")
    committed = Image.open(ICONS / "cnn-explorer.png")
    assert committed.size == (256, 256) and committed.mode == "RGBA"
    drawn = np.asarray(make_icon.render_png(), dtype=np.int16)
    assert np.abs(np.asarray(committed, dtype=np.int16) - drawn).max() <= 2
    # transparent corners, opaque centre (a rounded square on nothing)
    alpha = np.asarray(committed)[..., 3]
    assert alpha[0, 0] == 0 and alpha[128, 128] == 255
    assert (PACKAGING / "cnn-explorer.png").read_bytes() == (ICONS / "cnn-explorer.png").read_bytes()

    ico = Image.open(ICONS / "cnn-explorer.ico")
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])

    svg = ET.parse(ICONS / "cnn-explorer.svg").getroot()
    assert svg.get("viewBox") == "0 0 256 256"
    assert len(svg.findall("{http://www.w3.org/2000/svg}rect")) == len(make_icon.shapes())


def test_desktop_entry_names_the_program_and_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "cnn-explorer.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Terminal"] == "false"
    assert d["Exec"].split()[0] == d["TryExec"] == "cnn-explorer"  # the bundle's program name
    assert d["Icon"] == "cnn-explorer" and (ICONS / f"{d['Icon']}.png").exists()
    assert d["Categories"].endswith(";") and "Education" in d["Categories"].split(";")
    if shutil.which("desktop-file-validate"):
        proc = subprocess.run(["desktop-file-validate", str(PACKAGING / "cnn-explorer.desktop")],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_install_script_is_valid_shell():
    proc = subprocess.run(["sh", "-n", str(PACKAGING / "install-linux.sh")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
