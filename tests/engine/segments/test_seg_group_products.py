"""Each group's own best sellers, over-represented categories and message (issue 21, item 8)."""

from __future__ import annotations

import pandas as pd

from desktop.engine import messages
from desktop.engine.export import ExportOptions, build_marketing_list
from desktop.engine.segments import group_products


def _lines() -> tuple[pd.DataFrame, pd.Series]:
    """Tea drinkers (t*) buy Longjing and some Snacks; teaware buyers (w*) buy a Teapot and Snacks."""
    rows = []
    for i in range(6):
        rows += [(f"t{i}", "Longjing", "Tea", 30.0), (f"t{i}", "Jasmine", "Tea", 10.0),
                 (f"t{i}", "Biscuits", "Snacks", 5.0)]
        rows += [(f"w{i}", "Clay teapot", "Teaware", 80.0), (f"w{i}", "Biscuits", "Snacks", 5.0),
                 (f"w{i}", "Cups", "Teaware", 20.0)]
    rows.append(("w0", "Refund", "Teaware", -80.0))
    lines = pd.DataFrame(rows, columns=["customer_id", "product_name", "category", "amount"])
    lines["is_return"] = lines["amount"] < 0
    lines["order_id"] = lines["customer_id"] + "-1"
    labels = pd.Series({**{f"t{i}": "s1" for i in range(6)}, **{f"w{i}": "s2" for i in range(6)}})
    return lines, labels


def test_each_group_has_its_best_sellers_and_over_represented_categories():
    lines, labels = _lines()
    got = group_products.describe(lines, labels)
    tea, ware = got["s1"], got["s2"]
    assert [p["product"] for p in tea["top_products"]] == ["Longjing", "Jasmine", "Biscuits"]
    assert tea["top_products"][0]["customers"] == 6 and tea["top_products"][0]["revenue"] == 180.0
    assert tea["top_categories"][0]["category"] == "Tea" and tea["top_categories"][0]["lift"] > 1.2
    assert ware["top_products"][0]["product"] == "Clay teapot"             # the refund does not count
    # Snacks are 5% of the teaware buyers' spend, less than the shop's 7%: not over-represented.
    assert [c["category"] for c in ware["top_categories"]] == ["Teaware"]
    assert tea["message_template"] == ("Hi {name}, customers like you love our Tea, especially Longjing - "
                                       "enjoy a special offer on your next visit.")
    assert "Longjing" in tea["message_template_zh"] and "{name}" in tea["message_template_zh"]


def test_groups_without_products_or_with_ready_templates():
    lines, labels = _lines()
    bare = lines.drop(columns=["product_name", "category"])
    assert group_products.describe(bare, labels)["s1"]["message_template"] is None
    no_category = group_products.describe(lines.drop(columns=["category"]), labels)["s2"]
    assert no_category["top_categories"] == []
    assert "Clay teapot" in no_category["message_template"]
    rfm = group_products.describe(lines, labels.replace({"s1": "champions"}))["champions"]
    assert rfm["message_template"] == messages.DEFAULT_TEMPLATES["en"]["champions"]
    assert rfm["top_products"][0]["product"] == "Longjing"


def test_owner_template_comes_first_then_the_groups_own():
    own = "Hi {name}, our Tea for you."
    assert group_products.template_for("s1", "en", None, own) == own
    assert group_products.template_for("s1", "en", {"s1": "Mine {name}"}, own) == "Mine {name}"
    assert group_products.template_for("s1", "en", {"generic": "All {name}"}, own) == "All {name}"
    assert group_products.template_for("s1", "en", {"champions": "X"}, own) == own
    assert group_products.template_for("s1", "zh", None, None) == messages.DEFAULT_TEMPLATES["zh"]["generic"]


def test_marketing_list_uses_the_groups_template_when_the_owner_wrote_none():
    lines, labels = _lines()
    own = group_products.describe(lines, labels)
    customers = pd.DataFrame({"segment": labels, "customer_name": [f"N{i}" for i in range(len(labels))]})
    customers.index.name = "customer_id"
    summary = pd.DataFrame([{"key": k, "name": k, "name_zh": k, **v} for k, v in own.items()])
    out = build_marketing_list(customers, summary, ExportOptions())
    assert out.loc["t0", "message"] == ("Hi N0, customers like you love our Tea, especially Longjing - "
                                        "enjoy a special offer on your next visit.")
    mine = build_marketing_list(customers, summary, ExportOptions(templates={"s1": "Dear {name}"}))
    assert mine.loc["t0", "message"] == "Dear N0"
    assert "Clay teapot" in mine.loc["w0", "message"]
