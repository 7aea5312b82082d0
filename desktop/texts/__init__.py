"""One catalogue of the sentences the engine and the CLI show, one module per language.

The engine never writes a sentence for the user itself: it returns a `Message` (a stable code and its
parameters). The CLI renders it in its language (English), the app in the window's language, and a
program reading the JSON gets the code, the sentence and the parameters. Adding a language means
adding one module beside `en.py` and `zh.py` and naming it in LANGUAGES; no engine module changes.

JSON shape of a warning or note, the same for every command::

    {"code": "role_in_doubt", "message": "<sentence in the CLI's language>", "role": "amount", ...}

(the parameters follow `code` and `message`; they never use those two names). Parameters named
`role`, `model` or `mode` hold a term code that the sentence shows in its language (TERMS);
`{role_code}` (and so on) gives the code itself, e.g. for `--map {role_code}=COLUMN`. A parameter may
itself be a Message (a reason quoted in another sentence), shown in the sentence's language. A message with a
`file` parameter (and optionally `sheet`) can say {where} in its sentence: the file and sheet named in
the sentence's language (the catalogue's `where_file` / `where_sheet`). A list parameter is shown
joined by the language's `list_separator` (the JSON keeps the list).

Errors the user must fix use the same catalogue: `InputError("code", **params)` (desktop.engine.errors).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from collections.abc import Mapping

import importlib
import pkgutil
from types import ModuleType

from . import en, zh  # noqa: F401 - imported by name too, so that a frozen build bundles them

LANGUAGES: dict[str, Mapping[str, str]] = {}
TERMS: dict[str, Mapping[str, str]] = {}
# Words for things the engine names by key (a column heading, a set-aside reason, a kind of file), in
# groups: LABELS[language][group][key]. The engine keeps the keys; `label()` gives the words.
LABELS: dict[str, Mapping[str, Mapping[str, str]]] = {}
# Ready messages TO customers (a language without them uses English): per group key, the words of a
# missing value, and per list kind of this week's lists.
CUSTOMER_MESSAGES: dict[str, Mapping[str, str]] = {}
CUSTOMER_FALLBACKS: dict[str, Mapping[str, str]] = {}
LIST_MESSAGES: dict[str, Mapping[str, str]] = {}


def register(language: str, module: ModuleType) -> None:
    """Serve `language` from `module` (its MESSAGES, TERMS and LABELS). Every module of this package
    that has MESSAGES is registered under its own name, so a language is added by adding its module."""
    LANGUAGES[language] = module.MESSAGES
    TERMS[language] = getattr(module, "TERMS", {})
    LABELS[language] = getattr(module, "LABELS", {})
    for registry, name in ((CUSTOMER_MESSAGES, "CUSTOMER_MESSAGES"), (CUSTOMER_FALLBACKS, "CUSTOMER_FALLBACKS"),
                           (LIST_MESSAGES, "LIST_MESSAGES")):
        if hasattr(module, name):
            registry[language] = getattr(module, name)


for _info in pkgutil.iter_modules(__path__):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    if hasattr(_module, "MESSAGES"):
        register(_info.name, _module)
RESERVED = frozenset({"code", "message"})
# Parameters whose value is a term code (a column role, a suggestion model, an evaluation mode): the
# sentence shows the term in its language (TERMS), the JSON keeps the code.
TERM_PARAMS = frozenset({"role", "model", "mode"})
# Parameters whose value is a key of a LABELS group (the sentence shows the label, the JSON the key).
LABEL_PARAMS: dict[str, str] = {"file_kind": "file_kind", "reason": "set_aside", "separator": "separator",
                                 "tier_name": "tier", "figure": "figure"}


class _Blank(dict):
    """Missing parameters stay visible as {name} instead of failing (a catalogue typo must not crash)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Message:
    """A sentence for the user as a catalogue code plus parameters (plain JSON-able values)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        clash = RESERVED & set(self.params)
        if clash:
            raise ValueError(f"message parameters may not be named {sorted(clash)}")
        if self.code not in en.MESSAGES:
            raise KeyError(f"no catalogue entry for message code {self.code!r}")
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def text(self, language: str = "en") -> str:
        """The sentence in `language` (English when that language has no entry for the code)."""
        catalogue = LANGUAGES.get(language) or en.MESSAGES
        template = catalogue.get(self.code) or en.MESSAGES[self.code]
        terms = TERMS.get(language) or en.TERMS
        values = _Blank({k: (terms.get(v, en.TERMS.get(v, v)) if k in TERM_PARAMS and isinstance(v, str)
                             else _shown(v, language)) for k, v in self.params.items()})
        for k in LABEL_PARAMS.keys() & set(self.params):
            values[k] = label(LABEL_PARAMS[k], str(self.params[k]), language)
        for k in TERM_PARAMS & set(self.params):  # the code itself, for a sentence that names an option
            values[f"{k}_code"] = self.params[k]
        if "file" in self.params:
            values["where"] = where(str(self.params["file"]), str(self.params.get("sheet") or ""), language)
        return template.format_map(values)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """{code, message, **params}: the one JSON shape of warnings and notes."""
        return {"code": self.code, "message": self.text(language), **{k: _json(v) for k, v in self.params.items()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        """Rebuild a message from `to_dict`'s output (a saved project is untrusted: the code must be in
        the catalogue and every parameter a plain scalar or a short list of scalars)."""
        if not isinstance(data, Mapping) or not isinstance(data.get("code"), str):
            raise ValueError("a message needs a code")
        params = {}
        for key, value in data.items():
            if key in RESERVED:
                continue
            if not isinstance(key, str) or not _plain(value):
                raise ValueError(f"message parameter {key!r} is not a plain value")
            params[key] = value
        return cls(data["code"], params)

    def __str__(self) -> str:
        return self.text("en")

    def __reduce__(self):  # pickled back from child processes; MappingProxyType does not pickle
        return (type(self), (self.code, dict(self.params)))


def where(file: str, sheet: str = "", language: str = "en") -> str:
    """A file (and sheet) named for a sentence: the derived placeholder {where} of any message with a
    `file` parameter (and an optional `sheet`)."""
    catalogue = LANGUAGES.get(language) or en.MESSAGES
    template = catalogue.get("where_sheet" if sheet else "where_file") or en.MESSAGES["where_file"]
    return template.format(file=file, sheet=sheet)


def label(group: str, key: str, language: str = "en") -> str:
    """The words for `key` of a LABELS group in `language` (English when that language lacks it; the
    key itself, underscores as spaces, when no language has it)."""
    own = (LABELS.get(language) or en.LABELS).get(group, {})
    return own.get(key) or en.LABELS.get(group, {}).get(key) or key.replace("_", " ")


def labels(group: str, language: str = "en") -> dict[str, str]:
    """Every key of a LABELS group with its words in `language` (in the English catalogue's order)."""
    return {key: label(group, key, language) for key in en.LABELS.get(group, {})}


def join(items: Any, language: str = "en") -> str:
    """Items as one text, joined by the language's list_separator ("a, b" / "a、b")."""
    return str(_shown(list(items), language))


def message(code: str, **params: Any) -> Message:
    """Shorthand: message('role_in_doubt', role='amount', column='Freight')."""
    return Message(code, params)


def text(code: str, language: str = "en", **params: Any) -> str:
    """The sentence of `code` in `language`, for places that need only the text."""
    return Message(code, params).text(language)


def _plain(value: Any) -> bool:
    if value is None or isinstance(value, (bool, int, float)):
        return True
    if isinstance(value, str):
        return len(value) <= 10_000
    if isinstance(value, list):
        return len(value) <= 100 and all(v is None or isinstance(v, (bool, int, float, str)) for v in value)
    return False


def _shown(value: Any, language: str = "en") -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return "–"
    if isinstance(value, Message):  # a reason that is itself a message: its sentence, without the full stop
        return value.text(language).rstrip(".。")
    if isinstance(value, (list, tuple)):
        separator = (LANGUAGES.get(language) or en.MESSAGES).get("list_separator", ", ")
        return separator.join(str(_shown(v, language)) for v in value)
    return value


def _json(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Message):
        return _shown(value)
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return value.item()
    return value


# segments/explain.py: a rule's gender in words (men, women) is a key of the gender_people labels
LABEL_PARAMS["people"] = "gender_people"
