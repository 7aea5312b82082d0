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
    "segments_few_customers": "只有 {n} 位客户，数量太少，分组结果仅供参考。",
    "segments_weak": "分组区分度较弱（轮廓系数 {silhouette:.2f}）：客户之间是逐渐变化的，没有清晰的分界，很多客户处在两组之间。",
    "segments_unstable": "分组不稳定（在略有不同的数据上重算时一致度为 {agreement:.2f}），建议减少分组数量。",
    "segment_small": "“{segment_zh}”只有 {n} 位客户（{share:.1%}）。",
    "segments_many_unusual": "{share:.0%} 的客户被单独列为特殊客户：这些数据缺少明显的密集分组。",
    "segments_k_ignored": "{method_zh}会自行决定分组数量，未使用指定的 {k}。",
    "segments_rules_weak": "简单规则只与 {agreement:.0%} 的客户分组一致；分组同时取决于多项特征。",
    "segments_tree_on_groups": "客户数为 {customers:,}，因此树形图建立在 {groups} 个相似客户小组（k-均值微簇）之上，而不是每位客户。",
    "segments_k_on_sample": "分组数量是在 {n:,} 位客户的样本上选出的。",
    "segments_density_on_sample": "密度分组是在 {n:,} 位客户的样本上找到的，其余客户归入最近样本客户所在的组。",
    "feature_constant": "所有客户的{feature_zh}都相同，已略去。",
    "feature_no_categories": "未使用商品结构：订单明细中没有商品类别。",
    "feature_no_profile": "未使用客户资料：没有年龄、收入、性别或城市信息。",


    # --- suggestions (suggestions/) ------------------------------------------------------------


    # --- exports, campaigns and projects ------------------------------------------------------


}
