"""The diagram's colours, one table for the window, the SVG and the PNG."""

from __future__ import annotations

KIND_FILL = {
    "input": (236, 236, 236), "conv": (207, 224, 247), "pool": (206, 238, 220),
    "norm": (243, 236, 205), "activation": (250, 222, 205), "merge": (255, 205, 150),
    "dense": (226, 212, 242), "other": (245, 245, 245), "group": (232, 238, 246),
}
"""Fill colour (RGB) per node kind."""
KIND_STROKE = {
    "input": (110, 110, 110), "conv": (40, 100, 190), "pool": (0, 140, 90),
    "norm": (170, 140, 30), "activation": (200, 100, 40), "merge": (200, 90, 0),
    "dense": (120, 70, 170), "other": (140, 140, 140), "group": (60, 80, 120),
}
"""Border colour (RGB) per node kind."""
EDGE = (90, 90, 90)
BYPASS = (200, 90, 0)
"""A skip connection's colour (dashed)."""
TEXT = (20, 20, 20)
SECONDARY_TEXT = (80, 80, 80)
FRAME = (120, 140, 170)
MODEL_FRAME = (90, 60, 150)
SELECTED = (230, 40, 40)
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"


def hex_colour(rgb) -> str:
    """``(r, g, b)`` as ``#rrggbb``."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)
