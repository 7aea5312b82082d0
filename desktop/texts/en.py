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


    # --- column roles (roles.py, platform exports) -------------------------------------------


    # --- cleaning (cleaning.py: customers, orders, set-aside rows) ---------------------------
    "no_prices": "{where} has no amount and no unit price: customers are grouped by recency and frequency only (the spend score follows the frequency score), and money figures (revenue, spend) say \"no prices in this file\" (choose the amount column with --map amount=COLUMN if there is one).",
    "no_prices_spend": "{where} has no prices: the predictions give purchases, activity and churn risk only; expected spend and lifetime value are left empty (no prices in this file).",
    "duplicates_kept": "{where}: {lines:,} lines repeat an earlier line exactly; the file has no order number, so they were kept as genuine repeat purchases.",
    "orders_per_day": "{where}: the order numbers in column {column!r} restart every day, so an order is the number within its date ({orders:,} orders).",
    "orders_per_outlet": "{where}: the order numbers in column {column!r} repeat at different outlets, so an order is the number within its outlet (column {store!r}; {orders:,} orders).",
    "orders_per_outlet_day": "{where}: the order numbers in column {column!r} restart every day and outlet, so an order is the number within its date and outlet (column {store!r}; {orders:,} orders).",


    # --- several files (pipeline.py: combining and joining files) ----------------------------


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


    # --- segments (segments/) ------------------------------------------------------------------
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
