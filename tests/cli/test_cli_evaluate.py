"""`evaluate` and `finetune` from the command line: real numbers out, progress on stderr, and
one line (exit 2) when the weights cannot be had offline."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import numpy as np
import pytest
from cli_helpers import ERROR_PREFIX, run_offline
from PIL import Image

from explorer.core.models.applications import get_spec
from explorer.core.models.code import bundled_path


def _idx(path: Path, header: int) -> np.ndarray:
    with gzip.open(path, "rb") as fh:
        return np.frombuffer(fh.read()[header:], dtype=np.uint8)


def test_evaluate_lenet5_prints_the_accuracy_counted_independently(cli, mnist_dir):
    result = cli("evaluate", "lenet5", "--data", mnist_dir)
    assert result.status == 0, result.err
    line = result.out.strip()
    m = re.fullmatch(rf"lenet5 on {re.escape(str(mnist_dir))}: accuracy (\d+\.\d\d)% "
                     r"\((\d+) images\), loss (\d+\.\d{4})", line)
    assert m, line
    assert int(m.group(2)) == 10_000
    # The same count without the app: the IDX bytes read here, LeNet-5's 28×28 → 32×32 zero
    # padding and x/255, the bundled file opened by Keras itself.
    import keras

    from explorer.core.models.zoo import layers  # noqa: F401  (registers the custom layers)

    digits = _idx(mnist_dir / "t10k-images-idx3-ubyte.gz", 16).reshape(10_000, 28, 28)
    labels = _idx(mnist_dir / "t10k-labels-idx1-ubyte.gz", 8)
    x = np.pad(digits, ((0, 0), (2, 2), (2, 2))).astype(np.float32)[..., None] / 255.0
    model = keras.saving.load_model(bundled_path("lenet5"), compile=False)
    right = int((np.argmax(model.predict(x, batch_size=1000, verbose=0), axis=1) == labels).sum())
    assert f"{right / 10_000:.2%}" == f"{m.group(1)}%"
    assert right >= 9_500
    assert 0 < float(m.group(3)) < 0.5
    assert result.err == ""


def _class_folders(root: Path, photos: Path) -> Path:
    """Two classes of two images each, cut from generated photos."""
    for cls, photo in (("birds", "bird.bmp"), ("flowers", "sunflower.bmp")):
        (root / cls).mkdir(parents=True)
        with Image.open(photos / photo) as img:
            for i in range(2):
                img.crop((i * 20, i * 10, img.width - i * 10, img.height - i * 20)).save(
                    root / cls / f"{i}.png")
    return root


@pytest.mark.slow
def test_finetune_shows_progress_on_stderr_and_saves_a_model(cli, tmp_path, photos,
                                                            imagenet_keras_home):
    """A tiny real run on MobileNet's ImageNet weights from the fixture Keras cache."""
    data = _class_folders(tmp_path / "data", photos)
    out = tmp_path / "tiny.keras"
    result = cli("finetune", "mobilenet", "--data", data, "--epochs", "1", "--fine-epochs", "1",
                 "--out", out)
    assert result.status == 0, result.err
    assert re.fullmatch(rf"saved {re.escape(str(out))}: classes birds, flowers; "
                        r"final accuracy \d+\.\d\d%", result.out.strip()), result.out
    # stdout holds the result only; the progress bars are on stderr, redrawn with \r
    lines = [part for part in re.split(r"[\r\n]", result.err) if part.strip()]
    assert lines, "no progress on stderr"
    bar = re.compile(r"epoch (\d)/(\d) [█·]{30} (\d+)/(\d+) loss \d+\.\d{4} acc \d\.\d{4}.*")
    assert all(bar.fullmatch(line.strip()) for line in lines), lines
    assert {bar.fullmatch(line.strip()).group(1) for line in lines} == {"1"}
    card = json.loads(out.with_suffix(".json").read_text())
    assert card["class_names"] == ["birds", "flowers"]
    assert out.exists() and out.stat().st_size > 1_000_000  # MobileNet's weights are inside


def test_finetune_offline_without_weights_is_one_line(tmp_path, photos):
    data = _class_folders(tmp_path / "data", photos)
    home = tmp_path / "keras-home"  # empty: nothing cached
    proc = run_offline("finetune", "mobilenetv2", "--data", data, "--epochs", "1",
                       "--out", tmp_path / "x.keras", keras_home=home, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr[-3000:]
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(ERROR_PREFIX), proc.stderr
    line = proc.stderr
    assert get_spec("mobilenetv2").file_name in line
    assert "network blocked by the test" in line and "untrained" in line
    assert "Traceback" not in line
    assert not (tmp_path / "x.keras").exists()
    assert not (home / "models").exists() or not any((home / "models").iterdir())
