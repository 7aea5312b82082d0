"""English sentences of the engine and the CLI, by code. Placeholders in braces are the message's
parameters (str.format_map syntax: {n:,} for thousands, {share:.0%} for a percentage).

Sections keep each part of the engine's sentences together; add new codes to the section of the
module that raises them."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- general -------------------------------------------------------------------------------
    "duplicate_header": "{where}: the header has the column name {column!r} more than once; the copies are named by their column letter — check which one you mean.",
    "date_order_guessed_dmy": "{where}, column {column!r}: the dates could be read day-first or month-first; Clientele chose day-first — if that is wrong, set the date order (--date-order mdy).",
    "date_order_guessed_mdy": "{where}, column {column!r}: the dates could be read day-first or month-first; Clientele chose month-first — if that is wrong, set the date order (--date-order dmy).",


    # --- reading (reading.py, parsing.py, guard.py) ------------------------------------------


    # --- column roles (roles.py, platform exports) -------------------------------------------


    # --- cleaning (cleaning.py: customers, orders, set-aside rows) ---------------------------


    # --- several files (pipeline.py: combining and joining files) ----------------------------


    # --- figures that look implausible (pipeline.py) -----------------------------------------


    # --- predictions (predictions/) ------------------------------------------------------------
    "no_customers": "No purchases were found up to {as_of}, so nothing can be predicted.",
    "no_repeat_buyers": "No customer has bought on two different days yet, so nobody's next purchase can be predicted; predictions need at least {need} customers who came back.",
    "few_customers": "Only {n} customers have bought so far; predictions need at least {need} customers, so they are left out.",
    "few_repeat_buyers": "Only {n} customers have bought on more than one day; predictions need at least {need} customers who came back, so they are left out.",
    "few_repeat_buyers_model": "Only {n} customers have bought on more than one day, too few for the purchase models (they need {need}); predictions use each customer's own pace between purchases.",
    "short_history": "Predictions need about 3 times the usual gap between purchases ({gap_days} days), at least {need_days} days of history; your file covers {days} days. They will appear once the history is that long.",
    "short_history_min": "Predictions need at least {need_days} days of sales history; your file covers {days} days. They will appear once the history is that long.",
    "short_history_year": "Figures for a whole year (expected purchases and spend next year, lifetime value) need at least {need_days} days of history; your file covers {days} days, so they are left out.",
    "fit_at_bound": "The {model} purchase model reached the edge of what it can fit on this data (a sign that it does not suit it); it is not used.",
    "fit_not_finite": "The {model} purchase model gave no usable numbers on this data; it is not used.",
    "fit_implausible": "The {model} purchase model gave implausible figures on this data (for example a customer buying {per_year:,.0f} times a year); it is not used.",
    "fit_not_converged": "The {model} purchase model could not be fitted to this data; it is not used.",
    "no_purchase_model": "None of the purchase models suits this data; predictions use each customer's own pace between purchases.",
    "holdout_too_far_off": "Held back the last {holdout_days} days and predicted them from the earlier history: the best model was {error:.0%} off the purchases customers really made, too far to show predictions. With a longer or steadier history they may become possible.",
    "few_spend_buyers": "Only {n} repeat customers have a positive spend, too few for the spend model; expected spend uses each customer's own average spend per purchase.",
    "spend_correlated": "How much customers spend per purchase goes with how often they buy (correlation {corr:.2f}), which the spend model assumes does not happen; expected spend uses each customer's own average spend per purchase.",
    "spend_unstable": "Spend per purchase varies too much between customers for the spend model; expected spend uses each customer's own average spend per purchase.",
    "totals_capped": "Expected spend next year came to {predicted:,.0f}, more than {limit:,.0f} ({share:.0%} of the {last_year:,.0f} customers spent in the last year) and the check on past data does not support such growth; the figures were scaled down to that limit.",
    "few_holdout_customers": "Only {n} customers bought before {date}; the check against later purchases is rough.",
    "empty_holdout": "There are no days after {date} in the data, so predictions cannot be checked against later purchases.",
    "propensity_small": "Too little history to train a purchase-chance model (it needs customers who bought and customers who did not in several past windows of {days} days); the chance of buying in the next {days} days comes from the purchase model instead.",
    "propensity_weak": "The purchase-chance model ranks customers only slightly better than chance (AUC {auc:.2f}); use its lists with care.",
    "pred_chance_buy": "Chance of buying in the next {days} days",
    "pred_between": "between {low} and {high}",
    "pred_interval_note": "Ranges are 80% ranges: 8 times in 10 the figure should fall inside.",
    "pred_disagree_late": "{group} by past spend; no purchase for {days} days, {times:.0f} times their usual gap.",
    "pred_disagree_recent": "{group} by past purchases, but likely to buy again soon: last purchase {days} days ago, within their usual gap of {gap} days.",
    "pred_one_time": "They have bought on one day only: the chance they are still a customer comes from how often one-time buyers of this shop came back.",
    "pred_not_shown": "Not shown: see the note above.",
    "pred_unlikely_count": "Customers unlikely to buy in the next {days} days",
    "pred_no_purchase_bands": "Customers by chance of no purchase in the next {days} days",
    "pred_still_customer": "Chance still a customer",
    "pred_method": "How this was computed: {model} and {spend}, from purchases up to {date}.",
    "pred_model_bgnbd": "the purchase model BG/NBD",
    "pred_model_mbgnbd": "the purchase model MBG/NBD (in which one-time buyers can leave)",
    "pred_model_simple": "each customer's own pace between purchases",
    "pred_spend_gamma_gamma": "the spend model (Gamma-Gamma)",
    "pred_spend_average": "each customer's average spend",
    "pred_model_choice": "Chosen on your own past: with the last {days} days held back, it came closest to what customers really did ({error:.0%} off in total).",
    "pred_totals_range": "Expected spend next year {between} (80% range).",



    # --- segments (segments/) ------------------------------------------------------------------
    "rfm_short_history": "The sales history covers {days} days, less than the {need_days} days (a few usual gaps between orders) that ranking customers by how recently they bought needs: recency is scored against fixed day bands (within 30 days, 60, 90, 180, older), so the groups are provisional.",


    # --- suggestions (suggestions/) ------------------------------------------------------------


    # --- exports, campaigns and projects ------------------------------------------------------


}
