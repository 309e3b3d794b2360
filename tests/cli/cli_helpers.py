"""Checks shared by the CLI tests (a plain module: ``conftest`` names are ambiguous)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

ERROR_PREFIX = "cnn-explorer: error: "


@dataclass(frozen=True)
class CliResult:
    """What one in-process CLI run returned and printed."""

    status: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def assert_user_error(result: CliResult, *patterns: str) -> str:
    """Exit status 2, nothing on stdout, exactly one line on stderr, no traceback.

    Each regular expression in ``patterns`` must be found (case-insensitively) in the line.
    Returns the message after the ``cnn-explorer: error:`` prefix.
    """
    assert result.status == 2, (result.status, result.out, result.err)
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert result.err.endswith("\n")
    assert lines[0].startswith(ERROR_PREFIX), lines[0]
    message = lines[0][len(ERROR_PREFIX):]
    for pattern in patterns:
        assert re.search(pattern, message, re.IGNORECASE), (pattern, message)
    return message
