"""``visualize``: an image optimised to excite a channel of a layer, or a class."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from explorer.cli.model_args import add_model_arguments, check_model_name, load_from_args
from explorer.cli.output import png_writer, print_json, write_file
from explorer.cli.registry import command
from explorer.core.errors import ExplorerError


def _arguments(parser) -> None:
    add_model_arguments(parser)
    parser.add_argument("--layer", help="the layer (a name or a path) whose channel to show")
    parser.add_argument("--channel", type=int, help="the channel of --layer")
    parser.add_argument("--class", dest="class_index", type=int,
                        help="the class whose score (the logit when there is one) to maximise")
    parser.add_argument("--steps", type=int, default=256, help="optimisation steps (256)")
    parser.add_argument("--size", type=int,
                        help="image side in pixels (default: the model's input side, or 128)")
    parser.add_argument("--seed", type=int, default=0, help="a fixed seed gives the same image")
    parser.add_argument("--out", required=True, type=Path, help="the image, .png")
    parser.add_argument("--json", action="store_true")


@command("visualize", "what a channel or a class looks for: an input optimised to excite it",
         _arguments, rank=56)
def visualize(args) -> int:
    """Optimise an input for ``--layer/--channel`` or ``--class`` and write it as a PNG."""
    if args.out.suffix.lower() != ".png":
        raise ExplorerError(f"Cannot write a visualisation to {args.out.name}",
                            "End the --out file name in .png", expected=".png",
                            received=args.out.suffix or "no extension")
    if (args.channel is None) == (args.class_index is None):
        raise ExplorerError("Give either --layer NAME --channel C or --class N",
                            "Pass exactly one of --channel and --class")
    if args.channel is not None and not args.layer:
        raise ExplorerError("--channel needs --layer", "Pass --layer NAME --channel C")
    if args.steps < 1:
        raise ExplorerError("--steps must be at least 1", received=str(args.steps))
    check_model_name(args)
    loaded = load_from_args(args)  # starts TensorFlow quietly: import the graph after it
    from explorer.core.featvis.optimize import make_objective
    from explorer.core.featvis.optimize import visualize as run
    from explorer.core.graph.model_graph import ModelGraph

    graph = ModelGraph(loaded.model)
    names = loaded.class_names
    objective = make_objective(graph, args.layer, args.channel, args.class_index,
                               class_count=len(names) if names else None)
    what = objective.describe()

    def progress(done: int, total: int, value: float) -> None:
        if done % 16 == 0 or done == total:
            print(f"{what}: step {done}/{total}, objective {value:.4g}", file=sys.stderr,
                  flush=True)

    vis = run(graph, loaded.spec, objective, steps=args.steps, size=args.size,
              seed=args.seed, progress=progress)
    image = vis.image
    rgba = np.concatenate([np.repeat(image, 3, axis=2) if image.shape[2] == 1 else image,
                           np.full(image.shape[:2] + (1,), 255, np.uint8)], axis=2)
    write_file(args.out, png_writer(rgba))
    label = (names[objective.index] if objective.kind == "class" and names
             and objective.index < len(names) else None)
    if args.json:
        print_json({"objective": what, "label": label, "score_kind": vis.score_kind,
                    "final": round(float(vis.curve[-1]), 6), "steps": vis.steps,
                    "size": vis.size, "seed": vis.seed, "seconds": round(vis.seconds, 3)})
    else:
        print(f"{what}" + (f" ({label})" if label else "") + f": {vis.score_kind} "
              f"{float(vis.curve[-1]):.4g} after {vis.steps} steps, {vis.seconds:.1f} s "
              f"→ {args.out}")
    return 0
