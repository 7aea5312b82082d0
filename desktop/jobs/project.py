"""Project files (.clientele): saving the shown analysis, the autosave safety copy, opening a
project (its analysis rebuilt from the saved lines) and analysing its lines again."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.engine.progress import Progress, scaled


@dataclass
class ProjectState:
    """What a project keeps besides the analysis: app settings, group names, campaign records."""

    settings: dict = field(default_factory=dict)
    segment_names: dict = field(default_factory=dict)
    campaigns: list = field(default_factory=list)
    ticks: list = field(default_factory=list)        # This week's "contacted" ticks
    saved_lists: list = field(default_factory=list)  # the filter builder's lists by name


@dataclass
class SaveRequest:
    """Save `analysis` with `state` to `path` (None: this session's autosave file). `analysis` may also
    be the engine's ProjectState of a project already saved (the CLI's ticks and lists): it is saved as
    it is, `state` unused."""

    analysis: Any
    state: ProjectState
    path: str | None = None
    password: str | None = None  # encrypt the file (and the autosave) with it


def save(request: SaveRequest, progress: Progress | None = None) -> str:
    """Save the analysis as a project file (or the autosave copy); return the path written."""
    from desktop.engine.project import autosave, save_project, state_from_analysis

    s = request.state
    if request.path is not None:
        return str(save_project(Path(request.path), request.analysis, settings=s.settings,
                                segment_names=s.segment_names, campaigns=s.campaigns, ticks=s.ticks,
                                saved_lists=s.saved_lists, progress=progress,
                                password=request.password))
    quiet = (lambda f, m="": progress(f, "")) if progress else None  # no status text for a safety copy
    state = state_from_analysis(request.analysis, settings=s.settings, segment_names=s.segment_names,
                                campaigns=s.campaigns, ticks=s.ticks, saved_lists=s.saved_lists)
    return str(autosave(state, progress=quiet, password=request.password))


@dataclass(frozen=True)
class OpenRequest:
    path: str
    chinese: bool = False
    password: str | None = None  # for a password-protected project


def open_project(request: OpenRequest, progress: Progress | None = None) -> tuple[Any, Any]:
    """Open a project and rebuild its analysis from the saved lines; return (OpenedProject,
    AnalysisData)."""
    from desktop.engine.project import load_project
    from desktop.jobs.prepare import prepare

    if progress:
        progress(0.02, "")
    opened = load_project(Path(request.path), request.password)
    analysis = opened.analysis(progress=scaled(progress, 0.2, 0.85))
    data = prepare(analysis, chinese=request.chinese, progress=scaled(progress, 0.85, 0.99))
    return opened, data


@dataclass
class ReanalyseRequest:
    """A project's saved lines analysed again with another analysis date or RFM model."""

    analysis: Any
    as_of: Any
    rfm_model: int
    segment_names: dict = field(default_factory=dict)
    chinese: bool = False


def reanalyse(request: ReanalyseRequest, progress: Progress | None = None) -> Any:
    """Return AnalysisData of the saved lines analysed again. The source files the project names are
    not read (they may be another shop's by now)."""
    from desktop.engine.project import reanalyse as again
    from desktop.jobs.prepare import prepare

    analysis = again(request.analysis, as_of=request.as_of, rfm_model=request.rfm_model,
                     segment_names=request.segment_names, progress=scaled(progress, 0.0, 0.85))
    return prepare(analysis, chinese=request.chinese, progress=scaled(progress, 0.85, 0.99))

