"""The long tasks the app runs on workers: plain functions taking a `progress` callback (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.engine.progress import Progress, scaled


@dataclass
class LoadRequest:
    """Which files to analyse and how."""

    paths: list[str]
    sheet: str | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    customers_file: str | None = None
    as_of: date | None = None
    rfm_model: int = 11
    demo: bool = False


def preview_task(path: str, sheet: str | None, progress: Progress | None = None):
    """Return desktop.engine.pipeline.preview_file(path, sheet)."""
    from desktop.engine.pipeline import preview_file

    if progress:
        progress(0.1, "")
    return preview_file(Path(path), sheet)


def analysis_task(request: LoadRequest, chinese: bool, progress: Progress | None = None):
    """Read and analyse the files; return desktop.ui.prepare.AnalysisData."""
    from desktop.engine.pipeline import AnalysisOptions, analyze

    options = AnalysisOptions(
        paths=[Path(p) for p in request.paths], sheet=request.sheet,
        customers_file=Path(request.customers_file) if request.customers_file else None,
        overrides=dict(request.overrides), as_of=request.as_of, rfm_model=request.rfm_model)
    analysis = analyze(options, progress=scaled(progress, 0.0, 0.85))
    from desktop.ui.prepare import prepare

    data = prepare(analysis, chinese=chinese, progress=scaled(progress, 0.85, 0.97))
    # pyqtgraph takes ~0.7 s to import: do it here, off the GUI thread, before the views need it
    import pyqtgraph  # noqa: F401

    if progress:
        progress(1.0, "")
    return data


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


def export_task(data, request: ExportRequest, chinese: bool, currency: str,
                progress: Progress | None = None) -> Any:
    """Write the marketing list; return desktop.engine.export.ExportResult."""
    from desktop.engine.export import ExportOptions, export_marketing_list

    analysis = data.analysis
    customers = analysis.customers
    if request.customer_ids is not None:
        customers = customers.loc[customers.index.astype(str).isin(set(request.customer_ids))]
    options = ExportOptions(
        segments=request.segments, language="zh" if chinese else "en",
        extra_columns=request.extra_columns, mask_contacts=request.mask_contacts,
        control_share=request.control_share, currency_symbol=currency)
    input_paths = list(analysis.options.paths)
    if analysis.options.customers_file:
        input_paths.append(analysis.options.customers_file)
    return export_marketing_list(customers, analysis.segments, request.path, options, input_paths,
                                 as_of=analysis.as_of, progress=progress)
