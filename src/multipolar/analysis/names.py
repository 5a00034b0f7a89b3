"""Names, not silence: actor and event-type parameters given as names or codes, resolved or refused.

``resolve_actor("Russia")`` gives the analysis key ``RUS`` and says how it got there;
``resolve_actor("RUSGOV")`` gives ``RUS`` too (analyses group actors by country);
``resolve_type("assault")`` gives ``ASSAULT``. An unknown name raises a coded error
(E610 actors, E611 types) listing the closest known names, so the CLI prints it and the
dashboard answers 404 with it instead of showing empty charts.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from multipolar import ontology
from multipolar.errors import Errors, MultipolarError


@dataclass(frozen=True)
class ResolvedActor:
    """An actor parameter resolved: the analysis key (ISO3 country or IGO code), its name and how."""

    query: str
    code: str
    name: str
    how: str

    @property
    def changed(self) -> bool:
        """True when the key differs from what the user typed (worth telling them)."""
        return self.query.strip().upper() != self.code

    def note(self) -> str:
        """Return a one-line account of the resolution: ``'Russia' -> RUS (Russia: country name)``."""
        return f"{self.query!r} -> {self.code} ({self.name}: {self.how})"


@dataclass(frozen=True)
class _Known:
    """Codes and names the resolver knows: countries and international organisations of the knowledge base."""

    names: dict[str, str]  # code -> display name
    by_text: dict[str, tuple[str, str]]  # lower-case name or alias -> (code, how)


@lru_cache(maxsize=1)
def _known() -> _Known:
    from multipolar.kb import get_kb

    kb = get_kb()
    names: dict[str, str] = {}
    by_text: dict[str, tuple[str, str]] = {}
    for country in kb.countries.values():
        names[country.code] = country.name
        for text, how in ((country.name, "country name"), (country.official, "official name")):
            if text:
                by_text.setdefault(text.lower(), (country.code, how))
        for alias in (*country.aliases, *country.former):
            by_text.setdefault(alias.lower(), (country.code, "another name of the country"))
        for adjective in country.adjectives:
            by_text.setdefault(adjective.lower(), (country.code, "adjective of the country"))
    for organisation in kb.organisations.values():
        if organisation.sector != "IGO" and not organisation.code.startswith("IGO"):
            continue
        names[organisation.code] = organisation.name
        by_text.setdefault(organisation.name.lower(), (organisation.code, "organisation name"))
        for alias in (organisation.short, *organisation.aliases):
            if alias:
                by_text.setdefault(alias.lower(), (organisation.code, "organisation short name"))
    return _Known(names, by_text)


def actor_name(code: str) -> str | None:
    """Return the display name of an analysis key (``RUS`` -> ``Russia``), None when unknown."""
    return _known().names.get((code or "").strip().upper())


def _suggest(text: str, extra: Iterable[str] = ()) -> list[str]:
    known = _known()
    query = text.strip().lower()
    labels = {f"{name} ({code})": code for code, name in known.names.items()}
    by_name = difflib.get_close_matches(query, [n.lower() for n in known.names.values()], n=4, cutoff=0.7)
    by_code = difflib.get_close_matches(query.upper(), [*known.names, *extra], n=4, cutoff=0.67)
    by_alias = difflib.get_close_matches(query, list(known.by_text), n=4, cutoff=0.75)
    found: list[str] = []
    for code in [c for n in by_name for c, v in known.names.items() if v.lower() == n] + by_code + [
        known.by_text[a][0] for a in by_alias
    ]:
        label = next((lbl for lbl, c in labels.items() if c == code), code)
        if label not in found:
            found.append(label)
    return found[:5]


def resolve_actor(text: str, known_codes: Iterable[str] = ()) -> ResolvedActor:
    """Return the analysis key of an actor given as a code or a name; raise E610 with close matches.

    Accepted: ISO3 country codes and IGO codes of the knowledge base (``RUS``, ``IGOUNO``),
    actor codes that start with a country code (``RUSGOV``, ``USAMIL``: their country, since
    analyses group actors by country), country and organisation names, official names, aliases
    and adjectives in any case (``Russia``, ``the Russian Federation``, ``UN``, ``Russian``), and
    any code in ``known_codes`` (for instance the keys present in a database). A person's name is
    not an actor key: name their country.
    """
    query = (text or "").strip()
    if not query:
        raise MultipolarError(Errors.E610.format(name=text, hint=""))
    known = _known()
    upper = query.upper()
    extra = {code.upper() for code in known_codes if code}
    if upper in known.names:
        kind = "organisation code" if upper.startswith("IGO") else "country code"
        return ResolvedActor(query, upper, known.names[upper], kind)
    if upper in extra:
        return ResolvedActor(query, upper, upper, "code found in the database")
    key = " ".join(query.lower().split())
    for candidate in (key, key[4:] if key.startswith("the ") else None):
        if candidate and candidate in known.by_text:
            code, how = known.by_text[candidate]
            return ResolvedActor(query, code, known.names[code], how)
    compound = query == upper and upper.isalnum() and len(upper) in (6, 9, 12) and not upper.startswith("IGO")
    if compound and upper[:3] in known.names:
        country = upper[:3]
        return ResolvedActor(query, country, known.names[country],
                             f"{upper} is an actor of {known.names[country]}; analyses group actors by country")
    person = _person_country(query)
    if person is not None:
        return person
    suggestions = _suggest(query, extra)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    raise MultipolarError(Errors.E610.format(name=query, hint=hint))


def _person_country(query: str) -> ResolvedActor | None:
    """Return the country of a person the knowledge base knows by this name ("Putin"), else None."""
    from multipolar.kb import get_kb

    for found in get_kb().lookup(query):
        if found.kind == "person" and found.country and found.country in _known().names:
            return ResolvedActor(query, found.country, _known().names[found.country],
                                 f"{found.entity_name or query} is a person of {_known().names[found.country]}")
    return None


def resolve_type(text: str) -> str:
    """Return the PLOVER type named by ``text`` (any case); raise E611 suggesting the closest types.

    ``attack`` is not a type name, but the error names ASSAULT (from the ontology's ``words``).
    """
    types = ontology.plover_types()
    query = (text or "").strip()
    if query.upper() in types:
        return query.upper()
    raise MultipolarError(
        Errors.E611.format(name=query, hint=_type_hint(query), choices=", ".join(ontology.PLOVER_TYPE_NAMES))
    )


def type_suggestions(text: str) -> list[str]:
    """Return the PLOVER types closest to ``text``: by everyday word first, then by spelling."""
    types = ontology.plover_types()
    word = " ".join((text or "").lower().replace("_", " ").split())
    found = [name for name, kind in types.items() if word in kind.words]
    stems = [word.rstrip("s"), word.removesuffix("ing"), word.removesuffix("ed")]
    found += [name for name, kind in types.items() for stem in stems if stem and stem in kind.words]
    every_word = {w: name for name, kind in types.items() for w in kind.words}
    found += [every_word[w] for w in difflib.get_close_matches(word, list(every_word), n=2, cutoff=0.75)]
    found += difflib.get_close_matches(word.upper(), list(types), n=3, cutoff=0.6)
    unique: list[str] = []
    for name in found:
        if name not in unique:
            unique.append(name)
    return unique[:3]


def _type_hint(text: str) -> str:
    suggestions = type_suggestions(text)
    return f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
