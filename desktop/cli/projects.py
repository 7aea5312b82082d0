"""A project file on the command line: `todo --project` keeps its contacted ticks there, `analyze
--project` its saved filter lists. The project is read as the untrusted file it is (project.py) and
written back atomically; a project that does not exist yet is made from the analysis."""

from __future__ import annotations

from pathlib import Path


def project_state(path: str | None, analysis):
    """The state of the project at `path` (None without --project); a new one from the analysis when
    the file does not exist yet. Returns (state, exists)."""
    if path is None:
        return None, False
    from desktop.engine.project import PROJECT_SUFFIX, load_project, state_from_analysis

    target = Path(path)
    if not target.suffix:
        target = target.with_suffix(PROJECT_SUFFIX)
    if target.exists():
        return load_project(target).state, True
    return state_from_analysis(analysis), False


def save_state(path: str, state) -> str:
    """Save the project's state (desktop.engine.project.ProjectState) through the project job."""
    from desktop.jobs.project import ProjectState, SaveRequest, save

    return save(SaveRequest(analysis=state, state=ProjectState(), path=path))
