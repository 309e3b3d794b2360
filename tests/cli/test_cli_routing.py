"""Window or command line: what ``cnn-explorer ARGS`` opens, decided before anything loads."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from explorer.cli.main import unknown_command, wants_cli
from explorer.cli.registry import load_commands
from explorer.gui import image_arguments

NAMES = [c.name for c in load_commands()]


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"")  # only its existence counts here
    return path


@pytest.mark.parametrize("argv, cli", [
    ([], False),
    (["--self-check"], False),
    (["-style", "fusion"], False),  # Qt's options go to the window
    (["predict", "lenet5", "x.png"], True),
    (["models"], True),
    (["--help"], True), (["-h"], True), (["--version"], True),
    (["predcit", "lenet5", "x.png"], True),  # a mistyped sub-command: the CLI says so
    (["missing.png"], True),  # neither a sub-command nor a file: the CLI says so
])
def test_wants_cli(argv, cli):
    assert wants_cli(argv) is cli


def test_existing_files_open_the_window(photo):
    assert wants_cli([str(photo)]) is False
    assert wants_cli([str(photo), "--self-check"]) is False
    assert wants_cli([str(photo.parent)]) is False  # a folder: the window says it is no image


def test_every_sub_command_goes_to_the_cli():
    assert NAMES and all(wants_cli([name]) for name in NAMES)


@pytest.mark.parametrize("word, line", [
    ("predcit", "Unknown sub-command 'predcit'. Did you mean predict? Run `cnn-explorer --help` "
                "for the sub-commands."),
    ("modles", "Unknown sub-command 'modles'. Did you mean models? Run `cnn-explorer --help` "
               "for the sub-commands."),
    ("evalute", "Unknown sub-command 'evalute'. Did you mean evaluate? Run `cnn-explorer "
                "--help` for the sub-commands."),
    ("xyzzy", "Unknown sub-command 'xyzzy'. Run `cnn-explorer --help` for the sub-commands."),
])
def test_unknown_sub_commands_name_the_closest(word, line):
    assert unknown_command(word, NAMES).one_line() == line


def test_image_arguments_are_what_is_not_an_option():
    # what Qt leaves of `cnn-explorer -style fusion a.png "b c.jpg" --self-check`
    assert image_arguments(["a.png", "b c.jpg", "--self-check", ""]) == ("a.png", "b c.jpg")
    assert image_arguments([]) == ()


def test_a_mistyped_sub_command_through_the_entry_point(tmp_path):
    """The real ``python -m explorer``: one line, exit 2, no window (it would not return)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               CNN_EXPLORER_SETTINGS_DIR=str(tmp_path / "settings"))
    proc = subprocess.run([sys.executable, "-m", "explorer", "predcit", "lenet5", "x.png"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == ("cnn-explorer: error: Unknown sub-command 'predcit'. Did you mean "
                           "predict? Run `cnn-explorer --help` for the sub-commands.\n")
    assert not (tmp_path / "settings").exists()  # the window never opened
