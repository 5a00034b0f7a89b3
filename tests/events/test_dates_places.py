"""Event dates resolved against the article date, and places from the offline gazetteer."""

from __future__ import annotations

import pytest

from multipolar.events.dates import resolve_date
from multipolar.gazetteer import geolocate

ARTICLE = "2024-05-16"  # a Thursday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("last Friday", "2024-05-10"),
        ("Friday", "2024-05-10"),
        ("Wednesday", "2024-05-15"),
        ("last Thursday", "2024-05-09"),
        ("Thursday", "2024-05-16"),
        ("next Monday", "2024-05-20"),
        ("yesterday", "2024-05-15"),
        ("today", "2024-05-16"),
        ("November last year", "2023-11"),
        ("as of November last year", "2023-11"),
        ("March", "2024-03"),
        ("December", "2023-12"),
        ("last month", "2024-04"),
        ("next month", "2024-06"),
        ("September 29", "2023-09-29"),
        ("May 2", "2024-05-02"),
        ("2 May 2021", "2021-05-02"),
        ("June 30, 1989", "1989-06-30"),
        ("two days ago", "2024-05-14"),
        ("1983", "1983"),
        ("the 1990s", None),
        ("recent weeks", None),
    ],
)
def test_resolve_date(phrase, expected):
    assert resolve_date(phrase, ARTICLE) == expected


def test_relative_dates_need_an_article_date():
    assert resolve_date("last Friday", None) is None
    assert resolve_date("June 30, 1989", None) == "1989-06-30"


def test_geolocate_city_country_and_alternative_name():
    kharkiv = geolocate("Kharkiv")
    assert kharkiv.country == "UKR" and kharkiv.latitude == pytest.approx(49.98, abs=0.05)
    assert geolocate("Kharkov").country == "UKR"
    assert geolocate("the Philippines") is None or geolocate("Philippines").country == "PHL"
    assert geolocate("Ukraine").country == "UKR" and geolocate("Ukraine").kind == "country"
    assert geolocate("Tripoli").country == "LBY"  # the most populous city of that name
    assert geolocate("Nowhereville Xyz") is None
