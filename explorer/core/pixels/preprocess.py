"""Pixels -> the tensor a model is fed, with every step recorded.

The pipeline, in order (each step is written into :attr:`PreparedInput.steps`):

1. fit the RGB pixels to the spec's size (:func:`explorer.core.pixels.images.fit_image`, centre-crop
   then resize by default); free (``None``) sizes keep the image's own size, shrunk so the long
   side is at most :data:`MAX_FREE_SIDE`;
2. convert to the spec's channels (1 = ITU-R 601 grey, 3 = RGB);
3. invert (``255 - x``) when ``Preprocessing.invert`` is set, for models trained on white
   objects on black (MNIST, Fashion-MNIST) fed a dark-on-light photo;
4. zero-pad, centred, to ``Preprocessing.pad_to`` (black pixels, e.g. LeNet-5's 28×28 digits
   padded to 32×32);
5. scale to float32 exactly as ``keras.applications.imagenet_utils.preprocess_input`` does
   (``"caffe"``, ``"tf"``, ``"torch"``), or ``x * scale + offset`` (``"rescale"``), or not at
   all (``"none"``, for models that rescale inside, e.g. EfficientNet, ConvNeXt).

Pure numpy; no TensorFlow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from explorer.core.errors import ModelError
from explorer.core.pixels.images import LoadedImage, crop_box, fit_image, to_channels

MAX_FREE_SIDE = 1024
"""Long-side cap, in pixels, for a model whose input height/width are free (``None``)."""

MODES = ("rescale", "caffe", "tf", "torch", "none")
"""Every preprocessing mode :class:`Preprocessing` accepts."""

CAFFE_MEAN_BGR = (103.939, 116.779, 123.68)
TORCH_MEAN_RGB = (0.485, 0.456, 0.406)
TORCH_STD_RGB = (0.229, 0.224, 0.225)


LAYOUTS = ("image", "grey2d", "flat")


@dataclass(frozen=True)
class Preprocessing:
    """How pixels become the numbers a model was trained on.

    Attributes:
        mode: ``"caffe"`` (RGB→BGR, subtract the ImageNet mean, no scaling), ``"tf"``
            (``x / 127.5 - 1``), ``"torch"`` (``x / 255``, minus mean, divided by std, per RGB
            channel), ``"none"`` (float32 pixels 0..255) or ``"rescale"``
            (``x * scale + offset``).
        scale: multiplier for ``"rescale"``.
        offset: added after scaling for ``"rescale"``.
        pad_to: ``(height, width)`` to zero-pad to (centred) after fitting, or ``None``.
        invert: replace each pixel ``x`` with ``255 - x`` before scaling: ``True`` always,
            ``"auto"`` only when the image's border is light (a dark object on a light
            photo, for models trained on light-on-dark digits or garments), ``False`` never.
        source: why this mode was chosen (``"Teachable Machine export"``, ``"chosen by you"``),
            shown with the scaling step; not part of equality.

    Raises:
        ModelError: an unknown mode or a non-positive ``pad_to``.
    """

    mode: Literal["rescale", "caffe", "tf", "torch", "none"] = "rescale"
    scale: float = 1 / 255
    offset: float = 0.0
    pad_to: tuple[int, int] | None = None
    invert: bool | str = False
    source: str = field(default="", compare=False)

    def __post_init__(self):
        if self.invert not in (True, False, "auto"):
            raise ModelError("invert must be true, false or 'auto'", received=repr(self.invert))
        if self.mode not in MODES:
            raise ModelError(f"Unknown preprocessing mode {self.mode!r}",
                             "Use one of the listed modes in the model card",
                             expected=" | ".join(MODES), received=repr(self.mode))
        if self.pad_to is not None:
            pad = tuple(int(v) for v in self.pad_to)
            if len(pad) != 2 or min(pad) < 1:
                raise ModelError("pad_to must be two positive sizes (height, width)",
                                 "Fix pad_to in the model card", received=repr(self.pad_to))
            object.__setattr__(self, "pad_to", pad)


@dataclass(frozen=True)
class InputSpec:
    """What a model takes: size before padding, channels and preprocessing.

    Attributes:
        height: rows to fit the image to, or ``None`` for a free size.
        width: columns to fit the image to, or ``None`` for a free size.
        channels: 1 (grey) or 3 (RGB).
        preprocessing: the :class:`Preprocessing` to apply.
        layout: the tensor the model takes: ``"image"`` ``(1, H, W, C)``; ``"grey2d"``
            ``(1, H, W)``, a grey image without a channel axis (``Flatten(input_shape=(28,
            28))`` models); ``"flat"`` ``(1, H·W·C)``, the image flattened row by row (MLPs).

    Raises:
        ModelError: bad sizes or channels, ``pad_to`` smaller than the size or combined with
            a free size, or ``"caffe"``/``"torch"`` with one channel.
    """

    height: int | None
    width: int | None
    channels: int = 3
    preprocessing: Preprocessing = Preprocessing()
    layout: Literal["image", "grey2d", "flat"] = "image"

    def __post_init__(self):
        if self.layout not in LAYOUTS:
            raise ModelError(f"Unknown input layout {self.layout!r}",
                             expected=" | ".join(LAYOUTS), received=repr(self.layout))
        if self.layout == "grey2d" and self.channels != 1:
            raise ModelError("A 2-D input (no channel axis) is a grey image",
                             received=f"channels={self.channels}")
        if self.layout == "flat" and (self.height is None or self.width is None):
            raise ModelError("A flattened input needs a fixed height and width",
                             received=f"height={self.height!r}, width={self.width!r}")
        for side_name in ("height", "width"):
            side = getattr(self, side_name)
            if side is None:
                continue
            if isinstance(side, bool) or not isinstance(side, (int, np.integer)) or side < 1:
                raise ModelError("Input height and width must be positive integers or None",
                                 received=f"height={self.height!r}, width={self.width!r}",
                                 fix="Fix the input shape in the model card")
            object.__setattr__(self, side_name, int(side))
        if self.channels not in (1, 3):
            raise ModelError("Only grey (1) and RGB (3) inputs are supported",
                             "Use a model whose input has 1 or 3 channels",
                             received=f"channels={self.channels!r}")
        prep = self.preprocessing
        if prep.mode in ("caffe", "torch") and self.channels != 3:
            raise ModelError(f"Preprocessing mode {prep.mode!r} needs 3 (RGB) channels",
                             "Use 'rescale', 'tf' or 'none' for a grey model",
                             received=f"channels={self.channels}")
        if prep.pad_to is not None:
            if self.height is None or self.width is None:
                raise ModelError("pad_to needs a fixed height and width to pad from",
                                 "Give the spec a height and width, or drop pad_to")
            if prep.pad_to[0] < self.height or prep.pad_to[1] < self.width:
                raise ModelError(f"pad_to {prep.pad_to} is smaller than the fitted size "
                                 f"({self.height}, {self.width})",
                                 "pad_to must be at least the height and width")

    @property
    def model_input_shape(self) -> tuple[int | None, int | None, int]:
        """``(H, W, C)`` of the tensor the model receives (after any padding)."""
        if self.preprocessing.pad_to is not None:
            return (*self.preprocessing.pad_to, self.channels)
        return (self.height, self.width, self.channels)


@dataclass(frozen=True)
class PreparedInput:
    """The tensor fed to a model, and what it looks like as pixels.

    Attributes:
        tensor: ``(1, H, W, C)`` float32, read-only (``(1, H, W)`` or ``(1, N)`` for the
            ``grey2d`` and ``flat`` layouts).
        fed_pixels: ``(H, W, C)`` uint8 after fitting, grey, inversion and padding (what the
            model "sees", before scaling), read-only.
        steps: the image's load steps followed by every preprocessing step, human-readable.
        source_box: the part of the original image that was fed, ``(top, left, bottom,
            right)`` in its pixels (bottom and right exclusive): the centre crop, or all of it.
        content_box: where that part lies in ``fed_pixels`` (all of it unless padded).
    """

    tensor: np.ndarray
    fed_pixels: np.ndarray
    steps: tuple[str, ...]
    source_box: tuple[int, int, int, int] = (0, 0, 0, 0)
    content_box: tuple[int, int, int, int] = (0, 0, 0, 0)


def prepare_input(image: LoadedImage, spec: InputSpec, fit: str = "crop") -> PreparedInput:
    """Turn a loaded image into the tensor ``spec`` describes.

    Args:
        image: from :func:`explorer.core.pixels.images.load_image`.
        spec: the model's input spec.
        fit: ``"crop"`` (centre-crop to the aspect ratio, then resize) or ``"resize"``
            (stretch); ignored where the size is free.

    Returns:
        A :class:`PreparedInput` recording every step.
    """
    if fit not in ("crop", "resize"):
        raise ValueError(f"fit must be 'crop' or 'resize'; received {fit!r}")
    steps = list(image.steps)
    height, width = _target_size(image.height, image.width, spec)
    free = spec.height is None or spec.width is None
    source_box = crop_box(image.height, image.width, height, width,
                          "resize" if free else fit)
    if (height, width) == (image.height, image.width):
        pixels = image.pixels.copy()
        steps.append(f"keep size {width}×{height}")
    else:
        pixels, step = fit_image(image.pixels, height, width,
                                 "resize" if spec.height is None or spec.width is None else fit)
        steps.append(step if spec.height and spec.width else
                     f"{step} (free size, long side ≤ {MAX_FREE_SIDE})")
    if spec.channels == 1:
        pixels = to_channels(pixels, 1)
        steps.append("RGB → grey (ITU-R 601 luma: 0.299 R + 0.587 G + 0.114 B)")
    prep = spec.preprocessing
    if prep.invert is True or (prep.invert == "auto" and light_background(pixels)):
        pixels = 255 - pixels
        steps.append("invert: 255 − x (dark-on-light → light-on-dark)"
                     + (" — the border is light" if prep.invert == "auto" else ""))
    elif prep.invert == "auto":
        steps.append("no inversion: the border is already dark (light-on-dark)")
    content_box = (0, 0, height, width)
    if prep.pad_to is not None and prep.pad_to != pixels.shape[:2]:
        top, left = (prep.pad_to[0] - height) // 2, (prep.pad_to[1] - width) // 2
        content_box = (top, left, top + height, left + width)
        pixels = _pad_centred(pixels, *prep.pad_to)
        steps.append(f"zero-pad (centred) {width}×{height} → {prep.pad_to[1]}×{prep.pad_to[0]}")
    tensor = pixels_to_tensor(pixels, spec)
    steps.append(_scale_step(prep))
    if _layout_step(spec):
        steps.append(_layout_step(spec))
    tensor.setflags(write=False)
    pixels = np.ascontiguousarray(pixels)
    pixels.setflags(write=False)
    return PreparedInput(tensor, pixels, tuple(steps), source_box, content_box)


def pixels_to_tensor(pixels: np.ndarray, spec: InputSpec) -> np.ndarray:
    """Fed pixels ``(H, W, C)`` (already fitted, grey, inverted, padded) as the batch of one the
    model takes: scaled by the spec's preprocessing and shaped by its layout. Explanations use
    it for their baselines (a black or a grey image, through the same preprocessing)."""
    tensor = scale_pixels(pixels, spec.preprocessing)
    if spec.layout == "grey2d":
        tensor = tensor[..., 0]
    elif spec.layout == "flat":
        tensor = tensor.reshape(-1)
    return np.ascontiguousarray(tensor[np.newaxis], dtype=np.float32)


def light_background(pixels: np.ndarray, border: int = 2) -> bool:
    """True when the mean of the image's outer ``border`` pixels is above mid-grey."""
    h, w = pixels.shape[:2]
    b = max(1, min(border, h // 4, w // 4))
    ring = np.concatenate([pixels[:b].ravel(), pixels[-b:].ravel(),
                           pixels[:, :b].ravel(), pixels[:, -b:].ravel()])
    return float(ring.mean()) > 127.5


def scale_pixels(pixels: np.ndarray, prep: Preprocessing) -> np.ndarray:
    """Apply the numeric part of ``prep`` (no fitting, inversion or padding).

    Matches ``keras.applications.imagenet_utils.preprocess_input`` for ``"caffe"``, ``"tf"``
    and ``"torch"`` on a float32 array: the same float32 operations in the same order.

    Args:
        pixels: ``(..., C)`` uint8 (or float) pixels 0..255; ``C`` must be 3 for
            ``"caffe"``/``"torch"``.
        prep: the preprocessing.

    Returns:
        A new float32 array of the same shape.
    """
    x = np.array(pixels, dtype=np.float32)
    if prep.mode == "tf":
        x /= 127.5
        x -= 1.0
    elif prep.mode == "torch":
        x /= 255.0
        for c in range(3):
            x[..., c] -= TORCH_MEAN_RGB[c]
        for c in range(3):
            x[..., c] /= TORCH_STD_RGB[c]
    elif prep.mode == "caffe":
        x = np.ascontiguousarray(x[..., ::-1])
        for c in range(3):
            x[..., c] -= CAFFE_MEAN_BGR[c]
    elif prep.mode == "rescale":
        x = x * np.float32(prep.scale) + np.float32(prep.offset)
    return x


def describe(spec: InputSpec, fit: str = "crop") -> list[str]:
    """The pipeline ``spec`` describes, in words, for the window's "what was fed" panel.

    Args:
        spec: the model's input spec.
        fit: ``"crop"`` or ``"resize"``, as passed to :func:`prepare_input`.

    Returns:
        One line a step, in order.
    """
    prep = spec.preprocessing
    h, w, c = spec.model_input_shape
    lines = [f"model input {_side(w)}×{_side(h)}×{c} ({'grey' if c == 1 else 'RGB'})"]
    if spec.height is None or spec.width is None:
        lines.append(f"free size: keep the image size, long side at most {MAX_FREE_SIDE} px "
                     "(aspect kept)")
    elif fit == "crop":
        lines.append(f"centre-crop to the aspect {spec.width}:{spec.height}, then resize to "
                     f"{spec.width}×{spec.height} (bilinear)")
    else:
        lines.append(f"resize to {spec.width}×{spec.height} (bilinear, aspect not kept)")
    if spec.channels == 1:
        lines.append("RGB → grey (ITU-R 601 luma: 0.299 R + 0.587 G + 0.114 B)")
    if prep.invert == "auto":
        lines.append("invert 255 − x when the image's border is light (dark-on-light)")
    elif prep.invert:
        lines.append("invert: 255 − x (dark-on-light → light-on-dark)")
    if prep.pad_to is not None:
        lines.append(f"zero-pad (centred) to {prep.pad_to[1]}×{prep.pad_to[0]}")
    lines.append(_scale_step(prep))
    if _layout_step(spec):
        lines.append(_layout_step(spec))
    return lines


def _layout_step(spec: InputSpec) -> str:
    """The last step for a model that takes no (H, W, C) image, or ""."""
    h, w, c = spec.model_input_shape
    if spec.layout == "grey2d":
        return f"drop the channel axis: {_side(h)}×{_side(w)}×1 → {_side(h)}×{_side(w)}"
    if spec.layout == "flat":
        shape = f"{h}×{w}" + (f"×{c}" if c > 1 else "")
        return f"flatten {shape} → {h * w * c} (row by row)"
    return ""


def _target_size(height: int, width: int, spec: InputSpec) -> tuple[int, int]:
    """The (height, width) to fit to; free sides follow the image's aspect ratio."""
    if spec.height is not None and spec.width is not None:
        return spec.height, spec.width
    if spec.height is not None:
        height, width = spec.height, max(1, round(width * spec.height / height))
        return height, min(width, MAX_FREE_SIDE)
    if spec.width is not None:
        height, width = max(1, round(height * spec.width / width)), spec.width
        return min(height, MAX_FREE_SIDE), width
    long_side = max(height, width)
    if long_side <= MAX_FREE_SIDE:
        return height, width
    factor = MAX_FREE_SIDE / long_side
    return max(1, round(height * factor)), max(1, round(width * factor))


def _pad_centred(pixels: np.ndarray, height: int, width: int) -> np.ndarray:
    top, left = (height - pixels.shape[0]) // 2, (width - pixels.shape[1]) // 2
    out = np.zeros((height, width, pixels.shape[2]), dtype=pixels.dtype)
    out[top:top + pixels.shape[0], left:left + pixels.shape[1]] = pixels
    return out


def _scale_step(prep: Preprocessing) -> str:
    text = _scale_text(prep)
    return f"{text} — {prep.source}" if prep.source else text


def _scale_text(prep: Preprocessing) -> str:
    if prep.mode == "caffe":
        return ("caffe: RGB → BGR, subtract the ImageNet mean "
                f"{list(CAFFE_MEAN_BGR)} (B, G, R), no scaling")
    if prep.mode == "tf":
        return "tf: x / 127.5 − 1 (range −1..1)"
    if prep.mode == "torch":
        return (f"torch: x / 255, subtract mean {list(TORCH_MEAN_RGB)}, divide by std "
                f"{list(TORCH_STD_RGB)} (R, G, B)")
    if prep.mode == "none":
        return "none: float32 pixels 0..255 (the model rescales inside)"
    sign = "−" if prep.offset < 0 else "+"
    return f"rescale: x × {prep.scale:.6g} {sign} {abs(prep.offset):g}"


def _side(value: int | None) -> str:
    return "any" if value is None else str(value)
