"""The indexed knowledge base: names to entries, persons to roles on a date, and ``lookup``.

Names are matched with two Aho-Corasick automata built once per knowledge base: one over
lower-cased text for ordinary names, one case-sensitive for all-capital acronyms of up to three
letters ("US", "UN", "EU", "WHO"), acronyms that are also English words (``common_words`` in
sectors.yaml: "CARE", "AIM") and honorifics, so "us" and "who" are never actors.
A name listed with a capital first letter ("China", "Jordan") only matches text written with
a capital first letter. Matches respect word boundaries; the longest match wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from multipolar.kb.loader import RawKnowledgeBase
from multipolar.kb.model import (
    Country,
    NameMatch,
    Organisation,
    PeopleGroup,
    Person,
    Place,
    Region,
    Resolution,
    Role,
    Sector,
    Term,
)

OWNER_KINDS = ("country", "adjective", "demonym", "metonym", "capital", "organisation")
SECTOR_KINDS = ("group", "title")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$")
_SPACES = re.compile(r"\s+")
_GENERIC_LEADER_TITLES = frozenset({"leader", "head of state", "head of government", "counterpart", "president"})


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha() and base != chr(code):
            table[code] = base
    table.update({ord("ø"): "o", ord("Ø"): "O", ord("ł"): "l", ord("Ł"): "L", ord("đ"): "d", ord("Đ"): "D",
                  ord("ı"): "i"})
    return table


_FOLD = _fold_table()


def fold_accents(text: str) -> str:
    """Return ``text`` with accented Latin letters replaced by their base letter (same length)."""
    return text.translate(_FOLD)


def normalise_apostrophes(text: str) -> str:
    """Return ``text`` with typographic apostrophes replaced by ``'`` (same length)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def lower_same_length(text: str) -> str:
    """Return ``text`` lower-cased without changing its length (offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def normalise_name(name: str) -> str:
    """Return the lookup key of ``name``: no leading "the", no possessive, single spaces, lower case."""
    name = _SPACES.sub(" ", normalise_apostrophes(name).strip())
    name = _POSSESSIVE.sub("", _LEADING_THE.sub("", name))
    return fold_accents(name.lower())


def _strip_the(alias: str) -> str:
    return _LEADING_THE.sub("", _SPACES.sub(" ", normalise_apostrophes(alias).strip()))


def _is_case_sensitive(alias: str, kind: str, common_words: frozenset[str]) -> bool:
    if kind == "honorific":
        return True
    letters = [c for c in alias if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return False
    return len(letters) <= 3 or alias.lower() in common_words


def plural(word: str) -> str:
    """Return the regular English plural of the last word of ``word`` ("ministers", "spokesmen")."""
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy", "uy")):
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


@dataclass(frozen=True)
class PersonState:
    """What a person is on a date: the code and the role that gives it."""

    code: str | None
    country: str | None
    sector: str | None
    role: Role | None
    rule: str
    why: str


class KnowledgeBase:
    """Countries, organisations, people and sectors with name indexes (build once, share)."""

    def __init__(self, raw: RawKnowledgeBase) -> None:
        self.countries: dict[str, Country] = raw.countries
        self.organisations: dict[str, Organisation] = raw.organisations
        self.people: dict[str, Person] = raw.people
        self.sectors: dict[str, Sector] = raw.sectors
        self.places: dict[str, Place] = raw.places
        self.groups: dict[str, PeopleGroup] = raw.groups
        self.regions: dict[str, Region] = raw.regions
        self.region_collectives: tuple[str, ...] = raw.region_collectives
        self.vocabulary = raw.vocabulary
        self.files = tuple(raw.files)
        self.problems = tuple(raw.problems)
        self.leader_titles = frozenset(t.lower() for t in self.vocabulary.leader_titles)
        self.common_words = frozenset(w.lower() for w in self.vocabulary.common_words)
        self._names: dict[str, list[tuple[Term, bool]]] = defaultdict(list)
        self._sensitive_names: dict[str, list[Term]] = defaultdict(list)
        self._surnames: dict[str, list[str]] = defaultdict(list)
        self._similar: dict[tuple[str, str], list[Person]] = {}
        #: answers of ``holders`` by (title, owner, date): the people and roles never change once loaded
        self._holders: dict[tuple[str, str | None, str | None], tuple[tuple[Person, Role], ...]] = {}
        self._index()
        #: the terms of each case-insensitive name: all of them (a capitalised occurrence), and
        #: those that do not need a capital (a lowercase one), as ``match`` hands them out
        self._name_terms: dict[str, tuple[tuple[Term, ...], tuple[Term, ...]]] = {
            key: (tuple(t for t, _ in bucket), tuple(t for t, needs_capital in bucket if not needs_capital))
            for key, bucket in self._names.items()
        }
        self._insensitive = self._automaton({k: [t for t, _ in v] for k, v in self._names.items()})
        self._sensitive = self._automaton(self._sensitive_names)

    # ------------------------------------------------------------------ indexing
    def _add(self, alias: str, kind: str, key: str, source: str, keep_the: bool = False) -> None:
        alias = _SPACES.sub(" ", normalise_apostrophes(str(alias)).strip()) if keep_the else _strip_the(str(alias))
        if not alias:
            return
        term = Term(kind=kind, key=key, alias=alias, source=source)
        if _is_case_sensitive(alias, kind, self.common_words):
            bucket = self._sensitive_names[alias]
            if term not in bucket:
                bucket.append(term)
            return
        needs_capital = alias[0].isupper()
        bucket2 = self._names[fold_accents(lower_same_length(alias))]
        if all(t != term for t, _ in bucket2):
            bucket2.append((term, needs_capital))

    def _index(self) -> None:
        for c in self.countries.values():
            for alias in (c.name, c.official, *c.aliases, *c.former):
                if alias:
                    self._add(alias, "country", c.code, c.source)
            for alias in c.adjectives:
                self._add(alias, "adjective", c.code, c.source)
            for alias in c.demonyms:
                self._add(alias, "demonym", c.code, c.source)
            capital = _strip_the(c.capital) if c.capital else None
            for alias in c.metonyms:
                is_capital = c.capital_is_city and capital is not None and _strip_the(alias) == capital
                self._add(alias, "capital" if is_capital else "metonym", c.code, c.source)
            if c.capital and c.capital_is_city:
                self._add(c.capital, "capital", c.code, c.source)
        for o in self.organisations.values():
            for alias in (o.name, o.short, *o.aliases, *o.former):
                if alias:
                    self._add(alias, "organisation", o.code, o.source)
        for p in self.people.values():
            for alias in (p.name, *p.aliases):
                self._add(alias, "person", p.id, p.source)
            parts = p.name.split()
            if len(parts) > 1:
                self._surnames[_surname_key(parts[-1])].append(p.id)
        for place in self.places.values():
            for alias in (place.name, *place.aliases):
                self._add(alias, place.type, place.name, place.source)
        for group in self.groups.values():
            for alias in (group.name, *group.aliases):
                self._add(alias, "people-group", group.name, group.source)
        for region in self.regions.values():
            for name in region.names:
                self._add(name, "world-region", region.code, region.source, keep_the=True)
            for adjective in region.adjectives:
                self._add(adjective, "region-adjective", region.code, region.source)
                for noun in self.region_collectives:
                    self._add(f"{adjective} {noun}", "world-region", region.code, region.source)
        for s in self.sectors.values():
            for word in s.groups:
                self._add(word, "group", s.code, s.source)
            for word in s.titles:
                self._add(word, "title", s.code, s.source)
                if " of " not in word:
                    self._add(plural(word), "group", s.code, s.source)
        v = self.vocabulary
        for word in v.honorifics:
            self._add(word, "honorific", "HONORIFIC", "sectors.yaml")
        for word in v.former_markers:
            self._add(word, "former", "ELI", "sectors.yaml")
        for word in v.plural_persons:
            self._add(word, "plural-persons", "PERSONS", "sectors.yaml")
        for word in v.plural_countries:
            self._add(word, "plural-countries", "COUNTRIES", "sectors.yaml")
        for word in v.person_country_references:
            self._add(word, "person-country", "COUNTRY", "sectors.yaml", keep_the=True)
        for word in v.last_country_references:
            self._add(word, "last-country", "COUNTRY", "sectors.yaml", keep_the=True)
        for word in v.member_body_references:
            self._add(word, "organisation-reference", "MEMBERS", "sectors.yaml")
        for word in v.named_head_references:
            self._add(word, "organisation-reference", "HEAD", "sectors.yaml")
        for word in v.gathering_references:
            self._add(word, "organisation-reference", "GATHERING", "sectors.yaml")

    @staticmethod
    def _automaton(names: dict[str, list[Term]]) -> ahocorasick.Automaton | None:
        if not names:
            return None
        automaton = ahocorasick.Automaton()
        for key in names:
            automaton.add_word(key, (len(key), key))
        automaton.make_automaton()
        return automaton

    # ------------------------------------------------------------------ matching
    def match(self, text: str) -> list[NameMatch]:
        """Return the names found in ``text``, longest first among overlaps, sorted by position.

        Each match lists every term its words can stand for (a name can be a country and a
        person); the caller decides between them.
        """
        if not text:
            return []
        plain = normalise_apostrophes(text)
        lowered = fold_accents(lower_same_length(plain))
        candidates: list[tuple[int, int, tuple[Term, ...]]] = []
        if self._insensitive is not None:
            name_terms = self._name_terms
            for end_index, (length, key) in self._insensitive.iter(lowered):
                start, end = end_index - length + 1, end_index + 1
                if not _bounded(plain, start, end):
                    continue
                every, lowercase = name_terms[key]
                terms = every if plain[start].isupper() else lowercase
                if terms:
                    candidates.append((start, end, terms))
        if self._sensitive is not None:
            for end_index, (length, key) in self._sensitive.iter(plain):
                start, end = end_index - length + 1, end_index + 1
                if _bounded(plain, start, end):
                    candidates.append((start, end, tuple(self._sensitive_names[key])))
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken = bytearray(len(text))
        chosen: list[NameMatch] = []
        for start, end, terms in candidates:
            if taken.find(1, start, end) >= 0:
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(NameMatch(start, end, text[start:end], terms))
        chosen.sort(key=lambda m: m.start)
        return chosen

    # ------------------------------------------------------------------ codes
    def is_country(self, code: str | None) -> bool:
        """Return True when ``code`` is a country of the knowledge base."""
        return code is not None and code in self.countries

    def organisation_code(self, org: Organisation) -> tuple[str, str | None, str]:
        """Return (code, country, sector) for an organisation in output: national bodies as
        country + sector (``RUSMED``), the others by their own code (``IGOUNO``)."""
        if org.country:
            return org.country + org.sector, org.country, org.sector
        return org.code, None, org.sector

    def owner_code(self, owner: str, sector: str | None) -> tuple[str | None, str | None, str | None]:
        """Return (code, country, sector) for a ``sector`` word owned by ``owner`` (ISO3 or organisation
        code): a country gives country + sector, an organisation its own code or sector."""
        if owner in self.countries:
            return owner + (sector or ""), owner, sector
        if owner in self.regions:  # "European leaders": the region's code, no country
            return owner + (sector or ""), None, sector
        org = self.organisations.get(owner)
        if org is not None:
            if org.country:  # a national body's people share its sector: "Labour leader" is POL
                return org.country + org.sector, org.country, org.sector
            return org.code, None, org.sector
        return None, None, sector

    def _role_code(self, person: Person, role: Role) -> tuple[str | None, str | None, str | None]:
        if role.of in self.countries:
            return role.of + role.sector, role.of, role.sector
        org = self.organisations.get(role.of)
        if org is not None:
            return self.organisation_code(org)
        if len(role.of) == 3:
            return role.of + role.sector, role.of, role.sector
        return role.of, person.country, role.sector

    def _role_rank(self, role: Role) -> tuple[int, int, str]:
        return (role.sector == "GOV", role.title.lower() in self.leader_titles, role.start or "")

    def person_state(self, person: Person, date: str | None) -> PersonState:
        """Return what ``person`` is on ``date`` (ISO; None means their latest role).

        On a date: the role held that day; with none, ex-holders of a government role are
        country + ELI, others their country alone. Without a date: the current role, else the
        latest one (news without a date is usually about the person at their most prominent).
        """
        roles = person.roles
        if not roles:
            return PersonState(person.country, person.country, None, None, "entry-code",
                               f"{person.name} has no dated role: code is the country {person.country}")
        if date is None:
            current = [r for r in roles if r.end is None]
            pool = current or list(roles)
            if current:
                role = max(pool, key=self._role_rank)
            else:
                role = max(pool, key=lambda r: (r.start or "", self._role_rank(r)))
            code, country, sector = self._role_code(person, role)
            state = "current" if current else "latest"
            return PersonState(code, country, sector, role, "person-role",
                               f"no date given: {state} role {role.title} of {role.of} ({_span(role)})")
        held = [r for r in roles if r.holds_on(date)]
        if held:
            role = max(held, key=self._role_rank)
            code, country, sector = self._role_code(person, role)
            return PersonState(code, country, sector, role, "person-role",
                               f"on {date} held {role.title} of {role.of} ({_span(role)})")
        earlier = [r for r in roles if r.end is not None and r.end < date]
        if earlier:
            role = max(earlier, key=lambda r: r.end or "")
            if role.sector == "GOV":
                country = role.of if role.of in self.countries else person.country
                return PersonState(f"{country}ELI" if country else None, country, "ELI", role, "person-former",
                                   f"on {date} no role; formerly {role.title} of {role.of} until {role.end}: ex-leader")
        return PersonState(person.country, person.country, None, None, "person-no-role",
                           f"on {date} no role: code is the country {person.country}")

    def holders(self, title: str, owner: str | None, date: str | None) -> list[tuple[Person, Role]]:
        """Return the (person, role) pairs holding ``title`` of ``owner`` on ``date``.

        Generic titles ("leader", "head of state", "counterpart") match the leader titles;
        without a date, roles still open are taken.
        """
        wanted = title.lower()
        cached = self._holders.get((wanted, owner, date))
        if cached is not None:
            return list(cached)
        generic = wanted in _GENERIC_LEADER_TITLES
        found: list[tuple[Person, Role]] = []
        for person in self.people.values():
            for role in person.roles:
                if owner is not None and role.of != owner:
                    continue
                role_title = role.title.lower()
                if not (role_title == wanted or (generic and role_title in self.leader_titles)):
                    continue
                if (date is None and role.end is None) or (date is not None and role.holds_on(date)):
                    found.append((person, role))
        if generic and len(found) > 1:
            exact = [pair for pair in found if pair[1].title.lower() == wanted]
            if exact:
                found = exact
        self._holders[(wanted, owner, date)] = tuple(found)
        return found

    def similar_people(self, first_name: str, surname: str) -> list[Person]:
        """Return the people with this first name whose surname is one letter off ("Mitterand")."""
        key = _surname_key(surname)
        if len(key) < 6:
            return []
        first = fold_accents(first_name.lower())
        cached = self._similar.get((first, key))
        if cached is not None:
            return cached
        found: list[Person] = []
        for other, ids in self._surnames.items():
            if abs(len(other) - len(key)) <= 1 and other[0] == key[0] and _one_edit_apart(other, key):
                found += [self.people[i] for i in ids
                          if fold_accents(self.people[i].name.split()[0].lower()) == first]
        self._similar[(first, key)] = found
        return found

    def surname_people(self, surname: str) -> list[Person]:
        """Return the people whose full name ends with ``surname`` ("Bashir" finds "al-Bashir")."""
        return [self.people[i] for i in self._surnames.get(_surname_key(surname), [])]

    # ------------------------------------------------------------------ lookup
    def terms_for(self, name: str) -> list[Term]:
        """Return every term ``name`` stands for as a whole (no partial matches)."""
        stripped = _strip_the(name)
        stripped = _POSSESSIVE.sub("", stripped)
        terms = list(self._sensitive_names.get(stripped, []))
        terms += [t for t, needs_capital in self._names.get(fold_accents(lower_same_length(stripped)), [])
                  if not needs_capital or stripped[:1].isupper() or stripped.islower()]
        return terms

    def resolve_term(self, term: Term, name: str, date: str | None) -> Resolution:
        """Return the resolution of one term found for ``name`` on ``date``."""
        where = f"{term.source}" if term.source else None
        if term.kind in ("country", "adjective", "demonym"):
            c = self.countries[term.key]
            return Resolution(name, "country", c.code, c.code, None, c.code, f"country-{term.kind}",
                              f"{term.alias!r} is a {term.kind} of {c.name}", entity_name=c.name, source=where)
        if term.kind in ("metonym", "capital"):
            c = self.countries[term.key]
            extra = {"place": c.code} if term.kind == "capital" else {}
            why = f"{term.alias!r} stands for the government of {c.name}"
            if term.kind == "capital":
                why += f" (used as a location it is a place in {c.code})"
            return Resolution(name, "country", c.code + "GOV", c.code, "GOV", c.code, term.kind, why,
                              entity_name=c.name, source=where, extra=extra)
        if term.kind == "organisation":
            o = self.organisations[term.key]
            code, country, sector = self.organisation_code(o)
            why = f"{term.alias!r} names {o.name} ({o.type}" + (f", {o.country}" if o.country else "") + ")"
            return Resolution(name, "organisation", code, country, sector, o.code, "organisation-name", why,
                              entity_name=o.name, source=where)
        if term.kind == "person":
            return self.resolve_person(self.people[term.key], name, date, rule="person-name")
        if term.kind in ("region", "institution"):
            place = self.places[term.key]
            country = self.countries[place.country].name if place.country in self.countries else place.country
            if term.kind == "region":
                return Resolution(name, "place", None, place.country, None, place.country, "region",
                                  f"{term.alias!r} is a region of {country}", entity_name=place.name, source=where)
            return Resolution(name, "organisation", place.country + (place.sector or ""), place.country, place.sector,
                              place.country, "institution", f"{term.alias!r} is an institution of {country}",
                              entity_name=place.name, source=where)
        if term.kind == "people-group":
            group = self.groups[term.key]
            return Resolution(name, "group", None, None, group.sector, None, "people-group",
                              f"{term.alias!r} is an ethnic or religious group ({group.sector}); it takes the country "
                              "it lives in from the text", entity_name=group.name, source=where)
        if term.kind in SECTOR_KINDS:
            s = self.sectors.get(term.key)
            label = s.name if s else term.key
            return Resolution(name, "group" if term.kind == "group" else "person", None, None, term.key, None,
                              f"sector-{term.kind}", f"{term.alias!r} is a {term.kind} word of sector {term.key} "
                              f"({label}); with no country it has no full code", source=where)
        return Resolution(name, term.kind, None, None, None, None, term.kind,
                          f"{term.alias!r} is a {term.kind} word (used to resolve references in text)", source=where)

    def resolve_person(self, person: Person, name: str, date: str | None, rule: str) -> Resolution:
        """Return the resolution of ``person`` on ``date``, with the role that gives the code."""
        state = self.person_state(person, date)
        kind = "person" if person.kind == "person" else "organisation"
        return Resolution(name, kind, state.code, state.country, state.sector, person.id,
                          f"{rule}:{state.rule}", state.why, role=state.role.title if state.role else None,
                          entity_name=person.name, source=person.source)

    def lookup(self, name: str, date: str | None = None) -> list[Resolution]:
        """Return how ``name`` resolves on ``date`` (ISO, optional), each with the reason.

        Tried in order: the name as a whole (countries, organisations, people, sector words);
        a description made of a country or organisation and a sector word ("Russian troops",
        "the president of Ukraine" — office holders on the date are added); a surname of a
        known person. An empty list means the name is unknown.
        """
        terms = self.terms_for(name)
        if terms:
            return [self.resolve_term(t, name, date) for t in _dedupe(terms)]
        described = self.describe(name, date)
        if described:
            return described
        parts = name.split()
        if len(parts) == 1:
            return [self.resolve_person(p, name, date, rule="surname") for p in self.surname_people(parts[0])]
        return []

    def describe(self, text: str, date: str | None) -> list[Resolution]:
        """Return resolutions for a description such as "Ukrainian refugees" or "the president of Ukraine"."""
        matches = self.match(text)
        owner = next((m for m in matches if m.has(*OWNER_KINDS) and not m.has("person")), None)
        sector_match = next((m for m in matches if m.has(*SECTOR_KINDS)), None)
        if owner is None or sector_match is None:
            return []
        owner_term = owner.first(*OWNER_KINDS)
        sector_term = sector_match.first("title", "group")
        assert owner_term is not None and sector_term is not None
        former = any(m.has("former") for m in matches if m.end <= sector_match.start)
        sector = "ELI" if former and sector_term.key == "GOV" else sector_term.key
        code, country, sector = self.owner_code(owner_term.key, sector)
        results = [Resolution(text, "group" if sector_term.kind == "group" else "person", code, country, sector,
                              None, "description",
                              f"{owner.text!r} gives {owner_term.key}, {sector_match.text!r} gives sector {sector}")]
        if sector_term.kind == "title" and not former:
            for person, _role in self.holders(sector_match.text, owner_term.key, date):
                resolution = self.resolve_person(person, text, date, rule="office-holder")
                results.append(resolution)
        return results

    def stats(self) -> dict[str, int]:
        """Return entry and name counts of the knowledge base."""
        return {
            "countries": len(self.countries),
            "organisations": sum(1 for o in self.organisations.values() if o.type != "media"),
            "media": sum(1 for o in self.organisations.values() if o.type == "media"),
            "people": sum(1 for p in self.people.values() if p.kind == "person"),
            "imported actors": sum(1 for p in self.people.values() if p.kind != "person"),
            "roles": sum(len(p.roles) for p in self.people.values()),
            "sectors": len(self.sectors),
            "places": len(self.places),
            "groups": len(self.groups),
            "names": len(self._names) + len(self._sensitive_names),
            "files": len(self.files),
            "problems": len(self.problems),
        }


def _surname_key(surname: str) -> str:
    key = fold_accents(normalise_apostrophes(surname).lower())
    for prefix in ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ar-"):
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            return key[len(prefix):]
    return key


def _one_edit_apart(a: str, b: str) -> bool:
    """Return True when ``a`` and ``b`` differ by one inserted, deleted or replaced letter."""
    if a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def _bounded(text: str, start: int, end: int) -> bool:
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return False
    return not (end < len(text) and (text[end].isalnum() or text[end] == "_"))


def _span(role: Role) -> str:
    return f"{role.start or '…'} to {role.end or 'now'}"


def _dedupe(terms: Iterable[Term]) -> list[Term]:
    seen: set[tuple[str, str]] = set()
    out = []
    for term in terms:
        if (term.kind, term.key) not in seen:
            seen.add((term.kind, term.key))
            out.append(term)
    return out
