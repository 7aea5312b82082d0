"""The customer panel's predictions and product suggestions (entries of PANEL_SECTIONS).

Both read what the background tasks of the predictions and products views left on the
AnalysisData (`data.predictions`, `data.suggestions`, `data.extra`); a section that has nothing
real to show says so, or returns None, never a made-up value."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.ui import formatting as fmt
from desktop.ui.i18n import is_chinese, tr
from desktop.ui.views.customer_panel import PANEL_SECTIONS
from desktop.ui.widgets import wrapped_label

# data.extra keys (the objects behind data.predictions / data.suggestions)
PREDICTION_RESULT = "prediction_result"      # desktop.engine.predictions.PredictionResult
PREDICTION_STATE = "prediction_state"        # 'running' | 'ready' | 'failed' | 'cancelled'
PROPENSITY_RESULT = "propensity_result"      # desktop.engine.predictions.PropensityResult
SUGGESTION_MODELS = "suggestion_models"      # desktop.engine.suggestions.SuggestionModels
SUGGESTION_STATE = "suggestion_state"
SUGGESTION_INDEX = "suggestion_index"  # (suggestions frame, prepare.LineIndex of its rows per customer)

BAND_COLOURS = {"low": "#2e9d5b", "medium": "#d99a1e", "high": "#d64541"}
PANEL_SUGGESTIONS = 5


def band_names() -> dict[str, str]:
    """Return the churn bands' names in the interface language."""
    return {"low": tr("Low"), "medium": tr("Medium"), "high": tr("High")}


def band_colour(key: object) -> QColor | None:
    """Return the colour of churn band `key` (None for an unknown band)."""
    name = BAND_COLOURS.get(str(key))
    return QColor(name) if name else None


def warning_text(warnings) -> str:
    """Return the engine's warnings (PredictionWarning: en/zh) as one plain paragraph, without
    repeating a sentence."""
    seen: list[str] = []
    for w in warnings or []:
        text = w.zh if is_chinese() else w.en
        if text not in seen:
            seen.append(text)
    return " ".join(seen)


def _pick(en: object, zh: object) -> str:
    return str(zh if is_chinese() and not fmt.is_missing(zh) else en)


def _small(text: str) -> QLabel:
    label = wrapped_label(text)
    return label


def prediction_section(data, customer_id: str):
    """Panel section: churn risk first (one-time buyers always look 'still active' to the purchase
    model), then the chance still active, expected purchases, next purchase, spend and value."""
    state = data.extra.get(PREDICTION_STATE)
    table = getattr(data, "predictions", None)
    if table is None:
        if state == "running":
            return tr("Predictions"), _small(tr("Working out predictions…"))
        return None
    if customer_id not in table.index:
        return tr("Predictions"), _small(tr("No predictions for this customer: no purchases up to the "
                                            "analysis date."))
    row = table.loc[customer_id]
    result = data.extra.get(PREDICTION_RESULT)
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 0, 0)
    risk = row.get("churn_risk")
    band = row.get("churn_band")
    days = result.settings.churn_days if result is not None else 90
    if not fmt.is_missing(risk):
        colour = BAND_COLOURS.get(str(band), "#333333")
        name = band_names().get(str(band), "")
        head = QLabel(f'<span style="color:{colour}; font-size:14pt"><b>{escape(fmt.percent(risk, 0))}</b>'
                      f' {escape(name)}</span><br>'
                      + escape(tr("Risk of losing them: the chance of no purchase in the next %n days", "", days)))
        head.setTextFormat(Qt.TextFormat.RichText)
        head.setWordWrap(True)
        layout.addWidget(head)
    form = QFormLayout()
    layout.addLayout(form)

    def add(label: str, text: str) -> None:
        if text:
            value = QLabel(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            form.addRow(label, value)

    add(tr("Chance still active"), fmt.percent(row.get("p_alive"), 0))
    add(tr("Expected purchases, next 90 days"), fmt.number(row.get("expected_purchases_90")))
    add(tr("Expected purchases, next 12 months"), fmt.number(row.get("expected_purchases_365")))
    nxt = row.get("expected_next_purchase")
    if not fmt.is_missing(risk):
        add(tr("Likely to buy again by"), fmt.day(nxt) if not fmt.is_missing(nxt) else tr("not expected soon"))
    add(tr("Spend so far"), fmt.money(row.get("historic_spend")))
    add(tr("Expected spend next year"), fmt.money(row.get("predicted_spend_12m")))
    add(tr("Expected lifetime value"), fmt.money(row.get("clv")))
    freq = row.get("frequency")
    if not fmt.is_missing(freq) and float(freq) == 0 and not fmt.is_missing(row.get("p_alive")):
        layout.addWidget(_small(tr("They have bought on one day only: the purchase model counts them as "
                                   "active until it sees otherwise, so go by the risk above.")))
    if result is not None:
        notes = warning_text(result.warnings)
        if notes:
            layout.addWidget(_small(notes))
        if result.settings is not None:
            layout.addWidget(_small(tr("Lifetime value over %1 months, %2 a year discount.")
                                    .replace("%1", str(result.settings.clv_months))
                                    .replace("%2", fmt.percent(result.settings.discount_rate, 0))))
    return tr("Predictions"), body


def suggestion_section(data, customer_id: str):
    """Panel section: the customer's top suggested products, each with its reason."""
    frame = getattr(data, "suggestions", None)
    if frame is None:
        if data.extra.get(SUGGESTION_STATE) == "running":
            return tr("Suggested products"), _small(tr("Working out product suggestions…"))
        return None
    indexed, by_customer = data.extra.get(SUGGESTION_INDEX, (None, None))
    if indexed is frame and by_customer is not None:  # the worker's look-up, for this very frame
        rows = by_customer.get(str(customer_id))
        mine = frame.iloc[rows if rows is not None else []]
    else:
        mine = frame[frame["customer_id"].astype(str) == str(customer_id)]
    mine = mine.sort_values("rank").head(PANEL_SUGGESTIONS)
    if len(mine) == 0:
        return tr("Suggested products"), _small(tr("No suggestion for this customer with the current settings."))
    parts = []
    for row in mine.itertuples(index=False):
        reason = _pick(row.reason_en, row.reason_zh)
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
