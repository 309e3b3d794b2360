"""``train``, ``evaluate`` and ``finetune``: the seed's training recipes from the command line."""

from __future__ import annotations

import shlex
from pathlib import Path

from explorer.cli.model_args import add_model_arguments, load_from_args
from explorer.cli.output import download_progress, train_progress
from explorer.cli.registry import command

DATA_HELP = ("fashion-mnist | mnist | folder of IDX .gz files | digits CSV | folder with one "
             "sub-folder of images per class")


def _train_arguments(parser) -> None:
    parser.add_argument("model")
    parser.add_argument("--data", required=True, help=DATA_HELP)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--resume", type=Path, help="continue training from this .keras file")
    parser.add_argument("--learning-rate", type=float,
                        help="override the recipe's learning rate")


@command("train", "train a code-built model", _train_arguments, rank=60)
def train(args) -> int:
    """Train by the model's recipe; write the best epoch's model and its card."""
    from explorer.core.device import start_tensorflow
    from explorer.core.models.files import card_path
    from explorer.core.training import recipes
    from explorer.core.training.fit import write_model_card

    out = args.out or Path(f"{args.model}.keras")
    start_tensorflow()
    card = recipes.train_named(args.model, args.data, epochs=args.epochs, out=out,
                               progress=train_progress, resume=args.resume,
                               learning_rate=args.learning_rate)
    card["command"] = "cnn-explorer " + shlex.join(args.argv)
    write_model_card(card_path(out), card)
    print(f"saved {out} (best validation accuracy {card['best_validation_accuracy']:.2%}) "
          f"and its card {card_path(out)}")
    return 0


def _evaluate_arguments(parser) -> None:
    add_model_arguments(parser)
    parser.add_argument("--data", required=True, help=DATA_HELP)


@command("evaluate", "accuracy on a data set's test split", _evaluate_arguments, rank=70)
def evaluate(args) -> int:
    """Accuracy and loss of a model on a data set's test split."""
    from explorer.core.models import zoo
    from explorer.core.training import recipes

    loaded = load_from_args(args)
    name = args.model if args.model in zoo.MODULES else None
    res = recipes.evaluate_model(loaded.model, name, args.data)
    print(f"{args.model} on {res.source}: accuracy {res.accuracy:.2%} "
          f"({res.count} images), loss {res.loss:.4f}")
    return 0


def _finetune_arguments(parser) -> None:
    parser.add_argument("base")
    parser.add_argument("--data", required=True, type=Path,
                        help="one sub-folder of images a class")
    parser.add_argument("--epochs", type=int, default=5, help="epochs with the base frozen")
    parser.add_argument("--fine-epochs", type=int, default=5,
                        help="epochs with the top unfrozen")
    parser.add_argument("--unfreeze", type=float, default=0.3,
                        help="share of the base's layers (from the top) to unfreeze")
    parser.add_argument("--out", type=Path)


@command("finetune", "transfer learning from a keras.applications base", _finetune_arguments,
         rank=80)
def finetune(args) -> int:
    """The seed's two-phase transfer learning on a folder of class sub-folders."""
    from explorer.core.device import start_tensorflow
    from explorer.core.training.finetune import finetune as run_finetune

    out = args.out or Path(f"{args.base}-finetuned.keras")
    start_tensorflow()
    card = run_finetune(args.base, args.data, epochs=args.epochs, fine_epochs=args.fine_epochs,
                        unfreeze=args.unfreeze, out=out, progress=train_progress,
                        download_progress=download_progress)
    print(f"saved {out}: classes {', '.join(card['class_names'])}; "
          f"final accuracy {card['final_accuracy']:.2%}")
    return 0
