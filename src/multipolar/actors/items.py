"""Items to resolve: dictionary matches and spaCy names, arbitrated, in text order.

``collect_items`` is step 1-2 of the actor stage: the knowledge base's matches over the whole
text, then the spaCy entities that add to them (unknown people and organisations, cities of the
gazetteer) or overrule them (a person's name wins over a country word inside it).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.attrs import LOWER

from multipolar.gazetteer import City, find_city
from multipolar.kb import KnowledgeBase, NameMatch, Term
from multipolar.linguistics import PLACE_NOUNS

OWNER_KINDS = ("country", "adjective", "demonym", "metonym", "capital", "organisation")
DROPPED_INSIDE_PERSON = frozenset({"country", "capital", "metonym", "demonym", "organisation"})
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


def collect_items(doc, text: str, kb: KnowledgeBase) -> list[Item]:
    """Return the dictionary matches and spaCy names of ``text``, arbitrated, in text order."""
    matches = kb.match(text)
    starts = [m.start for m in matches]
    removed: set[int] = set()
    extra: list[Item] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in PERSON_LABELS and label not in PLACE_LABELS and label not in ("ORG", "NORP"):
            continue
        start, end = ent.start_char, ent.end_char
        if ent[0].lower_ == "the":
            start = ent[0].idx + 4 if len(ent) > 1 else start
        if label == "NORP":
            continue
        # matches do not overlap and are sorted, so those touching the entity form one run
        first = max(bisect.bisect_left(starts, start) - 1, 0)
        last = bisect.bisect_left(starts, end)
        inside = [i for i in range(first, last)
                  if matches[i].start < end and matches[i].end > start and i not in removed]
        if label in PERSON_LABELS:
            if any(matches[i].has("person") for i in inside):
                continue
            after_preposition = ent.start > 0 and doc[ent.start - 1].pos_ == "ADP"
            drop = [i for i in inside if (matches[i].end - matches[i].start) < (end - start)
                    and all(t.kind in DROPPED_INSIDE_PERSON for t in matches[i].terms)
                    and matches[i].start >= start and matches[i].end <= end
                    and not (after_preposition and matches[i].start == start)]
            removed.update(drop)
            keep = [i for i in inside if i not in drop]
            name_start = max([matches[i].end for i in keep if matches[i].start <= start + 1
                              or matches[i].has("title", "honorific", "adjective", "former")] or [start])
            name_start = _skip_space(text, name_start, end)
            end = _strip_possessive(text, name_start, end)
            remainder = text[name_start:end]
            if keep and " " not in remainder and remainder.endswith("s"):
                continue  # "Bosnian Serbs": a people, not a person
            if any(c.isdigit() for c in remainder):
                continue  # "Leopard 2": a thing
            if name_start < end and text[name_start].isupper() and not any(matches[i].start >= name_start for i in keep):
                city = city_named(remainder, kb) if _preceded_by(doc, ent, kb) else None
                if city is not None:
                    extra.append(Item(name_start, end, remainder, label="place", city_country=city.country))
                else:
                    extra.append(Item(name_start, end, remainder, label="person-name"))
            continue
        leading = [i for i in inside if matches[i].start == start and matches[i].has("country", "capital")]
        if label == "ORG" and leading and ent.start > 0 and doc[ent.start - 1].pos_ == "ADP":
            # "ambassador to Ukraine Bridget Brink": the place ends before the name
            start = _skip_space(text, matches[leading[0]].end, end)
            inside = [i for i in inside if i not in leading]
            if start >= end:
                continue
        covered = sum(matches[i].end - matches[i].start for i in inside)
        uncovered_capital = _uncovered_capitalised(text, start, end, [matches[i] for i in inside])
        city = city_named(text[start:end], kb) if not inside else None
        given = _given_name_before(doc, ent, matches, starts)
        if city is not None and label in PLACE_LABELS and given is not None and not _preceded_by(doc, ent, kb):
            # "Kenzo Oshima, the UN relief coordinator": a given name and a surname that is also a town
            extra.append(Item(given.idx, end, text[given.idx:end], label="person-name"))
            continue
        if city is not None and (label in PLACE_LABELS or _preceded_by(doc, ent, kb)):
            extra.append(Item(start, end, text[start:end], label="place", city_country=city.country))
            continue
        if label == "ORG" and uncovered_capital and covered < end - start:
            sector = next((m.first("group", "title").key for m in (matches[i] for i in inside)
                           if m.first("group", "title") is not None), None)
            owner_term = next((m.first(*OWNER_KINDS) for m in (matches[i] for i in inside)
                               if m.first(*OWNER_KINDS) is not None), None)
            if any(matches[i].has("organisation", "person") for i in inside):
                continue
            removed.update(inside)
            extra.append(Item(start, end, text[start:end], label="org-name", sector=sector,
                               owner=owner_term.key if owner_term else None))
    extra += _places_after_prepositions(doc, kb, matches, extra)
    items = [Item(m.start, m.end, m.text, match=m) for i, m in enumerate(matches) if i not in removed]
    items += _honorific_names(doc, text, matches, removed, extra)
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


def _places_after_prepositions(doc, kb: KnowledgeBase, matches: list[NameMatch], extra: list[Item]) -> list[Item]:
    """Return large cities named right after a location preposition that spaCy did not tag."""
    words = {w.lower() for w in kb.vocabulary.location_prepositions}
    taken = bytearray(len(doc.text) + 1)
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


