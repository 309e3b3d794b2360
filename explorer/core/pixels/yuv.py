"""Video frames' YUV planes → RGB pixels (numpy only), for live input.

Decoders and cameras deliver YUV: planar 4:2:0 (``yuv420p``: Y, then U and V at half size),
semi-planar 4:2:0 (``nv12``: Y, then interleaved UV), or packed 4:2:2 (``yuyv``, ``uyvy``).
The conversion is ITU-R BT.601 or BT.709, full range (JPEG, ``yuvj``) or limited (video:
Y 16–235, chroma 16–240). Chroma is repeated to full size (nearest), as most players do.
"""

from __future__ import annotations

import numpy as np

#: (Kr, Kb) of the two colour standards
STANDARDS = {"bt601": (0.299, 0.114), "bt709": (0.2126, 0.0722)}


def yuv_to_rgb(y: np.ndarray, u: np.ndarray, v: np.ndarray, *, standard: str = "bt601",
               full_range: bool = False) -> np.ndarray:
    """Full-size Y, U and V (uint8, one shape) as ``(H, W, 3)`` uint8 RGB.

    Raises:
        ValueError: an unknown standard, or planes of different shapes.
    """
    if standard not in STANDARDS:
        raise ValueError(f"Unknown colour standard {standard!r}; expected one of {list(STANDARDS)}")
    if not (np.shape(y) == np.shape(u) == np.shape(v)):
        raise ValueError(f"Planes of different shapes: {np.shape(y)}, {np.shape(u)}, "
                         f"{np.shape(v)}")
    kr, kb = STANDARDS[standard]
    kg = 1.0 - kr - kb
    yf = np.asarray(y, np.float32)
    cb = np.asarray(u, np.float32) - 128.0
    cr = np.asarray(v, np.float32) - 128.0
    if not full_range:
        yf = (yf - 16.0) * (255.0 / 219.0)
        cb *= 255.0 / 224.0
        cr *= 255.0 / 224.0
    r = yf + (2.0 - 2.0 * kr) * cr
    b = yf + (2.0 - 2.0 * kb) * cb
    g = (yf - kr * r - kb * b) / kg
    rgb = np.stack([r, g, b], axis=-1)
    return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)


def _up(plane: np.ndarray, height: int, width: int) -> np.ndarray:
    """A subsampled chroma plane repeated to ``height × width`` (nearest)."""
    ry = -(-height // plane.shape[0])
    rx = -(-width // plane.shape[1])
    return np.repeat(np.repeat(plane, ry, axis=0), rx, axis=1)[:height, :width]


def _rows(data, stride: int, rows: int, width: int) -> np.ndarray:
    """``rows`` rows of ``width`` bytes from a buffer laid out ``stride`` bytes a row."""
    flat = np.frombuffer(data, np.uint8)
    available = min(rows, flat.size // stride) if stride else 0
    return flat[:available * stride].reshape(available, stride)[:, :width]


def planar_420(planes, strides, height: int, width: int, **options) -> np.ndarray:
    """``yuv420p``: three planes (Y, U, V) of ``strides`` bytes a row → RGB."""
    ch, cw = -(-height // 2), -(-width // 2)
    y = _rows(planes[0], strides[0], height, width)
    u = _rows(planes[1], strides[1], ch, cw)
    v = _rows(planes[2], strides[2], ch, cw)
    return yuv_to_rgb(y, _up(u, *y.shape), _up(v, *y.shape), **options)


def semi_planar_420(planes, strides, height: int, width: int, swap: bool = False,
                    **options) -> np.ndarray:
    """``nv12`` (``nv21`` with ``swap``): Y, then one plane of interleaved U, V → RGB."""
    ch, cw = -(-height // 2), -(-width // 2)
    y = _rows(planes[0], strides[0], height, width)
    uv = _rows(planes[1], strides[1], ch, 2 * cw)
    u, v = uv[:, 0::2], uv[:, 1::2]
    if swap:
        u, v = v, u
    return yuv_to_rgb(y, _up(u, *y.shape), _up(v, *y.shape), **options)


def packed_422(data, stride: int, height: int, width: int, order: str = "yuyv",
               **options) -> np.ndarray:
    """``yuyv`` or ``uyvy``: one plane, two pixels in four bytes → RGB."""
    pairs = -(-width // 2)
    row = _rows(data, stride, height, 4 * pairs).reshape(-1, pairs, 4)
    if order == "yuyv":
        y0, u, y1, v = (row[..., i] for i in range(4))
    elif order == "uyvy":
        u, y0, v, y1 = (row[..., i] for i in range(4))
    else:
        raise ValueError(f"Unknown packing {order!r}; expected 'yuyv' or 'uyvy'")
    y = np.stack([y0, y1], axis=-1).reshape(row.shape[0], 2 * pairs)[:, :width]
    u = np.repeat(u, 2, axis=1)[:, :width]
    v = np.repeat(v, 2, axis=1)[:, :width]
    return yuv_to_rgb(y, u, v, **options)


def packed_rgb(data, stride: int, height: int, width: int, order: str) -> np.ndarray:
    """Four bytes a pixel in ``order`` (e.g. ``"BGRA"``, ``"XRGB"``: the bytes in memory) →
    ``(H, W, 3)`` RGB."""
    pixels = _rows(data, stride, height, 4 * width).reshape(-1, width, 4)
    return np.ascontiguousarray(pixels[..., [order.index(c) for c in "RGB"]])
