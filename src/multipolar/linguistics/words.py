"""Closed word classes shared by every stage: months, weekdays, place nouns, pronouns.

The lists live in ``words.yaml`` next to this module and are loaded once at import. Stages
import the constants below instead of keeping their own copies, so "the town of X" is a place
for the actor stage exactly when it is one for the event stage.
"""

from __future__ import annotations

from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("words.yaml")


def _load() -> dict[str, list[str]]:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    for key, values in data.items():
        if not isinstance(values, list) or not all(isinstance(v, str) and v == v.lower() for v in values):
            raise ValueError(f"{_DATA.name}: {key} must be a list of lower-case words")
    if len(data["months"]) != 12 or len(data["weekdays"]) != 7:
        raise ValueError(f"{_DATA.name}: months must have 12 names and weekdays 7")
    return data


def plural(noun: str) -> str:
    """Return the regular English plural of ``noun`` ("city" -> "cities", "town" -> "towns")."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


_WORDS = _load()

#: Month names in calendar order, lower case.
MONTHS: tuple[str, ...] = tuple(_WORDS["months"])
#: Weekday names from Monday, lower case.
WEEKDAYS: tuple[str, ...] = tuple(_WORDS["weekdays"])
#: Month number by full name and by abbreviation ("jan", "sept"), lower case, no dot.
MONTH_NUMBERS: dict[str, int] = {
    **{name: i + 1 for i, name in enumerate(MONTHS)},
    **{name[:3]: i + 1 for i, name in enumerate(MONTHS)},
    "sept": 9,
}
#: Every month word (names and abbreviations) as a set, for token tests ("issued in March").
MONTH_WORDS: frozenset[str] = frozenset(MONTH_NUMBERS)
#: Settlement and area nouns, singular and plural ("town", "towns", "territories").
PLACE_NOUNS: frozenset[str] = frozenset(_WORDS["place_nouns"]) | frozenset(plural(w) for w in _WORDS["place_nouns"])
#: Nouns that, after a country word, name where something happens ("Russian soil").
SETTING_NOUNS: frozenset[str] = frozenset(_WORDS["setting_nouns"])
#: Personal and possessive pronouns standing for an actor named elsewhere.
PRONOUNS: frozenset[str] = frozenset(_WORDS["pronouns"])
#: First-person pronouns ("we", "our"): the speaker's side.
FIRST_PERSON: frozenset[str] = frozenset(_WORDS["first_person"])
#: Relative pronouns opening a relative clause.
RELATIVE_PRONOUNS: frozenset[str] = frozenset(_WORDS["relative_pronouns"])


_MONTH_ALTERNATIVES = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)


def month_pattern(group: str = "month") -> str:
    """Return a regular expression (no flags) matching a month name or abbreviation as ``group``.

    It matches "January", "Jan", "Jan.", "Sept." in any case when compiled with IGNORECASE, and
    lower case otherwise; the trailing dot is outside the group.
    """
    return rf"(?P<{group}>{_MONTH_ALTERNATIVES})\.?"


def is_month(word: str) -> bool:
    """Return True when ``word`` is a month name or abbreviation ("March", "sept.")."""
    return word.lower().rstrip(".") in MONTH_WORDS


def month_number(word: str) -> int:
    """Return the number (1-12) of a month name or abbreviation; KeyError if it is none."""
    return MONTH_NUMBERS[word.lower().rstrip(".")[:3]]


def is_place_noun(word: str) -> bool:
    """Return True when ``word`` names a settlement or area ("town", "provinces")."""
    return word.lower() in PLACE_NOUNS
