"""Build the standalone one-folder bundle: ``python packaging/build.py``.

Runs PyInstaller on ``packaging/cnn-explorer.spec`` with ``packaging/dist`` as the output and
``packaging/build`` as the work folder (reading a snapshot of explorer/ and resources/ taken
when it starts), writes PyInstaller's output to a log file, and on
success writes ``packaging/dist/cnn-explorer.stamp`` (JSON: when the build started, how long it
took, the bundle's size). The bundle test compares that stamp's time with the sources' to
decide whether a bundle can be reused.

Options:
    --clean   drop PyInstaller's cache first (a full re-analysis; slower)
    --check   afterwards, run ``--version`` and ``--self-check`` from the bundle
    --log F   where PyInstaller's output goes (default packaging/build/build.log)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "cnn-explorer.spec"
DIST = HERE / "dist"
WORK = HERE / "build"
BUNDLE = DIST / "cnn-explorer"
STAMP = DIST / "cnn-explorer.stamp"
SNAPSHOT = WORK / "src"
SOURCES = ("explorer", "resources")  # what the bundle is built from (besides packaging/)


def executable(bundle: Path = BUNDLE) -> Path:
    """The bundle's program (``cnn-explorer``, ``cnn-explorer.exe`` on Windows)."""
    return bundle / ("cnn-explorer.exe" if sys.platform == "win32" else "cnn-explorer")


def folder_size(path: Path) -> int:
    """Bytes in regular files under ``path`` (links not followed, as ``du`` counts)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def snapshot() -> Path:
    """Copy explorer/ and resources/ to packaging/build/src so the build reads one consistent
    state of the checkout, however long it takes and whatever is edited meanwhile."""
    shutil.rmtree(SNAPSHOT, ignore_errors=True)
    for name in SOURCES:
        shutil.copytree(ROOT / name, SNAPSHOT / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return SNAPSHOT


def build(*, clean: bool = False, log: Path | None = None) -> dict:
    """Run PyInstaller; return the stamp's contents. Raises CalledProcessError on failure.

    Args:
        clean: drop PyInstaller's cache first.
        log: file for PyInstaller's output (default ``packaging/build/build.log``).

    Returns:
        ``{"started": epoch seconds, "seconds": build time, "bytes": bundle size, ...}``.
    """
    log = log or WORK / "build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    STAMP.unlink(missing_ok=True)  # a failed build must not leave an old stamp looking fresh
    cmd = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
           "--distpath", str(DIST), "--workpath", str(WORK), "--log-level", "WARN"]
    if clean:
        cmd.append("--clean")
    started = time.time()
    src = snapshot()
    with open(log, "w", encoding="utf-8") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", CNN_EXPLORER_SRC=str(src))
        proc = subprocess.run(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    seconds = time.time() - started
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
        print("\n".join(tail), file=sys.stderr)
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    info = {"started": started, "seconds": round(seconds, 1), "bytes": folder_size(BUNDLE),
            "python": sys.version.split()[0], "platform": sys.platform,
            "executable": str(executable())}
    STAMP.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    os.utime(STAMP, (started, started))  # the stamp's time is when the sources were read
    return info


def check() -> int:
    """Run ``--version`` and ``--self-check`` from the bundle with an empty environment."""
    env = {"QT_QPA_PLATFORM": "offscreen"}
    for args in (["--version"], ["--self-check"]):
        started = time.time()
        proc = subprocess.run([str(executable()), *args], env=env, cwd="/",
                              capture_output=True, text=True, timeout=900)
        print(f"$ cnn-explorer {' '.join(args)}   ({time.time() - started:.1f} s, "
              f"exit {proc.returncode})")
        print(proc.stdout.rstrip())
        if proc.returncode != 0:
            print(proc.stderr[-4000:], file=sys.stderr)
            return proc.returncode
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--log", type=Path)
    args = parser.parse_args(argv)
    try:
        info = build(clean=args.clean, log=args.log)
    except subprocess.CalledProcessError as error:
        print(f"build failed (exit {error.returncode}); log: {args.log or WORK / 'build.log'}",
              file=sys.stderr)
        return 1
    print(f"built {BUNDLE} in {info['seconds']:.0f} s, {info['bytes'] / 2**20:.0f} MiB")
    return check() if args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
