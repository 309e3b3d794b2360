"""Mosaics, colour maps, kernels and bar strips, checked pixel by pixel."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.core.pixels.colormaps import colormap, colormap_names, is_diverging
from explorer.core.pixels.render import (
    Mosaic,
    mosaic_grid,
    mosaic_parts,
    render_kernel_grid,
    render_kernels_rgb,
    render_mosaic,
    vector_strip,
)

SEP = (7, 7, 7, 255)


def tile(m: Mosaic, k: int) -> np.ndarray:
    y, x = m.tile_origin(k)
    return m.rgba[y:y + m.tile_h, x:x + m.tile_w]


# --- colour maps ------------------------------------------------------------------------------

def test_colormap_tables():
    for name in ("viridis", "inferno", "magma", "gray", "coolwarm", "RdBu", "viridis_r"):
        lut = colormap(name)
        assert lut.shape == (256, 4) and lut.dtype == np.uint8
        assert lut.flags.c_contiguous and not lut.flags.writeable
        assert (lut[:, 3] == 255).all()
    gray = colormap("gray")
    assert (gray[:, 0] == np.arange(256)).all() and (gray[:, 1] == gray[:, 2]).all()
    assert tuple(colormap("viridis")[0, :3]) == (68, 1, 84)
    assert tuple(colormap("viridis")[255, :3]) == (253, 231, 37)
    assert tuple(colormap("inferno")[255, :3]) == (252, 255, 164)
    assert tuple(colormap("magma")[0, :3]) == (0, 0, 4)
    np.testing.assert_array_equal(colormap("viridis_r"), colormap("viridis")[::-1])
    with pytest.raises(ValueError, match="Unknown colour map"):
        colormap("jet")
    assert colormap_names() == ["viridis", "inferno", "magma", "gray", "coolwarm", "RdBu"]
    assert [is_diverging(n) for n in ("coolwarm_r", "RdBu", "rdbu", "viridis", "gray_r")] == [
        True, True, True, False, False]
    np.testing.assert_array_equal(colormap("grey"), colormap("gray"))


def test_diverging_maps_have_exact_centre_and_ends():
    cw = colormap("coolwarm")
    assert tuple(cw[128, :3]) == (221, 221, 221)
    assert tuple(cw[1, :3]) == (59, 76, 192) and tuple(cw[0, :3]) == (59, 76, 192)
    assert tuple(cw[255, :3]) == (180, 4, 38)
    assert tuple(colormap("RdBu")[128, :3]) == (247, 247, 247)
    rev = colormap("coolwarm_r")
    assert tuple(rev[128, :3]) == (221, 221, 221) and tuple(rev[255, :3]) == (59, 76, 192)


# --- grid -------------------------------------------------------------------------------------

def test_mosaic_grid_picks_closest_aspect():
    assert mosaic_grid(64, 112, 112, aspect=1.0) == (8, 8)
    assert mosaic_grid(6, 10, 10, aspect=1.5, sep=0) == (2, 3)
    assert mosaic_grid(12, 1, 1, aspect=3.0, sep=0) == (2, 6)
    assert mosaic_grid(5, 10, 10, aspect=100.0) == (1, 5)
    assert mosaic_grid(5, 10, 10, aspect=0.01) == (5, 1)
    assert mosaic_grid(1, 3, 3) == (1, 1)
    assert mosaic_grid(0, 3, 3) == (0, 0)
    # 8 tiles 40 tall, 10 wide: 1×8 (aspect 2) and 2×4 (aspect 0.5) tie; fewer columns wins.
    # 2×7 (0.875) is closer but leaves a spare column, so it is not a candidate.
    assert mosaic_grid(8, 40, 10, aspect=1.0, sep=0) == (2, 4)


@pytest.mark.parametrize("n", [1, 7, 96, 257, 1024])
def test_mosaic_grid_is_best_by_brute_force(n):
    rows, cols = mosaic_grid(n, 5, 7, aspect=16 / 9, sep=1)
    assert rows * cols >= n and (rows - 1) * cols < n

    def error(c):
        r = -(-n // c)
        return abs(np.log((c * 8 - 1) / (r * 6 - 1)) - np.log(16 / 9))

    tight = {-(-n // r) for r in range(1, n + 1)}  # cols that leave no row or column spare
    assert cols in tight
    assert error(cols) <= min(error(c) for c in tight) + 1e-9


# --- mosaics ----------------------------------------------------------------------------------

def _in_parts(act, part_values, **options):
    """The mosaic from ``mosaic_parts``, and how many parts came before it."""
    parts = list(mosaic_parts(act, part_values=part_values, **options))
    assert all(p is None for p in parts[:-1]) and isinstance(parts[-1], Mosaic)
    return parts[-1], len(parts) - 1


@pytest.mark.parametrize("in_parts", [False, True])
def test_layer_norm_layout_pixels_and_separators(in_parts):
    act = np.arange(2 * 3 * 5, dtype=np.float32).reshape(2, 3, 5)  # H=2, W=3, C=5
    options = dict(norm="layer", cmap="gray", sep=1, sep_value=SEP, grid=(2, 3))
    if in_parts:  # one row of the activation, then one row of tiles, a part
        m, count = _in_parts(act, 1, **options)
        assert count == 2 + 2  # two activation rows for min and max, two tile rows
    else:
        m = render_mosaic(act, **options)
    assert m.rgba.shape == (2 * 3 - 1, 3 * 4 - 1, 4) and m.rgba.dtype == np.uint8
    assert m.rgba.flags.c_contiguous
    assert (m.rows, m.cols, m.tile_h, m.tile_w, m.sep, m.count) == (2, 3, 2, 3, 1, 5)
    assert (m.vmin, m.vmax) == (0.0, 29.0)
    for k in range(5):  # row-major: channel k at row k // 3, column k % 3
        y0, x0 = (k // 3) * 3, (k % 3) * 4
        expected = np.floor(act[:, :, k] / 29.0 * 255 + 0.5).astype(np.uint8)
        got = m.rgba[y0:y0 + 2, x0:x0 + 3]
        np.testing.assert_array_equal(got[..., 0], expected)
        assert (got[..., 3] == 255).all()
    assert (m.rgba[2, :] == SEP).all()  # separator row
    assert (m.rgba[:, 3] == SEP).all() and (m.rgba[:, 7] == SEP).all()  # separator columns
    assert (m.rgba[3:5, 8:11] == SEP).all()  # the empty sixth cell


def test_max_valued_channel_is_last_colour_and_min_first():
    act = np.zeros((4, 4, 3), np.float32)
    act[..., 1] = 9.0
    act[..., 2] = -3.0
    m = render_mosaic(act, norm="layer", cmap="viridis")
    lut = colormap("viridis")
    assert (tile(m, 1) == lut[255]).all()
    assert (tile(m, 2) == lut[0]).all()
    assert (tile(m, 0) == lut[int(3 / 12 * 255 + 0.5)]).all()
    assert (m.vmin, m.vmax) == (-3.0, 9.0)


def test_channel_norm_versus_layer_norm():
    act = np.zeros((1, 2, 3), np.float32)
    act[0, :, 0] = [0.0, 1.0]       # small range
    act[0, :, 1] = [0.0, 100.0]     # large range
    act[0, :, 2] = [5.0, 5.0]       # constant
    with np.errstate(all="raise"):  # constant channels must not divide by zero
        per_channel = render_mosaic(act, norm="channel", cmap="gray", grid=(1, 3))
        layer = render_mosaic(act, norm="layer", cmap="gray", grid=(1, 3))
    assert tile(per_channel, 0)[0, :, 0].tolist() == [0, 255]
    assert tile(per_channel, 1)[0, :, 0].tolist() == [0, 255]
    assert tile(per_channel, 2)[0, :, 0].tolist() == [0, 0]
    assert tile(layer, 0)[0, :, 0].tolist() == [0, 3]  # 1/100·255 = 2.55 -> 3
    assert tile(layer, 1)[0, :, 0].tolist() == [0, 255]
    assert tile(layer, 2)[0, :, 0].tolist() == [13, 13]  # 5/100·255 = 12.75 -> 13


def test_standardize_quiver_recipe():
    act = np.zeros((2, 2, 2), np.float32)
    act[..., 0] = [[-1.0, 1.0], [-1.0, 1.0]]  # mean 0, std 1 -> 0.4 / 0.6
    act[..., 1] = 3.0                          # constant -> 0.5
    with np.errstate(all="raise"):
        m = render_mosaic(act, norm="standardize", cmap="gray", grid=(1, 2))
    assert tile(m, 0)[..., 0].tolist() == [[102, 153], [102, 153]]
    assert (tile(m, 1)[..., 0] == 128).all()
    big = np.zeros((1, 3, 1), np.float32)
    big[0, :, 0] = [0.0, 0.0, 300.0]  # z = +1.41 -> 0.641, clipped range stays inside [0, 1]
    out = render_mosaic(big, norm="standardize", cmap="gray")
    z = (big[0, :, 0] - 100.0) / (np.std(big) + 1e-5) * 0.1 + 0.5
    assert out.rgba[0, :, 0].tolist() == np.floor(np.clip(z, 0, 1) * 255 + 0.5).tolist()


def test_signed_zero_is_diverging_centre():
    act = np.zeros((2, 2, 3), np.float32)
    act[..., 1] = 4.0
    act[..., 2] = -4.0
    act[0, 0, 0] = 2.0
    m = render_mosaic(act, norm="signed")  # picks coolwarm
    lut = colormap("coolwarm")
    assert (m.vmin, m.vmax) == (-4.0, 4.0)
    assert (tile(m, 0)[1, 1] == lut[128]).all() and tuple(lut[128, :3]) == (221, 221, 221)
    assert (tile(m, 0)[0, 0] == lut[128 + 64]).all()  # 2/4·127 = 63.5 -> +64
    assert (tile(m, 1) == lut[255]).all()
    assert (tile(m, 2) == lut[1]).all()
    with np.errstate(all="raise"):
        flat = render_mosaic(np.zeros((3, 3, 2), np.float32), norm="signed")
    assert (flat.rgba[:, :, :3] != 0).any() and (tile(flat, 1) == lut[128]).all()


def test_tile_at_maps_every_pixel():
    act = np.random.default_rng(0).normal(size=(3, 2, 7)).astype(np.float32)
    m = render_mosaic(act, sep=2, grid=(2, 4))
    for y in range(m.rgba.shape[0]):
        for x in range(m.rgba.shape[1]):
            row, dy = divmod(y, 3 + 2)
            col, dx = divmod(x, 2 + 2)
            k = row * 4 + col
            expected = k if dy < 3 and dx < 2 and k < 7 else None
            assert m.tile_at(y, x) == expected
    assert m.tile_at(-1, 0) is None and m.tile_at(0, m.rgba.shape[1]) is None


def test_vectors_batches_nan_and_zero_separator():
    vec = np.array([0.0, 1.0, 2.0, np.nan], np.float32)
    m = render_mosaic(vec, cmap="gray", sep=0, grid=(1, 4))
    assert m.rgba.shape == (1, 4, 4)
    assert m.rgba[0, :, 0].tolist() == [0, 128, 255, 0]  # NaN counts as 0
    batched = render_mosaic(np.ones((1, 5, 5, 2), np.float32))
    assert (batched.tile_h, batched.tile_w, batched.count) == (5, 5, 2)
    with pytest.raises(ValueError, match="Unknown norm"):
        render_mosaic(vec, norm="zscore")
    with pytest.raises(ValueError, match="cannot hold"):
        render_mosaic(np.ones((2, 2, 5), np.float32), grid=(1, 2))


@pytest.mark.parametrize("norm", ["layer", "channel", "standardize", "signed"])
def test_any_part_size_gives_the_same_mosaic(norm):
    """The window draws large layers in parts: the pixels, scale and range are the one-go ones,
    non-finite values and tile rows past the last channel included."""
    act = np.random.default_rng(3).normal(size=(9, 11, 14)).astype(np.float32) * 4
    act[2, 3, 5], act[4, 4, 0] = np.nan, -np.inf
    whole = render_mosaic(act, norm=norm, sep=1, sep_value=SEP, grid=(5, 4))  # 14 tiles: row 5 empty
    assert (whole.rgba[-9:] == SEP).all()  # the empty last row of cells: separator colour
    for part_values in (1, 99, 500, 10_000):
        m, count = _in_parts(act, part_values, norm=norm, sep=1, sep_value=SEP, grid=(5, 4))
        assert count > 1 or part_values == 10_000
        np.testing.assert_array_equal(m.rgba, whole.rgba)
        assert (m.vmin, m.vmax, m.rows, m.cols) == (whole.vmin, whole.vmax, 5, 4)
        assert np.isnan(m.low) and np.isnan(m.high)  # the data's own range, as it is
    finite = np.nan_to_num(act, nan=0.0, neginf=0.0)
    m, _ = _in_parts(finite, 7, norm=norm)
    assert (m.low, m.high) == (float(finite.min()), float(finite.max()))


@pytest.mark.parametrize("shape", [(112, 112, 64), (55, 55, 96), (7, 7, 1024)])
def test_the_widest_layers_render_every_channel(shape):
    """How fast is benchmarks/render.py's job (goal < 30 ms); here: every channel is drawn."""
    h, w, c = shape
    act = np.random.default_rng(1).normal(size=shape).astype(np.float32)
    m = render_mosaic(act)
    assert (m.tile_h, m.tile_w, m.count) == (h, w, c) and m.rows * m.cols >= c
    assert m.rgba.shape == (m.rows * (h + m.sep) - m.sep, m.cols * (w + m.sep) - m.sep, 4)
    y, x = m.tile_origin(c - 1)
    assert m.tile_at(y, x) == c - 1


# --- kernels and strips -----------------------------------------------------------------------

def test_rgb_kernels_symmetric_around_grey():
    k = np.zeros((2, 2, 3, 3), np.float32)
    k[0, 0, 0, 0] = 0.5     # filter 0: max |w| = 0.5
    k[1, 1, 2, 0] = -0.25
    k[0, 1, 1, 1] = -2.0    # filter 1: max |w| = 2
    # filter 2 all zeros -> mid grey, no division by zero
    with np.errstate(all="raise"):
        m = render_kernels_rgb(k, sep=1, sep_value=SEP, aspect=4.0)  # 1×3: 8 px by 2 px
    assert (m.rows, m.cols, m.count) == (1, 3, 3)
    f0, f1, f2 = tile(m, 0), tile(m, 1), tile(m, 2)
    assert tuple(f0[0, 0]) == (255, 128, 128, 255)
    assert tuple(f0[1, 1]) == (128, 128, 65, 255)  # ⌊128.5 − 0.25/0.5·127⌋ = 65
    assert tuple(f1[0, 1]) == (128, 1, 128, 255)
    assert (f2[..., :3] == 128).all()
    assert (m.vmin, m.vmax) == (-2.0, 2.0)
    assert (m.rgba[:, 2] == SEP).all()
    with pytest.raises(ValueError, match="3, out"):
        render_kernels_rgb(np.zeros((3, 3, 4, 2)))


def test_kernel_grid_one_filter_over_inputs():
    k = np.zeros((3, 3, 4, 5), np.float32)
    k[1, 1, 2, 3] = 1.0
    k[0, 0, 0, 3] = -0.5
    m = render_kernel_grid(k, 3)
    lut = colormap("coolwarm")
    assert m.count == 4 and (m.tile_h, m.tile_w) == (3, 3)
    assert (tile(m, 2)[1, 1] == lut[255]).all()
    assert (tile(m, 0)[0, 0] == lut[65]).all()  # ⌊128.5 − 0.5·127⌋ = 65
    assert (tile(m, 1) == lut[128]).all()
    np.testing.assert_array_equal(m.rgba, render_mosaic(k[:, :, :, 3], norm="signed").rgba)


def test_vector_strip_bars():
    img = vector_strip(np.array([0.0, 1.0, 2.0]), height=4, bar_width=2)
    lut = colormap("viridis")
    assert img.shape == (4, 6, 4) and img.flags.c_contiguous
    assert (img[:, 4:6] == lut[255]).all()          # value 2: full height
    assert (img[2:, 2:4] == lut[128]).all()         # value 1: lower half
    assert (img[:2, 2:4] == 0).all() and (img[:, 0:2] == 0).all()
    signed = vector_strip(np.array([-1.0, 1.0]), height=4, bar_width=1)
    cw = colormap("coolwarm")
    assert (signed[:2, 1] == cw[255]).all() and (signed[2:, 1] == 0).all()
    assert (signed[2:, 0] == cw[1]).all() and (signed[:2, 0] == 0).all()
