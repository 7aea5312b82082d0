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


    # --- predictions (predictions/) ------------------------------------------------------------


    # --- segments (segments/) ------------------------------------------------------------------


    # --- suggestions (suggestions/) ------------------------------------------------------------


    # --- exports, campaigns and projects ------------------------------------------------------


}
