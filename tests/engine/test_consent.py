"""Marketing consent: a consent or opt-out column in the customer list (or the orders) is read into the
customer table, and every marketing list and "this week" list leaves out those who refused."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from desktop.engine.consent import consent_values, leave_out_refusers, refusing_header
from desktop.engine.errors import InputError
from desktop.engine.export import ExportOptions, build_marketing_list
from desktop.engine.marketing import export_marketing_list
from desktop.engine.pipeline import AnalysisOptions, analyze
from desktop.engine.roles import detect_roles
from desktop.engine.todo import build_todo

N = 30  # customers: more than the 20 lines below which a yes/no column is not judged


def write_shop(folder: Path, header: str | None = "营销同意", values: list | None = None,
               in_orders: bool = False) -> tuple[Path, Path]:
    """Orders of N customers (each buying every 10 days, the last 12 days before the end) and a
    customer list with names, phones and (unless `header` is None) a consent column."""
    rows = []
    for i in range(N):
        for k in range(4):
            day = pd.Timestamp("2026-06-01") + pd.Timedelta(days=10 * k + i % 3)
            rows.append((f"O{i}-{k}", f"C{i:02d}", day.date().isoformat(), "Green tea", 50.0 + i))
    orders = pd.DataFrame(rows, columns=["Order", "Customer ID", "Date", "Product", "Amount"])
    people = pd.DataFrame({"Customer ID": [f"C{i:02d}" for i in range(N)],
                           "Name": [f"Person {i}" for i in range(N)],
                           "Phone": [f"1380013{i:04d}" for i in range(N)]})
    if header is not None:
        people[header] = values if values is not None else ["否" if i % 5 == 0 else "是" for i in range(N)]
        if in_orders:
            orders[header] = orders["Customer ID"].map(dict(zip(people["Customer ID"], people[header])))
    o, c = folder / "orders.csv", folder / "customers.csv"
    orders.to_csv(o, index=False)
    people.drop(columns=[header] if in_orders and header else []).to_csv(c, index=False)
    return o, c


def refusers(values: list, header: str) -> set[str]:
    return {f"C{i:02d}" for i, v in enumerate(values) if v is False}


@pytest.mark.parametrize("header, cells, expected", [
    ("Accepts Email Marketing", ["yes", "no", "", "maybe"], [True, False, None, None]),
    ("营销同意", ["是", "否", "1", "0"], [True, False, True, False]),
    ("退订", ["是", "否", "已退订", "subscribed"], [False, True, False, True]),
    ("Unsubscribed", ["TRUE", "FALSE", "1", "0"], [False, True, False, True]),
    ("opt out", ["y", "n", "opted out", "opted in"], [False, True, False, True]),
    ("Marketing consent", ["unsubscribed", "Subscribed", "同意", "拒绝"], [False, True, True, False]),
])
def test_cells_are_read_the_way_the_header_points(header, cells, expected):
    assert consent_values(pd.Series(cells, dtype=object), header).tolist() == expected


def test_refusing_headers_are_told_from_agreeing_ones():
    assert refusing_header("拒收短信") and refusing_header("Unsubscribed") and refusing_header("是否退订")
    assert not refusing_header("是否同意营销") and not refusing_header("Accepts SMS Marketing")


@pytest.mark.parametrize("header", ["营销同意", "是否同意营销", "退订", "拒收", "opt-in", "Opt Out",
                                    "unsubscribed", "Marketing Consent", "Accepts Email Marketing",
                                    "Accepts SMS Marketing"])
def test_a_yes_no_consent_column_is_found_even_though_it_is_a_flag(header):
    frame = pd.DataFrame({"Customer ID": [f"C{i}" for i in range(N)], "Name": [f"P{i}" for i in range(N)],
                          header: ["yes" if i % 3 else "no" for i in range(N)]})
    roles = detect_roles(frame, roles=["customer_id", "customer_name", "consent"])
    assert roles["consent"].column == header


def test_an_unrelated_flag_column_is_not_consent():
    frame = pd.DataFrame({"Customer ID": [f"C{i}" for i in range(N)], "VIP": ["yes", "no"] * (N // 2)})
    assert "consent" not in detect_roles(frame, roles=["customer_id", "consent"])


def _analysis(tmp_path: Path, **kw):
    orders, people = write_shop(tmp_path, **kw)
    return analyze(AnalysisOptions(paths=[orders], customers_file=people))


def test_the_customer_table_holds_consent_and_exports_leave_out_refusers(tmp_path):
    analysis = _analysis(tmp_path)
    customers = analysis.customers
    expected = {f"C{i:02d}" for i in range(0, N, 5)}
    assert set(customers.index[customers["consent"] == False]) == expected  # noqa: E712
    assert customers["consent"].map(type).isin([bool]).all()

    listed = build_marketing_list(customers, analysis.segments, ExportOptions())
    assert not set(listed.index) & expected
    assert len(listed) == N - len(expected)
    assert listed.attrs["consent_excluded"] == len(expected)

    for name in ("list.xlsx", "list.csv"):
        result = export_marketing_list(customers, analysis.segments, tmp_path / name,
                                       ExportOptions(control_share=0.2, seed=1))
        assert result.consent_excluded == len(expected)
        assert [w.code for w in result.warnings] == ["consent_excluded"]
        assert not set(result.record.contacted) & expected and not set(result.record.control) & expected
    cells = set(pd.read_csv(tmp_path / "list.csv", dtype=str, encoding="utf-8-sig").stack())
    assert len(cells & {f"Person {i}" for i in range(N)}) == result.rows  # the contacted, all agreed
    assert not {f"Person {i}" for i in range(0, N, 5)} & cells


def test_a_refusing_column_in_the_order_file_counts_too(tmp_path):
    values = ["已退订" if i % 4 == 0 else "" for i in range(N)]
    analysis = _analysis(tmp_path, header="退订", values=values, in_orders=True)
    refused = set(analysis.customers.index[analysis.customers["consent"] == False])  # noqa: E712
    assert refused == {f"C{i:02d}" for i in range(0, N, 4)}
    listed = build_marketing_list(analysis.customers, analysis.segments, ExportOptions())
    assert not set(listed.index) & refused


def test_no_consent_column_means_nobody_refused_and_the_export_says_so(tmp_path):
    analysis = _analysis(tmp_path, header=None)
    assert "consent" not in analysis.customers.columns
    result = export_marketing_list(analysis.customers, analysis.segments, tmp_path / "all.csv", ExportOptions())
    assert result.rows == N and result.consent_excluded == 0
    assert [w.code for w in result.warnings] == ["consent_none"]
    assert "营销同意" in result.warnings[0].text("zh")


def test_a_list_of_refusers_only_is_refused_with_one_sentence(tmp_path):
    analysis = _analysis(tmp_path, values=["否"] * N)
    with pytest.raises(InputError) as err:
        leave_out_refusers(analysis.customers)
    assert "refused" in str(err.value) and "拒绝" in err.value.zh


def test_this_week_lists_never_name_a_refuser(tmp_path):
    analysis = _analysis(tmp_path)
    refused = {f"C{i:02d}" for i in range(0, N, 5)}
    # the whole shop is due (every 10 days; silent 12-14 days): each list names only those who agreed
    todo = build_todo(analysis.lines, analysis.customers, analysis.as_of, days=14, limit=1000)
    named = {c["customer_id"] for t in todo.lists for c in t.customers}
    assert named and not named & refused
    assert todo.consent_excluded == len(refused)
    data = todo.to_dict("zh")
    assert data["consent_excluded"] == len(refused)
    assert "consent_excluded" in [w["code"] for w in data["warnings"]]


def test_this_week_without_consent_column_says_so(tmp_path):
    analysis = _analysis(tmp_path, header=None)
    todo = build_todo(analysis.lines, analysis.customers, analysis.as_of, limit=1000)
    assert todo.consent_excluded == 0 and "consent_none" in [w.code for w in todo.warnings]


def test_who_to_offer_a_product_never_names_a_refuser(tmp_path):
    from desktop.engine.consent import drop_refusers

    analysis = _analysis(tmp_path)
    table = pd.DataFrame({"customer_id": [f"C{i:02d}" for i in range(N)], "score": range(N)})
    kept, n = drop_refusers(table, analysis.customers)
    assert n == len(range(0, N, 5)) and len(kept) == N - n
    assert not set(kept["customer_id"]) & {f"C{i:02d}" for i in range(0, N, 5)}
