"""Marketing list export: content, formats, injection safety, atomic writes, privacy, messages."""

from __future__ import annotations

import csv
import json
import os
import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.engine import messages
from desktop.engine.errors import Cancelled, InputError
from desktop.engine.export import (
    SEGMENT_COLOURS,
    ExportOptions,
    build_marketing_list,
    clean_text,
    csv_cell,
    is_formula_like,
    mask_email,
    mask_name,
    mask_phone,
    pseudonymise_id,
    tint,
    with_extras,
    write_csv,
    write_marketing_workbook,
)
from desktop.engine.marketing import export_marketing_list

AS_OF = pd.Timestamp("2024-06-30")


def make_customers() -> pd.DataFrame:
    """Eight customers in four segments, with the awkward values real till exports contain."""
    rows = [
        # id, name, phone, email, city, segment, monetary, frequency, last, recency, fav
        ("1001", "张伟", "+86 138 0013 8000", "zhang@example.com", "北京", "champions", 1520.5, 12,
         "2024-06-20", 10, "绿茶"),
        ("1002", "=HYPERLINK(\"http://x\")", "013800138000", "bob@example.com", "London",
         "champions", 980.0, 9, "2024-06-25", 5, "Mug"),
        ("123456789012345678901", "Chloé", "+44 7911 123456", "c@example.fr", "+cmd|' /C calc'!A0",
         "at_risk", 640.25, 5, "2024-01-02", 180, "Teapot"),
        ("1004", "@SUM(A1)", "-1", "d@example.com", "Paris", "at_risk", 210.0, 2, "2023-12-01",
         212, None),
        ("1005", "Eve\x07 Bell", "+1 (555) 010-9999", "e@example.com", "Leeds", "lost", 35.0, 1,
         "2023-01-15", 532, "Candle"),
        ("1006", "李娜", "13912345678", "li@example.cn", "上海", "new", 99.9, 1, "2024-06-28", 2,
         "花茶"),
        ("1007", None, None, None, None, "new", 12.0, 1, "2024-06-29", 1, None),
        ("1008", "Frank", "07700 900123", "f@example.com", "York", "lost", 18.5, 1, "2022-11-30",
         578, "Mug"),
    ]
    cols = ["customer_id", "customer_name", "phone", "email", "city", "segment", "monetary",
            "frequency", "last_purchase", "recency_days", "favourite_product"]
    df = pd.DataFrame(rows, columns=cols).set_index("customer_id")
    df["last_purchase"] = pd.to_datetime(df["last_purchase"])
    names = {"champions": ("Champions", "重要价值客户"), "at_risk": ("At risk", "流失风险客户"),
             "lost": ("Lost", "已流失客户"), "new": ("New customers", "新客户")}
    df["segment_name"] = df["segment"].map(lambda k: names[k][0])
    df["segment_name_zh"] = df["segment"].map(lambda k: names[k][1])
    df["p_alive"] = [0.95, 0.9, 0.4, 0.35, 0.05, 0.8, 0.85, 0.02]
    return df


def make_summary(customers: pd.DataFrame) -> pd.DataFrame:
    order = ["champions", "new", "at_risk", "lost"]
    g = customers.groupby("segment")
    rows = []
    for key in order:
        part = customers[customers["segment"] == key]
        rows.append({
            "key": key, "name": part["segment_name"].iloc[0], "name_zh": part["segment_name_zh"].iloc[0],
            "customers": len(part), "share": len(part) / len(customers),
            "revenue": part["monetary"].sum(),
            "revenue_share": part["monetary"].sum() / customers["monetary"].sum(),
            "avg_spend": part["monetary"].mean(), "median_recency": part["recency_days"].median(),
            "median_frequency": part["frequency"].median(), "profile": "", "profile_zh": "",
            "action": f"Action for {key}", "action_zh": f"{key} 的建议",
        })
    assert len(g) == len(order)
    return pd.DataFrame(rows)


@pytest.fixture()
def customers() -> pd.DataFrame:
    return make_customers()


@pytest.fixture()
def summary(customers: pd.DataFrame) -> pd.DataFrame:
    return make_summary(customers)


def all_cells(path: Path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from row


def calamine_records(path: Path, sheet: str) -> list[dict]:
    """Rows of a sheet read with python-calamine, which decodes Excel's _xHHHH_ escapes as Excel
    does (openpyxl drops any "x005F_" it sees in shared strings, so it cannot judge text)."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def sheet_records(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:]]


# --------------------------------------------------------------------------- building the list


def test_list_has_chosen_segments_in_summary_order_biggest_spenders_first(customers, summary):
    df = build_marketing_list(customers, summary, ExportOptions(segments=["champions", "at_risk"]))
    assert list(df["segment"]) == ["champions", "champions", "at_risk", "at_risk"]
    assert list(df.index) == ["1001", "1002", "123456789012345678901", "1004"]
    assert list(df["action"]) == ["Action for champions"] * 2 + ["Action for at_risk"] * 2
    assert df.loc["1001", "phone"] == "+86 138 0013 8000"
    assert df.loc["1001", "monetary"] == 1520.5
    assert "p_alive" in df.columns and "favourite_product" in df.columns


def test_segments_can_be_chosen_by_name_in_either_language(customers, summary):
    by_name = build_marketing_list(customers, summary, ExportOptions(segments=["At Risk", "新客户"]))
    assert set(by_name["segment"]) == {"at_risk", "new"}
    with pytest.raises(InputError, match="no segment called 'vip'"):
        build_marketing_list(customers, summary, ExportOptions(segments=["vip"]))


def test_messages_fill_placeholders_in_english_and_chinese(customers, summary):
    en = build_marketing_list(customers, summary, ExportOptions(segments=["at_risk", "new"]))
    assert en.loc["123456789012345678901", "message"].startswith("Hi Chloé, it's been 180 days")
    assert "Teapot" in en.loc["123456789012345678901", "message"]
    # No name and no product: friendly fallbacks, never an empty placeholder.
    assert en.loc["1007", "message"].startswith("Hi there,")
    assert "{" not in "".join(en["message"])
    zh = build_marketing_list(customers, summary, ExportOptions(segments=["new"], language="zh"))
    assert zh.loc["1006", "message"].startswith("李娜，您好！")
    assert "花茶" in zh.loc["1006", "message"]
    assert zh.loc["1006", "segment_name"] == "新客户"
    assert zh.loc["1006", "action"] == "new 的建议"


def test_user_templates_and_generic_template_for_clusters(customers, summary):
    clustered = customers.assign(segment=["cluster_1"] * 4 + ["cluster_2"] * 4)
    clustered = clustered.drop(columns=["segment_name", "segment_name_zh"])
    df = build_marketing_list(clustered, None, ExportOptions(
        templates={"cluster_2": "Dear {name}, {days_since} days! {unknown}"}))
    generic = messages.default_templates("en")[messages.GENERIC_KEY]
    assert df.loc["1001", "message"] == messages.render(generic, {"name": "张伟", "product": "绿茶"})
    assert df.loc["1005", "message"] == "Dear Eve\x07 Bell, 532 days! {unknown}"
    assert df.loc["1001", "segment_name"] == "cluster_1"


def test_every_segment_key_has_a_template_in_both_languages():
    keys = ["champions", "loyal", "potential_loyalist", "new", "promising", "need_attention",
            "about_to_sleep", "at_risk", "cant_lose", "hibernating", "lost", "important_value",
            "important_develop", "important_keep", "important_retain", "general_value",
            "general_develop", "general_keep", "general_retain", messages.GENERIC_KEY]
    for lang in messages.LANGUAGES:
        templates = messages.default_templates(lang)
        assert set(keys) <= set(templates)
        for key in keys:
            assert messages.unknown_placeholders(templates[key]) == []
            assert "{name}" in templates[key]
        assert set(keys) <= set(SEGMENT_COLOURS) | {messages.GENERIC_KEY}


def test_render_never_reaches_python_attributes():
    text = messages.render("{name.__class__} {name} {0}", {"name": "Ann"})
    assert text == "{name.__class__} Ann {0}"


# --------------------------------------------------------------------------- workbook


def test_workbook_has_summary_list_formats_and_no_formulas(tmp_path, customers, summary):
    options = ExportOptions(offer="10% off", cost_per_contact=0.5, currency_symbol="£")
    df = build_marketing_list(customers, summary, options)
    path = write_marketing_workbook(df, summary, tmp_path / "list.xlsx", options,
                                    [tmp_path / "till.xlsx"], as_of=AS_OF,
                                    control_counts={"champions": 1})
    assert not [c.coordinate for c in all_cells(path) if c.data_type == "f"]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Summary", "Customers"]
    summary_ws = wb["Summary"]
    values = [c.value for row in summary_ws.iter_rows() for c in row if c.value is not None]
    assert "till.xlsx" in values and "10% off" in values
    assert AS_OF.to_pydatetime() in values
    assert "Action for at_risk" in values and "Lost" in values

    ws = wb["Customers"]
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{len(df) + 1}"
    records = sheet_records(ws)
    assert len(records) == len(df)
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["Customer ID", "Name", "Phone"]
    assert "Segment key" not in headers
    col = {h: i for i, h in enumerate(headers)}
    for row, (cid, expected) in zip(ws.iter_rows(min_row=2), df.iterrows()):
        assert row[col["Customer ID"]].value == cid
        assert row[col["Customer ID"]].data_type == "s"
        phone = expected["phone"]
        assert row[col["Phone"]].value == (phone if isinstance(phone, str) else None)
        spend = row[col["Total spend"]]
        assert spend.data_type == "n" and spend.value == expected["monetary"]
        assert spend.number_format == '"£"#,##0.00'
        last = row[col["Last purchase"]]
        assert last.value == expected["last_purchase"].to_pydatetime()
        assert last.number_format == "yyyy-mm-dd"
        assert row[col["Chance still a customer"]].number_format == "0.0%"
        assert row[col["Orders"]].value == expected["frequency"]
        seg = row[col["Segment"]]
        assert seg.fill.fgColor.rgb == "FF" + SEGMENT_COLOURS[expected["segment"]][1:]
        assert row[col["Message"]].value == clean_text(expected["message"])
    # Formula-looking text is text, with Excel's quote prefix so editing keeps it text.
    name_cell = next(r[col["Name"]] for r in ws.iter_rows(min_row=2)
                     if r[col["Customer ID"]].value == "1002")
    assert name_cell.value == '=HYPERLINK("http://x")' and name_cell.data_type == "s"
    assert name_cell.quotePrefix
    assert 8 <= ws.column_dimensions["A"].width <= 50


def test_sheet_per_segment_in_chinese(tmp_path, customers, summary):
    options = ExportOptions(language="zh", sheet_per_segment=True)
    df = build_marketing_list(customers, summary, options)
    path = write_marketing_workbook(df, summary, tmp_path / "名单.xlsx", options)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["摘要", "客户名单", "重要价值客户", "新客户", "流失风险客户", "已流失客户"]
    assert len(sheet_records(wb["新客户"])) == 2
    assert {r["客户编号"] for r in sheet_records(wb["已流失客户"])} == {"1005", "1008"}
    assert [c.value for c in wb["客户名单"][1]][:2] == ["客户编号", "姓名"]


def test_segment_fills_follow_the_summary_colours_lightened(tmp_path, customers, summary):
    summary = summary.assign(colour=["#1b7837", "#4393c3", "#f46d43", "#878787"])
    df = build_marketing_list(customers, summary, ExportOptions())
    path = write_marketing_workbook(df, summary, tmp_path / "c.xlsx", ExportOptions())
    ws = openpyxl.load_workbook(path)["Customers"]
    fills = {r[5].value: r[5].fill.fgColor.rgb for r in ws.iter_rows(min_row=2)}
    assert fills["Champions"] == "FF" + tint("#1b7837")[1:]
    assert fills["Lost"] == "FF" + tint("#878787")[1:]
    assert tint("#000000", 0.5) == "#808080" and tint("#FFFFFF") == "#FFFFFF"


def test_with_extras_joins_predictions_and_top_suggestions(customers, summary):
    predictions = pd.DataFrame({"p_alive": [0.5, 0.25], "churn_band": ["high", "low"],
                                "frequency": [99, 99], "T": [1.0, 2.0]},
                               index=pd.Index(["1001", "1006"], name="customer_id"))
    suggestions = pd.DataFrame({
        "customer_id": ["1006", "1001", "1001", "1001", "1001"], "rank": [1, 3, 1, 2, 4],
        "product_id": ["P9", "P3", "P1", "P2", "P4"], "product_name": ["花茶", None, "Mug", "Tea", "Pot"]})
    extended = with_extras(customers.drop(columns=["p_alive"]), predictions, suggestions, k=3)
    assert extended.loc["1001", "suggested_products"] == ["Mug", "Tea", "P3"]
    assert extended.loc["1006", "suggested_products"] == ["花茶"]
    assert pd.isna(extended.loc["1002", "suggested_products"])
    assert extended.loc["1001", "p_alive"] == 0.5 and pd.isna(extended.loc["1002", "p_alive"])
    assert list(extended["frequency"]) == list(customers["frequency"])  # model inputs not joined
    assert "T" not in extended.columns
    zh = build_marketing_list(extended, summary, ExportOptions(language="zh"))
    assert zh.loc["1001", "suggested_products"] == "Mug、Tea、P3"
    assert zh.loc["1001", "churn_band"] == "高"
    assert "Mug" in zh.loc["1001", "message"]  # {product} is the first suggestion


def test_numbers_stay_numbers_and_long_integers_become_text(tmp_path):
    df = pd.DataFrame({
        "customer_id": ["1", "2"], "phone": [13800138000.0, None],
        "monetary": [12.34, -5.0], "big": [1234567890123456789, 7],
        "score": [np.inf, 0.5], "flag": [True, False],
    }, index=pd.Index(["1", "2"], name="customer_id"))
    path = write_marketing_workbook(df, None, tmp_path / "n.xlsx", ExportOptions())
    rows = sheet_records(openpyxl.load_workbook(path)["Customers"])
    assert rows[0]["Phone"] == "13800138000" and rows[1]["Phone"] is None
    assert rows[0]["Total spend"] == 12.34 and rows[1]["Total spend"] == -5.0
    assert rows[0]["big"] == "1234567890123456789" and rows[1]["big"] == 7
    assert rows[0]["score"] is None and rows[1]["score"] == 0.5
    assert rows[0]["flag"] is True and rows[1]["flag"] is False


def test_rich_text_lookalike_is_written_as_plain_text(tmp_path):
    tricky = "<r><t>x</t>_x0041_</r>"
    df = pd.DataFrame({"customer_id": ["1"], "customer_name": [tricky], tricky: ["=1"]},
                      index=pd.Index(["1"], name="customer_id"))
    path = write_marketing_workbook(df, None, tmp_path / "r.xlsx", ExportOptions(offer=tricky))
    assert calamine_records(path, "Customers")[0] == {"Customer ID": "1", "Name": tricky,
                                                      tricky: "=1"}
    from python_calamine import CalamineWorkbook

    summary_cells = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Summary").to_python()
    assert tricky in [v for row in summary_cells for v in row]


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", " =1",
                                  "\uff1d1+1", "\u3000=1", "\uff0bcmd"])
def test_formula_like_text_is_detected(text):
    assert is_formula_like(text)


@pytest.mark.parametrize("text", ["", "a=1", "1-2", "Zoë", "张伟", "  hello", "'=1"])
def test_ordinary_text_is_not_formula_like(text):
    assert not is_formula_like(text)


@pytest.mark.parametrize("text, expected", [
    # OWASP CSV-injection escaping (issue 14, item 18): every formula start, phones included.
    ("+86 138 0013 8000", "'+86 138 0013 8000"),
    ("013800138000", "013800138000"),
    ("-12.5", "'-12.5"),
    ("+1 (555) 010-9999", "'+1 (555) 010-9999"),
    ("+1-2", "'+1-2"),
    ("-3+3", "'-3+3"),
    ("\t=1", "'\t=1"),
    ("123456789012345", "123456789012345"),
    ("1234567890123456", "'1234567890123456"),
    ("123456789012345678901", "'123456789012345678901"),
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("\uff1d1+1", "'\uff1d1+1"),
    ("a\x00b\r\nc", "ab\nc"),
])
def test_csv_cell(text, expected):
    assert csv_cell(text) == expected


hostile_text = st.one_of(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("=+-@\t\r\n '\"<>&_x0A;|!") + ["\x00", "\x07", "\x1f", "\x0b",
                                                                "\ufffe", "张", "伟", "＝", "\u3000", "é"]),
            st.characters(codec="utf-8"),
        ),
        max_size=40,
    ),
    # Pieces that mean something to Excel or to XlsxWriter: rich-text runs, _xHHHH_ escapes,
    # formulas, DDE, phone numbers.
    st.lists(st.sampled_from(["<r>", "</r>", "<t>", "_x0041_", "_x005F_", "=", "+86 138", " ",
                              "cmd|' /C calc'!A0", "@SUM(A1)", "\r\n", "\x01", "张伟", "0138"]),
             max_size=6).map("".join),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(hostile_text, min_size=1, max_size=8))
@example(names=["0000000000000000"])  # found by hypothesis: a long digit string keeps its apostrophe
def test_hostile_text_round_trips_through_xlsx_and_csv(tmp_path, names):
    ids = [f"{i}" for i in range(len(names))]
    df = pd.DataFrame({"customer_id": ids, "customer_name": names, "city": names[::-1],
                       "monetary": [float(i) for i in range(len(names))]},
                      index=pd.Index(ids, name="customer_id"))
    xlsx = write_marketing_workbook(df, None, tmp_path / "h.xlsx", ExportOptions())
    cells = list(all_cells(xlsx))
    assert all(c.data_type != "f" for c in cells)
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))
    rows = calamine_records(xlsx, "Customers")
    assert [r["Name"] for r in rows] == [clean_text(n) for n in names]
    assert [r["City"] for r in rows] == [clean_text(n) for n in names[::-1]]

    path = write_csv(df, tmp_path / "h.csv", ExportOptions())
    with open(path, encoding="utf-8-sig", newline="") as handle:
        back = list(csv.reader(handle))[1:]
    for row, name in zip(back, names):
        cell = row[1]
        expected = clean_text(name)
        # formulas, and ids of 16+ digits that Excel would round, get the apostrophe (cells.csv_cell)
        if (is_formula_like(expected) or re.fullmatch(r"\d{16,}", expected)) and cell != expected:
            assert cell == "'" + expected
        else:
            assert cell == expected


def test_csv_has_bom_chinese_headers_and_exact_phones(tmp_path, customers, summary):
    options = ExportOptions(language="zh")
    df = build_marketing_list(customers, summary, options)
    path = write_csv(df, tmp_path / "list.csv", options)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns[:3]) == ["客户编号", "姓名", "电话"]
    # Phones starting with + or - are escaped (OWASP), the others and short ids are as written;
    # an id of 16+ digits carries the apostrophe that keeps Excel from rounding it.
    assert list(back["电话"]) == [csv_cell(p) if isinstance(p, str) else "" for p in df["phone"]]
    assert back.loc[back["客户编号"] == "1001", "电话"].item() == "'+86 138 0013 8000"
    assert list(back["客户编号"]) == [csv_cell(i) for i in df["customer_id"]]
    assert "'123456789012345678901" in list(back["客户编号"])
    assert back.loc[back["客户编号"] == "1002", "姓名"].item() == "'=HYPERLINK(\"http://x\")"
    assert back.loc[back["客户编号"] == "1004", "电话"].item() == "'-1"
    assert [float(v) for v in back["累计消费"]] == list(df["monetary"])
    assert back.loc[back["客户编号"] == "1001", "最近购买日期"].item() == "2024-06-20"


# --------------------------------------------------------------------------- safe targets


def old_file(tmp_path: Path, name: str = "list.xlsx") -> tuple[Path, bytes]:
    path = tmp_path / name
    content = b"previous export, must survive"
    path.write_bytes(content)
    return path, content


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".~clientele")]


def test_input_file_is_never_the_target(tmp_path, customers, summary):
    source, content = old_file(tmp_path, "till.xlsx")
    link = tmp_path / "link.xlsx"
    link.symlink_to(source)
    hard = tmp_path / "hard.xlsx"
    os.link(source, hard)
    for target in (source, link, hard, tmp_path / "." / "till.xlsx"):
        with pytest.raises(InputError, match="one of the files being analysed"):
            export_marketing_list(customers, summary, target, ExportOptions(), [source])
    assert source.read_bytes() == content
    assert leftovers(tmp_path) == []


def test_read_only_target_is_refused_and_left_identical(tmp_path, customers, summary):
    path, content = old_file(tmp_path)
    path.chmod(0o444)
    with pytest.raises(InputError, match="close it in Excel and retry, or save under another name"):
        export_marketing_list(customers, summary, path, ExportOptions())
    assert path.read_bytes() == content
    assert leftovers(tmp_path) == [] and not (tmp_path / "list.campaign.json").exists()


@pytest.mark.parametrize("lock", ["~$list.xlsx", ".~lock.list.xlsx#"])
def test_target_open_in_excel_or_libreoffice_is_refused(tmp_path, customers, summary, lock):
    path, content = old_file(tmp_path)
    (tmp_path / lock).write_bytes(b"owner")
    with pytest.raises(InputError, match="open in another program"):
        export_marketing_list(customers, summary, path, ExportOptions())
    assert path.read_bytes() == content


def test_replace_failure_leaves_target_and_no_temporary_file(tmp_path, customers, summary):
    # A folder with the target's name makes os.replace itself fail, even as root.
    target = tmp_path / "list.xlsx"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="close it in Excel and retry"):
        export_marketing_list(customers, summary, target, ExportOptions(write_campaign_record=False))
    assert (target / "keep.txt").read_text() == "mine"
    assert leftovers(tmp_path) == []


def test_cancel_while_writing_keeps_old_file(tmp_path, customers, summary):
    path, content = old_file(tmp_path)

    def cancel_once_writing(fraction: float, message: str = "") -> None:
        if message == "Writing the list":
            raise Cancelled()

    with pytest.raises(Cancelled):
        export_marketing_list(customers, summary, path, ExportOptions(), progress=cancel_once_writing)
    assert path.read_bytes() == content
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root can write into a read-only folder")
def test_read_only_folder_is_refused(tmp_path, customers, summary):
    path, content = old_file(tmp_path)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(InputError, match="not writable"):
            export_marketing_list(customers, summary, path, ExportOptions())
    finally:
        tmp_path.chmod(0o755)
    assert path.read_bytes() == content


def test_missing_folder_and_unknown_extension(tmp_path, customers, summary):
    with pytest.raises(InputError, match="does not exist"):
        export_marketing_list(customers, summary, tmp_path / "nope" / "a.xlsx", ExportOptions())
    with pytest.raises(InputError, match=r"must end with \.xlsx or \.csv"):
        export_marketing_list(customers, summary, tmp_path / "a.xls", ExportOptions())


def test_new_file_gets_normal_permissions(tmp_path, customers, summary):
    path = export_marketing_list(customers, summary, tmp_path / "a.xlsx", ExportOptions()).path
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


# --------------------------------------------------------------------------- control group, privacy


def test_export_holds_out_control_group_and_records_campaign(tmp_path, customers, summary):
    many = pd.concat([customers.rename(index=lambda i, k=k: f"{i}-{k}") for k in range(10)])
    options = ExportOptions(control_share=0.2, seed=3, offer="Tea week", cost_per_contact=0.4,
                            segments=["champions", "lost", "new"])
    result = export_marketing_list(many, summary, tmp_path / "c.xlsx", options,
                                   [tmp_path / "till.csv"], as_of=AS_OF)
    assert result.control == 12 and result.rows == 48
    rows = sheet_records(openpyxl.load_workbook(result.path)["Customers"])
    listed = {r["Customer ID"] for r in rows}
    record = json.loads(result.campaign_path.read_text("utf-8"))
    assert result.campaign_path.name == "c.campaign.json"
    assert set(record["contacted"]) == listed
    assert not listed & set(record["control"])
    chosen = set(many.index[many["segment"].isin(["champions", "lost", "new"])])
    assert listed | set(record["control"]) == chosen
    assert record["offer"] == "Tea week" and record["cost_per_contact"] == 0.4
    assert record["as_of"] == "2024-06-30" and record["source_files"] == ["till.csv"]
    assert record["seed"] == 3 and record["export_file"] == "c.xlsx"
    # Stratified: every segment of 20 customers holds out 4.
    seg_of = many["segment"]
    assert sorted(seg_of[record["control"]].value_counts().tolist()) == [4, 4, 4]
    # Same seed, same split.
    again = export_marketing_list(many, summary, tmp_path / "d.csv", options)
    assert again.record.control == result.record.control


def test_masks_and_pseudonyms():
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("+86 138 0013 8000") == "+86 138 **** 8000"
    assert mask_phone("12345") == "***45"
    assert mask_email("zhang@example.com") == "z***@example.com"
    assert mask_email("nobody") == "n***"
    assert mask_name("张伟") == "张*"
    assert mask_name("Jane Smith") == "J*** S****"
    a = pseudonymise_id("1001", "salt")
    assert a == pseudonymise_id("1001", "salt") != pseudonymise_id("1001", "pepper")
    assert a != pseudonymise_id("1002", "salt") and "1001" not in a


def test_privacy_export_contains_no_personal_data(tmp_path, customers, summary):
    options = ExportOptions(pseudonymise_ids=True, mask_contacts=True, salt="s3cret")
    result = export_marketing_list(customers, summary, tmp_path / "share.xlsx", options)
    with zipfile.ZipFile(result.path) as z:
        text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    for secret in ("张伟", "zhang@example.com", "0013 8000", "13912345678", "Chloé", "1001"):
        assert secret not in text
    rows = sheet_records(openpyxl.load_workbook(result.path)["Customers"])
    by_id = {r["Customer ID"]: r for r in rows}
    first = by_id[pseudonymise_id("1001", "s3cret")]
    assert first["Phone"] == "+86 138 **** 8000" and first["Email"] == "z***@example.com"
    assert first["Message"].startswith("Hi 张*,")
    # The campaign record keeps the real ids so results can be matched to later sales.
    assert "1001" in result.record.contacted and result.salt == "s3cret"


def test_no_customers_in_chosen_segments_is_a_clear_error(tmp_path, customers, summary):
    with pytest.raises(InputError, match="No customers"):
        build_marketing_list(customers[customers["segment"] != "lost"], summary,
                             ExportOptions(segments=["lost"]))


# --------------------------------------------------------------------------- with the real pipeline


def test_end_to_end_from_a_till_export(tmp_path):
    from desktop.engine.pipeline import AnalysisOptions, analyze

    rng = np.random.default_rng(0)
    names = ["张伟", '=HYPERLINK("http://evil")', "Chloé", "@SUM(A1)", "李娜"]
    rows = []
    for i in range(150):
        cid = f"{i:04d}" if i % 7 else f"+{i}"
        for k in range(int(rng.integers(1, 6))):
            day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(rng.integers(0, 180)))
            rows.append((f"O{i}-{k}", f"{day:%Y-%m-%d}", cid, names[i % 5], f"0138{i:07d}",
                         f"P{rng.integers(0, 30)}", "Tea", 1, 9.5))
    till = tmp_path / "till.csv"
    pd.DataFrame(rows, columns=["Order ID", "Date", "Customer ID", "Customer Name", "Phone",
                                "Product ID", "Product", "Quantity", "Price"]).to_csv(till, index=False)
    before = till.read_bytes()
    analysis = analyze(AnalysisOptions(paths=[till]))

    with pytest.raises(InputError):
        export_marketing_list(analysis.customers, analysis.segments, till, ExportOptions(), [till])
    assert till.read_bytes() == before

    from desktop.engine.predictions import predict_customers
    from desktop.engine.suggestions import fit_models, recommend

    predictions = predict_customers(analysis.lines, analysis.as_of).table
    suggestions = recommend(fit_models(analysis.lines, customers=analysis.customers), k=3)
    customers = with_extras(analysis.customers, predictions, suggestions)
    result = export_marketing_list(customers, analysis.segments, tmp_path / "list.xlsx",
                                   ExportOptions(control_share=0.1, seed=2), [till],
                                   as_of=analysis.as_of)
    assert result.rows + result.control == len(analysis.customers)
    headers = list(calamine_records(result.path, "Customers")[0])
    for heading in ("Chance still a customer", "No purchase in 90 days: how likely", "Expected spend next year",
                    "Suggested products"):
        assert heading in headers
    assert all(c.data_type != "f" for c in all_cells(result.path))
    rows_back = sheet_records(openpyxl.load_workbook(result.path)["Customers"])
    assert len(rows_back) == result.rows
    expected = analysis.customers.loc[[r["Customer ID"] for r in rows_back]]
    assert [r["Phone"] for r in rows_back] == list(expected["phone"])
    assert [r["Name"] for r in rows_back] == list(expected["customer_name"])
    assert [r["Total spend"] for r in rows_back] == list(expected["monetary"].round(2))
    assert {r["Customer ID"] for r in rows_back} | set(result.record.control) == set(
        analysis.customers.index)


def test_constant_memory_mode_for_huge_lists_writes_the_same_text(tmp_path, monkeypatch):
    from desktop.engine import export

    names = ['=1+1', "_x0041_ literal", "<r><t>x</t></r>", "a\x1fb", "张伟", "+86 138 0013 8000",
             "<r>_x0000_ and _x005F_</r>"]
    ids = [str(i) for i in range(len(names))]
    df = pd.DataFrame({"customer_id": ids, "customer_name": names, "monetary": 1.5},
                      index=pd.Index(ids, name="customer_id"))
    monkeypatch.setattr(export.labels, "CONSTANT_MEMORY_ROWS", 0)
    path = write_marketing_workbook(df, None, tmp_path / "big.xlsx", ExportOptions())
    with zipfile.ZipFile(path) as z:
        assert "xl/sharedStrings.xml" not in z.namelist()  # rows were streamed as inline strings
    assert all(c.data_type != "f" for c in all_cells(path))
    rows = calamine_records(path, "Customers")
    assert [r["Name"] for r in rows] == [clean_text(n) for n in names]
    assert [r["Total spend"] for r in rows] == [1.5] * len(names)


def test_list_sheet_dates_times_long_text_and_booleans_read_back_exactly(tmp_path):
    # The list sheets are written as ready XML (not through XlsxWriter's cells): check the
    # conversions it does itself against openpyxl's reading.
    when = [pd.Timestamp("1900-01-15"), pd.Timestamp("1900-03-01"), pd.Timestamp("2024-02-29 13:45:30"),
            pd.Timestamp("2024-06-30", tz="Asia/Shanghai")]
    long_text = "茶" * 40_000
    df = pd.DataFrame({
        "customer_id": ["1", "2", "3", "4"],
        "customer_name": [long_text, " padded ", "a & b <c>", None],
        "last_purchase": np.array(when, dtype=object),
        "flag": [True, False, True, None],
    }, index=pd.Index(["1", "2", "3", "4"], name="customer_id"))
    path = write_marketing_workbook(df, None, tmp_path / "d.xlsx", ExportOptions())
    rows = sheet_records(openpyxl.load_workbook(path)["Customers"])
    assert [r["Last purchase"] for r in rows] == [w.tz_localize(None).to_pydatetime() if w.tzinfo
                                                  else w.to_pydatetime() for w in when]
    assert rows[0]["Name"] == "茶" * 32_767  # Excel's limit for one cell
    assert rows[1]["Name"] == " padded " and rows[2]["Name"] == "a & b <c>" and rows[3]["Name"] is None
    assert [r["flag"] for r in rows] == [True, False, True, None]
