"""The interface's words in the site's language: one message catalogue per
language (``locales/<language>.json``), used alike by the HTML Python writes
and by the browser runtime (``runtime.py`` puts the catalogue's part that a
script needs into that script).

A message is text with ``{name}`` placeholders, or, when it depends on a
number, an object of plural forms (``one``, ``other``, and ``few``, ``many``
where the language has them) chosen by the ``count`` placeholder under the
language's CLDR rules: Babel here, ``Intl.PluralRules`` in the browser.
Numbers show the language's decimal mark. English is the fallback: a
language without a catalogue builds in English, and a catalogue's missing
message falls back to the English one.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.plural import PluralRule

from .rules import format_points

LOCALES = Path(__file__).resolve().parent / "locales"
DEFAULT = "en"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PLURAL_FORMS = frozenset({"zero", "one", "two", "few", "many", "other"})

Message = str | Mapping[str, str]


def available() -> list[str]:
    """The languages the interface ships in."""
    return sorted(path.stem for path in LOCALES.glob("*.json"))


GRAMMAR = "@language"  # a catalogue's entry for its grammar, not a message


@functools.cache
def _shipped(language: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((LOCALES / f"{language}.json").read_text(encoding="utf-8"))
    return data


@functools.cache
def catalogue(language: str) -> dict[str, Message]:
    """A language's messages as shipped (no fallback)."""
    return {key: value for key, value in _shipped(language).items() if key != GRAMMAR}


@dataclass(frozen=True)
class Grammar:
    """What the interface needs of a language's grammar: which plural form a count takes, the decimal mark."""

    plural: PluralRule
    decimal: str


@functools.cache
def grammar(language: str) -> Grammar:
    """A shipped catalogue's ``@language``: {"plural": {form: CLDR rule}, "decimal": mark}."""
    stated = _shipped(language).get(GRAMMAR) or {}
    return Grammar(PluralRule(stated.get("plural") or {}), str(stated.get("decimal") or "."))


def base_language(language: str) -> str:
    """The catalogue a site language uses: 'de-CH' and 'de_AT' use 'de'; unknown ones English."""
    code = language.replace("_", "-").lower()
    if code in available():
        return code
    short = code.split("-")[0]
    return short if short in available() else DEFAULT


@dataclass(frozen=True)
class Messages:
    """The interface's words in one language: ``messages("quiz.points", count=2)`` -> "2 points"."""

    language: str
    messages: Mapping[str, Message]

    def __call__(self, key: str, **params: Any) -> str:
        message = self.messages[key]
        if not isinstance(message, str):
            form = self.plural_form(params["count"])
            message = message.get(form) or message["other"]
        pieces = _pieces(message)
        if len(pieces) == 1:
            return message
        said = list(pieces)
        for index in range(1, len(pieces), 2):  # the placeholders' names
            value = params.get(pieces[index])
            if value is None:
                said[index] = f"{{{pieces[index]}}}"
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                said[index] = self.number(value)
            else:
                said[index] = str(value)
        return "".join(said)

    def plural_form(self, count: float) -> str:
        return _plural_form(self.language, abs(count))

    def number(self, value: float) -> str:
        """Points and percentages as the interface shows them: up to two decimals, the language's decimal mark."""
        return _number(self.language, value)

    def percent(self, value: float) -> str:
        return self("quiz.percent", value=value)


@functools.cache
def _pieces(message: str) -> tuple[str, ...]:
    """A message's text and placeholders' names, alternately: "{count} points" -> ("", "count", " points")."""
    return tuple(_PLACEHOLDER.split(message))


# A build asks for the same few counts and points thousands of times; remembered, by language.
@functools.lru_cache(maxsize=4096)
def _plural_form(language: str, count: float) -> str:
    form: str = grammar(language).plural(count)
    return form


@functools.lru_cache(maxsize=4096)
def _number(language: str, value: float) -> str:
    return format_points(value).replace(".", grammar(language).decimal)


@functools.cache
def messages_for(language: str) -> Messages:
    """The catalogue for a site language, with English for any message it lacks."""
    chosen = base_language(language)
    merged = dict(catalogue(DEFAULT))
    if chosen != DEFAULT:
        merged.update(catalogue(chosen))
    return Messages(chosen, merged)


ENGLISH = messages_for(DEFAULT)


def needed_forms(language: str) -> set[str]:
    """The plural forms a count the interface shows (0 to 999) can take in ``language``; others fall back to
    'other' (French and Spanish 'many' is for round millions)."""
    rule = grammar(language).plural
    return {rule(count) for count in range(1000)} | {"other"}


def problems_of(language: str) -> list[str]:
    """What is wrong with a shipped catalogue: keys missing or unknown, placeholders or plural forms that
    differ from English's. Empty when the catalogue is complete."""
    english, other = catalogue(DEFAULT), catalogue(language)
    found = _grammar_problems(language)
    found += [f"'{key}' is missing" for key in english if key not in other]
    found += [f"'{key}' is not a message of the English catalogue" for key in other if key not in english]
    for key in english:
        if key not in other:
            continue
        mine, theirs = english[key], other[key]
        if isinstance(mine, str) != isinstance(theirs, str):
            found.append(f"'{key}' must be {'text' if isinstance(mine, str) else 'plural forms'}, as in English")
            continue
        wanted = set(_PLACEHOLDER.findall(json.dumps(mine)))
        given = set(_PLACEHOLDER.findall(json.dumps(theirs)))
        if given - wanted:
            found.append(f"'{key}' uses placeholders English does not: {sorted(given - wanted)}")
        if isinstance(theirs, Mapping):
            forms = set(theirs)
            needed = needed_forms(language)
            if forms - _PLURAL_FORMS:
                found.append(f"'{key}' has plural forms CLDR does not know: {sorted(forms - _PLURAL_FORMS)}")
            if needed - forms:
                found.append(f"'{key}' lacks the plural forms {sorted(needed - forms)} that {language} needs")
    return found


def _grammar_problems(language: str) -> list[str]:
    """``@language`` must state the plural rules and decimal mark that CLDR (Babel's data) gives."""
    from babel import Locale, UnknownLocaleError  # its locale data: only to check a catalogue

    stated = _shipped(language).get(GRAMMAR)
    try:
        cldr = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return [f"'{language}' is not a language CLDR knows: name the file by its code, as in theme.language"]
    wanted = {"plural": dict(cldr.plural_form.rules), "decimal": cldr.number_symbols["latn"]["decimal"]}
    if stated != wanted:
        return [f"'{GRAMMAR}' must be {json.dumps(wanted, ensure_ascii=False)}, as CLDR has it for {language}"]
    return []
