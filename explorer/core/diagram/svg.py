"""A laid-out diagram as an SVG document, built with :mod:`xml.etree.ElementTree` (every name
and shape is escaped by the XML writer, never pasted into markup)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from explorer.core.diagram import style
from explorer.core.diagram.layout import FONT_SIZE, LINE_HEIGHT, PAD_Y, DiagramLayout

SVG_NS = "http://www.w3.org/2000/svg"


def _points(points) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def to_svg(layout: DiagramLayout, title: str = "") -> bytes:
    """The drawing as SVG: group frames, edges with arrowheads (skips dashed) and shape labels,
    then one rounded box per node with one ``<text class="node">`` holding its lines."""
    ET.register_namespace("", SVG_NS)
    root = ET.Element(f"{{{SVG_NS}}}svg", {
        "width": f"{layout.width:.0f}", "height": f"{layout.height:.0f}",
        "viewBox": f"0 0 {layout.width:.0f} {layout.height:.0f}", "version": "1.1",
        "font-family": style.FONT_FAMILY, "font-size": str(FONT_SIZE)})
    if title:
        ET.SubElement(root, "title").text = title
    defs = ET.SubElement(root, "defs")
    for name, colour in (("arrow", style.EDGE), ("arrow-bypass", style.BYPASS)):
        marker = ET.SubElement(defs, "marker", {
            "id": name, "viewBox": "0 0 10 10", "refX": "10", "refY": "5", "markerWidth": "7",
            "markerHeight": "7", "orient": "auto-start-reverse"})
        ET.SubElement(marker, "path", {"d": "M 0 0 L 10 5 L 0 10 z",
                                       "fill": style.hex_colour(colour)})
    ET.SubElement(root, "rect", {"width": "100%", "height": "100%", "fill": "white"})

    frames = ET.SubElement(root, "g", {"class": "groups"})
    for f in layout.groups:
        colour = style.hex_colour(style.MODEL_FRAME if f.nested_model else style.FRAME)
        ET.SubElement(frames, "rect", {
            "x": f"{f.x:.1f}", "y": f"{f.y:.1f}", "width": f"{f.w:.1f}", "height": f"{f.h:.1f}",
            "rx": "8", "fill": "none", "stroke": colour, "stroke-dasharray": "5 3",
            "data-group": f.id})
        label = ET.SubElement(frames, "text", {"class": "group", "x": f"{f.x + 6:.1f}",
                                               "y": f"{f.y - 3:.1f}", "fill": colour,
                                               "font-size": str(FONT_SIZE - 1)})
        label.text = f.name

    edges = ET.SubElement(root, "g", {"class": "edges", "fill": "none"})
    for e in layout.edges:
        colour = style.hex_colour(style.BYPASS if e.bypass else style.EDGE)
        attrs = {"points": _points(e.points), "stroke": colour, "stroke-width": "1.3",
                 "marker-end": "url(#arrow-bypass)" if e.bypass else "url(#arrow)",
                 "data-from": e.source, "data-to": e.target}
        if e.bypass:
            attrs["stroke-dasharray"] = "6 3"
        ET.SubElement(edges, "polyline", attrs)
        if e.label:
            x, y = e.points[0]
            text = ET.SubElement(root, "text", {"class": "edge", "x": f"{x + 4:.1f}",
                                                "y": f"{y + FONT_SIZE + 1:.1f}",
                                                "fill": style.hex_colour(style.SECONDARY_TEXT),
                                                "font-size": str(FONT_SIZE - 2)})
            text.text = e.label

    nodes = ET.SubElement(root, "g", {"class": "nodes"})
    for n in layout.nodes:
        item = ET.SubElement(nodes, "g", {"data-id": n.id})
        ET.SubElement(item, "title").text = n.tooltip
        radius = n.h / 2 if n.is_merge else 6
        ET.SubElement(item, "rect", {
            "x": f"{n.x:.1f}", "y": f"{n.y:.1f}", "width": f"{n.w:.1f}", "height": f"{n.h:.1f}",
            "rx": f"{radius:.1f}", "fill": style.hex_colour(style.KIND_FILL[n.kind]),
            "stroke": style.hex_colour(style.KIND_STROKE[n.kind]),
            "stroke-width": "2" if n.is_group or n.is_merge else "1.2"})
        text = ET.SubElement(item, "text", {"class": "node", "x": f"{n.x + n.w / 2:.1f}",
                                            "text-anchor": "middle",
                                            "fill": style.hex_colour(style.TEXT)})
        for i, line in enumerate(n.lines):
            span = ET.SubElement(text, "tspan", {
                "x": f"{n.x + n.w / 2:.1f}",
                "y": f"{n.y + PAD_Y + (i + 1) * LINE_HEIGHT - 3:.1f}"})
            if i == 0:
                span.set("font-weight", "bold")
            else:
                span.set("fill", style.hex_colour(style.SECONDARY_TEXT))
            span.text = line
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
