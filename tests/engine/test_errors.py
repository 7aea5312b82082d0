"""InputError carries an English and a Simplified Chinese sentence; both survive pickling."""

from __future__ import annotations

import pickle

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
