"""The keras.applications table against the installed Keras, ImageNet MobileNet from the Keras
cache with the network blocked, and every entry built untrained (slow)."""

from __future__ import annotations

import importlib
import inspect
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from explorer.core.errors import ModelError, WeightsError
from explorer.core.models import applications, pretrained, weights

SPECS = applications.list_pretrained()
NAMES = [s.name for s in SPECS]
TIMINGS = Path(os.environ.get("CNN_EXPLORER_TIMINGS", "/tmp")) / "cnn-explorer-applications.json"


def _keras_module(spec):
    return importlib.import_module(f"keras.src.applications.{spec.module}")


# --------------------------------------------------------------------------- the table

def test_listing_does_not_import_tensorflow():
    code = ("import sys\n"
            "from explorer.core.models import applications, weights\n"
            "rows = [(s.name, weights.weights_status(s)) for s in "
            "applications.list_pretrained()]\n"
            "assert len(rows) == 40, len(rows)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('tensorflow', 'keras', 'h5py'))\n"
            "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


def test_table_covers_every_keras_classifier():
    import keras

    exported = {n for n in dir(keras.applications) if n[:1].isupper()}
    assert {s.function for s in SPECS} == exported
    assert len(set(NAMES)) == len(NAMES) == 40
    assert all(s.name == s.function.lower() for s in SPECS)


def _expected_preprocess(x: np.ndarray, mode: str) -> np.ndarray:
    """Keras's ``imagenet_utils`` modes, written out independently."""
    if mode == "caffe":
        return x[..., ::-1] - np.array([103.939, 116.779, 123.68], np.float32)
    if mode == "tf":
        return x / 127.5 - 1.0
    if mode == "torch":
        mean = np.array([0.485, 0.456, 0.406], np.float32)
        std = np.array([0.229, 0.224, 0.225], np.float32)
        return (x / 255.0 - mean) / std
    assert mode == "none"
    return x


@pytest.mark.parametrize("name", NAMES)
def test_entry_matches_installed_keras(name):
    import keras

    spec = applications.get_spec(name)
    function = getattr(keras.applications, spec.function)
    module = _keras_module(spec)
    assert function.__module__ == module.__name__
    # preprocess_input does what the table says
    x = np.random.default_rng(0).uniform(0, 255, (2, 5, 5, 3)).astype(np.float32)
    got = np.asarray(module.preprocess_input(x.copy()))
    np.testing.assert_allclose(got, _expected_preprocess(x, spec.preprocessing), rtol=1e-5,
                               atol=1e-4)
    # the weights: address under one of the module's base URLs, hash and name in its source
    # (ResNetV2's functions call resnet.ResNet, whose module holds the addresses and hashes.)
    owners = [module] + [v for v in vars(module).values() if inspect.ismodule(v)
                         and v.__name__.startswith("keras.src.applications.")
                         and v.__name__ != "keras.src.applications.imagenet_utils"]
    source = "\n".join(inspect.getsource(m) for m in owners)
    bases = [v for m in owners for v in vars(m).values()
             if isinstance(v, str) and v.startswith("https://")]
    assert any(spec.url.startswith(b) for b in bases), bases
    url_name = spec.url.rsplit("/", 1)[1]
    assert url_name == spec.file_name or f'"{url_name}"' in source or f"{url_name}\"" in source
    if spec.file_hash is None:
        assert "file_hash" not in source
    else:
        assert len(spec.file_hash) in (32, 64) and f'"{spec.file_hash}"' in source
        for owner in owners:
            hashes = getattr(owner, "WEIGHTS_HASHES", None)
            if hashes is not None:  # the with-top hash is the first of each pair
                assert spec.file_hash in {pair[0] for pair in hashes.values()}
    assert inspect.signature(function).parameters["weights"].default == "imagenet"


def test_sizes_are_plausible():
    for spec in SPECS:
        # float32 weights: about 4 bytes a parameter; keras.io rounds to whole MiB, and the
        # HDF5 layout of many small layers adds up to 43 % (EfficientNet-B0: 29 MiB, 5.3 M)
        assert spec.params * 4 <= spec.approx_bytes * 1.02, spec.name
        assert spec.approx_bytes <= spec.params * 4 * 1.45, spec.name
    assert applications.get_spec("resnet50").approx_bytes == 98 * 2**20  # keras.io: 98 MB
    assert applications.get_spec("convnexttiny").size_source == "params×4"


def test_get_spec_unknown_name_lists_the_names():
    with pytest.raises(ModelError) as info:
        applications.get_spec("resnet9000")
    assert "resnet50" in str(info.value) and "efficientnetv2l" in str(info.value)
    assert applications.get_spec("MobileNetV2").function == "MobileNetV2"


def test_build_rejects_bad_weights_argument(tmp_path):
    with pytest.raises(WeightsError, match="does not exist"):
        pretrained.build("mobilenet", weights=tmp_path / "missing.h5")
    with pytest.raises(WeightsError, match="Expected \"imagenet\", None"):
        pretrained.build("mobilenet", weights=42)


# --------------------------------------------------------------------------- ImageNet weights

@pytest.fixture
def no_network(monkeypatch):
    """Fail any connection that does not go to the loopback interface."""
    real_connect = socket.socket.connect
    attempts = []

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") \
                and not host.startswith("/"):
            attempts.append(address)
            raise OSError(f"test blocks the network: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, address: guarded(self, address))
    yield attempts
    assert attempts == []


def _photo_batch(path: Path, side: int) -> np.ndarray:
    from keras.applications import mobilenet
    from PIL import Image

    with Image.open(path) as image:
        pixels = np.asarray(image.convert("RGB").resize((side, side), Image.BILINEAR),
                            dtype=np.float32)
    return mobilenet.preprocess_input(pixels[None].copy())


def test_build_mobilenet_imagenet_from_the_cache(imagenet_keras_home, fixture_images, no_network):
    spec = applications.get_spec("mobilenet")
    assert weights.cached_path(spec) == imagenet_keras_home / "models" / spec.file_name
    assert weights.weights_status(spec) == "cached"
    reports = []
    model = pretrained.build("mobilenet", weights="imagenet", progress=reports.append)
    assert reports == []  # nothing was downloaded
    assert model.input_shape == (None, 224, 224, 3) and model.output_shape == (None, 1000)
    batch = np.concatenate([_photo_batch(fixture_images / "grace_hopper.bmp", 224),
                            _photo_batch(fixture_images / "parrot.jpg", 224)])
    probs = np.asarray(model(batch, training=False))
    assert probs.shape == (2, 1000)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-4)
    # Keras's class index (the fixture copy is byte-identical): 652 is military_uniform
    # (653 is milk_can), 88 is macaw.
    index = json.loads((imagenet_keras_home / "models" / "imagenet_class_index.json").read_text())
    top1 = [int(i) for i in np.argmax(probs, axis=1)]
    assert [index[str(i)][1] for i in top1] == ["military_uniform", "macaw"]
    assert top1 == [652, 88]
    assert probs[0, 652] > 0.5


def test_build_with_a_local_weights_file_and_untrained(imagenet_keras_home, tmp_path,
                                                       no_network):
    import shutil

    spec = applications.get_spec("mobilenet")
    local = tmp_path / "my_mobilenet.h5"
    shutil.copy(imagenet_keras_home / "models" / spec.file_name, local)
    trained = pretrained.build("mobilenet", weights=local)
    untrained = pretrained.build("mobilenet", weights="untrained")
    import h5py

    kernel = trained.get_layer("conv1").get_weights()[0]
    with h5py.File(local, "r") as f:
        saved = np.asarray(f["conv1"]["conv1"]["kernel"])
    assert kernel.shape == saved.shape == (3, 3, 3, 32)
    np.testing.assert_array_equal(kernel, saved)
    assert not np.allclose(kernel, untrained.get_layer("conv1").get_weights()[0])


def test_catalog_loads_a_pretrained_entry(imagenet_keras_home, no_network):
    from explorer.core.models.catalog import find_entry
    from explorer.core.models.loading import load_model

    entry = find_entry("mobilenet")
    assert (entry.group, entry.weights_status, entry.params) == ("pretrained", "cached", 4_253_864)
    loaded = load_model("mobilenet")  # weights="default" -> ImageNet from the cache
    assert loaded.entry == entry and loaded.model.output_shape == (None, 1000)
    assert (loaded.spec.height, loaded.spec.width, loaded.spec.channels) == (224, 224, 3)
    assert loaded.spec.preprocessing.mode == "tf"
    assert len(loaded.class_names) == 1000
    assert loaded.class_names[652] == "military_uniform" and loaded.class_names[88] == "macaw"


def test_build_corrupt_cached_file_is_a_weights_error(no_network):
    spec = applications.get_spec("mobilenetv2")
    assert spec.file_hash is None  # Keras checks none, so the corrupt file is used as is
    target = weights.keras_cache_dir() / spec.file_name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"this is not an HDF5 file")
    try:
        with pytest.raises(WeightsError) as info:
            pretrained.build("mobilenetv2", weights="imagenet")
        assert str(target) in str(info.value) and spec.url in str(info.value)
    finally:
        target.unlink()


# --------------------------------------------------------------------------- every entry (slow)

class _Captured(Exception):
    pass


class _ZeroRandom:
    """Stands for ``keras.random`` inside Keras's random initializers: zeros of the asked
    shape, so that building a model costs its graph and its memory but not 1.5 billion random
    numbers (most of this test's time before; shapes and weight counts do not depend on the
    values, and the random path is built by every untrained model the other tests open)."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        if name in ("normal", "uniform", "truncated_normal"):
            from keras import ops

            return lambda shape, *args, dtype=None, **kwargs: ops.zeros(shape, dtype=dtype)
        return getattr(self._real, name)


@pytest.mark.slow
def test_every_entry_builds_untrained_with_the_table_shape(monkeypatch):
    """Build all 40; the input is the table's size, the output 1000-way, the weight count the
    table's (the weights are initialised to zeros here: see :class:`_ZeroRandom`)."""
    import keras
    from keras.src.initializers import random_initializers

    monkeypatch.setattr(random_initializers, "random", _ZeroRandom(random_initializers.random))

    seconds = {}
    start = time.monotonic()
    for spec in SPECS:
        t0 = time.monotonic()
        model = pretrained.build(spec.name, weights=None)
        assert tuple(model.input_shape) == (None, *spec.input_shape), spec.name
        assert tuple(model.output_shape) == (None, 1000), spec.name
        assert model.count_params() == spec.params, spec.name
        del model
        keras.backend.clear_session()
        seconds[spec.name] = round(time.monotonic() - t0, 2)
    seconds["_total"] = round(time.monotonic() - start, 1)
    TIMINGS.write_text(json.dumps(seconds, indent=1))


#: One entry of each Keras module (the cheapest): every way a module names its weights file.
REPRESENTATIVES = ("resnet50", "resnet50v2", "vgg16", "vgg19", "xception", "inceptionv3",
                   "inceptionresnetv2", "densenet121", "mobilenet", "mobilenetv2",
                   "mobilenetv3small", "nasnetmobile", "efficientnetb0", "efficientnetv2b0",
                   "convnexttiny")


def _check_get_file_calls(monkeypatch, specs):
    """Build each with ImageNet weights, stopping at Keras's ``get_file``; compare its arguments."""
    import keras
    from keras.src.utils import file_utils

    calls = []

    def fake_get_file(fname=None, origin=None, **kwargs):
        calls.append((fname, origin, kwargs.get("file_hash"), kwargs.get("cache_subdir")))
        raise _Captured

    monkeypatch.setattr(file_utils, "get_file", fake_get_file)
    for spec in specs:
        calls.clear()
        with pytest.raises(_Captured):
            pretrained.keras_function(spec)(weights="imagenet", input_shape=spec.input_shape)
        assert calls == [(spec.file_name, spec.url, spec.file_hash, "models")], spec.name
        keras.backend.clear_session()


@pytest.mark.slow
def test_each_family_asks_keras_for_the_table_file(monkeypatch):
    """One entry per Keras module: the file name, address and hash Keras asks for are the row's."""
    assert {applications.get_spec(n).module for n in REPRESENTATIVES} == {s.module for s in SPECS}
    _check_get_file_calls(monkeypatch, [applications.get_spec(n) for n in REPRESENTATIVES])


@pytest.mark.very_slow
def test_every_entry_asks_keras_for_the_table_file(monkeypatch):
    """All 40 rows against Keras's own ``get_file`` calls (about as long as the build loop)."""
    _check_get_file_calls(monkeypatch, SPECS)
