"""RFM segments: recency, frequency and monetary scores 1..5 and the named segments built on them.

Scores are quantile scores in which equal values always share a score: a customer's score is
1 + floor(5 × (number of customers with a strictly worse value) / (number of customers)), so ties are
never broken by row order. Frequency is scored with one-time buyers apart: in most shops more than
half the customers bought once, and quantiles of such a column would be meaningless, so every
one-time buyer gets F = 1 and repeat buyers are scored 2..5 by the same tie-sharing quantiles among
themselves.

Two models:
* 11 named segments (Champions … Lost) from one rule table over all 125 (R, F, M) combinations;
* the 8-class model of Chinese retail CRM software ("important value customers" …), from R, F and M
  each high or low
  against the shop's average (or thresholds the owner sets).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from desktop import texts
from desktop.texts import Message, message

from .words import FIELD_LANGUAGES, fields, label

# key: colour of each segment, in display order. Their names, who they are and what to do with them
# are the catalogue's LABELS groups segment_name, segment_profile and segment_action (desktop/texts).
SEGMENTS_11: dict[str, str] = {
    "champions": "#1b7837",
    "loyal": "#5aae61",
    "potential_loyalist": "#a6dba0",
    "new": "#4393c3",
    "promising": "#92c5de",
    "need_attention": "#fee090",
    "about_to_sleep": "#fdae61",
    "at_risk": "#f46d43",
    "cant_lose": "#d73027",
    "hibernating": "#bababa",
    "lost": "#878787",
}

SEGMENTS_8: dict[str, str] = {
    "important_value": "#1b7837",
    "important_develop": "#4393c3",
    "important_keep": "#fdae61",
    "important_retain": "#d73027",
    "general_value": "#5aae61",
    "general_develop": "#92c5de",
    "general_keep": "#fee090",
    "general_retain": "#bababa",
}

# R (rows, 5 = most recent) × FM (columns, FM = round-half-up of (F + M) / 2) -> segment.
_GRID_11 = {
    5: ["promising", "potential_loyalist", "potential_loyalist", "champions", "champions"],
    4: ["promising", "potential_loyalist", "potential_loyalist", "loyal", "champions"],
    3: ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
    2: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
    1: ["lost", "lost", "hibernating", "at_risk", "cant_lose"],
}


def _rule_11(r: int, f: int, m: int) -> str:
    if f == 1 and r == 5:
        return "new"  # one purchase, very recent
    if f == 1 and r == 4:
        return "promising"
    fm = int(np.floor((f + m) / 2 + 0.5))
    return _GRID_11[r][fm - 1]


RULE_TABLE_11: dict[tuple[int, int, int], str] = {
    (r, f, m): _rule_11(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)
}

RULE_TEXT_11 = [
    ("F = 1 and R = 5", "new"),
    ("F = 1 and R = 4", "promising"),
    ("otherwise, by R and FM = (F + M) / 2 rounded half up:", ""),
] + [(f"R = {r}, FM = {fm}", _GRID_11[r][fm - 1]) for r in range(5, 0, -1) for fm in range(1, 6)]


@dataclass
class RFMThresholds:
    """The value ranges behind each score, to show the owner what a score means."""

    recency: list[tuple[int, float, float]]  # (score, lowest days, highest days)
    frequency: list[tuple[int, float, float]]
    monetary: list[tuple[int, float, float]]

    def to_dict(self) -> dict:
        def rows(v):
            # Sums of amounts carry float noise (4.833000000000001); two decimals are what a person reads.
            return [{"score": s, "min": round(lo, 2), "max": round(hi, 2)} for s, lo, hi in v]

        return {"recency_days": rows(self.recency), "frequency": rows(self.frequency), "monetary": rows(self.monetary)}


def tie_sharing_scores(values: pd.Series, higher_is_better: bool = True, n: int = 5) -> pd.Series:
    """Quantile scores 1..n in which equal values get equal scores (see module docstring)."""
    v = values.astype("float64")
    if not higher_is_better:
        v = -v
    if len(v) == 0:
        return pd.Series(dtype="int64", index=values.index)
    below = v.rank(method="min") - 1  # customers with a strictly lower value
    score = 1 + np.floor(n * below / len(v)).astype("int64")
    return score.clip(1, n).astype("int64")


def score_frequency(freq: pd.Series) -> pd.Series:
    """F scores: one-time buyers get 1; repeat buyers 2..5 by tie-sharing quantiles among themselves."""
    out = pd.Series(1, index=freq.index, dtype="int64")
    repeat = freq > 1
    if repeat.any():
        out[repeat] = 1 + tie_sharing_scores(freq[repeat], True, 4)
    return out


# Short histories: recency against fixed day bands instead of the shop's quantiles (score: at most days)
RECENCY_BANDS: tuple[tuple[int, int], ...] = ((5, 30), (4, 60), (3, 90), (2, 180))
SHORT_HISTORY_DAYS = 60      # a history shorter than this is short ...
SHORT_HISTORY_GAPS = 2.0     # ... and so is one shorter than this many usual gaps between orders


def history_span(customers: pd.DataFrame) -> tuple[int, float]:
    """Return (days of history: the longest time a customer has been known, the usual gap in days
    between a repeat customer's orders: the median of (tenure - recency) / (orders - 1); NaN without
    repeat customers)."""
    if len(customers) == 0 or "tenure_days" not in customers.columns:
        return 0, float("nan")
    history = int(customers["tenure_days"].max()) + 1
    repeat = customers["frequency"] > 1
    if not repeat.any():
        return history, float("nan")
    gaps = (customers.loc[repeat, "tenure_days"] - customers.loc[repeat, "recency_days"]) \
        / (customers.loc[repeat, "frequency"] - 1)
    return history, float(np.median(gaps))


def needed_days(gap: float) -> int:
    """Days of history the shop's own recency quantiles need: SHORT_HISTORY_DAYS and a few usual gaps."""
    return max(SHORT_HISTORY_DAYS, int(np.ceil(SHORT_HISTORY_GAPS * gap)) if np.isfinite(gap) else 0)


def fixed_recency_scores(recency_days: pd.Series) -> pd.Series:
    """R scores from RECENCY_BANDS: a purchase in the last 30 days is 5, ... more than 180 days ago 1."""
    out = pd.Series(1, index=recency_days.index, dtype="int64")
    for score, days in reversed(RECENCY_BANDS):
        out[recency_days <= days] = score
    return out


def has_spend(customers: pd.DataFrame) -> bool:
    """False when spend is unknown (a file without prices): M then follows F (see score_rfm)."""
    return bool(customers["monetary"].notna().any()) if len(customers) else True


def score_rfm(customers: pd.DataFrame, fixed_recency: bool = False) -> pd.DataFrame:
    """Return r_score, f_score, m_score (1..5) for each customer. Without prices (spend unknown) the M
    score repeats the F score, so both models group by recency and frequency only: in the 11-segment
    model FM = F, in the 8-class model "high spend" means "high frequency". With `fixed_recency` R
    comes from fixed day bands (short histories) instead of the shop's quantiles."""
    f_score = score_frequency(customers["frequency"])
    m_score = (tie_sharing_scores(customers["monetary"], higher_is_better=True) if has_spend(customers)
               else f_score.copy())
    return pd.DataFrame({
        "r_score": fixed_recency_scores(customers["recency_days"]) if fixed_recency
        else tie_sharing_scores(customers["recency_days"], higher_is_better=False),
        "f_score": f_score,
        "m_score": m_score,
    }, index=customers.index)


def thresholds(customers: pd.DataFrame, scores: pd.DataFrame) -> RFMThresholds:
    """The range of values each score covers in this shop."""
    def ranges(col: str, score: str) -> list[tuple[int, float, float]]:
        g = customers[col].groupby(scores[score]).agg(["min", "max"])
        return [(int(s), float(r["min"]), float(r["max"])) for s, r in g.iterrows()]

    return RFMThresholds(ranges("recency_days", "r_score"), ranges("frequency", "f_score"),
                         ranges("monetary", "m_score"))


@dataclass
class EightClassThresholds:
    """Cut-offs of the 8-class model: recent when recency_days <= recency_days_max, high F when
    frequency >= frequency_min, high M when monetary >= monetary_min."""

    recency_days_max: float
    frequency_min: float
    monetary_min: float

    @classmethod
    def from_averages(cls, customers: pd.DataFrame) -> EightClassThresholds:
        """The usual choice: each measure against the shop's average customer."""
        return cls(float(customers["recency_days"].mean()), float(customers["frequency"].mean()),
                   float(customers["monetary"].mean()))

    def to_dict(self) -> dict:
        # Averages carry float noise (4.833000000000001); two decimals are what a person reads.
        return {"recency_days_max": round(self.recency_days_max, 2),
                "frequency_min": round(self.frequency_min, 2),
                "monetary_min": round(self.monetary_min, 2)}


def assign_8(customers: pd.DataFrame, cut: EightClassThresholds | None = None) -> pd.Series:
    """Return the 8-class segment key of every customer."""
    cut = cut or EightClassThresholds.from_averages(customers)
    recent = customers["recency_days"] <= cut.recency_days_max
    high_f = customers["frequency"] >= cut.frequency_min
    high_m = customers["monetary"] >= cut.monetary_min if has_spend(customers) else high_f
    key = np.select(
        [recent & high_f & high_m, recent & ~high_f & high_m, ~recent & high_f & high_m, ~recent & ~high_f & high_m,
         recent & high_f & ~high_m, recent & ~high_f & ~high_m, ~recent & high_f & ~high_m],
        ["important_value", "important_develop", "important_keep", "important_retain",
         "general_value", "general_develop", "general_keep"],
        default="general_retain",
    )
    return pd.Series(key, index=customers.index, dtype="object")


def segment_table(model: int) -> dict[str, str]:
    """The segments of the 11- or 8-class model, in display order: key -> colour (their words are
    the catalogue's segment_name, segment_profile and segment_action labels)."""
    return SEGMENTS_11 if model == 11 else SEGMENTS_8


@dataclass
class RFMResult:
    customers: pd.DataFrame  # input columns + r_score f_score m_score segment segment_name segment_name_zh
    summary: pd.DataFrame
    thresholds: RFMThresholds
    eight_class: EightClassThresholds | None
    model: int
    provisional: bool = False  # the history is short: recency scored against fixed day bands
    warnings: list[Message] = field(default_factory=list)


def apply_rfm(customers: pd.DataFrame, model: int = 11, eight_cut: EightClassThresholds | None = None) -> RFMResult:
    """Score every customer and give each a segment of the chosen model (11 or 8).

    On a history shorter than a few usual gaps between orders (or than SHORT_HISTORY_DAYS), the
    shop's own recency quantiles would call a customer who bought 6 days ago "Lost": recency is then
    scored against fixed day bands, the groups are provisional and a warning says so (the 8-class
    model's "recent" becomes the first band, 30 days, unless the owner set the cut-off)."""
    history, gap = history_span(customers)
    need = needed_days(gap)
    short = 0 < history < need
    scores = score_rfm(customers, fixed_recency=short)
    warnings = [message("rfm_short_history", days=history, need_days=need)] if short else []
    if short and model == 8 and eight_cut is None:
        eight_cut = EightClassThresholds.from_averages(customers)
        eight_cut.recency_days_max = float(RECENCY_BANDS[0][1])
    out = customers.copy()
    out[["r_score", "f_score", "m_score"]] = scores
    cut = None
    if model == 11:
        keys = [RULE_TABLE_11[(r, f, m)] for r, f, m in zip(scores["r_score"], scores["f_score"], scores["m_score"])]
        out["segment"] = pd.Series(keys, index=out.index, dtype="object")
    elif model == 8:
        cut = eight_cut or EightClassThresholds.from_averages(customers)
        out["segment"] = assign_8(customers, cut)
    else:
        raise ValueError(f"unknown RFM model {model}")
    table = segment_table(model)
    for suffix, language in FIELD_LANGUAGES.items():
        shown = {key: texts.label("segment_name", key, language) for key in table}
        out["segment_name" + suffix] = out["segment"].map(shown)
    return RFMResult(out, summarize_segments(out, table), thresholds(customers, scores), cut, model,
                     provisional=short, warnings=warnings)


def summarize_segments(customers: pd.DataFrame, table: dict) -> pd.DataFrame:
    """One row per segment of `table` (in its order, empty ones included): size, revenue and texts."""
    total_customers = max(1, len(customers))
    total_revenue = float(customers["monetary"].clip(lower=0).sum()) or 1.0
    g = customers.groupby("segment", observed=True)
    stats = pd.DataFrame({
        "customers": g.size(),
        "revenue": g["monetary"].sum(),
        "avg_spend": g["monetary"].mean(),
        "median_recency": g["recency_days"].median(),
        "median_frequency": g["frequency"].median(),
    })
    rows = []
    for key, colour in table.items():
        s = stats.loc[key] if key in stats.index else None
        n = int(s["customers"]) if s is not None else 0
        revenue = float(s["revenue"]) if s is not None else 0.0
        rows.append({
            "key": key, **fields("name", label("segment_name", key)),
            "customers": n, "share": n / total_customers,
            "revenue": revenue, "revenue_share": max(revenue, 0.0) / total_revenue,
            "avg_spend": float(s["avg_spend"]) if s is not None else np.nan,
            "median_recency": float(s["median_recency"]) if s is not None else np.nan,
            "median_frequency": float(s["median_frequency"]) if s is not None else np.nan,
            **fields("profile", label("segment_profile", key)), **fields("action", label("segment_action", key)),
            "colour": colour,
        })
    return pd.DataFrame(rows)
