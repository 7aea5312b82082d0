"""Trends as a job: `run(TrendsRequest, progress) -> TrendsJobResult` (plain values, no Qt), for the
Trends view (desktop/ui/views/trends_view.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.engine.progress import Progress, no_progress

if TYPE_CHECKING:
    from desktop.texts import Message


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
    revenue_basis: str = "identified_customers"
    lapse_days: int = 90                # no purchase for this many days: lost
    warning_messages: list[Message] = field(default_factory=list)  # the warnings, for any language

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The engine's TrendsResult.to_dict shape (the CLI's JSON), warnings in `language`."""
        return {"as_of": self.as_of, "revenue_basis": self.revenue_basis, "has_prices": self.has_prices,
                "lapse_days": self.lapse_days, "months": self.months, "cohorts": self.cohorts,
                "compare": self.compare, "lost_won": self.lost_won,
                "warnings": [w.to_dict(language) for w in self.warning_messages]}


def run(request: TrendsRequest, progress: Progress | None = None) -> TrendsJobResult:
    from desktop.engine.trends import trends_of

    progress = progress or no_progress
    progress(0.0, "")  # no words: the app names the work in its own language
    result = trends_of(request.analysis)
    d = result.to_dict(request.language)
    progress(1.0, "")
    return TrendsJobResult(d["as_of"], d["has_prices"], d["months"], d["cohorts"], d["compare"] or {},
                           d["lost_won"] or {}, [w["message"] for w in d["warnings"]], d["revenue_basis"],
                           d["lapse_days"], list(result.warnings))
