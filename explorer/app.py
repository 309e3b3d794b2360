"""Entry point of ``cnn-explorer``: the window with no sub-command, else the CLI."""

from __future__ import annotations

import os
import sys


def _quiet_tensorflow() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def main(argv: list[str] | None = None) -> int:
    """Run the app.

    Args:
        argv: arguments without the program name (defaults to ``sys.argv[1:]``).

    Returns:
        The process exit status.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    _quiet_tensorflow()
    from explorer.cli.main import main as cli_main
    from explorer.cli.main import wants_cli

    if wants_cli(argv):
        return cli_main(argv)
    from explorer.gui import run_gui

    return run_gui(argv, self_check="--self-check" in argv)


if __name__ == "__main__":
    raise SystemExit(main())
