"""The headless face of cnn-explorer: argparse sub-commands over ``explorer.core``, JSON out.

A user mistake prints one line on stderr (what happened, how to fix it) and exits 2; a bug
keeps its traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from explorer import __version__
from explorer.core.errors import ExplorerError

COMMANDS = ("models", "shapes", "predict", "activations", "kernels", "train", "evaluate",
            "finetune", "download")


def wants_cli(argv: list[str]) -> bool:
    """True when the arguments name a sub-command or a CLI-only flag (else: open the window)."""
    return bool(argv) and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version"))


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2 (argparse prints usage + error otherwise)
        raise ExplorerError(f"{self.prog}: {message}", f"Run `{self.prog} --help` for usage")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="cnn-explorer", description="See what a CNN does to an image. With no "
                "sub-command, opens the window.")
    p.add_argument("--version", action="store_true", help="print versions and the device")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    s = sub.add_parser("models", help="list every model in the catalogue")
    s.add_argument("--json", action="store_true")

    def model_arg(s):
        s.add_argument("model", help="catalogue name (see `models`) or a .keras/.h5 file")
        s.add_argument("--weights", default="default",
                       help="default | untrained | path to a weights file")
        s.add_argument("--allow-unsafe", action="store_true",
                       help="let a model file run code stored in it (only for files you trust)")

    s = sub.add_parser("shapes", help="the layer table: shapes, params, receptive fields")
    model_arg(s)
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("predict", help="top-K predictions for images")
    model_arg(s)
    s.add_argument("images", nargs="+")
    s.add_argument("--top", type=int, default=5)
    s.add_argument("--fit", choices=("crop", "resize"), default="crop")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("activations", help="write every layer's output for one image")
    model_arg(s)
    s.add_argument("image")
    s.add_argument("--layer", action="append", help="layer name or path (repeatable)")
    s.add_argument("--out", required=True, type=Path)
    s.add_argument("--format", choices=("npy", "png"), default="npy")
    s.add_argument("--fit", choices=("crop", "resize"), default="crop")

    s = sub.add_parser("kernels", help="write a conv layer's kernels (.npy or .png)")
    model_arg(s)
    s.add_argument("--layer", required=True)
    s.add_argument("--out", required=True, type=Path)
    s.add_argument("--layout", choices=("keras", "book"), default="keras",
                   help="keras: (kh, kw, in, out); book: (out, in, kh, kw)")

    s = sub.add_parser("train", help="train a code-built model")
    s.add_argument("model")
    s.add_argument("--data", required=True,
                   help="fashion-mnist | mnist | folder of IDX .gz files | digits CSV | "
                        "folder with one sub-folder of images per class")
    s.add_argument("--epochs", type=int, default=10)
    s.add_argument("--out", type=Path)
    s.add_argument("--resume", type=Path, help="continue training from this .keras file")
    s.add_argument("--learning-rate", type=float, help="override the recipe's learning rate")

    s = sub.add_parser("evaluate", help="accuracy on a data set's test split")
    model_arg(s)
    s.add_argument("--data", required=True)

    s = sub.add_parser("finetune", help="transfer learning from a keras.applications base")
    s.add_argument("base")
    s.add_argument("--data", required=True, type=Path, help="one sub-folder of images a class")
    s.add_argument("--epochs", type=int, default=5, help="epochs with the base frozen")
    s.add_argument("--fine-epochs", type=int, default=5, help="epochs with the top unfrozen")
    s.add_argument("--unfreeze", type=float, default=0.3,
                   help="share of the base's layers (from the top) to unfreeze")
    s.add_argument("--out", type=Path)

    s = sub.add_parser("download", help="fetch a pretrained model's ImageNet weights")
    s.add_argument("model")
    return p


def _print_json(obj) -> None:
    print(json.dumps(obj, indent=2, ensure_ascii=False))


def _stderr_progress(p) -> None:
    from explorer.core.progress_text import format_progress

    sys.stderr.write("\r" + format_progress(p).ljust(78))
    sys.stderr.flush()


def _load(args):
    from explorer.core.catalog import load_model

    start_tensorflow()
    weights = getattr(args, "weights", "default")
    return load_model(args.model, weights=weights, allow_unsafe=getattr(args, "allow_unsafe",
                      False), progress=_stderr_progress)


def start_tensorflow() -> None:
    """Import TensorFlow and choose the device, with its native start-up log discarded.

    TensorFlow's C++ libraries write to file descriptor 2 while they load and on the first
    device query ("oneDNN custom operations are on", "Could not find cuda drivers", a failed
    ``cuInit``), before ``TF_CPP_MIN_LOG_LEVEL`` is honoured, so a user mistake would print
    half a dozen lines instead of one. When ``TF_CPP_MIN_LOG_LEVEL`` is 2 or more (the app's
    default) descriptor 2 points at the null device for that moment only; set it to 0 or 1 to
    see the log. A failing import still raises (with its traceback) after stderr is restored.
    """
    from explorer.core.device import configure

    try:
        quiet = int(os.environ.get("TF_CPP_MIN_LOG_LEVEL", "0")) >= 2
    except ValueError:
        quiet = False
    if not quiet:
        configure()
        return
    sys.stderr.flush()
    saved = os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        import keras  # noqa: F401  (imports tensorflow as its backend)
        configure()
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)


def main(argv: list[str]) -> int:
    """Run a sub-command; ExplorerError → one line on stderr and exit status 2."""
    try:
        args = build_parser().parse_args(argv)
        args.argv = list(argv)  # as given; sys.argv is the host process's when run in-process
        if args.version:
            return _version()
        if not args.command:
            raise ExplorerError("No sub-command given", "Run `cnn-explorer --help`")
        from explorer import cli_commands

        return getattr(cli_commands, "cmd_" + args.command)(args)
    except ExplorerError as exc:
        sys.stderr.write(f"cnn-explorer: error: {exc.one_line()}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("cnn-explorer: interrupted\n")
        return 130


def _version() -> int:
    start_tensorflow()
    import keras
    import tensorflow as tf

    from explorer.core.device import configure

    print(f"cnn-explorer {__version__}")
    print(f"TensorFlow {tf.__version__}, Keras {keras.__version__}")
    print(f"device: {configure().label()}")
    return 0
