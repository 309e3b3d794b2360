"""The model picker: every model on offer, grouped by where it comes from.

Groups: built from code · trained and bundled · pretrained (keras.applications) · opened files,
then "Open a model file…". A line under the box tells the chosen model's input size, parameter
count and whether its weights are trained, cached or still to download.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from explorer.core.models.types import GROUPS
from explorer.core.text import format_count, format_dims, format_millions

OPEN_FILE = "\x00open-file"
_NAME_ROLE = Qt.ItemDataRole.UserRole


def describe_entry(entry) -> str:
    """One line about a ``ModelEntry``: input size, parameters, weights."""
    shape = format_dims(entry.input_shape) if entry.input_shape else "?"
    params = f"{format_millions(entry.params)} params" if entry.params else "params: ?"
    return f"input {shape} · {params} · weights: {entry.weights_status}"


class ModelPicker(QWidget):
    """A grouped combo box of models and a line describing the current one.

    Signals:
        model_chosen(str): the user picked the model of this name.
        open_file_requested(): the user picked "Open a model file…".
    """

    model_chosen = Signal(str)
    open_file_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: dict[str, object] = {}
        self._current: str | None = None
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(28)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setToolTip("Pick the network to look inside")
        self.model = QStandardItemModel(self.combo)
        self.combo.setModel(self.model)
        self.combo.activated.connect(self._on_activated)
        self.details = QLabel("Loading the model list…")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(QLabel("Model:"))
        layout.addWidget(self.combo)
        layout.addWidget(self.details, 1)

    def set_models(self, entries) -> None:
        """Fill the box with ``ModelEntry`` items, grouped, plus "Open a model file…"."""
        self._entries = {e.name: e for e in entries}
        self._rebuild()

    def add_entry(self, entry) -> None:
        """Add (or refresh) one entry, e.g. a model opened from a file."""
        self._entries[entry.name] = entry
        self._rebuild()

    def entry(self, name: str):
        """The ``ModelEntry`` of ``name``, or ``None``."""
        return self._entries.get(name)

    def names(self) -> list[str]:
        """Names of the models on offer, in display order."""
        return [self.model.item(row).data(_NAME_ROLE) for row in range(self.model.rowCount())
                if self.model.item(row).data(_NAME_ROLE) not in (None, OPEN_FILE)]

    def set_current(self, name: str) -> None:
        """Show ``name`` as the current model (no signal)."""
        self._current = name
        for row in range(self.model.rowCount()):
            if self.model.item(row).data(_NAME_ROLE) == name:
                self.combo.setCurrentIndex(row)
        entry = self._entries.get(name)
        self.details.setText(describe_entry(entry) if entry else name)
        self.details.setToolTip(entry.description if entry else "")

    def set_loaded(self, name: str, params: int, input_description: str,
                   weights: str | None = None) -> None:
        """Show ``name`` as current with what loading it told: exact parameters, input and the
        weights it really has (``weights``; the catalogue's status when None)."""
        self.set_current(name)
        entry = self._entries.get(name)
        status = weights or (entry.weights_status if entry else "?")
        self.details.setText(f"input {input_description} · {format_millions(params)} params "
                             f"({format_count(params)}) · weights: {status}")

    def _rebuild(self) -> None:
        self.model.clear()
        for group, title in GROUPS.items():
            members = [e for e in self._entries.values() if e.group == group]
            if not members:
                continue
            header = QStandardItem(title)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(header.font())
            font.setBold(True)
            header.setFont(font)
            self.model.appendRow(header)
            for entry in members:
                item = QStandardItem("    " + entry.title)
                item.setData(entry.name, _NAME_ROLE)
                item.setToolTip(f"{entry.description}\n{describe_entry(entry)}")
                self.model.appendRow(item)
        opener = QStandardItem("Open a model file…")
        opener.setData(OPEN_FILE, _NAME_ROLE)
        opener.setToolTip("Open a .keras or .h5 model saved with Keras")
        self.model.appendRow(opener)
        if self._current:
            self.set_current(self._current)

    def _on_activated(self, row: int) -> None:
        name = self.model.item(row).data(_NAME_ROLE)
        if name == OPEN_FILE:
            if self._current:
                self.set_current(self._current)
            self.open_file_requested.emit()
        elif name and name != self._current:
            self.set_current(name)
            self.model_chosen.emit(name)
