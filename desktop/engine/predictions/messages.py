"""Plain warnings about the predictions, in English and Simplified Chinese, for shop owners."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PredictionWarning:
    """One warning: a stable `code` for programs, and the same sentence in English and Chinese."""

    code: str
    en: str
    zh: str

    def to_dict(self) -> dict[str, str]:
        """Return {code, en, zh} for JSON output."""
        return {"code": self.code, "en": self.en, "zh": self.zh}


_SIMPLE_EN = "predictions use each customer's average time between purchases instead of the purchase model."
_SIMPLE_ZH = "预测改用每位顾客的平均购买间隔，而不是购买模型。"
_AVG_EN = "expected spend uses each customer's own average spend per purchase."
_AVG_ZH = "预计消费额改用每位顾客自己的平均每次消费。"

_TEXTS: dict[str, tuple[str, str]] = {
    "no_customers": (
        "No purchases were found up to {as_of}, so nothing can be predicted.",
        "截至 {as_of} 没有找到任何购买记录，无法预测。",
    ),
    "no_repeat_buyers": (
        "No customer has bought on two different days yet, so repeat purchases cannot be predicted.",
        "还没有顾客在两个不同的日子购买过，无法预测回购。",
    ),
    "few_customers": (
        "Only {n} customers have bought so far, too few for the purchase model; " + _SIMPLE_EN,
        "目前只有 {n} 位顾客购买过，数量太少，无法使用购买模型；" + _SIMPLE_ZH,
    ),
    "few_repeat_buyers": (
        "Only {n} customers have bought on more than one day, too few for the purchase model; " + _SIMPLE_EN,
        "只有 {n} 位顾客在不止一天购买过，数量太少，无法使用购买模型；" + _SIMPLE_ZH,
    ),
    "short_history": (
        "The sales history covers only {days} days, too short to see how often customers come back; "
        + _SIMPLE_EN,
        "销售记录只有 {days} 天，太短，看不出顾客多久回来一次；" + _SIMPLE_ZH,
    ),
    "fit_failed": (
        "The purchase model could not be fitted to this data; " + _SIMPLE_EN,
        "购买模型无法拟合这些数据；" + _SIMPLE_ZH,
    ),
    "few_spend_buyers": (
        "Only {n} repeat customers have a positive spend, too few for the spend model; " + _AVG_EN,
        "只有 {n} 位回头客的消费额为正，数量太少，无法使用消费模型；" + _AVG_ZH,
    ),
    "spend_correlated": (
        "Customers who buy more often also spend {direction} per purchase (correlation {corr:.2f}), "
        "which the spend model assumes does not happen; " + _AVG_EN,
        "购买越频繁的顾客每次消费也越{direction_zh}（相关系数 {corr:.2f}），这不符合消费模型的假设；" + _AVG_ZH,
    ),
    "spend_unstable": (
        "Spend per purchase varies too much between customers for the spend model; " + _AVG_EN,
        "顾客之间每次消费的差别太大，无法使用消费模型；" + _AVG_ZH,
    ),
    "few_holdout_customers": (
        "Only {n} customers bought before {date}; the check against later purchases is rough.",
        "在 {date} 之前购买过的顾客只有 {n} 位，与之后实际购买的对比仅供参考。",
    ),
    "empty_holdout": (
        "There are no days after {date} in the data, so predictions cannot be checked against later purchases.",
        "数据中没有 {date} 之后的日子，无法用之后的实际购买来检验预测。",
    ),
    "propensity_small": (
        "Too little history to train a purchase-chance model ({reason}); the chance of buying in the next "
        "{days} days comes from the purchase model instead.",
        "历史数据太少，无法训练购买概率模型（{reason_zh}）；未来 {days} 天的购买概率改由购买模型给出。",
    ),
    "propensity_weak": (
        "The purchase-chance model ranks customers only slightly better than chance (AUC {auc:.2f}); "
        "use its lists with care.",
        "购买概率模型对顾客的排序只比随机好一点（AUC {auc:.2f}），请谨慎使用据此生成的名单。",
    ),
}


def make_warning(code: str, **values: object) -> PredictionWarning:
    """Return the warning `code` with its English and Chinese sentences filled in from `values`."""
    en, zh = _TEXTS[code]
    return PredictionWarning(code=code, en=en.format(**values), zh=zh.format(**values))
