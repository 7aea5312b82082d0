"""VIP tiers by 12-month spend: owner's and default thresholds, movers this month, what it takes to
reach the next tier, and files without prices."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop.engine.errors import InputError
from desktop.engine.tiers import (TierThresholds, assign_tiers, default_thresholds, reach_sentence, tier_key,
                                  tier_label)

AS_OF = pd.Timestamp("2026-09-10")


def _lines(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["is_return"] = frame["amount"] < 0
    return frame


def test_owner_thresholds_place_movers_and_the_way_up() -> None:
    lines = _lines([
        ("up", "2026-03-01", 400.0), ("up", "2026-09-05", 700.0),        # gold this month, silver at 31 Aug
        ("down", "2025-09-05", 900.0), ("down", "2026-02-01", 200.0),    # 1100 at 31 Aug (gold), 200 now
        ("old", "2024-01-01", 9000.0),                                   # older than 12 months: member
        ("ret", "2026-05-01", 600.0), ("ret", "2026-06-01", -150.0),     # net of the return: silver
        ("new", "2026-09-08", 6000.0),                                   # new this month: no move
    ])
    ids = pd.Index(["up", "down", "old", "ret", "new"])
    result = assign_tiers(lines, ids, AS_OF, TierThresholds(300, 1000, 5000))
    t = result.table
    assert result.since == pd.Timestamp("2026-08-31") and result.source == "owner"
    assert t["tier"].to_dict() == {"up": "gold", "down": "member", "old": "member", "ret": "silver", "new": "platinum"}
    assert t.loc["up", "previous_tier"] == "silver" and t.loc["down", "previous_tier"] == "gold"
    assert t.loc["new", "previous_tier"] is None
    assert list(result.movers("up").index) == ["up"] and list(result.movers("down").index) == ["down"]
    assert t.loc["ret", "spend_12m"] == 450.0
    assert t.loc["ret", "next_tier"] == "gold" and t.loc["ret", "to_next"] == 550.0
    assert pd.isna(t.loc["new", "to_next"]) and t.loc["new", "next_tier"] is None
    assert reach_sentence(t.loc["ret"]) == "spend 550 more to reach Gold"
    assert "金卡" in reach_sentence(t.loc["ret"], "zh")
    d = result.to_dict()
    assert d["moved_up_count"] == 1 and d["moved_down_count"] == 1
    assert {x["tier"]: x["customers"] for x in d["tiers"]} == {"member": 2, "silver": 1, "gold": 1, "platinum": 1}


def test_default_thresholds_follow_the_shops_own_spread() -> None:
    spend = pd.Series([float(v) for v in range(1, 101)] + [0.0] * 30)  # 100 spenders 1..100, 30 silent
    t = default_thresholds(spend)
    assert (t.silver, t.gold, t.platinum) == (50.0, 80.0, 95.0)  # top 50%, 20%, 5% of the spenders
    big = default_thresholds(spend * 1187.43)
    assert big.silver == 60000.0 and big.gold == 95000.0  # two significant figures
    assert default_thresholds(pd.Series([10.0] * 5)) is None  # too few to set tiers from
    assert default_thresholds(pd.Series([10.0] * 50)) is None  # one amount: no tiers to tell apart


def test_too_few_customers_and_no_prices_give_no_tiers_and_say_why() -> None:
    lines = _lines([("a", "2026-09-01", 10.0), ("b", "2026-09-02", 20.0)])
    result = assign_tiers(lines, pd.Index(["a", "b"]), AS_OF)
    assert result.thresholds is None and result.table["tier"].isna().all()
    assert [w.code for w in result.warnings] == ["tiers_too_few"]
    priceless = lines.assign(amount=float("nan"))
    result = assign_tiers(priceless, pd.Index(["a", "b"]), AS_OF, TierThresholds(1, 2, 3))
    assert result.source == "none" and [w.code for w in result.warnings] == ["tiers_no_prices"]


@pytest.mark.parametrize("text", ["500,200,5000", "500,2000", "a,b,c", "0,1,2", "nan,1,2", "1,2,inf"])
def test_wrong_thresholds_are_one_sentence(text) -> None:
    with pytest.raises(InputError) as info:
        TierThresholds.parse(text)
    assert "silver" in str(info.value) and info.value.zh


def test_tier_names_in_both_languages() -> None:
    assert TierThresholds.parse("¥500, 2000, 5_000") == TierThresholds(500, 2000, 5000)
    assert tier_key("金卡") == tier_key("Gold") == "gold"
    assert tier_label("platinum", "zh") == "白金卡" and tier_label("silver") == "Silver"
