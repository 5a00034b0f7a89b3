"""The week phrases event dates answer without dateparser give dateparser's own answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import dateparser
import pytest

from multipolar.events.dates import WEEK_PHRASE_DAYS, _dateparser_fallback

# every weekday, month ends, a leap day, both sides of the year's turn and of daylight-saving
# changes, and the ends of the calendar (where both find no date)
BASES = [date(2023, 12, 25) + timedelta(days=n) for n in range(0, 14)] + [
    date(2024, 2, 29), date(2024, 3, 10), date(2024, 3, 31), date(2024, 11, 3), date(2025, 1, 1), date(1999, 12, 31),
    date(1, 1, 2), date(9999, 12, 30),
]


@pytest.mark.parametrize("phrase", sorted(WEEK_PHRASE_DAYS))
def test_week_phrase_as_dateparser(phrase):
    for base in BASES:
        parsed = dateparser.parse(
            phrase,
            languages=["en"],
            settings={"RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past"},
        )
        assert _dateparser_fallback(phrase, base) == (parsed.date().isoformat() if parsed else None), (phrase, base)

