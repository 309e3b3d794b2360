"""A laid-out diagram drawn with Pillow (what ``cnn-explorer graph --format png`` writes; the
window exports what its scene shows). Same boxes, colours and text as the SVG."""

from __future__ import annotations

import math

import numpy as np

from explorer.core.diagram import style
from explorer.core.diagram.layout import FONT_SIZE, LINE_HEIGHT, PAD_Y, DiagramLayout

MAX_SIDE = 32000
"""A taller drawing is scaled down to this many pixels on its long side."""
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def _fonts(size: int):
    from PIL import ImageFont

    try:
        return tuple(ImageFont.truetype(name, size) for name in FONT_FILES)
    except OSError:  # no DejaVu on this system: Pillow's own font
        font = ImageFont.load_default(size=size)
        return font, font


def _arrow(draw, tip, before, colour, size: float) -> None:
    angle = math.atan2(tip[1] - before[1], tip[0] - before[0])
    left = (tip[0] - size * math.cos(angle - 0.4), tip[1] - size * math.sin(angle - 0.4))
    right = (tip[0] - size * math.cos(angle + 0.4), tip[1] - size * math.sin(angle + 0.4))
    draw.polygon([tip, left, right], fill=colour)


def _dashed(draw, points, colour, width, dash: float, gap: float) -> None:
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        t = 0.0
        while t < length:
            t1 = min(length, t + dash)
            draw.line([(x0 + (x1 - x0) * t / length, y0 + (y1 - y0) * t / length),
                       (x0 + (x1 - x0) * t1 / length, y0 + (y1 - y0) * t1 / length)],
                      fill=colour, width=width)
            t = t1 + gap


def render_png(layout: DiagramLayout, scale: float = 1.0) -> np.ndarray:
    """The drawing as an ``(H, W, 4)`` uint8 RGBA array (white background).

    Args:
        layout: the laid-out diagram.
        scale: pixels per layout unit (reduced so that no side exceeds :data:`MAX_SIDE`).
    """
    from PIL import Image, ImageDraw

    scale = min(scale, MAX_SIDE / max(layout.width, layout.height, 1))
    size = (max(1, round(layout.width * scale)), max(1, round(layout.height * scale)))
    image = Image.new("RGBA", size, (255, 255, 255, 255))
    draw = ImageDraw.Draw(image)
    regular, bold = _fonts(max(6, round(FONT_SIZE * scale)))
    small, _ = _fonts(max(5, round((FONT_SIZE - 2) * scale)))

    def at(x, y):
        return x * scale, y * scale

    for f in layout.groups:
        colour = style.MODEL_FRAME if f.nested_model else style.FRAME
        x0, y0 = at(f.x, f.y)
        x1, y1 = at(f.x + f.w, f.y + f.h)
        _dashed(draw, [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], colour,
                max(1, round(scale)), 5 * scale, 3 * scale)
        draw.text((x0 + 6 * scale, y0 - 3 * scale), f.name, fill=colour, font=small,
                  anchor="ls")
    for e in layout.edges:
        colour = style.BYPASS if e.bypass else style.EDGE
        points = [at(x, y) for x, y in e.points]
        width = max(1, round(1.3 * scale))
        if e.bypass:
            _dashed(draw, points, colour, width, 6 * scale, 3 * scale)
        else:
            draw.line(points, fill=colour, width=width, joint="curve")
        _arrow(draw, points[-1], points[-2], colour, 7 * scale)
        if e.label:
            x, y = points[0]
            draw.text((x + 4 * scale, y + (FONT_SIZE + 1) * scale), e.label,
                      fill=style.SECONDARY_TEXT, font=small, anchor="ls")
    for n in layout.nodes:
        x0, y0 = at(n.x, n.y)
        x1, y1 = at(n.x + n.w, n.y + n.h)
        radius = (n.h / 2 if n.is_merge else 6) * scale
        draw.rounded_rectangle([x0, y0, x1, y1], radius=radius, fill=style.KIND_FILL[n.kind],
                               outline=style.KIND_STROKE[n.kind],
                               width=max(1, round((2 if n.is_group or n.is_merge else 1.2)
                                                  * scale)))
        for i, line in enumerate(n.lines):
            draw.text(((x0 + x1) / 2, y0 + (PAD_Y + (i + 1) * LINE_HEIGHT - 3) * scale), line,
                      fill=style.TEXT if i == 0 else style.SECONDARY_TEXT,
                      font=bold if i == 0 else regular, anchor="ms")
    return np.asarray(image)
