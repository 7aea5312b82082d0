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
