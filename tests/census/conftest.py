from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def fashion(fashion_mnist_dir):
    """The bundled Fashion CNN and its graph."""
    from explorer.core.device import start_tensorflow

    start_tensorflow()
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.models.loading import load_model

    loaded = load_model("fashion-cnn")
    return loaded, ModelGraph(loaded.model)


@pytest.fixture(scope="module")
def test_images(fashion_mnist_dir):
    from explorer.core.training.datasets import load_idx_folder

    return load_idx_folder(fashion_mnist_dir, "test", tuple(str(i) for i in range(10)))
