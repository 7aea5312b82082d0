"""The customer panel's predictions and product suggestions (entries of PANEL_SECTIONS).

Both read the session's slots (`session.predictions`, `session.suggestions`, desktop.session); a
section that has nothing real to show says so, or returns None, never a made-up value."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.ui import formatting as fmt
from desktop import texts
from desktop.ui.i18n import texts_language, tr
from desktop.ui.views.customer_panel import PANEL_SECTIONS
from desktop.ui.widgets import wrapped_label

BAND_COLOURS = {"low": "#2e9d5b", "medium": "#d99a1e", "high": "#d64541"}
PANEL_SUGGESTIONS = 5


def band_names() -> dict[str, str]:
    """Return the churn bands' names in the interface language."""
    return {"low": tr("Low"), "medium": tr("Medium"), "high": tr("High")}


def band_colour(key: object) -> QColor | None:
    """Return the colour of churn band `key` (None for an unknown band)."""
    name = BAND_COLOURS.get(str(key))
    return QColor(name) if name else None


def say(code: str, **params) -> str:
    """The catalogue sentence `code` (desktop/texts) in the interface language."""
    return texts.text(code, texts_language(), **params)


def warning_text(warnings) -> str:
    """Return the engine's warnings (desktop.texts.Message) as one plain paragraph in the interface
    language, without repeating a sentence."""
    language = texts_language()
    seen: list[str] = []
    for w in warnings or []:
        text = w.text(language)
        if text not in seen:
            seen.append(text)
    return " ".join(seen)


def chance(value: object) -> str:
    """A probability as a whole percentage that never claims certainty it does not have: '100%' and
    '0%' only when exact, else at most '>99%' and at least '<1%'."""
    if fmt.is_missing(value):
        return ""
    v = float(value)  # type: ignore[arg-type]
    if 0.0 < v < 0.005:
        return "<1%"
    if 0.995 <= v < 1.0:
        return ">99%"
    return fmt.percent(v, 0)


def buying_chance(row) -> str:
    """The chance of buying in the churn window (1 - the chance of none), as `chance` shows it; a
    customer who may still be one is never shown a flat 0% because the subtraction rounded to 0."""
    risk, alive = row.get("churn_risk"), row.get("p_alive")
    if fmt.is_missing(risk):
        return ""
    buy = max(0.0, 1.0 - float(risk))
    if buy == 0.0 and not fmt.is_missing(alive) and float(alive) > 0.0:
        return "<1%"
    return chance(buy)


def between(low: object, high: object, shown=None) -> str:
    """'between £1,200 and £3,400' (empty when either end is missing)."""
    shown = shown or fmt.money
    if fmt.is_missing(low) or fmt.is_missing(high):
        return ""
    return say("pred_between", low=shown(low), high=shown(high))


GOOD_GROUPS = frozenset({"champions", "loyal", "potential_loyalist", "new", "promising", "important_value",
                         "important_develop", "general_value", "general_develop"})
SLIPPING_GROUPS = frozenset({"at_risk", "cant_lose", "hibernating", "lost", "about_to_sleep", "important_retain",
                             "general_retain"})


def disagreement(data, customer_id: str, row, result) -> str:
    """The sentence that reconciles the customer's group (by past purchases) with their prediction
    when the two point different ways, else ''."""
    customers = getattr(data, "customers", None)
    if customers is None or customer_id not in customers.index or result is None:
        return ""
    segment = str(customers.at[customer_id, "segment"]) if "segment" in customers.columns else ""
    group = str(customers.at[customer_id, "segment_label"]) if "segment_label" in customers.columns else segment
    alive, risk = row.get("p_alive"), row.get("churn_risk")
    freq, recency, T = row.get("frequency"), row.get("recency"), row.get("T")
    if any(fmt.is_missing(v) for v in (alive, risk, freq, recency, T)) or float(freq) <= 0:
        return ""
    from desktop.jobs.predictions import unit_days

    unit = unit_days(result.settings.time_unit)
    since = int(round((float(T) - float(recency)) * unit))
    gap = float(recency) * unit / float(freq)
    if gap <= 0:
        return ""
    if segment in GOOD_GROUPS and (float(alive) < 0.5 or float(risk) > result.settings.high_band):
        return say("pred_disagree_late", group=group, days=since, times=since / gap)
    if segment in SLIPPING_GROUPS and float(risk) < 0.5 and since <= gap:
        return say("pred_disagree_recent", group=group, days=since, gap=int(round(gap)))
    return ""


def _small(text: str) -> QLabel:
    label = wrapped_label(text)
    return label


def prediction_section(session, customer_id: str):
    """Panel section: the shop's warnings first (which figures are left out and why), then the
    chance of buying soon, the reason when the customer's group and prediction disagree, the chance
    still a customer, expected purchases, next purchase, spend (with its 80% range) and value."""
    slot = session.predictions
    if not slot.ready:
        if slot.running:
            return tr("Predictions"), _small(tr("Working out predictions…"))
        return None
    result = slot.value.result
    table = result.table
    data = session.data
    if customer_id not in table.index:
        return tr("Predictions"), _small(tr("No predictions for this customer: no purchases up to the "
                                            "analysis date."))
    row = table.loc[customer_id]
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 0, 0)
    if result is not None:
        notes = warning_text(result.warnings)
        if notes:
            layout.addWidget(_small(notes))
    risk = row.get("churn_risk")
    band = row.get("churn_band")
    days = result.settings.churn_days if result is not None else 90
    if not fmt.is_missing(risk):
        colour = BAND_COLOURS.get(str(band), "#333333")
        head = QLabel(f'<span style="color:{colour}; font-size:14pt"><b>{escape(buying_chance(row))}</b>'
                      f'</span><br>' + escape(say("pred_chance_buy", days=days)))
        head.setTextFormat(Qt.TextFormat.RichText)
        head.setWordWrap(True)
        layout.addWidget(head)
        why = disagreement(data, customer_id, row, result)
        if why:
            layout.addWidget(_small(why))
    form = QFormLayout()
    layout.addLayout(form)

    def add(label: str, text: str) -> None:
        if text:
            value = QLabel(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            form.addRow(label, value)

    def with_range(text: str, low: str, high: str, shown=None) -> str:
        span = between(row.get(low), row.get(high), shown)
        return f"{text} ({span})" if text and span else text

    add(say("pred_still_customer"), chance(row.get("p_alive")))
    add(tr("Expected purchases, next 90 days"), fmt.number(row.get("expected_purchases_90")))
    add(tr("Expected purchases, next 12 months"),
        with_range(fmt.number(row.get("expected_purchases_365")), "expected_purchases_365_low",
                   "expected_purchases_365_high", fmt.number))
    nxt = row.get("expected_next_purchase")
    if not fmt.is_missing(risk):
        add(tr("Likely to buy again by"), fmt.day(nxt) if not fmt.is_missing(nxt) else tr("not expected soon"))
    add(tr("Spend so far"), fmt.money(row.get("historic_spend")))
    add(tr("Expected spend next year"),
        with_range(fmt.money(row.get("predicted_spend_12m")), "predicted_spend_12m_low", "predicted_spend_12m_high"))
    add(tr("Expected lifetime value"), fmt.money(row.get("clv")))
    freq = row.get("frequency")
    if not fmt.is_missing(freq) and float(freq) == 0 and not fmt.is_missing(row.get("p_alive")):
        layout.addWidget(_small(say("pred_one_time")))
    if result is not None and result.settings is not None and not fmt.is_missing(row.get("clv")):
        layout.addWidget(_small(say("pred_interval_note")))
        layout.addWidget(_small(tr("Lifetime value over %1 months, %2 a year discount.")
                                .replace("%1", str(result.settings.clv_months))
                                .replace("%2", fmt.percent(result.settings.discount_rate, 0))))
    return tr("Predictions"), body


def suggestion_section(session, customer_id: str):
    """Panel section: the customer's top suggested products, each with its reason."""
    slot = session.suggestions
    if not slot.ready:
        if slot.running:
            return tr("Suggested products"), _small(tr("Working out product suggestions…"))
        return None
    mine = slot.value.for_customer(customer_id).head(PANEL_SUGGESTIONS)
    if len(mine) == 0:
        return tr("Suggested products"), _small(tr("No suggestion for this customer with the current settings."))
    parts = []
    reasons = texts.table_texts(mine, "reason", texts_language())
    for row, reason in zip(mine.itertuples(index=False), reasons):
        parts.append(f"<p style='margin:0 0 6px 0'><b>{int(row.rank)}. {escape(str(row.product_name))}</b>"
                     f"<br><span style='color:#5b6675'>{escape(reason)}</span></p>")
    label = QLabel("".join(parts))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return tr("Suggested products"), label


for _section in (prediction_section, suggestion_section):
    if _section not in PANEL_SECTIONS:
        PANEL_SECTIONS.append(_section)
