"""The project file: one analysis saved as an SQLite database (stdlib sqlite3), so it reopens without
its source spreadsheets and other tools can read it. Also the autosave location and the session
markers that tell the app its previous run ended without a clean exit.

A project holds the source files (path, size, time of last change), the options (column mapping,
sheet, model, analysis date...), free-form app settings, the user's segment names, campaign records,
the cleaning report, and the cleaned order lines and customer profile fields themselves. Saving
writes a new database next to the target (a hidden `.<name>.<8 hex>.tmp`, or
`.clientele-save.<8 hex>.tmp` for a long name) and moves it into place with os.replace: a crash
leaves either the old project or the new one, never half of each.

Tables (format 2, for other tools): meta(key, value JSON); sources(position, kind, path, name,
size, sha256, modified; a path that is not UTF-8 is stored as the BLOB of its bytes); campaigns(id,
created, record JSON); column_chunks(frame, name, chunk, rows, kind, data, labels) holding the
`lines` (schema.LINE_COLUMNS) and `profiles` (customer_id + schema.PROFILE_COLUMNS present) frames
column by column, in chunks of at most 2**20 rows: `kind` 'f8' (little-endian float64), 'i8'
(int64), 'b1' (uint8 0/1), 'datetime' (int64 nanoseconds since 1970, UTC-naive), 'text' or 'str'
(int32 codes into `labels`, a JSON array of strings, -1 for empty; 'str' reads back as pandas' str
dtype, 'text' as Python objects). Format 1 (lines and profiles as plain tables) is still read.
Format 3 adds ticks(customer_id, ticked_on, as_of, kind): the "contacted" ticks of This week (ticks.py),
and saved_lists(name, expression, created): the filter builder's lists by name (filters.py); format 2
projects open with neither.

The optional meta key `deletions` lists the customers forgotten (forget.py: date and salted hash).

A project (and its autosaves) may be password-protected (vault.py): the whole database encrypted with
AES-256-GCM; it is built and read in memory only (sqlite3 serialize/deserialize), and the same checks
below apply to the decrypted database.

A project file is untrusted input (it may come from anyone): it is opened read-only with
`trusted_schema` off, length limits and a progress handler that stops runaway statements; its schema
must be exactly Clientele's (no views, triggers or other tables) before anything is selected; only
named columns are selected, row counts and value sizes are capped, and every stored value is checked
(types, finite numbers, dates, JSON depth and keys). Anything else is refused with one sentence. The
source files a project names are never opened: only an absolute local path to a regular file is
looked at, for its size and time.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import math
import os
import re
import sqlite3
import stat
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, UTC
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

from desktop.paths import process_running

from ..texts import Message, message
from .errors import InputError
from .progress import Progress, no_progress
from .schema import LINE_COLUMNS, PROFILE_COLUMNS

PROJECT_SUFFIX = ".clientele"
FORMAT = "clientele-project"
FORMAT_VERSION = 3
_CHUNK_ROWS = 1 << 20  # rows per stored column chunk

# Limits of what a project may hold (an honest project of 20M lines stays within them).
_MAX_VALUE_BYTES = 64 << 20  # SQLITE_LIMIT_LENGTH: any one text or blob
_MAX_TEXT = 32_768  # characters of one cell, path or name
_MAX_LINES = 20_000_000
_MAX_PROFILES = 10_000_000
_MAX_SOURCES = 1_000
_MAX_CAMPAIGNS = 10_000
_MAX_CHUNKS = 4_096
_MAX_TICKS = 1_000_000
_MAX_LISTS = 1_000
_MAX_JSON_DEPTH = 32
_PROGRESS_STEP = 10_000  # SQLite instructions between two calls of the progress handler
_MAX_STEPS = 200_000  # ... and at most this many calls (2e9 instructions, a couple of minutes) per open

_META_KEYS = ("format", "format_version", "app_version", "saved_at", "options", "report", "roles",
              "customer_roles", "settings", "segment_names")
_OPTIONAL_META = ("deletions",)  # absent from projects saved before customers could be forgotten
_MAX_DELETIONS = 1_000_000
_SOURCE_COLUMNS = ["position", "kind", "path", "name", "size", "sha256", "modified"]
_CAMPAIGN_COLUMNS = ["id", "created", "record"]
_CHUNK_COLUMNS = ["frame", "name", "chunk", "rows", "kind", "data", "labels"]
_TICK_COLUMNS = ["customer_id", "ticked_on", "as_of", "kind"]
_LIST_COLUMNS = ["name", "expression", "created"]
# format version -> table -> its columns (None: checked by the frame's own rules)
_TABLES: dict[int, dict[str, list[str] | None]] = {
    1: {"meta": ["key", "value"], "sources": _SOURCE_COLUMNS, "campaigns": _CAMPAIGN_COLUMNS,
        "lines": None, "profiles": None},
    2: {"meta": ["key", "value"], "sources": _SOURCE_COLUMNS, "campaigns": _CAMPAIGN_COLUMNS,
        "column_chunks": _CHUNK_COLUMNS},
    3: {"meta": ["key", "value"], "sources": _SOURCE_COLUMNS, "campaigns": _CAMPAIGN_COLUMNS,
        "column_chunks": _CHUNK_COLUMNS, "ticks": _TICK_COLUMNS, "saved_lists": _LIST_COLUMNS},
}
_ITEM_BYTES = {"f8": 8, "i8": 8, "b1": 1, "datetime": 8, "text": 4, "str": 4}
_LINE_KINDS = {"customer_id": "text", "order_id": "text", "date": "datetime", "product_id": "text",
               "product_name": "text", "category": "text", "quantity": "f8", "unit_price": "f8",
               "amount": "f8", "is_return": "b1", "source_file": "text", "source_sheet": "text",
               "source_row": "i8"}
_REQUIRED_LINES = ("customer_id", "order_id", "date", "amount", "is_return")
_PROFILE_KINDS = {"customer_id": "text", "age": "f8", "income": "f8"}
_FRAME_COLUMNS = {"lines": LINE_COLUMNS, "profiles": ["customer_id", *PROFILE_COLUMNS]}
_FRAME_ROWS = {"lines": _MAX_LINES, "profiles": _MAX_PROFILES}
_EARLIEST, _LATEST = np.datetime64("1900-01-01", "ns"), np.datetime64("2200-12-31T23:59:59", "ns")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_TEXT = {"str": "text"}  # a kind that is also text
_FILL = {("lines", c): "" for c in ("customer_id", "order_id", "source_file", "source_sheet")}
_FILL[("profiles", "customer_id")] = ""  # these are never empty: "" for a missing value


@dataclass
class SourceFile:
    """A file the analysis was read from, as it was when the project was saved."""

    path: str
    kind: str  # 'orders' or 'customers'
    size: int | None = None
    sha256: str | None = None  # projects of format 1 hashed their sources; only checked on request
    modified: str | None = None  # ISO time (UTC, seconds) of the file's last change

    @classmethod
    def of(cls, path: Path | str, kind: str) -> SourceFile:
        """Describe a file on disk now (size and time; the file is not opened); a file that is not
        an absolute local regular file keeps only its path."""
        p = local_file(path)
        if p is None:
            return cls(str(path), kind)
        st = p.stat()
        return cls(str(p), kind, st.st_size, None, _mtime(st))

    def status(self, verify: bool = False) -> str:
        """'same', 'changed' (another size or time now) or 'missing' (moved, renamed, deleted, or not
        a path Clientele looks at: relative, a network share, not a regular file). The file is only
        read, to compare its SHA-256, with `verify` and when the project stored one."""
        p = local_file(self.path)
        if p is None:
            return "missing"
        try:
            st = p.stat()
            if self.size is not None and st.st_size != self.size:
                return "changed"
            if self.modified is not None and _mtime(st) != self.modified:
                return "changed"
            if verify and self.sha256 is not None and file_sha256(p) != self.sha256:
                return "changed"
        except OSError:
            return "missing"
        return "same"


def is_network_path(text: str) -> bool:
    """True for \\\\host\\share and //host/share paths: merely looking at one makes Windows connect to
    that computer."""
    return text[:2] in ("\\\\", "//", "\\/", "/\\")


def is_local_path(text: str) -> bool:
    """True for an absolute path on a local disk, judged from its text alone (no file system call):
    never a relative path (it would name a file in whatever folder Clientele runs in) nor a network
    path (\\\\host\\share, //host/share: looking at it makes Windows connect to that computer)."""
    if not text or "\x00" in text or len(text) > _MAX_TEXT or is_network_path(text):
        return False
    if os.name == "nt":
        return re.match(r"[A-Za-z]:[\\/]", text) is not None
    return Path(text).is_absolute()


def local_file(path: Path | str) -> Path | None:
    """`path` as a Path when it is an absolute path on a local disk naming an existing regular file
    (the one stat this takes); None for relative paths, network paths (\\\\host\\share, //host/share),
    device paths and anything that is not a regular file. A path from a project is not trusted: it
    may name another shop's file or make Windows connect to another computer."""
    text = str(path)
    if not is_local_path(text):
        return None
    p = Path(text)
    try:
        return p if stat.S_ISREG(os.stat(p).st_mode) else None
    except (OSError, ValueError):
        return None


def _mtime(st: os.stat_result) -> str:
    return datetime.fromtimestamp(st.st_mtime, UTC).isoformat(timespec="seconds")


@dataclass
class ProjectState:
    """Everything a project file holds."""

    options: dict[str, Any]  # AnalysisOptions as JSON (see options_to_dict)
    lines: pd.DataFrame  # clean order lines, schema.LINE_COLUMNS
    profiles: pd.DataFrame  # customer profile fields, indexed by customer_id
    sources: list[SourceFile] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)  # CleaningReport.to_dict() plus set_aside_rows
    roles: dict[str, dict] = field(default_factory=dict)  # role -> RoleMatch.to_dict()
    customer_roles: dict[str, dict] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)  # free-form app settings (JSON-able)
    segment_names: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> {"name", "name_zh"}
    campaigns: list[dict[str, Any]] = field(default_factory=list)  # campaign records (JSON-able)
    # This week's "contacted" ticks: {customer_id, ticked_on, as_of, kind} (ticks.py)
    ticks: list[dict[str, Any]] = field(default_factory=list)
    # The filter builder's saved lists: {name, expression, created} (filters.py)
    saved_lists: list[dict[str, Any]] = field(default_factory=list)
    saved_at: str = ""
    app_version: str = ""
    deletions: list[dict[str, str]] = field(default_factory=list)  # customers forgotten (forget.py)


@dataclass
class OpenedProject:
    """A project read back: its state, and what became of its source files since it was saved."""

    path: Path
    state: ProjectState
    missing_sources: list[Path]
    changed_sources: list[Path]

    @property
    def notes(self) -> list[Message]:
        """Notes about the source files, for the app to show."""
        out = [message("project_source_missing", file=p.name, folder=str(p.parent)) for p in self.missing_sources]
        out += [message("project_source_changed", file=p.name) for p in self.changed_sources]
        return out

    def analysis(self, progress: Progress | None = None):
        """Rebuild the full Analysis (customers, segments) from the saved lines; no source file is read."""
        return analysis_from_state(self.state, progress)


# ---------------------------------------------------------------- helpers


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _json_default(value: Any) -> Any:
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.bool_):
        return bool(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(f"cannot store {type(value).__name__} in a project")


def _dumps(value: Any) -> str:
    """JSON text; strings that cannot be UTF-8 (a file name with undecodable bytes, kept by Python as
    lone surrogates) are written as \\u escapes, which read back to the same string."""
    text = json.dumps(value, default=_json_default, ensure_ascii=False, allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, default=_json_default, ensure_ascii=True, allow_nan=False)
    return text


def _sql_text(value: str | None) -> str | None:
    """A string SQLite can store as UTF-8 (undecodable bytes of a file name become U+FFFD)."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _sql_path(path: str) -> str | bytes:
    """A path as SQLite text, or as the bytes of the file name when it is not UTF-8 (read back by
    os.fsdecode to the same path)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path)


def options_to_dict(options) -> dict[str, Any]:
    """AnalysisOptions as plain JSON values."""
    d = {f.name: getattr(options, f.name) for f in dataclasses.fields(options)}
    d["paths"] = [str(p) for p in d["paths"]]
    d["customers_file"] = str(d["customers_file"]) if d.get("customers_file") else None
    d["as_of"] = d["as_of"].isoformat() if d.get("as_of") else None
    if d.get("eight_class") is not None:
        d["eight_class"] = d["eight_class"].to_dict()
    return d


def options_from_dict(d: dict[str, Any]):
    """Rebuild AnalysisOptions from options_to_dict's output (as checked by _check_options)."""
    from .pipeline import AnalysisOptions
    from .segments.rfm import EightClassThresholds

    known = {f.name for f in dataclasses.fields(AnalysisOptions)}
    kw = {k: v for k, v in d.items() if k in known}
    kw["paths"] = [Path(p) for p in kw.get("paths", [])]
    if kw.get("customers_file"):
        kw["customers_file"] = Path(kw["customers_file"])
    if kw.get("as_of"):
        kw["as_of"] = date.fromisoformat(str(kw["as_of"])[:10])
    if kw.get("eight_class"):
        kw["eight_class"] = EightClassThresholds(**kw["eight_class"])
    return AnalysisOptions(**kw)


def _report_to_dict(report) -> dict[str, Any]:
    d = report.to_dict()
    d["notes"] = [n.to_dict() if isinstance(n, Message) else str(n) for n in report.notes]  # both languages
    d["set_aside_rows"] = {k: [list(r) for r in v] for k, v in report.set_aside_rows.items()}
    return d


def _report_from_dict(d: dict[str, Any]):
    """Rebuild the CleaningReport; a value of the wrong shape raises _Damaged (or ValueError/KeyError
    from Message.from_dict, which checks the warnings)."""
    from ..texts import Message
    from .cleaning import CleaningReport, SetAsideExample, WalkIn

    _need(isinstance(d, dict) and set(d) <= set(CleaningReport().to_dict()) | {"set_aside_rows"})
    example_keys = {f.name for f in dataclasses.fields(SetAsideExample)}

    def example(e: Any) -> SetAsideExample:
        _need(isinstance(e, dict) and set(e) == example_keys and _is_count(e["row"])
              and all(_is_text(e[k]) for k in example_keys - {"row"}))
        return SetAsideExample(**e)

    def row(r: Any) -> tuple:
        _need(isinstance(r, list) and len(r) == 3 and _is_text(r[0]) and _is_text(r[1]) and _is_count(r[2]))
        return tuple(r)

    counts = d.get("rows_set_aside", {})
    examples = d.get("examples", {})
    rows = d.get("set_aside_rows", {})
    notes = d.get("notes", [])
    warnings = d.get("warnings", [])
    _need(isinstance(counts, dict) and all(_is_count(v) for v in counts.values()))
    _need(isinstance(examples, dict) and all(isinstance(v, list) for v in examples.values()))
    _need(isinstance(rows, dict) and all(isinstance(v, list) for v in rows.values()))
    _need(isinstance(notes, list) and all(_is_text(n) or isinstance(n, dict) for n in notes)
          and isinstance(warnings, list))
    notes = [Message.from_dict(n) if isinstance(n, dict) else n for n in notes]
    _need(all(_is_count(d.get(k, 0)) for k in ("rows_read", "rows_used", "return_lines")))
    messages = [Message.from_dict(w) for w in warnings]
    for m in messages:  # a saved message must also read in both languages
        m.text("en"), m.text("zh")
    has_prices = d.get("has_prices", True)
    _need(isinstance(has_prices, bool))
    walk_in = WalkIn.from_dict(d["walk_in"]) if d.get("walk_in") else None
    return CleaningReport(
        rows_read=d.get("rows_read", 0), rows_used=d.get("rows_used", 0), set_aside=dict(counts),
        examples={k: [example(e) for e in v] for k, v in examples.items()},
        set_aside_rows={k: [row(r) for r in v] for k, v in rows.items()},
        returns=d.get("return_lines", 0), notes=list(notes), warnings=messages,
        has_prices=has_prices, walk_in=walk_in,
    )


def _version() -> str:
    try:
        from desktop import __version__

        return str(__version__)
    except Exception:  # noqa: BLE001 - the engine can be used without the app package metadata
        return ""


def _profiles_of(analysis) -> pd.DataFrame:
    profile_cols = [c for c in PROFILE_COLUMNS if c in analysis.customers.columns]
    profiles = analysis.customers[profile_cols].copy()
    profiles.index.name = "customer_id"
    return profiles


def state_from_analysis(analysis, *, settings: dict[str, Any] | None = None,
                        segment_names: dict[str, dict[str, str]] | None = None,
                        campaigns: list[dict[str, Any]] | None = None,
                        ticks: list[dict[str, Any]] | None = None,
                        saved_lists: list[dict[str, Any]] | None = None) -> ProjectState:
    """Return the ProjectState of an Analysis (from pipeline.analyze) plus what the app adds."""
    opts = analysis.options
    sources = [SourceFile.of(p, "orders") for p in opts.paths]
    if opts.customers_file is not None:
        sources.append(SourceFile.of(opts.customers_file, "customers"))
    return ProjectState(
        options=options_to_dict(opts), lines=analysis.lines, profiles=_profiles_of(analysis), sources=sources,
        report=_report_to_dict(analysis.report),
        roles={r: m.to_dict() for r, m in analysis.roles.items()},
        customer_roles={r: m.to_dict() for r, m in analysis.customer_roles.items()},
        settings=dict(settings or {}), segment_names=dict(segment_names or {}), campaigns=list(campaigns or []),
        ticks=list(ticks or []), saved_lists=list(saved_lists or []),
        deletions=list(getattr(analysis, "deletions", None) or []),
    )


def analysis_from_state(state: ProjectState, progress: Progress | None = None):
    """Rebuild the Analysis from a project's saved lines, options and report."""
    from .pipeline import LoadedData, analyze_loaded
    from .roles import RoleMatch

    options = options_from_dict(state.options)
    roles = {r: RoleMatch(**m) for r, m in state.roles.items()}
    customer_roles = {r: RoleMatch(**m) for r, m in state.customer_roles.items()}
    if state.lines.empty:
        raise InputError("project_project_holds_order_lines")
    data = LoadedData(state.lines, _report_from_dict(state.report), roles, state.profiles, customer_roles, [])
    analysis = analyze_loaded(data, options, progress)
    _apply_segment_names(analysis, state.segment_names)
    analysis.deletions = list(state.deletions)  # kept through the app's saves
    return analysis


def reanalyse(analysis, *, segment_names: dict[str, dict[str, str]] | None = None,
              progress: Progress | None = None, **changes: Any):
    """Analyse an analysis's own lines again with some options changed (e.g. as_of, rfm_model): what
    a project does when the analysis date or the model changes. No source file is read."""
    from .pipeline import LoadedData, analyze_loaded

    options = dataclasses.replace(analysis.options, **changes)
    data = LoadedData(analysis.lines, analysis.report, analysis.roles, _profiles_of(analysis),
                      analysis.customer_roles, [])
    again = analyze_loaded(data, options, progress)
    _apply_segment_names(again, segment_names or {})
    again.deletions = list(getattr(analysis, "deletions", None) or [])
    return again


def _apply_segment_names(analysis, names: dict[str, dict[str, str]]) -> None:
    """Put the user's own segment names on the customers and the segment summary."""
    if not names:
        return
    for frame, key_col, columns in ((analysis.customers, "segment", ("segment_name", "segment_name_zh")),
                                    (analysis.segments, "key", ("name", "name_zh"))):
        if key_col not in frame.columns:
            continue
        for col, lang in zip(columns, ("name", "name_zh")):
            if col in frame.columns:
                own = frame[key_col].map(lambda k, lang=lang: names.get(str(k), {}).get(lang))
                frame[col] = own.where(own.notna(), frame[col])


# ---------------------------------------------------------------- saving


def _kind_of(s: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(s):
        return "b1"
    if pd.api.types.is_datetime64_any_dtype(s):
        return "datetime"
    if pd.api.types.is_integer_dtype(s) and not s.isna().any():
        return "i8"
    if pd.api.types.is_numeric_dtype(s):
        return "f8"
    return "str" if isinstance(s.dtype, pd.StringDtype) else "text"


def _label(value: Any) -> str:
    text = value.isoformat() if isinstance(value, (pd.Timestamp, datetime, date)) else str(value)
    return text[:_MAX_TEXT]


def _encode(part: pd.Series, kind: str) -> Iterator[tuple[int, bytes, str | None]]:
    """(rows, data, labels) of one chunk of a column; a chunk whose labels would pass the length
    limit is halved."""
    if kind in ("text", "str"):
        codes, uniques = pd.factorize(part.to_numpy(dtype=object), use_na_sentinel=True)
        labels = _dumps([_label(v) for v in uniques])
        if len(labels.encode("utf-8")) > _MAX_VALUE_BYTES // 2 and len(part) > 1:
            half = len(part) // 2
            yield from _encode(part.iloc[:half], kind)
            yield from _encode(part.iloc[half:], kind)
            return
        yield len(part), codes.astype("<i4").tobytes(), labels
    elif kind == "datetime":
        values = part.dt.tz_localize(None) if getattr(part.dt, "tz", None) is not None else part
        yield len(part), values.to_numpy(dtype="datetime64[ns]").view("<i8").tobytes(), None
    elif kind == "f8":
        values = part.to_numpy(dtype="<f8", na_value=np.nan)
        yield len(part), np.where(np.isinf(values), np.nan, values).astype("<f8").tobytes(), None
    elif kind == "i8":
        yield len(part), part.to_numpy(dtype="<i8").tobytes(), None
    else:
        yield len(part), part.to_numpy(dtype=bool).astype(np.uint8).tobytes(), None


def _write_frame(con: sqlite3.Connection, name: str, df: pd.DataFrame, progress: Progress,
                 start: float, end: float) -> None:
    """Store a frame column by column in column_chunks."""
    insert = f"INSERT INTO column_chunks ({', '.join(_CHUNK_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)"
    for i, col in enumerate(df.columns):
        s = df[col]
        kind = _kind_of(s)
        chunk = 0
        for lo in range(0, len(s), _CHUNK_ROWS):
            for rows, data, labels in _encode(s.iloc[lo:lo + _CHUNK_ROWS], kind):
                con.execute(insert, (name, _sql_text(str(col)), chunk, rows, kind, data, labels))
                chunk += 1
        progress(start + (end - start) * (i + 1) / max(1, len(df.columns)), "Saving the project")


def save_project(path: Path | str, state, *, settings: dict[str, Any] | None = None,
                 segment_names: dict[str, dict[str, str]] | None = None,
                 campaigns: list[dict[str, Any]] | None = None,
                 progress: Progress | None = None, password: str | None = None,
                 ticks: list[dict[str, Any]] | None = None,
                 saved_lists: list[dict[str, Any]] | None = None) -> Path:
    """Save a ProjectState (or an Analysis, with the app's settings, segment names, campaign records,
    This week's ticks and the filter builder's saved lists) as an SQLite project file, atomically; return
    the path written. Refuses to overwrite
    one of the analysis's own source files. With a `password` the file is encrypted (vault.py): the
    database is built in memory and only its encrypted bytes reach the disk."""
    progress = progress or no_progress
    if not isinstance(state, ProjectState):
        state = state_from_analysis(state, settings=settings, segment_names=segment_names, campaigns=campaigns,
                                    ticks=ticks, saved_lists=saved_lists)
    target = Path(path)
    if not target.suffix:
        target = target.with_suffix(PROJECT_SUFFIX)
    with contextlib.suppress(OSError):
        mine = os.stat(target)
        for src in state.sources:
            local = local_file(src.path)
            if local is not None and os.path.samestat(os.stat(local), mine):
                raise InputError("project_one_files_analysis_read", file=target.name, stem=target.stem,
                                 project_suffix=PROJECT_SUFFIX)
    if target.exists() and target.is_file() and not _is_project_file(target):
        raise InputError("project_already_exists_clientele_project", file=target.name)
    folder = target.parent
    if not folder.is_dir():
        raise InputError("project_folder_does_exist_choose", folder=folder)
    tmp = _temporary(target)
    state.saved_at = datetime.now(UTC).isoformat(timespec="seconds")
    state.app_version = state.app_version or _version()
    try:
        _write_database(tmp, state, progress, password)
        os.replace(tmp, target)
    except PermissionError as exc:
        raise InputError("project_saved_may_open_another", file=target.name, value=exc.strerror or exc) from None
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise InputError("project_saved_check_disk_space", file=target.name, reason=reason) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    progress(1.0, "Project saved")
    return target


def _temporary(target: Path) -> Path:
    """The hidden file a save writes before it becomes `target`: .<name>.<8 hex>.tmp beside it, or
    .clientele-save.<8 hex>.tmp when that name would pass the usual 255-byte limit of a file name
    (a name of 80 Chinese characters is 240 bytes)."""
    tag = uuid.uuid4().hex[:8]
    name = f".{target.name}.{tag}.tmp"
    if len(os.fsencode(name)) > 255:
        name = f".clientele-save.{tag}.tmp"
    return target.parent / name


def _write_database(tmp: Path, state: ProjectState, progress: Progress, password: str | None = None) -> None:
    # sqlite3 takes a str path as UTF-8: a file name with undecodable bytes goes through a URI of
    # its bytes instead (as_uri percent-encodes them). With a password the database is built in
    # memory and only its encrypted bytes are written (vault.py).
    con = sqlite3.connect(":memory:") if password else sqlite3.connect(f"{tmp.absolute().as_uri()}?mode=rwc", uri=True)
    try:
        con.execute("PRAGMA journal_mode = OFF")  # a fresh temp file: the rename is the transaction
        con.execute("PRAGMA synchronous = OFF")
        with con:
            con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            meta = {
                "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": state.app_version,
                "saved_at": state.saved_at, "options": state.options, "report": state.report,
                "roles": state.roles, "customer_roles": state.customer_roles, "settings": state.settings,
                "segment_names": state.segment_names,
            }
            if state.deletions:
                meta["deletions"] = state.deletions
            con.executemany("INSERT INTO meta VALUES (?, ?)", [(k, _dumps(v)) for k, v in meta.items()])
            con.execute("CREATE TABLE sources (position INTEGER, kind TEXT, path TEXT, name TEXT, size INTEGER, "
                        "sha256 TEXT, modified TEXT)")
            con.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [(i, s.kind, _sql_path(s.path), _sql_text(Path(s.path).name), s.size, s.sha256,
                              s.modified) for i, s in enumerate(state.sources)])
            con.execute("CREATE TABLE campaigns (id INTEGER PRIMARY KEY, created TEXT, record TEXT)")
            con.executemany("INSERT INTO campaigns (created, record) VALUES (?, ?)",
                            [(_sql_text(str(c.get("created", c.get("created_at", "")))), _dumps(c))
                             for c in state.campaigns])
            con.execute("CREATE TABLE column_chunks (frame TEXT, name TEXT, chunk INTEGER, rows INTEGER, "
                        "kind TEXT, data BLOB, labels TEXT)")
            con.execute("CREATE TABLE ticks (customer_id TEXT, ticked_on TEXT, as_of TEXT, kind TEXT)")
            con.executemany("INSERT INTO ticks VALUES (?, ?, ?, ?)",
                            [(_sql_text(str(t["customer_id"])), t["ticked_on"], t["as_of"], t.get("kind"))
                             for t in state.ticks])
            con.execute("CREATE TABLE saved_lists (name TEXT, expression TEXT, created TEXT)")
            con.executemany("INSERT INTO saved_lists VALUES (?, ?, ?)",
                            [(_sql_text(x["name"]), _sql_text(x["expression"]), x.get("created"))
                             for x in state.saved_lists])
            lines = state.lines[[c for c in LINE_COLUMNS if c in state.lines.columns]]
            _write_frame(con, "lines", lines, progress, 0.0, 0.85)
            _write_frame(con, "profiles", state.profiles.reset_index(), progress, 0.85, 0.95)
        con.commit()
        if password:
            from .vault import encrypt

            tmp.write_bytes(encrypt(con.serialize(), password))
    finally:
        con.close()
    # Make the bytes durable before the rename makes them the project.
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())


# ---------------------------------------------------------------- loading (untrusted input)


class _Damaged(Exception):
    """The file is not what Clientele writes (raised by the checks; becomes the one sentence)."""


def _need(ok: Any) -> None:
    if not ok:
        raise _Damaged()


def _is_text(value: Any, limit: int = _MAX_TEXT) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**53


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_path_text(value: Any) -> bool:
    return _is_text(value) and "\x00" not in value


def _is_str_map(value: Any, limit: int = 1_000) -> bool:
    return (isinstance(value, dict) and len(value) <= limit
            and all(_is_text(k, 1_000) and _is_text(v) for k, v in value.items()))


def _is_time(value: Any) -> bool:
    """An ISO date or time Clientele wrote (raises ValueError for one that does not exist)."""
    if not _is_text(value, 40):
        return False
    moment = datetime.fromisoformat(value)
    return 1900 <= moment.year <= 2200


def _is_day(value: Any) -> bool:
    return _is_text(value, 40) and 1900 <= date.fromisoformat(value[:10]).year <= 2200


def _no_constant(name: str) -> Any:
    raise _Damaged()  # NaN, Infinity, -Infinity are not JSON


def _finite_float(text: str) -> float:
    value = float(text)
    _need(math.isfinite(value))  # 1e999
    return value


def _json(text: Any, walk: bool = True) -> Any:
    """Parse stored JSON: finite numbers only, at most _MAX_JSON_DEPTH deep."""
    _need(isinstance(text, str))
    value = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    stack = [(value, 0)] if walk else []
    while stack:
        item, depth = stack.pop()
        _need(depth <= _MAX_JSON_DEPTH)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return value


def _damaged(p: Path) -> InputError:
    return InputError("project_damaged_written_clientele_so", file=p.name)


def _not_a_project(p: Path) -> InputError:
    return InputError("project_sqlite_database_but_clientele", file=p.name)


class _Untrusted(sqlite3.Connection):
    """A connection with a budget of SQLite instructions: _MAX_STEPS progress calls, plus an
    allowance for the rows of a format-1 table once they are counted."""

    allowance = 0


def _open_untrusted(path: Path, data: bytes | None = None) -> _Untrusted:
    """A read-only connection to a database nobody vouches for: opened immutable (no lock, journal or
    WAL file is read or created beside it), no schema function is trusted, no value longer than
    _MAX_VALUE_BYTES is read, and a statement that runs away is interrupted by the progress handler
    (sqlite3.OperationalError) instead of hanging the app."""
    if data is not None:  # a decrypted project: the database only ever in memory
        con = sqlite3.connect(":memory:", factory=_Untrusted)
    else:
        con = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro&immutable=1", uri=True, factory=_Untrusted)
    try:
        if data is not None:
            con.deserialize(data)
        con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, _MAX_VALUE_BYTES)
        con.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 100_000)
        con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        steps = [0]

        def runaway() -> int:
            steps[0] += 1
            return 1 if steps[0] > _MAX_STEPS + con.allowance else 0

        con.set_progress_handler(runaway, _PROGRESS_STEP)
        for pragma in ("trusted_schema = OFF", "query_only = ON", "cell_size_check = ON", "mmap_size = 0"):
            con.execute(f"PRAGMA {pragma}")
    except BaseException:
        con.close()
        raise
    return con


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    """The stored columns of `table` (a generated or hidden column is refused: reading it runs SQL)."""
    info = con.execute(f'PRAGMA table_xinfo("{table}")').fetchall()
    _need(0 < len(info) <= 64 and all(row[6] == 0 and isinstance(row[1], str) for row in info))
    names = [row[1] for row in info]
    _need(len(set(names)) == len(names))
    return names


def _read_meta(con: sqlite3.Connection, p: Path) -> tuple[dict[str, str], set[str]]:
    """Check sqlite_master (plain tables and their automatic indexes only: no view, trigger or virtual
    table) and read the meta rows of a Clientele project; return them (as stored) and the tables."""
    entries = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master LIMIT 65").fetchall()
    _need(len(entries) <= 64)
    tables = set()
    for kind, name, _table, sql in entries:
        if kind == "table":
            _need(isinstance(sql, str) and re.match(r"\s*CREATE\s+TABLE\s", sql, re.IGNORECASE))
            tables.add(name)
        else:
            _need(kind == "index" and sql is None and str(name).startswith("sqlite_autoindex_"))
    if "meta" not in tables:
        raise _not_a_project(p)
    _need(_columns(con, "meta") == ["key", "value"])
    rows = con.execute("SELECT key, value FROM meta LIMIT 65").fetchall()
    _need(len(rows) <= 64)
    raw: dict[str, str] = {}
    for key, value in rows:
        _need(_is_text(key, 100) and isinstance(value, str) and key not in raw)
        raw[key] = value
    try:
        fmt = json.loads(raw.get("format", "null"))
    except ValueError:
        fmt = None
    if fmt != FORMAT:
        raise _not_a_project(p)
    return raw, tables


def _check_schema(con: sqlite3.Connection, p: Path) -> tuple[int, dict[str, Any]]:
    """Refuse anything but the exact schema of a known format version; return the version and meta."""
    raw, tables = _read_meta(con, p)
    version = _json(raw.get("format_version"))
    _need(_is_count(version) and version >= 1)
    if version > FORMAT_VERSION:
        raise InputError("project_saved_newer_version_clientele", file=p.name)
    expected = _TABLES.get(version)
    if expected is None:
        raise _Damaged()
    _need(set(tables) == set(expected)
          and set(_META_KEYS) <= set(raw) <= set(_META_KEYS) | set(_OPTIONAL_META))
    for table, columns in expected.items():
        actual = _columns(con, table)
        if columns is not None:
            _need(actual == columns)
        else:  # format 1: a frame's own columns
            _need(set(actual) <= set(_FRAME_COLUMNS[table]))
            _need(table != "lines" or set(_REQUIRED_LINES) <= set(actual))
    return version, {k: _json(v) for k, v in raw.items()}


def _check_options(d: Any) -> dict[str, Any]:
    from .pipeline import AnalysisOptions
    from .segments.rfm import EightClassThresholds

    fields = {f.name: f for f in dataclasses.fields(AnalysisOptions)}
    cuts = {f.name for f in dataclasses.fields(EightClassThresholds)}
    checks: dict[str, Callable[[Any], bool]] = {
        "paths": lambda v: isinstance(v, list) and len(v) <= _MAX_SOURCES and all(map(_is_path_text, v)),
        "sheet": lambda v: v is None or _is_text(v),
        "customers_file": lambda v: v is None or _is_path_text(v),
        "overrides": _is_str_map,
        "customer_overrides": _is_str_map,
        "as_of": lambda v: v is None or _is_day(v),
        "rfm_model": lambda v: type(v) is int and v in (8, 11),
        "date_order": lambda v: v in ("auto", "dmy", "mdy"),
        "eight_class": lambda v: v is None or (isinstance(v, dict) and set(v) == cuts
                                               and all(map(_is_number, v.values()))),
    }
    _need(isinstance(d, dict) and set(d) <= set(fields) and "paths" in d)
    for key, value in d.items():
        check = checks.get(key)
        if check is not None:
            _need(check(value))
        else:  # a plain option (keep_zero_price ...): a value of its default's type
            default = fields[key].default
            if default is not dataclasses.MISSING:
                _need(value is None if default is None else type(value) is type(default))
    return d


def _check_roles(d: Any) -> dict[str, dict]:
    from .roles import RoleMatch

    names = {f.name for f in dataclasses.fields(RoleMatch)}
    _need(isinstance(d, dict) and len(d) <= 200)
    for role, match in d.items():
        # RoleMatch.to_dict keeps column, confidence and reason (the evidence as its English text)
        _need(_is_text(role, 100) and isinstance(match, dict)
              and {"column", "confidence", "reason"} <= set(match) <= names)
        _need(_is_text(match["column"]) and _is_number(match["confidence"]) and _is_text(match["reason"]))
    return d


def _check_names(d: Any) -> dict[str, dict[str, str]]:
    _need(isinstance(d, dict) and len(d) <= 1_000)
    for key, names in d.items():
        _need(_is_text(key, 100) and isinstance(names, dict) and set(names) <= {"name", "name_zh"})
        _need(all(v is None or _is_text(v, 1_000) for v in names.values()))
    return d


def _check_deletions(d: Any) -> list[dict[str, str]]:
    _need(isinstance(d, list) and len(d) <= _MAX_DELETIONS)
    for record in d:
        _need(isinstance(record, dict) and set(record) == {"date", "pseudonym", "salt"}
              and all(_is_text(v, 100) for v in record.values()))
    return d


def _read_sources(con: sqlite3.Connection) -> list[SourceFile]:
    rows = con.execute("SELECT position, kind, path, name, size, sha256, modified FROM sources LIMIT ?",
                       (_MAX_SOURCES + 1,)).fetchall()
    _need(len(rows) <= _MAX_SOURCES)
    out = []
    for position, kind, path, name, size, sha, modified in rows:
        if isinstance(path, bytes) and len(path) <= _MAX_TEXT:  # a name that is not UTF-8
            path = os.fsdecode(path)
        _need(_is_count(position) and kind in ("orders", "customers") and _is_path_text(path)
              and (name is None or _is_text(name)) and (size is None or _is_count(size))
              and (sha is None or (isinstance(sha, str) and _SHA256.fullmatch(sha)))
              and (modified is None or _is_time(modified)))
        out.append((position, SourceFile(path=path, kind=kind, size=size, sha256=sha, modified=modified)))
    return [s for _pos, s in sorted(out, key=lambda r: r[0])]


def _read_campaigns(con: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = con.execute("SELECT id, created, record FROM campaigns LIMIT ?", (_MAX_CAMPAIGNS + 1,)).fetchall()
    _need(len(rows) <= _MAX_CAMPAIGNS)
    out = []
    for ident, created, record in rows:
        _need(_is_count(ident) and (created is None or _is_text(created, 64)))
        value = _json(record)
        _need(isinstance(value, dict))
        out.append((ident, value))
    return [r for _id, r in sorted(out, key=lambda r: r[0])]


def _read_ticks(con: sqlite3.Connection) -> list[dict[str, Any]]:
    """Format 3: the contacted ticks, one per customer (text ids, ISO days, a list kind or NULL)."""
    from .todo import KINDS

    rows = con.execute("SELECT customer_id, ticked_on, as_of, kind FROM ticks LIMIT ?", (_MAX_TICKS + 1,)).fetchall()
    _need(len(rows) <= _MAX_TICKS)
    out = []
    for customer, ticked_on, as_of, kind in rows:
        _need(_is_text(customer, 1_000) and _is_text(ticked_on, 10) and _is_day(ticked_on)
              and _is_text(as_of, 10) and _is_day(as_of) and (kind is None or kind in KINDS))
        out.append({"customer_id": customer, "ticked_on": ticked_on, "as_of": as_of, "kind": kind})
    _need(len({t["customer_id"] for t in out}) == len(out))
    return out


def _read_saved_lists(con: sqlite3.Connection) -> list[dict[str, Any]]:
    """Format 3: the saved lists, each a name and a filter that must read (filters.parse)."""
    from .filters import MAX_EXPRESSION, parse

    rows = con.execute("SELECT name, expression, created FROM saved_lists LIMIT ?", (_MAX_LISTS + 1,)).fetchall()
    _need(len(rows) <= _MAX_LISTS)
    out = []
    for name, expression, created in rows:
        _need(_is_text(name, 200) and name.strip() and _is_text(expression, MAX_EXPRESSION)
              and (created is None or _is_time(created)))
        try:
            parse(expression)
        except InputError:
            raise _Damaged() from None
        out.append({"name": name, "expression": expression, "created": created})
    _need(len({x["name"] for x in out}) == len(out))
    return out


def _decode(kind: str, data: bytes, labels: Any, fill: str | None = None) -> np.ndarray:
    """One stored chunk of a column as a numpy array (text: empty cells become `fill`)."""
    if kind in ("text", "str"):
        values = _json(labels, walk=False)
        _need(isinstance(values, list) and set(map(type, values)) <= {str}
              and max(map(len, values), default=0) <= _MAX_TEXT)
        codes = np.frombuffer(data, "<i4")
        _need(len(values) <= len(codes))  # no more distinct values than rows: memory follows the rows
        _need(not len(codes) or (codes.min() >= -1 and codes.max() < len(values)))
        table = np.empty(len(values) + 1, dtype=object)
        table[:-1] = values
        table[-1] = fill
        return table[codes]
    _need(labels is None)
    if kind == "f8":
        values = np.frombuffer(data, "<f8")
        _need(not np.isinf(values).any())
        return values
    if kind == "b1":
        values = np.frombuffer(data, np.uint8)
        _need(not len(values) or values.max() <= 1)
        return values.astype(bool)
    values = np.frombuffer(data, "<i8")
    return values.view("datetime64[ns]") if kind == "datetime" else values


def _read_chunks(con: sqlite3.Connection) -> dict[str, dict[str, tuple[str, np.ndarray]]]:
    """Format 2: the frames' columns from column_chunks (in stored order: no sorting of blobs)."""
    parts: dict[str, dict[str, tuple[str, list[np.ndarray], list[int]]]] = {"lines": {}, "profiles": {}}
    cursor = con.execute("SELECT frame, name, chunk, rows, kind, data, labels FROM column_chunks LIMIT ?",
                         (_MAX_CHUNKS + 1,))
    for count, (frame, name, chunk, rows, kind, data, labels) in enumerate(cursor, 1):
        _need(count <= _MAX_CHUNKS and frame in parts and name in _FRAME_COLUMNS[frame] and kind in _ITEM_BYTES)
        wanted = (_LINE_KINDS if frame == "lines" else {"customer_id": "text"}).get(name)
        entry = parts[frame].setdefault(name, (kind, [], [0]))
        _need(kind == entry[0] and wanted in (None, kind, _TEXT.get(kind)) and chunk == len(entry[1]))
        _need(_is_count(rows) and rows <= _CHUNK_ROWS and isinstance(data, bytes)
              and len(data) == rows * _ITEM_BYTES[kind])
        entry[2][0] += rows
        _need(entry[2][0] <= _FRAME_ROWS[frame])
        entry[1].append(_decode(kind, data, labels, _FILL.get((frame, name))))
    return {frame: {name: (kind, np.concatenate(arrays)) for name, (kind, arrays, _n) in cols.items()}
            for frame, cols in parts.items()}


_NONE = type(None)


def _v1_column(values: np.ndarray, kind: str) -> tuple[str, np.ndarray]:
    """A format-1 column read from SQLite (whose values carry their own types), checked and made a
    numpy array: text is str or NULL, numbers are finite, dates are the ISO text format 1 wrote."""
    types = set(map(type, values))
    if kind in ("text", "any"):
        _need(types <= ({str, _NONE} if kind == "text" else {str, int, float, _NONE}))
        texts = filter(None, values) if kind == "text" else (v for v in values if type(v) is str)
        _need(max(map(len, texts), default=0) <= _MAX_TEXT)
        out = values
        if float in types:
            _need(np.isfinite(np.array([v for v in values if type(v) is float])).all())
        return "text", out
    if kind == "datetime":
        _need(types <= {str})
        parsed = pd.to_datetime(pd.Series(values, dtype=object), format="%Y-%m-%dT%H:%M:%S", errors="coerce")
        return kind, parsed.to_numpy(dtype="datetime64[ns]")  # a date that does not exist is NaT: refused
    _need(types <= {int, float, _NONE})
    numbers = np.array(values, dtype="float64")  # NULL is NaN
    _need(not np.isinf(numbers).any())
    if kind == "f8":
        return kind, numbers
    numbers = np.nan_to_num(numbers, nan=0.0)
    if kind == "b1":
        _need(np.isin(numbers, (0.0, 1.0)).all())
        return kind, numbers.astype(bool)
    _need((np.abs(numbers) < 2**53).all() and (numbers % 1 == 0).all())
    return kind, numbers.astype("int64")


def _read_tables_v1(con: _Untrusted) -> dict[str, dict[str, tuple[str, np.ndarray]]]:
    """Format 1: lines and profiles as plain tables: the named columns, row counts capped, each
    column checked value by value (_v1_column)."""
    out = {}
    for frame in ("lines", "profiles"):
        names = _columns(con, frame)
        kinds = {c: (_LINE_KINDS if frame == "lines" else _PROFILE_KINDS).get(c, "text" if frame == "lines" else "any")
                 for c in names}
        (count,) = con.execute(f'SELECT count(*) FROM "{frame}"').fetchone()
        _need(count <= _FRAME_ROWS[frame])
        con.allowance += count * (len(names) + 1) // 50  # ~200 instructions per value to read
        cursor = con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in names)} FROM "{frame}" LIMIT ?',
                             (count,))
        parts: dict[str, list[np.ndarray]] = {c: [] for c in names}
        found: dict[str, str] = {}
        while rows := cursor.fetchmany(100_000):  # a chunk at a time: rows of Python objects are big
            table = np.empty((len(rows), len(names)), dtype=object)
            table[:] = rows
            for i, c in enumerate(names):
                found[c], array = _v1_column(table[:, i].copy(), kinds[c])
                parts[c].append(array)
        out[frame] = {c: (found.get(c, "text" if kinds[c] in ("text", "any") else kinds[c]),
                          _filled(np.concatenate(parts[c]) if parts[c] else np.empty(0, dtype=object),
                                  _FILL.get((frame, c))))
                      for c in names}
    return out


def _series(kind: str, values: np.ndarray) -> pd.Series | np.ndarray:
    """A stored column as pandas holds it: 'str' as the str dtype, 'text' as objects."""
    if kind == "str":
        return pd.Series(values, dtype="str")
    if kind == "text":
        return pd.Series(values, dtype=object)
    return values


def _filled(values: np.ndarray, fill: str | None) -> np.ndarray:
    """Format 1 wrote empty ids as NULL: the empty string, as format 2 reads them."""
    if fill is None or values.dtype != object:
        return values
    return np.where(pd.isna(values), fill, values).astype(object)


def _lines_frame(columns: dict[str, tuple[str, np.ndarray]]) -> pd.DataFrame:
    _need(set(_REQUIRED_LINES) <= set(columns) and len({len(a) for _k, a in columns.values()}) == 1)
    n = len(columns["customer_id"][1])
    data = {}
    for name in LINE_COLUMNS:
        if name not in columns:  # a column this project predates: empty
            kind = _LINE_KINDS.get(name, "text")
            empty = {"f8": np.full(n, np.nan), "i8": np.zeros(n, "int64"), "b1": np.zeros(n, bool)}.get(kind)
            data[name] = empty if empty is not None else _series("text", np.full(n, _FILL.get(("lines", name))))
            continue
        kind, values = columns[name]
        if kind == "datetime":  # every clean line has a date in 1900..2200 (as parsing reads them)
            _need(not len(values) or (values.min() >= _EARLIEST and values.max() <= _LATEST))
        data[name] = _series(kind, values)
    return pd.DataFrame(data)


def _profiles_frame(columns: dict[str, tuple[str, np.ndarray]]) -> pd.DataFrame:
    if "customer_id" not in columns:
        return pd.DataFrame(index=pd.Index([], name="customer_id", dtype=object))
    _need(len({len(a) for _k, a in columns.values()}) == 1)
    kind, ids = columns["customer_id"]
    _need(kind in ("text", "str"))
    data = {c: _series(*columns[c]) for c in PROFILE_COLUMNS if c in columns}
    if "consent" in data:  # stored as the text of True / False
        from .consent import as_consent

        data["consent"] = pd.Series([as_consent(v) for v in data["consent"]], dtype=object)
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(ids)))
    frame.index = pd.Index(_series(kind, ids), name="customer_id")
    _need(frame.index.is_unique)
    return frame


def _is_project_file(path: Path) -> bool:
    """True for a regular file whose schema and meta say Clientele project (nothing else is run)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with path.open("rb") as fh:
            head = fh.read(16)
        from .vault import MAGIC

        if head == MAGIC:  # password-protected: a project by its header (the password is not known here)
            return True
        if head != b"SQLite format 3\x00":
            return False
        with contextlib.closing(_open_untrusted(path)) as con:
            _read_meta(con, path)
        return True
    except (InputError, _Damaged, OSError, sqlite3.Error, ValueError, RecursionError):
        return False


def load_project(path: Path | str, password: str | None = None) -> OpenedProject:
    """Open a project file. Works when the source spreadsheets have moved or changed (the project
    holds the cleaned lines; `missing_sources` / `changed_sources` say what happened to them). Raises
    InputError with one sentence for a file that is not a readable Clientele project, or a
    password-protected one opened without its `password` or with a wrong one (vault.py: decrypted
    into memory only). The file is untrusted: see the module's description."""
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except (OSError, ValueError):
        raise InputError("project_does_exist_check_file", p=p) from None
    if not stat.S_ISREG(mode):
        raise InputError("project_file_clientele_open_choose", file=p.name, project_suffix=PROJECT_SUFFIX)
    from .vault import MAGIC, decrypt

    with p.open("rb") as fh:
        head = fh.read(16)
    data = None
    if head == MAGIC:
        with p.open("rb") as fh:
            data = decrypt(fh.read(), password, p.name)
        head = data[:16]
    if head != b"SQLite format 3\x00":
        raise InputError("project_clientele_project_open_your", file=p.name)
    try:
        with contextlib.closing(_open_untrusted(p, data)) as con:
            del data  # the decrypted bytes now live in the connection only
            version, meta = _check_schema(con, p)
            options = _check_options(meta["options"])
            options_from_dict(options)
            _report_from_dict(meta["report"])
            _need(_is_text(meta["app_version"], 100) and (meta["saved_at"] == "" or _is_time(meta["saved_at"])))
            _need(isinstance(meta["settings"], dict))
            sources = _read_sources(con)
            campaigns = _read_campaigns(con)
            ticks = _read_ticks(con) if version >= 3 else []
            saved_lists = _read_saved_lists(con) if version >= 3 else []
            frames = _read_tables_v1(con) if version == 1 else _read_chunks(con)
        state = ProjectState(
            options=options, lines=_lines_frame(frames["lines"]), profiles=_profiles_frame(frames["profiles"]),
            sources=sources, report=meta["report"], roles=_check_roles(meta["roles"]),
            customer_roles=_check_roles(meta["customer_roles"]), settings=meta["settings"],
            segment_names=_check_names(meta["segment_names"]), campaigns=campaigns, ticks=ticks,
            saved_lists=saved_lists, saved_at=meta["saved_at"],
            app_version=meta["app_version"], deletions=_check_deletions(meta.get("deletions", [])),
        )
    except InputError:
        raise
    except (_Damaged, sqlite3.Error, ValueError, TypeError, KeyError, IndexError, AttributeError,
            OverflowError, RecursionError, MemoryError, UnicodeError):
        raise _damaged(p) from None
    status = [(Path(s.path), s.status()) for s in sources]
    return OpenedProject(p, state, [q for q, st in status if st == "missing"],
                         [q for q, st in status if st == "changed"])


# ---------------------------------------------------------------- autosave and sessions

_AUTOSAVE_NAME = re.compile(r"session-([1-9][0-9]{0,9})" + re.escape(PROJECT_SUFFIX))
_MARKER_NAME = re.compile(r"([1-9][0-9]{0,9})\.json")


def data_dir() -> Path:
    """The folder for autosaves and session markers (CLIENTELE_DATA_DIR, else the user's data folder)."""
    override = os.environ.get("CLIENTELE_DATA_DIR")
    if override:
        return Path(override)
    try:
        from platformdirs import user_data_dir

        return Path(user_data_dir("Clientele", appauthor=False))
    except Exception:  # noqa: BLE001 - platformdirs missing or no home: fall back to the temp folder
        return Path(tempfile.gettempdir()) / "Clientele"


def autosave_path(pid: int | None = None) -> Path:
    """Where this session (or process `pid`) autosaves its project: <data>/autosave/session-<pid>.clientele
    (written through a hidden temporary file .session-<pid>.clientele.<8 hex>.tmp in the same folder)."""
    return data_dir() / "autosave" / f"session-{os.getpid() if pid is None else pid}{PROJECT_SUFFIX}"


def own_autosave(path: Path | str) -> Path | None:
    """`path` (as a real path) when it is an autosave this app wrote: a regular file, not a link,
    named session-<pid>.clientele, directly in the app's own autosave folder. Only such files are ever
    offered for restoring or deleted; None for anything else."""
    try:
        p = Path(path)
        if not _AUTOSAVE_NAME.fullmatch(p.name):
            return None
        folder = os.path.realpath(data_dir() / "autosave")
        if (os.path.normcase(os.path.realpath(p.parent)) != os.path.normcase(folder)
                or not stat.S_ISREG(os.lstat(p).st_mode)):
            return None
        return Path(folder) / p.name
    except (OSError, ValueError):
        return None


def autosave(state, progress: Progress | None = None, password: str | None = None) -> Path:
    """Save the current analysis (ProjectState or Analysis) to this session's autosave file (encrypted
    with the project's `password`, when it has one)."""
    target = autosave_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    return save_project(target, state, progress=progress, password=password)


def _sessions_dir() -> Path:
    return data_dir() / "sessions"


def _marker(pid: int) -> Path:
    return _sessions_dir() / f"{pid}.json"


def mark_session_started() -> Path:
    """Record that this app session is running; return the marker file. Call at start-up, after
    previous_session_crashed()."""
    folder = _sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    marker = _marker(os.getpid())
    info = {"pid": os.getpid(), "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "autosave": str(autosave_path())}
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(_dumps(info), encoding="utf-8")
    os.replace(tmp, marker)
    return marker


def mark_session_clean_exit() -> None:
    """Record a clean exit: remove this session's marker and its autosave."""
    with contextlib.suppress(OSError):
        _marker(os.getpid()).unlink()
    save = own_autosave(autosave_path())
    if save is not None:
        with contextlib.suppress(OSError):
            save.unlink()


def _crashed_markers() -> Iterator[tuple[Path, int | None]]:
    """(marker, pid) of the session markers of processes that are gone; pid None for a marker of the
    app's naming that cannot be read. The marker's contents never name a file to use: the autosave of
    session <pid> is always autosave_path(pid)."""
    folder = _sessions_dir()
    if not folder.is_dir():
        return
    for marker in folder.glob("*.json"):
        match = _MARKER_NAME.fullmatch(marker.name)
        if not match:
            continue
        pid = int(match.group(1))
        try:
            st = os.lstat(marker)
            if not stat.S_ISREG(st.st_mode) or st.st_size > 4096:
                raise ValueError("not a marker")
            info = json.loads(marker.read_text(encoding="utf-8"))
            if not isinstance(info, dict) or info.get("pid") != pid:
                raise ValueError("not a marker")
        except (OSError, ValueError, UnicodeError):
            yield marker, None
            continue
        if pid != os.getpid() and not process_running(pid):
            yield marker, pid


def previous_session_crashed() -> Path | None:
    """Return the autosaved project of an earlier session that ended without a clean exit (the most
    recent one), or None when there is nothing to restore."""
    found: list[tuple[float, Path]] = []
    for _marker_path, pid in _crashed_markers():
        save = own_autosave(autosave_path(pid)) if pid is not None else None
        if save is not None:
            with contextlib.suppress(OSError):
                found.append((save.stat().st_mtime, save))
    return max(found)[1] if found else None


def forget_crashed_sessions(keep_autosaves: bool = False) -> None:
    """Remove the markers (and, unless kept, the autosaves) of sessions that ended without a clean
    exit: call after the user restored or declined the restore offer. Only the app's own autosaves
    (own_autosave) are deleted, whatever a marker says."""
    for marker, pid in list(_crashed_markers()):
        save = own_autosave(autosave_path(pid)) if pid is not None and not keep_autosaves else None
        if save is not None:
            with contextlib.suppress(OSError):
                save.unlink()
        with contextlib.suppress(OSError):
            marker.unlink()


def set_project_password(path: Path | str, new: str | None, old: str | None = None) -> Path:
    """Protect a project with the password `new` (None or "": remove the protection), opening it with
    `old` when it is protected now. The project is rewritten atomically; return its path."""
    p = Path(path)
    state = load_project(p, old).state
    return save_project(p, state, password=new or None)
