"""Assertion helpers shared by the quote-stage tests."""

from __future__ import annotations

from multipolar.records import Quote


def speaker_words(quote: Quote) -> str:
    """Return the speaker's text and resolved name joined, lowercased ('' without a speaker)."""
    if quote.speaker is None:
        return ""
    return f"{quote.speaker.text} | {quote.speaker.name or ''}".lower()


def find_quote(quotes: list[Quote], fragment: str) -> Quote:
    """Return the one quote whose text contains ``fragment``; fail the test otherwise."""
    matching = [q for q in quotes if fragment in q.text]
    assert len(matching) == 1, f"expected one quote containing {fragment!r}, got {[q.text for q in quotes]}"
    return matching[0]
