"""Publication dates: normalising metadata values, byline dates and datelines in the text.

Dates are returned as ISO ``YYYY-MM-DD`` strings. The text search only accepts full dates
(day, month and year) written out unambiguously: ``2024-05-16``, ``2024/05/16``,
``May 16, 2024``, ``16 May 2024``, ``Thursday 16th of May 2024``. Numeric day/month orders
(``05/06/2024``) are ambiguous and ignored. ``find_dateline`` reads the dateline that opens a
wire story (``KYIV, Ukraine, May 3 (Reuters) -``) so that the extractor can take it out of the
body and keep its date and outlet; a dateline without the year gives no date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<{name}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ISO = r"(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?![\d/.-]*\d)"
_MONTH_FIRST = _MONTH.format(name="am") + r"\s+(?P<ad>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<ay>(?:19|20)\d{2})"
_DAY_FIRST = (
    r"(?P<bd>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH.format(name="bm")
    + r",?\s+(?P<by>(?:19|20)\d{2})"
)

DATE_PATTERN = re.compile(rf"\b(?:{_ISO}|{_MONTH_FIRST}|{_DAY_FIRST})\b", re.IGNORECASE)

_DATELINE_CHARS = 200
# A dateline opens the first paragraph of a wire story: the place (capitalised words, a region
# after a comma), the date (with or without the year), the outlet in brackets, then a dash:
# "KYIV, Ukraine, May 3 (Reuters) -", "BRUSSELS, October 28, 2024 (Northern Dispatch) -".
# Without a date the place must be in capitals (three letters or more): "GENEVA (Wireline) -",
# "SANTIAGO -".
# A date inside a sentence ("On 24 February 2022, troops ...") is what the story is about, not
# when it was written, so the words a sentence opens with are never a place.
_SENTENCE_OPENERS = (
    r"(?:On|In|At|By|As|Since|From|Until|Before|After|Last|This|Next|Early|Late|Earlier|Later)\b"
)
_PLACE_WORD = r"[A-Z][\w.'’-]*"
_PLACE = rf"(?!{_SENTENCE_OPENERS}){_PLACE_WORD}(?:\s+(?:(?:de|da|del|do|dos|du|la|le|al|el|of|upon|am|an|sur)\s+)?{_PLACE_WORD}){{0,3}}"
_CAPITALS_PLACE = r"[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]*){0,3}\b"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_YEARLESS = (
    _MONTH.format(name="cm")
    + r"\s+\d{1,2}(?:st|nd|rd|th)?(?![\d,])"
    + r"|\d{1,2}(?:st|nd|rd|th)?\s+"
    + _MONTH.format(name="dm")
    + r"(?![\w,])"
)
_OUTLET = r"\((?P<outlet>[A-Z][^()\n]{0,39})\)"
_DASH = r"(?:--?|[–—‒―])"
# without an outlet or a date, a hyphen only ends a dateline when spaced ("SANTIAGO - ...", not "UN-backed")
_SPACED_DASH = r"(?:\s+--?|\s*--|\s*[–—‒―])(?=\s)"
_DATED_DATELINE = re.compile(
    rf"\s*(?:(?P<place>{_PLACE})(?:,\s*{_PLACE})?,\s+)?(?i:{_WEEKDAY}(?P<date>{DATE_PATTERN.pattern}|{_YEARLESS}))"
    rf"\s*(?:{_OUTLET}\s*)?(?:{_DASH}|[:|])\s*"
)
_UNDATED_DATELINE = re.compile(
    rf"\s*(?P<place>{_CAPITALS_PLACE})(?:,\s*{_PLACE})?(?:\s*{_OUTLET}\s*{_DASH}|{_SPACED_DASH})\s*"
)
# Absolute dates only: "yesterday" in metadata says nothing about the day it was written.
_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "PARSERS": ["timestamp", "custom-formats", "absolute-time"]}
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def _build(year: str, month: str, day: str) -> str | None:
    """Return the ISO date for the parts, or None when they do not form a real date."""
    try:
        number = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
        value = dt.date(int(year), number, int(day))
    except (KeyError, ValueError):
        return None
    if not _MIN_YEAR <= value.year <= _MAX_YEAR:
        return None
    return value.isoformat()


def _from_match(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    if parts["iy"]:
        return _build(parts["iy"], parts["im"], parts["id"])
    if parts["ay"]:
        return _build(parts["ay"], parts["am"], parts["ad"])
    return _build(parts["by"], parts["bm"], parts["bd"])


def first_date(text: str) -> str | None:
    """Return the first full date written in ``text`` as ``YYYY-MM-DD``, or None."""
    for match in DATE_PATTERN.finditer(text):
        found = _from_match(match)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Dateline:
    """The dateline opening an article: where and when it was filed, and by which outlet.

    ``date`` is ISO ``YYYY-MM-DD`` when the dateline gives the year, else None; ``outlet`` is
    the name in brackets (``Reuters``), if any; ``length`` is how many characters of the
    paragraph the dateline (with its dash and the space after it) takes up.
    """

    place: str | None
    date: str | None
    outlet: str | None
    length: int


def find_dateline(paragraph: str) -> Dateline | None:
    """Return the ``Dateline`` that opens ``paragraph``, or None when it does not open with one."""
    head = paragraph[:_DATELINE_CHARS]
    match = _DATED_DATELINE.match(head) or _UNDATED_DATELINE.match(head)
    if match is None:
        return None
    parts = match.groupdict()
    date = first_date(parts["date"]) if parts.get("date") else None
    outlet = " ".join(parts["outlet"].split()) if parts["outlet"] else None
    return Dateline(place=parts["place"], date=date, outlet=outlet, length=match.end())


def date_in_header(header_lines: Iterable[str]) -> str | None:
    """Return the first full date written in the byline/date lines above an article, or None."""
    for line in header_lines:
        found = first_date(line)
        if found:
            return found
    return None


@lru_cache(maxsize=4096)
def normalise_date(value: str | None) -> str | None:
    """Return ``value`` (ISO, RFC 2822, or a written date) as ``YYYY-MM-DD``, or None if unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    iso = re.match(r"((?:19|20)\d{2})-(\d{2})-(\d{2})", value)
    if iso:
        return _build(*iso.groups())
    found = first_date(value)
    if found:
        return found
    import dateparser  # imported here: it takes a second to load and most inputs never need it

    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None or not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        return None
    return parsed.date().isoformat()
