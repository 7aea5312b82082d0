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
    "ids_lost_precision": "{where}, column {column!r}: {n:,} ids have more than 15 digits but are stored as numbers, which keep only about 15 digits: ids that differ only in their last digits cannot be told apart and may be counted as one. Save the column as text in the export (in Excel: format the column as Text before typing or pasting the ids) to keep them apart.",
    "date_time_zones_converted": "{where}, column {column!r}: the times are written in {count} different time zones ({zones}); all were converted to {zone}, the zone most rows are written in, and are read as the clock time there.",


    # --- column roles (roles.py, platform exports) -------------------------------------------


    # --- cleaning (cleaning.py: customers, orders, set-aside rows) ---------------------------


    # --- several files (pipeline.py: combining and joining files) ----------------------------


    # --- figures that look implausible (pipeline.py) -----------------------------------------


    # --- predictions (predictions/) ------------------------------------------------------------


    # --- segments (segments/) ------------------------------------------------------------------


    # --- suggestions (suggestions/) ------------------------------------------------------------


    # --- exports, campaigns and projects ------------------------------------------------------


}
