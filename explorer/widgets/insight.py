"""The window's insight actions, each asked of the worker and shown in its own view: why this
prediction (the Explain tab), where a unit looks (the Unit dock), what a channel looks for (the
"What it looks for" tab) and how the network is wired (the Diagram tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from explorer.core.errors import Cancelled
from explorer.widgets.core_texts import report_text
from explorer.widgets.explain_view import METHODS as EXPLAIN_METHODS
from explorer.widgets.language import interface_language
from explorer.worker.messages import (
    DiagramResult,
    Explain,
    ExplanationResult,
    GetDiagram,
    InspectUnit,
    UnitResult,
    VisualizationResult,
    Visualize,
)

SLOW_METHODS = {name for name, _title, _layer, slow in EXPLAIN_METHODS if slow}


class InsightActions:
    """Explain, Unit, What it looks for and Diagram for a ``MainWindow`` (its state, views,
    worker and status bar).

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

    # ------------------------------------------------------------------ tabs and models
    def on_model(self, ready) -> None:
        """A new model: the insight views start over (the diagram is asked for when it shows)."""
        for step in self.model_steps(ready):
            step()

    def model_steps(self, ready) -> list:
        """:meth:`on_model` as steps of their own, for the window's event-loop turns."""
        v = self.window.views

        def restart_diagram():
            v.unit.clear()
            v.diagram.clear()
            if v.tabs.currentWidget() is v.diagram:
                self.request_diagram()
        return [lambda: v.explain.set_model(ready.table),
                lambda: v.featvis.set_model(ready.table, ready.class_names), restart_diagram]

    def on_progress(self, kind: type, request_id: int, progress) -> bool:
        """Progress of an explanation or a visualisation goes to its view (True then; only the
        newest request's is shown)."""
        views, state = self.window.views, self.window.state
        view = {Explain: views.explain, Visualize: views.featvis}.get(kind)
        if view is None:
            return False
        if state.is_latest(kind, request_id):
            view.show_progress(progress.done, progress.total)
        return True

    def on_tab_changed(self) -> None:
        """A tab came to the front: fill it if it has nothing for the current model yet."""
        v, model = self.window.views, self.window.model
        if v.tabs.currentWidget() is v.diagram and model is not None \
                and v.diagram.model_name != model.name:
            self.request_diagram()
        if v.tabs.currentWidget() is v.explain and v.explain.result is None:
            self.explain()
        self.show_featvis()

    # ------------------------------------------------------------------ the diagram
    def request_diagram(self, expanded=None) -> None:
        """Ask the worker for the current model's diagram with ``expanded`` blocks open (None:
        the default); the Diagram tab asks when it shows a model it has not drawn."""
        if self.window.model is None:
            return
        self.window.views.diagram.show_waiting()
        self.window.submit(GetDiagram(self.window.model.name, None if expanded is None
                                      else frozenset(expanded)))

    def on_diagram(self, result: DiagramResult) -> None:
        self.window.views.diagram.show_diagram(result.model_name, result.diagram, result.layout)

    def on_diagram_failed(self, _request_id: int, report) -> bool:
        """A model whose graph cannot be drawn says why in the tab."""
        self.window.views.diagram.clear(report.message)
        return report.user_error

    # ------------------------------------------------------------------ what it looks for
    def show_featvis(self) -> None:
        """Fill the "What it looks for" grid for the selected layer, only while it shows."""
        view = self.window.views.featvis
        if self.window.views.tabs.currentWidget() is view and self.window.model is not None \
                and not view.is_current():
            view.start()

    def visualize(self, fields: dict) -> None:
        """Ask the worker for one visualisation (the tab asks for the next when it comes)."""
        if self.window.model is None:
            self.window.views.featvis.show_failure(
                QCoreApplication.translate("MainWindow", "Load a model first"))
            return
        self.window.submit(Visualize(self.window.model.name, **fields))

    def on_visualization(self, result: VisualizationResult) -> None:
        self.window.views.featvis.show_result(result)

    def on_visualization_failed(self, request_id: int, report) -> bool:
        """A stopped or impossible visualisation is said in the tab (one a newer grid
        superseded is dropped)."""
        if not self.window.state.is_latest(Visualize, request_id):
            return True
        self.window.views.featvis.show_failure(report_text(report))
        return report.user_error
