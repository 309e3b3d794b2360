"""The main window: images in, a model picked, every view kept on the same layer.

The window never computes: it sends requests to the worker (``explorer.worker.thread.Worker``)
and shows the results that come back. What it shows lives in a Qt-free
:class:`~explorer.window_state.WindowState`, which also decides which results are stale; this
module wires views, menus and worker together, with one handler per result type and one per
failed request type.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from explorer.core import samples
from explorer.core.errors import Cancelled
from explorer.core.models import catalog, zoo
from explorer.core.models.code import zoo_entry
from explorer.core.text import format_ms
from explorer.settings import Settings
from explorer.widgets.budget_actions import BudgetActions
from explorer.widgets.census_actions import CensusActions
from explorer.widgets.compare_actions import CompareActions
from explorer.widgets.core_texts import report_text
from explorer.widgets.dialogs import Presenter
from explorer.widgets.exports import ExportActions
from explorer.widgets.file_actions import FileActions
from explorer.widgets.insight import InsightActions
from explorer.widgets.kernel_actions import KernelActions
from explorer.widgets.live_input import LiveInput
from explorer.widgets.menus import WindowActions
from explorer.widgets.staging import Stages
from explorer.widgets.training_actions import TrainingActions
from explorer.widgets.views import build_views, default_dock_sizes, restore_geometry
from explorer.window_state import WindowState
from explorer.worker.messages import (
    DeviceReady,
    DiagramResult,
    Explain,
    ExplanationResult,
    GetDiagram,
    ImagesLoaded,
    InferenceResult,
    LoadImages,
    LoadModel,
    ModelReady,
    RunImage,
    Startup,
    UnitResult,
    VisualizationResult,
    Visualize,
)

log = logging.getLogger(__name__)
STATUS_SECONDS = 8
"""How long a status-bar message stays (errors stay longer)."""


class MainWindow(QMainWindow):
    """cnn-explorer's window.

    Args:
        worker: a ``Worker`` (not yet started); the window starts and stops it.
        settings: remembered options.
        presenter: shows message boxes (a headless one answers without blocking).

    Signals:
        result_shown(object): an ``InferenceResult`` is now on screen.
        error_shown(object): an ``ErrorReport`` was shown to the user.
    """

    result_shown = Signal(object)
    error_shown = Signal(object)

    def __init__(self, worker, settings: Settings | None = None,
                 presenter: Presenter | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("cnn-explorer")
        self.setObjectName("main_window")
        self.worker = worker
        self.settings = settings or Settings()
        self.presenter = presenter or Presenter(self)
        self.presenter.parent = self
        self.views = build_views(self, norm=self.settings.get("view/norm"),
                                 cmap=self.settings.get("view/cmap"),
                                 top_k=self.settings.get("view/top_k"),
                                 kernel_layout=self.settings.get("view/kernel_layout"))
        self.menu_actions = WindowActions(self)
        self.files = FileActions(self)
        self.insight = InsightActions(self)
        self.census = CensusActions(self)
        self.training = TrainingActions(self)
        for dock in self.views.docks.values():
            self.menu_actions.view_menu.addAction(dock.toggleViewAction())
        self.menu_actions.view_menu.addSeparator()
        self.menu_actions.view_menu.addAction(self.views.shape_flow.fold_action)
        self.menu_actions.view_menu.addAction(self.views.shape_flow.unfold_action)
        self.menu_actions.view_menu.addSeparator()
        self.menu_actions.view_menu.addMenu(self.menu_actions.language_menu)
        self.menu_actions.set_language(self.settings.get("view/language"))
        self._default_layout = self.saveState()  # before the user's saved layout is restored
        self.device, self.versions = "", {}
        self.state = WindowState()
        self.stages, self._shown_result = Stages(self), None  # results shown step by step
        self.budget = BudgetActions(self)  # Edit ▸ Activation memory…, layers on demand
        self.kernels = KernelActions(self)  # the Kernels tab
        self._result_handlers = {DeviceReady: self._on_device, ImagesLoaded: self.files.on_images,
                                 ModelReady: self._on_model, InferenceResult: self._on_inference,
                                 ExplanationResult: self.insight.on_explanation,
                                 UnitResult: self.insight.on_unit,
                                 DiagramResult: self.insight.on_diagram,
                                 VisualizationResult: self.insight.on_visualization,
                                 **self.census.handlers(), **self.budget.handlers(),
                                 **self.kernels.handlers()}
        self._failure_handlers = {LoadModel: self._on_model_failed,
                                  RunImage: self._on_run_failed,
                                  Explain: self.insight.on_explain_failed,
                                  GetDiagram: self.insight.on_diagram_failed,
                                  Visualize: self.insight.on_visualization_failed,
                                  **self.census.failures(), **self.kernels.failures()}
        self.compare, self.live = CompareActions(self), LiveInput(self)  # add their handlers
        self.exports = ExportActions(self)  # File ▸ Export report…
        self._connect()
        self.setAcceptDrops(True)
        self.installEventFilter(self.files.drops)  # files and images dropped on the window
        for child in self.findChildren(QWidget):
            child.setAcceptDrops(False)
        self._restore()

    # ------------------------------------------------------------------ what is shown
    @property
    def images(self) -> dict:
        """Loaded images by key."""
        return self.state.images

    @property
    def image_key(self) -> str | None:
        """The current image's key."""
        return self.state.image_key

    @property
    def model(self) -> ModelReady | None:
        """The model on screen."""
        return self.state.model

    @property
    def result(self) -> InferenceResult | None:
        """The inference result on screen (None while a newer one is being shown)."""
        result = self.state.result
        return result if result is not None and result is self._shown_result else None

    def showing(self) -> bool:
        """True while a model or a result is still being shown, step by step (a large
        layer's mosaic included)."""
        return self.stages.pending() > 0 or self.views.feature_maps.rendering()

    @property
    def layer(self) -> str | None:
        """The selected layer's path."""
        return self.state.layer

    # ------------------------------------------------------------------ set-up
    def _connect(self) -> None:
        v, a = self.views, self.menu_actions
        self.worker.result.connect(self._on_result)
        self.worker.failed.connect(self._on_failed)
        self.worker.progress.connect(self._on_progress)
        self.worker.started.connect(self._on_started)
        self.worker.finished.connect(  # the download panel goes once nothing is left
            lambda _i: self.worker.pending() == 0 and self.views.download.hide())
        v.picker.model_chosen.connect(self.load_model)
        v.input_view.scaling_chosen.connect(self.choose_scaling)
        v.explain.explain_requested.connect(self.explain)
        v.explain.cancel_requested.connect(lambda: self.worker.cancel_running(Explain))
        v.predictions.class_clicked.connect(self.insight.explain_class)
        v.featvis.visualize_requested.connect(self.insight.visualize)
        v.featvis.stop_requested.connect(lambda: self.worker.cancel_running(Visualize))
        v.feature_maps.unit_selected.connect(self.insight.inspect_unit)
        v.picker.open_file_requested.connect(self.files.open_model_file)
        v.shape_flow.layer_selected.connect(self.select_layer)
        v.diagram.layer_selected.connect(self.select_layer)
        v.diagram.expansion_requested.connect(self.insight.request_diagram)
        v.feature_maps.step_requested.connect(self.step_layer)
        v.kernels.step_requested.connect(self.step_layer)
        v.feature_maps.options_changed.connect(
            lambda norm, cmap: (self.settings.set("view/norm", norm),
                                self.settings.set("view/cmap", cmap)))
        v.kernels.layout_changed.connect(lambda name: self.settings.set("view/kernel_layout",
                                                                        name))
        v.predictions.k_changed.connect(lambda k: self.settings.set("view/top_k", k))
        v.tabs.currentChanged.connect(self._on_tab_changed)
        v.images.chosen.connect(self.show_image)
        v.images.remove_requested.connect(self.remove_image)
        v.samples.chosen.connect(lambda path: self.load_sources((path,)))
        v.download.cancel_requested.connect(self.worker.cancel_running)
        a.connect_to(self)

    def _restore(self) -> None:
        restore_geometry(self, self.settings)
        self.menu_actions.restore(self.settings)

    def start(self, sources=(), model: str | None = None, weights: str = "default") -> None:
        """Fill the picker and samples, start the worker, open ``model`` (default: the
        catalogue's default) and ``sources`` (image files named on the command line), else
        the model's default sample.

        Listing the catalogue imports no TensorFlow; the worker loads it on its own thread.
        The requests go at once; the picker and the gallery fill in the next turns.
        """
        self.say(self.tr("Loading TensorFlow…"))
        self.views.feature_maps.show_message(self.tr("Loading TensorFlow…"))
        self.worker.start()
        self.submit(Startup())
        self.budget.send()
        listed = []  # one catalogue entry a turn: each family's module is imported for it
        self.stages.add([*(lambda n=name: listed.append(zoo_entry(n)) for name in zoo.MODULES),
                         lambda: listed.extend(catalog.pretrained_entries()),
                         lambda: self.views.picker.set_models(catalog.in_order(listed)),
                         self._fill_samples])
        model = model or catalog.DEFAULT_MODEL
        self.load_model(model, weights)
        if not sources:
            default_sample = samples.default_sample_for(model)
            sources = (str(default_sample),) if default_sample else ()
        self.load_sources(tuple(sources))

    def _fill_samples(self) -> None:
        shipped = samples.list_samples()
        for sample in shipped:
            self.views.samples.add_file(str(sample.path), sample.name, self.tr(
                "{name}: {kind} sample").format(name=sample.name, kind=sample.kind))
        self.menu_actions.set_samples([(s.name, str(s.path)) for s in shipped])

    def say(self, text: str, seconds: float | None = None) -> None:
        """A status-bar message that clears itself after ``seconds`` (default
        :data:`STATUS_SECONDS`)."""
        self.statusBar().showMessage(text, int((seconds or STATUS_SECONDS) * 1000))

    def submit(self, request) -> int:
        request_id = self.worker.submit(request)
        self.state.sent(request, request_id)
        return request_id

    # ------------------------------------------------------------------ user actions
    def load_sources(self, sources, names=()) -> None:
        """Load image files (or encoded bytes) on the worker; the newest becomes current."""
        if sources:
            self.submit(LoadImages(tuple(sources), tuple(names)))
            self.say(self.tr("Reading image…"))

    def load_model(self, name: str, weights="default", allow_unsafe: bool = False) -> None:
        """Make ``name`` (a catalogue name or a model file) the current model."""
        self.views.picker.set_current(name)
        self.submit(LoadModel(name, weights, allow_unsafe, self.settings.scaling_for(name)))
        self.say(self.tr("Loading {name}…").format(name=name))

    def choose_scaling(self, choice: str | None) -> None:
        """The user overrides the input scaling of the model file on screen (None: the file's
        own); remembered for that file, and the model is opened again with it."""
        if self.model is None or self.model.entry.group != "file":
            return
        self.settings.set_scaling(self.model.name, choice)
        request = self.model.request
        self.load_model(self.model.name, request.weights, request.allow_unsafe)

    def show_image(self, key: str) -> None:
        """Make the loaded image ``key`` current and run it."""
        entry = self.state.images.get(key)
        if entry is None:
            return
        self.state.image_key = key
        self.views.images.set_current(key)
        self.views.input_view.show_image(entry.image)
        self.run_current()

    def remove_image(self, key: str) -> None:
        """Take a loaded image away (see :meth:`FileActions.remove_image`)."""
        self.files.remove_image(key)

    def run_current(self) -> None:
        entry = self.state.image
        if self.model is None or entry is None:
            return
        self.submit(RunImage(self.model.name, entry, focus=self.state.layer))
        self.say(self.tr("Running {image} through {model}…").format(image=entry.name,
                                                                      model=self.model.name))

    def select_layer(self, path: str) -> None:
        """Show layer ``path`` in every view: shape flow, feature maps, kernels, diagram…"""
        if self.model is None:
            return
        info = self.state.infos.get(path)
        if info is None:
            return
        self.state.layer = path
        v = self.views
        v.shape_flow.select_path(path)
        activation = self.state.activation(path)
        v.feature_maps.show_layer(path, info, activation)
        v.diagram.select_path(path, activation)
        v.featvis.set_layer(path)
        self.kernels.show(info)
        self.insight.show_featvis()
        self.census.on_layer(path)
        self.compare.show_layer(path)
        self.budget.on_layer(path, activation)  # a model over the budget: computed on demand

    def _on_tab_changed(self, _index: int) -> None:
        if self.layer in self.state.infos:
            self.kernels.show(self.state.infos[self.layer])
        self.insight.on_tab_changed()

    def explain(self, method: str | None = None, class_index=None, layer=None) -> None:
        """Ask for an explanation map (see :meth:`InsightActions.explain`)."""
        self.insight.explain(method, class_index, layer)

    def step_layer(self, step: int) -> None:
        """Select the layer ``step`` rows after (or before) the current one."""
        path = self.state.stepped_layer(step)
        if path is not None:
            self.select_layer(path)

    def reset_layout(self) -> None:
        """View ▸ Reset layout: every dock back in its first place and size, all shown."""
        self.restoreState(self._default_layout)
        for dock in self.views.docks.values():
            dock.show()
        default_dock_sizes(self, self.views.docks)
        self.settings.set("window/state", bytes(self.saveState().data()))

    def export_view(self):
        """The current tab as a ``QImage`` (the mosaic at full resolution)."""
        return self.files.export_view()

    def show_about(self) -> None:
        """Help ▸ About."""
        self.presenter.about(self.versions, self.device or self.tr("not loaded yet"))

    # ------------------------------------------------------------------ worker results
    def add_handlers(self, results: dict | None = None, failures: dict | None = None) -> None:
        """Answer results (by their type) and failures (by their request's type): panels add
        theirs; a wrapper of one (a benchmark timing it) replaces it."""
        self._result_handlers.update(results or {})
        self._failure_handlers.update(failures or {})

    def result_handlers(self) -> dict:
        """Result type → handler, a copy."""
        return dict(self._result_handlers)

    def _on_result(self, request_id: int, value) -> None:
        if self.state.accepts(request_id, value):
            self._result_handlers[type(value)](value)

    def _on_device(self, ready: DeviceReady) -> None:
        self.device, self.versions = ready.device, dict(ready.versions)
        self.views.device.setText(self.tr("Device: {device}").format(device=ready.device))
        self.say(self.tr("TensorFlow is ready."), 3)

    def _on_model(self, ready: ModelReady) -> None:
        """The model is the window's at once and the current image goes to the engine; the
        views fill in steps (:class:`~explorer.widgets.staging.Stages`)."""
        self.state.show_model(ready)
        self.state.layer = self.state.default_layer()  # the layer the run is focused on
        v = self.views
        if ready.entry.group in ("file", "pretrained"):  # a new file; weights now cached
            v.picker.add_entry(ready.entry)
        v.picker.set_loaded(ready.name, sum(i.params for i in ready.table),
                            ready.input_description, ready.weights_label)
        self.run_current()
        self.stages.add([
            *v.shape_flow.table_steps(ready.table),
            lambda: v.input_view.set_model(ready.entry.group == "file", ready.request.preprocess,
                                           ready.notes),
            *self.insight.model_steps(ready),
            lambda: (v.feature_maps.new_result(), self.select_layer(self.state.layer),
                     self.say(self.tr("{model} ready: {input}.").format(
                         model=ready.name, input=ready.input_description)))],
            guard=lambda: self.state.model is ready)

    def _on_inference(self, result: InferenceResult) -> None:
        """The result is the window's at once; the views show it in steps, and
        :attr:`result` (and ``result_shown``) follow when the last one is done."""
        self.state.result = result = self.budget.adopt(result)
        v, model = self.views, self.model
        self.stages.add([
            lambda: (v.feature_maps.new_result(),
                     self.layer is not None and self.select_layer(self.layer)),
            lambda: v.input_view.show_prepared(result.image.image, result.prepared),
            lambda: v.predictions.set_predictions(result.predictions, model.entry.title,
                                                  trained=model.weights != "untrained"),
            lambda: (v.explain.set_classes(result.predictions),
                     v.tabs.currentWidget() is v.explain and self.explain()),
            lambda: self._shown(result)], guard=lambda: self.state.result is result)

    def _shown(self, result: InferenceResult) -> None:
        self._shown_result = result
        how = self.tr("cached") if result.seconds == 0 else format_ms(result.seconds)
        self.say(self.tr("{image} through {model}: {how}.").format(
            image=result.image.name, model=result.model_name, how=how))
        self.result_shown.emit(result)

    def _on_failed(self, request_id: int, report) -> None:
        """Say what went wrong: the request's own handler first, then the status bar and a
        box (none for a cancel, nor for a failure a newer request of its kind superseded)."""
        self.say(report_text(report), 3 * STATUS_SECONDS)
        handler = self._failure_handlers.get(type(report.request))
        if handler is not None and handler(request_id, report):
            return
        if issubclass(report.error_type, Cancelled):
            return
        if report.request is not None and not isinstance(report.request, LoadModel) and \
                getattr(report.request, "coalesce", False) and \
                not self.state.is_latest(type(report.request), request_id):
            return
        self.presenter.error(report)
        self.error_shown.emit(report)

    def _on_model_failed(self, request_id: int, report) -> bool:
        """The current model stays (or the one a superseded load left the worker holding);
        an unsafe file or missing weights get a question. True when nothing more is to say."""
        held = self.state.worker_model
        if self.state.is_latest(LoadModel, request_id) and held is not None \
                and held is not self.model:
            self._on_model(held)  # a superseded load is what the worker holds: show it
            self.say(report_text(report))
        self.views.picker.set_current(self.model.name if self.model else "")
        if self.layer is not None:
            self.select_layer(self.layer)
        else:
            self.views.feature_maps.show_message(report_text(report))
        return self.files.offer_model_fallback(report.request, report)

    def _on_run_failed(self, request_id: int, report) -> bool:
        """The image did not run: the views say so (after a new model's views are filled)
        instead of showing another model's or image's numbers; the box follows (False)."""
        if not issubclass(report.error_type, Cancelled) and \
                self.state.is_latest(RunImage, request_id):
            self.state.result, text = None, report_text(report)
            self.stages.add([lambda: (self.views.feature_maps.show_message(text),
                                      self.views.predictions.clear())])
        return False

    def _on_progress(self, request_id: int, progress) -> None:
        kind = self.state.kind_of(request_id)
        if not (self.insight.on_progress(kind, request_id, progress)
                or self.census.on_progress(kind, progress)):
            self.views.download.show_progress(progress)

    def _on_started(self, _request_id: int, request) -> None:
        if isinstance(request, LoadModel):
            self.views.feature_maps.show_message(self.tr("Loading {name}…").format(
                name=request.name_or_path))

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Remember the layout, then stop the worker (cancelling what runs)."""
        if not self.training.may_close():  # the user keeps an unsaved training run
            return event.ignore()
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.settings.sync()
        self.say(self.tr("Stopping…"))
        self.stages.clear()
        self.views.feature_maps.shut_down()
        self.worker.stop(timeout=10.0)
        super().closeEvent(event)
