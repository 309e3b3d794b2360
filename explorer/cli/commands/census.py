"""``census``: a whole data set through a model, per-channel statistics kept in a folder."""

from __future__ import annotations

import sys
from pathlib import Path

from explorer.cli.model_args import add_model_arguments, check_model_name, load_from_args
from explorer.cli.registry import command
from explorer.core.errors import ExplorerError
from explorer.core.text import format_duration

DATA_HELP = ("fashion-mnist | mnist | folder of IDX .gz files | digits CSV | folder with one "
             "sub-folder of images per class | folder of images")


def _arguments(parser) -> None:
    add_model_arguments(parser)
    parser.add_argument("--data", required=True, help=DATA_HELP)
    parser.add_argument("--split", choices=("train", "test"), default="test")
    parser.add_argument("--layers", nargs="+", metavar="LAYER",
                        help="layer names or paths (default: every layer with channels)")
    parser.add_argument("--top", type=int, default=9, help="images kept per channel (9)")
    parser.add_argument("--limit", type=int, help="only the first N images")
    parser.add_argument("--batch-size", type=int,
                        help="images per step (default: as many as 512 MiB of activations hold, "
                             "at most 256)")
    parser.add_argument("--out", required=True, type=Path, help="the results folder")
    parser.add_argument("--resume", action="store_true",
                        help="go on from a census stopped part-way in --out")


def _progress(done: int, total: int, rate: float) -> None:
    eta = (total - done) / rate if rate > 0 else None
    line = f"census: {done:,}/{total:,} images, {rate:,.0f} images/s"
    if eta is not None and done < total:
        line += f", {format_duration(eta)} left"
    print("\r" + line, end="\n" if done >= total else "", file=sys.stderr, flush=True)


@command("census", "a data set through a model: per-channel statistics, top images, confusion",
         _arguments, rank=75)
def census(args) -> int:
    """Run the census, or go on with one (``--resume``); Ctrl-C keeps what is done."""
    if args.top < 1:
        raise ExplorerError("--top must be at least 1", received=str(args.top))
    check_model_name(args)
    loaded = load_from_args(args)  # starts TensorFlow quietly: import the census after it
    from explorer.core.census.run import prepare
    from explorer.core.graph.model_graph import ModelGraph

    run = prepare(loaded, ModelGraph(loaded.model), args.data, args.out, split=args.split,
                  layers=args.layers, top=args.top, limit=args.limit, resume=args.resume,
                  batch_size=args.batch_size)
    if run.done:
        print(f"resuming after {run.done:,} of {run.source.count:,} images", file=sys.stderr)
    try:
        data = run.run(_progress)
    except KeyboardInterrupt:
        data = run.save(complete=False)
        print(f"\nstopped after {data.images:,} of {data.total:,} images; saved in {args.out}. "
              "Run the same command with --resume to go on.", file=sys.stderr)
        return 130
    if loaded.weights == "untrained":
        print("(untrained weights: these statistics describe random filters)")
    print(f"{data.images:,} images of {data.description} in {format_duration(data.seconds)} "
          f"({data.images_per_second:,.0f} images/s), {len(data.layers)} layers")
    if data.accuracy is not None:
        print(f"accuracy {data.accuracy:.2%}, {len(data.wrong_index):,} misclassified")
    dead = sum(int(layer.dead.sum()) for layer in data.layers.values())
    print(f"{dead} dead channels (zero on every image); results in {args.out}/summary.json")
    return 0
