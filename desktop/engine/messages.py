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

from desktop import texts

PLACEHOLDERS: tuple[str, ...] = ("name", "segment", "product", "days_since")

GENERIC_KEY = "generic"
"""Template key used for segments without their own template (e.g. data-driven clusters)."""

# The ready templates and the fallbacks (used when the customer's value is missing, so a message never
# reads "Hi ,") are the catalogue's, one module per language (desktop/texts: CUSTOMER_MESSAGES,
# CUSTOMER_FALLBACKS).
LANGUAGES: tuple[str, ...] = tuple(lang for lang in texts.CUSTOMER_MESSAGES)
FALLBACKS: dict[str, Mapping[str, str]] = dict(texts.CUSTOMER_FALLBACKS)
DEFAULT_TEMPLATES: dict[str, Mapping[str, str]] = dict(texts.CUSTOMER_MESSAGES)

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
