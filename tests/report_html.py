"""Reading a report page back with ``html.parser``: the layer table's rows, the predictions,
the figures (their data-URI pictures decoded) and every address the page names."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

import numpy as np

SAMPLES = ("fashion-ankle-boot-test0.png", "fashion-bag-test18.png")
"""The bundled samples the report tests write their Fashion CNN report of."""


@dataclass
class Page:
    """What a report page holds."""

    rows: list[dict] = field(default_factory=list)  # the layer table's body rows
    predictions: list[list[str]] = field(default_factory=list)  # cells of each prediction row
    figures: dict[str, dict] = field(default_factory=dict)  # data-figure -> img attributes
    tags: list[str] = field(default_factory=list)  # every start tag, in order
    addresses: list[str] = field(default_factory=list)  # every src/href/action value
    ids: set[str] = field(default_factory=set)
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_layers = self._in_body = self._in_predictions = False
        self._row: dict | None = None
        self._cells: list[str] | None = None
        self._cell: list[str] | None = None
        self._figure: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.page.tags.append(tag)
        for key in ("src", "href", "action", "srcset", "poster", "data"):
            if key in a and not (tag == "figure" and key == "data"):
                self.page.addresses.append(a[key])
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "table":
            self._in_layers = a.get("id") == "layer-table"
            self._in_predictions = "predictions" in (a.get("class") or "")
        if tag == "tbody":
            self._in_body = True
        if tag == "tr" and self._in_body and (self._in_layers or self._in_predictions):
            self._row, self._cells = dict(a), []
        if tag == "td" and self._cells is not None:
            self._cell = []
        if tag == "figure":
            self._figure = a.get("data-figure")
        if tag == "img" and self._figure is not None:
            self.page.figures[self._figure] = a

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None and self._cells is not None:
            self._cells.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            if self._in_layers:
                self._row["cells"] = self._cells
                self.page.rows.append(self._row)
            else:
                self.page.predictions.append(self._cells)
            self._row = self._cells = None
        if tag == "tbody":
            self._in_body = False
        if tag == "table":
            self._in_layers = self._in_predictions = False
        if tag == "figure":
            self._figure = None

    def handle_data(self, data):
        self._text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def close(self):
        super().close()
        self.page.text = "".join(self._text)


def read_page(html: str) -> Page:
    """Parse a report page."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def decode_image(uri: str) -> np.ndarray:
    """The pixels of a ``data:image/png;base64,…`` URI (as stored: L, RGB or RGBA)."""
    from PIL import Image

    head, _, data = uri.partition(",")
    assert head in ("data:image/png;base64", "data:image/jpeg;base64"), head
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))))
