"""The guard's speed measures keep its rules: the cyclic GC comes back after a sheet is read, and a
cell beyond Excel's limits deep in a big sheet (read block by block, the next one inflated meanwhile)
is still refused."""

from __future__ import annotations

import gc
import zipfile
from pathlib import Path

import pytest

from desktop.engine.errors import InputError
from desktop.engine.guard import _SCAN_CHUNK, check_workbook, no_cyclic_gc


def test_no_cyclic_gc_restores_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    with no_cyclic_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with no_cyclic_gc():
            pass
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()


def _sheet_xlsx(path: Path, rows: int, far_cell: str | None) -> Path:
    body = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>x{i}</t></is></c></row>' for i in range(1, rows + 1))
    if far_cell:
        body += f'<row r="{rows + 1}"><c r="{far_cell}"><v>1</v></c></row>'
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             f'spreadsheetml/2006/main"><sheetData>{body}</sheetData></worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def test_a_far_cell_after_several_blocks_is_still_refused(tmp_path: Path) -> None:
    rows = 3 * _SCAN_CHUNK // 60  # about three blocks of XML before the far cell
    ok = _sheet_xlsx(tmp_path / "ok.xlsx", rows, None)
    check_workbook(ok, "xlsx")
    bad = _sheet_xlsx(tmp_path / "bad.xlsx", rows, "A2000000")
    with pytest.raises(InputError, match="beyond Excel's limit"):
        check_workbook(bad, "xlsx")
