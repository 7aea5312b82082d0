"""Every word of a segmentation comes from the message catalogue (issue #16 item 5): with a third
language registered as one catalogue module and put in the place of English, the names, profiles,
rules, factor sentences, quality verdicts and moves of a segmentation are all in that language, with
no engine module changed."""

from __future__ import annotations

import re
import types

import numpy as np
import pandas as pd
import pytest

from desktop import texts
from desktop.engine.segments import words
from desktop.engine.segments.clustering import SegmentSettings, segment
from desktop.engine.segments.rfm import SEGMENTS_8, SEGMENTS_11, apply_rfm

from seg_synthetic import make_lines, three_groups

MARKED = re.compile(r"«[^«»]*»")


def _register_marked_language(monkeypatch) -> None:
    """Register "xx": every sentence and label of the English catalogue between « and »."""
    english = texts.LANGUAGES["en"]
    fake = types.ModuleType("xx")
    fake.MESSAGES = {code: "«" + template + "»" for code, template in english.items()}
    fake.TERMS = {code: f"«{w}»" for code, w in texts.TERMS["en"].items()}
    fake.LABELS = {group: {key: f"«{w}»" for key, w in keys.items()} for group, keys in texts.LABELS["en"].items()}
    for registry in (texts.LANGUAGES, texts.TERMS, texts.LABELS):
        monkeypatch.setitem(registry, "xx", registry["en"])  # restored after the test
    texts.register("xx", fake)
    # the results' plain fields (name, rule, sentence …) in the new language instead of English
    monkeypatch.setitem(words.FIELD_LANGUAGES, "", "xx")


def _unmarked(text: str) -> str:
    """What is left of `text` outside the catalogue's words (innermost «…» removed until none)."""
    while MARKED.search(text):
        text = MARKED.sub("", text)
    return text


def _shop() -> tuple[pd.DataFrame, pd.DataFrame]:
    customers, truth = three_groups(seed=2)
    rng = np.random.default_rng(2)
    customers["age"] = np.where(truth == "regulars", 62, 28) + rng.integers(-3, 4, len(customers))
    customers["gender"] = np.where(truth == "big_gifts", "女", np.where(rng.random(len(customers)) < 0.5, "M", "F"))
    customers["city"] = np.where(truth == "lapsed", "Qx", "Zy")
    categories = {cid: {"regulars": "Tea", "lapsed": "Cups", "big_gifts": "Gifts"}[t] for cid, t in truth.items()}
    return customers, make_lines(customers, categories, seed=2)


def _texts_of(result: dict) -> list[str]:
    out = [result["method_name"], result["quality"]["verdict"], result["features"]["text"],
           result["factors"]["sentence"], result["factors"].get("rule", "")]
    out += [c[k] for c in result["factors"]["components"] for k in ("theme", "title", "sentence") if k in c]
    out += [s[k] for s in result["segments"] for k in ("name", "profile", "rule") if s.get(k)]
    out += [r[k] for r in result["rules"] for k in ("rule", "sentence")]
    out += [f["label"] for f in result["features"]["features"]]
    return [t for t in out if t]


@pytest.mark.parametrize("method", ["gmm", "hdbscan"])
def test_a_third_language_names_and_explains_every_found_group(monkeypatch, method):
    _register_marked_language(monkeypatch)
    customers, lines = _shop()
    settings = SegmentSettings(groups=("behaviour", "products", "profile"), factor_method="factor",
                               stability_runs=1)
    seg = segment(customers, lines, method=method, settings=settings)
    result = seg.to_dict()
    shown = _texts_of(result)
    assert len(shown) > 20
    for text in shown:
        assert "«" in text, text
        # outside the catalogue's words only figures and punctuation remain, never an inline word
        assert not re.search(r"[A-Za-z\u4e00-\u9fff]", _unmarked(text)), (text, _unmarked(text))
    assert any("«Tea»" in t or "Tea" in t for t in shown)  # the file's own category, quoted in a sentence
    for rule in seg.rules:
        assert not re.search(r"[A-Za-z]", _unmarked(rule.text_in("xx"))), rule.text_in("xx")
    first = seg.labels.index[0]
    assert "«" in seg.membership(first)[0]
    # the Chinese fields are still Chinese: a third language adds to the two, it replaces neither
    assert all(re.search(r"[\u4e00-\u9fff]", s["name_zh"]) for s in result["segments"])


def test_a_third_language_names_every_fixed_segment(monkeypatch):
    _register_marked_language(monkeypatch)
    customers, _ = _shop()
    for model, table in ((11, SEGMENTS_11), (8, SEGMENTS_8)):
        summary = apply_rfm(customers, model=model).summary
        assert list(summary["key"]) == list(table)
        for column in ("name", "profile", "action"):
            assert summary[column].str.fullmatch(r"«[^«»]+»").all(), summary[column]
            assert summary[column + "_zh"].str.contains(r"[\u4e00-\u9fff]").all()
        for key in table:
            for group in ("segment_name", "segment_profile", "segment_action"):
                assert texts.label(group, key, "xx") == f"«{texts.label(group, key, 'en')}»"
    for method in ("rfm", "kmeans", "hierarchical", "gmm", "hdbscan"):
        assert texts.label("segment_method", method, "xx").startswith("«")


def test_a_third_language_says_every_move_between_segments(monkeypatch):
    from desktop.engine.segments.migration import NOT_YET, migration
    from test_seg_migration import _lines

    _register_marked_language(monkeypatch)
    mig = migration(_lines(), method="rfm", days=120)
    assert {m["from"] for m in mig.moves} > {NOT_YET}  # new customers joining, and customers moving
    for move in mig.moves:
        assert not re.search(r"[A-Za-z]", _unmarked(move["sentence"])), move["sentence"]
        assert re.search(r"[\u4e00-\u9fff]", move["sentence_zh"])


def test_a_rule_sentence_keeps_a_space_between_a_figure_and_chinese_only():
    from desktop.engine.segments.explain import Rule

    rule = Rule("s1", [texts.message("rule_share_above", lo=0.66, category="Tea")], customers=10, precision=0.9)
    out = rule.to_dict({"s1": ("Tea buyers", "Tea买家")})
    assert out["sentence"] == "Tea buyers: customers who spent more than 66% of their money on Tea."
    assert out["sentence_zh"] == "Tea买家：Tea占消费超过 66% 的客户。"
    plain = Rule("s2", [texts.message("rule_city_in", city="杭州")], customers=5, precision=1.0)
    assert plain.to_dict()["sentence_zh"] == "s2：住在杭州的客户。"
