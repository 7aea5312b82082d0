"""VIP tiers (optional for the owner): member, silver, gold and platinum by spend over the last 12
months (net of returns, up to and including the analysis date).

Thresholds are the owner's (`TierThresholds`), or by default from the shop's own distribution: of the
customers who spent something in the last 12 months, the top half is silver or better, the top 20%
gold or better and the top 5% platinum; the cuts are rounded to two significant figures (1,187.43 ->
1,200) so they read like a shop's rules. A customer's tier at the end of last month (same thresholds,
12 months up to that day) tells who moved up or down this month; `to_next` is what they must spend
to reach the next tier ("spend 120 more to reach Gold"). A file without prices has no tiers (a
warning says so).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import texts
from ..texts import Message, message
from .errors import InputError

TIERS = ("member", "silver", "gold", "platinum")
DEFAULT_SHARES = {"silver": 0.50, "gold": 0.20, "platinum": 0.05}  # top share of spending customers
YEAR = pd.Timedelta(days=365)


@dataclass(frozen=True)
class TierThresholds:
    """The 12-month spend from which a customer is silver, gold and platinum."""

    silver: float
    gold: float
    platinum: float

    def __post_init__(self) -> None:
        values = (self.silver, self.gold, self.platinum)
        if not all(isinstance(v, (int, float)) and math.isfinite(v) and v > 0 for v in values) \
                or not self.silver < self.gold < self.platinum:
            raise InputError("tiers_thresholds_invalid", values=_shown(values))

    def to_dict(self) -> dict[str, float]:
        return {"silver": self.silver, "gold": self.gold, "platinum": self.platinum}

    @classmethod
    def parse(cls, text: str, option: str = "--tiers") -> TierThresholds:
        """'500,2000,5000' (silver, gold, platinum) as thresholds; InputError naming `option` otherwise."""
        parts = [p.strip().replace("¥", "").replace("£", "").replace("$", "") for p in str(text).split(",")]
        try:
            values = [float(p.replace("_", "")) for p in parts]
        except ValueError:
            values = []
        if len(values) != 3:
            raise InputError("tiers_thresholds_unreadable", option=option, text=repr(text))
        return cls(*values)


def _shown(values: tuple) -> str:
    return ", ".join(str(v) for v in values)


def tier_key(value: str) -> str:
    """A tier named by its key or its label in any catalogue language ('Gold') as its key."""
    wanted = str(value).strip().lower()
    for key in TIERS:
        if wanted == key or any(wanted == texts.label("tier", key, lang).lower() for lang in texts.LANGUAGES):
            return key
    return wanted


def tier_label(key: Any, language: str = "en") -> Any:
    if key not in TIERS:
        return key
    return texts.label("tier", key, "zh" if language.startswith("zh") else language)


def _nice(value: float) -> float:
    """Two significant figures: 1187.43 -> 1200, 48.6 -> 49."""
    if value <= 0:
        return 1.0
    digits = int(math.floor(math.log10(value))) - 1
    return float(round(value / 10 ** digits) * 10 ** digits)


@dataclass
class TierResult:
    thresholds: TierThresholds | None
    source: str                     # 'owner', 'shop' (from the distribution) or 'none' (no prices)
    as_of: pd.Timestamp
    since: pd.Timestamp             # the day last month's tiers are taken at
    table: pd.DataFrame             # per customer: spend_12m, tier, previous_tier, next_tier, to_next
    warnings: list[Message] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found = self.table["tier"].value_counts()
        return {t: int(found.get(t, 0)) for t in TIERS}

    def movers(self, direction: str) -> pd.DataFrame:
        rank = {t: i for i, t in enumerate(TIERS)}
        now = self.table["tier"].map(rank)
        before = self.table["previous_tier"].map(rank)  # NaN for customers new this month: not movers
        moved = self.table[((now > before) if direction == "up" else (now < before)) & before.notna()]
        return moved.sort_values("spend_12m", ascending=False, kind="stable")

    def to_dict(self, language: str = "en", customers: bool = False, limit: int = 50) -> dict[str, Any]:
        def row(cid: Any, r: pd.Series) -> dict[str, Any]:
            return {"customer_id": str(cid), "tier": r["tier"], "previous_tier": r["previous_tier"],
                    "spend_12m": None if pd.isna(r["spend_12m"]) else round(float(r["spend_12m"]), 2),
                    "next_tier": r["next_tier"],
                    "to_next": None if pd.isna(r["to_next"]) else round(float(r["to_next"]), 2)}

        out: dict[str, Any] = {
            "as_of": self.as_of.date().isoformat(), "since": self.since.date().isoformat(),
            "thresholds": self.thresholds.to_dict() if self.thresholds else None, "source": self.source,
            "tiers": [{"tier": t, "name": tier_label(t, language), "customers": n} for t, n in self.counts().items()],
            "moved_up": [row(c, r) for c, r in self.movers("up").head(limit).iterrows()],
            "moved_down": [row(c, r) for c, r in self.movers("down").head(limit).iterrows()],
            "moved_up_count": int(len(self.movers("up"))), "moved_down_count": int(len(self.movers("down"))),
            "warnings": [w.to_dict(language) for w in self.warnings],
        }
        if customers:
            out["customers"] = [row(c, r) for c, r in self.table.iterrows()]
        return out


def spend_12m(lines: pd.DataFrame, ids: pd.Index, day: pd.Timestamp) -> pd.Series:
    """Net spend per customer in the 365 days up to and including `day` (0 for none)."""
    end = day + pd.Timedelta(days=1)
    year = lines[(lines["date"] >= end - YEAR) & (lines["date"] < end)]
    return year.groupby("customer_id")["amount"].sum().reindex(ids).fillna(0.0).astype(float)


def default_thresholds(spend: pd.Series) -> TierThresholds | None:
    """Silver, gold and platinum from the shop's own distribution of 12-month spend (None with fewer
    than 20 spending customers or too few distinct amounts to tell tiers apart)."""
    spending = spend[spend > 0]
    if len(spending) < 20:
        return None
    cuts = [_nice(float(spending.quantile(1.0 - DEFAULT_SHARES[t]))) for t in ("silver", "gold", "platinum")]
    if not cuts[0] < cuts[1] < cuts[2]:
        return None
    return TierThresholds(*cuts)


def _tier_of(spend: pd.Series, t: TierThresholds) -> pd.Series:
    values = spend.to_numpy(dtype=float)
    index = np.searchsorted([t.silver, t.gold, t.platinum], values, side="right")
    return pd.Series(np.asarray(TIERS, dtype=object)[index], index=spend.index)


def assign_tiers(lines: pd.DataFrame, ids: pd.Index, as_of: Any, thresholds: TierThresholds | None = None,
                 has_prices: bool = True) -> TierResult:
    """Each customer's tier at `as_of`, at the end of last month, the next tier and what it takes."""
    as_of = pd.Timestamp(as_of).normalize()
    since = as_of.replace(day=1) - pd.Timedelta(days=1)
    spend = spend_12m(lines, ids, as_of)
    table = pd.DataFrame({"spend_12m": spend}, index=ids)
    warnings: list[Message] = []
    source = "owner" if thresholds is not None else "shop"
    if not has_prices or (len(lines) and lines["amount"].isna().all()):
        thresholds, source = None, "none"
        warnings.append(message("tiers_no_prices"))
        table["spend_12m"] = np.nan
    elif thresholds is None:
        thresholds = default_thresholds(spend)
        if thresholds is None:
            source = "none"
            warnings.append(message("tiers_too_few", customers=int((spend > 0).sum())))
    if thresholds is None:
        for col in ("tier", "previous_tier", "next_tier"):
            table[col] = None
        table["to_next"] = np.nan
        return TierResult(None, source, as_of, since, table, warnings)
    table["tier"] = _tier_of(spend, thresholds)
    before = _tier_of(spend_12m(lines, ids, since), thresholds)
    first = lines.groupby("customer_id")["date"].min().reindex(ids)
    known = first.to_numpy() < since + pd.Timedelta(days=1)  # customers new this month had no tier then
    table["previous_tier"] = pd.Series([t if k else None for t, k in zip(before, known)], index=ids, dtype=object)
    cuts = dict(zip(TIERS[1:], (thresholds.silver, thresholds.gold, thresholds.platinum)))
    nxt = [TIERS[TIERS.index(t) + 1] if t != TIERS[-1] else None for t in table["tier"]]
    table["next_tier"] = pd.Series(nxt, index=table.index, dtype=object)
    table["to_next"] = [round(cuts[n] - s, 2) if n else np.nan for n, s in zip(nxt, table["spend_12m"])]
    return TierResult(thresholds, source, as_of, since, table, warnings)


def tiers_of(analysis, thresholds: TierThresholds | None = None) -> TierResult:
    """Tiers for an Analysis (pipeline.py) at its analysis date."""
    lines = analysis.lines[analysis.lines["date"] < analysis.as_of + pd.Timedelta(days=1)]
    return assign_tiers(lines, analysis.customers.index, analysis.as_of, thresholds, analysis.has_prices)


def reach_sentence(row: pd.Series, language: str = "en") -> str | None:
    """'Spend 120 more to reach Gold' for a customer row of TierResult.table (None at the top)."""
    if row.get("next_tier") is None or pd.isna(row.get("to_next")):
        return None
    amount = round(float(row["to_next"]), 2)
    return message("tiers_to_next", amount=int(amount) if amount.is_integer() else amount, tier=row["next_tier"],
                   tier_name=row["next_tier"]).text(language)
