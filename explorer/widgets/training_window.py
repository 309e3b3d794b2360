"""The Training window (Model ▸ Train…): pick a model, a data set and a recipe, then watch it
learn — loss and accuracy curves, the first convolution's kernels and a probe image's feature
maps redrawn as it trains, the learning rate, images/s and time left.

It talks to its own worker (a second ``Worker`` thread, so the main window's requests are still
answered while a run trains) through ``worker.training_messages``; a run is steered through its
``TrainingControl`` (pause, probe, augmentation preview). The form and the live panels are in
:mod:`explorer.widgets.training_panels`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QSplitter, QTabWidget

from explorer.core.errors import Cancelled
from explorer.core.pixels.render import render_feature_maps
from explorer.core.text import format_count, format_duration
from explorer.widgets.core_texts import report_text
from explorer.widgets.kernels_view import KernelsView
from explorer.widgets.training_curves import TrainingCurves
from explorer.widgets.training_panels import (
    FORM_WIDTH,
    AugmentPanel,
    ProbePanel,
    RunForm,
    augment_grid,
)
from explorer.worker.training_control import TrainingControl
from explorer.worker.training_messages import (
    AugmentationResult,
    AugmentPreview,
    GetRecipe,
    RecipeInfo,
    SaveTrained,
    TrainedSaved,
    TrainingFinished,
    TrainingStarted,
    TrainingUpdate,
    TrainModel,
)


class TrainingWindow(QMainWindow):
    """A separate window that trains one model at a time and shows it live.

    Args:
        worker: its own ``Worker`` (started here).
        presenter: the main window's ``Presenter`` (errors, questions).
        current_image: returns the main window's current ``LoadedImage`` (or None).

    Signals:
        saved(str): the trained model was written to this ``.keras`` file.
    """

    saved = Signal(str)

    def __init__(self, worker, presenter, current_image, parent=None):
        super().__init__(parent)
        self.setObjectName("training_window")
        self.setWindowTitle(self.tr("Train a model — cnn-explorer"))
        self.worker, self.presenter, self.current_image = worker, presenter, current_image
        self.control: TrainingControl | None = None
        self.run_id = None
        self.running = self.unsaved = False
        self.started: TrainingStarted | None = None
        self.finished: TrainingFinished | None = None
        self.last_update: TrainingUpdate | None = None
        self.batch_points = self.kernel_redraws = self.map_redraws = 0
        self.saved_path: str | None = None

        self.form = RunForm()
        self.curves = TrainingCurves()
        self.kernels = KernelsView()
        for widget in (self.kernels.keras_button, self.kernels.book_button,
                       self.kernels.histogram):
            widget.hide()  # Keras's layout; no histogram repainted at every redraw
        self.probe = ProbePanel()
        self.augment = AugmentPanel()
        tabs = QTabWidget()
        tabs.addTab(self.probe, self.tr("Feature maps"))
        tabs.addTab(self.augment, self.tr("Augmentation"))
        tabs.setTabToolTip(0, self.tr("The probe image's feature maps of the chosen layer, "
                                      "redrawn as the network trains"))
        tabs.setTabToolTip(1, self.tr("The seed's augmentation applied to the current image "
                                      "(the same layers training uses)"))
        self.tabs = tabs
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.kernels)
        bottom.addWidget(tabs)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.curves)
        right.addWidget(bottom)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(self.form)
        main.addWidget(right)
        main.setStretchFactor(1, 1)
        main.setSizes([FORM_WIDTH + 20, 1000])
        self.setCentralWidget(main)
        self.resize(1400, 900)

        self.worker.result.connect(self._on_result)
        self.worker.failed.connect(self._on_failed)
        self.worker.progress.connect(lambda _id, p: self.statusBar().showMessage(p.message))
        f = self.form
        f.start_button.clicked.connect(self.start_run)
        f.pause_button.clicked.connect(self.toggle_pause)
        f.cancel_button.clicked.connect(self.cancel_run)
        f.save_button.clicked.connect(self.choose_save_path)
        f.recipe_wanted.connect(lambda model, start: self.worker.submit(GetRecipe(model, start)))
        self.probe.layer_chosen.connect(self._on_probe_layer)
        self.probe.use_image_requested.connect(self.use_current_image)
        self.augment.reroll_requested.connect(self.preview_augmentation)
        self._handlers = {RecipeInfo: self._on_recipe, TrainingStarted: self._on_started,
                          TrainingUpdate: self._on_update, TrainingFinished: self._on_finished,
                          AugmentationResult: self._on_augmentation,
                          TrainedSaved: self._on_saved}
        self.worker.start()
        f.ask_recipe()
        self._set_buttons()

    # ------------------------------------------------------------------ actions
    def start_run(self) -> None:
        """Start a run with the form's settings (probe: the main window's current image)."""
        if self.running:
            return
        self.control = TrainingControl()
        self.control.set_probe(self.current_image(), self.probe.layer or None)
        fields = self.form.plan_fields()
        self.run_id = self.worker.submit(TrainModel(control=self.control, **fields))
        self.running, self.unsaved, self.finished, self.started = True, False, None, None
        self.batch_points = self.kernel_redraws = self.map_redraws = 0
        self.form.show_status(self.tr("Preparing {model}…").format(model=fields["model"]))
        self._set_buttons()

    def toggle_pause(self) -> None:
        """Pause after the current batch, or go on."""
        if not self.running or self.control is None:
            return
        if self.control.paused:
            self.control.resume()
        else:
            self.control.pause()
        self._set_buttons()

    def cancel_run(self) -> None:
        """Stop the run; the model keeps its best epoch's weights."""
        if self.running:
            if self.control is not None:
                self.control.cancel()
            self.worker.cancel_running(TrainModel)

    def use_current_image(self) -> None:
        """Probe the main window's current image from now on."""
        image = self.current_image()
        if image is not None and self.control is not None:
            self.control.set_probe(image)

    def preview_augmentation(self) -> None:
        """Roll the augmentation of the current image again (on the worker side)."""
        image = self.current_image()
        if image is None:
            self.augment.show_message(self.tr("Open an image in the main window first"))
            return
        request = AugmentPreview(image, self.augment.kind, self.augment.count,
                                 self.augment.next_seed())
        if self.running and self.control is not None:
            self.control.ask_preview(request)  # answered between batches
        else:
            self.worker.submit(request)

    def choose_save_path(self) -> None:
        """Ask where to save the trained model, then save it."""
        default = str(Path.home() / f"{self.form.model_name}-trained.keras")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the trained model"), default,
                                              self.tr("Keras model (*.keras)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        """Save the run's model (its best weights) and model card as ``path``."""
        if self.finished is not None:
            self.worker.submit(SaveTrained(str(path)))

    def _on_probe_layer(self, path: str) -> None:
        if self.control is not None:
            self.control.set_probe(layer=path)

    # ------------------------------------------------------------------ results
    def _on_result(self, _request_id: int, value) -> None:
        handler = self._handlers.get(type(value))
        if handler is not None:
            handler(value)

    def _on_recipe(self, info: RecipeInfo) -> None:
        self.form.set_recipe(info.model, info.start, info.recipe)

    def _on_started(self, started: TrainingStarted) -> None:
        self.started = started
        self.statusBar().clearMessage()
        self.curves.start(started.batches, started.epochs)
        self.probe.set_layers(started.layers, started.probe_layer)
        self.form.show_run(started)
        if not started.kernel_layer:
            self.kernels.show_none("", self.tr("this model has no convolution"))

    def _on_update(self, update: TrainingUpdate) -> None:
        if update.preview is not None:
            self._on_augmentation(update.preview)
        if update.phase is not None:
            index, name, params, step = update.phase
            if index > 0:
                self.curves.mark_phase(step, self.form.phase_label(name, params))
            self.form.show_phase(name, params)
        if len(update.steps):
            self.batch_points += len(update.steps)
            self.curves.add_batches(update.steps, update.losses, update.accuracies)
        for epoch, _step, val_loss, val_accuracy, _best in update.epochs:
            self.curves.add_epoch(epoch, val_loss, val_accuracy)
        if update.kernels is not None:
            self.kernels.show_kernels(update.kernels)
            self.kernel_redraws += 1
        if update.probe_maps is not None:
            mosaic = render_feature_maps(update.probe_maps, "layer", None,
                                         aspect=self.probe.aspect())
            self.probe.show_maps(update.probe_layer, mosaic)
            self.map_redraws += 1
        if update.epoch:
            self.last_update = update
            self.form.show_live(update, self.started)
        self._set_buttons(paused=update.paused)

    def _on_finished(self, finished: TrainingFinished) -> None:
        self.finished, self.running, self.unsaved = finished, False, True
        self.form.show_finished(finished)
        self._set_buttons()

    def _on_augmentation(self, result: AugmentationResult) -> None:
        self.augment.show_grid(augment_grid(result.images), result.kind, result.seed)

    def _on_saved(self, saved: TrainedSaved) -> None:
        self.unsaved, self.saved_path = False, saved.path
        self.form.show_status(self.tr("Saved {path} and its model card.").format(
            path=saved.path))
        self.saved.emit(saved.path)

    def _on_failed(self, request_id: int, report) -> None:
        if request_id == self.run_id:
            self.running = False
            self._set_buttons()
        text = report_text(report)
        self.form.show_status(text)
        if isinstance(report.request, AugmentPreview):
            self.augment.show_message(text)
        elif not issubclass(report.error_type, Cancelled):
            self.presenter.error(report)

    def _set_buttons(self, paused: bool | None = None) -> None:
        paused = self.control is not None and self.control.paused if paused is None else paused
        self.form.set_running(self.running, paused, self.finished is not None)

    # ------------------------------------------------------------------ closing
    def may_close(self) -> bool:
        """True when nothing unsaved would be lost, or the user agrees to lose it (a running
        run is then cancelled)."""
        if not (self.running or self.unsaved):
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Discard this training run?"),
                          self.tr("The trained model has not been saved."),
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(self.tr("Save it first to open it later in the model picker."))
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        if self.presenter.run_box(box) is not discard:
            return False
        self.cancel_run()
        self.unsaved = False
        return True

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Ask before an unsaved run is thrown away."""
        if self.may_close():
            event.accept()
        else:
            event.ignore()

    def describe(self) -> str:
        """One line about the run, for the status bar of the main window."""
        f = self.finished
        if f is None:
            return ""
        return self.tr("best epoch {epoch}: validation accuracy {accuracy}, {speed} images/s, "
                       "{time}").format(epoch=f.best_epoch, accuracy=f"{f.best_val_accuracy:.1%}",
                                        speed=format_count(int(f.images_per_s)),
                                        time=format_duration(f.seconds))
