"""Reading a shop's file into a raw table of cells: format from the bytes, encodings, delimiters,
header rows below titles, totals rows, several sheets. Nothing here decides what a column means
(roles.py) or converts it (cleaning.py); source files are only ever opened for reading."""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..texts import Message, message
from .errors import InputError
from .parsing import detect_decimal_comma, is_missing_text

HEADER_SCAN_ROWS = 30
TOTALS_PATTERN = re.compile(
    r"^\s*(合\s*计|总\s*计|小\s*计|总\s*额|汇\s*总|grand\s*total|sub\s*-?total|totals?|sum|summe|gesamt|total\s+general)\s*[:：]?\s*$",
    re.IGNORECASE,
)
CSV_DELIMITERS = [",", ";", "\t", "|"]
# Long texts (product descriptions, notes) in one cell are allowed; the default limit is 128 KB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
WIDE_TABLE_COLUMNS = 100  # above this, empty columns are dropped
MAX_TABLE_COLUMNS = 1_000  # columns with data; order exports have a few dozen at most


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
    notes: list[Message] = field(default_factory=list)  # how the file was read (desktop.texts.Message)
    warnings: list = field(default_factory=list)  # desktop.texts.Message, for the report's warnings
    # rows the reader set aside, by set-aside reason: [(1-based row, its text)]
    left_out: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def rows_left_out(self, reason: str) -> list[tuple[int, str]]:
        """The rows the reader set aside for `reason` ('totals_row', 'wrong_column_count'):
        [(1-based row, its text)]."""
        if reason == "totals_row":
            return [(r, "totals row") for r in self.totals_rows]
        return self.left_out.get(reason, [])

    @property
    def label(self) -> str:
        """The file name, with the sheet when there is one (in English; messages name it through
        their `file` and `sheet` parameters, in their own language)."""
        return file_label(self.file.name, self.sheet)


def file_label(name: str, sheet: str = "") -> str:
    """A file's name, with the sheet when there is one (the catalogue's English `where`)."""
    from ..texts import where

    return where(name, sheet)


# ---------------------------------------------------------------- format detection


def sniff_format(source: Path | bytes) -> str:
    """Return a file's real format from its bytes (or a path's): 'xlsx', 'xlsb', 'ods', 'xls',
    'encrypted', 'csv', 'empty' or 'binary' (whatever its extension says)."""
    if not isinstance(source, (bytes, bytearray)):
        from .guard import read_source

        source = read_source(Path(source))
    head = source[:8192]
    if not head:
        return "empty"
    if head[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(source)) as zf:
                names = set(zf.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "xl/workbook.bin" in names:
                    return "xlsb"
                if "mimetype" in names and b"opendocument.spreadsheet" in zf.read("mimetype"):
                    return "ods"
                if "content.xml" in names:
                    return "ods"
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError, OSError):
            return "damaged_zip"
        return "zip"
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "encrypted" if _ole_is_encrypted(source) else "xls"
    if _looks_like_text(head):
        return "csv"
    return "binary"


def _ole_is_encrypted(data: bytes) -> bool:
    try:
        import msoffcrypto

        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:
        return "EncryptionInfo".encode("utf-16-le") in data[:1 << 20]


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if _utf16_without_bom(head):
        return True
    if b"\x00" in head:
        return False
    # A few stray control characters (a pasted name) do not make a text file binary.
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control <= max(4, len(head) // 40)


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
    return not re.fullmatch(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*", s)


def find_header_row(rows: Sequence[Sequence[object]]) -> int | None:
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
        if (filled >= max(1, 0.6 * data_width) and texty >= max(1, 0.8 * filled)
                and len(set(labels)) >= 0.8 * len(labels)):
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


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b\ufeff\ufffe\uffff]")


def _column_names(header: Sequence[object] | None, width: int, first_col: int = 0) -> tuple[list[str], list[str]]:
    """Return (unique names, duplicated names). Blank header cells become 'Column N'; every copy of a
    name used more than once is named by its column letter ('Name (column B)', 'Name (column F)') so
    that no copy silently takes the plain name."""
    base: list[str] = []
    for j in range(width):
        raw = header[j] if header is not None and j < len(header) else None
        name = "" if raw is None else re.sub(r"\s+", " ", _CONTROL.sub(" ", str(raw))).strip()
        if isinstance(raw, float) and raw.is_integer():
            name = str(int(raw))
        base.append(name or f"Column {j + 1}")
    counts: dict[str, int] = {}
    for name in base:
        counts[name] = counts.get(name, 0) + 1
    duplicates = [n for n in dict.fromkeys(base) if counts[n] > 1]
    names = [f"{n} ({_excel_col(first_col + j)})" if counts[n] > 1 else n for j, n in enumerate(base)]
    # A renamed copy could meet a real header of the same text; number it further apart.
    seen: set[str] = set()
    for j, n in enumerate(names):
        k = 2
        while n in seen:
            n = f"{names[j]} #{k}"
            k += 1
        names[j] = n
        seen.add(n)
    return names, duplicates


def duplicate_groups(table: RawTable) -> dict[str, list[str]]:
    """Return {header text: [column names of its copies]} for names the header holds more than once."""
    groups: dict[str, list[str]] = {}
    for name in table.duplicate_columns:
        prefix = f"{name} (column "
        groups[name] = [c for c in table.columns if c.startswith(prefix)]
    return groups


def check_duplicate_roles(table: RawTable, roles: dict) -> None:
    """Refuse a column role that was matched automatically to one of several columns sharing a name:
    the user must say which copy they mean (--map, or the import dialog). `roles` maps role ->
    RoleMatch; a match chosen by the user has confidence 1.0."""
    for header, copies in duplicate_groups(table).items():
        if len(copies) < 2 or any(m.column in copies and m.confidence >= 1.0 for m in roles.values()):
            continue
        for role, match in roles.items():
            if match.column in copies:
                letters = [c[len(header) + len(" (column "):-1] for c in copies]
                raise InputError("reading_columns_named_columns_so", file=table.file.name, sheet=table.sheet,
                                 n_copies=len(copies), header=header, letters=letters[:-1], last=letters[-1],
                                 role=role, copies=copies[-1])


def _excel_col(j: int) -> str:
    """Return 'column A' for 0-based column j (27 -> 'column AB')."""
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return f"column {s}"


def _detect_encoding(raw: bytes) -> str:
    """Return the codec of a text file's bytes: BOMs, UTF-16 without BOM, UTF-8, then GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    guess = _utf16_without_bom(raw[:4000])
    if guess:
        return guess
    if raw.isascii() or _decodes(raw, "utf-8"):
        return "utf-8"
    if _decodes(raw, "gb18030"):
        return "gb18030"
    return "cp1252"


def _decodes(raw: bytes, codec: str, chunk: int = 1 << 16) -> bool:
    """True when all of `raw` is valid in `codec`. Checked piece by piece: decoding a 100 MB file whole
    builds a text of up to 400 MB only to throw it away (the parser decodes the cells itself)."""
    decoder = codecs.getincrementaldecoder(codec)()
    view = memoryview(raw)
    try:
        for start in range(0, len(raw), chunk):
            decoder.decode(view[start:start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


_NON_ASCII = bytes(range(128, 256))
_ESCAPED = re.compile("[\udc80-\udcff]")
FALLBACK_ENCODINGS = ("gb18030", "utf-8", "cp1252")


def _mixed_lines(raw: bytes, encoding: str) -> tuple[bytes, str, dict[str, list[int]]] | None:
    """For a text file that is not valid in one encoding throughout (GBK rows appended to a UTF-8
    file, one bad byte at its end): decode it line by line, each line in the file's main encoding
    when it can be, else in the first of FALLBACK_ENCODINGS that reads it. Return (the text as
    UTF-8 bytes, the main encoding, {other encoding: 1-based line numbers}), or None when the file
    is valid as detected, or is neither mostly UTF-8 nor mostly GB18030 (read whole in cp1252)."""
    if encoding not in ("cp1252", "utf-8-sig"):  # the others were decoded whole without an error
        return None
    bom = 3 if encoding == "utf-8-sig" else 0
    body = raw[bom:]
    text = body.decode("utf-8", "surrogateescape")
    invalid = len(body) - len(text.encode("utf-8", "ignore"))
    if not invalid:
        return None
    non_ascii = len(body.translate(None, bytes(range(128))))
    main = "utf-8"
    if non_ascii - invalid < invalid:  # not mostly UTF-8: mostly GB18030 with a few bad lines?
        main = "gb18030"
        text = body.decode(main, "surrogateescape")
        if (len(body) - len(text.encode(main, "ignore"))) * 20 > non_ascii:
            return None  # e.g. a Western European file in cp1252
    pieces: list[str] = []
    others: dict[str, list[int]] = {}
    done, line_no, counted = 0, 1, 0
    match = _ESCAPED.search(text)
    while match:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        end = len(text) if end < 0 else end
        line_no += text.count("\n", counted, start)
        counted = start
        line = text[start:end].encode(main, "surrogateescape")
        for codec in FALLBACK_ENCODINGS:
            if codec == main:
                continue
            try:
                fixed = line.decode(codec)
                break
            except UnicodeDecodeError:
                continue
        else:
            codec, fixed = "cp1252", line.decode("cp1252", "replace")
        others.setdefault(codec, []).append(line_no)
        pieces.append(text[done:start])
        pieces.append(fixed)
        done = end
        match = _ESCAPED.search(text, end)
    pieces.append(text[done:])
    return "".join(pieces).encode("utf-8"), main, others


LONG_LINE = 1 << 20  # characters; longer lines are judged by counting separators, not parsed for sniffing


def _trailing_empty_start(raw: bytes, encoding: str) -> int:
    """Return where the lines that hold nothing but separators and spaces begin at the end of the
    file (what Excel writes for formatted empty rows), or len(raw)."""
    if encoding.startswith("utf-16"):
        return len(raw)
    end = len(raw.rstrip(b"\r\n\t ,;|"))
    nl = raw.find(b"\n", end)
    return len(raw) if nl < 0 else nl + 1


def _line_text(raw: bytes, line: int, encoding: str) -> str:
    """The text of 1-based line `line` of `raw` (for examples of rows set aside), cut to 120
    characters; '' for lines too far down to look up quickly."""
    if line > 2_000_000:
        return ""
    pos = 0
    for _ in range(line - 1):
        pos = raw.find(b"\n", pos) + 1
        if pos == 0:
            return ""
    end = raw.find(b"\n", pos, pos + 4096)
    chunk = raw[pos: end if end >= 0 else pos + 4096]
    text = chunk.decode(encoding if not encoding.startswith("utf-16") else "utf-8", "replace").strip()
    return text[:120] + ("…" if len(text) > 120 else "")


def _field_count(line: str, delim: str | None) -> int:
    """The number of fields of one line: by counting separators when it has no quotation mark
    (exact, and quick on a line of millions of fields), else by parsing it."""
    if delim == "whitespace":
        return len(line.split())
    sep = delim or ","
    if '"' not in line:
        return line.count(sep) + 1
    return max((len(r) for r in csv.reader([line], delimiter=sep)), default=0)


def read_csv_file(path: Path, raw: bytes | None = None) -> RawTable:
    """Read a delimited text file (its bytes `raw`, else read here) into a RawTable of text cells
    (empty cells are NaN). Rows with more values than the header (an unquoted separator) are set
    aside as 'wrong_column_count' with their row numbers, wherever they are in the file; empty rows
    at the end are dropped before parsing; lines in another encoding than the rest are read in
    theirs, and a warning says which."""
    if raw is None:
        from .guard import read_source

        raw = read_source(path)
    if not raw or raw.isspace():  # (raw.strip() would copy the whole file)
        _refuse_unreadable(path, "empty")
    encoding = _detect_encoding(raw)
    warnings_out: list = []
    mixed = _mixed_lines(raw, encoding)
    if mixed is not None:
        raw, main, others = mixed
        encoding = "utf-8"
        for codec, lines in others.items():
            shown = ", ".join(map(str, lines[:5])) + (", …" if len(lines) > 5 else "")
            warnings_out.append(message("mixed_encodings", file=path.name, encoding=codec, main=main,
                                        rows=shown, count=len(lines)))
    # Empty rows at the end (ten million ',,,,,' lines) never reach the parser.
    cut = _trailing_empty_start(raw, encoding)
    if len(raw) - cut > max(1 << 20, cut // 4):
        raw = raw[:cut]
    # Sniff on the first 64 KB, stretched to hold a few whole lines when lines are very long.
    head_size = 1 << 16
    newline = b"\n\x00" if encoding.startswith("utf-16") and encoding != "utf-16-be" else b"\n"
    lines_end = -1
    for _ in range(5):
        lines_end = raw.find(newline, lines_end + 1)
        if lines_end < 0:
            break
    head_size = max(head_size, min(lines_end + 2 if lines_end >= 0 else len(raw), 1 << 26))
    head_size -= head_size % 2 if encoding.startswith("utf-16") else 0
    head_text = raw[:head_size].decode(encoding, errors="replace")
    if encoding == "utf-8-sig":
        head_text = head_text.lstrip("\ufeff")
    head_lines = head_text.splitlines()[:200]
    if len(raw) > head_size and len(head_lines) > 1:
        head_lines = head_lines[:-1]  # the last one may be cut
    # A line of megabytes (millions of values) is left out of sniffing and header detection, which
    # would parse and test every value of it; it is measured by counting separators below.
    long_lines = {i for i, ln in enumerate(head_lines) if len(ln) > LONG_LINE}
    sniffed = ["" if i in long_lines else ln for i, ln in enumerate(head_lines)]
    try:
        delim = _sniff_delimiter(sniffed)
        if delim == "whitespace":
            head_rows = [ln.split() for ln in sniffed]
        else:
            head_rows = list(csv.reader(sniffed, delimiter=delim or ","))
    except csv.Error as exc:
        raise InputError("reading_read_table_save_again", file=path.name, error=str(exc)) from None
    header_idx = find_header_row(head_rows)
    notes = [message("read_as_text", file=path.name, encoding=encoding,
                     separator={",": "comma", ";": "semicolon", "\t": "tab", "|": "bar", "whitespace": "space",
                                None: "none"}[delim])]
    # csv.reader yields an empty record for a blank line, so record index == line index here.
    line_skip = (header_idx + 1) if header_idx is not None else 0
    header = head_rows[header_idx] if header_idx is not None else None
    # The table is as wide as its header, or as most of its first rows when they are wider (a
    # trailing separator on every line); never as its widest row: a stray separator in one row
    # would shift that row's values under the wrong columns.
    body_widths = [len(r) for i, r in enumerate(head_rows[line_skip: line_skip + 50], start=line_skip)
                   if r and i not in long_lines]
    usual = int(pd.Series(body_widths).mode().max()) if body_widths else 1
    width = max(usual, len(header) if header else 0)
    if header is None and long_lines and not body_widths:
        width = max(_field_count(head_lines[i], delim) for i in long_lines)
    _check_width(path, width)
    names, duplicates = _column_names(header, width)
    # Rows of the first lines that are wider than the table are set aside before parsing (the
    # parser would otherwise take the first such row's extra values as an index).
    # (When a quoted value spans lines, records and lines differ: the parser alone judges then.)
    aligned = len(head_rows) == len(head_lines)
    wide_head = [i for i in range(line_skip, len(head_lines) if aligned else 0)
                 if (i in long_lines and _field_count(head_lines[i], delim) > width)
                 or (i not in long_lines and len(head_rows[i]) > width)]
    skip = set(range(line_skip)) | set(wide_head)
    sep = r"\s+" if delim == "whitespace" else (delim or ",")
    import warnings

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.BytesIO(raw),
                encoding=encoding,
                encoding_errors="replace",
                sep=sep,
                header=None,
                # one column more than the table: a row with one value too many lands there
                names=list(range(width + 1)),
                index_col=False,
                skiprows=sorted(skip) if wide_head else line_skip,
                dtype=object,
                keep_default_na=False,
                na_values=[""],
                skip_blank_lines=False,
                engine="c",
                on_bad_lines="warn",
                quoting=csv.QUOTE_MINIMAL if delim != "whitespace" else csv.QUOTE_NONE,
            )
    except pd.errors.ParserError as exc:
        quote = re.search(r"EOF inside string starting at row (\d+)", str(exc))
        if quote:
            raise InputError("reading_row_quotation_mark_opens", file=path.name,
                             value=int(quote.group(1)) + 1) from None
        raise InputError("reading_read_table_save_again_2", file=path.name, error=str(exc)) from None
    except (ValueError, UnicodeError) as exc:
        raise InputError("reading_read_table_save_again_3", file=path.name, error=str(exc)) from None
    bad_lines = sorted({int(n) for w in caught for n in re.findall(r"Skipping line (\d+)", str(w.message))})
    # Row numbers: every line after the header, less those set aside before or by the parser.
    gone = sorted({i + 1 for i in wide_head} | set(bad_lines))
    total = len(frame) + len(gone)
    row_numbers = np.arange(line_skip + 1, line_skip + 1 + total, dtype=np.int64)
    if gone:
        row_numbers = np.setdiff1d(row_numbers, np.asarray(gone, dtype=np.int64), assume_unique=True)
        if len(row_numbers) != len(frame):  # quoted line breaks: lines and rows differ
            row_numbers = np.arange(len(frame), dtype=np.int64) + line_skip + 1
    extra = frame[width]
    one_too_many = np.flatnonzero(extra.notna().to_numpy()) if len(frame) else np.array([], dtype=np.int64)
    wrong: list[tuple[int, str]] = [(i + 1, _line_text(raw, i + 1, encoding)) for i in wide_head[:5]]
    wrong += [(int(n), "") for n in (i + 1 for i in wide_head[5:])]
    wrong += [(n, _line_text(raw, n, encoding) if k < 5 else "") for k, n in enumerate(bad_lines)]
    if len(one_too_many):
        kept = np.ones(len(frame), dtype=bool)
        kept[one_too_many] = False
        for k, i in enumerate(one_too_many):
            values = [str(v) for v in frame.iloc[i].tolist() if isinstance(v, str)] if k < 5 else []
            wrong.append((int(row_numbers[i]), " | ".join(values)[:120]))
        frame = frame[kept].reset_index(drop=True)
        row_numbers = row_numbers[kept]
    frame = frame.drop(columns=[width])
    del raw
    frame.columns = names
    decimal = None
    if delim == ";" or delim == "\t":
        sample = frame.head(500).stack()
        if detect_decimal_comma(pd.Series(sample.to_numpy(), dtype=object)):
            decimal = ","
            notes.append(message("read_decimal_comma", file=path.name))
    table = RawTable(path, "", names, frame, row_numbers, line_skip, decimal,
                     duplicate_columns=duplicates, notes=notes, warnings=warnings_out)
    if wrong:
        table.left_out["wrong_column_count"] = sorted(wrong)
    return _finish(table)


# ---------------------------------------------------------------- workbooks


def list_sheets(path: Path) -> list[str]:
    """Return the sheet names of a workbook ([''] for a text file)."""
    from .guard import load_workbook, read_source

    data = read_source(path)
    fmt = sniff_format(data)
    if fmt == "csv":
        return [""]
    _refuse_unreadable(path, fmt)
    return load_workbook(path, fmt, names_only=True, data=data).names


def _merged_above(merged: list, header_row0: int, col0: int, width: int) -> dict[int, int]:
    """Map each column j of the table to the column of the cell holding its label in the row above the
    header, for horizontally merged ranges there (a two-row header like 'Customer' over 'ID | Name')."""
    owner: dict[int, int] = {}
    for (r0, c0), (r1, c1) in merged:
        if r0 <= header_row0 - 1 <= r1 and c1 > c0:
            for c in range(max(c0, col0), min(c1, col0 + width - 1) + 1):
                owner[c - col0] = c0 - col0
    return owner


def _is_label_row(row: list[object]) -> bool:
    """True when every filled cell of the row is a text label (no numbers or dates)."""
    filled = [v for v in row if v is not None and str(v).strip() != ""]
    return bool(filled) and all(_cell_is_texty(v) for v in filled)


def _has_header_merges(merged: list, row0: int) -> bool:
    """True when some range merges cells of 0-based sheet row `row0` across columns, or down into the
    row below it."""
    return any(r0 <= row0 <= r1 and (c1 > c0 or r1 > row0) for (r0, c0), (r1, c1) in merged)


def _two_row_header(rows: list[list[object]], header_idx: int, merged: list, start: tuple[int, int],
                    width: int) -> list[object] | None:
    """Combine a header with the row of merged group labels above it ('Customer' + 'ID' ->
    'Customer ID'); a header cell left blank under a vertical merge takes the label above. None when
    the header is a single row."""
    if header_idx < 1 or not merged:
        return None
    upper = rows[header_idx - 1]
    lower = rows[header_idx]
    row0 = start[0] + header_idx
    owner = _merged_above(merged, row0, start[1], width)
    vertical = {c0 - start[1] for (r0, c0), (r1, c1) in merged if r0 == row0 - 1 and r1 >= row0 and c1 == c0}
    if not owner and not vertical:
        return None
    combined: list[object] = []
    for j in range(width):
        low = lower[j] if j < len(lower) else None
        low_text = "" if low is None else str(low).strip()
        if j in owner:
            k = owner[j]
            top = upper[k] if 0 <= k < len(upper) else None
            top_text = "" if top is None else str(top).strip()
            combined.append(f"{top_text} {low_text}".strip() if top_text else low)
        elif not low_text and j in vertical and j < len(upper):
            combined.append(upper[j])
        else:
            combined.append(low)
    return combined


def _table_from_rows(path: Path, sheet: str, rows: list[list[object]], start: int | tuple[int, int],
                     merged: list | None = None) -> RawTable:
    if isinstance(start, int):
        start = (start, 0)
    header_idx = find_header_row(rows)
    body = rows[header_idx + 1:] if header_idx is not None else rows
    header = rows[header_idx] if header_idx is not None else None
    width = max((len(r) for r in rows[:1000]), default=0)
    width = max(width, len(header) if header else 0)
    _check_width(path, width, sheet)
    notes: list[Message] = []
    if header_idx is not None and merged:
        # A header row with merged group labels ('Customer' over 'ID | Name') is the upper half of a
        # two-row header when the row below it is labels too.
        if header_idx + 1 < len(rows) and _is_label_row(rows[header_idx + 1]) and \
                _has_header_merges(merged, start[0] + header_idx):
            header_idx += 1
            body = rows[header_idx + 1:]
            header = rows[header_idx]
        two_rows = _two_row_header(rows, header_idx, merged, start, width)
        if two_rows is not None:
            header = two_rows
            notes.append(message("read_two_row_header", file=path.name, sheet=sheet, first=start[0] + header_idx,
                                 second=start[0] + header_idx + 1))
    names, duplicates = _column_names(header, width, first_col=start[1])
    frame = pd.DataFrame(body, columns=list(range(len(body[0]))) if body else None)
    if frame.shape[1] < width:
        for j in range(frame.shape[1], width):
            frame[j] = None
    frame = frame.iloc[:, :width]
    frame.columns = names
    first_body = start[0] + (header_idx + 1 if header_idx is not None else 0)
    row_numbers = np.arange(len(frame), dtype=np.int64) + first_body + 1
    table = RawTable(path, sheet, names, frame, row_numbers,
                     (start[0] + header_idx + 1) if header_idx is not None else 0, None,
                     duplicate_columns=duplicates, notes=notes)
    return _finish(table)


def _check_width(path: Path, width: int, sheet: str = "") -> None:
    from .guard import EXCEL_MAX_COLS

    if width > EXCEL_MAX_COLS:
        raise InputError("reading_columns_more_spreadsheet_hold", file=path.name, sheet=sheet, width=width,
                         excel_max_cols=EXCEL_MAX_COLS)


def read_workbook(path: Path, fmt: str, sheet: str | None = None, data: bytes | None = None) -> list[RawTable]:
    """Read one sheet by name or, with sheet='all', every sheet sharing the header of the largest
    group of same-header sheets. With None: that group when it has two sheets or more, else the
    largest sheet. `data`: the file's bytes (else read here)."""
    from .guard import load_workbook

    if sheet is not None and sheet.lower() != "all":
        from .guard import resolve_sheet

        book = load_workbook(path, fmt, wanted=[sheet], data=data)
        names = book.names
        if not names:
            raise _no_sheets(path)
        chosen = resolve_sheet(sheet, names)
        if chosen is None:
            raise InputError("reading_sheet_sheets", file=path.name, sheet=sheet, sheets=list(names))
        cells = book.sheets[chosen]
        if not cells.rows:
            raise InputError("reading_sheet_empty_choose_another", file=path.name, chosen=chosen, sheets=list(names))
        return [_table_from_rows(path, chosen, cells.rows, cells.start, cells.merged)]
    book = load_workbook(path, fmt, data=data)
    if not book.names:
        raise _no_sheets(path)
    tables = []
    for name in book.names:
        found = book.sheets.get(name)
        if found is None:
            continue
        rows = found.rows
        if rows and any(any(v not in (None, "") for v in r) for r in rows[:50]):
            tables.append(_table_from_rows(path, name, rows, found.start, found.merged))
    if not tables:
        raise InputError("reading_empty_none_sheets_any", file=path.name)
    kept, skipped = same_header_group(tables)
    if sheet is None and len(kept) < 2:
        best = max(tables, key=lambda t: len(t.data))
        if len(tables) > 1:
            others = [t.sheet for t in tables if t is not best]
            best.notes.append(message("read_largest_sheet", file=path.name, sheet=best.sheet, others=others))
        return [best]
    # Asked for, or by default one table split over sheets (a sheet per month or year, as Excel's
    # row limit or a till's yearly export makes them): the sheets sharing a header, read as one.
    if len(kept) > 1 or skipped:
        sheets = [t.sheet for t in kept]
        if skipped:
            kept[0].notes.append(message("read_sheets_combined_some", file=path.name, sheets=sheets,
                                         skipped=[t.sheet for t in skipped]))
        else:
            kept[0].notes.append(message("read_sheets_combined", file=path.name, sheets=sheets))
    return combine_same_header(kept)


def _no_sheets(path: Path) -> InputError:
    return InputError("reading_sheets_data", file=path.name)


def header_key(columns: list[str]) -> tuple[str, ...]:
    """A header's identity for combining sheets: names compared without case and spacing."""
    return tuple(re.sub(r"[\s_]+", "", c).lower() for c in columns)


def same_header_group(tables: list[RawTable]) -> tuple[list[RawTable], list[RawTable]]:
    """Return (the tables sharing the header of the largest group by rows, the others)."""
    groups: dict[tuple[str, ...], list[RawTable]] = {}
    for t in tables:
        groups.setdefault(header_key(t.columns), []).append(t)
    best_key = max(groups, key=lambda k: sum(len(t.data) for t in groups[k]))
    return groups[best_key], [t for k, g in groups.items() if k != best_key for t in g]


def combine_same_header(tables: list[RawTable]) -> list[RawTable]:
    """Keep the tables sharing the header of the largest group, all named as the first one's columns."""
    kept, _ = same_header_group(tables)
    for t in kept[1:]:
        t.columns = list(kept[0].columns)
        t.data.columns = list(kept[0].columns)
    return kept


# ---------------------------------------------------------------- shared


def _drop_empty_columns(table: RawTable) -> None:
    """Drop the columns without a single filled cell (a sheet with thousands of labelled but empty
    columns); refuse a table that still has more columns than any order export needs."""
    values = table.data.to_numpy(dtype=object)
    filled = ~(pd.isna(values) | (values == "")).all(axis=0) if len(values) else np.zeros(values.shape[1], bool)
    keep = [c for c, f in zip(table.columns, filled) if f]
    dropped = len(table.columns) - len(keep)
    if len(keep) > MAX_TABLE_COLUMNS:
        raise InputError("reading_columns_data_clientele_reads", file=table.file.name, sheet=table.sheet,
                         n_keep=len(keep), max_table_columns=MAX_TABLE_COLUMNS)
    if dropped:
        table.data = table.data[keep]
        table.columns = keep
        table.duplicate_columns = [d for d in table.duplicate_columns
                                   if any(c.startswith(f"{d} (column ") for c in keep)]
        table.notes.append(message("read_empty_columns", file=table.file.name, sheet=table.sheet, n=dropped))


def _empty_rows(data: pd.DataFrame) -> np.ndarray:
    """A mask of the rows whose every cell is empty (missing, '' or spaces)."""
    empty = np.ones(len(data), dtype=bool)
    for c in data.columns:
        empty &= is_missing_text(data[c]).to_numpy()
    return empty


def _trailing_empty_rows_start(data: pd.DataFrame) -> int:
    """Where the run of empty rows at the end of `data` begins (len(data) when the last row has
    data). Looks at growing blocks from the end, so a table followed by a million empty rows costs
    about as much as those rows, and one without any costs one small block."""
    end, block = len(data), 64
    while end > 0:
        start = max(0, end - block)
        filled = np.flatnonzero(~_empty_rows(data.iloc[start:end]))
        if len(filled):
            return start + int(filled[-1]) + 1
        end, block = start, block * 4
    return 0


def _finish(table: RawTable) -> RawTable:
    """Drop trailing empty rows and a totals row at the bottom, and the empty columns of a very wide
    table, recording what was excluded."""
    if len(table.columns) > WIDE_TABLE_COLUMNS:
        _drop_empty_columns(table)
    data = table.data
    if data.empty:
        return table
    n = len(data)
    end = _trailing_empty_rows_start(data)
    # the rows looked at for a totals row and the empty rows around it
    empty = np.zeros(n, dtype=bool)
    empty[end:] = True
    near = max(0, end - 50)
    empty[near:end] = _empty_rows(data.iloc[near:end])
    totals: list[int] = []
    checked = 0
    while end > 0 and checked < 3:
        row = data.iloc[end - 1]
        texts = [str(v).strip() for v in row.tolist()
                 if v is not None and not (isinstance(v, float) and np.isnan(v)) and str(v).strip()]
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
        table.notes.append(message("read_totals_row", file=table.file.name, sheet=table.sheet, rows=sorted(totals)))
    return table


def _refuse_unreadable(path: Path, fmt: str) -> None:
    """Raise the one sentence for a format Clientele does not read (see sniff_format)."""
    if fmt == "empty":
        raise InputError("reading_empty_rows_export_data", file=path.name)
    if fmt == "encrypted":
        raise InputError("guard_protected_password_open_excel", file=path.name)
    if fmt == "damaged_zip":
        raise InputError("reading_damaged_workbook_incomplete_export", file=path.name)
    if fmt == "zip":
        raise InputError("reading_zip_archive_spreadsheet_unzip", file=path.name)
    if fmt == "binary":
        raise InputError("reading_spreadsheet_text_file_clientele", file=path.name)


def read_file(path: Path | str, sheet: str | None = None) -> list[RawTable]:
    """Read a shop file into raw tables (one, or several sheets with `sheet='all'`). Raises InputError
    with one sentence for anything that cannot be read."""
    path = Path(path)
    if path.name.startswith("~$"):
        raise InputError("reading_lock_file_excel_leaves", file=path.name, file2=path.name[2:])
    if not path.exists():
        raise InputError("reading_does_exist_check_file", path=path)
    if path.is_dir():
        raise InputError("reading_folder_choose_spreadsheet_file", path=path)
    from .guard import read_source

    data = read_source(path)  # refuses pipes, devices and sockets before opening them
    fmt = sniff_format(data)
    _refuse_unreadable(path, fmt)
    tables = [read_csv_file(path, data)] if fmt == "csv" else read_workbook(path, fmt, sheet, data)
    del data
    for t in tables:
        if t.data.empty:
            raise InputError("reading_header_but_data_rows", file=t.file.name, sheet=t.sheet)
    return tables
