"""Speakers: the phrase that names who spoke, and the person or organisation it refers to.

The phrase comes from the parse (the subject of a reporting verb, the object of "according to",
a name in a neighbouring sentence). It is resolved to an actor with the actor stage's mentions
where they cover it; pronouns ("he said") and role descriptions ("the Russian leader") are
resolved to the last fitting person named before them, by salience (subjects first) and gender
where the text shows it (honorifics, earlier pronouns).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from multipolar.linguistics import SURFACE_SUBJECT_DEPS, entities, layer_of, sentences, span_text
from multipolar.linguistics.tokens import token_facts
from multipolar.quotes.lexicon import SpeechLexicon, cue_lexicon, speech_lexicon
from multipolar.records import ActorMention, ActorRef

_TRIM_DEPS = frozenset({"relcl", "acl", "advcl"})
_EDGE_POS = frozenset({"PUNCT", "CCONJ", "SCONJ"})
_PERSON_KINDS = frozenset({"person"})
_MEDIA_SECTORS = frozenset({"MED", "MEDIA"})
_MEDIA_MODIFIERS = frozenset({"news", "press", "media"})  # "news conference" is not an outlet
_PEOPLE_SUFFIXES = ("er", "or", "ist", "ian", "ent", "ant", "ee", "crat", "ive")


@dataclass(frozen=True)
class Phrase:
    """A span of the article text naming an actor, with its head token's index in the doc."""

    start: int
    end: int
    head: int


@dataclass(frozen=True)
class _Person:
    start: int
    end: int
    head: int
    name: str
    mention: ActorMention | None


def phrase_of(token: Token) -> Phrase:
    """Return the phrase headed by ``token``: its subtree without clauses and edge punctuation."""
    facts = token_facts(token.doc)
    keep = set(facts.subtree(token.i))
    for child in facts.children(token.i):
        if facts.dep[child] in _TRIM_DEPS:
            keep -= set(facts.subtree(child))
    keep.add(token.i)
    left = right = token.i
    while left - 1 in keep:
        left -= 1
    while right + 1 in keep:
        right += 1
    doc = token.doc
    while left < token.i and (doc[left].pos_ in _EDGE_POS or doc[left].is_quote):
        left += 1
    while right > token.i and (doc[right].pos_ in _EDGE_POS or doc[right].is_quote):
        if doc[right].text == ")" and "(" in doc[left:right].text:
            break
        right -= 1
    end = doc[right].idx + len(doc[right])
    if len(doc[right]) > 1 and doc[right].text.endswith(".") and (right + 1 == len(doc) or doc[right + 1].is_space
                                                                  or doc[right + 1].is_sent_start):
        end -= 1
    return Phrase(doc[left].idx, end, token.i)


def _gender_of_name(doc: Doc, start_token: int, lexicon: SpeechLexicon) -> str | None:
    if start_token > 0:
        before = doc[start_token - 1].lower_
        return lexicon.honorific_gender.get(before)
    return None


class SpeakerResolver:
    """Resolve speaker phrases of one parsed article to ``ActorRef`` records."""

    def __init__(self, doc: Doc, mentions: list[ActorMention], excluded: list[tuple[int, int]]) -> None:
        """Index the people named in ``doc`` outside the ``excluded`` (quoted) character ranges."""
        self.doc = doc
        self.text = layer_of(doc).text
        self.lexicon = speech_lexicon()
        self.cues = cue_lexicon()
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.excluded = excluded
        # the excluded ranges by start, with the furthest end reached by any range starting at or
        # before each: a phrase lies inside one iff the furthest end before its start covers its end
        ordered = sorted(excluded)
        self._excluded_starts = [lo for lo, _ in ordered]
        self._excluded_reach = list(itertools.accumulate((hi for _, hi in ordered), max))
        self.datelines = layer_of(doc).dateline_spans()
        self._person_texts: list[str] | None = None
        self.people = self._people()
        self.genders: dict[str, str] = {}
        for person in self.people:
            first = self._span(person.start, person.end)
            gender = self._honorific(self.text[person.start : person.end])
            if gender is None and first is not None:
                gender = _gender_of_name(doc, first.start, self.lexicon)
            if gender:
                self.genders.setdefault(person.name, gender)
        self.speakers: list[tuple[int, _Person]] = []
        self.groups: list[tuple[int, ActorRef]] = []

    # -- indexing -------------------------------------------------------------------------
    def _span(self, start: int, end: int) -> Span | None:
        if end <= start:
            return None
        return self.doc.char_span(start, end, alignment_mode="expand")

    def _quoted(self, start: int, end: int) -> bool:
        before = bisect.bisect_right(self._excluded_starts, start)
        return (before > 0 and self._excluded_reach[before - 1] >= end) or self.in_dateline(start)

    def in_dateline(self, offset: int) -> bool:
        """Return True when the character at ``offset`` belongs to a dateline ("BRUSSELS, May 3 (Wire) –")."""
        return any(lo <= offset < hi for lo, hi in self.datelines)

    def out_of_dateline(self, token: Token) -> Token | None:
        """Return ``token`` if it is no dateline word, else the phrase the parse hung on the dateline
        after it ("OSLO, May 3 (Wire) – Minister Ingrid Dahl said": Dahl), else ``None``."""
        if not self.in_dateline(token.idx):
            return token
        following = [
            c for c in token.children
            if c.dep_ in ("appos", "conj", "npadvmod", "compound") and not self.in_dateline(c.idx) and c.i > token.i
        ]
        return following[-1] if following else None

    def _after_dateline(self, start: int, end: int) -> int:
        """Return ``start`` moved past a dateline that opens the phrase ``start:end`` (and the spaces after it)."""
        for lo, hi in self.datelines:
            if lo <= start < hi < end:
                while hi < end and self.text[hi].isspace():
                    hi += 1
                return hi
        return start

    def _honorific(self, text: str) -> str | None:
        """Return the gender of the honorific ``text`` starts with ("Ms Okafor" -> female), if any."""
        words = text.split()
        return self.lexicon.honorific_gender.get(words[0].lower()) if len(words) > 1 else None

    def _people(self) -> list[_Person]:
        people: list[_Person] = []
        covered: list[tuple[int, int]] = []
        for mention in self.mentions:
            if self._quoted(mention.start, mention.end):
                continue
            if mention.kind in _PERSON_KINDS or self._honorific(mention.text):
                span = self._span(mention.start, mention.end)
                if span is None:
                    continue
                name = mention.name if mention.kind in _PERSON_KINDS and mention.name else None
                name = name or self.full_name(self._without_honorific(mention.text))
                people.append(_Person(mention.start, mention.end, span.root.i, name, mention))
                covered.append((mention.start, mention.end))
        for ent in entities(self.doc):
            if self._quoted(ent.start_char, ent.end_char):
                continue
            if ent.label_ != "PERSON" and not self._honorific(span_text(ent)):
                continue
            if any(lo < ent.end_char and ent.start_char < hi for lo, hi in covered):
                continue
            name = self.full_name(self._without_honorific(span_text(ent)))
            people.append(_Person(ent.start_char, ent.end_char, ent.root.i, name, None))
        people.sort(key=lambda p: p.start)
        return people

    def _without_honorific(self, text: str) -> str:
        words = text.split()
        if len(words) > 1 and words[0].lower() in self.lexicon.honorific_gender:
            return " ".join(words[1:])
        return text

    def full_name(self, name: str) -> str:
        """Return the longest person name in the article that ends with ``name``'s last word."""
        words = name.replace("’s", "").replace("'s", "").split()
        if not words:
            return name
        last = words[-1]
        best = " ".join(words)
        for text in self._person_entity_texts():
            parts = text.split()
            if parts and parts[-1] == last and len(text) > len(best):
                best = text
        return best

    def _person_entity_texts(self) -> list[str]:
        """Return the texts of the article's PERSON entities, in order (made on the first call)."""
        if self._person_texts is None:
            self._person_texts = [span_text(ent) for ent in entities(self.doc) if ent.label_ == "PERSON"]
        return self._person_texts

    def mention_at(self, start: int, end: int, head: int | None = None) -> ActorMention | None:
        """Return the actor mention best covering ``start:end`` (the head's own mention first)."""
        overlapping = [m for m in self.mentions if m.start < end and start < m.end]
        if not overlapping:
            return None
        if head is not None:
            idx = self.doc[head].idx
            holding = [m for m in overlapping if m.start <= idx < m.end]
            if holding:
                overlapping = holding
        rank = {"person": 0, "organisation": 1, "media": 1, "group": 2, "country": 3}
        return min(overlapping, key=lambda m: (rank.get(m.kind, 4), -(m.end - m.start)))

    # -- resolution -----------------------------------------------------------------------
    def is_speakerlike(self, token: Token) -> bool:
        """Return True when ``token`` can head the name of someone who speaks (never a dateline's word)."""
        if self.in_dateline(token.idx):
            return False
        lower = token.lower_
        if token.pos_ == "PRON":  # "he", "they"; "many", "some" of a group ("many in Berlin expect")
            return lower in self.lexicon.pronoun_gender or lower in self.lexicon.speaker_nouns
        if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return True
        if token.pos_ == "PROPN":
            return True
        lemma = token.lemma_.lower()
        if lemma in self.lexicon.speaker_nouns or lower in self.lexicon.speaker_nouns:
            return True
        if token.pos_ == "NOUN" and lemma.endswith(_PEOPLE_SUFFIXES) and lemma not in self.lexicon.non_speaker_nouns:
            return True
        if token.pos_ == "NOUN" and (lemma in self.cues.document_sources or lower in self.cues.document_sources):
            return True
        return self.mention_at(token.idx, token.idx + len(token), token.i) is not None

    def names_person(self, token: Token) -> bool:
        """Return True when ``token`` heads a phrase naming a person: a person's name or a role noun."""
        if token.ent_type_ == "PERSON" or token.lemma_.lower() in self.lexicon.role_nouns:
            return True
        if token.pos_ == "PRON":
            return self.lexicon.pronoun_gender.get(token.lower_) in ("male", "female")
        mention = self.mention_at(token.idx, token.idx + len(token), token.i)
        return mention is not None and mention.kind == "person"

    def is_medialike(self, phrase: Phrase) -> bool:
        """Return True when ``phrase`` names a news outlet or platform."""
        mention = self.mention_at(phrase.start, phrase.end, phrase.head)
        if mention is not None and (mention.sector in _MEDIA_SECTORS or mention.kind == "media"):
            return True
        head = self.doc[phrase.head]
        names = [head] + [
            c for c in head.children if c.dep_ in ("compound", "appos", "flat") and c.lower_ not in _MEDIA_MODIFIERS
        ]
        if any(t.lower_.rstrip(".") in self.lexicon.media_words for t in names):
            return True
        joined = " ".join(t.lower_ for t in names)
        return any(" " in m and m in joined for m in self.lexicon.media_words)

    def _gender(self, name: str) -> str | None:
        return self.genders.get(name)

    def _subject_rank(self, head: int) -> int:
        token = self.doc[head]
        while token.dep_ in ("compound", "appos", "flat", "amod", "nmod") and token.head.i != token.i:
            token = token.head
        return 0 if token.dep_ in SURFACE_SUBJECT_DEPS else 1

    def antecedent(self, position: int, gender: str | None, country: str | None = None) -> _Person | None:
        """Return the person a pronoun or role description at ``position`` most likely refers to."""
        sents = sentences(self.doc)
        if not sents:
            return None
        current = next((i for i, s in enumerate(sents) if s.start_char <= position < s.end_char), len(sents) - 1)
        pool = self.people + [p for _, p in self.speakers]
        for index in range(current, max(current - 5, -1), -1):
            sent = sents[index]
            found = [
                p for p in pool
                if sent.start_char <= p.start < sent.end_char and p.end <= position
                and not (p.start <= position < p.end)
            ]
            found = [p for p in found if not (gender and self._gender(p.name) not in (None, gender))]
            if country:
                same = [p for p in found if p.mention is not None and p.mention.country == country]
                found = same or found
            if not found:
                continue
            if index == current:
                found.sort(key=lambda p: (self._subject_rank(p.head), -p.start))
            else:
                found.sort(key=lambda p: (self._subject_rank(p.head), p.start))
            chosen = found[0]
            if gender and chosen.name not in self.genders and gender in ("male", "female"):
                self.genders[chosen.name] = gender
            return chosen
        return None

    def remember(self, phrase: Phrase, ref: ActorRef, is_person: bool) -> None:
        """Keep a resolved speaker as a candidate antecedent for later pronouns."""
        if is_person:
            name = ref.name or ref.text
            self.speakers.append((phrase.start, _Person(phrase.start, phrase.end, phrase.head, name, None)))
        else:
            self.groups.append((phrase.start, ref))

    def group_antecedent(self, position: int) -> ActorRef | None:
        """Return the organisation or group that spoke last before ``position`` ("it said", "they said")."""
        earlier = [ref for start, ref in self.groups if start < position]
        return earlier[-1] if earlier else None

    def _name_inside(self, phrase: Phrase) -> _Person | None:
        inside = [p for p in self.people if phrase.start <= p.start and p.end <= phrase.end]
        if not inside:
            return None
        head_idx = self.doc[phrase.head].idx

        def rank(person: _Person) -> tuple[int, int, int]:
            named = person.mention is None or person.mention.entity_id is not None or any(
                ent.label_ == "PERSON" for ent in entities(self.doc) if person.start <= ent.start_char < person.end
            )
            return (0 if named else 1, 0 if person.start <= head_idx < person.end else 1, -person.start)

        return min(inside, key=rank)

    def _proper_name(self, head: Token) -> str | None:
        if head.pos_ != "PROPN" or head.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC"):
            return None
        left = right = head.i
        while left - 1 >= 0 and self.doc[left - 1].pos_ == "PROPN" and self.doc[left - 1].dep_ in ("compound", "flat"):
            left -= 1
        while right + 1 < len(self.doc) and self.doc[right + 1].pos_ == "PROPN" and self.doc[right + 1].head.i == right + 1:
            right += 1
        return self.doc[left : right + 1].text

    def resolve(self, phrase: Phrase, speaker: bool = True) -> ActorRef:
        """Return the actor named by ``phrase``: code, country and sector where known, and the full name of a person."""
        start = self._after_dateline(phrase.start, phrase.end)
        if start != phrase.start:
            phrase = Phrase(start, phrase.end, phrase.head)
        head = self.doc[phrase.head]
        text = self.text[phrase.start : phrase.end]
        lower = head.lower_
        person: _Person | None = None
        mention = self.mention_at(phrase.start, phrase.end, phrase.head)
        if head.pos_ == "PRON" and lower in self.lexicon.pronoun_gender:
            gender = self.lexicon.pronoun_gender[lower]
            if gender in ("male", "female"):
                person = self.antecedent(phrase.start, gender)
                mention = person.mention if person else None
            else:
                group = self.group_antecedent(phrase.start)
                if group is not None:
                    return ActorRef(group.code, group.country, group.sector, text, group.text, phrase.start, phrase.end)
        elif (described := self._described_group(head, phrase)) is not None:
            return ActorRef(described.code, described.country, described.sector, text,
                            described.name or described.text, phrase.start, phrase.end)
        elif self._is_role_reference(head, phrase):
            nationality = mention.country if mention is not None and mention.kind != "person" else None
            resolved_by_mention = mention is not None and mention.kind == "person" and mention.name
            if not resolved_by_mention:
                person = self.antecedent(phrase.start, None, nationality)
                mention = person.mention if person and person.mention else mention
        else:
            person = self._name_inside(phrase)
            if person is not None and person.mention is not None:
                mention = person.mention
        name = person.name if person else (mention.name if mention is not None else None)
        if name is None and (mention is None or mention.kind == "person"):
            name = self._proper_name(head)
        ref = ActorRef(
            code=mention.code if mention else None,
            country=mention.country if mention else None,
            sector=mention.sector if mention else None,
            text=text,
            name=name,
            start=phrase.start,
            end=phrase.end,
        )
        if speaker and head.pos_ != "PRON":
            is_person = person is not None or (
                mention.kind in _PERSON_KINDS if mention is not None else self._proper_name(head) is not None
            )
            self.remember(phrase, ref, is_person)
        return ref

    def _described_group(self, head: Token, phrase: Phrase) -> ActorRef | None:
        """Return the organisation a description refers back to ("the newspaper", "the campaign",
        "the ministry"): the last speaker described by the same noun, else the last organisation the
        text named before it (an outlet for outlet words); ``None`` when ``phrase`` names one itself."""
        lemma = head.lemma_.lower()
        if lemma not in self.lexicon.group_descriptions or self.doc[head.left_edge.i].lower_ not in ("the", "its"):
            return None
        if any(t.pos_ == "PROPN" for t in head.subtree) or self.mention_at(phrase.start, phrase.end, phrase.head):
            return None
        for start, ref in reversed(self.groups):
            if start < phrase.start and ref.text.lower().split()[-1:] == [head.lower_] and ref.name:
                return ref
        outlet = lemma in self.lexicon.media_words or lemma in ("paper", "network", "station", "outlet")
        for mention in reversed(self.mentions):
            if mention.end > phrase.start or self._quoted(mention.start, mention.end):
                continue
            if mention.kind not in ("organisation", "group", "media"):
                continue
            if outlet != (mention.sector in _MEDIA_SECTORS or mention.kind == "media"):
                continue
            return ActorRef(mention.code, mention.country, mention.sector, mention.text,
                            mention.name or mention.text, mention.start, mention.end)
        return None

    def _is_role_reference(self, head: Token, phrase: Phrase) -> bool:
        if head.lemma_.lower() not in self.lexicon.role_nouns and head.lower_ not in self.lexicon.role_nouns:
            return False
        if self._name_inside(phrase) is not None:
            return False
        first = self.doc[self.doc[phrase.head].left_edge.i]
        return first.lower_ in ("the", "his", "her", "their", "its") or head.lower_ == "counterpart"
