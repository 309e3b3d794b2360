"""File or bytes -> RGB pixels, and the geometry steps that fit them to a model.

Everything the app shows or feeds to a model starts here as an ``(H, W, 3)`` ``uint8`` RGB
array, whatever the file held:

* any format Pillow reads (JPEG, PNG, BMP, GIF, WebP, TIFF, ...); for animations the first
  frame is used;
* the EXIF orientation tag is applied (``ImageOps.exif_transpose``), so a phone photo stands
  the way it was taken;
* every Pillow colour mode becomes RGB (:func:`explorer.core.pixels.image_modes.to_rgb`): palette,
  grey, bilevel, CMYK, YCbCr; alpha composited on white; 16/32-bit and float scaled to 8 bits.

Any failure (missing file, folder, permission, not an image, truncated, too large) raises
:class:`~explorer.core.errors.ImageError` with a one-line message saying how to fix it; no other
exception type leaves :func:`load_image` for any input bytes.

Resampling is Pillow's ``BILINEAR`` filter: it is antialiased when shrinking (its support
widens with the scale factor), so large photos do not alias, and it does not ring like
``LANCZOS``; it is close to what ``tf.image.resize(..., antialias=True)`` gives.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from explorer.core.errors import ImageError
from explorer.core.pixels.image_modes import to_rgb

MAX_IMAGE_PIXELS = 100_000_000
"""Images declaring more pixels than this (100 megapixels) are refused before decoding."""

RESAMPLING = Image.Resampling.BILINEAR
"""The Pillow filter :func:`fit_image` resizes with (antialiased when shrinking)."""

_ORIENTATION_STEPS = {
    2: "mirror left-right", 3: "rotate 180°", 4: "flip top-bottom",
    5: "transpose (mirror + rotate 90° counter-clockwise)", 6: "rotate 90° clockwise",
    7: "transverse (mirror + rotate 90° clockwise)", 8: "rotate 90° counter-clockwise",
}


@dataclass(frozen=True)
class LoadedImage:
    """A decoded image, ready for display and preprocessing.

    Attributes:
        pixels: ``(H, W, 3)`` ``uint8`` RGB array, read-only.
        name: a short name for the window and reports (the file name, or the given name).
        source_format: the file format Pillow recognised (``"PNG"``, ``"JPEG"``, ...), or
            ``"array"`` for :func:`from_array`.
        source_mode: the Pillow mode the file decoded to (``"P"``, ``"I;16"``, ``"CMYK"``, ...).
        steps: what was done to get RGB pixels, in order, human-readable.
    """

    pixels: np.ndarray
    name: str
    source_format: str
    source_mode: str
    steps: tuple[str, ...]

    @property
    def height(self) -> int:
        """Rows of :attr:`pixels`."""
        return int(self.pixels.shape[0])

    @property
    def width(self) -> int:
        """Columns of :attr:`pixels`."""
        return int(self.pixels.shape[1])


def load_image(source: str | os.PathLike | bytes | bytearray | memoryview, *,
               name: str | None = None) -> LoadedImage:
    """Decode an image file (or its bytes) into RGB ``uint8`` pixels.

    Args:
        source: a file path, or the file's bytes (e.g. from a drop or the clipboard).
        name: the name to show; defaults to the file name, or ``"image"`` for bytes.

    Returns:
        A :class:`LoadedImage` whose ``steps`` record every conversion made.

    Raises:
        ImageError: the file is missing, a folder, unreadable, empty, not an image, truncated
            or damaged, or larger than :data:`MAX_IMAGE_PIXELS`.
        TypeError: ``source`` is neither a path nor bytes (a programming error).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "image"
        if not data:
            raise ImageError(f"The image data for {label!r} is empty (0 bytes)",
                             "Pass the bytes of an image file (PNG, JPEG, BMP, GIF, WebP, TIFF)")
        return _decode(io.BytesIO(data), label)
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"load_image() expects a path or bytes; received {type(source).__name__}")
    path = Path(source)
    label = name or path.name or str(path)
    with _open_file(path) as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            raise ImageError(f"{path} is empty (0 bytes)",
                             "The file was not saved or downloaded completely; get it again")
        return _decode(fh, label)


def from_array(array: np.ndarray, *, name: str = "array") -> LoadedImage:
    """Wrap an in-memory ``uint8`` image (e.g. a data-set digit) as a :class:`LoadedImage`.

    Args:
        array: ``(H, W)``, ``(H, W, 1)``, ``(H, W, 3)`` RGB or ``(H, W, 4)`` RGBA ``uint8``.
        name: the name to show.

    Returns:
        The image as RGB (grey repeated; RGBA composited on white).

    Raises:
        ImageError: the array is not ``uint8`` or not one of those shapes.
    """
    arr = np.asarray(array)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    ok_shape = arr.ndim == 2 or (arr.ndim == 3 and arr.shape[2] in (3, 4))
    if arr.dtype != np.uint8 or not ok_shape or 0 in arr.shape:
        raise ImageError(f"Cannot use the array {name!r} as an image",
                         "Convert it to uint8 grey, RGB or RGBA first (e.g. np.uint8(x * 255))",
                         expected="a non-empty uint8 array of shape (H, W), (H, W, 1), "
                                  "(H, W, 3) or (H, W, 4)",
                         received=f"dtype={arr.dtype}, shape={arr.shape}")
    mode = {2: "L", 3: "RGB", 4: "RGBA"}[arr.shape[2] if arr.ndim == 3 else 2]
    image = Image.fromarray(np.ascontiguousarray(arr))  # uint8: 2-D -> L, 3 -> RGB, 4 -> RGBA
    steps = [f"array {image.width}×{image.height} {mode}"]
    rgb = to_rgb(image, steps)
    return LoadedImage(_frozen(np.array(rgb, dtype=np.uint8)), name, "array", mode, tuple(steps))


def to_channels(pixels: np.ndarray, channels: int) -> np.ndarray:
    """Convert RGB or grey ``uint8`` pixels to ``channels`` (1 = grey, 3 = RGB).

    Grey is ITU-R 601-2 luma, ``L = 0.299 R + 0.587 G + 0.114 B``, computed by Pillow's own
    ``"L"`` conversion so it matches ``Image.convert("L")`` exactly.

    Args:
        pixels: ``(H, W)``, ``(H, W, 1)`` or ``(H, W, 3)`` ``uint8``.
        channels: 1 or 3.

    Returns:
        A new ``(H, W, channels)`` ``uint8`` array.
    """
    if channels not in (1, 3):
        raise ValueError(f"channels must be 1 or 3; received {channels}")
    arr = _as_hwc(pixels)
    if arr.shape[2] == channels:
        return arr.copy()
    if channels == 3:
        return np.repeat(arr, 3, axis=2)
    grey = np.asarray(Image.fromarray(np.ascontiguousarray(arr)).convert("L"))
    return grey[:, :, np.newaxis].copy()


def crop_box(src_h: int, src_w: int, height: int, width: int,
             mode: str = "crop") -> tuple[int, int, int, int]:
    """The part of a ``src_h`` × ``src_w`` image that :func:`fit_image` keeps, as ``(top,
    left, bottom, right)`` (bottom and right exclusive): the centred crop to the target aspect
    for ``"crop"``, the whole image for ``"resize"``."""
    if mode != "crop":
        return 0, 0, src_h, src_w
    # Compare aspect ratios exactly in integers: src_w / src_h versus width / height.
    if src_w * height > width * src_h:
        crop_w = min(src_w, max(1, round(src_h * width / height)))
        left = (src_w - crop_w) // 2
        return 0, left, src_h, left + crop_w
    if src_w * height < width * src_h:
        crop_h = min(src_h, max(1, round(src_w * height / width)))
        top = (src_h - crop_h) // 2
        return top, 0, top + crop_h, src_w
    return 0, 0, src_h, src_w


def fit_image(pixels: np.ndarray, height: int, width: int,
              mode: str = "crop") -> tuple[np.ndarray, str]:
    """Fit pixels to ``height`` × ``width``.

    Args:
        pixels: ``(H, W, 3)`` or ``(H, W, 1)`` (or ``(H, W)``) ``uint8``.
        height: target rows.
        width: target columns.
        mode: ``"crop"`` cuts the centre to the target aspect ratio and then resizes (nothing
            is stretched); ``"resize"`` resizes straight to the target (the aspect may change).

    Returns:
        The fitted ``(height, width, C)`` ``uint8`` array and a human-readable step, e.g.
        ``"centre-crop 640×480 → 480×480, resize → 224×224"`` (sizes are width×height).
    """
    if mode not in ("crop", "resize"):
        raise ValueError(f"fit mode must be 'crop' or 'resize'; received {mode!r}")
    if int(height) < 1 or int(width) < 1:
        raise ValueError(f"target size must be positive; received {height}×{width} (h×w)")
    height, width = int(height), int(width)
    arr = _as_hwc(pixels)
    src_h, src_w = arr.shape[:2]
    parts = []
    if mode == "crop":
        top, left, bottom, right = crop_box(src_h, src_w, height, width, mode)
        arr = arr[top:bottom, left:right]
        if arr.shape[:2] != (src_h, src_w):
            parts.append(f"centre-crop {src_w}×{src_h} → {arr.shape[1]}×{arr.shape[0]}")
    if arr.shape[:2] != (height, width):
        before = "" if parts else f" {arr.shape[1]}×{arr.shape[0]}"
        arr = _resize(arr, height, width)
        parts.append(f"resize{before} → {width}×{height} (bilinear)")
    if not parts:
        return arr.copy(), f"no resize: already {width}×{height}"
    return np.ascontiguousarray(arr), ", ".join(parts)


# ----------------------------------------------------------------------------------- helpers


def _open_file(path: Path):
    """Open ``path`` for binary reading, turning every OS failure into an ImageError."""
    where = str(path)
    folder = ImageError(f"{where} is a folder, not an image file",
                        "Choose an image file (PNG, JPEG, BMP, GIF, WebP, TIFF) inside it")
    try:
        kind = os.stat(path).st_mode
        if stat.S_ISDIR(kind):
            raise folder
        if not stat.S_ISREG(kind):  # opening a FIFO would block forever
            raise ImageError(f"{where} is not a regular file (a device, pipe or socket)",
                             "Choose an image file")
        return open(path, "rb")
    except FileNotFoundError:
        raise ImageError(f"Image file not found: {where}",
                         "Check the path and the spelling of the file name") from None
    except PermissionError:
        raise ImageError(f"Permission denied reading {where}",
                         "Make the file readable (e.g. chmod +r) or copy it somewhere "
                         "you can read") from None
    except IsADirectoryError:
        raise folder from None
    except (OSError, ValueError) as exc:  # name too long, embedded NUL, I/O error, ...
        raise ImageError(f"Cannot open {where!r}", "Check the path and that the disk is readable",
                         received=getattr(exc, "strerror", None) or str(exc)) from None


def _decode(fh, label: str) -> LoadedImage:
    """Decode an open binary stream; Pillow's warnings become steps, not console noise."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # Our own MAX_IMAGE_PIXELS check decides; Pillow's bomb warning must not leak.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        loaded = _decode_image(fh, label)
    notes = dict.fromkeys(f"decoder warning: {str(w.message).strip()}" for w in caught)
    if not notes:
        return loaded
    return dataclasses.replace(loaded, steps=loaded.steps + tuple(notes))


def _decode_image(fh, label: str) -> LoadedImage:
    """Decode an open binary stream; every Pillow failure becomes an ImageError."""
    steps: list[str] = []
    try:
        image = Image.open(fh)
    except Image.DecompressionBombError as exc:
        raise _damaged(label, exc) from None
    except Image.UnidentifiedImageError:
        raise ImageError(f"{label} is not an image Pillow can read",
                         "Choose a PNG, JPEG, BMP, GIF, WebP or TIFF file") from None
    except Exception as exc:  # Pillow raises many types for damaged headers
        raise _damaged(label, exc) from exc
    with image:
        width, height = image.size
        if width < 1 or height < 1:
            raise ImageError(f"{label} declares an empty size ({width}×{height})",
                             "Choose another image")
        if width * height > MAX_IMAGE_PIXELS:
            raise _too_large(label, (width, height))
        source_format, source_mode = image.format or "unknown", image.mode
        steps.append(f"decode {source_format} {width}×{height} {source_mode}")
        try:
            frames = int(getattr(image, "n_frames", 1))
        except Exception:  # a damaged later frame must not spoil the first
            frames = 1
        try:
            image.seek(0)
            image.load()
        except Exception as exc:
            raise _damaged(label, exc) from exc
        if frames > 1:
            steps.append(f"first frame of {frames}")
        image = _apply_orientation(image, steps)
        try:
            rgb = to_rgb(image, steps)
        except ImageError:
            raise
        except Exception as exc:
            raise _damaged(label, exc) from exc
        pixels = np.array(rgb, dtype=np.uint8)
    return LoadedImage(_frozen(pixels), label, source_format, source_mode, tuple(steps))


def _apply_orientation(image: Image.Image, steps: list[str]) -> Image.Image:
    """Apply the EXIF orientation tag; an unreadable EXIF block is noted, not fatal."""
    try:
        orientation = image.getexif().get(0x0112)
        if orientation not in _ORIENTATION_STEPS:
            return image
        turned = ImageOps.exif_transpose(image)
    except Exception:
        steps.append("EXIF unreadable: orientation ignored")
        return image
    steps.append(f"EXIF orientation {orientation}: {_ORIENTATION_STEPS[orientation]}")
    return turned


def _too_large(label: str, size: tuple[int, int] | int | None) -> ImageError:
    limit = f"{_pixel_count(MAX_IMAGE_PIXELS)} (MAX_IMAGE_PIXELS = {MAX_IMAGE_PIXELS:,})"
    if isinstance(size, tuple):
        declared = f"{size[0]}×{size[1]} = {_pixel_count(size[0] * size[1])}"
    elif size:
        declared = _pixel_count(size)
    else:
        declared = "a size beyond Pillow's decompression-bomb limit"
    return ImageError(f"{label} is too large to open safely: it declares {declared}, over the "
                      f"limit of {limit}", "Scale the image down (e.g. to a few thousand pixels "
                      "a side) and open the smaller copy")


def _pixel_count(count: int) -> str:
    if count < 100_000:
        return f"{count:,} pixels"
    megapixels = count / 1e6
    return f"{megapixels:,.0f} megapixels" if megapixels >= 100 else f"{megapixels:.3g} megapixels"


def _damaged(label: str, exc: BaseException) -> ImageError:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, Image.DecompressionBombError):
        declared = re.search(r"\((\d+) pixels\)", text)
        return _too_large(label, int(declared.group(1)) if declared else None)
    if isinstance(exc, MemoryError):
        return ImageError(f"Not enough memory to decode {label}",
                          "Close other programs or scale the image down first")
    if "truncated" in text.lower() or isinstance(exc, EOFError):
        return ImageError(f"{label} is truncated (the file ends too early)",
                          "Download or export the file again", received=text)
    return ImageError(f"{label} is damaged or not a valid image",
                      "Open it in an image viewer to check it, or export it again as PNG",
                      received=f"{type(exc).__name__}: {text}")


def _frozen(arr: np.ndarray) -> np.ndarray:
    arr = np.ascontiguousarray(arr)
    arr.setflags(write=False)
    return arr


def _as_hwc(pixels: np.ndarray) -> np.ndarray:
    arr = np.asarray(pixels)
    if arr.ndim == 2:
        arr = arr[:, :, np.newaxis]
    if arr.dtype != np.uint8 or arr.ndim != 3 or arr.shape[2] not in (1, 3):
        raise ValueError(f"expected uint8 pixels of shape (H, W), (H, W, 1) or (H, W, 3); "
                         f"received dtype={arr.dtype}, shape={arr.shape}")
    return arr


def _resize(arr: np.ndarray, height: int, width: int) -> np.ndarray:
    if arr.shape[2] == 1:
        image = Image.fromarray(np.ascontiguousarray(arr[:, :, 0]))
        return np.asarray(image.resize((width, height), RESAMPLING))[:, :, np.newaxis].copy()
    image = Image.fromarray(np.ascontiguousarray(arr))
    return np.array(image.resize((width, height), RESAMPLING), dtype=np.uint8)
