"""Placeholder figure extractor."""

from __future__ import annotations

from multipolar.records import ActorMention, Article, Event, Figure


def extract_figures(doc, article: Article, mentions: list[ActorMention], events: list[Event]) -> list[Figure]:
    """Return the figures (killed, displaced, ...) found in ``doc``."""
    return []
