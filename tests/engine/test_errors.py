"""InputError carries a catalogue code and its parameters (or a ready English and Chinese sentence);
both survive pickling."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

from desktop import texts
from desktop.engine.errors import Cancelled, InputError, message_for, text_for


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


def test_a_coded_error_speaks_every_catalogue_language() -> None:
    exc = InputError("reading_sheet_sheets", file="sales.xlsx", sheet="May", sheets=["Jan", "Feb"])
    assert str(exc) == "sales.xlsx has no sheet 'May'; its sheets are: Jan, Feb."
    assert exc.zh == "文件“sales.xlsx”中没有名为“May”的工作表；它的工作表有：Jan、Feb。"
    assert exc.message == texts.message("reading_sheet_sheets", file="sales.xlsx", sheet="May", sheets=["Jan", "Feb"])
    assert text_for(exc, "zh") == exc.zh and message_for(exc, chinese=False) == str(exc)
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is InputError and back.message == exc.message and str(back) == str(exc)


def test_an_unknown_code_with_parameters_is_refused() -> None:
    import pytest

    with pytest.raises(KeyError):
        InputError("no_such_error_code", file="a.csv")


# ---------------------------------------------------------------- every raise is in the catalogue

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "desktop" / "engine"
CLI = ROOT / "desktop" / "cli"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _input_error_calls(folder: Path) -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "InputError":
                calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return calls


def _placeholders(template: str) -> set[str]:
    import string

    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_scan_finds_the_raises() -> None:
    # Guards against a scan that silently finds nothing (e.g. after a move of the packages).
    assert len(_input_error_calls(ENGINE)) >= 100


def test_every_engine_error_is_a_catalogue_code_with_its_parameters() -> None:
    """The engine raises InputError("code", **params): the code is in the catalogue and the call gives
    every parameter its sentences use (in every language), so no sentence shows a bare {name}."""
    problems = []
    for where, call in _input_error_calls(ENGINE):
        first = call.args[0] if call.args else None
        codes = ([first.value] if isinstance(first, ast.Constant) and isinstance(first.value, str) else
                 [b.value for b in (first.body, first.orelse) if isinstance(b, ast.Constant)]
                 if isinstance(first, ast.IfExp) else [])
        if not codes or len(call.args) != 1 or any(k.arg == "zh" for k in call.keywords):
            problems.append(f"{where}: not InputError(\"code\", **params)")
            continue
        given = {k.arg for k in call.keywords}
        derived = {"where"} if "file" in given else set()
        derived |= {f"{p}_code" for p in given & texts.TERM_PARAMS}
        for code in codes:
            if code not in texts.LANGUAGES["en"]:
                problems.append(f"{where}: {code!r} is not in the catalogue")
                continue
            for language, catalogue in texts.LANGUAGES.items():
                missing = _placeholders(catalogue[code]) - given - derived
                if missing:
                    problems.append(f"{where}: {code} ({language}) needs {sorted(missing)}")
    assert not problems, "\n".join(problems)


def test_every_cli_error_has_a_chinese_sentence() -> None:
    """The CLI's own errors are a catalogue code or a ready English sentence with its Chinese twin."""
    problems = []
    for where, call in _input_error_calls(CLI):
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Constant) and first.value in texts.LANGUAGES["en"]:
            continue
        zh = next((k.value for k in call.keywords if k.arg == "zh"), None)
        if zh is None or not any(isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value)
                                 for n in ast.walk(zh)):
            problems.append(f"{where}: no Chinese sentence")
    assert not problems, "\n".join(problems)
