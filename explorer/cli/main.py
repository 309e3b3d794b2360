"""``cnn-explorer SUB-COMMAND …``: parse, run, and turn a user mistake into one line.

A user mistake prints one line on stderr (what happened, how to fix it) and exits 2; a bug
keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys

from explorer import __version__
from explorer.cli.registry import load_commands
from explorer.core.errors import ExplorerError


def wants_cli(argv: list[str]) -> bool:
    """True when the arguments name a sub-command or a CLI-only flag (else: open the window)."""
    names = {c.name for c in load_commands()}
    return bool(argv) and (argv[0] in names or argv[0] in ("-h", "--help", "--version"))


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2 (argparse prints usage + error otherwise)
        raise ExplorerError(f"{self.prog}: {message}", f"Run `{self.prog} --help` for usage")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every registered sub-command."""
    parser = _Parser(prog="cnn-explorer", description="See what a CNN does to an image. With "
                     "no sub-command, opens the window.")
    parser.add_argument("--version", action="store_true", help="print versions and the device")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for command in load_commands():
        command.arguments(sub.add_parser(command.name, help=command.help))
    return parser


def main(argv: list[str]) -> int:
    """Run a sub-command; ExplorerError → one line on stderr and exit status 2."""
    try:
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
