"""`activations` and `kernels`: files checked against Keras sub-models and weights directly."""

from __future__ import annotations

import re

import numpy as np
import pytest
from cli_helpers import assert_user_error
from PIL import Image

LENET_LAYERS = ("image", "C1", "S2", "S2_tanh", "C3", "S4", "S4_tanh", "C5", "flatten", "F6",
                "output")
NESTED = "base_0.5"  # a nested model whose name has a dot, like "mobilenet_1.00_224"


@pytest.fixture(scope="module")
def lenet_file(tmp_path_factory):
    """LeNet-5 built from code (random weights) saved as a model file."""
    import keras

    from explorer.core.models import zoo

    keras.utils.set_random_seed(3)
    path = tmp_path_factory.mktemp("lenet") / "lenet_random.keras"
    zoo.build("lenet5").save(path)
    return path


@pytest.fixture(scope="module")
def nested_file(tmp_path_factory):
    """image → [base_0.5: block1.conv → block1.pool] → gap → output, saved as a file."""
    import keras
    from keras import layers

    keras.utils.set_random_seed(4)
    inner_in = keras.Input((16, 16, 3), name="inner_image")
    x = layers.Conv2D(5, 3, activation="relu", name="block1.conv")(inner_in)
    x = layers.MaxPooling2D(2, name="block1.pool")(x)
    inner = keras.Model(inner_in, x, name=NESTED)
    outer_in = keras.Input((16, 16, 3), name="image")
    y = layers.GlobalAveragePooling2D(name="gap")(inner(outer_in))
    model = keras.Model(outer_in, layers.Dense(4, activation="softmax", name="output")(y),
                        name="nested")
    path = tmp_path_factory.mktemp("nested") / "nested.keras"
    model.save(path)
    return path


def prepared_tensor(model_path, image_path) -> np.ndarray:
    """The tensor the CLI feeds for this model and image."""
    from explorer.core.models.loading import load_model
    from explorer.core.pixels.images import load_image
    from explorer.core.predict import prepare

    return prepare(load_model(str(model_path)), load_image(image_path)).tensor


def sub_model_output(model, layer, tensor) -> np.ndarray:
    import keras

    return np.asarray(keras.Model(model.input, model.get_layer(layer).output)(tensor))[0]


def test_npy_files_equal_per_layer_sub_models(cli, lenet_file, square_photo, tmp_path):
    import keras

    out = tmp_path / "acts"
    result = cli("activations", lenet_file, square_photo, "--out", out)
    assert result.status == 0, result.err
    assert result.out.strip() == f"wrote {len(LENET_LAYERS)} npy files to {out}"
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.npy" for n in LENET_LAYERS)
    model = keras.models.load_model(lenet_file, compile=False)
    tensor = prepared_tensor(lenet_file, square_photo)
    assert tensor.shape == (1, 32, 32, 1)
    np.testing.assert_array_equal(np.load(out / "image.npy"), tensor[0])
    for name in LENET_LAYERS[1:]:
        got = np.load(out / f"{name}.npy")
        want = sub_model_output(model, name, tensor)
        assert got.dtype == np.float32 and got.shape == want.shape, name
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6, err_msg=name)
    assert np.load(out / "C1.npy").shape == (28, 28, 6)
    assert np.load(out / "F6.npy").shape == (84,)


def test_layer_option_writes_only_those_layers(cli, lenet_file, square_photo, tmp_path):
    result = cli("activations", lenet_file, square_photo, "--layer", "C3", "--layer", "F6",
                 "--layer", "C3", "--out", tmp_path)
    assert result.status == 0, result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["C3.npy", "F6.npy"]
    assert result.out.startswith("wrote 2 npy files")


def test_nested_paths_become_file_names(cli, nested_file, square_photo, tmp_path):
    import keras

    out = tmp_path / "all"
    assert cli("activations", nested_file, square_photo, "--out", out).status == 0
    names = {p.name for p in out.iterdir()}
    conv, pool = f"{NESTED}__block1__conv.npy", f"{NESTED}__block1__pool.npy"
    # (Path.with_suffix would have cut both nested names at "base_0." into one "base_0.npy")
    assert names == {"image.npy", conv, pool, "gap.npy", "output.npy"}
    inner = keras.models.load_model(nested_file, compile=False).get_layer(NESTED)
    tensor = prepared_tensor(nested_file, square_photo)
    for layer, file in (("block1.conv", conv), ("block1.pool", pool)):
        want = np.asarray(keras.Model(inner.input, inner.get_layer(layer).output)(tensor))[0]
        np.testing.assert_allclose(np.load(out / file), want, rtol=1e-5, atol=1e-6)
    assert np.load(out / pool).shape == (7, 7, 5)

    for selector in ("block1.conv", f"{NESTED}/block1/conv"):  # a name or a path
        one = tmp_path / re.sub(r"\W", "_", selector)
        assert cli("activations", nested_file, square_photo, "--layer", selector,
                   "--out", one).status == 0
        assert [p.name for p in one.iterdir()] == [conv]


def test_png_format_writes_mosaics_of_the_expected_size(cli, lenet_file, square_photo,
                                                        tmp_path):
    from explorer.core.pixels.render import render_activation

    assert cli("activations", lenet_file, square_photo, "--out", tmp_path / "npy").status == 0
    result = cli("activations", lenet_file, square_photo, "--out", tmp_path / "png",
                 "--format", "png")
    assert result.status == 0, result.err
    assert sorted(p.name for p in (tmp_path / "png").iterdir()) == sorted(
        f"{n}.png" for n in LENET_LAYERS)
    # (height, width): 6 tiles of 28×28 in 2 rows × 3 columns with 1-pixel gaps; 16 tiles of
    # 10×10 in 3 × 6; one 32×32 tile; vectors as 48-pixel bar strips, 2 pixels a value
    sizes = {"C1": (57, 86), "C3": (32, 65), "image": (32, 32), "F6": (48, 168),
             "output": (48, 20), "flatten": (48, 240)}
    for name, (height, width) in sizes.items():
        with Image.open(tmp_path / "png" / f"{name}.png") as png:
            assert png.mode == "RGBA" and png.size == (width, height), name
            pixels = np.asarray(png)
        array = np.load(tmp_path / "npy" / f"{name}.npy")
        drawn = render_activation(array)  # the window's renderer draws the same picture
        np.testing.assert_array_equal(pixels, drawn, err_msg=name)


def test_no_conv_model_gives_dense_strips(cli, bad_models, square_photo, tmp_path):
    path, expected = bad_models["no_conv"]
    assert expected == "ok"
    result = cli("activations", path, square_photo, "--out", tmp_path, "--format", "png")
    assert result.status == 0, result.err
    sizes = {}
    for png in tmp_path.iterdir():
        with Image.open(png) as image:
            sizes[png.name] = image.size
    assert sizes == {"image.png": (28, 28), "flat.png": (2 * 784, 48),
                     "hidden.png": (2 * 8, 48), "output.png": (2 * 10, 48)}


def test_kernels_keras_and_book_layouts(cli, lenet_file, tmp_path):
    import keras

    keras_file, book_file = tmp_path / "c3_keras.npy", tmp_path / "c3_book.npy"
    result = cli("kernels", lenet_file, "--layer", "C3", "--out", keras_file)
    assert result.status == 0, result.err
    assert result.out.strip() == f"C3: conv kernels keras layout 5×5×6×16 → {keras_file}"
    result = cli("kernels", lenet_file, "--layer", "C3", "--out", book_file, "--layout", "book")
    assert result.out.strip() == f"C3: conv kernels book layout 16×6×5×5 → {book_file}"
    weights = keras.models.load_model(lenet_file, compile=False).get_layer("C3").kernel
    in_keras = np.load(keras_file)
    np.testing.assert_array_equal(in_keras, keras.ops.convert_to_numpy(weights))
    np.testing.assert_array_equal(np.load(book_file), in_keras.transpose(3, 2, 0, 1))
    assert np.load(book_file).shape == (16, 6, 5, 5)


def test_kernels_png(cli, lenet_file, plain_model, tmp_path):
    import keras

    sizes = {}
    for layer in ("C1", "C3"):
        out = tmp_path / f"{layer}.png"
        assert cli("kernels", lenet_file, "--layer", layer, "--out", out).status == 0
        with Image.open(out) as png:
            sizes[layer] = (png.mode, png.size)
    # C1: 6 one-channel filters of 5×5 in 2 rows × 3; C3: 16 filters (rows) × 6 inputs (columns)
    assert sizes == {"C1": ("RGBA", (17, 11)), "C3": ("RGBA", (6 * 6 - 1, 16 * 6 - 1))}

    out = tmp_path / "rgb.png"  # 4 RGB filters of 3×3: colour patches in 2 × 2
    assert cli("kernels", plain_model, "--layer", "conv", "--out", out).status == 0
    with Image.open(out) as png:
        patches = np.asarray(png)
    assert patches.shape == (7, 7, 4)
    kernel = keras.ops.convert_to_numpy(
        keras.models.load_model(plain_model, compile=False).get_layer("conv").kernel)
    first = kernel[:, :, :, 0]
    expected = np.clip(first * (127.0 / np.abs(first).max()) + 128.5, 1, 255).astype(np.uint8)
    np.testing.assert_array_equal(patches[:3, :3, :3], expected)
    assert (patches[:3, :3, 3] == 255).all()


def test_kernels_mistakes(cli, lenet_file, tmp_path):
    assert_user_error(cli("kernels", lenet_file, "--layer", "F6", "--out", tmp_path / "k.npy"),
                      r"'F6' \(Dense\) has no convolution kernels", r"Pick a Conv")
    assert_user_error(cli("kernels", lenet_file, "--layer", "C9", "--out", tmp_path / "k.npy"),
                      r"no layer 'C9'", r"Pick a layer")
    assert_user_error(cli("kernels", lenet_file, "--layer", "C1", "--out", tmp_path / "k.bin"),
                      r"Expected \.npy or \.png", r"End the --out file name")
    assert_user_error(cli("kernels", lenet_file, "--layer", "C1", "--out",
                          tmp_path / "no" / "such" / "k.npy"),
                      r"Cannot write", r"Choose a folder")
    assert list(tmp_path.iterdir()) == []


def test_activations_mistakes(cli, lenet_file, square_photo, tmp_path):
    assert_user_error(cli("activations", lenet_file, square_photo, "--layer", "nope",
                          "--out", tmp_path / "a"), r"no layer 'nope'", r"Pick a layer")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert_user_error(cli("activations", lenet_file, square_photo, "--out", blocker / "sub"),
                      r"Cannot create", r"Choose a folder")
