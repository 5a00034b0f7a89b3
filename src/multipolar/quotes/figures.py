"""Figures: counts of people killed, wounded, displaced, arrested or deployed, and money for aid
or sanctions, each with its qualifier ("at least"), the actor it concerns and its event.

Numbers are found with one regular expression (digits, scales, number words, currencies) and
read in the parse: what the counted noun is (civilians, troops), what happened to it (the verb
it is subject or object of, a causative's complement, a participle or adjective beside it) and
whom it concerns (a nationality in the counted noun phrase, else the country of the place the
clause locates it in, else nothing). The rules, and how vague amounts ("dozens"), modal figures
("could flee") and the kinds released/expelled are recorded, are set out at the top of
``data/figures.yaml``: a vague amount counts as the lower bound its word implies (dozens -> 24,
hundreds -> 200, thousands -> 2000) with the word as its qualifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from multipolar.errors import Errors, MultipolarError
from multipolar.quotes.lexicon import load_yaml
from multipolar.records import ActorMention, Article, Event, Figure, stable_id

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PLACE_KINDS = frozenset({"country", "place"})
_LOCATIVES = frozenset({"in", "at", "near", "across", "around", "along", "inside", "throughout", "on"})
_NOT_PEOPLE_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "pcomp", "prep", "acl", "relcl", "oprd", "dobj", "pobj", "nsubj",
                         "nsubjpass", "nummod", "amod", "compound", "quantmod"})
_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
_VICTIM_KINDS = frozenset({"killed", "wounded", "displaced"})
_NOT_PLACING_VERBS = frozenset({"say", "tell", "visit", "meet", "call", "urge", "accuse", "blame", "thank"})
_NOT_COUNTS = re.compile(r"\s*(?:%|per\s?cent|percent|km|kilomet|mile|kg|ton|metre|meter|year|month|week|day|hour|minute|"
                         r"second|am\b|pm\b|a\.m|p\.m|degree|point|seat|vote|mm\b|cm\b|st\b|nd\b|rd\b|th\b)", re.I)


@dataclass(frozen=True)
class FigureLexicon:
    """Word lists and the compiled number pattern of the figure extractor."""

    verb_kind: dict[str, str]
    word_kind: dict[str, str]
    causatives: frozenset[str]
    leaving_verbs: frozenset[str]
    homes: frozenset[str]
    people: dict[str, str]
    number_words: dict[str, float]
    scales: dict[str, float]
    currencies: dict[str, str]
    money_context: frozenset[str]
    pattern: re.Pattern[str]
    vague_numbers: frozenset[str]
    phrasal_kinds: dict[tuple[str, str], str]
    status_nouns: frozenset[str]
    modals: frozenset[str]
    place_nouns: frozenset[str]
    tally_nouns: frozenset[str]
    #: where a figure's number can begin (the ``num`` group of ``pattern`` alone, behind a
    #: lookahead for its first character), and the longest qualifier and currency sign: what
    #: ``figure_matches`` needs to run ``pattern`` near numbers only
    number: re.Pattern[str]
    longest_qualifier: int
    longest_sign: int


def _alternation(words: list[str]) -> str:
    """Return a regex matching any of ``words``, a longer word tried before a word it extends.

    The words are laid out as a trie ("more(?: than)?", "a(?:bout|lmost|...)"): at each position
    of the text the engine follows one branch per letter instead of trying every word in turn
    (the figure pattern is tried at every position of every article). Two different words can
    match at one position only when one extends the other, and the longer one is tried first,
    so this matches what the plain alternation of the words sorted longest first matches.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(tree)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _verb_particle(entry: str) -> tuple[str, str]:
    """Return ``("hand", "over")`` for the phrasal verb entry ``"hand over"``."""
    verb, _, particle = entry.strip().lower().partition(" ")
    if not verb or not particle:
        raise ValueError(f"phrasal kind {entry!r} is not 'verb particle'")
    return verb, particle


@lru_cache(maxsize=1)
def figure_lexicon() -> FigureLexicon:
    """Return the figure lexicon from ``figures.yaml`` (loaded and compiled once)."""
    data = load_yaml("figures.yaml")
    try:
        verb_kind = {v: kind for kind, entry in data["kinds"].items() for v in entry["verbs"]}
        word_kind = {w: kind for kind, entry in data["kinds"].items() for w in entry["words"]}
        qualifiers = [str(q) for q in data["qualifiers"]]
        number_words = {str(k): float(v) for k, v in data["number_words"].items()}
        vague_numbers = {str(k): float(v) for k, v in data["vague_numbers"].items()}
        phrasal_kinds = {_verb_particle(str(k)): str(v) for k, v in data["phrasal_kinds"].items()}
        status_nouns = frozenset(str(w) for w in data["status_nouns"])
        modals = frozenset(str(w) for w in data["modals"])
        place_nouns = frozenset(str(w) for w in data["place_nouns"])
        tally_nouns = frozenset(str(w) for w in data["tally_nouns"])
        scales = {str(k): float(v) for k, v in data["scales"].items()}
        currencies = {str(k): str(v) for k, v in data["currencies"].items()}
        people = {str(k): str(v) for k, v in data["people"].items()}
        causatives = frozenset(data["causatives"])
        leaving_verbs = frozenset(data["leaving_verbs"])
        homes = frozenset(data["homes"])
        money_context = frozenset(data["money_context"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise MultipolarError(Errors.E400.format(path="figures.yaml", detail=f"missing or malformed entry: {exc}")) from exc
    number_words.update(vague_numbers)
    signs = [c for c in currencies if not c.isalpha()]
    word_scales = [s for s in scales if len(s) > 2]
    short_scales = [s for s in scales if len(s) <= 2]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    units = "one|two|three|four|five|six|seven|eight|nine"
    number = rf"{_DIGITS}|\b(?:{tens})-(?:{units})\b|\b(?:{_alternation(list(number_words))})\b"
    pattern = re.compile(
        rf"(?:(?P<qual>{_alternation(qualifiers)})\s+)?"
        rf"(?:(?P<cur>{_alternation(signs)})\s?)?"
        rf"(?P<num>{number})"
        rf"(?P<scale>\s(?:{_alternation(word_scales)})\b|(?:{_alternation(short_scales)})\b)?",
        re.I,
    )
    initials = sorted({word[0].lower() for word in [*number_words, *tens.split("|")]})
    number_start = re.compile(rf"(?=\d|\b[{re.escape(''.join(initials))}])(?:{number})", re.I)
    return FigureLexicon(verb_kind, word_kind, causatives, leaving_verbs, homes, people, number_words, scales, currencies, money_context,
                         pattern, frozenset(vague_numbers), phrasal_kinds, status_nouns, modals, place_nouns, tally_nouns,
                         number_start, max(map(len, qualifiers), default=0), max(map(len, signs), default=0))


def figure_matches(text: str, lexicon: FigureLexicon) -> Iterator[re.Match[str]]:
    """Yield what ``lexicon.pattern.finditer(text)`` yields, trying the pattern near numbers only.

    Every match holds a number (the ``num`` group), and what comes before it is at most a
    qualifier, spaces, a currency sign and a space. So from where the scan stands, the next
    match starts at the first number ahead at the latest (the pattern matches there, its
    other groups being optional) and no earlier than that number less the longest such lead:
    the pattern is searched from there, not tried at every character of the text.
    """
    position = 0
    while (number := lexicon.number.search(text, position)) is not None:
        lead = max(position, number.start() - lexicon.longest_sign - 1)
        while lead > position and text[lead - 1].isspace():
            lead -= 1
        match = lexicon.pattern.search(text, max(position, lead - lexicon.longest_qualifier))
        if match is None:  # cannot happen: the pattern matches at the number
            return
        yield match
        position = match.end()


def _value(match: re.Match[str], lexicon: FigureLexicon) -> float | None:
    raw = match.group("num").lower()
    if raw[0].isdigit():
        value = float(raw.replace(",", ""))
    elif "-" in raw:
        ten, unit = raw.split("-")
        value = lexicon.number_words[ten] + lexicon.number_words[unit]
    else:
        value = lexicon.number_words.get(raw)
        if value is None:
            return None
    scale = (match.group("scale") or "").strip().lower()
    if scale:
        value *= lexicon.scales[scale]
    return value


class _FigureFinder:
    def __init__(self, doc: Doc, article: Article, mentions: list[ActorMention], events: list[Event]) -> None:
        self.doc = doc
        self.text = article.text
        self.article = article
        self.mentions = mentions
        self.events = events
        self.lexicon = figure_lexicon()
        # the tokens of each character range asked for: every figure asks for those of the mentions
        self._spans: dict[tuple[int, int], Span | None] = {}

    def _tokens(self, start: int, end: int) -> Span | None:
        if end <= start:
            return None
        key = (start, end)
        if key not in self._spans:
            self._spans[key] = self.doc.char_span(start, end, alignment_mode="expand")
        return self._spans[key]

    # -- what the number counts -------------------------------------------------------
    def _counted(self, number: Token) -> Token | None:
        """Return the noun counted by ``number`` ("8,000 people", "dozens of protesters"), if any."""
        head = number
        while head.dep_ in ("compound", "quantmod", "nummod") and head.head.pos_ == "NUM" and head.head.i != head.i:
            head = head.head
        if head.dep_ == "nummod" and head.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            return head.head
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                return pobj
        return self._tallied(head)

    def _tallied(self, number: Token) -> Token | None:
        """Return N in "bringing the number of N to <number>" (the noun a tally counts), if any."""
        if number.dep_ != "pobj" or number.head.lower_ != "to":
            return None
        above = list(number.head.ancestors)[:5]
        verb = above[0] if above else number.head
        holders = [c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")] + above
        for tally in holders:
            if tally.lemma_.lower() not in self.lexicon.tally_nouns:
                continue
            for prep in (c for c in tally.children if c.dep_ == "prep" and c.lower_ == "of"):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    return pobj
        return None

    def _kind_from_token(self, token: Token) -> str | None:
        lemma, lower = token.lemma_.lower(), token.lower_
        if token.pos_ in ("VERB", "AUX"):
            for particle in (c for c in token.children if c.dep_ == "prt"):
                if (kind := self.lexicon.phrasal_kinds.get((lemma, particle.lower_))) is not None:
                    return kind
            if lemma in self.lexicon.verb_kind:
                return self.lexicon.verb_kind[lemma]
        if lemma in self.lexicon.leaving_verbs and any(
            c.dep_ == "dobj" and c.lower_ in self.lexicon.homes for c in token.children
        ):
            return "displaced"
        return self.lexicon.word_kind.get(lower) or self.lexicon.word_kind.get(lemma)

    def _kind(self, argument: Token, number: Token | None = None) -> tuple[str | None, Token | None]:
        """Return what happened to ``argument`` and the token that says so.

        The noun's own kind ("refugees") wins, except for nouns of a condition (``status_nouns``:
        hostages, prisoners), where a verb that ends or changes the condition wins ("released").
        """
        own = self.lexicon.word_kind.get(argument.lower_)
        if own is not None and argument.pos_ != "NUM":
            if argument.lower_ not in self.lexicon.status_nouns and argument.lemma_.lower() not in self.lexicon.status_nouns:
                return own, argument
            kind, trigger = self._kind_around(argument)
            if kind is None and number is not None and number.i != argument.i:
                kind, trigger = self._kind_around(number)
            return (kind, trigger) if kind is not None else (own, argument)
        return self._kind_around(argument)

    def _kind_around(self, argument: Token) -> tuple[str | None, Token | None]:
        """Return the kind said by the words around ``argument`` (its modifiers and governing verb)."""
        for child in argument.children:
            if child.dep_ in ("acl", "relcl", "amod", "appos") and (kind := self._kind_from_token(child)):
                return kind, child
        governor = argument
        while governor.dep_ == "conj" and governor.head.i != governor.i:
            governor = governor.head
        verb = governor.head
        if verb.pos_ == "ADP":
            verb = verb.head
            if verb.pos_ == "NOUN" and verb.i != governor.i and (kind := self.lexicon.word_kind.get(verb.lower_)):
                return kind, verb
        if verb.pos_ in ("VERB", "AUX"):
            kind = self._kind_from_token(verb)
            if kind is not None:
                return kind, verb
            for complement in (c for c in verb.children if c.dep_ == "xcomp" and c.i > governor.i):
                if (kind := self._kind_from_token(complement)) is not None:
                    return kind, complement
            if verb.lemma_.lower() in self.lexicon.causatives:
                for child in verb.children:
                    if child.dep_ not in ("xcomp", "ccomp", "oprd", "acomp", "advcl"):
                        continue
                    for option in [child, *(c for c in child.children if c.dep_ == "conj")]:
                        if kind := self._kind_from_token(option):
                            return kind, option
            if any("toll" in t.lower_ for c in verb.children if c.dep_ in _AGENT_DEPS for t in c.subtree):
                return "killed", verb
        return None, None

    # -- whom it concerns -------------------------------------------------------------
    def _agent_span(self, trigger: Token | None) -> tuple[int, int] | None:
        """Return the character range of the trigger's agent without its locative phrases ("in Sindh")."""
        if trigger is None:
            return None
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "agent"):
                end = child.right_edge.idx + len(child.right_edge)
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in _LOCATIVES and prep.i > child.i:
                        end = min(end, prep.idx)
                return child.left_edge.idx, end
        return None

    @staticmethod
    def _clause(token: Token) -> list[tuple[int, int]]:
        """Return the character ranges of the clause holding ``token`` (without coordinated clauses,
        but with a subordinate clause that ends the sentence, which the parse hangs on the last
        conjunct though it qualifies them all: "30 were killed and 112 wounded when ... was shelled")."""
        top = token
        while top.dep_ in _CLIMB_DEPS and top.head.i != top.i:
            top = top.head
        removed = [c for c in top.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        ranges = []
        start = top.left_edge.idx
        for conj in sorted(removed, key=lambda c: c.left_edge.i):
            ranges.append((start, conj.left_edge.idx))
            start = conj.right_edge.idx + len(conj.right_edge)
            shared = [
                c for c in conj.children
                if c.dep_ == "advcl" and c.i > conj.i
                and all(t.is_punct for t in token.doc[c.right_edge.i + 1 : conj.right_edge.i + 1])
            ]
            ranges.extend((c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in shared)
        ranges.append((start, top.right_edge.idx + len(top.right_edge)))
        return ranges

    def _agent_country(self, trigger: Token | None, sector: str) -> str | None:
        agent = self._agent_span(trigger)
        if agent is None:
            return None
        for mention in self.mentions:
            if agent[0] <= mention.start and mention.end <= agent[1] and mention.country:
                return mention.country + sector
        return None

    def _who(self, number: Token, noun: Token | None, sector: str | None, trigger: Token | None) -> str | None:
        """Return the actor code the figure concerns: a nationality in the counted noun phrase, else
        the country of the place where it happened, else ``None`` (never a guess)."""
        nationality = self._nationality(noun)
        if nationality is not None:
            if nationality.code and sector and nationality.code.endswith(sector):
                return nationality.code
            return (nationality.country or "") + (sector or "")
        country = self._place_country(number, noun, trigger) or self._victim_country(number, noun, trigger)
        return country + (sector or "") if country else None

    def _victim_country(self, number: Token, noun: Token | None, trigger: Token | None) -> str | None:
        """Return the country of the target of the event the figure belongs to (same trigger, its
        target covering the counted people) when it is violence suffered (killed, wounded, displaced)
        and the target is not on the attacker's side: "Russia's invasion has killed 10,000 civilians"
        concerns the invaded country the event stage found; ``None`` otherwise."""
        if trigger is None:
            return None
        kind = self._kind_from_token(trigger) or self.lexicon.word_kind.get(trigger.lower_)
        if kind not in _VICTIM_KINDS:
            return None
        counted = noun if noun is not None else number
        for event in self.events:
            target, source = event.target, event.source
            if not event.trigger_start <= trigger.idx < event.trigger_end or target is None or not target.country:
                continue
            if target.start is None or target.end is None or not target.start <= counted.idx < target.end:
                continue
            if source is not None and source.country == target.country:
                continue
            return target.country
        return None

    def _nationality(self, noun: Token | None) -> ActorMention | None:
        """Return the mention of a nationality or country inside the counted noun phrase
        ("45 Yemeni civilians", "Sudanese refugees", "residents of Kherson"), if any."""
        if noun is None:
            return None
        phrase = {t.i for t in noun.subtree if t.i <= noun.i}
        for child in noun.children:
            if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ == "of"):
                phrase |= {t.i for t in child.subtree}
        # a mention outside the characters of the phrase cannot have all its tokens in it
        last = self.doc[max(phrase)]
        first, end = self.doc[min(phrase)].idx, last.idx + len(last)
        for mention in self.mentions:
            if not mention.country or mention.end <= first or mention.start >= end:
                continue
            span = self._tokens(mention.start, mention.end)
            if span is None or not len(span) or not all(t.i in phrase for t in span):
                continue
            if any(self._names_a_nation(t, noun) for t in span):
                return mention
        return None

    @staticmethod
    def _names_a_nation(token: Token, noun: Token) -> bool:
        """Return True when ``token`` is the word of the phrase that carries its country: a
        nationality or place name ("Yemeni", "Kherson"), not the counted noun or the number (a
        mention of "40 people" whose country the actor stage took from the context does not count;
        a counted noun that is itself a nationality does, "eight Russians")."""
        if token.like_num or token.pos_ == "NUM":
            return False
        if token.i == noun.i:
            return token.ent_type_ == "NORP"  # "eight Russians"
        return token.ent_type_ in ("NORP", "GPE", "LOC") or (token.is_title and token.pos_ in ("PROPN", "ADJ"))

    def _place_heads(self, sentence: Span) -> list[tuple[Token, str]]:
        """Return the heads of the place phrases of ``sentence`` with their country: a place or country
        mention heading its phrase ("in Kherson"), or a place noun it modifies ("a Polish village")."""
        found: list[tuple[Token, str]] = []
        for mention in self.mentions:
            if not mention.country or mention.kind not in _PLACE_KINDS and mention.kind != "group":
                continue
            if not sentence.start_char <= mention.start < sentence.end_char:
                continue
            span = self._tokens(mention.start, mention.end)
            if span is None or not len(span):
                continue
            head = span.root
            if head.dep_ in ("amod", "compound", "poss", "nmod") and head.head.i != head.i:
                holder = head.head
                if holder.lemma_.lower() not in self.lexicon.place_nouns and holder.lower_ not in self.lexicon.place_nouns:
                    continue
                head = holder
            elif mention.kind not in _PLACE_KINDS:
                continue
            if head.dep_ in ("appos", "npadvmod") and head.head.pos_ == "PROPN":
                head = head.head
            found.append((head, mention.country))
        for event in self.events:
            place = event.location
            if place is None or not place.country or place.start is None or place.end is None:
                continue
            if sentence.start_char <= place.start < sentence.end_char:
                span = self._tokens(place.start, place.end)
                if span is not None and len(span):
                    found.append((span.root, place.country))
        return found

    @staticmethod
    def _is_placing(head: Token, trigger: Token | None) -> bool:
        """Return True when the phrase headed by ``head`` says where something happened: the object
        of a locative preposition ("in", "near"), or the place acted on by the figure's verb or a verb
        it depends on ("struck a village, killing ...", "fled Mosul"), not by a verb beside it
        ("the bridge linking Russia to Crimea")."""
        if head.dep_ == "pobj":
            return head.head.lower_ in _LOCATIVES or head.head.lower_ == "from"
        if head.dep_ not in ("dobj", "nsubjpass") or head.head.pos_ != "VERB" or trigger is None:
            return False
        verb = head.head
        if verb.lemma_.lower() in _NOT_PLACING_VERBS:
            return False
        return verb.i == trigger.i or any(verb.i == above.i for above in trigger.ancestors)

    def _distance(self, token: Token, anchors: list[Token]) -> int | None:
        """Return the number of dependency arcs between ``token`` and the nearest of ``anchors``;
        ``None`` when the way up passes through another group of people ("eight Russians held in
        the United States" does not place "16 people")."""
        path = [token, *token.ancestors]
        anchor_ids = {a.i for a in anchors}
        best: int | None = None
        for anchor in anchors:
            chain = [anchor, *anchor.ancestors]
            positions = {t.i: n for n, t in enumerate(chain)}
            for up, step in enumerate(path):
                if step.i in positions:
                    if not any(self._is_other_group(t, anchor_ids) for t in path[:up]):
                        distance = up + positions[step.i]
                        best = distance if best is None else min(best, distance)
                    break
        return best

    def _is_other_group(self, token: Token, anchor_ids: set[int]) -> bool:
        """Return True when ``token`` names people other than the figure's own ("eight Russians")."""
        if token.i in anchor_ids or token.pos_ not in ("NOUN", "PROPN"):
            return False
        return token.ent_type_ == "NORP" or token.lower_ in self.lexicon.people or token.lemma_.lower() in self.lexicon.people

    def _place_country(self, number: Token, noun: Token | None, trigger: Token | None) -> str | None:
        """Return the country of the place the clause of ``trigger`` locates the figure in, the one
        nearest to the figure in the parse; ``None`` without one or when two countries are as near."""
        agent = self._agent_span(trigger)
        clause = self._clause(trigger or number)
        anchors = [t for t in (number, noun, trigger) if t is not None]
        ranked: list[tuple[int, str]] = []
        for head, country in self._place_heads(number.sent):
            if not any(lo <= head.idx < hi for lo, hi in clause):
                continue
            if agent and agent[0] <= head.idx < agent[1]:
                continue
            if not self._is_placing(head, trigger):
                continue
            distance = self._distance(head.head, anchors)
            if distance is not None:
                ranked.append((distance, country))
        if not ranked:
            return None
        nearest = min(distance for distance, _ in ranked)
        countries = {country for distance, country in ranked if distance == nearest}
        return countries.pop() if len(countries) == 1 else None

    def _modal(self, trigger: Token | None, number: Token) -> tuple[str, bool] | None:
        """Return the modal of the figure's verb and whether it is perfect ("may have been killed"),
        looking at the trigger and the verbs it depends on within its clause; ``None`` without one."""
        start = trigger if trigger is not None else number
        verb: Token | None = start
        steps = 0
        while verb is not None and steps < 4:
            if verb.pos_ in ("VERB", "AUX"):
                auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
                modal = next((a for a in auxiliaries if a.lower_ in self.lexicon.modals), None)
                if modal is not None:
                    perfect = any(a.lemma_.lower() == "have" and a.i > modal.i for a in auxiliaries)
                    return modal.lower_, perfect
                if verb.dep_ not in ("xcomp", "conj", "acl", "relcl"):
                    break
            if verb.head.i == verb.i:
                break
            verb = verb.head
            steps += 1
        return None

    def _money_who(self, number: Token, start: int, end: int) -> str | None:
        """Return the country a money figure concerns: the recipient ("to Ukraine"), else the nearest one."""
        verb = number
        while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
            verb = verb.head
        recipients = (
            t for t in verb.subtree
            if t.dep_ == "prep" and t.lower_ in ("to", "for", "on", "against") and not start <= t.idx < end
        )
        for prep in recipients:
            for mention in self.mentions:
                if mention.country and prep.idx < mention.start <= prep.right_edge.idx:
                    return mention.country
        sentence = number.sent
        near = [
            m for m in self.mentions
            if m.country and sentence.start_char <= m.start < sentence.end_char and not (start <= m.start < end)
        ]
        if not near:
            return None
        return min(near, key=lambda m: abs(m.start - number.idx)).country

    def _event_id(self, sentence: Span, trigger: Token | None, position: int) -> str | None:
        inside = [e for e in self.events if sentence.start_char <= e.trigger_start < sentence.end_char]
        if not inside:
            return None
        if trigger is not None:
            exact = [e for e in inside if e.trigger_start <= trigger.idx < e.trigger_end]
            if exact:
                return exact[0].id
        return min(inside, key=lambda e: abs(e.trigger_start - position)).id

    # -- figures ----------------------------------------------------------------------
    def _currency(self, match: re.Match[str], span: Span) -> str | None:
        if match.group("cur"):
            return self.lexicon.currencies.get(match.group("cur"))
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None:
            return self.lexicon.currencies.get(after.lower_)
        return None

    def figures(self) -> list[Figure]:
        """Return every figure of the article in text order."""
        found: list[Figure] = []
        for match in figure_matches(self.text, self.lexicon):
            span = self._tokens(match.start("num"), match.end())
            if span is None or not len(span):
                continue
            if _NOT_COUNTS.match(self.text, match.end()) and not match.group("cur"):
                continue
            value = _value(match, self.lexicon)
            if value is None:
                continue
            number = span[-1]
            currency = self._currency(match, span)
            if currency is not None:
                figure = self._money(match, number, value, currency)
            else:
                figure = self._people(match, number, value)
            if figure is not None:
                found.append(figure)
        return found

    def _money(self, match: re.Match[str], number: Token, value: float, currency: str) -> Figure | None:
        window = self.doc[max(number.sent.start, number.i - 8) : min(number.sent.end, number.i + 8)]
        if not any(t.lemma_.lower() in self.lexicon.money_context or t.lower_ in self.lexicon.money_context
                   for t in window):
            return None
        start = match.start()
        end = match.end()
        after = self.doc[number.i + 1] if number.i + 1 < len(self.doc) else None
        if after is not None and after.lower_ in self.lexicon.currencies:
            end = after.idx + len(after)
        who = self._money_who(number, start, end)
        return self._figure("money", value, start, end, match, number, who, currency, None)

    def _people(self, match: re.Match[str], number: Token, value: float) -> Figure | None:
        noun = self._counted(number)
        sector = None
        if noun is not None:
            sector = self.lexicon.people.get(noun.lower_) or self.lexicon.people.get(noun.lemma_.lower())
            if sector is None and noun.ent_type_ == "NORP":
                sector = "CVL"
            if sector is None and noun.lower_ not in self.lexicon.word_kind:
                return None
        elif number.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") or number.ent_type_ in _NOT_PEOPLE_ENTS:
            return None
        kind, trigger = self._kind(noun, number) if noun is not None else (None, None)
        if kind is None:
            kind, trigger = self._kind(number)
        if kind is None:
            return None
        modal = self._modal(trigger, number)
        if modal is not None and not modal[1]:
            return None  # a projection or a capacity ("could flee"), not a count of what happened
        if kind == "deployed" and sector != "MIL" and (trigger is None or trigger.lemma_.lower() != "deploy"):
            return None
        sector = sector or ("MIL" if kind == "deployed" else "CVL")
        end = max(match.end(), noun.idx + len(noun)) if noun is not None else match.end()
        if kind == "deployed":
            who = self._agent_country(trigger, sector) or self._who(number, noun, sector, trigger)
        else:
            who = self._who(number, noun, sector, trigger)
        estimate = modal[0] if modal is not None else None
        return self._figure(kind, value, match.start(), end, match, number, who, "people", trigger, estimate)

    def _figure(self, kind: str, value: float, start: int, end: int, match: re.Match[str], number: Token,
                who: str | None, unit: str, trigger: Token | None, estimate: str | None = None) -> Figure:
        """Return the figure record; its qualifier is the vague word ("dozens") if the amount is one,
        else the modal of an estimate ("may"), else the word before the number ("at least")."""
        raw = " ".join(match.group("num").lower().split())
        if raw in self.lexicon.vague_numbers:
            qualifier: str | None = raw
        elif estimate is not None:
            qualifier = estimate
        else:
            qualifier = " ".join(match.group("qual").lower().split()) if match.group("qual") else None
        return Figure(
            id=stable_id(self.article.id, "figure", start, end),
            article_id=self.article.id,
            kind=kind,
            count=value,
            text=self.text[start:end],
            start=start,
            end=end,
            qualifier=qualifier,
            who=who,
            unit=unit,
            event_id=self._event_id(number.sent, trigger, number.idx),
        )


def extract_figures(doc: Doc, article: Article, mentions: list[ActorMention], events: list[Event]) -> list[Figure]:
    """Return the figures of ``article`` (parsed as ``doc``) in text order: people killed, wounded,
    displaced, expelled, arrested, released or deployed and money for aid or sanctions, each with its qualifier, the
    actor code it concerns (from ``mentions``) and the id of the event in ``events`` it attaches to."""
    if not article.text.strip():
        return []
    return _FigureFinder(doc, article, mentions, events).figures()
