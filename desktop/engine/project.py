"""The project file: one analysis saved as an SQLite database (stdlib sqlite3), so it reopens without
its source spreadsheets and other tools can read it. Also the autosave location and the session
markers that tell the app its previous run ended without a clean exit.

A project holds the source files (path, size, SHA-256), the options (column mapping, sheet, model,
analysis date...), free-form app settings, the user's segment names, campaign records, the cleaning
report, and the cleaned order lines and customer profile fields themselves. Saving writes a new
database next to the target and moves it into place with os.replace: a crash leaves either the old
project or the new one, never half of each.

Tables (for other tools): meta(key, value JSON), sources, lines (schema.LINE_COLUMNS; dates as ISO
text), profiles (customer_id + schema.PROFILE_COLUMNS present), campaigns(id, created, record JSON).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pandas as pd

from .errors import InputError
from .progress import Progress, no_progress
from .schema import LINE_COLUMNS, PROFILE_COLUMNS

PROJECT_SUFFIX = ".clientele"
FORMAT = "clientele-project"
FORMAT_VERSION = 1
_DATE_COLUMNS = ("date",)
_CHUNK = 50_000


@dataclass
class SourceFile:
    """A file the analysis was read from, as it was when the project was saved."""

    path: str
    kind: str  # 'orders' or 'customers'
    size: int | None = None
    sha256: str | None = None
    modified: str | None = None  # ISO time of the file's last change

    @classmethod
    def of(cls, path: Path | str, kind: str) -> "SourceFile":
        """Describe a file on disk now (size, hash, time); a missing file keeps only its path."""
        p = Path(path)
        try:
            st = p.stat()
            return cls(str(p.resolve()), kind, st.st_size, file_sha256(p),
                       datetime.fromtimestamp(st.st_mtime, timezone.utc).isoformat(timespec="seconds"))
        except OSError:
            return cls(str(p), kind)

    def status(self) -> str:
        """'same', 'changed' (different bytes now) or 'missing' (moved, renamed or deleted)."""
        p = Path(self.path)
        try:
            if not p.is_file():
                return "missing"
            if self.size is not None and p.stat().st_size != self.size:
                return "changed"
            if self.sha256 is not None and file_sha256(p) != self.sha256:
                return "changed"
        except OSError:
            return "missing"
        return "same"


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
    saved_at: str = ""
    app_version: str = ""


@dataclass
class OpenedProject:
    """A project read back: its state, and what became of its source files since it was saved."""

    path: Path
    state: ProjectState
    missing_sources: list[Path]
    changed_sources: list[Path]

    @property
    def notes(self) -> list[str]:
        """Plain sentences about the source files, for the app to show."""
        out = []
        for p in self.missing_sources:
            out.append(f"{p.name} is no longer at {p.parent}; the project uses the cleaned lines it saved.")
        for p in self.changed_sources:
            out.append(f"{p.name} has changed since the project was saved; the project uses the lines it "
                       "saved — open the file again to analyse the new version.")
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
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(f"cannot store {type(value).__name__} in a project")


def _dumps(value: Any) -> str:
    return json.dumps(value, default=_json_default, ensure_ascii=False)


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
    """Rebuild AnalysisOptions from options_to_dict's output (unknown keys are ignored)."""
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
    d["set_aside_rows"] = {k: [list(r) for r in v] for k, v in report.set_aside_rows.items()}
    return d


def _report_from_dict(d: dict[str, Any]):
    from ..texts import Message
    from .cleaning import CleaningReport, SetAsideExample, WalkIn

    return CleaningReport(
        rows_read=int(d.get("rows_read", 0)), rows_used=int(d.get("rows_used", 0)),
        set_aside={k: int(v) for k, v in d.get("rows_set_aside", {}).items()},
        examples={k: [SetAsideExample(**e) for e in v] for k, v in d.get("examples", {}).items()},
        set_aside_rows={k: [tuple(r) for r in v] for k, v in d.get("set_aside_rows", {}).items()},
        returns=int(d.get("return_lines", 0)), notes=list(d.get("notes", [])),
        warnings=[Message.from_dict(w) for w in d.get("warnings", [])],
        has_prices=d.get("has_prices") is not False,
        walk_in=WalkIn.from_dict(d["walk_in"]) if d.get("walk_in") else None,
    )


def _version() -> str:
    try:
        from desktop import __version__

        return str(__version__)
    except Exception:  # noqa: BLE001 - the engine can be used without the app package metadata
        return ""


def state_from_analysis(analysis, *, settings: dict[str, Any] | None = None,
                        segment_names: dict[str, dict[str, str]] | None = None,
                        campaigns: list[dict[str, Any]] | None = None) -> ProjectState:
    """Return the ProjectState of an Analysis (from pipeline.analyze) plus what the app adds."""
    opts = analysis.options
    sources = [SourceFile.of(p, "orders") for p in opts.paths]
    if opts.customers_file is not None:
        sources.append(SourceFile.of(opts.customers_file, "customers"))
    profile_cols = [c for c in PROFILE_COLUMNS if c in analysis.customers.columns]
    profiles = analysis.customers[profile_cols].copy()
    profiles.index.name = "customer_id"
    return ProjectState(
        options=options_to_dict(opts), lines=analysis.lines, profiles=profiles, sources=sources,
        report=_report_to_dict(analysis.report),
        roles={r: m.to_dict() for r, m in analysis.roles.items()},
        customer_roles={r: m.to_dict() for r, m in analysis.customer_roles.items()},
        settings=dict(settings or {}), segment_names=dict(segment_names or {}), campaigns=list(campaigns or []),
    )


def analysis_from_state(state: ProjectState, progress: Progress | None = None):
    """Rebuild the Analysis from a project's saved lines, options and report."""
    from .pipeline import LoadedData, analyze_loaded
    from .roles import RoleMatch

    options = options_from_dict(state.options)
    roles = {r: RoleMatch(**m) for r, m in state.roles.items()}
    customer_roles = {r: RoleMatch(**m) for r, m in state.customer_roles.items()}
    if state.lines.empty:
        raise InputError("The project holds no order lines; open the source files again.",
                         zh="项目中没有订单明细；请重新打开原始文件。")
    data = LoadedData(state.lines, _report_from_dict(state.report), roles, state.profiles, customer_roles, [])
    analysis = analyze_loaded(data, options, progress)
    _apply_segment_names(analysis, state.segment_names)
    return analysis


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
                own = frame[key_col].map(lambda k: names.get(str(k), {}).get(lang))
                frame[col] = own.where(own.notna(), frame[col])


# ---------------------------------------------------------------- saving


def _sql_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of a frame with SQLite-friendly columns: dates as ISO text, booleans as 0/1, NA as NULL."""
    out = pd.DataFrame(index=df.index)
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_datetime64_any_dtype(s):
            out[c] = s.dt.strftime("%Y-%m-%dT%H:%M:%S").astype(object).where(s.notna(), None)
        elif pd.api.types.is_bool_dtype(s):
            out[c] = s.astype("int64")
        elif pd.api.types.is_numeric_dtype(s):
            out[c] = s
        else:
            out[c] = s.astype(object).where(s.notna(), None)
    return out


def _write_frame(con: sqlite3.Connection, name: str, df: pd.DataFrame, index: str | None,
                 progress: Progress, start: float, end: float) -> None:
    frame = _sql_frame(df.reset_index() if index else df)
    cols = list(frame.columns)
    types = []
    for c in cols:
        s = frame[c]
        if pd.api.types.is_integer_dtype(s):
            types.append("INTEGER")
        elif pd.api.types.is_float_dtype(s):
            types.append("REAL")
        else:
            types.append("TEXT")
    col_sql = ", ".join(f'"{c}" {t}' for c, t in zip(cols, types))
    con.execute(f'CREATE TABLE "{name}" ({col_sql})')
    insert = f'INSERT INTO "{name}" VALUES ({", ".join("?" for _ in cols)})'
    n = len(frame)
    for lo in range(0, n, _CHUNK):
        part = frame.iloc[lo:lo + _CHUNK]
        values = part.astype(object).where(part.notna(), None).to_numpy().tolist()
        con.executemany(insert, values)
        progress(start + (end - start) * min(1.0, (lo + _CHUNK) / max(1, n)), "Saving the project")


def save_project(path: Path | str, state, *, settings: dict[str, Any] | None = None,
                 segment_names: dict[str, dict[str, str]] | None = None,
                 campaigns: list[dict[str, Any]] | None = None,
                 progress: Progress | None = None) -> Path:
    """Save a ProjectState (or an Analysis, with the app's settings, segment names and campaign
    records) as an SQLite project file, atomically; return the path written. Refuses to overwrite
    one of the analysis's own source files."""
    progress = progress or no_progress
    if not isinstance(state, ProjectState):
        state = state_from_analysis(state, settings=settings, segment_names=segment_names, campaigns=campaigns)
    target = Path(path)
    if not target.suffix:
        target = target.with_suffix(PROJECT_SUFFIX)
    for src in state.sources:
        with contextlib.suppress(OSError):
            if Path(src.path).exists() and Path(src.path).resolve() == target.resolve():
                raise InputError(f"{target.name} is one of the files the analysis was read from; save the "
                                 f"project under another name (e.g. {target.stem}{PROJECT_SUFFIX}).",
                                 zh=f"文件“{target.name}”是分析所读取的文件之一；请用其他名称保存项目（例如 {target.stem}{PROJECT_SUFFIX}）。")
    if target.exists() and target.is_file() and not _is_project_file(target):
        raise InputError(f"{target.name} already exists and is not a Clientele project; choose another name.",
                         zh=f"文件“{target.name}”已存在，且不是 Clientele 项目；请换一个名称。")
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"The folder {folder} does not exist; choose another place to save the project.",
                         zh=f"文件夹“{folder}”不存在；请选择其他位置保存项目。")
    tmp = folder / f".{target.name}.{uuid.uuid4().hex[:8]}.tmp"
    state.saved_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    state.app_version = state.app_version or _version()
    try:
        _write_database(tmp, state, progress)
        os.replace(tmp, target)
    except PermissionError as exc:
        raise InputError(f"{target.name} could not be saved ({exc.strerror or exc}); it may be open in another "
                         "program, or the folder is read-only.",
                         zh=f"文件“{target.name}”无法保存（{exc.strerror or exc}）；它可能正在被其他程序打开，或文件夹是只读的。") from None
    except OSError as exc:
        raise InputError(f"{target.name} could not be saved ({exc.strerror or exc}); check the disk space and "
                         "the folder.",
                         zh=f"文件“{target.name}”无法保存（{exc.strerror or exc}）；请检查磁盘空间和文件夹。") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    progress(1.0, "Project saved")
    return target


def _write_database(tmp: Path, state: ProjectState, progress: Progress) -> None:
    con = sqlite3.connect(tmp)
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
            con.executemany("INSERT INTO meta VALUES (?, ?)", [(k, _dumps(v)) for k, v in meta.items()])
            con.execute("CREATE TABLE sources (position INTEGER, kind TEXT, path TEXT, name TEXT, size INTEGER, "
                        "sha256 TEXT, modified TEXT)")
            con.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [(i, s.kind, s.path, Path(s.path).name, s.size, s.sha256, s.modified)
                             for i, s in enumerate(state.sources)])
            con.execute("CREATE TABLE campaigns (id INTEGER PRIMARY KEY, created TEXT, record TEXT)")
            con.executemany("INSERT INTO campaigns (created, record) VALUES (?, ?)",
                            [(str(c.get("created", c.get("created_at", ""))), _dumps(c)) for c in state.campaigns])
            lines = state.lines[[c for c in LINE_COLUMNS if c in state.lines.columns]]
            _write_frame(con, "lines", lines, None, progress, 0.0, 0.85)
            _write_frame(con, "profiles", state.profiles, "customer_id", progress, 0.85, 0.95)
        con.commit()
    finally:
        con.close()
    # Make the bytes durable before the rename makes them the project.
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())


# ---------------------------------------------------------------- loading


def _is_project_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return False
        with contextlib.closing(_connect_ro(path)) as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            return bool(row) and json.loads(row[0]) == FORMAT
    except (OSError, sqlite3.Error, ValueError):
        return False


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


def load_project(path: Path | str) -> OpenedProject:
    """Open a project file. Works when the source spreadsheets have moved or changed (the project
    holds the cleaned lines; `missing_sources` / `changed_sources` say what happened to them). Raises
    InputError with one sentence for a file that is not a readable Clientele project."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p} does not exist; check the file name and folder.",
                         zh=f"文件“{p}”不存在；请检查文件名和文件夹。")
    with p.open("rb") as fh:
        head = fh.read(16)
    if head != b"SQLite format 3\x00":
        raise InputError(f"{p.name} is not a Clientele project; open your sales spreadsheet with Open file instead.",
                         zh=f"文件“{p.name}”不是 Clientele 项目；请改用“打开”来打开您的销售表格。")
    try:
        with contextlib.closing(_connect_ro(p)) as con:
            meta = {k: json.loads(v) for k, v in con.execute("SELECT key, value FROM meta")}
            if meta.get("format") != FORMAT:
                raise InputError(f"{p.name} is an SQLite database but not a Clientele project.",
                                 zh=f"文件“{p.name}”是 SQLite 数据库，但不是 Clientele 项目。")
            if int(meta.get("format_version", 0)) > FORMAT_VERSION:
                raise InputError(f"{p.name} was saved by a newer version of Clientele; update Clientele to open it.",
                                 zh=f"文件“{p.name}”是由更新版本的 Clientele 保存的；请先更新 Clientele 再打开。")
            sources = [SourceFile(path=r[0], kind=r[1], size=r[2], sha256=r[3], modified=r[4]) for r in
                       con.execute("SELECT path, kind, size, sha256, modified FROM sources ORDER BY position")]
            campaigns = [json.loads(r[0]) for r in con.execute("SELECT record FROM campaigns ORDER BY id")]
            lines = pd.read_sql_query('SELECT * FROM "lines"', con)
            profiles = pd.read_sql_query('SELECT * FROM "profiles"', con)
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{p.name} is damaged ({exc}); open an earlier copy, or the autosave.",
                         zh=f"文件“{p.name}”已损坏（{exc}）；请打开较早的副本，或自动保存的文件。") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{p.name} is damaged ({type(exc).__name__}); open an earlier copy, or the autosave.",
                         zh=f"文件“{p.name}”已损坏（{type(exc).__name__}）；请打开较早的副本，或自动保存的文件。") from None
    state = ProjectState(
        options=meta.get("options", {}), lines=_restore_lines(lines), profiles=_restore_profiles(profiles),
        sources=sources, report=meta.get("report", {}), roles=meta.get("roles", {}),
        customer_roles=meta.get("customer_roles", {}), settings=meta.get("settings", {}),
        segment_names=meta.get("segment_names", {}), campaigns=campaigns, saved_at=meta.get("saved_at", ""),
        app_version=meta.get("app_version", ""),
    )
    status = [(Path(s.path), s.status()) for s in sources]
    return OpenedProject(p, state, [q for q, st in status if st == "missing"],
                         [q for q, st in status if st == "changed"])


def _restore_lines(df: pd.DataFrame) -> pd.DataFrame:
    """Give the lines read from SQLite back the dtypes of schema.py."""
    out = df.copy()
    for c in ("customer_id", "order_id", "source_file", "source_sheet"):
        if c in out:
            out[c] = out[c].fillna("").astype(str)
    for c in ("product_id", "product_name", "category"):
        if c in out:
            out[c] = out[c].astype(object).where(out[c].notna(), None)
    if "date" in out:
        out["date"] = pd.to_datetime(out["date"], format="ISO8601").astype("datetime64[ns]")
    for c in ("quantity", "unit_price", "amount"):
        if c in out:
            out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    if "is_return" in out:
        out["is_return"] = out["is_return"].fillna(0).astype(bool)
    if "source_row" in out:
        out["source_row"] = pd.to_numeric(out["source_row"], errors="coerce").fillna(0).astype("int64")
    return out[[c for c in LINE_COLUMNS if c in out.columns]]


def _restore_profiles(df: pd.DataFrame) -> pd.DataFrame:
    if "customer_id" not in df:
        return pd.DataFrame(index=pd.Index([], name="customer_id", dtype=object))
    out = df.copy()
    out["customer_id"] = out["customer_id"].astype(str)
    out = out.set_index("customer_id")
    for c in out.columns:
        if c in ("age", "income"):
            out[c] = pd.to_numeric(out[c], errors="coerce")
        else:
            out[c] = out[c].astype(object).where(out[c].notna(), None)
    return out


# ---------------------------------------------------------------- autosave and sessions


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
    """Where this session (or process `pid`) autosaves its project."""
    return data_dir() / "autosave" / f"session-{os.getpid() if pid is None else pid}{PROJECT_SUFFIX}"


def autosave(state, progress: Progress | None = None) -> Path:
    """Save the current analysis (ProjectState or Analysis) to this session's autosave file."""
    target = autosave_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    return save_project(target, state, progress=progress)


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
    info = {"pid": os.getpid(), "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "autosave": str(autosave_path())}
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps(info), encoding="utf-8")
    os.replace(tmp, marker)
    return marker


def mark_session_clean_exit() -> None:
    """Record a clean exit: remove this session's marker and its autosave."""
    with contextlib.suppress(OSError):
        _marker(os.getpid()).unlink()
    with contextlib.suppress(OSError):
        autosave_path().unlink()


def _crashed_markers() -> Iterator[tuple[Path, dict]]:
    folder = _sessions_dir()
    if not folder.is_dir():
        return
    for marker in folder.glob("*.json"):
        try:
            info = json.loads(marker.read_text(encoding="utf-8"))
            pid = int(info["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            yield marker, {}
            continue
        if pid != os.getpid() and not _pid_alive(pid):
            yield marker, info


def previous_session_crashed() -> Path | None:
    """Return the autosaved project of an earlier session that ended without a clean exit (the most
    recent one), or None when there is nothing to restore."""
    found: list[Path] = []
    for _marker_path, info in _crashed_markers():
        save = Path(info["autosave"]) if info.get("autosave") else None
        if save is not None and save.is_file():
            found.append(save)
    if not found:
        return None
    return max(found, key=lambda p: p.stat().st_mtime)


def forget_crashed_sessions(keep_autosaves: bool = False) -> None:
    """Remove the markers (and, unless kept, the autosaves) of sessions that ended without a clean
    exit: call after the user restored or declined the restore offer."""
    for marker, info in list(_crashed_markers()):
        if not keep_autosaves and info.get("autosave"):
            with contextlib.suppress(OSError):
                Path(info["autosave"]).unlink()
        with contextlib.suppress(OSError):
            marker.unlink()


def _pid_alive(pid: int) -> bool:
    """True when a process with this id is running."""
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
