"""Marketing lists to Excel and CSV, written safely.

    with_extras(customers, predictions, suggestions, k)            -> customers + prediction and
                                                                      suggested_products columns
    build_marketing_list(customers, segments, options)            -> list DataFrame
    write_marketing_workbook(list_df, summary, path, options, ...) -> Path  (.xlsx)
    write_csv(list_df, path, options, ...)                          -> Path  (.csv, UTF-8 with BOM)
    export_marketing_list(customers, segments, path, options, ...)  -> ExportResult
        (all of the above plus the control group and the campaign record JSON next to the file)

Safety, whatever the input:
- Every workbook Clientele writes (lists, suggestions, campaign results) comes from new_workbook,
  whose worksheets take text only as XML-escaped inline strings made by text_cell_xml (the one
  text-cell writer; XlsxWriter's own string path is routed there and its formula, link and
  rich-text writers refuse), so no text can become a formula, a link or rich-text XML. Text that
  Excel would read as a formula when edited (first character, after NFKC normalisation and
  leading spaces, one of = + - @ tab CR LF) gets Excel's quote-prefix style and reads back exactly
  as written. Every CSV cell goes through csv_cell: OWASP's escaping, a leading apostrophe for
  such text (phone numbers such as +86 138... included) and for ids of 16 digits or more.
- Characters an xlsx file cannot hold (C0 controls other than tab and line feed, U+FFFE, U+FFFF,
  lone surrogates) are removed; CR LF and lone CR become LF (Excel's line break in a cell). The same
  cleaning applies to CSV so both files hold the same text.
- Amounts stay numbers; integers of 16 digits or more (which Excel would round) are written as text.
- Files are written to a temporary file in the target folder and moved into place with os.replace,
  so a failed export leaves the old file byte-identical. The input files are never a valid target.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import errno
import hashlib
import hmac
import math
import os
import re
import secrets
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from desktop.paths import SCRATCH_PREFIX, display_name, export_temp_name, sweep_stale_temp_files

from . import messages
from .errors import InputError
from .progress import Progress, no_progress

DEFAULT_CONTROL_SHARE = 0.10
"""Share of the chosen customers held out as a control group when the user turns it on."""

SEGMENT_COLOURS: dict[str, str] = {
    # 11-class RFM: greens for the best, blues for the new, yellows to reds for the slipping, greys
    # for the gone.
    "champions": "#C6EFCE",
    "loyal": "#D8EDCB",
    "potential_loyalist": "#E6F2DA",
    "new": "#DDEBF7",
    "promising": "#E9F1FA",
    "need_attention": "#FFF2CC",
    "about_to_sleep": "#FCE4D6",
    "at_risk": "#F8CBAD",
    "cant_lose": "#F4B6B6",
    "hibernating": "#E7E6E6",
    "lost": "#D0D0D0",
    # 8-class (Chinese CRM) RFM
    "important_value": "#C6EFCE",
    "important_develop": "#DDEBF7",
    "important_keep": "#FFF2CC",
    "important_retain": "#F8CBAD",
    "general_value": "#E6F2DA",
    "general_develop": "#E9F1FA",
    "general_keep": "#FCE4D6",
    "general_retain": "#E7E6E6",
}
# For data-driven clusters, in the order the summary lists them.
CLUSTER_COLOURS: tuple[str, ...] = (
    "#DDEBF7", "#FFF2CC", "#E2EFDA", "#FCE4D6", "#EADCF4",
    "#D9F2F2", "#F8D7E8", "#EDEDED", "#FFE699", "#C9E4C5",
)

# Column key -> (English header, Chinese header). Keys not listed keep their own name as header.
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "customer_id": ("Customer ID", "客户编号"),
    "customer_name": ("Name", "姓名"),
    "phone": ("Phone", "电话"),
    "email": ("Email", "邮箱"),
    "city": ("City", "城市"),
    "segment": ("Segment key", "分群代码"),
    "segment_name": ("Segment", "客户分群"),
    "monetary": ("Total spend", "累计消费"),
    "frequency": ("Orders", "订单数"),
    "last_purchase": ("Last purchase", "最近购买日期"),
    "recency_days": ("Days since last purchase", "距上次购买天数"),
    "first_purchase": ("First purchase", "首次购买日期"),
    "avg_order_value": ("Average order", "平均客单价"),
    "favourite_product": ("Favourite product", "最常购买商品"),
    # Prediction columns: the same headings as the predictions view.
    # What the figures are, in words that cannot contradict each other (issue: "risk of leaving" next to
    # "still active 100%"): a chance of no purchase in the next 90 days is not a risk of having left.
    "p_alive": ("Chance still a customer", "仍是顾客的概率"),
    "churn_risk": ("Chance of no purchase in the next 90 days", "未来 90 天不购买的概率"),
    "churn_band": ("No purchase in 90 days: how likely", "90 天内不购买的可能性"),
    "expected_purchases_365": ("Expected purchases, next 12 months", "未来 12 个月预计购买次数"),
    "expected_next_purchase": ("Likely to buy again by", "预计下次购买日期"),
    "predicted_orders_12m": ("Expected orders next year", "未来 12 个月预计订单"),
    "predicted_spend_12m": ("Expected spend next year", "未来 12 个月预计消费额"),
    "predicted_spend_12m_low": ("Expected spend next year (low)", "未来 12 个月预计消费额（下限）"),
    "predicted_spend_12m_high": ("Expected spend next year (high)", "未来 12 个月预计消费额（上限）"),
    "clv": ("Customer lifetime value", "客户终身价值"),
    "suggested_products": ("Suggested products", "推荐商品"),
    "tier": ("VIP tier", "会员等级"),
    "action": ("Suggested action", "建议行动"),
    "message": ("Message", "个性化信息"),
}

BASE_COLUMNS: tuple[str, ...] = (
    "customer_id", "customer_name", "phone", "email", "city", "segment", "segment_name",
    "monetary", "frequency", "last_purchase", "recency_days",
)
# Prediction and suggestion columns taken along when the caller does not name extra columns.
KNOWN_EXTRA_COLUMNS: tuple[str, ...] = (
    "favourite_product", "p_alive", "churn_risk", "churn_band", "expected_purchases_365",
    "expected_next_purchase", "predicted_orders_12m", "predicted_spend_12m",
    "predicted_spend_12m_low", "predicted_spend_12m_high", "clv", "suggested_products", "tier",
)
CHURN_BAND_LABELS: dict[str, tuple[str, str]] = {
    "low": ("Low", "低"), "medium": ("Medium", "中"), "high": ("High", "高"),
}
# Always written as text, even when a value looks like a number (ids, phones with leading zeros).
TEXT_COLUMNS = frozenset({
    "customer_id", "customer_name", "phone", "email", "city", "segment", "segment_name",
    "favourite_product", "favourite_category", "churn_band", "suggested_products", "action",
    "message", "gender", "birthday", "tier",
})
CURRENCY_COLUMNS = frozenset({
    "monetary", "avg_order_value", "predicted_spend_12m", "predicted_spend_12m_low", "predicted_spend_12m_high", "clv", "revenue", "avg_spend", "income",
    "spend",
})
INTEGER_COLUMNS = frozenset({"frequency", "recency_days", "tenure_days", "n_products", "customers",
                             "age"})
DATE_COLUMNS = frozenset({"last_purchase", "first_purchase", "expected_next_purchase"})
PERCENT_COLUMNS = frozenset({"p_alive", "churn_risk"})
HIDDEN_COLUMNS = frozenset({"segment"})  # kept in the DataFrame for colours, not shown

EXCEL_MAX_ROWS = 1_048_576
CONSTANT_MEMORY_ROWS = 200_000
_PROGRESS_EVERY = 2000


@dataclass
class ExportOptions:
    """What to export and how. Segment keys (or their English/Chinese names) choose the customers."""

    segments: Sequence[str] | None = None  # None: every segment
    language: str = "en"  # "en" or "zh": headers, segment names, actions, messages
    templates: Mapping[str, str] | None = None  # segment key (or "generic") -> message template
    extra_columns: Sequence[str] | None = None  # None: the known prediction/suggestion columns present
    sheet_per_segment: bool = False
    control_share: float = 0.0  # e.g. DEFAULT_CONTROL_SHARE; 0 means no control group
    seed: int | None = None  # None: a random seed, recorded in the campaign record
    campaign_name: str = ""
    offer: str = ""
    cost_per_contact: float = 0.0
    pseudonymise_ids: bool = False  # stable salted hash instead of the real customer id
    mask_contacts: bool = False  # 138****8000, z***@example.com, 张**
    salt: str = ""  # for pseudonymised ids; empty: a new random salt (returned in ExportResult)
    currency_symbol: str = ""
    csv_delimiter: str = ","
    source_note: str = ""  # extra line for the summary sheet, e.g. "18,532 of 20,000 rows used"
    write_campaign_record: bool = True


@dataclass
class ExportResult:
    """What export_marketing_list wrote."""

    path: Path
    rows: int  # customers in the list (contacted)
    control: int  # customers held out
    campaign_path: Path | None = None
    record: Any = None  # campaigns.CampaignRecord | None
    salt: str = ""  # salt used for pseudonymised ids ("" when ids are real)
    list_frame: pd.DataFrame | None = field(default=None, repr=False)


# ---------------------------------------------------------------------------------------------
# Cell safety


# XML 1.0 cannot hold these; Excel refuses files that contain them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")
_FORMULA_START = frozenset("=+-@\t\r\n")
_LONG_DIGITS = re.compile(r"\d{16,}")  # more digits than Excel keeps in a number


def clean_text(text: str) -> str:
    """Return `text` without the characters an xlsx file cannot hold, line breaks as LF."""
    if _NEEDS_CLEANING.search(text) is None:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub("", text)


def is_formula_like(text: str) -> bool:
    """Return True when a spreadsheet could take `text` for a formula: its first character after
    NFKC normalisation and leading spaces is = + - @ tab, CR or LF."""
    if not text:
        return False
    first = text[0]
    if first in _FORMULA_START:
        return True
    if first.isascii() and first != " ":
        return False  # fast path: NFKC leaves other ASCII alone
    head = unicodedata.normalize("NFKC", text[:64]).lstrip(" ")
    return bool(head) and head[0] in _FORMULA_START


def csv_cell(text: str) -> str:
    """Return cleaned text for a CSV cell, escaped as OWASP's CSV-injection advice says: text
    starting with = + - @ tab, CR or LF (also after NFKC normalisation and leading spaces) gets a
    leading apostrophe, phone numbers and signed numbers included (`'+86 138 0013 8000`): a CSV
    cell has no type, so a spreadsheet would take them for formulas.

    Ids of 16 digits or more get the same apostrophe: Excel reads a bare `12345678901234567` as
    a number and keeps 15 significant digits (1.23457E+16, the last digits lost for good), while
    `'12345678901234567` stays text, shown as written. Excel drops a leading apostrophe when it
    reads a cell; `="..."`, the other usual trick, would be a formula, and a leading tab would be
    one of the characters this escaping guards against. Shorter digit strings are left alone
    (Excel keeps them exactly)."""
    text = clean_text(text)
    if is_formula_like(text) or _LONG_DIGITS.fullmatch(text):
        return "'" + text
    return text


def text_cell_xml(value: object, fmt: Any = None, quoted_fmt: Any = None) -> str:
    """Return the XML of a text cell after `<c r="A1"` ("" for empty text): `value` cleaned,
    XML-escaped, as an inline string, with `quoted_fmt` (Excel's quote prefix) when it looks like a
    formula. The one way Clientele writes text into a workbook: a string can never become a
    formula, a link, a number or rich-text XML, and it reads back exactly as cleaned."""
    if value is None:
        return ""
    text = clean_text(value if isinstance(value, str) else (_to_text(value) or ""))
    if not text:
        return ""
    return _inline_string(text, quoted_fmt if quoted_fmt is not None and is_formula_like(text) else fmt)


def write_text_cell(worksheet: Any, row: int, col: int, value: object, fmt: Any = None,
                    quoted_fmt: Any = None) -> None:
    """Write `value` as a text cell (text_cell_xml) on a worksheet of new_workbook; nothing for
    empty text."""
    xml = text_cell_xml(value, fmt, quoted_fmt)
    if xml:
        worksheet.put_cell_xml(row, col, xml)


# ---------------------------------------------------------------------------------------------
# Privacy


def pseudonymise_id(customer_id: str, salt: str) -> str:
    """Return a stable pseudonym for `customer_id`: the same id and salt always give the same
    pseudonym, and without the salt it cannot be traced back."""
    digest = hmac.new(salt.encode("utf-8"), str(customer_id).encode("utf-8"), hashlib.sha256)
    return "C-" + digest.hexdigest()[:12].upper()


def mask_phone(phone: str) -> str:
    """Return `phone` with the middle digits hidden: `13800138000` -> `138****8000`,
    `+86 138 0013 8000` -> `+86 138 **** 8000` (a leading +country group is kept)."""
    if not phone:
        return phone
    text = str(phone)
    start = 0
    country = re.match(r"\s*(\+|00)\d{1,3}[\s\-]+", text)
    if country:
        start = country.end()
    positions = [i for i in range(start, len(text)) if text[i].isdigit()]
    if not positions:
        return text
    keep_head, keep_tail = (3, 4) if len(positions) >= 8 else (0, min(2, len(positions) - 1))
    hidden = set(positions[keep_head:len(positions) - keep_tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def mask_email(email: str) -> str:
    """Return `email` with the name part hidden: `zhang@example.com` -> `z***@example.com`."""
    if not email:
        return email
    text = str(email)
    local, at, domain = text.rpartition("@")
    if not at:
        return text[:1] + "***"
    return local[:1] + "***@" + domain


def mask_name(name: str) -> str:
    """Return `name` with all but the first character of each word hidden: `张伟` -> `张*`,
    `Jane Smith` -> `J*** S****`."""
    if not name:
        return name
    return " ".join(w[:1] + "*" * (len(w) - 1) for w in str(name).split(" "))


# ---------------------------------------------------------------------------------------------
# Building the list


def build_marketing_list(customers: pd.DataFrame, segments: pd.DataFrame | None,
                         options: ExportOptions) -> pd.DataFrame:
    """Return the marketing list for the chosen segments: one row per customer, indexed by the real
    customer id, with columns customer_id (pseudonymised when asked), name, phone, email, city,
    segment (key), segment_name, monetary, frequency, last_purchase, recency_days, the extra
    columns, action and message. Rows are in summary order of segments, biggest spenders first.
    When ids are pseudonymised the salt used is in `result.attrs["salt"]`."""
    if "segment" not in customers.columns:
        raise InputError("The customers have no segments yet; run the analysis before exporting.",
                         zh="客户还没有分组；请先运行分析再导出。")
    lang = "zh" if options.language.lower().startswith("zh") else "en"
    summary = _summary_by_key(segments)
    keys = _chosen_segment_keys(customers, summary, options.segments)
    chosen = customers[customers["segment"].astype(str).isin(keys)]
    if chosen.empty:
        raise InputError("No customers are in the chosen segments; choose other segments to export.",
                         zh="所选分组中没有客户；请选择其他分组导出。")
    order = {k: i for i, k in enumerate(list(summary.index) + sorted(set(keys) - set(summary.index)))}
    seg = chosen["segment"].astype(str)
    if "monetary" in chosen.columns:
        spend = pd.to_numeric(chosen["monetary"], errors="coerce").fillna(0.0).to_numpy()
    else:
        spend = np.zeros(len(chosen))
    # Segments in summary order, biggest spenders first within each (lexsort is stable).
    chosen = chosen.iloc[np.lexsort((-spend, seg.map(order).to_numpy()))]
    seg = chosen["segment"].astype(str)

    out = pd.DataFrame(index=pd.Index(chosen.index.astype(str), name="customer_id"))
    out["customer_id"] = out.index.to_numpy()
    for col in ("customer_name", "phone", "email", "city"):
        if col in chosen.columns:
            out[col] = _as_text_series(chosen[col]).to_numpy()
    out["segment"] = seg.to_numpy()
    out["segment_name"] = _segment_names(chosen, summary, lang).to_numpy()
    if "monetary" in chosen.columns:
        out["monetary"] = pd.to_numeric(chosen["monetary"], errors="coerce").round(2).to_numpy()
    for col in ("frequency", "last_purchase", "recency_days"):
        if col in chosen.columns:
            out[col] = chosen[col].to_numpy()

    extras = options.extra_columns
    if extras is None:
        extras = [c for c in KNOWN_EXTRA_COLUMNS if c in chosen.columns]
    else:
        missing = [c for c in extras if c not in chosen.columns]
        if missing:
            raise InputError(f"The column {missing[0]!r} is not in the customer table; available "
                             f"columns are {', '.join(map(str, chosen.columns))}.",
                             zh=f"客户表中没有“{missing[0]}”列；可用的列有：{'、'.join(map(str, chosen.columns))}。")
    joiner = "、" if lang == "zh" else ", "
    for col in extras:
        if col in out.columns:
            continue
        values = chosen[col]
        if col == "churn_band":
            pick = 1 if lang == "zh" else 0
            values = values.map(lambda v: CHURN_BAND_LABELS[v][pick] if v in CHURN_BAND_LABELS else v)
        elif values.dtype == object:
            values = values.map(lambda v: joiner.join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        elif col in CURRENCY_COLUMNS:
            values = values.round(2)
        out[col] = values.to_numpy()

    action_col = "action_zh" if lang == "zh" else "action"
    if action_col in summary.columns:
        out["action"] = seg.map(summary[action_col]).fillna("").astype(object).to_numpy()
    else:
        out["action"] = ""

    if options.mask_contacts:
        for col, masker in (("customer_name", mask_name), ("phone", mask_phone), ("email", mask_email)):
            if col in out.columns:
                out[col] = out[col].map(lambda v, m=masker: m(v) if isinstance(v, str) else v)

    out["message"] = _messages(out, chosen, lang, options.templates)

    if options.pseudonymise_ids:
        salt = options.salt or secrets.token_hex(16)
        out["customer_id"] = [pseudonymise_id(i, salt) for i in out.index]
        out.attrs["salt"] = salt
    return out


def with_extras(customers: pd.DataFrame, predictions: pd.DataFrame | None = None,
                suggestions: pd.DataFrame | None = None, k: int = 3) -> pd.DataFrame:
    """Return `customers` with the prediction columns a marketing list shows (p_alive, churn_risk,
    churn_band, expected_purchases_365, expected_next_purchase, predicted_spend_12m, clv; from a
    predictions table indexed by customer id) and `suggested_products` (the names of each
    customer's top `k` suggestions, best first, from a long table with customer_id, rank,
    product_name/product_id)."""
    out = customers.copy()
    if predictions is not None and len(predictions):
        wanted = [c for c in KNOWN_EXTRA_COLUMNS if c in predictions.columns and c not in out.columns]
        table = predictions[wanted].copy()
        table.index = table.index.astype(str)
        out = out.join(table, how="left") if wanted else out
    if suggestions is not None and len(suggestions) and "customer_id" in suggestions.columns:
        name = suggestions["product_name"] if "product_name" in suggestions.columns else None
        label = suggestions["product_id"].astype(object) if "product_id" in suggestions.columns else name
        if name is not None:
            label = name.astype(object).where(name.notna(), label)
        ranked = pd.DataFrame({"customer_id": suggestions["customer_id"].astype(str),
                               "rank": suggestions["rank"] if "rank" in suggestions.columns
                               else range(len(suggestions)),
                               "label": label})
        ranked = ranked[ranked["label"].notna()].sort_values(["customer_id", "rank"], kind="stable")
        lists = ranked.groupby("customer_id", sort=False)["label"].agg(lambda v: [str(x) for x in v][:k])
        out["suggested_products"] = out.index.astype(str).map(lists)
    return out


def _summary_by_key(segments: pd.DataFrame | None) -> pd.DataFrame:
    if segments is None or len(segments) == 0 or "key" not in segments.columns:
        return pd.DataFrame(index=pd.Index([], name="key"))
    return segments.assign(key=segments["key"].astype(str)).drop_duplicates("key").set_index("key")


def _chosen_segment_keys(customers: pd.DataFrame, summary: pd.DataFrame,
                         wanted: Sequence[str] | None) -> list[str]:
    present = list(dict.fromkeys(customers["segment"].dropna().astype(str)))
    if not wanted:
        return present
    # Accept keys or the names a user sees, in either language.
    lookup: dict[str, str] = {}
    for key in present:
        lookup[key.casefold()] = key
    for frame, cols in ((summary, ("name", "name_zh")),):
        for col in cols:
            if col in frame.columns:
                for key, name in frame[col].items():
                    if isinstance(name, str):
                        lookup.setdefault(name.strip().casefold(), str(key))
    for col in ("segment_name", "segment_name_zh"):
        if col in customers.columns:
            pairs = customers[["segment", col]].dropna().drop_duplicates()
            for key, name in zip(pairs["segment"].astype(str), pairs[col].astype(str)):
                lookup.setdefault(name.strip().casefold(), key)
    keys = []
    for item in wanted:
        key = lookup.get(str(item).strip().casefold())
        if key is None:
            raise InputError(f"There is no segment called {item!r}; choose from "
                             f"{', '.join(present)}.",
                             zh=f"没有名为“{item}”的分组；请从以下分组中选择：{'、'.join(present)}。")
        keys.append(key)
    return list(dict.fromkeys(keys))


def _segment_names(chosen: pd.DataFrame, summary: pd.DataFrame, lang: str) -> pd.Series:
    seg = chosen["segment"].astype(str)
    col = "segment_name_zh" if lang == "zh" else "segment_name"
    names = chosen[col].astype(object) if col in chosen.columns else pd.Series(None, index=chosen.index, dtype=object)
    summary_col = "name_zh" if lang == "zh" else "name"
    if summary_col in summary.columns:
        names = names.where(names.notna(), seg.map(summary[summary_col]))
    return names.where(names.notna(), seg).astype(str)


def _messages(out: pd.DataFrame, chosen: pd.DataFrame, lang: str,
              templates: Mapping[str, str] | None) -> list[str]:
    products = _first_products(chosen)
    names = out["customer_name"].tolist() if "customer_name" in out.columns else [None] * len(out)
    days = chosen["recency_days"].tolist() if "recency_days" in chosen.columns else [None] * len(out)
    cache: dict[str, str] = {}
    result = []
    for key, seg_name, name, product, day in zip(out["segment"], out["segment_name"], names,
                                                 products, days):
        template = cache.get(key)
        if template is None:
            template = cache[key] = messages.template_for(key, lang, templates)
        result.append(messages.render(template, {"name": name, "segment": seg_name,
                                                 "product": product, "days_since": day}, lang))
    return result


def _first_products(chosen: pd.DataFrame) -> list[object]:
    n = len(chosen)
    fav = chosen["favourite_product"].tolist() if "favourite_product" in chosen.columns else [None] * n
    if "suggested_products" not in chosen.columns:
        return fav
    result: list[object] = []
    for suggested, favourite in zip(chosen["suggested_products"].tolist(), fav):
        first: object = None
        if isinstance(suggested, (list, tuple)) and suggested:
            first = suggested[0]
        elif isinstance(suggested, str) and suggested.strip():
            first = re.split(r"[,;、，]", suggested, maxsplit=1)[0].strip()
        result.append(first if first not in (None, "") else favourite)
    return result


def _as_text_series(values: pd.Series) -> pd.Series:
    return values.map(_to_text, na_action="ignore").astype(object)


def _to_text(value: object) -> str | None:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer() and abs(value) < 1e17:
            return str(int(value))  # 13800138000.0 read from Excel -> "13800138000"
        return repr(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


# ---------------------------------------------------------------------------------------------
# Targets and atomic writes


_LOCKED_MESSAGE = ("Cannot save “{name}”: it is open in another program or cannot be replaced; "
                   "close it in Excel and retry, or save under another name.")
_LOCKED_MESSAGE_ZH = "无法保存“{name}”：它正在被其他程序打开，或无法被替换；请在 Excel 中关闭它后重试，或换一个文件名保存。"


def check_target(path: Path | str, input_paths: Iterable[Path | str] = (),
                 suffixes: Sequence[str] = (".xlsx", ".csv")) -> Path:
    """Return the absolute target path after checking that it can be written: not one of the input
    files, in an existing folder, with a known extension, a name and path the system can hold,
    not read-only and not open in Excel or LibreOffice (their lock files). Raises
    InputError with one sentence otherwise."""
    target = Path(path).expanduser()
    if target.suffix.lower() not in suffixes:
        raise InputError(f"Cannot save “{_shown(target)}”: the name must end with "
                         f"{' or '.join(suffixes)}.",
                         zh=f"无法保存“{_shown(target)}”：文件名必须以 {' 或 '.join(suffixes)} 结尾。")
    target = Path(os.path.abspath(target))
    try:
        return _check_target(target, list(input_paths))
    except OSError as exc:  # e.g. a path longer than the system allows, a folder we may not read
        raise InputError(f"Cannot save “{_shown(target)}”: {_reason(exc)}; choose a shorter name or "
                         "another folder.",
                         zh=f"无法保存“{_shown(target)}”：{_reason(exc)}；请换一个较短的文件名，或换一个文件夹。") from None


def _check_target(target: Path, input_paths: list) -> Path:
    folder = target.parent
    name_max, path_max = _name_limits(folder)
    if len(os.fsencode(target.name)) > name_max or len(os.fsencode(str(target))) >= path_max:
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))
    resolved = target.resolve()
    from .project import is_network_path

    # The input paths of an analysis opened from a project come from that (untrusted) file: a
    # network path is never looked at, so the system never contacts a host for it.
    for source in (s for s in input_paths if not is_network_path(str(s))):
        src = Path(source).expanduser()
        same = Path(os.path.abspath(src)).resolve() == resolved
        if not same and src.exists() and target.exists():
            try:
                same = os.path.samefile(src, target)
            except OSError:
                same = False
        if same:
            raise InputError(f"Cannot save over “{_shown(target)}”: it is one of the files being "
                             "analysed; save under another name.",
                             zh=f"不能覆盖“{_shown(target)}”：它是正在分析的文件之一；请换一个文件名保存。")
    if not folder.is_dir():
        raise InputError(f"Cannot save “{_shown(target)}”: the folder “{display_name(folder)}” does "
                         "not exist.",
                         zh=f"无法保存“{_shown(target)}”：文件夹“{display_name(folder)}”不存在。")
    for lock in ("~$" + target.name, "~$" + target.name[2:], ".~lock." + target.name + "#"):
        if 2 < len(lock) and len(os.fsencode(lock)) <= name_max and (folder / lock).exists():
            raise InputError(_LOCKED_MESSAGE.format(name=_shown(target)),
                             zh=_LOCKED_MESSAGE_ZH.format(name=_shown(target)))
    if target.exists() and not target.is_dir():
        mode = target.stat().st_mode
        # Checked on the mode bits, not os.access, so a read-only file is respected even as root.
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise InputError(f"Cannot save “{_shown(target)}”: the file is read-only; close it in "
                             "Excel and retry, or save under another name.",
                             zh=f"无法保存“{_shown(target)}”：该文件是只读的；请在 Excel 中关闭它后重试，或换一个文件名保存。")
    return target


def _name_limits(folder: Path) -> tuple[int, int]:
    """Return the longest file name and path (in bytes) the folder's file system takes."""
    name_max, path_max = 255, (32767 if os.name == "nt" else 4096)
    if hasattr(os, "pathconf"):
        for key, default in (("PC_NAME_MAX", name_max), ("PC_PATH_MAX", path_max)):
            try:
                value = os.pathconf(folder, key)
            except (OSError, ValueError):
                value = default
            if key == "PC_NAME_MAX":
                name_max = value if value > 0 else default
            else:
                path_max = value if value > 0 else default
    return name_max, path_max


def _shown(target: Path) -> str:
    """The target's name for a sentence: escaped (display_name) and at most 80 characters."""
    name = display_name(target.name)
    return name if len(name) <= 80 else name[:60] + "…" + name[-15:]


def atomic_write(target: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` for a temporary file in the target's folder, then move it onto `target`.
    On any failure the temporary file is removed and `target` is untouched; OS errors become an
    InputError the user can act on. Returns `target`."""
    return atomic_write_all([(target, write)])[0]


def atomic_write_all(jobs: Sequence[tuple[Path, Callable[[Path], None]]]) -> list[Path]:
    """Write several files as one unit (e.g. a list and its campaign record): each `write(tmp)`
    fills a temporary file in its target's folder; only when all are written and synced are they
    moved into place, the last one first. If anything fails, every target keeps its old content
    (or stays absent) and no temporary file is left. Returns the targets."""
    temps: list[Path] = []
    done: list[tuple[Path, Path | None]] = []  # (target, its old content kept aside)
    try:
        for target, write in jobs:
            tmp = _create_temp(target)
            temps.append(tmp)
            try:
                write(tmp)
                with open(tmp, "rb+") as handle:
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise _save_error(target, exc) from exc
        # The last job (the campaign record) goes first: if the list cannot be moved into place
        # after it, the record is put back, so a list never stands without its record.
        for (target, _), tmp in reversed(list(zip(jobs, temps))):
            old = _keep_aside(target) if len(jobs) > 1 else None
            try:
                os.replace(tmp, target)
            except OSError as exc:
                if old is not None:
                    _unlink_quietly(old)
                raise InputError(_LOCKED_MESSAGE.format(name=_shown(target)),
                                 zh=_LOCKED_MESSAGE_ZH.format(name=_shown(target))) from exc
            done.append((target, old))
    except BaseException:
        for target, old in reversed(done):
            with contextlib.suppress(OSError):
                if old is not None:
                    os.replace(old, target)
                else:
                    os.unlink(target)
        for tmp in temps:
            _unlink_quietly(tmp)
        raise
    for _, old in done:
        if old is not None:
            _unlink_quietly(old)
    # What an export killed earlier (kill -9, power cut) left in these folders goes now.
    sweep_stale_temp_files({target.parent for target, _ in jobs})
    return [target for target, _ in jobs]


def _keep_aside(target: Path) -> Path | None:
    """Return a hidden hard link (or copy) of the file at `target` to put back if the unit fails;
    None when there is no file there yet."""
    if not os.path.lexists(target):
        return None
    keep = _create_temp(target)
    try:
        os.unlink(keep)
        try:
            os.link(target, keep)
        except OSError:  # no hard links here (FAT, some network shares): copy instead
            import shutil

            shutil.copy2(target, keep)
    except OSError as exc:
        _unlink_quietly(keep)
        raise _save_error(target, exc) from exc
    return keep


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _save_error(target: Path, exc: OSError) -> InputError:
    name = _shown(target)
    return InputError(f"Cannot save “{name}”: {_reason(exc)}; free some space or save under another name.",
                      zh=f"无法保存“{name}”：{_reason(exc)}；请腾出一些磁盘空间，或换一个文件名保存。")


def _create_temp(target: Path) -> Path:
    # os.open with 0o666 lets the umask decide the final permissions, as for a normal save.
    for _ in range(100):
        tmp = target.parent / export_temp_name(target.suffix.lower())
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError(f"Cannot save “{_shown(target)}”: the folder is not writable "
                             f"({_reason(exc)}); save under another name or in another folder.",
                             zh=f"无法保存“{_shown(target)}”：该文件夹不可写入（{_reason(exc)}）；请换一个文件名，或保存到其他文件夹。") from exc
        os.close(fd)
        return tmp
    raise InputError(f"Cannot save “{_shown(target)}”: no temporary file could be created in its folder.",
                     zh=f"无法保存“{_shown(target)}”：无法在它所在的文件夹中创建临时文件。")


def _reason(exc: BaseException) -> str:
    inner = exc
    while getattr(inner, "__cause__", None) is not None and not isinstance(inner, OSError):
        inner = inner.__cause__  # type: ignore[assignment]
    code = getattr(inner, "errno", None)
    if code == errno.ENAMETOOLONG:
        return "the name or the folder path is longer than the system allows"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full"
    if code == errno.EFBIG:
        return "the file is larger than this disk or folder allows"
    text = getattr(inner, "strerror", None) or str(inner) or type(inner).__name__
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------------------------------------
# Workbook


def write_marketing_workbook(list_df: pd.DataFrame, summary: pd.DataFrame | None,
                             path: Path | str, options: ExportOptions,
                             input_paths: Iterable[Path | str] = (), *,
                             as_of: pd.Timestamp | None = None, control_counts: Mapping[str, int] | None = None,
                             progress: Progress | None = None) -> Path:
    """Write the list as a finished .xlsx workbook (summary sheet, list sheet, optionally one sheet
    per segment) atomically, and return its path. `control_counts` maps segment key -> customers
    held out, shown on the summary sheet."""
    report = progress or no_progress
    target = atomic_write(*_workbook_job(list_df, summary, path, options, input_paths, as_of,
                                         control_counts, report))
    report(1.0, "")
    return target


def _workbook_job(list_df: pd.DataFrame, summary: pd.DataFrame | None, path: Path | str,
                  options: ExportOptions, input_paths: Iterable[Path | str],
                  as_of: pd.Timestamp | None, control_counts: Mapping[str, int] | None,
                  report: Progress) -> tuple[Path, Callable[[Path], None]]:
    """Return (checked target, function writing the workbook to a temporary file)."""
    input_paths = list(input_paths)
    target = check_target(path, input_paths, (".xlsx",))
    if len(list_df) >= EXCEL_MAX_ROWS:
        raise InputError(f"The list has {len(list_df):,} customers, more than an Excel sheet holds; "
                         "export to CSV instead.",
                         zh=f"名单中有 {len(list_df):,} 位客户，超过了一个 Excel 工作表能容纳的行数；请改为导出 CSV。")

    def write(tmp: Path) -> None:
        _write_workbook(tmp, list_df, summary, options, input_paths, as_of, control_counts or {},
                        report)

    return target, write


class _Formats:
    """XlsxWriter formats, created once per workbook."""

    def __init__(self, workbook: Any, options: ExportOptions) -> None:
        self.wb = workbook
        symbol = options.currency_symbol.replace('"', "")
        money = f'"{symbol}"#,##0.00' if symbol else "#,##0.00"
        base = {"valign": "top"}
        self.header = workbook.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF",
                                           "valign": "top", "text_wrap": True, "border": 1})
        self.text = workbook.add_format(base)
        self.text_quoted = workbook.add_format({**base, "quote_prefix": True})
        self.money = workbook.add_format({**base, "num_format": money})
        self.integer = workbook.add_format({**base, "num_format": "#,##0"})
        self.number = workbook.add_format({**base, "num_format": "#,##0.00"})
        self.percent = workbook.add_format({**base, "num_format": "0.0%"})
        self.date = workbook.add_format({**base, "num_format": "yyyy-mm-dd"})
        self.datetime = workbook.add_format({**base, "num_format": "yyyy-mm-dd hh:mm"})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.label = workbook.add_format({"bold": True})
        self._fills: dict[tuple[str, bool], Any] = {}

    def fill(self, colour: str, quoted: bool) -> Any:
        key = (colour, quoted)
        fmt = self._fills.get(key)
        if fmt is None:
            props = {"valign": "top", "bg_color": colour, "border": 1, "border_color": "#BFBFBF"}
            if quoted:
                props["quote_prefix"] = True
            fmt = self._fills[key] = self.wb.add_format(props)
        return fmt


_HEX_COLOUR = re.compile(r"#?([0-9A-Fa-f]{6})")


def tint(colour: str, white: float = 0.6) -> str:
    """Return `colour` (#RRGGBB) mixed with `white` parts of white, light enough for black text."""
    match = _HEX_COLOUR.fullmatch(colour.strip())
    if match is None:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    rgb = [int(match.group(1)[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02X}" for c in rgb)


def _segment_colours(keys: Iterable[str], summary: pd.DataFrame | None = None) -> dict[str, str]:
    """Return segment key -> fill colour: the summary's own colours (as in the app), lightened,
    else ours."""
    colours: dict[str, str] = {}
    if summary is not None and "colour" in summary.columns:
        for key, value in summary["colour"].items():
            if isinstance(value, str) and _HEX_COLOUR.fullmatch(value.strip()):
                colours[str(key)] = tint(value)
    n_cluster = 0
    for key in keys:
        if key in colours:
            continue
        if key in SEGMENT_COLOURS:
            colours[key] = SEGMENT_COLOURS[key]
        else:
            colours[key] = CLUSTER_COLOURS[n_cluster % len(CLUSTER_COLOURS)]
            n_cluster += 1
    return colours


def _header(key: str, lang: str) -> str:
    labels = COLUMN_LABELS.get(key)
    if labels is None:
        return str(key)
    return labels[1] if lang == "zh" else labels[0]


def _column_kind(key: str, series: pd.Series) -> str:
    if key in TEXT_COLUMNS:
        return "text"
    if key in DATE_COLUMNS or pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if key in CURRENCY_COLUMNS:
        return "money"
    if key in INTEGER_COLUMNS:
        return "integer"
    if key in PERCENT_COLUMNS or key.startswith("p_") or key.endswith(("_probability", "_share", "_rate")):
        return "percent"
    if pd.api.types.is_bool_dtype(series):
        return "auto"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    return "auto"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _values(series: pd.Series) -> list[object]:
    """Return the column as Python objects with every kind of missing value as None."""
    return series.astype(object).where(series.notna(), None).tolist()


class _SheetWriter:
    """Writes one table sheet: the header through XlsxWriter, the data rows as ready-made XML.

    XlsxWriter spends ~10 µs per cell (a cell object, then XML attribute escaping at close); a
    50,000-row list has 800,000 cells. Here each column is turned into cell XML fragments in one
    pass (repeated text is escaped once per distinct value), rows are joined from them and
    streamed to a temporary file, which the sheet copies into its XML when the workbook is
    assembled. Text cells are inline strings, as XlsxWriter writes them in constant_memory mode,
    so they are escaped like any XML text and can never become rich text or a formula."""

    def __init__(self, worksheet: Any, formats: _Formats, kinds: list[str], headers: list[str],
                 colours: dict[str, str], segment_col: int | None,
                 new_body: Callable[[], Any]) -> None:
        self.ws = worksheet
        self.new_body = new_body
        self.f = formats
        self.kinds = kinds
        self.headers = headers
        self.segment_col = segment_col
        self.fill_formats = {k: (formats.fill(c, False), formats.fill(c, True))
                             for k, c in colours.items()}
        self.kind_formats = {"money": formats.money, "integer": formats.integer,
                             "number": formats.number, "percent": formats.percent,
                             "date": formats.date}

    def setup(self, widths: list[int], n_rows: int) -> None:
        ws = self.ws
        for j, width in enumerate(widths):
            ws.set_column(j, j, width)
        ws.freeze_panes(1, 1)
        ws.set_row(0, 30)
        if self.headers:
            ws.autofilter(0, 0, max(n_rows, 1), len(self.headers) - 1)
        for j, head in enumerate(self.headers):
            write_text_cell(ws, 0, j, head, self.f.header)

    def write_rows(self, data: list[list[object]], segment_keys: list[str] | None,
                   report: Progress, done: int, total: int) -> int:
        """Write data (one list per column) below the header; return rows done so far."""
        from xlsxwriter.utility import xl_col_to_name

        n_rows = len(data[0]) if data else 0
        n_cols = len(data)
        if n_rows == 0 or n_cols == 0:
            return done
        prefixes = [f'<c r="{xl_col_to_name(j)}' for j in range(n_cols)]
        body = self.new_body()
        self.ws.set_body(body, n_rows, n_cols - 1)
        write = body.write
        for start in range(0, n_rows, _PROGRESS_EVERY):
            report((done + start) / max(total, 1), "Writing the list")
            stop = min(n_rows, start + _PROGRESS_EVERY)
            keys = segment_keys[start:stop] if segment_keys is not None else None
            cells = [self._column_cells(j, data[j][start:stop], keys) for j in range(n_cols)]
            rows = []
            for i, row_cells in enumerate(zip(*cells)):
                r = start + i + 2  # Excel rows are 1-based and row 1 is the header
                rows.append(f'<row r="{r}">'
                            + "".join([f'{p}{r}"{c}' for p, c in zip(prefixes, row_cells) if c])
                            + "</row>")
            write("".join(rows))
        return done + n_rows

    def _column_cells(self, j: int, values: list[object], segment_keys: list[str] | None) -> list:
        """Return each value's cell XML after `<c r="A2"` ("" for an empty cell)."""
        kind = self.kinds[j]
        if j == self.segment_col and segment_keys is not None:
            plain = self.f.text, self.f.text_quoted
            cache: dict[tuple[object, str], str] = {}
            out = []
            for v, key in zip(values, segment_keys):
                cell = cache.get((v, key))
                if cell is None:
                    cell = cache[(v, key)] = self._text_cell(v, self.fill_formats.get(key, plain))
                out.append(cell)
            return out
        if kind == "text":
            pair = self.f.text, self.f.text_quoted
            cache2: dict[object, str] = {}
            out = []
            for v in values:
                if v is None:
                    out.append("")
                    continue
                cell = cache2.get(v)
                if cell is None:
                    cell = cache2[v] = self._text_cell(v, pair)
                out.append(cell)
            return out
        fmt = self.kind_formats.get(kind)
        if kind in ("money", "integer", "number", "percent"):
            style = _style(fmt)
            # Fast path for the usual all-float or all-int column.
            return [f"{style}><v>{v:.16G}</v></c>" if type(v) is float and math.isfinite(v)
                    or type(v) is int and -10**15 < v < 10**15 else self._any_cell(v, fmt)
                    for v in values]
        return [self._any_cell(v, fmt) for v in values]

    def _text_cell(self, v: object, formats: tuple[Any, Any]) -> str:
        return text_cell_xml(v, formats[0], formats[1])

    def _any_cell(self, v: object, fmt: Any) -> str:
        """Return the cell XML for a value of any type (numbers stay numbers)."""
        if v is None:
            return ""
        if isinstance(v, str):
            return self._text_cell(v, (self.f.text, self.f.text_quoted))
        if isinstance(v, bool):
            return f' t="b"><v>{int(v)}</v></c>'
        if isinstance(v, int):
            if abs(v) >= 10**15:  # Excel keeps 15 significant digits: keep every digit as text
                return text_cell_xml(str(v), self.f.text)
            return f"{_style(fmt)}><v>{v}</v></c>"
        if isinstance(v, float):
            return f"{_style(fmt)}><v>{v:.16G}</v></c>" if math.isfinite(v) else ""
        if isinstance(v, pd.Timestamp):
            if v.tzinfo is not None:
                v = v.tz_localize(None)
            v = v.to_pydatetime()
        if isinstance(v, _dt.datetime):
            if v.tzinfo is not None:
                v = v.replace(tzinfo=None)
            if 1900 <= v.year <= 9999:
                midnight = (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0)
                style = _style(self.f.date if midnight else self.f.datetime)
                return f"{style}><v>{_excel_serial(v):.16G}</v></c>"
        elif isinstance(v, _dt.date):
            if 1900 <= v.year <= 9999:
                serial = _excel_serial(_dt.datetime(v.year, v.month, v.day))
                return f"{_style(self.f.date)}><v>{serial:.16G}</v></c>"
        elif hasattr(v, "item"):  # numpy scalars left in object columns
            return self._any_cell(v.item(), fmt)
        # Dates Excel cannot show (before 1900) and other objects stay readable as text.
        return self._text_cell(str(v), (self.f.text, self.f.text_quoted))


_EXCEL_EPOCH = _dt.datetime(1899, 12, 31)
_ESCAPE_LOOKALIKE = re.compile("(_x[0-9a-fA-F]{4}_)")
_EXCEL_MAX_TEXT = 32767  # characters (UTF-16 code units) in one cell


def _style(fmt: Any) -> str:
    """Return the cell's style attribute for an XlsxWriter format (none for the default)."""
    return f' s="{fmt._get_xf_index()}"' if fmt is not None else ""


def _excel_serial(value: _dt.datetime) -> float:
    """Return Excel's serial number of a naive datetime (1900 system, with its 29 Feb 1900)."""
    delta = value - _EXCEL_EPOCH
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400.0
    return serial + 1 if serial >= 60 else serial


def _inline_string(text: str, fmt: Any) -> str:
    """Return an inline-string cell's XML (after `<c r="A2"`) for cleaned text: XML-escaped, with
    literal _xHHHH_ sequences escaped so readers do not decode them, cut to Excel's cell limit."""
    if len(text) > _EXCEL_MAX_TEXT // 2:
        units = text.encode("utf-16-le")
        if len(units) > 2 * _EXCEL_MAX_TEXT:
            text = units[:2 * _EXCEL_MAX_TEXT].decode("utf-16-le", errors="ignore")
    escaped = text
    if "_x" in escaped:
        escaped = _ESCAPE_LOOKALIKE.sub(r"_x005F\1", escaped)
    if "&" in escaped or "<" in escaped or ">" in escaped:
        escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'{_style(fmt)} t="inlineStr"><is><t{space}>{escaped}</t></is></c>'


# ---------------------------------------------------------------------------------------------
# Workbooks: every .xlsx Clientele writes is a new_workbook


_XLSX_CLASSES: Any = None


def new_workbook(path: Path | str, *, constant_memory: bool = False) -> Any:
    """Return an XlsxWriter workbook writing to `path` whose worksheets take text only through
    write_text_cell (strings given to XlsxWriter's own write/write_string go the same way) and
    refuse formulas, links and rich strings. Its scratch files live in a private folder removed
    by close() (and by sweep_stale_temp_files after a crash); close() raises the OSError of a
    failed save, leaving no open zip file behind."""
    workbook_class = _xlsx_classes()[0]
    return workbook_class(str(path), {
        "constant_memory": constant_memory,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "nan_inf_to_errors": False,
        "remove_timezone": True,
    })


def _xlsx_classes() -> Any:
    """Return (SafeWorkbook, ListWorksheet), made on first use: xlsxwriter is imported only when
    a workbook is written."""
    global _XLSX_CLASSES
    if _XLSX_CLASSES is None:
        _XLSX_CLASSES = _make_xlsx_classes()
    return _XLSX_CLASSES


def _make_xlsx_classes() -> Any:
    import shutil
    import tempfile
    import zipfile
    from collections import namedtuple

    from xlsxwriter.utility import xl_rowcol_to_cell
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    # The class name is what XlsxWriter's own cell writer dispatches on; ours is unknown to it.
    SafeCell = namedtuple("SafeCell", "xml format")

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise TypeError("Clientele writes text as text cells only (no formulas, links or rich text)")

    class SafeWorksheet(Worksheet):
        """A worksheet whose text cells are ready XML from text_cell_xml."""

        _write_formula = _write_array_formula = _write_url = _write_rich_string = refuse

        def put_cell_xml(self, row: int, col: int, xml: str) -> int:
            if self._check_dimensions(row, col):
                return -1
            if self.constant_memory and row > self.previous_row:
                self._write_single_row(row)
            self.table[row][col] = SafeCell(xml, None)
            return 0

        def _write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> int:
            xml = text_cell_xml(string, cell_format)
            return self.put_cell_xml(row, col, xml) if xml else 0

        def _write_cell(self, row: int, col: int, cell: Any) -> None:
            if type(cell) is SafeCell:
                self.fh.write(f'<c r="{xl_rowcol_to_cell(row, col)}"{cell.xml}')
            else:
                super()._write_cell(row, col, cell)

    class ListWorksheet(SafeWorksheet):
        """A worksheet whose rows after the header are ready XML in a temporary file (_SheetWriter)."""

        body: Any = None

        def set_body(self, body: Any, last_row: int, last_col: int) -> None:
            self.body = body
            self._check_dimensions(last_row, last_col)

        def _copy_body(self) -> None:
            self.body.seek(0)
            shutil.copyfileobj(self.body, self.fh, 1 << 16)

        def _write_rows(self) -> None:
            if self.body is None:
                super()._write_rows()
                return
            last = self.dim_rowmax
            self.dim_rowmax = 0  # XlsxWriter writes the header row; the body follows
            try:
                super()._write_rows()
            finally:
                self.dim_rowmax = last
            self._copy_body()

        def _write_optimized_sheet_data(self) -> None:
            if self.body is None:
                super()._write_optimized_sheet_data()
                return
            # constant_memory: the header row went to XlsxWriter's own row file
            self._xml_start_tag("sheetData")
            self.row_data_fh.seek(0)
            shutil.copyfileobj(self.row_data_fh, self.fh, 1 << 16)
            self.row_data_fh.close()
            os.unlink(self.row_data_filename)
            self._copy_body()
            self._xml_end_tag("sheetData")

    class SafeWorkbook(Workbook):
        """A workbook of SafeWorksheets with its scratch files in a private folder."""

        worksheet_class = SafeWorksheet

        def __init__(self, filename: str, options: dict) -> None:
            scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
            super().__init__(filename, {**options, "tmpdir": scratch})
            self.scratch = scratch
            self.bodies: list[Any] = []  # temporary row files of list sheets

        def body_file(self) -> Any:
            body = tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=self.scratch)  # noqa: SIM115 - closed by discard()
            self.bodies.append(body)
            return body

        def close(self) -> None:
            try:
                if not self.fileclosed:
                    try:
                        super().close()
                    except Exception as exc:
                        _abandon_zip_files(exc, zipfile.ZipFile)
                        cause = exc.__context__ if isinstance(exc.__context__, OSError) else None
                        if cause is not None or isinstance(exc, OSError):
                            raise (cause or exc) from None
                        raise
            finally:
                self.discard()

        def discard(self) -> None:
            """Give up (or finish): close the row files and remove the scratch folder."""
            self.fileclosed = True
            for body in self.bodies:
                body.close()
            for sheet in self.worksheets():
                handle = getattr(sheet, "row_data_fh", None)
                if handle is not None:
                    with contextlib.suppress(OSError):
                        handle.close()
            shutil.rmtree(self.scratch, ignore_errors=True)

    return SafeWorkbook, ListWorksheet


def _abandon_zip_files(exc: BaseException, zip_class: type) -> None:
    """Close, without writing anything more, the zip files a failed save left open in the frames
    of `exc`: otherwise their __del__ tries to finish them on the full disk and prints an
    `Exception ignored in ZipFile.__del__` traceback."""
    seen: set[int] = set()
    chain: BaseException | None = exc
    while chain is not None and id(chain) not in seen:
        seen.add(id(chain))
        tb = chain.__traceback__
        while tb is not None:
            for value in list(tb.tb_frame.f_locals.values()):
                if isinstance(value, zip_class):
                    value._didModify = False  # nothing more to write: just close the file
                    with contextlib.suppress(Exception):
                        value.close()
            tb = tb.tb_next
        chain = chain.__context__


def _write_workbook(tmp: Path, list_df: pd.DataFrame, summary: pd.DataFrame | None,
                    options: ExportOptions, input_paths: list, as_of: pd.Timestamp | None,
                    control_counts: Mapping[str, int], report: Progress) -> None:
    # Shared strings (the default) keep memory modest for lists up to a few hundred thousand
    # rows; above that, stream rows to disk.
    big = len(list_df) > CONSTANT_MEMORY_ROWS
    workbook = new_workbook(tmp, constant_memory=big)
    if big:
        workbook.use_zip64()  # the sheet XML of a million-row list can pass 4 GB
    try:
        _fill_workbook(workbook, list_df, summary, options, input_paths, as_of, control_counts,
                       report)
    except BaseException:
        # Cancelled or failed: skip assembling a workbook nobody will see; the caller removes
        # the temporary file.
        workbook.discard()
        raise
    report(0.97, "Saving the workbook")
    workbook.close()


def _fill_workbook(workbook: Any, list_df: pd.DataFrame,
                   summary: pd.DataFrame | None, options: ExportOptions, input_paths: list,
                   as_of: pd.Timestamp | None, control_counts: Mapping[str, int],
                   report: Progress) -> None:
    lang = "zh" if options.language.lower().startswith("zh") else "en"
    workbook.set_properties({"title": "Clientele marketing list", "author": "", "company": "",
                             "comments": "Written by Clientele"})
    formats = _Formats(workbook, options)
    summary_frame = _summary_by_key(summary)
    seg_keys = list_df["segment"].astype(str).tolist() if "segment" in list_df.columns else None
    colours = _segment_colours(list(summary_frame.index) + (seg_keys or []), summary_frame)
    _write_summary_sheet(workbook, formats, list_df, summary_frame, options, lang, input_paths,
                         as_of, control_counts, colours)

    columns = [c for c in list_df.columns if c not in HIDDEN_COLUMNS]
    kinds = [_column_kind(c, list_df[c]) for c in columns]
    headers = [_header(c, lang) for c in columns]
    data = [_values(list_df[c]) for c in columns]
    widths = _widths(columns, headers, data)
    seg_col = columns.index("segment_name") if "segment_name" in columns else None

    groups: list[tuple[str, list[int] | None]] = [("客户名单" if lang == "zh" else "Customers", None)]
    if options.sheet_per_segment and seg_keys is not None:
        by_key: dict[str, list[int]] = {}
        for i, key in enumerate(seg_keys):
            by_key.setdefault(key, []).append(i)
        names = list_df["segment_name"].astype(str).tolist() if "segment_name" in list_df else seg_keys
        for key, rows in by_key.items():
            groups.append((names[rows[0]], rows))
    total = sum(len(list_df) if rows is None else len(rows) for _, rows in groups)
    done = 0
    used_names: set[str] = {"摘要" if lang == "zh" else "Summary"}
    for title, rows in groups:
        ws = workbook.add_worksheet(_sheet_name(title, used_names),
                                    worksheet_class=_xlsx_classes()[1])
        writer = _SheetWriter(ws, formats, kinds, headers, colours, seg_col, workbook.body_file)
        n = len(list_df) if rows is None else len(rows)
        writer.setup(widths, n)
        sub = data if rows is None else [[col[i] for i in rows] for col in data]
        keys = seg_keys if rows is None or seg_keys is None else [seg_keys[i] for i in rows]
        done = writer.write_rows(sub, keys, report, done, total)


def _widths(columns: list[str], headers: list[str], data: list[list[object]]) -> list[int]:
    widths = []
    for key, head, values in zip(columns, headers, data):
        best = _display_width(head) + 2
        for v in values[:500]:
            if v is None:
                continue
            text = v.strftime("%Y-%m-%d") if isinstance(v, (_dt.date, _dt.datetime)) else str(v)
            if isinstance(v, float):
                text = f"{v:,.2f}"
            best = max(best, _display_width(text[:120]) + 2)
        cap = 80 if key == "message" else 50
        widths.append(max(8, min(cap, best)))
    return widths


_SHEET_BAD = re.compile(r"[\[\]:*?/\\']")


def _sheet_name(title: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub("_", clean_text(title)).strip() or "Sheet"
    base = base[:31]
    name, n = base, 2
    while name.casefold() in {u.casefold() for u in used}:
        suffix = f" ({n})"
        name = base[:31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


_SUMMARY_LABELS = {
    "en": {
        "sheet": "Summary", "title": "Clientele marketing list", "as_of": "Analysis date",
        "exported": "Exported", "data": "Data", "note": "Notes", "in_list": "Customers in this list",
        "control": "Control group (held out, not in this list)", "offer": "Offer",
        "cost": "Cost per contact", "privacy": "Privacy",
        "privacy_text": "Ids are pseudonymised and/or names, phones and emails are masked.",
        "segments": "Segments",
        "cols": ["Segment", "Customers", "Share of customers", "Revenue", "Share of revenue",
                 "Average spend", "In this list", "Control group", "Suggested action"],
    },
    "zh": {
        "sheet": "摘要", "title": "Clientele 营销名单", "as_of": "分析日期", "exported": "导出时间",
        "data": "数据来源", "note": "备注", "in_list": "名单中的客户数",
        "control": "对照组（不联系，未列入名单）", "offer": "优惠内容", "cost": "单次联系成本",
        "privacy": "隐私", "privacy_text": "客户编号已做假名化处理，和/或姓名、电话、邮箱已部分隐藏。",
        "segments": "客户分群",
        "cols": ["客户分群", "客户数", "客户占比", "消费额", "消费额占比", "人均消费", "名单中",
                 "对照组", "建议行动"],
    },
}


def _write_summary_sheet(workbook: Any, f: _Formats, list_df: pd.DataFrame, summary: pd.DataFrame,
                         options: ExportOptions, lang: str, input_paths: list,
                         as_of: pd.Timestamp | None, control_counts: Mapping[str, int],
                         colours: dict[str, str]) -> None:
    labels = _SUMMARY_LABELS[lang]
    ws = workbook.add_worksheet(labels["sheet"])
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 14)
    ws.set_column(2, 7, 14)
    ws.set_column(8, 8, 60)

    def text(r: int, c: int, value: object, fmt: Any = None) -> None:
        write_text_cell(ws, r, c, value, fmt or f.text, f.text_quoted)

    row = 0
    text(row, 0, labels["title"], f.title)
    row += 2
    if as_of is not None and not pd.isna(as_of):
        text(row, 0, labels["as_of"], f.label)
        ws.write_datetime(row, 1, pd.Timestamp(as_of).tz_localize(None).to_pydatetime()
                          if pd.Timestamp(as_of).tzinfo else pd.Timestamp(as_of).to_pydatetime(), f.date)
        row += 1
    text(row, 0, labels["exported"], f.label)
    ws.write_datetime(row, 1, _dt.datetime.now().replace(microsecond=0), f.datetime)
    row += 1
    names = "; ".join(display_name(Path(p).name) for p in input_paths)
    if names:
        text(row, 0, labels["data"], f.label)
        text(row, 1, names)
        row += 1
    if options.source_note:
        text(row, 0, labels["note"], f.label)
        text(row, 1, options.source_note)
        row += 1
    text(row, 0, labels["in_list"], f.label)
    ws.write_number(row, 1, len(list_df), f.integer)
    row += 1
    held_out = sum(control_counts.values())
    if held_out:
        text(row, 0, labels["control"], f.label)
        ws.write_number(row, 1, held_out, f.integer)
        row += 1
    if options.offer:
        text(row, 0, labels["offer"], f.label)
        text(row, 1, options.offer)
        row += 1
    if options.cost_per_contact:
        text(row, 0, labels["cost"], f.label)
        ws.write_number(row, 1, float(options.cost_per_contact), f.money)
        row += 1
    if options.pseudonymise_ids or options.mask_contacts:
        text(row, 0, labels["privacy"], f.label)
        text(row, 1, labels["privacy_text"])
        row += 1

    row += 1
    text(row, 0, labels["segments"], f.title)
    row += 1
    for j, head in enumerate(labels["cols"]):
        write_text_cell(ws, row, j, head, f.header)
    header_row = row
    row += 1
    in_list = (list_df["segment"].astype(str).value_counts().to_dict()
               if "segment" in list_df.columns else {})
    keys = list(summary.index) or list(in_list)
    name_col = "name_zh" if lang == "zh" else "name"
    action_col = "action_zh" if lang == "zh" else "action"
    for key in keys:
        rec = summary.loc[key] if key in summary.index else pd.Series(dtype=object)
        name = rec.get(name_col) if isinstance(rec.get(name_col), str) else key
        colour = colours.get(key, "#FFFFFF")
        write_text_cell(ws, row, 0, name, f.fill(colour, False), f.fill(colour, True))
        for j, (col, fmt) in enumerate((("customers", f.integer), ("share", f.percent),
                                        ("revenue", f.money), ("revenue_share", f.percent),
                                        ("avg_spend", f.money)), start=1):
            value = pd.to_numeric(pd.Series([rec.get(col)]), errors="coerce").iloc[0]
            if pd.notna(value) and math.isfinite(value):
                ws.write_number(row, j, float(value), fmt)
        ws.write_number(row, 6, int(in_list.get(key, 0)), f.integer)
        ws.write_number(row, 7, int(control_counts.get(key, 0)), f.integer)
        text(row, 8, rec.get(action_col))
        row += 1
    ws.autofilter(header_row, 0, max(row - 1, header_row + 1), len(labels["cols"]) - 1)


# ---------------------------------------------------------------------------------------------
# CSV


def write_csv(list_df: pd.DataFrame, path: Path | str, options: ExportOptions,
              input_paths: Iterable[Path | str] = (), progress: Progress | None = None,
              headers: Sequence[str] | None = None) -> Path:
    """Write the list as CSV (UTF-8 with BOM so Excel shows Chinese) atomically and return its
    path. Text goes through csv_cell (OWASP escaping); numbers are written in full. `headers`:
    the columns to write, as named (default: the list's columns with their labels)."""
    report = progress or no_progress
    target = atomic_write(*_csv_job(list_df, path, options, input_paths, report, headers))
    report(1.0, "")
    return target


def _csv_job(list_df: pd.DataFrame, path: Path | str, options: ExportOptions,
             input_paths: Iterable[Path | str], report: Progress,
             headers: Sequence[str] | None = None) -> tuple[Path, Callable[[Path], None]]:
    """Return (checked target, function writing the CSV to a temporary file)."""
    target = check_target(path, list(input_paths), (".csv",))
    lang = "zh" if options.language.lower().startswith("zh") else "en"
    columns = ([c for c in list_df.columns if c not in HIDDEN_COLUMNS] if headers is None
               else list(headers))
    kinds = [_column_kind(c, list_df[c]) for c in columns]

    def rows() -> Iterable[list[object]]:
        data = [_values(list_df[c]) for c in columns]
        yield [_header(c, lang) if headers is None else c for c in columns]
        n = len(list_df)
        for i in range(n):
            if i % _PROGRESS_EVERY == 0:
                report(i / max(n, 1), "Writing the list")
            yield [col[i] for col in data]

    return target, _csv_rows_writer(rows, kinds, options.csv_delimiter)


def write_csv_rows(target: Path, rows: Iterable[Sequence[object]],
                   kinds: Sequence[str] | None = None, delimiter: str = ",") -> Path:
    """Write `rows` of values to the checked `target` as CSV (UTF-8 with BOM), atomically, each
    value through the list's CSV cell rules: text escaped with csv_cell (and any value of a
    "text" column in `kinds` written as text), numbers in full, dates as ISO dates."""
    rows = list(rows)
    return atomic_write(target, _csv_rows_writer(lambda: rows, kinds, delimiter))


def _csv_rows_writer(rows: Callable[[], Iterable[Sequence[object]]], kinds: Sequence[str] | None,
                     delimiter: str) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle, delimiter=delimiter or ",", lineterminator="\r\n")
            for row in rows():
                out.writerow([_csv_value(v, "auto" if kinds is None else kind)
                              for v, kind in zip(row, kinds or row)])

    return write


def _csv_value(value: object, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_cell(value)
    if kind == "text":
        return csv_cell(_to_text(value) or "")
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.strftime("%Y-%m-%d")
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else csv_cell(str(value))  # see csv_cell
    if hasattr(value, "item"):
        return _csv_value(value.item(), kind)
    return csv_cell(str(value))


# ---------------------------------------------------------------------------------------------
# Any other table (suggestions, products, ...): the same cells as the marketing list


def write_table(table: pd.DataFrame, path: Path | str, input_paths: Iterable[Path | str] = (),
                sheet: str = "Sheet1", progress: Progress | None = None) -> Path:
    """Write `table` (its columns, not its index) to .xlsx or .csv (by the extension) with the
    marketing list's cell rules, atomically, and return the path: text as text cells (quote
    prefix in xlsx, apostrophe in CSV for formula-like text), numbers as numbers, headers as
    the column names."""
    input_paths = list(input_paths)
    target = check_target(path, input_paths)
    frame = table.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    if target.suffix.lower() == ".csv":
        return write_csv(frame, target, ExportOptions(), input_paths, progress=progress,
                         headers=list(frame.columns))
    if len(frame) >= EXCEL_MAX_ROWS:
        raise InputError(f"The table has {len(frame):,} rows, more than an Excel sheet holds; "
                         "save it as CSV instead.",
                         zh=f"该表有 {len(frame):,} 行，超过了一个 Excel 工作表能容纳的行数；请改存为 CSV。")
    report = progress or no_progress

    def write(tmp: Path) -> None:
        workbook = new_workbook(tmp, constant_memory=len(frame) > CONSTANT_MEMORY_ROWS)
        try:
            formats = _Formats(workbook, ExportOptions())
            ws = workbook.add_worksheet(_sheet_name(sheet, set()), worksheet_class=_xlsx_classes()[1])
            columns = list(frame.columns)
            kinds = [_column_kind(c, frame[c]) for c in columns]
            data = [_values(frame[c]) for c in columns]
            writer = _SheetWriter(ws, formats, kinds, columns, {}, None, workbook.body_file)
            writer.setup(_widths(columns, columns, data), len(frame))
            writer.write_rows(data, None, report, 0, len(frame))
        except BaseException:
            workbook.discard()
            raise
        workbook.close()

    atomic_write(target, write)
    report(1.0, "")
    return target


# ---------------------------------------------------------------------------------------------
# One call for the CLI and the app


def export_marketing_list(customers: pd.DataFrame, segments: pd.DataFrame | None,
                          path: Path | str, options: ExportOptions,
                          input_paths: Iterable[Path | str] = (), *,
                          as_of: pd.Timestamp | None = None,
                          progress: Progress | None = None) -> ExportResult:
    """Build the list, hold out the control group, write .xlsx or .csv (by the file's extension)
    and the campaign record `<name>.campaign.json` next to it; return what was written."""
    from .campaigns import (
        CampaignRecord,
        campaign_record_path,
        check_cost_per_contact,
        split_control_group,
    )

    input_paths = list(input_paths)
    target = check_target(path, input_paths)
    cost_per_contact = check_cost_per_contact(options.cost_per_contact or 0.0)
    if not 0.0 <= options.control_share < 1.0:
        raise InputError("The control group share must be between 0% and 90% of the chosen customers.",
                         zh="对照组比例必须在所选客户的 0% 到 90% 之间。")
    report = progress or no_progress
    report(0.0, "Preparing the list")
    full = build_marketing_list(customers, segments, options)
    seed = options.seed if options.seed is not None else secrets.randbelow(2**31)
    real_ids = list(full.index)
    keys = full["segment"].astype(str).tolist()
    contacted, control = split_control_group(real_ids, options.control_share, seed, strata=keys)
    control_set = set(control)
    mask = [i not in control_set for i in real_ids]
    listed = full.loc[mask]
    listed.attrs = dict(full.attrs)
    if listed.empty:
        raise InputError("Every chosen customer would be in the control group; choose more customers "
                         "or a smaller control group.",
                         zh="所有选中的客户都会被分到对照组；请选择更多客户，或缩小对照组。")
    control_counts: dict[str, int] = {}
    for i, key in zip(real_ids, keys):
        if i in control_set:
            control_counts[key] = control_counts.get(key, 0) + 1

    campaign_path = campaign_record_path(target) if options.write_campaign_record else None
    if campaign_path is not None:
        check_target(campaign_path, input_paths, (".json",))
    writing = lambda f, m="": report(0.05 + 0.9 * f, m)  # noqa: E731
    if target.suffix.lower() == ".csv":
        job = _csv_job(listed, target, options, input_paths, writing)
    else:
        job = _workbook_job(listed, segments, target, options, input_paths, as_of, control_counts,
                            writing)

    record = CampaignRecord.new(
        contacted=contacted, control=control, segments=list(dict.fromkeys(keys)),
        offer=options.offer, cost_per_contact=cost_per_contact,
        control_share=options.control_share, seed=seed, name=options.campaign_name,
        as_of=as_of, export_file=target.name, source_files=[Path(p).name for p in input_paths],
        pseudonymised=options.pseudonymise_ids)
    # The list and its record are one unit: both are written, or neither is.
    atomic_write_all([job] + ([(campaign_path, record.writer())] if campaign_path is not None else []))
    report(1.0, "")
    return ExportResult(path=target, rows=len(listed), control=len(control),
                        campaign_path=campaign_path, record=record,
                        salt=str(full.attrs.get("salt", "")), list_frame=listed)
