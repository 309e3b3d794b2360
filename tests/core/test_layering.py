"""The walls of the house: the core never imports Qt; listing the catalogue needs no TensorFlow."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=300)


def test_core_imports_no_qt():
    res = _run("""
        import importlib, pkgutil, sys
        for blocked in ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "shiboken6"):
            sys.modules[blocked] = None          # any import of these now fails
        import explorer.core, explorer.core.models.zoo
        names = [m.name for pkg in (explorer.core, explorer.core.models.zoo)
                 for m in pkgutil.iter_modules(pkg.__path__, pkg.__name__ + ".")]
        for name in names:
            importlib.import_module(name)
        leaked = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph")
                  and sys.modules[m] is not None]
        print(len(names), leaked)
        assert not leaked
    """)
    assert res.returncode == 0, res.stderr[-2000:]
    count = int(res.stdout.split()[0])
    assert count >= 20  # every core module was really imported


def test_listing_models_does_not_load_tensorflow():
    res = _run("""
        import sys
        from explorer.core.models.catalog import list_models
        from explorer.core.samples import list_samples
        entries = list_models()
        print(len(entries), len(list_samples()), "tensorflow" in sys.modules, "keras" in sys.modules)
    """)
    assert res.returncode == 0, res.stderr[-2000:]
    n_models, n_samples, tf_loaded, keras_loaded = res.stdout.split()
    assert int(n_models) > 40 and int(n_samples) >= 20
    assert tf_loaded == "False" and keras_loaded == "False"
