"""What a report shows of a loaded model (TensorFlow side): its card, the chosen layers, the
first convolution's kernels, the default explanation. The worker's report job
(``worker/jobs/report.py``) gathers each image's numbers through its caches and calls
:func:`report_for`; the window and ``cnn-explorer report`` both run that job."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from explorer import __version__
from explorer.core.errors import ExplorerError
from explorer.core.explain.layers import default_layer
from explorer.core.report.content import (
    ImageSection,
    Report,
    build_report,
    default_layers,
    first_conv,
)

GENERATOR = f"cnn-explorer {__version__}"


def model_card(loaded) -> dict:
    """The card shipped with a bundled model or lying beside a model file ({} when none, and
    for a bundled model opened with untrained weights: its card describes the trained ones)."""
    entry = loaded.entry
    if entry.group == "bundled" and loaded.weights == "bundled":
        from explorer.core.models.code import bundled_card

        return bundled_card(entry.name)
    if entry.group == "file":
        from explorer.core.models.files import read_card

        return read_card(Path(entry.name))
    return {}


def choose_layers(graph, names: Sequence[str] | None) -> tuple[list[str], str]:
    """The paths of the layers to draw and the choice in words.

    Args:
        graph: the ``ModelGraph``.
        names: layer names or paths (None or empty: every convolution and pooling layer).

    Raises:
        ModelError: a name the model does not have (with the candidates).
    """
    if not names:
        paths = default_layers(graph.table)
        if any(info.kind in ("conv", "pool") for info in graph.table):
            return paths, f"every convolution and pooling layer ({len(paths)})"
        return paths, f"every layer (the model has no convolution or pooling; {len(paths)})"
    paths = list(dict.fromkeys(graph.find(name).path for name in names))
    return paths, f"chosen: {', '.join(paths)}"


def first_kernels(graph):
    """``(KernelSet, "")`` of the first convolution, or ``(None, why)``."""
    path = first_conv(graph.table)
    if path is None:
        return None, "The model has no convolution, so there are no kernels to draw."
    try:
        return graph.kernels(path), ""
    except ExplorerError as error:
        return None, f"{path}: {error.what}"


def default_methods(table) -> tuple[str, ...]:
    """Grad-CAM where the model has a layer with a height and width, else saliency."""
    return ("gradcam",) if default_layer(table) is not None else ("saliency",)


def report_for(loaded, graph, sections: Sequence[ImageSection], layer_choice: str, *,
               model_name: str, input_description: str, weights_label: str) -> Report:
    """The report of ``loaded`` (its ``ModelGraph`` ``graph``) with its image ``sections``;
    the name, input and weights are said as the window says them (``ModelReady``)."""
    from explorer.core.models.types import GROUPS

    kernels, kernels_note = first_kernels(graph)
    return build_report(
        model_name=model_name, entry=loaded.entry, table=graph.table,
        input_description=input_description, weights_label=weights_label,
        trained=loaded.weights != "untrained", notes=loaded.notes, card=model_card(loaded),
        class_names=loaded.class_names, kernels=kernels, kernels_note=kernels_note,
        layer_choice=layer_choice, images=sections,
        group_heading=source_words(loaded, GROUPS), generator=GENERATOR)


def source_words(loaded, groups: dict) -> str:
    """Where the model comes from (the picker's heading), not claiming trained weights that
    were not loaded."""
    if loaded.entry.group == "bundled" and loaded.weights != "bundled":
        return "Built from code (the bundled trained weights not loaded)"
    return groups.get(loaded.entry.group, "")
