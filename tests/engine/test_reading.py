"""Reading real files written by the tests: encodings, delimiters, header rows, totals rows, sheets."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desktop.engine.errors import InputError
from desktop.engine.pipeline import AnalysisOptions, analyze, load, preview_file
from desktop.engine.reading import read_file, sniff_format

HEADER_ZH = ["会员号", "手机", "下单时间", "订单号", "商品名称", "数量", "单价", "实付金额"]
ROWS_ZH = [
    ["V001", "013800138000", "2024-01-05 10:00", "S1", "茉莉花茶", "2", "35.5", "71"],
    ["V001", "013800138000", "2024-02-05 11:00", "S2", "龙井", "1", "120", "120"],
    ["V002", "+8613800138001", "2024-02-06 12:00", "S3", "茶具", "1", "88", "88"],
    ["V003", "13900139000", "2024-03-01 09:30", "S4", "普洱", "3", "50", "150"],
]


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8", sep: str = ",",
              prefix: str = "", suffix: str = "") -> Path:
    text = prefix + sep.join(header) + "\n" + "".join(sep.join(r) + "\n" for r in rows) + suffix
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16"])
def test_chinese_headers_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "orders.csv", HEADER_ZH, ROWS_ZH, encoding)
    before = path.read_bytes()
    data = load(AnalysisOptions([path]))
    assert path.read_bytes() == before  # the source is never written to
    roles = {r: m.column for r, m in data.roles.items()}
    assert roles["customer_id"] == "会员号"
    assert roles["phone"] == "手机"
    assert roles["date"] == "下单时间"
    assert roles["amount"] == "实付金额"
    assert not any("\ufeff" in c for c in data.tables[0].columns)
    assert data.lines["amount"].sum() == pytest.approx(429)
    # phone numbers stay exactly as written: leading zero and + kept
    assert data.profiles.loc["V001", "phone"] == "013800138000"
    assert data.profiles.loc["V002", "phone"] == "+8613800138001"


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(tmp_path: Path, sep: str) -> None:
    path = write_csv(tmp_path / "orders.txt", HEADER_ZH, ROWS_ZH, "utf-8", sep)
    tables = read_file(path)
    assert tables[0].columns == HEADER_ZH
    assert len(tables[0].data) == 4


def test_semicolon_file_with_decimal_commas_and_euro_amounts(tmp_path: Path) -> None:
    header = ["Kunde", "Datum", "Rechnung", "Artikel", "Menge", "Betrag"]
    rows = [
        ["K1", "05.01.2024", "R1", "Tee", "1", "1.234,50 €"],
        ["K1", "13.02.2024", "R2", "Tasse", "2", "12,00 €"],
        ["K2", "01.03.2024", "R3", "Tee", "1", "7,25 €"],
    ]
    path = write_csv(tmp_path / "umsatz.csv", header, rows, "cp1252", ";")
    a = analyze(AnalysisOptions([path], overrides={"customer_id": "Kunde", "order_id": "Rechnung",
                                                   "product_name": "Artikel"}))
    assert a.lines["amount"].tolist() == pytest.approx([1234.5, 12.0, 7.25])
    # 13.02.2024 can only be day-first, so the whole column is read day-first
    assert a.lines["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-05", "2024-02-13", "2024-03-01"]
    assert a.to_json()["net_revenue"] == pytest.approx(1253.75)


def test_title_rows_above_header_and_totals_row_below(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "销售明细"
    ws.append(["2024年销售明细表"])
    ws.append(["导出时间：2024-04-01"])
    ws.append([])
    ws.append(HEADER_ZH)
    for r in ROWS_ZH:
        ws.append([r[0], r[1], r[2], r[3], r[4], float(r[5]), float(r[6]), float(r[7])])
    ws.append(["合计", None, None, None, None, 7, None, 429])
    path = tmp_path / "report.xlsx"
    wb.save(path)
    tables = read_file(path)
    t = tables[0]
    assert t.columns == HEADER_ZH
    assert t.header_row == 4
    assert len(t.data) == 4
    assert t.row_numbers.tolist() == [5, 6, 7, 8]
    assert t.totals_rows == [9]
    a = analyze(AnalysisOptions([path]))
    assert a.report.set_aside.get("totals_row") == 1
    assert a.report.rows_read == 5 and a.report.rows_used == 4
    assert a.to_json()["net_revenue"] == pytest.approx(429)


def test_format_is_read_from_the_bytes_not_the_extension(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Customer ID", "Date", "Amount"])
    ws.append(["A1", "2024-01-01", 10.0])
    ws.append(["A2", "2024-01-02", 20.0])
    xlsx_named_csv = tmp_path / "really_excel.csv"
    wb.save(xlsx_named_csv)
    assert sniff_format(xlsx_named_csv) == "xlsx"
    csv_named_xlsx = write_csv(tmp_path / "really_text.xlsx", ["Customer ID", "Date", "Amount"],
                               [["A1", "2024-01-01", "10"], ["A2", "2024-01-02", "20"]])
    assert sniff_format(csv_named_xlsx) == "csv"
    for p in (xlsx_named_csv, csv_named_xlsx):
        a = analyze(AnalysisOptions([p]))
        assert len(a.customers) == 2 and a.to_json()["net_revenue"] == pytest.approx(30)


def _sheet(wb: openpyxl.Workbook, title: str, header: list[str], rows: list[list]) -> None:
    ws = wb.create_sheet(title)
    ws.append(header)
    for r in rows:
        ws.append(r)


def test_sheets_with_the_same_header_are_combined_with_sheet_all(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    header = ["Client", "Purchase date", "Invoice", "Item", "Qty", "Price"]
    _sheet(wb, "January", header, [["c1", "2024-01-03", "I1", "Mug", 2, 5.0],
                                   ["c2", "2024-01-09", "I2", "Tea", 1, 9.5]])
    _sheet(wb, "February", header, [["c1", "2024-02-03", "I3", "Tea", 1, 9.5]])
    _sheet(wb, "Notes", ["Remark"], [["closed on Mondays"]])
    path = tmp_path / "sales.xlsx"
    wb.save(path)
    a = analyze(AnalysisOptions([path], sheet="all"))
    assert a.report.rows_used == 3
    assert set(a.lines["source_sheet"]) == {"January", "February"}
    assert a.customers.loc["c1", "frequency"] == 2
    assert any("Notes" in n for n in a.report.notes)
    # Without --sheet too: one table split over sheets is read whole (Online Retail II comes as a sheet per year)
    default = analyze(AnalysisOptions([path]))
    assert set(default.lines["source_sheet"]) == {"January", "February"} and default.report.rows_used == 3
    assert any("January" in n and "February" in n and "Notes" in n for n in default.report.notes)
    assert preview_file(path).sheet == "all"
    # --sheet NAME reads that sheet only
    one = analyze(AnalysisOptions([path], sheet="February"))
    assert set(one.lines["source_sheet"]) == {"February"}
    assert preview_file(path, "February").sheet == "February"
    with pytest.raises(InputError, match="no sheet 'March'"):
        analyze(AnalysisOptions([path], sheet="March"))


def test_several_order_files_with_the_same_header_are_read_together_without_a_sheet_note(tmp_path: Path) -> None:
    header = "Client,Purchase date,Invoice,Item,Qty,Price\n"
    (tmp_path / "jan.csv").write_text(header + "c1,2024-01-03,I1,Mug,2,5.0\nc2,2024-01-09,I2,Tea,1,9.5\n",
                                      encoding="utf-8")
    (tmp_path / "feb.csv").write_text(header + "c1,2024-02-03,I3,Tea,1,9.5\n", encoding="utf-8")
    a = analyze(AnalysisOptions([tmp_path / "jan.csv", tmp_path / "feb.csv"]))
    assert a.report.rows_used == 3 and a.customers.loc["c1", "frequency"] == 2
    assert not any("sheet" in n for n in a.report.note_texts())  # text files have no sheets to speak of


def test_sheets_with_different_headers_read_the_largest(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _sheet(wb, "Customers", ["Client", "Name", "Phone"], [["c1", "Ann", "555"]])
    _sheet(wb, "Orders", ["Client", "Purchase date", "Invoice", "Item", "Qty", "Price"],
           [["c1", "2024-01-03", "I1", "Mug", 2, 5.0], ["c2", "2024-01-09", "I2", "Tea", 1, 9.5]])
    path = tmp_path / "shop.xlsx"
    wb.save(path)
    a = analyze(AnalysisOptions([path]))
    assert set(a.lines["source_sheet"]) == {"Orders"} and a.report.rows_used == 2
    assert any("'Orders', the largest" in n and "Customers" in n for n in a.report.notes)
    assert not any(n.startswith("combined") for n in a.report.notes)
    assert preview_file(path).sheet == "Orders"


def test_headerless_whitespace_file_like_cdnow(tmp_path: Path) -> None:
    path = tmp_path / "cdnow.txt"
    path.write_text(" 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n 00002 19970113  2   24.50\r\n"
                    " 00003 19970201  5   77.00\r\n 00001 19970301  1   11.77\r\n", encoding="ascii")
    a = analyze(AnalysisOptions([path]))
    roles = {r: m.column for r, m in a.roles.items()}
    assert roles["customer_id"] == "Column 1" and roles["date"] == "Column 2" and roles["amount"] == "Column 4"
    assert a.customers.index.tolist() == ["00001", "00002", "00003"]  # ids kept as written
    assert a.customers.loc["00001", "frequency"] == 2


def test_long_ids_and_excel_floats_become_exact_text(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["CustomerID", "InvoiceDate", "UnitPrice", "Quantity", "ID card"])
    ws.append([17850.0, "2024-01-01", 2.5, 2, "110101199003078888"])
    ws.append([17851.0, "2024-01-02", 2.5, 2, "11010119900307888X"])
    path = tmp_path / "ids.xlsx"
    wb.save(path)
    a = analyze(AnalysisOptions([path]))
    assert a.customers.index.tolist() == ["17850", "17851"]
    raw = read_file(path)[0].data
    assert raw["ID card"].tolist() == ["110101199003078888", "11010119900307888X"]


def test_empty_and_unreadable_files_give_one_sentence(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 20)
    header_only = write_csv(tmp_path / "header.csv", ["Customer", "Date", "Amount"], [])
    for path, text in [(empty, "empty"), (binary, "not a spreadsheet"), (header_only, "no data rows")]:
        with pytest.raises(InputError) as err:
            analyze(AnalysisOptions([path]))
        message = str(err.value)
        assert path.name in message and text in message
        assert "\n" not in message


def test_lock_file_is_explained(tmp_path: Path) -> None:
    lock = tmp_path / "~$sales.xlsx"
    lock.write_bytes(b"\x00" * 165)
    with pytest.raises(InputError, match="lock file"):
        read_file(lock)


def test_pandas_read_of_online_retail_matches(online_retail: Path) -> None:
    tables = read_file(online_retail)
    assert len(tables[0].data) == 20000
    assert tables[0].columns[:3] == ["InvoiceNo", "StockCode", "Description"]


# ---------------------------------------------------------------- hostile shapes (issue 14)

HEADER_EN = ["Customer ID", "Order ID", "Date", "Product", "Quantity", "Price"]
ROWS_EN = [["C1", "S1", "2024-01-05", "Tea", "2", "10"], ["C2", "S2", "2024-01-06", "Cup", "1", "20"],
           ["C1", "S3", "2024-02-05", "Pot", "1", "30"]]


def test_a_megabyte_tail_of_empty_rows_is_cut_and_middle_empty_rows_stay_counted(tmp_path: Path) -> None:
    middle = ROWS_EN[:2] + [["", "", "", "", "", ""]] + ROWS_EN[2:]
    path = write_csv(tmp_path / "orders.csv", HEADER_EN, middle, suffix=",,,,,\r\n" * 200_000 + "\n" * 1000)
    table = read_file(path)[0]
    assert len(table.data) == 4 and list(table.row_numbers) == [2, 3, 4, 5]
    a = analyze(AnalysisOptions([path]))
    assert a.report.rows_used == 3 and a.report.set_aside == {"empty_row": 1}


def test_empty_rows_after_the_data_of_a_workbook_are_ignored(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER_EN)
    for r in ROWS_EN:
        ws.append(r)
    for i in range(5, 2_000):
        ws.cell(row=i, column=1, value="")  # formatted, empty cells far below the data
        ws.cell(row=i, column=6, value=" ")
    path = tmp_path / "orders.xlsx"
    wb.save(path)
    table = read_file(path)[0]
    assert len(table.data) == 3 and list(table.row_numbers) == [2, 3, 4]


def test_a_row_with_one_value_too_many_far_down_is_set_aside_with_its_text(tmp_path: Path) -> None:
    rows = [[f"C{i % 5}", f"S{i}", "2024-01-05", "Tea", "1", "5"] for i in range(300)]
    rows[250][3] = "Tea, green"  # 7 values: lands in the extra column, not under the wrong ones
    path = write_csv(tmp_path / "orders.csv", HEADER_EN, rows)
    table = read_file(path)[0]
    assert len(table.data) == 299 and 252 not in table.row_numbers
    assert table.rows_left_out("wrong_column_count") == [(252, "C0 | S250 | 2024-01-05 | Tea |  green | 1 | 5")]
    assert table.columns == HEADER_EN


def test_a_line_of_millions_of_values_is_set_aside_by_counting_not_parsing(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "orders.csv", HEADER_EN, ROWS_EN[:1] + [["1"] * 1_500_000] + ROWS_EN[1:])
    table = read_file(path)[0]
    assert table.columns == HEADER_EN and len(table.data) == 3
    assert [r for r, _ in table.rows_left_out("wrong_column_count")] == [3]


def test_a_pure_gbk_file_is_still_read_whole_as_gbk(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "orders.csv", HEADER_ZH, ROWS_ZH, encoding="gbk")
    table = read_file(path)[0]
    assert table.columns == HEADER_ZH and not table.warnings
    assert "read as text in gb18030" in table.notes[0]


def test_gbk_rows_in_a_utf8_file_are_read_in_gbk_and_named(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes("\n".join(",".join(r) for r in [HEADER_ZH] + ROWS_ZH[:2]).encode("utf-8") + b"\n"
                     + "\n".join(",".join(r) for r in ROWS_ZH[2:]).encode("gbk") + b"\n")
    table = read_file(path)[0]
    assert table.columns == HEADER_ZH
    assert table.data["商品名称"].tolist() == ["茉莉花茶", "龙井", "茶具", "普洱"]
    (warning,) = table.warnings
    assert warning.code == "mixed_encodings" and warning.params["rows"] == "4, 5"
    assert "4, 5" in warning.text("en") and "gb18030" in warning.text("zh")


def test_a_western_cp1252_file_is_not_mistaken_for_mixed_encodings(tmp_path: Path) -> None:
    rows = [["K1", "R1", "05.01.2024", "Bücher à 5 €", "1", "12,50"],
            ["K2", "R2", "06.01.2024", "Fuß 2 Stück", "2", "3,20"]]
    path = write_csv(tmp_path / "umsatz.csv", ["Kunde", "Rechnung", "Datum", "Artikel", "Menge", "Betrag"], rows,
                     encoding="cp1252", sep=";")
    table = read_file(path)[0]
    assert table.data["Artikel"].tolist() == ["Bücher à 5 €", "Fuß 2 Stück"] and not table.warnings


def test_a_gbk_file_with_one_bad_byte_keeps_its_chinese(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "orders.csv", HEADER_ZH, ROWS_ZH, encoding="gbk", suffix="V009,\x00")
    path.write_bytes(path.read_bytes().replace(b"V009,\x00", b"V009,\xff\n"))
    table = read_file(path)[0]
    assert table.columns == HEADER_ZH and table.data["商品名称"].iloc[0] == "茉莉花茶"
    (warning,) = table.warnings
    assert warning.params["main"] == "gb18030" and warning.params["rows"] == "6"
