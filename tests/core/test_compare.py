"""core.compare: layers paired by path, then by position and shape; cosine and difference
checked against numpy written here."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from explorer.core import compare


@dataclass(frozen=True)
class Row:
    path: str
    type: str
    output_shape: tuple


BASE = [Row("image", "InputLayer", (28, 28, 1)), Row("conv1", "Conv2D", (28, 28, 8)),
        Row("pool1", "MaxPooling2D", (14, 14, 8)), Row("conv2", "Conv2D", (14, 14, 16)),
        Row("flatten", "Flatten", (3136,)), Row("predictions", "Dense", (10,))]


def test_identical_tables_pair_every_row_by_path():
    match = compare.match_layers(BASE, BASE)
    assert [(p.a, p.b, p.how, p.same_shape) for p in match.pairs] == \
        [(r.path, r.path, "path", True) for r in BASE]


def test_a_replaced_head_keeps_its_path_but_not_its_shape():
    tuned = BASE[:-1] + [Row("predictions", "Dense", (3,))]
    pair = compare.match_layers(BASE, tuned).for_a("predictions")
    assert (pair.b, pair.how, pair.same_shape) == ("predictions", "path", False)


def test_a_nested_base_is_paired_by_position_where_types_and_shapes_agree():
    """A fine-tuned model nests its base: the inner paths differ, the head keeps its name."""
    tuned = [Row("image", "InputLayer", (28, 28, 1)),
             Row("base/conv1", "Conv2D", (28, 28, 8)),
             Row("base/pool1", "MaxPooling2D", (14, 14, 8)),
             Row("base/extra", "BatchNormalization", (14, 14, 8)),
             Row("base/conv2", "Conv2D", (14, 14, 16)),
             Row("avg_pool", "GlobalAveragePooling2D", (16,)),
             Row("predictions", "Dense", (4,))]
    match = compare.match_layers(BASE, tuned)
    assert [(p.a, p.b, p.how) for p in match.pairs] == [
        ("image", "image", "path"), ("conv1", "base/conv1", "position"),
        ("pool1", "base/pool1", "position"), ("conv2", "base/conv2", "position"),
        ("predictions", "predictions", "path")]
    assert match.for_a("flatten") is None
    assert match.for_b("base/extra") is None
    assert match.counts() == {"path": 2, "position": 3}


def test_channel_cosine_and_difference_match_numpy():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(5, 6, 4)).astype(np.float32)
    b = a.copy()
    b[..., 2] = -b[..., 2]
    b[..., 3] = rng.normal(size=(5, 6))
    cos = compare.channel_cosine(a, b)
    for c in range(4):
        x, y = a[..., c].ravel().astype(np.float64), b[..., c].ravel().astype(np.float64)
        assert cos[c] == pytest.approx(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)))
    assert cos[0] == pytest.approx(1.0) and cos[2] == pytest.approx(-1.0)
    assert compare.most_changed(cos, 2) == [2, 3]
    np.testing.assert_array_equal(compare.difference(a, b), a - b)
    assert compare.shared_range(a, b) == (float(min(a.min(), b.min())),
                                          float(max(a.max(), b.max())))


def test_zero_channels_and_vectors():
    zeros = np.zeros((2, 2, 2), np.float32)
    one = zeros.copy()
    one[..., 1] = 1
    np.testing.assert_array_equal(compare.channel_cosine(zeros, one), [1.0, 0.0])
    v = np.array([1.0, 2.0, 2.0])
    assert compare.layer_cosine(v, 2 * v) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        compare.channel_cosine(v, v)
    with pytest.raises(ValueError):
        compare.difference(v, np.zeros(2))


def test_the_similarity_strip_colours_each_channel_by_its_cosine():
    from explorer.core.pixels.colormaps import colormap

    strip = compare.similarity_strip(np.array([-1.0, 0.0, 1.0]), cell=3, height=2)
    lut = colormap(compare.SIMILARITY_CMAP)
    assert strip.shape == (2, 9, 4)
    np.testing.assert_array_equal(strip[1, 0], lut[0])
    np.testing.assert_array_equal(strip[0, 8], lut[255])
    np.testing.assert_array_equal(strip[0, 4], lut[128])


def test_a_shared_value_range_puts_two_mosaics_on_one_scale():
    from explorer.core.pixels.render import render_feature_maps

    a = np.full((2, 2, 1), 1.0, np.float32)
    b = np.full((2, 2, 1), 3.0, np.float32)
    low, high = compare.shared_range(a, b)
    ma = render_feature_maps(a, "layer", value_range=(low, high))
    mb = render_feature_maps(b, "layer", value_range=(low, high))
    from explorer.core.pixels.colormaps import colormap
    lut = colormap("viridis")
    np.testing.assert_array_equal(ma.rgba[0, 0], lut[0])
    np.testing.assert_array_equal(mb.rgba[0, 0], lut[255])
    assert (ma.vmin, ma.vmax) == (mb.vmin, mb.vmax) == (1.0, 3.0)
