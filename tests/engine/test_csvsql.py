"""The DuckDB path for CSV files (csvsql.py) gives what the pandas path gives: the customer table, the
JSON of `clientele analyze`, the set-aside report and the lines, on small files the tests write. The
files are longer than the sample the layout and roles are found on, so DuckDB reads most lines."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pandas as pd
import pytest

from desktop.engine import csvsql
from desktop.engine.pipeline import AnalysisOptions, analyze, analyze_engine, analyze_loaded, load

pytest.importorskip("duckdb")

SAMPLE = 40  # lines: title and header rows, then rows of data (roles are found on them)


def _rows(day_first: bool = False, decimal_comma: bool = False, symbols: bool = True) -> list[list[str]]:
    """Order lines of ten customers over two months: returns (negative quantities and a 'C' invoice),
    walk-in sales, postage, amounts with currency symbols and thousands separators, an empty customer
    id, a bad date, an exact duplicate and a future date."""
    rows = []
    for i in range(150):
        cust = f"M{(i * 7) % 10:03d}"
        day, month = 1 + (i * 5) % 28, 1 + (i // 45)
        when = f"{day:02d}/{month:02d}/2024 {8 + i % 10:02d}:{(i * 13) % 60:02d}" if day_first else \
            f"2024-{month:02d}-{day:02d} {8 + i % 10:02d}:{(i * 13) % 60:02d}"
        qty = -1 if i % 17 == 5 else 1 + i % 3
        price = 45.5 + (i % 4) * 1000
        amount = qty * price
        text = f"{abs(amount):,.2f}"
        if decimal_comma:
            text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
        if symbols and i % 3 == 0:
            text = ("￥" if i % 2 else "$") + text
        if amount < 0:
            text = "-" + text
        order = f"C{500 + i}" if i == 40 else f"A{100 + i // 2}"
        product = ["绿茶 Green tea", "Oolong 乌龙", "Postage", "Teapot 茶壶"][i % 4]
        category = ["茶 Tea", "茶 Tea", "Service", "茶具 Teaware"][i % 4]
        rows.append([order, when, cust, f"P{i % 4}", product, category, str(qty),
                     f"{price:.2f}".replace(".", ",") if decimal_comma else f"{price:.2f}", text])
    rows[10][2] = "散客"
    rows[11][2] = "散客"
    rows[20][2] = ""
    rows[30][1] = "not a date"
    rows[50] = list(rows[49])
    rows[60][1] = "2099-01-01 10:00" if not day_first else "01/01/2099 10:00"
    return rows


HEADER_ZH = ["订单号", "下单时间", "会员号", "商品编号", "商品名称", "类别", "数量", "单价", "金额"]


def _write(path: Path, rows: list[list[str]], header: list[str], sep: str = ",", encoding: str = "utf-8",
           title: str | None = None, totals: bool = True) -> Path:
    def line(cells: list[str]) -> str:
        return sep.join(f'"{c}"' if sep in c or '"' in c else c for c in cells)

    text = ([title, ""] if title else []) + [line(header)] + [line(r) for r in rows]
    if totals:
        text += [line(["合计", "", "", "", "", "", "", "", "99999"]), ""]
    path.write_bytes(("\n".join(text) + "\n").encode(encoding))
    return path


def _both(path: Path, sample: int = SAMPLE, **options) -> tuple:
    engine = analyze_engine(AnalysisOptions([path], **options), sample_lines=sample)
    opts = AnalysisOptions([path], **options)
    pandas_way = analyze_loaded(load(opts), opts)
    return engine, pandas_way


def _same(engine, pandas_way) -> None:
    assert engine.line_figures is not None  # the lines stayed in DuckDB
    pd.testing.assert_frame_equal(engine.customers, pandas_way.customers)
    assert json.dumps(engine.to_json(), default=str) == json.dumps(pandas_way.to_json(), default=str)
    assert engine.report.set_aside_rows == pandas_way.report.set_aside_rows
    assert engine.report.to_dict() == pandas_way.report.to_dict()
    pd.testing.assert_frame_equal(engine.lines, pandas_way.lines)  # made from DuckDB on first use


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_chinese_headers_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = _write(tmp_path / "orders.csv", _rows(), HEADER_ZH, encoding=encoding, title="销售报表 2024")
    engine, pandas_way = _both(path)
    _same(engine, pandas_way)
    j = engine.to_json()
    # What the comparison covers: every rule below set something aside or changed a figure.
    assert set(j["rows_set_aside"]) >= {"totals_row", "walk_in", "no_customer_id", "bad_date", "duplicate",
                                        "future_date"}
    assert j["return_lines"] >= 6 and j["walk_in"]["lines"] == 2
    assert engine.report.has_prices and engine.customers["monetary"].max() > 1000


def test_day_first_dates_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    header = ["Order", "Date", "Customer", "SKU", "Product", "Category", "Qty", "Price", "Total"]
    path = _write(tmp_path / "export.csv", _rows(day_first=True, decimal_comma=True), header, sep=";")
    engine, pandas_way = _both(path)
    _same(engine, pandas_way)
    assert engine.lines["date"].dt.day.max() > 12  # read day first
    assert "read_decimal_comma" in [n.code for n in engine.report.notes]


def test_tabs_without_order_numbers_or_prices(tmp_path: Path) -> None:
    rows = [[r[1], r[2], r[4], r[6]] for r in _rows()]
    path = _write(tmp_path / "visits.tsv", rows, ["Date", "Customer", "Product", "Qty"], sep="\t", totals=False)
    engine, pandas_way = _both(path)
    _same(engine, pandas_way)
    assert not engine.has_prices and engine.to_json()["net_revenue"] is None


def test_keep_options_and_a_given_date(tmp_path: Path) -> None:
    path = _write(tmp_path / "orders.csv", _rows(symbols=False), HEADER_ZH)
    engine, pandas_way = _both(path, keep_walk_in=True, keep_duplicates=True, as_of=pd.Timestamp("2024-01-20").date())
    _same(engine, pandas_way)
    assert engine.report.walk_in is None and "duplicate" not in engine.report.set_aside


def test_rules_not_ported_mean_the_pandas_path(tmp_path: Path) -> None:
    rows = [r + ["已付款" if i % 9 else "已取消"] for i, r in enumerate(_rows())]
    path = _write(tmp_path / "orders.csv", rows, HEADER_ZH + ["订单状态"], totals=False)
    with pytest.raises(csvsql.NotPorted):
        analyze_engine(AnalysisOptions([path]), sample_lines=SAMPLE)
    wide = _write(tmp_path / "wide.csv", _rows() + [["A1", "2024-01-02", "M001", "P1", "x", "y", "1", "2", "3", "4"]],
                  HEADER_ZH, totals=False)
    with pytest.raises(csvsql.NotPorted):  # a row of one value too many: set aside by the pandas path
        analyze_engine(AnalysisOptions([wide]), sample_lines=SAMPLE)
    ascii_first = [[c if c.isascii() else "tea" for c in r] for r in _rows()[:60]] + _rows()[60:]
    gbk = _write(tmp_path / "gbk.csv", ascii_first, ["Order", "Date", "Customer", "SKU", "Product", "Category",
                                                     "Qty", "Price", "Total"], encoding="gbk", totals=False)
    with pytest.raises(csvsql.NotPorted):  # its sample is ASCII: the read-as note would name another encoding
        analyze_engine(AnalysisOptions([gbk]), sample_lines=SAMPLE)


def test_analyze_takes_the_engine_path_for_large_files_only(tmp_path: Path, monkeypatch) -> None:
    path = _write(tmp_path / "orders.csv", _rows(), HEADER_ZH)
    assert analyze(AnalysisOptions([path])).line_figures is None  # small: pandas
    monkeypatch.setattr(csvsql, "MIN_BYTES", 100)
    monkeypatch.setattr(csvsql, "SAMPLE_LINES", SAMPLE)
    engine = analyze(AnalysisOptions([path]))
    assert engine.line_figures is not None
    sent = pickle.loads(pickle.dumps(engine))  # as the app's worker process sends it back
    assert isinstance(object.__getattribute__(sent, "lines"), pd.DataFrame)
    assert len(sent.lines) == engine.report.rows_used
    pd.testing.assert_frame_equal(engine.customers, analyze_loaded(load(AnalysisOptions([path])),
                                                                   AnalysisOptions([path])).customers)
    status = _write(tmp_path / "status.csv", [r + ["已付款" if i % 9 else "已取消"] for i, r in enumerate(_rows())],
                    HEADER_ZH + ["订单状态"])
    assert analyze(AnalysisOptions([status])).line_figures is None  # not ported: pandas, same answer


def test_receipt_numbers_restarting_every_day_and_outlet(tmp_path: Path) -> None:
    rows = []
    for i in range(2100):  # roles (and their doubts) are found on the first 2,000 rows, as the pandas path does
        day, outlet = 1 + (i // 100) % 28, ["北京店", "上海店"][i % 2]
        customer = f"K{(i // 4) % 13}" if (i // 4) % 3 else "0"  # a receipt's lines: one customer
        rows.append([str(101 + 7 * ((i % 100) // 4)), f"2024-03-{day:02d} 10:{i % 60:02d}", customer,
                     outlet, f"P{i % 5}", str(1 + i % 2), f"{10 + i % 7}.50"])
    header = ["transaction_id", "transaction_date", "customer_id", "store", "product_id", "quantity", "unit_price"]
    path = _write(tmp_path / "till.csv", rows, header, totals=False)
    engine, pandas_way = _both(path, sample=2050, overrides={"order_id": "transaction_id"})
    _same(engine, pandas_way)
    assert "orders_per_outlet_day" in [n.code for n in engine.report.notes if hasattr(n, "code")]
    assert engine.to_json()["walk_in"]["ids"] == ["0"]
