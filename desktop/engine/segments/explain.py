"""Explaining a segmentation in words.

- `fit_rules`: a shallow decision tree (depth <= 3) that predicts the segment from readable features,
  turned into sentences ("spent more than ¥2,000 and bought in the last 30 days"), with how often
  the rules agree with the segmentation. The same tree assigns new or refreshed customers to the
  existing segments (`RuleModel.predict`).
- `factor_view`: PCA (or factor analysis) loadings in words ("differences are mostly spend size,
  then how recently they bought") and the 2-D coordinates of every customer for the customer map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .features import GENDER_WORDS, INTEGER_FEATURES, FeatureMatrix

MAX_DEPTH = 3
MIN_RULE_PRECISION = 0.6   # rules right for fewer of their customers are not shown


@dataclass
class Rule:
    """One leaf of the rules tree: the conditions leading to it and the segment it gives."""

    segment: str
    conditions: list[tuple[str, str]]  # (English, Chinese) per condition
    customers: int                     # customers of the fitted data reaching this leaf
    precision: float                   # share of them who are in `segment`

    @property
    def text(self) -> str:
        """Return the rule as an English clause."""
        return " and ".join(c[0] for c in self.conditions) if self.conditions else "all customers"

    @property
    def text_zh(self) -> str:
        """Return the rule as a Chinese clause."""
        return "，且".join(c[1] for c in self.conditions) if self.conditions else "所有客户"

    def to_dict(self, names: dict | None = None) -> dict:
        """Return a JSON-ready rule; `names` maps segment keys to (en, zh) for full sentences."""
        en_name, zh_name = (names or {}).get(self.segment, (self.segment, self.segment))
        return {"segment": self.segment, "rule": self.text, "rule_zh": self.text_zh,
                "sentence": f"{en_name}: customers who {self.text}.",
                "sentence_zh": f"{zh_name}：{self.text_zh}{_zh_join(self.text_zh)}的客户。",
                "customers": self.customers, "precision": round(self.precision, 4)}


def _zh_join(text: str) -> str:
    # Keep a space between a trailing number or Latin word and the following Chinese.
    return " " if text and (text[-1].isascii() and text[-1].isalnum() or text[-1] == "%") else ""


@dataclass
class RuleModel:
    """The rules tree: explains a segmentation and assigns new customers to it."""

    tree: Any  # a fitted sklearn DecisionTreeClassifier
    columns: list[str]
    rules: list[Rule]
    agreement: float   # share of customers the rules put in their own segment

    def predict(self, raw: pd.DataFrame) -> pd.Series:
        """Return the segment key for each row of `raw` (readable features, same columns)."""
        values = raw[self.columns].to_numpy(dtype=float)
        return pd.Series(self.tree.predict(values), index=raw.index, name="segment").astype(str)


@dataclass
class FactorView:
    """What customers differ in most, in words, and their 2-D map coordinates."""

    method: str
    embedding: pd.DataFrame          # columns x, y; index customer_id
    components: list[dict] = field(default_factory=list)
    sentence: str = ""
    sentence_zh: str = ""
    scores: pd.DataFrame | None = None   # factor analysis: factor_1.. per customer
    n_factors: int | None = None         # factor analysis: factors retained by parallel analysis
    rule: str = ""                       # how n_factors was chosen, in words
    rule_zh: str = ""

    def to_dict(self) -> dict:
        """Return the loadings and sentences (without the coordinates)."""
        out: dict[str, Any] = {"method": self.method, "sentence": self.sentence, "sentence_zh": self.sentence_zh,
               "components": self.components}
        if self.n_factors is not None:
            out.update({"n_factors": self.n_factors, "rule": self.rule, "rule_zh": self.rule_zh,
                        "factors": [c for c in self.components if c.get("retained")]})
        return out


def fit_rules(fm: FeatureMatrix, segments: pd.Series, currency: str = "", seed: int = 0) -> RuleModel:
    """Return the rules tree fitted to predict `segments` (keys, index customer_id) from `fm.raw`."""
    from sklearn.tree import DecisionTreeClassifier

    # Features with filled-in values (days between orders of one-time buyers, unknown ages) would
    # make rules about values nobody has; leave them out unless nothing else is left.
    columns = [f.key for f in fm.features if f.fill is None] or fm.names
    raw = fm.raw.loc[segments.index, columns]
    y = segments.astype(str).to_numpy()
    n = len(y)
    tree = DecisionTreeClassifier(max_depth=MAX_DEPTH, min_samples_leaf=max(1, n // 100),
                                  random_state=seed)
    values = raw.to_numpy(dtype=float)
    tree.fit(values, y)
    predicted = tree.predict(values)
    agreement = float(np.mean(predicted == y))
    # A rule right for fewer than MIN_RULE_PRECISION of the customers it covers would mislead; it
    # still assigns customers (the tree does that) but is not shown.
    rules = [r for r in _rules_from_tree(tree, list(raw.columns), fm, values, y, currency)
             if r.precision >= MIN_RULE_PRECISION]
    return RuleModel(tree=tree, columns=list(raw.columns), rules=rules, agreement=agreement)


def factor_view(fm: FeatureMatrix, method: str = "pca", seed: int = 0) -> FactorView:
    """Return the FactorView of `fm` by PCA (default) or factor analysis with varimax rotation."""
    X = fm.X.to_numpy(dtype=float)
    d = X.shape[1]
    if d == 1:
        emb = pd.DataFrame({"x": X[:, 0], "y": np.zeros(len(X))}, index=fm.X.index)
        theme = _theme(fm.names[0])
        return FactorView(method, emb, [{"share": 1.0, "theme": theme[0], "theme_zh": theme[1],
                                         "loadings": {fm.names[0]: 1.0}}],
                          f"Customers differ only in {theme[0]}.", f"客户之间只在{theme[1]}上有差别。")
    n_comp = min(3, d)
    n_factors = None
    if method == "factor":
        from sklearn.decomposition import FactorAnalysis

        n_factors = parallel_analysis(X, seed=seed)
        n_comp = max(2, n_factors)
        model = FactorAnalysis(n_components=n_comp, rotation="varimax", random_state=seed)
        coords = model.fit_transform(X)
        loadings = model.components_
        # Standardised data: a factor's share of variance is its sum of squared loadings / d.
        shares = (loadings ** 2).sum(axis=1) / d
        order = np.argsort(-shares)
        loadings, shares, coords = loadings[order], shares[order], coords[:, order]
    else:
        from sklearn.decomposition import PCA

        model = PCA(n_components=n_comp, random_state=seed)
        coords = model.fit_transform(X)
        # Loadings (correlations of features with components) read better than raw eigenvectors.
        loadings = model.components_ * np.sqrt(model.explained_variance_)[:, None]
        shares = model.explained_variance_ratio_
    emb = pd.DataFrame({"x": coords[:, 0], "y": coords[:, 1]}, index=fm.X.index)
    components = []
    used: set[str] = set()
    for i in range(n_comp):
        weights: dict[tuple[str, str], float] = {}
        for key, value in zip(fm.names, loadings[i]):
            t = _theme(key)
            weights[t] = weights.get(t, 0.0) + float(value) ** 2
        ranked = sorted(weights.items(), key=lambda kv: -kv[1])
        # Name a component after a theme not already used for an earlier one, when close enough.
        top = ranked[0][0]
        for t, w in ranked:
            if t[0] not in used and w >= 0.5 * ranked[0][1]:
                top = t
                break
        used.add(top[0])
        components.append({"share": round(float(shares[i]), 4), "theme": top[0], "theme_zh": top[1],
                           "loadings": {k: round(float(v), 3) for k, v in zip(fm.names, loadings[i])}})
    if n_factors is not None:
        return _factor_sentences(fm, emb, components, coords, n_factors)
    c1, c2 = components[0], components[1]
    en = (f"Differences between customers are mostly about {c1['theme']} ({c1['share']:.0%} of the "
          f"variation), then {c2['theme']} ({c2['share']:.0%}).")
    zh = (f"客户之间的差别主要在于{c1['theme_zh']}（占差异的 {c1['share']:.0%}），"
          f"其次是{c2['theme_zh']}（{c2['share']:.0%}）。")
    return FactorView(method, emb, components, en, zh)


def parallel_analysis(X: np.ndarray, seed: int = 0, draws: int = 20, max_rows: int = 2000) -> int:
    """Return the number of factors by Horn's parallel analysis: the leading eigenvalues of the
    features' correlation matrix that exceed the 95th percentile of those of random normal data of
    the same size (at least 1)."""
    rng = np.random.default_rng(seed)
    n, d = X.shape
    if n > max_rows:
        X = X[np.sort(rng.choice(n, max_rows, replace=False))]
        n = max_rows
    keep = X.std(axis=0) > 0
    if keep.sum() < 2 or n < 3:
        return 1
    real = np.sort(np.linalg.eigvalsh(np.corrcoef(X[:, keep], rowvar=False)))[::-1]
    random = np.array([np.sort(np.linalg.eigvalsh(np.corrcoef(rng.standard_normal((n, int(keep.sum()))),
                                                              rowvar=False)))[::-1]
                       for _ in range(draws)])
    limit = np.percentile(random, 95, axis=0)
    above = real > limit
    count = int(np.argmin(above)) if not above.all() else len(above)
    return max(1, count)


# The name of a factor after its strongest feature and the sign of its loading: what a customer
# high on the factor is like.
_FACTOR_TITLES = {
    ("frequency", 1): ("loyal regulars", "忠实常客"),
    ("frequency", -1): ("rare buyers", "很少购买"),
    ("tenure_days", 1): ("long-standing customers", "老客户"),
    ("tenure_days", -1): ("newcomers", "新客户"),
    ("avg_days_between", 1): ("long gaps between orders", "购买间隔长"),
    ("avg_days_between", -1): ("frequent returners", "频繁回购"),
    ("recency_days", 1): ("lapsing customers", "流失中的客户"),
    ("recency_days", -1): ("recent buyers", "近期购买的客户"),
    ("monetary", 1): ("big spenders", "高消费"),
    ("monetary", -1): ("small spenders", "低消费"),
    ("avg_order_value", 1): ("big baskets", "大单"),
    ("avg_order_value", -1): ("small baskets", "小单"),
    ("age", 1): ("older customers", "年长客户"),
    ("age", -1): ("younger customers", "年轻客户"),
    ("income", 1): ("higher income", "收入较高"),
    ("income", -1): ("lower income", "收入较低"),
}
LOADING_SHOWN = 0.4   # a feature with a loading of at least this size is named in a factor's sentence


def _factor_title(fm: FeatureMatrix, key: str, sign: int) -> tuple[str, str]:
    if (key, sign) in _FACTOR_TITLES:
        return _FACTOR_TITLES[(key, sign)]
    info = fm.info(key)
    if sign > 0:
        return info.label, info.label_zh
    return f"low {info.label}", f"{info.label_zh}较低"


def _factor_sentences(fm: FeatureMatrix, emb: pd.DataFrame, components: list[dict], coords: np.ndarray,
                      n_factors: int) -> FactorView:
    """Return the FactorView of rotated factors: each retained factor as "Factor 1 — loyal
    regulars: number of orders, days since first purchase" with its customers' scores."""
    en_parts, zh_parts = [], []
    for i, comp in enumerate(components):
        loads = comp["loadings"]
        ranked = sorted(loads.items(), key=lambda kv: -abs(kv[1]))
        strong = [(k, v) for k, v in ranked if abs(v) >= LOADING_SHOWN] or ranked[:1]
        # A factor's sign is arbitrary: turn it so its strongest feature loads positively,
        # unless that feature is one where less is better to read ("days since last purchase").
        top_key, top_value = strong[0]
        sign = 1 if top_value >= 0 else -1
        if top_key in ("recency_days", "avg_days_between") and top_value > 0 and len(strong) > 1:
            sign = -1
        if sign < 0:
            comp["loadings"] = {k: -v for k, v in loads.items()}
            coords[:, i] = -coords[:, i]
            strong = [(k, -v) for k, v in strong]
        title, title_zh = _factor_title(fm, strong[0][0], 1 if strong[0][1] >= 0 else -1)
        words = [(fm.info(k).label if v >= 0 else f"low {fm.info(k).label}") for k, v in strong]
        words_zh = [(fm.info(k).label_zh if v >= 0 else f"{fm.info(k).label_zh}较低") for k, v in strong]
        comp.update({"factor": i + 1, "title": title, "title_zh": title_zh, "retained": i < n_factors,
                     "features": [k for k, _ in strong],
                     "sentence": f"Factor {i + 1} — {title}: {', '.join(words)}.",
                     "sentence_zh": f"因子 {i + 1}——{title_zh}：{'、'.join(words_zh)}。"})
        if i < n_factors:
            en_parts.append(comp["sentence"])
            zh_parts.append(comp["sentence_zh"])
    emb = pd.DataFrame({"x": coords[:, 0], "y": coords[:, 1]}, index=emb.index)
    scores = pd.DataFrame(coords[:, :n_factors], index=emb.index,
                          columns=[f"factor_{i + 1}" for i in range(n_factors)])
    rule = (f"{n_factors} factor{'s' if n_factors != 1 else ''} kept by parallel analysis: only factors "
            "that explain more than the same number of random features would.")
    rule_zh = f"按平行分析保留了 {n_factors} 个因子：只保留比同样数量的随机特征解释得更多的因子。"
    return FactorView("factor", emb, components, " ".join(en_parts), "".join(zh_parts), scores=scores,
                      n_factors=n_factors, rule=rule, rule_zh=rule_zh)


# --- internals ---------------------------------------------------------------------------------

_THEMES = {
    "monetary": ("spend size", "消费金额"),
    "avg_order_value": ("spend size", "消费金额"),
    "income": ("income", "收入"),
    "recency_days": ("how recently they bought", "最近购买时间"),
    "frequency": ("how often they buy", "购买频率"),
    "avg_days_between": ("how often they buy", "购买频率"),
    "tenure_days": ("how long they have been customers", "成为客户的时间"),
    "age": ("age", "年龄"),
}


def _theme(key: str) -> tuple[str, str]:
    if key in _THEMES:
        return _THEMES[key]
    if key.startswith("share:"):
        return ("what they buy", "购买的品类")
    if key.startswith("gender:"):
        return ("gender", "性别")
    if key.startswith("city:"):
        return ("where they live", "所在城市")
    return (key, key)


def _rules_from_tree(tree, columns: list[str], fm: FeatureMatrix, values: np.ndarray, y: np.ndarray,
                     currency: str) -> list[Rule]:
    t = tree.tree_
    leaf_of = tree.apply(values)
    rules: list[Rule] = []

    def walk(node: int, path: list[tuple[int, str, float]]) -> None:
        if t.children_left[node] == -1:
            klass = str(tree.classes_[int(np.argmax(t.value[node][0]))])
            members = leaf_of == node
            count = int(members.sum())
            precision = float(np.mean(y[members] == klass)) if count else 0.0
            rules.append(Rule(klass, _phrase(path, columns, fm, currency), count, precision))
            return
        f, thr = int(t.feature[node]), float(t.threshold[node])
        walk(int(t.children_left[node]), path + [(f, "<=", thr)])
        walk(int(t.children_right[node]), path + [(f, ">", thr)])

    walk(0, [])
    # Biggest leaves first; a shop owner reads the rules that cover most customers.
    rules.sort(key=lambda r: -r.customers)
    return rules


def _phrase(path: list[tuple[int, str, float]], columns: list[str], fm: FeatureMatrix,
            currency: str) -> list[tuple[str, str]]:
    bounds: dict[str, list[float | None]] = {}
    for f, op, thr in path:
        key = columns[f]
        lo, hi = bounds.setdefault(key, [None, None])
        if op == "<=":
            bounds[key][1] = thr if hi is None else min(hi, thr)
        else:
            bounds[key][0] = thr if lo is None else max(lo, thr)
    return [_condition(key, lo, hi, currency) for key, (lo, hi) in bounds.items()]


def _money(v: float, currency: str) -> str:
    if v == 0:
        return f"{currency}0"
    if v < 0:
        return "-" + _money(-v, currency)
    # Three significant figures: tree thresholds are midpoints with meaningless decimals.
    digits = max(0, 2 - int(math.floor(math.log10(abs(v)))))
    r = round(v, digits)
    text = f"{r:,.{digits}f}" if digits else f"{r:,.0f}"
    return f"{currency}{text}"


def _condition(key: str, lo: float | None, hi: float | None, currency: str) -> tuple[str, str]:
    if key in INTEGER_FEATURES:
        # x > 1.5 means x >= 2 for whole numbers; x <= 3.5 means x <= 3.
        a = math.floor(lo) + 1 if lo is not None else None
        b = math.floor(hi) if hi is not None else None
        return _integer_condition(key, a, b)
    if key.startswith("share:"):
        cat = key.split(":", 1)[1]
        if cat == "__other__":
            cat_en, cat_zh = "other categories", "其他品类"
        else:
            cat_en, cat_zh = cat, cat
        if lo is not None and hi is not None:
            return (f"spent {lo:.0%}–{hi:.0%} of their money on {cat_en}",
                    f"{cat_zh}占消费的 {lo:.0%}–{hi:.0%}")
        if lo is not None:
            return (f"spent more than {lo:.0%} of their money on {cat_en}", f"{cat_zh}占消费超过 {lo:.0%}")
        if hi is not None and hi < 0.005:
            return (f"bought no {cat_en}", f"没有买过{cat_zh}")
        return (f"spent at most {hi:.0%} of their money on {cat_en}", f"{cat_zh}占消费不超过 {hi:.0%}")
    if key.startswith("gender:") or key.startswith("city:"):
        kind, value = key.split(":", 1)
        yes = lo is not None  # flag > 0.5
        if kind == "gender":
            words = GENDER_WORDS.get(value.strip().casefold())
            who = words[1] if words else f"of gender {value}"
            return ((f"are {who}", f"性别为{value}") if yes else
                    (f"are not {who}", f"性别不是{value}"))
        return ((f"live in {value}", f"住在{value}") if yes else
                (f"do not live in {value}", f"不住在{value}"))
    if key == "avg_days_between":
        lo_t, hi_t = (f"{v:,.0f}" if v is not None else None for v in (lo, hi))
        return _range_phrase(lo_t, hi_t, ("wait {lo}–{hi} days between orders", "平均每 {lo}–{hi} 天购买一次"),
                             ("wait more than {lo} days between orders", "购买间隔超过 {lo} 天"),
                             ("come back within {hi} days on average", "平均 {hi} 天内会再次购买"))
    measures = {
        "monetary": ("spent", "消费"),
        "income": ("have an income of", "收入"),
    }
    if key == "avg_order_value":
        lo_t, hi_t = (_money(v, currency) if v is not None else None for v in (lo, hi))
        return _range_phrase(lo_t, hi_t,
                             ("spent {lo}–{hi} per order on average", "平均每单消费 {lo} 到 {hi}"),
                             ("spent more than {lo} per order on average", "平均每单消费超过 {lo}"),
                             ("spent {hi} or less per order on average", "平均每单消费不超过 {hi}"))
    verb, noun = measures.get(key, (key, key))
    lo_t, hi_t = ((_money(v, currency) if key in measures else f"{v:,.2f}") if v is not None else None
                  for v in (lo, hi))
    return _range_phrase(lo_t, hi_t, ("{verb} between {lo} and {hi}", "{noun}在 {lo} 到 {hi} 之间"),
                         ("{verb} more than {lo}", "{noun}超过 {lo}"),
                         ("{verb} {hi} or less", "{noun}不超过 {hi}"),
                         verb=verb, noun=noun)


def _range_phrase(lo, hi, both: tuple[str, str], above: tuple[str, str], below: tuple[str, str],
                  **fields) -> tuple[str, str]:
    """Return the (English, Chinese) templates of `both` filled in when both ends are known, else
    those of `above` (only a lower end) or `below` (only an upper end); {lo} and {hi} in a template
    are the ends, other {names} come from `fields`."""
    en, zh = both if lo is not None and hi is not None else above if lo is not None else below
    return en.format(lo=lo, hi=hi, **fields), zh.format(lo=lo, hi=hi, **fields)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n:,} days"


def _integer_condition(key: str, a: int | None, b: int | None) -> tuple[str, str]:
    if key in _DAYS_AGO:
        return _days_ago(_DAYS_AGO[key], a, b)
    if key == "frequency":
        if a is not None and b is not None:
            if a == b:
                return (f"placed exactly {a} order{'s' if a != 1 else ''}", f"下过 {a} 个订单")
            return (f"placed {a} to {b} orders", f"下过 {a} 到 {b} 个订单")
        if a is not None:
            if a == 1:
                return ("placed at least one order", "至少下过一个订单")
            return (f"placed {a} or more orders", f"下过 {a} 个或更多订单")
        if b is not None and b <= 1:
            return ("placed only one order", "只下过一个订单")
        return (f"placed at most {b} orders", f"下单不超过 {b} 个")
    if key == "age":
        return _range_phrase(a, b, ("are aged {lo} to {hi}", "年龄在 {lo} 到 {hi} 岁"),
                             ("are aged {lo} or over", "年龄 {lo} 岁及以上"),
                             ("are aged {hi} or under", "年龄 {hi} 岁及以下"))
    return _range_phrase(a, b, ("{key} {lo} to {hi}", "{key} {lo} 到 {hi}"), ("{key} {lo} or more", "{key} 至少 {lo}"),
                         ("{key} at most {hi}", "{key} 最多 {hi}"), key=key)


# Days since an event, as (English, Chinese) templates for: a single day, a span of days, that many
# days or more, the analysis day itself, and within the last days. {a} and {b} are the numbers of
# days; {a_days} and {b_days} say them with their unit ("1 day", "1,200 days").
_DAYS_AGO = {
    "recency_days": (("last bought {a_days} ago", "最近一次购买在 {a} 天前"),
                     ("last bought {a}–{b} days ago", "最近一次购买在 {a}–{b} 天前"),
                     ("have not bought for {a_days} or more", "已有 {a} 天或更久没有购买"),
                     ("bought on the analysis day", "在分析当天买过"),
                     ("bought in the last {b_days}", "最近 {b} 天内买过")),
    "tenure_days": (("first bought {a_days} ago", "首次购买在 {a} 天前"),
                    ("first bought {a}–{b} days ago", "首次购买在 {a}–{b} 天前"),
                    ("first bought {a_days} ago or earlier", "首次购买在 {a} 天或更早以前"),
                    ("first bought on the analysis day", "在分析当天首次购买"),
                    ("first bought within the last {b_days}", "首次购买在最近 {b} 天内")),
}


def _days_ago(templates, a: int | None, b: int | None) -> tuple[str, str]:
    """Return the (English, Chinese) phrase of a whole-day range from `templates` (see _DAYS_AGO)."""
    day, span, or_more, today, within = templates
    if a is not None and b is not None:
        en, zh = day if a == b else span
    elif a is not None:
        en, zh = or_more
    else:
        en, zh = today if b == 0 else within
    fields = {"a": a, "b": b, "a_days": _days(a) if a is not None else None,
              "b_days": _days(b) if b is not None else None}
    return en.format(**fields), zh.format(**fields)
