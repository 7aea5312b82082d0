"""The marketing list itself: which customers, which columns, the message per customer."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ... import texts
from .. import messages
from ..consent import leave_out_refusers
from ..errors import InputError
from .cells import _as_text_series
from .labels import CURRENCY_COLUMNS, KNOWN_EXTRA_COLUMNS, own_column
from .privacy import mask_email, mask_name, mask_phone, pseudonymise_id


@dataclass
class ExportOptions:
    """What to export and how. Segment keys (or their English/Chinese names) choose the customers."""

    segments: Sequence[str] | None = None  # None: every segment
    language: str = "en"  # a catalogue language ("en", "zh"...): headers, segment names, actions, messages
    templates: Mapping[str, str] | None = None  # segment key (or "generic") -> message template
    extra_columns: Sequence[str] | None = None  # None: the known prediction/suggestion columns present
    sheet_per_segment: bool = False
    control_share: float = 0.0  # e.g. DEFAULT_CONTROL_SHARE; 0 means no control group
    seed: int | None = None  # None: a random seed, recorded in the campaign record
    campaign_name: str = ""
    offer: str = ""
    cost_per_contact: float = 0.0
    pseudonymise_ids: bool = False  # stable salted hash instead of the real customer id
    mask_contacts: bool = False  # 138****8000, z***@example.com, J*** S****
    salt: str = ""  # for pseudonymised ids; empty: a new random salt (returned in ExportResult)
    currency_symbol: str = ""
    csv_delimiter: str = ","
    source_note: str = ""  # extra line for the summary sheet, e.g. "18,532 of 20,000 rows used"
    write_campaign_record: bool = True


def build_marketing_list(customers: pd.DataFrame, segments: pd.DataFrame | None,
                         options: ExportOptions) -> pd.DataFrame:
    """Return the marketing list for the chosen segments: one row per customer, indexed by the real
    customer id, with columns customer_id (pseudonymised when asked), name, phone, email, city,
    segment (key), segment_name, monetary, frequency, last_purchase, recency_days, the extra
    columns, action and message. Rows are in summary order of segments, biggest spenders first.
    When ids are pseudonymised the salt used is in `result.attrs["salt"]`."""
    if "segment" not in customers.columns:
        raise InputError("export_customers_segments_yet_run")
    lang = texts.language_of(options.language)
    summary = _summary_by_key(segments)
    keys = _chosen_segment_keys(customers, summary, options.segments)
    chosen = customers[customers["segment"].astype(str).isin(keys)]
    if chosen.empty:
        raise InputError("export_customers_chosen_segments_choose")
    chosen, consent_excluded, consent_note = leave_out_refusers(chosen)  # never those who refused
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
            raise InputError("export_column_customer_table_available", missing=missing[0],
                             columns=[str(c) for c in chosen.columns])
    for col in extras:
        if col in out.columns:
            continue
        values = chosen[col]
        if col == "churn_band":
            bands = texts.labels("churn_band", lang)
            values = values.map(lambda v, bands=bands: bands.get(v, v))
        elif values.dtype == object:
            values = values.map(lambda v: texts.join(map(str, v), lang) if isinstance(v, (list, tuple)) else v)
        elif col in CURRENCY_COLUMNS:
            values = values.round(2)
        out[col] = values.to_numpy()

    action_col = own_column(summary.columns, "action", lang)
    if action_col in summary.columns:
        out["action"] = seg.map(summary[action_col]).fillna("").astype(object).to_numpy()
    else:
        out["action"] = ""

    if options.mask_contacts:
        for col, masker in (("customer_name", mask_name), ("phone", mask_phone), ("email", mask_email)):
            if col in out.columns:
                out[col] = out[col].map(lambda v, m=masker: m(v) if isinstance(v, str) else v)

    out["message"] = _messages(out, chosen, lang, options.templates, summary)

    out.attrs["consent_excluded"], out.attrs["consent_note"] = consent_excluded, consent_note
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
    own = [f"_{language}" for language in texts.LANGUAGES if language != "en"]
    for frame, cols in ((summary, ("name", *("name" + o for o in own))),):
        for col in cols:
            if col in frame.columns:
                for key, name in frame[col].items():
                    if isinstance(name, str):
                        lookup.setdefault(name.strip().casefold(), str(key))
    for col in ("segment_name", *("segment_name" + o for o in own)):
        if col in customers.columns:
            pairs = customers[["segment", col]].dropna().drop_duplicates()
            for key, name in zip(pairs["segment"].astype(str), pairs[col].astype(str)):
                lookup.setdefault(name.strip().casefold(), key)
    keys = []
    for item in wanted:
        key = lookup.get(str(item).strip().casefold())
        if key is None:
            raise InputError("export_segment_called_choose", item=item, segments=list(present))
        keys.append(key)
    return list(dict.fromkeys(keys))


def _segment_names(chosen: pd.DataFrame, summary: pd.DataFrame, lang: str) -> pd.Series:
    seg = chosen["segment"].astype(str)
    col = own_column(chosen.columns, "segment_name", lang)
    names = chosen[col].astype(object) if col in chosen.columns else pd.Series(None, index=chosen.index, dtype=object)
    summary_col = own_column(summary.columns, "name", lang)
    if summary_col in summary.columns:
        names = names.where(names.notna(), seg.map(summary[summary_col]))
    return names.where(names.notna(), seg).astype(str)


def _messages(out: pd.DataFrame, chosen: pd.DataFrame, lang: str,
              templates: Mapping[str, str] | None, summary: pd.DataFrame) -> list[str]:
    from ..segments.group_products import template_for

    own_col = own_column(summary.columns, "message_template", lang)
    own = summary[own_col] if own_col in summary.columns else pd.Series(dtype=object)
    products = _first_products(chosen)
    names = out["customer_name"].tolist() if "customer_name" in out.columns else [None] * len(out)
    days = chosen["recency_days"].tolist() if "recency_days" in chosen.columns else [None] * len(out)
    cache: dict[str, str] = {}
    result = []
    for key, seg_name, name, product, day in zip(out["segment"], out["segment_name"], names,
                                                 products, days):
        template = cache.get(key)
        if template is None:
            group_template = own.get(key)
            template = cache[key] = template_for(key, lang, templates,
                                                 group_template if isinstance(group_template, str) else None)
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
