"""Reading and analysing the shop's files: the preview the import dialog shows, and the analysis
with the tables the views draw from (desktop.jobs.prepare)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING, Any

from desktop.engine.progress import Progress, scaled

if TYPE_CHECKING:  # the engine's pipeline imports pandas: loaded when a job runs, not at start-up
    from desktop.engine.pipeline import Analysis, FilePreview
    from desktop.jobs.prepare import AnalysisData


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
    chinese: bool = False  # labels of the view tables in Chinese
    date_order: str = "auto"  # how to read dates like 05/01/2024: 'auto', 'dmy' or 'mdy'
    keep_zero_price: bool = False  # keep zero-price lines instead of setting them aside
    keep_duplicates: bool = False  # keep exact duplicate lines instead of setting them aside
    keep_walk_in: bool = False  # keep walk-in / placeholder customer ids as customers


@dataclass(frozen=True)
class PreviewRequest:
    """The file(s) or folder(s) to preview, and the sheet (None: the engine's choice)."""

    paths: tuple[str, ...]
    sheet: str | None = None


def preview(request: PreviewRequest, progress: Progress | None = None) -> FilePreview:
    """Return the engine's FilePreview of the request's files (several files or folders read as one)."""
    from desktop.engine.pipeline import preview_file

    if progress:
        progress(0.1, "")
    paths = [Path(p) for p in request.paths]
    return preview_file(paths if len(paths) > 1 else paths[0], request.sheet)


@dataclass(frozen=True)
class PrepareRequest:
    """An analysis prepared for the views again (in another language)."""

    analysis: Any
    chinese: bool = False


def prepare_again(request: PrepareRequest, progress: Progress | None = None) -> AnalysisData:
    """Return the AnalysisData of an analysis already made, labels in the request's language."""
    from desktop.jobs.prepare import prepare

    return prepare(request.analysis, chinese=request.chinese, progress=progress)


def analyse(request: LoadRequest, progress: Progress | None = None) -> Analysis:
    """Read and analyse the files; return the engine's Analysis (without the views' tables): the
    first step of `run`, and what the CLI's subcommands work on."""
    from desktop.engine.pipeline import AnalysisOptions, analyze

    options = AnalysisOptions(
        paths=[Path(p) for p in request.paths], sheet=request.sheet,
        customers_file=Path(request.customers_file) if request.customers_file else None,
        overrides=dict(request.overrides), as_of=request.as_of, rfm_model=request.rfm_model,
        date_order=request.date_order, keep_zero_price=request.keep_zero_price,
        keep_duplicates=request.keep_duplicates, keep_walk_in=request.keep_walk_in)
    return analyze(options, progress=progress)


def run(request: LoadRequest, progress: Progress | None = None) -> AnalysisData:
    """Read and analyse the files; return the AnalysisData the views show."""
    from desktop.jobs.prepare import prepare

    analysis = analyse(request, progress=scaled(progress, 0.0, 0.85))
    data = prepare(analysis, chinese=request.chinese, progress=scaled(progress, 0.85, 0.99))
    if progress:
        progress(1.0, "")
    return data


# The engine's names for what the import dialog and the report show, loaded when first asked for
# (desktop.engine.roles and .cleaning import pandas): role keys (ROLES) and set-aside reason codes
# (SET_ASIDE_REASONS); their words are in desktop.texts (label("role", ...), label("set_aside", ...));
# to_text, the engine's one way of showing a cell as the file wrote it (invoice 536414, not 536414.0).
_ENGINE_NAMES = {"ROLES": "desktop.engine.roles", "SET_ASIDE_REASONS": "desktop.engine.cleaning",
                 "to_text": "desktop.engine.parsing"}


def __getattr__(name: str):
    if name in _ENGINE_NAMES:
        import importlib

        return getattr(importlib.import_module(_ENGINE_NAMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
