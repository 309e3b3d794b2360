"""The CLI's sub-commands, one function each (``cmd_NAME(args) -> exit status``)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import numpy as np

from explorer.cli import _load, _print_json, _stderr_progress, start_tensorflow
from explorer.core.errors import ExplorerError, ModelError


def cmd_models(args) -> int:
    from explorer.core.catalog import GROUPS, list_models

    entries = list_models()
    if args.json:
        _print_json([{"name": e.name, "title": e.title, "group": e.group,
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
            shape = "×".join("?" if d is None else str(d) for d in e.input_shape)
            params = f"{e.params / 1e6:.1f} M params" if e.params else ""
            print(f"  {e.name:<20} {e.title:<24} {shape:<12} {params:<15} {e.weights_status}")
    return 0


def _shape(shape):
    if isinstance(shape, list):
        return [list(s) for s in shape]
    return list(shape)


def cmd_shapes(args) -> int:
    from explorer.core.inspect import layer_table

    if args.weights == "default":  # shapes and counts do not depend on weights: no download
        args.weights = "untrained"
    table = layer_table(_load(args).model)
    if args.json:
        _print_json([{
            "name": r.name, "path": r.path, "type": r.type, "output_shape": _shape(r.output_shape),
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
        dims = lambda shape: "×".join("?" if d is None else str(d) for d in shape)  # noqa: E731
        out = " | ".join(map(dims, out)) if isinstance(out, list) else dims(out)
        rf = "" if not r.receptive_field else "×".join(map(str, r.receptive_field))
        print(f"{r.path:<34} {r.type:<22} {out:<18} {r.params:>10,} {rf:>7}  {r.arithmetic}")
    total = sum(r.params for r in table)
    print(f"\n{len(table)} layers, {total:,} parameters")
    return 0


def cmd_predict(args) -> int:
    from explorer.core.images import load_image
    from explorer.core.pipeline import predict_image

    if args.top < 1:
        raise ExplorerError("--top must be at least 1", "Pass --top 1 or more",
                            received=str(args.top))
    images = [load_image(name) for name in args.images]  # a bad image fails before the model
    loaded = _load(args)
    results = []
    for name, image in zip(args.images, images):
        _, preds = predict_image(loaded, image, args.top, args.fit)
        results.append({"image": name, "top": [
            {"index": p.index, "label": p.label, "score": round(float(p.score), 6)}
            for p in preds]})
    if args.json:
        _print_json(results)
        return 0
    for r in results:
        print(r["image"])
        for i, p in enumerate(r["top"], 1):
            print(f"  {i}. {p['label']:<28} {p['score']:7.2%}  (class {p['index']})")
    return 0


def layer_file_name(path: str) -> str:
    """A layer path as a file name: ``unit3/conv2`` → ``unit3__conv2``."""
    return path.replace("/", "__").replace(":", "_out")


def _write(path: Path, write) -> None:
    """Run ``write(file)`` on ``path`` opened for binary writing; OSError → ExplorerError."""
    try:
        with open(path, "wb") as fh:
            write(fh)
    except OSError as exc:
        raise ExplorerError(f"Cannot write {path}: {exc.strerror}",
                            "Choose a folder that exists and that you can write to") from None


def _png(rgba: np.ndarray):
    from PIL import Image

    return lambda fh: Image.fromarray(np.ascontiguousarray(rgba)).save(fh, "PNG")


def activation_image(array: np.ndarray) -> np.ndarray:
    """One layer's output (batch axis dropped) as RGBA: a bar strip for a vector, else a
    mosaic of its channels (see :func:`explorer.core.render.render_mosaic`)."""
    from explorer.core.render import render_mosaic, vector_strip

    return vector_strip(array) if array.ndim == 1 else render_mosaic(array).rgba


def cmd_activations(args) -> int:
    from explorer.core.images import load_image
    from explorer.core.pipeline import prepare

    image = load_image(args.image)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExplorerError(f"Cannot create {args.out}: {exc.strerror}",
                            "Choose a folder you can write to") from None
    loaded = _load(args)
    from explorer.core.probe import ActivationProbe

    prepared = prepare(loaded, image, args.fit)
    probe = ActivationProbe(loaded.model)
    result = probe.run(prepared.tensor, args.layer)
    keys = list(dict.fromkeys(probe.resolve(args.layer))) if args.layer else list(result)
    for key in keys:
        array = result[key][0]
        path = args.out / f"{layer_file_name(key)}.{args.format}"
        if args.format == "npy":
            _write(path, lambda fh: np.save(fh, array))
        else:
            _write(path, _png(activation_image(array)))
    print(f"wrote {len(keys)} {args.format} files to {args.out}")
    return 0


def kernel_image(keras_kernel: np.ndarray) -> np.ndarray:
    """Every filter of a ``(kh, kw, in, out)`` kernel as one RGBA image.

    Three input channels: one colour patch a filter. Otherwise one row a filter and one
    column an input channel, on a diverging map centred on 0.
    """
    from explorer.core.render import render_kernels_rgb, render_mosaic

    kh, kw, cin, cout = keras_kernel.shape
    if cin == 3:
        return render_kernels_rgb(keras_kernel).rgba
    tiles = keras_kernel.transpose(0, 1, 3, 2).reshape(kh, kw, cout * cin)
    grid = (cout, cin) if cin > 1 else None
    return render_mosaic(tiles, norm="signed", grid=grid).rgba


def cmd_kernels(args) -> int:
    from explorer.core.inspect import kernels

    suffix = args.out.suffix.lower()
    if suffix not in (".npy", ".png"):
        raise ExplorerError(f"Cannot tell what to write to {args.out.name}",
                            "End the --out file name in .npy (the numbers) or .png (a picture)",
                            expected=".npy or .png", received=suffix or "no extension")
    kset = kernels(_load(args).model, args.layer)
    array = kset.keras if args.layout == "keras" else kset.book
    if suffix == ".png":
        _write(args.out, _png(kernel_image(kset.keras)))
    else:
        _write(args.out, lambda fh: np.save(fh, array))
    print(f"{kset.path}: {kset.kind} kernels {args.layout} layout "
          f"{'×'.join(map(str, array.shape))} → {args.out}")
    return 0


def _train_progress(p) -> None:
    """A training progress bar on stderr; each finished epoch keeps its line."""
    from explorer.core.train import progress_line

    sys.stderr.write("\r" + progress_line(p) + ("\n" if p.val_accuracy is not None else ""))
    sys.stderr.flush()


def cmd_train(args) -> int:
    from explorer.core import training_jobs

    out = args.out or Path(f"{args.model}.keras")
    start_tensorflow()
    card = training_jobs.train_named(args.model, args.data, epochs=args.epochs, out=out,
                                     progress=_train_progress, resume=args.resume,
                                     learning_rate=args.learning_rate)
    from explorer.core.model_files import card_path
    from explorer.core.train import write_model_card
    card["command"] = "cnn-explorer " + shlex.join(args.argv)
    write_model_card(card_path(out), card)
    print(f"saved {out} (best validation accuracy {card['best_validation_accuracy']:.2%}) "
          f"and its card {card_path(out)}")
    return 0


def cmd_evaluate(args) -> int:
    from explorer.core import training_jobs, zoo

    loaded = _load(args)
    name = args.model if args.model in zoo.MODULES else None
    res = training_jobs.evaluate_model(loaded.model, name, args.data)
    print(f"{args.model} on {res.source}: accuracy {res.accuracy:.2%} "
          f"({res.count} images), loss {res.loss:.4f}")
    return 0


def cmd_finetune(args) -> int:
    from explorer.core.finetune import finetune

    out = args.out or Path(f"{args.base}-finetuned.keras")
    start_tensorflow()
    card = finetune(args.base, args.data, epochs=args.epochs, fine_epochs=args.fine_epochs,
                    unfreeze=args.unfreeze, out=out, progress=_train_progress,
                    download_progress=_stderr_progress)
    print(f"saved {out}: classes {', '.join(card['class_names'])}; "
          f"final accuracy {card['final_accuracy']:.2%}")
    return 0


def cmd_download(args) -> int:
    from explorer.core.applications import get_spec
    from explorer.core.weights import ensure_cached

    spec = get_spec(args.model)
    path = ensure_cached(spec, progress=_stderr_progress)
    sys.stderr.write("\n")
    print(f"{spec.title}: weights in {path}")
    return 0


__all__ = [n for n in dir() if n.startswith("cmd_")] + ["layer_file_name", "activation_image",
                                                     "kernel_image", "ModelError"]
