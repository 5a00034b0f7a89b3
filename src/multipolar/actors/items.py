"""Items to resolve: dictionary matches and spaCy names, arbitrated, in text order.

``collect_items`` is step 1-2 of the actor stage: the knowledge base's matches over the whole
text, then the spaCy entities that add to them (unknown people and organisations, cities of the
gazetteer) or overrule them (a person's name wins over a country word inside it).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from spacy.attrs import LOWER

from multipolar.gazetteer import City, find_city
from multipolar.kb import KnowledgeBase, NameMatch, Term
from multipolar.linguistics import PLACE_NOUNS, entities
from multipolar.rules import RuleTable

OWNER_KINDS = ("country", "adjective", "demonym", "metonym", "capital", "organisation")
DROPPED_INSIDE_PERSON = frozenset({"country", "capital", "metonym", "demonym", "organisation", "region", "people-group",
                                   "institution"})
PERSON_LABELS = frozenset({"PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class Item:
    """A span to resolve: a dictionary match or a spaCy name the dictionary does not know."""

    start: int
    end: int
    text: str
    match: NameMatch | None = None
    label: str | None = None  # person-name | org-name | place for spaCy names
    sector: str | None = None  # sector word inside an unknown organisation's name
    owner: str | None = None  # country or organisation code inside an unknown name
    city_country: str | None = None
    used: bool = False

    def has(self, *kinds: str) -> bool:
        """Return True when the item is a dictionary match of one of ``kinds``."""
        return self.match is not None and self.match.has(*kinds)

    def first(self, *kinds: str) -> Term | None:
        """Return the item's first term of one of ``kinds``, or None."""
        return self.match.first(*kinds) if self.match is not None else None


@dataclass
class EntityCase:
    """One spaCy entity next to the dictionary matches it overlaps, for the ``ENTITY`` rules.

    ``start``/``end`` are the entity's characters without a leading "the" (and, for an
    organisation after a preposition, without the place that ends before the name: "ambassador
    to Ukraine Bridget Brink"); ``inside`` are the indices of the matches it overlaps.
    """

    doc: object
    ent: object
    text: str
    kb: KnowledgeBase
    matches: list[NameMatch]
    label: str
    start: int
    end: int
    inside: list[int]
    removed: set[int]

    @cached_property
    def person(self) -> tuple[list[int], int, int]:
        """Return (dictionary matches the person's name overrules, where the name starts, where
        it ends): "President Jordan Smith" keeps the title and starts at "Jordan"."""
        doc, ent, matches, text = self.doc, self.ent, self.matches, self.text
        start, end, inside = self.start, self.end, self.inside
        after_preposition = ent.start > 0 and doc[ent.start - 1].pos_ == "ADP"
        drop = [i for i in inside if (matches[i].end - matches[i].start) < (end - start)
                and all(t.kind in DROPPED_INSIDE_PERSON for t in matches[i].terms)
                and matches[i].start >= start and matches[i].end <= end
                and not (after_preposition and matches[i].start == start)]
        keep = [i for i in inside if i not in drop]
        name_start = max([matches[i].end for i in keep if matches[i].start <= start + 1
                          or matches[i].has("title", "honorific", "adjective", "former")] or [start])
        name_start = _skip_space(text, name_start, end)
        return drop, name_start, _strip_possessive(text, name_start, end)

    @property
    def person_name(self) -> str:
        """Return the person's name without the title in front and the possessive after it."""
        _, name_start, name_end = self.person
        return self.text[name_start:name_end]

    @property
    def kept_inside_person(self) -> list[int]:
        """Return the overlapped matches the person's name does not overrule."""
        drop = self.person[0]
        return [i for i in self.inside if i not in drop]

    @cached_property
    def city(self) -> City | None:
        """Return the gazetteer city the entity names when no dictionary match overlaps it."""
        return city_named(self.text[self.start:self.end], self.kb) if not self.inside else None

    @cached_property
    def after_location_word(self) -> bool:
        """Return True when the entity follows a location preposition ("in", "near", "town of")."""
        return _preceded_by(self.doc, self.ent, self.kb)


@dataclass(frozen=True)
class EntityOutcome:
    """What an entity does to the items: matches it removes and the item it adds (if any)."""

    remove: tuple[int, ...] = ()
    item: Item | None = None


#: Decides, for each spaCy name, whether it adds a name the dictionary does not know or
#: overrules dictionary matches inside it; the first rule that answers decides.
ENTITY = RuleTable("actors.entity", "what a spaCy name adds to or overrules in the dictionary matches")


@ENTITY.rule
def outside_scope(case: EntityCase) -> EntityOutcome | None:
    """Nationalities, dates, numbers and works are no names to resolve here.

    Example: "Kenyan farmers" (NORP) adds nothing; the dictionary already reads "Kenyan".
    """
    if case.label in PERSON_LABELS or case.label in PLACE_LABELS or case.label == "ORG":
        return None
    return EntityOutcome()


@ENTITY.rule
def person_in_dictionary(case: EntityCase) -> EntityOutcome | None:
    """A person name the dictionary already holds stays the dictionary's match.

    Example: "Chancellor Olaf Scholz" -> the knowledge base's person, not a new name.
    """
    if case.label in PERSON_LABELS and any(case.matches[i].has("person") for i in case.inside):
        return EntityOutcome()
    return None


@ENTITY.rule
def people_not_person(case: EntityCase) -> EntityOutcome | None:
    """A plural after a country word is a people, not a person.

    Example: "Bosnian Serbs marched" -> no person called "Serbs".
    """
    if case.label not in PERSON_LABELS:
        return None
    name = case.person_name
    if case.kept_inside_person and " " not in name and name.endswith("s"):
        return EntityOutcome(remove=tuple(case.person[0]))
    return None


@ENTITY.rule
def numbered_thing(case: EntityCase) -> EntityOutcome | None:
    """A "person" name with a digit in it is a thing (a tank, a rocket).

    Example: "the Leopard 2 tanks" -> no person called "Leopard 2".
    """
    if case.label in PERSON_LABELS and any(c.isdigit() for c in case.person_name):
        return EntityOutcome(remove=tuple(case.person[0]))
    return None


@ENTITY.rule
def city_tagged_as_person(case: EntityCase) -> EntityOutcome | None:
    """A "person" right after a location word that is a gazetteer city is that city.

    Example: "shelling in Kramatorsk" tagged PERSON -> the place Kramatorsk (Ukraine).
    """
    if case.label not in PERSON_LABELS or not _names_unknown_person(case) or not case.after_location_word:
        return None
    city = city_named(case.person_name, case.kb)
    if city is None:
        return None
    _, name_start, name_end = case.person
    return EntityOutcome(tuple(case.person[0]), Item(name_start, name_end, case.person_name, label="place",
                                                      city_country=city.country))


@ENTITY.rule
def unknown_person(case: EntityCase) -> EntityOutcome | None:
    """A person name the dictionary does not hold becomes a name item; it overrules country
    and capital words inside it.

    Example: "Jordan Peterson spoke" -> a person, not the country Jordan.
    """
    if case.label not in PERSON_LABELS:
        return None
    _, name_start, name_end = case.person
    item = Item(name_start, name_end, case.person_name, label="person-name") if _names_unknown_person(case) else None
    return EntityOutcome(tuple(case.person[0]), item)


@ENTITY.rule
def given_name_and_town_surname(case: EntityCase) -> EntityOutcome | None:
    """A given name before a one-word "place" with an apposition after it is a person.

    Example: "Ana Lima, the trade envoy, arrived" -> the person Ana Lima, not the city Lima.
    """
    if case.city is None or case.label not in PLACE_LABELS or case.after_location_word:
        return None
    given = _given_name_before(case.doc, case.ent, case.matches, [m.start for m in case.matches])
    if given is None:
        return None
    return EntityOutcome(item=Item(given.idx, case.end, case.text[given.idx:case.end], label="person-name"))


@ENTITY.rule
def gazetteer_city(case: EntityCase) -> EntityOutcome | None:
    """A place name of the gazetteer (or any name after a location word) is a city of its country.

    Example: "talks in Samarkand" -> the place Samarkand (Uzbekistan).
    """
    if case.city is None or not (case.label in PLACE_LABELS or case.after_location_word):
        return None
    return EntityOutcome(item=Item(case.start, case.end, case.text[case.start:case.end], label="place",
                                   city_country=case.city.country))


@ENTITY.rule
def unknown_organisation(case: EntityCase) -> EntityOutcome | None:
    """An organisation name with capitalised words the dictionary does not cover is a new
    organisation; a sector or country word inside it is kept as its description.

    Example: "the Sudanese Rapid Support Forces" -> an organisation owned by Sudan.
    """
    if case.label != "ORG":
        return None
    matches = [case.matches[i] for i in case.inside]
    covered = sum(m.end - m.start for m in matches)
    if not _uncovered_capitalised(case.text, case.start, case.end, matches) or covered >= case.end - case.start:
        return None
    if any(m.has("organisation", "person") for m in matches):
        return EntityOutcome()
    sector = next((m.first("group", "title").key for m in matches if m.first("group", "title") is not None), None)
    owner = next((m.first(*OWNER_KINDS) for m in matches if m.first(*OWNER_KINDS) is not None), None)
    return EntityOutcome(tuple(case.inside), Item(case.start, case.end, case.text[case.start:case.end],
                                                  label="org-name", sector=sector,
                                                  owner=owner.key if owner else None))


def _names_unknown_person(case: EntityCase) -> bool:
    """Return True when the person entity leaves a capitalised name no kept match covers."""
    _, name_start, name_end = case.person
    return (name_start < name_end and case.text[name_start].isupper()
            and not any(case.matches[i].start >= name_start for i in case.kept_inside_person))


def _entity_case(doc, ent, text: str, kb: KnowledgeBase, matches: list[NameMatch], starts: list[int],
                 removed: set[int]) -> EntityCase | None:
    """Return the case of one entity (its span trimmed and the matches it overlaps), or None
    when nothing of it is left."""
    start, end = ent.start_char, ent.end_char
    if ent[0].lower_ == "the" and len(ent) > 1:
        start = ent[0].idx + 4
    # matches do not overlap and are sorted, so those touching the entity form one run
    first = max(bisect.bisect_left(starts, start) - 1, 0)
    last = bisect.bisect_left(starts, end)
    inside = [i for i in range(first, last)
              if matches[i].start < end and matches[i].end > start and i not in removed]
    leading = [i for i in inside if matches[i].start == start and matches[i].has("country", "capital")]
    if ent.label_ == "ORG" and leading and ent.start > 0 and doc[ent.start - 1].pos_ == "ADP":
        # "ambassador to Ukraine Bridget Brink": the place ends before the name
        start = _skip_space(text, matches[leading[0]].end, end)
        inside = [i for i in inside if i not in leading]
        if start >= end:
            return None
    return EntityCase(doc, ent, text, kb, matches, ent.label_, start, end, inside, removed)


#: Finds names that neither the dictionary nor spaCy's entities give; every rule runs.
UNTAGGED = RuleTable("actors.untagged", "names found after cue words when spaCy tagged none")


@UNTAGGED.rule
def city_after_location_word(doc, text: str, kb: KnowledgeBase, matches: list[NameMatch], removed: set[int],
                             extra: list[Item]) -> list[Item] | None:
    """An untagged capitalised word right after a location preposition that is a large city.

    Example: "fighting near Donetsk" with no entity -> the place Donetsk (Ukraine).
    """
    return _places_after_prepositions(doc, text, kb, matches, extra) or None


@UNTAGGED.rule
def name_after_honorific(doc, text: str, kb: KnowledgeBase, matches: list[NameMatch], removed: set[int],
                         extra: list[Item]) -> list[Item] | None:
    """A capitalised word after an honorific that nothing else covers is a person's name.

    Example: "Mr Okonjo said" with no entity -> the person "Okonjo".
    """
    return _honorific_names(doc, text, matches, removed, extra) or None


def collect_items(doc, text: str, kb: KnowledgeBase) -> list[Item]:
    """Return the dictionary matches and spaCy names of ``text``, arbitrated, in text order.

    The dictionary's matches come first; each spaCy entity then goes through the ``ENTITY``
    rules (it may add a name item and remove matches it overrules); the ``UNTAGGED`` rules add
    names spaCy did not tag. Overlaps are resolved in favour of the earlier, longer item.
    """
    matches = kb.match(text)
    starts = [m.start for m in matches]
    removed: set[int] = set()
    extra: list[Item] = []
    for ent in entities(doc):  # built once per document, shared with the other stages
        case = _entity_case(doc, ent, text, kb, matches, starts, removed)
        if case is None:
            continue
        _, outcome = ENTITY.first(case)
        if outcome is None:
            continue
        removed.update(outcome.remove)
        if outcome.item is not None:
            extra.append(outcome.item)
    for _, found in UNTAGGED.every(doc, text, kb, matches, removed, extra):
        extra.extend(found)
    items = [Item(m.start, m.end, m.text, match=m) for i, m in enumerate(matches) if i not in removed]
    items.extend(extra)
    items.sort(key=lambda it: (it.start, -it.end))
    deduped: list[Item] = []
    last_end = -1
    for item in items:
        if item.start >= last_end:
            deduped.append(item)
            last_end = item.end
    return deduped


def _honorific_names(doc, text: str, matches: list[NameMatch], removed: set[int], extra: list[Item]) -> list[Item]:
    """Return name items for capitalised words after an honorific that nothing else covers."""
    found: list[Item] = []
    taken = [(m.start, m.end) for i, m in enumerate(matches) if i not in removed] + [(e.start, e.end) for e in extra]
    for match in matches:
        if not match.has("honorific"):
            continue
        start = _skip_space(text, match.end, len(text))
        if start >= len(text) or not text[start].isupper():
            continue
        if any(s <= start < e for s, e in taken):
            continue
        end = start
        while end < len(text) and (text[end].isalpha() or text[end] in "-'"):
            end += 1
        if end > start + 1:
            found.append(Item(start, end, text[start:end], label="person-name"))
    return found


def _places_after_prepositions(doc, text: str, kb: KnowledgeBase, matches: list[NameMatch],
                               extra: list[Item]) -> list[Item]:
    """Return large cities named right after a location preposition that spaCy did not tag."""
    words = {w.lower() for w in kb.vocabulary.location_prepositions}
    taken = bytearray(len(text) + 1)
    for span in (*matches, *extra):
        taken[span.start:span.end] = b"\x01" * (span.end - span.start)
    found: list[Item] = []
    if len(doc) < 2:
        return found
    hashes = {doc.vocab.strings.add(w) for w in words}
    lowers = doc.to_array([LOWER]).tolist()
    for index, lower in enumerate(lowers[:-1]):
        if lower not in hashes:
            continue
        following = doc[index + 1]
        if following.pos_ != "PROPN" or following.ent_type_ or not following.text[:1].isupper():
            continue
        if taken[following.idx]:
            continue
        city = city_named(following.text, kb)
        if city is not None and city.population >= 100_000:
            found.append(Item(following.idx, following.idx + len(following), following.text, label="place",
                               city_country=city.country))
    return found


def city_named(name: str, kb: KnowledgeBase) -> City | None:
    """Return the gazetteer city called ``name``, unless the knowledge base says it is no place."""
    return find_city(name, kb.vocabulary.not_places)


def is_large_city(name: str, kb: KnowledgeBase) -> bool:
    """Return True when ``name`` is a city of 100,000 people or more."""
    city = city_named(name, kb)
    return city is not None and city.population >= 100_000


def _strip_possessive(text: str, start: int, end: int) -> int:
    for suffix in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(suffix):
            return end - len(suffix)
    return end


def _skip_space(text: str, index: int, limit: int) -> int:
    while index < limit and text[index] in " \t\n,":
        index += 1
    return index


def _uncovered_capitalised(text: str, start: int, end: int, inside: list[NameMatch]) -> bool:
    covered = bytearray(end - start)
    for m in inside:
        covered[max(m.start - start, 0):max(min(m.end, end) - start, 0)] = b"\x01" * (
            max(min(m.end, end) - start, 0) - max(m.start - start, 0))
    for word in re.finditer(r"[A-Z][\w'-]*", text[start:end]):
        if not any(covered[word.start():word.end()]):
            return True
    return False


def _given_name_before(doc, ent, matches: list[NameMatch], starts: list[int]):
    """Return the token before a one-word place entity when it reads as a given name: a capitalised
    proper noun of no entity and no dictionary entry, with a comma after the entity (an apposition
    follows: "Kenzo Oshima, the ... coordinator,"); else None."""
    if len(ent) != 1 or ent.start == 0 or ent.end >= len(doc) or doc[ent.end].text != ",":
        return None
    previous = doc[ent.start - 1]
    if previous.pos_ != "PROPN" or not previous.text[:1].isupper() or previous.ent_type_ or not previous.is_alpha:
        return None
    index = bisect.bisect_right(starts, previous.idx) - 1
    if index >= 0 and matches[index].start <= previous.idx < matches[index].end:
        return None  # a dictionary word ("Ukrainian", "President")
    return previous


def _preceded_by(doc, ent, kb: KnowledgeBase) -> bool:
    if ent.start == 0:
        return False
    words = {w.lower() for w in kb.vocabulary.location_prepositions}
    previous = doc[ent.start - 1]
    if previous.lower_ == "of" and ent.start > 1:
        return doc[ent.start - 2].lower_ in PLACE_NOUNS
    return previous.lower_ in words


