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
    "mixed_encodings": "{where}：有 {count:,} 行（第 {rows} 行）使用 {encoding} 编码，而文件其余部分使用 {main}；Clientele 已按各行自己的编码读取——请检查这些行的文字是否正确，或将文件重新保存为 UTF-8。",
    "ids_lost_precision": "{where}，列“{column}”：有 {n:,} 个编号超过 15 位数字，却以数字形式保存，而数字只能保留约 15 位有效数字：只在最后几位不同的编号无法区分，可能被当作同一个。请在导出时把这一列存为文本（在 Excel 中：先把这一列设为“文本”格式，再输入或粘贴编号），以便区分它们。",
    "date_time_zones_converted": "{where}，列“{column}”：时间写在 {count} 个不同的时区中（{zones}）；全部换算为大多数行所用的时区 {zone}，并按该时区的钟点读取。",


    # --- column roles (roles.py, platform exports) -------------------------------------------
    "role_by_you": "由您选择",
    "role_by_platform": "{platform_zh}（{platform}）：“{column}”是它用于此项的列",
    "role_by_header": "表头“{column}”是它的常用名称",
    "role_by_header_part": "表头“{column}”包含它的常用名称",
    "role_by_cells": "“{column}”列的内容看起来像它",
    "role_qty_price": "“{column}”在 {share:.0%} 的行上符合 数量 × 单价",
    "role_unit_price_constant": "购买多件同一商品时“{column}”保持不变（此类行的 {share:.0%}）：这是单价，每行金额为 数量 × 单价",
    "role_customer_repeat": "“{column}”有 {ids:,} 个不同编号；其中有多行的编号里 {share:.0%} 在不止一天购买过",
    "role_in_doubt": "{where}：列“{column}”仅根据其内容被用作{role}（把握 {confidence:.0%}）；请在导入对话框中核对，或用 --map {role_code}=列名 指定正确的列。",
    "role_in_doubt_few_ids": "{where}：列“{column}”的名称表明它是{role}，但 {rows:,} 行中只有 {ids} 个不同的编号；请确认它记录的是顾客而不是类别（可用 --map {role_code}=列名 指定其他列）。",
    "role_in_doubt_staff": "{where}：列“{column}”被用作{role}，但它的名称像是员工或卖家编号：它的 {ids:,} 个编号表现得像顾客（每个编号每天约一笔订单，而不像收银员那样每天很多笔）；请核对，或用 --map customer_id=列名 指定客户列。",
    "role_in_doubt_check": "{where}：被用作{role}的列“{column}”只在 {share:.0%} 的行上符合 数量 × 单价；请核对哪一列是每行金额（--map amount=列名）。",
    "role_in_doubt_order": "{where}：被用作{role}的列“{column}”在 {share:.0%} 的订单中同一编号下有多位客户的行；请核对它是否为订单号或小票号（--map order_id=列名）。",
    "role_in_doubt_platform": "{where}：{platform_zh}（{platform}）没有买家编号，因此用列“{column}”作为{role}；收货人姓名相同的两位买家会被算作一位。",


    # --- cleaning (cleaning.py: customers, orders, set-aside rows) ---------------------------
    "no_prices": "{where}没有金额列也没有单价列：只按最近购买和购买频率给客户分组（消费得分按购买频率计），金额数字（收入、消费）显示为“此文件没有价格”（如果有金额列，请用 --map amount=列名 指定）。",
    "no_prices_spend": "{where}没有价格：预测只给出购买次数、活跃度和流失风险；预计消费额和客户终身价值留空（此文件没有价格）。",
    "duplicates_kept": "{where}：有 {lines:,} 行与前面某行完全相同；文件没有订单号，因此作为真实的重复购买保留。",
    "orders_per_day": "{where}：“{column}”列中的订单号每天重新编号，因此一个订单是当天的这个编号（共 {orders:,} 个订单）。",
    "orders_per_outlet": "{where}：“{column}”列中的订单号在不同门店重复，因此一个订单是该门店的这个编号（门店列“{store}”；共 {orders:,} 个订单）。",
    "orders_per_outlet_day": "{where}：“{column}”列中的订单号每天、每个门店重新编号，因此一个订单是当天该门店的这个编号（门店列“{store}”；共 {orders:,} 个订单）。",


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
    "figure_no_prices": "此文件没有价格",
    "figure_walk_in_caption": "没有客户的散客销售（{lines:,} 行，{orders:,} 个订单）",
    "figure_shop_total": "含散客销售的店铺总额：{total}",
    "walk_in": "客户编号“{customer_id}”代表没有客户的散客销售（{lines:,} 行，收入 {revenue:,.2f}）：不计为客户，作为散客销售计入店铺总额。",
    "walk_in_share": "客户编号“{customer_id}”占了 {share:.0%} 的明细行（{lines:,} 行，收入 {revenue:,.2f}）；一个编号占这么多，视为没有客户的散客销售：不计为客户，作为散客销售计入店铺总额。",
    "walk_in_no_prices": "客户编号“{customer_id}”代表没有客户的散客销售（{lines:,} 行）：不计为客户，作为散客销售计入店铺总额。",
    "walk_in_share_no_prices": "客户编号“{customer_id}”占了 {share:.0%} 的明细行（{lines:,} 行）；一个编号占这么多，视为没有客户的散客销售：不计为客户，作为散客销售计入店铺总额。",
    "fewer_orders_than_customers": "订单数（{orders:,}）少于客户数（{customers:,}）；请检查订单号列是否选对。",
    "top_customer_share": "一位客户“{customer_id}”占了 {share:.0%} 的收入；请检查客户编号列是否选对（收银系统的默认编号或店铺账户会是这样）。",
    "no_repeat_buyers": "{customers:,} 位客户中没有人购买过一次以上；请检查客户编号列是否是客户而不是订单。",
    "one_line_dominates": "一行明细（{where}的第 {row} 行）占了 {share:.0%} 的收入（{amount:,.2f}）；请检查金额列是否选对，以及这一行是否是合计。",


    # --- predictions (predictions/) ------------------------------------------------------------
    "no_customers": "截至 {as_of} 没有找到任何购买记录，无法预测。",
    "no_repeat_buyers_to_predict": "还没有顾客在两个不同的日子购买过，无法预测任何人的下次购买；预测至少需要 {need} 位回头客。",
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
    "segments_few_customers": "只有 {n} 位客户，数量太少，分组结果仅供参考。",
    "segments_weak": "分组区分度较弱（轮廓系数 {silhouette:.2f}）：客户之间是逐渐变化的，没有清晰的分界，很多客户处在两组之间。",
    "segments_unstable": "分组不稳定（在略有不同的数据上重算时一致度为 {agreement:.2f}），建议减少分组数量。",
    "segments_unstable_rough": "分组不稳定（在略有不同的数据上重算时一致度为 {agreement:.2f}）：处在分界附近的客户可能换组，请把分组当作粗略参考。",
    "segments_no_clear_groups": "数据中没有清晰的分组：尝试过的每种分组数都会让一个组包含大多数客户（这里是 {largest:.0%}），这些分组只是粗略的划分。",
    "segments_no_clear_k": "没有明确的分组数：分数一直提高到尝试过的最多的 {k} 组；这 {k} 个分组只是粗略的划分，而不是自然形成的群体。",
    "segment_weak_overlap": "“{segment}”是一个较弱的分组：其中很多客户与另一组同样接近（轮廓系数 {silhouette:.2f}）。",
    "segment_weak_unstable": "“{segment}”是一个较弱的分组：在略有不同的数据上重算时结果不一样（稳定性 {stability:.2f}）。",
    "segments_one_big_group": "一个分组包含了已分组客户的 {largest:.0%}：对这种方法来说数据中没有清晰的分组，这些分组只是粗略的划分。",
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
    "suggestions_few_evaluated": "只有 {n} 位顾客在测试日期前后都有购买（{mode}）；少于 {needed} 位顾客得出的数字仅供参考。",
    "suggestions_not_better_than_best_sellers": "在这次检验中（{mode}），推荐结果与直接推荐热销商品分不出高下（召回率之差在 {low:+.3f} 到 {high:+.3f} 之间）。",
    "suggestions_blend_below_model": "在这次检验中（{mode}），单独一种方法（{model}，召回率 {recall:.3f}）比 Clientele 使用的组合（召回率 {blend:.3f}）更好；组合是根据更早的购买选出的。",


    # --- exports, campaigns and projects ------------------------------------------------------


    # --- trends and this week (trends.py, todo.py, festivals.py) -------------------------------
    "trends_no_lines": "到 {as_of} 为止没有任何购买：没有趋势可显示。",
    "trends_no_prices": "{where}没有价格：每月收入留空（此文件没有价格）；订单数和客户数照常统计。",
    "trends_short_history": "数据只覆盖 {months} 个月：太短，看不出趋势；环比变化和同期群留存表需要更多月份。",
    "trends_no_last_year": "数据覆盖 {months} 个月，不足与去年同月比较所需的 13 个月。",
    "trends_first_month_new": "在数据的第一个月 {month} 购买的客户都算作新客户：他们更早的购买不在文件中。",
    "trends_partial_month": "{month} 只统计到 {day} 日（分析日期）；与上月和去年同期的相同日期比较。",
    "todo_title_due": "该回购了",
    "todo_title_win_back": "挽回的最佳时机",
    "todo_title_birthday": "生日",
    "todo_title_anniversary": "首次购买周年",
    "todo_title_second_purchase": "促成第二次购买",
    "todo_title_festival": "{festival_zh}（{date}）：去年节前购买过的客户（{last}）；请在 {write_on} 联系",
    "todo_reason_due_product": "大约每 {gap} 天买一次{product}；上次是 {days} 天前",
    "todo_reason_due": "大约每 {gap} 天购买一次；上次购买是 {days} 天前",
    "todo_reason_win_back": "通常每 {gap} 天购买一次，但已有 {days} 天没来；仍可能回来：请在 {by} 前联系",
    "todo_reason_birthday": "生日在 {date}",
    "todo_reason_anniversary": "{years} 年前（{date}）第一次在本店购买",
    "todo_reason_second": "{days} 天前第一次购买；回头客中有一半在第 {median} 天之前完成了第二次购买",
    "todo_reason_festival": "去年{festival_zh}（{last}）前 {lead} 天内买过{product}",
    "todo_reason_festival_visit": "去年{festival_zh}（{last}）前 {lead} 天内购买过",
    "todo_predictions_held_back": "这些数据上预测未通过检验（{why_zh}）：谁仍可能回来按每位客户自己的购买节奏判断，涉及金额为其最近 12 个月的消费。",
    "todo_no_prices": "{where}没有价格：名单不按金额排序（此文件没有价格）。",
    "todo_short_history": "数据只覆盖 {days} 天：客户的购买间隔仅供参考；节日名单需要数据中有去年的同一节日。",
    "todo_no_birthdays": "不知道客户的生日：请提供带生日列的客户名单（--customers 文件）以生成生日名单。",
    "todo_festival_not_in_data": "{festival_zh}（{date}）：数据中没有去年该节日（{last}）及其前三周，无法列出去年为节日购买的客户。",
    "todo_festival_no_uplift": "{festival_zh}（{date}）：去年节前三周（{last} 之前）的销售是平常三周的 {uplift} 倍，不足以生成节日名单。",

}


# 句子中以文字显示的术语代码（参数 role、model、mode）。
TERMS: dict[str, str] = {
    "customer_id": "客户编号", "customer_name": "客户姓名", "phone": "电话", "email": "邮箱",
    "order_id": "订单号", "date": "购买日期", "product_id": "商品编码", "product_name": "商品名称",
    "category": "类别", "quantity": "数量", "unit_price": "单价", "amount": "金额", "age": "年龄",
    "gender": "性别", "city": "城市", "birthday": "生日", "income": "收入", "store": "门店",
    "order_status": "订单状态", "paid_date": "付款时间",
    "buy_again": "再次购买", "item_knn": "相似商品", "user_knn": "相似顾客", "als": "偏好模型",
    "rules": "经常一起购买", "content": "名称或类别相似", "popularity": "热销商品",
    "segment_popularity": "同类顾客中热销", "blend": "组合推荐",
    "repeats_allowed": "可重复购买", "new_items_only": "仅新商品",
}
