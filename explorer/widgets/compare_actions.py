"""The window's Compare tab: what side B is, the requests for it, and the layer shown in both.

A compare session is two inference results and the existing renderers, not a second app:
side A is always the window's current image through its current model; side B is another
image through the same model, or the same image through a second model that the worker keeps
in its compare slot (``LoadCompareModel``), so the current model is never disturbed. The layer
shown is the window's selected layer, and its counterpart in B is found by
``core.compare.match_layers`` (by path; by position where the paths differ and the shapes
agree), so ↑/↓ step both.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from explorer.core import compare
from explorer.core.errors import Cancelled
from explorer.core.models import catalog
from explorer.widgets import intake
from explorer.widgets.compare_view import CompareView
from explorer.widgets.core_texts import report_text
from explorer.worker.compare_messages import (
    CompareModelReady,
    CompareResult,
    LoadCompareModel,
    RunCompare,
)


class CompareActions:
    """The Compare tab of a ``MainWindow``.

    Args:
        window: the main window (its state, views, worker, settings and handler tables).
    """

    def __init__(self, window):
        self.window = window
        self.view = CompareView()
        tabs = window.views.tabs
        index = tabs.addTab(self.view, QCoreApplication.translate("CompareActions", "Compare"))
        tabs.setTabToolTip(
            index,
            QCoreApplication.translate(
                "CompareActions",
                "One layer of two images, or of two models, side by side with their difference",
            ),
        )
        self.other_image: str | None = None
        self.other_model: tuple[str, str] | None = None  # (name or path, weights) asked for
        self.slot: CompareModelReady | None = None  # what the worker's compare slot holds
        self.result: CompareResult | None = None
        self._match: tuple | None = None  # (table A, table B, LayerMatch)
        window.add_handlers({CompareResult: self.on_result, CompareModelReady: self.on_slot},
                            {RunCompare: self.on_failed, LoadCompareModel: self.on_failed})
        v = self.view
        v.other_image_chosen.connect(self.choose_image)
        v.other_model_chosen.connect(self.choose_model)
        v.open_model_requested.connect(self.open_model_file)
        v.step_requested.connect(window.step_layer)
        tabs.currentChanged.connect(lambda _index: self.refresh())
        window.result_shown.connect(lambda _result: self.refresh())
        self.view.show_message(
            QCoreApplication.translate(
                "CompareActions",
                "Choose what side B is: another model (for a "
                "fine-tuned copy or untrained weights) or another "
                "image.",
            )
        )

    @property
    def showing(self) -> bool:
        """True while the Compare tab is in front."""
        return self.window.views.tabs.currentWidget() is self.view

    # ------------------------------------------------------------------ choices
    def fill_choices(self) -> None:
        """The loaded images and the catalogue's models in the view's boxes."""
        w = self.window
        self.view.set_images(
            [(e.name, key) for key, e in w.state.images.items() if key != w.state.image_key],
            self.other_image,
        )
        models = [(e.name, e.name) for e in catalog.list_models()]
        if w.model is not None and w.model.entry.group == "file":
            models.insert(0, (Path(w.model.name).name, w.model.name))
        if self.other_model and all(name != self.other_model[0] for _t, name in models):
            models.insert(0, (Path(self.other_model[0]).name, self.other_model[0]))
        current = (
            self.other_model[0]
            if self.other_model
            else (w.model.name if w.model is not None else None)
        )
        self.view.set_models(models, current)

    def choose_image(self, key: str) -> None:
        """Side B: the loaded image ``key`` through the current model."""
        self.other_image = key
        self.view.set_mode("image")
        self.refresh(force=True)

    def choose_model(self, name: str, weights: str = "default") -> None:
        """Side B: the current image through ``name`` (a catalogue name or a model file) with
        ``weights``; the worker loads it into its compare slot."""
        self.other_model = (name, weights)
        self.view.set_mode("model")
        self.fill_choices()
        self.view.set_model_choice(name, weights)
        self.window.submit(
            LoadCompareModel(name, weights, False, self.window.settings.scaling_for(name))
        )
        self.view.show_message(
            QCoreApplication.translate("CompareActions", "Loading {name} for side B…").format(
                name=name
            )
        )

    def open_model_file(self) -> None:
        """Pick a ``.keras``/``.h5`` file for side B."""
        w = self.window
        for path in intake.choose_files(
            w,
            QCoreApplication.translate("CompareActions", "Compare with a Keras model"),
            w.settings.get("files/last_dir"),
            intake.model_filter(),
        ):
            self.view.add_model(Path(path).name, path)
            self.choose_model(path, "default")

    # ------------------------------------------------------------------ requests
    def request(self) -> RunCompare | None:
        """The comparison the view's choices ask for, or None (nothing chosen yet, or the
        second model not loaded)."""
        w = self.window
        entry = w.state.image
        if w.model is None or entry is None:
            return None
        focus = w.layer
        if self.view.mode == "model":
            if self.slot is None or self.other_model is None:
                return None
            pair = self.match().for_a(focus) if self.result is not None and focus else None
            return RunCompare(w.model.name, entry, other_model=self.slot.label, focus=focus,
                              other_focus=pair.b if pair is not None else None)
        other = w.state.images.get(self.other_image or "")
        if other is None:
            return None
        return RunCompare(w.model.name, entry, other_image=other, focus=focus,
                          other_focus=focus)

    def refresh(self, force: bool = False) -> None:
        """Ask for the comparison when the tab shows (and its choices are complete)."""
        if not (self.showing or force):
            return
        self.fill_choices()
        request = self.request()
        if request is None:
            if (self.view.mode == "image" and self.other_image is not None
                    and self.other_image not in self.window.state.images):
                self.other_image, self.result = None, None  # side B's image was removed
                self.view.show_message(QCoreApplication.translate(
                    "CompareActions", "Side B's image was removed: choose another image, or "
                    "another model."))
            return
        if self.result is not None and _same(self.result.request, request):
            self.show_layer(self.window.layer)
            return
        self.window.submit(request)

    # ------------------------------------------------------------------ results
    def on_slot(self, ready: CompareModelReady) -> None:
        self.slot = ready
        self.window.say(
            QCoreApplication.translate("CompareActions", "Side B: {model}.").format(
                model=ready.label
            ),
            5,
        )
        self.refresh(force=True)

    def on_result(self, result: CompareResult) -> None:
        self.result = result
        self.show_layer(self.window.layer)

    def on_failed(self, _request_id: int, report) -> bool:
        """A failed load or comparison is said in the tab."""
        self.view.show_message(report_text(report))
        return report.user_error or issubclass(report.error_type, Cancelled)

    def match(self) -> compare.LayerMatch | None:
        """The layers of A and B paired (``core.compare.match_layers``), made once per pair of
        tables."""
        w, result = self.window, self.result
        if result is None or w.model is None:
            return None
        if (
            self._match is None
            or self._match[0] is not w.model.table
            or self._match[1] is not result.table_b
        ):
            self._match = (
                w.model.table,
                result.table_b,
                compare.match_layers(w.model.table, result.table_b),
            )
        return self._match[2]

    def show_layer(self, path: str | None) -> None:
        """Show layer ``path`` of A beside its counterpart in B (called when the window's
        selected layer changes)."""
        result, w = self.result, self.window
        if result is None or path is None or w.model is None or result.model_name != w.model.name:
            return
        if not _same(result.request, self.request()):
            return  # an older comparison: the newer one is on its way
        pair = self.match().for_a(path)
        info = w.state.infos.get(path)
        if pair is None or info is None:
            self.view.show_message(
                QCoreApplication.translate(
                    "CompareActions",
                    "{path} has no counterpart in B (no layer with "
                    "its path, nor one in its place with its "
                    "shape).",
                ).format(path=path)
            )
            return
        act_a, act_b = result.a.activations.get(pair.a), result.b.activations.get(pair.b)
        if (act_a is None or act_b is None) and not (result.a.complete and result.b.complete) \
                and (result.request.focus, result.request.other_focus) != (pair.a, pair.b):
            # a side exceeds the activation budget: its layers around this one are computed
            self.view.show_message(QCoreApplication.translate(
                "CompareActions", "Computing {path}… the layers exceed the activation budget: "
                "they are computed around the selection.").format(path=path))
            self.window.submit(dataclasses.replace(result.request, focus=pair.a,
                                                   other_focus=pair.b))
            return
        if act_a is None or act_b is None:
            self.view.show_message(
                QCoreApplication.translate("CompareActions", "No output for {path}.").format(
                    path=path
                )
            )
            return
        title_a = f"{w.model.name} · {result.a.image.name}"
        title_b = (
            f"{result.title_b} · {result.b.image.name}"
            if result.request.other_model
            else f"{w.model.name} · {result.title_b}"
        )
        self.view.show_pair(
            pair, act_a, act_b, info, title_a, title_b, result.a.predictions, result.b.predictions
        )


def _same(one: RunCompare | None, other: RunCompare | None) -> bool:
    """Whether two comparisons ask the same (compared by image keys: the images' pixels are
    arrays, which ``==`` cannot compare)."""

    def signature(r):
        return (
            None
            if r is None
            else (
                r.model_name,
                r.image.key,
                r.other_model,
                r.other_image.key if r.other_image else None,
            )
        )

    return one is not None and signature(one) == signature(other)
