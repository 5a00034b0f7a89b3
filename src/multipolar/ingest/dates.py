"""Publication dates: normalising metadata values and finding a dateline in the text.

Dates are returned as ISO ``YYYY-MM-DD`` strings. The text search only accepts full dates
(day, month and year) written out unambiguously: ``2024-05-16``, ``2024/05/16``,
``May 16, 2024``, ``16 May 2024``, ``Thursday 16th of May 2024``. Numeric day/month orders
(``05/06/2024``) are ambiguous and ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
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
# "KYIV, May 16, 2024 (Reuters) - ..." : a few capitalised words (the place), the date, an
# optional agency in brackets, then a dash or colon. A date inside a sentence ("On 24 February
# 2022, troops ...") is what the story is about, not when it was written.
_DATELINE = re.compile(
    r"\s*(?:[A-Z][\w.'’-]*,?\s+){0,4}(?P<date>(?i:"
    + DATE_PATTERN.pattern
    + r"))\s*(?:\([^)]{1,40}\)\s*)?[-–—:|]"
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


def date_in_header(header_lines: Iterable[str], first_paragraph: str | None) -> str | None:
    """Return the date of a byline line or of a dateline opening the first paragraph, or None.

    A dateline is a place, a date, an optional agency and a dash: ``BRASILIA, March 5, 2024 -``.
    """
    for line in header_lines:
        found = first_date(line)
        if found:
            return found
    if first_paragraph:
        match = _DATELINE.match(first_paragraph[:_DATELINE_CHARS])
        if match:
            return first_date(match.group("date"))
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
