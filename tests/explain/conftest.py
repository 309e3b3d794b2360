"""Fixtures for the explanation tests: the bundled Fashion CNN with the garment samples, and
MobileNet with the fixture ImageNet weights, each with its one model graph."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from explorer.core.graph.model_graph import ModelGraph
from explorer.core.pixels.images import load_image
from explorer.core.predict import prepare
from explorer.core.resources import resource_path


@dataclass
class Case:
    loaded: object
    graph: ModelGraph
    prepared: object


def _case(name: str, image_path) -> Case:
    from explorer.core.models.loading import load_model

    loaded = load_model(name)
    return Case(loaded, ModelGraph(loaded.model), prepare(loaded, load_image(image_path)))


@pytest.fixture(scope="session")
def fashion():
    """The bundled, trained Fashion-MNIST CNN and its ankle-boot sample."""
    return _case("fashion-cnn", resource_path("samples", "fashion-ankle-boot-test0.png"))


@pytest.fixture(scope="session")
def mobilenet(imagenet_keras_home, fixture_images):
    """MobileNet (alpha 1.0, 224) with the fixture ImageNet weights and the cat photo."""
    return _case("mobilenet", fixture_images / "cat.bmp")
