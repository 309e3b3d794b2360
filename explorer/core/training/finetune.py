"""Transfer learning the seed's way: a frozen ImageNet base, a new head, then fine-tuning."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import numpy as np

from explorer.core.errors import ModelError
from explorer.core.pixels.preprocess import Preprocessing, scale_pixels
from explorer.core.training import datasets
from explorer.core.training import fit as train


def _head_layers() -> tuple:
    """The layer types a ``keras.applications`` classifier head begins with."""
    import keras

    return (keras.layers.GlobalAveragePooling2D, keras.layers.GlobalMaxPooling2D,
            keras.layers.Flatten)


def base_without_top(spec, download_progress=None, cancel=None):
    """The ``keras.applications`` network of ``spec`` without its classifier, ImageNet weights.

    The with-top weights are fetched through :func:`explorer.core.models.weights.ensure_cached`
    (the Keras cache, progress, cancel, hash check), the same file the catalogue uses; the base
    is the functional graph up to the input of the classifier's first pooling/flatten layer,
    which is what Keras's ``include_top=False`` builds, with the same trained weights.
    """
    import keras

    from explorer.core.models.pretrained import build

    full = build(spec.name, "imagenet", progress=download_progress, cancel=cancel)
    head = next((layer for layer in full.layers if isinstance(layer, _head_layers())), None)
    if head is None:
        raise ModelError(f"Cannot find where the classifier of {spec.title} begins",
                         "Report this with your Keras version")
    return keras.Model(full.inputs, head.input, name=full.name)


def finetune(base: str, data_dir: str | Path, *, epochs: int = 5, fine_epochs: int = 5,
             unfreeze: float = 0.3, out: str | Path, batch_size: int = 16,
             progress: Callable | None = None, cancel: Callable[[], bool] | None = None,
             download_progress: Callable | None = None, seed: int = 7) -> dict:
    """Fine-tune a ``keras.applications`` base on a folder of class sub-folders.

    Phase 1 trains a new head (global average pooling + softmax) on the frozen base with the
    seed's augmentation (random flip, rotation, contrast); phase 2 unfreezes the top
    ``unfreeze`` share of the base's layers and continues at a 10× lower learning rate.

    Args:
        base: a pretrained catalogue name (``mobilenet``, ``resnet50``…).
        data_dir: one sub-folder of images per class.
        epochs: phase-1 epochs.
        fine_epochs: phase-2 epochs.
        unfreeze: share (0–1) of the base's layers, from the top, trained in phase 2.
        out: the ``.keras`` file to write (a model card ``.json`` is written beside it).
        batch_size: examples per step.
        progress: training progress callback.
        cancel: polled per batch.
        download_progress: progress of the ImageNet weights' download, when they are not
            in the Keras cache yet.
        seed: random seed.

    Returns:
        The model card as a dict (class names, preprocessing, accuracies, timings).
    """
    import keras

    from explorer.core.models.applications import get_spec

    if not 0.0 <= unfreeze <= 1.0:
        raise ModelError("--unfreeze must be between 0 and 1", received=str(unfreeze))
    spec = get_spec(base)
    keras.utils.set_random_seed(seed)
    split = datasets.load_image_folder(data_dir, spec.input_shape[:2], 3)
    prep = Preprocessing(mode=spec.preprocessing)
    x = np.stack([scale_pixels(img, prep) for img in split.images]).astype(np.float32)
    y = split.labels
    base_model = base_without_top(spec, download_progress, cancel)
    base_model.trainable = False
    inputs = keras.Input(spec.input_shape, name="image")
    features = base_model(inputs, training=False)
    pooled = keras.layers.GlobalAveragePooling2D(name="avg_pool")(features)
    outputs = keras.layers.Dense(len(split.class_names), activation="softmax",
                                 name="predictions")(pooled)
    model = keras.Model(inputs, outputs, name=f"{spec.name}_finetuned")
    start = time.perf_counter()
    first = train.fit(model, x, y, epochs=epochs, batch_size=batch_size, augment="photos",
                      optimizer="adam", learning_rate=1e-3, progress=progress, cancel=cancel)
    base_model.trainable = True
    cut = int(round(len(base_model.layers) * (1.0 - unfreeze)))
    for layer in base_model.layers[:cut]:
        layer.trainable = False
    second = train.fit(model, x, y, epochs=fine_epochs, batch_size=batch_size,
                       augment="photos", optimizer="adam", learning_rate=1e-4,
                       progress=progress, cancel=cancel) if fine_epochs > 0 else None
    final = train.evaluate(model, x, y, source=str(data_dir))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    card = {
        "name": out.stem, "base": spec.name, "data": str(data_dir),
        "class_names": list(split.class_names), "preprocess": spec.preprocessing,
        "examples": int(len(y)), "epochs": epochs, "fine_epochs": fine_epochs,
        "unfrozen_layers": len(base_model.layers) - cut,
        "history": {"frozen": first.history, "fine": second.history if second else {}},
        "final_accuracy": final.accuracy, "final_accuracy_note": "on the training images",
        "training_seconds": round(time.perf_counter() - start, 1),
    }
    from explorer.core.models.files import card_path
    train.write_model_card(card_path(out), card)
    return card
