"""Placeholder event coder; replaced by the dependency-rule coder."""

from __future__ import annotations

from multipolar.records import ActorMention, Article, Event


def code_events(doc, article: Article, mentions: list[ActorMention]) -> list[Event]:
    """Return the events coded in ``doc``."""
    return []
