"""The architecture as a picture (issue 15): the diagram of every zoo model has the structure of
its definition, groups fold, the layout is grandalf's, and the SVG and PNG are what they say."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter

import keras
import numpy as np
import pytest

from explorer.core.diagram.layout import AUTO_LIMIT, layout, resolve_expansion, visible_id
from explorer.core.diagram.png import render_png
from explorer.core.diagram.svg import SVG_NS, to_svg
from explorer.core.graph.diagram import application_block, build_diagram
from explorer.core.graph.model_graph import ModelGraph
from explorer.core.models import zoo

_CACHE: dict = {}


def diagram_of(name: str):
    if name not in _CACHE:
        _CACHE[name] = build_diagram(ModelGraph(zoo.build(name)))
    return _CACHE[name]


def inbound(diagram, node_id):
    return [e.source for e in diagram.edges if e.target == node_id]


def of_type(diagram, type_name):
    return [n for n in diagram.nodes if n.type == type_name]


def node(diagram, node_id):
    return diagram.node_by_id[node_id]


@pytest.mark.parametrize("name", sorted(zoo.MODULES))
def test_every_zoo_model_one_node_per_layer_one_edge_per_tensor(name):
    model = zoo.build(name)
    graph = ModelGraph(model)
    d = build_diagram(graph)
    assert [n.id for n in d.nodes] == [s.path for s in graph.steps]
    # one edge per tensor a layer takes from a layer: Keras's own inbound counts
    expected = sum(len(layer._inbound_nodes[0].input_tensors) for layer in model.layers
                   if not isinstance(layer, keras.layers.InputLayer))
    assert len(d.edges) == expected
    ids = set(d.node_by_id)
    assert all(e.source in ids and e.target in ids for e in d.edges)
    for n in d.nodes:  # every layer but the input is fed
        assert (n.kind == "input") == (not inbound(d, n.id))
    assert sum(n.params for n in d.nodes) == model.count_params()
    json.dumps(d.to_json())


def test_lenet_alternates_conv_and_pool_in_one_chain():
    d = diagram_of("lenet5")
    kinds = [n.kind for n in d.nodes]
    assert kinds[0] == "input" and not d.groups
    convs_pools = [k for k in kinds if k in ("conv", "pool")]
    assert convs_pools[:4] == ["conv", "pool", "conv", "pool"]
    assert all(len(inbound(d, n.id)) == 1 for n in d.nodes[1:])  # a chain, no merges


def test_googlenet_nine_concatenations_of_four_branches():
    d = diagram_of("googlenet")
    concats = of_type(d, "Concatenate")
    assert len(concats) == 9
    for concat in concats:
        module = concat.group
        assert module.startswith("inception") and concat.name == "concat"
        sources = inbound(d, concat.id)
        assert len(sources) == 4
        assert len({s.split("/")[1].split("_")[0] for s in sources}) == 4  # four branches
        assert all(node(d, s).group == module for s in sources)
        # each branch starts from the module's one input, outside the module
        starts = {f"{module}/branch1_1x1", f"{module}/branch2_1x1", f"{module}/branch3_1x1",
                  f"{module}/branch4_pool"}
        feeds = {inbound(d, s)[0] for s in starts}
        assert len(feeds) == 1 and node(d, feeds.pop()).group != module
    assert [g.id for g in d.groups] == ["stem"] + [c.group for c in concats]


def _resnet_units(d):
    adds = of_type(d, "Add")
    assert len(adds) == 16
    strided = []
    for add in adds:
        unit = add.group
        sources = inbound(d, add.id)
        assert len(sources) == 2
        skip = [s for s in sources if "skip" in s]
        if skip:
            assert skip == [f"{unit}/skip_bn"]
            conv = inbound(d, f"{unit}/skip_bn")[0]
            assert conv == f"{unit}/skip_conv" and node(d, conv).type == "Conv2D"
            # the 1×1 strided conv on the skip path takes the unit's input
            unit_input = inbound(d, f"{unit}/conv1")[0]
            assert inbound(d, conv) == [unit_input]
            strided.append(unit)
        else:  # the identity: the unit's input goes straight to the addition
            assert inbound(d, f"{unit}/conv1")[0] in sources
    return adds, strided


def test_resnet34_sixteen_additions_strided_ones_fed_by_a_1x1_conv_on_the_skip():
    model = zoo.build("resnet34")
    d = build_diagram(ModelGraph(model))
    _adds, strided = _resnet_units(d)
    assert strided == ["unit4", "unit8", "unit14"]
    for unit in strided:
        layer = model.get_layer(f"{unit}.skip_conv")
        assert layer.kernel_size == (1, 1) and layer.strides == (2, 2)
    # drawn: the skip is a dashed bypass into the addition
    drawn = layout(d, "all")
    bypass = {(e.source, e.target) for e in drawn.edges if e.bypass}
    assert ("unit4/skip_bn", "unit4/add") in bypass
    assert ("unit1/relu2", "unit2/add") in bypass  # an identity skip
    assert not any(e.target.endswith("/relu1") for e in drawn.edges if e.bypass)


def test_se_resnet34_a_multiply_in_every_unit():
    d = diagram_of("se-resnet34")
    adds, _ = _resnet_units(d)
    multiplies = of_type(d, "Multiply")
    assert sorted(m.group for m in multiplies) == sorted(a.group for a in adds)
    for m in multiplies:
        sources = inbound(d, m.id)
        assert sorted(s.rsplit("/", 1)[1] for s in sources) == ["bn2", "se_reshape"]
        assert inbound(d, f"{m.group}/add")[0] == m.id  # the gated main path is added


def test_resnext_and_csp_merges():
    assert len(of_type(diagram_of("resnext50"), "Add")) == 16
    csp = diagram_of("cspresnet50")
    assert of_type(csp, "Concatenate") and all(len(inbound(csp, c.id)) == 2
                                               for c in of_type(csp, "Concatenate"))


def small_transfer():
    base = keras.applications.MobileNetV2(weights=None, include_top=False, alpha=0.35,
                                          input_shape=(96, 96, 3))
    inputs = keras.Input((96, 96, 3), name="image")
    x = keras.layers.Rescaling(1 / 127.5, offset=-1, name="prep")(inputs)
    x = base(x, training=False)
    x = keras.layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = keras.layers.Dense(4, activation="softmax", name="head")(x)
    return keras.Model(inputs, outputs, name="transfer"), base


def test_a_nested_transfer_model_has_its_base_as_a_group():
    model, base = small_transfer()
    d = build_diagram(ModelGraph(model))
    top = d.top_groups()
    assert top == [base.name]
    group = d.group_by_id[base.name]
    assert group.nested_model and len(group.members) == len(base.layers) - 1
    assert all(m.startswith(base.name + "/") for m in group.members)
    # its inner blocks (block_1, block_2...) are groups inside it
    inner = [g for g in d.groups if g.parent == base.name]
    assert f"{base.name}/block_1" in {g.id for g in inner} and len(inner) == 16
    # the base is fed by the outer Rescaling and feeds the outer pooling
    assert inbound(d, f"{base.name}/Conv1") == ["prep"]
    assert inbound(d, "gap") == [f"{base.name}/out_relu"]
    # collapsed: one node with its input and output shapes
    drawn = layout(d, "auto")
    assert len(d.nodes) > AUTO_LIMIT and drawn.expanded == frozenset()
    assert [n.id for n in drawn.nodes] == ["image", "prep", base.name, "gap", "head"]
    box = drawn.node_by_id[base.name]
    assert box.is_group and "96×96×3 → 3×3×1280" in box.lines[2]
    assert [(e.source, e.target) for e in drawn.edges] == [
        ("image", "prep"), ("prep", base.name), (base.name, "gap"), ("gap", "head")]
    # the base opened, its blocks folded
    opened = layout(d, {base.name})
    assert f"{base.name}/block_3" in opened.node_by_id
    assert f"{base.name}/Conv1" in opened.node_by_id
    assert [f.id for f in opened.groups] == [base.name]
    assert visible_id(d, f"{base.name}/block_3_expand", opened.expanded) == \
        f"{base.name}/block_3"


def test_application_blocks():
    assert application_block("conv2_block1_1_conv") == "conv2_block1"
    assert application_block("block1a_dwconv") == "block1a"
    assert application_block("block_16_project_BN") == "block_16"
    assert application_block("block1_conv1") == "block1"
    assert application_block("unit3.conv1") is None
    assert application_block("mixed0") is None and application_block("block_1") is None


def test_expansion_and_collapse_change_the_drawing():
    d = diagram_of("resnet34")
    assert resolve_expansion(d, "auto") == frozenset()  # 125 layers: folded
    assert resolve_expansion(diagram_of("lenet5"), "auto") == frozenset()
    folded, opened, every = layout(d, "none"), layout(d, {"unit4"}), layout(d, "all")
    assert [n.id for n in folded.nodes] == ["image", "stem"] + [f"unit{i}" for i in range(1, 17)] + ["avg_pool", "output"]
    assert len(opened.nodes) == len(folded.nodes) - 1 + len(d.group_by_id["unit4"].members)
    assert len(every.nodes) == len(d.nodes)
    unit = folded.node_by_id["unit4"]
    assert unit.lines[2] == "56×56×64 → 28×28×128" and unit.members == 9
    frame = opened.groups[0]
    for member in d.group_by_id["unit4"].members:  # the frame holds its members
        box = opened.node_by_id[member]
        assert frame.x < box.x and box.x + box.w < frame.x + frame.w
        assert frame.y < box.y and box.y + box.h < frame.y + frame.h
    for drawn in (folded, opened, every):
        _no_overlaps(drawn)
        for e in drawn.edges:  # from the bottom of the source to the top of the target
            src, dst = drawn.node_by_id[e.source], drawn.node_by_id[e.target]
            assert e.points[0][1] == pytest.approx(src.y + src.h)
            assert e.points[-1][1] == pytest.approx(dst.y)
            assert all(y1 >= y0 - 1e-6 for (_, y0), (_, y1) in zip(e.points, e.points[1:]))


def _no_overlaps(drawn):
    boxes = sorted(drawn.nodes, key=lambda b: b.y)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b.y >= a.y + a.h:
                break
            assert b.x >= a.x + a.w or a.x >= b.x + b.w, (a.id, b.id)


def test_the_json_schema():
    data = diagram_of("googlenet").to_json()
    assert set(data) >= {"nodes", "edges", "groups"}
    assert all(set(n) == {"id", "name", "type", "kind", "output_shape", "params", "group"}
               for n in data["nodes"])
    assert all(set(e) == {"from", "to", "shape"} for e in data["edges"])
    assert all(set(g) == {"id", "name", "members"} for g in data["groups"])
    concat = next(n for n in data["nodes"] if n["id"] == "inception3a/concat")
    assert concat == {"id": "inception3a/concat", "name": "concat", "type": "Concatenate",
                      "kind": "merge", "output_shape": [28, 28, 256], "params": 0,
                      "group": "inception3a"}
    assert {"from": "inception3a/concat", "to": "inception3b/branch1_1x1",
            "shape": [28, 28, 256]} in data["edges"]


@pytest.mark.parametrize("expand", ["all", "none"])
def test_the_svg_is_xml_with_one_text_per_node(expand):
    d = diagram_of("googlenet")
    drawn = layout(d, expand)
    root = ET.fromstring(to_svg(drawn, "googlenet"))
    assert root.tag == f"{{{SVG_NS}}}svg"
    texts = [t for t in root.iter(f"{{{SVG_NS}}}text") if t.get("class") == "node"]
    assert len(texts) == len(drawn.nodes)
    first_lines = Counter(next(iter(t)).text for t in texts)
    assert first_lines == Counter(n.lines[0] for n in drawn.nodes)
    if expand == "all":
        names = {n.name for n in d.nodes if n.kind != "merge"}
        assert names <= set(first_lines)
    assert len(list(root.iter(f"{{{SVG_NS}}}polyline"))) == len(drawn.edges)


def test_svg_escapes_names():
    inputs = keras.Input((8, 8, 3), name="img<&>")
    x = keras.layers.Conv2D(2, 3, name='c"<1>&')(inputs)
    model = keras.Model(inputs, x, name="m&m")
    drawn = layout(build_diagram(ModelGraph(model)))
    root = ET.fromstring(to_svg(drawn, "m&m"))
    lines = [next(iter(t)).text for t in root.iter(f"{{{SVG_NS}}}text")
             if t.get("class") == "node"]
    assert lines == ["img<&>", 'c"<1>&']


def test_the_png_draws_the_boxes_in_their_colours():
    from explorer.core.diagram import style

    drawn = layout(diagram_of("lenet5"))
    rgba = render_png(drawn)
    assert rgba.shape == (round(drawn.height), round(drawn.width), 4)
    for box in drawn.nodes:
        x, y = int(box.x + 4), int(box.y + box.h / 2)
        assert tuple(rgba[y, x, :3]) == style.KIND_FILL[box.kind], box.id
    assert np.all(rgba[2, 2] == 255)
