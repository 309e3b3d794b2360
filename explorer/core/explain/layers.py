"""Which layers a class activation map can be drawn at — from the layer table alone (no
TensorFlow), so the window can fill its layer picker."""

from __future__ import annotations


def spatial_layers(table) -> list[str]:
    """Paths of the layers whose output is ``(h, w, channels)`` with ``h`` or ``w`` above 1."""
    return [row.path for row in table
            if isinstance(row.output_shape, tuple) and len(row.output_shape) == 3
            and row.type != "InputLayer" and max(d or 2 for d in row.output_shape[:2]) > 1]


def default_layer(table) -> str | None:
    """The last layer with spatial output before the first global pooling or flatten (through
    nested models); None when the model has none."""
    spatial = set(spatial_layers(table))
    chosen = None
    for row in table:
        if (row.type.startswith("Global") or row.type == "Flatten") and chosen is not None:
            return chosen
        if row.path in spatial:
            chosen = row.path
    return chosen
