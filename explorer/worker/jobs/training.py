"""Train in the window: a ``core.training.live`` run with live curves, kernels and probe maps.

The job runs on the Training window's own worker thread (a second ``Worker``), so the main
worker keeps answering inspection requests meanwhile. After every batch it records the batch's
loss and accuracy; every ``redraw_every`` batches it reads the first convolution's kernels and
the probe image's maps of the chosen layer; it publishes a :class:`TrainingUpdate` at most every
:data:`PUBLISH_INTERVAL_S` (and at every redraw, epoch end, phase start and pause), so the GUI
thread is not flooded; redraws come at most every :data:`REDRAW_MIN_S`. Pausing blocks the Keras callback on the run's ``TrainingControl``.
"""

from __future__ import annotations

import time

import numpy as np

from explorer.core.graph.model_graph import ModelGraph
from explorer.core.graph.probe import ActivationProbe
from explorer.core.pixels.images import fit_image, to_channels
from explorer.core.pixels.preprocess import prepare_input
from explorer.core.predict import probabilities
from explorer.core.training import fit as train
from explorer.core.training.live import LiveRun, Plan, choose_strategy, recipe_for
from explorer.worker.messages import Progress
from explorer.worker.registry import job
from explorer.worker.state import JobState
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
    TrainModel,
)
from explorer.worker.training_messages import TrainingUpdate as Update

PUBLISH_INTERVAL_S = 0.75
REDRAW_MIN_S = 1.0
"""Kernels and probe maps are redrawn every ``redraw_every`` batches, but not sooner than this
after the last redraw: a fast small model would otherwise keep the GUI thread painting (and
holding the GIL the training thread needs)."""
EXTRAS_KEY = "training"


def _readonly(values, dtype=np.float64) -> np.ndarray:
    array = np.asarray(values, dtype=dtype)
    array.setflags(write=False)
    return array


class _Live:
    """The per-batch side of a run: what has not been published yet, timing, probe."""

    def __init__(self, request: TrainModel, run: LiveRun, state: JobState,
                 control: TrainingControl):
        self.request, self.run, self.state, self.control = request, run, state, control
        self.graph = ModelGraph(run.model)
        self.probe = ActivationProbe(self.graph)
        table = self.graph.table
        convs = [r.path for r in table if r.kind == "conv" and len(r.output_shape) == 3]
        self.kernel_layer = convs[0] if convs else ""
        self.layers = tuple((r.path, r.type) for r in table
                            if isinstance(r.output_shape, tuple) and len(r.output_shape) == 3
                            and r.type != "InputLayer")
        self.pending: dict = {"steps": [], "losses": [], "accs": [], "epochs": []}
        self.phase = None
        self.last_publish = self.last_redraw = 0.0
        self.busy_s, self.images, self.last_batch = 0.0, 0, None
        self.step = self.epoch = self.batch = 0
        self.prepared = (None, None)  # (id of the image, tensor)

    # ------------------------------------------------------------------ measurements
    def images_per_s(self) -> float:
        return self.images / self.busy_s if self.busy_s > 0 else 0.0

    def eta(self, step: int) -> float | None:
        rate = self.images_per_s()
        if rate <= 0:
            return None
        per_batch = self.run.recipe["batch_size"] / rate
        return max(self.run.total_steps - step, 0) * per_batch

    def probe_tensor(self, image):
        if image is None:
            return None
        if self.prepared[0] is not image:
            self.prepared = (image, prepare_input(image, self.run.spec).tensor)
        return self.prepared[1]

    def probe_maps(self, layer: str):
        version, image, chosen = self.control.probe()
        tensor = self.probe_tensor(image)
        layer = chosen if chosen in dict(self.layers) else layer
        if tensor is None or not layer:
            return version, layer, None
        out = self.probe.run(tensor, layers=[layer])
        maps = np.array(out[layer][0], dtype=np.float32)
        maps.setflags(write=False)
        return version, layer, maps

    def probe_probabilities(self):
        tensor = self.probe_tensor(self.control.probe()[1])
        if tensor is None:
            return None
        out = self.probe.run(tensor, layers=[])
        return _readonly(probabilities(self.probe.predictions(out)), np.float32)

    # ------------------------------------------------------------------ hooks
    def on_phase(self, index: int, phase) -> None:
        self.phase = (index, phase.name, phase.trainable_params, self.step)
        self.publish(force=True)

    def on_batch(self, event) -> None:
        now = time.perf_counter()
        if self.last_batch is not None and event.batch > 1:  # the first batch of a fit
            self.busy_s += now - self.last_batch             # includes its set-up
            self.images += event.images
        self.step, self.epoch, self.batch = event.step, event.epoch, event.batch
        self.pending["steps"].append(event.step)
        self.pending["losses"].append(event.loss)
        self.pending["accs"].append(event.accuracy)
        redraw = event.step == 1 or (event.step % max(1, self.request.redraw_every) == 0
                                     and now - self.last_redraw >= REDRAW_MIN_S)
        if redraw or now - self.last_publish >= PUBLISH_INTERVAL_S:
            self.publish(redraw=redraw)
        self.answer_preview()
        if self.control.paused and not self.state.cancelled:
            self.publish(paused=True)
            self.control.wait_while_paused(lambda: self.state.cancelled or self.control.cancelled,
                                           self.answer_preview)
            self.publish(force=True)
        self.last_batch = time.perf_counter()

    def on_epoch(self, event) -> None:
        self.pending["epochs"].append((event.epoch, event.step, event.val_loss,
                                       event.val_accuracy, event.best))
        self.publish(redraw=True)
        self.last_batch = None

    def answer_preview(self) -> None:
        ask = self.control.take_preview()
        if ask is not None:
            self.state.publish(Update(0, _readonly([]), _readonly([]), _readonly([]),
                                      preview=augment(ask)))

    def publish(self, *, redraw: bool = False, paused: bool = False, force: bool = False):
        kernels = maps = None
        version, layer = 0, ""
        if redraw:
            self.last_redraw = time.perf_counter()
            if self.kernel_layer:
                kernels = self.graph.kernels(self.kernel_layer)
            version, layer, maps = self.probe_maps(self.kernel_layer)
        p = self.pending
        self.state.publish(Update(
            0, _readonly(p["steps"]), _readonly(p["losses"]), _readonly(p["accs"]),
            tuple(p["epochs"]), self.phase, kernels, layer, maps, version,
            self.run.learning_rate(), self.images_per_s(), self.eta(self.step),
            self.epoch, self.batch, paused))
        self.pending = {"steps": [], "losses": [], "accs": [], "epochs": []}
        self.phase = None
        self.last_publish = time.perf_counter()


@job(TrainModel)
def train_model(request: TrainModel, state: JobState):
    """Prepare the run, publish :class:`TrainingStarted` and updates, train, keep the best
    weights (cancelled or not) for :class:`SaveTrained`, return :class:`TrainingFinished`."""
    control = request.control or TrainingControl()

    def stopped() -> bool:
        return state.cancelled or control.cancelled
    plan = Plan(request.model, request.data, request.start, request.epochs, request.fine_epochs,
                request.unfreeze, request.batch_size, request.optimizer, request.learning_rate,
                val_fraction=request.val_fraction, limit=request.limit)
    state.report(Progress(f"Preparing {request.model} on {request.data}"))
    state.memory.extras.pop(EXTRAS_KEY, None)
    run = LiveRun(plan, choose_strategy(request.strategy),
                  download_progress=lambda p: state.report(Progress(
                      f"Downloading {p.dest.name}", p.done_bytes, p.total_bytes,
                      p.rate_bytes_per_s)),
                  cancel=stopped)
    if stopped():
        state.cancel()
    state.check()
    live = _Live(request, run, state, control)
    live.probe_maps(live.kernel_layer)  # traced now, not on the first batch (that stalls)
    title = getattr(getattr(run, "pretrained", None), "title", None)
    if title is None:
        from explorer.core.models import zoo
        title = zoo.info(request.model).title
    state.publish(TrainingStarted(
        0, title, run.split.source, len(run.train_index), len(run.val_index), run.batches,
        run.total_epochs, tuple((p.name, p.epochs, p.learning_rate) for p in run.phases),
        live.layers, live.kernel_layer, control.probe()[2] or live.kernel_layer,
        dict(run.recipe), tuple(run.split.class_names)))
    result = run.run(live.on_batch, live.on_epoch, live.on_phase, stopped)
    state.memory.extras[EXTRAS_KEY] = (run, result)
    live.publish(redraw=True)
    return TrainingFinished(0, result.cancelled, result.best_epoch, result.best_val_accuracy,
                            tuple(result.history), result.seconds, live.images_per_s(),
                            live.probe_probabilities())


@job(SaveTrained)
def save_trained(request: SaveTrained, state: JobState) -> TrainedSaved:
    """Write the last run's model (its best weights) and model card."""
    from explorer.core.errors import ModelError

    held = state.memory.extras.get(EXTRAS_KEY)
    if held is None:
        raise ModelError("There is no trained model to save yet", "Train a model first")
    path, card = held[0].save(held[1], request.path)
    return TrainedSaved(0, str(path), str(card))


def augment(request: AugmentPreview) -> AugmentationResult:
    """``request.count`` samples of the seed's augmentation of one image (``fit.augmenter``:
    the same layers training uses)."""
    pixels, _ = fit_image(to_channels(request.image.pixels, 3), request.size, request.size,
                          "crop")
    batch = np.repeat(pixels[None].astype(np.float32), request.count, axis=0)
    pipeline = train.augmenter(request.kind, seed=request.seed)
    out = np.asarray(pipeline(batch, training=True))
    images = np.clip(np.rint(out), 0, 255).astype(np.uint8)
    images.setflags(write=False)
    return AugmentationResult(0, request.kind, request.seed, images)


@job(AugmentPreview)
def augment_preview(request: AugmentPreview, state: JobState) -> AugmentationResult:
    """The augmentation preview, when no run is going (during a run the job answers it)."""
    return augment(request)


@job(GetRecipe)
def get_recipe(request: GetRecipe, state: JobState) -> RecipeInfo:
    """The seed's defaults (``core.training.live.recipe_for``) for the Training window's form."""
    return RecipeInfo(0, request.model, request.start, recipe_for(request.model, request.start))
