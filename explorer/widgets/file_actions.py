"""The window's file and clipboard actions: open images and models, paste, save and copy the
view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from explorer.core.pixels.render import render_captioned
from explorer.widgets import intake
from explorer.widgets.qimages import qimage_from_array


class FileActions:
    """File ▸ and Edit ▸ actions of a ``MainWindow`` (dialogs through ``intake``).

    Args:
        window: the main window (its settings, status bar, views and loaders are used).
    """

    def __init__(self, window):
        self.window = window

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

