"""English sentences of the engine and the CLI, by code. Placeholders in braces are the message's
parameters (str.format_map syntax: {n:,} for thousands, {share:.0%} for a percentage).

Sections keep each part of the engine's sentences together; add new codes to the section of the
module that raises them."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- general -------------------------------------------------------------------------------
    # how a file, a sheet and a list are named inside sentences
    "where_file": "{file}",
    "where_sheet": "{file} (sheet {sheet!r})",
    "list_separator": ", ",
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
    "no_repeat_customers": "None of the {customers:,} customers bought more than once; check that the customer id column holds customers, not orders.",
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
    "group_message_category_product": "Hi {name}, customers like you love our {category}, especially {top_product} - enjoy a special offer on your next visit.",
    "group_message_product": "Hi {name}, customers like you love {top_product} - enjoy a special offer on it on your next visit.",
    "group_message_category": "Hi {name}, customers like you love our {category} - enjoy a special offer on your next visit.",
    "segments_shares_calibrated": "Shares of belonging were softened to match how often customers keep their group when the groups are found again on resampled data ({runs} times): on average {agreement:.0%} keep it, while the mixture alone gave a top share of {raw:.0%}.",
    "segments_density_rejoined": "HDBSCAN left {noise:.0%} of customers outside any dense group; only the {unusual} far from every other customer are set aside as unusual, the other {rejoined} joined their nearest group.",
    "segments_density_rejoined_all": "HDBSCAN left {noise:.0%} of customers outside any dense group; none of them is far from every other customer, so all {rejoined} joined their nearest group.",
    "segments_unusual_profile": "{n} customers ({share:.1%} of customers, {revenue_share:.0%} of revenue) unlike all others; most often ({same}): {reason}.",
    "unusual_quantity_per_order": "buys {multiple}× the usual quantity per order",
    "unusual_order_value": "spends {multiple}× the usual amount per order",
    "unusual_orders": "placed {multiple}× the usual number of orders",
    "unusual_spend": "spent {multiple}× the usual total",
    "unusual_low": "{figure} only 1/{fraction} of the usual",
    "unusual_mix": "differs from most customers in several figures at once",
    "feature_constant": "{feature} is the same for every customer, so it was left out.",
    "feature_no_categories": "Product mix was not used: the order lines have no product categories.",
    "feature_no_profile": "Customer profile was not used: no age, income, gender or city is known.",


    # --- suggestions (suggestions/) ------------------------------------------------------------
    "suggestions_few_evaluated": "Only {n} customers bought both before and after the test date ({mode}); figures from fewer than {needed} customers are a rough guide.",
    "suggestions_not_better_than_best_sellers": "On this test ({mode}) the suggestions cannot be told apart from simply offering the best sellers (difference in recall between {low:+.3f} and {high:+.3f}).",
    "suggestions_blend_below_model": "On this test ({mode}) one method on its own ({model}, recall {recall:.3f}) did better than the blend Clientele uses (recall {blend:.3f}); the blend was chosen on earlier purchases.",
    # why a product is suggested (suggestions/reasons.py; `product` and `other` are product names)
    "reason_best_seller": "{product} is one of the shop's best sellers",
    "reason_best_seller_recent": "A best seller: {n} customers bought {product} in the last {days} days",
    "reason_best_seller_total": "A best seller: {n} customers have bought {product}",
    "reason_segment_popular": "Popular with customers like you ({segment})",
    "reason_group_popular": "Popular with customers like you ({shopper_group})",
    "reason_buy_again": "You may want {product} again",
    "reason_bought_every_day": "You bought {product} {times} times, about every day",
    "reason_bought_every": "You bought {product} {times} times, about every {every} days",
    "reason_bought_today": "You bought {product} today, and customers often buy it again",
    "reason_bought_yesterday": "You bought {product} yesterday, and customers often buy it again",
    "reason_bought_days_ago": "You bought {product} {ago} days ago, and customers often buy it again",
    "reason_similar_buyers": "Customers with similar purchases often buy {product}",
    "reason_also_bought": "Customers who bought {other} often also buy {product}",
    "reason_similar_product": "Similar to {other}, which you bought",
    "reason_together": "Often bought together with what you buy",
    "reason_together_with": "Customers who buy {other} often also buy {product} ({pct}% of the time, {lift:.1f}× more than usual)",
    "reason_together_share": "Customers who buy {other} often also buy {product} ({share:.0%} of the time, {lift:.1f}× more than usual)",
    "reason_like_you_count": "{n} customers who shop like you bought {product}",
    "reason_like_you": "Customers who shop like you bought {product}",
    "reason_taste": "{product} fits what you usually buy",
    "reason_taste_with": "{product} fits your taste: it goes with {other}, which you bought",


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
    # --- filters and VIP tiers (filters.py, tiers.py) ----------------------------------------------
    "filter_predictions_held_back": 'The predictions are held back on this data ({why}): conditions on churn_band and expected_value match no customer.',
    "tiers_no_prices": 'This file has no prices: VIP tiers go by spend, so there are none (no prices in this file).',
    "tiers_too_few": "Only {customers} customers spent something in the last 12 months: too few to set tiers from the shop's own figures; set the thresholds yourself (e.g. --tiers 500,2000,5000).",
    "tiers_to_next": 'spend {amount} more to reach {tier_name}',
    "filter_unreadable": "The filter cannot be read at character {position}{found}: {problem}.",
    "filter_unknown_group": "The filter names the group {group} at character {position}, which this analysis does not have; the groups are {groups}.",
    "filter_too_long": "the filter is longer than {most} characters; shorten it",
    "filter_character": "this character is not part of a filter; use words, numbers, dates, quotes, ( ) and = < >",
    "filter_open_quote": "the quote is never closed; close it with the same quote mark",
    "filter_empty": "the filter is empty; write a condition such as spend > 500",
    "filter_expected_and_or": "expected and, or or the end of the filter",
    "filter_too_deep": "more than {most} brackets or not's are nested; simplify the filter",
    "filter_close": "this bracket is never closed; add a )",
    "filter_expected_field": "expected a condition such as spend > 500 or group = champions",
    "filter_unknown_field": "this is not something the customer table knows; the fields are {fields} and bought product/category",
    "filter_between_and": "between needs two values joined by and, e.g. spend between 100 and 500",
    "filter_expected_in": "after not expected in, e.g. group not in (lost, hibernating)",
    "filter_in_list": "in needs a list in brackets, e.g. group in (champions, loyal)",
    "filter_in_list_close": "the list is not closed; separate values with commas and end with )",
    "filter_contains_text": "contains works on text fields such as city or name",
    "filter_expected_op": "expected a comparison (= != < <= > >=), between, in or contains",
    "filter_order_text": "< and > compare numbers and dates; use = or in for text",
    'filter_bought_what': 'bought needs product or category, e.g. bought product "mooncake"',
    "filter_expected_value": "expected a value (a number, a date YYYY-MM-DD or a text)",
    "filter_number": "expected a number",
    "filter_month": "a birthday month is a whole number from 1 to 12",
    "filter_date": "expected a date written YYYY-MM-DD, e.g. 2025-09-17",
    "filter_band": "a churn band is low, medium or high",
    "filter_gender": "a gender is female or male (f, m, 女, 男)",
    "tiers_thresholds_invalid": "The tier thresholds {values} must be numbers above 0 that rise from silver to gold to platinum, e.g. 500, 2000, 5000.",
    "tiers_thresholds_unreadable": "{option} {text} should be three amounts for silver, gold and platinum, e.g. 500,2000,5000.",
    "ticks_list_name": "A saved list needs a name of 1 to {most} characters.",
    "ticks_no_such_list": "The project has no saved list called {name}; its lists are {names}.",
    "ticks_no_such_list_none": "The project has no saved list called {name}; its lists are none yet.",
    "export_control_share_range": "--control-share must be between 0 and 0.9, e.g. 0.1 for 10%.",
    "export_no_customer_matches": "No customer matches the filter {where_filter}, so no list was written; loosen the filter.",
    "report_no_pdf": "This copy of Clientele cannot draw PDFs ({missing} is missing); install the app with its window (PySide6).",
    "cli_map_form": "--map {item} is not of the form role=column, e.g. --map customer_id=CustomerID (or role= for a role the file does not have).",
    "cli_map_unknown_role": "--map {item}: unknown role {role_given}; the roles are {roles}.",
    "cli_not_a_date": "{option} {text} is not a date; write it as YYYY-MM-DD, e.g. 2024-12-31.",
    "cli_lists_need_project": "--list and --save-list need --project FILE.clientele, where lists are kept.",
    "cli_save_list_needs_where": "--save-list needs the filter to save: give it with --where.",
    "cli_where_or_list": "Give either --where or --list, not both.",
    "cli_margin_range": "--margin must be above 0 and at most 1, e.g. 0.4 for a 40% profit margin.",
    "cli_campaign_record_missing": "{name} does not exist; give the .campaign.json file written next to the export.",
    "cli_days_range": "--days {days} should be between 1 and 92.",
    "cli_limit_range": "--limit {limit} should be at least 1.",
    "cli_country_code": "--country {country} should be a two-letter country code such as CN, US or GB.",
    "cli_ticks_need_project": "--contacted and --uncontacted need --project FILE.clientele, where the ticks are kept.",
    "cli_contacted_unknown": "--contacted {customer}: there is no customer with that id in the files.",
    "cli_k_range": "--k must be a whole number from 1 to 1000.",
    "cli_exclude_recent_range": "--exclude-recent must be 0 or more days.",
    "cli_cutoff_without_evaluate": "--cutoff is only used with --evaluate; add --evaluate or leave --cutoff out.",
    "cli_evaluate_needs_cutoff": "--evaluate needs --cutoff DATE: the day the test period starts, e.g. --cutoff 2024-07-01.",
    "cli_out_with_evaluate": "--out saves suggestions; it cannot be used with --evaluate.",
    "cli_discount_rate_range": "--discount-rate {rate} should be a yearly rate between 0 and 1, e.g. 0.1.",
    "cli_clv_months_range": "--clv-months {months} should be between 1 and 600.",
    "cli_propensity_range": "--propensity {days} should be a number of days between 7 and 730.",
    "cli_new_password_file": "Give the new password with --new-password-file FILE (its first line).",
    "cli_passwords_differ": "The two passwords are not the same (or empty); the project was not changed.",
    "cli_rename_unknown_key": "--rename {key}: there is no segment with that key; the keys are {keys}.",
    "cli_rename_invalid": "--rename: {problem}",
    "cli_compare_days_range": "--compare-days must be a whole number of days, 1 or more.",
    "cli_rename_form": "--rename {item} is not of the form KEY=NAME, e.g. --rename s1=Regulars.",


    # --- errors the user must fix (marketing) ------------------------------------------------------
    "marketing_control_group_share_must": "The control group share must be between 0% and 90% of the chosen customers.",
    "marketing_every_chosen_customer_would": "Every chosen customer would be in the control group; choose more customers or a smaller control group.",


    # --- errors the user must fix (combining) ------------------------------------------------------
    "combining_none_files_folder_read": "None of the files in the folder could be read as a table of order lines.",
    "combining_file_holds_order_lines": "{where}: no file holds order lines (customer, date and amount) or links to one; choose the files your till or web shop exported.",
    "combining_none_files_column_their": "None of the files has a column {column!r} for {role_code}; their columns are: {columns}.",
    "combining_spreadsheet_files_xlsx_xls": "{p} has no spreadsheet files (.xlsx .xls .ods .csv .txt .tsv); choose the folder that holds your exports, or the files themselves.",
    "combining_column_columns": "{where} has no column {column!r} for {role_code}; its columns are: {columns}.",


    # --- errors the user must fix (export) ---------------------------------------------------------
    "export_customers_segments_yet_run": "The customers have no segments yet; run the analysis before exporting.",
    "export_customers_chosen_segments_choose": "No customers are in the chosen segments; choose other segments to export.",
    "export_column_customer_table_available": "The column {missing!r} is not in the customer table; available columns are {columns}.",
    "export_segment_called_choose": "There is no segment called {item!r}; choose from {segments}.",
    "export_table_rows_more_excel": "The table has {n_frame:,} rows, more than an Excel sheet holds; save it as CSV instead.",
    "export_save_free_some_space": "Cannot save “{name}”: {error}; free some space or save under another name.",
    "export_save_temporary_file_created": "Cannot save “{target}”: no temporary file could be created in its folder.",
    "export_save_name_must_end": "Cannot save “{target}”: the name must end with {suffixes} or {last}.",
    "export_save_locked": "Cannot save “{target}”: it is open in another program or cannot be replaced; close it in Excel and retry, or save under another name.",
    "export_save_folder_does_exist": "Cannot save “{target}”: the folder “{folder}” does not exist.",
    "export_save_choose_shorter_name": "Cannot save “{target}”: {error}; choose a shorter name or another folder.",
    "export_save_over_one_files": "Cannot save over “{target}”: it is one of the files being analysed; save under another name.",
    "export_save_file_read_only": "Cannot save “{target}”: the file is read-only; close it in Excel and retry, or save under another name.",
    "export_save_folder_writable_save": "Cannot save “{target}”: the folder is not writable ({error}); save under another name or in another folder.",
    "export_list_customers_more_excel": "The list has {n_list_df:,} customers, more than an Excel sheet holds; export to CSV instead.",


    # --- errors the user must fix (segments) -------------------------------------------------------
    "segments_earlier_date_segment_comparison": "The earlier date of a segment comparison must come before the later one.",
    "segments_purchases_before_so_nothing": "There are no purchases on or before {then}, so there is nothing to compare with; choose a later earlier date.",
    "segments_unknown_segmentation_method_choose": "Unknown segmentation method {method!r}; choose one of {methods}.",
    "segments_segmenting_needs_least_customers": "Segmenting needs at least 3 customers; the data has {n}.",
    "segments_number_segments_must_between": "The number of segments must be between 2 and {value} for {n} customers; {k} was asked for.",
    "segments_unknown_feature_group_choose": "Unknown feature group {unknown!r}; choose from {groups}.",
    "segments_customers_segment_check_file": "There are no customers to segment; check that the file has customer ids.",
    "segments_none_chosen_features_varies": "None of the chosen features varies between customers, so they cannot be grouped; choose other feature groups.",


    # --- errors the user must fix (project) --------------------------------------------------------
    "project_damaged_written_clientele_so": "{file} is damaged or was not written by Clientele, so it cannot be opened; open an earlier copy of the project, or open the sales file again.",
    "project_sqlite_database_but_clientele": "{file} is an SQLite database but not a Clientele project.",
    "project_project_holds_order_lines": "The project holds no order lines; open the source files again.",
    "project_already_exists_clientele_project": "{file} already exists and is not a Clientele project; choose another name.",
    "project_folder_does_exist_choose": "The folder {folder} does not exist; choose another place to save the project.",
    "project_saved_newer_version_clientele": "{file} was saved by a newer version of Clientele; update Clientele to open it.",
    "project_file_clientele_open_choose": "{file} is not a file Clientele can open; choose a project file ({project_suffix}).",
    "project_clientele_project_open_your": "{file} is not a Clientele project; open your sales spreadsheet with Open file instead.",
    "project_saved_may_open_another": "{file} could not be saved ({value}); it may be open in another program, or the folder is read-only.",
    "project_saved_check_disk_space": "{file} could not be saved ({reason}); check the disk space and the folder.",
    "project_does_exist_check_file": "{p} does not exist; check the file name and folder.",
    "project_one_files_analysis_read": "{file} is one of the files the analysis was read from; save the project under another name (e.g. {stem}{project_suffix}).",


    # --- errors the user must fix (campaigns) ------------------------------------------------------
    "campaigns_cost_not_a_number": "The cost per contact must be a number of 0 or more, e.g. 0.5 (it is {value}).",
    "campaigns_option_not_a_cost": "{option} must be a number of 0 or more, e.g. 0.5 (it is {value}).",
    "campaigns_control_group_share_must": "The control group share must be at least 0% and below 100%.",
    "campaigns_campaign_record_read_damaged": "The campaign record “{shown}” cannot be read; it is damaged or not a campaign record.",
    "campaigns_sales_data_column_so": "The sales data has no {missing} column, so campaign results cannot be worked out.",
    "campaigns_profit_margin_must_above": "The profit margin must be above 0% and at most 100%.",
    "campaigns_end_results_period_before": "The end of the results period is before its start; choose a later end date.",
    "campaigns_file_clientele_campaign_record": "This file is not a Clientele campaign record.",
    "campaigns_campaign_record_written_newer": "This campaign record was written by a newer Clientele; update the app to read it.",
    "campaigns_campaign_record_incomplete_export": "This campaign record is incomplete; export the list again.",
    "campaigns_campaign_record_does_exist": "The campaign record “{shown}” does not exist.",
    "campaigns_campaign_record_damaged_export": "The campaign record “{shown}” is damaged ({field}); export the list again or choose another record.",


    # --- errors the user must fix (cleaning) -------------------------------------------------------
    "cleaning_none_rows_used_most": "{where}: none of its {n:,} rows could be used (most were set aside for: {reason}); check that the right columns were chosen.",
    "cleaning_customer_id_column_found": "{where}: no customer id column was found in the customer list (columns: {columns}); say which one with --map customer_id=COLUMN.",
    "cleaning_column_found_columns_say": "{where}: no column for the {role} was found (columns: {columns}); say which one holds it with --map {role_code}=COLUMN, or choose it in the import dialog.",


    # --- errors the user must fix (guard) ----------------------------------------------------------
    "guard_mb_more_mb_clientele": "{name} is {size} MB, more than the {limit} MB Clientele reads; export a shorter period or only the columns you need.",
    "guard_file_clientele_read_save": "{file} is {file_kind}, not a file Clientele can read; save the data as an .xlsx or .csv file and open that.",
    "guard_opened_check_you_may": "{file} could not be opened ({value}); check that you may read it.",
    "guard_unsafe_xml_entities": "{file} looks like an unsafe or invalid file (its part {part} declares XML entities), so Clientele did not open it; open it in Excel and save it again, or export it again from your till.",
    "guard_unsafe_unpacks": "{file} looks like an unsafe or invalid file (it unpacks from {packed_mb:,.1f} MB to {total_mb:,.0f} MB), so Clientele did not open it; open it in Excel and save it again, or export it again from your till.",
    "guard_unsafe_entries": "{file} looks like an unsafe or invalid file (its part {part} claims {entries:,} entries), so Clientele did not open it; open it in Excel and save it again, or export it again from your till.",
    "guard_unsafe_extent": "{file} looks like an unsafe or invalid file (a cell at {cell} lies beyond Excel's limit of {max_rows:,} rows × {max_cols:,} columns), so Clientele did not open it; open it in Excel and save it again, or export it again from your till.",
    "guard_unsafe_reader_failed": "{file} looks like an unsafe or invalid file (the spreadsheet reader failed on it), so Clientele did not open it; open it in Excel and save it again, or export it again from your till.",
    "guard_cells_spread_over_cells": "{display} has cells spread over {first}:{last}, {cells:,} cells in all, too large to read safely; in Excel delete the empty rows and columns after your data (or copy the data to a new sheet) and save again.",
    "guard_damaged_spreadsheet_clientele_read": "{file} is damaged or not a spreadsheet Clientele can read ({detail}); open it in Excel and save it again as .xlsx or .csv.",
    "guard_protected_password_open_excel": "{file} is protected with a password; open it in Excel and save it without a password.",
    "guard_needs_more_memory_computer": "{file} needs more memory than this computer has to open; export a shorter period or only the columns you need.",
    "guard_damaged_workbook_incomplete_export": "{display} is damaged (the workbook is incomplete); export it again or open and re-save it in Excel.",
    "guard_damaged_export_again_open": "{display} is damaged ({name}); export it again or open and re-save it in Excel.",
    "guard_took_more_minutes_open": "{file} took more than {value:.0f} minutes to open, so Clientele stopped; open it in Excel and save it again as .xlsx or .csv.",


    # --- errors the user must fix (suggest) --------------------------------------------------------
    "suggest_cutoff_must_fall_inside": "The cutoff {cutoff_ts} must fall inside the data, which runs from {first} to {last}, so that there are purchases before and after it.",
    "suggest_product_among_products_bought": "The product {text!r} is not among the products bought in this data; check its code or name.",
    "suggest_purchases_both_customer_product": "There are no purchases with both a customer and a product, so no product suggestions can be made; check the customer and product columns.",
    "suggest_no_pairs_before": "There are no purchases with both a customer and a product before {date}, so no product suggestions can be made; check the customer and product columns.",
    "suggest_file_product_column_product": "The file has no product column (product code or name), so no product suggestions can be made; if one of its columns holds the products, choose it as the product (in the app's import dialog, or --map product_id=COLUMN).",


    # --- errors the user must fix (reading) --------------------------------------------------------
    "reading_sheets_data": "{file} has no sheets with data.",
    "reading_columns_more_spreadsheet_hold": "{where} has {width:,} columns, more than the {excel_max_cols:,} a spreadsheet can hold; check that it is a table of order lines and that the separator is right.",
    "reading_empty_none_sheets_any": "{file} is empty: none of its sheets has any rows.",
    "reading_columns_data_clientele_reads": "{where} has {n_keep:,} columns with data; Clientele reads tables of up to {max_table_columns:,} columns — delete the columns you do not need, or export only the order lines.",
    "reading_empty_rows_export_data": "{file} is empty: it has no rows. Export the data again from your till or web shop.",
    "reading_damaged_workbook_incomplete_export": "{file} is damaged (the workbook is incomplete); export it again or open and re-save it in Excel.",
    "reading_zip_archive_spreadsheet_unzip": "{file} is a zip archive, not a spreadsheet; unzip it and open the file inside.",
    "reading_spreadsheet_text_file_clientele": "{file} is not a spreadsheet or text file Clientele can read; save it from Excel as .xlsx or .csv.",
    "reading_lock_file_excel_leaves": "{file} is a lock file Excel leaves while a workbook is open, not your data; open {file2} instead.",
    "reading_does_exist_check_file": "{path} does not exist; check the file name and folder.",
    "reading_folder_choose_spreadsheet_file": "{path} is a folder; choose a spreadsheet file inside it.",
    "reading_read_table_save_again": "{file} could not be read as a table ({error}); save it again as CSV or Excel.",
    "reading_read_table_save_again_2": "{file} could not be read as a table: {error}. Save it again as CSV or Excel.",
    "reading_read_table_save_again_3": "{file} could not be read as a table ({error}). Save it again as CSV or Excel.",
    "reading_sheet_sheets": "{file} has no sheet {sheet!r}; its sheets are: {sheets}.",
    "reading_sheet_empty_choose_another": "{file}, sheet {chosen!r} is empty; choose another sheet ({sheets}).",
    "reading_header_but_data_rows": "{where} has a header but no data rows; export the data again including the rows.",
    "reading_columns_named_columns_so": "{where} has {n_copies} columns named {header!r} (columns {letters} and {last}), so Clientele cannot tell which holds the {role}; say which with --map {role_code}=\"{copies}\" (or choose it in the import dialog), or rename the columns in the file.",
    "reading_row_quotation_mark_opens": "{file}, row {value}: a quotation mark (\") opens a text that never ends; check that row, or save the file again from Excel.",


    # --- errors the user must fix (predict) --------------------------------------------------------
    "predict_purchases_before_calibration_end": "No purchases on or before the calibration end {cal_end}; choose a later date.",
    "predict_calibration_end_leaves_later": "The calibration end {cal_end} leaves no later days to check against (the data ends on {last_day}); choose an earlier date.",
    "predict_order_lines_lack_column": "The order lines lack the column(s) {columns} needed for predictions.",
    "predict_time_unit_known_use": "The time unit {time_unit!r} is not known; use 'day' or 'week'.",


    # --- errors the user must fix (roles) ----------------------------------------------------------
    "roles_column_columns": "{where} has no column {column!r} for {role_code}; its columns are: {columns}.",


    # --- errors the user must fix (pipeline) -------------------------------------------------------
    "pipeline_file_given_choose_order": "No file was given; choose the order lines your till or web shop exported.",
    "pipeline_given_both_orders_customer": "{name} is given both as orders and as the customer list.",
    "pipeline_analysis_date_before_first": "The analysis date {as_of} is before the first purchase in the data ({first}); choose a later date.",
    "pipeline_customer_purchase_up_analysis": "No customer has a purchase up to the analysis date; choose a later date.",

    # --- how the file was read (reading.py, parsing.py, cleaning.py: the import report's notes) ----
    "read_as_text": "{where}: read as text in {encoding}, separated by {separator}.",
    "read_decimal_comma": "{where}: numbers use a decimal comma (1.234,50).",
    "read_two_row_header": "{where}: the header spans rows {first} and {second}; column names combine both.",
    "read_largest_sheet": "{where}: read sheet {sheet!r}, the largest; other sheets: {others} (choose one with --sheet NAME).",
    "read_sheets_combined": "{where}: combined sheets {sheets}, which have the same columns.",
    "read_sheets_combined_some": "{where}: combined sheets {sheets}, which have the same columns; left out sheets with a different header: {skipped}.",
    "read_empty_columns": "{where}: left out {n:,} empty columns.",
    "read_totals_row": "{where}: left out the totals row at the bottom (row {rows}).",
    "dates_mixed_order": "{where}, column {column!r}: the column mixes day-first and month-first dates; read as day-first.",
    "dates_read_day_first": "{where}, column {column!r}: dates like 05/01/2024 could be day-first or month-first; read as day-first (DD/MM/YYYY).",
    "dates_read_month_first": "{where}, column {column!r}: dates like 05/01/2024 could be day-first or month-first; read as month-first (MM/DD/YYYY).",
    "orders_per_customer_day": "The file has no order number: each customer's purchases on one day count as one order.",
    "customer_list_repeats": "{where}: {n:,} customer ids appear more than once; the last row of each is used.",
    "customer_list_no_id": "{where}: {n:,} rows have no customer id and were left out.",
    "customer_list_matched": "{where}: {n:,} customers listed, {matched:,} of them have orders.",
    "project_source_missing": "{file} is no longer at {folder}; the project uses the cleaned lines it saved.",
    "project_source_changed": "{file} has changed since the project was saved; the project uses the lines it saved — open the file again to analyse the new version.",

    # --- campaign results (campaigns.py) -----------------------------------------------------------
    "campaigns_record_damaged": "This campaign record is damaged ({field}); export the list again.",
    "campaign_no_control_group": "This campaign has no control group, so its effect cannot be measured; hold out a control group next time.",
    "campaign_small_control_group": "The control group has only {n} customers, so the ranges are wide.",
    "campaign_no_sales_yet": "There are no sales from these customers in the chosen period yet.",

    # --- privacy (consent.py, forget.py, project encryption, retention) -----------------------
    "consent_excluded": "{n:,} customer(s) who refused marketing (unsubscribed, opted out) were left out.",
    "consent_none": "The files have no marketing-consent column, so nobody is known to have refused marketing; add a consent column (e.g. 'Accepts Marketing', 营销同意, 退订) to the customer list to respect it.",
    "consent_all_refused": "Every chosen customer refused marketing ({n:,}); nobody can be put on this list.",
    "forget_done": "Customer {customer} was forgotten: {lines:,} order line(s) and the profile were removed from the project and {autosaves:,} autosave(s). The source spreadsheets are yours to edit: remove the customer there too, or they come back the next time you open those files.",
    "forget_reminder": "The source spreadsheets are yours to edit: remove the customer there too, or they come back the next time you open those files.",
    "project_needs_password": "{where} is protected by a password; give the password to open it.",
    "project_wrong_password": "The password for {where} is wrong (or the file is damaged); try again — nothing can open the project without its password.",
    "password_file_unreadable": "The password file {where} cannot be read or is empty; put the password on its first line.",
    "forget_not_found": "There is no customer {customer} in {where}; check the id (as the customer table shows it).",
}


# Term codes a sentence names in words (parameters `role`, `model`, `mode`).
TERMS: dict[str, str] = {
    # column roles
    "customer_id": "customer ID", "customer_name": "customer name", "phone": "phone", "email": "email",
    "order_id": "order / receipt number", "date": "purchase date", "product_id": "product code",
    "product_name": "product name", "category": "category", "quantity": "quantity", "unit_price": "unit price",
    "amount": "line amount", "age": "age", "gender": "gender", "city": "city", "birthday": "birthday",
    "income": "income", "store": "shop / outlet", "order_status": "order status", "paid_date": "payment time",
    "consent": "marketing consent",
    # suggestion models
    "buy_again": "buy again", "item_knn": "similar products", "user_knn": "customers like you",
    "als": "taste model", "rules": "bought together", "content": "similar name or category",
    "popularity": "best sellers", "segment_popularity": "popular in the customer's group", "blend": "blend",
    # evaluation modes
    "repeats_allowed": "repeats allowed", "new_items_only": "new products only",
}


# Words for things the engine names by key, in groups (desktop.texts.label(group, key, language)).
LABELS: dict[str, dict[str, str]] = {
    # why rows were set aside (cleaning.py; the import report)
    "set_aside": {
        "totals_row": "totals row at the bottom of the sheet",
        "empty_row": "empty row",
        "wrong_column_count": "more values than the header has columns",
        "no_customer_id": "no customer id",
        "walk_in": "no customer: walk-in sale or placeholder id (counted in the shop's totals)",
        "bad_date": "date missing or not readable",
        "future_date": "date in the future",
        "bad_amount": "amount missing or not a number",
        "implausible_amount": "amount, price or quantity too large to be real (over 10^15 on one line)",
        "zero_price": "zero price or amount",
        "duplicate": "exact duplicate of an earlier line",
        "overlap": "also in an earlier file (exports covering the same days)",
        "unpaid": "order not paid",
        "cancelled": "order cancelled or closed",
        "refunded": "order refunded",
    },
    # what a path is when it is not a regular file (guard.py)
    # what separates the values of a text file (reading.py)
    "separator": {
        "comma": "commas",
        "semicolon": "semicolons",
        "tab": "tabs",
        "bar": "bars",
        "space": "spaces",
        "none": "nothing (one column)",
    },
    # a column role as a heading (the import dialog, the customer panel)
    "role": {
        "customer_id": "Customer ID",
        "customer_name": "Customer name",
        "phone": "Phone",
        "email": "Email",
        "order_id": "Order / receipt number",
        "date": "Purchase date",
        "product_id": "Product code",
        "product_name": "Product name",
        "category": "Category",
        "quantity": "Quantity",
        "unit_price": "Unit price",
        "amount": "Line amount",
        "age": "Age",
        "gender": "Gender",
        "city": "City",
        "birthday": "Birthday",
        "income": "Income",
        "store": "Shop / outlet",
        "order_status": "Order status",
        "paid_date": "Payment time",
        "consent": "Marketing consent",
    },
    # column headings of the exported lists (export/; keys not listed keep their own name)
    "export_column": {
        "customer_id": "Customer ID",
        "customer_name": "Name",
        "phone": "Phone",
        "email": "Email",
        "city": "City",
        "segment": "Segment key",
        "segment_name": "Segment",
        "monetary": "Total spend",
        "frequency": "Orders",
        "last_purchase": "Last purchase",
        "recency_days": "Days since last purchase",
        "first_purchase": "First purchase",
        "avg_order_value": "Average order",
        "favourite_product": "Favourite product",
        "p_alive": "Chance still a customer",
        "churn_risk": "Chance of no purchase in the next 90 days",
        "churn_band": "No purchase in 90 days: how likely",
        "expected_purchases_365": "Expected purchases, next 12 months",
        "expected_next_purchase": "Likely to buy again by",
        "predicted_orders_12m": "Expected orders next year",
        "predicted_spend_12m": "Expected spend next year",
        "predicted_spend_12m_low": "Expected spend next year (low)",
        "predicted_spend_12m_high": "Expected spend next year (high)",
        "clv": "Customer lifetime value",
        "suggested_products": "Suggested products",
        "tier": "VIP tier",
        "action": "Suggested action",
        "message": "Message",
    },
    # headings of the prediction table's columns (predictions/)
    "prediction_column": {
        "p_alive": "Chance still a customer",
        "churn_risk": "Chance of no purchase in the next 90 days",
        "churn_band": "Chance of no purchase (band)",
        "expected_purchases_90": "Expected purchases, next 90 days",
        "expected_purchases_365": "Expected purchases, next 12 months",
        "expected_purchases_365_low": "Expected purchases, next 12 months (low)",
        "expected_purchases_365_high": "Expected purchases, next 12 months (high)",
        "expected_next_purchase": "Likely to buy again by",
        "historic_spend": "Spend so far",
        "spend_per_purchase": "Expected spend per purchase",
        "predicted_spend_12m": "Expected spend next year",
        "predicted_spend_12m_low": "Expected spend next year (low)",
        "predicted_spend_12m_high": "Expected spend next year (high)",
        "clv": "Customer lifetime value",
    },
    # the figure an unusual customer is far below the usual in (segments/outliers.py)
    "figure": {
        "quantity_per_order": "quantity per order",
        "avg_order_value": "spend per order",
        "frequency": "number of orders",
        "monetary": "total spend",
    },
    # VIP tiers (tiers.py)
    "tier": {
        "member": "Member",
        "silver": "Silver",
        "gold": "Gold",
        "platinum": "Platinum",
    },
    # bands of the chance of no purchase (predictions/forecast.py)
    "churn_band": {
        "low": "Low",
        "medium": "Medium",
        "high": "High",
    },
    # suggestion models (suggestions/models.py; the products view, the CLI's evaluation)
    "suggestion_model": {
        "buy_again": "Buy again",
        "item_knn": "Similar products (bought by the same customers)",
        "user_knn": "Customers like you",
        "als": "Taste model (matrix factorisation)",
        "rules": "Bought together",
        "content": "Similar name or category",
        "popularity": "Best sellers",
        "segment_popularity": "Popular in the customer's segment",
    },
    # groups of shoppers the suggestions use when the customers have no segments (suggestions/suggest.py)
    "shopper_group": {
        "lapsed_one_time": "lapsed one-time buyers",
        "lapsed_returning": "lapsed returning customers",
        "lapsed_regular": "lapsed regulars",
        "recent_one_time": "recent one-time buyers",
        "recent_returning": "recent returning customers",
        "recent_regular": "recent regulars",
    },
    # purchase-chance models (predictions/propensity.py)
    "propensity_model": {
        "logistic": "Logistic regression",
        "gradient_boosting": "Gradient boosting",
        "mlp": "Small neural network",
        "bgnbd": "Purchase model (BG/NBD)",
        "mbgnbd": "Purchase model (MBG/NBD)",
        "simple": "Each customer's pace between purchases",
        "none": "No purchase model (too little history)",
    },
    # festivals (festivals.py; this week's lists)
    "festival": {
        "valentines": "Valentine's Day",
        "spring_festival": "Spring Festival",
        "lantern": "Lantern Festival",
        "womens_day": "Women's Day",
        "qingming": "Qingming",
        "mothers_day": "Mother's Day",
        "520": "520 (I love you day)",
        "dragon_boat": "Dragon Boat Festival",
        "fathers_day": "Father's Day",
        "qixi": "Qixi (Chinese Valentine's Day)",
        "mid_autumn": "Mid-Autumn Festival",
        "national_day": "National Day holiday",
        "double_ninth": "Double Ninth Festival",
        "double_11": "Double 11 (Singles' Day)",
        "christmas": "Christmas",
    },
    # the marketing list workbook's sheets and summary (export/xlsx.py)
    "list_sheet": {
        "summary": "Summary",
        "customers": "Customers",
        "title": "Clientele marketing list",
        "as_of": "Analysis date",
        "exported": "Exported",
        "data": "Data",
        "note": "Notes",
        "in_list": "Customers in this list",
        "control": "Control group (held out, not in this list)",
        "offer": "Offer",
        "cost": "Cost per contact",
        "privacy": "Privacy",
        "privacy_text": "Ids are pseudonymised and/or names, phones and emails are masked.",
        "segments": "Segments",
    },
    # column headings of the summary sheet's segment table (export/xlsx.py)
    "list_summary_column": {
        "segment": "Segment",
        "customers": "Customers",
        "share": "Share of customers",
        "revenue": "Revenue",
        "revenue_share": "Share of revenue",
        "avg_spend": "Average spend",
        "in_list": "In this list",
        "control": "Control group",
        "action": "Suggested action",
    },
    # figures of a campaign's results (campaigns.py)
    "campaign_figure": {
        "customers": "Customers",
        "responders": "Customers who bought",
        "response_rate": "Response rate",
        "revenue": "Revenue",
        "spend_per_customer": "Spend per customer",
        "incremental_revenue": "Revenue from the campaign",
        "cost": "Cost of the campaign",
        "net_return": "Return after cost",
        "roi": "Return on cost",
    },
    # headings of the campaign results file (campaigns.py)
    "campaign_sheet": {
        "figure": "Figure",
        "contacted": "Contacted",
        "control": "Control",
        "difference": "Difference",
        "ci_low": "95% low",
        "ci_high": "95% high",
        "p_value": "p-value",
        "campaign": "Campaign",
        "period": "Period",
        "offer": "Offer",
        "sheet": "Results",
    },
    "file_kind": {
        "pipe": "a pipe", "socket": "a socket", "device": "a device", "folder": "a folder",
        "not_regular_file": "not a regular file",
    },
}


# Ready messages TO customers, per group key (the marketing list's message column; the owner can edit
# them). Placeholders {name}, {segment}, {product}, {days_since} (desktop/engine/messages.py).
CUSTOMER_MESSAGES: dict[str, str] = {
    "champions": "Hi {name}, thank you for being one of our very best customers! As a thank-you, you get early access to {product} before anyone else.",
    "loyal": "Hi {name}, thanks for shopping with us so often. We think you'll love {product} - come and have a look, with a little loyalty gift from us.",
    "potential_loyalist": "Hi {name}, great to see you back! Join our members' club and get a treat on your next visit - {product} might be just right for you.",
    "prospects": "Hi {name}, thanks for signing up with us! Here is a welcome offer for your first order - have a look at {product}.",
    "new": "Hi {name}, welcome and thank you for your first purchase! Here is a small welcome gift for your next visit. Have you seen {product}?",
    "promising": "Hi {name}, thanks for visiting us. We picked {product} with you in mind - enjoy a small discount on your next purchase.",
    "need_attention": "Hi {name}, it's been {days_since} days since your last visit. We have something special for you: {product}, at a members' price this month.",
    "about_to_sleep": "Hi {name}, we haven't seen you for {days_since} days and we miss you! Here is a discount for {product} - valid for two weeks.",
    "at_risk": "Hi {name}, it's been {days_since} days - we'd love to welcome you back. Enjoy a special offer on {product}, just for you.",
    "cant_lose": "Hi {name}, you were one of our best customers and we miss you. Please come back for a personal gift - and take a look at {product}.",
    "hibernating": "Hi {name}, it's been a while! Take a look at what's new, like {product}, with a discount for returning friends.",
    "lost": "Hi {name}, we haven't seen you in {days_since} days. If you'd like to come back, here is our best offer of the year.",
    "important_value": "Hi {name}, thank you for being one of our most valued customers! You get first access to {product} and a VIP gift.",
    "important_develop": "Hi {name}, thank you for your recent purchases! Come back soon for {product} - members get a special price.",
    "important_keep": "Hi {name}, it's been {days_since} days - we miss you! Here is a VIP offer on {product} to welcome you back.",
    "important_retain": "Hi {name}, you mean a lot to us. It's been {days_since} days, so here is a personal gift on your next visit.",
    "general_value": "Hi {name}, thanks for shopping with us often. Spend a little more on your next visit and get a gift - have you seen {product}?",
    "general_develop": "Hi {name}, thanks for your recent visit! Here is a small discount on {product} for next time.",
    "general_keep": "Hi {name}, we haven't seen you for {days_since} days. Come back for {product} with a small discount.",
    "general_retain": "Hi {name}, it's been a while! Here is what's new at our shop, with a welcome-back discount.",
    "generic": "Hi {name}, thank you for shopping with us! We picked {product} for you - enjoy a special offer on your next visit.",
}


# What a placeholder says when the customer's value is missing (never "Hi ,").
CUSTOMER_FALLBACKS: dict[str, str] = {
    "name": "there",
    "segment": "valued customers",
    "product": "our new arrivals",
    "days_since": "many",
}


# Ready messages of this week's lists, per list kind (todo.py).
LIST_MESSAGES: dict[str, str] = {
    "birthday": "Happy birthday, {name}! A little birthday treat is waiting for you at our shop this week.",
    "anniversary": "Hi {name}, it's been a year (or more) since your first visit - thank you! Here is an anniversary gift for your next purchase of {product}.",
    "second_purchase": "Hi {name}, thank you for your first purchase! How did you like {product}? Here is a small welcome-back gift for your next visit.",
    "festival": "Hi {name}, the festival is coming! Last year you chose {product}; this year's selection is in, and we have kept some for you.",
}
