"""The report's request and result (``File ▸ Export report…``, ``cnn-explorer report``), kept
beside :mod:`explorer.worker.messages` in the same style: frozen dataclasses of plain values, no
Qt, no TensorFlow."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.worker.messages import ImageEntry, ModelRequest


@dataclass(frozen=True)
class ExportReport(ModelRequest):
    """Write the HTML report of the current model and some images (``core.report``).

    Args:
        model_name: the model the window expects to be current.
        images: the :class:`ImageEntry` s, one section each.
        out: the ``.html`` file to write.
        layers: the layers whose feature maps are drawn (names or paths); None: every
            convolution and pooling layer.
        norm, cmap: the feature maps' normalisation and colour map (None: the view's default).
        top_k: how many classes each image lists.
        explain: explanation methods (None: Grad-CAM, or saliency for a model without a
            spatial layer; ``()`` for none).
    """

    images: tuple[ImageEntry, ...]
    out: str
    layers: tuple[str, ...] | None = None
    norm: str = "layer"
    cmap: str | None = None
    top_k: int = 5
    explain: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ReportWritten:
    """An HTML report on disk.

    Args:
        request_id: id of the :class:`ExportReport` request.
        model_name: the model it describes.
        path: the file written.
        size_bytes: its size.
        figures: how many pictures it holds.
        layers: rows of its layer table.
        seconds: how long it took.
    """

    request_id: int
    model_name: str
    path: str
    size_bytes: int
    figures: int
    layers: int
    seconds: float
