"""Marketing consent: who said yes, who said no (refused, unsubscribed, opted out) and who never said.

A consent column (role `consent`, roles.py) is read into the customer table's `consent` column:
True (agreed), False (refused) or None (unknown: an empty cell, a word we do not know, a customer the
column does not cover). Its header says which way a plain yes/no points: "Accepts Email Marketing",
营销同意, opt-in: yes = agreed; "Unsubscribed", 退订, 拒收, opt out: yes = refused. Self-describing
cells (subscribed, unsubscribed, 已退订, 同意, 拒绝 …) mean what they say under any header.

Every marketing list and every "this week" list leaves out those who refused (never an option to
include them); a customer table without the `consent` column comes from files with no consent column,
and nobody is taken as having refused (the caller says so with `consent_none`).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..texts import Message, message
from .errors import InputError
from .headers import normalise_header

# Header words (normalised as roles.normalise_header does) of a column saying the customer agreed.
AGREE_HEADERS = [
    "consent", "marketingconsent", "consenttomarketing", "acceptsmarketing", "acceptsemailmarketing",
    "acceptssmsmarketing", "emailmarketing", "smsmarketing", "optin", "optedin", "emailoptin", "smsoptin",
    "marketingoptin", "subscribed", "subscriber", "newslettersubscribed", "newsletter", "marketingallowed",
    "营销同意", "是否同意营销", "同意营销", "同意接收营销", "同意接收营销信息", "接收营销", "营销许可",
    "是否接收营销短信",
    "接收短信", "订阅", "是否订阅",
]
# ... and one saying the customer refused: here a plain "yes" is a refusal.
REFUSE_HEADERS = [
    "optout", "optedout", "unsubscribed", "unsubscribe", "donotcontact", "donotmarket", "donotemail",
    "donotsms", "nomarketing", "marketingoptout", "emailoptout", "smsoptout",
    "退订", "已退订", "是否退订", "拒收", "拒收短信", "拒收营销", "拒绝营销", "免打扰", "营销免打扰",
]
_REFUSE_WORDS = ("optout", "optedout", "unsubscri", "donot", "nomarketing", "退订", "拒收", "拒绝", "免打扰")

# Cells that say what they mean under any header.
_AGREED = {"subscribed", "optedin", "optin", "accepted", "accept", "agreed", "agree", "granted", "consented",
           "allowed", "同意", "已同意", "已订阅", "订阅", "接收", "允许", "愿意"}
_REFUSED = {"unsubscribed", "unsubscribe", "optedout", "optout", "declined", "refused", "denied", "revoked",
            "notsubscribed", "不同意", "拒绝", "已拒绝", "已退订", "退订", "拒收", "不接收", "不允许", "不愿意"}
# Cells whose meaning the header decides.
_YES = {"yes", "y", "true", "t", "1", "1.0", "是", "√", "✓", "on"}
_NO = {"no", "n", "false", "f", "0", "0.0", "否", "×", "✗", "off"}


def _norm(value: Any) -> str:
    return re.sub(r"[\s_\-./]+", "", str(value).strip().lower())


def refusing_header(column: str) -> bool:
    """True when a plain yes in this column means the customer refused (退订, unsubscribed, opt out)."""
    h = normalise_header(column)
    return any(w in h for w in _REFUSE_WORDS)


def _one(value: Any, refusing: bool) -> bool | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool):
        return (not value) if refusing else value
    word = _norm(value)
    if word in _AGREED:
        return True
    if word in _REFUSED:
        return False
    if word in _YES:
        return not refusing
    if word in _NO:
        return refusing
    return None


def consent_values(values: pd.Series, column: str = "") -> pd.Series:
    """The cells of a consent column as True (agreed), False (refused) or None (unknown); `column`
    (its header) says which way a plain yes/no points."""
    refusing = refusing_header(column)
    mapping = {v: _one(v, refusing) for v in pd.unique(values.to_numpy(dtype=object))}
    return pd.Series([mapping[v] for v in values.to_numpy(dtype=object)], index=values.index, dtype=object)


def readable_share(values: pd.Series) -> float:
    """Share of the non-empty cells that are a consent answer (for role detection)."""
    cells = values.dropna().astype(str).str.strip()
    cells = cells[cells != ""]
    if cells.empty:
        return 0.0
    return float(cells.map(lambda v: _one(v, False) is not None).mean())


def as_consent(value: Any) -> bool | None:
    """A stored consent value (True/False, or their text as a project keeps it) as True/False/None."""
    if isinstance(value, bool):
        return value
    text = str(value).strip() if value is not None else ""
    return {"True": True, "False": False}.get(text)


def refused(customers: pd.DataFrame) -> pd.Series:
    """A boolean per customer: True for those who refused marketing."""
    if "consent" not in customers.columns:
        return pd.Series(False, index=customers.index)
    return customers["consent"].map(lambda v: as_consent(v) is False).astype(bool)


def leave_out_refusers(customers: pd.DataFrame) -> tuple[pd.DataFrame, int, Message]:
    """The customers without those who refused marketing, how many were left out, and the note to
    show: how many were left out, or that the files had no consent column. Raises InputError when
    every one of them refused."""
    if "consent" not in customers.columns:
        return customers, 0, message("consent_none")
    mask = refused(customers)
    n = int(mask.sum())
    if n and n == len(customers):
        raise InputError("consent_all_refused", n=n)
    return customers[~mask.to_numpy()], n, message("consent_excluded", n=n)


def drop_refusers(table: pd.DataFrame, customers: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """A long table with a customer_id column (who to offer a product, suggestions) without the rows
    of customers who refused marketing; and how many customers were left out."""
    if "customer_id" not in table.columns or "consent" not in customers.columns:
        return table, 0
    no = set(customers.index[refused(customers).to_numpy()].astype(str))
    mask = table["customer_id"].astype(str).isin(no).to_numpy()
    return table[~mask], int(table.loc[mask, "customer_id"].nunique())
