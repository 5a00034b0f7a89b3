"""What the ontology says about a CAMEO code: PLOVER type, mode, context and Goldstein score."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class CodeInfo:
    """The ontology's view of one CAMEO code (``plover`` is None for codes PLOVER drops)."""

    plover: str | None
    mode: str | None
    context: str | None
    goldstein: float | None


@lru_cache(maxsize=1024)
def describe(code: str) -> CodeInfo:
    """Return the PLOVER type, mode, context and Goldstein score of CAMEO ``code`` (all None if unknown)."""
    from multipolar import ontology

    try:
        plover, mode, context = ontology.to_plover(code)
        score = ontology.goldstein(code)
    except (KeyError, ValueError):
        return CodeInfo(plover=None, mode=None, context=None, goldstein=None)
    return CodeInfo(plover=plover or None, mode=mode or None, context=context or None, goldstein=score)
