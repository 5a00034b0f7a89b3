"""Person names the knowledge base does not hold as such: the ``PERSON_NAME`` rules.

A name spaCy tags as a person ("Ana Ruiz", "Mr Okafor", "Bush") goes through these rules in
order: the government of a leader ("the Obama administration"), a person of the knowledge base
found by surname and first name, namesakes sharing one code, a large city mistaken for a
person, someone named earlier in the article, then a description ("Peruvian envoy Ana Ruiz",
"Ana Ruiz, the Peruvian envoy,"); with none of these the name is returned unresolved, never
guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from multipolar.actors.describe import Description
from multipolar.actors.items import OWNER_KINDS, Item, city_named, is_large_city
from multipolar.actors.outcome import Resolution
from multipolar.kb.base import fold_accents
from multipolar.rules import RuleTable

if TYPE_CHECKING:
    from multipolar.actors.resolve import Known, Resolver


@dataclass
class NameCase:
    """One unknown person name with its description, for the ``PERSON_NAME`` rules."""

    resolver: Resolver
    item: Item
    items: list[Item]
    position: int
    description: Description

    @property
    def words(self) -> list[str]:
        """Return the words of the name."""
        return self.item.text.split()

    @property
    def single(self) -> bool:
        """Return True for a one-word name ("Ruiz")."""
        return len(self.words) == 1

    @cached_property
    def known(self) -> Known | None:
        """Return the person named earlier that a surname or "Mr X" refers to, or None."""
        if self.single or self.description.honorific:
            return self.resolver.known_person(self.item)
        return None

    @cached_property
    def surname_people(self) -> list:
        """Return the knowledge base's people with this surname."""
        return self.resolver.kb.surname_people(self.words[-1])

    @cached_property
    def candidates(self) -> list:
        """Return the knowledge base's people this name can be: same surname, same first name
        (or one letter off), and of the country the words around the name state, if any."""
        kb = self.resolver.kb
        candidates = self.surname_people
        if not (self.single or self.description.honorific):  # "Omar El Bashir": same surname and first name
            first = fold_accents(self.words[0].lower())
            candidates = [p for p in candidates if fold_accents(p.name.split()[0].lower()) == first]
            if not candidates:  # "Francois Mitterand": the same first name, a surname one letter off
                candidates = kb.similar_people(self.words[0], self.words[-1])
        stated = self.resolver.stated_country(self.item, self.items, self.position, self.description)
        if stated is not None:  # "King Hassan of Morocco" is not a namesake from another country
            candidates = [p for p in candidates if stated == p.country or any(r.of == stated for r in p.roles)]
        return candidates

    @cached_property
    def states(self) -> list:
        """Return the candidates' codes, countries and roles on the article's date."""
        return [self.resolver.kb.person_state(p, self.resolver.date) for p in self.candidates]

    @cached_property
    def described(self) -> tuple[str | None, Item | None]:
        """Return (owner, title) the words around the name give: in front ("Peruvian envoy X"),
        after it ("King X of Morocco") or in an apposition ("X, the Peruvian envoy,")."""
        resolver, item, items, position = self.resolver, self.item, self.items, self.position
        owner = self.description.owner
        if owner is None:
            owner_item = resolver.owner_right(item, items, position)  # "King X of Morocco"
            owner_term = owner_item.first(*OWNER_KINDS) if owner_item is not None else None
            if owner_term is not None:
                owner = owner_term.key
                owner_item.used = True
        title = self.description.title
        if title is None:
            appositive_owner, title = resolver.appositive(item, items, position)
            owner = owner or appositive_owner
        if owner is None and title is not None:
            owner_item = resolver.owner_right(title, items, items.index(title))
            if owner_item is not None:
                owner_term = owner_item.first(*OWNER_KINDS)
                owner = owner_term.key if owner_term else None
        return owner, title

    def person(self, state, name: str, entity_id: str | None) -> Resolution:
        """Return the resolution of the name as a person in ``state`` (a dated role)."""
        return Resolution(self.description.start, self.item.end, state.code, state.country, state.sector, "person",
                          name=name, role=state.role.title if state.role else None, entity_id=entity_id,
                          description=self.description, remember="person")


#: Decides who an unknown person name is; the first rule that answers decides.
PERSON_NAME = RuleTable("actors.person_name", "who a person name the knowledge base does not hold refers to")


@PERSON_NAME.rule
def leader_surname_government(case: NameCase) -> Resolution | None:
    """A leader's surname before "administration"/"government" is that country's government.

    Example: "the Lula government" -> the government of Brazil.
    """
    if case.known is not None or not case.single:
        return None
    return case.resolver.leader_government(case.item, case.surname_people, case.items, case.position)


@PERSON_NAME.rule
def kb_person_by_name(case: NameCase) -> Resolution | None:
    """A name that fits one person of the knowledge base (surname, first name, stated country)
    is that person.

    Example: "Emmanuel Macron" written without accents or title -> the French president.
    """
    if case.known is not None or len(case.candidates) != 1:
        return None
    return case.person(case.states[0], case.candidates[0].name, case.candidates[0].id)


@PERSON_NAME.rule
def namesakes_share_code(case: NameCase) -> Resolution | None:
    """Several people fit but hold one code on the article's date: that code.

    Example: "Bush said" in 1991 or 2005 -> the US government either way.
    """
    if case.known is not None or len(case.candidates) < 2:
        return None
    codes = {s.code for s in case.states}
    if len(codes) != 1 or case.states[0].code is None:
        return None
    state = case.states[0]
    return Resolution(case.description.start, case.item.end, state.code, state.country, state.sector, "person",
                      name=case.item.text, description=case.description, remember="person")


@PERSON_NAME.rule
def large_city_alone(case: NameCase) -> Resolution | None:
    """A bare one-word "person" that is a city of 100,000 people or more is that city.

    Example: "Mombasa said nothing" tagged PERSON -> the place Mombasa (Kenya).
    """
    if case.known is not None or not case.single or case.description.consumed:
        return None
    if not is_large_city(case.item.text, case.resolver.kb):
        return None
    city = city_named(case.item.text, case.resolver.kb)
    return Resolution(case.item.start, case.item.end, None, city.country, None, "place", name=case.item.text,
                      remember="place")


@PERSON_NAME.rule
def earlier_person(case: NameCase) -> Resolution | None:
    """A surname (or "Mr X") of someone named earlier in the article is that person.

    Example: "Ana Ruiz ... Ruiz added" -> the second mention is Ana Ruiz.
    """
    known = case.known
    if known is None:
        return None
    return Resolution(case.description.start, case.item.end, known.code, known.country, known.sector, "person",
                      name=known.name, role=known.role, entity_id=known.entity_id, resolved=known.code is not None,
                      description=case.description)


@PERSON_NAME.rule
def named_group(case: NameCase) -> Resolution | None:
    """A group word right before a name makes the name a group's name.

    Example: "the militia Kata'ib Sayyid" -> an organisation, not a person.
    """
    owner, title = case.described
    if title is None:
        return None
    term = title.first("title", "group")
    adjacent = case.resolver.text[title.end:case.item.start].strip(" ,") == ""
    if term.kind != "group" or any(c.has("title") for c in case.description.consumed) or not adjacent:
        return None
    return _described(case, owner, title, "organisation")


@PERSON_NAME.rule
def described_person(case: NameCase) -> Resolution | None:
    """A title (with a country) around the name gives the person's sector (and code).

    Example: "Kenyan Foreign Minister Ruth Mwangi" -> KENGOV.
    """
    owner, title = case.described
    if title is None:
        return None
    return _described(case, owner, title, "person")


@PERSON_NAME.rule
def country_described_person(case: NameCase) -> Resolution | None:
    """A country word alone before the name gives the person's country.

    Example: "the Pakistani envoy-designate Ali Raza" with no title known -> PAK.
    """
    owner, _ = case.described
    if owner is None or owner not in case.resolver.kb.countries:
        return None
    return Resolution(case.description.start, case.item.end, owner, owner, None, "person", name=case.item.text,
                      description=case.description, remember="person")


@PERSON_NAME.rule
def unknown_person(case: NameCase) -> Resolution | None:
    """A name with nothing around it stays an unresolved person (never guessed).

    Example: "Tomas Varga said" -> a person with no code.
    """
    owner, _ = case.described
    return Resolution(case.description.start, case.item.end, None, None, None, "person", name=case.item.text,
                      resolved=False, description=case.description, remember="person")


def _described(case: NameCase, owner: str | None, title: Item, kind: str) -> Resolution:
    term = title.first("title", "group")
    sector = term.key
    if case.description.former and sector == "GOV":
        sector = "ELI"
    code = country = None
    if owner is not None:
        code, country, sector = case.resolver.kb.owner_code(owner, sector)
    return Resolution(case.description.start, case.item.end, code, country, sector, kind, name=case.item.text,
                      role=title.text, resolved=code is not None, description=case.description,
                      remember="person" if kind == "person" else None)
