"""The filter builder as a job: `run(FilterRequest, progress) -> FilterJobResult` (plain values, no
Qt). A mistake in the expression is part of the result (`error`, one sentence naming the position in
the request's language), not an exception: the view shows it while the owner types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.engine.progress import Progress, no_progress

if TYPE_CHECKING:
    from desktop.texts import Message


@dataclass
class FilterRequest:
    analysis: Any                       # desktop.engine.pipeline.Analysis
    expression: str
    language: str = "en"
    predictions: Any = None             # a prediction table already worked out (else computed when needed)
    raise_errors: bool = False          # True: a mistake in the expression raises InputError (the CLI's exit 2)


@dataclass
class FilterJobResult:
    expression: str
    count: int
    customer_ids: list[str]
    total: int                          # customers in the analysis
    error: str | None = None            # the sentence saying what is wrong with the expression
    warnings: list[str] = field(default_factory=list)
    warning_messages: list[Message] = field(default_factory=list)  # the warnings, for any language

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The engine's FilterResult.to_dict shape (the CLI's JSON `where`)."""
        return {"expression": self.expression, "customers": self.count,
                "warnings": [w.to_dict(language) for w in self.warning_messages]}


def run(request: FilterRequest, progress: Progress | None = None) -> FilterJobResult:
    from desktop.engine.errors import InputError, message_for
    from desktop.engine.filters import FilterData, filter_customers

    progress = progress or no_progress
    total = int(len(request.analysis.customers))
    if not request.expression.strip() and not request.raise_errors:
        return FilterJobResult(request.expression, 0, [], total)
    data = FilterData.of(request.analysis)
    data.predictions = request.predictions
    try:
        found = filter_customers(data, request.expression)
    except InputError as exc:
        if request.raise_errors:
            raise
        return FilterJobResult(request.expression, 0, [], total, message_for(exc, request.language.startswith("zh")))
    progress(1.0, "")  # no words: the app names the work in its own language
    return FilterJobResult(request.expression, found.count, found.customer_ids, total, None,
                           [w.text(request.language) for w in found.warnings], list(found.warnings))
