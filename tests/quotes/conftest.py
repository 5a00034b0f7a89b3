"""Helpers for the quote-stage tests: run nlp -> actors -> quotes/figures on a text of our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from multipolar import nlp
from multipolar.actors import find_actors
from multipolar.quotes import extract_figures, extract_quotes
from multipolar.records import Article, Event, Figure, Quote, content_hash


def _article(text: str) -> Article:
    return Article(id="quote-test", text=text, content_hash=content_hash(text))


@pytest.fixture(scope="session")
def quotes_of() -> Callable[[str], list[Quote]]:
    """Return a function giving the quotes the stage extracts from a text."""

    def run(text: str) -> list[Quote]:
        article = _article(text)
        doc = nlp.parse_one(text)
        return extract_quotes(doc, article, find_actors(doc, article))

    return run


@pytest.fixture(scope="session")
def figures_of() -> Callable[..., list[Figure]]:
    """Return a function giving the figures the stage extracts from a text (optionally with events)."""

    def run(text: str, events: list[Event] | None = None) -> list[Figure]:
        article = _article(text)
        doc = nlp.parse_one(text)
        return extract_figures(doc, article, find_actors(doc, article), events or [])

    return run
