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
    "mixed_encodings": "{where}: {count:,} row(s) (row {rows}) are written in {encoding}, not in {main} like the rest of the file; Clientele read each row in its own encoding — check that their text looks right, or save the file again as UTF-8.",
    "ids_lost_precision": "{where}, column {column!r}: {n:,} ids have more than 15 digits but are stored as numbers, which keep only about 15 digits: ids that differ only in their last digits cannot be told apart and may be counted as one. Save the column as text in the export (in Excel: format the column as Text before typing or pasting the ids) to keep them apart.",
    "date_time_zones_converted": "{where}, column {column!r}: the times are written in {count} different time zones ({zones}); all were converted to {zone}, the zone most rows are written in, and are read as the clock time there.",


    # --- column roles (roles.py, platform exports) -------------------------------------------
    "role_by_you": "chosen by you",
    "role_by_platform": "{platform} ({platform_zh}): {column!r} is its column for this",
    "role_by_header": "header {column!r} is a usual name for it",
    "role_by_header_part": "header {column!r} contains a usual name for it",
    "role_by_cells": "the cells of {column!r} look like it",
    "role_qty_price": "{column!r} matches quantity × unit price on {share:.0%} of lines",
    "role_unit_price_constant": "{column!r} stays the same when several of a product are bought ({share:.0%} of such lines): a unit price, so each line is quantity × price",
    "role_customer_repeat": "{column!r} has {ids:,} different ids; {share:.0%} of those with several lines bought on more than one day",
    "role_in_doubt": "{where}: column {column!r} was taken as {role} only from its cells ({confidence:.0%} sure); check it in the import dialog, or name the right column with --map {role_code}=COLUMN.",
    "role_in_doubt_few_ids": "{where}: column {column!r} is named as the {role} but holds only {ids} different ids in {rows:,} rows; check that it names your customers, not a category (--map {role_code}=COLUMN names another).",
    "role_in_doubt_staff": "{where}: column {column!r} was taken as {role} although its name reads like staff or seller ids: its {ids:,} ids behave like customers (about one order per id and day, not many as a till operator's would); check it, or name the customer column with --map customer_id=COLUMN.",
    "role_in_doubt_check": "{where}: column {column!r}, taken as {role}, matches quantity × unit price on only {share:.0%} of lines; check which column holds the line amount (--map amount=COLUMN).",
    "role_in_doubt_order": "{where}: column {column!r}, taken as {role}, holds lines of several customers under one number on {share:.0%} of orders; check that it is the order or receipt number (--map order_id=COLUMN).",
    "role_in_doubt_platform": "{where}: {platform} ({platform_zh}) files name no buyer id, so column {column!r} is used as {role}; two buyers with the same receiver name count as one.",


    # --- cleaning (cleaning.py: customers, orders, set-aside rows) ---------------------------
    "no_prices": "{where} has no amount and no unit price: customers are grouped by recency and frequency only (the spend score follows the frequency score), and money figures (revenue, spend) say \"no prices in this file\" (choose the amount column with --map amount=COLUMN if there is one).",
    "no_prices_spend": "{where} has no prices: the predictions give purchases, activity and churn risk only; expected spend and lifetime value are left empty (no prices in this file).",
    "duplicates_kept": "{where}: {lines:,} lines repeat an earlier line exactly; the file has no order number, so they were kept as genuine repeat purchases.",
    "orders_per_day": "{where}: the order numbers in column {column!r} restart every day, so an order is the number within its date ({orders:,} orders).",
    "orders_per_outlet": "{where}: the order numbers in column {column!r} repeat at different outlets, so an order is the number within its outlet (column {store!r}; {orders:,} orders).",
    "orders_per_outlet_day": "{where}: the order numbers in column {column!r} restart every day and outlet, so an order is the number within its date and outlet (column {store!r}; {orders:,} orders).",


    # --- several files (pipeline.py: combining and joining files) ----------------------------
    "files_same_header": "{n} files with the same columns were read as one: {files}.",
    "files_overlap": "{where}: {n:,} lines were also in {others} (exports covering the same days); each is counted once.",
    "files_stacked": "{n} sets of order lines with different columns were each mapped on their own and put together: {files}.",
    "files_joined_orders": "{where}: the lines were joined to their orders in {other} (column {column!r} = {key!r}, {share:.0%} found); the date, customer and status come from the orders.",
    "files_joined_customers": "{where}: the customers were joined to the customer list {other} (column {column!r} = {key!r}, {share:.0%} found); names and contact details come from it.",
    "files_joined_products": "{where}: the products were joined to the product list {other} (column {column!r} = {key!r}, {share:.0%} found).",
    "files_joined_other": "{where}: joined to {other} (column {column!r} = {key!r}, {share:.0%} found).",
    "files_person_id": "{where}: customers are counted by {column!r} ({n:,} people), not by {instead!r}, which changes with each order.",
    "files_join_unmatched": "{where}: {n:,} lines have a {column!r} that is not in {other}; they have no order details and may be set aside.",
    "files_join_unlisted": "{where}: {n:,} lines have a customer ({column!r}) who is not in {other}; they are kept, without the list's names and contact details.",
    "files_order_ids_apart": "{where}: its order numbers repeat numbers of another file; they are kept apart (counted as different orders).",
    "file_left_out_unreadable": "{where} was left out: it could not be read as a table.",
    "file_left_out_not_table": "{where} was left out: it is not a table (one column only).",
    "file_left_out_not_lines_linked": "{where} was left out: it belongs to the same orders as the order lines but lists no products (payments or reviews, not purchases).",
    "file_left_out_not_linked": "{where} was left out: it holds no order lines and shares no ids with the other files.",


    # --- figures that look implausible (pipeline.py) -----------------------------------------
    "figure_no_prices": "no prices in this file",
    "figure_walk_in_caption": "Walk-in sales without a customer ({lines:,} lines, {orders:,} orders)",
    "figure_shop_total": "Shop total with walk-in sales: {total}",
    "walk_in": "Customer id {customer_id!r} stands for walk-in sales without a customer ({lines:,} lines, revenue {revenue:,.2f}): set aside from the customers and shown as walk-in sales in the shop's totals.",
    "walk_in_share": "Customer id {customer_id!r} holds {share:.0%} of the lines ({lines:,} lines, revenue {revenue:,.2f}); one id with so many is taken as walk-in sales without a customer: set aside from the customers and shown as walk-in sales in the shop's totals.",
    "walk_in_no_prices": "Customer id {customer_id!r} stands for walk-in sales without a customer ({lines:,} lines): set aside from the customers and shown as walk-in sales in the shop's totals.",
    "walk_in_share_no_prices": "Customer id {customer_id!r} holds {share:.0%} of the lines ({lines:,} lines); one id with so many is taken as walk-in sales without a customer: set aside from the customers and shown as walk-in sales in the shop's totals.",
    "fewer_orders_than_customers": "There are fewer orders ({orders:,}) than customers ({customers:,}); check that the order number column is right.",
    "top_customer_share": "One customer, {customer_id!r}, holds {share:.0%} of the revenue; check that the customer id column is right (a till's default id or a shop account would look like this).",
    "no_repeat_buyers": "None of the {customers:,} customers bought more than once; check that the customer id column holds customers, not orders.",
    "one_line_dominates": "One line ({where}, row {row}) holds {share:.0%} of the revenue ({amount:,.2f}); check that the amount column is right and that the line is not a total.",


    # --- predictions (predictions/) ------------------------------------------------------------
    "no_customers": "No purchases were found up to {as_of}, so nothing can be predicted.",
    "no_repeat_buyers_to_predict": "No customer has bought on two different days yet, so nobody's next purchase can be predicted; predictions need at least {need} customers who came back.",
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
    "segments_few_customers": "Only {n} customers: too few for reliable segments, treat them as a rough guide.",
    "segments_weak": "The segments are weak (silhouette {silhouette:.2f}): customers differ gradually rather than falling into clear groups, so many sit near a border.",
    "segments_unstable": "The segments are not stable (agreement {agreement:.2f} when recomputed on slightly different data); try fewer segments.",
    "segments_unstable_rough": "The segments are not stable (agreement {agreement:.2f} when recomputed on slightly different data): customers near a border may change group, so read the groups as a rough guide.",
    "segments_no_clear_groups": "The data has no clear groups: every number of segments tried leaves one group with most customers ({largest:.0%} here), so these segments are a rough split.",
    "segments_no_clear_k": "No clear number of groups: the scores kept improving up to {k} segments, the most tried; the {k} segments are a rough split rather than natural groups.",
    "segment_weak_overlap": "“{segment}” is a weak group: many of its customers are about as close to another group (silhouette {silhouette:.2f}).",
    "segment_weak_unstable": "“{segment}” is a weak group: it comes out differently when recomputed on slightly different data (stability {stability:.2f}).",
    "segments_one_big_group": "One group holds {largest:.0%} of the customers in groups: the data has no clear groups for this method, so read the segments as a rough split.",
    "segment_small": "“{segment}” holds only {n} customers ({share:.1%}).",
    "segments_many_unusual": "{share:.0%} of customers were set aside as unusual: the data has little dense structure for this method.",
    "segments_k_ignored": "{method} decides the number of segments itself; the requested {k} was not used.",
    "segments_rules_weak": "The simple rules match only {agreement:.0%} of customers' segments; the segments depend on several features at once.",
    "segments_tree_on_groups": "With {customers:,} customers the tree was built on {groups} small groups of similar customers (k-means micro-clusters), not on each customer.",
    "segments_k_on_sample": "The number of segments was chosen on a sample of {n:,} customers.",
    "segments_density_on_sample": "Density groups were found on a sample of {n:,} customers; the others joined the group of their nearest sampled neighbour.",
    "feature_constant": "{feature} is the same for every customer, so it was left out.",
    "feature_no_categories": "Product mix was not used: the order lines have no product categories.",
    "feature_no_profile": "Customer profile was not used: no age, income, gender or city is known.",


    # --- suggestions (suggestions/) ------------------------------------------------------------
    "suggestions_few_evaluated": "Only {n} customers bought both before and after the test date ({mode}); figures from fewer than {needed} customers are a rough guide.",
    "suggestions_not_better_than_best_sellers": "On this test ({mode}) the suggestions cannot be told apart from simply offering the best sellers (difference in recall between {low:+.3f} and {high:+.3f}).",
    "suggestions_blend_below_model": "On this test ({mode}) one method on its own ({model}, recall {recall:.3f}) did better than the blend Clientele uses (recall {blend:.3f}); the blend was chosen on earlier purchases.",


    # --- exports, campaigns and projects ------------------------------------------------------


    # --- trends and this week (trends.py, todo.py, festivals.py) -------------------------------
    "trends_no_lines": "There are no purchases up to {as_of}: no trends to show.",
    "trends_no_prices": "{where} has no prices: revenue per month is left empty (no prices in this file); orders and customers are counted as usual.",
    "trends_short_history": "The data covers only {months} month(s): too short for a trend; month-on-month changes and the cohort grid need more months.",
    "trends_no_last_year": "The data covers {months} months, less than the 13 needed to compare this month with the same month last year.",
    "trends_first_month_new": "Everyone who bought in {month}, the first month of the data, counts as a new customer: their earlier purchases are not in the files.",
    "trends_partial_month": "{month} is counted up to day {day} (the analysis date); it is compared with the same days of last month and of last year.",
    "todo_title_due": "Due to buy again",
    "todo_title_win_back": "Best moment to win back",
    "todo_title_birthday": "Birthdays",
    "todo_title_anniversary": "Anniversaries of the first purchase",
    "todo_title_second_purchase": "Time for a second purchase",
    "todo_title_festival": "{festival} on {date}: bought before it last year ({last}); write on {write_on}",
    "todo_reason_due_product": "buys {product} about every {gap} days; last {days} days ago",
    "todo_reason_due": "buys about every {gap} days; last bought {days} days ago",
    "todo_reason_win_back": "usually buys every {gap} days but has been silent for {days} days; still likely to come back: contact by {by}",
    "todo_reason_birthday": "birthday on {date}",
    "todo_reason_anniversary": "first bought here {years} year(s) ago, on {date}",
    "todo_reason_second": "first bought {days} days ago; half the customers who came back had made their second purchase by day {median}",
    "todo_reason_festival": "bought {product} in the {lead} days before last year's {festival} ({last})",
    "todo_reason_festival_visit": "bought in the {lead} days before last year's {festival} ({last})",
    "todo_predictions_held_back": "The predictions are held back on this data ({why}): who is still likely to come back follows each customer's own rhythm, and the value at stake is their spend in the last 12 months.",
    "todo_no_prices": "{where} has no prices: the lists are ranked without a value at stake (no prices in this file).",
    "todo_short_history": "The data covers only {days} days: customers' usual gaps are a rough guide, and festival lists need last year's festival in the data.",
    "todo_no_birthdays": "No birthdays are known: give a customer list with a birthday column (--customers FILE) for the birthday list.",
    "todo_festival_not_in_data": "{festival} on {date}: last year's festival ({last}) is not in the data with the three weeks before it, so there is no list of who bought for it.",
    "todo_festival_no_uplift": "{festival} on {date}: the three weeks before last year's festival ({last}) brought {uplift}× a usual three weeks' sales, not enough to make a festival list.",

}


# Term codes a sentence names in words (parameters `role`, `model`, `mode`).
TERMS: dict[str, str] = {
    # column roles
    "customer_id": "customer ID", "customer_name": "customer name", "phone": "phone", "email": "email",
    "order_id": "order / receipt number", "date": "purchase date", "product_id": "product code",
    "product_name": "product name", "category": "category", "quantity": "quantity", "unit_price": "unit price",
    "amount": "line amount", "age": "age", "gender": "gender", "city": "city", "birthday": "birthday",
    "income": "income", "store": "shop / outlet", "order_status": "order status", "paid_date": "payment time",
    # suggestion models
    "buy_again": "buy again", "item_knn": "similar products", "user_knn": "customers like you",
    "als": "taste model", "rules": "bought together", "content": "similar name or category",
    "popularity": "best sellers", "segment_popularity": "popular in the customer's group", "blend": "blend",
    # evaluation modes
    "repeats_allowed": "repeats allowed", "new_items_only": "new products only",
}
