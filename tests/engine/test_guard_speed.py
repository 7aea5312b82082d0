"""The guard's speed measures keep its rules: the cyclic GC comes back after a sheet is read, and a
cell beyond Excel's limits deep in a big sheet (read block by block, the next one inflated meanwhile)
is still refused."""

from __future__ import annotations

import gc
import random
import zipfile
from pathlib import Path

import pytest

from desktop.engine.errors import InputError
from desktop.engine.guard import (
    _SCAN_CHUNK,
    _inflated_blocks,
    _ref_extent_by_character,
    check_workbook,
    col_letters,
    no_cyclic_gc,
    ref_extent,
)


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


def _cells(refs: list[tuple[int, int]]) -> bytes:
    return "".join(f'<row r="{r}"><c r="{col_letters(c)}{r}" t="inlineStr"><is><t>v</t></is></c></row>'
                   for r, c in refs).encode()


ODD_REFS = ['<c r="A000000999999"><v>1</v></c>', '<c r="A0"><v>1</v></c>', '<c r="ABCD7"><v>1</v></c>',
            '<c r="A12345678"><v>1</v></c>', '<c r="B7x"><v>1</v></c>', '<c r="7B"><v>1</v></c>',
            '<c r="XFD1048577"><v>1</v></c>', '<c r="QQQQQQQQQQQQQQ"><v>1</v></c>', '<c r="C"><v>1</v></c>',
            '<c\tr="D9"><v>1</v></c>', '<c\nr="AAA1"><v>1</v></c>', '<c r="B0000009"><v>1</v></c>',
            '<row r="007">', '<c r="A1048576"><v>1</v></c>']


@pytest.mark.parametrize("seed", range(2 * len(ODD_REFS) + 10))
def test_reading_references_at_once_finds_what_reading_them_character_by_character_finds(seed: int) -> None:
    # Tables of any place and width, stray cells before, inside or after them (above or left of the
    # first cell, out of order), and references written oddly: the fast reading of a block gives
    # exactly what the character-by-character one gives.
    rng = random.Random(seed)
    top, left = rng.randint(1, 1_048_000), rng.randint(1, 16_000)
    refs = [(r, c) for r in range(top, top + 300) for c in range(left, left + rng.randint(1, 9))]
    for _ in range(rng.randint(0, 3)):
        refs.insert(rng.randrange(len(refs) + 1), (rng.randint(1, 1_048_576), rng.randint(1, 16_384)))
    xml = _cells(refs)
    if seed < 2 * len(ODD_REFS):  # each odd reference, in two tables
        at = xml.index(b"<row", rng.randrange(len(xml) // 2))
        xml = xml[:at] + ODD_REFS[seed % len(ODD_REFS)].encode() + xml[at:]
    start = rng.randrange(40)  # a block may begin or end inside a reference
    block = xml[start:]
    assert ref_extent(block) == _ref_extent_by_character(block)
    assert ref_extent(block) is not None


def test_a_block_without_references_has_no_extent() -> None:
    assert ref_extent(b"<sheetData></sheetData>" * 4) is None
    assert ref_extent(b'<c r="A1"/>') is None  # too short to hold a whole reference


def _deflated(tmp_path: Path, body: bytes) -> tuple[Path, bytes]:
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", body)
    return path, path.read_bytes()


def test_members_are_inflated_as_zipfile_inflates_them(tmp_path: Path) -> None:
    body = _cells([(r, 1 + r % 7) for r in range(1, 200_000)])
    path, data = _deflated(tmp_path, body)
    with zipfile.ZipFile(path) as zf:
        info = zf.infolist()[0]
        blocks = list(_inflated_blocks(zf, info, data))
    assert b"".join(blocks) == body
    assert len(blocks) > 1 and max(map(len, blocks)) <= _SCAN_CHUNK


def test_a_member_holding_more_than_it_declares_is_damaged(tmp_path: Path) -> None:
    # The central directory says 1,000 bytes; the deflated stream holds a whole sheet.
    body = (b'<?xml version="1.0"?><worksheet><sheetData>' + _cells([(r, 1) for r in range(1, 5000)])
            + b"</sheetData></worksheet>")
    path, data = _deflated(tmp_path, body)
    size = len(body).to_bytes(4, "little")
    lie = (1000).to_bytes(4, "little")
    data = data.replace(size, lie)
    path.write_bytes(data)
    with pytest.raises(InputError, match="damaged"):
        check_workbook(path, "xlsx", data)
    cut = data[:len(data) // 2]  # a download cut short
    with pytest.raises(InputError, match="damaged"):
        check_workbook(path, "xlsx", cut)


def test_isal_and_zlib_inflate_the_same_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("isal")
    import zlib

    from desktop.engine import guard

    body = _cells([(r, 1 + r % 5) for r in range(1, 100_000)])
    path, data = _deflated(tmp_path, body)
    with zipfile.ZipFile(path) as zf:
        info = zf.infolist()[0]
        fast = list(_inflated_blocks(zf, info, data))
        monkeypatch.setattr(guard, "_inflater", lambda: (zlib.decompressobj(-15), zlib.error))
        plain = list(_inflated_blocks(zf, info, data))
    assert b"".join(fast) == b"".join(plain) == body
