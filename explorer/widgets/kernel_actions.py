"""The window's side of the Kernels tab: a convolution's kernels, fetched from the worker only
while the tab shows, and kept per layer for the model on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from explorer.widgets.core_texts import core_text
from explorer.worker.messages import GetKernels, KernelsResult

KERNEL_KINDS = ("conv",)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class KernelActions:
    """Fills ``window.views.kernels`` for the selected layer.

    Args:
        window: the main window (its state, views and ``submit``).
    """

    def __init__(self, window):
        self.window = window

    def handlers(self) -> dict:
        return {KernelsResult: self.on_result}

    def failures(self) -> dict:
        return {GetKernels: self.on_failed}

    def show(self, info) -> None:
        """Show the kernels of layer ``info``; they are fetched only while their tab shows."""
        w = self.window
        view = w.views.kernels
        if info.kind not in KERNEL_KINDS:
            view.show_none(info.path, (_tr(
                "this {type} layer has no weights; pick a convolution layer") if info.params == 0
                else _tr("a {type} layer's weights are no convolution kernels; pick a "
                         "convolution layer")).format(type=info.type))
        elif info.path in w.state.kernels:
            result = w.state.kernels[info.path]
            view.show_kernels(result.kernels, result.histogram)
        else:
            view.show_waiting(info.path)
            if w.views.tabs.currentWidget() is view:
                w.submit(GetKernels(w.model.name, info.path))

    def on_result(self, result: KernelsResult) -> None:
        self.window.state.kernels[result.path] = result
        if result.path == self.window.layer:
            self.window.views.kernels.show_kernels(result.kernels, result.histogram)

    def on_failed(self, _request_id: int, report) -> bool:
        """A layer whose kernels cannot be shown says why in the Kernels view."""
        if report.user_error:
            self.window.views.kernels.show_none(report.request.path,
                                                core_text(report.error.what))
            return True
        return False
