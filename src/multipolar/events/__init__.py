"""Event stage: code who did what to whom (placeholder until issue 6)."""

from multipolar.events.coder import code_events

__all__ = ["code_events"]
