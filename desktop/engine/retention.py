"""How long Clientele keeps what it writes by itself: autosaves older than a chosen period (the
setting "Keep autosaves for", default 30 days) are removed at start, with the temporary files a
killed session left behind (desktop.paths.sweep_stale_temp_files). Projects and exports the owner
saved are theirs: never touched.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from collections.abc import Iterable

DEFAULT_AUTOSAVE_DAYS = 30
MAX_AUTOSAVE_DAYS = 3650


def remove_old_autosaves(days: float = DEFAULT_AUTOSAVE_DAYS, now: float | None = None) -> list[Path]:
    """Remove this app's autosaves (any session but this one) last written more than `days` ago;
    return what was removed. Only files own_autosave recognises are touched."""
    from .project import autosave_path, data_dir, own_autosave

    folder = data_dir() / "autosave"
    if not folder.is_dir():
        return []
    limit = (time.time() if now is None else now) - max(0.0, float(days)) * 86_400
    mine = os.path.realpath(autosave_path())
    removed = []
    for candidate in folder.glob("session-*.clientele"):
        path = own_autosave(candidate)
        if path is None or os.path.realpath(path) == mine:
            continue
        with contextlib.suppress(OSError):
            if os.lstat(path).st_mtime < limit:
                path.unlink()
                removed.append(path)
    return removed


def sweep_autosave_temporaries() -> list[Path]:
    """Remove the temporary autosave and marker files of sessions that are no longer running."""
    from desktop.paths import sweep_stale_temp_files

    from .project import data_dir

    return [p for p in sweep_stale_temp_files((), data_dir()) if data_dir() in p.parents]


def sweep_at_start(export_folders: Iterable[Path | str] = (), days: float = DEFAULT_AUTOSAVE_DAYS) -> list[Path]:
    """What the app does at start: stale temporary files (exports, autosaves, scratch folders) and
    autosaves older than `days` removed; return what was removed."""
    from desktop.paths import sweep_stale_temp_files

    from .project import data_dir

    return [*sweep_stale_temp_files(export_folders, data_dir()), *remove_old_autosaves(days)]
