"""What a test does when a file it needs from outside the project is missing.

Away from this workplace (a user's checkout) the test skips and says why (``-rs`` lists the
reasons). Under CI (``CI`` set) it fails: CI lays out ``../shared/fixtures`` and installs
Debian's ``dataset-fashion-mnist``, so a missing file there is a broken set-up, and a skip
would hide tests that never ran.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def need(path: Path, what: str = "the workplace's shared fixtures") -> Path:
    """``path`` when it exists; else skip with the reason, or fail when ``CI`` is set."""
    if not path.exists():
        reason = f"needs {path} ({what}), which is absent here"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so this fails instead of skipping", pytrace=False)
        pytest.skip(reason)
    return path
