"""Privacy work of the app: forgetting a customer everywhere (a job), and what Help › Privacy needs
from the engine: where the app keeps its files, the autosaves of this user, and password protection
of a project file (the file is read, encrypted and written back atomically)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.engine.progress import Progress

from desktop.engine.forget import own_autosaves as own_autosaves
from desktop.engine.project import PROJECT_SUFFIX as PROJECT_SUFFIX
from desktop.engine.project import autosave_path as autosave_path
from desktop.engine.project import data_dir as data_dir
from desktop.engine.vault import is_encrypted as is_encrypted
from desktop.engine.project import set_project_password as set_project_password

__all__ = ["PROJECT_SUFFIX", "ForgetRequest", "autosave_path", "data_dir", "forget", "forget_in_project",
           "is_encrypted", "own_autosaves", "set_project_password"]


@dataclass
class ForgetRequest:
    """Forget `customer_id`: remove them from `analysis`, the project file at `project` (if any) and
    every autosave."""

    analysis: Any
    customer_id: str
    project: str | None = None
    chinese: bool = False
    password: str | None = None  # of a password-protected project


def forget_in_project(request: ForgetRequest, progress: Progress | None = None) -> Any:
    """Remove the customer from the project file `request.project` and every autosave; return the
    engine's ForgetResult (what was removed). InputError when the project does not hold the customer
    or cannot be opened. `request.analysis` is not used (the CLI has none)."""
    from desktop.engine.forget import forget_customer

    if not request.project:
        raise ValueError("forget_in_project needs the request's project file")
    return forget_customer(Path(request.project), request.customer_id, password=request.password)


def forget(request: ForgetRequest, progress: Progress | None = None) -> Any:
    """Remove the customer from the analysis, the project file and the autosaves; return AnalysisData
    of what is left."""
    from desktop.engine.errors import InputError
    from desktop.engine.forget import forget_in_analysis, forget_in_autosaves
    from desktop.jobs.prepare import prepare

    again = forget_in_analysis(request.analysis, request.customer_id)
    if request.project:
        try:
            forget_in_project(request, progress)
        except InputError:  # not in the saved project (or it cannot be opened): the autosaves still are
            forget_in_autosaves(request.customer_id)
    else:
        forget_in_autosaves(request.customer_id)
    return prepare(again, chinese=request.chinese, progress=progress)
