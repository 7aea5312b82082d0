"""The monthly report's figures on a shop the test writes: key figures against the same days of last
month, group moves since the end of last month with their 12-month spend, a campaign's results, and
this week's list without the ticked customers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from desktop.engine.campaigns import CampaignRecord
from desktop.engine.pipeline import AnalysisOptions, analyze
from desktop.engine.report import build_report


def _shop(folder: Path) -> Path:
    rows = []
    for c in range(20):  # C00..C09 weekly all along; C10..C19 weekly until 2026-08-27, then silent
        for k, day in enumerate(pd.date_range("2026-03-05", "2026-10-29", freq="7D")):
            if c < 10 or day <= pd.Timestamp("2026-08-27"):
                rows.append((f"o{c}-{k}", f"C{c:02d}", day.date().isoformat(), "Tea", 10.0 * (c + 1)))
    rows.append(("n1", "N1", "2026-10-02", "Tea", 30.0))  # a new customer this month
    rows.append(("u0", "U1", "2026-04-02", "Tea", 50.0))  # once in April, then a big October: moves up
    rows += [(f"u{k}", "U1", f"2026-10-{3 + 5 * k:02d}", "Tea", 400.0) for k in range(1, 6)]
    path = folder / "orders.csv"
    pd.DataFrame(rows, columns=["Order", "Customer", "Date", "Product", "Amount"]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    return analyze(AnalysisOptions([_shop(tmp_path_factory.mktemp("shop"))], as_of=date(2026, 10, 31)))


def test_key_figures_are_this_month_against_last(analysis) -> None:
    r = build_report(analysis)
    fig = {f["key"]: f for f in r.figures}
    lines = analysis.lines
    oct_ = lines[(lines["date"] >= "2026-10-01") & (lines["date"] <= "2026-10-31")]
    sep = lines[(lines["date"] >= "2026-09-01") & (lines["date"] <= "2026-09-30")]
    assert fig["revenue"]["now"] == pytest.approx(oct_["amount"].sum())
    assert fig["revenue"]["before"] == pytest.approx(sep["amount"].sum())
    assert fig["customers"]["now"] == 12 and fig["customers"]["before"] == 10
    assert fig["new_customers"]["now"] == 1
    assert fig["customers"]["change"] == pytest.approx(12 / 10 - 1, abs=1e-4)
    assert r.month == "2026-10" and len(r.months) == 8  # March to October


def test_moves_carry_the_money_at_stake(analysis) -> None:
    moves = build_report(analysis).moves
    up = [m for m in moves if m["spend_12m"] == 2050.0]  # U1: 50 + 5 x 400, the 12-month spend of the move
    assert len(up) == 1 and up[0]["better"] and up[0]["customers"] == 1
    assert up[0]["from"] != up[0]["to"]
    assert "N1" not in str(moves) and all(m["from"] != "not_yet_customer" for m in moves)  # new: a key figure
    assert moves == sorted(moves, key=lambda m: (-(m["spend_12m"] or 0), -m["customers"]))


def test_campaign_results_and_this_weeks_list(analysis) -> None:
    record = CampaignRecord.new([f"C{c:02d}" for c in range(0, 20, 2)], [f"C{c:02d}" for c in range(1, 20, 2)],
                                name="October", as_of="2026-09-30", created=pd.Timestamp("2026-10-01").to_pydatetime())
    r = build_report(analysis, campaigns=[record.to_dict()], contacted={"C09"})
    assert [c["name"] for c in r.campaigns] == ["October"]
    c = r.campaigns[0]
    assert c["contacted"] == 10 and c["control"] == 10
    assert c["response_contacted"] == 0.5 and c["response_control"] == 0.5  # C00..C09 bought, half in each
    ids = [x["customer_id"] for x in r.contacts]
    assert "C09" not in ids and len(ids) == len(set(ids))
    values = [x["value"] or 0 for x in r.contacts]
    assert values == sorted(values, reverse=True)
    assert r.to_dict("zh")["warnings"] == [w.to_dict("zh") for w in r.warnings]
