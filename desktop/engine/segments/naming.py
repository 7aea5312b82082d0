"""Plain-language names for clusters, from how each differs from the average customer.

A cluster's traits are the features where its mean (in standardised units) is at least half a
standard deviation from the average. The strongest traits become a name in each language, from the
catalogue's words (segment_trait and segment_noun labels) and its word order (segment_name_traits):
"Frequent big spenders", "Lapsed one-time bargain hunters". Names are unique within a segmentation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .features import GENDER_WORDS, FeatureMatrix
from .words import Render, held, joined, label, pair, plain, text, words

TRAIT_Z = 0.5          # half a standard deviation from average counts as a trait
CATEGORY_Z = 0.8       # a product category must stand out more to name the group after it
UNUSUAL = -1
MOST_CUSTOMERS = 0.5   # a group holding more than this share is the shop's typical customer
MEDIAN_MARGIN = 0.25   # a group's median must be this far beyond the shop's to be "more" or "less"



@dataclass
class _Trait:
    slot: str        # status | frequency | person | place
    strength: float
    words: Render    # a segment_trait label, or the place's phrase


def name_segments(fm: FeatureMatrix, labels: np.ndarray) -> dict[int, tuple[str, str]]:
    """Return {label: (English name, Chinese name)}, unique within the segmentation."""
    X = fm.X
    labels = np.asarray(labels)
    drafts: dict[int, tuple[list[_Trait], tuple[str, Render, float], bool]] = {}
    for lab in _ordered_labels(labels):
        member = labels == lab
        z = X[member].mean(axis=0)
        raw = fm.raw[member]
        # Customers whose only lines in the period are returns have no orders at all.
        returns_only = "frequency" in raw and bool((raw["frequency"] <= 0).mean() >= 0.5)
        drafts[int(lab)] = (_traits(fm, z, raw), _noun(fm, z, raw), returns_only)
    names: dict[int, tuple[str, str]] = {}
    for lab, (traits, noun, returns_only) in drafts.items():
        names[lab] = _compose(traits[:2], noun, unusual=lab == UNUSUAL, returns_only=returns_only)
    # Make clashing names unique: first by adding a further trait, then by numbering.
    for extra in (3, 4):
        clashes = _clashes(names)
        if not clashes:
            break
        for lab in clashes:
            traits, noun, returns_only = drafts[lab]
            names[lab] = _compose(traits[:extra], noun, unusual=lab == UNUSUAL,
                                  returns_only=returns_only)
    clashes = _clashes(names)
    if clashes:
        names.update(_qualified(names, clashes, fm, labels))
    clashes = _clashes(names)
    if clashes:
        seen: dict[str, int] = {}
        for lab in sorted(clashes, key=lambda lab_: -int(np.sum(labels == lab_))):
            en = names[lab][0]
            seen[en] = seen.get(en, 0) + 1
            names[lab] = pair(text("segment_name_numbered", name=held(names[lab]), n=seen[en]))
    return names


# How a group's median of each column is said (catalogue codes; the median and the currency symbol
# in), in the order of the profile sentence. A code for a count of one has its own form, `code`_one.
_TYPICAL = (
    ("frequency", lambda v, c: text("segment_typical_orders" + _one(v), n=_count(v))),
    ("monetary", lambda v, c: text("segment_typical_spent", money=_money(v, c))),
    ("avg_order_value", lambda v, c: text("segment_typical_per_order", money=_money(v, c))),
    ("recency_days", lambda v, c: text("segment_typical_last_bought" + _one(v), n=_count(v))),
    ("tenure_days", lambda v, c: text("segment_typical_first_bought" + _one(v), n=_count(v))),
)


def _one(v: float) -> str:
    return "_one" if _count(v) == "1" else ""


def profile_sentences(fm: FeatureMatrix, labels: np.ndarray, customers: pd.DataFrame | None = None,
                      currency: str = "") -> dict[int, tuple[str, str]]:
    """Return {label: (English, Chinese)} sentences describing a typical member of each group
    (medians of the customer table's own values where given, so nothing filled-in is shown)."""
    labels = np.asarray(labels)
    out: dict[int, tuple[str, str]] = {}
    raw = fm.raw.copy()
    if customers is not None:
        for col in ("frequency", "monetary", "avg_order_value", "recency_days", "tenure_days", "age"):
            if col in customers.columns:
                raw[col] = pd.to_numeric(customers[col], errors="coerce").reindex(raw.index)
    for lab in _ordered_labels(labels):
        part = raw[labels == lab]
        parts: list[Render] = [phrase(part[col].median(), currency) for col, phrase in _TYPICAL if col in part]
        shares = [c for c in part.columns if c.startswith("share:")]
        if shares:
            top = part[shares].mean().idxmax()
            cat = top.split(":", 1)[1]
            parts.append(text("segment_typical_share", share=part[top].mean(),
                              category=text("other_categories") if cat == "__other__" else cat))
        if "age" in part:
            parts.append(text("segment_typical_age", n=_count(part["age"].median())))
        out[int(lab)] = pair(text("segment_typical", parts=joined(parts, "comma"))) if parts else ("", "")
    return out


def membership_text(probabilities: pd.Series, names: dict, top: int | None = None,
                    min_share: float = 0.1) -> tuple[str, str]:
    """Return e.g. ("70% Gift buyers, 30% Regulars", the same in Chinese) from one customer's
    membership probabilities (index = segment key, `names` maps the key to (en, zh)): every group
    with at least `min_share` (at most `top` of them when given)."""
    p = probabilities.sort_values(ascending=False)
    p = p[p >= min_share].iloc[:top]
    if p.empty:
        p = probabilities.sort_values(ascending=False).iloc[:1]
    return pair(joined([_share_of(v, names[k]) for k, v in p.items()], "comma"))


def _share_of(share: float, name: tuple[str, str]) -> Render:
    return lambda language: f"{share:.0%} {held(name)(language)}"


def unique_renames(names: dict, renames: Mapping) -> dict:
    """Return `names` with the user's `renames` applied ({key: "new" or (en, zh)}).

    A name typed in one language is used for both. Raises ValueError when two groups would share
    a name, because the lists and exports are keyed by it.
    """
    out = dict(names)
    for key, new in renames.items():
        if key not in out:
            raise KeyError(key)
        if isinstance(new, str):
            new = (new.strip(), new.strip())
        en, zh = (str(new[0]).strip(), str(new[1]).strip() or str(new[0]).strip())
        if not en:
            raise ValueError("A segment name cannot be empty.")
        out[key] = (en, zh)
    ens = [v[0].casefold() for v in out.values()]
    if len(set(ens)) != len(ens):
        raise ValueError("Two segments cannot have the same name.")
    return out


# --- internals ---------------------------------------------------------------------------------

def _ordered_labels(labels: np.ndarray) -> list[int]:
    return [int(v) for v in pd.unique(pd.Series(labels))]


def _clashes(names: dict[int, tuple[str, str]]) -> list[int]:
    counts = pd.Series([v[0] for v in names.values()]).value_counts()
    dup = set(counts[counts > 1].index)
    return [k for k, v in names.items() if v[0] in dup]


# What sets a group apart from a namesake: the catalogue's segment_qualifier labels, <feature>_high/_low.
_QUALIFIERS = ("recency_days", "frequency", "monetary", "avg_order_value", "avg_days_between", "tenure_days",
               "age", "income")


def _qualified(names: dict[int, tuple[str, str]], clashes: list[int], fm: FeatureMatrix,
               labels: np.ndarray) -> dict[int, tuple[str, str]]:
    """Return clashing names with what sets each apart from its namesakes: "(bigger baskets)"."""
    X = fm.X
    out: dict[int, tuple[str, str]] = {}
    by_name: dict[str, list[int]] = {}
    for lab in clashes:
        by_name.setdefault(names[lab][0], []).append(lab)
    for group in by_name.values():
        means = pd.DataFrame({lab: X[labels == lab].mean(axis=0) for lab in group}).T
        # Filled-in values (gaps of one-time buyers) would name a difference nobody has.
        usable = [c for c in means.columns if c in _QUALIFIERS and fm.info(c).fill is None]
        if not usable:
            continue
        centre = means[usable].mean(axis=0)
        for lab in group:
            diff = means.loc[lab, usable] - centre
            key = diff.abs().idxmax()
            qualifier = label("segment_qualifier", f"{key}_{'high' if diff[key] > 0 else 'low'}")
            out[lab] = pair(text("segment_name_qualified", name=held(names[lab]), qualifier=qualifier))
    return out


def _get(z: pd.Series, key: str) -> float:
    return float(z[key]) if key in z.index else 0.0


def _holds(fm: FeatureMatrix, raw: pd.DataFrame, key: str, high: bool) -> bool:
    """Whether a group's "more" (`high`) or "less" of `key` holds against the shop's typical
    customer: a group holding most customers is the typical customer, and the group's median must
    lie beyond the shop's median by a clear margin (a quarter), so a name never calls a group
    "big spenders" or "frequent" when its typical member spends or buys like everybody else."""
    if key not in raw or key not in fm.raw:
        return True
    if len(raw) > MOST_CUSTOMERS * len(fm.raw):
        return False
    mine, everyone = raw[key], fm.raw[key]
    if key == "avg_days_between" and "frequency" in raw:
        # Gaps exist only for repeat buyers (the others' are filled in): compare theirs.
        mine, everyone = mine[raw["frequency"] > 1], everyone[fm.raw["frequency"] > 1]
    group = float(pd.to_numeric(mine, errors="coerce").median())
    shop = float(pd.to_numeric(everyone, errors="coerce").median())
    if np.isnan(group) or np.isnan(shop):
        return True
    if key == "frequency":  # whole orders: more or fewer than the typical customer's count
        return group > shop if high else group < shop
    return group > shop * (1 + MEDIAN_MARGIN) if high else group < shop * (1 - MEDIAN_MARGIN)


def _traits(fm: FeatureMatrix, z: pd.Series, raw: pd.DataFrame) -> list[_Trait]:
    traits: list[_Trait] = []
    rec, ten, freq = _get(z, "recency_days"), _get(z, "tenure_days"), _get(z, "frequency")
    # A trait in standard units must also hold in the group's own days and orders.
    if rec <= -TRAIT_Z and not _holds(fm, raw, "recency_days", high=False):
        rec = 0.0
    if rec >= TRAIT_Z and not _holds(fm, raw, "recency_days", high=True):
        rec = 0.0
    if ten >= TRAIT_Z and not _holds(fm, raw, "tenure_days", high=True):
        ten = 0.0
    if ten <= -TRAIT_Z and len(raw) > MOST_CUSTOMERS * len(fm.raw):
        ten = 0.0
    if freq >= TRAIT_Z and not _holds(fm, raw, "frequency", high=True):
        freq = 0.0
    if freq <= -TRAIT_Z and not _holds(fm, raw, "frequency", high=False):
        freq = 0.0
    # "New" must also hold in days: at most half the typical customer's tenure.
    if (ten <= -TRAIT_Z and "tenure_days" in raw
            and raw["tenure_days"].median() > 0.5 * fm.raw["tenure_days"].median()):
        ten = -TRAIT_Z + 0.01
    if rec <= -TRAIT_Z and ten <= -TRAIT_Z:
        traits.append(_Trait("status", max(-rec, -ten), label("segment_trait", "new")))
    elif rec <= -TRAIT_Z:
        traits.append(_Trait("status", -rec, label("segment_trait", "active")))
    elif rec >= TRAIT_Z:
        traits.append(_Trait("status", rec, label("segment_trait", "lapsed")))
    elif ten <= -TRAIT_Z:
        traits.append(_Trait("status", -ten, label("segment_trait", "new")))
    elif ten >= TRAIT_Z:
        traits.append(_Trait("status", ten, label("segment_trait", "long_standing")))
    if "frequency" in raw and (raw["frequency"] <= 1).mean() >= 0.75:
        traits.append(_Trait("frequency", max(-freq, TRAIT_Z), label("segment_trait", "one_time")))
    elif freq >= TRAIT_Z:
        traits.append(_Trait("frequency", freq, label("segment_trait", "frequent")))
    elif freq <= -TRAIT_Z:
        traits.append(_Trait("frequency", -freq, label("segment_trait", "occasional")))
    elif _get(z, "avg_days_between") <= -TRAIT_Z and _holds(fm, raw, "avg_days_between", high=False):
        traits.append(_Trait("frequency", -_get(z, "avg_days_between"), label("segment_trait", "regular")))
    age = _get(z, "age")
    if age >= TRAIT_Z:
        traits.append(_Trait("person", age, label("segment_trait", "older")))
    elif age <= -TRAIT_Z:
        traits.append(_Trait("person", -age, label("segment_trait", "younger")))
    for col in [c for c in z.index if c.startswith("gender:")]:
        if z[col] >= CATEGORY_Z and raw[col].mean() >= 0.8:
            value = col.split(":", 1)[1]
            gender = GENDER_WORDS.get(value.strip().casefold())
            traits.append(_Trait("person", float(z[col]), label("segment_trait", gender) if gender else plain(value)))
            break
    for col in [c for c in z.index if c.startswith("city:")]:
        if z[col] >= CATEGORY_Z and raw[col].mean() >= 0.6:
            city = col.split(":", 1)[1]
            traits.append(_Trait("place", float(z[col]), text("segment_name_place", city=city)))
            break
    traits.sort(key=lambda t: -t.strength)
    return traits


def _noun(fm: FeatureMatrix, z: pd.Series, raw: pd.DataFrame | None = None) -> tuple[str, Render, float]:
    """What the group's customers are called: (segment_noun key or "category", words, strength)."""
    shares = [(c, float(z[c])) for c in z.index if c.startswith("share:")]
    if shares:
        col, zc = max(shares, key=lambda t: t[1])
        if zc >= CATEGORY_Z and not col.endswith("__other__"):
            cat = col.split(":", 1)[1]
            return "category", text("segment_name_category_buyers", category=cat), zc
    m, a = _get(z, "monetary"), _get(z, "avg_order_value")
    if raw is not None:
        # Spend words must hold against the shop's typical customer, not only in standard units.
        m = m if _holds(fm, raw, "monetary", high=m > 0) else 0.0
        a = a if _holds(fm, raw, "avg_order_value", high=a > 0) else 0.0
    candidates = [(key, label("segment_noun", key), strength) for key, strength in
                  (("big_spenders", m), ("big_basket", a), ("small_spenders", -m), ("bargain_hunters", -a))]
    # High total spend wins over a big basket when both hold: it is what the shop cares about.
    if m >= TRAIT_Z:
        return candidates[0]
    best = max(candidates[1:], key=lambda c: c[2])
    if best[2] >= TRAIT_Z:
        return best
    return "buyers", label("segment_noun", "buyers"), 0.0


def _compose(traits: list[_Trait], noun: tuple[str, Render, float], unusual: bool = False,
             returns_only: bool = False) -> tuple[str, str]:
    noun_key, noun_words, _ = noun
    if unusual:
        # Unusual customers are unusual in different ways; one shared trait would mislead.
        return pair(label("cluster_name", "unusual"))
    if returns_only:
        return pair(label("cluster_name", "returns_only"))
    if not traits and noun_key == "buyers":
        return pair(label("cluster_name", "typical"))
    slots = {slot: [t.words for t in traits if t.slot == slot] for slot in ("status", "frequency", "person", "place")}
    name = text("segment_name_traits", noun=noun_words,
                **{slot: _slot(parts) for slot, parts in slots.items()})
    return pair(words(name, "segment_name_traits"))


def _slot(parts: list[Render]) -> Render:
    """The words of one slot of a name (none, one, or two such as "older female")."""
    if not parts:
        return plain("")
    out = parts[0]
    for p in parts[1:]:
        out = text("segment_name_two_words", first=out, second=p)
    return out


def _money(v: float, currency: str) -> str:
    return f"-{currency}{_num(-v)}" if v < 0 else f"{currency}{_num(v)}"


def _count(v: float) -> str:
    """A median of whole things (orders, days, years) as a whole number: 5.5 orders reads as 6."""
    if pd.isna(v):
        return "?"
    return f"{int(np.floor(float(v) + 0.5)):,}"


def _num(v: float) -> str:
    if pd.isna(v):
        return "?"
    if abs(v) >= 100 or float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:,.1f}"
