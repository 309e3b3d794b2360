"""The window's actions and menus, with standard shortcuts and tooltips (texts through ``tr``).

:class:`WindowActions` only builds; the window connects each action to what it does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from explorer.widgets.language import LANGUAGES, SYSTEM


def _action(parent: QObject, text: str, tip: str, shortcut=None) -> QAction:
    action = QAction(text, parent)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    if shortcut is not None:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(k) for k in keys])
    return action


class WindowActions(QObject):
    """Every menu action of the main window.

    Signals:
        recent_chosen(str): a file of File ▸ Open Recent was picked.
        sample_chosen(str): a file of File ▸ Samples was picked.
        language_chosen(str): a language of View ▸ Language was picked (``""``: the system's,
            ``"en"``, ``"zh_CN"``); it applies when the app starts again.
    """

    recent_chosen = Signal(str)
    sample_chosen = Signal(str)
    language_chosen = Signal(str)

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        keys = QKeySequence.StandardKey
        self.open_images = _action(window, self.tr("&Open images…"),
                                   self.tr("Open one or more image files"), keys.Open)
        self.open_model = _action(window, self.tr("Open &model file…"),
                                  self.tr("Open a .keras or .h5 model saved with Keras"),
                                  "Ctrl+Shift+O")
        self.save_view = _action(window, self.tr("&Save view as PNG…"),
                                 self.tr("Save the feature maps or kernels on screen as a PNG"),
                                 keys.Save)
        self.quit = _action(window, self.tr("&Quit"), self.tr("Close cnn-explorer"), keys.Quit)
        self.paste = _action(window, self.tr("&Paste image"),
                             self.tr("Load the image on the clipboard"), keys.Paste)
        self.copy_view = _action(window, self.tr("&Copy view"),
                                 self.tr("Copy the feature maps or kernels on screen to the "
                                         "clipboard"), "Ctrl+Shift+C")
        self.next_layer = _action(window, self.tr("&Next layer"),
                                  self.tr("Show the next layer's output"),
                                  ["PgDown", "Ctrl+Down"])
        self.previous_layer = _action(window, self.tr("&Previous layer"),
                                      self.tr("Show the previous layer's output"),
                                      ["PgUp", "Ctrl+Up"])
        self.help = _action(window, self.tr("cnn-explorer &help"),
                            self.tr("How to use the window"), keys.HelpContents)
        self.about = _action(window, self.tr("&About cnn-explorer"),
                             self.tr("Versions of the app, TensorFlow, Keras, Qt and the device"))
        self.activation_memory = _action(
            window, self.tr("Activation &memory…"),
            self.tr("How much memory the layer outputs of one image may take"))
        self.reset_layout = _action(window, self.tr("&Reset layout"),
                                    self.tr("Put every panel back where it starts, at its "
                                            "first size"))
        self.language_menu = QMenu(self.tr("&Language"), window)
        self.language_menu.setToolTipsVisible(True)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        restart = self.tr("Applied when cnn-explorer starts again")
        for code, name in ((SYSTEM, self.tr("System language")), *LANGUAGES.items()):
            action = _action(window, name, restart)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.language_menu.insertSeparator(self.language_actions["en"])

        bar = window.menuBar()
        self.file_menu = file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.open_images)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.samples_menu = file_menu.addMenu(self.tr("S&amples"))
        file_menu.addAction(self.open_model)
        file_menu.addSeparator()
        file_menu.addAction(self.save_view)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        self.edit_menu = edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.paste)
        edit_menu.addAction(self.copy_view)
        edit_menu.addSeparator()
        edit_menu.addAction(self.activation_memory)
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.addAction(self.previous_layer)
        self.view_menu.addAction(self.next_layer)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.reset_layout)
        self.view_menu.addSeparator()
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.help)
        help_menu.addAction(self.about)
        self.set_recent([])

    def connect_to(self, window) -> None:
        """Each action triggers its job on the main window (its files, views and worker)."""
        self.open_images.triggered.connect(window.files.open_images)
        self.open_model.triggered.connect(window.files.open_model_file)
        self.save_view.triggered.connect(window.files.save_view)
        self.copy_view.triggered.connect(window.files.copy_view)
        self.paste.triggered.connect(window.files.paste)
        self.quit.triggered.connect(window.close)
        self.next_layer.triggered.connect(lambda: window.step_layer(1))
        self.previous_layer.triggered.connect(lambda: window.step_layer(-1))
        self.help.triggered.connect(window.presenter.help)
        self.about.triggered.connect(window.show_about)
        self.reset_layout.triggered.connect(window.reset_layout)
        self.language_chosen.connect(lambda code: self.choose_language(window, code))
        self.recent_chosen.connect(lambda path: window.load_sources((path,)))
        self.sample_chosen.connect(lambda path: window.load_sources((path,)))

    def choose_language(self, window, code: str) -> None:
        """View ▸ Language: remember ``code`` (``""`` follows the system); the interface takes it
        when cnn-explorer starts again (the window's status bar says so)."""
        window.settings.set("view/language", code)
        self.set_language(code)
        name = LANGUAGES.get(code) or QCoreApplication.translate("MainWindow",
                                                                 "the system's language")
        window.say(QCoreApplication.translate(
            "MainWindow", "The interface will be in {language} when cnn-explorer starts "
            "again.").format(language=name), 16)

    def restore(self, settings) -> None:
        """The remembered recent files and language choice."""
        self.set_recent(settings.get("files/recent"))
        chosen = settings.get("view/language")
        for key, action in self.language_actions.items():
            action.setChecked(key == chosen)

    def set_recent(self, paths: list[str]) -> None:
        """Fill File ▸ Open recent with ``paths`` (newest first)."""
        self._fill(self.recent_menu, [(Path(p).name, p) for p in paths], self.recent_chosen,
                   self.tr("No recent files"))

    def set_samples(self, samples: list[tuple[str, str]]) -> None:
        """Fill File ▸ Samples with ``(title, path)`` pairs."""
        self._fill(self.samples_menu, samples, self.sample_chosen, self.tr("No samples"))

    def set_language(self, code: str) -> None:
        """Tick ``code`` in View ▸ Language (an unknown code ticks the system's language)."""
        self.language_actions.get(code, self.language_actions[SYSTEM]).setChecked(True)

    @staticmethod
    def _fill(menu: QMenu, items: list[tuple[str, str]], signal, empty: str) -> None:
        menu.clear()
        for title, path in items:
            action = menu.addAction(title)
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: signal.emit(p))
        if not items:
            menu.addAction(empty).setEnabled(False)
