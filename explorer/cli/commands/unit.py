"""``unit``: one unit of one layer — the pixels it sees and how its value was computed."""

from __future__ import annotations

from explorer.cli.model_args import add_model_arguments, load_from_args
from explorer.cli.output import print_json
from explorer.cli.registry import command


def _arguments(parser) -> None:
    add_model_arguments(parser)
    parser.add_argument("image")
    parser.add_argument("--layer", required=True, help="layer name or path")
    parser.add_argument("--channel", required=True, type=int)
    parser.add_argument("--at", nargs=2, type=int, metavar=("ROW", "COL"), required=True,
                        help="the position in the layer's output")
    parser.add_argument("--fit", choices=("crop", "resize"), default="crop")
    parser.add_argument("--json", action="store_true")


@command("unit", "one unit: the box of pixels it sees and the arithmetic of its value",
         _arguments, rank=57)
def unit(args) -> int:
    """Print a unit's receptive-field box (in pixels of the fed tensor) and its arithmetic."""
    from explorer.core.pixels.images import load_image
    from explorer.core.predict import prepare

    image = load_image(args.image)
    loaded = load_from_args(args)  # starts TensorFlow quietly: import the graph after it
    from explorer.core.explain.unit import unit_arithmetic
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.graph.probe import ActivationProbe
    from explorer.core.graph.receptive import unit_box

    graph = ModelGraph(loaded.model)
    prepared = prepare(loaded, image, args.fit)
    row, col = args.at
    box = unit_box(graph, args.layer, row, col, prepared.fed_pixels.shape[:2])
    activations = {k: v[0] for k, v in ActivationProbe(graph).run(prepared.tensor).items()}
    arithmetic = unit_arithmetic(graph, activations, args.layer, args.channel, row, col)
    if args.json:
        print_json({"layer": arithmetic.layer, "channel": args.channel, "at": [row, col],
                    "value": round(arithmetic.shown, 7),
                    "receptive_field": {"size": list(box.size), "box": list(box.box),
                                        "padding": box.padding,
                                        "global_context": box.global_context},
                    "terms": [{"name": t.name, "value": round(t.value, 7)}
                              for t in arithmetic.terms],
                    "pre_activation": round(arithmetic.pre_activation, 7),
                    "activation": arithmetic.activation, "kind": arithmetic.kind})
        return 0
    top, left, bottom, right = box.box
    print(f"{arithmetic.layer} channel {args.channel} at ({row}, {col}) = {arithmetic.shown:.6g}")
    print(f"sees input rows {top}…{bottom}, columns {left}…{right} "
          f"({box.size[0]}×{box.size[1]} receptive field"
          + (", partly on padding" if box.padding else "") + ")"
          + ("; it also depends on the whole image through a global-pooling branch"
             if box.global_context else ""))
    for line in arithmetic.lines:
        print(f"  {line}")
    return 0
