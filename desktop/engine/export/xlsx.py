"""The Excel writer: the list, a sheet per group and the summary sheet, all through new_workbook."""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
import os
import re
import unicodedata
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from desktop.paths import (
    SCRATCH_PREFIX,
    display_name,
)

from ... import texts
from ..errors import InputError
from ..progress import Progress, no_progress
from . import labels
from .cells import _excel_serial, _style, clean_text, text_cell_xml, write_text_cell
from .files import atomic_write, check_target
from .labels import (
    _PROGRESS_EVERY,
    CLUSTER_COLOURS,
    CURRENCY_COLUMNS,
    DATE_COLUMNS,
    EXCEL_MAX_ROWS,
    HIDDEN_COLUMNS,
    INTEGER_COLUMNS,
    PERCENT_COLUMNS,
    SEGMENT_COLOURS,
    TEXT_COLUMNS,
    own_column,
)
from .listing import ExportOptions, _summary_by_key


def write_marketing_workbook(list_df: pd.DataFrame, summary: pd.DataFrame | None,
                             path: Path | str, options: ExportOptions,
                             input_paths: Iterable[Path | str] = (), *,
                             as_of: pd.Timestamp | None = None, control_counts: Mapping[str, int] | None = None,
                             progress: Progress | None = None) -> Path:
    """Write the list as a finished .xlsx workbook (summary sheet, list sheet, optionally one sheet
    per segment) atomically, and return its path. `control_counts` maps segment key -> customers
    held out, shown on the summary sheet."""
    report = progress or no_progress
    target = atomic_write(*workbook_job(list_df, summary, path, options, input_paths, as_of,
                                         control_counts, report))
    report(1.0, "")
    return target


def workbook_job(list_df: pd.DataFrame, summary: pd.DataFrame | None, path: Path | str,
                  options: ExportOptions, input_paths: Iterable[Path | str],
                  as_of: pd.Timestamp | None, control_counts: Mapping[str, int] | None,
                  report: Progress) -> tuple[Path, Callable[[Path], None]]:
    """Return (checked target, function writing the workbook to a temporary file)."""
    input_paths = list(input_paths)
    target = check_target(path, input_paths, (".xlsx",))
    if len(list_df) >= EXCEL_MAX_ROWS:
        raise InputError("export_list_customers_more_excel", n_list_df=len(list_df))

    def write(tmp: Path) -> None:
        _write_workbook(tmp, list_df, summary, options, input_paths, as_of, control_counts or {},
                        report)

    return target, write


class _Formats:
    """XlsxWriter formats, created once per workbook."""

    def __init__(self, workbook: Any, options: ExportOptions) -> None:
        self.wb = workbook
        symbol = options.currency_symbol.replace('"', "")
        money = f'"{symbol}"#,##0.00' if symbol else "#,##0.00"
        base = {"valign": "top"}
        self.header = workbook.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF",
                                           "valign": "top", "text_wrap": True, "border": 1})
        self.text = workbook.add_format(base)
        self.text_quoted = workbook.add_format({**base, "quote_prefix": True})
        self.money = workbook.add_format({**base, "num_format": money})
        self.integer = workbook.add_format({**base, "num_format": "#,##0"})
        self.number = workbook.add_format({**base, "num_format": "#,##0.00"})
        self.percent = workbook.add_format({**base, "num_format": "0.0%"})
        self.date = workbook.add_format({**base, "num_format": "yyyy-mm-dd"})
        self.datetime = workbook.add_format({**base, "num_format": "yyyy-mm-dd hh:mm"})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.label = workbook.add_format({"bold": True})
        self._fills: dict[tuple[str, bool], Any] = {}

    def fill(self, colour: str, quoted: bool) -> Any:
        key = (colour, quoted)
        fmt = self._fills.get(key)
        if fmt is None:
            props = {"valign": "top", "bg_color": colour, "border": 1, "border_color": "#BFBFBF"}
            if quoted:
                props["quote_prefix"] = True
            fmt = self._fills[key] = self.wb.add_format(props)
        return fmt


_HEX_COLOUR = re.compile(r"#?([0-9A-Fa-f]{6})")


def tint(colour: str, white: float = 0.6) -> str:
    """Return `colour` (#RRGGBB) mixed with `white` parts of white, light enough for black text."""
    match = _HEX_COLOUR.fullmatch(colour.strip())
    if match is None:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    rgb = [int(match.group(1)[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02X}" for c in rgb)


def _segment_colours(keys: Iterable[str], summary: pd.DataFrame | None = None) -> dict[str, str]:
    """Return segment key -> fill colour: the summary's own colours (as in the app), lightened,
    else ours."""
    colours: dict[str, str] = {}
    if summary is not None and "colour" in summary.columns:
        for key, value in summary["colour"].items():
            if isinstance(value, str) and _HEX_COLOUR.fullmatch(value.strip()):
                colours[str(key)] = tint(value)
    n_cluster = 0
    for key in keys:
        if key in colours:
            continue
        if key in SEGMENT_COLOURS:
            colours[key] = SEGMENT_COLOURS[key]
        else:
            colours[key] = CLUSTER_COLOURS[n_cluster % len(CLUSTER_COLOURS)]
            n_cluster += 1
    return colours


def _header(key: str, lang: str) -> str:
    if key not in texts.LABELS["en"]["export_column"]:
        return str(key)
    return texts.label("export_column", key, lang)


def _column_kind(key: str, series: pd.Series) -> str:
    if key in TEXT_COLUMNS:
        return "text"
    if key in DATE_COLUMNS or pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if key in CURRENCY_COLUMNS:
        return "money"
    if key in INTEGER_COLUMNS:
        return "integer"
    if key in PERCENT_COLUMNS or key.startswith("p_") or key.endswith(("_probability", "_share", "_rate")):
        return "percent"
    if pd.api.types.is_bool_dtype(series):
        return "auto"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    return "auto"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _values(series: pd.Series) -> list[object]:
    """Return the column as Python objects with every kind of missing value as None."""
    return series.astype(object).where(series.notna(), None).tolist()


class _SheetWriter:
    """Writes one table sheet: the header through XlsxWriter, the data rows as ready-made XML.

    XlsxWriter spends ~10 µs per cell (a cell object, then XML attribute escaping at close); a
    50,000-row list has 800,000 cells. Here each column is turned into cell XML fragments in one
    pass (repeated text is escaped once per distinct value), rows are joined from them and
    streamed to a temporary file, which the sheet copies into its XML when the workbook is
    assembled. Text cells are inline strings, as XlsxWriter writes them in constant_memory mode,
    so they are escaped like any XML text and can never become rich text or a formula."""

    def __init__(self, worksheet: Any, formats: _Formats, kinds: list[str], headers: list[str],
                 colours: dict[str, str], segment_col: int | None,
                 new_body: Callable[[], Any]) -> None:
        self.ws = worksheet
        self.new_body = new_body
        self.f = formats
        self.kinds = kinds
        self.headers = headers
        self.segment_col = segment_col
        self.fill_formats = {k: (formats.fill(c, False), formats.fill(c, True))
                             for k, c in colours.items()}
        self.kind_formats = {"money": formats.money, "integer": formats.integer,
                             "number": formats.number, "percent": formats.percent,
                             "date": formats.date}

    def setup(self, widths: list[int], n_rows: int) -> None:
        ws = self.ws
        for j, width in enumerate(widths):
            ws.set_column(j, j, width)
        ws.freeze_panes(1, 1)
        ws.set_row(0, 30)
        if self.headers:
            ws.autofilter(0, 0, max(n_rows, 1), len(self.headers) - 1)
        for j, head in enumerate(self.headers):
            write_text_cell(ws, 0, j, head, self.f.header)

    def write_rows(self, data: list[list[object]], segment_keys: list[str] | None,
                   report: Progress, done: int, total: int) -> int:
        """Write data (one list per column) below the header; return rows done so far."""
        from xlsxwriter.utility import xl_col_to_name

        n_rows = len(data[0]) if data else 0
        n_cols = len(data)
        if n_rows == 0 or n_cols == 0:
            return done
        prefixes = [f'<c r="{xl_col_to_name(j)}' for j in range(n_cols)]
        body = self.new_body()
        self.ws.set_body(body, n_rows, n_cols - 1)
        write = body.write
        for start in range(0, n_rows, _PROGRESS_EVERY):
            report((done + start) / max(total, 1), "Writing the list")
            stop = min(n_rows, start + _PROGRESS_EVERY)
            keys = segment_keys[start:stop] if segment_keys is not None else None
            cells = [self._column_cells(j, data[j][start:stop], keys) for j in range(n_cols)]
            rows = []
            for i, row_cells in enumerate(zip(*cells)):
                r = start + i + 2  # Excel rows are 1-based and row 1 is the header
                rows.append(f'<row r="{r}">'
                            + "".join([f'{p}{r}"{c}' for p, c in zip(prefixes, row_cells) if c])
                            + "</row>")
            write("".join(rows))
        return done + n_rows

    def _column_cells(self, j: int, values: list[object], segment_keys: list[str] | None) -> list:
        """Return each value's cell XML after `<c r="A2"` ("" for an empty cell)."""
        kind = self.kinds[j]
        if j == self.segment_col and segment_keys is not None:
            plain = self.f.text, self.f.text_quoted
            cache: dict[tuple[object, str], str] = {}
            out = []
            for v, key in zip(values, segment_keys):
                cell = cache.get((v, key))
                if cell is None:
                    cell = cache[(v, key)] = self._text_cell(v, self.fill_formats.get(key, plain))
                out.append(cell)
            return out
        if kind == "text":
            pair = self.f.text, self.f.text_quoted
            cache2: dict[object, str] = {}
            out = []
            for v in values:
                if v is None:
                    out.append("")
                    continue
                cell = cache2.get(v)
                if cell is None:
                    cell = cache2[v] = self._text_cell(v, pair)
                out.append(cell)
            return out
        fmt = self.kind_formats.get(kind)
        if kind in ("money", "integer", "number", "percent"):
            style = _style(fmt)
            # Fast path for the usual all-float or all-int column.
            return [f"{style}><v>{v:.16G}</v></c>" if type(v) is float and math.isfinite(v)
                    or type(v) is int and -10**15 < v < 10**15 else self._any_cell(v, fmt)
                    for v in values]
        return [self._any_cell(v, fmt) for v in values]

    def _text_cell(self, v: object, formats: tuple[Any, Any]) -> str:
        return text_cell_xml(v, formats[0], formats[1])

    def _any_cell(self, v: object, fmt: Any) -> str:
        """Return the cell XML for a value of any type (numbers stay numbers)."""
        if v is None:
            return ""
        if isinstance(v, str):
            return self._text_cell(v, (self.f.text, self.f.text_quoted))
        if isinstance(v, bool):
            return f' t="b"><v>{int(v)}</v></c>'
        if isinstance(v, int):
            if abs(v) >= 10**15:  # Excel keeps 15 significant digits: keep every digit as text
                return text_cell_xml(str(v), self.f.text)
            return f"{_style(fmt)}><v>{v}</v></c>"
        if isinstance(v, float):
            return f"{_style(fmt)}><v>{v:.16G}</v></c>" if math.isfinite(v) else ""
        if isinstance(v, pd.Timestamp):
            stamp = v.tz_localize(None) if v.tzinfo is not None else v
            v = stamp.to_pydatetime()
        if isinstance(v, _dt.datetime):
            if v.tzinfo is not None:
                v = v.replace(tzinfo=None)
            if 1900 <= v.year <= 9999:
                midnight = (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0)
                style = _style(self.f.date if midnight else self.f.datetime)
                return f"{style}><v>{_excel_serial(v):.16G}</v></c>"
        elif isinstance(v, _dt.date):
            if 1900 <= v.year <= 9999:
                serial = _excel_serial(_dt.datetime(v.year, v.month, v.day))
                return f"{_style(self.f.date)}><v>{serial:.16G}</v></c>"
        elif hasattr(v, "item"):  # numpy scalars left in object columns
            return self._any_cell(v.item(), fmt)
        # Dates Excel cannot show (before 1900) and other objects stay readable as text.
        return self._text_cell(str(v), (self.f.text, self.f.text_quoted))


# Workbooks: every .xlsx Clientele writes is a new_workbook


_XLSX_CLASSES: Any = None


def new_workbook(path: Path | str, *, constant_memory: bool = False) -> Any:
    """Return an XlsxWriter workbook writing to `path` whose worksheets take text only through
    write_text_cell (strings given to XlsxWriter's own write/write_string go the same way) and
    refuse formulas, links and rich strings. Its scratch files live in a private folder removed
    by close() (and by sweep_stale_temp_files after a crash); close() raises the OSError of a
    failed save, leaving no open zip file behind."""
    workbook_class = _xlsx_classes()[0]
    return workbook_class(str(path), {
        "constant_memory": constant_memory,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "nan_inf_to_errors": False,
        "remove_timezone": True,
    })


def _xlsx_classes() -> Any:
    """Return (SafeWorkbook, ListWorksheet), made on first use: xlsxwriter is imported only when
    a workbook is written."""
    global _XLSX_CLASSES
    if _XLSX_CLASSES is None:
        _XLSX_CLASSES = _make_xlsx_classes()
    return _XLSX_CLASSES


def _make_xlsx_classes() -> Any:
    import shutil
    import tempfile
    import zipfile
    from collections import namedtuple

    from xlsxwriter.utility import xl_rowcol_to_cell
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    # The class name is what XlsxWriter's own cell writer dispatches on; ours is unknown to it.
    SafeCell = namedtuple("SafeCell", "xml format")

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise TypeError("Clientele writes text as text cells only (no formulas, links or rich text)")

    class SafeWorksheet(Worksheet):
        """A worksheet whose text cells are ready XML from text_cell_xml."""

        _write_formula = _write_array_formula = _write_url = _write_rich_string = refuse

        def put_cell_xml(self, row: int, col: int, xml: str) -> int:
            if self._check_dimensions(row, col):
                return -1
            if self.constant_memory and row > self.previous_row:
                self._write_single_row(row)
            self.table[row][col] = SafeCell(xml, None)
            return 0

        def _write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> int:
            xml = text_cell_xml(string, cell_format)
            return self.put_cell_xml(row, col, xml) if xml else 0

        def _write_cell(self, row: int, col: int, cell: Any) -> None:
            if type(cell) is SafeCell:
                self.fh.write(f'<c r="{xl_rowcol_to_cell(row, col)}"{cell.xml}')
            else:
                super()._write_cell(row, col, cell)

    class ListWorksheet(SafeWorksheet):
        """A worksheet whose rows after the header are ready XML in a temporary file (_SheetWriter)."""

        body: Any = None
        dim_rowmax: int  # XlsxWriter's last row written, set by the base class

        def set_body(self, body: Any, last_row: int, last_col: int) -> None:
            self.body = body
            self._check_dimensions(last_row, last_col)

        def _copy_body(self) -> None:
            self.body.seek(0)
            shutil.copyfileobj(self.body, self.fh, 1 << 16)

        def _write_rows(self) -> None:
            if self.body is None:
                super()._write_rows()
                return
            last = self.dim_rowmax
            self.dim_rowmax = 0  # XlsxWriter writes the header row; the body follows
            try:
                super()._write_rows()
            finally:
                self.dim_rowmax = last
            self._copy_body()

        def _write_optimized_sheet_data(self) -> None:
            if self.body is None:
                super()._write_optimized_sheet_data()
                return
            # constant_memory: the header row went to XlsxWriter's own row file
            self._xml_start_tag("sheetData")
            self.row_data_fh.seek(0)
            shutil.copyfileobj(self.row_data_fh, self.fh, 1 << 16)
            self.row_data_fh.close()
            os.unlink(self.row_data_filename)
            self._copy_body()
            self._xml_end_tag("sheetData")

    class SafeWorkbook(Workbook):
        """A workbook of SafeWorksheets with its scratch files in a private folder."""

        worksheet_class = SafeWorksheet

        def __init__(self, filename: str, options: dict) -> None:
            scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
            super().__init__(filename, {**options, "tmpdir": scratch})
            self.scratch = scratch
            self.bodies: list[Any] = []  # temporary row files of list sheets

        def body_file(self) -> Any:
            body = tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=self.scratch)  # noqa: SIM115 - closed by discard()
            self.bodies.append(body)
            return body

        def close(self) -> None:
            try:
                if not self.fileclosed:
                    try:
                        super().close()
                    except Exception as exc:
                        _abandon_zip_files(exc, zipfile.ZipFile)
                        cause = exc.__context__ if isinstance(exc.__context__, OSError) else None
                        if cause is not None or isinstance(exc, OSError):
                            raise (cause or exc) from None
                        raise
            finally:
                self.discard()

        def discard(self) -> None:
            """Give up (or finish): close the row files and remove the scratch folder."""
            self.fileclosed = True
            for body in self.bodies:
                body.close()
            for sheet in self.worksheets():
                handle = getattr(sheet, "row_data_fh", None)
                if handle is not None:
                    with contextlib.suppress(OSError):
                        handle.close()
            shutil.rmtree(self.scratch, ignore_errors=True)

    return SafeWorkbook, ListWorksheet


def _abandon_zip_files(exc: BaseException, zip_class: type) -> None:
    """Close, without writing anything more, the zip files a failed save left open in the frames
    of `exc`: otherwise their __del__ tries to finish them on the full disk and prints an
    `Exception ignored in ZipFile.__del__` traceback."""
    seen: set[int] = set()
    chain: BaseException | None = exc
    while chain is not None and id(chain) not in seen:
        seen.add(id(chain))
        tb = chain.__traceback__
        while tb is not None:
            for value in list(tb.tb_frame.f_locals.values()):
                if isinstance(value, zip_class):
                    zipped: Any = value
                    zipped._didModify = False  # nothing more to write: just close the file
                    with contextlib.suppress(Exception):
                        zipped.close()
            tb = tb.tb_next
        chain = chain.__context__


def _write_workbook(tmp: Path, list_df: pd.DataFrame, summary: pd.DataFrame | None,
                    options: ExportOptions, input_paths: list, as_of: pd.Timestamp | None,
                    control_counts: Mapping[str, int], report: Progress) -> None:
    # Shared strings (the default) keep memory modest for lists up to a few hundred thousand
    # rows; above that, stream rows to disk.
    big = len(list_df) > labels.CONSTANT_MEMORY_ROWS
    workbook = new_workbook(tmp, constant_memory=big)
    if big:
        workbook.use_zip64()  # the sheet XML of a million-row list can pass 4 GB
    try:
        _fill_workbook(workbook, list_df, summary, options, input_paths, as_of, control_counts,
                       report)
    except BaseException:
        # Cancelled or failed: skip assembling a workbook nobody will see; the caller removes
        # the temporary file.
        workbook.discard()
        raise
    report(0.97, "Saving the workbook")
    workbook.close()


def _fill_workbook(workbook: Any, list_df: pd.DataFrame,
                   summary: pd.DataFrame | None, options: ExportOptions, input_paths: list,
                   as_of: pd.Timestamp | None, control_counts: Mapping[str, int],
                   report: Progress) -> None:
    lang = texts.language_of(options.language)
    workbook.set_properties({"title": "Clientele marketing list", "author": "", "company": "",
                             "comments": "Written by Clientele"})
    formats = _Formats(workbook, options)
    summary_frame = _summary_by_key(summary)
    seg_keys = list_df["segment"].astype(str).tolist() if "segment" in list_df.columns else None
    colours = _segment_colours(list(summary_frame.index) + (seg_keys or []), summary_frame)
    _write_summary_sheet(workbook, formats, list_df, summary_frame, options, lang, input_paths,
                         as_of, control_counts, colours)

    columns = [c for c in list_df.columns if c not in HIDDEN_COLUMNS]
    kinds = [_column_kind(c, list_df[c]) for c in columns]
    headers = [_header(c, lang) for c in columns]
    data = [_values(list_df[c]) for c in columns]
    widths = _widths(columns, headers, data)
    seg_col = columns.index("segment_name") if "segment_name" in columns else None

    groups: list[tuple[str, list[int] | None]] = [(texts.label("list_sheet", "customers", lang), None)]
    if options.sheet_per_segment and seg_keys is not None:
        by_key: dict[str, list[int]] = {}
        for i, key in enumerate(seg_keys):
            by_key.setdefault(key, []).append(i)
        names = list_df["segment_name"].astype(str).tolist() if "segment_name" in list_df else seg_keys
        for members in by_key.values():
            groups.append((names[members[0]], members))
    total = sum(len(list_df) if rows is None else len(rows) for _, rows in groups)
    done = 0
    used_names: set[str] = {texts.label("list_sheet", "summary", lang)}
    for title, rows in groups:
        ws = workbook.add_worksheet(_sheet_name(title, used_names),
                                    worksheet_class=_xlsx_classes()[1])
        writer = _SheetWriter(ws, formats, kinds, headers, colours, seg_col, workbook.body_file)
        n = len(list_df) if rows is None else len(rows)
        writer.setup(widths, n)
        sub = data if rows is None else [[col[i] for i in rows] for col in data]
        keys = seg_keys if rows is None or seg_keys is None else [seg_keys[i] for i in rows]
        done = writer.write_rows(sub, keys, report, done, total)


def _widths(columns: list[str], headers: list[str], data: list[list[object]]) -> list[int]:
    widths = []
    for key, head, values in zip(columns, headers, data):
        best = _display_width(head) + 2
        for v in values[:500]:
            if v is None:
                continue
            text = v.strftime("%Y-%m-%d") if isinstance(v, (_dt.date, _dt.datetime)) else str(v)
            if isinstance(v, float):
                text = f"{v:,.2f}"
            best = max(best, _display_width(text[:120]) + 2)
        cap = 80 if key == "message" else 50
        widths.append(max(8, min(cap, best)))
    return widths


_SHEET_BAD = re.compile(r"[\[\]:*?/\\']")


def _sheet_name(title: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub("_", clean_text(title)).strip() or "Sheet"
    base = base[:31]
    name, n = base, 2
    while name.casefold() in {u.casefold() for u in used}:
        suffix = f" ({n})"
        name = base[:31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def _write_summary_sheet(workbook: Any, f: _Formats, list_df: pd.DataFrame, summary: pd.DataFrame,
                         options: ExportOptions, lang: str, input_paths: list,
                         as_of: pd.Timestamp | None, control_counts: Mapping[str, int],
                         colours: dict[str, str]) -> None:
    labels = texts.labels("list_sheet", lang)
    columns = list(texts.labels("list_summary_column", lang).values())
    ws = workbook.add_worksheet(labels["summary"])
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 14)
    ws.set_column(2, 7, 14)
    ws.set_column(8, 8, 60)

    def text(r: int, c: int, value: object, fmt: Any = None) -> None:
        write_text_cell(ws, r, c, value, fmt or f.text, f.text_quoted)

    row = 0
    text(row, 0, labels["title"], f.title)
    row += 2
    if as_of is not None and not pd.isna(as_of):
        text(row, 0, labels["as_of"], f.label)
        ws.write_datetime(row, 1, pd.Timestamp(as_of).tz_localize(None).to_pydatetime()
                          if pd.Timestamp(as_of).tzinfo else pd.Timestamp(as_of).to_pydatetime(), f.date)
        row += 1
    text(row, 0, labels["exported"], f.label)
    ws.write_datetime(row, 1, _dt.datetime.now().replace(microsecond=0), f.datetime)
    row += 1
    names = "; ".join(display_name(Path(p).name) for p in input_paths)
    if names:
        text(row, 0, labels["data"], f.label)
        text(row, 1, names)
        row += 1
    if options.source_note:
        text(row, 0, labels["note"], f.label)
        text(row, 1, options.source_note)
        row += 1
    text(row, 0, labels["in_list"], f.label)
    ws.write_number(row, 1, len(list_df), f.integer)
    row += 1
    held_out = sum(control_counts.values())
    if held_out:
        text(row, 0, labels["control"], f.label)
        ws.write_number(row, 1, held_out, f.integer)
        row += 1
    if options.offer:
        text(row, 0, labels["offer"], f.label)
        text(row, 1, options.offer)
        row += 1
    if options.cost_per_contact:
        text(row, 0, labels["cost"], f.label)
        ws.write_number(row, 1, float(options.cost_per_contact), f.money)
        row += 1
    if options.pseudonymise_ids or options.mask_contacts:
        text(row, 0, labels["privacy"], f.label)
        text(row, 1, labels["privacy_text"])
        row += 1

    row += 1
    text(row, 0, labels["segments"], f.title)
    row += 1
    for j, head in enumerate(columns):
        write_text_cell(ws, row, j, head, f.header)
    header_row = row
    row += 1
    in_list = (list_df["segment"].astype(str).value_counts().to_dict()
               if "segment" in list_df.columns else {})
    keys = list(summary.index) or list(in_list)
    name_col = own_column(summary.columns, "name", lang)
    action_col = own_column(summary.columns, "action", lang)
    for key in keys:
        rec = summary.loc[key] if key in summary.index else pd.Series(dtype=object)
        name = rec.get(name_col) if isinstance(rec.get(name_col), str) else key
        colour = colours.get(key, "#FFFFFF")
        write_text_cell(ws, row, 0, name, f.fill(colour, False), f.fill(colour, True))
        for j, (col, fmt) in enumerate((("customers", f.integer), ("share", f.percent),
                                        ("revenue", f.money), ("revenue_share", f.percent),
                                        ("avg_spend", f.money)), start=1):
            value = pd.to_numeric(pd.Series([rec.get(col)]), errors="coerce").iloc[0]
            if pd.notna(value) and math.isfinite(value):
                ws.write_number(row, j, float(value), fmt)
        ws.write_number(row, 6, int(in_list.get(key, 0)), f.integer)
        ws.write_number(row, 7, int(control_counts.get(key, 0)), f.integer)
        text(row, 8, rec.get(action_col))
        row += 1
    ws.autofilter(header_row, 0, max(row - 1, header_row + 1), len(columns) - 1)
