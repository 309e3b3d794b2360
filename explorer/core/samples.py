"""The sample images shipped in ``resources/samples/`` and which one suits which model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explorer.core.resources import resource_path

SUFFIXES = (".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class Sample:
    """One shipped sample image.

    Attributes:
        name: a readable title (``Ankle boot (Fashion-MNIST)``).
        path: the file.
        kind: ``photo``, ``fashion`` or ``digit``.
    """

    name: str
    path: Path
    kind: str


def _title(stem: str) -> tuple[str, str]:
    if stem.startswith("fashion-"):
        label = stem[len("fashion-"):].rsplit("-test", 1)[0].replace("-", " ")
        return f"{label.capitalize()} (Fashion-MNIST)", "fashion"
    if stem.startswith("digit-"):
        return f"Digit {stem.split('-')[1]} (MNIST)", "digit"
    return stem.replace("-", " ").capitalize(), "photo"


def list_samples() -> list[Sample]:
    """Every shipped sample, photos first, then garments, then digits."""
    folder = resource_path("samples")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    samples = []
    for path in files:
        title, kind = _title(path.stem)
        samples.append(Sample(title, path, kind))
    order = {"photo": 0, "fashion": 1, "digit": 2}
    return sorted(samples, key=lambda s: (order[s.kind], s.name))


def default_sample_for(model_name: str) -> Path:
    """The sample that suits a model: a garment for Fashion-MNIST, a digit for LeNet-5, a
    photo (the cat) otherwise."""
    kind = {"fashion-cnn": "fashion", "lenet5": "digit"}.get(model_name, "photo")
    preferred = {"fashion": "Ankle boot", "digit": "Digit 7", "photo": "Cat chelsea"}[kind]
    samples = list_samples()
    for s in samples:
        if s.name.startswith(preferred):
            return s.path
    return next(s.path for s in samples if s.kind == kind)
