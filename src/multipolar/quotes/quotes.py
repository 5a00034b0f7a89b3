"""Placeholder quote extractor."""

from __future__ import annotations

from multipolar.records import ActorMention, Article, Quote


def extract_quotes(doc, article: Article, mentions: list[ActorMention]) -> list[Quote]:
    """Return the quotes found in ``doc``."""
    return []
