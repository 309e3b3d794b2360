"""The model picker: every model on offer, grouped by where it comes from.

Groups: built from code · trained and bundled · pretrained (keras.applications) · opened files,
then "Open a model file…". A line under the box tells the chosen model's input size, parameter
count and whether its weights are trained, cached or still to download.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QStringListModel, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QWidget,
)

from explorer.core.models.types import GROUPS
from explorer.core.text import format_count, format_dims, format_millions
from explorer.widgets.elided_label import ElidedLabel

OPEN_FILE = "\x00open-file"
WEIGHT_ICONS = {"cached": QStyle.StandardPixmap.SP_DialogApplyButton}
"""The mark before a pretrained model whose weights are already on this machine (the others
are fetched when picked; the line under the box says how big they are)."""
_NAME_ROLE = Qt.ItemDataRole.UserRole
GROUP_TITLES = {"bundled": QT_TRANSLATE_NOOP("ModelPicker", "Trained and bundled"),
                "code": QT_TRANSLATE_NOOP("ModelPicker", "Built from code"),
                "pretrained": QT_TRANSLATE_NOOP("ModelPicker",
                                                "Pretrained (keras.applications)"),
                "file": QT_TRANSLATE_NOOP("ModelPicker", "Opened files")}
"""The picker's group headers (``core.models.types.GROUPS``'s English, marked here)."""
_TRAINED_BUNDLED = re.compile(r"trained \(bundled\)(?:, (?P<accuracy>\S+) test accuracy)?")
_TO_DOWNLOAD = re.compile(r"to download \((?P<size>.+)\)")
_FROM_FILE = re.compile(r"from (?P<name>.+)")


def translated(text: str) -> str:
    """``text`` (a message of the ``ModelPicker`` context) in the interface's language."""
    return QCoreApplication.translate("ModelPicker", text)


def weights_words(status: str) -> str:
    """A weights status from the catalogue or the loaded model (``"cached"``, ``"to download
    (≈14 MB)"``, ``"trained (bundled), 91.2% test accuracy"``…) in the interface's language;
    a status not known here is shown as it is."""
    fixed = {"cached": QT_TRANSLATE_NOOP("ModelPicker", "cached"),
             "untrained": QT_TRANSLATE_NOOP("ModelPicker", "untrained"),
             "untrained (random, the same on every load)": QT_TRANSLATE_NOOP(
                 "ModelPicker", "untrained (random, the same on every load)"),
             "trained (ImageNet)": QT_TRANSLATE_NOOP("ModelPicker", "trained (ImageNet)"),
             "as saved in the file": QT_TRANSLATE_NOOP("ModelPicker", "as saved in the file")}
    if status in fixed:
        return translated(fixed[status])
    if match := _TRAINED_BUNDLED.fullmatch(status):
        if match["accuracy"]:
            return QCoreApplication.translate(
                "ModelPicker", "trained (bundled), {accuracy} test accuracy").format(
                    accuracy=match["accuracy"])
        return QCoreApplication.translate("ModelPicker", "trained (bundled)")
    if match := _TO_DOWNLOAD.fullmatch(status):
        return QCoreApplication.translate("ModelPicker", "to download ({size})").format(
            size=match["size"])
    if match := _FROM_FILE.fullmatch(status):
        return QCoreApplication.translate("ModelPicker", "from {name}").format(
            name=match["name"])
    return status


def describe_entry(entry) -> str:
    """One line about a ``ModelEntry``: input size, parameters, weights."""
    shape = format_dims(entry.input_shape) if entry.input_shape else "?"
    params = (QCoreApplication.translate("ModelPicker", "{millions} params").format(
        millions=format_millions(entry.params)) if entry.params
        else QCoreApplication.translate("ModelPicker", "params: ?"))
    return QCoreApplication.translate(
        "ModelPicker", "input {shape} · {params} · weights: {weights}").format(
            shape=shape, params=params, weights=weights_words(entry.weights_status))


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
        self.combo.setMinimumContentsLength(28)  # "    GoogLeNet (Inception v1)", the longest
        # a fixed width: grown to its contents, the box widened the window when the list came
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setToolTip(self.tr("Pick the network to look inside"))
        self.model = QStandardItemModel(self.combo)
        self.combo.setModel(self.model)
        self.combo.activated.connect(self._on_activated)
        self.find = QLineEdit()
        self.find.setPlaceholderText(self.tr("Find a model…"))
        self.find.setToolTip(self.tr("Type part of a model's name, then pick it from the list"))
        self.find.setClearButtonEnabled(True)
        self.find.setMaximumWidth(170)
        self.titles = QStringListModel(self)
        completer = QCompleter(self.titles, self.find)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated.connect(self.choose_title)
        completer.popup().setMinimumWidth(280)  # whole titles, wider than the box
        self.find.setCompleter(completer)
        self.find.returnPressed.connect(self._on_find_return)
        # elided: a long line (ResNet50's is about 700 px) widened the window past the screen
        self.details = ElidedLabel(self.tr("Loading the model list…"))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(QLabel(self.tr("Model:")))
        layout.addWidget(self.combo)
        layout.addWidget(self.find)
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
        self._set_details(describe_entry(entry) if entry else name)

    def set_loaded(self, name: str, params: int, input_description: str,
                   weights: str | None = None) -> None:
        """Show ``name`` as current with what loading it told: exact parameters, input and the
        weights it really has (``weights``; the catalogue's status when None)."""
        self.set_current(name)
        entry = self._entries.get(name)
        status = weights or (entry.weights_status if entry else "?")
        self._set_details(self.tr(
            "input {input} · {millions} params ({count}) · weights: {weights}").format(
                input=input_description, millions=format_millions(params),
                count=format_count(params), weights=weights_words(status)))

    def _set_details(self, text: str) -> None:
        """The line beside the box (shortened to fit), whole in its tooltip with the model's
        description."""
        self.details.set_full_text(text)
        entry = self._entries.get(self._current)
        if entry is not None and entry.description:
            self.details.setToolTip(f"{text}\n\n{entry.description}")

    def _rebuild(self) -> None:
        self.model.clear()
        for group, english in GROUPS.items():
            members = [e for e in self._entries.values() if e.group == group]
            if not members:
                continue
            header = QStandardItem(translated(GROUP_TITLES[group]) if group in GROUP_TITLES
                                   else english)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(header.font())
            font.setBold(True)
            header.setFont(font)
            self.model.appendRow(header)
            for entry in members:
                item = QStandardItem("    " + entry.title)
                item.setData(entry.name, _NAME_ROLE)
                icon = next((pixmap for status, pixmap in WEIGHT_ICONS.items()
                             if entry.weights_status.startswith(status)), None)
                if icon is not None:
                    item.setIcon(self.style().standardIcon(icon))
                item.setToolTip(f"{entry.description}\n{describe_entry(entry)}")
                self.model.appendRow(item)
        self.titles.setStringList([e.title for e in self._entries.values()])
        opener = QStandardItem(self.tr("Open a model file…"))
        opener.setData(OPEN_FILE, _NAME_ROLE)
        opener.setToolTip(self.tr("Open a .keras or .h5 model saved with Keras"))
        self.model.appendRow(opener)
        view = self.combo.view()  # the list shows whole names, however long a file's is
        metrics = view.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.model.item(row).text())
                     for row in range(self.model.rowCount()))
        view.setMinimumWidth(widest + self.combo.iconSize().width() + 24  # icon, its margins
                             + view.verticalScrollBar().sizeHint().width())
        if self._current:
            self.set_current(self._current)

    def matching(self, text: str) -> list[str]:
        """Names of the models whose title or name contains ``text`` (any case)."""
        needle = text.strip().lower()
        return [e.name for e in self._entries.values()
                if needle and (needle in e.title.lower() or needle in e.name.lower())]

    def choose_title(self, title: str) -> None:
        """The user picked ``title`` in the find box: load that model."""
        name = next((e.name for e in self._entries.values() if e.title == title), None)
        self.find.clear()
        if name is not None and name != self._current:
            self.set_current(name)
            self.model_chosen.emit(name)

    def _on_find_return(self) -> None:
        """Enter in the find box: the one model that matches (or the exact title)."""
        if self.find.completer().popup().isVisible():
            return  # the completer's own activation picks
        found = self.matching(self.find.text())
        if len(found) == 1:
            self.choose_title(self._entries[found[0]].title)

    def _on_activated(self, row: int) -> None:
        name = self.model.item(row).data(_NAME_ROLE)
        if name == OPEN_FILE:
            if self._current:
                self.set_current(self._current)
            self.open_file_requested.emit()
        elif name and name != self._current:
            self.set_current(name)
            self.model_chosen.emit(name)
