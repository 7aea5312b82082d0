"""The app's remembered choices (QSettings, INI format) with a version number for migration."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 2
MAX_RECENT = 10


@dataclass
class RecentFile:
    """A file the user opened, with the choices made in the import dialog."""

    path: str
    sheet: str | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    customers_file: str | None = None
    extra_paths: list[str] = field(default_factory=list)  # more files read with `path` (several chosen)

    @classmethod
    def from_dict(cls, d: dict) -> RecentFile:
        """Return a RecentFile from its stored form, ignoring unknown keys."""
        return cls(path=str(d.get("path", "")), sheet=d.get("sheet") or None,
                   overrides={str(k): str(v) for k, v in (d.get("overrides") or {}).items()},
                   customers_file=d.get("customers_file") or None,
                   extra_paths=[str(p) for p in (d.get("extra_paths") or []) if p])


def default_settings_path() -> Path | None:
    """Return the settings file named by CLIENTELE_SETTINGS (tests, benchmarks), else None for the
    platform's usual place."""
    value = os.environ.get("CLIENTELE_SETTINGS")
    return Path(value) if value else None


class Settings:
    """Typed access to the stored settings."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or default_settings_path()
        if path is not None:
            self._q = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._q = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Clientele", "Clientele")
        self._migrate()

    def _migrate(self) -> None:
        version = _to_int(self._q.value("settings_version", 0), 0)
        if version < 1:
            pass  # nothing stored yet: the defaults apply
        if version == 1:
            # version 1 stored recent files as a plain list of paths
            old = self._q.value("recent_files")
            if isinstance(old, str):
                old = [old]
            if isinstance(old, list) and all(isinstance(p, str) for p in old):
                self._q.setValue("recent_files", json.dumps([{"path": p} for p in old]))
        self._q.setValue("settings_version", SETTINGS_VERSION)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._q.sync()

    @property
    def file_name(self) -> str:
        """Return where the settings are stored."""
        return self._q.fileName()

    # analysis date: None means "the last date in the data"
    @property
    def as_of(self) -> str | None:
        value = self._q.value("as_of", "")
        return str(value) if value else None

    @as_of.setter
    def as_of(self, value: str | None) -> None:
        self._q.setValue("as_of", value or "")

    @property
    def currency(self) -> str:
        value = self._q.value("currency", None)
        if value is None:
            from PySide6.QtCore import QLocale

            return QLocale.system().currencySymbol() or "$"
        return str(value)

    @currency.setter
    def currency(self, value: str) -> None:
        self._q.setValue("currency", value)

    @property
    def language(self) -> str:
        """'system', 'en' or 'zh_CN'."""
        return str(self._q.value("language", "system") or "system")

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("language", value)

    def rfm_model(self, language: str) -> int:
        """Return 11 or 8; when never chosen, Chinese users get the 8-class model they know."""
        value = self._q.value("rfm_model", None)
        if value in (None, ""):
            return 8 if language == "zh_CN" else 11
        return 8 if _to_int(value, 11) == 8 else 11

    def set_rfm_model(self, value: int) -> None:
        self._q.setValue("rfm_model", int(value))

    @property
    def reopen_last(self) -> bool:
        """Reopen the last file or project at start-up (else the welcome page shows)."""
        return _to_bool(self._q.value("reopen_last", True))

    @reopen_last.setter
    def reopen_last(self, value: bool) -> None:
        self._q.setValue("reopen_last", bool(value))

    @property
    def first_run(self) -> bool:
        return not _to_bool(self._q.value("first_run_done", False))

    def mark_first_run_done(self) -> None:
        self._q.setValue("first_run_done", True)

    @property
    def geometry(self) -> QByteArray | None:
        value = self._q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._q.value("window/state")
        return value if isinstance(value, QByteArray) else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._q.setValue("window/state", value)

    def recent_files(self) -> list[RecentFile]:
        """Return the recent files, newest first."""
        raw = self._q.value("recent_files", "[]")
        try:
            items = json.loads(raw) if isinstance(raw, str) else []
        except ValueError:
            items = []
        return [RecentFile.from_dict(d) for d in items if isinstance(d, dict) and d.get("path")]

    def recent_for(self, path: str) -> RecentFile | None:
        """Return the remembered choices for `path`, if it was opened before."""
        key = _norm(path)
        return next((r for r in self.recent_files() if _norm(r.path) == key), None)

    def add_recent(self, item: RecentFile) -> None:
        """Put `item` first in the recent files (replacing an older entry for the same file)."""
        items = [r for r in self.recent_files() if _norm(r.path) != _norm(item.path)]
        items.insert(0, item)
        self._q.setValue("recent_files", json.dumps([asdict(r) for r in items[:MAX_RECENT]], ensure_ascii=False))

    def clear_recent(self) -> None:
        self._q.setValue("recent_files", "[]")

    def message_templates(self, language: str) -> dict[str, str]:
        """Return the user's own marketing message templates for 'en' or 'zh' (segment key ->
        text); segments not listed use the ready ones."""
        raw = self._q.value(f"export/templates_{language}", "{}")
        try:
            items = json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:
            items = {}
        return {str(k): str(v) for k, v in items.items()} if isinstance(items, dict) else {}

    def set_message_templates(self, language: str, templates: dict[str, str]) -> None:
        self._q.setValue(f"export/templates_{language}", json.dumps(templates, ensure_ascii=False))

    def export_folders(self) -> list[str]:
        """Return the folders marketing lists were saved to, newest first (campaign records are
        kept next to the lists)."""
        raw = self._q.value("export/folders", "[]")
        try:
            items = json.loads(raw) if isinstance(raw, str) else []
        except ValueError:
            items = []
        return [str(p) for p in items if isinstance(p, str)]

    def add_export_folder(self, folder: str) -> None:
        items = [p for p in self.export_folders() if _norm(p) != _norm(folder)]
        items.insert(0, folder)
        self._q.setValue("export/folders", json.dumps(items[:MAX_RECENT], ensure_ascii=False))

    # privacy: autosaves older than this many days are removed at start (engine/retention.py)
    @property
    def autosave_days(self) -> int:
        from desktop.engine.retention import DEFAULT_AUTOSAVE_DAYS, MAX_AUTOSAVE_DAYS

        value = _to_int(self._q.value("privacy/autosave_days", DEFAULT_AUTOSAVE_DAYS), DEFAULT_AUTOSAVE_DAYS)
        return min(max(value, 1), MAX_AUTOSAVE_DAYS)

    @autosave_days.setter
    def autosave_days(self, value: int) -> None:
        self._q.setValue("privacy/autosave_days", int(value))


def _norm(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return path


def _to_int(value: object, default: int) -> int:
    """A whole number stored in the settings file, or `default` when it holds anything else (the file
    is the user's and may have been edited by hand)."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return default


def _to_bool(value) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
