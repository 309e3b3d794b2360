"""``predict``, ``activations`` and ``kernels``: one image through a model, and its weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from explorer.cli.model_args import add_model_arguments, check_model_name, load_from_args
from explorer.cli.output import layer_file_name, make_folder, png_writer, print_json, write_file
from explorer.cli.registry import command
from explorer.core.errors import ExplorerError


def _fit_argument(parser) -> None:
    parser.add_argument("--fit", choices=("crop", "resize"), default="crop")


def _predict_arguments(parser) -> None:
    add_model_arguments(parser)
    parser.add_argument("images", nargs="+")
    parser.add_argument("--top", type=int, default=5)
    _fit_argument(parser)
    parser.add_argument("--json", action="store_true")


@command("predict", "top-K predictions for images", _predict_arguments, rank=30)
def predict(args) -> int:
    """Rank the classes of each image."""
    from explorer.core.pixels.images import load_image
    from explorer.core.predict import predict_image

    if args.top < 1:
        raise ExplorerError("--top must be at least 1", "Pass --top 1 or more",
                            received=str(args.top))
    check_model_name(args)  # an unknown model is named before any image is read
    images = [load_image(name) for name in args.images]  # a bad image fails before TensorFlow
    loaded = load_from_args(args)  # starts TensorFlow quietly: import the graph after it
    from explorer.core.graph.probe import ActivationProbe

    probe = ActivationProbe(loaded.model)
    results = []
    for name, image in zip(args.images, images):
        _, preds = predict_image(loaded, image, args.top, args.fit, probe=probe)
        results.append({"image": name, "weights": loaded.weights, "top": [
            {"index": p.index, "label": p.label, "score": round(float(p.score), 6)}
            for p in preds]})
    if args.json:
        print_json(results)
        return 0
    if loaded.weights == "untrained":
        print("(untrained weights: these scores mean nothing yet)")
    for r in results:
        print(r["image"])
        for i, p in enumerate(r["top"], 1):
            print(f"  {i}. {p['label']:<28} {p['score']:7.2%}  (class {p['index']})")
    return 0


def _activations_arguments(parser) -> None:
    add_model_arguments(parser)
    parser.add_argument("image")
    parser.add_argument("--layer", action="append", help="layer name or path (repeatable)")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--format", choices=("npy", "png"), default="npy")
    _fit_argument(parser)


@command("activations", "write every layer's output for one image", _activations_arguments,
         rank=40)
def activations(args) -> int:
    """Write each layer's output as ``.npy`` numbers or a ``.png`` picture (the window's)."""
    from explorer.core.pixels.images import load_image
    from explorer.core.pixels.render import render_activation
    from explorer.core.predict import prepare

    check_model_name(args)
    image = load_image(args.image)
    make_folder(args.out)
    loaded = load_from_args(args)  # starts TensorFlow quietly: import the graph after it
    from explorer.core.graph.probe import ActivationProbe

    prepared = prepare(loaded, image, args.fit)
    probe = ActivationProbe(loaded.model)
    result = probe.run(prepared.tensor, args.layer)
    keys = list(dict.fromkeys(probe.resolve(args.layer))) if args.layer else list(result)
    for key in keys:
        array = result[key][0]
        path = args.out / f"{layer_file_name(key)}.{args.format}"
        if args.format == "npy":
            write_file(path, lambda fh: np.save(fh, array))
        else:
            write_file(path, png_writer(render_activation(array)))
    print(f"wrote {len(keys)} {args.format} files to {args.out}")
    return 0


def _kernels_arguments(parser) -> None:
    add_model_arguments(parser)
    parser.add_argument("--layer", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--layout", choices=("keras", "book"), default="keras",
                        help="keras: (kh, kw, in, out); book: (out, in, kh, kw)")
    parser.add_argument("--filter", type=int,
                        help="for a .png of a layer with several inputs: draw only this "
                             "filter's input slices (as the Kernels view does); default: all")


@command("kernels", "write a conv layer's kernels (.npy or .png)", _kernels_arguments, rank=50)
def kernels(args) -> int:
    """Write one layer's kernels as numbers in either layout, or as the Kernels view's picture."""
    from explorer.core.pixels.render import render_kernels

    suffix = args.out.suffix.lower()
    if suffix not in (".npy", ".png"):
        raise ExplorerError(f"Cannot tell what to write to {args.out.name}",
                            "End the --out file name in .npy (the numbers) or .png (a picture)",
                            expected=".npy or .png", received=suffix or "no extension")
    model = load_from_args(args).model  # starts TensorFlow quietly: import the graph after it
    from explorer.core.graph.model_graph import ModelGraph

    kset = ModelGraph(model).kernels(args.layer)
    array = kset.keras if args.layout == "keras" else kset.book
    if suffix == ".png":
        if args.filter is not None and not 0 <= args.filter < kset.count:
            raise ExplorerError(f"{kset.path} has no filter {args.filter}",
                                f"Pass --filter between 0 and {kset.count - 1}",
                                received=str(args.filter))
        mosaic = render_kernels(kset.keras, kset.kind, filter_index=args.filter,
                                layout=args.layout)
        write_file(args.out, png_writer(mosaic.rgba))
    else:
        write_file(args.out, lambda fh: np.save(fh, array))
    print(f"{kset.path}: {kset.kind} kernels {args.layout} layout "
          f"{'×'.join(map(str, array.shape))} → {args.out}")
    return 0
