"""Actor stage: find the political actors of an article and resolve them with the knowledge base."""

from multipolar.actors.resolve import find_actors

__all__ = ["find_actors"]
