"""The shape-flow arithmetic is not just printed: every conv and pool row's formula of every
zoo model is parsed and evaluated here, and must give the row's output size (issue 19, 20)."""

from __future__ import annotations

import math
import re

import pytest

from explorer.core.graph.model_graph import ModelGraph
from explorer.core.models import zoo

VALID = re.compile(r"⌊\((\d+) \+ 2·(\d+) − (\d+)\)/(\d+)⌋ \+ 1 = (\d+)")
SAME = re.compile(r"⌊\((\d+) \+ (\d+) − (\d+)\)/(\d+)⌋ \+ 1 = (\d+) \(pad (\d+) \+ (\d+)\)")


def _axes(text: str) -> list[str]:
    body = text.split(": ", 1)[1]
    return [re.sub(r"^[HW] ", "", part) for part in body.split(", ")] if body.startswith(
        ("H ", "W ")) else [body]


@pytest.mark.parametrize("name", sorted(zoo.MODULES))
def test_every_window_formula_gives_the_output_size(name):
    graph = ModelGraph(zoo.build(name))
    checked = 0
    for row in graph.table:
        if row.kind not in ("conv", "pool") or not row.arithmetic.startswith(("valid", "same")):
            continue
        sizes = row.output_shape[:2]
        for axis, (expr, size) in enumerate(zip(_axes(row.arithmetic), sizes)):
            if row.arithmetic.startswith("valid"):
                n, p, k, s, out = map(int, VALID.search(expr).groups())
                assert math.floor((n + 2 * p - k) / s) + 1 == out == size, (row.path, expr)
            else:
                n, p, k, s, out, before, after = map(int, SAME.search(expr).groups())
                assert math.floor((n + p - k) / s) + 1 == out == size == math.ceil(n / s)
                assert before + after == p and after - before in (0, 1), (row.path, expr)
            checked += 1
    assert checked >= 2
