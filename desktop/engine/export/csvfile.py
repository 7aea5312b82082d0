"""The CSV writer: UTF-8 with BOM, every cell through csv_cell."""

from __future__ import annotations

import csv
import datetime as _dt
import math
from pathlib import Path
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from ... import texts
from ..progress import Progress, no_progress
from .cells import _to_text, csv_cell
from .files import atomic_write, check_target
from .labels import _PROGRESS_EVERY, HIDDEN_COLUMNS
from .listing import ExportOptions
from .xlsx import _column_kind, _header, _values


def write_csv(list_df: pd.DataFrame, path: Path | str, options: ExportOptions,
              input_paths: Iterable[Path | str] = (), progress: Progress | None = None,
              headers: Sequence[str] | None = None) -> Path:
    """Write the list as CSV (UTF-8 with BOM so Excel shows Chinese) atomically and return its
    path. Text goes through csv_cell (OWASP escaping); numbers are written in full. `headers`:
    the columns to write, as named (default: the list's columns with their labels)."""
    report = progress or no_progress
    target = atomic_write(*csv_job(list_df, path, options, input_paths, report, headers))
    report(1.0, "")
    return target


def csv_job(list_df: pd.DataFrame, path: Path | str, options: ExportOptions,
             input_paths: Iterable[Path | str], report: Progress,
             headers: Sequence[str] | None = None) -> tuple[Path, Callable[[Path], None]]:
    """Return (checked target, function writing the CSV to a temporary file)."""
    target = check_target(path, list(input_paths), (".csv",))
    lang = texts.language_of(options.language)
    columns = ([c for c in list_df.columns if c not in HIDDEN_COLUMNS] if headers is None
               else list(headers))
    kinds = [_column_kind(c, list_df[c]) for c in columns]

    def rows() -> Iterable[list[object]]:
        data = [_values(list_df[c]) for c in columns]
        yield [_header(c, lang) if headers is None else c for c in columns]
        n = len(list_df)
        for i in range(n):
            if i % _PROGRESS_EVERY == 0:
                report(i / max(n, 1), "Writing the list")
            yield [col[i] for col in data]

    return target, _csv_rows_writer(rows, kinds, options.csv_delimiter)


def write_csv_rows(target: Path, rows: Iterable[Sequence[object]],
                   kinds: Sequence[str] | None = None, delimiter: str = ",") -> Path:
    """Write `rows` of values to the checked `target` as CSV (UTF-8 with BOM), atomically, each
    value through the list's CSV cell rules: text escaped with csv_cell (and any value of a
    "text" column in `kinds` written as text), numbers in full, dates as ISO dates."""
    rows = list(rows)
    return atomic_write(target, _csv_rows_writer(lambda: rows, kinds, delimiter))


def _csv_rows_writer(rows: Callable[[], Iterable[Sequence[object]]], kinds: Sequence[str] | None,
                     delimiter: str) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle, delimiter=delimiter or ",", lineterminator="\r\n")
            for row in rows():
                if kinds is None:
                    out.writerow([_csv_value(v, "auto") for v in row])
                else:
                    out.writerow([_csv_value(v, kind) for v, kind in zip(row, kinds)])

    return write


def _csv_value(value: object, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_cell(value)
    if kind == "text":
        return csv_cell(_to_text(value) or "")
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.strftime("%Y-%m-%d")
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else csv_cell(str(value))  # see csv_cell
    if hasattr(value, "item"):
        return _csv_value(value.item(), kind)
    return csv_cell(str(value))
