"""``models``, ``shapes`` and ``download``: what the catalogue holds and how a model is built."""

from __future__ import annotations

import sys

from explorer.cli.model_args import add_model_arguments, load_from_args
from explorer.cli.output import download_progress, print_json
from explorer.cli.registry import command
from explorer.core.text import format_dims, format_millions, format_shape


def _json_flag(parser) -> None:
    parser.add_argument("--json", action="store_true")


@command("models", "list every model in the catalogue", _json_flag, rank=10)
def models(args) -> int:
    """Print the catalogue, by group."""
    from explorer.core.models.catalog import list_models
    from explorer.core.models.types import GROUPS

    entries = list_models()
    if args.json:
        print_json([{"name": e.name, "title": e.title, "group": e.group,
                     "input_shape": list(e.input_shape), "params": e.params,
                     "weights": e.weights_status, "trained": e.trained,
                     "description": e.description} for e in entries])
        return 0
    for group in ("bundled", "code", "pretrained"):
        rows = [e for e in entries if e.group == group]
        if not rows:
            continue
        print(f"\n{GROUPS[group]}")
        for e in rows:
            params = f"{format_millions(e.params)} params" if e.params else ""
            print(f"  {e.name:<20} {e.title:<24} {format_dims(e.input_shape):<12} "
                  f"{params:<15} {e.weights_status}")
    return 0


def _as_lists(shape):
    if isinstance(shape, list):
        return [list(s) for s in shape]
    return list(shape)


def _shapes_arguments(parser) -> None:
    add_model_arguments(parser)
    _json_flag(parser)


@command("shapes", "the layer table: shapes, params, receptive fields", _shapes_arguments,
         rank=20)
def shapes(args) -> int:
    """Print the layer table."""
    if args.weights == "default":  # shapes and counts do not depend on weights: no download
        args.weights = "untrained"
    model = load_from_args(args).model  # starts TensorFlow quietly: import the graph after it
    from explorer.core.graph.model_graph import ModelGraph

    table = ModelGraph(model).table
    if args.json:
        print_json([{
            "name": r.name, "path": r.path, "type": r.type,
            "output_shape": _as_lists(r.output_shape),
            "params": r.params, "params_trainable": r.params_trainable,
            "params_non_trainable": r.params_non_trainable,
            "kernel_size": r.kernel_size, "strides": r.strides, "padding": r.padding,
            "dilation": r.dilation, "activation": r.activation,
            "receptive_field": r.receptive_field, "jump": r.jump, "macs": r.macs,
            "activation_bytes": r.activation_bytes, "arithmetic": r.arithmetic, "kind": r.kind,
        } for r in table])
        return 0
    print(f"{'layer':<34} {'type':<22} {'output':<18} {'params':>10} {'RF':>7}  arithmetic")
    for r in table:
        out = r.output_shape
        out = " | ".join(map(format_dims, out)) if isinstance(out, list) else format_shape(out)
        rf = format_dims(r.receptive_field) if r.receptive_field else ""
        print(f"{r.path:<34} {r.type:<22} {out:<18} {r.params:>10,} {rf:>7}  {r.arithmetic}")
    total = sum(r.params for r in table)
    print(f"\n{len(table)} layers, {total:,} parameters")
    return 0


@command("download", "fetch a pretrained model's ImageNet weights",
         lambda parser: parser.add_argument("model"), rank=90)
def download(args) -> int:
    """Put a pretrained model's weights into the Keras cache, with a progress bar."""
    from explorer.core.models.applications import get_spec
    from explorer.core.models.weights import ensure_cached

    spec = get_spec(args.model)
    drawn = []

    def progress(report) -> None:
        drawn.append(report)
        download_progress(report)

    path = ensure_cached(spec, progress=progress)
    if drawn:  # end the progress line; a cached file draws none
        sys.stderr.write("\n")
    print(f"{spec.title}: weights in {path}")
    return 0
