"""core.images: decoding every odd file to RGB uint8, the size guard, fitting and grey."""

from __future__ import annotations

import io
import os
import warnings

import numpy as np
import pytest
from bad_inputs import (
    CASE_NAMES,
    EXPECTED,
    SKIP_REASONS,
    exif_rotated_jpeg,
    float_tiff_values,
    grey16_values,
    make_bad_images,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import explorer.core.pixels.images as images
from explorer.core.errors import ImageError
from explorer.core.pixels.images import fit_image, from_array, load_image, to_channels


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **options)
    return buf.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_bad_images(tmp_path_factory.mktemp("bad images"))


# --------------------------------------------------------------------------- the bad corpus

@pytest.mark.parametrize("case", CASE_NAMES)
def test_corpus_case_gives_expected_outcome(corpus, case):
    if case not in corpus:
        pytest.skip(SKIP_REASONS[case])
    path, expected = corpus[case]
    if expected == "error":
        with pytest.raises(ImageError) as info:
            load_image(path)
        message = str(info.value)
        assert "\n" not in message and message.endswith(".")
        assert info.value.fix, "every image error must say how to fix it"
        return
    loaded = load_image(path)
    want = EXPECTED[case]
    assert loaded.pixels.shape == want["shape"]
    assert loaded.pixels.dtype == np.uint8
    assert not loaded.pixels.flags.writeable
    assert loaded.name == path.name
    if "pixel" in want:
        (row, col), colour = want["pixel"]
        np.testing.assert_allclose(loaded.pixels[row, col], colour, atol=3)


def test_corpus_error_messages_say_what_happened(corpus):
    def message(case):
        with pytest.raises(ImageError) as info:
            load_image(corpus[case][0])
        return str(info.value)

    assert "empty (0 bytes)" in message("zero_byte")
    assert "not an image" in message("text_as_png")
    assert "truncated" in message("truncated_jpeg")
    assert "truncated" in message("truncated_png")
    assert "folder" in message("directory")
    assert "not found" in message("missing")
    for case, declared in (("decompression_bomb", "1,600 megapixels"),
                           ("oversized_png", "11000×10000 = 110 megapixels")):
        text = message(case)
        assert declared in text and "MAX_IMAGE_PIXELS" in text and "100 megapixels" in text


def test_unreadable_file_names_the_permission_problem(corpus):
    if "unreadable" not in corpus:
        pytest.skip(SKIP_REASONS["unreadable"])
    with pytest.raises(ImageError, match="Permission denied"):
        load_image(corpus["unreadable"][0])


def test_permission_error_from_the_os_becomes_image_error(tmp_path, monkeypatch):
    # Runs even as root: the OS refusal is simulated at the one place the module opens files.
    path = tmp_path / "locked.png"
    path.write_bytes(_encode(Image.new("RGB", (2, 2)), "PNG"))

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(images, "open", refuse, raising=False)
    with pytest.raises(ImageError, match="Permission denied reading .*locked.png") as info:
        load_image(path)
    assert "chmod" in info.value.fix


def test_grey16_is_scaled_by_257(corpus):
    loaded = load_image(corpus["grey16_png"][0])
    want = np.rint(grey16_values() / 257.0).astype(np.uint8)
    assert loaded.source_mode.startswith("I;16")
    np.testing.assert_array_equal(loaded.pixels[..., 0], want)
    np.testing.assert_array_equal(loaded.pixels[..., 0], loaded.pixels[..., 2])
    assert loaded.pixels[0, 0, 0] == 0 and loaded.pixels[0, -1, 0] == 255


def test_float_tiff_in_unit_range_is_scaled_by_255(corpus):
    loaded = load_image(corpus["float_tiff"][0])
    want = np.rint(float_tiff_values().astype(np.float64) * 255).astype(np.uint8)
    np.testing.assert_array_equal(loaded.pixels[..., 1], want)


def test_signed_32bit_image_is_stretched_min_to_max():
    values = np.linspace(-1000, 3000, 20).reshape(4, 5).astype(np.int32)
    loaded = load_image(_encode(Image.fromarray(values), "TIFF"))
    want = np.rint((values - -1000.0) * 255.0 / 4000.0).astype(np.uint8)
    np.testing.assert_array_equal(loaded.pixels[..., 0], want)
    assert any("stretched" in step for step in loaded.steps)


def test_animated_gif_uses_first_frame(corpus):
    loaded = load_image(corpus["animated_gif"][0])
    assert (loaded.pixels == (255, 0, 0)).all()
    assert "first frame of 3" in loaded.steps


@pytest.mark.parametrize("orientation, top, bottom",
                         [(6, (255, 0, 0), (0, 0, 255)), (8, (0, 0, 255), (255, 0, 0))])
def test_exif_orientation_rotates_the_pixels(orientation, top, bottom):
    loaded = load_image(exif_rotated_jpeg(orientation))
    # Stored 40 wide × 20 high with red left, blue right; upright it is 20 wide × 40 high.
    assert loaded.pixels.shape == (40, 20, 3)
    np.testing.assert_allclose(loaded.pixels[:16].reshape(-1, 3).mean(0), top, atol=6)
    np.testing.assert_allclose(loaded.pixels[24:].reshape(-1, 3).mean(0), bottom, atol=6)
    assert any(f"EXIF orientation {orientation}" in step for step in loaded.steps)


def test_palette_transparency_is_composited_on_white(corpus):
    px = load_image(corpus["palette_transparent_png"][0]).pixels
    assert (px[:, 0] == 255).all()                # index 1 is transparent
    assert (px[:, 1:] == (255, 0, 0)).all()        # index 0 is opaque red


def test_partial_alpha_is_blended_over_white():
    alpha = np.array([[0, 64, 128, 255]], np.uint8)
    rgba = np.zeros((1, 4, 4), np.uint8)
    rgba[..., 2] = 200                             # blue 200 at various opacities
    rgba[..., 3] = alpha
    loaded = load_image(_encode(Image.fromarray(rgba), "PNG"))
    a = alpha[0] / 255.0
    want_rg = 255 * (1 - a)                        # red/green: only the white shows through
    want_b = 200 * a + 255 * (1 - a)
    np.testing.assert_allclose(loaded.pixels[0, :, 0], want_rg, atol=1)
    np.testing.assert_allclose(loaded.pixels[0, :, 1], want_rg, atol=1)
    np.testing.assert_allclose(loaded.pixels[0, :, 2], want_b, atol=1)


def test_grey_with_alpha_is_composited_on_white():
    la = Image.merge("LA", (Image.new("L", (3, 3), 10), Image.new("L", (3, 3), 0)))
    loaded = load_image(_encode(la, "PNG"))
    assert (loaded.pixels == 255).all()


def test_bilevel_tiff_is_black_and_white(corpus):
    px = load_image(corpus["bilevel_tiff"][0]).pixels[..., 0]
    checker = (np.indices((8, 8)).sum(axis=0) % 2 == 0)
    np.testing.assert_array_equal(px, np.where(checker, 255, 0))


# ------------------------------------------------------------------------ real photos, bytes

def test_fixture_photos_decode_like_pillow(fixture_images):
    files = sorted(p for p in fixture_images.iterdir() if p.suffix in (".bmp", ".jpg"))
    assert len(files) >= 5
    for path in files:
        loaded = load_image(path)
        with Image.open(path) as ref:
            want = np.asarray(ref.convert("RGB"))
        np.testing.assert_array_equal(loaded.pixels, want)
        assert loaded.name == path.name
        assert loaded.source_format in ("BMP", "JPEG")
        assert loaded.steps[0].startswith(f"decode {loaded.source_format} {want.shape[1]}×")


def test_bytes_and_path_give_the_same_pixels(corpus):
    path = corpus["non_ascii_name"][0]
    from_path = load_image(path)
    from_bytes = load_image(path.read_bytes(), name="dropped.png")
    np.testing.assert_array_equal(from_path.pixels, from_bytes.pixels)
    assert from_bytes.name == "dropped.png" and from_path.name == "café_ñandú_日本語.png"
    assert load_image(bytearray(path.read_bytes())).name == "image"


def test_empty_bytes_and_bad_paths_raise_image_error(tmp_path):
    with pytest.raises(ImageError, match="empty"):
        load_image(b"")
    with pytest.raises(ImageError):
        load_image(str(tmp_path / "bad\0name.png"))
    with pytest.raises(ImageError, match="Cannot open .*File name too long"):
        load_image(tmp_path / ("x" * 300 + ".png"))
    if hasattr(os, "mkfifo"):  # POSIX: opening a pipe would block forever
        fifo = tmp_path / "pipe.png"
        os.mkfifo(fifo)
        with pytest.raises(ImageError, match="not a regular file"):
            load_image(fifo)
    with pytest.raises(TypeError):
        load_image(3)  # a file descriptor is not a path: a programming error


# ----------------------------------------------------------------------------- size guard

def test_our_pixel_limit_is_enforced_and_named(monkeypatch):
    monkeypatch.setattr(images, "MAX_IMAGE_PIXELS", 48)
    assert load_image(_encode(Image.new("RGB", (8, 6)), "PNG")).pixels.shape == (6, 8, 3)
    limit = r"7×7 = 49 pixels, over the limit of 48 pixels \(MAX_IMAGE_PIXELS = 48\)"
    with pytest.raises(ImageError, match=limit):
        load_image(_encode(Image.new("RGB", (7, 7)), "PNG"))


def test_pillow_bomb_warning_and_error_never_leak(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # warns above 1000, errors above 2000
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loaded = load_image(_encode(Image.new("RGB", (40, 40)), "PNG"))  # 1600: warning range
    assert loaded.pixels.shape == (40, 40, 3)
    with pytest.raises(ImageError, match=r"declares 2,500 pixels") as info:
        load_image(_encode(Image.new("RGB", (50, 50)), "PNG"))        # 2500: Pillow's error
    assert "MAX_IMAGE_PIXELS" in str(info.value)
    assert isinstance(info.value.__cause__, (type(None), Image.DecompressionBombError))


def test_decoder_warnings_become_steps_not_console_noise(monkeypatch):
    real_open = Image.open

    def open_with_a_warning(fp, *args, **kwargs):
        warnings.warn("Corrupt EXIF data.", UserWarning)
        return real_open(fp, *args, **kwargs)

    monkeypatch.setattr(Image, "open", open_with_a_warning)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loaded = load_image(_encode(Image.new("RGB", (3, 2), (1, 2, 3)), "PNG"))
    assert loaded.steps == ("decode PNG 3×2 RGB", "decoder warning: Corrupt EXIF data.")
    assert (loaded.pixels == (1, 2, 3)).all()


# ------------------------------------------------------------------------- fuzzing the bytes

def _seed_files() -> list[bytes]:
    rng = np.random.default_rng(7)
    arr = rng.integers(0, 256, (12, 16, 3), dtype=np.uint8)
    rgb = Image.fromarray(arr)
    return [_encode(rgb, "PNG"), _encode(rgb, "JPEG", quality=80),
            _encode(rgb.convert("P"), "GIF"), _encode(rgb, "BMP"), _encode(rgb, "TIFF"),
            _encode(rgb, "WEBP"), _encode(rgb.convert("L"), "PNG")]


SEEDS = _seed_files()


@st.composite
def mutated_image_bytes(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
        pos = draw(st.integers(0, len(data) - 1)) if data else 0
        if kind == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "cut":
            data = data[:pos] + data[pos + draw(st.integers(1, 64)):]
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "zero":
            data[pos:pos + 4] = b"\xff\xff\xff\x7f"   # huge numbers in size fields
    return bytes(data)


def _only_image_error(data: bytes):
    try:
        loaded = load_image(data)
    except ImageError as exc:
        assert str(exc)
        return
    assert loaded.pixels.ndim == 3 and loaded.pixels.shape[2] == 3
    assert loaded.pixels.dtype == np.uint8 and loaded.pixels.size > 0


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_image_bytes())
def test_mutated_real_files_raise_only_image_error(data):
    _only_image_error(data)


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.binary(max_size=512),
                 st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"BM",
                                  b"II*\x00", b"RIFF"]).flatmap(
                     lambda magic: st.binary(max_size=256).map(lambda tail: magic + tail))))
def test_random_bytes_raise_only_image_error(data):
    _only_image_error(data)


# --------------------------------------------------------------------- grey, arrays, fitting

def test_to_channels_grey_is_itu_601_luma_like_pillow():
    rng = np.random.default_rng(3)
    rgb = rng.integers(0, 256, (9, 11, 3), dtype=np.uint8)
    grey = to_channels(rgb, 1)
    assert grey.shape == (9, 11, 1) and grey.dtype == np.uint8
    luma = rgb.astype(np.float64) @ np.array([0.299, 0.587, 0.114])
    assert np.abs(grey[..., 0] - luma).max() <= 1.0
    np.testing.assert_array_equal(grey[..., 0], np.asarray(Image.fromarray(rgb).convert("L")))
    back = to_channels(grey, 3)
    assert back.shape == (9, 11, 3) and (back == grey).all()
    assert to_channels(rgb, 3) is not rgb and (to_channels(rgb, 3) == rgb).all()


def test_from_array_accepts_grey_and_rgba_and_rejects_floats():
    grey = from_array(np.full((3, 4), 77, np.uint8), name="digit")
    assert grey.pixels.shape == (3, 4, 3) and (grey.pixels == 77).all() and grey.name == "digit"
    rgba = np.zeros((2, 2, 4), np.uint8)
    assert (from_array(rgba).pixels == 255).all()          # fully transparent -> white
    with pytest.raises(ImageError, match="uint8"):
        from_array(np.zeros((4, 4), np.float32))
    with pytest.raises(ImageError):
        from_array(np.zeros((4, 4, 2), np.uint8))


def _banded(height: int, width: int, band: int, horizontal: bool) -> np.ndarray:
    """Green picture with red/blue bands of ``band`` pixels at the two ends of the long axis."""
    arr = np.zeros((height, width, 3), np.uint8)
    arr[...] = (0, 255, 0)
    if horizontal:
        arr[:, :band], arr[:, width - band:] = (255, 0, 0), (0, 0, 255)
    else:
        arr[:band], arr[height - band:] = (255, 0, 0), (0, 0, 255)
    return arr


def test_fit_crop_cuts_the_centre_to_the_aspect_then_resizes():
    arr = _banded(480, 640, 80, horizontal=True)
    out, step = fit_image(arr, 224, 224)
    assert step == "centre-crop 640×480 → 480×480, resize → 224×224 (bilinear)"
    assert out.shape == (224, 224, 3) and (out == (0, 255, 0)).all()
    tall, step = fit_image(_banded(300, 100, 50, horizontal=False), 10, 5, "crop")
    assert step == "centre-crop 100×300 → 100×200, resize → 5×10 (bilinear)"
    assert (tall == (0, 255, 0)).all()


def test_fit_resize_keeps_everything_and_stretches():
    out, step = fit_image(_banded(480, 640, 80, horizontal=True), 224, 224, "resize")
    assert step == "resize 640×480 → 224×224 (bilinear)"
    assert out.shape == (224, 224, 3)
    assert (out[:, :20] == (255, 0, 0)).all() and (out[:, -20:] == (0, 0, 255)).all()


def test_fit_noop_crop_only_and_grey():
    arr = _banded(20, 20, 2, horizontal=True)
    same, step = fit_image(arr, 20, 20)
    assert step == "no resize: already 20×20" and (same == arr).all() and same is not arr
    cropped, step = fit_image(_banded(20, 30, 5, horizontal=True), 20, 20)
    assert step == "centre-crop 30×20 → 20×20" and (cropped == (0, 255, 0)).all()
    grey, _ = fit_image(np.full((30, 40, 1), 99, np.uint8), 7, 7)
    assert grey.shape == (7, 7, 1) and (grey == 99).all()
    with pytest.raises(ValueError):
        fit_image(arr, 10, 10, "squash")
