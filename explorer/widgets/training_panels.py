"""The Training window's parts: the run form with its live read-outs, the probe's feature maps
and the augmentation preview."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.core.models import catalog
from explorer.core.text import format_count, format_duration
from explorer.widgets.image_plot import ImagePlot

OPTIMIZERS = ("adam", "nadam", "sgd", "rmsprop", "adamw")
DATA_SETS = ("fashion-mnist", "mnist")
AUGMENT_COUNT = 8
DEFAULT_FINETUNE_BASE = "mobilenet"
FORM_WIDTH = 330


AUGMENT_SEPARATOR = (235, 235, 235, 255)
"""Light lines between augmentation samples (their corners are often black fill)."""


def augment_grid(images: np.ndarray, cols: int = 4, sep: int = 4) -> np.ndarray:
    """``(N, H, W, 3)`` uint8 samples as one RGBA grid, light lines between tiles."""
    n, h, w, _ = images.shape
    rows = int(np.ceil(n / cols))
    grid = np.empty((rows * (h + sep) - sep, cols * (w + sep) - sep, 4), np.uint8)
    grid[:] = AUGMENT_SEPARATOR
    for i, image in enumerate(images):
        y, x = (i // cols) * (h + sep), (i % cols) * (w + sep)
        grid[y:y + h, x:x + w, :3] = image
        grid[y:y + h, x:x + w, 3] = 255
    return grid


class RunForm(QScrollArea):
    """Where a run starts from, its data and recipe, the buttons, and the live read-outs.

    Signals:
        recipe_wanted(str, str): the model or start changed; the seed's defaults for
            (model, start) are wanted.
    """

    recipe_wanted = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(FORM_WIDTH)
        body = QWidget()
        self.start_combo = QComboBox()
        for key, text in (("code", self.tr("Code-built model (new weights)")),
                          ("bundled", self.tr("Bundled model (continue training)")),
                          ("finetune", self.tr("ImageNet base (fine-tune)"))):
            self.start_combo.addItem(text, key)
        self.model_combo = QComboBox()
        self.data_combo = QComboBox()
        self.data_combo.setEditable(True)
        self.data_combo.addItems(DATA_SETS)
        self.data_combo.setToolTip(self.tr("fashion-mnist, mnist, a folder of IDX .gz files, or a "
                                      "folder with one sub-folder of images per class"))
        self.browse_button = QPushButton(self.tr("Folder…"))
        self.limit_spin = QSpinBox()
        self.limit_spin.setRange(0, 1_000_000)
        self.limit_spin.setSingleStep(500)
        self.limit_spin.setSpecialValueText(self.tr("all"))
        self.limit_spin.setToolTip(self.tr("Train on a random subset of this many images (faster)"))
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 1000)
        self.epochs_spin.setValue(5)
        self.fine_spin = QSpinBox()
        self.fine_spin.setRange(0, 1000)
        self.fine_spin.setValue(5)
        self.fine_spin.setToolTip(self.tr("Phase 2: epochs with the top of the base unfrozen, at a "
                                     "10× lower learning rate"))
        self.unfreeze_spin = QSpinBox()
        self.unfreeze_spin.setRange(0, 100)
        self.unfreeze_spin.setValue(30)
        self.unfreeze_spin.setSuffix(" %")
        self.unfreeze_spin.setToolTip(self.tr("Share of the base's layers, from the top, trained in "
                                         "phase 2"))
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 8192)
        self.optimizer_combo = QComboBox()
        self.optimizer_combo.addItems(OPTIMIZERS)
        self.rate_spin = QDoubleSpinBox()
        self.rate_spin.setDecimals(6)
        self.rate_spin.setRange(0.0, 1.0)
        self.rate_spin.setSingleStep(0.0001)
        self.rate_spin.setSpecialValueText(self.tr("optimiser's default"))
        self.val_spin = QSpinBox()
        self.val_spin.setRange(1, 50)
        self.val_spin.setValue(8)
        self.val_spin.setSuffix(" %")
        self.redraw_spin = QSpinBox()
        self.redraw_spin.setRange(1, 10_000)
        self.redraw_spin.setValue(10)
        self.redraw_spin.setToolTip(self.tr("Kernels and feature maps are redrawn every this many "
                                       "batches"))
        data_row = QHBoxLayout()
        data_row.addWidget(self.data_combo, 1)
        data_row.addWidget(self.browse_button)
        setup = QGroupBox(self.tr("Run"))
        form = QFormLayout(setup)
        form.addRow(self.tr("Start from"), self.start_combo)
        form.addRow(self.tr("Model"), self.model_combo)
        form.addRow(self.tr("Data"), data_row)
        form.addRow(self.tr("Images"), self.limit_spin)
        form.addRow(self.tr("Epochs"), self.epochs_spin)
        self.fine_label, self.unfreeze_label = QLabel(self.tr("Fine-tune epochs")), QLabel(
            self.tr("Unfreeze"))
        form.addRow(self.fine_label, self.fine_spin)
        form.addRow(self.unfreeze_label, self.unfreeze_spin)
        form.addRow(self.tr("Batch size"), self.batch_spin)
        form.addRow(self.tr("Optimiser"), self.optimizer_combo)
        form.addRow(self.tr("Learning rate"), self.rate_spin)
        form.addRow(self.tr("Validation"), self.val_spin)
        form.addRow(self.tr("Redraw every"), self.redraw_spin)
        self.augment_note = QLabel()
        self.augment_note.setWordWrap(True)
        form.addRow(self.augment_note)

        self.start_button = QPushButton(self.tr("Start"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop now; the model keeps its best epoch's weights"))
        self.save_button = QPushButton(self.tr("Save…"))
        self.save_button.setToolTip(self.tr("Save the model (best epoch) as .keras with its model "
                                       "card; it then opens in the main window"))
        buttons = QGridLayout()
        for i, button in enumerate((self.start_button, self.pause_button, self.cancel_button,
                                    self.save_button)):
            buttons.addWidget(button, i // 2, i % 2)

        live = QGroupBox(self.tr("Now"))
        now = QFormLayout(live)
        self.labels = {}
        for key, text in (("phase", self.tr("Phase")), ("where", self.tr("Epoch")),
                          ("rate", self.tr("Learning rate")), ("speed", self.tr("Speed")),
                          ("eta", self.tr("Time left")), ("best", self.tr("Best"))):
            self.labels[key] = QLabel("–")
            self.labels[key].setWordWrap(True)
            now.addRow(text, self.labels[key])
        self.status = QLabel(" ")
        self.status.setWordWrap(True)
        column = QVBoxLayout(body)
        column.addWidget(setup)
        column.addLayout(buttons)
        column.addWidget(live)
        column.addWidget(self.status)
        column.addStretch(1)
        self.setWidget(body)
        for combo in (self.start_combo, self.model_combo, self.data_combo,
                      self.optimizer_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)

        self.start_combo.currentIndexChanged.connect(lambda _i: self._fill_models())
        self.model_combo.currentIndexChanged.connect(lambda _i: self.ask_recipe())
        self.browse_button.clicked.connect(self._browse)
        self._fill_models()

    # ------------------------------------------------------------------ choices
    @property
    def start(self) -> str:
        return self.start_combo.currentData()

    @property
    def model_name(self) -> str:
        return self.model_combo.currentData() or ""

    def choose(self, start: str, model: str | None = None, data: str | None = None) -> None:
        """Select ``start`` (and ``model``, ``data``) as the user would."""
        self.start_combo.setCurrentIndex(self.start_combo.findData(start))
        if model is not None:
            self.model_combo.setCurrentIndex(self.model_combo.findData(model))
        if data is not None:
            self.data_combo.setCurrentText(data)

    def _fill_models(self) -> None:
        start = self.start
        groups = {"code": ("code", "bundled"), "bundled": ("bundled",),
                  "finetune": ("pretrained",)}[start]
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for entry in catalog.list_models():
            if entry.group in groups:
                self.model_combo.addItem(f"{entry.title} ({entry.name})", entry.name)
        wanted = DEFAULT_FINETUNE_BASE if start == "finetune" else catalog.DEFAULT_MODEL
        self.model_combo.setCurrentIndex(max(0, self.model_combo.findData(wanted)))
        self.model_combo.blockSignals(False)
        finetune = start == "finetune"
        for widget in (self.fine_label, self.fine_spin, self.unfreeze_label,
                       self.unfreeze_spin):
            widget.setVisible(finetune)
        self.ask_recipe()

    def ask_recipe(self) -> None:
        if self.model_name:
            self.recipe_wanted.emit(self.model_name, self.start)

    def set_recipe(self, model: str, start: str, recipe: dict) -> None:
        """Show the seed's defaults for (model, start), if they are still what is chosen."""
        if (model, start) != (self.model_name, self.start):
            return
        self.batch_spin.setValue(int(recipe["batch_size"]))
        self.optimizer_combo.setCurrentText(recipe["optimizer"])
        self.rate_spin.setValue(recipe["learning_rate"] or 0.0)
        kind = recipe.get("augment")
        self.augment_note.setText(self.tr("Augmentation: {kind}").format(
            kind={"photos": self.tr("flip, rotation 0.05, contrast 0.2"),
                  "digits": self.tr("rotation, shifts, zoom"),
                  "alexnet": self.tr("flip, shifts up to 1/8 (AlexNet)")}.get(
                kind, self.tr("none"))))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("A folder of class sub-folders "
                                                           "or IDX files"))
        if folder:
            self.data_combo.setCurrentText(folder)

    def plan_fields(self) -> dict:
        """The ``TrainModel`` fields the form sets."""
        finetune = self.start == "finetune"
        return dict(model=self.model_name, data=self.data_combo.currentText().strip(),
                    start=self.start, epochs=self.epochs_spin.value(),
                    fine_epochs=self.fine_spin.value() if finetune else 0,
                    unfreeze=self.unfreeze_spin.value() / 100.0,
                    batch_size=self.batch_spin.value(),
                    optimizer=self.optimizer_combo.currentText(),
                    learning_rate=self.rate_spin.value() or None,
                    val_fraction=self.val_spin.value() / 100.0,
                    limit=self.limit_spin.value() or None,
                    redraw_every=self.redraw_spin.value())

    # ------------------------------------------------------------------ read-outs
    def set_running(self, running: bool, paused: bool, finished: bool) -> None:
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.cancel_button.setEnabled(running)
        self.save_button.setEnabled(finished and not running)

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def show_run(self, started) -> None:
        self.show_status(self.tr("{title} on {data}: {train} training and {val} validation images, "
                            "{batches} batches an epoch.").format(
            title=started.title, data=Path(started.data).name or started.data,
            train=format_count(started.train_examples),
            val=format_count(started.validation_examples), batches=started.batches))
        self.labels["best"].setText("–")
        self.status.setToolTip(started.data)

    def phase_label(self, name: str, params: int) -> str:
        words = {"frozen": self.tr("base frozen"), "fine": self.tr("top unfrozen, rate ÷ 10"),
                 "train": self.tr("training")}.get(name, name)
        return self.tr("{phase}: {params} trainable").format(phase=words,
                                                        params=format_count(params))

    def show_phase(self, name: str, params: int) -> None:
        self.labels["phase"].setText(self.phase_label(name, params))

    def show_live(self, update, started) -> None:
        epochs = started.epochs if started is not None else 0
        self.labels["where"].setText(self.tr("{epoch} of {epochs}, batch {batch}").format(
            epoch=update.epoch, epochs=epochs, batch=update.batch))
        rate = update.learning_rate
        self.labels["rate"].setText("–" if rate is None else f"{rate:.3g}")
        self.labels["speed"].setText(self.tr("{speed} images/s").format(
            speed=format_count(int(update.images_per_s)) or "–"))
        self.labels["eta"].setText(self.tr("paused") if update.paused else (
            "–" if update.eta_s is None else format_duration(update.eta_s)))
        for epoch, _step, _loss, accuracy, best in update.epochs:
            if best:
                self.labels["best"].setText(self.tr("epoch {epoch}, validation accuracy "
                                               "{accuracy}").format(epoch=epoch,
                                                                    accuracy=f"{accuracy:.1%}"))

    def show_finished(self, finished) -> None:
        head = self.tr("Cancelled") if finished.cancelled else self.tr("Finished")
        if finished.best_epoch:
            self.show_status(self.tr("{head}: the model holds epoch {epoch} (validation accuracy "
                                "{accuracy}). Save it to open it in the main window.").format(
                head=head, epoch=finished.best_epoch,
                accuracy=f"{finished.best_val_accuracy:.1%}"))
        else:
            self.show_status(self.tr("{head} before the first epoch ended.").format(head=head))
        self.labels["eta"].setText("–")


class ProbePanel(QWidget):
    """The probe image's feature maps for one layer, redrawn during training.

    Signals:
        layer_chosen(str): a layer was picked.
        use_image_requested(): probe the main window's current image from now on.
    """

    layer_chosen = Signal(str)
    use_image_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(self.tr("The layer whose feature maps are drawn"))
        self.image_button = QPushButton(self.tr("Use current image"))
        self.image_button.setToolTip(self.tr("Probe the image shown in the main window"))
        self.title = QLabel(self.tr("Start a run to see its feature maps"))
        self.title.setWordWrap(True)
        self.plot = ImagePlot()
        row = QHBoxLayout()
        row.addWidget(self.layer_combo, 1)
        row.addWidget(self.image_button)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.title)
        column.addWidget(self.plot, 1)
        self.layer_combo.activated.connect(
            lambda _i: self.layer_chosen.emit(self.layer_combo.currentData()))
        self.image_button.clicked.connect(self.use_image_requested)
        self.shown_layer = ""

    @property
    def layer(self) -> str:
        return self.layer_combo.currentData() or ""

    def set_layers(self, layers, current: str) -> None:
        self.layer_combo.clear()
        for path, kind in layers:
            self.layer_combo.addItem(f"{path} ({kind})", path)
        self.layer_combo.setCurrentIndex(max(0, self.layer_combo.findData(current)))

    def aspect(self) -> float:
        return max(self.plot.width(), 1) / max(self.plot.height(), 1)

    def show_maps(self, layer: str, mosaic) -> None:
        self.shown_layer = layer
        self.title.setText(self.tr("{layer}: {count} channels").format(layer=layer,
                                                                  count=mosaic.count))
        self.plot.set_rgba(mosaic.rgba)


class AugmentPanel(QWidget):
    """A grid of augmented samples of the current image, rolled again on demand.

    Signals:
        reroll_requested(): new samples are wanted.
    """

    reroll_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Photos: flip, rotation, contrast"), "photos")
        self.kind_combo.addItem(self.tr("Digits: rotation, shifts, zoom"), "digits")
        self.kind_combo.addItem(self.tr("AlexNet: flip, shifts up to 1/8"), "alexnet")
        self.roll_button = QPushButton(self.tr("Roll again"))
        self.title = QLabel(self.tr("Press Roll again to augment the current image"))
        self.title.setWordWrap(True)
        self.plot = ImagePlot()
        row = QHBoxLayout()
        row.addWidget(self.kind_combo, 1)
        row.addWidget(self.roll_button)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.title)
        column.addWidget(self.plot, 1)
        self.roll_button.clicked.connect(self.reroll_requested)
        self.kind_combo.activated.connect(lambda _i: self.reroll_requested.emit())
        self.seed, self.count, self.grid = 0, AUGMENT_COUNT, None

    @property
    def kind(self) -> str:
        return self.kind_combo.currentData()

    def next_seed(self) -> int:
        self.seed += 1
        return self.seed

    def show_message(self, text: str) -> None:
        self.title.setText(text)

    def show_grid(self, grid: np.ndarray, kind: str, seed: int) -> None:
        self.grid = grid
        self.title.setText(self.tr("{count} samples, roll {seed}").format(count=self.count,
                                                                     seed=seed))
        self.plot.set_rgba(grid)
