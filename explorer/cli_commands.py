"""The CLI's sub-commands, one function each (``cmd_NAME(args) -> exit status``)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from explorer.cli import _load, _print_json, _stderr_progress
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
        out = " | ".join("×".join(map(str, s)) for s in out) if isinstance(out, list) \
            else "×".join("?" if d is None else str(d) for d in out)
        rf = "" if not r.receptive_field else "×".join(map(str, r.receptive_field))
        print(f"{r.path:<34} {r.type:<22} {out:<18} {r.params:>10,} {rf:>7}  {r.arithmetic}")
    total = sum(r.params for r in table)
    print(f"\n{len(table)} layers, {total:,} parameters")
    return 0


def cmd_predict(args) -> int:
    from explorer.core.images import load_image
    from explorer.core.pipeline import predict_image

    if args.top < 1:
        raise ExplorerError("--top must be at least 1", received=str(args.top))
    loaded = _load(args)
    results = []
    for name in args.images:
        _, preds = predict_image(loaded, load_image(name), args.top, args.fit)
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


def cmd_activations(args) -> int:
    from explorer.core.images import load_image
    from explorer.core.pipeline import prepare
    from explorer.core.probe import ActivationProbe
    from explorer.core.render import render_mosaic

    loaded = _load(args)
    prepared = prepare(loaded, load_image(args.image), args.fit)
    probe = ActivationProbe(loaded.model)
    result = probe.run(prepared.tensor, args.layer)
    keys = probe.resolve(args.layer) if args.layer else list(result)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExplorerError(f"Cannot create {args.out}: {exc.strerror}",
                            "Choose a folder you can write to") from None
    written = 0
    for key in keys:
        array = result[key][0]
        base = args.out / layer_file_name(key)
        if args.format == "npy":
            np.save(base.with_suffix(".npy"), array)
        else:
            from PIL import Image
            if array.ndim == 1:
                array = array[None, None, :]
            Image.fromarray(render_mosaic(array).rgba).save(base.with_suffix(".png"))
        written += 1
    print(f"wrote {written} {args.format} files to {args.out}")
    return 0


def cmd_kernels(args) -> int:
    from explorer.core.inspect import kernels
    from explorer.core.render import render_kernel_grid, render_kernels_rgb

    kset = kernels(_load(args).model, args.layer)
    array = kset.keras if args.layout == "keras" else kset.book
    if args.out.suffix.lower() == ".png":
        from PIL import Image
        k = kset.keras
        img = render_kernels_rgb(k) if k.shape[2] == 3 else render_kernel_grid(k, 0).rgba
        Image.fromarray(getattr(img, "rgba", img)).save(args.out)
    else:
        np.save(args.out, array)
    print(f"{kset.path}: {kset.kind} kernels {args.layout} layout "
          f"{'×'.join(map(str, array.shape))} → {args.out}")
    return 0


def cmd_train(args) -> int:
    from explorer.core import training_jobs
    from explorer.core.train import progress_line

    out = args.out or Path(f"{args.model}.keras")

    def progress(p):
        sys.stderr.write("\r" + progress_line(p))
        if p.val_accuracy is not None:
            sys.stderr.write("\n")
        sys.stderr.flush()

    card = training_jobs.train_named(args.model, args.data, epochs=args.epochs, out=out,
                                     progress=progress)
    from explorer.core.model_files import card_path
    from explorer.core.train import write_model_card
    card["command"] = "cnn-explorer " + " ".join(sys.argv[1:]) if sys.argv else ""
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
    from explorer.core.train import progress_line

    out = args.out or Path(f"{args.base}-finetuned.keras")

    def progress(p):
        sys.stderr.write("\r" + progress_line(p) + ("\n" if p.val_accuracy is not None else ""))
        sys.stderr.flush()

    card = finetune(args.base, args.data, epochs=args.epochs, fine_epochs=args.fine_epochs,
                    unfreeze=args.unfreeze, out=out, progress=progress,
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


__all__ = [n for n in dir() if n.startswith("cmd_")] + ["layer_file_name", "ModelError"]
