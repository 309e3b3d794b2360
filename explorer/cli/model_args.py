"""The arguments that name a model, and loading the model they name."""

from __future__ import annotations

from explorer.cli.output import download_progress


def add_model_arguments(parser) -> None:
    """``MODEL``, ``--weights`` and ``--allow-unsafe``."""
    parser.add_argument("model", help="catalogue name (see `models`) or a .keras/.h5 file")
    parser.add_argument("--weights", default="default",
                        help="default | untrained | path to a weights file")
    parser.add_argument("--allow-unsafe", action="store_true",
                        help="let a model file run code stored in it (only for files you trust)")
    parser.add_argument("--preprocess", choices=("rescale", "tf", "torch", "caffe", "raw"),
                        help="input scaling instead of the model's own: rescale x/255, tf "
                             "x/127.5−1, torch ImageNet mean/std, caffe BGR minus mean, raw "
                             "0–255 (default: from the model card, labels, or its layers)")


def check_model_name(args) -> None:
    """Refuse an unknown model name or a bad model file before anything else is read.

    Needs no TensorFlow: the catalogue is listed and a file's kind checked from its first bytes.
    """
    from pathlib import Path

    from explorer.core.models.catalog import find_entry
    from explorer.core.models.files import check_model_file

    if find_entry(args.model).group == "file":
        check_model_file(Path(args.model))


def load_from_args(args):
    """Start TensorFlow quietly and load the model the arguments name (a ``LoadedModel``)."""
    from explorer.core.device import start_tensorflow
    from explorer.core.models.loading import load_model

    start_tensorflow()
    return load_model(args.model, weights=getattr(args, "weights", "default"),
                      allow_unsafe=getattr(args, "allow_unsafe", False),
                      progress=download_progress, preprocess=getattr(args, "preprocess", None))
