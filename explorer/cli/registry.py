"""Every sub-command, registered by its own module; the parser is built from this registry.

A command module under :mod:`explorer.cli.commands` decorates its run function with
``@command(name, help, arguments)``; :func:`load_commands` imports every such module (they import
no TensorFlow at import time), so a new sub-command is one new module.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable

COMMAND_PACKAGE = "explorer.cli.commands"


@dataclass(frozen=True)
class Command:
    """One sub-command.

    Attributes:
        name: what the user types (``predict``).
        help: one line for ``--help``.
        arguments: adds the command's arguments to its ``argparse`` sub-parser.
        run: ``run(args) -> exit status``.
        rank: where it is listed in ``--help`` (lower first).
    """

    name: str
    help: str
    arguments: Callable
    run: Callable
    rank: int


_COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, arguments: Callable = lambda parser: None, rank: int = 100):
    """Register the decorated ``run(args) -> int`` as the sub-command ``name``."""

    def register(run: Callable) -> Callable:
        if name in _COMMANDS and _COMMANDS[name].run is not run:
            raise ValueError(f"Two sub-commands are called {name!r}")
        _COMMANDS[name] = Command(name, help, arguments, run, rank)
        return run

    return register


def load_commands() -> list[Command]:
    """Every sub-command, in ``--help`` order (imports the command modules once)."""
    package = importlib.import_module(COMMAND_PACKAGE)
    for module in pkgutil.iter_modules(package.__path__, COMMAND_PACKAGE + "."):
        importlib.import_module(module.name)
    return sorted(_COMMANDS.values(), key=lambda c: (c.rank, c.name))
