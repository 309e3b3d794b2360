"""The Simplified Chinese interface (issue 19).

The shipped ``.ts`` holds exactly the messages lupdate extracts from the sources now, every one
translated (placeholders, accelerators and "…" kept); the ``.qm`` is compiled from it and loads;
under zh_CN the window's menus, tabs, docks and panels are Chinese, without it they stay
English; View ▸ Language is remembered.

The translation files are read from this checkout (``resources/translations``), where the
shipped app reaches them through ``core.resources.resource_path``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"
TS = FOLDER / "cnn-explorer_zh_CN.ts"
QM = FOLDER / "cnn-explorer_zh_CN.qm"
sys.path.insert(0, str(ROOT / "tools"))
import update_translations  # noqa: E402 - the tool that writes the files, from tools/

PLACEHOLDER = re.compile(r"\{[^}]*\}")
CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")  # ideographs, CJK punctuation
SAME_IN_CHINESE = {"Keras (kh, kw, in, out)"}
"""Messages whose Chinese is the English (a name and a shape): every other one has Chinese."""
CODES = {("Language", "en"): "zh_CN"}
"""Messages whose translation is the language's code (``language.interface_language``)."""


def _entries(path: Path) -> list[tuple[str, str, str | None]]:
    """``(context, source, translation or None when unfinished/empty)`` of a ``.ts``."""
    return [(context, source, text)
            for (context, source), text in update_translations.messages(path).items()]


def _window():
    from explorer.settings import Settings
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    return MainWindow(Worker(), Settings())  # never started: no TensorFlow, no model


def test_every_message_is_translated_with_its_placeholders():
    entries = _entries(TS)
    assert len(entries) > 200
    unfinished = [source for _context, source, text in entries if text is None]
    assert not unfinished, unfinished
    for context, source, text in entries:
        where = f"{context}: {source!r} → {text!r}"
        assert text.strip(), where
        if (context, source) in CODES:
            assert text == CODES[context, source], where
            continue
        assert CJK.search(text) or (source in SAME_IN_CHINESE and text == source), where
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), where
        if re.search(r"&\w", source) and not source.startswith("<"):
            assert re.search(r"\(&\w\)", text), where  # "&File" → "文件(&F)"
        assert source.endswith("…") == text.endswith("…"), where
        assert source.endswith(" ") == text.endswith(" "), where  # spin-box prefixes


def test_the_ts_holds_what_lupdate_extracts_now(tmp_path):
    fresh = tmp_path / "fresh_zh_CN.ts"
    update_translations.lupdate(fresh, "zh_CN")
    extracted = {(context, source) for context, source, _text in _entries(fresh)}
    shipped = {(context, source) for context, source, _text in _entries(TS)}
    assert extracted - shipped == set(), "new strings: run tools/update_translations.py"
    assert shipped - extracted == set(), "vanished strings: run tools/update_translations.py"
    assert not any(context == "" for context, _source in extracted), \
        "a tr() call lupdate could not give a class context (an alias of self.tr?)"


def test_the_qm_loads_and_matches_the_ts(qapp):
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.language() == "zh_CN"
    for context, source, text in _entries(TS):
        assert translator.translate(context, source) == text, (context, source)


def test_the_language_follows_the_setting_or_the_system(checkout_translations):
    language = checkout_translations
    assert language.ui_locale("") == QLocale.system()
    assert language.ui_locale("zh_CN").name() == "zh_CN"
    assert language.load_translator(QLocale("zh_CN")) is not None
    for other in ("en_US", "en_GB", "fr_FR", "C"):
        assert language.load_translator(QLocale(other)) is None, other
    assert language.install_translators(QCoreApplication.instance(), "en") == []
    from explorer.core.resources import resource_path
    from explorer.settings import KEYS

    assert KEYS["view/language"].type is str and KEYS["view/language"].default == ""
    assert Path(language.TRANSLATIONS_FOLDER) == \
        resource_path("translations").relative_to(resource_path())


def test_the_window_is_chinese_under_zh_cn(qtbot, settings_dir, chinese):
    window = _window()
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "模型(&M)", "帮助(&H)"]
    views = window.views
    assert [views.tabs.tabText(i) for i in range(views.tabs.count())] == \
        ["特征图", "卷积核", "解释", "它在寻找什么", "结构图", "普查", "比较"]
    assert [dock.windowTitle() for dock in views.docks.values()] == \
        ["形状流", "输入", "单元", "预测", "图像", "示例"]
    assert window.menu_actions.language_menu.title() == "语言(&L)"
    assert window.menu_actions.open_images.text() == "打开图像(&O)…"
    assert views.shape_flow.fold_action.text() == "折叠所有模块"
    header = views.shape_flow.model()
    assert [header.horizontalHeaderItem(c).text() for c in range(4)] == \
        ["层", "类型", "输出形状", "计算式"]
    maps = views.feature_maps
    assert maps.norm_box.currentText() == "按层" and maps.norm == "layer"  # stored in English
    assert maps.cmap_box.itemText(0) == "自动" and maps.cmap == "auto"
    assert views.kernels.book_button.text() == "教材 (out, in, kh, kw)"
    assert views.predictions.caption.text() == "尚无预测"
    assert views.device.text() == "正在加载 TensorFlow…"


def test_the_window_stays_english_without_a_translator(qtbot, settings_dir, qapp):
    window = _window()
    qtbot.addWidget(window)
    assert [action.text() for action in window.menuBar().actions()] == \
        ["&File", "&Edit", "&View", "&Model", "&Help"]
    assert window.views.tabs.tabText(0) == "Feature maps"
    assert window.views.feature_maps.norm_box.currentText() == "layer"
    assert [a.text() for a in window.menu_actions.language_menu.actions() if a.text()] == \
        ["System language", "English", "简体中文"]


def test_the_language_choice_is_remembered_and_applies_at_start(qtbot, settings_dir, qapp,
                                                                checkout_translations):
    from explorer.settings import Settings

    window = _window()
    qtbot.addWidget(window)
    assert window.menu_actions.language_actions[""].isChecked()
    window.menu_actions.language_actions["zh_CN"].trigger()
    assert Settings().get("view/language") == "zh_CN"
    assert window.menu_actions.language_actions["zh_CN"].isChecked()
    assert "starts again" in window.statusBar().currentMessage()
    assert window.menuBar().actions()[0].text() == "&File"  # applied on restart, not now
    again = _window()
    qtbot.addWidget(again)
    assert again.menu_actions.language_actions["zh_CN"].isChecked()

    from explorer import gui

    switch = sys.getswitchinterval()
    try:
        app = gui._application([])  # the start-up path: translators from the setting
        try:
            assert app.cnn_explorer_translators
            assert QCoreApplication.translate("WindowActions", "&File") == "文件(&F)"
        finally:
            for translator in app.cnn_explorer_translators:
                app.removeTranslator(translator)
            app.cnn_explorer_translators = []
    finally:
        sys.setswitchinterval(switch)
    assert QCoreApplication.translate("WindowActions", "&File") == "&File"


def test_weights_and_groups_read_in_chinese(chinese):
    from explorer.core.models.types import GROUPS
    from explorer.widgets.model_picker import GROUP_TITLES, weights_words

    assert GROUP_TITLES == GROUPS  # the picker marks the catalogue's English for translation
    assert weights_words("to download (≈14 MB)") == "待下载（≈14 MB）"
    assert weights_words("trained (bundled), 91.2% test accuracy") == \
        "已训练（随附），测试准确率 91.2%"
    assert weights_words("from my.weights.h5") == "来自 my.weights.h5"
    assert weights_words("something new") == "something new"


def test_weights_words_keep_the_english_as_it_was():
    from explorer.widgets.model_picker import weights_words

    for status in ("cached", "untrained", "to download (≈14 MB)", "trained (bundled)",
                   "trained (bundled), 91.2% test accuracy", "trained (ImageNet)",
                   "from my.weights.h5", "as saved in the file",
                   "untrained (random, the same on every load)"):
        assert weights_words(status) == status


def test_known_core_notes_read_in_chinese(chinese):
    from explorer.core.models.untrained import UNTRAINED_NOTE
    from explorer.widgets.input_view import note_words

    assert note_words(UNTRAINED_NOTE).startswith("未训练的权重")
    assert note_words("Keras 2 arguments Keras 3 does not have, dropped from Conv2D: groups") \
        == "Keras 2 arguments Keras 3 does not have, dropped from Conv2D: groups"


def test_input_notes_keep_their_english():
    from explorer.core.models.untrained import UNTRAINED_NOTE
    from explorer.widgets.input_view import note_words

    assert note_words(UNTRAINED_NOTE) == UNTRAINED_NOTE


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_short_dock_never_draws_captions_over_the_previews(qtbot, qapp, settings_dir,
                                                             checkout_translations, language):
    """Word-wrapped notes and the taller lines of CJK fonts made the input dock's rows overlap
    at 1024×700 and pushed the window off the screen; the panel now scrolls in its dock, its
    wrapped labels keep their lines, and the window's least size fits that screen."""
    from explorer.core.models.untrained import UNTRAINED_NOTE

    installed = checkout_translations.install_translators(qapp, language)
    try:
        window = _window()
        qtbot.addWidget(window)
        window.resize(972, 665)  # what the window asks for on a 1024×700 screen
        window.show()
        view = window.views.input_view
        view.set_model(False, None, (UNTRAINED_NOTE,))
        window.views.predictions.warning.setVisible(True)

        def apart() -> bool:
            rows = [(view.original, view.original_caption), (view.fed, view.fed_caption),
                    (view.original_caption, view.scaling), (view.scaling, view.notes),
                    (view.notes, view.steps)]
            return all(upper.geometry().bottom() < lower.geometry().top()
                       for upper, lower in rows) and \
                view.notes.height() >= view.notes.heightForWidth(view.notes.width())

        qtbot.waitUntil(apart, timeout=3000)
        assert all(w.geometry().height() >= 12 for w in (view.original, view.steps))
        assert window.minimumSizeHint().height() <= 700, language
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
