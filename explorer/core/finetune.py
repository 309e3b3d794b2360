"""Transfer learning the seed's way: a frozen ImageNet base, a new head, then fine-tuning."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import numpy as np

from explorer.core import datasets, train
from explorer.core.errors import DownloadError, ModelError
from explorer.core.preprocess import Preprocessing, scale_pixels


def _base_model(spec, download_progress):
    """The ``keras.applications`` base without its top, ImageNet weights via Keras's cache."""
    from explorer.core.applications import keras_function
    from explorer.core.weights import keras_cache_dir

    try:
        return keras_function(spec)(include_top=False, weights="imagenet",
                                    input_shape=spec.input_shape)
    except Exception as exc:  # Keras raises a bare Exception when it cannot download
        if "URL fetch failure" in str(exc) or "fetch" in str(exc).lower() or \
                isinstance(exc, OSError):
            raise DownloadError(
                f"The ImageNet weights of {spec.title} without its top are not in "
                f"{keras_cache_dir()} and could not be downloaded ({str(exc)[:120]})",
                "Connect to the internet once, or put the *_no_top.h5 file Keras uses "
                "into that folder") from None
        raise


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
        download_progress: unused by Keras's own download (kept for symmetry).
        seed: random seed.

    Returns:
        The model card as a dict (class names, preprocessing, accuracies, timings).
    """
    import keras

    from explorer.core.applications import get_spec

    if not 0.0 <= unfreeze <= 1.0:
        raise ModelError("--unfreeze must be between 0 and 1", received=str(unfreeze))
    spec = get_spec(base)
    keras.utils.set_random_seed(seed)
    split = datasets.load_image_folder(data_dir, spec.input_shape[:2], 3)
    prep = Preprocessing(mode=spec.preprocessing)
    x = np.stack([scale_pixels(img, prep) for img in split.images]).astype(np.float32)
    y = split.labels
    base_model = _base_model(spec, download_progress)
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
    from explorer.core.model_files import card_path
    train.write_model_card(card_path(out), card)
    return card
