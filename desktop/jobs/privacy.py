"""What Help › Privacy needs from the engine: where the app keeps its files, the autosaves of this
user, and password protection of a project file (a short job: the file is read, encrypted and
written back atomically)."""

from __future__ import annotations

from desktop.engine.forget import own_autosaves as own_autosaves
from desktop.engine.project import PROJECT_SUFFIX as PROJECT_SUFFIX
from desktop.engine.project import autosave_path as autosave_path
from desktop.engine.project import data_dir as data_dir
from desktop.engine.vault import is_encrypted as is_encrypted
from desktop.engine.project import set_project_password as set_project_password

__all__ = ["PROJECT_SUFFIX", "autosave_path", "data_dir", "is_encrypted", "own_autosaves", "set_project_password"]
