"""Find and resolve the political actors of an article.

``find_actors`` runs these steps over one parsed article:

1. dictionary names: the knowledge base's Aho-Corasick matcher over the whole text (countries,
   adjectives, capitals and seats of government, organisations, people, sector words, titles,
   honorifics), longest match first;
2. spaCy entities (PERSON, ORG, GPE, LOC, FAC, NORP) arbitrate: a person's name wins over a
   country word inside it ("Jordan Peterson"); names the dictionary does not know become name
   items (unknown people and organisations, cities from the offline gazetteer);
3. composition, in text order: a name takes the description in front of it ("Russian
   President Vladimir Putin", "China's state Xinhua News Agency"), sector words take the country
   that owns them ("Russian troops" -> RUSMIL, "the president of Ukraine"), and references go
   back to actors already named ("Mr Xi", "the Russian leader", "his Chinese counterpart",
   "the two leaders", "both countries", a surname alone);
4. civilians, refugees and police without a country word take the country of the place
   where they are ("8,000 people ... into Kharkiv" -> UKRCVL).

People the knowledge base does not know keep their name and take country and sector from
their description; with no description they are returned unresolved, never guessed.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from multipolar.actors.items import OWNER_KINDS, Item, city_named, collect_items, is_large_city
from multipolar.kb import KnowledgeBase, Term, get_kb
from multipolar.kb.base import fold_accents
from multipolar.linguistics import PLACE_NOUNS, SETTING_NOUNS, layer_of
from multipolar.records import ActorMention, Article

LOCATED_SECTORS = frozenset({"CVL", "REF", "COP"})
QUANTITY_LINKS = frozenset({"of", "to"})  # "upwards of 10,000", "up to 16": only after a quantity word
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_WINDOW = 6
_PLACE_MEMORY_SENTENCES = 3
_PLACE_WORDS = PLACE_NOUNS | SETTING_NOUNS
# "the Bush administration", "the Thatcher government": a leader's name before one of these words
# stands for that leader's government, whatever the article's date
_LEADER_GOVERNMENT = re.compile(r"(?:'s|’s)?\s+(administration|government|cabinet|regime|presidency)\b")


@dataclass
class _Known:
    """An actor already named in the article, for references further on."""

    name: str | None
    surname: str | None
    code: str | None
    country: str | None
    sector: str | None
    entity_id: str | None
    role: str | None
    mention_index: int


@dataclass
class _Description:
    """What the words in front of (or after) a head word say about it."""

    start: int
    owner: str | None = None
    former: bool = False
    numeric: bool = False
    title: Item | None = None
    honorific: bool = False
    determiner: bool = False
    owner_is_organisation: bool = False
    consumed: list[Item] = field(default_factory=list)


class _Resolver:
    """Holds the state of one article while its items are resolved in text order."""

    def __init__(self, doc, article: Article, kb: KnowledgeBase) -> None:
        self.doc = doc
        self.text = article.text
        self.kb = kb
        self.date = _article_date(article)
        self.layer = layer_of(doc)
        self.token_starts = self.layer.token_starts
        self.sentence_starts = self.layer.sentence_starts
        self.mentions: list[ActorMention] = []
        self.persons: list[_Known] = []
        self.countries: list[tuple[int, str]] = []  # (mention index, ISO3) in text order
        self.places: list[tuple[int, str]] = []  # (sentence index, ISO3)
        self.location_words = frozenset(w.lower() for w in kb.vocabulary.location_prepositions)
        self.descriptions: dict[int, _Description] = {}
        self.words = kb.vocabulary

    # ---------------------------------------------------------------- helpers
    def sentence_of(self, char: int) -> int:
        """Return the index of the sentence holding ``char``."""
        return self.layer.sentence_of(char)

    def token_at(self, char: int) -> int:
        """Return the index of the token holding (or just before) ``char``."""
        return self.layer.token_at(char)

    def emit(self, start: int, end: int, code: str | None, country: str | None, sector: str | None, kind: str,
             rule: str, name: str | None = None, role: str | None = None, entity_id: str | None = None,
             resolved: bool = True) -> ActorMention:
        """Record and return one mention (its sentence and the country registry are filled in)."""
        mention = ActorMention(
            text=self.text[start:end], start=start, end=end, code=code, country=country, sector=sector, kind=kind,
            rule=rule, name=name, role=role, entity_id=entity_id,
            resolved=resolved and (code is not None or (kind == "place" and country is not None)),
            sentence_index=self.sentence_of(start),
        )
        self.mentions.append(mention)
        if country and kind != "place":
            self.countries.append((len(self.mentions) - 1, country))
        return mention

    def remember_person(self, mention: ActorMention) -> None:
        """Keep a person mention for later references (surname, "the president", "Mr X")."""
        name = mention.name
        surname = name.split()[-1] if name else None
        self.persons.append(_Known(name, surname, mention.code, mention.country, mention.sector, mention.entity_id,
                                   mention.role, len(self.mentions) - 1))

    def preceding_word(self, char: int) -> str:
        """Return the word before ``char``, skipping "the" and place adjectives ("in central Baghdad")."""
        index = self.token_at(char) - 1
        while index > 0 and (self.doc[index].lower_ in self.words.place_adjectives or self.doc[index].lower_ == "the"
                             or self.doc[index].pos_ == "ADJ"):
            index -= 1
        return self.doc[index].lower_ if index >= 0 else ""

    def is_location(self, item: Item) -> bool:
        """Return True when a place name is used as a location ("in Moscow"), not as an actor."""
        nxt = self.text[item.end:item.end + 2]
        if nxt in ("'s", "’s"):
            return False
        word = self.preceding_word(item.start)
        index = self.token_at(item.start) - 1
        if word in self.location_words or (index >= 0 and self.doc[index].lower_ in _PLACE_WORDS):
            return True  # "in Kyiv", "Ukraine's capital Kyiv"
        return index > 0 and self.doc[index].lower_ == "of" and self.doc[index - 1].lower_ in PLACE_NOUNS

    # ---------------------------------------------------------------- descriptions
    def describe_left(self, head: Item, items: list[Item], position: int) -> _Description:
        """Return the description in front of ``items[position]`` within its noun phrase."""
        description = _Description(start=head.start)
        sentence_start = self.sentence_starts[self.sentence_of(head.start)]
        head_token = self.token_at(head.start)
        index = head_token - 1
        item_index = position - 1
        steps = 0
        while index >= 0 and steps < _WINDOW:
            token = self.doc[index]
            if token.idx < sentence_start:
                break
            while item_index >= 0 and items[item_index].start > token.idx:
                item_index -= 1
            item = items[item_index] if item_index >= 0 else None
            if item is not None and item.start <= token.idx < item.end and not item.used:
                if item.has("former"):
                    description.former = True
                elif item.has("honorific"):
                    description.honorific = True
                elif item.has("title", "group") and (description.owner is None or description.owner_is_organisation):
                    description.title = description.title or item
                elif item.has("person"):  # "Putin's troops", "the Bush administration"
                    possessive = self.text[item.end:item.end + 2] in ("'s", "’s")
                    adjacent = self.text[item.end:head.start].strip() == "" and head.has("group")
                    term = item.first("person")
                    country = self.kb.person_state(self.kb.people[term.key], self.date).country if term else None
                    if not (possessive or adjacent) or country is None or description.owner is not None:
                        break
                    description.owner = country
                elif item.has(*OWNER_KINDS) and self.destination_word(item) is not None:
                    # "ambassador to Germany X": Germany is where the envoy serves, not whose envoy
                    description.consumed.append(item)
                    description.start = item.start
                    index = self.destination_word(item) - 1
                    steps += 1
                    continue
                elif item.has(*OWNER_KINDS) and (description.owner is None or description.owner_is_organisation):
                    term = item.first(*OWNER_KINDS)
                    assert term is not None
                    if description.owner is not None and term.kind == "organisation":
                        break
                    description.owner = term.key
                    description.owner_is_organisation = term.kind == "organisation"
                else:
                    break
                description.consumed.append(item)
                description.start = item.start
                index = self.token_at(item.start) - 1
                steps += 1
                continue
            lower = token.lower_
            if (lower == "," and steps == 0 and index > 0 and (head.has("person") or head.label == "person-name")
                    and item is not None and item.start <= self.doc[index - 1].idx < item.end and item.has("title")):
                index -= 1  # "the Russian foreign minister, Sergei Lavrov": the title before the comma
                steps += 1
                continue
            if lower in QUANTITY_LINKS:
                before = self.doc[index - 1] if index > 0 else None
                if before is None or not (before.like_num or before.lower_ in self.words.quantity_words):
                    break
                index -= 1
                steps += 1
                continue
            if token.like_num:
                description.numeric = True
                description.start = token.idx
            elif lower in self.words.reference_determiners:
                description.determiner = True
            elif not (lower in self.words.modifiers or token.pos_ in ("ADJ", "NUM", "DET")
                      or (token.dep_ in ("compound", "amod", "nummod", "poss", "case") and token.head.i > index
                          and token.head.i <= head_token + 8 and (token.pos_ != "PROPN" or not token.ent_type_))):
                break
            elif token.pos_ in ("ADJ", "NOUN") and lower not in self.words.modifiers:
                description.start = token.idx
            index -= 1
            steps += 1
        return description

    def destination_word(self, item: Item) -> int | None:
        """Return the index of "to"/"at" when ``item`` follows "ambassador to (the)", else None."""
        index = self.token_at(item.start) - 1
        if index > 0 and self.doc[index].lower_ == "the":
            index -= 1
        if index < 1 or self.doc[index].lower_ not in ("to", "at"):
            return None
        before = self.doc[index - 1]
        title = self.kb.terms_for(before.text)
        return index if any(t.kind == "title" for t in title) else None

    def owner_right(self, head: Item, items: list[Item], position: int) -> Item | None:
        """Return the owner named after ``head`` as "of Ukraine" / "from Chad", or None."""
        following = self.text[head.end:head.end + 12].lower()
        if not following.startswith((" of ", " from ")):
            return None
        for item in items[position + 1:position + 3]:
            gap = self.text[head.end:item.start].lower().split()
            if (gap and gap[0] in ("of", "from") and len(gap) <= 2 and (len(gap) == 1 or gap[1] == "the")
                    and item.has(*OWNER_KINDS) and not item.has("person")):
                return item
            break
        return None

    def modifies_a_noun(self, item: Item, items: list[Item], position: int) -> bool:
        """Return True when a sector word only qualifies the noun after it ("refugee camp", "army base")."""
        last = self.token_at(item.end - 1)
        if last + 1 >= len(self.doc):
            return False
        token, following = self.doc[last], self.doc[last + 1]
        if position + 1 < len(items) and items[position + 1].start <= following.idx:
            return False
        return token.dep_ == "compound" and following.pos_ == "NOUN" and token.head.i > last

    def known_person(self, item: Item) -> _Known | None:
        """Return the person named earlier in the article that ``item`` refers to, or None."""
        words = item.text.split()
        for known in reversed(self.persons):
            if not known.name:
                continue
            if item.text == known.name or words[-1] == known.surname:
                return known
            if len(words) == 1 and words[0] in known.name.split()[:-1] and len(words[0]) > 2:
                return known  # "Kim" for Kim Jong Un, "Xi" for Xi Jinping: family name first
        return None

    def located_country(self, char: int) -> str | None:
        """Return the country of the place nearest ``char`` in its sentence, else of a recent place."""
        sentence = self.sentence_of(char)
        same = [(abs(m.start - char), m.country) for m in self.mentions
                if m.sentence_index == sentence and m.country and (m.kind == "place" or self.names_places(m))]
        if same:
            return min(same)[1]
        recent = [country for s, country in self.places if 0 <= sentence - s <= _PLACE_MEMORY_SENTENCES]
        return recent[-1] if recent else None

    def names_places(self, mention: ActorMention) -> bool:
        """Return True when a country word qualifies places ("in Russian cities", "Ukrainian
        villages"): it says where things happen, like a place name."""
        if mention.kind != "country":
            return False
        following = self.text[mention.end:mention.end + 24].split()
        return bool(following) and following[0].lower().strip(",.;") in _PLACE_WORDS

    # ---------------------------------------------------------------- resolution
    def attach_descriptions(self, items: list[Item]) -> None:
        """Give every head (name or sector word) the words in front of it, right to left, so
        that "Russian President Vladimir Putin" is one mention and "Russian" is not also alone."""
        for position in range(len(items) - 1, -1, -1):
            item = items[position]
            if item.used:
                continue
            # right to left: a name takes its title first; a title it did not take is a head itself
            is_head = item.has("person", "organisation", "title", "group") or item.label in ("person-name", "org-name")
            if not is_head:
                continue
            description = self.describe_left(item, items, position)
            self.descriptions[position] = description
            for consumed in description.consumed:
                consumed.used = True

    def description(self, items: list[Item], position: int) -> _Description:
        """Return the description attached to ``items[position]``."""
        found = self.descriptions.get(position)
        return found if found is not None else self.describe_left(items[position], items, position)

    def resolve(self, items: list[Item]) -> list[ActorMention]:
        """Return the mentions of ``items``, resolved in text order."""
        pending_groups: list[tuple[int, Item, _Description]] = []
        self.attach_descriptions(items)
        for position, item in enumerate(items):
            if item.used:
                continue
            if item.has("person"):
                self.person(item, items, position)
            elif item.label == "person-name":
                self.person_name(item, items, position)
            elif item.has("organisation"):
                self.organisation(item, items, position)
            elif item.label == "org-name":
                self.unknown_organisation(item, items, position)
            elif item.label == "place":
                self.place(item)
            elif item.has("title", "group"):  # a title its name did not take is resolved alone
                pending = self.sector_word(item, items, position)
                if pending is not None:
                    pending_groups.append((position, item, pending))
            elif item.has("plural-persons"):
                self.plural_persons(item)
            elif item.has("plural-countries"):
                self.plural_countries(item)
            elif item.has("person-country", "last-country"):
                self.country_reference(item)
            elif item.has("capital"):
                self.capital(item)
            elif item.has("metonym") and (item.text.isupper() and len(item.text) > 3
                                          or self.is_location(item) and is_large_city(item.text, self.kb)):
                term = item.first("metonym")
                assert term is not None
                self.emit(item.start, item.end, None, term.key, None, "place", "metonym-place", name=item.text)
                self.remember_place(item, term.key)
            elif item.has("metonym"):
                term = item.first("metonym")
                assert term is not None
                self.emit(item.start, item.end, term.key + "GOV", term.key, "GOV", "country", "metonym",
                          name=self.kb.countries[term.key].name, entity_id=term.key)
            elif item.has("country", "demonym", "adjective"):
                term = item.first("country", "demonym", "adjective")
                assert term is not None
                self.emit(item.start, item.end, term.key, term.key, None, "country", f"country-{term.kind}",
                          name=self.kb.countries[term.key].name, entity_id=term.key)
            item.used = True
        for _, item, description in pending_groups:
            self.located_group(item, description)
        self.backfill_unknown_people()
        self.mentions.sort(key=lambda m: (m.start, m.end))
        return self.mentions

    def backfill_unknown_people(self) -> None:
        """Give earlier bare mentions of an unknown person the description found later in the
        article ("Yuri Ushakov ... Russian presidential aide Yuri Ushakov")."""
        described: dict[str, ActorMention] = {}
        for mention in self.mentions:
            if mention.kind == "person" and mention.resolved and mention.name and mention.entity_id is None:
                described.setdefault(mention.name, mention)
        if not described:
            return
        surnames = {name.split()[-1]: m for name, m in described.items()}
        for index, mention in enumerate(self.mentions):
            if mention.kind != "person" or mention.resolved or not mention.name:
                continue
            source = described.get(mention.name) or surnames.get(mention.name.split()[-1])
            if source is not None:
                self.mentions[index] = dataclasses.replace(
                    mention, code=source.code, country=source.country, sector=source.sector, role=source.role,
                    name=source.name, resolved=True, rule=mention.rule + "+later-description")

    def leader_government(self, item: Item, people: list, items: list[Item], position: int) -> bool:
        """Emit "the X administration" (X the surname of a head of state or government of one
        country) as that country's government and return True; else return False."""
        following = _LEADER_GOVERNMENT.match(self.text, item.end)
        if following is None or not people:
            return False
        countries = {r.of for p in people for r in p.roles
                     if r.sector == "GOV" and r.of in self.kb.countries and r.title.lower() in self.kb.leader_titles}
        if len(countries) != 1:
            return False
        country = countries.pop()
        description = self.description(items, position)
        end = following.end()
        for later in items[position + 1:]:
            if later.start >= end:
                break
            later.used = True  # the government word belongs to this mention
        self.emit(description.start, end, country + "GOV", country, "GOV", "country", "leader-government",
                  name=self.kb.countries[country].name, entity_id=country)
        self.mark(description)
        return True

    def person(self, item: Item, items: list[Item], position: int) -> None:
        """Resolve a person of the knowledge base, with the description in front of the name."""
        term = item.first("person")
        assert term is not None
        person = self.kb.people[term.key]
        if self.leader_government(item, [person], items, position):
            return
        description = self.description(items, position)
        state = self.kb.person_state(person, self.date)
        role = state.role.title if state.role else None
        if description.title is not None and role is None:
            role = description.title.text
        kind = "person" if person.kind == "person" else ("country" if state.sector is None else "organisation")
        mention = self.emit(description.start, item.end, state.code, state.country, state.sector, kind,
                            f"kb-person:{state.rule}", name=person.name, role=role, entity_id=person.id)
        self.mark(description)
        self.remember_person(mention)

    def mark(self, description: _Description) -> None:
        """Mark the words of a description as used, keeping the countries they name."""
        for consumed in description.consumed:
            consumed.used = True
            if consumed.has(*OWNER_KINDS):
                term = consumed.first(*OWNER_KINDS)
                if term is not None and term.key in self.kb.countries:
                    self.countries.append((len(self.mentions) - 1, term.key))

    def person_name(self, item: Item, items: list[Item], position: int) -> None:
        """Resolve a person name the dictionary does not hold: reference, surname, description or unknown."""
        description = self.description(items, position)
        single = len(item.text.split()) == 1
        known = self.known_person(item) if (single or description.honorific) else None
        if known is None:
            candidates = self.kb.surname_people(item.text.split()[-1])
            if single and self.leader_government(item, candidates, items, position):
                return
            if not (single or description.honorific):  # "Omar El Bashir": same surname and first name
                first = fold_accents(item.text.split()[0].lower())
                candidates = [p for p in candidates if fold_accents(p.name.split()[0].lower()) == first]
                if not candidates:  # "Francois Mitterand": the same first name, a surname one letter off
                    candidates = self.kb.similar_people(item.text.split()[0], item.text.split()[-1])
            stated = self.stated_country(item, items, position, description)
            if stated is not None:  # "King Hassan of Morocco" is not a namesake from another country
                candidates = [p for p in candidates if stated == p.country or any(r.of == stated for r in p.roles)]
            states = [self.kb.person_state(p, self.date) for p in candidates]
            if len(candidates) == 1:
                state = states[0]
                mention = self.emit(description.start, item.end, state.code, state.country, state.sector, "person",
                                    "kb-surname" + ("+honorific" if description.honorific else ""),
                                    name=candidates[0].name, role=state.role.title if state.role else None,
                                    entity_id=candidates[0].id)
                self.mark(description)
                self.remember_person(mention)
                return
            if len(candidates) > 1 and len({s.code for s in states}) == 1 and states[0].code is not None:
                state = states[0]  # "Bush": two people, one code on this date
                mention = self.emit(description.start, item.end, state.code, state.country, state.sector, "person",
                                    "kb-surname-shared-code", name=item.text)
                self.mark(description)
                self.remember_person(mention)
                return
        if known is None and single and not description.consumed and is_large_city(item.text, self.kb):
            city = city_named(item.text, self.kb)
            assert city is not None
            self.emit(item.start, item.end, None, city.country, None, "place", "gazetteer-place", name=item.text)
            self.remember_place(item, city.country)
            return
        if known is not None:
            mention = self.emit(description.start, item.end, known.code, known.country, known.sector, "person",
                                "surname-coreference" + ("+honorific" if description.honorific else ""),
                                name=known.name, role=known.role, entity_id=known.entity_id,
                                resolved=known.code is not None)
            self.mark(description)
            return
        owner, sector, rule, kind = description.owner, None, "unknown-person", "person"
        if owner is None:
            owner_item = self.owner_right(item, items, position)  # "King X of Morocco"
            owner_term = owner_item.first(*OWNER_KINDS) if owner_item is not None else None
            if owner_term is not None:
                owner = owner_term.key
                owner_item.used = True
        title = description.title
        if title is None:
            appositive_owner, title = self.appositive(item, items, position)
            owner = owner or appositive_owner
        if title is not None:
            title_term = title.first("title", "group")
            assert title_term is not None
            sector = title_term.key
            if description.former and sector == "GOV":
                sector = "ELI"
            rule = "described-person"
            named_group = (title_term.kind == "group" and not any(c.has("title") for c in description.consumed)
                           and self.text[title.end:item.start].strip(" ,") == "")
            if named_group:  # "newspaper Jutarnji", "rebel group X": a named group
                rule, kind = "described-organisation", "organisation"
        if owner is None and title is not None:
            owner_item = self.owner_right(title, items, items.index(title))
            if owner_item is not None:
                owner_term = owner_item.first(*OWNER_KINDS)
                owner = owner_term.key if owner_term else None
        code = country = None
        if owner is not None and sector is not None:
            code, country, sector = self.kb.owner_code(owner, sector)
        elif owner is not None and owner in self.kb.countries:
            code = country = owner  # "the Pakistani envoy X": a country, no sector
            rule = "described-person"
        mention = self.emit(description.start, item.end, code, country, sector, kind, rule, name=item.text,
                            role=title.text if title is not None else None, resolved=code is not None)
        self.mark(description)
        if kind == "person":
            self.remember_person(mention)

    def stated_country(self, item: Item, items: list[Item], position: int, description: _Description) -> str | None:
        """Return the country the words around a name give it ("Moroccan King X", "King X of
        Morocco"), or None when they name no country."""
        owner = description.owner
        if owner is None:
            owner_item = self.owner_right(item, items, position)
            term = owner_item.first(*OWNER_KINDS) if owner_item is not None else None
            owner = term.key if term is not None else None
        return owner if owner in self.kb.countries else None

    def appositive(self, item: Item, items: list[Item], position: int) -> tuple[str | None, Item | None]:
        """Return (owner, title) from ", the Russian foreign minister," right after a name."""
        after = self.text[item.end:item.end + 2]
        if not after.startswith(","):
            return None, None
        owner: str | None = None
        sentence = self.sentence_of(item.start)
        for nxt in items[position + 1:position + 4]:
            if self.sentence_of(nxt.start) != sentence or nxt.start - item.end > 60:
                break
            if nxt.has(*OWNER_KINDS) and owner is None and not nxt.has("person"):
                term = nxt.first(*OWNER_KINDS)
                owner = term.key if term else None
                continue
            if nxt.has("title"):
                gap = self.text[item.end:nxt.start]
                if "." in gap or ";" in gap or gap.count(",") > 1:
                    break
                nxt.used = owner is not None
                return owner, nxt
            break
        return None, None

    def organisation(self, item: Item, items: list[Item], position: int) -> None:
        """Resolve an organisation or media outlet of the knowledge base."""
        term = item.first("organisation")
        assert term is not None
        org = self.kb.organisations[term.key]
        description = self.description(items, position)
        code, country, sector = self.kb.organisation_code(org)
        self.emit(description.start, item.end, code, country, sector, "organisation", "kb-organisation",
                  name=org.name, entity_id=org.code)
        self.mark(description)

    def unknown_organisation(self, item: Item, items: list[Item], position: int) -> None:
        """Resolve an organisation name the dictionary does not hold, from its description."""
        description = self.description(items, position)
        if description.title is not None and description.title.has("title") and not item.sector:
            self.person_name(item, items, position)  # "the Ukrainian envoy Taras Hnatyuk" tagged ORG
            return
        known = self.known_person(item) if " " not in item.text else None
        if known is not None and not description.consumed:  # spaCy took a surname for an organisation
            self.emit(item.start, item.end, known.code, known.country, known.sector, "person",
                      "surname-coreference", name=known.name, role=known.role, entity_id=known.entity_id,
                      resolved=known.code is not None)
            return
        owner = item.owner or description.owner
        sector = item.sector or (description.title.first("title", "group").key
                                 if description.title is not None and description.title.first("title", "group") else None)
        if owner is not None and sector is not None:
            code, country, sector = self.kb.owner_code(owner, sector)
            self.emit(description.start, item.end, code, country, sector, "organisation", "described-organisation",
                      name=item.text)
        else:
            self.emit(description.start, item.end, None, owner if owner in self.kb.countries else None, sector,
                      "organisation", "unknown-organisation", name=item.text, resolved=False)
        self.mark(description)

    def place(self, item: Item) -> None:
        """Record a city of the gazetteer as a place of its country."""
        country = item.city_country
        self.emit(item.start, item.end, None, country, None, "place", "gazetteer-place", name=item.text)
        if country:
            self.remember_place(item, country)

    def remember_place(self, item: Item, country: str) -> None:
        """Keep a place where things happen ("in Kharkiv"), not a destination ("flew to Moscow")."""
        if self.preceding_word(item.start) not in ("to", "towards", "toward", "from", "via"):
            self.places.append((self.sentence_of(item.start), country))

    def capital(self, item: Item) -> None:
        """Resolve a capital: a place after a location word, else the government it stands for."""
        term = item.first("capital")
        assert term is not None
        country = self.kb.countries[term.key]
        dateline = self.layer.in_dateline(item.start) or (item.text.isupper() and len(item.text) > 3)
        if dateline or self.is_location(item):
            self.emit(item.start, item.end, None, term.key, None, "place",
                      "dateline-place" if dateline else "capital-place", name=country.capital)
            self.remember_place(item, term.key)
            return
        self.emit(item.start, item.end, term.key + "GOV", term.key, "GOV", "country", "capital-metonym",
                  name=country.name, entity_id=term.key)

    def sector_word(self, item: Item, items: list[Item], position: int) -> _Description | None:
        """Resolve a sector word; return its description when it waits for a place (civilians)."""
        term = item.first("title", "group")
        assert term is not None
        qualifier = self.modifies_a_noun(item, items, position)
        description = self.description(items, position)
        owner = description.owner
        end = item.end
        if owner is None:
            owner_item = self.owner_right(item, items, position)
            if owner_item is not None:
                owner_term = owner_item.first(*OWNER_KINDS)
                owner = owner_term.key if owner_term else None
                end = owner_item.end
                owner_item.used = True
        sector = "ELI" if description.former and term.key == "GOV" else term.key
        if owner is not None:
            code, country, sector = self.kb.owner_code(owner, sector)
            linked = self.linked_person(term, item, owner, description) if term.kind == "title" else None
            if linked is not None:
                self.emit(description.start, end, linked.code or code, linked.country or country,
                          linked.sector or sector, "reference", "reference-description", name=linked.name,
                          role=linked.role or item.text, entity_id=linked.entity_id)
            else:
                self.emit(description.start, end, code, country, sector,
                          "group" if term.kind == "group" or qualifier else "person", "description", role=item.text)
            self.mark(description)
            return None
        if term.kind == "title" and description.determiner and not description.former and not qualifier:
            linked = self.linked_person(term, item, None, description)
            if linked is not None:
                self.emit(item.start, item.end, linked.code, linked.country, linked.sector, "reference",
                          "reference-title", name=linked.name, role=linked.role, entity_id=linked.entity_id,
                          resolved=linked.code is not None)
                return None
        if term.key in LOCATED_SECTORS and (description.numeric or item.text.lower() != "people"):
            return description
        return None

    def linked_person(self, term: Term, item: Item, owner: str | None, description: _Description) -> _Known | None:
        """Return the person a title refers back to ("the Russian leader", "the president")."""
        word = item.text.lower()
        generic = word in ("leader", "counterpart", "head of state", "head of government")
        for known in reversed(self.persons):
            if known.code is None:
                continue
            if owner is not None and known.country != owner and not (known.code or "").startswith(owner):
                continue
            role = (known.role or "").lower()
            if generic and known.sector in ("GOV", term.key) and role in self.kb.leader_titles:
                return known
            if role == word or (role.endswith(" " + word) and not role.startswith(("vice", "deputy", "acting"))):
                return known
        if owner is not None:
            holders = self.kb.holders(word, owner, self.date)
            if len(holders) == 1:
                person, _ = holders[0]
                state = self.kb.person_state(person, self.date)
                return _Known(person.name, person.name.split()[-1], state.code, state.country, state.sector,
                              person.id, state.role.title if state.role else None, -1)
        return None

    def located_group(self, item: Item, description: _Description) -> None:
        """Resolve civilians, refugees or police by the place they are in; unresolved with a number."""
        term = item.first("title", "group")
        assert term is not None
        country = self.located_country(item.start)
        if country is not None:
            self.emit(description.start, item.end, country + term.key, country, term.key, "group", "located-group",
                      role=item.text)
        elif description.numeric:
            self.emit(description.start, item.end, None, None, term.key, "group", "unlocated-group", role=item.text,
                      resolved=False)

    def plural_persons(self, item: Item) -> None:
        """Resolve "the two leaders" to the last two people named."""
        seen: list[_Known] = []
        for known in reversed(self.persons):
            if known.code and all(k.entity_id != known.entity_id or k.name != known.name for k in seen):
                seen.append(known)
            if len(seen) == 2:
                break
        for known in seen:
            self.emit(item.start, item.end, known.code, known.country, known.sector, "reference", "plural-persons",
                      name=known.name, role=known.role, entity_id=known.entity_id)

    def country_reference(self, item: Item) -> None:
        """Resolve "his country" (the last person's country) and "the country" (the last country)."""
        country: str | None = None
        if item.has("person-country"):
            country = next((k.country for k in reversed(self.persons) if k.country), None)
        elif self.countries:
            country = self.countries[-1][1]
        if country is not None:
            self.emit(item.start, item.end, country, country, None, "reference", "country-reference",
                      name=self.kb.countries[country].name if country in self.kb.countries else None,
                      entity_id=country)

    def plural_countries(self, item: Item) -> None:
        """Resolve "both countries" to the last two countries named."""
        seen: list[str] = []
        for _, country in reversed(self.countries):
            if country not in seen:
                seen.append(country)
            if len(seen) == 2:
                break
        if len(seen) < 2:
            return
        for country in seen:
            self.emit(item.start, item.end, country, country, None, "reference", "plural-countries",
                      name=self.kb.countries[country].name, entity_id=country)


def _article_date(article: Article) -> str | None:
    if article.date_source == "default" or not article.date:
        return None
    match = _DATE_RE.match(article.date)
    return match.group(0) if match else None


def find_actors(doc, article: Article, kb: KnowledgeBase | None = None) -> list[ActorMention]:
    """Return the actor mentions of ``article`` (parsed as ``doc``), in text order.

    Each mention has its span in ``article.text``, the code on the article's date (CAMEO
    style, ``RUSGOV``), its country and sector, the rule that produced it and the knowledge
    base entry (``entity_id``); unknown people without a description are ``resolved=False``.
    """
    kb = kb or get_kb()
    text = article.text
    if not text:
        return []
    items = collect_items(doc, text, kb)
    return _Resolver(doc, article, kb).resolve(items)
