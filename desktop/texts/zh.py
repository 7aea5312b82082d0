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
    "files_same_header": "{n} 个列相同的文件被合并为一个读取：{files}。",
    "files_overlap": "{where}：有 {n:,} 行也出现在 {others} 中（导出的日期范围有重叠）；每行只计一次。",
    "files_stacked": "{n} 组列不同的订单明细分别识别各列后合并在一起：{files}。",
    "files_joined_orders": "{where}：订单明细已与 {other} 中的订单关联（列“{column}” = “{key}”，找到 {share:.0%}）；日期、客户和订单状态取自订单。",
    "files_joined_customers": "{where}：客户已与客户名单 {other} 关联（列“{column}” = “{key}”，找到 {share:.0%}）；姓名和联系方式取自名单。",
    "files_joined_products": "{where}：商品已与商品清单 {other} 关联（列“{column}” = “{key}”，找到 {share:.0%}）。",
    "files_joined_other": "{where}：已与 {other} 关联（列“{column}” = “{key}”，找到 {share:.0%}）。",
    "files_person_id": "{where}：客户按“{column}”计数（{n:,} 人），而不是按每笔订单都会变化的“{instead}”。",
    "files_join_unmatched": "{where}：有 {n:,} 行的“{column}”在 {other} 中找不到；这些行没有订单信息，可能会被搁置。",
    "files_join_unlisted": "{where}：有 {n:,} 行的客户（“{column}”）不在 {other} 中；这些行保留，但没有名单中的姓名和联系方式。",
    "files_order_ids_apart": "{where}：其订单号与另一个文件的订单号重复；两者分开计算（算作不同的订单）。",
    "file_left_out_unreadable": "{where}未被使用：无法作为表格读取。",
    "file_left_out_not_table": "{where}未被使用：它不是表格（只有一列）。",
    "file_left_out_not_lines_linked": "{where}未被使用：它与订单明细属于同一批订单，但没有列出商品（是付款或评价记录，不是购买记录）。",
    "file_left_out_not_linked": "{where}未被使用：其中没有订单明细，也与其他文件没有共同的编号。",


    # --- figures that look implausible (pipeline.py) -----------------------------------------


    # --- predictions (predictions/) ------------------------------------------------------------


    # --- segments (segments/) ------------------------------------------------------------------


    # --- suggestions (suggestions/) ------------------------------------------------------------


    # --- exports, campaigns and projects ------------------------------------------------------


}
