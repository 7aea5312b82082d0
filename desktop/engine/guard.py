"""Checks that protect the machine before and while a file is parsed: size limits, zip bombs, XML
entity tricks, absurd sheet dimensions, and a separate process for the workbook parser.

python-calamine (Rust) aborts the whole process, uncatchable, when a workbook makes it allocate an
impossible amount of memory (a single cell at XFD1048576 next to A1, a shared-string table that claims
four billion entries, ...: tafia/calamine#693). Two defences, each enough for the files we know:
  * `check_workbook` pre-scans an xlsx's XML (cell references, declared counts, DTDs) and refuses it
    with a sentence before any parser sees it;
  * `load_workbook` parses small workbooks, and every .xls/.xlsb/.ods, in a child process with a
    memory cap, so that an abort we did not foresee kills the child, not the app.
Large xlsx files are parsed in-process after the pre-scan: shipping a big sheet's cells back from a
child costs about as much as parsing it.
Every refusal is an InputError with one sentence naming the file."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import pickle
import re
import stat
import sys
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from .errors import InputError

MAX_FILE_BYTES = int(float(os.environ.get("CLIENTELE_MAX_FILE_MB", "1024")) * 1024 * 1024)
MAX_UNCOMPRESSED_BYTES = 4 * 1024 * 1024 * 1024
MAX_ZIP_RATIO = 200
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLS = 16_384
# calamine holds a sheet as a dense rectangle of 32-byte cells (plus a Python object per cell later):
# 40 million cells is ~1.3 GB before Python sees it.
MAX_SHEET_CELLS = 40_000_000
# A rectangle of millions of cells that holds almost nothing (a table and one stray cell far away)
# costs the parser as much as a full one (38.8M cells: 10-12 s, 1.3 GB): refused like a larger one.
SPARSE_MIN_CELLS = 5_000_000
SPARSE_RATIO = 50  # cells in the rectangle per cell written
# Workbooks up to this size are parsed in a child process (a crash there is only a message).
CHILD_PARSE_MAX_BYTES = int(float(os.environ.get("CLIENTELE_CHILD_PARSE_MB", "2")) * 1024 * 1024)
CHILD_TIMEOUT_S = 600.0

_SCAN_CHUNK = 4 * 1024 * 1024
_COUNT = re.compile(rb'\s(?:count|uniqueCount)="(\d{1,20})"')
_ROOT_NAME = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_UNSAFE_XML = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_size(path: Path, limit: int | None = None) -> None:
    """Refuse files larger than the configured limit (CLIENTELE_MAX_FILE_MB, default 1024 MB)."""
    limit = MAX_FILE_BYTES if limit is None else limit
    size = path.stat().st_size
    if size > limit:
        _refuse_size(path.name, size, limit)


def _refuse_size(name: str, size: int, limit: int) -> None:
    raise InputError("guard_mb_more_mb_clientele", name=name, size=_mb(size), limit=_mb(limit))


_KINDS = {stat.S_IFIFO: "pipe", stat.S_IFSOCK: "socket", stat.S_IFCHR: "device", stat.S_IFBLK: "device",
          stat.S_IFDIR: "folder"}  # term codes (desktop/texts TERMS)


def check_regular_file(path: Path, mode: int | None = None) -> None:
    """Refuse anything that is not a regular file (a pipe, device, socket or folder) before it is
    opened: reading a pipe waits forever for a writer."""
    if mode is None:
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            _refuse_unopenable(path, exc)
    if stat.S_ISREG(mode):
        return
    raise InputError("guard_file_clientele_read_save", file=path.name,
                     file_kind=_KINDS.get(stat.S_IFMT(mode), "not_regular_file"))


def _refuse_unopenable(path: Path, exc: OSError) -> NoReturn:
    raise InputError("guard_opened_check_you_may", file=path.name, value=exc.strerror or str(exc)) from None


def read_source(path: Path, limit: int | None = None) -> bytes:
    """Read a user's file into memory, once. Refuses what is not a regular file before opening it
    (and again on the open descriptor, in case it was swapped), and files over the size limit.
    Every later step (format sniffing, the pre-scan, parsing) works on these same bytes, so a file
    that changes while it is read (a sync folder, a network share) cannot pass the pre-scan and then
    reach the parser different."""
    limit = MAX_FILE_BYTES if limit is None else limit
    check_regular_file(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        _refuse_unopenable(path, exc)
    try:
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            check_regular_file(path, st.st_mode)
            if st.st_size > limit:
                _refuse_size(path.name, st.st_size, limit)
            data = fh.read(limit + 1)
    except OSError as exc:
        _refuse_unopenable(path, exc)
    if len(data) > limit:  # it grew while it was read
        _refuse_size(path.name, len(data), limit)
    return data


def _mb(size: int) -> str:
    mb = size / 2**20
    return f"{mb:,.0f}" if mb >= 10 else f"{mb:.1f}".rstrip("0").rstrip(".")


def _col_number(letters: bytes | str) -> int:
    """'A' -> 1, 'XFD' -> 16384."""
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(n: int) -> str:
    """1 -> 'A', 16384 -> 'XFD'."""
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


# ---------------------------------------------------------------- zip pre-scan


@dataclass
class _Extent:
    """Cells referenced in one sheet part."""

    min_row: int = 0
    max_row: int = 0
    min_col: int = 0
    max_col: int = 0
    refs: int = 0

    def add_range(self, min_row: int, max_row: int, min_col: int, max_col: int, count: int) -> None:
        self.min_row = min_row if not self.min_row else min(self.min_row, min_row)
        self.max_row = max(self.max_row, max_row)
        if max_col:
            self.min_col = min_col if not self.min_col else min(self.min_col, min_col)
            self.max_col = max(self.max_col, max_col)
        self.refs += count

    @property
    def cells(self) -> int:
        rows = self.max_row - self.min_row + 1 if self.max_row else 0
        cols = self.max_col - self.min_col + 1 if self.max_col else 1
        return rows * cols


def _root_and_prolog(fh, name: str, display: str) -> tuple[bytes, bytes]:
    """Read an XML part up to its root element; refuse a DTD (entity bombs, external entities).
    Return (root element name, the bytes read so far)."""
    buf = b""
    while True:
        chunk = fh.read(64 * 1024)
        buf += chunk
        pos = 0
        while True:
            lt = buf.find(b"<", pos)
            if lt < 0 or lt + 1 >= len(buf):
                break
            nxt = buf[lt + 1:lt + 2]
            if nxt == b"?":
                end = buf.find(b"?>", lt)
            elif nxt == b"!":
                if _UNSAFE_XML.match(buf, lt):
                    raise InputError("guard_unsafe_xml_entities", file=display, part=name)
                end = buf.find(b">", lt)
            else:
                m = _ROOT_NAME.match(buf, lt)
                return (m.group(2) if m else b""), buf
            if end < 0:
                break
            pos = end + 1
        if not chunk or len(buf) > 1 << 20:
            # No root element within the first megabyte: not an XML part we parse.
            return b"", buf


_REF_WINDOW = 12  # bytes read after r=": 3 letters, 8 digits and the closing quote at most




def ref_extent(data: bytes) -> tuple[int, int, int, int, int] | None:
    """Return (min_row, max_row, min_col, max_col, count) of the r="B7"-style references in a block of
    sheet XML (a row's r="7" counts for rows; min_col/max_col are 0 when no reference has letters), or
    None when there is none. A reference no real sheet has (4+ letters, 12+ characters, unclosed)
    gives max_row = max_col = 10**9. Vectorised: a Python loop over a million cells is too slow.

    Every reference of an ordinary sheet (up to 3 letters, then 1 to 7 digits without a leading zero,
    then the closing quote) is read at once: its digits right-aligned in a 64-bit number order it as
    its row number does, its letters right-aligned in a 32-bit one as its column. Any other reference
    in the block sends the whole block to `_ref_extent_by_character`."""
    import numpy as np

    a = np.frombuffer(data, dtype=np.uint8)
    n = len(a)
    starts = _ref_starts(a)
    if starts is None:
        return None
    k = len(starts)
    # The first four bytes of each reference as one big-endian number: its letters, if any.
    four = np.ndarray((n - 3,), dtype=">u4", buffer=data, strides=(1,))[starts].astype(np.int64)
    up = [((four >> (24 - 8 * j)) & 0xFF) - 65 for j in range(4)]
    up = [(u >= 0) & (u < 26) for u in up]
    if (up[0] & up[1] & up[2] & up[3]).any():
        return _ref_extent_by_character(data)
    n_letters = up[0].astype(np.int64) + (up[0] & up[1]) + (up[0] & up[1] & up[2])
    first_digit = starts + n_letters
    # Eight bytes from each first digit, read as one big-endian number (a strided view: no copy).
    eights = np.ndarray((n - 7,), dtype=">u8", buffer=data, strides=(1,))[first_digit].astype(np.uint64)
    quote_at = _digits_at_front(eights)
    leading_zero = (eights >> np.uint64(56)) == np.uint64(0x30)
    after = eights >> ((np.uint64(7) - np.minimum(quote_at, 7).astype(np.uint64)) * np.uint64(8))
    closing = (after & np.uint64(0xFF)) == np.uint64(0x22)
    if (quote_at > 7).any() or leading_zero.any() or not ((quote_at >= 1) & closing).all():
        return _ref_extent_by_character(data)
    keys = eights >> ((np.uint64(8) - quote_at.astype(np.uint64)) * np.uint64(8))
    min_row, max_row = (int(int(v).to_bytes(8, "big").lstrip(b"\0")) for v in (keys.min(), keys.max()))
    lettered = n_letters > 0
    if not lettered.any():
        return min_row, max_row, 0, 0, k
    cols = (four >> (32 - 8 * n_letters))[lettered]  # the letters right-aligned: ordered as columns
    min_col, max_col = (_col_number(int(v).to_bytes(4, "big").lstrip(b"\0")) for v in (cols.min(), cols.max()))
    return min_row, max_row, min_col, max_col, k


def _digits_at_front(eights):
    """For 8 bytes each (big-endian uint64), how many of the first bytes are the digits 0-9 (8: all),
    a few operations on 64-bit numbers (every byte at once) instead of a step per byte."""
    import numpy as np

    def every(byte: int) -> np.uint64:
        return np.uint64(int.from_bytes(bytes([byte]) * 8, "big"))

    high = (eights & every(0xF0)) ^ every(0x30)  # 0 where the high half-byte is 3
    high_set = (((high & every(0x7F)) + every(0x7F)) | high) & every(0x80)
    low_over_9 = ((eights & every(0x0F)) + every(0x06)) & every(0x10)
    not_digit = high_set | (low_over_9 << np.uint64(3))  # bit 7 of each byte that is no digit
    top = np.frexp(not_digit.astype(np.float64))[1]  # 1 + the highest bit set (0 when none)
    return np.where(not_digit == 0, 8, (64 - top) // 8)


def _ref_starts(a):
    """Where the value of each r="..." attribute (after white space) begins, for the references that
    end within the block; None when there is none."""
    import numpy as np

    n = len(a)
    if n < 16:
        return None
    # One pass over the block finds the letters r; only there are '="' and the space before looked at
    # (a pass over the whole block per byte compared cost 3 s on a 476 MB sheet).
    r_at = np.flatnonzero(a[1:n - 3] == 0x72) + 1
    r_at = r_at[(a[r_at + 1] == 0x3D) & (a[r_at + 2] == 0x22)]
    prev = a[r_at - 1]
    starts = r_at[(prev == 0x20) | (prev == 0x09) | (prev == 0x0A) | (prev == 0x0D)] + 3
    # A reference cut by the end of the block is seen whole at the start of the next one.
    starts = starts[starts + _REF_WINDOW <= n]
    return starts if len(starts) else None


def _ref_extent_by_character(data: bytes) -> tuple[int, int, int, int, int] | None:
    """ref_extent for any block, reading each reference character by character (12 vectorised
    steps): references written oddly (leading zeros, 8+ digits, 4+ letters, unclosed)."""
    import numpy as np

    a = np.frombuffer(data, dtype=np.uint8)
    n = len(a)
    starts = _ref_starts(a)
    if starts is None:
        return None
    k = len(starts)
    rows = np.zeros(k, np.int64)
    cols = np.zeros(k, np.int64)
    in_letters = np.ones(k, bool)
    in_digits = np.zeros(k, bool)
    n_letters = np.zeros(k, np.int64)
    n_digits = np.zeros(k, np.int64)
    closed = np.zeros(k, bool)
    for j in range(_REF_WINDOW):
        c = a[np.minimum(starts + j, n - 1)].astype(np.int64)
        is_up = (c >= 65) & (c <= 90)
        is_dig = (c >= 48) & (c <= 57)
        take_letter = in_letters & is_up
        cols = np.where(take_letter, cols * 26 + (c - 64), cols)
        n_letters += take_letter
        in_letters &= is_up
        start_digits = ~in_letters & ~in_digits & ~closed & (n_digits == 0) & is_dig
        in_digits |= start_digits
        take_digit = in_digits & is_dig
        rows = np.where(take_digit, rows * 10 + (c - 48), rows)
        n_digits += take_digit
        ended = in_digits & ~is_dig
        closed |= ended & (c == 0x22)
        in_digits &= is_dig
        if not (in_letters.any() or in_digits.any()):
            break  # every reference has ended (A1048576 is 8 bytes of the 12)
    if (~closed & (n_letters + n_digits == _REF_WINDOW)).any():
        return (1, 10**9, 1, 10**9, k)  # a reference longer than any a sheet can have
    valid = closed & (n_digits >= 1)  # anything else is not a cell reference: the parser judges it
    if not valid.any():
        return None
    rows, cols, n_letters = rows[valid], cols[valid], n_letters[valid]
    has_col = n_letters > 0
    min_col = int(cols[has_col].min()) if has_col.any() else 0
    max_col = int(cols[has_col].max()) if has_col.any() else 0
    return int(rows.min()), int(rows.max()), min_col, max_col, k


def check_workbook(path: Path, fmt: str, data: bytes | None = None) -> None:
    """Pre-scan a zipped workbook (xlsx, xlsb, ods) before any parser opens it: total and per-part
    uncompressed sizes, compression ratio, XML entity declarations and, for xlsx worksheets, the
    rectangle their cell references span and the counts parts declare. Raise InputError if unsafe.
    `data`: the file's bytes as read_source read them (those the parser will get)."""
    if fmt not in ("xlsx", "xlsb", "ods"):
        return
    display = path.name
    try:
        with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if total > MAX_UNCOMPRESSED_BYTES or (total > 50 * 2**20 and total / packed > MAX_ZIP_RATIO):
                raise InputError("guard_unsafe_unpacks", file=display, packed_mb=packed / 2**20,
                                 total_mb=total / 2**20)
            for info in infos:
                if info.is_dir() or info.file_size == 0:
                    continue
                if not info.filename.lower().endswith((".xml", ".rels")):
                    continue
                _scan_part(zf, info, display, fmt, data)
    except zipfile.BadZipFile:
        raise InputError("guard_damaged_workbook_incomplete_export", display=display) from None
    except (EOFError, OSError, ValueError, NotImplementedError, RuntimeError, zlib.error) as exc:
        # zlib errors, truncated members, unsupported compression or an encrypted member
        raise InputError("guard_damaged_export_again_open", display=display, name=type(exc).__name__) from None


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, display: str, fmt: str,
               data: bytes | None = None) -> None:
    blocks = _inflated_blocks(zf, info, data)
    try:
        buf = next(blocks, b"")
        root, buf = _root_and_prolog(_Prefix(buf, blocks), info.filename, display)
        if fmt != "xlsx":
            return
        sheet = root in (b"worksheet", b"dialogsheet", b"macrosheet")
        if not sheet and info.file_size > 8 * 2**20:
            # Big non-sheet parts (shared strings) declare their counts on the root element.
            _check_counts(buf[:64 * 1024], info, display)
            return
        extent = _Extent()
        tail = b""
        # The next block is inflated in a second thread while this one is scanned (zlib and numpy
        # release Python's lock): on a 476 MB sheet inflating is about half of the cost.
        with ThreadPoolExecutor(max_workers=1) as inflater:
            following = inflater.submit(next, blocks, b"")
            while True:
                # A reference may straddle two blocks: the 64 bytes around their seam are read too
                # (a reference seen twice does not change a minimum or maximum). No 4 MB copy.
                for block in (tail + buf[:32], buf) if tail else (buf,):
                    if sheet:
                        found = ref_extent(block)
                        if found:
                            extent.add_range(*found)
                            if extent.max_row > EXCEL_MAX_ROWS or extent.max_col > EXCEL_MAX_COLS:
                                following.cancel()
                                _refuse_extent(display, info, extent)
                    else:
                        _check_counts(block, info, display)
                tail = buf[-32:]
                buf = following.result()
                if not buf:
                    break
                following = inflater.submit(next, blocks, b"")
        if sheet and (extent.cells > MAX_SHEET_CELLS or
                      (extent.cells > SPARSE_MIN_CELLS and extent.refs * SPARSE_RATIO < extent.cells)):
            _refuse_extent(display, info, extent)
    finally:
        blocks.close()


class _Prefix:
    """A file-like view of the first inflated block, then the rest, for _root_and_prolog: whatever it
    reads beyond the first block is returned with it."""

    def __init__(self, first: bytes, rest) -> None:
        self._first, self._rest = first, rest

    def read(self, _size: int) -> bytes:
        chunk, self._first = self._first, b""
        return chunk or next(self._rest, b"")


def _inflater():
    """A raw-deflate decompressor: ISA-L's (about twice zlib's speed) when installed, else zlib's."""
    try:
        from isal import isal_zlib

        return isal_zlib.decompressobj(-15), isal_zlib.error
    except ImportError:
        return zlib.decompressobj(-15), zlib.error


def _inflated_blocks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes | None):
    """The uncompressed bytes of a member, in blocks of about _SCAN_CHUNK. A deflated member of the
    file's bytes is inflated here (never past its declared size: a member that holds more, or less,
    is damaged); any other through zipfile."""
    if data is None or info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:
        with zf.open(info) as fh:
            while chunk := fh.read(_SCAN_CHUNK):
                yield chunk
        return
    head = info.header_offset
    if data[head:head + 4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local file header")
    name_len, extra_len = int.from_bytes(data[head + 26:head + 28], "little"), \
        int.from_bytes(data[head + 28:head + 30], "little")
    start = head + 30 + name_len + extra_len
    packed = memoryview(data)[start:start + info.compress_size]
    if len(packed) < info.compress_size:
        raise EOFError("member cut short")
    inflate, error = _inflater()
    left = info.file_size
    at = 0
    try:
        while True:
            if inflate.unconsumed_tail:
                chunk = inflate.decompress(inflate.unconsumed_tail, _SCAN_CHUNK)
            elif at < len(packed):
                chunk = inflate.decompress(packed[at:at + _SCAN_CHUNK // 4], _SCAN_CHUNK)
                at += _SCAN_CHUNK // 4
            else:
                break
            if len(chunk) > left:
                raise zipfile.BadZipFile("member larger than declared")
            left -= len(chunk)
            if chunk:
                yield chunk
    except error as exc:
        raise zlib.error(str(exc)) from None
    if left:
        raise EOFError("member shorter than declared")


def _check_counts(data: bytes, info: zipfile.ZipInfo, display: str) -> None:
    # A declared count larger than the part could possibly hold makes parsers reserve absurd memory.
    for m in _COUNT.finditer(data):
        if int(m.group(1)) > max(1_000_000, info.file_size):
            raise InputError("guard_unsafe_entries", file=display, part=info.filename, entries=int(m.group(1)))


def _refuse_extent(display: str, info: zipfile.ZipInfo, e: _Extent) -> None:
    first = f"{col_letters(e.min_col or 1)}{e.min_row or 1}"
    last = f"{col_letters(e.max_col or 1)}{e.max_row}"
    if e.max_row > EXCEL_MAX_ROWS or e.max_col > EXCEL_MAX_COLS:
        raise InputError("guard_unsafe_extent", file=display, cell=last, max_rows=EXCEL_MAX_ROWS,
                         max_cols=EXCEL_MAX_COLS)
    raise InputError("guard_cells_spread_over_cells", display=display, first=first, last=last, cells=e.cells)


# ---------------------------------------------------------------- parsing in a child process


@dataclass
class SheetCells:
    """The cells of one sheet as calamine reads them."""

    name: str
    rows: list[list[object]]
    start: tuple[int, int]  # 0-based (row, column) of rows[0][0]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


@dataclass
class WorkbookCells:
    """Sheet names and the cells of the sheets asked for."""

    names: list[str]
    sheets: dict[str, SheetCells]


def _parse_workbook(source: bytes | str, wanted: list[str] | None, names_only: bool) -> WorkbookCells:
    """Parse with python-calamine: every worksheet's name, and the cells of `wanted` (None: all).
    `source`: the file's bytes (or a path)."""
    import python_calamine as pc

    if isinstance(source, (bytes, bytearray)):
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(source))
    else:
        wb = pc.CalamineWorkbook.from_path(source)
    try:
        names = [m.name for m in wb.sheets_metadata if str(m.typ).endswith("WorkSheet")] or list(wb.sheet_names)
        sheets: dict[str, SheetCells] = {}
        if not names_only:
            for name in names if wanted is None else [n for n in map(lambda w: resolve_sheet(w, names), wanted) if n]:
                sheet = wb.get_sheet_by_name(name)
                with no_cyclic_gc():
                    rows = sheet.to_python(skip_empty_area=True)
                start = tuple(sheet.start) if sheet.start else (0, 0)
                try:
                    merged = [tuple(map(tuple, r)) for r in (sheet.merged_cell_ranges or [])]
                except Exception:  # merged ranges are a nicety; some formats do not offer them
                    merged = []
                sheets[name] = SheetCells(name, rows, start, merged)  # type: ignore[arg-type]
        return WorkbookCells(names, sheets)
    finally:
        wb.close()


@contextlib.contextmanager
def no_cyclic_gc():
    """Python's cyclic garbage collector paused: building millions of cell objects (a 9M-cell sheet)
    otherwise triggers full collections that scan them all again, about 1 s on a 1M-line sheet. The
    cells hold no reference cycles; reference counting frees them as before."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def resolve_sheet(wanted: str, names: list[str]) -> str | None:
    """The sheet a user means: its exact name, or its position counted from 1 ('2')."""
    if wanted in names:
        return wanted
    if wanted.isdigit() and 1 <= int(wanted) <= len(names):
        return names[int(wanted) - 1]
    return None


def _describe_failure(exc: BaseException) -> tuple[str, str]:
    """Sort a parser failure into ('password' | 'memory' | 'damaged', detail)."""
    name = type(exc).__name__
    if name == "PasswordError":
        return "password", name
    if isinstance(exc, MemoryError):
        return "memory", name
    detail = str(exc).splitlines()[0][:120] if str(exc) else name
    return "damaged", f"{name}: {detail}"


def _child_reply(source: bytes | str, wanted: list[str] | None, names_only: bool, memory_cap: int) -> bytes:
    """In the parsing child: cap memory, parse, and return the pickled ('ok', cells) or
    ('error', kind, detail)."""
    if memory_cap:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))
        except (ImportError, ValueError, OSError):
            pass
    try:
        return pickle.dumps(("ok", _parse_workbook(source, wanted, names_only)), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # noqa: BLE001 - a Rust panic is a BaseException; report every kind
        kind, detail = _describe_failure(exc)
        return pickle.dumps(("error", kind, detail))


def child_main() -> None:
    """Entry point of the parsing child started by `_parse_in_child`: the request comes pickled on
    stdin, the reply goes pickled to stdout."""
    request = pickle.loads(sys.stdin.buffer.read())
    reply = _child_reply(*request)
    sys.stdout.buffer.write(reply)
    sys.stdout.buffer.flush()


def _mp_child(conn, request: tuple) -> None:
    """Entry point of the parsing child in a frozen build (multiprocessing spawn)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # Rust prints its panics on stderr
    except OSError:
        pass
    conn.send_bytes(_child_reply(*request))
    conn.close()


def _memory_cap(file_size: int) -> int:
    """Address-space cap for the parsing child: enough for the interpreter and a sheet of cells far
    larger than the file could hold, so that a file that makes the parser run away fails fast;
    never more than 60% of RAM or 8 GB (0: unknown)."""
    want = 768 * 2**20 + 200 * file_size
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return 0
    return int(min(want, 8 * 2**30, max(2**30, 0.6 * total)))


# The child runs isolated (-I): neither the current folder nor PYTHONPATH is on its sys.path, so a
# zipfile.py or pickle.py lying next to the user's file is never imported. It finds Clientele and the
# parser through the folders holding them, passed as arguments (fixed places, never the cwd).
_CHILD_CODE = ("import sys; sys.path[:0] = sys.argv[1:]; "
               "from desktop.engine.guard import child_main; child_main()")


def child_import_roots() -> list[str]:
    """The folders the parsing child must import from: the one holding the `desktop` package and the
    one holding python-calamine (a user-site install is not on an isolated interpreter's path)."""
    import importlib.util

    roots = [str(Path(__file__).resolve().parents[2])]
    try:
        spec = importlib.util.find_spec("python_calamine")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        parent = Path(spec.origin).resolve().parent.parent
        if str(parent) not in roots:
            roots.append(str(parent))
    return roots


def spawn_context():
    """multiprocessing's "spawn" context, with its children (and its resource tracker) started in
    isolated mode (`python -I -c ...`) so that modules in the current folder are never imported.
    A spawned child then takes its sys.path from the parent. In a frozen build the children re-enter
    the app's executable, whose path is the bundle's own (nothing to change there)."""
    import multiprocessing
    from multiprocessing import spawn, util

    if not getattr(sys, "frozen", False) and not getattr(util._args_from_interpreter_flags, "isolated", False):
        plain_flags, plain_preparation = util._args_from_interpreter_flags, spawn.get_preparation_data

        def isolated_flags() -> list[str]:
            return [f for f in plain_flags() if f not in ("-E", "-s", "-P", "-I")] + ["-I"]

        def preparation_without_cwd(name: str) -> dict:
            # A parent started with `python -c` has '' (the current folder) on its path, which the
            # child would receive as that folder's name: send Clientele's own folder instead.
            data = plain_preparation(name)
            if "" in sys.path and "sys_path" in data:
                where = sys.path.index("")
                data["sys_path"] = [p for i, p in enumerate(data["sys_path"]) if i != where]
                root = child_import_roots()[0]
                if root not in data["sys_path"]:
                    data["sys_path"].insert(where, root)
            return data

        isolated_flags.isolated = True
        util._args_from_interpreter_flags = isolated_flags
        spawn.get_preparation_data = preparation_without_cwd
    return multiprocessing.get_context("spawn")


def _parse_in_child(path: Path, wanted: list[str] | None, names_only: bool,
                    data: bytes | None = None) -> WorkbookCells:
    """Parse the workbook's bytes (`data`, else read now) in a child process with a memory cap."""
    if data is None:
        data = read_source(path)
    request = (data, wanted, names_only, _memory_cap(len(data)))
    if getattr(sys, "frozen", False):
        raw = _run_frozen_child(request)
    else:
        import subprocess

        # A fresh interpreter, not multiprocessing: that would re-import the caller's __main__ script.
        try:
            done = subprocess.run([sys.executable, "-I", "-c", _CHILD_CODE, *child_import_roots()],
                                  input=pickle.dumps(request), stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, timeout=CHILD_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise InputError("guard_took_more_minutes_open", file=path.name, value=CHILD_TIMEOUT_S / 60) from None
        except OSError:
            done = None
        if done is None:  # no interpreter to start: parse here, behind the pre-scan
            return _parse_workbook(data, wanted, names_only)
        raw = done.stdout if done.returncode == 0 else b""
    try:
        message = pickle.loads(raw) if raw else None
    except Exception:  # noqa: BLE001 - a cut-off reply means the child died
        message = None
    if message is None:
        raise InputError("guard_unsafe_reader_failed", file=path.name)
    if message[0] == "ok":
        return message[1]
    _raise_failure(path, message[1], message[2])
    raise AssertionError("unreachable")


def _run_frozen_child(request: tuple) -> bytes:
    """A frozen build has no interpreter to run `-c`: use multiprocessing's spawn, which re-enters the
    app's executable (the app's main must call multiprocessing.freeze_support())."""
    import time

    ctx = spawn_context()
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_mp_child, args=(sender, request), daemon=True)
    proc.start()
    sender.close()
    raw = b""
    try:
        deadline = time.monotonic() + CHILD_TIMEOUT_S
        while time.monotonic() < deadline:
            if receiver.poll(0.05):
                try:
                    raw = receiver.recv_bytes()
                except (EOFError, OSError):
                    raw = b""
                break
            if not proc.is_alive() and not receiver.poll(0):
                break
    finally:
        receiver.close()
        proc.join(timeout=5)
        if proc.is_alive():
            proc.kill()
    return raw


def _raise_failure(path: Path, kind: str, detail: str) -> None:
    if kind == "password":
        raise InputError("guard_protected_password_open_excel", file=path.name)
    if kind == "memory":
        raise InputError("guard_needs_more_memory_computer", file=path.name)
    raise InputError("guard_damaged_spreadsheet_clientele_read", file=path.name, detail=detail)


def load_workbook(path: Path, fmt: str, wanted: list[str] | None = None, names_only: bool = False,
                  isolate: bool | None = None, data: bytes | None = None) -> WorkbookCells:
    """Return the sheet names of a workbook and the cells of the sheets in `wanted` (None: every sheet;
    `names_only`: none). Small files and every non-xlsx workbook are parsed in a child process;
    `isolate` forces the choice. `data`: the file's bytes from read_source (else read here): the
    pre-scan and the parser see the same bytes. Raises InputError for any file that cannot be parsed."""
    if data is None:
        data = read_source(path)
    check_workbook(path, fmt, data)
    if isolate is None:
        isolate = fmt != "xlsx" or len(data) <= CHILD_PARSE_MAX_BYTES
    if isolate and os.environ.get("CLIENTELE_PARSE_IN_CHILD", "1") != "0":
        return _parse_in_child(path, wanted, names_only, data)
    try:
        return _parse_workbook(data, wanted, names_only)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - pyo3 panics derive from BaseException
        kind, detail = _describe_failure(exc)
        _raise_failure(path, kind, detail)
        raise
