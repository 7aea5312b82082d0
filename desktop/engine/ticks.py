"""This week's "contacted" ticks and the filter builder's saved lists, as a project keeps them
(project.py, tables `ticks` and `saved_lists`), and who This week leaves out.

A tick says the owner contacted a customer from the list of `as_of` (the analysis date the list was
made for) on the day `ticked_on`. A customer ticked for a list up to TICK_DAYS before the analysis date
(or for a later one) leaves every list; after that they may come back when they are due again. The
control group of a campaign exported up to CONTROL_DAYS before the analysis date is left out too:
writing to them would spoil the campaign's measurement (campaigns.py).
"""

from __future__ import annotations

from datetime import date, datetime, UTC
from typing import Any
from collections.abc import Iterable

import pandas as pd

from .errors import InputError

TICK_DAYS = 30      # a contacted customer stays off the lists this many days
CONTROL_DAYS = 90   # a campaign's control group stays off the lists this many days after the export
MAX_LIST_NAME = 200


def tick(ticks: list[dict[str, Any]], ids: Iterable[str], as_of: Any, kind: str | None = None,
         today: date | None = None) -> list[dict[str, Any]]:
    """`ticks` with the customers `ids` ticked as contacted from the list of `as_of` (one tick per
    customer: a new tick replaces an older one)."""
    day = (today or datetime.now(UTC).date()).isoformat()
    as_of_text = pd.Timestamp(as_of).date().isoformat()
    new = {str(i): {"customer_id": str(i), "ticked_on": day, "as_of": as_of_text, "kind": kind} for i in ids}
    return [t for t in ticks if t["customer_id"] not in new] + list(new.values())


def untick(ticks: list[dict[str, Any]], ids: Iterable[str]) -> list[dict[str, Any]]:
    """`ticks` without the customers `ids`."""
    gone = {str(i) for i in ids}
    return [t for t in ticks if t["customer_id"] not in gone]


def contacted(ticks: list[dict[str, Any]], as_of: Any) -> set[str]:
    """Customers ticked for a list of `as_of` or of up to TICK_DAYS before it."""
    day = pd.Timestamp(as_of).normalize()
    start = day - pd.Timedelta(days=TICK_DAYS)
    return {t["customer_id"] for t in ticks if pd.Timestamp(t["as_of"]) >= start}


def held_out(campaigns: Iterable[Any], as_of: Any) -> set[str]:
    """The control groups of campaigns exported from an analysis of up to CONTROL_DAYS before `as_of`
    (or later). `campaigns` are CampaignRecords or their dicts (a project's records)."""
    from .campaigns import CampaignRecord

    day = pd.Timestamp(as_of).normalize()
    out: set[str] = set()
    for c in campaigns:
        try:
            record = c if isinstance(c, CampaignRecord) else CampaignRecord.from_dict(dict(c))
        except (InputError, TypeError, ValueError):
            continue  # a project's free-form record that is not an export's: no control group
        when = pd.Timestamp(record.as_of) if record.as_of else record.start
        if when >= day - pd.Timedelta(days=CONTROL_DAYS):
            out.update(record.control)
    return out


def save_list(lists: list[dict[str, Any]], name: str, expression: str) -> list[dict[str, Any]]:
    """`lists` with the filter `expression` saved as `name` (replacing a list of that name). The
    expression must read (filters.parse raises InputError naming the position)."""
    from .filters import parse

    name = str(name).strip()
    if not name or len(name) > MAX_LIST_NAME:
        raise InputError("ticks_list_name", most=MAX_LIST_NAME)
    parse(expression)
    created = datetime.now(UTC).isoformat(timespec="seconds")
    return [x for x in lists if x["name"] != name] + [{"name": name, "expression": expression, "created": created}]


def delete_list(lists: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [x for x in lists if x["name"] != str(name).strip()]


def find_list(lists: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """The saved list called `name`; InputError naming the lists there are."""
    for x in lists:
        if x["name"] == str(name).strip():
            return x
    if not lists:
        raise InputError("ticks_no_such_list_none", name=repr(name))
    raise InputError("ticks_no_such_list", name=repr(name), names=[repr(x["name"]) for x in lists])
