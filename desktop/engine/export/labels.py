"""Column headings, colours and column kinds shared by every export writer."""

from __future__ import annotations

DEFAULT_CONTROL_SHARE = 0.10


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


# Column key -> (English header, Chinese header). Keys not listed keep their own name as header.
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "customer_id": ("Customer ID", "客户编号"),
    "customer_name": ("Name", "姓名"),
    "phone": ("Phone", "电话"),
    "email": ("Email", "邮箱"),
    "city": ("City", "城市"),
    "segment": ("Segment key", "分群代码"),
    "segment_name": ("Segment", "客户分群"),
    "monetary": ("Total spend", "累计消费"),
    "frequency": ("Orders", "订单数"),
    "last_purchase": ("Last purchase", "最近购买日期"),
    "recency_days": ("Days since last purchase", "距上次购买天数"),
    "first_purchase": ("First purchase", "首次购买日期"),
    "avg_order_value": ("Average order", "平均客单价"),
    "favourite_product": ("Favourite product", "最常购买商品"),
    # Prediction columns: the same headings as the predictions view.
    # What the figures are, in words that cannot contradict each other (issue: "risk of leaving" next to
    # "still active 100%"): a chance of no purchase in the next 90 days is not a risk of having left.
    "p_alive": ("Chance still a customer", "仍是顾客的概率"),
    "churn_risk": ("Chance of no purchase in the next 90 days", "未来 90 天不购买的概率"),
    "churn_band": ("No purchase in 90 days: how likely", "90 天内不购买的可能性"),
    "expected_purchases_365": ("Expected purchases, next 12 months", "未来 12 个月预计购买次数"),
    "expected_next_purchase": ("Likely to buy again by", "预计下次购买日期"),
    "predicted_orders_12m": ("Expected orders next year", "未来 12 个月预计订单"),
    "predicted_spend_12m": ("Expected spend next year", "未来 12 个月预计消费额"),
    "predicted_spend_12m_low": ("Expected spend next year (low)", "未来 12 个月预计消费额（下限）"),
    "predicted_spend_12m_high": ("Expected spend next year (high)", "未来 12 个月预计消费额（上限）"),
    "clv": ("Customer lifetime value", "客户终身价值"),
    "suggested_products": ("Suggested products", "推荐商品"),
    "action": ("Suggested action", "建议行动"),
    "message": ("Message", "个性化信息"),
}


BASE_COLUMNS: tuple[str, ...] = (
    "customer_id", "customer_name", "phone", "email", "city", "segment", "segment_name",
    "monetary", "frequency", "last_purchase", "recency_days",
)


# Prediction and suggestion columns taken along when the caller does not name extra columns.
KNOWN_EXTRA_COLUMNS: tuple[str, ...] = (
    "favourite_product", "p_alive", "churn_risk", "churn_band", "expected_purchases_365",
    "expected_next_purchase", "predicted_orders_12m", "predicted_spend_12m",
    "predicted_spend_12m_low", "predicted_spend_12m_high", "clv", "suggested_products",
)


CHURN_BAND_LABELS: dict[str, tuple[str, str]] = {
    "low": ("Low", "低"), "medium": ("Medium", "中"), "high": ("High", "高"),
}


# Always written as text, even when a value looks like a number (ids, phones with leading zeros).
TEXT_COLUMNS = frozenset({
    "customer_id", "customer_name", "phone", "email", "city", "segment", "segment_name",
    "favourite_product", "favourite_category", "churn_band", "suggested_products", "action",
    "message", "gender", "birthday",
})


CURRENCY_COLUMNS = frozenset({
    "monetary", "avg_order_value", "predicted_spend_12m", "predicted_spend_12m_low", "predicted_spend_12m_high", "clv", "revenue", "avg_spend", "income",
    "spend",
})


INTEGER_COLUMNS = frozenset({"frequency", "recency_days", "tenure_days", "n_products", "customers",
                             "age"})


DATE_COLUMNS = frozenset({"last_purchase", "first_purchase", "expected_next_purchase"})


PERCENT_COLUMNS = frozenset({"p_alive", "churn_risk"})


HIDDEN_COLUMNS = frozenset({"segment"})  # kept in the DataFrame for colours, not shown


EXCEL_MAX_ROWS = 1_048_576


CONSTANT_MEMORY_ROWS = 200_000


_PROGRESS_EVERY = 2000
