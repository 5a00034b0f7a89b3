"""Names, not silence: turn what a visitor typed into a known actor code, PLOVER type or dyad, or a 404 with close matches.

An actor may be given by code ("RUS", "rus"), by name, alias or adjective ("Russia", "the
Russian Federation", "Russian": the analysis resolver, ``multipolar.analysis.names``), or by a
code with a country prefix ("RUSGOV": analyses group actors by country, so RUS). Pages redirect
to the resolved code, so the address shows the resolution. Unknown ones get a 404 whose detail
lists the closest codes present in the database, with their names.
"""

from __future__ import annotations

import difflib
from typing import Any

from fastapi import HTTPException

from multipolar.analysis import names as analysis_names
from multipolar.analysis.base import actor_key
from multipolar.errors import MultipolarError
from multipolar.web.data import Database

#: How many close matches a 404 lists.
MATCHES = 6


def known_actors(db: Database) -> dict[str, str]:
    """Return every actor key that appears in an event (country, else organisation code) with its name (cached)."""

    def compute() -> dict[str, str]:
        frame = db.frame(
            f"""SELECT DISTINCT key FROM (
                  SELECT {actor_key('source')} AS key FROM events UNION ALL SELECT {actor_key('target')} FROM events)
                WHERE key IS NOT NULL"""
        )
        names = db.actor_names()
        return {code: names.get(code, "") for code in sorted(frame["key"])}

    return db.cached("known_actors", compute)


def close_actors(db: Database, text: str) -> list[dict[str, str]]:
    """Return up to :data:`MATCHES` known actors close to ``text`` by code, code prefix or name."""
    known = known_actors(db)
    upper, lower = text.upper(), text.lower()
    found: list[str] = []
    if len(upper) > 3 and upper[:3] in known:  # a CAMEO code with a country prefix, e.g. RUSGOV
        found.append(upper[:3])
    by_name = {name.lower(): code for code, name in known.items() if name}
    found += [by_name[n] for n in difflib.get_close_matches(lower, list(by_name), n=MATCHES, cutoff=0.6)]
    found += difflib.get_close_matches(upper, list(known), n=MATCHES, cutoff=0.5)
    found += [code for name, code in by_name.items() if lower in name and len(lower) >= 3]
    unique = list(dict.fromkeys(found))[:MATCHES]
    return [{"code": code, "name": known[code]} for code in unique]


def resolve_actor(db: Database, text: str) -> str:
    """Return the known actor key for ``text`` (a code in any case, or an exact name); 404 with close matches if none."""
    known = known_actors(db)
    upper = text.upper()
    if upper in known:
        return upper
    exact = [code for code, name in known.items() if name and name.lower() == text.lower()]
    if exact:
        return exact[0]
    try:  # names, aliases, adjectives and country-prefixed codes the knowledge base knows (the analysis resolver)
        code = analysis_names.resolve_actor(text, tuple(known)).code
    except MultipolarError:
        code = None
    if code in known:
        return code
    raise not_found(f"unknown actor {text!r}", close_actors(db, text), "/actors/")


def resolve_dyad(db: Database, actor: str, partner: str) -> tuple[str, str]:
    """Return the two known actor keys of a dyad that has events; 404 with close matches otherwise."""
    first, second = resolve_actor(db, actor), resolve_actor(db, partner)
    partners = db.cached("partners_of", lambda: _partners(db, first), first)
    if second not in partners:
        matches = [{"code": f"{first}/{code}", "name": known_actors(db).get(code, "")}
                   for code in difflib.get_close_matches(second, partners, n=MATCHES, cutoff=0.3)]
        raise not_found(f"no events between {first} and {second}", matches, "/dyads/")
    return first, second


def _partners(db: Database, code: str) -> list[str]:
    src, tgt = actor_key("source"), actor_key("target")
    frame = db.frame(
        f"""SELECT DISTINCT CASE WHEN {src} = ? THEN {tgt} ELSE {src} END AS other FROM events
            WHERE ({src} = ? OR {tgt} = ?) AND {src} IS NOT NULL AND {tgt} IS NOT NULL""",
        [code, code, code],
    )
    return sorted(x for x in frame["other"] if x and x != code)


def resolve_type(db: Database, plover: str) -> str:
    """Return the PLOVER type ``plover`` (any case) when events have it; 404 with close matches otherwise."""
    types = db.plover_types()
    upper = plover.upper()
    if upper in types:
        return upper
    matches = difflib.get_close_matches(upper, types, n=MATCHES, cutoff=0.4) or types  # few types: list them all
    raise not_found(f"unknown event type {plover!r}", [{"code": t, "name": ""} for t in matches], "/events?plover=")


def not_found(message: str, matches: list[dict[str, str]], link: str) -> HTTPException:
    """Return a 404 whose detail carries ``message`` and the close ``matches`` (each with its link)."""
    detail: dict[str, Any] = {
        "message": message + (f"; close matches: {', '.join(m['code'] for m in matches)}" if matches else "; no close match"),
        "matches": [{**m, "href": link + m["code"]} for m in matches],
    }
    return HTTPException(status_code=404, detail=detail)


def known_codes(db: Database) -> frozenset[str]:
    """Return every full actor code written on an event side, e.g. RUSGOV (cached)."""

    def compute() -> frozenset[str]:
        frame = db.frame("SELECT DISTINCT source_code AS c FROM events UNION SELECT DISTINCT target_code FROM events")
        return frozenset(c for c in frame["c"] if c)

    return db.cached("known_codes", compute)


def resolve_filter_actor(db: Database, text: str) -> str:
    """Return the code an event search filters on: an actor key, a full code on an event side, or a name's code.

    Raises a 404 with close matches when ``text`` is none of these.
    """
    upper = text.upper()
    if upper in known_actors(db) or upper in known_codes(db):
        return upper
    return resolve_actor(db, text)
