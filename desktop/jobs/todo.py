"""This week's lists as a job: `run(TodoRequest, progress) -> TodoJobResult` (plain values, no Qt), for
the This week view (desktop/ui/views/this_week.py) and anything else that shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.engine.progress import Progress, no_progress

if TYPE_CHECKING:
    from desktop.texts import Message


@dataclass
class TodoRequest:
    analysis: Any                       # desktop.engine.pipeline.Analysis
    days: int = 7
    country: str = "CN"
    language: str = "en"
    limit: int = 20
    ticks: list[dict[str, Any]] = field(default_factory=list)      # a project's contacted ticks
    campaigns: list[Any] = field(default_factory=list)             # campaign records (their control groups)


@dataclass
class TodoJobResult:
    as_of: str
    window_days: int
    value_kind: str                     # 'expected_12m', 'last_12m' or 'none'
    # {kind, title, total, customers: [{customer_id, name, reason, due, value, message}]}
    lists: list[dict[str, Any]]
    left_out: dict[str, int]            # {'contacted': n, 'control': n}
    warnings: list[str]                 # sentences in the request's language
    country: str = "CN"
    consent_excluded: int = 0           # customers left out of every list because they refused marketing
    warning_messages: list[Message] = field(default_factory=list)  # the warnings, for any language

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The engine's TodoResult.to_dict shape (the CLI's JSON); list texts in the request's language."""
        return {"as_of": self.as_of, "window_days": self.window_days, "country": self.country,
                "value_kind": self.value_kind, "lists": self.lists, "left_out": dict(self.left_out),
                "consent_excluded": self.consent_excluded,
                "warnings": [w.to_dict(language) for w in self.warning_messages]}


def run(request: TodoRequest, progress: Progress | None = None) -> TodoJobResult:
    from desktop.engine.ticks import contacted, held_out
    from desktop.engine.todo import todo_of

    progress = progress or no_progress
    progress(0.0, "")  # no words: the app names the work in its own language
    a = request.analysis
    result = todo_of(a, days=request.days, country=request.country, limit=request.limit, language=request.language,
                     contacted=contacted(request.ticks, a.as_of), control=held_out(request.campaigns, a.as_of))
    d = result.to_dict(request.language)
    progress(1.0, "")
    return TodoJobResult(d["as_of"], d["window_days"], d["value_kind"], d["lists"], d["left_out"],
                         [w["message"] for w in d["warnings"]], d["country"], d["consent_excluded"],
                         list(result.warnings))
