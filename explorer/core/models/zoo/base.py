"""What every code-built architecture declares about itself."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ZooInfo:
    """Catalogue facts about a code-built architecture.

    Args:
        name: catalogue name (``lenet5``).
        title: display title (``LeNet-5``).
        input_shape: (H, W, C) the model takes (every code-built model is fed x/255,
            see ``zoo.input_spec``).
        description: one paragraph for the picker and ``models``.
        pad_to: zero padding after fitting (LeNet-5 pads 28×28 digits to 32×32).
        fit_size: size the image is fitted to before padding (defaults to input size).
        invert: invert grey pixels so a dark object on a light photo becomes light on dark.
        class_names: names of the outputs, or ``"imagenet"``, or None for "class N".
    """

    name: str
    title: str
    input_shape: tuple[int, int, int]
    description: str
    pad_to: tuple[int, int] | None = None
    fit_size: tuple[int, int] | None = None
    invert: bool | str = False
    class_names: tuple[str, ...] | str | None = None
