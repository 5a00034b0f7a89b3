"""What an actor rule decides: one mention to record, with what the resolver must remember."""

from __future__ import annotations

from dataclasses import dataclass

from multipolar.actors.describe import Description


@dataclass(frozen=True)
class Resolution:
    """A mention a rule resolved: its span, code, country, sector and kind.

    ``description`` (if any) is marked as used once the mention is recorded; ``remember`` says
    whether later references may point back to it (``"person"``) or whether it is a place where
    things happen (``"place"``); ``detail`` is added to the rule name after a "+" (the knowledge
    base's dated-role rule of a known person).
    """

    start: int
    end: int
    code: str | None
    country: str | None
    sector: str | None
    kind: str
    name: str | None = None
    role: str | None = None
    entity_id: str | None = None
    resolved: bool = True
    description: Description | None = None
    remember: str | None = None
    detail: str | None = None
