"""Importer for PETRARCH verb dictionaries (the ``CAMEO.verbpatterns`` format).

The format, as PETRARCH reads it::

    --- AGREE [030] ---          a verb group and its default code ("[---]": none)
    AGREE {AGREED AGREES}        a verb, with its inflected forms in braces
    CALL_ON                      a multi-word verb joined by underscores
    - * TO HELP [0331]           a pattern: * is the verb, $ the source, + the target,
    - $ * + [030]                % a compound actor, and the words the verb takes
    - * AGREEMENT WITH + [057]   words after * give a light-verb object or a preposition

This importer keeps what the multipolar coder can use: the verbs (with the group's code), patterns
whose first word after ``*`` is a noun object (light-verb constructions) and patterns whose first
word is a preposition followed by ``+`` (phrasal verbs introducing the target). Patterns with
synsets (``&``), skips (``^``), alternatives (``{ }``, ``( )``) or no words are left out and
counted. Each imported pattern's rule name starts with the dictionary's file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from multipolar.errors import Errors, MultipolarError

_GROUP_RE = re.compile(r"^-{3}\s*(?P<name>[^\[]*?)\s*\[(?P<code>[^\]]*)\]\s*-{3}\s*$")
_PATTERN_RE = re.compile(r"^-\s+(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*(?:#.*)?$")
_CODE_RE = re.compile(r"^\d{2,4}$")
_PREPOSITIONS = frozenset(
    ["to", "with", "against", "on", "for", "at", "into", "from", "in", "over", "about", "toward", "towards", "between", "by", "of", "upon"]
)
_COMPLEX_MARKS = ("&", "^", "{", "}", "(", ")", "|")


@dataclass
class ImportReport:
    """What an import kept and skipped."""

    verbs: int = 0
    light: int = 0
    phrasal: int = 0
    skipped: list[str] = field(default_factory=list)


def _code(raw: str) -> str | None:
    """Return the CAMEO code in a ``[...]`` field, or None for ``---`` and actor-only codes."""
    text = raw.strip().split(":")[0].strip()
    return text if _CODE_RE.match(text) else None


def parse_verb_patterns(text: str, origin: str = "petrarch") -> tuple[list[dict[str, Any]], ImportReport]:
    """Return (lexicon entries, report) read from the text of a PETRARCH verb dictionary.

    Raises ``MultipolarError`` (E301) on a pattern line before any verb group.
    """
    report = ImportReport()
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    group_verb: str | None = None  # patterns belong to the group's first verb
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.split("#", 1)[0].rstrip() if not raw_line.lstrip().startswith("-") else raw_line.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("~~"):
            continue
        group = _GROUP_RE.match(stripped)
        if group:
            current = {"cameo": _code(group.group("code")), "origin": origin, "verbs": [], "phrasal": []}
            entries.append(current)
            group_verb = None
            continue
        if stripped.startswith("-"):
            if current is None:
                raise MultipolarError(Errors.E301.format(path=origin, line=number, detail="pattern before any verb group"))
            pattern = _PATTERN_RE.match(stripped)
            if not pattern:
                report.skipped.append(f"{number}: {stripped}")
                continue
            code = _code(pattern.group("code")) or current["cameo"]
            entry = _pattern_entry(pattern.group("body"), code, group_verb, origin)
            if entry is None:
                report.skipped.append(f"{number}: {stripped}")
                continue
            entries.append(entry)
            if "light" in entry:
                report.light += 1
            else:
                report.phrasal += 1
            continue
        if current is None or stripped.startswith(("+", "&", "=")):
            report.skipped.append(f"{number}: {stripped}")
            continue
        verb = stripped.split("{", 1)[0].strip().lower()
        if not verb or not re.match(r"^[a-z][a-z_\-']*$", verb):
            report.skipped.append(f"{number}: {stripped}")
            continue
        verb = verb.replace("_", " ")
        group_verb = group_verb or verb
        if len(verb.split()) > 1:
            current["phrasal"].append(verb)
        else:
            current["verbs"].append(verb)
        report.verbs += 1
    usable = [e for e in entries if e.get("cameo") and (e.get("verbs") or e.get("phrasal") or e.get("light"))]
    return usable, report


def _pattern_entry(body: str, code: str | None, verb: str | None, origin: str) -> dict[str, Any] | None:
    """Return the entry for one simple pattern line, or None when it is not simple."""
    if code is None or verb is None or any(mark in body for mark in _COMPLEX_MARKS):
        return None
    tokens = body.split()
    if "*" not in tokens:
        return None
    after = [t.lower() for t in tokens[tokens.index("*") + 1 :] if t not in ("$", "%")]
    words = [t for t in after if t != "+"]
    if not words:
        return None
    head = verb.split()[0]
    first = words[0].replace("_", " ")
    if first in _PREPOSITIONS:
        if after[1:2] != ["+"]:
            return None
        return {"cameo": code, "origin": origin, "phrasal": [f"{head} {first}"], "target_preps": [first]}
    if not re.match(r"^[a-z][a-z\-]*$", first):
        return None
    preps = [w for w in words[1:2] if w in _PREPOSITIONS]
    entry: dict[str, Any] = {"cameo": code, "origin": origin, "light": {head: [first]}}
    if preps:
        entry["target_preps"] = preps
    return entry


def import_verb_patterns(path: str | Path) -> list[dict[str, Any]]:
    """Return the lexicon entries of the PETRARCH verb dictionary at ``path`` (E301 if unreadable)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise MultipolarError(Errors.E301.format(path=path, line=0, detail=exc)) from exc
    entries, _ = parse_verb_patterns(text, origin=path.name)
    return entries
