"""Forget a customer on request (GDPR art. 17, PIPL art. 47): their order lines, profile and every
mention in campaign records and notes are removed from a project and from every autosave, and the
project keeps a record of the deletion: the date and a pseudonym (a salted hash of the id, with its
own salt), so the owner can later show that a given id was deleted without the project naming it.

The source spreadsheets are the owner's to edit: Clientele never changes them (the result says so).

    forget_customer(project, customer_id, password=None)  -> ForgetResult   (project + autosaves)
    forget_in_autosaves(customer_id, password=None)       -> autosaves changed
    forget_in_state(state, customer_id)                    -> lines removed  (a ProjectState, in place)
    forget_in_analysis(analysis, customer_id)              -> Analysis without the customer (the app)

The removal is generic: every DataFrame of the state with a customer_id column or index, and every
JSON-like field (campaign records, report, settings, and any table another part of Clientele adds
to the state) loses the rows, entries and list items that hold the id.
"""

from __future__ import annotations

import contextlib
import dataclasses
import secrets
from dataclasses import dataclass, field
from datetime import datetime, UTC
from pathlib import Path
from typing import Any
from collections.abc import Iterable

import pandas as pd

from ..texts import Message, message
from .errors import InputError
from .export.privacy import pseudonymise_id

_KEEP = ("options", "roles", "customer_roles", "sources", "segment_names", "deletions", "saved_at", "app_version")
_DROP = object()


@dataclass
class ForgetResult:
    """What forgetting a customer removed."""

    project: Path
    lines: int  # order lines removed from the project
    autosaves: list[Path] = field(default_factory=list)  # autosaves rewritten or removed
    record: dict[str, str] = field(default_factory=dict)  # the deletion record kept in the project
    note: Message | None = None

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        return {"project": str(self.project), "lines_removed": self.lines,
                "autosaves": [str(p) for p in self.autosaves], "deletion_record": self.record,
                "warnings": [message("forget_reminder").to_dict(language)],
                "message": self.note.text(language) if self.note else ""}


def _scrub(value: Any, cid: str, top: bool = False) -> Any:
    """`value` without what holds the id: list items equal to it, rows (lists) and records (dicts)
    containing it, dict entries keyed by it. At the top level only the entries naming it go."""
    if isinstance(value, dict):
        if not top and any(v == cid for v in value.values()):
            return _DROP
        out = {}
        for k, v in value.items():
            if k == cid or (top and v == cid):
                continue
            v = _scrub(v, cid)
            if v is not _DROP:
                out[k] = v
        return out
    if isinstance(value, (list, tuple)):
        out_list = []
        for v in value:
            if v == cid or (isinstance(v, (list, tuple)) and cid in v):
                continue
            v = _scrub(v, cid)
            if v is not _DROP:
                out_list.append(v)
        return out_list
    return value


def _without(frame: pd.DataFrame, cid: str) -> tuple[pd.DataFrame, int]:
    if "customer_id" in frame.columns:
        keep = frame["customer_id"].astype(str).to_numpy() != cid
        return frame[keep].reset_index(drop=True) if isinstance(frame.index, pd.RangeIndex) else frame[keep], \
            int((~keep).sum())
    if frame.index.name == "customer_id":
        keep = frame.index.astype(str) != cid
        return frame[keep], int((~keep).sum())
    return frame, 0


def holds(state: Any, cid: str) -> bool:
    """True when a ProjectState mentions the customer anywhere forget_in_state looks."""
    probe = dataclasses.replace(state)
    return forget_in_state(probe, cid, count_all=True) > 0


def forget_in_state(state: Any, customer_id: str, count_all: bool = False) -> int:
    """Remove a customer from a ProjectState in place (every customer-keyed frame and JSON field);
    return the order lines removed (with `count_all`, everything removed)."""
    cid = str(customer_id)
    lines = other = 0
    for f in dataclasses.fields(state):
        if f.name in _KEEP:
            continue
        value = getattr(state, f.name)
        if isinstance(value, pd.DataFrame):
            value, n = _without(value, cid)
            lines += n if f.name == "lines" else 0
            other += n
        elif isinstance(value, (dict, list)):
            scrubbed = _scrub(value, cid, top=True)
            other += scrubbed != value
            value = scrubbed
        setattr(state, f.name, value)
    return other if count_all else lines


def _record(cid: str) -> dict[str, str]:
    salt = secrets.token_hex(16)
    return {"date": datetime.now(UTC).date().isoformat(), "pseudonym": pseudonymise_id(cid, salt),
            "salt": salt}


def was_forgotten(state: Any, customer_id: str) -> bool:
    """True when the project's deletion records hold this id (recomputed with each record's salt)."""
    return any(pseudonymise_id(str(customer_id), r["salt"]) == r["pseudonym"] for r in state.deletions)


def own_autosaves() -> list[Path]:
    """Every autosave file of this app (any session), for forgetting a customer in all of them."""
    from .project import data_dir, own_autosave

    folder = data_dir() / "autosave"
    found = [own_autosave(p) for p in folder.glob("session-*.clientele")] if folder.is_dir() else []
    return [p for p in found if p is not None]


def _forget_in_autosave(path: Path, cid: str, password: str | None) -> bool:
    """Remove the customer from one autosave; one that cannot be opened (another password, damaged)
    is deleted, as it might hold them. Return True when the file was changed or removed."""
    from .project import load_project, save_project

    try:
        state = load_project(path, password).state
    except InputError:
        with contextlib.suppress(OSError):
            path.unlink()
        return True
    if not holds(state, cid):
        return False
    forget_in_state(state, cid)
    state.deletions = [*state.deletions, _record(cid)]
    save_project(path, state, password=password)
    return True


def forget_customer(project: Path | str, customer_id: str, *, password: str | None = None,
                    autosaves: Iterable[Path] | None = None) -> ForgetResult:
    """Forget a customer in a project file and in every autosave (by default all of this app's);
    return what was removed. InputError when the project has no such customer (or cannot be opened)."""
    from .project import load_project, save_project

    path = Path(project)
    cid = str(customer_id).strip()
    state = load_project(path, password).state
    if not cid or not holds(state, cid):
        raise InputError("forget_not_found", customer=cid, file=path.name)
    lines = forget_in_state(state, cid)
    record = _record(cid)
    state.deletions = [*state.deletions, record]
    save_project(path, state, password=password)
    touched = forget_in_autosaves(cid, password, autosaves, skip=path)
    note = message("forget_done", customer=cid, lines=lines, autosaves=len(touched))
    return ForgetResult(path, lines, touched, record, note)


def forget_in_autosaves(customer_id: str, password: str | None = None, autosaves: Iterable[Path] | None = None,
                        skip: Path | None = None) -> list[Path]:
    """Remove a customer from every autosave (by default all of this app's; an autosave that cannot
    be opened is deleted) and the temporary files of crashed saves; return the autosaves changed."""
    from .retention import sweep_autosave_temporaries

    cid = str(customer_id).strip()
    skipped = Path(skip).resolve() if skip is not None else None
    touched = [Path(p) for p in (own_autosaves() if autosaves is None else autosaves)
               if Path(p).resolve() != skipped and _forget_in_autosave(Path(p), cid, password)]
    sweep_autosave_temporaries()  # a crashed save's leftover could hold them too
    return touched


def forget_in_analysis(analysis: Any, customer_id: str):
    """The analysis analysed again without the customer (lines, profile, set-aside examples); its
    deletion records gain this one. What the app shows after "Forget this customer"."""
    from .pipeline import LoadedData, analyze_loaded
    from .project import _apply_segment_names, _profiles_of, _report_from_dict, _report_to_dict

    cid = str(customer_id)
    lines, _n = _without(analysis.lines, cid)
    profiles, _m = _without(_profiles_of(analysis), cid)
    report = _report_from_dict(_scrub(_report_to_dict(analysis.report), cid, top=True))
    data = LoadedData(lines, report, analysis.roles, profiles, analysis.customer_roles, [])
    again = analyze_loaded(data, analysis.options)
    names = {str(k): {"name": n, "name_zh": z} for k, n, z in
             zip(analysis.segments.get("key", []), analysis.segments.get("name", []),
                 analysis.segments.get("name_zh", []))} if "key" in analysis.segments else {}
    _apply_segment_names(again, names)
    again.deletions = [*(getattr(analysis, "deletions", None) or []), _record(cid)]
    return again
