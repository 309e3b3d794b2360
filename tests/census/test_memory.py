"""Memory stays flat: a census keeps no activations, so 10,000 images need no more resident
memory than 1,000 (a small model, so that the 11,000 images take seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_peak_memory_of_10000_images_is_that_of_1000(tmp_path, fashion_mnist_dir):
    from explorer.core.device import start_tensorflow

    start_tensorflow()
    import keras

    from explorer.core.census.run import prepare
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.models.types import LoadedModel, file_entry
    from explorer.core.pixels.preprocess import InputSpec

    inputs = keras.Input((28, 28, 1))
    x = keras.layers.Conv2D(8, 3, activation="relu", name="conv")(inputs)
    x = keras.layers.MaxPooling2D()(x)
    x = keras.layers.Flatten()(x)
    model = keras.Model(inputs, keras.layers.Dense(10, activation="softmax", name="out")(x))
    loaded = LoadedModel(model, file_entry(Path("tiny.keras")), InputSpec(28, 28, 1), None,
                         weights="untrained")
    graph = ModelGraph(model)
    peaks = {}
    for count in (1000, 10000):
        samples = [_rss_mib()]
        data = prepare(loaded, graph, "fashion-mnist", tmp_path / str(count), limit=count,
                       layers=["conv", "out"], batch_size=250).run(lambda *_: samples.append(_rss_mib()))
        assert data.images == count and data.confusion.sum() == count
        peaks[count] = max(samples)
    print(f"peak RSS: 1,000 images {peaks[1000]:.0f} MiB, 10,000 images {peaks[10000]:.0f} MiB")
    # the per-image state is a 2-byte prediction and the misclassified list (most of the
    # 10,000 for random weights: ~40 bytes each) — well under a megabyte
    assert peaks[10000] - peaks[1000] < 40
