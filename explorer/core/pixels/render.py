"""Feature maps and kernels as one RGBA mosaic image (numpy only).

A layer's channels are tiled row-major into ONE image, separated by ``sep`` pixels, so a widget
shows hundreds of channels with a single image item. The work is vectorised: one pass to
normalise and quantise to LUT indices, one strided copy into the grid, one LUT ``take`` (in
bands of tile rows with :func:`mosaic_parts`, so the window can draw a large layer a few
milliseconds at a time).

Normalisations (``norm=``):

- ``"layer"``: min–max over the whole layer (tiles comparable with each other).
- ``"channel"``: min–max per channel (each tile uses the full colour range).
- ``"standardize"``: per channel ``(x − mean)/(std + 1e-5)·0.1 + 0.5``, clipped to [0, 1]
  (Quiver's recipe).
- ``"signed"``: diverging around 0, symmetric ``±max|x|`` over the layer; 0 is the colour map's
  centre (LUT index 128), ``-max`` index 1 and ``+max`` index 255.

A constant range maps to the LUT's first colour (``layer``/``channel``), to the middle
(``standardize``) or to the centre (``signed``); nothing divides by zero. Non-finite values
count as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.core.pixels.colormaps import CENTER_INDEX, colormap

NORMS = ("layer", "channel", "standardize", "signed")
_SEP = 256  # index of the separator colour in the extended LUT


@dataclass(frozen=True)
class Mosaic:
    """Tiles of one layer laid out row-major in one RGBA image.

    Attributes:
        rgba: ``(rows·(tile_h+sep)−sep, cols·(tile_w+sep)−sep, 4)`` uint8, C-contiguous.
        rows: tile rows.
        cols: tile columns.
        tile_h: tile height in pixels.
        tile_w: tile width in pixels.
        sep: separator width in pixels.
        vmin: data value at the LUT's first colour (``layer``/``signed``); for the per-channel
            norms, the smallest value of the data (each tile then has its own scale).
        vmax: as ``vmin``, for the last colour / the largest value.
        count: number of tiles drawn (channels); cells after it are empty.
        low: the data's own smallest value (NaN or an infinity when the data has one; the
            picture draws those as 0); NaN for kernels.
        high: as ``low``, the largest.
    """

    rgba: np.ndarray
    rows: int
    cols: int
    tile_h: int
    tile_w: int
    sep: int
    vmin: float
    vmax: float
    count: int
    low: float = float("nan")
    high: float = float("nan")

    def tile_at(self, y: int, x: int) -> int | None:
        """Channel index under pixel ``(y, x)`` of ``rgba``; None on a separator or empty cell."""
        y, x = int(y), int(x)
        if y < 0 or x < 0 or y >= self.rgba.shape[0] or x >= self.rgba.shape[1]:
            return None
        row, dy = divmod(y, self.tile_h + self.sep)
        col, dx = divmod(x, self.tile_w + self.sep)
        if dy >= self.tile_h or dx >= self.tile_w:
            return None
        index = row * self.cols + col
        return index if index < self.count else None

    def tile_origin(self, index: int) -> tuple[int, int]:
        """Top-left pixel ``(y, x)`` of tile ``index``."""
        row, col = divmod(index, self.cols)
        return row * (self.tile_h + self.sep), col * (self.tile_w + self.sep)


def mosaic_grid(n: int, tile_h: int, tile_w: int, aspect: float = 16 / 9,
                sep: int = 1) -> tuple[int, int]:
    """Rows and columns for ``n`` tiles whose mosaic aspect (width/height) is closest to ``aspect``.

    Only tight grids are considered (``cols = ⌈n/r⌉`` for some row count ``r``, rows then
    ``⌈n/cols⌉``), so no row is empty and no column could go without adding a row. Closeness
    is measured on a log scale; ties go to fewer empty cells, then fewer columns.

    Args:
        n: number of tiles (0 gives ``(0, 0)``).
        tile_h: tile height in pixels.
        tile_w: tile width in pixels.
        aspect: target width / height of the whole mosaic.
        sep: separator width in pixels.

    Returns:
        ``(rows, cols)`` with ``rows·cols >= n``.
    """
    if n <= 0:
        return 0, 0
    cols = np.sort(-(-n // np.arange(1, n + 1)))  # distinct ⌈n/r⌉ (np.unique imports numpy.ma)
    cols = cols[np.concatenate(([True], cols[1:] != cols[:-1]))]
    rows = -(-n // cols)
    width = cols * (tile_w + sep) - sep
    height = rows * (tile_h + sep) - sep
    error = np.abs(np.log(width / height) - np.log(aspect))
    error = np.round(error, 9)  # let float noise not break ties
    best = np.lexsort((cols, rows * cols - n, error))[0]
    return int(rows[best]), int(cols[best])


def _as_hwc(act: np.ndarray) -> np.ndarray:
    a = np.asarray(act)
    if a.ndim == 4 and a.shape[0] == 1:
        a = a[0]
    if a.ndim == 1:
        return a.reshape(1, 1, -1)
    if a.ndim == 2:  # (length, channels) of a 1-D layer
        return a[np.newaxis]
    if a.ndim == 3:
        return a
    raise ValueError(f"Expected an activation of shape (H, W, C), (L, C) or (C,); "
                     f"received shape {a.shape}")


def _finite(a: np.ndarray) -> np.ndarray:
    return a if np.isfinite(a.min()) and np.isfinite(a.max()) else np.nan_to_num(
        a, nan=0.0, posinf=0.0, neginf=0.0)


def _indices(a: np.ndarray, norm: str,
             value_range: tuple[float, float] | None = None) -> tuple[np.ndarray, float, float]:
    """LUT indices (H, W, C) uint8 and the (vmin, vmax) reported for ``a`` (float32);
    ``value_range`` replaces the data's own min and max (``layer``/``signed`` only)."""
    lo, hi = (float(a.min()), float(a.max())) if value_range is None else \
        (float(value_range[0]), float(value_range[1]))
    if norm == "signed":
        m = max(abs(lo), abs(hi))
        scale = 127.0 / m if m > 0 else 0.0
        t = a * np.float32(scale)
        t += np.float32(CENTER_INDEX + 0.5)
        np.clip(t, 1.0, 255.0, out=t)
        return t.astype(np.uint8), -m, m
    if norm == "layer":
        low = np.float32(lo)
        scale = np.float32(255.0 / (hi - lo) if hi > lo else 0.0)
        t = (a - low) * scale
    elif norm == "channel":
        low = a.min(axis=(0, 1), keepdims=True)
        span = a.max(axis=(0, 1), keepdims=True) - low
        scale = np.divide(np.float32(255.0), span, out=np.zeros_like(span), where=span > 0)
        t = (a - low) * scale
    elif norm == "standardize":
        mean = a.mean(axis=(0, 1), keepdims=True, dtype=np.float64).astype(np.float32)
        std = a.std(axis=(0, 1), keepdims=True, dtype=np.float64).astype(np.float32)
        t = (a - mean) * (np.float32(0.1 * 255.0) / (std + np.float32(1e-5)))
        t += np.float32(0.5 * 255.0)
    else:
        raise ValueError(f"Unknown norm {norm!r}; expected one of {NORMS}")
    t += np.float32(0.5)
    np.clip(t, 0.0, 255.0, out=t)
    return t.astype(np.uint8), lo, hi


def _sep_rgba(sep_value) -> np.ndarray:
    if np.isscalar(sep_value):
        g = int(sep_value)
        return np.array([g, g, g, 255], dtype=np.uint8)
    v = [int(c) for c in sep_value]
    return np.array(v + [255] * (4 - len(v)), dtype=np.uint8)


def _layout(tiles: np.ndarray, rows: int, cols: int, sep: int, fill) -> np.ndarray:
    """Place ``tiles`` (N, h, w, ...) row-major into one grid; ``fill`` elsewhere."""
    n, h, w = tiles.shape[:3]
    extra = tiles.shape[3:]
    grid = np.empty((rows, h + sep, cols, w + sep) + extra, dtype=tiles.dtype)
    if sep:
        grid[:, h:] = fill
        grid[:, :h, :, w:] = fill
    cells = grid[:, :h, :, :w].swapaxes(1, 2)  # (rows, cols, h, w, ...) view
    full, rest = divmod(n, cols)
    cells[:full] = tiles[:full * cols].reshape((full, cols, h, w) + extra)
    if rest:
        cells[full, :rest] = tiles[full * cols:]
    if full < rows:
        cells[full, rest:] = fill
        cells[full + 1:] = fill
    flat = grid.reshape((rows * (h + sep), cols * (w + sep)) + extra)
    return flat[:flat.shape[0] - sep, :flat.shape[1] - sep]


PART_VALUES = 65_536
"""About how many activation values :func:`mosaic_parts` handles between two yields."""


def _data_range(a: np.ndarray, part_values: int):
    """Yield ``None`` after each band of about ``part_values`` values of ``a`` (H, W, C);
    return its (min, max) as Python floats (NaN or infinities as the data has them)."""
    rows = max(1, part_values // max(1, a.shape[1] * a.shape[2]))
    low = high = None
    for top in range(0, a.shape[0], rows):
        band = a[top:top + rows]  # contiguous rows: a band of memory, paged in a band at a time
        band_low, band_high = band.min(), band.max()
        low = band_low if low is None else np.minimum(low, band_low)
        high = band_high if high is None else np.maximum(high, band_high)
        yield None
    return float(low), float(high)


def mosaic_parts(act: np.ndarray, norm: str = "layer", cmap: str | None = None, sep: int = 1,
                 sep_value=(0, 0, 0, 0), aspect: float = 16 / 9,
                 grid: tuple[int, int] | None = None,
                 value_range: tuple[float, float] | None = None,
                 part_values: int = PART_VALUES):
    """:func:`render_mosaic` in parts, for a caller that must not be held up long (the
    window's GUI thread): a generator that yields ``None`` after each part of about
    ``part_values`` activation values (a band of the data's min and max, then a band of tile
    rows normalised, placed and coloured) and finally the :class:`Mosaic`.

    Every part size gives the same pixels; the arguments are :func:`render_mosaic`'s, and the
    same errors are raised.
    """
    a = np.asarray(_as_hwc(act), dtype=np.float32)
    h, w, c = a.shape
    if c == 0 or h == 0 or w == 0:
        raise ValueError(f"Nothing to draw: activation of shape {np.shape(act)}")
    cmap = cmap or ("coolwarm" if norm == "signed" else "viridis")
    rows, cols = grid if grid is not None else mosaic_grid(c, h, w, aspect, sep)
    if rows * cols < c:
        raise ValueError(f"A {rows}×{cols} grid cannot hold {c} tiles")
    lut = np.empty((257, 4), dtype=np.uint8)
    lut[:256] = colormap(cmap)
    lut[_SEP] = _sep_rgba(sep_value)
    data_low, data_high = yield from _data_range(a, part_values)
    low, high = data_low, data_high
    if not (np.isfinite(low) and np.isfinite(high)):  # non-finite values count as 0
        a = np.nan_to_num(a, nan=0.0, posinf=0.0, neginf=0.0)
        low, high = float(a.min()), float(a.max())
        yield None
    span = (low, high) if value_range is None else value_range
    height, width = rows * (h + sep) - sep, cols * (w + sep) - sep
    rgba = np.empty((height, width, 4), dtype=np.uint8)
    vmin = vmax = None
    band_rows = max(1, part_values // (cols * h * w))
    for first in range(0, rows, band_rows):
        count = min(rows, first + band_rows) - first
        start, stop = first * cols, min((first + count) * cols, c)
        top = first * (h + sep)
        if stop > start:
            index, band_vmin, band_vmax = _indices(a[:, :, start:stop], norm, span)
            if vmin is None:  # every band reports the same scale: the layer's
                vmin, vmax = band_vmin, band_vmax
            band = _layout(index.transpose(2, 0, 1).astype(np.uint16), count, cols, sep, _SEP)
            rgba[top:top + band.shape[0]] = lut.take(band, axis=0)
        else:  # rows of an explicit grid past the last tile
            rgba[top:top + count * (h + sep) - sep] = lut[_SEP]
        rgba[top + count * (h + sep) - sep:top + count * (h + sep)] = lut[_SEP]  # below the band
        yield None
    rgba.setflags(write=False)
    yield Mosaic(rgba, rows, cols, h, w, sep, vmin, vmax, c, data_low, data_high)


def render_mosaic(act: np.ndarray, norm: str = "layer", cmap: str | None = None, sep: int = 1,
                  sep_value=(0, 0, 0, 0), aspect: float = 16 / 9,
                  grid: tuple[int, int] | None = None,
                  value_range: tuple[float, float] | None = None) -> Mosaic:
    """Tile every channel of an activation into one RGBA image.

    Args:
        act: ``(H, W, C)`` feature maps (a leading batch of 1 is dropped), ``(L, C)`` for a 1-D
            layer (tiles 1×L) or ``(C,)`` for a vector (tiles 1×1; see :func:`vector_strip`).
        norm: ``"layer"``, ``"channel"``, ``"standardize"`` or ``"signed"``.
        cmap: colour map name; None picks ``coolwarm`` for ``signed`` and ``viridis`` otherwise.
        sep: separator width in pixels.
        sep_value: separator / empty-cell colour: a grey level or an RGB(A) tuple
            (default transparent).
        aspect: target width / height for :func:`mosaic_grid`.
        grid: explicit ``(rows, cols)`` instead of the aspect search.
        value_range: ``(low, high)`` used instead of the data's min and max for ``layer`` and
            ``signed`` (±max(|low|, |high|)), so two mosaics share one colour scale.

    Returns:
        A :class:`Mosaic`.

    Raises:
        ValueError: bad shape, unknown norm or colour map, or a grid too small.
    """
    *_, mosaic = mosaic_parts(act, norm, cmap, sep, sep_value, aspect, grid, value_range,
                              part_values=np.iinfo(np.int64).max)
    return mosaic


def render_kernels_rgb(kernel: np.ndarray, sep: int = 1, sep_value=(0, 0, 0, 0),
                       aspect: float = 16 / 9) -> Mosaic:
    """First-layer RGB kernels ``(kh, kw, 3, out)`` as colour patches, one tile a filter.

    Each filter is scaled by its own ``max|w|`` around zero: 0 is mid grey (128), ``+max`` 255
    and ``-max`` 1 in each colour channel, so the patch shows which colours excite the filter.

    Returns:
        A :class:`Mosaic` with ``vmin, vmax = ∓max|w|`` over all filters.

    Raises:
        ValueError: the kernel does not have 3 input channels.
    """
    k = np.asarray(kernel, dtype=np.float32)
    if k.ndim != 4 or k.shape[2] != 3:
        raise ValueError(f"Expected kernels of shape (kh, kw, 3, out); received {k.shape}")
    kh, kw, _, n = k.shape
    filters = _finite(k).transpose(3, 0, 1, 2)  # (out, kh, kw, 3)
    m = np.abs(filters).max(axis=(1, 2, 3), keepdims=True)
    scale = np.divide(np.float32(127.0), m, out=np.zeros_like(m), where=m > 0)
    tiles = np.empty((n, kh, kw, 4), dtype=np.uint8)
    tiles[..., :3] = np.clip(filters * scale + np.float32(CENTER_INDEX + 0.5), 1, 255)
    tiles[..., 3] = 255
    rows, cols = mosaic_grid(n, kh, kw, aspect, sep)
    rgba = np.ascontiguousarray(_layout(tiles, rows, cols, sep, _sep_rgba(sep_value)))
    rgba.setflags(write=False)
    top = float(m.max()) if n else 0.0
    return Mosaic(rgba, rows, cols, kh, kw, sep, -top, top, n)


def render_kernel_grid(kernel: np.ndarray, out_index: int, cmap: str = "coolwarm",
                       sep: int = 1, sep_value=(0, 0, 0, 0), aspect: float = 16 / 9) -> Mosaic:
    """One output filter of a ``(kh, kw, in, out)`` kernel, one tile per input channel.

    Uses ``norm="signed"`` so weights of 0 take the diverging map's centre colour.
    """
    k = np.asarray(kernel)
    if k.ndim != 4:
        raise ValueError(f"Expected a kernel of shape (kh, kw, in, out); received {k.shape}")
    if not -k.shape[3] <= out_index < k.shape[3]:
        raise ValueError(f"Filter {out_index} does not exist; the kernel has {k.shape[3]}")
    return render_mosaic(k[:, :, :, out_index], norm="signed", cmap=cmap, sep=sep,
                         sep_value=sep_value, aspect=aspect)


def vector_strip(values: np.ndarray, height: int = 48, bar_width: int = 2,
                 cmap: str | None = None, background=(0, 0, 0, 0)) -> np.ndarray:
    """A bar chart image of a vector (Dense / global-pool output), one bar per value.

    Bars rise from the zero line (at the bottom for non-negative data) to each value and are
    coloured by their value (layer min–max, or ``signed`` around 0 when values are negative).
    Bar ``i`` occupies columns ``[i·bar_width, (i+1)·bar_width)``, so a click at column ``x``
    is value ``x // bar_width``. Interactive bars with tooltips are left to the widgets.

    Args:
        values: 1-D array (a leading batch of 1 is dropped).
        height: image height in pixels.
        bar_width: pixels per bar.
        cmap: colour map; None picks ``coolwarm`` for signed data and ``viridis`` otherwise.
        background: RGB(A) of the empty pixels.

    Returns:
        ``(height, len(values)·bar_width, 4)`` uint8 RGBA, C-contiguous.
    """
    v = _finite(np.asarray(values, dtype=np.float32).reshape(-1))
    signed = v.size > 0 and float(v.min()) < 0
    cmap = cmap or ("coolwarm" if signed else "viridis")
    top = max(float(v.max()), 0.0) if v.size else 0.0
    bottom = min(float(v.min()), 0.0) if v.size else 0.0
    span = top - bottom
    centres = top - (np.arange(height, dtype=np.float32) + 0.5) * (span / height if span else 0)
    centres = centres[:, np.newaxis]
    filled = ((centres <= v) & (centres >= 0)) | ((centres >= v) & (centres < 0))
    index, _, _ = _indices(v.reshape(1, 1, -1), "signed" if signed else "layer")
    lut = colormap(cmap)
    image = np.empty((height, v.size, 4), dtype=np.uint8)
    image[:] = _sep_rgba(background)
    image[filled] = np.broadcast_to(lut[index[0, 0]], (height, v.size, 4))[filled]
    return np.ascontiguousarray(np.repeat(image, bar_width, axis=1))


# --------------------------------------------------------------------------- the app's views
SEPARATOR = (40, 40, 40, 255)
"""The grey between tiles, in the window's views and in the files the CLI writes."""

KERNEL_MODES = ("matrix", "rgb", "filters", "inputs")


def render_feature_maps(act: np.ndarray, norm: str = "layer", cmap: str | None = None,
                        aspect: float = 16 / 9, grid: tuple[int, int] | None = None,
                        value_range: tuple[float, float] | None = None) -> Mosaic:
    """A layer's feature maps as the Feature maps view and ``cnn-explorer activations`` draw
    them: every channel a tile, 1-pixel grey separators (``grid``, ``value_range``: see
    :func:`render_mosaic`)."""
    return render_mosaic(act, norm=norm, cmap=cmap, sep=1, sep_value=SEPARATOR, aspect=aspect,
                         grid=grid, value_range=value_range)


def feature_map_parts(act: np.ndarray, norm: str = "layer", cmap: str | None = None,
                      aspect: float = 16 / 9, grid: tuple[int, int] | None = None,
                      value_range: tuple[float, float] | None = None):
    """:func:`render_feature_maps` in parts (:func:`mosaic_parts`), as the window draws a
    large layer."""
    return mosaic_parts(act, norm=norm, cmap=cmap, sep=1, sep_value=SEPARATOR, aspect=aspect,
                        grid=grid, value_range=value_range)


def render_activation(act: np.ndarray, norm: str = "layer", cmap: str | None = None,
                      aspect: float = 16 / 9) -> np.ndarray:
    """One layer's output (batch axis dropped) as RGBA: a bar strip for a vector, else the
    feature-map mosaic (:func:`render_feature_maps`)."""
    if np.ndim(act) == 1:
        return vector_strip(act, cmap=cmap)
    return render_feature_maps(act, norm, cmap, aspect).rgba


def kernel_mode(shape: tuple, kind: str = "conv") -> str:
    """How a ``(kh, kw, in, out)`` kernel is best drawn.

    ``matrix`` for 1×1 kernels over several inputs (one weight matrix), ``rgb`` for a plain
    convolution over RGB (one colour patch a filter), ``filters`` for one input channel (one
    tile a filter), else ``inputs`` (the input-channel slices of the filters).
    """
    kh, kw, n_in, _ = shape
    if kh * kw == 1 and n_in > 1:
        return "matrix"
    if n_in == 3 and kind == "conv":
        return "rgb"
    return "filters" if n_in == 1 else "inputs"


def render_kernels(kernel: np.ndarray, kind: str = "conv", mode: str | None = None,
                   filter_index: int | None = None, layout: str = "keras") -> Mosaic:
    """A convolution's kernels as the Kernels view and ``cnn-explorer kernels`` draw them.

    Args:
        kernel: ``(kh, kw, in, out)`` weights (the Keras layout).
        kind: the ``KernelSet`` kind (``conv``, ``depthwise``...).
        mode: one of :data:`KERNEL_MODES`; None picks :func:`kernel_mode`.
        filter_index: in ``inputs`` mode, the one filter whose input slices are drawn; None
            draws every filter, one row a filter and one column an input channel.
        layout: in ``matrix`` mode, ``keras`` (rows = inputs) or ``book`` (rows = outputs).
    """
    k = np.asarray(kernel)
    kh, kw, n_in, n_out = k.shape
    mode = mode or kernel_mode(k.shape, kind)
    if mode == "matrix":
        matrix = k[0, 0] if layout == "keras" else k[0, 0].T
        return render_mosaic(matrix[:, :, np.newaxis], norm="signed", cmap="coolwarm", sep=0)
    if mode == "rgb":
        return render_kernels_rgb(k, sep=1, sep_value=SEPARATOR)
    if mode == "filters":
        return render_mosaic(k[:, :, 0, :], norm="signed", cmap="coolwarm", sep=1,
                             sep_value=SEPARATOR)
    if filter_index is not None:
        return render_kernel_grid(k, filter_index, sep=1, sep_value=SEPARATOR)
    tiles = k.transpose(0, 1, 3, 2).reshape(kh, kw, n_out * n_in)
    return render_mosaic(tiles, norm="signed", cmap="coolwarm", sep=1, sep_value=SEPARATOR,
                         grid=(n_out, n_in))


def render_mean_map(act: np.ndarray, cmap: str = "viridis") -> np.ndarray | None:
    """The mean over channels of a spatial activation ``(H, W, C)`` as ``(H, W, 4)`` RGBA,
    scaled from its minimum to its maximum (the diagram's thumbnail of the selected layer);
    None for an activation without height and width."""
    a = np.asarray(act)
    if a.ndim != 3 or a.shape[0] < 2 or a.shape[1] < 2:
        return None
    mean = _finite(a.astype(np.float32).mean(axis=2))
    lo, hi = float(mean.min()), float(mean.max())
    index = np.zeros(mean.shape, np.uint8) if hi <= lo else \
        np.clip((mean - lo) / (hi - lo) * 255 + 0.5, 0, 255).astype(np.uint8)
    return colormap(cmap)[index]
