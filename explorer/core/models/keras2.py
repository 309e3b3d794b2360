"""Keras 2 model files (TensorFlow 2.x era ``.h5``), opened through ``tf_keras`` and rebuilt as
Keras 3 models.

Keras 3 cannot read most Keras 2 files: layer configs carry arguments it no longer takes
(``DepthwiseConv2D(groups=1)`` in every Teachable Machine export) and nested ``Sequential``
models do not rebuild. So the file is loaded by ``tf_keras`` (TensorFlow's maintained Keras 2),
and the model is rebuilt layer by layer in Keras 3: the same layer classes from their configs
(arguments Keras 3 does not know are dropped and listed), the same wiring, nested models kept as
nested models, and every weight copied. Then both models run on the same random input and the
rebuilt one is used only if their outputs agree; the check and anything dropped are reported in
the model's notes. Every later feature (probe, graph, kernels) sees an ordinary Keras 3 model.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from explorer.core.errors import ModelError, describe_unsafe
from explorer.core.models.load_errors import translate_load_error

#: outputs of the rebuilt model must agree with the Keras 2 model's to this (absolute, scaled
#: by the output's magnitude)
AGREEMENT = 1e-4
#: layer classes whose configs hold Python code: refused unless the user allows code to run
CODE_LAYERS = {"Lambda", "TFOpLambda", "SlicingOpLambda"}
_DROP = {"batch_input_shape", "input_shape", "batch_size"}
_UNKNOWN_ARGS = re.compile(r"Unrecognized keyword arguments passed to \w+: \{(.*?)\}", re.S)


def keras_version(path: Path) -> str | None:
    """The ``keras_version`` an HDF5 model file was saved with, or None when it has none."""
    import h5py

    try:
        with h5py.File(path, "r") as h5:
            version = h5.attrs.get("keras_version")
    except OSError:
        return None
    if isinstance(version, bytes):
        version = version.decode("utf-8", "replace")
    return str(version) if version is not None else None


def is_keras2_file(path: Path) -> bool:
    """True for an ``.h5`` file written by Keras 2 (``keras_version`` 2.x)."""
    version = keras_version(path) if path.suffix.lower() in (".h5", ".hdf5") else None
    return bool(version) and version.split(".")[0] == "2"


def _layer_classes(path: Path) -> list[str]:
    import h5py

    with h5py.File(path, "r") as h5:
        raw = h5.attrs.get("model_config")
    if raw is None:
        return []
    text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    return re.findall(r'"class_name":\s*"(\w+)"', text)


def load_keras2(path: Path, *, allow_unsafe: bool = False):
    """Load a Keras 2 ``.h5`` and rebuild it in Keras 3.

    Returns:
        ``(model, notes)``: the Keras 3 model and lines for the user (what was converted, the
        output check, dropped arguments).

    Raises:
        UnsafeModelError: the file holds code (Lambda layers) and ``allow_unsafe`` is False.
        ModelError: ``tf_keras`` is missing, the file cannot be read, a layer cannot be
            rebuilt, or the rebuilt model disagrees with the original.
    """
    version = keras_version(path) or "2"
    code = sorted(set(_layer_classes(path)) & CODE_LAYERS)
    if code and not allow_unsafe:
        raise describe_unsafe(ValueError("safe_mode"), path)
    try:
        import tf_keras
    except ImportError:
        raise ModelError(f"{path.name} was saved by Keras {version}, and opening Keras 2 files "
                         "needs the tf_keras package", "pip install tf-keras (it comes with "
                         "cnn-explorer's own install)") from None
    try:
        old = tf_keras.models.load_model(path, compile=False)
    except Exception as exc:  # tf_keras raises many types; translate the known ones
        translated = translate_load_error(exc, path, f" (saved by Keras {version})")
        if translated is exc:
            raise
        raise translated from None
    converter = _Converter(tf_keras, version)
    model = converter.model(old)
    converter.copy_weights()
    difference = _check_agreement(old, model, path, version)
    notes = [f"Saved by Keras {version}; opened with tf_keras and rebuilt in Keras 3 "
             f"({converter.count} layers, weights copied; outputs agree, largest difference "
             f"{difference:.1e})"]
    for layer_class, args in sorted(converter.dropped.items()):
        notes.append(f"Keras 2 arguments Keras 3 does not have, dropped from {layer_class}: "
                     + ", ".join(sorted(args)))
    return model, tuple(notes)


def _plain(config: dict) -> dict:
    """A layer config as plain JSON values (Keras 2 hands out its own list and dict wrappers)."""
    def plain(value):
        if hasattr(value, "tolist"):  # numpy arrays and scalars (ReLU's max_value)
            return value.tolist()
        return list(value) if isinstance(value, (tuple, set)) else str(value)

    return json.loads(json.dumps(config, default=plain))


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


class _Converter:
    """Rebuilds ``tf_keras`` models in Keras 3; remembers layer pairs for the weight copy."""

    def __init__(self, tf_keras, version: str):
        self.tf_keras = tf_keras
        self.version = version
        self.pairs: list[tuple[object, object]] = []
        self.dropped: dict[str, set[str]] = {}
        self.count = 0

    # ------------------------------------------------------------------ models
    def model(self, old):
        if isinstance(old, self.tf_keras.Sequential):
            return self._sequential(old)
        if isinstance(old, self.tf_keras.Model) and hasattr(old, "_nodes_by_depth"):
            return self._functional(old)
        raise ModelError(f"The model '{old.name}' is a subclassed Keras 2 model; its layers are "
                         "hidden in Python code", "Re-save it as a functional or Sequential "
                         "model")

    def _sequential(self, old):
        import keras

        shape = tuple(old.input_shape[1:])
        layers = [self._layer(layer) for layer in old.layers]
        return keras.Sequential([keras.Input(shape=shape, name=f"{old.name}_input"), *layers],
                                name=old.name)

    def _functional(self, old):
        import keras

        config = old.get_config()
        made: dict[tuple[str, int], list] = {}
        pending = list(config["layers"])
        while pending:
            progress = False
            for entry in list(pending):
                name = entry["name"]
                if entry["class_name"] == "InputLayer":
                    shape = tuple(entry["config"].get("batch_input_shape")
                                  or entry["config"].get("batch_shape"))[1:]
                    made[(name, 0)] = [keras.Input(shape=shape, name=name,
                                                   dtype=entry["config"].get("dtype"))]
                    pending.remove(entry)
                    progress = True
                    continue
                calls = self._calls(entry.get("inbound_nodes", []))
                if any((n, i) not in made for call in calls for n, i, _ in call[0]):
                    continue
                layer = self._layer(old.get_layer(name))
                for k, (inbound, kwargs) in enumerate(calls):
                    args = [made[(n, i)][t] for n, i, t in inbound]
                    out = layer(args[0] if len(args) == 1 else args, **kwargs)
                    made[(name, k)] = list(out) if isinstance(out, (list, tuple)) else [out]
                pending.remove(entry)
                progress = True
            if not progress:
                names = ", ".join(e["name"] for e in pending[:5])
                raise ModelError(f"The Keras 2 model '{old.name}' could not be rebuilt: the "
                                 f"inputs of {names} are never produced",
                                 "Re-save the model with Keras 3, or open it in Python")
        inputs = [made[(n, i)][t] for n, i, t in config["input_layers"]]
        outputs = [made[(n, i)][t] for n, i, t in config["output_layers"]]
        return keras.Model(inputs[0] if len(inputs) == 1 else inputs,
                           outputs[0] if len(outputs) == 1 else outputs, name=old.name)

    @staticmethod
    def _calls(inbound_nodes) -> list[tuple[list[tuple[str, int, int]], dict]]:
        """Keras 2's ``inbound_nodes``: per call, the (layer, node, tensor) inputs and kwargs."""
        calls = []
        for node in inbound_nodes:
            inbound, kwargs = [], {}
            for item in node:
                inbound.append((item[0], int(item[1]), int(item[2])))
                if len(item) > 3 and isinstance(item[3], dict):
                    kwargs.update({k: v for k, v in item[3].items() if k == "training"})
            calls.append((inbound, kwargs))
        return calls

    # ------------------------------------------------------------------ layers
    def _layer(self, old):
        if isinstance(old, self.tf_keras.Model):
            return self.model(old)
        import keras

        class_name = type(old).__name__
        if class_name in CODE_LAYERS:
            raise ModelError(f"The layer '{old.name}' ({class_name}) holds Python code that "
                             "cannot be carried over to Keras 3",
                             "Re-save the model without Lambda layers, or with Keras 3")
        config = _plain(old.get_config())
        config = {k: v for k, v in config.items()
                  if k not in _DROP and not k.endswith(("_initializer", "_regularizer",
                                                        "_constraint"))}
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = config["dtype"].get("config", {}).get("name", "float32")
        if class_name == "BatchNormalization" and isinstance(config.get("axis"), list) \
                and len(config["axis"]) == 1:
            config["axis"] = config["axis"][0]  # Keras 2 kept a list; Keras 3 takes one axis
        for _ in range(8):
            try:
                new = keras.layers.deserialize({"class_name": class_name, "config": config,
                                                "module": "keras.layers"})
                break
            except (TypeError, ValueError) as exc:
                unknown = _UNKNOWN_ARGS.search(str(exc))
                names = re.findall(r"'(\w+)'", unknown.group(1)) if unknown else []
                names = [n for n in names if n in config]
                if not names:
                    raise ModelError(
                        f"The Keras {self.version} layer '{old.name}' ({class_name}) has no "
                        f"Keras 3 equivalent: {_first_line(exc)}",
                        "Re-save the model with Keras 3, or replace that layer") from None
                for n in names:
                    config.pop(n)
                self.dropped.setdefault(class_name, set()).update(names)
        else:  # pragma: no cover - eight rounds of unknown arguments
            raise ModelError(f"The Keras {self.version} layer '{old.name}' could not be rebuilt")
        self.pairs.append((old, new))
        self.count += 1
        return new

    def copy_weights(self) -> None:
        """Copy every layer's weights from the Keras 2 model to its Keras 3 twin."""
        for old, new in self.pairs:
            weights = old.get_weights()
            try:
                new.set_weights(weights)
            except ValueError as exc:
                raise ModelError(f"The weights of the Keras 2 layer '{old.name}' do not fit its "
                                 f"Keras 3 rebuild: {_first_line(exc)}",
                                 "Re-save the model with Keras 3") from None


def _check_agreement(old, new, path: Path, version: str) -> float:
    """Run both models on one random input; the largest output difference (refuse if large)."""
    shapes = old.input_shape if isinstance(old.input_shape, list) else [old.input_shape]
    rng = np.random.default_rng(0)
    feed = [rng.uniform(0, 1, (1,) + tuple(d or 32 for d in s[1:])).astype(np.float32)
            for s in shapes]
    feed_in = feed[0] if len(feed) == 1 else feed
    before = old(feed_in, training=False)
    after = new(feed_in, training=False)
    before = before if isinstance(before, (list, tuple)) else [before]
    after = after if isinstance(after, (list, tuple)) else [after]
    worst = 0.0
    for a, b in zip(before, after):
        a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
        diff = float(np.max(np.abs(a - b))) if a.size else 0.0
        if a.shape != b.shape or diff > AGREEMENT * (1.0 + float(np.max(np.abs(a)))):
            raise ModelError(f"{path.name} (saved by Keras {version}) was rebuilt in Keras 3, "
                             f"but the rebuilt model computes something else (outputs differ "
                             f"by {diff:.3g})", "Re-save the model with Keras 3 (model.save("
                             "'model.keras')) and open that file")
        worst = max(worst, diff)
    return worst
