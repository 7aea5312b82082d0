"""The message catalogue: every code has a sentence in every language, with the same placeholders."""

from __future__ import annotations

import pickle
import string

import pytest

from desktop import texts


def _fields(template: str) -> set[str]:
    """Placeholders of a template; `x_zh` (the Chinese form of a parameter `x`, such as a segment's own
    Chinese name) counts as `x`."""
    names = {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
    return {n.removesuffix("_zh").removesuffix("_code") for n in names}


@pytest.mark.parametrize("language", [lang for lang in texts.LANGUAGES if lang != "en"])
def test_every_code_has_the_same_placeholders_in_every_language(language):
    english = texts.LANGUAGES["en"]
    other = texts.LANGUAGES[language]
    assert set(other) == set(english), set(other) ^ set(english)
    for code, template in english.items():
        assert _fields(other[code]) == _fields(template), code


def test_message_renders_in_each_language_and_keeps_the_json_shape():
    code = next(iter(texts.LANGUAGES["en"]))
    fields = _fields(texts.LANGUAGES["en"][code])
    msg = texts.Message(code, {f: 3 for f in fields})
    data = msg.to_dict("zh")
    assert data["code"] == code and data["message"] == msg.text("zh")
    assert all(data[f] == 3 for f in fields)
    assert pickle.loads(pickle.dumps(msg)) == msg


def test_unknown_code_and_reserved_parameter_are_refused():
    with pytest.raises(KeyError):
        texts.Message("no_such_code_anywhere")
    code = next(iter(texts.LANGUAGES["en"]))
    with pytest.raises(ValueError):
        texts.Message(code, {"message": "x"})


def test_terms_exist_in_every_language_and_render_in_sentences():
    assert set(texts.TERMS["zh"]) == set(texts.TERMS["en"])
    msg = texts.message("suggestions_blend_below_model", mode="new_items_only", model="popularity",
                        blend=0.1, recall=0.2)
    assert "best sellers" in msg.text("en") and "热销商品" in msg.text("zh")
    assert msg.to_dict()["model"] == "popularity"  # the JSON keeps the code


def test_a_term_is_shown_in_words_and_its_code_where_an_option_names_it():
    msg = texts.message("role_in_doubt", file="a.csv", role="customer_id", column="Kunde", confidence=0.4,
                        why="cells_only")
    assert "customer ID" in msg.text("en") and "--map customer_id=COLUMN" in msg.text("en")
    assert "客户编号" in msg.text("zh") and "customer_id=" in msg.text("zh")


# ---------------------------------------------------------------- a third language is one module

def _sample_params(template: str) -> dict:
    """A value for each placeholder of `template`: a number where it is formatted as one, a term or
    label key where the parameter names one, else a text."""
    params: dict = {}
    for _, name, spec, _ in string.Formatter().parse(template):
        if not name:
            continue
        name = name.split(".")[0].split("[")[0]
        if name == "where":
            params.setdefault("file", "orders.csv")
        elif name.endswith("_code") and name.removesuffix("_code") in texts.TERM_PARAMS:
            params.setdefault(name.removesuffix("_code"), "customer_id")
        elif name in texts.TERM_PARAMS:
            params.setdefault(name, "customer_id")
        elif name in texts.LABEL_PARAMS:
            params.setdefault(name, next(iter(texts.LABELS["en"][texts.LABEL_PARAMS[name]])))
        else:
            params.setdefault(name, 3 if spec else "text")
    return params


def test_a_third_language_is_added_by_one_module(pseudo_language):
    """A module with MESSAGES (every code), TERMS and LABELS is all a language needs: every engine
    sentence, error and label then renders in it, with no engine module changed."""
    from desktop.engine.errors import InputError

    english = texts.LANGUAGES["en"]
    skipped = {"list_separator"}
    for code, template in english.items():
        if code in skipped:
            continue
        shown = texts.Message(code, _sample_params(template)).text("xx")
        assert "«xx»" in shown and "{" not in shown.replace("{{", ""), (code, shown)
    exc = InputError("reading_sheet_sheets", file="a.xlsx", sheet="May", sheets=["Jan", "Feb"])
    assert exc.text("xx").startswith("«xx»") and "Jan · Feb" in exc.text("xx")
    assert texts.label("set_aside", "empty_row", "xx") == "«empty row»"
    assert texts.where("a.xlsx", "May", "xx") == "«xx» a.xlsx (sheet 'May')"


def test_every_catalogue_sentence_renders_in_every_language():
    for language, catalogue in texts.LANGUAGES.items():
        for code, template in catalogue.items():
            params = {**_sample_params(texts.LANGUAGES["en"][code]), **_sample_params(template)}
            shown = texts.Message(code, params).text(language)
            assert "{" not in shown, (language, code, shown)


def test_labels_exist_in_every_language():
    for language in texts.LABELS:
        assert set(texts.LABELS[language]) == set(texts.LABELS["en"]), language
        for group, keys in texts.LABELS["en"].items():
            assert set(texts.LABELS[language][group]) == set(keys), (language, group)


def test_no_code_is_written_twice_in_a_catalogue_module():
    """A dict literal keeps the last of two equal keys silently: one sentence would replace another."""
    import ast
    from pathlib import Path

    for language in texts.LANGUAGES:
        path = Path(texts.__file__).with_name(f"{language}.py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                assert len(keys) == len(set(keys)), (language, sorted({k for k in keys if keys.count(k) > 1}))


def test_messages_kept_as_table_columns_read_as_each_message_would():
    """table_texts formats rows of one code together; it must give what Message.text gives, also for
    a label parameter, a missing value and a row without a message."""
    import pandas as pd

    columns = {
        "reason": ["reason_bought_every", "reason_group_popular", "reason_bought_every", None,
                   "reason_together_with", "reason_together_with"],
        "reason.product": ["Tea 茶", None, "Cup", None, "Pot", "Pot"],
        "reason.times": [8, None, 3, None, None, None],
        "reason.every": [10, None, None, None, None, None],  # missing for the third row
        "reason.shopper_group": [None, "recent_regular", None, None, None, None],
        "reason.other": [None, None, None, None, "Tea 茶", "Cup"],
        "reason.pct": [None, None, None, None, 40, None],  # missing for the last row
        "reason.lift": [None, None, None, None, 2.25, 1.5],
    }
    table = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()})  # whole numbers stay whole
    for language in texts.LANGUAGES:
        expected = []
        for i in range(len(table)):
            row = table.iloc[i]
            params = {k.removeprefix("reason."): v for k, v in row.items()
                      if k != "reason" and v is not None and v == v}
            code = row["reason"]
            expected.append(texts.Message(code, params).text(language) if isinstance(code, str) else "")
        assert texts.table_texts(table, "reason", language) == expected, language
    shown = texts.table_texts(table, "reason", "zh")
    assert shown[0] == "您买过Tea 茶 8 次，大约每 10 天一次" and shown[1] == "在与您相似的顾客（近期常客）中很受欢迎"
    assert "{every}" in shown[2] and shown[3] == "" and "{pct}%" in shown[5] and "2.2 倍" in shown[4]
    both = texts.with_texts(table)
    assert [c for c in both.columns if c.startswith("reason")] == [f"reason_{lang}" for lang in texts.LANGUAGES]
