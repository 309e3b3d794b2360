"""The window's "why" actions: explanation maps and unit inspection, asked of the worker and
shown in the Explain tab and the Unit dock."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from explorer.core.errors import Cancelled
from explorer.widgets.core_texts import report_text
from explorer.widgets.explain_view import METHODS as EXPLAIN_METHODS
from explorer.widgets.language import interface_language
from explorer.worker.messages import Explain, ExplanationResult, InspectUnit, UnitResult

SLOW_METHODS = {name for name, _title, _layer, slow in EXPLAIN_METHODS if slow}


class InsightActions:
    """Explain and Unit for a ``MainWindow`` (its state, views, worker and status bar).

    Args:
        window: the main window.
    """

    def __init__(self, window):
        self.window = window

    def explain(self, method: str | None = None, class_index=None, layer=None) -> None:
        """Ask for a map of ``class_index`` (None: the top-1) of the current image by
        ``method`` (None: the one chosen in the Explain tab); a newer ask replaces an older."""
        entry, view = self.window.state.image, self.window.views.explain
        if self.window.model is None or entry is None:
            return
        method = method or view.method_name
        if method == view.method_name and class_index is None and layer is None:
            class_index, layer = view.class_index, view.layer_path
        self.window.worker.cancel_running(Explain)  # a newer map is wanted: stop the older one
        self.window.submit(Explain(self.window.model.name, entry, method, class_index, layer))
        view.show_waiting(slow=method in SLOW_METHODS)
        self.window.say(QCoreApplication.translate("MainWindow", "Explaining {image} with "
                                                   "{method}…").format(image=entry.name,
                                                                       method=method))

    def inspect_unit(self, path: str, channel: int, row=None, col=None) -> None:
        """A unit was clicked: show where it looks and how its value was computed."""
        entry = self.window.state.image
        if self.window.model is None or entry is None:
            return
        self.window.submit(InspectUnit(self.window.model.name, entry, path, channel, row, col,
                                       interface_language()))
        self.window.views.unit.show_waiting(path, channel, row, col)
        self.window.views.docks["unit"].raise_()

    def on_unit(self, result: UnitResult) -> None:
        entry = self.window.state.images.get(result.image_key)
        if entry is not None and result.image_key == self.window.state.image_key:
            self.window.views.unit.show_result(result, entry.image.pixels)

    def explain_class(self, class_index: int) -> None:
        """A prediction bar was clicked: explain that class in the Explain tab."""
        self.window.views.tabs.setCurrentWidget(self.window.views.explain)
        self.window.views.explain.choose_class(class_index)

    def on_explanation(self, result: ExplanationResult) -> None:
        entry = self.window.state.images.get(result.image_key)
        if entry is None or result.image_key != self.window.state.image_key:
            return
        self.window.views.explain.show_result(result, entry.image.pixels)
        self.window.say(result.explanation.title + ".", 5)

    def on_explain_failed(self, _request_id: int, report) -> bool:
        """A user mistake (no ReLUs to guide, a layer without a height) is said in the tab."""
        self.window.views.explain.show_message(report_text(report))
        return report.user_error or issubclass(report.error_type, Cancelled)

