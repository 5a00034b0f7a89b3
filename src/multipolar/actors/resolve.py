"""Find and resolve the political actors of an article.

``find_actors`` runs these steps over one parsed article:

1. names (``items.collect_items``): the knowledge base's Aho-Corasick matcher over the whole
   text (countries, adjectives, capitals, organisations, people, sector words, titles,
   honorifics), then spaCy's entities arbitrated by the ``actors.entity`` rules (a person's
   name wins over a country word inside it; unknown people, organisations and gazetteer cities
   become name items) and the ``actors.untagged`` rules;
2. descriptions (``describe.describe_left``), right to left: the ``actors.describe`` rules give
   every head word the words in front of it ("Russian President Vladimir Putin", "Chilean
   police", "40 protesters");
3. resolution, in text order: the ``actors.head`` rules pick what each item is (a known person,
   a country word, a capital, a sector word ...), delegating to ``actors.person_name`` (unknown
   person names), ``actors.organisation`` (unknown organisations) and ``actors.sector`` (sector
   words with or without an owner, titles that refer back);
4. groups without a country word ("police", "refugees", "protesters") take the country of the
   place where they are (``actors.located``).

Every mention's ``rule`` is the qualified name (``table:rule``) of the rule that made it.
People the knowledge base does not know keep their name and take country and sector from their
description; with no description they are returned unresolved, never guessed.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property

from multipolar.actors.describe import Description, describe_left
from multipolar.actors.items import OWNER_KINDS, Item, city_named, collect_items, is_large_city
from multipolar.actors.outcome import Resolution
from multipolar.actors.people import PERSON_NAME, NameCase
from multipolar.kb import KnowledgeBase, Term, get_kb
from multipolar.linguistics import PLACE_NOUNS, SETTING_NOUNS, layer_of, subject_of
from multipolar.records import ActorMention, Article
from multipolar.rules import RuleTable

LOCATED_SECTORS = frozenset({"CVL", "REF", "COP"})  # their titles wait for a place too ("a protester")
# sectors whose group words without a country take one from where they are ("rebels", "lawmakers")
# sectors whose singular group words name one national institution ("the army", "parliament")
INSTITUTION_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
LOCATED_GROUP_SECTORS = frozenset({"REB", "LEG", "MIL", "POL", "JUD", "GOV", "LAB", "REL", "ETH", "SPY"})
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_PLACE_MEMORY_SENTENCES = 3
_PLACE_WORDS = PLACE_NOUNS | SETTING_NOUNS
_MOTION_WORDS = frozenset({"to", "towards", "toward", "from", "via"})
_POSSESSIVES = frozenset({"his", "her", "its", "their"})
_ADDRESS_VERBS = frozenset({"tell", "address", "brief", "inform", "thank", "order", "instruct"})
# "the Bush administration", "the Thatcher government": a leader's name before one of these words
# stands for that leader's government, whatever the article's date
_LEADER_GOVERNMENT = re.compile(r"(?:'s|’s)?\s+(administration|government|cabinet|regime|presidency)\b")


@dataclass
class Known:
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
class Case:
    """One item to resolve, with its neighbours and the resolver of its article."""

    resolver: Resolver
    item: Item
    items: list[Item]
    position: int

    @property
    def description(self) -> Description:
        """Return the description attached to the item."""
        return self.resolver.description(self.items, self.position)


class Resolver:
    """Holds the state of one article while its items are resolved in text order."""

    def __init__(self, doc, article: Article, kb: KnowledgeBase) -> None:
        self.doc = doc
        self.text = article.text
        self.kb = kb
        self.date = _article_date(article)
        self.layer = layer_of(doc)
        self.sentence_starts = self.layer.sentence_starts
        self.mentions: list[ActorMention] = []
        self.persons: list[Known] = []
        self.countries: list[tuple[int, str]] = []  # (mention index, ISO3) in text order
        self.places: list[tuple[int, str]] = []  # (sentence index, ISO3)
        self.location_words = frozenset(w.lower() for w in kb.vocabulary.location_prepositions)
        self.descriptions: dict[int, Description] = {}
        self.words = kb.vocabulary
        self.pending_groups: list[GroupCase] = []

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

    def record(self, resolution: Resolution, rule: str) -> ActorMention:
        """Record ``resolution`` under ``rule``: emit it, mark its description, remember it."""
        r = resolution
        name = rule + (f"+{r.detail}" if r.detail else "")
        mention = self.emit(r.start, r.end, r.code, r.country, r.sector, r.kind, name, name=r.name, role=r.role,
                            entity_id=r.entity_id, resolved=r.resolved)
        if r.description is not None:
            self.mark(r.description)
        if r.remember == "person":
            self.remember_person(mention)
        elif r.remember == "place" and r.country:
            self.remember_place(r.start, r.country)
        return mention

    def settle(self, table: RuleTable, case, names: frozenset[str] | None = None) -> bool:
        """Run ``table`` on ``case`` and record what its first answering rule resolved.

        With ``names``, only those rules of the table run (``RuleTable.first_among``): the
        caller knows the others cannot answer ``case``.
        """
        name, outcome = table.first(case) if names is None else table.first_among(names, case)
        if outcome is None:
            return False
        for resolution in outcome if isinstance(outcome, list) else [outcome]:
            self.record(resolution, f"{table.name}:{name}")
        return True

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

    def owner_right(self, head: Item, items: list[Item], position: int) -> Item | None:
        """Return the owner named after ``head`` as "of Ukraine" / "from Chad", or None."""
        following = self.text[head.end:head.end + 12].lower()
        if not following.startswith((" of ", " from ")):
            return None
        for item in items[position + 1:position + 3]:
            gap = self.text[head.end:item.start].lower().split()
            term = item.first("organisation")
            referred = term is not None and term.source.startswith(REFERENCE.name + ":")  # "of the 15-member bloc"
            if (gap and gap[0] in ("of", "from") and (len(gap) <= 2 or referred) and (len(gap) == 1 or gap[1] == "the")
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

    def known_person(self, item: Item) -> Known | None:
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

    def located_country(self, char: int, exclude: str | None = None) -> str | None:
        """Return the country of the place nearest ``char`` in its sentence ("in Quito", "in
        Latvia", "Russian cities"), else of a recent place; never ``exclude`` (a kin-state)."""
        sentence = self.sentence_of(char)
        same = [(abs(m.start - char), m.country) for m in self.mentions
                if m.sentence_index == sentence and m.country and m.country != exclude
                and (m.kind == "place" or self.names_places(m) or self.country_as_location(m))]
        if same:
            return min(same)[1]
        recent = [country for s, country in self.places
                  if 0 <= sentence - s <= _PLACE_MEMORY_SENTENCES and country != exclude]
        return recent[-1] if recent else None

    def country_as_location(self, mention: ActorMention) -> bool:
        """Return True when a country name follows a word of being somewhere ("in Latvia",
        "across Syria"), so it says where a group is (not "to"/"from", which say where it goes)."""
        if mention.kind != "country":
            return False
        word = self.preceding_word(mention.start)
        return word in self.location_words and word not in _MOTION_WORDS

    def qualifies_a_noun(self, item: Item) -> bool:
        """Return True when a group word only qualifies the noun after it ("military exercises",
        "police station"), whatever the parser called the link."""
        last = self.token_at(item.end - 1)
        token = self.doc[last]
        return token.dep_ in ("amod", "compound", "nmod") and token.head.i > last and token.head.pos_ == "NOUN"

    def non_local(self, start: int, end: int) -> bool:
        """Return True when words in front of a group word (``start``..``end``) say it comes from
        elsewhere: a listed word ("foreign", "Western") or a capitalised word mid-sentence that
        names no country ("European", "Arab")."""
        sentence_start = self.sentence_starts[self.sentence_of(start)]
        for index in range(self.token_at(start), self.token_at(end)):
            token = self.doc[index]
            if token.idx >= end:
                break
            if token.lower_ in self.words.non_local_modifiers:
                return True
            if token.idx > sentence_start and token.text[:1].isupper() and token.is_alpha:
                return True
        return False

    def clause_place(self, start: int, end: int) -> tuple[str | None, bool]:
        """Return (country, unknown) for the places of the phrase ``start:end`` and its clause
        ("rebels in North Kivu", "lawmakers voted in Lima"): the country of the first one the
        actor stage resolved, and whether a proper name stands there that it could not resolve
        ("rebels in Kidal" with Kidal unknown)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        token = span.root if span is not None else self.doc[self.token_at(end - 1)]
        holders = [token]
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.i != token.i:
            holders.append(token.head)
        unknown = False
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in self.location_words or prep.lower_ in _MOTION_WORDS:
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    country = self.place_country_at(obj.idx)
                    if country is not None:
                        return country, False
                    unknown = unknown or obj.pos_ == "PROPN"
        return None, unknown

    def possessive_before(self, start: int, end: int):
        """Return the possessive pronoun ("his", "its", "their") in a group word's description
        (``start`` to just before ``end``) or right in front of it, or None."""
        first = max(self.token_at(start) - 1, 0)
        for index in range(self.token_at(end) - 1, first - 1, -1):
            token = self.doc[index]
            if token.lower_ in _POSSESSIVES:
                return token
            if token.idx < start and token.pos_ not in ("ADJ", "DET", "NUM"):
                break
        return None

    def pronoun_country(self, pronoun, before: int) -> str | None:
        """Return the country of the actor a possessive pronoun refers to: for "his"/"her" the
        last person named before it (in its sentence, else earlier), for "its"/"their" the last
        actor with a country named before it in its sentence."""
        sentence = self.sentence_of(before)
        personal = pronoun.lower_ in ("his", "her")
        candidates = [m for m in self.mentions if m.end <= pronoun.idx and m.country and m.kind != "place"
                      and m.sentence_index == sentence and (m.kind == "person") == personal]
        if candidates:
            return max(candidates, key=lambda m: m.start).country
        if personal:
            return next((k.country for k in reversed(self.persons) if k.country), None)
        return None

    def governing_actor_country(self, item: Item) -> str | None:
        """Return the country of the actor whose words place ``item`` (a singular noun): the
        subject of the verb that reports the clause ``item`` is the subject of ("Netanyahu said
        the army would ..."), or of the verb of address ``item`` is the object of ("Tusk told
        parliament"); None otherwise."""
        token = self.doc[self.token_at(item.end - 1)]
        if token.tag_ not in ("NN", "NNP") or token.lemma_.lower() != token.lower_:
            return None  # plural: "lawmakers" may be of any country
        if token.dep_ in ("dobj", "dative") and token.head.lemma_.lower() in _ADDRESS_VERBS:
            verbs = [token.head]
        elif token.dep_ in ("nsubj", "nsubjpass"):
            verbs, clause = [], token.head
            while clause.dep_ in ("ccomp", "parataxis", "conj") and clause.head.i != clause.i and len(verbs) < 3:
                clause = clause.head
                verbs.append(clause)
        else:
            return None
        for verb in verbs:
            subject = subject_of(verb)
            if subject is None or subject.left_edge.i <= token.i <= subject.right_edge.i:
                continue  # the group is (part of) the subject itself
            country = self.actor_country_at(subject.idx)
            if country is not None:
                return country
        return None

    def actor_country_at(self, char: int) -> str | None:
        """Return the country of the actor (not a place) mention covering ``char``, or None."""
        for mention in self.mentions:
            if mention.start <= char < mention.end and mention.country and mention.kind != "place":
                return mention.country
        return None

    def place_country_at(self, char: int) -> str | None:
        """Return the country of the place or country mention covering ``char``, or None."""
        for mention in self.mentions:
            if mention.start <= char < mention.end and mention.country and mention.kind in ("place", "country"):
                return mention.country
        return None

    @cached_property
    def dateline_country(self) -> str | None:
        """Return the country of the place in the article's first dateline, or None."""
        for dateline in self.layer.datelines:
            if not dateline.place:
                continue
            for match in self.kb.match(dateline.place.title()):
                term = match.first("capital", "metonym", "country")
                if term is not None:
                    return term.key
            city = city_named(dateline.place.title(), self.kb)
            if city is not None:
                return city.country
        return None

    def article_country(self, exclude: str | None = None) -> str | None:
        """Return the one country the article's actors belong to, or None when they belong to
        none or several; places do not count (a town's name may be a town elsewhere) and neither
        does ``exclude`` (a kin-state)."""
        named = {m.country for m in self.mentions if m.country and m.country != exclude and m.kind != "place"}
        return named.pop() if len(named) == 1 else None

    def context_country(self, char: int, exclude: str | None = None) -> str | None:
        """Return the country the text around ``char`` places things in: a place in the sentence
        or just before, the dateline, or the one country of the article."""
        return (self.located_country(char, exclude)
                or (self.dateline_country if self.dateline_country != exclude else None)
                or self.article_country(exclude))

    def names_places(self, mention: ActorMention) -> bool:
        """Return True when a country word qualifies places ("in Russian cities", "Ukrainian
        villages"): it says where things happen, like a place name."""
        if mention.kind != "country":
            return False
        following = self.text[mention.end:mention.end + 24].split()
        return bool(following) and following[0].lower().strip(",.;") in _PLACE_WORDS

    def stated_country(self, item: Item, items: list[Item], position: int, description: Description) -> str | None:
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

    def linked_person(self, term: Term, item: Item, owner: str | None, description: Description) -> Known | None:
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
                return Known(person.name, person.name.split()[-1], state.code, state.country, state.sector,
                              person.id, state.role.title if state.role else None, -1)
        return None

    def remember_person(self, mention: ActorMention) -> None:
        """Keep a person mention for later references (surname, "the president", "Mr X")."""
        name = mention.name
        surname = name.split()[-1] if name else None
        self.persons.append(Known(name, surname, mention.code, mention.country, mention.sector, mention.entity_id,
                                   mention.role, len(self.mentions) - 1))

    def remember_place(self, start: int, country: str) -> None:
        """Keep a place where things happen ("in Kharkiv"), not a destination ("flew to Moscow")."""
        if self.preceding_word(start) not in ("to", "towards", "toward", "from", "via"):
            self.places.append((self.sentence_of(start), country))

    def mark(self, description: Description) -> None:
        """Mark the words of a description as used, keeping the countries they name."""
        for consumed in description.consumed:
            consumed.used = True
            if consumed.has(*OWNER_KINDS):
                term = consumed.first(*OWNER_KINDS)
                if term is not None and term.key in self.kb.countries:
                    self.countries.append((len(self.mentions) - 1, term.key))

    # ---------------------------------------------------------------- descriptions
    def describe(self, head: Item, items: list[Item], position: int) -> Description:
        """Return the description in front of ``items[position]`` (see ``describe.describe_left``)."""
        sentence_start = self.sentence_starts[self.sentence_of(head.start)]
        return describe_left(self, head, items, position, sentence_start)

    def refer_back(self, items: list[Item]) -> None:
        """Turn each reference to an organisation named before ("the bloc", "the 15-member
        council") into that organisation, by the ``REFERENCE`` rules; a reference with no
        antecedent stays a plain word and makes no mention."""
        for position, item in enumerate(items):
            if item.match is None or not item.has("organisation-reference") or item.has("organisation"):
                continue
            name, code = REFERENCE.first(ReferenceCase(self, item, items, position))
            if code is None:
                continue
            term = Term(kind="organisation", key=code, alias=item.text, source=f"{REFERENCE.name}:{name}")
            item.match = dataclasses.replace(item.match, terms=(term,))

    def reference_start(self, item: Item) -> int | None:
        """Return the character where "the" opens a reference phrase ending in ``item`` ("the
        15-member bloc", "the Western alliance"), or None when no determiner opens it."""
        index = self.token_at(item.start) - 1
        sentence_start = self.sentence_starts[self.sentence_of(item.start)]
        while index >= 0 and self.doc[index].idx >= sentence_start:
            token = self.doc[index]
            if token.lower_ in REFERENCE_DETERMINERS:
                return token.idx
            if not (token.like_num or token.pos_ == "ADJ" or token.text in ("-", "–")
                    or token.lower_ in REFERENCE_MODIFIER_NOUNS):
                return None
            index -= 1
        return None

    def attach_descriptions(self, items: list[Item]) -> None:
        """Give every head (name or sector word) the words in front of it, right to left, so
        that "Russian President Vladimir Putin" is one mention and "Russian" is not also alone."""
        for position in range(len(items) - 1, -1, -1):
            item = items[position]
            if item.used:
                continue
            # right to left: a name takes its title first; a title it did not take is a head itself
            is_head = (item.has("person", "organisation", "title", "group", "people-group")
                       or item.label in ("person-name", "org-name"))
            if not is_head:
                continue
            description = self.describe(item, items, position)
            self.descriptions[position] = description
            for consumed in description.consumed:
                consumed.used = True

    def description(self, items: list[Item], position: int) -> Description:
        """Return the description attached to ``items[position]``."""
        found = self.descriptions.get(position)
        return found if found is not None else self.describe(items[position], items, position)

    # ---------------------------------------------------------------- resolution
    def resolve(self, items: list[Item]) -> list[ActorMention]:
        """Return the mentions of ``items``, resolved in text order by the ``HEAD`` rules."""
        self.refer_back(items)
        self.attach_descriptions(items)
        for position, item in enumerate(items):
            if item.used:
                continue
            self.settle(HEAD, Case(self, item, items, position), head_rules(item))
            item.used = True
        for group in self.pending_groups:
            self.settle(LOCATED, group)
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

    def leader_government(self, item: Item, people: list, items: list[Item], position: int) -> Resolution | None:
        """Return "the X administration" (X the surname of a head of state or government of one
        country) as that country's government, or None."""
        following = _LEADER_GOVERNMENT.match(self.text, item.end)
        if following is None or not people:
            return None
        countries = {r.of for p in people for r in p.roles
                     if r.sector == "GOV" and r.of in self.kb.countries and r.title.lower() in self.kb.leader_titles}
        if len(countries) != 1:
            return None
        country = countries.pop()
        description = self.description(items, position)
        end = following.end()
        for later in items[position + 1:]:
            if later.start >= end:
                break
            later.used = True  # the government word belongs to this mention
        return Resolution(description.start, end, country + "GOV", country, "GOV", "country",
                          name=self.kb.countries[country].name, entity_id=country, description=description)


def _article_date(article: Article) -> str | None:
    if article.date_source == "default" or not article.date:
        return None
    match = _DATE_RE.match(article.date)
    return match.group(0) if match else None


DONE: list[Resolution] = []  # a rule's answer when a table it delegated to has recorded the mention

#: What an item needs for each ``HEAD`` rule to answer it: a dictionary term of one of these
#: kinds, or (``label:...``) that spaCy label. Each rule's first test returns ``None`` for an item
#: without them, so ``head_rules`` leaves those rules out of the run.
HEAD_NEEDS: dict[str, frozenset[str]] = {
    "kb_person": frozenset({"person"}),
    "unknown_person_name": frozenset({"label:person-name"}),
    "kb_organisation": frozenset({"organisation"}),
    "unknown_organisation_name": frozenset({"label:org-name"}),
    "gazetteer_place": frozenset({"label:place"}),
    "world_region": frozenset({"world-region"}),
    "sector_word": frozenset({"title", "group"}),
    "people_group": frozenset({"people-group"}),
    "kin_nationality": frozenset({"demonym", "adjective"}),
    "region_place": frozenset({"region"}),
    "national_institution": frozenset({"institution"}),
    "plural_persons": frozenset({"plural-persons"}),
    "plural_countries": frozenset({"plural-countries"}),
    "country_reference": frozenset({"person-country", "last-country"}),
    "dateline_capital": frozenset({"capital"}),
    "capital_as_place": frozenset({"capital"}),
    "capital_as_government": frozenset({"capital"}),
    "metonym_place": frozenset({"metonym"}),
    "metonym_government": frozenset({"metonym"}),
    "country_word": frozenset({"country", "demonym", "adjective"}),
}
_HEAD_RULES: dict[frozenset[str], frozenset[str]] = {}


def head_rules(item: Item) -> frozenset[str]:
    """Return the names of the ``HEAD`` rules that can answer ``item`` (see ``HEAD_NEEDS``)."""
    kinds = {term.kind for term in item.match.terms} if item.match is not None else set()
    if item.label is not None:
        kinds.add(f"label:{item.label}")
    has = frozenset(kinds)
    names = _HEAD_RULES.get(has)
    if names is None:
        names = _HEAD_RULES[has] = frozenset(name for name, needs in HEAD_NEEDS.items() if needs & has)
    return names

# ====================================================================== what an item is
#: Decides what kind of actor each item names, in text order; the first rule that answers decides.
HEAD = RuleTable("actors.head", "what kind of actor a name, sector word or reference names")


@HEAD.rule
def kb_person(case: Case) -> Resolution | None:
    """A person of the knowledge base takes the code of the role held on the article's date.

    Example: "President Lula said" in 2023 -> BRAGOV.
    """
    term = case.item.first("person")
    if term is None:
        return None
    r = case.resolver
    person = r.kb.people[term.key]
    description = case.description
    state = r.kb.person_state(person, r.date)
    role = state.role.title if state.role else None
    if description.title is not None and role is None:
        role = description.title.text
    kind = "person" if person.kind == "person" else ("country" if state.sector is None else "organisation")
    return Resolution(description.start, case.item.end, state.code, state.country, state.sector, kind,
                      name=person.name, role=role, entity_id=person.id, description=description, remember="person",
                      detail=state.rule)


@HEAD.rule
def unknown_person_name(case: Case) -> list[Resolution] | None:
    """A person name the knowledge base does not hold goes to the ``actors.person_name`` rules.

    Example: "Tomas Varga, the Slovak envoy," -> resolved by its description.
    """
    if case.item.label != "person-name":
        return None
    case.resolver.settle(PERSON_NAME, NameCase(case.resolver, case.item, case.items, case.position, case.description))
    return DONE


@HEAD.rule
def kb_organisation(case: Case) -> Resolution | None:
    """An organisation or outlet of the knowledge base takes its code.

    Example: "the African Union said" -> IGOAFR... as the knowledge base codes it.
    """
    term = case.item.first("organisation")
    if term is None:
        return None
    org = case.resolver.kb.organisations[term.key]
    description = case.description
    code, country, sector = case.resolver.kb.organisation_code(org)
    referred = term.source.startswith(REFERENCE.name + ":")  # "the bloc": say which rule found it
    return Resolution(description.start, case.item.end, code, country, sector, "organisation", name=org.name,
                      entity_id=org.code, description=description, detail=term.source if referred else None)


@HEAD.rule
def unknown_organisation_name(case: Case) -> list[Resolution] | None:
    """An organisation name the knowledge base does not hold goes to ``actors.organisation``.

    Example: "the Coastal Farmers Union" -> resolved by its name and description.
    """
    if case.item.label != "org-name":
        return None
    case.resolver.settle(ORGANISATION, case)
    return DONE


@HEAD.rule
def gazetteer_place(case: Case) -> Resolution | None:
    """A city of the gazetteer is a place of its country.

    Example: "in Kisumu" -> a place in Kenya.
    """
    if case.item.label != "place":
        return None
    return Resolution(case.item.start, case.item.end, None, case.item.city_country, None, "place",
                      name=case.item.text, remember="place")


@HEAD.rule
def world_region(case: Case) -> Resolution | None:
    """States named by their region act as the region ("Gulf states", "the West"), coded with the
    CAMEO region code and no country.

    Example: "Western countries imposed sanctions" -> WST; "Russia blamed the West" -> WST.
    """
    term = case.item.first("world-region")
    if term is None:
        return None
    region = case.resolver.kb.regions[term.key]
    return Resolution(case.item.start, case.item.end, region.code, None, None, "group", name=region.name,
                      role=case.item.text, entity_id=region.code)


@HEAD.rule
def sector_word(case: Case) -> list[Resolution] | None:
    """A title or group word its name did not take goes to the ``actors.sector`` rules.

    Example: "Chilean police" -> resolved as CHLCOP there.
    """
    if not case.item.has("title", "group"):
        return None
    case.resolver.settle(SECTOR, SectorCase(case.resolver, case.item, case.items, case.position))
    return DONE


@HEAD.rule
def people_group(case: Case) -> Resolution | list[Resolution] | None:
    """An ethnic or religious group belongs to the country it lives in: the country word in
    front of it, else the place the text puts it in, else its one homeland.

    Example: "Syrian Kurds" -> SYRETH; "Kurds in Iraq" -> IRQETH.
    """
    term = case.item.first("people-group")
    if term is None:
        return None
    r, description = case.resolver, case.description
    group = r.kb.groups[term.key]
    if description.owner is not None and description.owner in r.kb.countries:
        return Resolution(description.start, case.item.end, description.owner + group.sector, description.owner,
                          group.sector, "group", name=group.name, role=case.item.text, description=description)
    r.pending_groups.append(GroupCase(r, case.item, description, group.sector, homelands=group.homelands,
                                      by_clause=True, always=True, name=group.name))
    return DONE


@HEAD.rule
def kin_nationality(case: Case) -> list[Resolution] | None:
    """ "Ethnic X" or "the X minority" is a group living outside its kin-state: it takes the
    country where it lives, never the kin-state.

    Example: "ethnic Hungarians in Romania" -> ROUETH, not HUN.
    """
    term = case.item.first("demonym", "adjective")
    if term is None:
        return None
    r, item = case.resolver, case.item
    index = r.token_at(item.start)
    last = r.token_at(item.end - 1)
    before = r.doc[index - 1].lower_ if index > 0 else ""
    after = r.doc[last + 1] if last + 1 < len(r.doc) else None
    words = r.kb.vocabulary
    marked_after = after is not None and after.lower_ in words.kin_markers_after
    if before not in words.kin_markers_before and not marked_after:
        return None
    start = r.doc[index - 1].idx if before in words.kin_markers_before else item.start
    end = after.idx + len(after) if marked_after else item.end
    if marked_after:  # "the Hungarian minority": the marker word belongs to the mention
        for later in case.items[case.position + 1:]:
            if later.start < end:
                later.used = True
    r.pending_groups.append(GroupCase(r, item, Description(start=start), "ETH", exclude=term.key,
                                      by_clause=True, always=True, start=start, end=end))
    return DONE


@HEAD.rule
def region_place(case: Case) -> Resolution | None:
    """A region, province or state of one country is a place in that country.

    Example: "clashes in Tigray" -> a place in Ethiopia.
    """
    term = case.item.first("region")
    if term is None:
        return None
    place = case.resolver.kb.places[term.key]
    return Resolution(case.item.start, case.item.end, None, place.country, None, "place", name=place.name,
                      remember="place")


@HEAD.rule
def national_institution(case: Case) -> Resolution | None:
    """A national institution named by its own name (a parliament) is its country's sector.

    Example: "the Knesset voted" -> ISRLEG.
    """
    term = case.item.first("institution")
    if term is None:
        return None
    place = case.resolver.kb.places[term.key]
    return Resolution(case.item.start, case.item.end, place.country + (place.sector or ""), place.country,
                      place.sector, "organisation", name=place.name, entity_id=place.name)


@HEAD.rule
def plural_persons(case: Case) -> list[Resolution] | None:
    """ "The two leaders" are the last two people named.

    Example: "Lula met Xi ... the two leaders signed" -> BRAGOV and CHNGOV.
    """
    if not case.item.has("plural-persons"):
        return None
    seen: list[Known] = []
    for known in reversed(case.resolver.persons):
        if known.code and all(k.entity_id != known.entity_id or k.name != known.name for k in seen):
            seen.append(known)
        if len(seen) == 2:
            break
    item = case.item
    return [Resolution(item.start, item.end, k.code, k.country, k.sector, "reference", name=k.name, role=k.role,
                       entity_id=k.entity_id) for k in seen]


@HEAD.rule
def plural_countries(case: Case) -> list[Resolution] | None:
    """ "Both countries" are the last two countries named.

    Example: "Peru and Chile ... both countries agreed" -> PER and CHL.
    """
    if not case.item.has("plural-countries"):
        return None
    seen: list[str] = []
    for _, country in reversed(case.resolver.countries):
        if country not in seen:
            seen.append(country)
        if len(seen) == 2:
            break
    if len(seen) < 2:
        return DONE
    kb, item = case.resolver.kb, case.item
    return [Resolution(item.start, item.end, c, c, None, "reference", name=kb.countries[c].name, entity_id=c)
            for c in seen]


@HEAD.rule
def country_reference(case: Case) -> Resolution | list[Resolution] | None:
    """ "His country" is the last person's country; "the country" the last country named.

    Example: "Ruto said his country would help" -> KEN.
    """
    item, r = case.item, case.resolver
    if not item.has("person-country", "last-country"):
        return None
    country: str | None = None
    if item.has("person-country"):
        country = next((k.country for k in reversed(r.persons) if k.country), None)
    elif r.countries:
        country = r.countries[-1][1]
    if country is None:
        return DONE
    return Resolution(item.start, item.end, country, country, None, "reference",
                      name=r.kb.countries[country].name if country in r.kb.countries else None, entity_id=country)


def _capital_place(case: Case, term: Term) -> Resolution:
    country = case.resolver.kb.countries[term.key]
    return Resolution(case.item.start, case.item.end, None, term.key, None, "place", name=country.capital,
                      remember="place")


@HEAD.rule
def dateline_capital(case: Case) -> Resolution | None:
    """A capital in a dateline (or written in capitals) is where the story was filed.

    Example: "NAIROBI, May 3 (Wire) - ..." -> a place in Kenya, not the Kenyan government.
    """
    term = case.item.first("capital")
    item = case.item
    if term is None or not (case.resolver.layer.in_dateline(item.start) or (item.text.isupper() and len(item.text) > 3)):
        return None
    return _capital_place(case, term)


@HEAD.rule
def capital_as_place(case: Case) -> Resolution | None:
    """A capital after a location word is a place.

    Example: "protests in Lima" -> a place in Peru.
    """
    term = case.item.first("capital")
    if term is None or not case.resolver.is_location(case.item):
        return None
    return _capital_place(case, term)


@HEAD.rule
def capital_as_government(case: Case) -> Resolution | None:
    """A capital as a subject or object stands for the government.

    Example: "Lima rejected the claim" -> PERGOV.
    """
    term = case.item.first("capital")
    if term is None:
        return None
    country = case.resolver.kb.countries[term.key]
    return Resolution(case.item.start, case.item.end, term.key + "GOV", term.key, "GOV", "country",
                      name=country.name, entity_id=term.key)


@HEAD.rule
def metonym_place(case: Case) -> Resolution | None:
    """A seat-of-government word that is also a large city, after a location word, is a place.

    Example: "a rally in Washington" -> a place in the United States.
    """
    term, item = case.item.first("metonym"), case.item
    if term is None:
        return None
    if not (item.text.isupper() and len(item.text) > 3
            or case.resolver.is_location(item) and is_large_city(item.text, case.resolver.kb)):
        return None
    return Resolution(item.start, item.end, None, term.key, None, "place", name=item.text, remember="place")


@HEAD.rule
def metonym_government(case: Case) -> Resolution | None:
    """A seat-of-government word acting stands for the government.

    Example: "the Kremlin denied it" -> RUSGOV.
    """
    term = case.item.first("metonym")
    if term is None:
        return None
    return Resolution(case.item.start, case.item.end, term.key + "GOV", term.key, "GOV", "country",
                      name=case.resolver.kb.countries[term.key].name, entity_id=term.key)


@HEAD.rule
def country_word(case: Case) -> Resolution | None:
    """A country name, demonym or adjective alone is the country.

    Example: "Ghana and Togo signed" -> GHA and TGO.
    """
    term = case.item.first("country", "demonym", "adjective")
    if term is None:
        return None
    return Resolution(case.item.start, case.item.end, term.key, term.key, None, "country",
                      name=case.resolver.kb.countries[term.key].name, entity_id=term.key, detail=term.kind)


# ====================================================================== unknown organisations
#: Decides what an organisation name the knowledge base does not hold is.
ORGANISATION = RuleTable("actors.organisation", "what an organisation name the knowledge base does not hold is")


@ORGANISATION.rule
def titled_name_is_person(case: Case) -> list[Resolution] | None:
    """A name after a title that spaCy tagged as an organisation is a person.

    Example: "the Kenyan envoy Ruth Mwangi" tagged ORG -> the person Ruth Mwangi.
    """
    title = case.description.title
    if title is None or not title.has("title") or case.item.sector:
        return None
    r = case.resolver
    r.settle(PERSON_NAME, NameCase(r, case.item, case.items, case.position, case.description))
    return DONE


@ORGANISATION.rule
def surname_taken_for_organisation(case: Case) -> Resolution | None:
    """A one-word "organisation" that is the surname of someone named earlier is that person.

    Example: "Ana Ruiz ... Ruiz rejected it" with "Ruiz" tagged ORG -> Ana Ruiz.
    """
    if " " in case.item.text or case.description.consumed:
        return None
    known = case.resolver.known_person(case.item)
    if known is None:
        return None
    return Resolution(case.item.start, case.item.end, known.code, known.country, known.sector, "person",
                      name=known.name, role=known.role, entity_id=known.entity_id, resolved=known.code is not None)


def _organisation_owner_and_sector(case: Case) -> tuple[str | None, str | None]:
    description = case.description
    owner = case.item.owner or description.owner
    title_term = description.title.first("title", "group") if description.title is not None else None
    sector = case.item.sector or (title_term.key if title_term is not None else None)
    return owner, sector


@ORGANISATION.rule
def described_organisation(case: Case) -> Resolution | None:
    """An organisation with an owner and a sector word (in its name or before it) takes both.

    Example: "the Chadian Red Crescent Society" -> owner Chad, sector from the dictionary.
    """
    owner, sector = _organisation_owner_and_sector(case)
    if owner is None or sector is None:
        return None
    code, country, sector = case.resolver.kb.owner_code(owner, sector)
    return Resolution(case.description.start, case.item.end, code, country, sector, "organisation",
                      name=case.item.text, description=case.description)


def name_head(name: str) -> str:
    """Return the head of an organisation's name: the words before "of" ("Ministry of Mines"),
    else the whole name, lower case, for matching against head words from its end."""
    lowered = name.lower()
    return lowered.split(" of ", 1)[0] if " of " in lowered else lowered


def head_sector(name: str, heads: tuple[tuple[str, str], ...]) -> str | None:
    """Return the sector of the longest head word ending ``name``'s head, or None."""
    head = name_head(name)
    found = [(len(word), sector) for word, sector in heads if head == word or head.endswith(" " + word)]
    return max(found)[1] if found else None


@ORGANISATION.rule
def sector_from_name(case: Case) -> Resolution | None:
    """An organisation's head word gives its sector ("... Party" POL, "... Front"/"... Army"
    REB, "Ministry of ..." GOV, "... Bank" BUS, "... Foundation" NGO); its country is the one in
    its name or description, else the one the text around it is in.

    Example: "the Arakan Army seized a town in Myanmar" -> MMRREB.
    """
    r = case.resolver
    sector = head_sector(case.item.text, r.kb.vocabulary.organisation_heads)
    if sector is None:
        return None
    owner, _ = _organisation_owner_and_sector(case)
    if owner is None:  # placed once the whole article is read, like a group
        r.pending_groups.append(GroupCase(r, case.item, case.description, sector, by_clause=True, always=True,
                                          name=case.item.text, kind="organisation"))
        return DONE
    code, country, sector = r.kb.owner_code(owner, sector)
    return Resolution(case.description.start, case.item.end, code, country, sector, "organisation",
                      name=case.item.text, resolved=code is not None, description=case.description)


@ORGANISATION.rule
def unknown_organisation(case: Case) -> Resolution | None:
    """An organisation with no owner or sector stays unresolved (its country kept if named).

    Example: "the Marlow Institute said" -> an organisation with no code.
    """
    owner, sector = _organisation_owner_and_sector(case)
    country = owner if owner in case.resolver.kb.countries else None
    return Resolution(case.description.start, case.item.end, None, country, sector, "organisation",
                      name=case.item.text, resolved=False, description=case.description)


# ====================================================================== organisation references
REFERENCE_DETERMINERS = frozenset({"the", "this", "that"})
#: Nouns that may stand inside a reference phrase: "the 27-nation bloc", "the 15-member council".
REFERENCE_MODIFIER_NOUNS = frozenset({"member", "nation", "country", "state", "security", "military", "defence",
                                      "defense", "trade", "regional", "world", "un", "u.n."})
#: Organisation types a member-state noun ("the bloc", "the alliance") cannot refer to.
NOT_MEMBER_BODIES = frozenset({"organ", "court", "agency", "ngo", "media", "party", "armed-group", "company"})


@dataclass
class ReferenceCase:
    """A noun that may refer back to an organisation ("the bloc"), with the items before it."""

    resolver: Resolver
    item: Item
    items: list[Item]
    position: int

    def earlier_organisations(self) -> list[str]:
        """Return the knowledge-base organisations named before the item, latest first."""
        found: list[str] = []
        for item in reversed(self.items[: self.position]):
            term = item.first("organisation") if item.match is not None else None
            if term is not None and term.key in self.resolver.kb.organisations and term.key not in found:
                found.append(term.key)
        return found


#: Decides which organisation a noun like "the bloc" refers back to.
REFERENCE = RuleTable("actors.reference", "which organisation named before a noun like \"the bloc\" refers to")


@REFERENCE.rule
def member_body_reference(case: ReferenceCase) -> str | None:
    """ "The bloc", "the alliance", "the 27-nation grouping" refer to the international
    organisation of states named last.

    Example: "ECOWAS met in Abuja ... leaders of the 15-member bloc" -> ECOWAS.
    """
    term = case.item.first("organisation-reference")
    r = case.resolver
    if term is None or term.key != "MEMBERS" or r.reference_start(case.item) is None:
        return None
    for code in case.earlier_organisations():
        org = r.kb.organisations[code]
        if org.country is None and org.type not in NOT_MEMBER_BODIES:
            return code
    return None


@REFERENCE.rule
def named_head_reference(case: ReferenceCase) -> str | None:
    """ "The council", "the court", "the agency" refer to the organisation named last whose own
    name has that word; "the 15-member body" to the organisation named last.

    Example: "the UN Security Council ... the council voted" -> the Security Council.
    """
    term = case.item.first("organisation-reference")
    r = case.resolver
    if term is None or term.key != "HEAD" or r.reference_start(case.item) is None:
        return None
    word = case.item.text.lower()
    counted = r.doc[r.token_at(case.item.start) - 1].lower_ == "member"
    for code in case.earlier_organisations():
        org = r.kb.organisations[code]
        if org.country is not None:
            continue
        names = " ".join((org.name, org.short or "", *org.aliases)).lower()
        if re.search(rf"\b{re.escape(word)}\b", names) or (word == "body" and counted):
            return code
    return None


@REFERENCE.rule
def gathering_reference(case: ReferenceCase) -> str | None:
    """ "The summit" or "the gathering" one speaks to is the organisation whose summit the
    article named ("a summit of the SCO", "the ASEAN summit").

    Example: "Peru hosted a summit of ASEAN ... told the gathering" -> ASEAN.
    """
    term = case.item.first("organisation-reference")
    r = case.resolver
    if term is None or term.key != "GATHERING" or r.reference_start(case.item) is None:
        return None
    for item in reversed(case.items[: case.position]):
        org = item.first("organisation") if item.match is not None else None
        if org is None or org.key not in r.kb.organisations:
            continue
        before = r.text[max(0, item.start - 40):item.start]
        after = r.text[item.end:item.end + 8].lower()
        if GATHERING_OF.search(before) or after.startswith((" summit", " meeting")):
            return org.key
    return None


# ====================================================================== sector words
@dataclass
class SectorCase(Case):
    """A title or group word its name did not take ("Chilean police", "the president")."""

    def __post_init__(self) -> None:
        self.term: Term = self.item.first("title", "group")
        self.qualifier = self.resolver.modifies_a_noun(self.item, self.items, self.position)
        description = self.description
        self.owner, self.end = description.owner, self.item.end
        if self.owner is None:
            owner_item = self.resolver.owner_right(self.item, self.items, self.position)
            if owner_item is not None:
                owner_term = owner_item.first(*OWNER_KINDS)
                self.owner = owner_term.key if owner_term else None
                self.end = owner_item.end
                owner_item.used = True
        self.sector = "ELI" if description.former and self.term.key == "GOV" else self.term.key


#: Decides what a sector word alone stands for.
SECTOR = RuleTable("actors.sector", "what a title or group word without a name stands for")


@SECTOR.rule
def owned_title_refers_back(case: SectorCase) -> Resolution | None:
    """A title with a country refers to the person of that country named before with that role.

    Example: "Ruto ... the Kenyan president said" -> Ruto.
    """
    if case.owner is None or case.term.kind != "title":
        return None
    r, description = case.resolver, case.description
    code, country, sector = r.kb.owner_code(case.owner, case.sector)
    linked = r.linked_person(case.term, case.item, case.owner, description)
    if linked is None:
        return None
    return Resolution(description.start, case.end, linked.code or code, linked.country or country,
                      linked.sector or sector, "reference", name=linked.name, role=linked.role or case.item.text,
                      entity_id=linked.entity_id, description=description)


@SECTOR.rule
def owned_sector_word(case: SectorCase) -> Resolution | None:
    """A sector word with a country (before it or after "of") is that country's sector.

    Example: "Chilean police" -> CHLCOP; "the army of Mali" -> MLIMIL.
    """
    if case.owner is None:
        return None
    description = case.description
    code, country, sector = case.resolver.kb.owner_code(case.owner, case.sector)
    kind = "group" if case.term.kind == "group" or case.qualifier else "person"
    return Resolution(description.start, case.end, code, country, sector, kind, role=case.item.text,
                      description=description)


@SECTOR.rule
def title_refers_back(case: SectorCase) -> Resolution | None:
    """ "The president" (with a determiner) refers to the last person named with that role.

    Example: "Lula ... the president added" -> Lula.
    """
    description = case.description
    if case.term.kind != "title" or not description.determiner or description.former or case.qualifier:
        return None
    linked = case.resolver.linked_person(case.term, case.item, None, description)
    if linked is None:
        return None
    return Resolution(case.item.start, case.item.end, linked.code, linked.country, linked.sector, "reference",
                      name=linked.name, role=linked.role, entity_id=linked.entity_id, resolved=linked.code is not None)


@SECTOR.rule
def possessive_pronoun_owner(case: SectorCase) -> Resolution | None:
    """A group word after "his"/"her" belongs to the country of the person named before it;
    after "its"/"their", to the country of the actor named before it in the sentence.

    Example: "Orban said his government would object" -> HUNGOV; "Peru and its army" -> PERMIL.
    """
    if case.term.kind != "group" or case.owner is not None:
        return None
    r = case.resolver
    pronoun = r.possessive_before(case.description.start, case.item.start)
    if pronoun is None:
        return None
    country = r.pronoun_country(pronoun, case.item.start)
    if country is None:
        return None
    code, country, sector = r.kb.owner_code(country, case.sector)
    return Resolution(case.description.start, case.item.end, code, country, sector, "group", role=case.item.text,
                      description=case.description)


@SECTOR.rule
def group_refers_back(case: SectorCase) -> Resolution | None:
    """ "The leaders", "the ministers" (plural, with "the", no country) refer to the group last
    named with that word ("G7 leaders ... the leaders agreed").

    Example: "NATO leaders met in Oslo. The leaders agreed a plan." -> NATO's leaders.
    """
    description = case.description
    if case.term.kind != "group" or not description.determiner or description.numeric or case.qualifier:
        return None
    word, r = case.item.text.lower(), case.resolver
    index = r.token_at(case.item.start)
    if not word.endswith("s") or index == 0 or r.doc[index - 1].lower_ != "the":
        return None
    for mention in reversed(r.mentions):
        if mention.kind in ("group", "organisation") and mention.code and (mention.role or "").lower() == word:
            return Resolution(description.start, case.item.end, mention.code, mention.country, mention.sector,
                              "group", name=mention.name, role=case.item.text, description=description)
    return None


GATHERING_OF = re.compile(r"\b(?:summit|meeting|conference|session|gathering|ministerial)s? of (?:the )?$", re.I)


@SECTOR.rule
def leaders_of_the_summit(case: SectorCase) -> Resolution | None:
    """ "The leaders" or "the ministers" (plural, with "the", no country) after "a summit of" an
    organisation are that organisation's.

    Example: "Xi hosted a summit of the SCO ... The leaders adopted a text." -> the SCO.
    """
    description, r = case.description, case.resolver
    if case.term.kind != "group" or case.term.key != "GOV" or not description.determiner or description.numeric:
        return None
    index = r.token_at(case.item.start)
    if case.qualifier or not case.item.text.lower().endswith("s") or index == 0 or r.doc[index - 1].lower_ != "the":
        return None
    for mention in reversed(r.mentions):
        if mention.kind == "organisation" and mention.code and GATHERING_OF.search(r.text[max(0, mention.start - 40):
                                                                                          mention.start]):
            return Resolution(description.start, case.item.end, mention.code, mention.country, mention.sector,
                              "group", name=mention.name, role=case.item.text, description=description)
    return None


@SECTOR.rule
def waits_for_place(case: SectorCase) -> list[Resolution] | None:
    """Civilians, refugees and police without a country wait for the place they are in.

    Example: "3,000 refugees crossed into Chad" -> resolved once the place is known.
    """
    description = case.description
    if case.term.key not in LOCATED_SECTORS or not (description.numeric or case.item.text.lower() != "people"):
        return None
    case.resolver.pending_groups.append(GroupCase(case.resolver, case.item, description, case.term.key,
                                                  by_nearest_place=True))
    return DONE


@SECTOR.rule
def group_waits_for_place(case: SectorCase) -> list[Resolution] | None:
    """Rebels, lawmakers, the army, the government ... without a country take the one of the
    place their own clause names, else of the dateline or of the article's one country; not
    when a word in front says they come from elsewhere ("foreign troops", "Western officials")
    or a number counts governments ("two delegations").

    Example: "Lawmakers in Lima voted" -> PERLEG; "the army" in a story filed from Bamako -> MLIMIL.
    """
    term, description, r = case.term, case.description, case.resolver
    if term.kind != "group" or term.key not in LOCATED_GROUP_SECTORS or case.qualifier:
        return None
    if r.qualifies_a_noun(case.item) or r.non_local(description.start, case.item.start):
        return None
    if term.key == "GOV" and description.numeric:
        return None
    r.pending_groups.append(GroupCase(r, case.item, description, term.key, by_clause=term.key != "MIL"))
    return DONE


# ====================================================================== located groups
@dataclass
class GroupCase:
    """A group without a country, resolved after the whole article is read.

    ``exclude`` is a kin-state the group does not belong to ("ethnic Hungarians": not HUN);
    ``homelands`` where a named ethnic or religious group mostly lives. What may place it:
    ``by_nearest_place`` the place nearest in its sentence (civilians, refugees, police, named
    groups), ``by_clause`` a place in its own phrase or clause (other group words except
    troops, who are often abroad), ``by_context`` the dateline or the article's one country.
    ``always`` keeps it (unresolved) when nothing places it; ``kind`` is the mention's kind.
    """

    resolver: Resolver
    item: Item
    description: Description
    sector: str
    exclude: str | None = None
    homelands: tuple[str, ...] = ()
    by_nearest_place: bool = False
    by_clause: bool = False
    by_context: bool = True
    always: bool = False
    start: int | None = None
    end: int | None = None
    name: str | None = None
    kind: str = "group"

    def located(self, country: str) -> Resolution:
        """Return the group as a group of ``country``."""
        code, country, sector = self.resolver.kb.owner_code(country, self.sector)
        return Resolution(self.span_start, self.span_end, code, country, sector, self.kind, name=self.name,
                          role=self.item.text if self.kind == "group" else None,
                          description=self.description if self.kind == "organisation" else None)

    @property
    def span_start(self) -> int:
        """Return where the group's mention starts (its description included)."""
        return self.start if self.start is not None else self.description.start

    @property
    def span_end(self) -> int:
        """Return where the group's mention ends."""
        return self.end if self.end is not None else self.item.end


#: Decides the country of a group that names none.
LOCATED = RuleTable("actors.located", "the country of a group word that names none")


@LOCATED.rule
def located_by_place(case: GroupCase) -> Resolution | None:
    """A civilian, refugee, police or ethnic group takes the country of the place named
    nearest to it (same sentence, else a recent one).

    Example: "Police in Quito detained 12" -> ECUCOP.
    """
    if not case.by_nearest_place:
        return None
    country = case.resolver.located_country(case.item.start, case.exclude)
    return case.located(country) if country is not None else None


@LOCATED.rule
def located_in_own_clause(case: GroupCase) -> Resolution | None:
    """Another group word takes the country of a place in its own phrase or clause.

    Example: "Rebels in North Kivu seized a town" -> CODREB; "lawmakers voted in Lima" -> PERLEG.
    """
    if not case.by_clause:
        return None
    country = case.resolver.clause_place(case.span_start, case.span_end)[0]
    return case.located(country) if country is not None else None


@LOCATED.rule
def subject_of_governing_verb(case: GroupCase) -> Resolution | None:
    """A singular institution ("the army", "parliament", "the administration") that a national
    actor speaks about (subject of the clause it reports) or addresses belongs to its country.

    Example: "Netanyahu said the army would advance" -> ISRMIL; "Scholz told parliament" -> DEULEG.
    """
    if case.kind != "group" or case.sector not in INSTITUTION_SECTORS:
        return None
    country = case.resolver.governing_actor_country(case.item)
    return case.located(country) if country is not None and country != case.exclude else None


@LOCATED.rule
def unknown_place_in_clause(case: GroupCase) -> Resolution | None:
    """A group whose own clause names a place nobody could resolve is left without a country
    rather than given the dateline's or the article's.

    Example: "Rebels in Kidal fired on troops" with Kidal unknown -> rebels of no country.
    """
    if not case.by_clause or not case.resolver.clause_place(case.span_start, case.span_end)[1]:
        return None
    return Resolution(case.span_start, case.span_end, None, None, case.sector, case.kind, name=case.name,
                      role=case.item.text if case.kind == "group" else None, resolved=False,
                      description=case.description if case.kind == "organisation" else None)


@LOCATED.rule
def located_by_dateline(case: GroupCase) -> Resolution | None:
    """With no place nearby, a group takes the country of the story's dateline.

    Example: "BAMAKO, May 2 (Wire) - The army said ..." -> MLIMIL.
    """
    country = case.resolver.dateline_country if case.by_context else None
    return case.located(country) if country is not None and country != case.exclude else None


@LOCATED.rule
def located_by_article_country(case: GroupCase) -> Resolution | None:
    """With no place nearby, a group takes the one country the whole article names.

    Example: "Kenya's shilling fell ... Protesters blocked roads" -> KENCVL.
    """
    if not case.by_context:
        return None
    country = case.resolver.article_country(case.exclude)
    return case.located(country) if country is not None else None


@LOCATED.rule
def single_homeland(case: GroupCase) -> Resolution | None:
    """A named ethnic or religious group that lives in one country belongs to it.

    Example: "Uyghurs are held in camps" -> CHNETH.
    """
    if len(case.homelands) != 1 or case.homelands[0] == case.exclude:
        return None
    return case.located(case.homelands[0])


@LOCATED.rule
def counted_without_place(case: GroupCase) -> Resolution | None:
    """A counted (or named) group with no place stays an unresolved group.

    Example: "200 refugees arrived" with no place named -> a group of unknown country.
    """
    if not (case.description.numeric and case.by_nearest_place or case.always):
        return None
    return Resolution(case.span_start, case.span_end, None, None, case.sector, case.kind, name=case.name,
                      role=case.item.text if case.kind == "group" else None, resolved=False,
                      description=case.description if case.kind == "organisation" else None)


def find_actors(doc, article: Article, kb: KnowledgeBase | None = None) -> list[ActorMention]:
    """Return the actor mentions of ``article`` (parsed as ``doc``), in text order.

    Each mention has its span in ``article.text``, the code on the article's date (CAMEO
    style, ``RUSGOV``), its country and sector, the rule that produced it (``table:rule``) and
    the knowledge base entry (``entity_id``); unknown people without a description are
    ``resolved=False``.
    """
    kb = kb or get_kb()
    text = article.text
    if not text:
        return []
    items = collect_items(doc, text, kb)
    return Resolver(doc, article, kb).resolve(items)
