"""Every package of ``explorer`` is listed in pyproject.toml's setuptools packages: a package
missing there is absent from a non-editable install (``pip install .``, the README's first
command) while every test, run from the checkout, still passes."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from "
                                                 "Python 3.11")
ROOT = Path(__file__).resolve().parents[2]


def test_every_explorer_package_is_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "explorer").rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages"
    assert listed - found == {"explorer.resources"}  # the resources folder, mapped by package-dir
