"""core.preprocess: specs, the pixel pipeline, and parity with Keras's preprocess_input."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from explorer.core.errors import ModelError
from explorer.core.pixels.images import from_array, load_image
from explorer.core.pixels.preprocess import (
    MAX_FREE_SIDE,
    InputSpec,
    Preprocessing,
    describe,
    prepare_input,
    scale_pixels,
)


def _random_rgb(height: int, width: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)


def _spec(h, w, c=3, **prep) -> InputSpec:
    return InputSpec(h, w, c, Preprocessing(**prep))


# ----------------------------------------------------------------------- parity with Keras

@pytest.mark.parametrize("mode", ["caffe", "tf", "torch"])
def test_modes_match_keras_preprocess_input(mode):
    keras = pytest.importorskip("keras")
    from keras.applications import imagenet_utils

    assert keras.backend.image_data_format() == "channels_last"
    pixels = _random_rgb(17, 23, seed=1)
    x = pixels[np.newaxis].astype(np.float32)
    want = imagenet_utils.preprocess_input(x.copy(), mode=mode)
    got = prepare_input(from_array(pixels), _spec(17, 23, mode=mode)).tensor
    assert got.shape == (1, 17, 23, 3) and got.dtype == np.float32
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(scale_pixels(pixels, Preprocessing(mode)), want[0])


def test_modes_by_hand_on_one_pixel():
    px = np.array([[[10, 100, 250]]], np.uint8)
    caffe = scale_pixels(px, Preprocessing("caffe"))[0, 0]
    np.testing.assert_allclose(caffe, [250 - 103.939, 100 - 116.779, 10 - 123.68], rtol=1e-6)
    tf = scale_pixels(px, Preprocessing("tf"))[0, 0]
    np.testing.assert_allclose(tf, [10 / 127.5 - 1, 100 / 127.5 - 1, 250 / 127.5 - 1],
                               rtol=1e-6)
    torch = scale_pixels(px, Preprocessing("torch"))[0, 0]
    np.testing.assert_allclose(torch, [(10 / 255 - 0.485) / 0.229, (100 / 255 - 0.456) / 0.224,
                                       (250 / 255 - 0.406) / 0.225], rtol=1e-6)
    none = scale_pixels(px, Preprocessing("none"))
    assert none.dtype == np.float32 and none.tolist() == [[[10.0, 100.0, 250.0]]]
    rescale = scale_pixels(px, Preprocessing("rescale", scale=2.0, offset=-3.0))[0, 0]
    assert rescale.tolist() == [17.0, 197.0, 497.0]
    minus_one = Preprocessing("rescale", scale=1 / 127.5, offset=-1.0)
    np.testing.assert_allclose(scale_pixels(px, minus_one), scale_pixels(px, Preprocessing("tf")),
                               atol=1e-6)
    assert describe(_spec(4, 4, mode="rescale", scale=1 / 127.5, offset=-1.0))[-1] == \
        "rescale: x × 0.00784314 − 1"
    default = scale_pixels(px, Preprocessing())[0, 0]
    np.testing.assert_allclose(default, [10 / 255, 100 / 255, 250 / 255], rtol=1e-6)


# --------------------------------------------------------------------------------- LeNet-5

def test_lenet_spec_greys_inverts_and_pads_a_dark_on_light_digit():
    # A 28×28 photo of a dark "1" on a light page: the model wants light-on-dark, 32×32.
    page = np.full((28, 28, 3), (240, 235, 230), np.uint8)
    page[4:24, 12:16] = (20, 30, 40)
    spec = _spec(28, 28, 1, mode="rescale", pad_to=(32, 32), invert=True)
    prepared = prepare_input(from_array(page, name="one"), spec)

    grey_page = 0.299 * 240 + 0.587 * 235 + 0.114 * 230       # 236.1...
    grey_ink = 0.299 * 20 + 0.587 * 30 + 0.114 * 40           # 28.1...
    want = np.zeros((32, 32), np.float64)
    want[2:30, 2:30] = 255 - grey_page
    want[6:26, 14:18] = 255 - grey_ink
    assert prepared.tensor.shape == (1, 32, 32, 1) and prepared.tensor.dtype == np.float32
    assert prepared.fed_pixels.shape == (32, 32, 1) and prepared.fed_pixels.dtype == np.uint8
    np.testing.assert_allclose(prepared.fed_pixels[..., 0], want, atol=1)
    np.testing.assert_allclose(prepared.tensor[0, ..., 0], want / 255, atol=1 / 255 + 1e-6)
    assert (prepared.tensor[0, :2] == 0).all() and (prepared.tensor[0, :, -2:] == 0).all()
    steps = prepared.steps
    assert steps[0] == "array 28×28 RGB" and "keep size 28×28" in steps
    assert any(s.startswith("RGB → grey") for s in steps)
    assert "invert: 255 − x (dark-on-light → light-on-dark)" in steps
    assert "zero-pad (centred) 28×28 → 32×32" in steps
    assert steps[-1] == "rescale: x × 0.00392157 + 0"
    assert spec.model_input_shape == (32, 32, 1)


def test_padding_an_odd_margin_puts_the_extra_row_below_and_right():
    white = np.full((28, 28, 3), 255, np.uint8)
    fed = prepare_input(from_array(white), _spec(28, 28, 1, pad_to=(31, 33))).fed_pixels[..., 0]
    rows, cols = np.nonzero(fed)
    assert (rows.min(), rows.max(), cols.min(), cols.max()) == (1, 28, 2, 29)


# ------------------------------------------------------------------------------- geometry

def test_fixed_size_fit_crop_and_resize_differ_on_a_wide_image():
    arr = np.zeros((100, 300, 3), np.uint8)
    arr[:, :100] = (255, 0, 0)
    arr[:, 100:200] = (0, 255, 0)
    arr[:, 200:] = (0, 0, 255)
    image = from_array(arr)
    crop = prepare_input(image, _spec(20, 20, mode="none"))
    assert (crop.fed_pixels == (0, 255, 0)).all()
    assert "centre-crop 300×100 → 100×100, resize → 20×20 (bilinear)" in crop.steps
    stretched = prepare_input(image, _spec(20, 20, mode="none"), fit="resize")
    assert (stretched.fed_pixels[:, 0] == (255, 0, 0)).all()
    assert (stretched.fed_pixels[:, -1] == (0, 0, 255)).all()
    np.testing.assert_array_equal(stretched.tensor[0], stretched.fed_pixels.astype(np.float32))


def test_free_size_keeps_small_images_and_caps_large_ones():
    small = prepare_input(from_array(_random_rgb(200, 300)), _spec(None, None, mode="tf"))
    assert small.tensor.shape == (1, 200, 300, 3) and "keep size 300×200" in small.steps
    big = prepare_input(from_array(_random_rgb(1000, 2000)), _spec(None, None))
    assert big.tensor.shape == (1, MAX_FREE_SIDE // 2, MAX_FREE_SIDE, 3)
    assert any("free size, long side ≤ 1024" in s for s in big.steps)
    one_free = prepare_input(from_array(_random_rgb(100, 200)), _spec(64, None))
    assert one_free.tensor.shape == (1, 64, 128, 3)


def test_a_tall_photo_through_an_imagenet_caffe_spec(photos):
    path = photos / "grace_hopper.bmp"                         # 512 wide × 600 high
    prepared = prepare_input(load_image(path), _spec(224, 224, mode="caffe"))
    with Image.open(path) as ref:
        top = (600 - 512) // 2
        want_rgb = np.asarray(ref.convert("RGB").crop((0, top, 512, top + 512))
                              .resize((224, 224), Image.Resampling.BILINEAR), np.float32)
    want = want_rgb[..., ::-1] - np.array([103.939, 116.779, 123.68], np.float32)
    assert prepared.tensor.shape == (1, 224, 224, 3)
    np.testing.assert_allclose(prepared.tensor[0], want, atol=1e-4)
    assert prepared.steps[0] == "decode BMP 512×600 RGB"
    assert "centre-crop 512×600 → 512×512, resize → 224×224 (bilinear)" in prepared.steps


def test_outputs_are_read_only():
    prepared = prepare_input(from_array(_random_rgb(8, 8)), _spec(4, 4))
    assert not prepared.tensor.flags.writeable and not prepared.fed_pixels.flags.writeable


# ---------------------------------------------------------------------- specs and describe

@pytest.mark.parametrize("make, match", [
    (lambda: Preprocessing("scale"), "Unknown preprocessing mode 'scale'"),
    (lambda: Preprocessing(pad_to=(0, 32)), "pad_to must be two positive sizes"),
    (lambda: _spec(28, 28, 2), "Only grey"),
    (lambda: _spec(0, 28), "positive integers"),
    (lambda: _spec(28, 28, 1, mode="caffe"), "needs 3"),
    (lambda: _spec(28, 28, 1, mode="torch"), "needs 3"),
    (lambda: _spec(None, None, 1, pad_to=(32, 32)), "fixed height and width"),
    (lambda: _spec(28, 28, 1, pad_to=(27, 32)), "smaller than the fitted size"),
])
def test_bad_specs_raise_model_error(make, match):
    with pytest.raises(ModelError, match=match):
        make()


def test_specs_are_frozen_and_hashable():
    spec = _spec(np.int64(28), 28, 1, pad_to=[32, 32])
    assert spec.height == 28 and type(spec.height) is int
    assert spec.preprocessing.pad_to == (32, 32)
    assert hash(spec) == hash(_spec(28, 28, 1, pad_to=(32, 32)))
    with pytest.raises(AttributeError):
        spec.height = 32


def test_describe_lists_every_step_and_ends_like_prepare_input():
    lenet = _spec(28, 28, 1, pad_to=(32, 32), invert=True)
    assert describe(lenet) == [
        "model input 32×32×1 (grey)",
        "centre-crop to the aspect 28:28, then resize to 28×28 (bilinear)",
        "RGB → grey (ITU-R 601 luma: 0.299 R + 0.587 G + 0.114 B)",
        "invert: 255 − x (dark-on-light → light-on-dark)",
        "zero-pad (centred) to 32×32",
        "rescale: x × 0.00392157 + 0",
    ]
    free = describe(_spec(None, None, mode="none"), fit="resize")
    assert free[0] == "model input any×any×3 (RGB)" and "1024" in free[1]
    for mode in ("caffe", "tf", "torch", "none", "rescale"):
        spec = _spec(8, 8, mode=mode)
        prepared = prepare_input(from_array(_random_rgb(8, 8)), spec)
        assert describe(spec)[-1] == prepared.steps[-1]
        assert mode in prepared.steps[-1]
    assert "resize to 224×224 (bilinear, aspect not kept)" in describe(_spec(224, 224), "resize")
