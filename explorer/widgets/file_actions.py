"""The window's file, image and clipboard actions: open images and models, the loaded images'
strip (add, remove), the way on after a model file or weights fail, paste, save and copy the
view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QGuiApplication

from explorer.core.errors import UnsafeModelError, WeightsError
from explorer.core.pixels.overlay import render_captioned
from explorer.widgets import intake
from explorer.widgets.qimages import pixmap_from_array, qimage_from_array
from explorer.widgets.thumbnails import THUMB_SIDE


class DropFilter(QObject):
    """Files and images dragged onto the window (an event filter on it): accepted while they
    move over it, loaded when dropped."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if intake.has_images(event.mimeData()):
                event.acceptProposedAction()
            return True
        if kind == QEvent.Type.Drop:
            sources, names = intake.sources_from_mime(
                event.mimeData(), name=intake.translated(intake.DROPPED_NAME))
            if sources:
                event.acceptProposedAction()
                self.window.load_sources(sources, names)
            return True
        return False


class FileActions:
    """File ▸ and Edit ▸ actions of a ``MainWindow`` (dialogs through ``intake``).

    Args:
        window: the main window (its settings, status bar, views and loaders are used).
    """

    def __init__(self, window):
        self.window = window
        self.drops = DropFilter(window)

    # ------------------------------------------------------------------ the loaded images
    def on_images(self, loaded) -> None:
        """Images arrived (``ImagesLoaded``): into the strip and the recent files; the last
        becomes current; the ones that could not be read are said."""
        w = self.window
        w.state.add_images(loaded.images)
        for entry in loaded.images:
            w.views.images.add(entry.key, entry.name,
                               pixmap_from_array(entry.image.pixels, THUMB_SIDE),
                               entry.source or entry.name)
            if entry.source:
                w.menu_actions.set_recent(w.settings.add_recent(entry.source))
        if loaded.failures:
            w.say(loaded.failures[0])
            w.presenter.warn(QCoreApplication.translate(
                "MainWindow", "{count} file(s) could not be read.").format(
                    count=len(loaded.failures)), "\n".join(loaded.failures))
        if loaded.images:
            w.show_image(loaded.images[-1].key)

    def remove_image(self, key: str) -> None:
        """Take a loaded image away; when it was the current one, its neighbour runs (with
        none left, the views say so)."""
        w = self.window
        keys = list(w.state.images)
        if key not in keys:
            return
        index = keys.index(key)
        name = w.state.images.pop(key).name
        w.views.images.remove(key)
        w.compare.refresh()  # side B may have been this image
        w.say(QCoreApplication.translate("MainWindow", "Removed {image}.").format(image=name),
              3)
        if key != w.state.image_key:
            return
        rest = list(w.state.images)
        if rest:
            w.show_image(rest[min(index, len(rest) - 1)])
            return
        w.state.image_key, w.state.result = None, None
        message = QCoreApplication.translate(
            "MainWindow", "No image: open one (Ctrl+O), drop one here or pick a sample.")
        w.views.feature_maps.show_message(message)
        w.views.explain.show_message(message)
        w.views.predictions.clear()
        w.views.unit.clear()
        w.views.input_view.clear()

    # ------------------------------------------------------------------ models
    def offer_model_fallback(self, request, report) -> bool:
        """Ask how to go on after an unsafe file or failed weights (``LoadModel`` ``request``);
        True when handled."""
        w = self.window
        if issubclass(report.error_type, UnsafeModelError) and not request.allow_unsafe:
            if w.presenter.allow_unsafe(report):
                w.load_model(request.name_or_path, request.weights, allow_unsafe=True)
            return True
        if issubclass(report.error_type, WeightsError):
            choice = w.presenter.weights_fallback(report)
            if choice == "retry":
                w.load_model(request.name_or_path, request.weights)
            if choice == "untrained":
                w.load_model(request.name_or_path, "untrained")
            elif choice == "file":
                title = QCoreApplication.translate("MainWindow", "Pick a weights file")
                for path in intake.choose_files(w, title, "", intake.weights_filter()):
                    w.load_model(request.name_or_path, path)
            return True
        return False

    # ------------------------------------------------------------------ File ▸ and Edit ▸
    def open_images(self) -> None:
        """File ▸ Open: pick one or more images."""
        paths = intake.choose_files(self.window,
                                    QCoreApplication.translate("FileActions", "Open images"),
                                    self.window.settings.get("files/last_dir"),
                                    intake.image_filter(), many=True)
        if paths:
            self.window.settings.set("files/last_dir", str(Path(paths[0]).parent))
            self.window.load_sources(paths)

    def open_model_file(self) -> None:
        """Open a ``.keras``/``.h5`` model file."""
        for path in intake.choose_files(self.window,
                                        QCoreApplication.translate("FileActions",
                                                                   "Open a Keras model"),
                                        self.window.settings.get("files/last_dir"),
                                        intake.model_filter()):
            self.window.load_model(path)

    def paste(self) -> None:
        """Edit ▸ Paste image: load the image (or image files) on the clipboard."""
        sources, names = intake.sources_from_mime(QGuiApplication.clipboard().mimeData())
        if sources:
            self.window.load_sources(sources, names)
        else:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("FileActions", "The clipboard holds no image."), 5000)

    def save_view(self) -> None:
        """File ▸ Save view as PNG."""
        model = self.window.model.entry.title if self.window.model else "cnn-explorer"
        name = f"{model}-{self.window.layer or 'view'}".replace("/", "__").replace(" ", "_")
        name += ".png"
        path = intake.choose_png_target(self.window, self.window.settings.get("files/last_dir"),
                                        name)
        if path:
            self.export_view().save(path)
            self.window.statusBar().showMessage(
                QCoreApplication.translate("FileActions", "Saved {path}").format(path=path), 5000)

    def copy_view(self) -> None:
        """Edit ▸ Copy view: the current view's image to the clipboard."""
        QGuiApplication.clipboard().setImage(self.export_view())
        self.window.statusBar().showMessage(
            QCoreApplication.translate("FileActions", "View copied to the clipboard."), 5000)

    def export_view(self):
        """The current tab as a ``QImage``: the mosaic (or kernels) at full resolution with a
        caption naming the model, the layer, the image and the colour scale; the Explain tab's
        overlay has its own caption."""
        view = self.window.views.tabs.currentWidget()
        rgba = view.export_rgba() if hasattr(view, "export_rgba") else None
        if rgba is None:
            return view.export_image()
        return qimage_from_array(render_captioned(rgba, self.caption(view)))

    def caption(self, view) -> str:
        """``"Fashion-MNIST CNN · conv1 · ankle-boot.png · norm layer"``."""
        w = self.window
        parts = [w.model.entry.title if w.model else "", w.layer or ""]
        if w.state.image is not None:
            parts.append(w.state.image.name)
        parts.append(view.scale_note())
        return " · ".join(p for p in parts if p)

