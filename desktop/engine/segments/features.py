"""Customer features for clustering, chosen from readable groups.

Groups:
    behaviour  recency, frequency, spend, average order value, days between orders, tenure
    products   share of spend per product category (needs order lines with a category)
    profile    age, income, gender, city (where the customer table has them)

`build_features` returns a FeatureMatrix: `raw` holds values a shop owner can read (days, orders,
money, shares), `X` the same features transformed for distance-based methods (skewed amounts
log-transformed, everything standardised and clipped at +-5 standard deviations so one wholesale
buyer cannot stretch a whole axis). The spec it was built with is kept so that new or refreshed
customers can be turned into the same columns (`FeatureMatrix.readable_for`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Iterable

import numpy as np
import pandas as pd

from desktop.engine.errors import InputError
from desktop.texts import Message, message

from .words import Render, fields, folded, joined, label, pair, pair_params, plain, text

GROUPS = ("behaviour", "products", "profile")
# The groups' and features' words: the catalogue's feature_group and feature labels (desktop/texts).

BEHAVIOUR = ["recency_days", "frequency", "monetary", "avg_order_value", "avg_days_between",
             "tenure_days"]
PROFILE_NUMBERS = ["age", "income"]
# Features whose values are counts of days/orders (integers when shown in rules).
INTEGER_FEATURES = {"recency_days", "frequency", "tenure_days", "age"}
MONEY_FEATURES = {"monetary", "avg_order_value", "income"}

# Common ways a till or CRM writes gender -> gender key (its words: the catalogue's gender_people and
# segment_trait labels). Recognition vocabulary: the cells' own words.
GENDER_WORDS = {
    "f": "female", "female": "female", "woman": "female", "w": "female", "女": "female", "女性": "female",
    "m": "male", "male": "male", "man": "male", "男": "male", "男性": "male",
}

MAX_CATEGORIES = 8
MAX_CITIES = 6
CLIP_SD = 5.0
OTHER_CATEGORY = "__other__"


@dataclass
class FeatureInfo:
    """One feature column: its key, readable labels, group and how it was transformed."""

    key: str
    label: str
    label_zh: str
    group: str
    kind: str = "number"  # number | share | flag
    log: bool = False
    mean: float = 0.0
    std: float = 1.0
    fill: float | None = None  # value used for missing entries, when any were filled

    def to_dict(self) -> dict:
        """Return a JSON-ready description of this feature."""
        return {"key": self.key, "label": self.label, "label_zh": self.label_zh,
                "group": self.group, "kind": self.kind, "log_transformed": self.log,
                "missing_filled_with": self.fill}


@dataclass
class FeatureSpec:
    """What was chosen, so the same columns can be rebuilt for other customers."""

    groups: tuple[str, ...]
    behaviour: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    profile_numeric: list[str] = field(default_factory=list)
    genders: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)


@dataclass
class FeatureMatrix:
    """Features for clustering. `X`: standardised (index customer_id); `raw`: readable values."""

    X: pd.DataFrame
    raw: pd.DataFrame
    features: list[FeatureInfo]
    spec: FeatureSpec
    notes: list[Message] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Return the feature keys in column order."""
        return [f.key for f in self.features]

    def info(self, key: str) -> FeatureInfo:
        """Return the FeatureInfo for `key`."""
        for f in self.features:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def description(self) -> dict:
        """Return what was used, in words (en/zh) and as a list of features."""
        parts = []
        for g in self.spec.groups:
            fs = [f for f in self.features if f.group == g]
            if fs:
                parts.append(text("feature_group_list", group=label("feature_group", g),
                                  features=joined([feature_words(f.key) for f in fs], "list")))
        logged = [f for f in self.features if f.log]
        used = text("features_grouped_on", n=len(self.features), groups=joined(parts, "semicolon"))
        scaled = (text("features_logged", features=joined([feature_words(f.key) for f in logged], "list"))
                  if logged else text("features_standardised"))
        return {**fields("text", folded([used, scaled], "two_sentences")), "groups": list(self.spec.groups),
                "features": [f.to_dict() for f in self.features],
                "notes": [n.to_dict() for n in self.notes]}

    def readable_for(self, customers: pd.DataFrame, lines: pd.DataFrame | None = None) -> pd.DataFrame:
        """Return readable feature values of other customers, in this matrix's columns."""
        raw = _readable(customers, lines, self.spec)
        for f in self.features:
            if f.key == "avg_days_between":
                raw[f.key] = _fill_gaps(raw, f.fill)
            elif f.fill is not None:
                raw[f.key] = raw[f.key].fillna(f.fill)
        return raw[self.names]

    def transform(self, raw: pd.DataFrame) -> pd.DataFrame:
        """Return `raw` (in this matrix's columns) transformed the way X was."""
        return _standardise(raw, self.features, fit=False)


def available_groups(customers: pd.DataFrame, lines: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """Return, for each group that has data, the feature keys it would use."""
    spec = _choose_spec(customers, lines, GROUPS)
    out: dict[str, list[str]] = {}
    if spec.behaviour:
        out["behaviour"] = list(spec.behaviour)
    if spec.categories:
        out["products"] = [f"share:{c}" for c in spec.categories]
    prof = list(spec.profile_numeric) + [f"gender:{g}" for g in spec.genders] + [
        f"city:{c}" for c in spec.cities]
    if prof:
        out["profile"] = prof
    return out


def build_features(customers: pd.DataFrame, lines: pd.DataFrame | None = None,
                   groups: Iterable[str] = ("behaviour",),
                   exclude: Iterable[str] = ()) -> FeatureMatrix:
    """Return the FeatureMatrix for `customers` using the chosen feature groups.

    `exclude` drops individual feature keys (e.g. "tenure_days") the user unticked.
    Raises InputError when no usable feature remains.
    """
    groups = tuple(dict.fromkeys(groups))
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        raise InputError("segments_unknown_feature_group_choose", unknown=unknown[0], groups=list(GROUPS))
    if len(customers) == 0:
        raise InputError("segments_customers_segment_check_file")
    notes: list[Message] = []
    spec = _choose_spec(customers, lines, groups, notes)
    raw = _readable(customers, lines, spec)
    excluded = set(exclude)
    raw = raw[[c for c in raw.columns if c not in excluded]]
    features: list[FeatureInfo] = []
    for col in list(raw.columns):
        info = _info_for(col)
        s = raw[col].astype(float)
        if col == "avg_days_between":
            known = s.dropna()
            info.fill = float(known.median()) if len(known) else 0.0
            s = _fill_gaps(raw, info.fill)
        elif s.isna().any():
            info.fill = float(s.median()) if s.notna().any() else 0.0
            s = s.fillna(info.fill)
        if s.nunique() <= 1:
            name = (info.label.capitalize(), info.label_zh)
            notes.append(message("feature_constant", **pair_params("feature", name)))
            raw = raw.drop(columns=col)
            continue
        raw[col] = s
        if info.kind == "number" and _skewed(s):
            info.log = True
        features.append(info)
    if not features:
        raise InputError("segments_none_chosen_features_varies")
    X = _standardise(raw, features, fit=True)
    return FeatureMatrix(X=X, raw=raw[[f.key for f in features]], features=features, spec=spec,
                         notes=notes)


# --- internals ---------------------------------------------------------------------------------

def feature_words(col: str) -> Render:
    """The words of a feature column, in any language (the catalogue's feature labels and
    feature_share / feature_gender / feature_city sentences)."""
    if col in BEHAVIOUR or col in PROFILE_NUMBERS:
        return label("feature", col)
    kind, _, value = col.partition(":")
    if kind == "share":
        return text("feature_share", category=text("other_categories") if value == OTHER_CATEGORY else value)
    if kind == "gender":
        gender = GENDER_WORDS.get(value.strip().casefold())
        return (text("feature_gender", people=label("gender_people", gender)) if gender
                else text("feature_gender_other", value=value))
    if kind == "city":
        return text("feature_city", city=value)
    return plain(col)


def _info_for(col: str) -> FeatureInfo:
    en, zh = pair(feature_words(col))
    kind, _, value = col.partition(":")
    if col in BEHAVIOUR:
        return FeatureInfo(col, en, zh, "behaviour")
    if col in PROFILE_NUMBERS:
        return FeatureInfo(col, en, zh, "profile")
    if kind == "share":
        return FeatureInfo(col, en, zh, "products", kind="share")
    if kind in ("gender", "city"):
        return FeatureInfo(col, en, zh, "profile", kind="flag")
    return FeatureInfo(col, en, zh, "behaviour")


def _skewed(s: pd.Series) -> bool:
    # Log only clearly right-skewed amounts; a symmetric feature gains nothing from it.
    return bool(s.skew() > 1.0)


def _signed_log(values: np.ndarray) -> np.ndarray:
    # Net spend can be negative (returns), so keep the sign.
    return np.sign(values) * np.log1p(np.abs(values))


def _standardise(raw: pd.DataFrame, features: list[FeatureInfo], fit: bool) -> pd.DataFrame:
    out = {}
    for f in features:
        v = raw[f.key].to_numpy(dtype=float)
        if f.fill is not None:
            v = np.where(np.isnan(v), f.fill, v)
        if f.log:
            v = _signed_log(v)
        if fit:
            f.mean = float(np.mean(v))
            f.std = float(np.std(v)) or 1.0
        out[f.key] = np.clip((v - f.mean) / f.std, -CLIP_SD, CLIP_SD)
    return pd.DataFrame(out, index=raw.index)


def _fill_gaps(raw: pd.DataFrame, median_gap: float | None) -> pd.Series:
    """Days between orders, where one-purchase customers get a gap of at least their tenure.

    Someone who bought once has not come back within their whole tenure, so their gap is at least
    that long; the median gap keeps brand-new customers from looking like frequent buyers.
    """
    gaps = raw["avg_days_between"].astype(float)
    floor = median_gap if median_gap is not None else 0.0
    if "tenure_days" in raw.columns:
        lower = np.maximum(raw["tenure_days"].astype(float).fillna(0.0), floor)
    else:
        lower = pd.Series(floor, index=raw.index)
    return gaps.fillna(lower)


def _choose_spec(customers: pd.DataFrame, lines: pd.DataFrame | None, groups: Iterable[str],
                 notes: list[Message] | None = None) -> FeatureSpec:
    notes = notes if notes is not None else []
    groups = tuple(groups)
    spec = FeatureSpec(groups=groups)
    if "behaviour" in groups:
        spec.behaviour = [c for c in BEHAVIOUR if c in customers.columns]
    if "products" in groups:
        cats: list[str] = []
        if lines is not None and "category" in lines.columns and lines["category"].notna().any():
            ok = lines[lines["customer_id"].isin(customers.index) & ~lines["is_return"].astype(bool)
                       & lines["category"].notna()]
            spend = ok.groupby(ok["category"].astype(str))["amount"].sum().sort_values(ascending=False)
            spend = spend[spend > 0]
            cats = [str(c) for c in spend.index[:MAX_CATEGORIES]]
            if len(spend) > MAX_CATEGORIES:
                cats.append(OTHER_CATEGORY)
        if len(cats) >= 2:
            spec.categories = cats
        else:
            notes.append(message("feature_no_categories"))
    if "profile" in groups:
        for col in ("age", "income"):
            if col in customers.columns:
                v = pd.to_numeric(customers[col], errors="coerce")
                # Filling in more than half of a column would invent the feature.
                if v.notna().mean() >= 0.5:
                    spec.profile_numeric.append(col)
        if "gender" in customers.columns:
            g = customers["gender"].dropna().astype(str).str.strip()
            counts = g[g != ""].value_counts()
            if len(counts) >= 2:
                spec.genders = [str(v) for v in counts.index[:2]]  # two flags say it all
        if "city" in customers.columns:
            c = customers["city"].dropna().astype(str).str.strip()
            counts = c[c != ""].value_counts(normalize=True)
            spec.cities = [str(v) for v, share in counts.iloc[:MAX_CITIES].items() if share >= 0.02]
            if len(spec.cities) == len(counts) and len(spec.cities) >= 2:
                spec.cities = spec.cities[:-1]  # the last flag would be redundant
        if not (spec.profile_numeric or spec.genders or spec.cities):
            notes.append(message("feature_no_profile"))
    return spec


def _readable(customers: pd.DataFrame, lines: pd.DataFrame | None, spec: FeatureSpec) -> pd.DataFrame:
    raw = pd.DataFrame(index=customers.index)
    # Columns missing from `customers` (a refreshed table without the profile file) read as unknown.
    missing = pd.Series(pd.NA, index=customers.index, dtype="object")
    for col in spec.behaviour:
        raw[col] = pd.to_numeric(customers.get(col, missing), errors="coerce").astype(float)
    if spec.categories:
        shares = _category_shares(customers.index, lines, spec.categories)
        for c in spec.categories:
            raw[f"share:{c}"] = shares[c]
    for col in spec.profile_numeric:
        raw[col] = pd.to_numeric(customers.get(col, missing), errors="coerce").astype(float)
    if spec.genders:
        g = customers.get("gender", missing).astype("string").str.strip()
        for v in spec.genders:
            raw[f"gender:{v}"] = (g == v).fillna(False).astype(float)
    if spec.cities:
        c = customers.get("city", missing).astype("string").str.strip()
        for v in spec.cities:
            raw[f"city:{v}"] = (c == v).fillna(False).astype(float)
    return raw


def _category_shares(index: pd.Index, lines: pd.DataFrame | None, categories: list[str]) -> pd.DataFrame:
    """Return each customer's share of purchase spend per category (rows sum to 1 or 0)."""
    out = pd.DataFrame(0.0, index=index, columns=categories)
    if lines is None or "category" not in lines.columns:
        return out
    ok = lines[lines["customer_id"].isin(index) & ~lines["is_return"].astype(bool)
               & (lines["amount"] > 0)]
    cat = ok["category"].astype("string").fillna("")
    named = [c for c in categories if c != OTHER_CATEGORY]
    cat = cat.where(cat.isin(named), OTHER_CATEGORY)
    table = ok.groupby([ok["customer_id"], cat])["amount"].sum().unstack(fill_value=0.0)
    total = ok.groupby("customer_id")["amount"].sum()
    table = table.reindex(columns=categories, fill_value=0.0)
    if OTHER_CATEGORY not in categories and OTHER_CATEGORY in table.columns:
        table = table.drop(columns=OTHER_CATEGORY)
    shares = table.div(total.reindex(table.index), axis=0).fillna(0.0)
    out.loc[shares.index, categories] = shares[categories].to_numpy()
    return out
