"""Write resources/samples/: public-domain/CC0 photos from scikit-image's wheel, plus the first
official test image of each Fashion-MNIST and MNIST class as PNG.

Usage: python tools/make_samples.py SKIMAGE_DATA_DIR MNIST_TEST_DIR
(SKIMAGE_DATA_DIR holds astronaut.png, chelsea.png, coffee.png, rocket.jpg unpacked from the
scikit-image wheel; MNIST_TEST_DIR holds t10k-*-ubyte.gz; Fashion-MNIST comes from Debian's
dataset-fashion-mnist package.)
"""

import sys
from pathlib import Path

from PIL import Image

from explorer.core.models.zoo.fashion import FASHION_CLASSES
from explorer.core.models.zoo.lenet import DIGIT_CLASSES
from explorer.core.training.datasets import load_idx_folder, load_named

OUT = Path(__file__).resolve().parents[1] / "resources" / "samples"
PHOTOS = {"astronaut.png": "astronaut.jpg", "chelsea.png": "cat-chelsea.jpg",
          "coffee.png": "coffee.jpg", "rocket.jpg": "rocket.jpg"}


def main(skimage_dir: str, mnist_dir: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for src, dst in PHOTOS.items():
        Image.open(Path(skimage_dir) / src).convert("RGB").save(OUT / dst, quality=90)
    for split, prefix, names in ((load_named("fashion-mnist", "test"), "fashion", FASHION_CLASSES),
                                 (load_idx_folder(mnist_dir, "test", DIGIT_CLASSES), "digit",
                                  DIGIT_CLASSES)):
        for cls, name in enumerate(names):
            index = int((split.labels == cls).nonzero()[0][0])
            slug = name.lower().replace("/", "-").replace(" ", "-")
            Image.fromarray(split.images[index, :, :, 0]).save(
                OUT / f"{prefix}-{slug}-test{index}.png", optimize=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
