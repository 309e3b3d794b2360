"""One channel of a layer, large, with the value under the cursor."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from explorer.core.pixels.colormaps import colormap
from explorer.widgets.color_bar import ColorBar
from explorer.widgets.image_plot import ImagePlot


def channel_levels(activation: np.ndarray, channel: int, norm: str) -> tuple[float, float]:
    """The value range the mosaic used for ``channel`` of an ``(H, W, C)`` activation.

    ``layer`` and ``signed`` share one range over the layer; ``channel`` and ``standardize``
    use the channel's own range (standardise is shown as the channel's min–max here, where the
    raw values are what the cursor reads).
    """
    if norm == "signed":
        top = float(np.abs(activation).max())
        return -top, top
    values = activation if norm == "layer" else activation[..., channel]
    return float(values.min()), float(values.max())


class ChannelPanel(QWidget):
    """A side panel: the clicked channel at full size, its range and the value under the mouse.

    Signals (through :attr:`plot`): ``step_requested`` for ↑/↓.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel(self.tr("Click a tile to see its channel here"))
        self.title.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Hide the channel panel (click a tile to show it "
                                             "again)"))
        self.close_button.clicked.connect(self.hide)
        self.plot = ImagePlot()
        self.plot.setMinimumWidth(200)
        self.value = QLabel(" ")
        self.value.setToolTip(self.tr("Value of the activation under the mouse"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)
        layout.addLayout(header)
        self.color_bar = ColorBar()
        row = QHBoxLayout()
        row.addWidget(self.plot, 1)
        row.addWidget(self.color_bar)
        layout.addLayout(row, 1)
        layout.addWidget(self.value)
        self._values: np.ndarray | None = None
        self._channel: int | None = None
        self.plot.hovered.connect(self._on_hovered)

    @property
    def channel(self) -> int | None:
        """The channel shown, or ``None``."""
        return self._channel

    def show_channel(self, path: str, activation: np.ndarray, channel: int, norm: str,
                     cmap: str) -> None:
        """Show ``channel`` of an ``(H, W, C)`` activation with the mosaic's colours."""
        values = np.asarray(activation[..., channel], dtype=np.float32)
        low, high = channel_levels(activation, channel, norm)
        self._values, self._channel = values, channel
        self.show()
        self.plot.set_values(values, colormap(cmap), (low, high),
                             keep_view=self.plot.image_shape == values.shape)
        self.color_bar.set_scale(colormap(cmap), low, high)
        self.title.setText(f"<b>{path}</b> · " + self.tr(
            "channel {channel} · {height}×{width} · min {low} · max {high} · colours "
            "{bottom} … {top}").format(
                channel=channel, height=values.shape[0], width=values.shape[1],
                low=f"{values.min():.4g}", high=f"{values.max():.4g}", bottom=f"{low:.4g}",
                top=f"{high:.4g}"))

    def clear(self) -> None:
        """Show nothing until the next click."""
        self._values, self._channel = None, None
        self.plot.clear_image()
        self.title.setText(self.tr("Click a tile to see its channel here"))
        self.value.setText(" ")

    def _on_hovered(self, row: int, col: int) -> None:
        if row < 0 or self._values is None:
            self.value.setText(" ")
            return
        self.value.setText(self.tr("channel {channel} · row {row}, col {col} = {value}").format(
            channel=self._channel, row=row, col=col, value=f"{self._values[row, col]:.5g}"))
