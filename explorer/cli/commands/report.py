"""``report``: one self-contained HTML page about a model and some images."""

from __future__ import annotations

import sys
from pathlib import Path

from explorer.cli.model_args import add_model_arguments, check_model_name
from explorer.cli.registry import command
from explorer.core.errors import ExplorerError
from explorer.core.text import format_bytes, format_transfer

METHOD_NAMES = ("gradcam", "gradcam++", "scorecam", "layercam", "saliency", "smoothgrad",
                "integrated-gradients", "guided-backprop", "occlusion")


def _arguments(parser) -> None:
    from explorer.core.pixels.colormaps import colormap_names
    from explorer.core.pixels.render import NORMS

    add_model_arguments(parser)
    parser.add_argument("images", nargs="+", metavar="IMAGE")
    parser.add_argument("--out", required=True, type=Path, help="the .html file to write")
    parser.add_argument("--layers", nargs="+", metavar="LAYER",
                        help="layers whose feature maps are drawn (names or paths; default: "
                             "every convolution and pooling layer)")
    parser.add_argument("--norm", choices=NORMS, default="layer",
                        help="feature-map normalisation, as in the window")
    parser.add_argument("--cmap", choices=colormap_names(),
                        help="feature-map colour map (default: viridis; coolwarm for signed)")
    parser.add_argument("--top", type=int, default=5, help="classes listed per image")
    parser.add_argument("--explain", action="append", choices=METHOD_NAMES,
                        help="explanation map of the top class (repeatable; default: gradcam, "
                             "or saliency for a model without a spatial layer)")
    parser.add_argument("--no-explain", action="store_true", help="no explanation maps")


def _progress(progress) -> None:
    """One line on stderr, redrawn in place: the report's steps or a download."""
    if progress.unit == "steps":
        line = f"{progress.message} [{progress.done + 1}/{progress.total}]"
    else:
        line = f"{progress.message}  " + format_transfer(progress.done, progress.total,
                                                         progress.rate, progress.eta)
    sys.stderr.write("\r" + line[:78].ljust(78))
    sys.stderr.flush()


@command("report", "one self-contained HTML report of a model and images", _arguments,
         rank=58)
def report(args) -> int:
    """Write the report through the worker's own jobs, so it matches File ▸ Export report."""
    from explorer.core.pixels.images import load_image

    if args.out.suffix.lower() not in (".html", ".htm"):
        raise ExplorerError(f"Cannot tell what to write to {args.out.name}",
                            "End the --out file name in .html", expected=".html",
                            received=args.out.suffix or "no extension")
    if args.top < 1:
        raise ExplorerError("--top must be at least 1", "Pass --top 1 or more",
                            received=str(args.top))
    if not args.out.parent.is_dir():
        raise ExplorerError(f"There is no folder {args.out.parent}",
                            "Make the folder first, or write the report elsewhere")
    check_model_name(args)
    images = [load_image(name) for name in args.images]  # a bad image fails before TensorFlow
    from explorer.core.device import start_tensorflow

    start_tensorflow()
    from explorer.worker.jobs.images import image_key
    from explorer.worker.messages import ImageEntry, LoadModel
    from explorer.worker.report_messages import ExportReport
    from explorer.worker.session import WorkerSession
    from explorer.worker.state import JobState

    session, results = WorkerSession(), []
    session.handle(1, LoadModel(args.model, args.weights, args.allow_unsafe, args.preprocess),
                   JobState(report=_progress), results.append)
    ready = results[-1]
    entries = tuple(ImageEntry(image_key(image), image, str(Path(name).resolve()))
                    for name, image in zip(args.images, images))
    explain = () if args.no_explain else (tuple(dict.fromkeys(args.explain))
                                          if args.explain else None)
    session.handle(2, ExportReport(ready.name, entries, str(args.out),
                                   tuple(args.layers) if args.layers else None, args.norm,
                                   args.cmap, args.top, explain),
                   JobState(report=_progress), results.append)
    written = results[-1]
    sys.stderr.write("\r" + " " * 78 + "\r")
    if ready.weights == "untrained":
        print("(untrained weights: the report says so; its predictions mean nothing yet)")
    print(f"wrote {written.path}: {format_bytes(written.size_bytes)}, {written.layers} layers, "
          f"{written.figures} pictures, {len(entries)} image(s) in {written.seconds:.1f} s")
    return 0
