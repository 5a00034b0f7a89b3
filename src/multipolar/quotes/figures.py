"""Figures: counts of people killed, wounded, displaced, arrested or deployed, and money for aid
or sanctions, each with its qualifier ("at least"), the actor it concerns and its event.

Numbers are found with one regular expression (digits, scales, number words, currencies) and
read in the parse: what the counted noun is (civilians, troops), what happened to it (the verb
it is subject or object of, a causative's complement, a participle or adjective beside it) and
whom it concerns (a nationality on the noun, else the nearest place not on the agent's side).
"""

from __future__ import annotations

import re
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


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


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
    pattern = re.compile(
        rf"(?:(?P<qual>{_alternation(qualifiers)})\s+)?"
        rf"(?:(?P<cur>{_alternation(signs)})\s?)?"
        rf"(?P<num>{_DIGITS}|\b(?:{tens})-(?:{units})\b|\b(?:{_alternation(list(number_words))})\b)"
        rf"(?P<scale>\s(?:{_alternation(word_scales)})\b|(?:{_alternation(short_scales)})\b)?",
        re.I,
    )
    return FigureLexicon(verb_kind, word_kind, causatives, leaving_verbs, homes, people, number_words, scales, currencies, money_context,
                         pattern, frozenset(vague_numbers), phrasal_kinds, status_nouns, modals, place_nouns, tally_nouns)


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

    def _tokens(self, start: int, end: int) -> Span | None:
        if end <= start:
            return None
        return self.doc.char_span(start, end, alignment_mode="expand")

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
        verb = number.head.head
        for tally in (c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")):
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
        """Return the character ranges of the clause holding ``token`` (without coordinated clauses)."""
        top = token
        while top.dep_ in _CLIMB_DEPS and top.head.i != top.i:
            top = top.head
        removed = [c for c in top.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        ranges = []
        start = top.left_edge.idx
        for conj in sorted(removed, key=lambda c: c.left_edge.i):
            ranges.append((start, conj.left_edge.idx))
            start = conj.right_edge.idx + len(conj.right_edge)
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
        if noun is not None:
            lo, hi = noun.left_edge.idx, noun.idx + len(noun)
            for mention in self.mentions:
                if lo <= mention.start and mention.end <= hi and mention.country:
                    if mention.code and sector and mention.code.endswith(sector):
                        return mention.code
                    return mention.country + (sector or "")
        agent = self._agent_span(trigger)
        agent_countries = {
            m.country for m in self.mentions if agent and m.country and agent[0] <= m.start and m.end <= agent[1]
        }
        sentence = number.sent
        places = [
            m for m in self.mentions
            if m.kind in _PLACE_KINDS and m.country and not (agent and agent[0] <= m.start and m.end <= agent[1])
        ]
        clause = self._clause(trigger or number)
        inside = [m for m in places if any(lo <= m.start < hi for lo, hi in clause)]
        if not inside:
            inside = [m for m in places if m.end <= sentence.start_char and m.country not in agent_countries]
            inside = inside[-1:]
        if not inside:
            return None
        nearest = min(inside, key=lambda m: abs(m.start - number.idx))
        return nearest.country + (sector or "") if nearest.country else None

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
        found: list[Figure] = []
        for match in self.lexicon.pattern.finditer(self.text):
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
        kind, trigger = self._kind(noun) if noun is not None else (None, None)
        if kind is None:
            kind, trigger = self._kind(number)
        if kind is None:
            return None
        if kind == "deployed" and sector != "MIL" and (trigger is None or trigger.lemma_.lower() != "deploy"):
            return None
        sector = sector or ("MIL" if kind == "deployed" else "CVL")
        end = max(match.end(), noun.idx + len(noun)) if noun is not None else match.end()
        if kind == "deployed":
            who = self._agent_country(trigger, sector) or self._who(number, noun, sector, trigger)
        else:
            who = self._who(number, noun, sector, trigger)
        return self._figure(kind, value, match.start(), end, match, number, who, "people", trigger)

    def _figure(self, kind: str, value: float, start: int, end: int, match: re.Match[str], number: Token,
                who: str | None, unit: str, trigger: Token | None) -> Figure:
        qualifier = match.group("qual").lower() if match.group("qual") else None
        raw = match.group("num").lower()
        if qualifier is None and not raw[0].isdigit() and raw.endswith("s") and raw in self.lexicon.number_words:
            qualifier = raw
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
    displaced, arrested or deployed and money for aid or sanctions, each with its qualifier, the
    actor code it concerns (from ``mentions``) and the id of the event in ``events`` it attaches to."""
    if not article.text.strip():
        return []
    return _FigureFinder(doc, article, mentions, events).figures()
