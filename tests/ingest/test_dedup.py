"""Deduplicator: exact duplicates refused, near-duplicates (same wire story) marked."""

from __future__ import annotations

import dataclasses

import pytest

from multipolar.ingest import Deduplicator, document_from_string, extract_article
from multipolar.records import Article, IngestError

WIRE = [
    "Health ministers from twelve countries agreed on Thursday to pool their purchases of vaccines and antiviral drugs, hoping to cut prices and shorten delivery times during future outbreaks.",
    "The agreement, reached after two days of talks in Nairobi, creates a joint buying office that will negotiate with manufacturers on behalf of all members.",
    "Delegates said the office would begin work next year with a modest budget and a staff drawn from the national health agencies of the participating states.",
    "Critics warned that smaller members could lose influence over which products are bought, while supporters argued that shared contracts would protect them from shortages.",
]


def _article(title: str, paragraphs: list[str], origin: str) -> Article:
    article = extract_article(document_from_string("\n\n".join([title, *paragraphs]), origin=origin))
    assert isinstance(article, Article)
    return article


def test_exact_duplicate_is_e109_naming_the_first() -> None:
    dedup = Deduplicator()
    first = _article("Ministers Agree To Pool Vaccine Purchases", WIRE, "a.txt")
    again = _article("Ministers Agree To Pool Vaccine Purchases", WIRE, "b.txt")
    assert dedup.check(first) is first
    error = dedup.check(again)
    assert isinstance(error, IngestError) and error.code == "E109"
    assert error.origin == "b.txt" and first.id in error.reason


def test_seen_articles_from_the_store_count() -> None:
    dedup = Deduplicator()
    article = _article("Ministers Agree To Pool Vaccine Purchases", WIRE, "a.txt")
    dedup.seen(article.content_hash, "stored-42")
    error = dedup.check(article)
    assert isinstance(error, IngestError) and "stored-42" in error.reason


def test_same_wire_story_with_new_headline_and_moved_sentence_is_near_duplicate() -> None:
    dedup = Deduplicator()
    original = _article("Ministers Agree To Pool Vaccine Purchases", WIRE, "site-one.html")
    reordered = [WIRE[0], WIRE[2], WIRE[1], WIRE[3]]
    reordered[3] = reordered[3].replace("Critics warned", "Some critics warned")
    copy = _article("Twelve Nations Form Joint Drug-Buying Office", reordered, "site-two.html")
    assert copy.content_hash != original.content_hash
    assert dedup.check(original).near_duplicate_of is None
    marked = dedup.check(copy)
    assert isinstance(marked, Article) and marked.near_duplicate_of == original.id
    third = dataclasses.replace(copy, id="third", content_hash="h3", text=copy.text + " Talks resume in May.")
    assert dedup.check(third).near_duplicate_of == original.id


def test_different_stories_are_not_near_duplicates() -> None:
    dedup = Deduplicator()
    first = _article("Ministers Agree To Pool Vaccine Purchases", WIRE, "a.txt")
    other_story = [
        "Farmers blocked roads into the capital for a third day on Friday, protesting against a planned cut in diesel subsidies that they say will ruin small producers.",
        "Police cleared one of the main junctions overnight, but tractors returned in the morning and traffic stayed at a standstill until the early afternoon.",
        "The agriculture minister invited union leaders to talks next week and said the government was ready to phase the cut in over several years.",
    ]
    second = _article("Farmers Block Roads Over Fuel Subsidy Cut", other_story, "b.txt")
    assert dedup.check(first).near_duplicate_of is None
    assert dedup.check(second).near_duplicate_of is None


def test_short_articles_skip_near_duplicate_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MULTIPOLAR_MIN_WORDS", "500")
    dedup = Deduplicator()
    first = _article("Ministers Agree To Pool Vaccine Purchases", WIRE, "a.txt")
    second = _article("Twelve Nations Form Joint Drug-Buying Office", [WIRE[1], WIRE[0], *WIRE[2:]], "b.txt")
    assert dedup.check(first).near_duplicate_of is None
    assert dedup.check(second).near_duplicate_of is None


def test_threshold_comes_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MULTIPOLAR_NEAR_DUPLICATE_THRESHOLD", "0.55")
    assert Deduplicator().threshold == pytest.approx(0.55)
    assert Deduplicator(threshold=0.9).threshold == pytest.approx(0.9)
