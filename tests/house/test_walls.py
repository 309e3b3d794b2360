"""The walls of the house, read from the source: no import cycle, ``keras.src`` in one module
only, no private name imported across modules, and the import-linter contracts hold."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "explorer"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path) -> list[tuple[str, str, int]]:
    """(imported module, imported name or "", line) for every import in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found += [(base, alias.name, node.lineno) for alias in node.names]
    return found


def _edges() -> dict[str, set[str]]:
    """Module → the explorer modules it imports (``from pkg import mod`` counts as ``pkg.mod``)."""
    graph = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for module, imported, _ in _imports(name, path):
            target = f"{module}.{imported}" if f"{module}.{imported}" in MODULES else module
            if target in MODULES and target != name:
                graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_the_package_has_modules_to_check():
    assert len(MODULES) > 60 and "explorer.core.graph.model_graph" in MODULES


def test_no_import_cycle_between_modules():
    assert _cycles(_edges()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_keras_src_is_imported_by_the_compat_module_only():
    users = sorted({name for name, path in MODULES.items()
                    for module, _, _ in _imports(name, path)
                    if module == "keras.src" or module.startswith("keras.src.")})
    assert users == ["explorer.core.graph.keras_compat"]


def test_no_module_imports_a_private_name_from_another():
    private = [f"{name}:{line} imports {imported} from {module}"
               for name, path in MODULES.items()
               for module, imported, line in _imports(name, path)
               if module.startswith("explorer") and imported.startswith("_")
               and not imported.startswith("__")]
    assert private == []


def test_no_module_re_exports_with_all():
    offenders = [name for name, path in MODULES.items() if "__all__" in path.read_text()]
    assert offenders == []


def test_import_linter_contracts_hold():
    beside = Path(sys.executable).parent / "lint-imports"  # this environment's own (a .venv)
    lint = str(beside) if beside.exists() else (shutil.which("lint-imports") or str(beside))
    if not Path(lint).exists():
        pytest.fail("lint-imports is missing: install the test extras (pip install -e '.[test]')")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
    assert "5 kept, 0 broken" in result.stdout
