"""``explain``: which parts of the image made the model choose a class."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from explorer.cli.model_args import add_model_arguments, check_model_name, load_from_args
from explorer.cli.output import png_writer, print_json, write_file
from explorer.cli.registry import command
from explorer.core.errors import ExplorerError

METHOD_NAMES = ("gradcam", "gradcam++", "scorecam", "layercam", "saliency", "smoothgrad",
                "integrated-gradients", "guided-backprop", "occlusion")


def _arguments(parser) -> None:
    add_model_arguments(parser)
    parser.add_argument("image")
    parser.add_argument("--method", choices=METHOD_NAMES, default="gradcam")
    parser.add_argument("--class", dest="class_index", type=int,
                        help="class number to explain (default: the top-1)")
    parser.add_argument("--layer", help="layer for the CAM methods (default: the last one with "
                                        "a height and width before pooling/flatten)")
    parser.add_argument("--output", type=int, default=0,
                        help="which model output holds the class scores (multi-output models)")
    parser.add_argument("--baseline", choices=("black", "blurred"), default="black",
                        help="Integrated Gradients' baseline")
    parser.add_argument("--fit", choices=("crop", "resize"), default="crop")
    parser.add_argument("--out", required=True, type=Path,
                        help=".npy: the map (float32, H×W of the model input, 0..1); "
                             ".png: the map over the fed image with a colour bar")
    parser.add_argument("--json", action="store_true")


@command("explain", "why the model chose a class: Grad-CAM, gradients, occlusion", _arguments,
         rank=55)
def explain(args) -> int:
    """Write an explanation map (``.npy``) or its overlay on the fed image (``.png``)."""
    from explorer.core.pixels.images import load_image
    from explorer.core.pixels.overlay import render_overlay
    from explorer.core.predict import prepare

    suffix = args.out.suffix.lower()
    if suffix not in (".npy", ".png"):
        raise ExplorerError(f"Cannot tell what to write to {args.out.name}",
                            "End the --out file name in .npy (the map) or .png (the overlay)",
                            expected=".npy or .png", received=suffix or "no extension")
    check_model_name(args)
    image = load_image(args.image)
    loaded = load_from_args(args)  # starts TensorFlow quietly: import the graph after it
    from explorer.core.explain.methods import METHODS
    from explorer.core.explain.methods import explain as run_explain
    from explorer.core.graph.model_graph import ModelGraph

    prepared = prepare(loaded, image, args.fit)
    start = time.perf_counter()
    result = run_explain(ModelGraph(loaded.model), loaded.spec, prepared, args.method,
                         class_index=args.class_index, layer=args.layer,
                         class_names=loaded.class_names, output=args.output,
                         baseline=args.baseline)
    seconds = time.perf_counter() - start
    if suffix == ".npy":
        write_file(args.out, lambda fh: np.save(fh, result.heatmap.astype(np.float32)))
    else:
        caption = f"{result.title} · {result.score_kind} {result.score:.3g}"
        write_file(args.out, png_writer(render_overlay(prepared.fed_pixels, result.heatmap,
                                                        caption=caption)))
    if args.json:
        print_json({"image": args.image,
                    "class": {"index": result.class_index, "label": result.label,
                              "score": round(float(result.score), 6)},
                    "method": args.method, "layer": result.layer,
                    "score_kind": result.score_kind, "seconds": round(seconds, 3)})
    else:
        print(f"{METHODS[args.method].title} of '{result.label}' (class {result.class_index}, "
              f"{result.score_kind} {result.score:.4g})"
              + (f" at {result.layer}" if result.layer else "") + f" → {args.out}")
    return 0
