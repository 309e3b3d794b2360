"""Checks shared by the CLI tests (a plain module: ``conftest`` names are ambiguous), and the
real entry point run offline."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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


#: Runs ``python -m explorer ARGS`` with every connection and name look-up off this machine
#: refused, the way an offline machine answers.
OFFLINE_MAIN = """
import ipaddress, socket, sys

def _local(host):
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

def _guard(address):
    if isinstance(address, tuple) and not _local(address[0]):
        raise OSError(f"network blocked by the test: {address[0]}")

_connect, _getaddrinfo = socket.socket.connect, socket.getaddrinfo
socket.socket.connect = lambda sock, address: (_guard(address), _connect(sock, address))[1]
socket.getaddrinfo = lambda host, *a, **k: (_guard((host, 0)), _getaddrinfo(host, *a, **k))[1]
from explorer.app import main
raise SystemExit(main(sys.argv[1:]))
"""


def run_offline(*argv, keras_home: Path, cwd: Path) -> subprocess.CompletedProcess:
    """The real entry point, offline, with an empty Keras cache in ``keras_home``."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in
           ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "tf_cpp_min_log_level")}
    env.update(KERAS_HOME=str(keras_home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", OFFLINE_MAIN, *map(str, argv)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=300)
