"""Checks of implausible figures (engine/checks.py): each gives a warning on a small file that shows it,
and none on a plausible shop."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.engine import checks
from desktop.engine.pipeline import AnalysisOptions, analyze


def write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def codes(a) -> list[str]:
    return [w.code for w in a.warnings]


def plausible_rows() -> list[str]:
    # 30 customers, each 1-3 orders of similar size
    return [f"O{c}-{k},2024-0{1 + k}-{1 + c % 27:02d},C{c},{10 + (c * 7 + k) % 13}"
            for c in range(30) for k in range(1 + c % 3)]


def test_a_plausible_shop_gives_no_warning(tmp_path: Path) -> None:
    a = analyze(AnalysisOptions([write(tmp_path / "o.csv", "Order,Date,Customer,Amount", plausible_rows())]))
    assert a.warnings == [] and a.checks == []


def test_fewer_orders_than_customers(tmp_path: Path) -> None:
    # the "order" column holds a number shared by many customers (a date-time is never taken as the order)
    rows = [f"R{1 + c % 3},2024-01-0{1 + c % 3},C{c},10" for c in range(12)]
    a = analyze(AnalysisOptions([write(tmp_path / "o.csv", "Order,Date,Customer,Amount", rows)]))
    w = next(w for w in a.warnings if w.code == "fewer_orders_than_customers")
    assert w.params == {"orders": 3, "customers": 12}


def test_one_customer_with_most_of_the_revenue(tmp_path: Path) -> None:
    rows = plausible_rows() + ["BIG1,2024-03-03,C0,5000"]
    a = analyze(AnalysisOptions([write(tmp_path / "o.csv", "Order,Date,Customer,Amount", rows)]))
    w = next(w for w in a.warnings if w.code == "top_customer_share")
    assert w.params["customer_id"] == "C0" and w.params["share"] > 0.5
    # the same line is also one line holding most of the revenue, named by its file row
    line = next(w for w in a.warnings if w.code == "one_line_dominates")
    assert line.params["row"] == len(rows) + 1 and line.params["file"] == "o.csv"
    assert line.params["amount"] == pytest.approx(5000)


def test_one_line_check_needs_a_few_lines() -> None:
    import pandas as pd

    two = pd.DataFrame({"amount": [5.0, 900.0], "source_file": "o.csv", "source_sheet": "", "source_row": [2, 3]})
    assert checks.one_line_dominates(two) is None
    three = pd.concat([two, two.iloc[:1]], ignore_index=True)
    assert checks.one_line_dominates(three).params["row"] == 3


def test_no_repeat_buyers(tmp_path: Path) -> None:
    # the "customer" column is really a receipt number: every id buys once
    rows = [f"R{i},2024-02-{1 + i % 27:02d},{10 + i % 7}" for i in range(40)]
    a = analyze(AnalysisOptions([write(tmp_path / "o.csv", "Customer,Date,Amount", rows)]))
    w = next(w for w in a.warnings if w.code == "no_repeat_buyers")
    assert w.params == {"customers": 40}
    # its own sentence (a second catalogue entry under the same code once replaced it)
    assert "40" in w.text("en") and "40" in w.text("zh") and "{" not in w.text("en")


def test_few_one_time_customers_are_plausible() -> None:
    import pandas as pd

    small = pd.DataFrame({"frequency": [1] * (checks.NO_REPEAT_MIN_CUSTOMERS - 1)})
    assert checks.no_repeat_buyers(small) is None
    assert checks.no_repeat_buyers(pd.DataFrame({"frequency": [1] * 30 + [2]})) is None


def test_walk_in_warning_names_the_id_lines_and_revenue(tmp_path: Path) -> None:
    rows = [f"O{i},2024-01-{1 + i % 20:02d},{'0' if i % 2 else f'C{i % 7}'},4" for i in range(40)]
    a = analyze(AnalysisOptions([write(tmp_path / "o.csv", "Order,Date,Customer,Amount", rows)]))
    w = next(w for w in a.warnings if w.code == "walk_in")
    assert w.params == {"customer_id": "0", "lines": 20, "revenue": 80.0}
    assert "'0'" in w.text("en") and "80.00" in w.text("en") and "散客" in w.text("zh")
    # the walk-in id is not a customer, so it cannot be the customer with most of the revenue
    assert "top_customer_share" not in codes(a)


def test_money_checks_are_skipped_without_prices(tmp_path: Path) -> None:
    rows = [f"C{i % 25},2024-01-{1 + i % 27:02d},Rice" for i in range(60)]
    a = analyze(AnalysisOptions([write(tmp_path / "m.csv", "Member,Date,Item", rows)]))
    period = a.lines
    assert checks.top_customer_share(period) is None and checks.one_line_dominates(period) is None
    # 27 days of history: the RFM groups are provisional too (issue 17)
    assert codes(a) == ["no_prices", "rfm_short_history"]


def test_analyze_json_lists_every_warning_in_one_list(tmp_path: Path) -> None:
    rows = [f"O{i},2024-01-{1 + i % 20:02d},{'guest' if i % 2 else 'C1'},4" for i in range(40)]
    a = analyze(AnalysisOptions([write(tmp_path / "o.csv", "Order,Date,Customer,Amount", rows)]))
    listed = a.to_json()["warnings"]
    assert [w["code"] for w in listed] == ([w.code for w in a.report.warnings] + [w.code for w in a.checks]
                                           + [w.code for w in a.rfm.warnings])  # issue 17: 20 days, provisional
    assert any(w["code"] == "walk_in" and w["customer_id"] == "guest" for w in listed)
    assert all(set(w) >= {"code", "message"} for w in listed)
