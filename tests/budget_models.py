"""The small model the activation-budget tests run (``tests/worker/test_budget_jobs.py``,
``tests/widgets/test_budget_window.py``)."""

from __future__ import annotations


def tiny_model_file(folder) -> str:
    """Eight 3×3 convolutions of 8 channels on a 32×32×3 input, then a 10-way softmax, saved
    as ``folder/tiny.keras``: 32 KB a convolution's output, about 275 KB of outputs an image."""
    import keras

    keras.utils.set_random_seed(3)
    inputs = keras.Input((32, 32, 3))
    x = inputs
    for i in range(8):
        x = keras.layers.Conv2D(8, 3, padding="same", activation="relu", name=f"conv{i}")(x)
    outputs = keras.layers.Dense(10, activation="softmax", name="scores")(
        keras.layers.GlobalAveragePooling2D(name="pool")(x))
    path = folder / "tiny.keras"
    keras.Model(inputs, outputs, name="tiny").save(path)
    return str(path)
