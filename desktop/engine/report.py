"""The monthly report's figures (Qt-free; desktop/ui/report_pdf.py draws them): key figures of this
month against last month, the months for the trend chart, the groups, who moved between groups this
month with the money at stake, campaign results and this week's list.

"This month" is the month of the analysis date up to that day, against the same days of last month
(trends.py); the movers are the customers whose RFM group changed since the end of last month, with
their spend in the last 12 months; the customers lost this month (90 days without a purchase) are the
money most at stake. Every figure is a plain JSON value; sentences are catalogue Messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from collections.abc import Iterable

import pandas as pd

from ..texts import Message

CHART_MONTHS = 13    # months in the trend chart (this one and the twelve before)
TOP_MOVES = 6        # group moves shown
TOP_CONTACTS = 12    # this week's customers shown


@dataclass
class ReportData:
    as_of: str
    month: str
    files: list[str]
    has_prices: bool
    figures: list[dict[str, Any]]          # {key, now, before, change}
    months: list[dict[str, Any]]           # trends' month rows (the last CHART_MONTHS)
    groups: list[dict[str, Any]]           # {key, name, name_zh, customers, revenue, revenue_share}
    moves: list[dict[str, Any]]            # {from, to, from_name(_zh), to_name(_zh), customers, spend_12m, better}
    lost: dict[str, Any]                   # trends' lost_won: lost / won_new / won_back {count, spend_12m}
    campaigns: list[dict[str, Any]]        # {name, created, contacted, control, response_contacted, ...}
    contacts: list[dict[str, Any]]         # this week: {customer_id, name, kind, reason, due, value}
    value_kind: str
    warnings: list[Message] = field(default_factory=list)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "warnings"}
        out["warnings"] = [w.to_dict(language) for w in self.warnings]
        return out


def build_report(analysis, *, campaigns: Iterable[Any] = (), contacted: Iterable[str] = (),
                 control: Iterable[str] = (), language: str = "en", country: str = "CN") -> ReportData:
    """Everything the monthly report shows for an Analysis (pipeline.py). `campaigns` are campaign
    records (or their dicts) whose results are shown; `contacted` and `control` leave customers out
    of this week's list as `todo` does."""
    from .todo import todo_of
    from .trends import trends_of

    trends = trends_of(analysis)
    compare = trends.compare or {}
    this, before = compare.get("this_month") or {}, compare.get("last_month")
    figures = []
    for key in ("revenue", "orders", "customers", "new_customers", "returning_customers", "repeat_rate"):
        now = this.get(key)
        prev = before.get(key) if before else None
        change = (compare.get("change_vs_last_month") or {}).get(key) if key != "repeat_rate" else (
            round(now - prev, 4) if now is not None and prev is not None else None)
        figures.append({"key": key, "now": now, "before": prev, "change": change})
    todo = todo_of(analysis, country=country, limit=TOP_CONTACTS, language=language, contacted=set(contacted),
                   control=set(control))
    contacts = sorted(({**c, "kind": t["kind"]} for t in todo.to_dict(language)["lists"] for c in t["customers"]),
                      key=lambda c: (-(c["value"] or 0.0), c["due"]))
    unique: list[dict] = []
    seen: set[str] = set()
    for c in contacts:  # each customer once, at their first (most valuable) place
        if c["customer_id"] not in seen:
            seen.add(c["customer_id"])
            unique.append(c)
    return ReportData(
        as_of=analysis.as_of.date().isoformat(), month=str(analysis.as_of.to_period("M")),
        files=[p.name for p in analysis.options.paths], has_prices=analysis.has_prices, figures=figures,
        months=trends.months[-CHART_MONTHS:], groups=_groups(analysis), moves=_moves(analysis),
        lost=trends.lost_won or {}, campaigns=_campaigns(analysis, campaigns),
        contacts=[{k: c.get(k) for k in ("customer_id", "name", "kind", "reason", "due", "value")}
                  for c in unique[:TOP_CONTACTS]],
        value_kind=todo.value_kind, warnings=list(trends.warnings),
    )


def _groups(analysis) -> list[dict[str, Any]]:
    out = []
    for r in analysis.segments.itertuples():
        out.append({"key": str(r.key), "name": str(r.name), "name_zh": str(r.name_zh), "customers": int(r.customers),
                    "revenue": round(float(r.revenue), 2) if analysis.has_prices and pd.notna(r.revenue) else None,
                    "revenue_share": round(float(r.revenue_share), 4) if analysis.has_prices else None})
    return out


def _moves(analysis) -> list[dict[str, Any]]:
    """RFM group moves since the end of last month, biggest money first; `better` says whether the
    move is to a group ranked higher (the RFM model's order: champions first)."""
    from .errors import InputError
    from .segments.migration import NOT_YET, migration
    from .segments.rfm import segment_table
    from .segments.clustering import SegmentSettings

    then = analysis.as_of.to_period("M").start_time - pd.Timedelta(days=1)
    model = int(getattr(analysis.rfm, "model", 11))
    try:
        mig = migration(analysis.lines, "rfm", then=then, now=analysis.as_of, settings=SegmentSettings(rfm_model=model))
    except InputError:  # no purchases before this month: nothing moved
        return []
    if mig.movers.empty:
        return []
    rank = {k: i for i, k in enumerate(segment_table(model))}
    rank[NOT_YET] = len(rank)
    year = analysis.lines[analysis.lines["date"] >= analysis.as_of - pd.Timedelta(days=364)]
    spend = year.groupby("customer_id")["amount"].sum()
    movers = mig.movers.assign(spend=mig.movers["customer_id"].map(spend).fillna(0.0))
    movers = movers[movers["from"] != NOT_YET]  # new customers are counted in the key figures
    out = []
    for (a, b), g in movers.groupby(["from", "to"]):
        out.append({"from": a, "to": b, "from_name": mig.names[a][0], "from_name_zh": mig.names[a][1],
                    "to_name": mig.names[b][0], "to_name_zh": mig.names[b][1], "customers": int(len(g)),
                    "spend_12m": round(float(g["spend"].sum()), 2) if analysis.has_prices else None,
                    "better": rank.get(b, 99) < rank.get(a, 99)})
    out.sort(key=lambda m: (-(m["spend_12m"] or 0.0), -m["customers"]))
    return out[:TOP_MOVES]


def _campaigns(analysis, campaigns: Iterable[Any]) -> list[dict[str, Any]]:
    """Each campaign's response and spend per customer, contacted against the control group, from its
    day to the analysis date (campaigns sent after the analysis date are left out)."""
    from .campaigns import CampaignRecord, campaign_results
    from .errors import InputError

    out = []
    for c in campaigns:
        try:
            record = c if isinstance(c, CampaignRecord) else CampaignRecord.from_dict(dict(c))
            if record.start > analysis.as_of:
                continue
            r = campaign_results(record, analysis.lines, end=analysis.as_of)
        except (InputError, TypeError, ValueError):
            continue
        out.append({"name": record.name or record.campaign_id, "created": record.start.date().isoformat(),
                    "contacted": r.contacted.customers, "control": r.control.customers,
                    "response_contacted": _num(r.contacted.response_rate),
                    "response_control": _num(r.control.response_rate),
                    "spend_contacted": _num(r.contacted.spend_per_customer),
                    "spend_control": _num(r.control.spend_per_customer)})
    return out[-5:]


def _num(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 4)
