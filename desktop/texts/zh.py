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
    "no_customers": "截至 {as_of} 没有找到任何购买记录，无法预测。",
    "no_repeat_buyers": "还没有顾客在两个不同的日子购买过，无法预测任何人的下次购买；预测至少需要 {need} 位回头客。",
    "few_customers": "目前只有 {n} 位顾客购买过；预测至少需要 {need} 位顾客，因此不显示预测。",
    "few_repeat_buyers": "只有 {n} 位顾客在不止一天购买过；预测至少需要 {need} 位回头客，因此不显示预测。",
    "few_repeat_buyers_model": "只有 {n} 位顾客在不止一天购买过，数量太少，无法使用购买模型（需要 {need} 位）；预测改用每位顾客自己的购买间隔。",
    "short_history": "预测需要大约 3 倍于通常购买间隔（{gap_days} 天）的历史，即至少 {need_days} 天；您的文件只覆盖 {days} 天。历史足够长后即可显示预测。",
    "short_history_min": "预测至少需要 {need_days} 天的销售历史；您的文件只覆盖 {days} 天。历史足够长后即可显示预测。",
    "short_history_year": "整年的数字（未来一年的预计购买次数和消费额、终身价值）至少需要 {need_days} 天的历史；您的文件只覆盖 {days} 天，因此不显示。",
    "fit_at_bound": "{model} 购买模型在这些数据上到达了可拟合范围的边界（说明它不适合这些数据），因此不使用。",
    "fit_not_finite": "{model} 购买模型在这些数据上没有给出可用的数字，因此不使用。",
    "fit_implausible": "{model} 购买模型在这些数据上给出了不合理的数字（例如一位顾客一年购买 {per_year:,.0f} 次），因此不使用。",
    "fit_not_converged": "{model} 购买模型无法拟合这些数据，因此不使用。",
    "no_purchase_model": "没有一个购买模型适合这些数据；预测改用每位顾客自己的购买间隔。",
    "holdout_too_far_off": "留出最后 {holdout_days} 天、只用之前的历史来预测：最好的模型与顾客实际购买相差 {error:.0%}，误差太大，因此不显示预测。历史更长或更稳定时也许可以预测。",
    "few_spend_buyers": "只有 {n} 位回头客的消费额为正，数量太少，无法使用消费模型；预计消费额改用每位顾客自己的平均每次消费。",
    "spend_correlated": "顾客每次消费的多少与购买频率相关（相关系数 {corr:.2f}），这不符合消费模型的假设；预计消费额改用每位顾客自己的平均每次消费。",
    "spend_unstable": "顾客之间每次消费的差别太大，无法使用消费模型；预计消费额改用每位顾客自己的平均每次消费。",
    "totals_capped": "未来一年预计消费额合计 {predicted:,.0f}，超过了 {limit:,.0f}（过去一年顾客消费 {last_year:,.0f} 的 {share:.0%}），而对过去数据的检验并不支持这样的增长；各项数字已按比例降到该上限。",
    "few_holdout_customers": "在 {date} 之前购买过的顾客只有 {n} 位，与之后实际购买的对比仅供参考。",
    "empty_holdout": "数据中没有 {date} 之后的日子，无法用之后的实际购买来检验预测。",
    "propensity_small": "历史数据太少，无法训练购买概率模型（需要在过去若干个 {days} 天的时间段里既有购买的顾客，也有未购买的顾客）；未来 {days} 天的购买概率改由购买模型给出。",
    "propensity_weak": "购买概率模型对顾客的排序只比随机好一点（AUC {auc:.2f}），请谨慎使用据此生成的名单。",
    "pred_chance_buy": "未来 {days} 天内购买的概率",
    "pred_between": "介于 {low} 和 {high} 之间",
    "pred_interval_note": "范围为 80% 区间：十次中约有八次实际数字会落在其中。",
    "pred_disagree_late": "按过去的消费属于“{group}”；但已 {days} 天没有购买，是其通常间隔的 {times:.0f} 倍。",
    "pred_disagree_recent": "按过去的购买属于“{group}”，但很可能很快再次购买：上次购买在 {days} 天前，仍在其通常 {gap} 天的间隔之内。",
    "pred_one_time": "该顾客只在一天购买过：其仍是顾客的概率来自本店一次性顾客后来回购的情况。",
    "pred_not_shown": "不显示：请看上方的说明。",
    "pred_unlikely_count": "未来 {days} 天内不太可能购买的顾客",
    "pred_no_purchase_bands": "按未来 {days} 天内不购买的概率划分的顾客",
    "pred_still_customer": "仍是顾客的概率",
    "pred_method": "计算方法：{model}和{spend}，基于截至 {date} 的购买。",
    "pred_model_bgnbd": "购买模型 BG/NBD",
    "pred_model_mbgnbd": "购买模型 MBG/NBD（一次性顾客也可能流失）",
    "pred_model_simple": "每位顾客自己的购买间隔",
    "pred_spend_gamma_gamma": "消费模型（Gamma-Gamma）",
    "pred_spend_average": "每位顾客的平均消费",
    "pred_model_choice": "依据本店自己的历史选择：留出最后 {days} 天检验时，它最接近顾客的实际购买（合计相差 {error:.0%}）。",
    "pred_totals_range": "未来一年预计消费额{between}（80% 区间）。",



    # --- segments (segments/) ------------------------------------------------------------------
    "rfm_short_history": "销售历史只有 {days} 天，少于按最近购买时间给顾客排序所需的 {need_days} 天（几个通常的购买间隔）：最近购买按固定的天数区间评分（30 天内、60、90、180 天、更久），因此分群只是初步的。",


    # --- suggestions (suggestions/) ------------------------------------------------------------


    # --- exports, campaigns and projects ------------------------------------------------------


}
