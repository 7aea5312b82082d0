"""Personal message templates for marketing lists, per segment, in English and Simplified Chinese.

A template is plain text with placeholders in braces:
    {name}        the customer's name (a friendly fallback when unknown)
    {segment}     the customer's segment name, in the template's language
    {product}     the first suggested product, else the customer's favourite product
    {days_since}  days since the last purchase
Anything else in braces is left as written, so a typo shows up in the message instead of failing.
Templates are rendered with a plain substitution, never `str.format`, so a template (or a customer
name) cannot reach Python attributes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDERS: tuple[str, ...] = ("name", "segment", "product", "days_since")

LANGUAGES: tuple[str, ...] = ("en", "zh")

GENERIC_KEY = "generic"
"""Template key used for segments without their own template (e.g. data-driven clusters)."""

# Used when the customer's value is missing, so a message never reads "Hi ,".
FALLBACKS: dict[str, dict[str, str]] = {
    "en": {"name": "there", "segment": "valued customers", "product": "our new arrivals",
           "days_since": "many"},
    "zh": {"name": "亲爱的顾客", "segment": "会员", "product": "新品", "days_since": "很多"},
}

_EN: dict[str, str] = {
    # 11-class RFM
    "champions": "Hi {name}, thank you for being one of our very best customers! As a thank-you, "
                 "you get early access to {product} before anyone else.",
    "loyal": "Hi {name}, thanks for shopping with us so often. We think you'll love {product} - "
             "come and have a look, with a little loyalty gift from us.",
    "potential_loyalist": "Hi {name}, great to see you back! Join our members' club and get a "
                          "treat on your next visit - {product} might be just right for you.",
    # The customer list's sign-ups who never bought (segments/prospects.py)
    "prospects": "Hi {name}, thanks for signing up with us! Here is a welcome offer for your first "
                 "order - have a look at {product}.",
    "new": "Hi {name}, welcome and thank you for your first purchase! Here is a small welcome "
           "gift for your next visit. Have you seen {product}?",
    "promising": "Hi {name}, thanks for visiting us. We picked {product} with you in mind - "
                 "enjoy a small discount on your next purchase.",
    "need_attention": "Hi {name}, it's been {days_since} days since your last visit. We have "
                      "something special for you: {product}, at a members' price this month.",
    "about_to_sleep": "Hi {name}, we haven't seen you for {days_since} days and we miss you! "
                      "Here is a discount for {product} - valid for two weeks.",
    "at_risk": "Hi {name}, it's been {days_since} days - we'd love to welcome you back. Enjoy a "
               "special offer on {product}, just for you.",
    "cant_lose": "Hi {name}, you were one of our best customers and we miss you. Please come back "
                 "for a personal gift - and take a look at {product}.",
    "hibernating": "Hi {name}, it's been a while! Take a look at what's new, like {product}, "
                   "with a discount for returning friends.",
    "lost": "Hi {name}, we haven't seen you in {days_since} days. If you'd like to come back, "
            "here is our best offer of the year.",
    # 8-class (Chinese CRM) RFM
    "important_value": "Hi {name}, thank you for being one of our most valued customers! You get "
                       "first access to {product} and a VIP gift.",
    "important_develop": "Hi {name}, thank you for your recent purchases! Come back soon for "
                         "{product} - members get a special price.",
    "important_keep": "Hi {name}, it's been {days_since} days - we miss you! Here is a VIP offer "
                      "on {product} to welcome you back.",
    "important_retain": "Hi {name}, you mean a lot to us. It's been {days_since} days, so here is "
                        "a personal gift on your next visit.",
    "general_value": "Hi {name}, thanks for shopping with us often. Spend a little more on your "
                     "next visit and get a gift - have you seen {product}?",
    "general_develop": "Hi {name}, thanks for your recent visit! Here is a small discount on "
                       "{product} for next time.",
    "general_keep": "Hi {name}, we haven't seen you for {days_since} days. Come back for "
                    "{product} with a small discount.",
    "general_retain": "Hi {name}, it's been a while! Here is what's new at our shop, with a "
                      "welcome-back discount.",
    GENERIC_KEY: "Hi {name}, thank you for shopping with us! We picked {product} for you - enjoy "
                 "a special offer on your next visit.",
}

_ZH: dict[str, str] = {
    "champions": "{name}，您好！感谢您一直以来的厚爱，您是我们最重要的顾客之一。{product}"
                 "上市前您可以抢先选购。",
    "loyal": "{name}，您好！感谢您经常光顾。我们觉得您会喜欢{product}，欢迎来看看，还有一份"
             "会员小礼物等着您。",
    "potential_loyalist": "{name}，您好！很高兴再次见到您。加入会员，下次购物即可享受优惠，"
                          "{product}或许正适合您。",
    "prospects": "{name}，您好！感谢您的注册！首次下单可享欢迎优惠，欢迎看看{product}。",
    "new": "{name}，您好！欢迎您，感谢您的首次购买！下次光临送您一份见面礼，也欢迎看看{product}。",
    "promising": "{name}，您好！感谢您的光临。我们为您挑选了{product}，下次购物可享小额优惠。",
    "need_attention": "{name}，您好！距离您上次光临已经{days_since}天了。本月{product}会员价，"
                      "欢迎回来看看。",
    "about_to_sleep": "{name}，您好！已经{days_since}天没见到您了，我们很想念您！送您一张"
                      "{product}优惠券，两周内有效。",
    "at_risk": "{name}，您好！已经{days_since}天没见了，期待您再次光临。{product}为您准备了"
               "专属优惠。",
    "cant_lose": "{name}，您好！您曾是我们最好的顾客之一，我们很想念您。欢迎回来领取专属礼物，"
                 "也看看{product}。",
    "hibernating": "{name}，您好！好久不见！来看看{product}等新品吧，老朋友回店享受折扣。",
    "lost": "{name}，您好！已经{days_since}天没见到您了。如果您愿意回来，这是我们今年最大的"
            "优惠。",
    "important_value": "{name}，您好！感谢您一直以来的支持，您是我们最重要的顾客。{product}"
                       "上市您可优先选购，另有贵宾礼品。",
    "important_develop": "{name}，您好！感谢您最近的惠顾！欢迎再来选购{product}，会员享专属价。",
    "important_keep": "{name}，您好！已经{days_since}天没见到您了，我们很想念您！{product}"
                      "贵宾优惠欢迎您回来。",
    "important_retain": "{name}，您好！您对我们非常重要。已经{days_since}天没见了，下次光临"
                        "送您一份专属礼物。",
    "general_value": "{name}，您好！感谢您经常光顾。下次购物满额即送礼品，看看{product}吧？",
    "general_develop": "{name}，您好！感谢您最近的光临！下次购买{product}可享小额优惠。",
    "general_keep": "{name}，您好！已经{days_since}天没见到您了，回来看看{product}吧，"
                    "有小额优惠。",
    "general_retain": "{name}，您好！好久不见！店里上了新品，回店还有折扣。",
    GENERIC_KEY: "{name}，您好！感谢您的光临！我们为您挑选了{product}，下次购物可享专属优惠。",
}

DEFAULT_TEMPLATES: dict[str, dict[str, str]] = {"en": _EN, "zh": _ZH}

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def default_templates(language: str = "en") -> dict[str, str]:
    """Return a fresh, editable copy of the ready templates for `language` ("en" or "zh"),
    keyed by segment key plus "generic"."""
    return dict(DEFAULT_TEMPLATES[_language(language)])


def template_for(segment: str, language: str = "en",
                 templates: Mapping[str, str] | None = None) -> str:
    """Return the template for a segment key: the user's own if given, else the ready one, else the
    generic template (for cluster segments and unknown keys)."""
    lang = _language(language)
    if templates:
        if segment in templates:
            return templates[segment]
        if GENERIC_KEY in templates and segment not in DEFAULT_TEMPLATES[lang]:
            return templates[GENERIC_KEY]
    defaults = DEFAULT_TEMPLATES[lang]
    return defaults.get(segment, defaults[GENERIC_KEY])


def unknown_placeholders(template: str) -> list[str]:
    """Return the placeholder names in `template` that will not be filled in (for a warning)."""
    return [m for m in _PLACEHOLDER.findall(template) if m not in PLACEHOLDERS]


def render(template: str, values: Mapping[str, object], language: str = "en") -> str:
    """Return `template` with each known placeholder replaced by its value, or by a friendly
    fallback when the value is missing; unknown placeholders are left as written."""
    fallbacks = FALLBACKS[_language(language)]

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in PLACEHOLDERS:
            return match.group(0)
        return _text(values.get(key)) or fallbacks[key]

    return _PLACEHOLDER.sub(fill, template)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            return str(int(value))
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return ""
    except ImportError:  # pragma: no cover - pandas is a hard dependency
        pass
    return str(value).strip()


def _language(language: str) -> str:
    lang = (language or "en").lower()
    if lang.startswith("zh"):
        return "zh"
    if lang not in DEFAULT_TEMPLATES:
        return "en"
    return lang
