"""Event dates: resolve "last Friday", "on Wednesday", "yesterday", "as of November last year".

Relative expressions are resolved against the article date with plain calendar arithmetic (fast,
no parsing library on the common path); other date phrases fall back to ``dateparser`` with the
article date as its base. Results are ISO strings: ``yyyy-mm-dd`` for a day, ``yyyy-mm`` for a
month, ``yyyy`` for a year named alone ("in 2016"); ``None`` when the phrase names none of
them ("recent weeks", "the 1990s").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from multipolar.linguistics import WEEKDAYS, month_number, month_pattern

_MONTH_WORD = month_pattern("month")
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}(?:,?\s+(?P<year>\d{{4}}))?\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH_WORD}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b")
_MONTH_ONLY = re.compile(rf"\b{_MONTH_WORD}(?:\s+(?P<year>\d{{4}})|\s+(?P<rel>last|this|next)\s+year)?\b")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_YEAR_ONLY = re.compile(r"\b(?P<year>1[89]\d{2}|20\d{2})\b(?!s|')")
_ANY_MONTH = re.compile(rf"\b{_MONTH_WORD}(?:\s|$|,)")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, base: date) -> date | None:
    """Return the date with that month and day nearest before (or just after) ``base``."""
    this_year = _safe_date(base.year, month, day)
    if this_year is None:
        return None
    if this_year - base > timedelta(days=31):
        return _safe_date(base.year - 1, month, day)
    return this_year


def _weekday(text: str, base: date) -> date | None:
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", text):
            delta = (base.weekday() - index) % 7
            if re.search(r"\bnext\b", text):
                return base + timedelta(days=(index - base.weekday()) % 7 or 7)
            if re.search(r"\blast\b", text) and delta == 0:
                delta = 7
            return base - timedelta(days=delta)
    return None


@lru_cache(maxsize=4096)
def resolve_date(phrase: str, article_date: str | None) -> str | None:
    """Return the ISO date (``yyyy-mm-dd``, ``yyyy-mm`` or ``yyyy``) ``phrase`` names, seen from ``article_date``.

    A year named with no month ("in 2016", "since 2014") gives the year alone. ``None`` when
    there is no article date to count from (for relative phrases) or the phrase names no day,
    month or year.
    """
    text = " ".join(phrase.lower().split())
    iso = _ISO.search(text)
    if iso:
        found = _safe_date(int(iso["year"]), int(iso["month"]), int(iso["day"]))
        return found.isoformat() if found else None
    base = None
    if article_date:
        try:
            base = date.fromisoformat(article_date[:10])
        except ValueError:
            base = None
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.search(text)
        if match:
            month, day = month_number(match["month"]), int(match["day"])
            if match["year"]:
                found = _safe_date(int(match["year"]), month, day)
            elif base is not None:
                found = _infer_year(month, day, base)
            else:
                return None
            return found.isoformat() if found else None
    year_only = _YEAR_ONLY.search(text)
    if year_only and not _ANY_MONTH.search(text):
        return year_only["year"]  # a background event "in 2016": year precision
    if base is None:
        return None
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", text):
        return base.isoformat()
    if re.search(r"\b(yesterday|last night)\b", text):
        return (base - timedelta(days=1)).isoformat()
    if re.search(r"\bday before yesterday\b", text):
        return (base - timedelta(days=2)).isoformat()
    if re.search(r"\btomorrow\b", text):
        return (base + timedelta(days=1)).isoformat()
    weekday = _weekday(text, base)
    if weekday is not None:
        return weekday.isoformat()
    month_only = _MONTH_ONLY.search(text)
    if month_only:
        month = month_number(month_only["month"])
        if month_only["year"]:
            year = int(month_only["year"])
        elif month_only["rel"] == "last":
            year = base.year - 1
        elif month_only["rel"] == "next":
            year = base.year + 1
        else:
            year = base.year if month <= base.month else base.year - 1
        return f"{year:04d}-{month:02d}"
    if re.search(r"\blast month\b", text):
        first = base.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if re.search(r"\bthis month\b", text):
        return f"{base.year:04d}-{base.month:02d}"
    if re.search(r"\bnext month\b", text):
        following = base.replace(day=28) + timedelta(days=4)
        return f"{following.year:04d}-{following.month:02d}"
    return _dateparser_fallback(text, base)


_DATEPARSER_WORTHY = re.compile(r"\bago\b|\b(last|next|this|past) week\b|\bearlier this week\b")
# Whole phrases whose ``dateparser`` answer is a fixed number of days from the base date (None:
# it finds no date), whatever the base: answered without loading it (its first call compiles its
# time-zone and locale patterns, about 0.4 s a process). tests/events/test_week_phrases.py checks
# each against dateparser itself.
WEEK_PHRASE_DAYS: dict[str, int | None] = {
    "last week": -7, "the last week": -7, "this week": 0, "next week": 7,
    "earlier this week": None, "past week": None, "the past week": None,
}


def _dateparser_fallback(text: str, base: date) -> str | None:
    """Return what ``dateparser`` makes of phrases like "two days ago", or None."""
    if not _DATEPARSER_WORTHY.search(text) or re.fullmatch(r"\d{4}", text.strip()):
        return None
    if text in WEEK_PHRASE_DAYS:
        days = WEEK_PHRASE_DAYS[text]
        try:
            return None if days is None else (base + timedelta(days=days)).isoformat()
        except OverflowError:  # beyond the calendar: as dateparser's failure below
            return None
    from datetime import datetime

    import dateparser

    try:
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={"RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past"},
        )
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date().isoformat() if parsed else None
