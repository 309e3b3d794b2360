"""``cnn-explorer SUB-COMMAND …``: parse, run, and turn a user mistake into one line.

A user mistake prints one line on stderr (what happened, how to fix it) and exits 2; a bug
keeps its traceback.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from explorer import __version__
from explorer.cli.registry import load_commands
from explorer.core.errors import ExplorerError

CLI_FLAGS = ("-h", "--help", "--version")


def wants_cli(argv: list[str]) -> bool:
    """True when the arguments are for the command line; False opens the window.

    The command line takes a registered sub-command, a CLI-only flag, and any other first word
    that is not an existing file (a mistyped sub-command: :func:`main` says so). The window
    takes no arguments, options (Qt's ``-style``…, ``--self-check``), or image files
    (``cnn-explorer IMAGE…`` opens the window on them).
    """
    if not argv:
        return False
    first = argv[0]
    if first in CLI_FLAGS or first in {c.name for c in load_commands()}:
        return True
    return not first.startswith("-") and not Path(first).exists()


def unknown_command(word: str, names: list[str]) -> ExplorerError:
    """The one-line answer to a first word that is no sub-command and no existing file."""
    if Path(word).exists():  # only in-process: app.main opens the window on files
        return ExplorerError(f"{word!r} is a file, not a sub-command",
                             "Run `cnn-explorer IMAGE…` to open the window on image files")
    if "/" in word or Path(word).suffix:  # meant as a file
        return ExplorerError(f"There is no file or sub-command {word!r}",
                             "Check the path: `cnn-explorer IMAGE…` opens the window on image "
                             "files; `cnn-explorer --help` lists the sub-commands")
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    hint = f"Did you mean {close[0]}? " if close else ""
    return ExplorerError(f"Unknown sub-command {word!r}",
                         f"{hint}Run `cnn-explorer --help` for the sub-commands")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2 (argparse prints usage + error otherwise)
        raise ExplorerError(f"{self.prog}: {message}", f"Run `{self.prog} --help` for usage")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every registered sub-command."""
    parser = _Parser(prog="cnn-explorer", description="See what a CNN does to an image. With "
                     "no sub-command, opens the window: `cnn-explorer IMAGE...` opens it on "
                     "those images.")
    parser.add_argument("--version", action="store_true", help="print versions and the device")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for command in load_commands():
        command.arguments(sub.add_parser(command.name, help=command.help))
    return parser


def main(argv: list[str]) -> int:
    """Run a sub-command; ExplorerError → one line on stderr and exit status 2."""
    try:
        names = [c.name for c in load_commands()]
        if argv and not argv[0].startswith("-") and argv[0] not in names:
            raise unknown_command(argv[0], names)
        args = build_parser().parse_args(argv)
        args.argv = list(argv)  # as given; sys.argv is the host process's when run in-process
        if args.version:
            return print_version()
        if not args.command:
            raise ExplorerError("No sub-command given", "Run `cnn-explorer --help`")
        commands = {c.name: c for c in load_commands()}
        return commands[args.command].run(args)
    except ExplorerError as exc:
        sys.stderr.write(f"cnn-explorer: error: {exc.one_line()}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("cnn-explorer: interrupted\n")
        return 130


def print_version() -> int:
    """``cnn-explorer --version``: versions and the device in use."""
    from explorer.core.device import start_tensorflow

    device = start_tensorflow()
    import keras
    import tensorflow as tf

    print(f"cnn-explorer {__version__}")
    print(f"TensorFlow {tf.__version__}, Keras {keras.__version__}")
    print(f"device: {device.label()}")
    return 0
