"""A dateline is never a speaker, and "according to X, Y and Z <verb>" gives X alone: sentences of our own."""

from __future__ import annotations

import pytest
from quote_helpers import find_quote, speaker_words

from multipolar.linguistics import dateline_spans


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("OSLO, March 3, 2025 (Harbour Wire) – The minister spoke.", "OSLO, March 3, 2025 (Harbour Wire) –"),
        ("Intro line.\nNAIROBI, Kenya, June 9 (Field Desk) - Talks began.", "NAIROBI, Kenya, June 9 (Field Desk) -"),
        ("LIMA (Andes Post) — Voting closed.", "LIMA (Andes Post) —"),
        ("QUITO – Voting closed.", "QUITO –"),
    ],
)
def test_datelines_are_found_at_paragraph_starts(text, dateline):
    assert [text[lo:hi] for lo, hi in dateline_spans(text)] == [dateline]


@pytest.mark.parametrize("text", ["NATO said so.", "EU-China talks resumed.", "The UN (in Geneva) said so."])
def test_capitals_that_are_not_datelines(text):
    assert dateline_spans(text) == []


def test_dateline_before_a_reported_clause_is_not_the_speaker(quotes_of):
    text = (
        "OSLO, March 3, 2025 (Harbour Wire) – Foreign Minister Ingrid Dahl said on Monday that the fishing "
        "accord would be renewed for five years."
    )
    quote = find_quote(quotes_of(text), "the fishing accord would be renewed")
    assert "ingrid dahl" in speaker_words(quote)
    assert "oslo" not in speaker_words(quote) and "harbour wire" not in speaker_words(quote)


def test_dateline_before_a_partial_quote_is_not_the_speaker(quotes_of):
    text = (
        "LIMA, May 2, 2025 (Andes Post) – Andean ministers on Friday promised a \"common border regime\" "
        "for the region."
    )
    for quote in quotes_of(text):
        assert quote.speaker is None or "lima" not in quote.speaker.text.lower()
        assert quote.speaker is None or "andes post" not in quote.speaker.text.lower()


def test_according_to_a_person_before_a_coordinated_subject(quotes_of):
    text = "According to Lula, Brazil and Argentina jointly defend a fairer trading system."
    quote = find_quote(quotes_of(text), "jointly defend")
    assert quote.speaker is not None and quote.speaker.text == "Lula"
    assert quote.text.startswith("Brazil and Argentina jointly defend")


def test_according_to_a_list_of_sources_stays_a_list(quotes_of):
    text = "According to Kenya, Uganda and Tanzania, the railway will open next year."
    quote = find_quote(quotes_of(text), "the railway will open")
    assert quote.speaker is not None and quote.speaker.text == "Kenya, Uganda and Tanzania"
