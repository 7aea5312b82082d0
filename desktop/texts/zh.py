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
    "role_by_you": "由您选择",
    "role_by_platform": "{platform_zh}（{platform}）：“{column}”是它用于此项的列",
    "role_by_header": "表头“{column}”是它的常用名称",
    "role_by_header_part": "表头“{column}”包含它的常用名称",
    "role_by_cells": "“{column}”列的内容看起来像它",
    "role_qty_price": "“{column}”在 {share:.0%} 的行上符合 数量 × 单价",
    "role_unit_price_constant": "购买多件同一商品时“{column}”保持不变（此类行的 {share:.0%}）：这是单价，每行金额为 数量 × 单价",
    "role_customer_repeat": "“{column}”有 {ids:,} 个不同编号；其中有多行的编号里 {share:.0%} 在不止一天购买过",
    "role_in_doubt": "{where}：列“{column}”仅根据其内容被用作 {role}（把握 {confidence:.0%}）；请在导入对话框中核对，或用 --map {role}=列名 指定正确的列。",
    "role_in_doubt_staff": "{where}：列“{column}”被用作 {role}，但它的名称像是员工或卖家编号：它的 {ids:,} 个编号表现得像顾客（每个编号每天约一笔订单，而不像收银员那样每天很多笔）；请核对，或用 --map customer_id=列名 指定客户列。",
    "role_in_doubt_check": "{where}：被用作 {role} 的列“{column}”只在 {share:.0%} 的行上符合 数量 × 单价；请核对哪一列是每行金额（--map amount=列名）。",
    "role_in_doubt_order": "{where}：被用作 {role} 的列“{column}”在 {share:.0%} 的订单中同一编号下有多位客户的行；请核对它是否为订单号或小票号（--map order_id=列名）。",
    "role_in_doubt_platform": "{where}：{platform_zh}（{platform}）没有买家编号，因此用列“{column}”作为 {role}；收货人姓名相同的两位买家会被算作一位。",


    # --- cleaning (cleaning.py: customers, orders, set-aside rows) ---------------------------


    # --- several files (pipeline.py: combining and joining files) ----------------------------


    # --- figures that look implausible (pipeline.py) -----------------------------------------


    # --- predictions (predictions/) ------------------------------------------------------------


    # --- segments (segments/) ------------------------------------------------------------------


    # --- suggestions (suggestions/) ------------------------------------------------------------


    # --- exports, campaigns and projects ------------------------------------------------------


}
