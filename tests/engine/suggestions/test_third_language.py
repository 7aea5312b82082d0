"""A third language is one catalogue module: every suggestion reason, model name, festival name and
marketing-list label then shows in it, with no engine module changed (issue #16 item 5)."""

from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd
import pytest

from desktop import texts
from desktop.engine.export import ExportOptions, with_extras
from desktop.engine.festivals import FESTIVALS
from desktop.engine.marketing import export_marketing_list
from desktop.engine.suggestions import ALL_MODELS, SuggestionSettings, bought_together, fit_models, recommend
from desktop.engine.suggestions.reasons import explain
from desktop.jobs.predictions import propensity_model_name
from desktop.jobs.suggestions import model_name


@pytest.fixture()
def xx(pseudo_language) -> str:
    """The pseudo language "xx" (tests/conftest.py): every English sentence and label marked «…»."""
    return pseudo_language


def _segmented(shop: pd.DataFrame) -> pd.DataFrame:
    """One row per customer with a segment key and name (as the engine's customer table has)."""
    spend = shop[~shop["is_return"]].groupby("customer_id")["amount"].sum()
    key = np.where(spend >= spend.median(), "champions", "at_risk")
    customers = pd.DataFrame({"segment": key, "monetary": spend.round(2), "frequency": 3,
                              "recency_days": 10}, index=spend.index.astype(str))
    customers["segment_name"] = customers["segment"].map({"champions": "Champions", "at_risk": "At risk"})
    return customers


def test_every_suggestion_reason_renders_in_a_language_added_as_one_module(shop, xx):
    customers = _segmented(shop)
    sm = fit_models(shop, SuggestionSettings(k=5, tune=False), customers=customers)
    sm.models.fit(list(ALL_MODELS))
    rng = np.random.default_rng(3)
    rows = np.concatenate([rng.integers(0, sm.pm.n_customers, 200), [-1, -1]])  # -1: a customer never seen
    items = rng.integers(0, sm.pm.n_products, len(rows))
    codes: set[str] = set()
    for key in ALL_MODELS:
        found = explain(sm, rows, items, [key] * len(rows))
        for message in texts.rows_messages(found.codes, found.params):
            assert message.text(xx) == "«xx» " + message.text("en"), (key, message)
            codes.add(message.code)
    table = bought_together(sm, "Gift box A 礼盒A")
    assert len(table) and all(t.startswith("«xx» ") for t in texts.table_texts(table, "reason", xx))
    codes |= set(table["reason"])
    # each model's own kind of reason came up, not only the best-seller fallback
    assert {"reason_bought_every", "reason_also_bought", "reason_like_you_count", "reason_taste_with",
            "reason_together_with", "reason_similar_product", "reason_segment_popular",
            "reason_together_share"} <= codes, codes
    shown = texts.with_texts(recommend(sm))
    assert {"reason_en", "reason_zh", "reason_xx"} <= set(shown.columns)
    assert shown["reason_xx"].str.startswith("«xx» ").all()
    assert (shown["reason_xx"] == "«xx» " + shown["reason_en"]).all()


def test_model_and_festival_names_come_from_the_language_module(xx):
    for key in ALL_MODELS:
        assert model_name(key, xx) == f"«{model_name(key, 'en')}»"
    for key in ("logistic", "gradient_boosting", "mlp", "simple", "none"):
        assert propensity_model_name(key, xx) == f"«{propensity_model_name(key, 'en')}»"
    for festival in FESTIVALS:
        title = texts.message("todo_title_festival", festival=festival.key, date="2026-09-25", last="2025-10-06",
                              write_on="2026-09-04")
        assert f"«{texts.label('festival', festival.key)}»" in title.text(xx)
        assert texts.label("festival", festival.key, "zh") in title.text("zh")
        assert title.to_dict()["festival"] == festival.key  # the JSON keeps the key


def test_marketing_list_labels_follow_a_language_added_as_one_module(shop, xx, tmp_path):
    customers = _segmented(shop)
    sm = fit_models(shop, SuggestionSettings(k=3, tune=False))
    listed = with_extras(customers, None, recommend(sm), k=2)
    options = ExportOptions(language=xx, sheet_per_segment=True, control_share=0.1, seed=1, offer="tea",
                            cost_per_contact=0.5, mask_contacts=True, write_campaign_record=False)
    export_marketing_list(listed, None, tmp_path / "list.xlsx", options, as_of=pd.Timestamp("2025-02-01"))
    book = openpyxl.load_workbook(tmp_path / "list.xlsx")
    sheet_words = texts.labels("list_sheet", xx)
    assert book.sheetnames[:2] == [sheet_words["summary"], sheet_words["customers"]]
    summary = [[c for c in row if c is not None] for row in book[sheet_words["summary"]].iter_rows(values_only=True)]
    firsts = {row[0] for row in summary if row}
    for key in ("title", "as_of", "exported", "in_list", "control", "offer", "cost", "privacy", "segments"):
        assert sheet_words[key] in firsts, key
    assert list(texts.labels("list_summary_column", xx).values()) in summary
    headers = next(book[sheet_words["customers"]].iter_rows(values_only=True))
    assert texts.label("export_column", "suggested_products", xx) in headers
    assert all(h.startswith("«") for h in headers if h in texts.labels("export_column", xx).values())
    column = headers.index(texts.label("export_column", "suggested_products", xx))
    cells = [row[column] for row in book[sheet_words["customers"]].iter_rows(min_row=2, values_only=True)]
    assert any(" · " in str(c) for c in cells)  # two products joined by the language's separator
