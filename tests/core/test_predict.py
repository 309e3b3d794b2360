"""Top-K ranking and the bundled ImageNet class index."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest

from explorer.core.errors import ModelError
from explorer.core.predict import Prediction, imagenet_class_names, imagenet_wnids, top_k
from explorer.core.resources import resource_path

REPO = Path(__file__).resolve().parents[2]


def test_top_k_order_labels_and_scores():
    probs = np.array([0.1, 0.4, 0.05, 0.3, 0.15], np.float32)
    best = top_k(probs, 3, ["a", "b", "c", "d", "e"])
    assert best == [Prediction(1, "b", pytest.approx(0.4)), Prediction(3, "d", pytest.approx(0.3)),
                    Prediction(4, "e", pytest.approx(0.15))]
    assert all(isinstance(p.score, float) and isinstance(p.index, int) for p in best)
    assert [p.label for p in top_k(probs[np.newaxis], 2)] == ["class 1", "class 3"]
    assert len(top_k(probs, 50)) == 5
    assert top_k(probs, 0) == []


def test_top_k_ties_keep_lower_index_first():
    assert [p.index for p in top_k(np.array([0.2, 0.3, 0.3, 0.2]), 4)] == [1, 2, 0, 3]


def test_top_k_rejects_non_vectors_and_wrong_names():
    with pytest.raises(ModelError, match="not a vector"):
        top_k(np.zeros((2, 5)), 3)
    with pytest.raises(ModelError, match="not a vector"):
        top_k(np.float32(0.3), 1)
    with pytest.raises(ModelError, match="do not match"):
        top_k(np.zeros(5), 3, ["a", "b"])


def test_bundled_imagenet_index_without_fixtures():
    names, wnids = imagenet_class_names(), imagenet_wnids()
    assert len(names) == len(wnids) == 1000
    assert names[0] == "tench" and wnids[0] == "n01440764"
    assert names[404] == "airliner"
    assert names[652] == "military_uniform"  # Keras's class 652 (653 is milk_can)
    assert names[653] == "milk_can"
    assert names[88] == "macaw"
    assert all(re.fullmatch(r"n\d{8}", w) for w in wnids) and len(set(wnids)) == 1000
    raw = json.loads(resource_path("imagenet_class_index.json").read_text(encoding="utf-8"))
    assert isinstance(raw, list) and all(len(entry) == 2 for entry in raw)


def test_bundled_index_matches_keras_entry_by_entry(fixtures_dir):
    source = fixtures_dir / "keras-home" / "models" / "imagenet_class_index.json"
    keras_index = json.loads(source.read_text(encoding="utf-8"))
    assert len(keras_index) == 1000
    names, wnids = imagenet_class_names(), imagenet_wnids()
    for key, (wnid, name) in keras_index.items():
        assert (wnids[int(key)], names[int(key)]) == (wnid, name)
    bundled = resource_path("imagenet_class_index.json").read_bytes()
    assert bundled != source.read_bytes()


def _tool():
    spec = importlib.util.spec_from_file_location("make_imagenet_index",
                                                  REPO / "tools" / "make_imagenet_index.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_index_tool_converts_and_validates(tmp_path):
    tool = _tool()
    entries = tool.convert({"1": ["n2", "b"], "0": ["n1", "a"]})
    assert entries == [["n1", "a"], ["n2", "b"]]
    assert json.loads(tool.render(entries)) == entries
    with pytest.raises(ValueError, match="without gaps"):
        tool.convert({"0": ["n1", "a"], "2": ["n3", "c"]})
    with pytest.raises(ValueError, match="class 0"):
        tool.convert({"0": ["n1"]})
    src, dest = tmp_path / "in.json", tmp_path / "out.json"
    src.write_text(json.dumps({"0": ["n01440764", "tench"]}), encoding="utf-8")
    assert tool.main(["tool", str(src), str(dest)]) == 0
    assert json.loads(dest.read_text(encoding="utf-8")) == [["n01440764", "tench"]]
