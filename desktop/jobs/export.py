"""The marketing list: the chosen customers with their group, contact details, the predictions and
suggested products the session has worked out, written to a workbook or CSV file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.engine import messages
from desktop.engine.progress import Progress

__all__ = ["ExportRequest", "ExportJob", "run", "messages"]


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
    extras = [c for c in (request.extra_columns or []) if c in customers.columns]
    options = ExportOptions(
        segments=request.segments, language=job.language,
        extra_columns=extras if request.extra_columns is not None else None,
        mask_contacts=request.mask_contacts, control_share=request.control_share,
        currency_symbol=job.currency, templates=request.templates,
        sheet_per_segment=request.sheet_per_segment, pseudonymise_ids=request.pseudonymise_ids,
        campaign_name=request.campaign_name, offer=request.offer,
        cost_per_contact=request.cost_per_contact)
    input_paths = list(analysis.options.paths)
    if analysis.options.customers_file:
        input_paths.append(analysis.options.customers_file)
    return export_marketing_list(customers, analysis.segments, request.path, options, input_paths,
                                 as_of=analysis.as_of, progress=progress)
