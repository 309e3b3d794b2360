"""Generate a corpus of bad and odd image files for robustness tests.

Used by the image tests and by the CLI/GUI robustness tests::

    from bad_inputs import make_bad_images          # tests/ is on sys.path under pytest
    cases = make_bad_images(tmp_path)
    for case, (path, expected) in cases.items():    # expected: "ok" or "error"
        ...

or from a shell, to look at the files: ``python tests/bad_inputs.py OUT_DIR`` (prints JSON).

Every file is made here with Pillow or by hand; nothing is copied from anywhere. A case that
cannot be made meaningful on this machine is left out of the returned dict and its reason is
in :data:`SKIP_REASONS` (only ``"unreadable"``: ``chmod 000`` means nothing to root).
"""

from __future__ import annotations

import io
import json
import os
import struct
import sys
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

CASE_NAMES = (
    "zero_byte", "text_as_png", "truncated_jpeg", "truncated_png", "one_pixel", "grey16_png",
    "cmyk_jpeg", "palette_transparent_png", "animated_gif", "bilevel_tiff", "exif_rotated_jpeg",
    "decompression_bomb", "oversized_png", "non_ascii_name", "unreadable", "directory",
    "missing", "jpeg_named_png", "rgba_png", "webp", "float_tiff",
)
"""Every case :func:`make_bad_images` knows, in a stable order."""

SKIP_REASONS = {
    "unreadable": "file permissions are not enforced for this user (running as root?), so a "
                  "chmod 000 file can still be read and cannot test the permission error",
}
"""Why a case may be missing from :func:`make_bad_images`' result on this machine."""

EXIF_ORIENTATION = 0x0112

# What the "ok" cases must decode to (height, width) and a known pixel, for the tests.
EXPECTED = {
    "one_pixel": {"shape": (1, 1, 3), "pixel": ((0, 0), (10, 200, 30))},
    "grey16_png": {"shape": (8, 256, 3)},
    "cmyk_jpeg": {"shape": (16, 16, 3), "pixel": ((8, 8), (255, 0, 0))},
    "palette_transparent_png": {"shape": (8, 8, 3), "pixel": ((0, 0), (255, 255, 255))},
    "animated_gif": {"shape": (8, 8, 3), "pixel": ((4, 4), (255, 0, 0))},
    "bilevel_tiff": {"shape": (8, 8, 3), "pixel": ((0, 0), (255, 255, 255))},
    "exif_rotated_jpeg": {"shape": (40, 20, 3)},
    "non_ascii_name": {"shape": (6, 9, 3), "pixel": ((3, 4), (0, 128, 255))},
    "jpeg_named_png": {"shape": (12, 10, 3)},
    "rgba_png": {"shape": (4, 4, 3), "pixel": ((0, 0), (255, 255, 255))},
    "webp": {"shape": (10, 14, 3)},
    "float_tiff": {"shape": (5, 7, 3)},
}


def grey16_values() -> np.ndarray:
    """The 16-bit ramp stored in ``grey16_png``: (8, 256) uint16 from 0 to 65535."""
    row = np.linspace(0, 65535, 256).round().astype(np.uint16)
    return np.tile(row, (8, 1))


def float_tiff_values() -> np.ndarray:
    """The float32 values stored in ``float_tiff``: 0..1 ramp of shape (5, 7)."""
    return (np.arange(35, dtype=np.float32) / 34.0).reshape(5, 7)


def permissions_enforced(directory: Path) -> bool:
    """Whether a ``chmod 000`` file in ``directory`` really cannot be opened by this user."""
    probe = Path(directory) / ".permission_probe"
    probe.write_bytes(b"x")
    try:
        probe.chmod(0)
        try:
            with open(probe, "rb"):
                return False
        except PermissionError:
            return True
    finally:
        probe.chmod(0o600)
        probe.unlink()


def make_bad_images(directory: str | os.PathLike) -> dict[str, tuple[Path, str]]:
    """Write the corpus into ``directory`` (created if needed).

    Args:
        directory: where to write; existing files with the same names are replaced.

    Returns:
        ``{case_name: (path, expected)}`` with ``expected`` ``"ok"`` (decodes to an RGB image)
        or ``"error"`` (must raise ``ImageError``). Cases in :data:`SKIP_REASONS` may be
        absent.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    cases: dict[str, tuple[Path, str]] = {}

    def put(case: str, filename: str, data: bytes, expected: str) -> Path:
        path = out / filename
        if path.exists():
            path.chmod(0o600)
        path.write_bytes(data)
        cases[case] = (path, expected)
        return path

    photo = _photo(32, 48)
    jpeg, png = _encode(photo, "JPEG", quality=90), _encode(photo, "PNG")
    put("zero_byte", "empty.png", b"", "error")
    put("text_as_png", "notes.png", "This is a shopping list, not a picture.\n".encode() * 20,
        "error")
    put("truncated_jpeg", "truncated.jpg", jpeg[: len(jpeg) // 2], "error")
    put("truncated_png", "truncated.png", png[: len(png) // 2], "error")
    put("one_pixel", "one_pixel.png", _encode(Image.new("RGB", (1, 1), (10, 200, 30)), "PNG"),
        "ok")
    put("grey16_png", "grey16.png", _encode(Image.fromarray(grey16_values()), "PNG"), "ok")
    put("cmyk_jpeg", "cmyk.jpg",
        _encode(Image.new("CMYK", (16, 16), (0, 255, 255, 0)), "JPEG", quality=95), "ok")
    put("palette_transparent_png", "palette_alpha.png", _palette_with_transparency(), "ok")
    put("animated_gif", "animated.gif", _animated_gif(), "ok")
    checker = (np.indices((8, 8)).sum(axis=0) % 2 == 0)
    put("bilevel_tiff", "bilevel.tif", _encode(Image.fromarray(checker).convert("1"), "TIFF"),
        "ok")
    put("exif_rotated_jpeg", "rotated.jpg", exif_rotated_jpeg(6), "ok")
    put("decompression_bomb", "bomb.png", _png_header_only(40_000, 40_000), "error")
    put("oversized_png", "oversized.png", _png_header_only(11_000, 10_000), "error")
    put("non_ascii_name", "café_ñandú_日本語.png",
        _encode(Image.new("RGB", (9, 6), (0, 128, 255)), "PNG"), "ok")
    put("jpeg_named_png", "really_a_jpeg.png", _encode(_photo(12, 10), "JPEG"), "ok")
    rgba = np.zeros((4, 4, 4), np.uint8)
    rgba[..., 0] = 255                      # red, fully transparent at (0, 0) ...
    rgba[1:, :, 3] = 255                    # ... and opaque below the first row
    put("rgba_png", "rgba.png", _encode(Image.fromarray(rgba), "PNG"), "ok")
    put("webp", "photo.webp", _encode(_photo(10, 14), "WEBP", quality=90), "ok")
    put("float_tiff", "float.tif", _encode(Image.fromarray(float_tiff_values()), "TIFF"), "ok")

    unreadable = put("unreadable", "unreadable.png", png, "error")
    if permissions_enforced(out):
        unreadable.chmod(0)
    else:
        del cases["unreadable"]
    folder = out / "folder.png"
    folder.mkdir(exist_ok=True)
    cases["directory"] = (folder, "error")
    cases["missing"] = (out / "does_not_exist.png", "error")
    return {name: cases[name] for name in CASE_NAMES if name in cases}


def exif_rotated_jpeg(orientation: int) -> bytes:
    """A 40×20 (w×h) JPEG, left half red and right half blue, tagged with ``orientation``.

    Displayed upright, orientation 6 (rotate 90° clockwise) puts red on top and blue below;
    orientation 8 (rotate 90° counter-clockwise) puts blue on top and red below.
    """
    arr = np.zeros((20, 40, 3), np.uint8)
    arr[:, :20] = (255, 0, 0)
    arr[:, 20:] = (0, 0, 255)
    image = Image.fromarray(arr)
    exif = image.getexif()
    exif[EXIF_ORIENTATION] = orientation
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=95, exif=exif)
    return buf.getvalue()


def _photo(height: int, width: int) -> Image.Image:
    """A smooth, deterministic colour picture (compresses like a photo, not like flat colour)."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    arr = np.stack([127 + 120 * np.sin(x / 5.0), 127 + 120 * np.cos(y / 7.0),
                    127 + 120 * np.sin((x + y) / 9.0)], axis=-1)
    return Image.fromarray(arr.round().astype(np.uint8))


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **options)
    return buf.getvalue()


def _palette_with_transparency() -> bytes:
    """8×8 palette PNG: index 0 red, index 1 transparent green; the left column transparent."""
    image = Image.new("P", (8, 8), 0)
    image.putpalette([255, 0, 0, 0, 255, 0] + [0] * 762)
    for row in range(8):
        image.putpixel((0, row), 1)
    return _encode(image, "PNG", transparency=1)


def _animated_gif() -> bytes:
    """Three 8×8 frames: red, blue, green (the first, red, is the one to use)."""
    frames = [Image.new("RGB", (8, 8), c) for c in ((255, 0, 0), (0, 0, 255), (0, 255, 0))]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buf.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny grey PNG that declares ``width``×``height`` but carries almost no data."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b""))


#: (what happened, how to fix it) patterns of every error case, shared by the CLI and window tests
ERROR_MESSAGES = {
    "zero_byte": (r"is empty \(0 bytes\)", r"get it again"),
    "text_as_png": (r"not an image", r"Choose a PNG, JPEG"),
    "truncated_jpeg": (r"is truncated", r"export the file again"),
    "truncated_png": (r"is truncated", r"export the file again"),
    "decompression_bomb": (r"too large to open safely", r"Scale the image down"),
    "oversized_png": (r"too large to open safely", r"Scale the image down"),
    "unreadable": (r"Permission denied", r"Make the file readable"),
    "directory": (r"is a folder, not an image", r"Choose an image file"),
    "missing": (r"not found", r"Check the path"),
}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/bad_inputs.py OUT_DIR")
    made = make_bad_images(sys.argv[1])
    print(json.dumps({k: [str(p), e] for k, (p, e) in made.items()}, indent=2,
                     ensure_ascii=False))
    for name, reason in SKIP_REASONS.items():
        if name not in made:
            print(f"skipped {name}: {reason}", file=sys.stderr)
