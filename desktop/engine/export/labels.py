"""Column headings, colours and column kinds shared by every export writer."""

from __future__ import annotations

DEFAULT_CONTROL_SHARE = 0.10


def own_column(columns, name: str, language: str) -> str:
    """The column holding `name` in `language`: `name_zh` for Chinese when the table has it (a
    segment's own name, action or message in that language), else `name` (English)."""
    own = f"{name}_{language}"
    return own if language != "en" and own in columns else name


"""Share of the chosen customers held out as a control group when the user turns it on."""


SEGMENT_COLOURS: dict[str, str] = {
    # 11-class RFM: greens for the best, blues for the new, yellows to reds for the slipping, greys
    # for the gone.
    "champions": "#C6EFCE",
    "loyal": "#D8EDCB",
    "potential_loyalist": "#E6F2DA",
    "new": "#DDEBF7",
    "promising": "#E9F1FA",
    "need_attention": "#FFF2CC",
    "about_to_sleep": "#FCE4D6",
    "at_risk": "#F8CBAD",
    "cant_lose": "#F4B6B6",
    "hibernating": "#E7E6E6",
    "lost": "#D0D0D0",
    # 8-class (Chinese CRM) RFM
    "important_value": "#C6EFCE",
    "important_develop": "#DDEBF7",
    "important_keep": "#FFF2CC",
    "important_retain": "#F8CBAD",
    "general_value": "#E6F2DA",
    "general_develop": "#E9F1FA",
    "general_keep": "#FCE4D6",
    "general_retain": "#E7E6E6",
}


# For data-driven clusters, in the order the summary lists them.
CLUSTER_COLOURS: tuple[str, ...] = (
    "#DDEBF7", "#FFF2CC", "#E2EFDA", "#FCE4D6", "#EADCF4",
    "#D9F2F2", "#F8D7E8", "#EDEDED", "#FFE699", "#C9E4C5",
)


# Column headings are the catalogue's LABELS["export_column"] (desktop/texts); keys not listed there keep
# their own name as heading.


BASE_COLUMNS: tuple[str, ...] = (
    "customer_id", "customer_name", "phone", "email", "city", "segment", "segment_name",
    "monetary", "frequency", "last_purchase", "recency_days",
)


# Prediction and suggestion columns taken along when the caller does not name extra columns.
KNOWN_EXTRA_COLUMNS: tuple[str, ...] = (
    "favourite_product", "p_alive", "churn_risk", "churn_band", "expected_purchases_365",
    "expected_next_purchase", "predicted_orders_12m", "predicted_spend_12m",
    "predicted_spend_12m_low", "predicted_spend_12m_high", "clv", "suggested_products", "tier",
)


# The churn bands' words are the catalogue's LABELS["churn_band"] (desktop/texts).


# Always written as text, even when a value looks like a number (ids, phones with leading zeros).
TEXT_COLUMNS = frozenset({
    "customer_id", "customer_name", "phone", "email", "city", "segment", "segment_name",
    "favourite_product", "favourite_category", "churn_band", "suggested_products", "action",
    "message", "gender", "birthday", "tier",
})


CURRENCY_COLUMNS = frozenset({
    "monetary", "avg_order_value", "predicted_spend_12m", "predicted_spend_12m_low", "predicted_spend_12m_high",
    "clv", "revenue", "avg_spend", "income", "spend",
})


INTEGER_COLUMNS = frozenset({"frequency", "recency_days", "tenure_days", "n_products", "customers",
                             "age"})


DATE_COLUMNS = frozenset({"last_purchase", "first_purchase", "expected_next_purchase"})


PERCENT_COLUMNS = frozenset({"p_alive", "churn_risk"})


HIDDEN_COLUMNS = frozenset({"segment"})  # kept in the DataFrame for colours, not shown


EXCEL_MAX_ROWS = 1_048_576


CONSTANT_MEMORY_ROWS = 200_000


_PROGRESS_EVERY = 2000
