"""Architectures built from code, one module a family; imported lazily by catalogue name."""

from __future__ import annotations

import importlib

#: catalogue name -> module under explorer.core.models.zoo
MODULES = {
    "fashion-cnn": "fashion",
    "lenet5": "lenet",
    "alexnet": "alexnet",
    "googlenet": "googlenet",
    "resnet34": "resnet",
    "se-resnet34": "senet",
    "resnext50": "resnext",
    "cspresnet50": "cspnet",
}


def module(name: str):
    """The zoo module for a catalogue name (raises KeyError when unknown)."""
    return importlib.import_module(f"explorer.core.models.zoo.{MODULES[name]}")


def info(name: str):
    """The :class:`~explorer.core.models.zoo.base.ZooInfo` of a catalogue name."""
    return module(name).INFO


def build(name: str, **kwargs):
    """Build an untrained model from code."""
    return module(name).build(**kwargs)


def input_spec(name: str):
    """How an image is fed to a code-built model (``rescale`` x/255, padding, inversion)."""
    from explorer.core.pixels.preprocess import InputSpec, Preprocessing

    model_info = info(name)
    h, w = model_info.fit_size or model_info.input_shape[:2]
    prep = Preprocessing(mode="rescale", pad_to=model_info.pad_to, invert=model_info.invert)
    return InputSpec(h, w, model_info.input_shape[2], prep)
