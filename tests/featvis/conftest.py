"""Fixtures for the feature-visualisation tests: the bundled Fashion CNN and MobileNet with the
fixture ImageNet weights, each with its one model graph and score function."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from explorer.core.graph.model_graph import ModelGraph


@dataclass
class Case:
    loaded: object
    graph: ModelGraph
    scores: object


def _case(name: str) -> Case:
    from explorer.core.explain.scores import ScoreFunction
    from explorer.core.models.loading import load_model

    loaded = load_model(name)
    graph = ModelGraph(loaded.model)
    return Case(loaded, graph, ScoreFunction(graph))


@pytest.fixture(scope="session")
def fashion():
    """The bundled, trained Fashion-MNIST CNN (grey 28×28, rescale)."""
    return _case("fashion-cnn")


@pytest.fixture(scope="session")
def mobilenet(imagenet_keras_home):
    """MobileNet (alpha 1.0, 224, tf preprocessing) with the fixture ImageNet weights."""
    return _case("mobilenet")
