"""Start the window: ``run_gui`` is what ``cnn-explorer`` runs when no sub-command is given.

The window appears at once; TensorFlow is imported by the worker's thread after the first
paint, and the status bar says so meanwhile. Image files on the command line
(``cnn-explorer a.png b.jpg``) are opened instead of the default sample. ``self_check=True``
runs offscreen, waits for the default model's first predictions (on the default sample, or on
the images given), prints ``top-1: LABEL (score)`` and ``device: NAME`` and exits 0 (the
PyInstaller bundle test runs it).
"""

from __future__ import annotations

import logging
import os
import sys

SELF_CHECK_FLAG = "--self-check"
GIL_SWITCH_INTERVAL_S = 0.001
"""How long the worker thread may hold Python's GIL before the GUI thread gets a turn (the
default, 5 ms, is paid again each time the GUI thread reacquires the GIL after a numpy call)."""
SELF_CHECK_TIMEOUT_MS = 600_000
FIRST_PAINT_GRACE_MS = 50
"""Delay between showing the window and starting the worker, so the first paint is not
competing with TensorFlow's import for the GIL."""

log = logging.getLogger(__name__)


def _application(argv: list[str]):
    """The ``QApplication`` (made once), named, with its icon and the interface's translators:
    the language of the setting ``view/language``, else the system locale's."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from explorer import __version__

    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication([sys.argv[0] if sys.argv else "cnn-explorer", *argv])
    app.setApplicationName("cnn-explorer")
    app.setOrganizationName("cnn-explorer")
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("cnn-explorer")
    app.setDesktopFileName("cnn-explorer")
    from PySide6.QtGui import QIcon

    from explorer.core.resources import resource_path
    app.setWindowIcon(QIcon(str(resource_path("icons", "cnn-explorer.png"))))
    if not getattr(app, "cnn_explorer_translators", None):  # once, before any window is built
        from explorer.settings import Settings
        from explorer.widgets.language import install_translators

        app.cnn_explorer_translators = install_translators(app, Settings().get("view/language"))
    return app


def _install_excepthook(window) -> None:
    """Show an exception escaping a Qt slot as a bug report box (and keep it in the log)."""
    from explorer.worker.messages import ErrorReport

    previous = sys.excepthook

    def hook(kind, error, trace):
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        log.error("Unhandled error in the window", exc_info=(kind, error, trace))
        try:
            window.presenter.error(ErrorReport.from_exception(None, error.with_traceback(trace)))
        except Exception:  # noqa: BLE001 - never let the hook itself raise
            previous(kind, error, trace)

    sys.excepthook = hook


def image_arguments(arguments) -> tuple[str, ...]:
    """The image files named on the command line: the arguments that are not options.

    Args:
        arguments: what Qt left of the command line (it removes the options it knows, with
            their values: ``-style fusion``, ``-platform offscreen``), without the program.
    """
    return tuple(a for a in arguments if a and not a.startswith("-"))


def run_gui(argv: list[str] | None = None, *, self_check: bool = False) -> int:
    """Show the main window and run the Qt event loop.

    Args:
        argv: command-line arguments without the program name: Qt options are honoured, and
            image files are opened (the first model runs on them instead of the sample).
        self_check: run offscreen, print the default model's top-1 prediction and the device,
            and exit.

    Returns:
        The exit status: 0 on success; for the self-check 1 when an error was reported and
        3 when no result came within ten minutes.
    """
    argv = [a for a in (argv or []) if a != SELF_CHECK_FLAG]
    if self_check:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    created = QApplication.instance() is None
    app = _application(argv)
    sources = image_arguments(app.arguments()[1:] if created else argv)

    from explorer.settings import Settings
    from explorer.widgets.dialogs import HeadlessPresenter, Presenter
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    presenter = HeadlessPresenter() if self_check else Presenter()
    window = MainWindow(Worker(), Settings(), presenter)
    _install_excepthook(window)
    status = {"code": 0}
    if self_check:
        _wire_self_check(app, window, status)
    window.show()
    app.processEvents()  # paint the window before the worker starts importing TensorFlow
    QTimer.singleShot(FIRST_PAINT_GRACE_MS, lambda: window.start(sources))
    code = app.exec()
    if window.worker.is_running():
        window.close()
    return status["code"] if self_check else code


def _wire_self_check(app, window, status: dict) -> None:
    from PySide6.QtCore import QTimer

    def finish(code: int) -> None:
        status["code"] = code
        window.close()
        app.quit()

    def on_result(result) -> None:
        if result.predictions:
            best = result.predictions[0]
            print(f"top-1: {best.label} ({best.score:.4f})", flush=True)
        else:
            print(f"top-1: none ({result.model_name} has no class scores)", flush=True)
        print(f"device: {window.device or 'unknown'}", flush=True)
        finish(0)

    def on_error(report) -> None:
        print(f"error: {report.message}", file=sys.stderr, flush=True)
        if report.details:
            print(report.details, file=sys.stderr, flush=True)
        finish(1)

    def on_timeout() -> None:
        print("error: no result within the time limit", file=sys.stderr, flush=True)
        finish(3)

    window.result_shown.connect(on_result)
    window.error_shown.connect(on_error)
    QTimer.singleShot(SELF_CHECK_TIMEOUT_MS, on_timeout)
