"""Untrained models: the same random weights on every load, and the note that says so."""

from __future__ import annotations

from explorer.core.text import UNTRAINED_NOTE  # noqa: F401 - the models' note lives with the texts

INIT_SEED = 1234
"""Seed of the random initialisation of untrained models, so a model is the same on every
load (and so are its feature maps and scores)."""


def seed_initialisation() -> None:
    """Seed Keras's random initialisers (Python, NumPy and TensorFlow generators)."""
    import keras

    keras.utils.set_random_seed(INIT_SEED)
