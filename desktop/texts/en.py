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
    "role_by_you": "chosen by you",
    "role_by_platform": "{platform} ({platform_zh}): {column!r} is its column for this",
    "role_by_header": "header {column!r} is a usual name for it",
    "role_by_header_part": "header {column!r} contains a usual name for it",
    "role_by_cells": "the cells of {column!r} look like it",
    "role_qty_price": "{column!r} matches quantity × unit price on {share:.0%} of lines",
    "role_unit_price_constant": "{column!r} stays the same when several of a product are bought ({share:.0%} of such lines): a unit price, so each line is quantity × price",
    "role_customer_repeat": "{column!r} has {ids:,} different ids; {share:.0%} of those with several lines bought on more than one day",
    "role_in_doubt": "{where}: column {column!r} was taken as {role} only from its cells ({confidence:.0%} sure); check it in the import dialog, or name the right column with --map {role}=COLUMN.",
    "role_in_doubt_staff": "{where}: column {column!r} was taken as {role} although its name reads like staff or seller ids: its {ids:,} ids behave like customers (about one order per id and day, not many as a till operator's would); check it, or name the customer column with --map customer_id=COLUMN.",
    "role_in_doubt_check": "{where}: column {column!r}, taken as {role}, matches quantity × unit price on only {share:.0%} of lines; check which column holds the line amount (--map amount=COLUMN).",
    "role_in_doubt_order": "{where}: column {column!r}, taken as {role}, holds lines of several customers under one number on {share:.0%} of orders; check that it is the order or receipt number (--map order_id=COLUMN).",
    "role_in_doubt_platform": "{where}: {platform} ({platform_zh}) files name no buyer id, so column {column!r} is used as {role}; two buyers with the same receiver name count as one.",


    # --- cleaning (cleaning.py: customers, orders, set-aside rows) ---------------------------


    # --- several files (pipeline.py: combining and joining files) ----------------------------


    # --- figures that look implausible (pipeline.py) -----------------------------------------


    # --- predictions (predictions/) ------------------------------------------------------------


    # --- segments (segments/) ------------------------------------------------------------------


    # --- suggestions (suggestions/) ------------------------------------------------------------


    # --- exports, campaigns and projects ------------------------------------------------------


}
