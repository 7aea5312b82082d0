"""Plain-language names for clusters, from how each differs from the average customer.

A cluster's traits are the features where its mean (in standardised units) is at least half a
standard deviation from the average. The strongest traits become an English and a Chinese name:
"Frequent big spenders" / "高频大额客户", "Lapsed one-time bargain hunters" / "已流失的一次性小单客户".
Names are unique within a segmentation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .features import GENDER_WORDS, FeatureMatrix

TRAIT_Z = 0.5          # half a standard deviation from average counts as a trait
CATEGORY_Z = 0.8       # a product category must stand out more to name the group after it
UNUSUAL = -1
MOST_CUSTOMERS = 0.5   # a group holding more than this share is the shop's typical customer
MEDIAN_MARGIN = 0.25   # a group's median must be this far beyond the shop's to be "more" or "less"



@dataclass
class _Trait:
    slot: str        # status | frequency | person | place
    strength: float
    en: str
    zh: str


def name_segments(fm: FeatureMatrix, labels: np.ndarray) -> dict[int, tuple[str, str]]:
    """Return {label: (English name, Chinese name)}, unique within the segmentation."""
    X = fm.X
    labels = np.asarray(labels)
    drafts: dict[int, tuple[list[_Trait], tuple[str, str, float], bool]] = {}
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
            en, zh = names[lab]
            seen[en] = seen.get(en, 0) + 1
            names[lab] = (f"{en} {seen[en]}", f"{zh}{seen[en]}")
    return names


# How a group's median of each column is said, in English and Chinese (the median and the currency
# symbol in), in the order of the profile sentence.
_TYPICAL = (
    ("frequency", lambda v, c: (f"{_count(v)} order{'s' if _count(v) != '1' else ''}", f"{_count(v)} 个订单")),
    ("monetary", lambda v, c: (f"{_money(v, c)} spent", f"消费 {_money(v, c)}")),
    ("avg_order_value", lambda v, c: (f"{_money(v, c)} per order", f"每单 {_money(v, c)}")),
    ("recency_days", lambda v, c: (f"last bought {_days(v)} ago", f"最近一次购买在 {_count(v)} 天前")),
    ("tenure_days", lambda v, c: (f"first bought {_days(v)} ago", f"首次购买在 {_count(v)} 天前")),
)


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
        en: list[str] = []
        zh: list[str] = []
        for col, phrase in _TYPICAL:
            if col in part:
                e, z = phrase(part[col].median(), currency)
                en.append(e)
                zh.append(z)
        shares = [c for c in part.columns if c.startswith("share:")]
        if shares:
            top = part[shares].mean().idxmax()
            info = fm.info(top)
            en.append(f"{part[top].mean():.0%} of spend on {info.label.removeprefix('share of spend on ')}")
            zh.append(f"{info.label_zh.removesuffix('消费占比')}占消费 {part[top].mean():.0%}")
        if "age" in part:
            en.append(f"aged about {_count(part['age'].median())}")
            zh.append(f"年龄约 {_count(part['age'].median())} 岁")
        out[int(lab)] = ("Typically " + ", ".join(en) + "." if en else "",
                         "典型客户：" + "，".join(zh) + "。" if zh else "")
    return out


def membership_text(probabilities: pd.Series, names: dict, top: int = 2, min_share: float = 0.1) -> tuple[str, str]:
    """Return e.g. ("70% Gift buyers, 30% Regulars", "70% 礼品买家，30% 常客") from one customer's
    membership probabilities (index = segment key, `names` maps the key to (en, zh))."""
    p = probabilities.sort_values(ascending=False)
    p = p[p >= min_share].iloc[:top]
    if p.empty:
        p = probabilities.sort_values(ascending=False).iloc[:1]
    en = ", ".join(f"{v:.0%} {names[k][0]}" for k, v in p.items())
    zh = "，".join(f"{v:.0%} {names[k][1]}" for k, v in p.items())
    return en, zh


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


_QUALIFIERS = {
    "recency_days": (("less recent", "较久未购"), ("most recent", "最近购买")),
    "frequency": (("most frequent", "购买最频繁"), ("less frequent", "购买较少")),
    "monetary": (("top spenders", "消费最高"), ("lower spend", "消费较低")),
    "avg_order_value": (("bigger baskets", "客单价更高"), ("smaller baskets", "客单价较低")),
    "avg_days_between": (("longer gaps", "间隔较长"), ("shorter gaps", "间隔较短")),
    "tenure_days": (("longest-standing", "最老"), ("newer", "较新")),
    "age": (("older", "年龄较大"), ("younger", "年龄较小")),
    "income": (("higher income", "收入较高"), ("lower income", "收入较低")),
}


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
            (hi_en, hi_zh), (lo_en, lo_zh) = _QUALIFIERS[key]
            en, zh = (hi_en, hi_zh) if diff[key] > 0 else (lo_en, lo_zh)
            out[lab] = (f"{names[lab][0]} ({en})", f"{names[lab][1]}（{zh}）")
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
        traits.append(_Trait("status", max(-rec, -ten), "new", "新"))
    elif rec <= -TRAIT_Z:
        traits.append(_Trait("status", -rec, "active", "活跃"))
    elif rec >= TRAIT_Z:
        traits.append(_Trait("status", rec, "lapsed", "已流失的"))
    elif ten <= -TRAIT_Z:
        traits.append(_Trait("status", -ten, "new", "新"))
    elif ten >= TRAIT_Z:
        traits.append(_Trait("status", ten, "long-standing", "老"))
    if "frequency" in raw and (raw["frequency"] <= 1).mean() >= 0.75:
        traits.append(_Trait("frequency", max(-freq, TRAIT_Z), "one-time", "一次性"))
    elif freq >= TRAIT_Z:
        traits.append(_Trait("frequency", freq, "frequent", "高频"))
    elif freq <= -TRAIT_Z:
        traits.append(_Trait("frequency", -freq, "occasional", "低频"))
    elif _get(z, "avg_days_between") <= -TRAIT_Z and _holds(fm, raw, "avg_days_between", high=False):
        traits.append(_Trait("frequency", -_get(z, "avg_days_between"), "regular", "常来"))
    age = _get(z, "age")
    if age >= TRAIT_Z:
        traits.append(_Trait("person", age, "older", "年长"))
    elif age <= -TRAIT_Z:
        traits.append(_Trait("person", -age, "younger", "年轻"))
    for col in [c for c in z.index if c.startswith("gender:")]:
        if z[col] >= CATEGORY_Z and raw[col].mean() >= 0.8:
            value = col.split(":", 1)[1]
            words = GENDER_WORDS.get(value.strip().casefold())
            en, zh = (words[0], words[2]) if words else (value, value)
            traits.append(_Trait("person", float(z[col]), en, zh))
            break
    for col in [c for c in z.index if c.startswith("city:")]:
        if z[col] >= CATEGORY_Z and raw[col].mean() >= 0.6:
            city = col.split(":", 1)[1]
            traits.append(_Trait("place", float(z[col]), f"in {city}", city))
            break
    traits.sort(key=lambda t: -t.strength)
    return traits


def _noun(fm: FeatureMatrix, z: pd.Series, raw: pd.DataFrame | None = None) -> tuple[str, str, float]:
    shares = [(c, float(z[c])) for c in z.index if c.startswith("share:")]
    if shares:
        col, zc = max(shares, key=lambda t: t[1])
        if zc >= CATEGORY_Z and not col.endswith("__other__"):
            cat = col.split(":", 1)[1]
            return f"{cat} buyers", f"{cat}买家", zc
    m, a = _get(z, "monetary"), _get(z, "avg_order_value")
    if raw is not None:
        # Spend words must hold against the shop's typical customer, not only in standard units.
        m = m if _holds(fm, raw, "monetary", high=m > 0) else 0.0
        a = a if _holds(fm, raw, "avg_order_value", high=a > 0) else 0.0
    candidates = [("big spenders", "大额客户", m), ("big-basket buyers", "大单客户", a),
                  ("small spenders", "低消费客户", -m), ("bargain hunters", "小单客户", -a)]
    # High total spend wins over a big basket when both hold: it is what the shop cares about.
    if m >= TRAIT_Z:
        return candidates[0]
    best = max(candidates[1:], key=lambda c: c[2])
    if best[2] >= TRAIT_Z:
        return best
    return "buyers", "客户", 0.0


_EN_ORDER = {"status": 0, "frequency": 1, "person": 2, "place": 4}
_ZH_ORDER = {"place": 0, "status": 1, "frequency": 2, "person": 3}


def _compose(traits: list[_Trait], noun: tuple[str, str, float], unusual: bool = False,
             returns_only: bool = False) -> tuple[str, str]:
    en_noun, zh_noun, _ = noun
    if unusual:
        # Unusual customers are unusual in different ways; one shared trait would mislead.
        return "Unusual customers", "特殊客户"
    if returns_only:
        return "Returns only", "仅有退货的客户"
    if not traits and en_noun == "buyers":
        return "Typical customers", "普通客户"
    words = [t.en for t in sorted(traits, key=lambda t: _EN_ORDER[t.slot]) if t.slot != "place"]
    places = [t for t in traits if t.slot == "place"]
    en = " ".join(words + [en_noun] + [p.en for p in places])
    zh = "".join(t.zh for t in sorted(traits, key=lambda t: _ZH_ORDER[t.slot])) + zh_noun
    return en[:1].upper() + en[1:], zh


def _money(v: float, currency: str) -> str:
    return f"-{currency}{_num(-v)}" if v < 0 else f"{currency}{_num(v)}"


def _days(v: float) -> str:
    text = _count(v)
    return "1 day" if text == "1" else f"{text} days"


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
