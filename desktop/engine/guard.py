"""Checks that protect the machine before a file is parsed: size limits, zip bombs, absurd sheet
dimensions. Each raises InputError with one sentence naming the file."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from .errors import InputError

MAX_FILE_BYTES = int(os.environ.get("CLIENTELE_MAX_FILE_MB", "1024")) * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 4 * 1024 * 1024 * 1024
MAX_ZIP_RATIO = 200
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLS = 16_384
MAX_SHEET_CELLS = 60_000_000

_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')


def check_size(path: Path, limit: int | None = None) -> None:
    """Refuse files larger than the configured limit."""
    limit = MAX_FILE_BYTES if limit is None else limit
    size = path.stat().st_size
    if size > limit:
        raise InputError(
            f"{path.name} is {size / 2**20:,.0f} MB, more than the {limit / 2**20:,.0f} MB Clientele reads; "
            "export a shorter period or only the columns you need."
        )


def _col_number(letters: bytes | str) -> int:
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def check_workbook(path: Path, fmt: str) -> None:
    """Check a zipped workbook before parsing: uncompressed sizes, compression ratio and the sheet
    dimensions it declares."""
    if fmt not in ("xlsx", "xlsb", "ods"):
        return
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if total > MAX_UNCOMPRESSED_BYTES or (total > 50 * 2**20 and total / packed > MAX_ZIP_RATIO):
                raise InputError(
                    f"{path.name} unpacks to {total / 2**20:,.0f} MB from {packed / 2**20:,.1f} MB, which looks "
                    "like an unsafe or invalid file; open it in Excel and save it again."
                )
            for info in infos:
                if not re.match(r"xl/worksheets/sheet\d+\.xml$", info.filename):
                    continue
                with zf.open(info) as fh:
                    head = fh.read(4096)
                m = _DIMENSION.search(head)
                if not m or not m.group(4):
                    continue
                rows = int(m.group(4)) - int(m.group(2) or 1) + 1
                cols = _col_number(m.group(3)) - _col_number(m.group(1) or "A") + 1
                if rows * cols > MAX_SHEET_CELLS:
                    raise InputError(
                        f"{path.name} declares a sheet of {rows:,} rows × {cols:,} columns, too large to read "
                        "safely; delete the empty rows and columns in Excel (or copy the data to a new sheet) and save again."
                    )
    except zipfile.BadZipFile:
        raise InputError(f"{path.name} is damaged (the workbook is incomplete); export it again or re-save it in Excel.") from None
