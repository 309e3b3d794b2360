"""Colour maps as (256, 4) uint8 look-up tables, built from a few control points (no matplotlib).

Sequential maps (``viridis``, ``inferno``, ``magma``, ``gray``) sample their control points at
``i/255``. Diverging maps (``coolwarm``, ``RdBu``) are sampled so that index 128 is exactly the
neutral centre colour and indices 1 and 255 are exactly the two ends (index 0 repeats the low
end); :func:`explorer.core.pixels.render.render_mosaic` with ``norm="signed"`` maps 0 to index 128 and
±max|x| to 1 / 255. Append ``_r`` to any name for the reversed map.

The viridis/inferno/magma points are 17 evenly spaced samples of the CC0 matplotlib maps;
coolwarm follows Kenneth Moreland's table; RdBu is ColorBrewer's 11-class scheme.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

_SEQUENTIAL = {
    "viridis": [(68, 1, 84), (72, 23, 105), (71, 44, 122), (66, 63, 133), (59, 81, 139),
                (51, 98, 141), (44, 113, 142), (38, 129, 142), (33, 144, 140), (31, 159, 136),
                (39, 173, 128), (61, 188, 115), (92, 200, 98), (129, 211, 76), (170, 220, 49),
                (213, 226, 25), (253, 231, 37)],
    "inferno": [(0, 0, 4), (10, 7, 35), (32, 12, 73), (60, 9, 100), (86, 15, 109),
                (112, 25, 110), (137, 34, 106), (162, 43, 97), (187, 54, 84), (208, 69, 68),
                (227, 89, 50), (241, 113, 30), (249, 140, 9), (252, 170, 15), (249, 201, 50),
                (242, 232, 101), (252, 255, 164)],
    "magma": [(0, 0, 4), (9, 7, 33), (28, 16, 70), (53, 16, 106), (80, 18, 123),
              (105, 28, 129), (130, 37, 129), (155, 46, 127), (182, 54, 121), (207, 64, 111),
              (229, 80, 99), (244, 105, 92), (251, 135, 97), (254, 165, 113), (254, 194, 135),
              (253, 224, 161), (252, 253, 191)],
    "gray": [(0, 0, 0), (255, 255, 255)],
}
_DIVERGING = {
    "coolwarm": [(59, 76, 192), (98, 130, 234), (141, 176, 254), (184, 208, 249),
                 (221, 221, 221), (245, 196, 173), (244, 154, 123), (222, 96, 77),
                 (180, 4, 38)],
    "RdBu": [(103, 0, 31), (178, 24, 43), (214, 96, 77), (244, 165, 130), (253, 219, 199),
             (247, 247, 247), (209, 229, 240), (146, 197, 222), (67, 147, 195), (33, 102, 172),
             (5, 48, 97)],
}
_ALIASES = {"grey": "gray", "greys": "gray", "rdbu": "RdBu"}

#: LUT index that signed data equal to zero maps to.
CENTER_INDEX = 128


def colormap_names() -> list[str]:
    """Names accepted by :func:`colormap` (each also with ``_r``)."""
    return list(_SEQUENTIAL) + list(_DIVERGING)


def is_diverging(name: str) -> bool:
    """True for maps meant for signed data (``coolwarm``, ``RdBu``, and their ``_r``)."""
    base = name[:-2] if name.endswith("_r") else name
    return _ALIASES.get(base, base) in _DIVERGING


def _sample(points: list[tuple[int, int, int]], positions: np.ndarray) -> np.ndarray:
    stops = np.linspace(0.0, 1.0, len(points))
    table = np.asarray(points, dtype=np.float64)
    rgb = np.stack([np.interp(positions, stops, table[:, c]) for c in range(3)], axis=1)
    lut = np.empty((len(positions), 4), dtype=np.uint8)
    lut[:, :3] = np.clip(np.rint(rgb), 0, 255)
    lut[:, 3] = 255
    return lut


@lru_cache(maxsize=None)
def colormap(name: str = "viridis") -> np.ndarray:
    """A (256, 4) uint8 RGBA look-up table.

    Args:
        name: ``viridis``, ``inferno``, ``magma``, ``gray``, ``coolwarm`` or ``RdBu``;
            ``_r`` reverses it.

    Returns:
        A read-only, C-contiguous (256, 4) uint8 array (alpha 255).

    Raises:
        ValueError: unknown name.
    """
    reverse = name.endswith("_r")
    base = name[:-2] if reverse else name
    base = _ALIASES.get(base.lower(), base)
    index = np.arange(256, dtype=np.float64)
    if base in _SEQUENTIAL:
        lut = _sample(_SEQUENTIAL[base], index / 255.0)
    elif base in _DIVERGING:
        positions = np.clip((index - CENTER_INDEX) / 254.0 + 0.5, 0.0, 1.0)
        points = _DIVERGING[base]
        lut = _sample(points[::-1] if reverse else points, positions)
        reverse = False  # reversed by flipping the points, so index 128 stays the centre
    else:
        raise ValueError(f"Unknown colour map {name!r}; expected one of {colormap_names()}")
    if reverse:
        lut = lut[::-1]
    lut = np.ascontiguousarray(lut)
    lut.setflags(write=False)
    return lut
