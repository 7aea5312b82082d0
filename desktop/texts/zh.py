"""Simplified Chinese sentences of the engine and the CLI, by code (the same codes as en.py). Placeholders in braces are the message's
parameters (str.format_map syntax: {n:,} for thousands, {share:.0%} for a percentage).

Sections keep each part of the engine's sentences together; add new codes to the section of the
module that raises them."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- general -------------------------------------------------------------------------------
    "duplicate_header": "{where}：表头中列名“{column}”出现了不止一次；各副本以其列字母命名——请确认您要用的是哪一列。",
    "date_order_guessed_dmy": "{where}，列“{column}”：这些日期既可按“日/月/年”也可按“月/日/年”读取；Clientele 按“日/月/年”读取——如有错误，请设置日期顺序（--date-order mdy）。",
    "date_order_guessed_mdy": "{where}，列“{column}”：这些日期既可按“日/月/年”也可按“月/日/年”读取；Clientele 按“月/日/年”读取——如有错误，请设置日期顺序（--date-order dmy）。",


    # --- reading (reading.py, parsing.py, guard.py) ------------------------------------------


    # --- column roles (roles.py, platform exports) -------------------------------------------


    # --- cleaning (cleaning.py: customers, orders, set-aside rows) ---------------------------


    # --- several files (pipeline.py: combining and joining files) ----------------------------


    # --- figures that look implausible (pipeline.py) -----------------------------------------


    # --- predictions (predictions/) ------------------------------------------------------------


    # --- segments (segments/) ------------------------------------------------------------------


    # --- suggestions (suggestions/) ------------------------------------------------------------


    # --- exports, campaigns and projects ------------------------------------------------------


}
