"""A CSV file's order lines kept in DuckDB from reading to the per-customer aggregation (issue 20).

Python does what it does well on a sample: the encoding (checked over the whole file as it streams
past; GB18030 and UTF-16 are transcoded to a temporary UTF-8 file, which DuckDB reads), then
reading.read_csv_file on the first lines (separator, title and header rows, column names, decimal
commas) and roles.detect_roles on them. DuckDB then reads the whole file as text with those columns,
and the cleaning rules of cleaning.clean_lines run as SQL: every cell in the usual plain form (an
ASCII id, a number like 1234.50, an ISO date) is converted in SQL, and the distinct cells in any other
form (currency symbols, thousands separators, day-first dates, full-width digits …) are converted once
each by the very functions the pandas path uses (parsing.py) and joined back. The per-customer
aggregation is columnar.customer_query; the shop's figures and the checks are SQL too, so a million
lines never become pandas object columns. The customer table is a pandas DataFrame, as before.

Where the file meets a rule this path does not run (several files, a customer list, status or
profile columns, rows of the wrong width, blank lines in the middle, mixed encodings …),
`NotPorted` is raised and the caller uses the pandas path for that file, so the answer never differs.
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..texts import message
from .cleaning import (MAX_EXAMPLES, MAX_PLAUSIBLE, ORDER_REPEAT_SHARE, SET_ASIDE_REASONS, WALK_IN_MIN_CUSTOMERS,
                       WALK_IN_SHARE, CleaningReport, SetAsideExample, _row_text, _walk_in_summary,
                       placeholder_ids)
from .errors import InputError
from .parsing import full_matches, lost_precision_ids, parse_dates, parse_numbers, to_text
from .reading import RawTable, _finish, _utf16_without_bom, check_duplicate_roles, read_csv_file, sniff_format
from .roles import RoleMatch, detect_roles

# Files smaller than this are read by pandas: quicker to start (DuckDB's import alone is ~0.1 s).
MIN_BYTES = 16 << 20
# Lines read by pandas for the layout and the column roles (roles look at the first 2,000 rows).
SAMPLE_LINES = 2_500
# DuckDB streams a CSV file, so the guard's 1 GB limit on files read into memory does not apply;
# this one keeps a mistaken choice (a disk image renamed .csv) from running for an hour.
MAX_STREAMED_BYTES = int(float(os.environ.get("CLIENTELE_MAX_CSV_MB", "16384")) * 2**20)
# DuckDB's own memory (it spills to a temporary folder beyond this).
# 1M lines: 200 MB gives a peak of 352 MB for the whole analysis (600 MB: 679 MB) for ~1 s more CPU.
MEMORY_LIMIT = os.environ.get("CLIENTELE_ENGINE_MEMORY", "200MB")
# The roles this path cleans; any other role found in the file (order status, payment time, profile
# fields) means the pandas path.
PORTED_ROLES = frozenset({"customer_id", "date", "order_id", "product_id", "product_name", "category",
                          "quantity", "unit_price", "amount", "store"})
_ID_ROLES = ("customer_id", "order_id", "product_id")
_TEXT_ROLES = ("product_name", "category", "store")
_NUMBER_ROLES = ("quantity", "unit_price", "amount")
_CHUNK = 4 << 20
_SQL_TYPES = {"object": "VARCHAR", "float64": "DOUBLE", "bool": "BOOLEAN"}

# Cells SQL converts itself. Whitespace as Python's str.strip() sees it (to_text strips it).
_WS = r"[\t\n\x{0b}\x{0c}\r\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
_PLAIN = {
    # printable ASCII without spaces, and not a number a program wrote as a float (536414.0, 1.2E+17)
    "id": ("regexp_full_match({x}, '[!-~]+') AND NOT regexp_full_match({x}, "
           "'[+-]?[0-9]+\\.0+|[1-9](\\.[0-9]+)?[eE]\\+[0-9]{{2}}')"),
    "text": "NOT regexp_matches({x}, '^WS|WS$') AND {x} <> ''".replace("WS", _WS.replace("{", "{{").replace("}", "}}")),
    "number.": "regexp_full_match({x}, '-?[0-9]{{1,15}}(\\.[0-9]{{1,6}})?')",
    "number,": "regexp_full_match({x}, '-?[0-9]{{1,15}}(,[0-9]{{1,6}})?')",
    "date": ("regexp_full_match({x}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}( ([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?)?')"
             " AND TRY_CAST({x} AS TIMESTAMP) BETWEEN TIMESTAMP '1900-01-01' AND TIMESTAMP '2200-12-31'"),
}
_CANCEL_SQL = "regexp_full_match({x}, '[Cc][0-9]+')"
_CANCELLATION = re.compile(r"(?<![^\x00])[Cc]\d+(?![^\x00])")


class NotPorted(Exception):
    """The file needs a rule that only the pandas path runs (the reason is for tests and logs)."""


@dataclass
class EngineLines:
    """The clean order lines of one file, held in DuckDB (table `lines`); `frame()` gives them as the
    pandas DataFrame the pandas path returns (schema.LINE_COLUMNS), for the views that need lines."""

    con: Any  # a duckdb connection (DuckDB is an optional dependency)
    file: str
    workdir: str
    rows: int
    present: set[str] = field(default_factory=set)  # the roles the file has
    _frame: pd.DataFrame | None = None

    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            from .schema import LINE_COLUMNS

            df = self.con.execute(
                "SELECT customer_id, order_id, \"date\", product_id, product_name, category, quantity, unit_price, "
                "amount, is_return, source_row FROM lines ORDER BY line_no").df()
            # built as cleaning.clean_lines builds it, so the columns get the same dtypes
            out = pd.DataFrame({"customer_id": _objects(df["customer_id"]).to_numpy(),
                                "date": df["date"].astype("datetime64[ns]").to_numpy(),
                                "order_id": _objects(df["order_id"]).to_numpy()})
            for c in ("product_id", "product_name", "category"):
                given = c in self.present or (c != "category" and {"product_id", "product_name"} & self.present)
                out[c] = pd.Series(_objects(df[c]).to_numpy() if given else None, index=out.index, dtype=object)
            for c in ("quantity", "unit_price", "amount"):
                out[c] = df[c].to_numpy(dtype="float64")
            out["is_return"] = df["is_return"].to_numpy(dtype=bool)
            out["source_file"] = np.full(len(out), self.file, dtype=object)
            out["source_sheet"] = np.full(len(out), "", dtype=object)
            out["source_row"] = df["source_row"].to_numpy(dtype="int64")
            df = out
            self._frame = df[LINE_COLUMNS]
        return self._frame

    def __reduce__(self):
        """A pickle (the app's worker process sends the analysis back) carries the lines as pandas."""
        return (_same_frame, (self.frame(),))

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __del__(self) -> None:  # the temporary folder (a transcoded copy, DuckDB's spill files)
        shutil.rmtree(self.workdir, ignore_errors=True)


@dataclass
class EngineLoad:
    lines: EngineLines
    report: CleaningReport
    roles: dict[str, RoleMatch]
    table: RawTable  # the sample the layout and roles were found on
    notes: list = field(default_factory=list)


def _same_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


def _objects(values: pd.Series) -> pd.Series:
    arr = values.to_numpy(dtype=object).copy()
    arr[pd.isna(arr)] = None
    return pd.Series(arr, index=values.index, dtype=object)


def engine_available() -> bool:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return False
    return True


def wanted(options) -> bool:
    """True when `options` (pipeline.AnalysisOptions) name one CSV-sized file this path may read."""
    if len(options.paths) != 1 or options.customers_file is not None or options.sheet not in (None, ""):
        return False
    if os.environ.get("CLIENTELE_CSV_ENGINE", "duckdb") == "pandas":  # benchmarks: the pandas path
        return False
    path = Path(options.paths[0])
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        return False
    return size >= MIN_BYTES and engine_available()


# ---------------------------------------------------------------- the bytes


def _stream_check(path: Path, workdir: str) -> tuple[str, Path, bytes]:
    """(encoding as reading._detect_encoding names it, the UTF-8 file DuckDB reads, the first bytes
    of the original file). Raises NotPorted for what the pandas path reads differently."""
    from .guard import _refuse_size, check_regular_file

    check_regular_file(path)
    size = path.stat().st_size
    if size > MAX_STREAMED_BYTES:
        _refuse_size(path.name, size, MAX_STREAMED_BYTES)
    with open(path, "rb") as fh:
        head = fh.read(_CHUNK)
    if sniff_format(head) != "csv":
        raise NotPorted("not a text file")
    if head.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = _utf16_without_bom(head[:4000]) or ""
    if encoding.startswith("utf-16"):
        return encoding, _transcode(path, encoding, workdir), head
    if _valid(path, "utf-8", skip=3 if encoding == "utf-8-sig" else 0):
        return encoding or "utf-8", path, head
    if encoding == "utf-8-sig":
        raise NotPorted("a UTF-8 file with invalid bytes (mixed encodings)")
    if not _valid(path, "gb18030"):
        raise NotPorted("neither UTF-8 nor GB18030")
    return "gb18030", _transcode(path, "gb18030", workdir), head


def _valid(path: Path, codec: str, skip: int = 0) -> bool:
    decoder = codecs.getincrementaldecoder(codec)()
    with open(path, "rb") as fh:
        fh.seek(skip)
        try:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _transcode(path: Path, codec: str, workdir: str) -> Path:
    """A UTF-8 copy of the file in `workdir` (undecodable bytes replaced, as pandas reads them)."""
    out = Path(workdir) / "utf8.csv"
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    with open(path, "rb") as src, open(out, "wb") as dst:
        while chunk := src.read(_CHUNK):
            dst.write(decoder.decode(chunk).encode("utf-8", "surrogatepass"))
        dst.write(decoder.decode(b"", final=True).encode("utf-8", "surrogatepass"))
    return out


def _blank_lines_inside(path: Path) -> bool:
    """True when a blank line stands between lines with data (DuckDB skips blank lines; pandas keeps
    them as empty rows with their row numbers)."""
    last = -1
    with open(path, "rb") as fh:
        pos, tail = 0, b""
        while chunk := fh.read(_CHUNK):
            buf = tail + chunk
            for pat in (b"\n\n", b"\n\r\n"):
                j = buf.rfind(pat)
                if j >= 0:
                    last = max(last, pos - len(tail) + j)
            tail = buf[-2:]
            pos += len(chunk)
        if last < 0:
            return False
        fh.seek(last)
        rest = fh.read()
    return bool(rest.translate(None, b"\r\n\t ,;|"))


def _sample(path: Path, head: bytes, encoding: str, lines: int) -> bytes | None:
    """The first `lines` lines of the file in its own encoding; None when the file has no more."""
    newline = {"utf-16-be": b"\x00\n"}.get(encoding, b"\n\x00" if encoding.startswith("utf-16") else b"\n")
    buf = head
    with open(path, "rb") as fh:
        fh.seek(len(head))
        pos, found = -1, 0
        while True:
            j = buf.find(newline, pos + 1)
            if j < 0:
                more = fh.read(_CHUNK)
                if not more:
                    return None
                buf += more
                continue
            if encoding.startswith("utf-16") and (j - (encoding == "utf-16-be")) % 2:
                pos = j
                continue
            found += 1
            pos = j
            if found == lines:
                return buf[:j + len(newline)]


# ---------------------------------------------------------------- the whole path


def load_engine(path: Path, overrides: dict[str, str] | None = None, date_order: str = "auto",
                keep_zero_price: bool = False, keep_duplicates: bool = False, keep_walk_in: bool = False,
                today: pd.Timestamp | None = None, sample_lines: int | None = None) -> EngineLoad:
    """Read and clean one CSV file in DuckDB. Raises NotPorted when the pandas path must read it,
    InputError for what the user must fix (as the pandas path would)."""
    import duckdb

    path = Path(path)
    sample_lines = sample_lines or SAMPLE_LINES
    workdir = tempfile.mkdtemp(prefix="clientele-engine-")
    con = None
    try:
        encoding, source, head = _stream_check(path, workdir)
        if _blank_lines_inside(source):
            raise NotPorted("blank lines between the data")
        with open(source, "rb") as fh:
            start = fh.read(1 << 16)
        if b"\r" in start and b"\r\n" not in start:
            raise NotPorted("old Mac line ends")
        sample_bytes = _sample(path, head, encoding, sample_lines)
        if sample_bytes is None:
            raise NotPorted("the file is no longer than the sample")
        table = read_csv_file(path, sample_bytes)
        read_as = next((n.params for n in table.notes if n.code == "read_as_text"), {})
        if read_as.get("encoding") != encoding:  # e.g. a GB18030 file whose first lines are ASCII
            raise NotPorted("the sample's encoding is not the file's")
        sep = read_as.get("separator")
        delim = {"comma": ",", "semicolon": ";", "tab": "\t", "bar": "|"}.get(str(sep))
        if (delim is None or table.left_out or table.warnings or len(table.columns) > 100
                or len(table.data) < min(2000, sample_lines // 2)):  # roles are found on 2,000 rows
            raise NotPorted("separator, width or rows of the wrong width in the first lines")
        roles = detect_roles(table.data.head(2000), overrides, label=table.label, file=path.name, sheet="")
        if set(roles) - PORTED_ROLES:
            raise NotPorted(f"roles {sorted(set(roles) - PORTED_ROLES)}")
        check_duplicate_roles(table, roles)
        con = duckdb.connect(":memory:", config={"memory_limit": MEMORY_LIMIT, "temp_directory": workdir,
                                                  "preserve_insertion_order": True})
        con.execute("SET enable_progress_bar = false")
        lines = EngineLines(con, path.name, workdir, 0, set(roles))
        cleaner = _Cleaner(con, path, source, table, roles, delim)
        report = cleaner.run(date_order, keep_zero_price, keep_duplicates, keep_walk_in, today)
        lines.rows = report.rows_used
        return EngineLoad(lines, report, roles, table)
    except BaseException:
        if con is not None:
            con.close()
        shutil.rmtree(workdir, ignore_errors=True)
        raise


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Cleaner:
    """clean_lines' rules over the DuckDB table `raw` (one text column per file column)."""

    def __init__(self, con, path: Path, source: Path, table: RawTable, roles: dict[str, RoleMatch], delim: str):
        self.con, self.path, self.source, self.table, self.roles, self.delim = con, path, source, table, roles, delim
        self.width = len(table.columns)
        self.cols = [f"c{j}" for j in range(self.width)]
        self.col_of = {c: f"c{j}" for j, c in enumerate(table.columns)}

    def sql(self, query: str, params: list | None = None):
        return self.con.execute(query, params or [])

    def read(self) -> None:
        columns = ", ".join(f"'c{j}': 'VARCHAR'" for j in range(self.width + 1))
        try:
            self.sql(f"""CREATE TABLE raw AS SELECT * FROM read_csv(?, header = false, skip = {self.table.header_row},
                delim = ?, quote = '"', escape = '"', columns = {{{columns}}}, null_padding = true,
                auto_detect = false, nullstr = '', strict_mode = true)""", [str(self.source), self.delim])
        except Exception as exc:  # duckdb.Error: a row of more values, a quoted line break …
            raise NotPorted(f"DuckDB: {str(exc).splitlines()[0]}") from None
        if self.sql(f"SELECT COUNT(c{self.width}) FROM raw").fetchone()[0]:
            raise NotPorted("rows with one value too many")
        # The first rows must be those pandas read from the same lines.
        head = self.frame(f"SELECT {', '.join(self.cols)} FROM raw ORDER BY rowid LIMIT {len(self.table.data)}")
        mine = self.table.data.to_numpy(dtype=object)
        theirs = head.to_numpy(dtype=object)
        same = mine.shape == theirs.shape and bool(((mine == theirs) | (pd.isna(mine) & pd.isna(theirs))).all())
        first = int(self.table.row_numbers[0]) if len(self.table.row_numbers) else 0
        if not same or first != self.table.header_row + 1 or not _consecutive(self.table.row_numbers):
            raise NotPorted("DuckDB's first rows differ from pandas'")

    def frame(self, query: str, params: list | None = None) -> pd.DataFrame:
        """A query's result as text cells the way pandas' reader gives them (NaN where empty)."""
        df = self.sql(query, params).df()
        return df.astype(object).where(df.notna(), np.nan)

    # -------------------------------------------------------- trailing rows and totals

    def trim_end(self) -> tuple[int, list[int]]:
        """Drop the empty rows at the end and totals rows there (reading._finish on the last rows);
        return (rows left, the totals rows' row numbers)."""
        filled = " OR ".join(f"NOT {self._blank(c)}" for c in self.cols)
        last = self.sql(f"SELECT MAX(rowid) FROM raw WHERE {filled}").fetchone()[0]
        if last is None:
            raise InputError("reading_header_but_data_rows", file=self.path.name, sheet="")
        start = max(0, int(last) - 59)
        tail = self.frame(f"SELECT {', '.join(self.cols)} FROM raw WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
                          [start, int(last)])
        tail.columns = self.table.columns
        numbers = np.arange(start, int(last) + 1, dtype=np.int64) + self.table.header_row + 1
        t = _finish(RawTable(self.path, "", list(self.table.columns), tail, numbers, self.table.header_row))
        end = start + len(t.data)
        self.sql("DELETE FROM raw WHERE rowid >= ?", [end])
        return end, list(t.totals_rows)

    @staticmethod
    def _blank(c: str) -> str:
        return f"({c} IS NULL OR regexp_full_match({c}, '{_WS}*'))"

    # -------------------------------------------------------- converting distinct values

    def _mapped(self, role: str, kind: str, convert) -> tuple[str, str]:
        """Create table m_<role> (x, v, extra …) of the distinct cells of the role's column that SQL does not
        convert (`convert(Series of distinct texts, row counts)` gives the columns); return (the raw
        column, the SQL test of a plain cell). `raw` is joined with the table as m_<role>."""
        c = self.col_of[self.roles[role].column]
        plain = _PLAIN[kind].format(x=c)
        # plain or not is judged once per distinct cell, not per row
        rest = self.sql(f"SELECT x, n FROM (SELECT {c} AS x, COUNT(*) AS n, MIN(rowid) AS f FROM raw WHERE {c} "
                        f"IS NOT NULL GROUP BY {c}) WHERE NOT ({_PLAIN[kind].format(x='x')}) ORDER BY f").df()
        mapped = convert(rest["x"].astype(object), rest["n"].to_numpy())
        mapped.insert(0, "x", rest["x"].astype(object).to_numpy())
        self.con.register(f"m_{role}_df", mapped)
        casts = ", ".join(f"CAST({_q(k)} AS {t}) AS {_q(k)}" for k, t in
                          zip(mapped.columns, ["VARCHAR"] + [_SQL_TYPES[str(d)] for d in mapped.dtypes[1:]]))
        self.sql(f"CREATE TABLE m_{role} AS SELECT {casts} FROM m_{role}_df")
        self.con.unregister(f"m_{role}_df")
        return c, plain

    def ids(self, role: str) -> tuple[str, str]:
        """(SQL of the id as text, SQL of 'a cancellation number' for order ids)."""
        lost_rows = [0]

        def convert(x: pd.Series, n: np.ndarray) -> pd.DataFrame:
            v = to_text(x, distinct=True, ids=True).to_numpy(dtype=object) if len(x) else np.array([], dtype=object)
            lost = lost_precision_ids(x) if len(x) else np.zeros(0, dtype=bool)
            lost_rows[0] = int(n[lost].sum()) if len(n) else 0
            cancel = full_matches(v, _CANCELLATION, ("C", "c")) if len(v) else np.zeros(0, dtype=bool)
            return pd.DataFrame({"v": pd.Series(v, dtype=object), "cancel": cancel})

        c, plain = self._mapped(role, "id", convert)
        if lost_rows[0]:
            self.report.warnings.append(message("ids_lost_precision", file=self.path.name, sheet="",
                                                column=self.roles[role].column, n=lost_rows[0]))
        value = f"CASE WHEN m_{role}.x IS NULL THEN {c} ELSE m_{role}.v END"
        cancel = (f"CASE WHEN m_{role}.x IS NOT NULL THEN m_{role}.cancel WHEN left({c}, 1) IN ('C', 'c') "
                  f"THEN {_CANCEL_SQL.format(x=c)} ELSE FALSE END")
        return value, cancel

    def text(self, role: str) -> str:
        def convert(x: pd.Series, n: np.ndarray) -> pd.DataFrame:
            v = to_text(x, distinct=True).to_numpy(dtype=object) if len(x) else np.array([], dtype=object)
            return pd.DataFrame({"v": pd.Series(v, dtype=object)})

        c, plain = self._mapped(role, "text", convert)
        return f"CASE WHEN m_{role}.x IS NULL THEN {c} ELSE m_{role}.v END"

    def number(self, role: str) -> tuple[str, str]:
        """(SQL of the number, SQL of 'text that is no number')."""
        c = self.col_of[self.roles[role].column]
        decimal = self.table.decimal
        if decimal is None:  # decided per column, on its first distinct texts (parse_numbers)
            first = self.sql(f"SELECT {c} FROM raw WHERE {c} IS NOT NULL GROUP BY {c} ORDER BY MIN(rowid) "
                             "LIMIT 2000").df()[c].astype(object)
            from .parsing import detect_decimal_comma

            decimal = "," if len(first) and detect_decimal_comma(first) else "."

        def convert(x: pd.Series, n: np.ndarray) -> pd.DataFrame:
            parsed = parse_numbers(x, decimal) if len(x) else None
            return pd.DataFrame({
                "v": parsed.values.to_numpy(dtype="float64") if parsed else np.zeros(0),
                "bad": parsed.bad.to_numpy(dtype=bool) if parsed else np.zeros(0, dtype=bool)})

        c, plain = self._mapped(role, "number" + decimal, convert)
        cast = f"CAST({c} AS DOUBLE)" if decimal == "." else f"CAST(replace({c}, ',', '.') AS DOUBLE)"
        value = f"CASE WHEN m_{role}.x IS NULL THEN {cast} ELSE m_{role}.v END"
        bad = f"COALESCE(m_{role}.bad, FALSE)"
        return value, bad

    def dates(self, date_order: str) -> str:
        c = self.col_of[self.roles["date"].column]
        plain = _PLAIN["date"].format(x="x")
        self.sql(f"CREATE TEMP TABLE d_all AS SELECT {c} AS x, COUNT(*) AS n, MIN(rowid) AS f, "
                 f"{plain} AS plain FROM raw WHERE {c} IS NOT NULL GROUP BY {c}")
        n_plain = self.sql("SELECT COALESCE(SUM(n), 0) FROM d_all WHERE plain").fetchone()[0]
        rest = self.sql("SELECT x FROM d_all WHERE NOT plain ORDER BY f").df()
        self.sql("DROP TABLE d_all")
        uniques = rest["x"].astype(object).reset_index(drop=True)
        parsed_values = pd.Series(pd.NaT, index=uniques.index, dtype="datetime64[ns]")
        if len(uniques):
            # Row codes in file order: day-first or month-first is judged on the order of the rows.
            self.con.register("d_uniques", pd.DataFrame({"x": uniques, "code": np.arange(len(uniques))}))
            codes = self.sql(f"SELECT d.code FROM raw JOIN d_uniques AS d ON raw.{c} = d.x ORDER BY raw.rowid"
                             ).fetchnumpy()["code"].astype(np.int64)
            self.con.unregister("d_uniques")
            parsed = parse_dates(pd.Series(np.zeros(len(codes))), date_order, factorised=(codes, uniques))
            if n_plain and parsed.zones:
                raise NotPorted("dates with time zones among plain ones")
            first_row = np.unique(codes, return_index=True)[1]
            parsed_values = pd.Series(parsed.values.to_numpy()[first_row], index=uniques.index)
            f, s, col = self.path.name, "", self.roles["date"].column
            self.report.notes.extend(message(n.code, **n.params, file=f, sheet=s, column=col) for n in parsed.notes)
            if parsed.ambiguous:
                self.report.warnings.append(message(f"date_order_guessed_{'dmy' if parsed.order == 'dmy' else 'mdy'}",
                                                    file=f, sheet=s, column=col))
            if len(parsed.zones) > 1:
                self.report.warnings.append(message("date_time_zones_converted", file=f, sheet=s, column=col,
                                                    count=len(parsed.zones), zones=", ".join(parsed.zones),
                                                    zone=parsed.zone))
        self.con.register("m_date_df", pd.DataFrame({"x": uniques, "v": parsed_values.astype("datetime64[us]")}))
        self.sql("CREATE TABLE m_date AS SELECT x, CAST(v AS TIMESTAMP) AS v FROM m_date_df")
        self.con.unregister("m_date_df")
        return f"CASE WHEN m_date.x IS NULL THEN CAST({c} AS TIMESTAMP) ELSE m_date.v END"

    # -------------------------------------------------------- the rules

    def run(self, date_order: str, keep_zero_price: bool, keep_duplicates: bool, keep_walk_in: bool,
            today: pd.Timestamp | None) -> CleaningReport:
        roles, table, f = self.roles, self.table, self.path.name
        for role in ("customer_id", "date"):
            if role not in roles:
                raise InputError("cleaning_column_found_columns_say", file=f, sheet="", role=role,
                                 columns=list(table.columns))
        self.read()
        n, totals = self.trim_end()
        has_prices = "amount" in roles or "unit_price" in roles
        report = self.report = CleaningReport(rows_read=n + len(totals), has_prices=has_prices)
        notes = [m for m in table.notes if m.code != "read_totals_row"]
        if totals:
            notes.append(message("read_totals_row", file=f, sheet="", rows=totals))
        report.notes.extend(notes)
        for col in table.duplicate_columns:
            report.warnings.append(message("duplicate_header", file=f, sheet="", column=col))

        joins = []
        exprs: dict[str, str] = {}
        for role in _ID_ROLES:
            if role in roles:
                exprs[role], cancel = self.ids(role)
                if role == "order_id":
                    exprs["cancel"] = cancel
                joins.append(role)
        exprs["date"] = self.dates(date_order)
        joins.append("date")
        for role in _TEXT_ROLES:
            if role in roles:
                exprs[role] = self.text(role)
                joins.append(role)
        for role in _NUMBER_ROLES:
            if role in roles:
                exprs[role], exprs[role + "_bad"] = self.number(role)
                joins.append(role)
            else:
                exprs[role], exprs[role + "_bad"] = "CAST(NULL AS DOUBLE)", "FALSE"
        if not has_prices:
            report.warnings.append(message("no_prices", file=f, sheet=""))
        join_sql = " ".join(f"LEFT JOIN m_{r} ON raw.{self.col_of[roles[r].column]} = m_{r}.x" for r in joins)
        all_empty = " AND ".join(f"{c} IS NULL" for c in self.cols)
        selected = ", ".join(f"{v} AS {k}" for k, v in exprs.items())
        share = 0.0
        if "order_id" in roles:  # a few 'C' invoices among normal ones are cancellations
            share = self.sql(f"SELECT AVG(CASE WHEN {exprs['cancel']} THEN 1.0 ELSE 0.0 END) FROM raw "
                             f"LEFT JOIN m_order_id ON raw.{self.col_of[roles['order_id'].column]} = m_order_id.x"
                             ).fetchone()[0] or 0.0
        cancel = "cancel" if "order_id" in roles and share < 0.5 else "FALSE"
        # amounts, quantities and returns, then the set-aside reasons (clean_lines), in one pass
        computed = "CASE WHEN quantity_bad THEN NULL ELSE COALESCE(quantity, 1.0) * unit_price END"
        amount = f"COALESCE(amount, {computed})" if "amount" in roles else computed
        qty = "COALESCE(quantity, CASE WHEN amt IS NULL OR amt = 0 THEN 1.0 ELSE sign(amt) END)"
        none = "CAST(NULL AS VARCHAR)"
        now = (pd.Timestamp.now() if today is None else pd.Timestamp(today)).normalize() + pd.Timedelta(days=1)
        self.sql(f"""CREATE TABLE cleaned AS
            WITH conv AS (SELECT raw.rowid AS rn, ({all_empty}) AS all_empty, hash({', '.join(self.cols)}) AS h,
                                 {selected} FROM raw {join_sql}),
            a AS (SELECT *, {amount} AS amt FROM conv),
            q AS (SELECT *, {qty} AS q0 FROM a),
            r AS (SELECT *, (COALESCE(q0 < 0, FALSE) OR COALESCE(amt < 0, FALSE) OR {cancel}) AS is_ret FROM q)
            SELECT rn, h, customer_id, "date", {'order_id' if 'order_id' in roles else none} AS order_id,
                   {'product_id' if 'product_id' in roles else none} AS pid,
                   {'product_name' if 'product_name' in roles else none} AS pname,
                   {'category' if 'category' in roles else none} AS category,
                   {'store' if 'store' in roles else none} AS store,
                   CASE WHEN is_ret THEN -abs(q0) ELSE q0 END AS quantity, unit_price,
                   CASE WHEN is_ret THEN -abs(amt) ELSE amt END AS amount, is_ret AS is_return,
                   CASE WHEN all_empty THEN 'empty_row'
                        WHEN customer_id IS NULL THEN 'no_customer_id'
                        WHEN "date" IS NULL THEN 'bad_date'
                        WHEN "date" > CAST(? AS TIMESTAMP) THEN 'future_date'
                        WHEN {'amt IS NULL' if has_prices else 'FALSE'} THEN 'bad_amount'
                        WHEN abs(amt) > {MAX_PLAUSIBLE} OR abs(q0) > {MAX_PLAUSIBLE}
                             OR abs(unit_price) > {MAX_PLAUSIBLE} THEN 'implausible_amount'
                        WHEN {'FALSE' if keep_zero_price else 'amt = 0 OR unit_price = 0'} THEN 'zero_price'
                   END AS reason
            FROM r""", [now.to_pydatetime()])
        self._duplicates(keep_duplicates)
        walk_in_ids = {} if keep_walk_in else self._walk_in_ids()
        if walk_in_ids:
            self.con.register("walk_ids", pd.DataFrame({"id": list(walk_in_ids)}))
            self.sql("UPDATE cleaned SET reason = 'walk_in' WHERE reason IS NULL "
                     "AND customer_id IN (SELECT id FROM walk_ids)")
            self.con.unregister("walk_ids")
        self._set_aside(totals)
        self.sql("DROP TABLE raw")  # the cells are no longer needed: only the clean values
        report.rows_used = self.sql("SELECT COUNT(*) FROM cleaned WHERE reason IS NULL").fetchone()[0]
        if report.rows_used == 0:
            biggest = max(report.set_aside, key=lambda r: report.set_aside[r]) if report.set_aside else "empty_row"
            raise InputError("cleaning_none_rows_used_most", file=f, sheet="", n=n, reason=biggest)
        self._order_keys()
        if walk_in_ids:
            w = self.sql(f"SELECT customer_id, \"date\", amount, {self.okey} AS okey FROM cleaned "
                         "WHERE reason = 'walk_in' ORDER BY rn").df()
            report.walk_in = _walk_in_summary(_objects(w["customer_id"]), w["date"].astype("datetime64[ns]"),
                                              w["amount"].astype("float64"), _objects(w["okey"]),
                                              np.ones(len(w), dtype=bool), walk_in_ids, has_prices)
        self._lines()
        report.returns = self.sql("SELECT COUNT(*) FROM lines WHERE is_return").fetchone()[0]
        self.sql("DROP TABLE cleaned")
        return report

    def _duplicates(self, keep: bool) -> None:
        """cleaning._exact_duplicates: rows equal in every column to an earlier usable row (found by a
        hash of the row first, then compared cell by cell)."""
        cols = ", ".join(f"raw.{c}" for c in self.cols)
        if not self.sql("SELECT COUNT(*) FROM (SELECT h FROM cleaned WHERE reason IS NULL GROUP BY h "
                        "HAVING COUNT(*) > 1)").fetchone()[0]:
            return
        dup = self.sql(f"""SELECT rn FROM (
                SELECT cleaned.rn, ROW_NUMBER() OVER (PARTITION BY {cols} ORDER BY cleaned.rn) AS k
                FROM cleaned JOIN raw ON raw.rowid = cleaned.rn
                WHERE cleaned.reason IS NULL AND cleaned.h IN (
                    SELECT h FROM cleaned WHERE reason IS NULL GROUP BY h HAVING COUNT(*) > 1)
            ) WHERE k > 1""").fetchnumpy()["rn"]
        if not len(dup) or keep:
            return
        if "order_id" in self.roles:
            self.con.register("dup_rows", pd.DataFrame({"rn": np.asarray(dup, dtype=np.int64)}))
            self.sql("UPDATE cleaned SET reason = 'duplicate' WHERE rn IN (SELECT rn FROM dup_rows)")
            self.con.unregister("dup_rows")
        else:
            self.report.notes.append(message("duplicates_kept", file=self.path.name, sheet="", lines=len(dup)))

    def _walk_in_ids(self) -> dict[str, str]:
        per_id = self.sql("SELECT customer_id, COUNT(*) AS n FROM cleaned WHERE reason IS NULL GROUP BY customer_id "
                          "ORDER BY MIN(rn)").df()
        if per_id.empty:
            return {}
        ids = per_id["customer_id"].to_numpy(dtype=object)
        found = {str(u): "placeholder" for u in ids[placeholder_ids(ids)]}
        if len(ids) > WALK_IN_MIN_CUSTOMERS:
            counts = per_id["n"].to_numpy()
            for j in np.flatnonzero(counts > WALK_IN_SHARE * counts.sum()):
                found.setdefault(str(ids[j]), "share")
        return found

    def _set_aside(self, totals: list[int]) -> None:
        report, f = self.report, self.path.name
        first = self.table.header_row + 1
        counts = dict(self.sql("SELECT reason, COUNT(*) FROM cleaned WHERE reason IS NOT NULL "
                               "GROUP BY reason").fetchall())
        for name in SET_ASIDE_REASONS:
            if name == "totals_row" and totals:
                report.set_aside[name] = len(totals)
                report.set_aside_rows[name] = [(f, "", r) for r in totals]
                report.examples[name] = [SetAsideExample(f, "", r, "totals row") for r in totals[:MAX_EXAMPLES]]
                continue
            if not counts.get(name):
                continue
            rn = self.sql("SELECT rn FROM cleaned WHERE reason = ? ORDER BY rn", [name]).fetchnumpy()["rn"]
            rows = (np.asarray(rn, dtype=np.int64) + first).tolist()
            report.set_aside[name] = len(rows)
            report.set_aside_rows[name] = [(f, "", r) for r in rows]
            shown = self.frame(f"SELECT {', '.join(self.cols)} FROM raw WHERE rowid IN "
                               f"({', '.join(str(int(r)) for r in rn[:MAX_EXAMPLES])}) ORDER BY rowid")
            report.examples[name] = [SetAsideExample(f, "", rows[i], _row_text(shown, i)) for i in range(len(shown))]

    def _order_keys(self) -> None:
        """cleaning.order_keys: order numbers that repeat at several outlets or on several dates
        (receipt numbers restarting every day and outlet) are taken within their outlet and date;
        rows without one are one order per customer and day."""
        counted = "(reason IS NULL OR reason = 'walk_in')"
        has = f"{counted} AND order_id IS NOT NULL AND \"date\" IS NOT NULL"
        day = "strftime(\"date\", '%Y-%m-%d')"
        parts, scope = ["order_id"], []

        def repeats(scope_sql: str) -> bool:  # cleaning._repeats over the distinct keys so far
            spread, keys = self.sql(f"""SELECT COUNT(*) FILTER (WHERE s > 1), COUNT(*) FROM (
                SELECT {', '.join(parts)}, COUNT(DISTINCT {scope_sql}) AS s FROM cleaned WHERE {has}
                GROUP BY {', '.join(parts)})""").fetchone()
            return spread >= 2 and spread > ORDER_REPEAT_SHARE * keys

        if "order_id" in self.roles:
            if "store" in self.roles and repeats("COALESCE(store, '')"):
                scope.append("outlet")
                parts.append("COALESCE(store, '')")
            if repeats('CAST("date" AS DATE)'):
                scope.append("day")
                parts.append(day)
        key = " || '|' || ".join(parts)
        # (the key of a counted row: every counted row has a customer and a date)
        self.okey = f"CASE WHEN order_id IS NOT NULL THEN {key} ELSE customer_id || '|' || {day} END"
        if scope:
            n = self.sql(f"SELECT COUNT(DISTINCT {key}) FROM cleaned WHERE {has}").fetchone()[0]
            params = {"column": self.roles["order_id"].column, "orders": int(n)}
            if "outlet" in scope:
                params["store"] = self.roles["store"].column
            self.report.notes.append(message("orders_per_" + "_".join(scope), file=self.path.name, sheet="",
                                             **params))
        if "order_id" not in self.roles:
            self.report.notes.append(message("orders_per_customer_day"))

    def _lines(self) -> None:
        names = self.sql("SELECT DISTINCT COALESCE(pname, pid) AS name FROM cleaned WHERE reason IS NULL AND "
                         "COALESCE(pname, pid) IS NOT NULL").df()["name"].to_numpy(dtype=object)
        from .charges import service_names

        self.con.register("charges_df", pd.DataFrame({"name": names, "charge": service_names(names)}))
        first = self.table.header_row + 1
        self.sql(f"""CREATE TABLE lines AS SELECT customer_id, {self.okey} AS order_id, "date",
                COALESCE(pid, pname) AS product_id, COALESCE(pname, pid) AS product_name, category,
                quantity, unit_price, amount, is_return, rn + {first} AS source_row, rn AS line_no,
                COALESCE(ch.charge, FALSE) AS is_charge
            FROM cleaned LEFT JOIN charges_df AS ch ON COALESCE(cleaned.pname, cleaned.pid) = ch.name
            WHERE reason IS NULL""")
        self.con.unregister("charges_df")


def _consecutive(numbers: np.ndarray) -> bool:
    return len(numbers) < 2 or bool((np.diff(numbers) == 1).all())


# ---------------------------------------------------------------- figures and checks where the lines are


def _period(as_of: pd.Timestamp) -> str:
    day_after = (pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    return f"\"date\" < TIMESTAMP '{day_after}'"


def line_figures(lines: EngineLines, as_of: pd.Timestamp) -> dict:
    """Analysis.key_figures' figures that need the lines: orders and products bought (all dates, as
    the pandas path counts them) and the net revenue up to the analysis date."""
    orders, products, revenue = lines.con.execute(f"""SELECT
        COUNT(DISTINCT order_id) FILTER (WHERE NOT is_return), COUNT(DISTINCT product_id) FILTER (WHERE NOT is_return),
        COALESCE(SUM(amount) FILTER (WHERE {_period(as_of)}), 0.0) FROM lines""").fetchone()
    return {"orders": int(orders), "products": int(products), "net_revenue": float(revenue)}


def run_checks_sql(lines: EngineLines, as_of: pd.Timestamp, customers: pd.DataFrame, walk_in) -> list:
    """checks.run_checks over the lines of the analysis period, as SQL (the same warnings)."""
    from . import checks

    con, period = lines.con, _period(as_of)
    n, money, orders, buyers = con.execute(f"""SELECT COUNT(*), COUNT(amount) > 0,
        COUNT(DISTINCT order_id) FILTER (WHERE NOT is_return), COUNT(DISTINCT customer_id) FILTER (WHERE NOT is_return)
        FROM lines WHERE {period}""").fetchone()
    found = checks.walk_in_warnings(walk_in, int(n))
    if orders < buyers:
        found.append(message("fewer_orders_than_customers", orders=int(orders), customers=int(buyers)))
    if n and money:
        spend = con.execute(f"""SELECT customer_id, COALESCE(SUM(amount), 0.0) AS s FROM lines WHERE {period}
            GROUP BY customer_id ORDER BY s DESC, MIN(line_no)""").df()
        positive = spend[spend["s"] > 0]
        if len(spend) >= checks.TOP_CUSTOMER_MIN_CUSTOMERS and not positive.empty:
            share = float(positive["s"].iloc[0] / positive["s"].sum())
            if share > checks.TOP_CUSTOMER_SHARE:
                found.append(message("top_customer_share", customer_id=str(positive["customer_id"].iloc[0]),
                                     share=round(share, 4)))
    repeat = checks.no_repeat_buyers(customers)
    if repeat is not None:
        found.append(repeat)
    if n >= checks.ONE_LINE_MIN_LINES and money:
        total, top, amount, row = con.execute(f"""SELECT SUM(CASE WHEN amount > 0 THEN amount ELSE 0.0 END),
            FIRST(CASE WHEN amount > 0 THEN amount ELSE 0.0 END ORDER BY CASE WHEN amount > 0 THEN amount ELSE 0.0 END
                  DESC, line_no),
            FIRST(amount ORDER BY CASE WHEN amount > 0 THEN amount ELSE 0.0 END DESC, line_no),
            FIRST(source_row ORDER BY CASE WHEN amount > 0 THEN amount ELSE 0.0 END DESC, line_no)
            FROM lines WHERE {period}""").fetchone()
        if total and total > 0 and top / total > checks.ONE_LINE_SHARE:
            found.append(message("one_line_dominates", file=lines.file, sheet="", row=int(row),
                                 share=round(float(top / total), 4), amount=float(amount)))
    return found
