"""InputError carries an English and a Simplified Chinese sentence; both survive pickling."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

from desktop.engine.errors import Cancelled, InputError, message_for


def test_english_text_is_str_and_chinese_is_kept() -> None:
    exc = InputError("orders.csv is empty.", zh="文件 orders.csv 是空的。")
    assert str(exc) == "orders.csv is empty."
    assert exc.args == ("orders.csv is empty.",)
    assert exc.zh == "文件 orders.csv 是空的。"
    assert InputError("no translation").zh is None


def test_pickle_round_trip_keeps_both_sentences() -> None:
    exc = InputError("orders.csv, row 7: a quotation mark opens a text that never ends.",
                     zh="文件 orders.csv 第 7 行：引号没有结束。")
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is InputError
    assert str(back) == str(exc) and back.zh == exc.zh
    untranslated = pickle.loads(pickle.dumps(InputError("plain")))
    assert str(untranslated) == "plain" and untranslated.zh is None


def test_pickle_round_trip_of_a_subclass() -> None:
    class NamedError(InputError):
        pass

    globals()["NamedError"] = NamedError  # picklable by reference
    NamedError.__qualname__ = "NamedError"
    try:
        back = pickle.loads(pickle.dumps(NamedError("English.", zh="中文。")))
        assert type(back) is NamedError and str(back) == "English." and back.zh == "中文。"
    finally:
        del globals()["NamedError"]


def test_message_for_picks_the_language() -> None:
    exc = InputError("sales.xlsx has no sheets with data.", zh="文件 sales.xlsx 没有含数据的工作表。")
    assert message_for(exc, chinese=True) == "文件 sales.xlsx 没有含数据的工作表。"
    assert message_for(exc, chinese=False) == "sales.xlsx has no sheets with data."
    # Untranslated errors and other exceptions fall back to their own text.
    assert message_for(InputError("only English"), chinese=True) == "only English"
    assert message_for(ValueError("bad value"), chinese=True) == "bad value"
    assert message_for(Cancelled(), chinese=False) == ""


# ---------------------------------------------------------------- every raise is translated

ROOT = Path(__file__).resolve().parents[2]
SCANNED = [ROOT / "desktop" / "engine", ROOT / "desktop" / "cli"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _input_error_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for folder in SCANNED:
        for path in sorted(folder.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "InputError":
                    calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return calls


def _facts(node: ast.AST) -> set[str]:
    """The variables a message is built from; a `_zh` twin (label_zh, unsafe_file_message_zh,
    _LOCKED_MESSAGE_ZH) counts as the variable it translates."""
    return {re.sub(r"_zh$", "", n.id, flags=re.IGNORECASE)
            for n in ast.walk(node) if isinstance(n, ast.Name)}


def _speaks_chinese(node: ast.AST) -> bool:
    """True when the Chinese text holds Chinese characters, directly or through a `_zh` helper."""
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value):
            return True
        if isinstance(n, ast.Name) and n.id.lower().endswith("_zh"):
            return True
    return False


def test_the_scan_finds_the_raises() -> None:
    # Guards against a scan that silently finds nothing (e.g. after a move of the packages).
    assert len(_input_error_calls()) >= 100


def test_every_input_error_has_a_chinese_sentence_with_the_same_facts() -> None:
    problems = []
    for where, call in _input_error_calls():
        zh = next((k.value for k in call.keywords if k.arg == "zh"), None)
        if zh is None:
            problems.append(f"{where}: no zh=")
            continue
        if not _speaks_chinese(zh):
            problems.append(f"{where}: zh= has no Chinese text")
        english = call.args[0] if call.args else None
        if english is None:
            problems.append(f"{where}: no English sentence")
            continue
        if _facts(english) != _facts(zh):
            problems.append(f"{where}: English uses {sorted(_facts(english))}, Chinese {sorted(_facts(zh))}")
    assert not problems, "\n".join(problems)


def test_the_chinese_helpers_speak_chinese() -> None:
    from desktop.engine.export.files import _LOCKED_MESSAGE_ZH
    from desktop.engine.guard import unsafe_file_message_zh

    locked = _LOCKED_MESSAGE_ZH.format(name="list.xlsx")
    assert CJK.search(locked) and "list.xlsx" in locked
    text = unsafe_file_message_zh("book.xlsx", "读取电子表格时出错")
    assert "book.xlsx" in text and "读取电子表格时出错" in text
