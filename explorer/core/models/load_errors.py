"""Exceptions from Keras's (or tf_keras's) model loaders, in the user's terms."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from explorer.core.errors import ModelError, describe_unsafe


def translate_load_error(exc: Exception, path: Path, saved_by: str = "") -> Exception:
    """Turn an exception from ``keras.models.load_model`` into a user-facing error.

    Args:
        exc: what the loader raised.
        path: the model file.
        saved_by: e.g. ``" (saved by Keras 2.4.0)"``, put after the file name.

    Returns:
        A :class:`ModelError` for the known cases, else ``exc`` itself (a bug keeps its
        traceback).
    """
    text = str(exc)
    if "safe_mode" in text or "arbitrary code execution" in text:
        return describe_unsafe(exc, path)
    unknown_args = re.search(r"Unrecognized keyword arguments passed to (\w+): \{'(\w+)'", text)
    if unknown_args:
        return ModelError(f"{path.name}{saved_by} has a {unknown_args.group(1)} layer with an argument "
                          f"this version of Keras does not know: {unknown_args.group(2)}",
                          "Re-save the model with the Keras version it was made with, as "
                          "model.save('name.keras')")
    unknown = re.search(r"Unknown (layer|object|activation|loss|metric)[^:]*: '?([\w>.]+)", text)
    if unknown:
        return ModelError(f"{path.name}{saved_by} needs the custom {unknown.group(1)} "
                          f"{unknown.group(2)!r}, which this app does not know",
                          "Re-save the model without custom layers, or load it in Python "
                          "with the class registered (keras.saving.register_keras_serializable)")
    if "could not be deserialized" in text or "No model config" in text:
        return ModelError(f"{path.name}{saved_by} could not be rebuilt: it uses classes or code this app "
                          "does not have", "Re-save the model with standard Keras layers")
    if isinstance(exc, (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile)):
        if isinstance(exc, KeyError) and exc.args:  # str(KeyError) adds quotes
            text = str(exc.args[0])
        first = text.splitlines()[0][:200] if text.strip() else type(exc).__name__
        return ModelError(f"{path.name}{saved_by} could not be loaded: {first}",
                          "Check that the file is a complete Keras model saved with "
                          "model.save()")
    return exc
