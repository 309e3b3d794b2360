"""The core's messages in the window's language (issue 19, a Chinese interface).

Every template of ``widgets.core_texts`` is one of the messages ``explorer.core`` really raises
(read from its source with ``ast``, so a reworded message fails here); real failures — a damaged
image, a missing file, a file that is no model — come out in Chinese under zh_CN with their
values (the file name) kept, and unchanged in English; the layers' cards exist in Chinese with
the English cards' placeholders.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from explorer.core.errors import ExplorerError

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _normalised(text: str) -> str:
    """Every placeholder as ``{}`` (adjacent ones as one): how a template and an f-string of
    the core compare."""
    return re.sub(r"(\{\})+", "{}", re.sub(r"\{[^{}]*\}", "{}", text))


def _core_messages() -> set[str]:
    """Every string and f-string literal under ``explorer/core`` and ``explorer/worker``,
    placeholders normalised (implicitly joined literals are one node, as Python joins them)."""
    found = set()
    for folder in ("core", "worker"):
        for path in (ROOT / "explorer" / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    found.add(_normalised(node.value))
                elif isinstance(node, ast.JoinedStr):
                    found.add(_normalised("".join(
                        v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)))
    return found


def test_every_template_is_a_message_the_core_raises():
    from explorer.widgets.core_texts import TEMPLATES

    core = _core_messages()
    assert len(TEMPLATES) > 100
    missing = [t for t in TEMPLATES if _normalised(t) not in core]
    assert not missing, missing


def _errors(tmp_path) -> list[ExplorerError]:
    from explorer.core.models.files import check_model_file
    from explorer.core.pixels.images import load_image

    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a png" * 4)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    caught = []
    for attempt in (lambda: load_image(broken), lambda: load_image(tmp_path / "gone.jpg"),
                    lambda: load_image(tmp_path), lambda: check_model_file(text),
                    lambda: check_model_file(tmp_path / "gone.keras")):
        with pytest.raises(ExplorerError) as info:
            attempt()
        caught.append(info.value)
    return caught


def test_real_errors_are_chinese_under_zh_cn_with_their_values(chinese, tmp_path):
    from explorer.widgets.core_texts import core_text, error_details, error_what

    errors = _errors(tmp_path)
    names = ["broken.png", "gone.jpg", tmp_path.name, "notes.txt", "gone.keras"]
    for error, name in zip(errors, names):
        what = error_what(error)
        assert CJK.search(what), error.what
        assert name in what, (name, what)
        assert what.endswith("。")
        if error.fix:
            assert CJK.search(error_details(error)), error.fix
    assert error_what(errors[0]) == "broken.png 不完整（文件提前结束）。"  # a cut-off PNG
    assert core_text("Something the table does not know.") == \
        "Something the table does not know."


def test_in_english_every_message_comes_back_as_the_core_wrote_it(qapp, tmp_path):
    from explorer.widgets.core_texts import core_text, error_what

    for error in _errors(tmp_path):
        assert error_what(error) == error.what + "."
        assert core_text(error.what) == error.what
        if error.fix:
            assert core_text(error.fix) == error.fix


def test_the_unit_card_is_asked_for_in_the_interface_language(chinese):
    from explorer.widgets.language import interface_language

    assert interface_language() == "zh_CN"


def test_the_interface_language_is_english_without_a_translator(qapp):
    from explorer.widgets.language import interface_language

    assert interface_language() == "en"


def test_every_card_has_a_chinese_version_with_the_same_placeholders():
    english = sorted((ROOT / "resources" / "cards" / "en").glob("*.txt"))
    assert len(english) >= 20
    for card in english:
        chinese = ROOT / "resources" / "cards" / "zh_CN" / card.name
        text = chinese.read_text(encoding="utf-8")
        assert CJK.search(text), card.name
        assert sorted(re.findall(r"\{\w*\}", text)) == \
            sorted(re.findall(r"\{\w*\}", card.read_text(encoding="utf-8"))), card.name


def test_a_chinese_card_carries_the_layers_numbers():
    from explorer.core.explain.cards import card_for
    from explorer.core.graph.model_graph import ModelGraph
    from explorer.core.models import zoo

    rows = {r.path: r for r in ModelGraph(zoo.build("lenet5")).table}
    card = card_for(rows["C1"], "zh_CN")
    assert card.startswith("卷积（Conv2D）")
    assert "5×5" in card and "5·5·1·6 + 6 = 156" in card
    assert "最大池化" in card_for(rows["S2"], "zh_CN") or "平均池化" in card_for(rows["S2"],
                                                                                 "zh_CN")


def _stopped_messages():
    """What the window is told when the engine dies, for real requests and exit codes: the
    error ``EngineClient`` raises (``bridge.stopped_error``) and the reload progress line, with
    the values each carries."""
    import signal

    import numpy as np

    from explorer.core.pixels.images import from_array
    from explorer.worker import bridge
    from explorer.worker.budget_messages import SetBudget
    from explorer.worker.compare_messages import LoadCompareModel
    from explorer.worker.messages import (
        Explain,
        GetKernels,
        ImageEntry,
        LoadModel,
        Request,
        RunImage,
    )

    entry = ImageEntry(key="k", image=from_array(np.zeros((8, 8, 3), np.uint8), name="cat.png"))
    requests = [(RunImage("resnet50", entry), ["cat.png", "resnet50"]),
                (LoadModel("vgg16", "untrained"), ["vgg16"]),
                (LoadCompareModel("mobilenet", "untrained"), ["mobilenet"]),
                (Explain("resnet50", entry), ["cat.png", "resnet50"]),
                (SetBudget(2**30), []),
                (GetKernels("resnet50", "conv1"), ["resnet50"]),
                (Request(), ["request"])]  # a kind without words of its own: its name
    codes = [(-signal.SIGKILL, ["SIGKILL"]), (-signal.SIGSEGV, ["SIGSEGV"]),
             (-signal.SIGTERM, ["SIGTERM"]), (3, ["3"]), (None, [])]
    for (request, values), (code, cause_values) in zip(requests, codes * 2):
        for model in ("resnet50", None):
            yield bridge.stopped_error(request, code, model), values + cause_values + (
                [model] if model else [])
        yield f"Reloading the engine's state: {bridge._doing(request)}…", values


def test_a_stopped_engine_is_told_in_chinese_with_its_values(chinese):
    from explorer.widgets.core_texts import core_text, error_details, error_what, report_text
    from explorer.worker.messages import ErrorReport

    told = 0
    for message, values in _stopped_messages():
        if isinstance(message, str):
            text = core_text(message)
        else:
            text = error_what(message) + error_details(message)
            assert "新的引擎正在启动" in text, text
        assert CJK.search(text), message
        for value in values:
            assert value in text, (value, text)
            text = text.replace(value, "", 1)
        # every English word is a value: nothing of the sentence stayed untranslated
        assert not re.search(r"[A-Za-z]{2,}", text), (message, text)
        told += 1
    assert told == 21
    error = next(m for m, _ in _stopped_messages() if not isinstance(m, str))
    line = report_text(ErrorReport(None, error.one_line(), type(error), None, error))
    assert line == error_what(error) + error_details(error)  # one line, no space after 。
    assert error_what(next(m for m, _ in _stopped_messages() if not isinstance(m, str))) == \
        "引擎停止了（当时正在把 cat.png 送入 resnet50）：它被终止（SIGKILL）；" \
        "如果不是有人手动终止，那就是系统内存不足。"


def test_a_stopped_engine_is_told_in_english_as_the_bridge_wrote_it(qapp):
    from explorer.widgets.core_texts import core_text, error_what

    for message, _values in _stopped_messages():
        if isinstance(message, str):
            assert core_text(message) == message
        else:
            assert error_what(message) == message.what + "."
            assert core_text(message.fix) == message.fix
