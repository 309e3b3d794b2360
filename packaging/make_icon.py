"""Draw the cnn-explorer icon: three stacked feature maps, the front one a 4x4 activation grid.

Writes (and the repository keeps the output):

- ``resources/icons/cnn-explorer.png``  256x256 RGBA (the window icon, the bundle's icon)
- ``resources/icons/cnn-explorer.ico``  16..256 px (Windows executable icon)
- ``resources/icons/cnn-explorer.svg``  the same shapes as vectors (Linux "scalable" icon)
- ``packaging/cnn-explorer.png``        a copy next to the ``.desktop`` entry

Run from anywhere: ``python packaging/make_icon.py``. Only Pillow is needed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZE = 256
SUPERSAMPLE = 4  # draw at 1024 px, then downsample: smooth edges without an SVG renderer

BACKGROUND = "#1d2740"
OUTLINE = "#f4f6fb"
LAYER_FILLS = ("#3b4a75", "#4d6199")  # the two maps behind the front one
# Viridis-like shades, dark to bright; the grid shows a diagonal edge "lighting up".
SHADES = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")
GRID = (
    (4, 3, 1, 0),
    (3, 4, 3, 1),
    (1, 3, 4, 3),
    (0, 1, 3, 4),
)


def shapes() -> list[tuple]:
    """The icon as ("rect", x, y, w, h, radius, fill, outline, stroke) tuples on a 256 grid."""
    out: list[tuple] = [("rect", 8, 8, 240, 240, 48, BACKGROUND, None, 0)]
    side = 112
    for i, fill in enumerate(LAYER_FILLS):  # back to front
        x = 46 + 26 * i
        out.append(("rect", x, x, side, side, 10, fill, OUTLINE, 5))
    x0 = y0 = 46 + 26 * 2
    out.append(("rect", x0, y0, side, side, 10, SHADES[0], OUTLINE, 5))
    cell, gap = 22, 4
    pad = (side - 4 * cell - 3 * gap) // 2
    for r, row in enumerate(GRID):
        for c, level in enumerate(row):
            out.append(("rect", x0 + pad + c * (cell + gap), y0 + pad + r * (cell + gap),
                        cell, cell, 4, SHADES[level], None, 0))
    return out


def render_png(size: int = SIZE) -> Image.Image:
    """Rasterise :func:`shapes` at ``size`` pixels (supersampled)."""
    scale = size * SUPERSAMPLE / SIZE
    big = Image.new("RGBA", (size * SUPERSAMPLE,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    for _, x, y, w, h, radius, fill, outline, stroke in shapes():
        box = [x * scale, y * scale, (x + w) * scale - 1, (y + h) * scale - 1]
        draw.rounded_rectangle(box, radius=radius * scale, fill=fill, outline=outline,
                               width=round(stroke * scale) if outline else 0)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def render_svg() -> str:
    """The same shapes as an SVG document."""
    lines = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
             f'viewBox="0 0 {SIZE} {SIZE}">']
    for _, x, y, w, h, radius, fill, outline, stroke in shapes():
        attrs = f'x="{x}" y="{y}" width="{w}" height="{h}" rx="{radius}" fill="{fill}"'
        if outline:
            # Pillow draws the stroke inside the box; inset the SVG stroke to match.
            half = stroke / 2
            attrs = (f'x="{x + half}" y="{y + half}" width="{w - stroke}" height="{h - stroke}" '
                     f'rx="{max(radius - half, 0)}" fill="{fill}" stroke="{outline}" '
                     f'stroke-width="{stroke}"')
        lines.append(f"  <rect {attrs}/>")
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def main() -> int:
    ICONS.mkdir(parents=True, exist_ok=True)
    png = render_png()
    png.save(ICONS / "cnn-explorer.png", optimize=True)
    png.save(ICONS / "cnn-explorer.ico",
             sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    (ICONS / "cnn-explorer.svg").write_text(render_svg(), encoding="utf-8")
    shutil.copyfile(ICONS / "cnn-explorer.png", ROOT / "packaging" / "cnn-explorer.png")
    for name in ("cnn-explorer.png", "cnn-explorer.ico", "cnn-explorer.svg"):
        print(ICONS / name)
    print(ROOT / "packaging" / "cnn-explorer.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
