"""The activation budget in the window: the setting and its dialog (Edit ▸ Activation memory…),
the ``SetBudget`` the worker gets, and layers of a model over the budget computed on demand.

When a model's layer outputs for one image exceed a tenth of the budget (one capture,
``core.budget.capture_bytes``), the worker's result holds
only the model's outputs and the layers around the selection (``InferenceResult.complete`` is
False). Selecting a layer it lacks shows the views waiting and asks for that layer's window
(``CaptureLayers``); when it arrives it is merged into the shown result, whose arrays the window
keeps bounded as the engine's cache is, by a fifth of the budget
(:class:`~explorer.core.budget.ActivationWindows`: the outputs and the two newest windows). Stepping forward asks ahead, so the next layers are mostly there.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSpinBox, QVBoxLayout

from explorer.core.budget import (
    ActivationWindows,
    MiB,
    budget_from_setting,
    cache_bytes,
    default_budget_bytes,
    physical_ram_bytes,
)
from explorer.core.text import format_bytes
from explorer.worker.budget_messages import CaptureLayers, LayersCaptured, SetBudget

SETTING = "engine/activation_budget_mb"
AHEAD = 2
"""When one of the next this-many layers is missing, its window is asked for in advance."""


class BudgetDialog(QDialog):
    """A spin box in MB (0: automatic) with the automatic value and the machine's memory.

    Args:
        megabytes: the current setting.
        parent: the main window.
    """

    def __init__(self, megabytes: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Activation memory"))
        ram = physical_ram_bytes()
        automatic = default_budget_bytes()
        self.spin = QSpinBox(self)
        self.spin.setRange(0, max(int((ram or 64 * 2**30) // MiB), 1))
        self.spin.setSingleStep(256)
        self.spin.setSuffix(" MB")  # a unit, as format_bytes writes it
        self.spin.setSpecialValueText(self.tr("Automatic ({size})").format(
            size=format_bytes(automatic)))
        self.spin.setValue(max(int(megabytes), 0))
        text = self.tr(
            "The most memory the layer outputs of one image may take in the engine (its cache, "
            "the copies the window shows and TensorFlow's own while a layer is computed). A "
            "model whose outputs take more than a tenth of it keeps its outputs and the "
            "layers around the selected one; other layers are computed when you select them.")
        machine = self.tr("This computer has {ram} of memory; automatic is a quarter of it, at "
                          "most 2 GB ({size}).").format(
            ram=format_bytes(ram) if ram else self.tr("an unknown amount"),
            size=format_bytes(automatic))
        explanation, about = QLabel(text, self), QLabel(machine, self)
        explanation.setWordWrap(True)
        about.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (explanation, self.spin, about, buttons):
            layout.addWidget(widget)

    def value(self) -> int:
        """The chosen setting in MB (0: automatic)."""
        return self.spin.value()


class BudgetActions:
    """The activation budget for a ``MainWindow``.

    Args:
        window: the main window (its settings, state, views, worker and status bar).
    """

    def __init__(self, window):
        self.window = window
        self.bytes = budget_from_setting(window.settings.get(SETTING))
        self._told: set[str] = set()
        self._asked: set[tuple[str, str]] = set()
        self._waiting: str | None = None
        window.menu_actions.activation_memory.triggered.connect(self.open_dialog)
        window.result_shown.connect(self._tell)

    def handlers(self) -> dict:
        return {LayersCaptured: self.on_captured}

    @property
    def waiting(self) -> str | None:
        """The selected layer the feature maps wait for (being computed), or None."""
        return self._waiting

    # ------------------------------------------------------------------ the setting
    def send(self) -> None:
        """Tell the worker the budget (at start, after ``Startup``, and on each change)."""
        self.window.submit(SetBudget(self.bytes))

    def open_dialog(self) -> None:
        """Edit ▸ Activation memory…: the setting in MB."""
        dialog = BudgetDialog(self.window.settings.get(SETTING), self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_megabytes(dialog.value())

    def set_megabytes(self, megabytes: int) -> None:
        """Remember the setting (0: automatic) and apply it."""
        self.window.settings.set(SETTING, int(megabytes))
        self.apply(budget_from_setting(megabytes))
        self.window.say(QCoreApplication.translate("BudgetActions",
                                                   "Activation memory: {size}.").format(
            size=format_bytes(self.bytes)))

    def apply(self, nbytes: int) -> None:
        """Use a budget of ``nbytes`` (not remembered) and run the current image under it."""
        self.bytes = int(nbytes)
        self._told.clear()
        self.send()
        self.window.run_current()

    # ------------------------------------------------------------------ results
    def adopt(self, result):
        """The result the window keeps: an incomplete one holds its arrays in a bounded
        :class:`ActivationWindows`."""
        self._asked.clear()
        self._waiting = None
        if result.complete:
            return result
        held = ActivationWindows(result.activations, result.outputs,
                                 cache_bytes(max(self.bytes, result.budget)))
        return dataclasses.replace(result, activations=held)

    def _tell(self, result) -> None:
        """The status bar says, once per model, that its layers are computed on demand."""
        if result.complete or result.model_name in self._told:
            return
        self._told.add(result.model_name)
        self.window.say(QCoreApplication.translate(
            "BudgetActions", "{model}'s activations ({size}) exceed a tenth of the {budget} "
            "activation budget: layers are computed around the selection.").format(
                model=result.model_name, size=format_bytes(result.all_bytes),
                budget=format_bytes(result.budget or self.bytes)), 16)

    def on_layer(self, path: str, activation) -> bool:
        """Called when layer ``path`` is selected (``activation``: its output in the shown
        result, or None). Without one in an incomplete result: show the feature maps waiting
        and ask for the layer's window (True then). With one: look ahead."""
        w = self.window
        result = w.state.result
        if result is None or result.complete or w.state.image is None:
            return False
        if activation is not None:
            self.look_ahead(path)
            return False
        self._waiting = path
        w.views.feature_maps.show_message(QCoreApplication.translate(
            "BudgetActions", "Computing {path}… {model}'s layers are computed on demand: all of them exceed "
            "the activation budget.").format(path=path, model=result.model_name))
        self._ask(path, again=True)
        return True

    def look_ahead(self, path: str) -> None:
        """After layer ``path`` is shown: ask in advance for the window of the first missing
        layer among the next :data:`AHEAD` ones (stepping forward then mostly finds them)."""
        w = self.window
        result = w.state.result
        if result is None or result.complete:
            return
        paths = list(w.state.infos)
        if path not in paths:
            return
        here = paths.index(path)
        missing = next((p for p in paths[here + 1:here + 1 + AHEAD]
                        if p not in result.activations), None)
        if missing is not None:
            self._ask(missing)

    def _ask(self, path: str, again: bool = False) -> None:
        """Submit ``CaptureLayers`` around ``path`` for the current image (once, unless
        ``again``: a queued request a newer one superseded never answers)."""
        w = self.window
        entry = w.state.image
        if w.model is None or entry is None or (entry.key, path) in self._asked and not again:
            return
        self._asked.add((entry.key, path))
        w.submit(CaptureLayers(w.model.name, entry, path))

    def on_captured(self, captured: LayersCaptured) -> None:
        """Merge a captured window into the shown result; show the layer that waited for it."""
        w = self.window
        result = w.state.result
        self._asked.discard((captured.image_key, captured.around))
        if result is None or result.complete or result.image.key != captured.image_key \
                or not isinstance(result.activations, ActivationWindows):
            return
        result.activations.add(captured.activations)
        if self._waiting is not None and self._waiting == w.state.layer \
                and self._waiting in captured.activations:
            self._waiting = None
            w.select_layer(w.state.layer)
