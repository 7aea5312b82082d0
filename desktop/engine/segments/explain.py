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

from desktop import texts
from desktop.texts import Message, message

from .features import GENDER_WORDS, INTEGER_FEATURES, FeatureMatrix, feature_words
from .words import FIELD_LANGUAGES, fields, folded, held, joined, label, pair, plain, spaced_before, text

MAX_DEPTH = 3
MIN_RULE_PRECISION = 0.6   # rules right for fewer of their customers are not shown


@dataclass
class Rule:
    """One leaf of the rules tree: the conditions leading to it and the segment it gives."""

    segment: str
    conditions: list[Message]          # one catalogue phrase per condition
    customers: int                     # customers of the fitted data reaching this leaf
    precision: float                   # share of them who are in `segment`

    def text_in(self, language: str) -> str:
        """Return the rule as a clause in `language` ("spent more than 500 and …")."""
        if not self.conditions:
            return texts.text("rule_all_customers", language)
        return joined([c.text for c in self.conditions], "and")(language)

    @property
    def text(self) -> str:
        """Return the rule as an English clause."""
        return self.text_in(FIELD_LANGUAGES[""])

    @property
    def text_zh(self) -> str:
        """Return the rule as a Chinese clause."""
        return self.text_in(FIELD_LANGUAGES["_zh"])

    def sentence(self, name: tuple[str, str] | None, language: str) -> str:
        """Return "<segment name>: customers who <rule>." in `language`."""
        rule = spaced_before("rule_sentence", "rule", self.text_in(language), language)
        shown = held(name)(language) if name else self.segment
        return texts.text("rule_sentence", language, name=shown, rule=rule)

    def to_dict(self, names: dict | None = None) -> dict:
        """Return a JSON-ready rule; `names` maps segment keys to (en, zh) for full sentences."""
        name = (names or {}).get(self.segment)
        return {"segment": self.segment, **fields("rule", self.text_in),
                **fields("sentence", lambda language: self.sentence(name, language)),
                "customers": self.customers, "precision": round(self.precision, 4)}


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
        one = text("factors_one_theme", theme=_theme_words(theme))
        return FactorView(method, emb, [{"share": 1.0, **fields("theme", _theme_words(theme)),
                                         "loadings": {fm.names[0]: 1.0}}], *pair(one))
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
    themes: list[str] = []
    used: set[str] = set()
    for i in range(n_comp):
        weights: dict[str, float] = {}
        for key, value in zip(fm.names, loadings[i]):
            t = _theme(key)
            weights[t] = weights.get(t, 0.0) + float(value) ** 2
        ranked = sorted(weights.items(), key=lambda kv: -kv[1])
        # Name a component after a theme not already used for an earlier one, when close enough.
        top = ranked[0][0]
        for t, w in ranked:
            if t not in used and w >= 0.5 * ranked[0][1]:
                top = t
                break
        used.add(top)
        themes.append(top)
        components.append({"share": round(float(shares[i]), 4), **fields("theme", _theme_words(top)),
                           "loadings": {k: round(float(v), 3) for k, v in zip(fm.names, loadings[i])}})
    if n_factors is not None:
        return _factor_sentences(fm, emb, components, coords, n_factors)
    c1, c2 = components[0], components[1]
    two = text("factors_two_themes", first=_theme_words(themes[0]), first_share=c1["share"],
               second=_theme_words(themes[1]), second_share=c2["share"])
    return FactorView(method, emb, components, *pair(two))


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
# (their words: the catalogue's factor_title labels, keyed <feature>_high / <feature>_low)
_FACTOR_TITLES = ("frequency", "tenure_days", "avg_days_between", "recency_days", "monetary", "avg_order_value",
                  "age", "income")
LOADING_SHOWN = 0.4   # a feature with a loading of at least this size is named in a factor's sentence


def _factor_title(key: str, sign: int):
    if key in _FACTOR_TITLES:
        return label("factor_title", f"{key}_{'high' if sign > 0 else 'low'}")
    return _feature_sign(key, sign)


def _feature_sign(key: str, sign: float):
    """A feature's words, or "low <feature>" for a negative loading."""
    return feature_words(key) if sign >= 0 else text("factor_low", feature=feature_words(key))


def _factor_sentences(fm: FeatureMatrix, emb: pd.DataFrame, components: list[dict], coords: np.ndarray,
                      n_factors: int) -> FactorView:
    """Return the FactorView of rotated factors: each retained factor as "Factor 1 — loyal
    regulars: number of orders, days since first purchase" with its customers' scores."""
    retained = []
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
        title = _factor_title(strong[0][0], 1 if strong[0][1] >= 0 else -1)
        sentence = text("factor_sentence", n=i + 1, title=title,
                        features=joined([_feature_sign(k, v) for k, v in strong], "list"))
        comp.update({"factor": i + 1, **fields("title", title), "retained": i < n_factors,
                     "features": [k for k, _ in strong], **fields("sentence", sentence)})
        if i < n_factors:
            retained.append(sentence)
    emb = pd.DataFrame({"x": coords[:, 0], "y": coords[:, 1]}, index=emb.index)
    scores = pd.DataFrame(coords[:, :n_factors], index=emb.index,
                          columns=[f"factor_{i + 1}" for i in range(n_factors)])
    rule = text("factors_kept_one" if n_factors == 1 else "factors_kept", n=n_factors)
    both = folded(retained, "two_sentences")
    return FactorView("factor", emb, components, *pair(both), scores=scores,
                      n_factors=n_factors, **fields("rule", rule))


# --- internals ---------------------------------------------------------------------------------

# What customers differ in, by feature (their words: the catalogue's factor_theme labels).
_THEMES = {"monetary": "monetary", "avg_order_value": "monetary", "income": "income",
           "recency_days": "recency_days", "frequency": "frequency", "avg_days_between": "frequency",
           "tenure_days": "tenure_days", "age": "age"}


def _theme(key: str) -> str:
    if key in _THEMES:
        return _THEMES[key]
    kind = key.split(":", 1)[0]
    return kind if kind in ("share", "gender", "city") and ":" in key else key


def _theme_words(theme: str):
    return label("factor_theme", theme) if theme in texts.LABELS["en"]["factor_theme"] else plain(theme)


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
            currency: str) -> list[Message]:
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


def _condition(key: str, lo: float | None, hi: float | None, currency: str) -> Message:
    if key in INTEGER_FEATURES:
        # x > 1.5 means x >= 2 for whole numbers; x <= 3.5 means x <= 3.
        a = math.floor(lo) + 1 if lo is not None else None
        b = math.floor(hi) if hi is not None else None
        return _integer_condition(key, a, b)
    if key.startswith("share:"):
        cat = key.split(":", 1)[1]
        category = message("other_categories") if cat == "__other__" else cat
        if lo is not None and hi is not None:
            return message("rule_share_between", lo=lo, hi=hi, category=category)
        if lo is not None:
            return message("rule_share_above", lo=lo, category=category)
        if hi is not None and hi < 0.005:
            return message("rule_share_none", category=category)
        return message("rule_share_below", hi=hi, category=category)
    if key.startswith("gender:") or key.startswith("city:"):
        kind, value = key.split(":", 1)
        yes = lo is not None  # flag > 0.5
        if kind == "gender":
            gender = GENDER_WORDS.get(value.strip().casefold())
            if gender:
                return message("rule_gender_is" if yes else "rule_gender_not", people=gender)
            return message("rule_gender_is_other" if yes else "rule_gender_not_other", value=value)
        return message("rule_city_in" if yes else "rule_city_not", city=value)
    if key == "avg_days_between":
        lo_t, hi_t = (f"{v:,.0f}" if v is not None else None for v in (lo, hi))
        return _range_phrase("rule_gap", lo_t, hi_t)
    if key == "avg_order_value":
        lo_t, hi_t = (_money(v, currency) if v is not None else None for v in (lo, hi))
        return _range_phrase("rule_order_value", lo_t, hi_t)
    measures = {"monetary": "rule_spend", "income": "rule_income"}
    lo_t, hi_t = ((_money(v, currency) if key in measures else f"{v:,.2f}") if v is not None else None
                  for v in (lo, hi))
    return _range_phrase(measures.get(key, "rule_value"), lo_t, hi_t, feature=key)


def _range_phrase(code: str, lo, hi, **fields) -> Message:
    """Return the catalogue phrase `code`_between when both ends are known, else `code`_above (only
    a lower end) or `code`_below (only an upper end), with the ends as {lo} and {hi}."""
    if lo is not None and hi is not None:
        return message(f"{code}_between", lo=lo, hi=hi, **fields)
    if lo is not None:
        return message(f"{code}_above", lo=lo, **fields)
    return message(f"{code}_below", hi=hi, **fields)


def _integer_condition(key: str, a: int | None, b: int | None) -> Message:
    if key in _DAYS_AGO:
        return _days_ago(_DAYS_AGO[key], a, b)
    if key == "frequency":
        if a is not None and b is not None:
            if a == b:
                return message("rule_orders_exactly_one" if a == 1 else "rule_orders_exactly", a=a)
            return message("rule_orders_between", a=a, b=b)
        if a is not None:
            if a == 1:
                return message("rule_orders_at_least_one")
            return message("rule_orders_or_more", a=a)
        if b is not None and b <= 1:
            return message("rule_orders_only_one")
        return message("rule_orders_at_most", b=b)
    if key == "age":
        return _range_phrase("rule_age", a, b)
    return _range_phrase("rule_count", a, b, feature=key)


# Days since an event, as catalogue codes for: a single day, a span of days, that many days or more,
# the analysis day itself, and within the last days ({a} and {b} are the numbers of days; a code for
# one day has its own form, `code`_one).
_DAYS_AGO = {
    "recency_days": ("rule_last_bought_ago", "rule_last_bought_between", "rule_not_bought_for",
                     "rule_bought_today", "rule_bought_within"),
    "tenure_days": ("rule_first_bought_ago", "rule_first_bought_between", "rule_first_bought_before",
                    "rule_first_bought_today", "rule_first_bought_within"),
}


def _days_ago(codes: tuple[str, ...], a: int | None, b: int | None) -> Message:
    """Return the phrase of a whole-day range from `codes` (see _DAYS_AGO)."""
    day, span, or_more, today, within = codes
    if a is not None and b is not None:
        if a == b:
            return message(day + ("_one" if a == 1 else ""), a=a)
        return message(span, a=a, b=b)
    if a is not None:
        return message(or_more + ("_one" if a == 1 else ""), a=a)
    if b == 0:
        return message(today)
    return message(within + ("_one" if b == 1 else ""), b=b)
