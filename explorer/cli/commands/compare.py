"""``compare``: two images through one model, or one image through two models, layer by layer
(the numbers of the window's Compare tab)."""

from __future__ import annotations

import argparse

import numpy as np

from explorer.cli.model_args import add_model_arguments, check_model_name, load_from_args
from explorer.cli.output import print_json
from explorer.cli.registry import command
from explorer.core.errors import ExplorerError


def _arguments(parser) -> None:
    add_model_arguments(parser)
    parser.add_argument("image", help="side A's image (and side B's with --with)")
    parser.add_argument("other_image", nargs="?", help="side B's image (two images, one model)")
    parser.add_argument("--with", dest="other_model", metavar="MODEL_B",
                        help="side B's model: a catalogue name or a .keras/.h5 file (e.g. one "
                             "made by `finetune`)")
    parser.add_argument("--with-weights", default="default",
                        help="side B's weights: default | untrained | a weights file")
    parser.add_argument("--layer", action="append", help="only these layers of A (repeatable)")
    parser.add_argument("--json", action="store_true")


def layer_rows(table_a, table_b, acts_a, acts_b, layers=None) -> list[dict]:
    """One row per pair of corresponding layers (``core.compare.match_layers``): how they were
    matched, their shapes, max |A − B| and the cosine (per channel: mean and lowest; a vector:
    the whole output's)."""
    from explorer.core import compare

    rows = []
    for pair in compare.match_layers(table_a, table_b).pairs:
        if layers and pair.a not in layers:
            continue
        a, b = acts_a.get(pair.a), acts_b.get(pair.b)
        if a is None or b is None:
            continue
        row = {"a": pair.a, "b": pair.b, "matched_by": pair.how, "shape_a": list(a.shape),
               "shape_b": list(b.shape), "max_abs_difference": None, "cosine_mean": None,
               "cosine_lowest": None}
        if pair.same_shape:
            row["max_abs_difference"] = float(np.abs(compare.difference(a, b)).max())
            if a.ndim >= 2:
                cosine = compare.channel_cosine(a, b)
                row["cosine_mean"], row["cosine_lowest"] = float(cosine.mean()), \
                    float(cosine.min())
            else:
                row["cosine_mean"] = row["cosine_lowest"] = compare.layer_cosine(a, b)
        rows.append(row)
    return rows


def _run_one(loaded, image):
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.graph.probe import ActivationProbe
    from explorer.core.predict import classify, prepare

    graph = ModelGraph(loaded.model)
    probe = ActivationProbe(graph)
    outputs = probe.run(prepare(loaded, image).tensor)
    acts = {k: np.asarray(v)[0] for k, v in outputs.items()}
    final = probe.predictions(outputs)
    top = classify(loaded, np.asarray(final)[0], 3) if np.ndim(final) == 2 else []
    return graph.table, acts, top


@command("compare", "two images through one model, or one image through two, layer by layer",
         _arguments, rank=45)
def compare_command(args) -> int:
    """Print each matched layer's difference and cosine similarity."""
    from explorer.core.pixels.images import load_image

    if (args.other_image is None) == (args.other_model is None):
        raise ExplorerError("Give side B: a second image, or a second model with --with",
                            "e.g. `cnn-explorer compare fashion-cnn shoe.png --with tuned.keras` "
                            "or `cnn-explorer compare fashion-cnn a.png b.png`")
    check_model_name(args)
    if args.other_model is not None:
        check_model_name(argparse.Namespace(model=args.other_model))
    image_a = load_image(args.image)
    image_b = load_image(args.other_image) if args.other_image else image_a
    loaded_a = load_from_args(args)
    loaded_b = loaded_a if args.other_model is None else load_from_args(argparse.Namespace(
        model=args.other_model, weights=args.with_weights, allow_unsafe=args.allow_unsafe,
        preprocess=args.preprocess))
    table_a, acts_a, top_a = _run_one(loaded_a, image_a)
    table_b, acts_b, top_b = _run_one(loaded_b, image_b)
    rows = layer_rows(table_a, table_b, acts_a, acts_b, set(args.layer or ()))
    sides = {"a": {"model": args.model, "weights": loaded_a.weights, "image": args.image,
                   "top": [[p.label, round(float(p.score), 6)] for p in top_a]},
             "b": {"model": args.other_model or args.model, "weights": loaded_b.weights,
                   "image": args.other_image or args.image,
                   "top": [[p.label, round(float(p.score), 6)] for p in top_b]}}
    if args.json:
        print_json({**sides, "layers": rows})
        return 0
    for side in ("a", "b"):
        s = sides[side]
        top = ", ".join(f"{label} {score:.1%}" for label, score in s["top"])
        print(f"{side.upper()}: {s['model']} ({s['weights']}) · {s['image']} · {top}")
    print(f"{'layer A':<28} {'layer B':<32} {'by':<8} {'max |A-B|':>10} {'cos mean':>9} "
          f"{'cos min':>8}")

    def number(value, digits):
        return "—" if value is None else f"{value:.{digits}f}"

    for r in rows:
        print(f"{r['a']:<28} {r['b']:<32} {r['matched_by']:<8} "
              f"{number(r['max_abs_difference'], 4):>10} {number(r['cosine_mean'], 4):>9} "
              f"{number(r['cosine_lowest'], 4):>8}")
    return 0
