"""What ``explorer.core`` says to the user, in the interface's language.

The core is Qt-free and writes English; its messages carry values (a file name, a layer path),
so they are not fixed strings. :data:`TEMPLATES` holds the messages a user meets in the window
(unreadable images, unusable model and weights files, failed downloads, explanations and units
that cannot be had, an engine process that stopped) as templates with named ``{placeholders}``;
:func:`core_text` matches a sentence against them, translates the template (context ``Core``)
and fills the values back in, each translated in turn when it is a message of its own (what
the engine was doing, and why it stopped).
A sentence no template matches is shown as the core wrote it. ``tests/widgets/test_core_texts.py``
checks every template against the core's own source, so a reworded message fails a test
instead of silently staying English.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Core"
TEMPLATES = (
    QT_TRANSLATE_NOOP("Core", "Report: running {image}"),
    QT_TRANSLATE_NOOP("Core", "Report: feature maps of {layer}"),
    QT_TRANSLATE_NOOP("Core", "Report: {method} of {image}"),
    QT_TRANSLATE_NOOP("Core", "Report: writing the page"),
    QT_TRANSLATE_NOOP("Core", "{where} is a folder, not an image file"),
    QT_TRANSLATE_NOOP("Core", "Choose an image file (PNG, JPEG, BMP, GIF, WebP, TIFF) inside it"),
    QT_TRANSLATE_NOOP("Core", "{label} is too large to open safely: it declares {declared}, "
                      "over the limit of {limit}"),
    QT_TRANSLATE_NOOP("Core", "Scale the image down (e.g. to a few thousand pixels a side) and "
                      "open the smaller copy"),
    QT_TRANSLATE_NOOP("Core", "{label} is damaged or not a valid image"),
    QT_TRANSLATE_NOOP("Core", "Open it in an image viewer to check it, or export it again as "
                      "PNG"),
    QT_TRANSLATE_NOOP("Core", "Not enough memory to decode {label}"),
    QT_TRANSLATE_NOOP("Core", "Close other programs or scale the image down first"),
    QT_TRANSLATE_NOOP("Core", "{label} is truncated (the file ends too early)"),
    QT_TRANSLATE_NOOP("Core", "Download or export the file again"),
    QT_TRANSLATE_NOOP("Core", "{path} is empty (0 bytes)"),
    QT_TRANSLATE_NOOP("Core", "The file was not saved or downloaded completely; get it again"),
    QT_TRANSLATE_NOOP("Core", "{where} is not a regular file (a device, pipe or socket)"),
    QT_TRANSLATE_NOOP("Core", "Choose an image file"),
    QT_TRANSLATE_NOOP("Core", "Image file not found: {where}"),
    QT_TRANSLATE_NOOP("Core", "Check the path and the spelling of the file name"),
    QT_TRANSLATE_NOOP("Core", "Permission denied reading {where}"),
    QT_TRANSLATE_NOOP("Core", "Make the file readable (e.g. chmod +r) or copy it somewhere you "
                      "can read"),
    QT_TRANSLATE_NOOP("Core", "Cannot open {where}"),
    QT_TRANSLATE_NOOP("Core", "Check the path and that the disk is readable"),
    QT_TRANSLATE_NOOP("Core", "{label} is not an image Pillow can read"),
    QT_TRANSLATE_NOOP("Core", "Choose a PNG, JPEG, BMP, GIF, WebP or TIFF file"),
    QT_TRANSLATE_NOOP("Core", "{label} declares an empty size ({width}×{height})"),
    QT_TRANSLATE_NOOP("Core", "Choose another image"),
    QT_TRANSLATE_NOOP("Core", "The colour mode {mode} cannot be converted to RGB"),
    QT_TRANSLATE_NOOP("Core", "Re-save the image as an RGB PNG or JPEG"),
    QT_TRANSLATE_NOOP("Core", "The model does not take images"),
    QT_TRANSLATE_NOOP("Core", "Open a model whose input is (height, width, channels)"),
    QT_TRANSLATE_NOOP("Core", "There is no file {path}"),
    QT_TRANSLATE_NOOP("Core", "Check the path"),
    QT_TRANSLATE_NOOP("Core", "{path} is a folder, not a model file"),
    QT_TRANSLATE_NOOP("Core", "Pick a .keras or .h5 file (SavedModel folders are not supported "
                      "by Keras 3; re-save the model as .keras)"),
    QT_TRANSLATE_NOOP("Core", "{file} is not a Keras model file"),
    QT_TRANSLATE_NOOP("Core", "Pick a .keras or .h5 file"),
    QT_TRANSLATE_NOOP("Core", "{file} is damaged or not a Keras 3 model (not a zip archive)"),
    QT_TRANSLATE_NOOP("Core", "Save the model again with model.save('name.keras')"),
    QT_TRANSLATE_NOOP("Core", "{file} is damaged or not an HDF5 model file"),
    QT_TRANSLATE_NOOP("Core", "Save the model again with model.save('name.h5')"),
    QT_TRANSLATE_NOOP("Core", "The model has {count} inputs; this app feeds one image"),
    QT_TRANSLATE_NOOP("Core", "Open a model with a single image input"),
    QT_TRANSLATE_NOOP("Core", "The model has no input shape: it was saved before it was built"),
    QT_TRANSLATE_NOOP("Core", "Give the model an Input layer (or call it once on a batch) and "
                      "save it again"),
    QT_TRANSLATE_NOOP("Core", "The model takes a vector of {count} values, which is no image "
                      "size"),
    QT_TRANSLATE_NOOP("Core", "Open a model whose input is an image, or a flattened square "
                      "image (H·W or H·W·3 values)"),
    QT_TRANSLATE_NOOP("Core", "Cannot read {path}: {reason}"),
    QT_TRANSLATE_NOOP("Core", "Check the file's permissions"),
    QT_TRANSLATE_NOOP("Core", "The model's input is not a grey or colour image"),
    QT_TRANSLATE_NOOP("Core", "Open a model that takes grey (1 channel) or RGB (3 channels) "
                      "images, channels last"),
    QT_TRANSLATE_NOOP("Core", "{file} has a {layer_type} layer with an argument this version "
                      "of Keras does not know: {argument}"),
    QT_TRANSLATE_NOOP("Core", "Re-save the model with the Keras version it was made with, as "
                      "model.save('name.keras')"),
    QT_TRANSLATE_NOOP("Core", "{file} needs the custom {kind} {name}, which this app does not "
                      "know"),
    QT_TRANSLATE_NOOP("Core", "Re-save the model without custom layers, or load it in Python "
                      "with the class registered "
                      "(keras.saving.register_keras_serializable)"),
    QT_TRANSLATE_NOOP("Core", "{file} could not be rebuilt: it uses classes or code this app "
                      "does not have"),
    QT_TRANSLATE_NOOP("Core", "Re-save the model with standard Keras layers"),
    QT_TRANSLATE_NOOP("Core", "{file} could not be loaded: {reason}"),
    QT_TRANSLATE_NOOP("Core", "Check that the file is a complete Keras model saved with "
                      "model.save()"),
    QT_TRANSLATE_NOOP("Core", "Could not download {file} from {url}: {reason}"),
    QT_TRANSLATE_NOOP("Core", "Check the network and try again (the window has a Retry "
                      "button), or fetch the file yourself and put it in {folder}; or "
                      "go on without it: choose untrained weights (on the command line "
                      "--weights untrained) or a weights file of your own"),
    QT_TRANSLATE_NOOP("Core", "Download of {file} cancelled"),
    QT_TRANSLATE_NOOP("Core", "Nothing was kept; fetch it again later or put the file in "
                      "{folder} yourself"),
    QT_TRANSLATE_NOOP("Core", "Weights file {path} does not exist"),
    QT_TRANSLATE_NOOP("Core", "Pick an existing weights file, or use untrained weights"),
    QT_TRANSLATE_NOOP("Core", "Cannot read weights from {file}"),
    QT_TRANSLATE_NOOP("Core", "Save weights with model.save_weights() or model.save()"),
    QT_TRANSLATE_NOOP("Core", "{file} does not fit {model}: not one layer took its weights "
                      "(the first, '{layer}', did not)"),
    QT_TRANSLATE_NOOP("Core", "Pick weights saved from the same architecture, or use untrained "
                      "weights"),
    QT_TRANSLATE_NOOP("Core", "Could not load weights from {path}: {reason}"),
    QT_TRANSLATE_NOOP("Core", "None of the layers in {file} match {model}'s layers by name and "
                      "shape"),
    QT_TRANSLATE_NOOP("Core", "Pick weights saved from the same architecture"),
    QT_TRANSLATE_NOOP("Core", "Building {model} cancelled"),
    QT_TRANSLATE_NOOP("Core", "Keras could not build {model}: {reason}"),
    QT_TRANSLATE_NOOP("Core", "Report this with your TensorFlow and Keras versions"),
    # the engine process (explorer.worker.bridge): what stopped it, while doing what
    QT_TRANSLATE_NOOP("Core", "The engine stopped while {doing}: {cause}"),
    QT_TRANSLATE_NOOP("Core", "loading {model} to compare"),  # before "loading {model}"
    QT_TRANSLATE_NOOP("Core", "loading {model}"),
    QT_TRANSLATE_NOOP("Core", "running a dataset census with {model}"),
    QT_TRANSLATE_NOOP("Core", "running {image} through {model}"),
    QT_TRANSLATE_NOOP("Core", "computing layers of {image} in {model}"),
    QT_TRANSLATE_NOOP("Core", "explaining {image} with {model}"),
    QT_TRANSLATE_NOOP("Core", "inspecting a unit of {model}"),
    QT_TRANSLATE_NOOP("Core", "visualising a channel of {model}"),
    QT_TRANSLATE_NOOP("Core", "comparing two models on {image}"),
    QT_TRANSLATE_NOOP("Core", "training a model"),
    QT_TRANSLATE_NOOP("Core", "setting the activation memory"),
    QT_TRANSLATE_NOOP("Core", "waiting for work"),
    QT_TRANSLATE_NOOP("Core", "fetching kernels of {model}"),
    QT_TRANSLATE_NOOP("Core", "laying out the diagram of {model}"),
    QT_TRANSLATE_NOOP("Core", "opening a census"),
    QT_TRANSLATE_NOOP("Core", "drawing census thumbnails for {model}"),
    QT_TRANSLATE_NOOP("Core", "starting up"),
    QT_TRANSLATE_NOOP("Core", "reading images"),
    QT_TRANSLATE_NOOP("Core", "previewing augmentations"),
    QT_TRANSLATE_NOOP("Core", "saving a trained model"),
    QT_TRANSLATE_NOOP("Core", "reading a training recipe"),
    QT_TRANSLATE_NOOP("Core", "writing a report on {model}"),
    QT_TRANSLATE_NOOP("Core", "answering '{request}' for {model}"),
    QT_TRANSLATE_NOOP("Core", "answering '{request}'"),
    QT_TRANSLATE_NOOP("Core", "it stopped answering"),
    QT_TRANSLATE_NOOP("Core", "it was killed ({signal}); when nobody killed it by hand, the "
                      "system ran out of memory"),
    QT_TRANSLATE_NOOP("Core", "it crashed ({signal}) inside a native library"),
    QT_TRANSLATE_NOOP("Core", "it was ended by {signal}"),
    QT_TRANSLATE_NOOP("Core", "it exited with status {code}"),
    QT_TRANSLATE_NOOP("Core", "A new engine is starting and reloading {model}. If it happens "
                      "again, try a smaller memory budget (Edit ▸ Activation memory…), a "
                      "smaller image or another model"),
    QT_TRANSLATE_NOOP("Core", "A new engine is starting. If it happens again, try a smaller "
                      "memory budget (Edit ▸ Activation memory…), a smaller image or another "
                      "model"),
    QT_TRANSLATE_NOOP("Core", "Reloading the engine's state: {doing}…"),
    QT_TRANSLATE_NOOP("Core", "Keras could not load {path} into {model}: {reason}"),
    QT_TRANSLATE_NOOP("Core", "Delete {path} so it is fetched again from {url}, or choose "
                      "untrained weights or a local weights file"),
    QT_TRANSLATE_NOOP("Core", "{file} was saved by Keras {version}, and opening Keras 2 files "
                      "needs the tf_keras package"),
    QT_TRANSLATE_NOOP("Core", "pip install tf-keras (it comes with cnn-explorer's own install)"),
    QT_TRANSLATE_NOOP("Core", "{file} (saved by Keras {version}) was rebuilt in Keras 3, but "
                      "the rebuilt model computes something else (outputs differ by "
                      "{difference})"),
    QT_TRANSLATE_NOOP("Core", "Re-save the model with Keras 3 (model.save('model.keras')) and "
                      "open that file"),
    QT_TRANSLATE_NOOP("Core", "{file} contains code (a Lambda layer or custom Python) that "
                      "would run when it is loaded, so it was not loaded"),
    QT_TRANSLATE_NOOP("Core", "Only if you trust where the file came from, allow it (the "
                      "window asks; on the command line pass --allow-unsafe)"),
    QT_TRANSLATE_NOOP("Core", "No model is loaded yet"),
    QT_TRANSLATE_NOOP("Core", "Pick a model in the model picker first"),
    QT_TRANSLATE_NOOP("Core", "Cancelled by the user"),
    QT_TRANSLATE_NOOP("Core", "This model has no ReLU activations, so guided backpropagation "
                      "has nothing to guide"),
    QT_TRANSLATE_NOOP("Core", "Use saliency or SmoothGrad for this model instead"),
    QT_TRANSLATE_NOOP("Core", "Explanation cancelled"),
    QT_TRANSLATE_NOOP("Core", "The model has {classes} classes; there is no class {index}"),
    QT_TRANSLATE_NOOP("Core", "Pick a class from 0 to {last}"),
    QT_TRANSLATE_NOOP("Core", "The layer '{path}' has no spatial output (its output is {shape})"),
    QT_TRANSLATE_NOOP("Core", "Pick a convolution or pooling layer with a height and width"),
    QT_TRANSLATE_NOOP("Core", "This model has no layer with spatial output to map"),
    QT_TRANSLATE_NOOP("Core", "Use a gradient method (saliency, SmoothGrad) or occlusion"),
    QT_TRANSLATE_NOOP("Core", "The layer '{path}' has no channel {channel}"),
    QT_TRANSLATE_NOOP("Core", "Pick a channel from 0 to {last}"),
    QT_TRANSLATE_NOOP("Core", "The arithmetic of a {name} layer is not written out"),
    QT_TRANSLATE_NOOP("Core", "Pick a convolution, pooling, normalisation, dense, activation "
                      "or merge layer"),
    QT_TRANSLATE_NOOP("Core", "The layer '{path}' has no unit at ({row}, {col})"),
    QT_TRANSLATE_NOOP("Core", "Pick a row from 0 to {last_row} and a column from 0 to "
                      "{last_col}"),
    QT_TRANSLATE_NOOP("Core", "The layer '{path}' has no spatial output, so its units have no "
                      "box in the image"),
    QT_TRANSLATE_NOOP("Core", "Pick a convolution or pooling layer"),
    QT_TRANSLATE_NOOP("Core", "The box of a unit of '{path}' ({type}) cannot be told: a "
                      "transposed convolution, up-sampling or reshape lies on its path"),
    QT_TRANSLATE_NOOP("Core", "Pick an earlier layer"),
    QT_TRANSLATE_NOOP("Core", "The layer '{path}' ({type}) has no convolution kernels"),
    QT_TRANSLATE_NOOP("Core", "Pick a Conv1D, Conv2D, DepthwiseConv2D, SeparableConv2D or "
                      "Conv2DTranspose layer"),
    QT_TRANSLATE_NOOP("Core", "The layer '{path}' has 3-D kernels, which cannot be shown as "
                      "images"),
    QT_TRANSLATE_NOOP("Core", "Pick a 1-D or 2-D convolution"),
    QT_TRANSLATE_NOOP("Core", "The model's output is not a vector of class scores"),
    QT_TRANSLATE_NOOP("Core", "Top-K needs a classifier (one score per class); the feature "
                      "maps still work"),
    QT_TRANSLATE_NOOP("Core", "The class names do not match the model's outputs"),
    QT_TRANSLATE_NOOP("Core", "Use the class list the model was trained with"),
    QT_TRANSLATE_NOOP("Core", "A vector layer's units see the whole image."),
)
"""The core's messages the window translates (English, with named placeholders)."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=None)
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    compiled = []
    for template in TEMPLATES:
        pieces, last = [], 0
        for match in _PLACEHOLDER.finditer(template):
            pieces.append(re.escape(template[last:match.start()]))
            pieces.append(f"(?P<{match.group(1)}>.+?)")
            last = match.end()
        pieces.append(re.escape(template[last:]))
        compiled.append((template, re.compile("".join(pieces), re.S)))
    return tuple(compiled)


def core_text(text: str) -> str:
    """``text`` (one sentence of the core, with or without its full stop) translated when
    it is one of :data:`TEMPLATES`, else unchanged."""
    if not text:
        return text
    stop = "." if text.endswith(".") and not text.endswith("..") else ""
    body = text[:-1] if stop else text
    for template, pattern in _patterns():
        for candidate, end in ((text, ""), (body, stop)):
            match = pattern.fullmatch(candidate)
            if match:
                # a value may be a message of its own (what the engine was doing when it
                # stopped, and why): translated too; a file or layer name matches none
                values = {key: core_text(value) for key, value in match.groupdict().items()}
                words = QCoreApplication.translate(CONTEXT, template).format(**values)
                return words + (("。" if _is_cjk(words) else ".") if end else "")
    return text


def _is_cjk(text: str) -> bool:
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


def error_what(error) -> str:
    """The headline of an ``ExplorerError``, translated, with its full stop."""
    what = core_text(error.what)
    return what + ("。" if _is_cjk(what) else ".")


def error_details(error) -> str:
    """The expected/received/fix lines of an ``ExplorerError``, one a line, translated where
    the words are known (the values stay as they are)."""
    fix = core_text(error.fix.rstrip(".")) if error.fix else ""
    lines = [QCoreApplication.translate("Presenter", "Expected {expected}.").format(
                 expected=error.expected) if error.expected else "",
             QCoreApplication.translate("Presenter", "Received: {received}.").format(
                 received=error.received) if error.received else "",
             (fix + ("。" if _is_cjk(fix) else ".")) if fix else ""]
    return "\n".join(line for line in lines if line)


def report_text(report) -> str:
    """One line for a worker ``ErrorReport``: a user error translated, a bug as it is."""
    error = getattr(report, "error", None)
    if not report.user_error or error is None or not hasattr(error, "what"):
        return report.message
    text = error_what(error)
    for line in error_details(error).splitlines():
        text += ("" if text.endswith("。") else " ") + line  # no space after a CJK full stop
    return text
