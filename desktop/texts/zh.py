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


    # --- column roles (roles.py, platform exports) -------------------------------------------


    # --- cleaning (cleaning.py: customers, orders, set-aside rows) ---------------------------
    "no_prices": "{where}没有金额列也没有单价列：只按最近购买和购买频率给客户分组（消费得分按购买频率计），金额数字（收入、消费）显示为“此文件没有价格”（如果有金额列，请用 --map amount=列名 指定）。",
    "no_prices_spend": "{where}没有价格：预测只给出购买次数、活跃度和流失风险；预计消费额和客户终身价值留空（此文件没有价格）。",
    "duplicates_kept": "{where}：有 {lines:,} 行与前面某行完全相同；文件没有订单号，因此作为真实的重复购买保留。",
    "orders_per_day": "{where}：“{column}”列中的订单号每天重新编号，因此一个订单是当天的这个编号（共 {orders:,} 个订单）。",
    "orders_per_outlet": "{where}：“{column}”列中的订单号在不同门店重复，因此一个订单是该门店的这个编号（门店列“{store}”；共 {orders:,} 个订单）。",
    "orders_per_outlet_day": "{where}：“{column}”列中的订单号每天、每个门店重新编号，因此一个订单是当天该门店的这个编号（门店列“{store}”；共 {orders:,} 个订单）。",


    # --- several files (pipeline.py: combining and joining files) ----------------------------


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


    # --- segments (segments/) ------------------------------------------------------------------
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
