"""Read image files (or pasted bytes) into :class:`ImageEntry` objects."""

from __future__ import annotations

import hashlib
from pathlib import Path

from explorer.core.errors import ImageError
from explorer.core.pixels import images
from explorer.worker.messages import ImageEntry, ImagesLoaded, LoadImages
from explorer.worker.registry import job
from explorer.worker.state import JobState


def image_key(image) -> str:
    """A stable identity for an image: a hash of its pixels and shape, plus its name."""
    digest = hashlib.blake2b(image.pixels.tobytes(), digest_size=8)
    digest.update(repr(image.pixels.shape).encode())
    return f"{image.name}#{digest.hexdigest()}"


@job(LoadImages)
def load_images(request: LoadImages, state: JobState) -> ImagesLoaded:
    """Read every source of ``request``; a bad one is reported, the rest still load.

    Raises:
        ImageError: when not one source could be read (the first failure).
    """
    names = request.names or (None,) * len(request.sources)
    loaded, failures, first_error = [], [], None
    for source, name in zip(request.sources, names):
        state.check()
        try:
            image = images.load_image(source, name=name)
        except ImageError as error:
            failures.append(error.one_line())
            first_error = first_error or error
            continue
        path = "" if isinstance(source, (bytes, bytearray)) else str(Path(source).resolve())
        loaded.append(ImageEntry(key=image_key(image), image=image, source=path))
    if not loaded and first_error is not None:
        raise first_error
    return ImagesLoaded(images=tuple(loaded), failures=tuple(failures))
