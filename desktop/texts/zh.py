"""Simplified Chinese sentences of the engine and the CLI, by code (the same codes as en.py). Placeholders in braces are the message's
parameters (str.format_map syntax: {n:,} for thousands, {share:.0%} for a percentage).

Sections keep each part of the engine's sentences together; add new codes to the section of the
module that raises them."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- general -------------------------------------------------------------------------------
    # 句子中文件、工作表和列表的写法
    "where_file": "文件“{file}”",
    "where_sheet": "文件“{file}”的工作表“{sheet}”",
    "list_separator": "、",
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
    "no_repeat_customers": "{customers:,} 位客户中没有人购买过一次以上；请检查客户编号列是否是客户而不是订单。",
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
    "group_message_category_product": "{name}，您好！和您一样的顾客都很喜欢我们的{category}，尤其是{top_product}。下次光临可享专属优惠。",
    "group_message_product": "{name}，您好！和您一样的顾客都很喜欢{top_product}。下次光临购买可享专属优惠。",
    "group_message_category": "{name}，您好！和您一样的顾客都很喜欢我们的{category}。下次光临可享专属优惠。",
    "segments_shares_calibrated": "归属比例已调低，使其与在重新抽样的数据上重新分组（{runs} 次）时客户留在原组的频率相符：平均 {agreement:.0%} 的客户留在原组，而混合模型本身给出的最高归属比例平均为 {raw:.0%}。",
    "segments_density_rejoined": "HDBSCAN 有 {noise:.0%} 的客户不在任何密集分组中；只有与其他客户都相距很远的 {unusual} 位被单独列为特殊客户，其余 {rejoined} 位归入了最近的分组。",
    "segments_density_rejoined_all": "HDBSCAN 有 {noise:.0%} 的客户不在任何密集分组中；他们都与其他客户相距不远，因此这 {rejoined} 位全部归入了最近的分组。",
    "segments_unusual_profile": "{n} 位客户（占客户的 {share:.1%}，占收入的 {revenue_share:.0%}）与其他客户都不同；最常见的原因（{same} 位）：{reason_zh}。",
    "unusual_quantity_per_order": "每单购买数量是一般客户的 {multiple} 倍",
    "unusual_order_value": "每单消费是一般客户的 {multiple} 倍",
    "unusual_orders": "订单数是一般客户的 {multiple} 倍",
    "unusual_spend": "总消费是一般客户的 {multiple} 倍",
    "unusual_low": "{figure}只有一般客户的 1/{fraction}",
    "unusual_mix": "多项数据同时与大多数客户不同",
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
    "todo_predictions_held_back": "这些数据上预测未通过检验（{why}）：谁仍可能回来按每位客户自己的购买节奏判断，涉及金额为其最近 12 个月的消费。",
    "todo_no_prices": "{where}没有价格：名单不按金额排序（此文件没有价格）。",
    "todo_short_history": "数据只覆盖 {days} 天：客户的购买间隔仅供参考；节日名单需要数据中有去年的同一节日。",
    "todo_no_birthdays": "不知道客户的生日：请提供带生日列的客户名单（--customers 文件）以生成生日名单。",
    "todo_festival_not_in_data": "{festival_zh}（{date}）：数据中没有去年该节日（{last}）及其前三周，无法列出去年为节日购买的客户。",
    "todo_festival_no_uplift": "{festival_zh}（{date}）：去年节前三周（{last} 之前）的销售是平常三周的 {uplift} 倍，不足以生成节日名单。",
    # --- filters and VIP tiers (filters.py, tiers.py) ----------------------------------------------
    "filter_predictions_held_back": '这些数据上预测未通过检验（{why}）：关于 churn_band 和 expected_value 的条件不匹配任何客户。',
    "tiers_no_prices": '此文件没有价格：会员等级按消费额划分，因此无法划分（此文件无价格）。',
    "tiers_too_few": '最近 12 个月只有 {customers} 位客户有消费：太少，无法按本店数据设定等级门槛；请自行设定门槛（例如 --tiers 500,2000,5000）。',
    "tiers_to_next": '再消费 {amount} 即可升级为{tier_name}',
    "filter_unreadable": "筛选条件在第 {position} 个字符处无法识别{found}：{problem}。",
    "filter_unknown_group": "筛选条件第 {position} 个字符处的分组 {group} 在本次分析中不存在；现有分组为 {groups}。",
    "filter_too_long": "筛选条件超过 {most} 个字符；请缩短",
    "filter_character": "此字符不能用于筛选条件；请使用词语、数字、日期、引号、( ) 和 = < >",
    "filter_open_quote": "引号没有闭合；请用相同的引号闭合",
    "filter_empty": "筛选条件为空；请写一个条件，例如 spend > 500",
    "filter_expected_and_or": "此处应为 and、or 或筛选条件的结尾",
    "filter_too_deep": "括号或 not 嵌套超过 {most} 层；请简化筛选条件",
    "filter_close": "此括号没有闭合；请补上 )",
    "filter_expected_field": "此处应为一个条件，例如 spend > 500 或 group = champions",
    "filter_unknown_field": "客户表中没有这一项；可用的字段有 {fields} 以及 bought product/category",
    "filter_between_and": "between 需要用 and 连接两个值，例如 spend between 100 and 500",
    "filter_expected_in": "not 之后应为 in，例如 group not in (lost, hibernating)",
    "filter_in_list": "in 需要括号中的列表，例如 group in (champions, loyal)",
    "filter_in_list_close": "列表没有闭合；请用逗号分隔各值并以 ) 结尾",
    "filter_contains_text": "contains 只能用于城市、姓名等文字字段",
    "filter_expected_op": "此处应为比较符（= != < <= > >=）、between、in 或 contains",
    "filter_order_text": "< 和 > 只能比较数字和日期；文字请用 = 或 in",
    'filter_bought_what': 'bought 之后应为 product 或 category，例如 bought product "月饼"',
    "filter_expected_value": "此处应为一个值（数字、YYYY-MM-DD 格式的日期或文字）",
    "filter_number": "此处应为数字",
    "filter_month": "生日月份应为 1 到 12 的整数",
    "filter_date": "此处应为 YYYY-MM-DD 格式的日期，例如 2025-09-17",
    "filter_band": "流失可能性应为 low、medium 或 high",
    "filter_gender": "性别应为 female 或 male（f、m、女、男）",
    "tiers_thresholds_invalid": "会员等级门槛 {values} 必须是大于 0 且从银卡、金卡到白金卡依次升高的数字，例如 500, 2000, 5000。",
    "tiers_thresholds_unreadable": "{option} {text} 应为银卡、金卡、白金卡三个金额，例如 500,2000,5000。",
    "ticks_list_name": "保存的名单需要 1 到 {most} 个字符的名称。",
    "ticks_no_such_list": "项目中没有名为 {name} 的名单；现有名单：{names}。",
    "ticks_no_such_list_none": "项目中没有名为 {name} 的名单；现有名单：暂无。",
    "export_control_share_range": "--control-share 必须在 0 到 0.9 之间，例如 0.1 表示 10%。",
    "export_no_customer_matches": "没有客户符合筛选条件 {where_filter}，因此没有写出名单；请放宽筛选条件。",
    "report_no_pdf": "此 Clientele 无法生成 PDF（缺少 {missing}）；请安装带窗口界面的版本（PySide6）。",


    # --- 需要用户处理的错误（marketing） ----------------------------------------------------------------------
    "marketing_control_group_share_must": "对照组比例必须在所选客户的 0% 到 90% 之间。",
    "marketing_every_chosen_customer_would": "所有选中的客户都会被分到对照组；请选择更多客户，或缩小对照组。",


    # --- 需要用户处理的错误（combining） ----------------------------------------------------------------------
    "combining_none_files_folder_read": "文件夹中没有一个文件能作为订单明细表读取。",
    "combining_file_holds_order_lines": "{where}：没有一个文件含订单明细（客户、日期和金额），也没有文件与之关联；请选择收银系统或网店导出的文件。",
    "combining_none_files_column_their": "这些文件中都没有用作{role}（{role_code}）的列“{column}”；它们的列有：{columns}。",
    "combining_spreadsheet_files_xlsx_xls": "文件夹“{p}”中没有电子表格文件（.xlsx .xls .ods .csv .txt .tsv）；请选择存放导出文件的文件夹，或直接选择这些文件。",
    "combining_column_columns": "{where}中没有用作{role}（{role_code}）的列“{column}”；它的列有：{columns}。",


    # --- 需要用户处理的错误（export） -------------------------------------------------------------------------
    "export_customers_segments_yet_run": "客户还没有分组；请先运行分析再导出。",
    "export_customers_chosen_segments_choose": "所选分组中没有客户；请选择其他分组导出。",
    "export_column_customer_table_available": "客户表中没有“{missing}”列；可用的列有：{columns}。",
    "export_segment_called_choose": "没有名为“{item}”的分组；请从以下分组中选择：{segments}。",
    "export_table_rows_more_excel": "该表有 {n_frame:,} 行，超过了一个 Excel 工作表能容纳的行数；请改存为 CSV。",
    "export_save_free_some_space": "无法保存“{name}”：{error}；请腾出一些磁盘空间，或换一个文件名保存。",
    "export_save_temporary_file_created": "无法保存“{target}”：无法在它所在的文件夹中创建临时文件。",
    "export_save_name_must_end": "无法保存“{target}”：文件名必须以 {suffixes} 或 {last} 结尾。",
    "export_save_locked": "无法保存“{target}”：它正在被其他程序打开，或无法被替换；请在 Excel 中关闭它后重试，或换一个文件名保存。",
    "export_save_folder_does_exist": "无法保存“{target}”：文件夹“{folder}”不存在。",
    "export_save_choose_shorter_name": "无法保存“{target}”：{error}；请换一个较短的文件名，或换一个文件夹。",
    "export_save_over_one_files": "不能覆盖“{target}”：它是正在分析的文件之一；请换一个文件名保存。",
    "export_save_file_read_only": "无法保存“{target}”：该文件是只读的；请在 Excel 中关闭它后重试，或换一个文件名保存。",
    "export_save_folder_writable_save": "无法保存“{target}”：该文件夹不可写入（{error}）；请换一个文件名，或保存到其他文件夹。",
    "export_list_customers_more_excel": "名单中有 {n_list_df:,} 位客户，超过了一个 Excel 工作表能容纳的行数；请改为导出 CSV。",


    # --- 需要用户处理的错误（segments） -----------------------------------------------------------------------
    "segments_earlier_date_segment_comparison": "分组对比中较早的日期必须在较晚的日期之前。",
    "segments_purchases_before_so_nothing": "{then} 及之前没有任何购买记录，因此无法对比；请把较早的日期选得晚一些。",
    "segments_unknown_segmentation_method_choose": "未知的分组方法“{method}”；请从以下方法中选择：{methods}。",
    "segments_segmenting_needs_least_customers": "分组至少需要 3 位客户；数据中只有 {n} 位。",
    "segments_number_segments_must_between": "对于 {n} 位客户，分组数必须在 2 到 {value} 之间；而要求的是 {k}。",
    "segments_unknown_feature_group_choose": "未知的特征组“{unknown}”；请从以下选项中选择：{groups}。",
    "segments_customers_segment_check_file": "没有可分组的客户；请检查文件中是否有客户编号。",
    "segments_none_chosen_features_varies": "所选的特征在客户之间都没有差别，因此无法分组；请选择其他特征组。",


    # --- 需要用户处理的错误（project） ------------------------------------------------------------------------
    "project_damaged_written_clientele_so": "文件“{file}”已损坏或不是由 Clientele 写入的，无法打开；请打开项目的较早副本，或重新打开销售文件。",
    "project_sqlite_database_but_clientele": "文件“{file}”是 SQLite 数据库，但不是 Clientele 项目。",
    "project_project_holds_order_lines": "项目中没有订单明细；请重新打开原始文件。",
    "project_already_exists_clientele_project": "文件“{file}”已存在，且不是 Clientele 项目；请换一个名称。",
    "project_folder_does_exist_choose": "文件夹“{folder}”不存在；请选择其他位置保存项目。",
    "project_saved_newer_version_clientele": "文件“{file}”是由更新版本的 Clientele 保存的；请先更新 Clientele 再打开。",
    "project_file_clientele_open_choose": "“{file}”不是 Clientele 能打开的文件；请选择项目文件（{project_suffix}）。",
    "project_clientele_project_open_your": "文件“{file}”不是 Clientele 项目；请改用“打开”来打开您的销售表格。",
    "project_saved_may_open_another": "文件“{file}”无法保存（{value}）；它可能正在被其他程序打开，或文件夹是只读的。",
    "project_saved_check_disk_space": "文件“{file}”无法保存（{reason}）；请检查磁盘空间和文件夹。",
    "project_does_exist_check_file": "文件“{p}”不存在；请检查文件名和文件夹。",
    "project_one_files_analysis_read": "文件“{file}”是分析所读取的文件之一；请用其他名称保存项目（例如 {stem}{project_suffix}）。",


    # --- 需要用户处理的错误（campaigns） ----------------------------------------------------------------------
    "campaigns_cost_not_a_number": "每次联系的成本必须是不小于 0 的数字，例如 0.5（现在是 {value}）。",
    "campaigns_option_not_a_cost": "{option} 必须是不小于 0 的数字，例如 0.5（现在是 {value}）。",
    "campaigns_control_group_share_must": "对照组比例必须不小于 0% 且小于 100%。",
    "campaigns_campaign_record_read_damaged": "无法读取营销活动记录“{shown}”；它已损坏，或不是营销活动记录。",
    "campaigns_sales_data_column_so": "销售数据中没有 {missing} 列，因此无法计算营销活动的效果。",
    "campaigns_profit_margin_must_above": "利润率必须大于 0% 且不超过 100%。",
    "campaigns_end_results_period_before": "效果统计期的结束日期早于开始日期；请选择更晚的结束日期。",
    "campaigns_file_clientele_campaign_record": "此文件不是 Clientele 的营销活动记录。",
    "campaigns_campaign_record_written_newer": "此营销活动记录由更新版本的 Clientele 写入；请先更新应用再读取。",
    "campaigns_campaign_record_incomplete_export": "此营销活动记录不完整；请重新导出名单。",
    "campaigns_campaign_record_does_exist": "营销活动记录“{shown}”不存在。",
    "campaigns_campaign_record_damaged_export": "营销活动记录“{shown}”已损坏（{field}）；请重新导出名单，或选择其他记录。",


    # --- 需要用户处理的错误（cleaning） -----------------------------------------------------------------------
    "cleaning_none_rows_used_most": "{where}：{n:,} 行中没有一行可用（大多数因“{reason}”被搁置）；请检查是否选对了列。",
    "cleaning_customer_id_column_found": "{where}：在客户名单中没有找到客户编号列（现有的列：{columns}）；请用 --map customer_id=列名 指定是哪一列。",
    "cleaning_column_found_columns_say": "{where}：没有找到{role}列（现有的列：{columns}）；请用 --map {role_code}=列名 指定是哪一列，或在导入对话框中选择。",


    # --- 需要用户处理的错误（guard） --------------------------------------------------------------------------
    "guard_mb_more_mb_clientele": "文件“{name}”大小为 {size} MB，超过了 Clientele 可读取的 {limit} MB；请导出较短时间段的数据，或只导出需要的列。",
    "guard_file_clientele_read_save": "“{file}”是{file_kind}，不是 Clientele 能读取的文件；请把数据保存为 .xlsx 或 .csv 文件后再打开。",
    "guard_opened_check_you_may": "文件“{file}”无法打开（{value}）；请检查您是否有读取它的权限。",
    "guard_unsafe_xml_entities": "文件“{file}”看起来不安全或无效（其中的部件 {part} 声明了 XML 实体），因此 Clientele 没有打开它；请在 Excel 中打开并重新保存，或从收银系统重新导出。",
    "guard_unsafe_unpacks": "文件“{file}”看起来不安全或无效（解压后会从 {packed_mb:,.1f} MB 变成 {total_mb:,.0f} MB），因此 Clientele 没有打开它；请在 Excel 中打开并重新保存，或从收银系统重新导出。",
    "guard_unsafe_entries": "文件“{file}”看起来不安全或无效（其中的部件 {part} 声称有 {entries:,} 个条目），因此 Clientele 没有打开它；请在 Excel 中打开并重新保存，或从收银系统重新导出。",
    "guard_unsafe_extent": "文件“{file}”看起来不安全或无效（位于 {cell} 的单元格超出了 Excel 的上限 {max_rows:,} 行 × {max_cols:,} 列），因此 Clientele 没有打开它；请在 Excel 中打开并重新保存，或从收银系统重新导出。",
    "guard_unsafe_reader_failed": "文件“{file}”看起来不安全或无效（读取电子表格时出错），因此 Clientele 没有打开它；请在 Excel 中打开并重新保存，或从收银系统重新导出。",
    "guard_cells_spread_over_cells": "文件“{display}”的单元格分布在 {first}:{last} 范围内，共 {cells:,} 个单元格，太大，无法安全读取；请在 Excel 中删除数据后面的空行和空列（或把数据复制到新的工作表），然后重新保存。",
    "guard_damaged_spreadsheet_clientele_read": "文件“{file}”已损坏，或不是 Clientele 能读取的电子表格（{detail}）；请在 Excel 中打开，并重新另存为 .xlsx 或 .csv。",
    "guard_protected_password_open_excel": "文件“{file}”设有密码保护；请在 Excel 中打开，去掉密码后再保存。",
    "guard_needs_more_memory_computer": "打开文件“{file}”需要的内存超过了这台电脑的内存；请导出较短时间段的数据，或只导出需要的列。",
    "guard_damaged_workbook_incomplete_export": "文件“{display}”已损坏（工作簿不完整）；请重新导出，或在 Excel 中打开后重新保存。",
    "guard_damaged_export_again_open": "文件“{display}”已损坏（{name}）；请重新导出，或在 Excel 中打开后重新保存。",
    "guard_took_more_minutes_open": "文件“{file}”打开用时超过 {value:.0f} 分钟，Clientele 已停止；请在 Excel 中打开，并重新另存为 .xlsx 或 .csv。",


    # --- 需要用户处理的错误（suggest） ------------------------------------------------------------------------
    "suggest_cutoff_must_fall_inside": "分界日期 {cutoff_ts} 必须在数据的时间范围内（{first} 至 {last}），这样它前后才都有购买记录。",
    "suggest_product_among_products_bought": "商品“{text}”不在这份数据购买过的商品中；请检查它的编号或名称。",
    "suggest_purchases_both_customer_product": "没有同时带有客户和商品的购买记录，因此无法给出商品推荐；请检查客户列和商品列。",
    "suggest_no_pairs_before": "在 {date} 之前没有同时带有客户和商品的购买记录，因此无法给出商品推荐；请检查客户列和商品列。",
    "suggest_file_product_column_product": "文件中没有商品列（商品编号或名称），因此无法给出商品推荐；如果其中某一列是商品，请把它选为商品（在应用的导入对话框中，或用 --map product_id=列名）。",


    # --- 需要用户处理的错误（reading） ------------------------------------------------------------------------
    "reading_sheets_data": "文件“{file}”中没有含数据的工作表。",
    "reading_columns_more_spreadsheet_hold": "{where}有 {width:,} 列，超过了电子表格最多能容纳的 {excel_max_cols:,} 列；请检查它是否是订单明细表，以及分隔符是否正确。",
    "reading_empty_none_sheets_any": "文件“{file}”是空的：它的工作表中都没有任何行。",
    "reading_columns_data_clientele_reads": "{where}有 {n_keep:,} 列含数据；Clientele 最多读取 {max_table_columns:,} 列的表格——请删除不需要的列，或只导出订单明细。",
    "reading_empty_rows_export_data": "文件“{file}”是空的，没有任何行。请从收银系统或网店重新导出数据。",
    "reading_damaged_workbook_incomplete_export": "文件“{file}”已损坏（工作簿不完整）；请重新导出，或在 Excel 中打开后重新保存。",
    "reading_zip_archive_spreadsheet_unzip": "文件“{file}”是一个 zip 压缩包，不是电子表格；请先解压，再打开里面的文件。",
    "reading_spreadsheet_text_file_clientele": "文件“{file}”不是 Clientele 能读取的电子表格或文本文件；请在 Excel 中另存为 .xlsx 或 .csv。",
    "reading_lock_file_excel_leaves": "文件“{file}”是 Excel 在工作簿打开时留下的锁定文件，不是您的数据；请改为打开“{file2}”。",
    "reading_does_exist_check_file": "文件“{path}”不存在；请检查文件名和文件夹。",
    "reading_folder_choose_spreadsheet_file": "“{path}”是一个文件夹；请选择其中的电子表格文件。",
    "reading_read_table_save_again": "文件“{file}”无法作为表格读取（{error}）；请重新另存为 CSV 或 Excel 文件。",
    "reading_read_table_save_again_2": "文件“{file}”无法作为表格读取：{error}。请重新另存为 CSV 或 Excel 文件。",
    "reading_read_table_save_again_3": "文件“{file}”无法作为表格读取（{error}）。请重新另存为 CSV 或 Excel 文件。",
    "reading_sheet_sheets": "文件“{file}”中没有名为“{sheet}”的工作表；它的工作表有：{sheets}。",
    "reading_sheet_empty_choose_another": "文件“{file}”的工作表“{chosen}”是空的；请选择其他工作表（{sheets}）。",
    "reading_header_but_data_rows": "{where}只有表头，没有数据行；请重新导出数据，并包含数据行。",
    "reading_columns_named_columns_so": "{where}中有 {n_copies} 列都叫“{header}”（{letters} 列和 {last} 列），Clientele 无法判断哪一列是{role}；请用 --map {role_code}=\"{copies}\" 指定（或在导入对话框中选择），或在文件中给这些列改名。",
    "reading_row_quotation_mark_opens": "文件“{file}”第 {value} 行：有一个引号（\"）开始的文字一直没有结束；请检查这一行，或用 Excel 重新保存文件。",


    # --- 需要用户处理的错误（predict） ------------------------------------------------------------------------
    "predict_purchases_before_calibration_end": "在校准截止日 {cal_end} 及之前没有购买记录；请选择更晚的日期。",
    "predict_calibration_end_leaves_later": "校准截止日 {cal_end} 之后没有可用于检验的日期（数据截止于 {last_day}）；请选择更早的日期。",
    "predict_order_lines_lack_column": "订单明细缺少预测所需的列：{columns}。",
    "predict_time_unit_known_use": "未知的时间单位“{time_unit}”；请使用 'day'（天）或 'week'（周）。",


    # --- 需要用户处理的错误（roles） --------------------------------------------------------------------------
    "roles_column_columns": "{where}中没有用作{role}（{role_code}）的列“{column}”；它的列有：{columns}。",


    # --- 需要用户处理的错误（pipeline） -----------------------------------------------------------------------
    "pipeline_file_given_choose_order": "没有选择文件；请选择收银系统或网店导出的订单明细。",
    "pipeline_given_both_orders_customer": "文件“{name}”同时被选作订单文件和客户名单。",
    "pipeline_analysis_date_before_first": "分析日期 {as_of} 早于数据中的第一笔购买（{first}）；请选择更晚的日期。",
    "pipeline_customer_purchase_up_analysis": "到分析日期为止没有任何客户有购买记录；请选择更晚的日期。",

    # --- 文件是怎样读取的（reading.py、parsing.py、cleaning.py：导入报告的说明） ---------------------------------------
    "read_as_text": "{where}：按 {encoding} 编码读取为文本，分隔符为{separator}。",
    "read_decimal_comma": "{where}：数字使用逗号作小数点（1.234,50）。",
    "read_two_row_header": "{where}：表头占第 {first} 和第 {second} 两行；列名由两行合并而成。",
    "read_largest_sheet": "{where}：读取了最大的工作表“{sheet}”；其他工作表：{others}（可用 --sheet 名称 选择）。",
    "read_sheets_combined": "{where}：合并了列相同的工作表 {sheets}。",
    "read_sheets_combined_some": "{where}：合并了列相同的工作表 {sheets}；未读取表头不同的工作表：{skipped}。",
    "read_empty_columns": "{where}：略去了 {n:,} 个空列。",
    "read_totals_row": "{where}：略去了底部的合计行（第 {rows} 行）。",
    "dates_mixed_order": "{where}，列“{column}”：此列混有“日在前”和“月在前”的日期；按“日在前”读取。",
    "dates_read_day_first": "{where}，列“{column}”：05/01/2024 这样的日期既可能日在前也可能月在前；按日在前（日/月/年）读取。",
    "dates_read_month_first": "{where}，列“{column}”：05/01/2024 这样的日期既可能日在前也可能月在前；按月在前（月/日/年）读取。",
    "orders_per_customer_day": "文件没有订单号：每位客户同一天的购买算作一个订单。",
    "customer_list_repeats": "{where}：有 {n:,} 个客户编号出现了不止一次；每个编号使用最后一行。",
    "customer_list_no_id": "{where}：有 {n:,} 行没有客户编号，已略去。",
    "customer_list_matched": "{where}：名单中有 {n:,} 位客户，其中 {matched:,} 位有订单。",
    "project_source_missing": "文件“{file}”已不在 {folder}；项目使用其保存的已清理数据。",
    "project_source_changed": "文件“{file}”在项目保存后已被修改；项目使用其保存的数据——如需分析新版本，请重新打开该文件。",

    # --- 营销活动效果（campaigns.py） ----------------------------------------------------------------------
    "campaigns_record_damaged": "此营销活动记录已损坏（{field}）；请重新导出名单。",
    "campaign_no_control_group": "本次活动没有对照组，无法衡量效果；下次请保留对照组。",
    "campaign_small_control_group": "对照组只有 {n} 位客户，因此置信区间较宽。",
    "campaign_no_sales_yet": "所选期间内这些客户还没有任何消费。",

    # --- 隐私（consent.py、forget.py、项目加密、保留期限）----------------------------------------
    "consent_excluded": "已排除 {n:,} 位拒绝营销（已退订、选择退出）的客户。",
    "consent_none": "文件中没有营销同意列，因此无法得知谁拒绝了营销；请在客户名单中加入同意列（例如 “营销同意”、“退订”、“Accepts Marketing”）以尊重客户的选择。",
    "consent_all_refused": "所选客户都拒绝了营销（{n:,} 位）；没有人可以列入这份名单。",
    "forget_done": "已删除客户 {customer}：从项目和 {autosaves:,} 个自动保存中删除了 {lines:,} 行订单明细及其资料。原始表格由您自己修改：请在那里也删除该客户，否则下次打开这些文件时他会重新出现。",
    "forget_reminder": "原始表格由您自己修改：请在那里也删除该客户，否则下次打开这些文件时他会重新出现。",
    "project_needs_password": "{where}受密码保护；请输入密码再打开。",
    "project_wrong_password": "{where}的密码不正确（或文件已损坏）；请重试——没有密码，任何方法都无法打开该项目。",
    "password_file_unreadable": "无法读取密码文件{where}，或文件为空；请把密码写在第一行。",
    "forget_not_found": "{where}中没有客户 {customer}；请检查编号（按客户表中显示的写）。",
}


# 句子中以文字显示的术语代码（参数 role、model、mode）。
TERMS: dict[str, str] = {
    "customer_id": "客户编号", "customer_name": "客户姓名", "phone": "电话", "email": "邮箱",
    "order_id": "订单号", "date": "购买日期", "product_id": "商品编码", "product_name": "商品名称",
    "category": "类别", "quantity": "数量", "unit_price": "单价", "amount": "金额", "age": "年龄",
    "gender": "性别", "city": "城市", "birthday": "生日", "income": "收入", "store": "门店",
    "order_status": "订单状态", "paid_date": "付款时间", "consent": "营销同意",
    "buy_again": "再次购买", "item_knn": "相似商品", "user_knn": "相似顾客", "als": "偏好模型",
    "rules": "经常一起购买", "content": "名称或类别相似", "popularity": "热销商品",
    "segment_popularity": "同类顾客中热销", "blend": "组合推荐",
    "repeats_allowed": "可重复购买", "new_items_only": "仅新商品",
}


# 引擎按键名称呼的事物的文字，分组（desktop.texts.label(group, key, language)）。
LABELS: dict[str, dict[str, str]] = {
    "set_aside": {
        "totals_row": "表格底部的合计行",
        "empty_row": "空行",
        "wrong_column_count": "值的个数多于表头的列数",
        "no_customer_id": "没有客户编号",
        "walk_in": "无客户：散客或占位编号（计入店铺总额）",
        "bad_date": "日期缺失或无法识别",
        "future_date": "日期在未来",
        "bad_amount": "金额缺失或不是数字",
        "implausible_amount": "金额、价格或数量大得不真实（单行超过 10^15）",
        "zero_price": "价格或金额为零",
        "duplicate": "与前面某行完全重复",
        "overlap": "也在前一个文件中（导出的日期范围重叠）",
        "unpaid": "订单未付款",
        "cancelled": "订单已取消或已关闭",
        "refunded": "订单已退款",
    },
    "separator": {
        "comma": "逗号",
        "semicolon": "分号",
        "tab": "制表符",
        "bar": "竖线",
        "space": "空格",
        "none": "无（只有一列）",
    },
    "role": {
        "customer_id": "客户编号",
        "customer_name": "客户姓名",
        "phone": "电话",
        "email": "邮箱",
        "order_id": "订单号",
        "date": "购买日期",
        "product_id": "商品编码",
        "product_name": "商品名称",
        "category": "类别",
        "quantity": "数量",
        "unit_price": "单价",
        "amount": "金额",
        "age": "年龄",
        "gender": "性别",
        "city": "城市",
        "birthday": "生日",
        "income": "收入",
        "store": "门店",
        "order_status": "订单状态",
        "paid_date": "付款时间",
        "consent": "营销同意",
    },
    "export_column": {
        "customer_id": "客户编号",
        "customer_name": "姓名",
        "phone": "电话",
        "email": "邮箱",
        "city": "城市",
        "segment": "分群代码",
        "segment_name": "客户分群",
        "monetary": "累计消费",
        "frequency": "订单数",
        "last_purchase": "最近购买日期",
        "recency_days": "距上次购买天数",
        "first_purchase": "首次购买日期",
        "avg_order_value": "平均客单价",
        "favourite_product": "最常购买商品",
        "p_alive": "仍是顾客的概率",
        "churn_risk": "未来 90 天不购买的概率",
        "churn_band": "90 天内不购买的可能性",
        "expected_purchases_365": "未来 12 个月预计购买次数",
        "expected_next_purchase": "预计下次购买日期",
        "predicted_orders_12m": "未来 12 个月预计订单",
        "predicted_spend_12m": "未来 12 个月预计消费额",
        "predicted_spend_12m_low": "未来 12 个月预计消费额（下限）",
        "predicted_spend_12m_high": "未来 12 个月预计消费额（上限）",
        "clv": "客户终身价值",
        "suggested_products": "推荐商品",
        "tier": "会员等级",
        "action": "建议行动",
        "message": "个性化信息",
    },
    "prediction_column": {
        "p_alive": "仍是顾客的概率",
        "churn_risk": "未来 90 天内不购买的概率",
        "churn_band": "未来 90 天不购买的可能性",
        "expected_purchases_90": "未来 90 天预计购买次数",
        "expected_purchases_365": "未来 12 个月预计购买次数",
        "expected_purchases_365_low": "未来 12 个月预计购买次数（下限）",
        "expected_purchases_365_high": "未来 12 个月预计购买次数（上限）",
        "expected_next_purchase": "预计下次购买日期",
        "historic_spend": "累计消费额",
        "spend_per_purchase": "预计每次消费额",
        "predicted_spend_12m": "未来 12 个月预计消费额",
        "predicted_spend_12m_low": "未来 12 个月预计消费额（下限）",
        "predicted_spend_12m_high": "未来 12 个月预计消费额（上限）",
        "clv": "客户终身价值",
    },
    "figure": {
        "quantity_per_order": "每单数量",
        "avg_order_value": "每单消费",
        "frequency": "订单数",
        "monetary": "总消费",
    },
    "tier": {
        "member": "普通会员",
        "silver": "银卡",
        "gold": "金卡",
        "platinum": "白金卡",
    },
    "churn_band": {
        "low": "低",
        "medium": "中",
        "high": "高",
    },
    "campaign_figure": {
        "customers": "客户数",
        "responders": "购买客户数",
        "response_rate": "响应率",
        "revenue": "消费额",
        "spend_per_customer": "人均消费",
        "incremental_revenue": "活动带来的消费额",
        "cost": "活动成本",
        "net_return": "扣除成本后的回报",
        "roi": "投资回报率",
    },
    "campaign_sheet": {
        "figure": "指标",
        "contacted": "联系组",
        "control": "对照组",
        "difference": "差值",
        "ci_low": "95%区间下限",
        "ci_high": "95%区间上限",
        "p_value": "p值",
        "campaign": "活动",
        "period": "期间",
        "offer": "优惠内容",
        "sheet": "结果",
    },
    "file_kind": {
        "pipe": "管道", "socket": "套接字", "device": "设备", "folder": "文件夹",
        "not_regular_file": "不是普通文件",
    },
}


# 发给顾客的现成信息，按分组键（营销名单的信息列）。
CUSTOMER_MESSAGES: dict[str, str] = {
    "champions": "{name}，您好！感谢您一直以来的厚爱，您是我们最重要的顾客之一。{product}上市前您可以抢先选购。",
    "loyal": "{name}，您好！感谢您经常光顾。我们觉得您会喜欢{product}，欢迎来看看，还有一份会员小礼物等着您。",
    "potential_loyalist": "{name}，您好！很高兴再次见到您。加入会员，下次购物即可享受优惠，{product}或许正适合您。",
    "prospects": "{name}，您好！感谢您的注册！首次下单可享欢迎优惠，欢迎看看{product}。",
    "new": "{name}，您好！欢迎您，感谢您的首次购买！下次光临送您一份见面礼，也欢迎看看{product}。",
    "promising": "{name}，您好！感谢您的光临。我们为您挑选了{product}，下次购物可享小额优惠。",
    "need_attention": "{name}，您好！距离您上次光临已经{days_since}天了。本月{product}会员价，欢迎回来看看。",
    "about_to_sleep": "{name}，您好！已经{days_since}天没见到您了，我们很想念您！送您一张{product}优惠券，两周内有效。",
    "at_risk": "{name}，您好！已经{days_since}天没见了，期待您再次光临。{product}为您准备了专属优惠。",
    "cant_lose": "{name}，您好！您曾是我们最好的顾客之一，我们很想念您。欢迎回来领取专属礼物，也看看{product}。",
    "hibernating": "{name}，您好！好久不见！来看看{product}等新品吧，老朋友回店享受折扣。",
    "lost": "{name}，您好！已经{days_since}天没见到您了。如果您愿意回来，这是我们今年最大的优惠。",
    "important_value": "{name}，您好！感谢您一直以来的支持，您是我们最重要的顾客。{product}上市您可优先选购，另有贵宾礼品。",
    "important_develop": "{name}，您好！感谢您最近的惠顾！欢迎再来选购{product}，会员享专属价。",
    "important_keep": "{name}，您好！已经{days_since}天没见到您了，我们很想念您！{product}贵宾优惠欢迎您回来。",
    "important_retain": "{name}，您好！您对我们非常重要。已经{days_since}天没见了，下次光临送您一份专属礼物。",
    "general_value": "{name}，您好！感谢您经常光顾。下次购物满额即送礼品，看看{product}吧？",
    "general_develop": "{name}，您好！感谢您最近的光临！下次购买{product}可享小额优惠。",
    "general_keep": "{name}，您好！已经{days_since}天没见到您了，回来看看{product}吧，有小额优惠。",
    "general_retain": "{name}，您好！好久不见！店里上了新品，回店还有折扣。",
    "generic": "{name}，您好！感谢您的光临！我们为您挑选了{product}，下次购物可享专属优惠。",
}


# 顾客的值缺失时占位符显示的文字。
CUSTOMER_FALLBACKS: dict[str, str] = {
    "name": "亲爱的顾客",
    "segment": "会员",
    "product": "新品",
    "days_since": "很多",
}


# 本周名单的现成信息，按名单种类（todo.py）。
LIST_MESSAGES: dict[str, str] = {
    "birthday": "{name}，生日快乐！本周到店有一份生日小礼物等着您。",
    "anniversary": "{name}，您好！感谢您一年来的支持！下次购买{product}送您一份周年礼物。",
    "second_purchase": "{name}，您好！感谢您的首次购买！{product}用得还满意吗？下次光临送您一份回头礼。",
    "festival": "{name}，您好！节日快到了！去年您选了{product}，今年的新品已经到店，我们为您留了一些。",
}
