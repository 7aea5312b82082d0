"""The words of segments, from the message catalogue (desktop/texts), in the shapes the results carry.

Segment names, profiles, rules and factor sentences are rendered from catalogue codes and LABELS
groups; this module holds no words of its own. Results keep the per-language fields they have always
had in the CLI's JSON, the customer table and the exports (`name` / `name_zh`, `rule` / `rule_zh` …):
`FIELD_LANGUAGES` names the language of each such field once, and `fields` fills them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from desktop import texts

# The languages of a result's per-language fields: "" is the plain field (name), "_zh" its Chinese one.
FIELD_LANGUAGES: dict[str, str] = {"": "en", "_zh": "zh"}

Render = Callable[[str], str]


def pair(render: Render) -> tuple[str, str]:
    """(English, Chinese) of `render(language)`: a name as the results' name tuples hold it (in the
    languages of FIELD_LANGUAGES)."""
    first, second = FIELD_LANGUAGES.values()
    return render(first), render(second)


def fields(name: str, render: Render) -> dict[str, str]:
    """{name: English, name_zh: Chinese}: a result's per-language fields of one text."""
    return {name + suffix: render(language) for suffix, language in FIELD_LANGUAGES.items()}


def pair_params(name: str, value: tuple[str, str]) -> dict[str, str]:
    """Message parameters of a name held per language (a segment's own name, which the owner may
    rename in each language): {name: English, name_zh: Chinese}, as the catalogue's `{name_zh}`
    placeholders and the JSON's `name_zh` fields read them."""
    return {name + suffix: value[i] for i, suffix in enumerate(FIELD_LANGUAGES)}


def held(value: tuple[str, str]) -> Render:
    """A name held per language (a segment's own name, which the owner may rename in each
    language): its text in a language, English where it has none."""
    def render(language: str) -> str:
        languages = list(FIELD_LANGUAGES.values())
        return value[languages.index(language)] if language in languages else value[0]
    return render


def label(group: str, key: str) -> Render:
    """A LABELS entry, to render in any language."""
    return lambda language: texts.label(group, key, language)


def text(code: str, **params: Any) -> Render:
    """A catalogue sentence (parameters may themselves be renderers), to render in any language."""
    return lambda language: texts.text(code, language, **{k: (v(language) if callable(v) else v)
                                                           for k, v in params.items()})


def joined(parts: Iterable[Render], joiner: str) -> Render:
    """Parts joined by a LABELS `joiner` ("and", "comma", "semicolon") or, for "list", the
    language's list separator."""
    parts = list(parts)

    def render(language: str) -> str:
        shown = [p(language) for p in parts]
        if joiner == "list":
            return texts.join(shown, language)
        return texts.label("joiner", joiner, language).join(shown)
    return render


def folded(parts: Iterable[Render], code: str) -> Render:
    """Parts put together two at a time by a catalogue template with {first} and {second} (e.g.
    "two_sentences": a space between English sentences, none between Chinese ones)."""
    parts = list(parts)

    def render(language: str) -> str:
        out = parts[0](language) if parts else ""
        for p in parts[1:]:
            out = texts.text(code, language, first=out, second=p(language))
        return out
    return render


def words(render: Render, template_code: str) -> Render:
    """A name put together by the catalogue's `template_code` from slots of which some are empty: in a
    language whose template writes words apart ("{status} {noun}"), single spaces and a capital first
    letter; in one that writes them together, the text as it is."""
    def tidy(language: str) -> str:
        shown = render(language)
        template = (texts.LANGUAGES.get(language) or texts.LANGUAGES["en"]).get(template_code, "")
        if "} {" not in template:
            return shown
        shown = " ".join(shown.split())
        return shown[:1].upper() + shown[1:]
    return tidy


def plain(value: str) -> Render:
    """A text that is the same in every language (a category or city as the file writes it)."""
    return lambda language: value


_LATIN_END = re.compile(r"[A-Za-z0-9%]$")


def spaced_before(template_code: str, placeholder: str, value: str, language: str) -> str:
    """`value` with a space added when it ends in a Latin letter, digit or % and the catalogue's
    template goes on with a character of another script right after {placeholder} (a Chinese
    character after "66%" follows a space), as mixed-script typesetting wants."""
    template = (texts.LANGUAGES.get(language) or texts.LANGUAGES["en"]).get(template_code, "")
    marker = "{" + placeholder + "}"
    at = template.find(marker)
    following = template[at + len(marker):at + len(marker) + 1] if at >= 0 else ""
    if value and _LATIN_END.search(value) and following and not following.isascii():
        return value + " "
    return value
