"""Reading a shop's file into a raw table of cells: format from the bytes, encodings, delimiters,
header rows below titles, totals rows, several sheets. Nothing here decides what a column means
(roles.py) or converts it (cleaning.py); source files are only ever opened for reading."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError
from .parsing import detect_decimal_comma, is_missing_text

HEADER_SCAN_ROWS = 30
TOTALS_PATTERN = re.compile(
    r"^\s*(合\s*计|总\s*计|小\s*计|总\s*额|汇\s*总|grand\s*total|sub\s*-?total|totals?|sum|summe|gesamt|total\s+general)\s*[:：]?\s*$",
    re.IGNORECASE,
)
CSV_DELIMITERS = [",", ";", "\t", "|"]


@dataclass
class RawTable:
    """One table of cells as the file holds them.

    `data` has one column per header name (text or the typed cells a workbook stores);
    `row_numbers[i]` is the 1-based row in the file/sheet of `data.iloc[i]`."""

    file: Path
    sheet: str
    columns: list[str]
    data: pd.DataFrame
    row_numbers: np.ndarray
    header_row: int  # 1-based row of the header; 0 when the file has no header row
    decimal: str | None = None  # ',' when the file writes decimal commas, None to decide per column
    totals_rows: list[int] = field(default_factory=list)
    duplicate_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The file name, with the sheet when there is one (for messages)."""
        return f"{self.file.name} (sheet {self.sheet!r})" if self.sheet else self.file.name


# ---------------------------------------------------------------- format detection


def sniff_format(path: Path) -> str:
    """Return the file's real format from its bytes: 'xlsx', 'xlsb', 'ods', 'xls', 'encrypted', 'csv',
    'empty' or 'binary' (whatever its extension says)."""
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head:
        return "empty"
    if head[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "xl/workbook.bin" in names:
                    return "xlsb"
                if "mimetype" in names and b"opendocument.spreadsheet" in zf.read("mimetype"):
                    return "ods"
                if "content.xml" in names:
                    return "ods"
        except zipfile.BadZipFile:
            return "damaged_zip"
        return "zip"
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "encrypted" if _ole_is_encrypted(path) else "xls"
    if _looks_like_text(head):
        return "csv"
    return "binary"


def _ole_is_encrypted(path: Path) -> bool:
    try:
        import msoffcrypto

        with path.open("rb") as fh:
            office = msoffcrypto.OfficeFile(fh)
            return bool(office.is_encrypted())
    except Exception:
        with path.open("rb") as fh:
            data = fh.read(1 << 20)
        return "EncryptionInfo".encode("utf-16-le") in data


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if _utf16_without_bom(head):
        return True
    if b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control <= max(2, len(head) // 200)


def _utf16_without_bom(head: bytes) -> str | None:
    sample = head[:2000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


# ---------------------------------------------------------------- text files


def decode_text(raw: bytes, name: str) -> tuple[str, str]:
    """Decode a text file's bytes; return (text, encoding). Tries BOMs, UTF-16, UTF-8, then GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "utf-16"
    guess = _utf16_without_bom(raw[:4000])
    if guess:
        return raw.decode(guess, errors="replace"), guess
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    return raw.decode("cp1252", errors="replace"), "cp1252"


def _sniff_delimiter(lines: list[str]) -> str | None:
    """Choose the delimiter that splits the first lines into the most consistent number of fields."""
    best, best_score = None, 0.0
    lines = [ln for ln in lines if ln.strip()][:60]
    if not lines:
        return None
    for delim in CSV_DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        widths = pd.Series(counts)
        mode = int(widths.mode().iloc[0])
        if mode < 2:
            continue
        # A few title rows above the header are normal; judge consistency on the rows at the mode.
        consistency = float((widths == mode).mean())
        score = consistency * (1 + min(mode, 20) / 20)
        if score > best_score:
            best, best_score = delim, score
    if best is None:
        ws = [len(ln.split()) for ln in lines]
        widths = pd.Series(ws)
        mode = int(widths.mode().iloc[0])
        if mode >= 2 and (widths == mode).mean() > 0.8:
            return "whitespace"
    return best


def _cell_is_texty(v: object) -> bool:
    if v is None:
        return False
    if isinstance(v, (int, float, np.integer, np.floating)):
        return False
    if hasattr(v, "year") and hasattr(v, "month"):
        return False
    s = str(v).strip()
    if not s:
        return False
    if re.fullmatch(r"[-+(]?[\d.,\s¥$€£%]+\)?", s):
        return False
    if re.fullmatch(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*", s):
        return False
    return True


def find_header_row(rows: list[list[object]]) -> int | None:
    """Return the index of the header row among the first rows, or None when there is no header.

    The header is the first row whose cells are mostly text labels and that is about as wide as the
    data below it; title rows ("Sales report 2024") and blank rows above it are skipped."""
    from .roles import header_match_count

    scan = rows[:HEADER_SCAN_ROWS]
    if not scan:
        return None
    widths = [sum(1 for v in r if v is not None and str(v).strip() != "") for r in scan]
    candidates = []
    for i, row in enumerate(scan):
        filled = widths[i]
        if filled < 1:
            continue
        below = widths[i + 1 : i + 11]
        data_width = max(below) if below else filled
        texty = sum(1 for v in row if _cell_is_texty(v))
        labels = [str(v).strip() for v in row if v is not None and str(v).strip()]
        if filled >= max(1, 0.6 * data_width) and texty >= max(1, 0.8 * filled) and len(set(labels)) >= 0.8 * len(labels):
            if filled == 1 and data_width > 1:
                continue
            candidates.append((i, header_match_count(labels)))
        if len(candidates) >= 5:
            break
    if not candidates:
        return None
    best_matches = max(c[1] for c in candidates)
    if best_matches > 0:
        return next(i for i, m in candidates if m == best_matches)
    first = candidates[0][0]
    # A single text row followed by no data rows is not a header of anything.
    return first


def _column_names(header: list[object] | None, width: int) -> tuple[list[str], list[str]]:
    """Return (unique names, duplicated names). Blank header cells become 'Column N'."""
    names: list[str] = []
    seen: dict[str, int] = {}
    duplicates: list[str] = []
    for j in range(width):
        raw = header[j] if header is not None and j < len(header) else None
        name = "" if raw is None else re.sub(r"\s+", " ", str(raw).replace("\ufeff", "")).strip()
        if isinstance(raw, float) and raw.is_integer():
            name = str(int(raw))
        if not name:
            name = f"Column {j + 1}"
        if name in seen:
            if name not in duplicates:
                duplicates.append(name)
            seen[name] += 1
            name = f"{name} ({_excel_col(j)})"
        else:
            seen[name] = 1
        names.append(name)
    return names, duplicates


def _excel_col(j: int) -> str:
    """Return the spreadsheet letter of 0-based column j (0 -> A, 27 -> AB)."""
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return f"column {s}"


def read_csv_file(path: Path, max_bytes: int | None = None) -> RawTable:
    """Read a delimited text file into a RawTable of text cells."""
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(f"{path.name} is empty: it has no rows. Export the data again from your till or web shop.")
    text, encoding = decode_text(raw, path.name)
    del raw
    head_text = text[: 1 << 16]
    head_lines = head_text.splitlines()[:200]
    if len(text) > len(head_text):
        head_lines = head_lines[:-1]  # the last one may be cut
    delim = _sniff_delimiter(head_lines)
    if delim == "whitespace":
        head_rows = [ln.split() for ln in head_lines]
    else:
        head_rows = list(csv.reader(head_lines, delimiter=delim or ","))
    header_idx = find_header_row(head_rows)
    notes = [f"read as text in {encoding}, separated by "
             + {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars", "whitespace": "spaces", None: "nothing (one column)"}[delim]]
    # csv.reader yields an empty record for a blank line, so record index == line index here.
    line_skip = (header_idx + 1) if header_idx is not None else 0
    width_guess = max((len(r) for r in head_rows[line_skip: line_skip + 50]), default=1)
    header = head_rows[header_idx] if header_idx is not None else None
    width = max(width_guess, len(header) if header else 0)
    names, duplicates = _column_names(header, width)
    sep = r"\s+" if delim == "whitespace" else (delim or ",")
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            names=list(range(width)),
            skiprows=line_skip,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            quoting=csv.QUOTE_MINIMAL if delim != "whitespace" else csv.QUOTE_NONE,
        )
    except pd.errors.ParserError as exc:
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if m:
            raise InputError(
                f"{path.name}, row {int(m.group(2))}: it has {m.group(3)} values but the header has "
                f"{m.group(1)}; check that row for an extra separator, or save the file again from Excel."
            ) from None
        raise InputError(f"{path.name} could not be read as a table: {exc}. Save it again as CSV or Excel.") from None
    except (ValueError, UnicodeError) as exc:
        raise InputError(f"{path.name} could not be read as a table ({exc}). Save it again as CSV or Excel.") from None
    del text
    frame.columns = names
    row_numbers = np.arange(len(frame), dtype=np.int64) + line_skip + 1
    decimal = None
    if delim == ";" or delim == "\t":
        sample = frame.head(500).stack()
        if detect_decimal_comma(pd.Series(sample.to_numpy(), dtype=object)):
            decimal = ","
            notes.append("numbers use a decimal comma (1.234,50)")
    table = RawTable(path, "", names, frame, row_numbers, line_skip, decimal,
                     duplicate_columns=duplicates, notes=notes)
    return _finish(table)


# ---------------------------------------------------------------- workbooks


def list_sheets(path: Path) -> list[str]:
    """Return the sheet names of a workbook ([''] for a text file)."""
    fmt = sniff_format(path)
    if fmt == "csv":
        return [""]
    wb = _open_workbook(path, fmt)
    try:
        return [m.name for m in wb.sheets_metadata if str(m.typ).endswith("WorkSheet")] or list(wb.sheet_names)
    finally:
        wb.close()


def _open_workbook(path: Path, fmt: str):
    from .guard import check_workbook

    check_workbook(path, fmt)
    import python_calamine as pc

    try:
        return pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise InputError(f"{path.name} is protected with a password; open it in Excel and save it without a password.") from None
    except Exception as exc:
        raise InputError(
            f"{path.name} is damaged or not a spreadsheet Clientele can read ({type(exc).__name__}); "
            "open it in Excel and save it again as .xlsx or .csv."
        ) from None


def _sheet_rows(path: Path, wb, name: str) -> tuple[list[list[object]], int]:
    """Return the rows of a sheet and the 0-based row index of the first one."""
    try:
        sheet = wb.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=True)
        start = sheet.start[0] if sheet.start else 0
    except Exception as exc:
        raise InputError(
            f"{path.name}, sheet {name!r} could not be read ({type(exc).__name__}); "
            "open it in Excel and save it again as .xlsx."
        ) from None
    return rows, start


def _table_from_rows(path: Path, sheet: str, rows: list[list[object]], start: int) -> RawTable:
    header_idx = find_header_row(rows)
    body = rows[header_idx + 1:] if header_idx is not None else rows
    header = rows[header_idx] if header_idx is not None else None
    width = max((len(r) for r in rows[:1000]), default=0)
    width = max(width, len(header) if header else 0)
    names, duplicates = _column_names(header, width)
    frame = pd.DataFrame(body, columns=list(range(len(body[0]))) if body else None)
    if frame.shape[1] < width:
        for j in range(frame.shape[1], width):
            frame[j] = None
    frame = frame.iloc[:, :width]
    frame.columns = names
    first_body = start + (header_idx + 1 if header_idx is not None else 0)
    row_numbers = np.arange(len(frame), dtype=np.int64) + first_body + 1
    table = RawTable(path, sheet, names, frame, row_numbers,
                     (start + header_idx + 1) if header_idx is not None else 0, None, duplicate_columns=duplicates)
    return _finish(table)


def read_workbook(path: Path, fmt: str, sheet: str | None = None) -> list[RawTable]:
    """Read one sheet (by name, or the largest when None) or, with sheet='all', every sheet sharing
    the header of the largest group of same-header sheets."""
    wb = _open_workbook(path, fmt)
    try:
        names = [m.name for m in wb.sheets_metadata if str(m.typ).endswith("WorkSheet")] or list(wb.sheet_names)
        if not names:
            raise InputError(f"{path.name} has no sheets with data.")
        if sheet is not None and sheet.lower() != "all":
            chosen = sheet
            if chosen not in names:
                if chosen.isdigit() and 1 <= int(chosen) <= len(names):
                    chosen = names[int(chosen) - 1]
                else:
                    raise InputError(f"{path.name} has no sheet {sheet!r}; its sheets are: {', '.join(names)}.")
            rows, start = _sheet_rows(path, wb, chosen)
            if not rows:
                raise InputError(f"{path.name}, sheet {chosen!r} is empty; choose another sheet ({', '.join(names)}).")
            return [_table_from_rows(path, chosen, rows, start)]
        tables = []
        for name in names:
            rows, start = _sheet_rows(path, wb, name)
            if rows and any(any(v not in (None, "") for v in r) for r in rows[:50]):
                tables.append(_table_from_rows(path, name, rows, start))
        if not tables:
            raise InputError(f"{path.name} is empty: none of its sheets has any rows.")
        if sheet is None:
            best = max(tables, key=lambda t: len(t.data))
            if len(tables) > 1:
                others = [t.sheet for t in tables if t is not best]
                best.notes.append(
                    f"read sheet {best.sheet!r}, the largest; other sheets: {', '.join(others)} "
                    "(choose one with --sheet NAME, or --sheet all to combine sheets with the same header)"
                )
            return [best]
        return combine_same_header(tables)
    finally:
        wb.close()


def header_key(columns: list[str]) -> tuple[str, ...]:
    """A header's identity for combining sheets: names compared without case and spacing."""
    return tuple(re.sub(r"[\s_]+", "", c).lower() for c in columns)


def combine_same_header(tables: list[RawTable]) -> list[RawTable]:
    """Keep the tables sharing the header of the largest group; note the ones left out."""
    groups: dict[tuple[str, ...], list[RawTable]] = {}
    for t in tables:
        groups.setdefault(header_key(t.columns), []).append(t)
    best_key = max(groups, key=lambda k: sum(len(t.data) for t in groups[k]))
    kept = groups[best_key]
    skipped = [t.sheet for k, g in groups.items() if k != best_key for t in g]
    if skipped:
        kept[0].notes.append(
            f"combined sheets {', '.join(repr(t.sheet) for t in kept)}; left out sheets with a different "
            f"header: {', '.join(repr(s) for s in skipped)}"
        )
    for t in kept[1:]:
        t.columns = list(kept[0].columns)
        t.data.columns = list(kept[0].columns)
    return kept


# ---------------------------------------------------------------- shared


def _finish(table: RawTable) -> RawTable:
    """Drop trailing empty rows and a totals row at the bottom, recording what was excluded."""
    data = table.data
    if data.empty:
        return table
    empty = np.ones(len(data), dtype=bool)
    tail = data.tail(50)
    tail_empty = np.ones(len(tail), dtype=bool)
    for c in tail.columns:
        tail_empty &= is_missing_text(tail[c]).to_numpy()
    empty[-len(tail):] = tail_empty
    # trailing empties only
    n = len(data)
    end = n
    while end > 0 and empty[end - 1]:
        end -= 1
    totals: list[int] = []
    checked = 0
    while end > 0 and checked < 3:
        row = data.iloc[end - 1]
        texts = [str(v).strip() for v in row.tolist() if v is not None and not (isinstance(v, float) and np.isnan(v)) and str(v).strip()]
        if any(TOTALS_PATTERN.match(t) for t in texts):
            totals.append(int(table.row_numbers[end - 1]))
            end -= 1
            while end > 0 and empty[end - 1]:
                end -= 1
        else:
            break
        checked += 1
    if end < n:
        table.data = data.iloc[:end].reset_index(drop=True)
        table.row_numbers = table.row_numbers[:end]
    if totals:
        table.totals_rows = sorted(totals)
        table.notes.append(f"left out the totals row at the bottom (row {', '.join(map(str, sorted(totals)))})")
    return table


def read_file(path: Path | str, sheet: str | None = None) -> list[RawTable]:
    """Read a shop file into raw tables (one, or several sheets with `sheet='all'`). Raises InputError
    with one sentence for anything that cannot be read."""
    path = Path(path)
    if path.name.startswith("~$"):
        raise InputError(
            f"{path.name} is a lock file Excel leaves while a workbook is open, not your data; "
            f"open {path.name[2:]} instead."
        )
    if not path.exists():
        raise InputError(f"{path} does not exist; check the file name and folder.")
    if path.is_dir():
        raise InputError(f"{path} is a folder; choose a spreadsheet file inside it.")
    from .guard import check_size

    check_size(path)
    try:
        fmt = sniff_format(path)
    except OSError as exc:
        raise InputError(f"{path.name} could not be opened ({exc.strerror or exc}); check that you may read it.") from None
    if fmt == "empty":
        raise InputError(f"{path.name} is empty: it has no rows. Export the data again from your till or web shop.")
    if fmt == "encrypted":
        raise InputError(f"{path.name} is protected with a password; open it in Excel and save it without a password.")
    if fmt in ("damaged_zip",):
        raise InputError(f"{path.name} is damaged (the workbook is incomplete); export it again or open and re-save it in Excel.")
    if fmt == "zip":
        raise InputError(f"{path.name} is a zip archive, not a spreadsheet; unzip it and open the file inside.")
    if fmt == "binary":
        raise InputError(
            f"{path.name} is not a spreadsheet or text file Clientele can read; save it from Excel as .xlsx or .csv."
        )
    if fmt == "csv":
        tables = [read_csv_file(path)]
    else:
        tables = read_workbook(path, fmt, sheet)
    for t in tables:
        if t.data.empty:
            raise InputError(f"{t.label} has a header but no data rows; export the data again including the rows.")
    return tables
