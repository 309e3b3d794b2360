"""Photo-like test images made on the spot, for tests that need *an* image rather than a real
photo (the window's and the worker's tests): no shared fixture, so they always run.

Each image is a different smooth colour field with a few blobs and some grain, at its own size
and in its own format, so any two give different pixels, activations and predictions. The names
are those of the shared fixture photos they stand in for (``cat.bmp``…); ``grace_hopper.bmp``
keeps that photo's 512×600 size.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

#: name -> (width, height, seed)
PHOTOS = {
    "cat.bmp": (320, 240, 1),
    "bird.bmp": (240, 320, 2),
    "sunflower.bmp": (300, 300, 3),
    "grace_hopper.bmp": (512, 600, 4),
    "parrot.jpg": (400, 300, 5),
}


def photo_pixels(width: int, height: int, seed: int) -> np.ndarray:
    """A ``(height, width, 3)`` uint8 picture: a colour field, three soft blobs, some grain."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    y, x = y / height, x / width
    phase = rng.uniform(0, 2 * np.pi, 3)
    freq = rng.uniform(1.0, 4.0, 3)
    rgb = np.stack([0.5 + 0.35 * np.sin(2 * np.pi * freq[c] * (x + (c + 1) * y / 3) + phase[c])
                    for c in range(3)], axis=-1)
    for _ in range(3):
        cy, cx, r = rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8), rng.uniform(0.08, 0.25)
        blob = np.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * r * r))[..., None]
        rgb = rgb * (1 - blob) + rng.uniform(0, 1, 3) * blob
    rgb += rng.normal(0, 0.02, rgb.shape)
    return (np.clip(rgb, 0, 1) * 255).round().astype(np.uint8)


def write_photos(folder: str | Path) -> dict[str, Path]:
    """Write every image of :data:`PHOTOS` into ``folder``; returns name -> path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, (width, height, seed) in PHOTOS.items():
        path = folder / name
        options = {"quality": 90} if path.suffix == ".jpg" else {}
        Image.fromarray(photo_pixels(width, height, seed)).save(path, **options)
        paths[name] = path
    return paths
