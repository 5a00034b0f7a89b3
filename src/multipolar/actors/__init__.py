"""Actor stage: find and resolve political actors in an article (placeholder until issue 3)."""

from multipolar.actors.resolve import find_actors

__all__ = ["find_actors"]
