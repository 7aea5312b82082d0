"""The marketing list: the chosen customers with their group, contact details, the predictions and
suggested products the session has worked out, written to a workbook or CSV file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.engine import messages
from desktop.engine.progress import Progress

__all__ = ["ExportRequest", "ExportJob", "run", "messages", "with_tiers"]


@dataclass
class ExportRequest:
    """What the export dialog asked for."""

    path: str
    segments: list[str] | None = None  # segment keys; None with customer_ids: those customers
    customer_ids: list[str] | None = None
    extra_columns: list[str] | None = None
    mask_contacts: bool = False
    control_share: float = 0.0
    open_folder: bool = True
    templates: dict[str, str] | None = None  # segment key / "generic" -> message template
    sheet_per_segment: bool = False
    pseudonymise_ids: bool = False
    campaign_name: str = ""
    offer: str = ""
    cost_per_contact: float = 0.0
    source_note: str = ""  # an extra line for the summary sheet, e.g. "18,532 of 20,000 rows used"
    tiers: str | None = None  # add the VIP tier column: "auto" (the shop's own thresholds) or "500,2000,5000"
    prospects: bool = False  # all customers (no customer_ids): the customer list's sign-ups who never bought too


@dataclass
class ExportJob:
    """An ExportRequest with what it reads: the analysis and the session's derived results."""

    request: ExportRequest
    analysis: Any                      # desktop.engine.pipeline.Analysis
    predictions: Any = None            # engine PredictionResult.table (index customer_id), or None
    suggestions: Any = None            # engine recommend() frame (customer_id, rank, product_name...), or None
    language: str = "en"
    currency: str = ""


def run(job: ExportJob, progress: Progress | None = None) -> Any:
    """Write the marketing list; return desktop.engine.export.ExportResult."""
    from desktop.engine.export import ExportOptions, with_extras
    from desktop.engine.marketing import export_marketing_list

    request, analysis = job.request, job.analysis
    customers = analysis.customers
    if request.customer_ids is not None:
        customers = customers.loc[customers.index.astype(str).isin(set(request.customer_ids))]
    if job.predictions is not None or job.suggestions is not None:
        customers = with_extras(customers, job.predictions, job.suggestions)
    if request.tiers is not None:
        customers = with_tiers(customers, analysis, request.tiers, job.language)
    segments = analysis.segments
    if request.prospects and request.customer_ids is None and getattr(analysis, "prospects", None) is not None:
        from desktop.engine.segments.prospects import with_prospects

        # the customer list's sign-ups who never bought: a segment of their own (issue 21)
        customers, segments = with_prospects(customers, segments, analysis.prospects)
    extras = [c for c in (request.extra_columns or []) if c in customers.columns]
    options = ExportOptions(
        segments=request.segments, language=job.language,
        extra_columns=extras if request.extra_columns is not None else None,
        mask_contacts=request.mask_contacts, control_share=request.control_share,
        currency_symbol=job.currency, templates=request.templates,
        sheet_per_segment=request.sheet_per_segment, pseudonymise_ids=request.pseudonymise_ids,
        campaign_name=request.campaign_name, offer=request.offer,
        cost_per_contact=request.cost_per_contact, source_note=request.source_note)
    input_paths = list(analysis.options.paths)
    if analysis.options.customers_file:
        input_paths.append(analysis.options.customers_file)
    return export_marketing_list(customers, segments, request.path, options, input_paths,
                                 as_of=analysis.as_of, progress=progress)


def with_tiers(customers: Any, analysis: Any, thresholds: str, language: str) -> Any:
    """`customers` with the VIP tier of each (column `tier`, in `language`) by spend over the last 12
    months; `thresholds` "auto" (from the shop's own figures) or "SILVER,GOLD,PLATINUM"."""
    from desktop.engine.tiers import TierThresholds, tier_label, tiers_of

    chosen = None if thresholds == "auto" else TierThresholds.parse(thresholds)
    tiers = tiers_of(analysis, chosen).table["tier"]
    return customers.assign(tier=tiers.reindex(customers.index).map(lambda t: tier_label(t, language)))
