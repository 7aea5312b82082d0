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

GROUPS = ("behaviour", "products", "profile")
GROUP_NAMES = {
    "behaviour": ("Buying behaviour", "购买行为"),
    "products": ("Product mix", "商品结构"),
    "profile": ("Customer profile", "客户资料"),
}

BEHAVIOUR = ["recency_days", "frequency", "monetary", "avg_order_value", "avg_days_between",
             "tenure_days"]
LABELS = {
    "recency_days": ("days since last purchase", "距上次购买天数"),
    "frequency": ("number of orders", "订单数"),
    "monetary": ("total spend", "总消费"),
    "avg_order_value": ("average order value", "平均每单金额"),
    "avg_days_between": ("days between orders", "平均购买间隔天数"),
    "tenure_days": ("days since first purchase", "首次购买至今天数"),
    "age": ("age", "年龄"),
    "income": ("income", "收入"),
}
# Features whose values are counts of days/orders (integers when shown in rules).
INTEGER_FEATURES = {"recency_days", "frequency", "tenure_days", "age"}
MONEY_FEATURES = {"monetary", "avg_order_value", "income"}

# Common ways a till or CRM writes gender -> (adjective, plural noun, Chinese)
GENDER_WORDS = {
    "f": ("female", "women", "女性"), "female": ("female", "women", "女性"),
    "woman": ("female", "women", "女性"), "w": ("female", "women", "女性"),
    "女": ("female", "women", "女性"), "女性": ("female", "women", "女性"),
    "m": ("male", "men", "男性"), "male": ("male", "men", "男性"), "man": ("male", "men", "男性"),
    "男": ("male", "men", "男性"), "男性": ("male", "men", "男性"),
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
        parts_en, parts_zh = [], []
        for g in self.spec.groups:
            fs = [f for f in self.features if f.group == g]
            if not fs:
                continue
            en, zh = GROUP_NAMES[g]
            parts_en.append(f"{en} ({', '.join(f.label for f in fs)})")
            parts_zh.append(f"{zh}（{'、'.join(f.label_zh for f in fs)}）")
        logged = [f for f in self.features if f.log]
        en = f"Customers were grouped on {len(self.features)} features: " + "; ".join(parts_en) + "."
        zh = f"按 {len(self.features)} 项特征分组：" + "；".join(parts_zh) + "。"
        if logged:
            en += (" Skewed amounts (" + ", ".join(f.label for f in logged)
                   + ") were log-transformed; all features were standardised.")
            zh += "偏态数值（" + "、".join(f.label_zh for f in logged) + "）取了对数；所有特征均已标准化。"
        else:
            en += " All features were standardised."
            zh += "所有特征均已标准化。"
        return {"text": en, "text_zh": zh, "groups": list(self.spec.groups),
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
        raise InputError(f"Unknown feature group {unknown[0]!r}; choose from "
                         f"{', '.join(GROUPS)}.",
                         zh=f"未知的特征组“{unknown[0]}”；请从以下选项中选择：{'、'.join(GROUPS)}。")
    if len(customers) == 0:
        raise InputError("There are no customers to segment; check that the file has customer ids.",
                         zh="没有可分组的客户；请检查文件中是否有客户编号。")
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
            notes.append(message("feature_constant", feature=info.label.capitalize(), feature_zh=info.label_zh))
            raw = raw.drop(columns=col)
            continue
        raw[col] = s
        if info.kind == "number" and _skewed(s):
            info.log = True
        features.append(info)
    if not features:
        raise InputError("None of the chosen features varies between customers, so they cannot be "
                         "grouped; choose other feature groups.",
                         zh="所选的特征在客户之间都没有差别，因此无法分组；请选择其他特征组。")
    X = _standardise(raw, features, fit=True)
    return FeatureMatrix(X=X, raw=raw[[f.key for f in features]], features=features, spec=spec,
                         notes=notes)


# --- internals ---------------------------------------------------------------------------------

def _info_for(col: str) -> FeatureInfo:
    if col in LABELS:
        en, zh = LABELS[col]
        group = "behaviour" if col in BEHAVIOUR else "profile"
        return FeatureInfo(col, en, zh, group)
    kind, _, value = col.partition(":")
    if kind == "share":
        if value == OTHER_CATEGORY:
            return FeatureInfo(col, "share of spend on other categories", "其他品类消费占比",
                               "products", kind="share")
        return FeatureInfo(col, f"share of spend on {value}", f"{value}消费占比", "products",
                           kind="share")
    if kind == "gender":
        words = GENDER_WORDS.get(value.strip().casefold())
        en = words[1] if words else f"gender {value}"
        return FeatureInfo(col, en, f"性别{value}", "profile", kind="flag")
    if kind == "city":
        return FeatureInfo(col, f"lives in {value}", f"城市{value}", "profile", kind="flag")
    return FeatureInfo(col, col, col, "behaviour")


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
