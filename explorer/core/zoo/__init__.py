"""Architectures built from code, one module a family; imported lazily by catalogue name."""

from __future__ import annotations

import importlib

#: catalogue name -> module under explorer.core.zoo
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
    return importlib.import_module(f"explorer.core.zoo.{MODULES[name]}")


def info(name: str):
    """The :class:`~explorer.core.zoo.base.ZooInfo` of a catalogue name."""
    return module(name).INFO


def build(name: str, **kwargs):
    """Build an untrained model from code."""
    return module(name).build(**kwargs)
