"""``cnn-explorer graph``: the diagram as JSON, SVG and PNG files, and mistakes as one line
(issue 15)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import numpy as np
from cli_helpers import assert_user_error
from PIL import Image

SVG = "{http://www.w3.org/2000/svg}"


def test_json_has_one_node_per_layer_and_the_merges(cli, tmp_path):
    out = tmp_path / "googlenet.json"
    result = cli("graph", "googlenet", "--out", out)
    assert result.status == 0, result.err
    data = json.loads(out.read_text(encoding="utf-8"))
    shapes = cli("shapes", "googlenet", "--json").json()
    assert [n["id"] for n in data["nodes"]] == [row["path"] for row in shapes]
    assert sum(n["type"] == "Concatenate" for n in data["nodes"]) == 9
    concat = "inception4a/concat"
    assert sum(e["to"] == concat for e in data["edges"]) == 4
    assert {g["id"] for g in data["groups"]} >= {"stem", "inception3a", "inception5b"}
    assert f"{len(data['nodes'])} layers" in result.out


def test_svg_folded_and_open(cli, tmp_path):
    folded, opened = tmp_path / "folded.svg", tmp_path / "open.svg"
    assert cli("graph", "resnet34", "--out", folded).status == 0
    result = cli("graph", "resnet34", "--format", "svg", "--expand", "all", "--out", opened)
    assert result.status == 0, result.err
    def node_texts(path):
        root = ET.parse(path).getroot()
        return [next(iter(t)).text for t in root.iter(f"{SVG}text") if t.get("class") == "node"]
    small, large = node_texts(folded), node_texts(opened)
    assert "▸ unit4" in small and "skip_conv" not in small
    assert len(small) == 20 and len(large) == len(cli("shapes", "resnet34", "--json").json())
    assert large.count("skip_conv") == 3 and large.count("+  Add") == 16


def test_png(cli, tmp_path):
    out = tmp_path / "lenet.png"
    result = cli("graph", "lenet5", "--out", out)
    assert result.status == 0, result.err
    with Image.open(out) as png:
        picture = np.asarray(png)
    assert picture.shape[2] == 4 and picture.shape[0] > 3 * picture.shape[1]
    assert len({tuple(p) for p in picture[::7, ::7, :3].reshape(-1, 3)}) > 8


def test_mistakes_are_one_line(cli, tmp_path):
    assert_user_error(cli("graph", "lenet5", "--out", tmp_path / "x.gif"), "x.gif", r"\.svg")
    assert_user_error(cli("graph", "no-such-model", "--out", tmp_path / "x.json"),
                      "no-such-model")
    assert_user_error(cli("graph", "lenet5", "--out", tmp_path / "missing" / "x.json"),
                      "Cannot write")
