"""Geolocation on place mentions written for this test: country context and kind of place decide.

The accuracy over ``data/place_mentions.tsv`` is asserted (and printed with ``-s``); the known
failure classes of the old gazetteer (a US state or a province read as a foreign town, a
person's name or a seat of government read as a town) have tests of their own.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from multipolar.gazetteer import context_countries, country_point, locate

DATA = Path(__file__).parent / "data" / "place_mentions.tsv"
MIN_ACCURACY = 0.95


def mentions() -> list[tuple[str, str, str]]:
    """Return (sentence, place, expected country or '-') rows of the test set."""
    lines = [line for line in DATA.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [(row["sentence"], row["place"], row["expected"]) for row in csv.DictReader(lines, delimiter="\t")]


def located(sentence: str, place: str) -> str:
    """Return the country found for ``place`` read in its sentence (the other country words are the context)."""
    assert place in sentence, place
    context = context_countries(sentence.replace(place, " "))
    found = locate(place, context)
    return found.country if found is not None and found.country else "-"


def test_the_set_is_large_and_varied():
    rows = mentions()
    assert len(rows) >= 100
    assert len({expected for _, _, expected in rows}) >= 50


def test_accuracy_on_our_place_mentions():
    rows = mentions()
    wrong = [(place, expected, located(sentence, place)) for sentence, place, expected in rows
             if located(sentence, place) != expected]
    accuracy = 1 - len(wrong) / len(rows)
    print(f"places: {len(rows) - len(wrong)}/{len(rows)} correct, accuracy {accuracy:.3f}; wrong: {wrong}")
    assert accuracy >= MIN_ACCURACY, wrong


@pytest.mark.parametrize(("name", "country"), [("Florida", "USA"), ("Bali", "IDN"), ("Virginia", "USA"),
                                               ("Arizona", "USA"), ("Texas", "USA"), ("Bavaria", "DEU")])
def test_regions_beat_foreign_towns_of_the_same_name(name, country):
    place = locate(name)
    assert place.country == country and place.kind == "region"


def test_persons_and_seats_of_government_are_not_foreign_towns():
    assert locate("Obama") is None
    assert locate("White House").country == "USA" and locate("the White House").kind == "seat"
    assert locate("the Kremlin").country == "RUS"


@pytest.mark.parametrize(("name", "context", "country"), [
    ("Georgia", (), "GEO"), ("Georgia", ("USA",), "USA"), ("Tripoli", (), "LBY"), ("Tripoli", ("LBN",), "LBN"),
    ("Punjab", ("IND",), "IND"), ("Punjab", ("PAK",), "PAK"), ("Alexandria", ("USA",), "USA"),
    ("Alexandria", (), "EGY"),
])
def test_the_article_countries_decide_ambiguous_names(name, context, country):
    assert locate(name, context).country == country


def test_an_ambiguous_region_without_context_is_not_guessed():
    assert locate("Punjab") is None


def test_countries_and_cities_have_coordinates():
    for name in ("Russia", "Kharkiv", "Ukraine", "Florida", "Kyiv"):
        place = locate(name)
        assert place.latitude is not None and place.longitude is not None, name
    latitude, longitude = country_point("USA")
    assert 25 < latitude < 50 and -125 < longitude < -65
    assert locate("Kharkiv").latitude == pytest.approx(49.98, abs=0.05)
