"""The window's language: Qt translators loaded from ``resources/translations``.

The interface follows the system locale (``QLocale.system()``) unless the user picked a
language in View ▸ Language (the setting ``view/language``: ``""`` follows the system, ``"en"``
or ``"zh_CN"``). Translations are compiled Qt ``.qm`` files named
``cnn-explorer_<locale>.qm``, reached through ``core.resources.resource_path``; Qt's own
``qtbase_<locale>.qm`` (standard buttons, file dialogs) is loaded too when Qt ships it. The
choice is applied when the application starts: :func:`install_translators` runs before the
window is built. The command line stays English.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from explorer.core.resources import resource_path

log = logging.getLogger(__name__)

TRANSLATIONS_FOLDER = "translations"
BASE_NAME = "cnn-explorer"
SYSTEM = ""
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
"""Setting value → the language's name in itself (shown untranslated in View ▸ Language)."""


def ui_locale(choice: str = SYSTEM) -> QLocale:
    """The locale the interface uses for the setting ``choice`` (``""``: the system's)."""
    return QLocale(choice) if choice else QLocale.system()


def translations_folder() -> str:
    """The folder holding the shipped ``.qm`` files."""
    return str(resource_path(TRANSLATIONS_FOLDER))


def load_translator(locale: QLocale, parent=None) -> QTranslator | None:
    """cnn-explorer's translator for ``locale``, or ``None`` when none is shipped (English).

    Qt tries the locale's UI languages in turn (``zh_CN``, then ``zh``…), so an English
    locale finds no file and the sources' English is shown.
    """
    if locale.language() == QLocale.Language.English:
        return None
    translator = QTranslator(parent)
    if translator.load(locale, BASE_NAME, "_", translations_folder()):
        return translator
    return None


def load_qt_translator(locale: QLocale, parent=None) -> QTranslator | None:
    """Qt's own translation (``qtbase``: OK, Cancel, file dialogs) for ``locale``, if shipped."""
    translator = QTranslator(parent)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(locale, "qtbase", "_", folder):
        return translator
    return None


def install_translators(app, choice: str = SYSTEM) -> list[QTranslator]:
    """Install the translators for the setting ``choice`` into ``app`` (parented to it).

    Returns:
        The translators installed: none for English, cnn-explorer's (and Qt's own when
        available) for a shipped language.
    """
    if choice and choice not in LANGUAGES:
        log.warning("Unknown interface language %r: following the system", choice)
        choice = SYSTEM
    locale = ui_locale(choice)
    ours = load_translator(locale, app)
    if ours is None:
        return []
    installed = [ours]
    qt_own = load_qt_translator(locale, app)
    if qt_own is not None:
        installed.append(qt_own)
    for translator in installed:
        app.installTranslator(translator)
    return installed


LANGUAGE_CODE = QT_TRANSLATE_NOOP("Language", "en")
"""A message whose translation is the language's code: whichever translator is installed
answers, so :func:`interface_language` needs no record of what was installed."""


def interface_language() -> str:
    """The code of the language the interface is in (``"en"``, ``"zh_CN"``), as the installed
    translators say; for what the worker writes in that language (the layers' cards)."""
    code = QCoreApplication.translate("Language", LANGUAGE_CODE)
    return code if code in LANGUAGES else "en"
