"""Start the window: ``run_gui`` is what ``cnn-explorer`` runs when no sub-command is given.

The window appears at once; TensorFlow is imported by the engine process (``worker.bridge``)
while the window paints, and the status bar says so meanwhile. Image files on the command line
(``cnn-explorer a.png b.jpg``) are opened instead of the default sample.

The self-check (``cnn-explorer --self-check [--model NAME] [--weights W] [--image PATH]
[--walk]``) runs the real window offscreen on the model (default: the bundled default) and the
image (default: the model's sample), prints ``top-1: LABEL (score)`` and ``device: NAME``; with
``--walk`` it then selects every layer in the window one after another, waits until each is
shown, and prints ``walked: N layers``; then ``engine: peak resident memory N MiB`` where it can
tell. It exits 0, or non-zero with the reason on stderr (the PyInstaller bundle test runs it).
"""

from __future__ import annotations

import logging
import os
import sys

SELF_CHECK_FLAG = "--self-check"
SELF_CHECK_OPTIONS = ("--model", "--weights", "--image")
"""Self-check options that take a value (``--walk`` takes none)."""
GIL_SWITCH_INTERVAL_S = 0.001
"""How long the worker thread may hold Python's GIL before the GUI thread gets a turn (the
default, 5 ms, is paid again each time the GUI thread reacquires the GIL after a numpy call)."""
SELF_CHECK_TIMEOUT_MS = 600_000
FIRST_PAINT_GRACE_MS = 50
"""Delay between showing the window and its first requests (the model, the images, the
catalogue), so its first paints on screen come first. The engine process is already running
then (``show_window`` spawns it), importing TensorFlow in a process of its own."""

log = logging.getLogger(__name__)


def _application(argv: list[str]):
    """The ``QApplication`` (made once), named, with its icon and the interface's translators:
    the language of the setting ``view/language``, else the system locale's."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from explorer import __version__
    from explorer.core.heap import fix_malloc_thresholds

    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    fix_malloc_thresholds()  # renders reuse heap blocks instead of page-faulting fresh ones
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


def keep_startup_objects() -> None:
    """Exempt what exists once the window is built from Python's cyclic garbage collector.

    The modules, classes and widgets of the window (some 80,000 objects, most from pyqtgraph
    and Qt's bindings) live as long as the app, yet each full collection walked them all: some
    30–60 ms in one go, a visible stutter every so often (``benchmarks/stall.py``). They are
    collected once, then frozen (``gc.freeze``); objects made later are collected as usual.
    Once per process: objects frozen never become garbage the collector could free."""
    import gc

    gc.collect()
    gc.freeze()


SPAWN_WAIT_S = 2.0
"""How long the window waits for its engine process to be spawned before it shows anyway."""


def show_window(app, window) -> None:
    """Start the engine process, then show the built window, painted: first off-screen
    (``grab``), so its fonts' glyphs, the icons and the plots' first layouts are ready before
    it appears (its first paints on screen took 20–30 ms in one go before,
    ``benchmarks/stall.py``), then on screen.

    The engine process is spawned first, while nothing is on screen: spawning holds the
    interpreter lock for some milliseconds, which in the window's first turns made the
    start-up's longest gaps (14–21 ms; 12–15 ms with the engine spawned first)."""
    if window.worker.engine is not None:  # an in-process worker would import TensorFlow
        window.worker.start()
        window.worker.wait_spawned(SPAWN_WAIT_S)
    keep_startup_objects()
    window.grab()
    window.show()
    app.processEvents()  # paint the window before the worker starts


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


def self_check_options(argv: list[str]) -> tuple[list[str], dict]:
    """Split the self-check's own options (``--model X``, ``--model=X``, ``--weights``,
    ``--image``, ``--walk``) from the rest of ``argv``.

    Raises:
        ValueError: an option lacks its value.
    """
    rest, options, i = [], {}, 0
    while i < len(argv):
        arg = argv[i]
        name, _, value = arg.partition("=")
        if name in SELF_CHECK_OPTIONS:
            if not value:
                if i + 1 >= len(argv):
                    raise ValueError(f"{name} needs a value")
                i, value = i + 1, argv[i + 1]
            options[name[2:]] = value
        elif arg == "--walk":
            options["walk"] = True
        else:
            rest.append(arg)
        i += 1
    return rest, options


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
    check: dict = {}
    if self_check:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            argv, check = self_check_options(argv)
        except ValueError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    created = QApplication.instance() is None
    app = _application(argv)
    sources = image_arguments(app.arguments()[1:] if created else argv)
    if check.get("image"):
        sources = (check["image"],)

    from explorer.settings import Settings
    from explorer.widgets.dialogs import HeadlessPresenter, Presenter
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    presenter = HeadlessPresenter() if self_check else Presenter()
    window = MainWindow(Worker(), Settings(), presenter)
    _install_excepthook(window)
    status = {"code": 0}
    if self_check:
        from explorer.self_check import wire_self_check
        wire_self_check(app, window, status, check)
    show_window(app, window)
    QTimer.singleShot(FIRST_PAINT_GRACE_MS, lambda: window.start(
        sources, check.get("model"), check.get("weights", "default")))
    code = app.exec()
    if window.worker.is_running():
        window.close()
    return status["code"] if self_check else code
