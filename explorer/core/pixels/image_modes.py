"""Pillow colour modes -> RGB: palette, grey, alpha, CMYK, 16-bit, float.

* palette, grey, bilevel (``1``), CMYK, YCbCr, LAB, HSV are converted with Pillow;
* anything with alpha (RGBA, LA, PA, or a ``transparency`` entry in the file) is composited on
  white, since a model has no notion of "transparent";
* 16/32-bit integer and float images are scaled to 8-bit grey: ``I;16*`` maps 0..65535 onto
  0..255 (divide by 257); ``I`` and ``F`` keep values already within 0..255, map 0..1 (``F``
  only) and 0..65535 onto 0..255, and stretch any other range (negative or wider) linearly
  from its minimum to its maximum.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from explorer.core.errors import ImageError

_ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}
_WIDE_MODES = {"I", "F"}  # plus every "I;16*" mode


def to_rgb(image: Image.Image, steps: list[str]) -> Image.Image:
    """Convert an image in any Pillow mode to an RGB image, recording what was done.

    Args:
        image: a loaded Pillow image.
        steps: list to append human-readable steps to.

    Returns:
        An ``"RGB"`` Pillow image (``image`` itself when it already is RGB without alpha).

    Raises:
        ImageError: Pillow has no conversion from the image's mode to RGB.
    """
    mode = image.mode
    if mode in _WIDE_MODES or mode.startswith("I;16"):
        image = wide_to_grey(image, steps)
        mode = "L"
    if mode == "La":
        image = image.convert("LA")
        mode = "LA"
    has_alpha = mode in _ALPHA_MODES or image.info.get("transparency") is not None
    if has_alpha:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        steps.append(f"{_mode_words(mode)} with transparency → composite on white")
        return Image.alpha_composite(white, rgba).convert("RGB")
    if mode != "RGB":
        steps.append(f"{_mode_words(mode)} → RGB")
        try:
            return image.convert("RGB")
        except ValueError:
            raise ImageError(f"The colour mode {mode!r} cannot be converted to RGB",
                             "Re-save the image as an RGB PNG or JPEG") from None
    return image


def wide_to_grey(image: Image.Image, steps: list[str]) -> Image.Image:
    """Scale a 16/32-bit integer or float image to 8-bit grey (mode ``"L"``).

    Args:
        image: an image in mode ``I;16*``, ``I`` or ``F``.
        steps: list to append the scaling used to.

    Returns:
        An ``"L"`` image (NaN becomes 0, +inf 255, -inf 0).
    """
    values = np.asarray(image).astype(np.float64)
    mode = image.mode
    finite = values[np.isfinite(values)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
    if mode.startswith("I;16"):
        scaled, how = values / 257.0, "16-bit 0..65535 → 0..255 (÷257)"
    elif lo >= 0 and hi <= 1 and mode == "F":
        scaled, how = values * 255.0, "float 0..1 → 0..255 (×255)"
    elif lo >= 0 and hi <= 255:
        scaled, how = values, f"{mode} values already within 0..255, kept"
    elif lo >= 0 and hi <= 65535:
        scaled, how = values / 257.0, f"{mode} 0..65535 → 0..255 (÷257)"
    else:
        span = hi - lo
        scaled = (values - lo) * (255.0 / span) if span > 0 else np.zeros_like(values)
        how = f"{mode} {lo:g}..{hi:g} stretched → 0..255"
    scaled = np.nan_to_num(scaled, nan=0.0, posinf=255.0, neginf=0.0)
    steps.append(how)
    grey = np.clip(np.rint(scaled), 0, 255).astype(np.uint8)
    return Image.fromarray(grey)


def _mode_words(mode: str) -> str:
    return {"P": "palette", "PA": "palette", "L": "grey", "LA": "grey", "1": "1-bit",
            "CMYK": "CMYK", "YCbCr": "YCbCr", "RGBA": "RGBA", "RGBa": "RGBA"}.get(mode, mode)
