"""Pictures composed with Pillow: an explanation map blended over the image it explains, with
its colour bar, and a caption line above a picture (exports, reports, the CLI's files)."""

from __future__ import annotations

import numpy as np

from explorer.core.pixels.colormaps import colormap

HEAT_CMAP = "inferno"
"""The colour map of explanation maps, in the window and in the files the CLI writes."""
HEAT_ALPHA = 0.55
"""How much of the map covers the image (the window's opacity slider starts here)."""


def heat_rgba(heat: np.ndarray, cmap: str = HEAT_CMAP) -> np.ndarray:
    """A 0..1 map as RGBA through ``cmap`` (``(H, W, 4)`` uint8)."""
    index = np.clip(np.rint(np.asarray(heat, np.float32) * 255), 0, 255).astype(np.uint8)
    return colormap(cmap)[index]


def render_overlay(pixels: np.ndarray, heat: np.ndarray, cmap: str = HEAT_CMAP,
                   alpha: float = HEAT_ALPHA, caption: str = "", min_side: int = 224,
                   bar_width: int = 16) -> np.ndarray:
    """An explanation map blended over the image it explains, with a colour bar (0 at the
    bottom, 1 at the top) and an optional caption line above; RGBA ``uint8``.

    Args:
        pixels: the fed image ``(H, W, C)`` uint8 (C = 1 or 3).
        heat: ``(H, W)`` map, 0..1.
        cmap: the map's colour map.
        alpha: the map's opacity.
        caption: text written above the picture ("" for none).
        min_side: small images are enlarged (pixels kept square) to at least this side.
        bar_width: the colour bar's width in pixels.
    """
    from PIL import Image, ImageDraw, ImageFont

    pixels = np.asarray(pixels)
    rgb = np.repeat(pixels, 3, axis=-1) if pixels.shape[-1] == 1 else pixels[..., :3]
    h, w = rgb.shape[:2]
    factor = max(1, int(np.ceil(min_side / max(1, min(h, w)))))
    size = (w * factor, h * factor)
    base = Image.fromarray(np.ascontiguousarray(rgb)).resize(size, Image.NEAREST)
    heat_big = np.asarray(Image.fromarray(np.asarray(heat, np.float32), "F")
                          .resize(size, Image.BILINEAR))
    colours = heat_rgba(np.clip(heat_big, 0, 1), cmap)[..., :3].astype(np.float32)
    blended = (1 - alpha) * np.asarray(base, np.float32) + alpha * colours
    picture = np.clip(np.rint(blended), 0, 255).astype(np.uint8)
    bar = heat_rgba(np.linspace(1, 0, size[1])[:, np.newaxis].repeat(bar_width, 1), cmap)
    font = ImageFont.load_default()
    label_w, top = 28, (18 if caption else 0)
    canvas = Image.new("RGBA", (size[0] + 6 + bar_width + label_w, size[1] + top),
                       (255, 255, 255, 255))
    canvas.paste(Image.fromarray(picture).convert("RGBA"), (0, top))
    canvas.paste(Image.fromarray(bar), (size[0] + 6, top))
    draw = ImageDraw.Draw(canvas)
    draw.text((size[0] + 8 + bar_width, top), "1", fill=(0, 0, 0, 255), font=font)
    draw.text((size[0] + 8 + bar_width, top + size[1] - 12), "0", fill=(0, 0, 0, 255),
              font=font)
    if caption:
        draw.text((2, 2), caption, fill=(0, 0, 0, 255), font=font)
    return np.asarray(canvas)


def render_captioned(rgba: np.ndarray, caption: str, min_width: int = 320,
                     scale: int | None = None) -> np.ndarray:
    """A picture with a caption line above it (white band, black text), for exports: model,
    layer, image and normalisation travel with the picture. Small pictures are enlarged
    (nearest neighbour, ``scale`` or enough to reach ``min_width``) so the caption fits."""
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.fromarray(np.ascontiguousarray(rgba)).convert("RGBA")
    factor = scale or max(1, -(-min_width // max(1, picture.width)))
    if factor > 1:
        picture = picture.resize((picture.width * factor, picture.height * factor),
                                 Image.NEAREST)
    font = ImageFont.load_default()
    band = 18
    canvas = Image.new("RGBA", (max(picture.width, 8 + 6 * len(caption)), picture.height + band),
                       (255, 255, 255, 255))
    canvas.paste(picture, (0, band))
    ImageDraw.Draw(canvas).text((4, 3), caption, fill=(0, 0, 0, 255), font=font)
    return np.asarray(canvas)
