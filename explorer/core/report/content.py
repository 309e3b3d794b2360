"""What a report holds, built from plain results: text already formatted, pictures already
drawn by ``core.pixels.render`` (the window's renderer) and encoded as PNG data URIs.

Nothing here imports TensorFlow: the worker's report job and the CLI both gather the numbers
(activations, kernels, explanations) on their side and hand them to :func:`image_section` and
:func:`build_report`.
"""

from __future__ import annotations

import base64
import io
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Sequence

import numpy as np

from explorer.core.pixels.overlay import render_overlay
from explorer.core.pixels.render import render_activation, render_feature_maps, render_kernels
from explorer.core.text import (
    UNTRAINED_NOTE,
    format_count,
    format_dims,
    format_millions,
    format_shape,
)

REPORT_KINDS = ("conv", "pool")
"""The layers whose mosaics a report shows when none are chosen."""
PAGE_WIDTH = 680
"""CSS pixels of the printable width (A4 less the margins): pictures are enlarged up to it."""
MAX_FACTOR = 8
PNG_LEVEL = 1
"""zlib level of the pictures: ``benchmarks/report.py`` measured MobileNetV2's 53 mosaics at
2.1 s and 13.2 MB with level 1, 7.8 s and 11.1 MB with 6, 46 s and 10.7 MB with 9."""
ORIGINAL_SIDE = 480
"""The original photo is embedded at most this large, as a JPEG (its full size is said)."""
CARD_SKIP = ("phases", "class_names")
"""Card fields left out of the card's table (training phases; the class names are listed
apart)."""
CARD_VALUE_CHARS = 600


@dataclass(frozen=True)
class Figure:
    """One picture of the report.

    Attributes:
        name: a stable name (``mosaic:conv1``, ``kernels:conv1``, ``fed``) written into the
            page as ``data-figure``.
        title: the heading above it.
        caption: what it shows (scale, colour map, shape).
        width: the drawn pixels' width (the pixels themselves live only in ``uri``: a report
            of a big model draws hundreds of mosaics, tens of MB each as RGBA).
        height: their height.
        uri: ``data:image/png;base64,…`` of exactly the drawn pixels (``(H, W, C)`` uint8,
            C = 1, 3 or 4; the original photo: a JPEG of them).
        display_width: CSS pixels it is shown at (a whole multiple of its width when enlarged).
        pixelated: enlarged without smoothing (feature maps, kernels, small fed images).
    """

    name: str
    title: str
    caption: str
    width: int
    height: int
    uri: str
    display_width: int
    pixelated: bool


@dataclass(frozen=True)
class LayerRow:
    """One row of the layer table, as text (the window's shape-flow columns, plus the input
    shape and the multiply-accumulates)."""

    index: int
    path: str
    type: str
    kind: str
    input_shape: str
    output_shape: str
    arithmetic: str
    params: str
    receptive_field: str
    macs: str


@dataclass(frozen=True)
class PredictionRow:
    """One ranked class: rank, label, class number, score and its width as a bar (0–100)."""

    rank: int
    label: str
    index: int
    score: float
    percent: str
    bar: float


@dataclass(frozen=True)
class ImageSection:
    """Everything one image does to the model."""

    name: str
    original: Figure
    fed: Figure
    steps: tuple[str, ...]
    tensor: str
    predictions: tuple[PredictionRow, ...]
    prediction_note: str
    mosaics: tuple[Figure, ...]
    explanations: tuple[Figure, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """The whole page (see ``resources/report/report.html.j2``)."""

    title: str
    model_name: str
    created: str
    generator: str
    summary: tuple[tuple[str, str], ...]
    card: tuple[tuple[str, str], ...]
    class_names: tuple[str, ...]
    trained: bool
    weights: str
    notes: tuple[str, ...]
    layers: tuple[LayerRow, ...]
    total_params: str
    total_macs: str
    kernels: Figure | None
    kernels_note: str
    layer_choice: str
    images: tuple[ImageSection, ...]


# --------------------------------------------------------------------------- pictures
def png_data_uri(pixels: np.ndarray, photo: bool = False, level: int | None = None) -> str:
    """``pixels`` (``(H, W)``, ``(H, W, 1|3|4)`` uint8) as a lossless PNG data URI (zlib
    ``level``, default :data:`PNG_LEVEL`); a ``photo`` (the original image, not a drawing of the
    renderer) as a JPEG (quality 90)."""
    from PIL import Image

    array = np.ascontiguousarray(np.asarray(pixels, np.uint8))
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    buffer = io.BytesIO()
    kind = "jpeg" if photo else "png"
    if photo:
        Image.fromarray(array).convert("RGB").save(buffer, format="JPEG", quality=90)
    else:
        Image.fromarray(array).save(buffer, format="PNG",
                                    compress_level=PNG_LEVEL if level is None else level)
    return f"data:image/{kind};base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def figure(name: str, title: str, caption: str, pixels: np.ndarray, *,
           pixelated: bool | None = True, max_width: int = PAGE_WIDTH,
           photo: bool = False) -> Figure:
    """A :class:`Figure` of ``pixels``, enlarged by a whole factor (at most
    :data:`MAX_FACTOR`) towards ``max_width`` when small; wide ones are shrunk by the page.
    ``pixelated=None``: without smoothing only when enlarged (a photo shrinks smoothly)."""
    array = np.ascontiguousarray(np.asarray(pixels, np.uint8))
    height, width = int(array.shape[0]), int(array.shape[1])
    factor = max(1, min(MAX_FACTOR, max_width // max(1, width)))
    if pixelated is None:
        pixelated = factor > 1
    return Figure(name, title, caption, width, height, png_data_uri(array, photo),
                  min(width * factor, max_width), pixelated)


def mosaic_figure(path: str, activation: np.ndarray, norm: str = "layer",
                  cmap: str | None = None) -> Figure:
    """One layer's output as the Feature maps view draws it (``render_feature_maps``; a
    vector as ``render_activation``'s bar strip)."""
    act = np.asarray(activation)
    shape = format_dims(act.shape)
    colours = cmap or ("coolwarm" if norm == "signed" else "viridis")
    if act.ndim == 1:
        return figure(f"mosaic:{path}", path, f"{shape} · one bar a unit, coloured by value "
                      f"(min {act.min():.3g}, max {act.max():.3g})",
                      render_activation(act, norm, cmap))
    mosaic = render_feature_maps(act, norm=norm, cmap=cmap)
    caption = (f"{shape} · {mosaic.count} channels, {mosaic.rows}×{mosaic.cols} tiles · "
               f"norm {norm} · {colours} · values {mosaic.vmin:.3g}…{mosaic.vmax:.3g}")
    return figure(f"mosaic:{path}", path, caption, mosaic.rgba)


def kernels_figure(kernels) -> Figure:
    """A ``KernelSet``'s weights as the Kernels view draws them (``render_kernels``)."""
    mosaic = render_kernels(kernels.keras, kernels.kind)
    kh, kw, n_in, n_out = kernels.keras.shape
    caption = (f"{kernels.kind} kernels {kh}×{kw}, {n_in} input channel(s) → {n_out} "
               f"filters (Keras layout) · weights {mosaic.vmin:.3g}…{mosaic.vmax:.3g}")
    return figure(f"kernels:{kernels.path}", kernels.path, caption, mosaic.rgba)


def explanation_figure(explanation, fed_pixels: np.ndarray) -> Figure:
    """An explanation map over the fed image with its colour bar (``render_overlay``, as the
    Explain tab's export and ``cnn-explorer explain`` draw it)."""
    caption = f"{explanation.title} · {explanation.score_kind} {explanation.score:.3g}"
    overlay = render_overlay(fed_pixels, explanation.heatmap, caption=caption)
    return figure(f"explain:{explanation.method}", explanation.title,
                  f"{explanation.score_kind} {explanation.score:.3g} · 0 (dark) … 1 (bright) "
                  f"over the fed image", overlay, pixelated=False,
                  max_width=overlay.shape[1])


def thumbnail(pixels: np.ndarray, side: int) -> np.ndarray:
    """``pixels`` shrunk (Pillow, antialiased) so the longer side is at most ``side``; the
    same array when it already fits."""
    from PIL import Image

    h, w = pixels.shape[:2]
    if max(h, w) <= side:
        return pixels
    picture = Image.fromarray(np.ascontiguousarray(pixels))
    picture.thumbnail((side, side), Image.LANCZOS)
    return np.asarray(picture)


# --------------------------------------------------------------------------- text
def layer_rows(table) -> tuple[LayerRow, ...]:
    """The layer table (``LayerInfo`` rows) as text, formatted as the window formats it."""
    return tuple(LayerRow(info.index, info.path, info.type, info.kind,
                          format_shape(info.input_shape), format_shape(info.output_shape),
                          info.arithmetic or "", format_count(info.params),
                          format_dims(info.receptive_field) if info.receptive_field else "",
                          format_count(info.macs))
                 for info in table)


def default_layers(table) -> list[str]:
    """Every convolution and pooling layer; a model without any gets every layer after its
    inputs."""
    chosen = [info.path for info in table if info.kind in REPORT_KINDS]
    return chosen or [info.path for info in table if info.type != "InputLayer"]


def prediction_rows(predictions: Sequence, top_k: int) -> tuple[PredictionRow, ...]:
    """The first ``top_k`` of ranked ``core.predict.Prediction`` s."""
    rows = []
    for rank, p in enumerate(list(predictions)[:max(0, top_k)], 1):
        score = float(p.score)
        rows.append(PredictionRow(rank, p.label, int(p.index), score, f"{score:.2%}",
                                  round(100 * min(max(score, 0.0), 1.0), 2)))
    return tuple(rows)


def card_items(card: dict) -> tuple[tuple[str, str], ...]:
    """A model card's fields as (name, text) pairs: nested values as compact JSON."""
    items = []
    for key, value in card.items():
        if key in CARD_SKIP or value in (None, "", [], {}):
            continue
        if isinstance(value, (dict, list)):
            text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
        elif isinstance(value, float):
            text = f"{value:.4g}"
        else:
            text = str(value)
        if len(text) > CARD_VALUE_CHARS:
            text = text[:CARD_VALUE_CHARS - 1] + "…"
        items.append((str(key).replace("_", " "), text))
    return tuple(items)


def model_summary(entry, input_description: str, weights_label: str, table,
                  group_heading: str = "") -> tuple[tuple[str, str], ...]:
    """The model in a few lines (shown with or without a card)."""
    params = sum(info.params for info in table)
    rows = [("model", entry.title), ("name", str(entry.name)),
            ("source", group_heading or entry.group), ("description", entry.description),
            ("input", input_description), ("weights", weights_label),
            ("layers", str(len(table))),
            ("parameters", f"{format_count(params)} ({format_millions(params)})" if params
             else "0")]
    return tuple((k, v) for k, v in rows if v)


# --------------------------------------------------------------------------- sections
def image_section(image, prepared, activations, layers: Sequence[str], predictions,
                  explanations=(), *, explain_notes=(), norm: str = "layer",
                  cmap: str | None = None, top_k: int = 5, trained: bool = True,
                  progress: Callable[[str], None] | None = None,
                  cancel: Callable[[], None] | None = None) -> ImageSection:
    """One image's part of the report.

    Args:
        image: the ``LoadedImage``.
        prepared: its ``PreparedInput`` (fed pixels and steps).
        activations: layer path → output, batch axis dropped.
        layers: the paths whose mosaics are drawn.
        predictions: every class ranked (``core.predict.Prediction``), or () for a model
            that is no classifier.
        explanations: ``core.explain.methods.Explanation`` s to draw over the fed image.
        explain_notes: why a wanted map is missing (one line each).
        norm, cmap: the feature maps' normalisation and colour map (None: the view's).
        top_k: how many classes are listed.
        trained: False says the scores mean nothing yet.
        progress: called with the layer path before each mosaic is drawn.
        cancel: called before each mosaic (raises ``Cancelled`` to stop).
    """
    fed = prepared.fed_pixels
    h, w = fed.shape[:2]
    channels = fed.shape[2] if fed.ndim == 3 else 1
    shown = thumbnail(image.pixels, ORIGINAL_SIDE)
    scaled = "" if shown is image.pixels else f" (shown at {shown.shape[1]}×{shown.shape[0]})"
    original = figure("original", "Original",
                      f"{image.width}×{image.height} · {image.source_format} "
                      f"{image.source_mode}{scaled}", shown, pixelated=None, max_width=320,
                      photo=max(shown.shape[:2]) > 64)
    fed_figure = figure("fed", "Fed to the model", f"{w}×{h}×{channels} · the exact pixels "
                        "fed, before scaling", fed, max_width=320)
    mosaics = []
    for path in layers:
        if cancel is not None:
            cancel()
        if progress is not None:
            progress(path)
        mosaics.append(mosaic_figure(path, activations[path], norm, cmap))
    note = "" if trained else UNTRAINED_NOTE
    if not predictions:
        note = "The model's output is not a vector of class scores: no ranking."
    return ImageSection(image.name, original, fed_figure, tuple(prepared.steps),
                        f"{tuple(prepared.tensor.shape)} {prepared.tensor.dtype}",
                        prediction_rows(predictions, top_k), note, tuple(mosaics),
                        tuple(explanation_figure(e, fed) for e in explanations),
                        tuple(explain_notes))


def build_report(*, model_name: str, entry, table, input_description: str,
                 weights_label: str, trained: bool, notes=(), card: dict | None = None,
                 class_names=None, kernels=None, kernels_note: str = "",
                 layer_choice: str = "", images: Sequence[ImageSection] = (),
                 group_heading: str = "", generator: str = "cnn-explorer") -> Report:
    """The whole report.

    Args:
        model_name: the name the app knows the model by.
        entry: its ``ModelEntry``.
        table: its ``LayerInfo`` rows.
        input_description: e.g. ``"28×28×1 · rescale"``.
        weights_label: what the weights are, in words.
        trained: False puts the untrained warning at the top.
        notes: the loaded model's notes (Keras 2 file rebuilt, partial weights…).
        card: the model card (``{}``/None: the summary alone).
        class_names: output labels.
        kernels: the first convolution's ``KernelSet``, or None (``kernels_note`` says why).
        layer_choice: which layers the mosaics show, in words.
        images: one :class:`ImageSection` per image.
        group_heading: where the model comes from (``GROUPS`` heading).
        generator: the app and version.
    """
    params = sum(info.params for info in table)
    macs = [info.macs for info in table]
    notes = tuple(n for n in notes if trained or n != UNTRAINED_NOTE)  # the banner says it
    known = [m for m in macs if m is not None]
    total_macs = format_count(sum(known)) or "0"
    if len(known) < len(macs):
        total_macs += " (layers of unknown size left out)"
    return Report(
        title=f"{entry.title} — cnn-explorer report", model_name=model_name,
        created=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), generator=generator,
        summary=model_summary(entry, input_description, weights_label, table, group_heading),
        card=card_items(card or {}), class_names=tuple(class_names or ()), trained=trained,
        weights=weights_label, notes=notes, layers=layer_rows(table),
        total_params=format_count(params) or "0", total_macs=total_macs,
        kernels=kernels_figure(kernels) if kernels is not None else None,
        kernels_note=kernels_note, layer_choice=layer_choice, images=tuple(images))


def first_conv(table) -> str | None:
    """The path of the first convolution (whose kernels the report draws), or None."""
    return next((info.path for info in table if info.kind == "conv"), None)
