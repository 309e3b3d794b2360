"""``graph``: the model's architecture as a diagram (JSON, SVG or PNG)."""

from __future__ import annotations

import json
from pathlib import Path

from explorer.cli.model_args import add_model_arguments, check_model_name, load_from_args
from explorer.cli.output import png_writer, write_file
from explorer.cli.registry import command
from explorer.core.errors import ExplorerError

FORMATS = ("json", "svg", "png")


def _arguments(parser) -> None:
    add_model_arguments(parser)
    parser.add_argument("--format", choices=FORMATS,
                        help="what to write (default: from the --out suffix, else json)")
    parser.add_argument("--expand", choices=("all", "none", "auto"), default="auto",
                        help="which blocks to draw open: all, none, or auto (all for a model "
                             "of at most 60 layers, else the top-level blocks folded)")
    parser.add_argument("--out", required=True, type=Path,
                        help="the file to write (.json, .svg or .png)")


def _format(args) -> str:
    if args.format:
        return args.format
    suffix = args.out.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if suffix:
        raise ExplorerError(f"Cannot tell what to write to {args.out.name}",
                            "End the --out file name in .json, .svg or .png, or give --format",
                            expected=".json, .svg or .png", received="." + suffix)
    return "json"


@command("graph", "the architecture as a diagram: layers, branches, merges (json/svg/png)",
         _arguments, rank=25)
def graph(args) -> int:
    """Write the model's diagram: its nodes, edges and groups (JSON), or the drawing."""
    kind = _format(args)
    check_model_name(args)
    if args.weights == "default":  # the structure does not depend on weights: no download
        args.weights = "untrained"
    model = load_from_args(args).model  # starts TensorFlow quietly: import the graph after it
    from explorer.core.diagram.layout import layout
    from explorer.core.graph.diagram import build_diagram
    from explorer.core.graph.model_graph import ModelGraph

    diagram = build_diagram(ModelGraph(model))
    if kind == "json":
        data = diagram.to_json()
        write_file(args.out, lambda fh: fh.write(
            json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")))
        print(f"{len(diagram.nodes)} layers, {len(diagram.edges)} edges, "
              f"{len(diagram.groups)} groups → {args.out}")
        return 0
    drawn = layout(diagram, args.expand)
    if kind == "svg":
        from explorer.core.diagram.svg import to_svg

        svg = to_svg(drawn, diagram.name)
        write_file(args.out, lambda fh: fh.write(svg))
    else:
        from explorer.core.diagram.png import render_png

        write_file(args.out, png_writer(render_png(drawn)))
    print(f"{len(drawn.nodes)} boxes ({len(drawn.expanded)} of {len(diagram.groups)} blocks "
          f"open), laid out in {drawn.seconds:.2f} s → {args.out}")
    return 0
