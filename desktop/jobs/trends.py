"""Trends as a job: `run(TrendsRequest, progress) -> TrendsJobResult` (plain values, no Qt), for the
Trends view (desktop/ui/views/trends_view.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.engine.progress import Progress, no_progress


@dataclass
class TrendsRequest:
    analysis: Any                       # desktop.engine.pipeline.Analysis
    language: str = "en"


@dataclass
class TrendsJobResult:
    as_of: str
    has_prices: bool
    # {month, revenue, orders, customers, new_customers, returning_customers, repeat_rate, ...}
    months: list[dict[str, Any]]
    cohorts: list[dict[str, Any]]       # {cohort, customers, retention: [1.0, ...]}
    compare: dict[str, Any]             # this_month, last_month, last_year, change_vs_last_month, change_vs_last_year
    lost_won: dict[str, Any]            # month, lost, won_new, won_back: {count, spend_12m, top}
    warnings: list[str]


def run(request: TrendsRequest, progress: Progress | None = None) -> TrendsJobResult:
    from desktop.engine.trends import trends_of

    progress = progress or no_progress
    progress(0.0, "")  # no words: the app names the work in its own language
    d = trends_of(request.analysis).to_dict(request.language)
    progress(1.0, "")
    return TrendsJobResult(d["as_of"], d["has_prices"], d["months"], d["cohorts"], d["compare"] or {},
                           d["lost_won"] or {}, [w["message"] for w in d["warnings"]])
