"""The filter builder: a small expression language over the customer table, read by a hand-written
tokenizer and recursive-descent parser (nothing is ever evaluated as Python).

Grammar (keywords in any case; the README has it in a shop owner's words)::

    expression := term ( "or" term )*
    term       := factor ( "and" factor )*
    factor     := "not" factor | "(" expression ")" | condition
    condition  := FIELD OP value                          spend >= 500, city = 上海, last_purchase < 2025-01-01
                | FIELD "between" value "and" value       first_purchase between 2024-01-01 and 2024-06-30
                | FIELD ["not"] "in" "(" value ("," value)* ")"    group in (champions, loyal)
                | FIELD "contains" value                  city contains "Hang"
                | "bought" ("product" | "category") value ["between" DATE "and" DATE]
    OP         := "=" | "!=" | "<" | "<=" | ">" | ">="
    value      := a number, a date YYYY-MM-DD, a word (letters, digits, _ - . in any script) or a
                  quoted text ('...' or "...")

Fields: group (the segment's key or its English or Chinese name), spend, spend_12m, orders,
days_since_last, average_order, first_purchase, last_purchase, city, gender, name, birthday_month
(1-12), churn_band (low / medium / high), expected_value (expected spend next 12 months), tier
(tiers.py). churn_band and expected_value need the predictions; when their checks hold them back no
customer matches such a condition and the result says so (a warning). Text is compared ignoring case
and surrounding spaces; `bought product "mooncake"` matches any product whose name or code contains
the text. A mistake in an expression is an InputError naming the character where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from collections.abc import Callable

import numpy as np
import pandas as pd

from .. import texts
from ..texts import Message, message
from .errors import InputError

MAX_EXPRESSION = 2_000   # characters of one expression
MAX_DEPTH = 30           # nesting of parentheses and "not"

# field -> (kind, aliases); kinds: number, date, text, group, gender, month, band
FIELDS: dict[str, str] = {
    "group": "group", "spend": "number", "spend_12m": "number", "orders": "number",
    "days_since_last": "number", "average_order": "number", "first_purchase": "date",
    "last_purchase": "date", "city": "text", "gender": "gender", "name": "text", "birthday_month": "month",
    "churn_band": "band", "expected_value": "number", "tier": "tier",
}
ALIASES = {"segment": "group", "recency": "days_since_last", "frequency": "orders", "monetary": "spend"}
KEYWORDS = {"and", "or", "not", "in", "between", "contains", "bought", "product", "category"}
PREDICTED = {"churn_band", "expected_value"}
BANDS = ("low", "medium", "high")
_GENDER = {"f": "female", "female": "female", "woman": "female", "w": "female", "女": "female", "女性": "female",
           "m": "male", "male": "male", "man": "male", "男": "male", "男性": "male"}


# --- tokens ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    kind: str   # 'word', 'text' (quoted), 'number', 'date', 'op', '(', ')', ',', 'end'
    value: str
    pos: int    # 0-based character position in the expression


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<date>\d{4}-\d{1,2}-\d{1,2}(?![\w.]))
  | (?P<number>-?\d+(?:\.\d+)?(?![\w.\-]))
  | (?P<text>"[^"]*"|'[^']*'|“[^”]*”|‘[^’]*’)
  | (?P<op><=|>=|!=|<>|==|=|<|>)
  | (?P<punct>[(),（），])
  | (?P<word>[^\W]([\w.\-]*[\w])?)
""", re.VERBOSE)


def tokenize(text: str) -> list[Token]:
    """The tokens of an expression; an InputError names the first character that is none."""
    if len(text) > MAX_EXPRESSION:
        raise _error(text, MAX_EXPRESSION, "too_long")
    out: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            if text[pos] in "\"'“‘":
                raise _error(text, pos, "open_quote")
            raise _error(text, pos, "character")
        kind = m.lastgroup or ""
        value = m.group(kind)
        if kind == "text":
            out.append(Token("text", value[1:-1], pos))
        elif kind == "punct":
            out.append(Token({"（": "(", "）": ")", "，": ","}.get(value, value), value, pos))
        elif kind == "op":
            out.append(Token("op", {"==": "=", "<>": "!="}.get(value, value), pos))
        elif kind != "space":
            out.append(Token(kind, value, pos))
        pos = m.end()
    out.append(Token("end", "", len(text)))
    return out


# --- the tree --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Condition:
    field: str            # a FIELDS key, or 'bought_product' / 'bought_category'
    op: str               # '=', '!=', '<', '<=', '>', '>=', 'between', 'in', 'not in', 'contains', 'bought'
    values: tuple         # parsed values (float, pd.Timestamp or str)
    pos: int


@dataclass(frozen=True)
class Not:
    child: Any


@dataclass(frozen=True)
class Both:
    op: str               # 'and' or 'or'
    children: tuple


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def word(self, *words: str) -> bool:
        return self.tok.kind == "word" and self.tok.value.lower() in words

    def take(self) -> Token:
        t = self.tok
        self.i += 1
        return t

    def fail(self, what: str, tok: Token | None = None) -> InputError:
        return _error(self.text, (tok or self.tok).pos, what, (tok or self.tok).value)

    def parse(self) -> Any:
        if self.tok.kind == "end":
            raise self.fail("empty")
        node = self.expression()
        if self.tok.kind != "end":
            raise self.fail("expected_and_or")
        return node

    def expression(self) -> Any:
        parts = [self.term()]
        while self.word("or"):
            self.take()
            parts.append(self.term())
        return parts[0] if len(parts) == 1 else Both("or", tuple(parts))

    def term(self) -> Any:
        parts = [self.factor()]
        while self.word("and"):
            self.take()
            parts.append(self.factor())
        return parts[0] if len(parts) == 1 else Both("and", tuple(parts))

    def factor(self) -> Any:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail("too_deep")
        try:
            if self.word("not"):
                self.take()
                return Not(self.factor())
            if self.tok.kind == "(":
                opened = self.take()
                node = self.expression()
                if self.tok.kind != ")":
                    raise self.fail("close", opened if self.tok.kind == "end" else None)
                self.take()
                return node
            return self.condition()
        finally:
            self.depth -= 1

    def condition(self) -> Condition:
        start = self.tok
        if start.kind != "word":
            raise self.fail("expected_field")
        name = start.value.lower()
        if name == "bought":
            return self.bought()
        name = ALIASES.get(name, name)
        if name not in FIELDS:
            raise self.fail("unknown_field")
        self.take()
        kind = FIELDS[name]
        if self.word("between"):
            return Condition(name, "between", self.between(kind), start.pos)
        negated = self.word("not")
        if negated:
            self.take()
            if not self.word("in"):
                raise self.fail("expected_in")
        if self.word("in"):
            self.take()
            if self.tok.kind != "(":
                raise self.fail("in_list")
            self.take()
            values = [self.value(kind)]
            while self.tok.kind == ",":
                self.take()
                values.append(self.value(kind))
            if self.tok.kind != ")":
                raise self.fail("in_list_close")
            self.take()
            return Condition(name, "not in" if negated else "in", tuple(values), start.pos)
        if self.word("contains"):
            if kind not in ("text", "group", "tier"):
                raise self.fail("contains_text")
            self.take()
            return Condition(name, "contains", (self.value("text"),), start.pos)
        if self.tok.kind != "op":
            raise self.fail("expected_op")
        op = self.take().value
        if op in ("<", "<=", ">", ">=") and kind not in ("number", "date", "month"):
            raise self.fail("order_text", self.tokens[self.i - 1])
        return Condition(name, op, (self.value(kind),), start.pos)

    def bought(self) -> Condition:
        start = self.take()
        if not self.word("product", "category"):
            raise self.fail("bought_what")
        what = self.take().value.lower()
        item = self.value("text")
        window = self.between("date") if self.word("between") else ()
        return Condition(f"bought_{what}", "bought", (item, *window), start.pos)

    def between(self, kind: str) -> tuple:
        """The two values of `between LOW and HIGH` (the parser is at `between`)."""
        self.take()
        low = self.value(kind)
        if not self.word("and"):
            raise self.fail("between_and")
        self.take()
        return (low, self.value(kind))

    def value(self, kind: str) -> Any:
        t = self.tok
        if t.kind in ("end", "op", "(", ")", ","):
            raise self.fail("expected_value")
        if t.kind == "word" and t.value.lower() in ("and", "or") and kind != "text":
            raise self.fail("expected_value")
        self.take()
        if kind in ("number", "month"):
            try:
                number = float(t.value)
            except ValueError:
                raise self.fail("number", t) from None
            if kind == "month" and not (number.is_integer() and 1 <= number <= 12):
                raise self.fail("month", t)
            return number
        if kind == "date":
            if t.kind != "date":
                raise self.fail("date", t)
            try:
                return pd.Timestamp(t.value)
            except ValueError:
                raise self.fail("date", t) from None
        if kind == "band" and t.value.lower() not in BANDS:
            raise self.fail("band", t)
        if kind == "gender" and t.value.strip().lower() not in _GENDER:
            raise self.fail("gender", t)
        return t.value.strip()


def parse(text: str) -> Any:
    """The expression's tree (Condition, Not, Both); InputError for a mistake, naming its position."""
    if not isinstance(text, str):
        raise _error("", 0, "empty")
    return _Parser(text).parse()


def conditions(node: Any) -> list[Condition]:
    """Every condition of a tree, left to right."""
    if isinstance(node, Condition):
        return [node]
    if isinstance(node, Not):
        return conditions(node.child)
    return [c for child in node.children for c in conditions(child)]


# --- errors ----------------------------------------------------------------------------------------

def _error(text: str, pos: int, what: str, found: str = "") -> InputError:
    """The filter cannot be read at `pos`: the catalogue's filter_<what> says why."""
    most = {"too_long": MAX_EXPRESSION, "too_deep": MAX_DEPTH}
    problem = message(f"filter_{what}", **({"most": most[what]} if what in most else {}),
                      **({"fields": ", ".join(FIELDS)} if what == "unknown_field" else {}))
    return InputError("filter_unreadable", position=pos + 1, found=f" ({found[:30]!r})" if found else "",
                      problem=problem)


def _group_error(pos: int, value: str, groups: list[str]) -> InputError:
    return InputError("filter_unknown_group", group=repr(value), position=pos + 1, groups=list(groups))


# --- evaluating ------------------------------------------------------------------------------------

@dataclass
class FilterResult:
    expression: str
    customer_ids: list[str]
    mask: pd.Series
    warnings: list[Message] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.customer_ids)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        return {"expression": self.expression, "customers": self.count,
                "warnings": [w.to_dict(language) for w in self.warnings]}


@dataclass
class FilterData:
    """What conditions are evaluated on: the customer table (with segments), the order lines and the
    analysis date. The predictions and the 12-month spend are computed once, when a condition needs
    them (`predictions` may be given to reuse a table already computed)."""

    customers: pd.DataFrame
    lines: pd.DataFrame
    as_of: pd.Timestamp
    predictions: pd.DataFrame | None = None
    tiers: pd.DataFrame | None = None
    _held_back: Message | None = None
    _predicted: bool = False

    @classmethod
    def of(cls, analysis) -> FilterData:
        return cls(analysis.customers, analysis.lines, pd.Timestamp(analysis.as_of).normalize())

    def predicted(self) -> tuple[pd.DataFrame | None, Message | None]:
        if not self._predicted:
            self._predicted = True
            if self.predictions is None:
                from .todo import prediction_values

                self.predictions, self._held_back = prediction_values(self.lines, self.as_of)
        return self.predictions, self._held_back

    def tier_table(self) -> pd.DataFrame:
        if self.tiers is None:
            from .tiers import assign_tiers

            self.tiers = assign_tiers(self.lines, self.customers.index, self.as_of).table
        return self.tiers


def filter_customers(data: FilterData, text: str) -> FilterResult:
    """The customers matching the expression `text` (InputError for a mistake in it)."""
    node = parse(text)
    warnings: list[Message] = []
    mask = _evaluate(node, data, warnings).reindex(data.customers.index, fill_value=False)
    ids = [str(i) for i in data.customers.index[mask.to_numpy(dtype=bool)]]
    return FilterResult(text, ids, mask, warnings)


def _evaluate(node: Any, data: FilterData, warnings: list[Message]) -> pd.Series:
    if isinstance(node, Not):
        return ~_evaluate(node.child, data, warnings)
    if isinstance(node, Both):
        parts = [_evaluate(c, data, warnings) for c in node.children]
        out = parts[0]
        for p in parts[1:]:
            out = (out & p) if node.op == "and" else (out | p)
        return out
    return _condition(node, data, warnings).fillna(False).astype(bool)


def _norm(values: pd.Series) -> pd.Series:
    return values.astype("string").str.strip().str.lower()


def _column(c: Condition, data: FilterData, warnings: list[Message]) -> pd.Series:
    """The customer table's values for the condition's field (NaN / NA where unknown)."""
    cust = data.customers
    empty = pd.Series(np.nan, index=cust.index)
    simple = {"spend": "monetary", "orders": "frequency", "days_since_last": "recency_days",
              "average_order": "avg_order_value", "first_purchase": "first_purchase",
              "last_purchase": "last_purchase", "city": "city", "name": "customer_name"}
    if c.field in simple:
        return cust[simple[c.field]] if simple[c.field] in cust.columns else empty
    if c.field == "gender":
        if "gender" not in cust.columns:
            return empty
        return _norm(cust["gender"]).map(lambda v: _GENDER.get(v) if isinstance(v, str) else None)
    if c.field == "birthday_month":
        if "birthday" not in cust.columns:
            return empty
        from .todo import _month_day

        return cust["birthday"].map(lambda v: np.nan if v is None or (not isinstance(v, str) and pd.isna(v))
                                    else (_month_day(v) or (np.nan,))[0]).astype(float)
    if c.field in ("spend_12m", "tier"):
        table = data.tier_table()
        return table["spend_12m" if c.field == "spend_12m" else "tier"].reindex(cust.index)
    if c.field in PREDICTED:
        table, held = data.predicted()
        if table is None:
            if held is not None and all(w.code != "filter_predictions_held_back" for w in warnings):
                warnings.append(message("filter_predictions_held_back", why=held.params.get("why", "")))
            return empty
        col = "churn_band" if c.field == "churn_band" else "predicted_spend_12m"
        values = table[col]
        values.index = values.index.astype(str)
        return values.reindex(cust.index.astype(str)).set_axis(cust.index)
    raise AssertionError(c.field)  # pragma: no cover - the parser knows only these


def _condition(c: Condition, data: FilterData, warnings: list[Message]) -> pd.Series:
    if c.op == "bought":
        return _bought(c, data)
    kind = FIELDS[c.field]
    if kind == "group":
        return _compare_text(_group_keys(c, data), c.op, [_group_key(c, v, data) for v in c.values])
    col = _column(c, data, warnings)
    if kind in ("text", "band", "gender", "tier"):
        values = [str(v).strip().lower() for v in c.values]
        if kind == "gender":
            values = [_GENDER[v] for v in values]
        if kind == "tier":
            values = [_tier_key(v) for v in values]
        return _compare_text(_norm(col) if kind != "gender" else col.astype("string"), c.op, values)
    dated = kind == "date"
    col = pd.to_datetime(col, errors="coerce").dt.normalize() if dated else pd.to_numeric(col, errors="coerce")
    return _compare_ordered(col, c.op, list(c.values))


def _compare_text(col: pd.Series, op: str, values: list[str]) -> pd.Series:
    col = col.astype("string")
    if op == "contains":
        return col.str.contains(values[0], regex=False)
    if op in ("=", "in"):
        return col.isin(values)
    known = col.notna()
    return known & ~col.isin(values)  # '!=' and 'not in': an unknown city is not "not Shanghai"


def _compare_ordered(col: pd.Series, op: str, values: list) -> pd.Series:
    ops: dict[str, Callable[[pd.Series], pd.Series]] = {
        "=": lambda s: s == values[0], "!=": lambda s: s != values[0], "<": lambda s: s < values[0],
        "<=": lambda s: s <= values[0], ">": lambda s: s > values[0], ">=": lambda s: s >= values[0],
        "between": lambda s: (s >= min(values)) & (s <= max(values)),
        "in": lambda s: s.isin(values), "not in": lambda s: ~s.isin(values),
    }
    return ops[op](col) & col.notna()


def _group_keys(c: Condition, data: FilterData) -> pd.Series:
    return _norm(data.customers["segment"]) if "segment" in data.customers.columns else \
        pd.Series(pd.NA, index=data.customers.index, dtype="string")


def _group_key(c: Condition, value: str, data: FilterData) -> str:
    """A group named by its key or its English or Chinese name: the customer table's own names (the
    owner's renamed groups) and every group of the RFM models, so a saved list keeps working when a
    group is empty on new data."""
    from .segments.rfm import SEGMENTS_8, SEGMENTS_11

    cust = data.customers
    wanted = value.strip().lower()
    names: dict[str, str] = {}
    for col in ("segment", "segment_name", "segment_name_zh"):
        if "segment" in cust.columns and col in cust.columns:
            pairs = pd.DataFrame({"k": cust["segment"].astype(str), "n": cust[col].astype(str)}).drop_duplicates()
            for k, n in zip(pairs["k"], pairs["n"]):
                names.setdefault(n.strip().lower(), k.lower())
    for key in (*SEGMENTS_11, *SEGMENTS_8):  # a group's key, or its name in any language of the catalogue
        for n in (key, *(texts.label("segment_name", key, language) for language in texts.LANGUAGES)):
            names.setdefault(n.strip().lower(), key.lower())
    if wanted in names:
        return names[wanted]
    if c.op == "contains":
        return wanted
    known = sorted(set(cust["segment"].astype(str))) if "segment" in cust.columns else []
    raise _group_error(c.pos, value, known)


def _tier_key(value: str) -> str:
    from .tiers import tier_key

    return tier_key(value)


def _bought(c: Condition, data: FilterData) -> pd.Series:
    lines = data.lines
    lines = lines[(lines["date"] < data.as_of + pd.Timedelta(days=1)) & ~lines["is_return"].to_numpy(dtype=bool)]
    if len(c.values) == 3:
        low, high = sorted(c.values[1:])
        day = lines["date"].dt.normalize()
        lines = lines[(day >= low) & (day <= high)]
    wanted = str(c.values[0]).strip().lower()
    if c.field == "bought_product":
        hit = _norm(lines["product_name"]).str.contains(wanted, regex=False).fillna(False) | \
            _norm(lines["product_id"]).str.contains(wanted, regex=False).fillna(False)
    else:
        hit = _norm(lines["category"]).str.contains(wanted, regex=False).fillna(False)
    who = set(lines.loc[hit.to_numpy(dtype=bool), "customer_id"])
    return pd.Series(data.customers.index.isin(list(who)), index=data.customers.index)
