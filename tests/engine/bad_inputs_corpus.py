"""A corpus of hostile, broken and awkward shop files, written on demand, each with the behaviour
expected from `analyze` (engine) and `clientele analyze` (CLI). Used by tests/engine/test_bad_inputs.py
and tests/cli/test_bad_inputs_cli.py; not a test module itself."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable

import openpyxl

HEADER = ["Customer ID", "Order ID", "Date", "Product", "Quantity", "Price"]
ROWS = [
    ["C001", "S1", "2024-01-05", "Jasmine tea", "2", "35.5"],
    ["C001", "S2", "2024-02-05", "Longjing", "1", "120"],
    ["C002", "S3", "2024-02-06", "Teapot", "1", "88"],
    ["C003", "S4", "2024-03-01", "Pu-erh", "3", "50"],
    ["C002", "S5", "2024-03-09", "Oolong", "1", "64"],
]
NET = 2 * 35.5 + 120 + 88 + 150 + 64


@dataclass
class Case:
    """One corpus file: how to write it, and what analysing it must give."""

    name: str
    filename: str
    make: Callable[[Path], None]
    ok: bool
    says: tuple[str, ...] = ()  # lower-case fragments the error sentence must hold
    check: Callable[[dict], None] | None = None  # on the CLI's JSON for files that are read
    env: dict[str, str] = field(default_factory=dict)
    args: tuple[str, ...] = ()


# ---------------------------------------------------------------- writers


def _csv(rows: list[list[str]], header: list[str] = HEADER, sep: str = ",", encoding: str = "utf-8") -> bytes:
    text = sep.join(header) + "\n" + "".join(sep.join(r) + "\n" for r in rows)
    return text.encode(encoding)


def _xlsx_bytes(header: list[str] = HEADER, rows: list[list[object]] = ROWS) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append([float(v) if i >= 4 else v for i, v in enumerate(r)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/'
       'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook'
       '.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
       'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       'spreadsheetml.worksheet+xml"/>{extra}</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats'
         '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/'
       'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
       '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '{extra}</Relationships>')
_SST_CT = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
           'spreadsheetml.sharedStrings+xml"/>')
_SST_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/>')


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def number(ref: str, value: float) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def table_rows_xml() -> str:
    """HEADER and ROWS as worksheet XML rows (the price as a number)."""
    out = ["<row r=\"1\">" + "".join(inline(f"{chr(65 + j)}1", h) for j, h in enumerate(HEADER)) + "</row>"]
    for i, r in enumerate(ROWS, start=2):
        cells = [inline(f"{chr(65 + j)}{i}", v) for j, v in enumerate(r[:4])]
        cells += [number(f"E{i}", float(r[4])), number(f"F{i}", float(r[5]))]
        out.append(f'<row r="{i}">' + "".join(cells) + "</row>")
    return "".join(out)


def raw_xlsx(path: Path, sheet_body: str, prolog: str = "", sst: str | None = None) -> None:
    """Write an xlsx by hand from a worksheet's <sheetData> content (what openpyxl would refuse)."""
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog + '<worksheet xmlns="http://schemas.'
             'openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + sheet_body + "</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT.format(extra=_SST_CT if sst else ""))
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WB)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS.format(extra=_SST_REL if sst else ""))
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        if sst:
            zf.writestr("xl/sharedStrings.xml", sst)


def raw_ods(path: Path, rows: list[list[object]]) -> None:
    """Write a minimal OpenDocument spreadsheet by hand (no odfpy needed)."""
    def cell(v: object) -> str:
        if isinstance(v, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                    f'<text:p>{v}</text:p></table:table-cell>')
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
    write_ods(path, body)


def write_ods(path: Path, table_body: str) -> None:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
               'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
               '<office:spreadsheet><table:table table:name="Orders">' + table_body +
               "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)


PLANTED = ("zipfile.py", "pickle.py", "numpy/__init__.py")


def plant_modules(folder: Path) -> Path:
    """Put modules named like ones Clientele imports (zipfile, pickle, numpy) into `folder`, as a
    hostile download folder could hold them; each appends its name to the returned marker file when
    it is imported (and then lacks everything the real module has)."""
    marker = folder / "PLANTED-CODE-RAN.txt"
    for rel in PLANTED:
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"open({str(marker)!r}, 'a').write(__name__ + '\\n')\n", encoding="utf-8")
    return marker


def orders_xlsx(p: Path) -> None:
    """The corpus orders (HEADER, ROWS) as a small workbook."""
    p.write_bytes(_xlsx_bytes())


# ---------------------------------------------------------------- the cases


def _expect_net(value: float) -> Callable[[dict], None]:
    def check(r: dict) -> None:
        assert abs(r["net_revenue"] - value) < 0.01, r["net_revenue"]
        assert r["customers"] == 3
    return check


def _net_only(value: float) -> Callable[[dict], None]:
    def check(r: dict) -> None:
        assert abs(r["net_revenue"] - value) < 0.01, r
    return check


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def _empty_workbook(p: Path) -> None:
    openpyxl.Workbook().save(p)


def _header_only_xlsx(p: Path) -> None:
    p.write_bytes(_xlsx_bytes(rows=[]))


def _truncated_xlsx(p: Path) -> None:
    data = _xlsx_bytes()
    p.write_bytes(data[: len(data) * 2 // 3])


def _password_xlsx(p: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(_xlsx_bytes())
    out = io.BytesIO()
    OOXMLFile(plain).encrypt("secret", out)
    p.write_bytes(out.getvalue())


def _xls(p: Path) -> None:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Orders")
    for j, h in enumerate(HEADER):
        ws.write(0, j, h)
    for i, r in enumerate(ROWS, start=1):
        for j, v in enumerate(r):
            ws.write(i, j, float(v) if j >= 4 else v)
    wb.save(str(p))


def _ods(p: Path) -> None:
    raw_ods(p, [HEADER] + [[*r[:4], float(r[4]), float(r[5])] for r in ROWS])


def _ods_bomb(p: Path) -> None:
    # One value repeated over every cell of a sheet: a few hundred bytes that unpack to 17 billion cells.
    write_ods(p, '<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
                 'table:number-columns-repeated="16384" office:value-type="float" office:value="1">'
                 "<text:p>1</text:p></table:table-cell></table:table-row>")


def _fake_xlsb(p: Path) -> None:
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("[Content_Types].xml", _CT.format(extra=""))
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00" + bytes(range(200)))


def _lock_file(p: Path) -> None:
    p.write_bytes(b"\x0bJane Smith" + b" " * 43 + b"\x00" * 100)


def _chinese(encoding: str) -> Callable[[Path], None]:
    header = ["会员号", "订单号", "下单时间", "商品名称", "数量", "单价"]
    return _bytes(_csv(ROWS, header, encoding=encoding))


def _check_chinese(r: dict) -> None:
    assert r["column_roles"]["customer_id"] == "会员号"
    assert not any("\ufeff" in c for c in r["column_roles"].values())
    _expect_net(NET)(r)


def _semicolon(p: Path) -> None:
    rows = [["C001", "S1", "05.01.2024", "Tee", "1", "1.234,50 €"],
            ["C002", "S2", "13.02.2024", "Tasse", "2", "12,00 €"],
            ["C003", "S3", "01.03.2024", "Tee", "1", "7,25 €"]]
    p.write_bytes(_csv(rows, ["Kunde", "Rechnung", "Datum", "Artikel", "Menge", "Betrag"], ";", "cp1252"))


def _odd_numbers(p: Path) -> None:
    rows = [["C001", "S1", "2024-01-05", "Tea", "1", '"¥1,234.50"'],
            ["C002", "S2", "2024-01-06", "Cup", "１", "＄２０"],
            ["C003", "S3", "2024-01-07", "Refund", "1", "(12.00)"], ["C003", "S4", "2024-01-08", "Pot", "2", "$ 30"]]
    p.write_bytes(_csv(rows, ["Customer ID", "Order ID", "Date", "Product", "Quantity", "Amount"]))


def _mixed_dates(p: Path) -> None:
    import datetime as dt

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Customer ID", "Order ID", "Date", "Amount"])
    ws.append(["C001", "S1", dt.datetime(2024, 1, 5, 10, 0), 10.0])
    ws.append(["C002", "S2", "2024-01-06", 20.0])
    ws.append(["C003", "S3", "2024/1/7", 30.0])
    ws.append(["C001", "S4", 45300, 40.0])  # an Excel serial: 2024-01-08
    ws.append(["C002", "S5", "2024年1月9日", 50.0])
    wb.save(p)


def _check_dates(r: dict) -> None:
    assert r["rows_used"] == 5, r
    assert r["as_of"] == "2024-01-09"
    assert abs(r["net_revenue"] - 150) < 0.01


def _ids(p: Path) -> None:
    rows = [["110101199003078888", "013800138000", "2024-01-05", "S1", "10"],
            ["11010119900307888X", "+8613800138001", "2024-01-06", "S2", "20"],
            ["110101199003078888", "013800138000", "2024-02-05", "S3", "5"]]
    p.write_bytes(_csv(rows, ["ID card", "Phone", "Date", "Order ID", "Amount"]))


def _duplicates(p: Path) -> None:
    header = ["Customer ID", "Name", "Date", "Order ID", "Name", "Amount"]
    rows = [["C1", "Ann", "2024-01-05", "S1", "Tea", "10"], ["C2", "Bo", "2024-01-06", "S2", "Cup", "20"]]
    p.write_bytes(_csv(rows, header))


def _merged_header(p: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Customer", None, "Order", None, "Product", "Amount"])
    ws.append(["ID", "Name", "No.", "Date", None, None])
    ws.merge_cells("A1:B1")
    ws.merge_cells("C1:D1")
    ws.merge_cells("E1:E2")
    ws.merge_cells("F1:F2")
    for r in ROWS:
        ws.append([r[0], f"Name {r[0]}", r[1], r[2], r[3], float(r[4]) * float(r[5])])
    ws.append(["Total", None, None, None, None, NET])
    wb.save(p)


def _check_merged(r: dict) -> None:
    roles = r["column_roles"]
    assert roles["customer_id"] == "Customer ID" and roles["order_id"] == "Order No."
    assert roles["date"] == "Order Date" and roles["amount"] == "Amount"
    assert r["rows_set_aside"].get("totals_row") == 1
    _expect_net(NET)(r)


def _formulas(p: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in ROWS:
        ws.append([r[0], r[1], r[2], r[3], float(r[4]), float(r[5])])
    ws["D2"].value = '=HYPERLINK("http://example.invalid/x","click")'
    ws["D2"].data_type = "s"  # text that looks like a formula
    ws["D3"].value = "=1+2"  # a real formula without a cached value
    ws["D4"].value = "@SUM(A1)"
    wb.save(p)


def _check_formulas(r: dict) -> None:
    _expect_net(NET)(r)


def _control_chars(p: Path) -> None:
    rows = [["C\x01001", "S1", "2024-01-05", "Tea\x1fBag", "2", "35.5"],
            ["C002", "S2", "2024-01-06", "Cup\x0b", "1", "10"],
            ["C003", "S3", "2024-01-07", "Pot", "1", "20"]]
    p.write_bytes(_csv(rows, ["Customer\x07 ID", "Order ID", "Date", "Product", "Quantity", "Price"]))


def _laughs(p: Path) -> None:
    dtd = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(2, 10)) + "]>")
    raw_xlsx(p, table_rows_xml().replace("Jasmine tea", "&lol9;"), prolog=dtd)


def _xxe(p: Path) -> None:
    dtd = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    raw_xlsx(p, table_rows_xml().replace("Jasmine tea", "&xxe;"), prolog=dtd)


def _zip_bomb(p: Path) -> None:
    # 64 MB of spaces inside the sheet's XML: about 64 KB on disk.
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><sheetData>' + table_rows_xml()).encode()
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT.format(extra=""))
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WB)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS.format(extra=""))
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            block = b" " * (1 << 20)
            for _ in range(64):
                fh.write(block)
            fh.write(b"</sheetData></worksheet>")


def _far_cell(p: Path) -> None:
    raw_xlsx(p, table_rows_xml() + '<row r="1048576">' + inline("XFD1048576", "x") + "</row>")


def _beyond_excel(p: Path) -> None:
    raw_xlsx(p, table_rows_xml() + '<row r="4000000000">' + inline("A4000000000", "x") + "</row>")


def _sst_claim(p: Path) -> None:
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
           'main" count="4000000000" uniqueCount="4000000000"><si><t>Customer ID</t></si></sst>')
    title_row = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    raw_xlsx(p, title_row + table_rows_xml().replace('<row r="1">', '<row r="99">', 1),
             sst=sst)


def _wide_sheet(p: Path) -> None:
    # 10,000 columns: the order table in A..F, then 9,994 labelled but empty columns.
    rows = table_rows_xml()
    extra = "".join(inline(f"{_letters(j)}1", f"Field {j}") for j in range(7, 10_001))
    raw_xlsx(p, rows.replace("</row>", extra + "</row>", 1))


def _letters(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _wide_csv(p: Path) -> None:
    header = HEADER + [f"x{j}" for j in range(20_000)]
    p.write_bytes(_csv([r + [""] * 20_000 for r in ROWS], header))


def _big_csv(p: Path) -> None:
    rows = [[f"C{i % 400:03d}", f"S{i}", "2024-01-05", "Tea", "1", "10"] for i in range(40_000)]
    p.write_bytes(_csv(rows))


def _plain_zip(p: Path) -> None:
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("orders.csv", _csv(ROWS))


def _ragged(p: Path) -> None:
    # The extra separators come after the rows the reader looks at to size the table.
    rows = [[f"C{i % 7}", f"S{i}", "2024-03-01", "Tea", "1", "5"] for i in range(60)]
    p.write_bytes(_csv(rows) + b"C009,S9,2024-03-01,Tea,1,5,extra,fields,here\n")


def _check_ragged(r: dict) -> None:
    # issue 14, item 15: a row with extra values is set aside with its row number, never refused
    assert r["rows_set_aside"] == {"wrong_column_count": 1}, r["rows_set_aside"]
    example = r["examples_set_aside"]["wrong_column_count"][0]
    assert example["row"] == 62 and "extra" in example["text"]
    assert r["rows_used"] == 60 and r["rows_read"] == 61


def _early_comma(p: Path) -> None:
    # an unquoted comma in the product of the first data row, and again in the fourth
    rows = [list(r) for r in ROWS]
    rows[0][3] = "Jasmine, tea"
    rows[3][3] = "Pu, erh, ripe"
    p.write_bytes(_csv(rows))


def _check_early_comma(r: dict) -> None:
    assert r["rows_set_aside"] == {"wrong_column_count": 2}, r["rows_set_aside"]
    assert [e["row"] for e in r["examples_set_aside"]["wrong_column_count"]] == [2, 5]
    assert r["column_roles"]["product_name"] == "Product"
    assert abs(r["net_revenue"] - (120 + 88 + 64)) < 0.01  # the other rows, none shifted


def _blank_tail(tail: bytes) -> Callable[[Path], None]:
    return _bytes(_csv(ROWS) + tail)


def _empty_string_tail_xlsx(p: Path) -> None:
    # cells holding the empty string (not blank cells) in 300 rows after the data
    tail = "".join(f'<row r="{i}">' + "".join(inline(f"{chr(65 + j)}{i}", "") for j in range(len(HEADER)))
                   + "</row>" for i in range(len(ROWS) + 2, len(ROWS) + 302))
    raw_xlsx(p, table_rows_xml() + tail)


def _mixed_encoding(p: Path) -> None:
    # a UTF-8 export with two rows appended by a GBK program and one bad byte at the very end
    header = ["会员号", "订单号", "下单时间", "商品名称", "数量", "单价"]
    utf8 = _csv(ROWS[:3], header, encoding="utf-8")
    gbk = "".join(",".join(r[:3] + ["普洱茶"] + r[4:]) + "\n" for r in ROWS[3:]).encode("gbk")
    p.write_bytes(utf8 + gbk + b"\xff\n")


def _check_mixed_encoding(r: dict) -> None:
    assert r["column_roles"]["customer_id"] == "会员号"
    _expect_net(NET)(r)
    found = {w["encoding"]: w for w in r["warnings"] if w["code"] == "mixed_encodings"}
    assert found["gb18030"]["rows"] == "5, 6" and found["gb18030"]["count"] == 2, r["warnings"]
    assert found["cp1252"]["rows"] == "7", r["warnings"]


def _open_quote(p: Path) -> None:
    p.write_bytes(_csv(ROWS[:3]) + b'C004,S9,2024-03-01,"Tea,1,5\n' + _csv(ROWS[3:]).split(b"\n", 1)[1])


def _long_cell(p: Path) -> None:
    rows = [r[:3] + ["Tea " + "leaf " * 40_000] + r[4:] if i == 1 else r for i, r in enumerate(ROWS)]
    p.write_bytes(_csv(rows))


def corpus() -> list[Case]:
    """Every corpus case, in a stable order."""
    ok = _expect_net(NET)
    return [
        Case("empty csv", "empty.csv", _bytes(b""), False, ("empty",)),
        Case("empty xlsx file", "empty.xlsx", _bytes(b""), False, ("empty",)),
        Case("workbook without cells", "blank.xlsx", _empty_workbook, False, ("empty",)),
        Case("header only csv", "header_only.csv", _bytes(_csv([])), False, ("no data rows",)),
        Case("header only xlsx", "header_only.xlsx", _header_only_xlsx, False, ("no data rows",)),
        Case("binary named csv", "photo.csv", _bytes(bytes(range(256)) * 40), False, ("not a spreadsheet",)),
        Case("xlsx named csv", "really_excel.csv", _bytes(_xlsx_bytes()), True, check=ok),
        Case("csv named xlsx", "really_text.xlsx", _bytes(_csv(ROWS)), True, check=ok),
        Case("truncated xlsx", "truncated.xlsx", _truncated_xlsx, False, ("damaged",)),
        Case("password xlsx", "locked.xlsx", _password_xlsx, False, ("password",)),
        Case("old xls", "old.xls", _xls, True, check=ok),
        Case("ods", "sheet.ods", _ods, True, check=ok),
        Case("xlsb we cannot parse", "binary_workbook.xlsb", _fake_xlsb, False, ("damaged",)),
        Case("excel lock file", "~$orders.xlsx", _lock_file, False, ("lock file", "orders.xlsx")),
        Case("gbk csv", "gbk.csv", _chinese("gbk"), True, check=_check_chinese),
        Case("utf-16 csv", "utf16.csv", _chinese("utf-16"), True, check=_check_chinese),
        Case("utf-8 bom csv", "bom.csv", _chinese("utf-8-sig"), True, check=_check_chinese),
        Case("semicolons and decimal commas", "umsatz.csv", _semicolon, True, check=_net_only(1253.75),
             args=("--map", "customer_id=Kunde", "--map", "order_id=Rechnung")),
        Case("currency, parentheses, full-width", "odd_numbers.csv", _odd_numbers, True,
             check=_net_only(1234.5 + 20 - 12 + 30)),
        Case("mixed dates and serials", "dates.xlsx", _mixed_dates, True, check=_check_dates),
        Case("phones and 18-digit ids", "ids.csv", _ids, True,
             args=("--map", "customer_id=ID card")),
        Case("duplicate column names", "dupes.csv", _duplicates, False, ("name", "columns b and e", "--map")),
        Case("merged two-row header and totals", "merged.xlsx", _merged_header, True, check=_check_merged),
        Case("formulas and formula-like text", "formulas.xlsx", _formulas, True, check=_check_formulas),
        Case("control characters", "control.csv", _control_chars, True, check=_net_only(2 * 35.5 + 10 + 20)),
        Case("billion laughs", "laughs.xlsx", _laughs, False, ("unsafe or invalid",)),
        Case("external entity", "xxe.xlsx", _xxe, False, ("unsafe or invalid",)),
        Case("zip bomb", "bomb.xlsx", _zip_bomb, False, ("unsafe or invalid",)),
        Case("one far cell at XFD1048576", "far.xlsx", _far_cell, False, ("a1:xfd1048576",)),
        Case("cell beyond Excel's rows", "beyond.xlsx", _beyond_excel, False, ("beyond excel's limit",)),
        Case("shared strings claiming billions", "sst.xlsx", _sst_claim, False, ("unsafe or invalid",)),
        Case("ods repeating a cell over the whole sheet", "bomb.ods", _ods_bomb, False, ()),
        Case("10,000-column sheet", "wide.xlsx", _wide_sheet, True, check=ok),
        Case("20,000-column csv", "wide.csv", _wide_csv, False, ("columns",)),
        Case("file over the size limit", "big.csv", _big_csv, False, ("more than the 0.5 mb",),
             env={"CLIENTELE_MAX_FILE_MB": "0.5"}),
        Case("zip archive", "orders.zip", _plain_zip, False, ("zip archive",)),
        Case("quotation mark never closed", "open_quote.csv", _open_quote, False, ("row 5", "quotation mark")),
        Case("a 200 KB cell", "long_cell.csv", _long_cell, True, check=ok),
        Case("row with extra fields", "ragged.csv", _ragged, True, check=_check_ragged),
        Case("unquoted commas in early rows", "early_comma.csv", _early_comma, True, check=_check_early_comma),
        Case("500 blank lines after the data", "blank_tail.csv", _blank_tail(b"\n" * 500), True, check=ok),
        Case("500 ',,,,,' lines after the data", "comma_tail.csv", _blank_tail(b",,,,,\r\n" * 500), True,
             check=ok),
        Case("300 empty-string rows after the data", "empty_tail.xlsx", _empty_string_tail_xlsx, True, check=ok),
        Case("UTF-8 with GBK rows and a bad byte", "mixed_encoding.csv", _mixed_encoding, True,
             check=_check_mixed_encoding),
    ]
