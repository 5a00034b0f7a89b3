"""Finding the actors of an event in the dependency parse: sources, targets, speakers.

All functions work on spaCy tokens and a ``MentionIndex`` that maps tokens to the actor stage's
mentions. Searches go breadth first from a phrase head, so the actor nearest the head wins
("the prime minister of Latvia" -> Latvia, "Peru's plans" -> Peru), and they follow
conjunctions so "Putin and Xi" gives both.
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from multipolar.linguistics import (  # noqa: F401  (re-exported: the event stage uses them as args.X)
    FIRST_PERSON,
    PASSIVE_SUBJECT_DEPS,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    antecedent,
    children,
    children_of,
    conjuncts,
    layer_of,
    remembered,
    speaker_of,
    token_memo,
)
from multipolar.linguistics import governing_subject as _governing_subject
from multipolar.linguistics import is_passive as _is_passive
from multipolar.linguistics import subject_of as _subject_of
from multipolar.records import ActorMention

OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})
PHRASE_BLOCKED = CLAUSE_DEPS - {"acl"}
ADVERBIAL_PREPS = frozenset(
    {"during", "after", "at", "in", "following", "before", "on", "amid", "ahead", "since", "despite", "upon", "while"}
)
QUOTE_CHARS = frozenset('"“”«»')
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "outside", "inside", "around", "across", "on"})


def subject_of(verb: Token) -> Token | None:
    """``multipolar.linguistics.subject_of``, worked out once per document and verb."""
    return remembered("subject_of", verb, _subject_of)


def governing_subject(token: Token, limit: int = 6) -> Token | None:
    """``multipolar.linguistics.governing_subject``, worked out once per document, token and limit."""
    return remembered(f"governing_subject/{limit}", token, lambda word: _governing_subject(word, limit))


def is_passive(token: Token) -> bool:
    """``multipolar.linguistics.is_passive``, worked out once per document and token."""
    return remembered("is_passive", token, _is_passive)


class MentionIndex:
    """Actor mentions of one document, looked up by token."""

    def __init__(self, doc: Doc, mentions: Iterable[ActorMention]) -> None:
        self.doc = doc
        self.by_token: dict[int, ActorMention] = {}
        self.unresolved: dict[int, ActorMention] = {}  # named people with no code yet: targets only
        # "both countries": the actor stage resolves one plural reference to several mentions of one span
        self.same_span: dict[tuple[int, int], list[ActorMention]] = {}
        self._tokens_by_span: dict[tuple[int, int], set[int]] | None = None
        #: results of the event stage's pure per-document helpers (place names of a line, nearest
        #: mentions of a phrase), kept while this document is coded: its rules ask them again and again
        self.memo: dict[tuple, object] = {}
        # longer mentions first so that a token keeps the widest mention covering it
        for mention in sorted(mentions, key=lambda m: m.start - m.end):
            resolved = bool(mention.code or mention.country or mention.sector)
            if not resolved and mention.kind != "person":
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            if resolved:
                self.same_span.setdefault((mention.start, mention.end), []).append(mention)
            table = self.by_token if resolved else self.unresolved
            for token in span:
                table.setdefault(token.i, mention)

    def at(self, token: Token) -> ActorMention | None:
        """Return the mention covering ``token``, if any."""
        return self.by_token.get(token.i)

    def tokens_of(self, mention: ActorMention) -> set[int]:
        """Return the tokens whose mention is ``mention`` or one of the same span (built once)."""
        if self._tokens_by_span is None:
            self._tokens_by_span = {}
            for i, m in self.by_token.items():
                self._tokens_by_span.setdefault((m.start, m.end), set()).add(i)
        return set(self._tokens_by_span.get((mention.start, mention.end), ()))

    def together(self, mention: ActorMention) -> list[ActorMention]:
        """Return the other mentions one plural reference resolved to ("both countries" -> both)."""
        return [m for m in self.same_span.get((mention.start, mention.end), []) if m is not mention]

    def __bool__(self) -> bool:
        return bool(self.by_token)


def nearest_mentions(
    head: Token,
    index: MentionIndex,
    *,
    exclude: set[int] = frozenset(),
    max_depth: int = 5,
    blocked: frozenset[str] = PHRASE_BLOCKED,
    skip_located_places: bool = False,
    unresolved: bool = False,
) -> list[tuple[ActorMention, Token]]:
    """Return the mentions nearest to ``head`` in its phrase, one per conjunct.

    Each conjunct's subtree is searched breadth first, not entering the other conjuncts nor
    children whose dependency label is in ``blocked``; tokens in ``exclude`` are skipped. With
    ``skip_located_places``, places reached through a locative preposition are passed over
    ("farmers in Punjab" is not Punjab acting). With ``unresolved``, people the
    actor stage named but could not code count too (as a last resort, for targets).
    """
    key = ("nearest_mentions", head.i, frozenset(exclude), max_depth, blocked, skip_located_places, unresolved)
    known = index.memo.get(key)
    if known is not None:
        return list(known)  # type: ignore[call-overload]
    found, completed = _nearest_mentions(head, index, exclude, max_depth, blocked, skip_located_places, unresolved)
    if not completed:  # a mention completed by ``_with_country`` is a new object on every call: not kept
        index.memo[key] = tuple(found)
    return found


def _nearest_mentions(
    head: Token, index: MentionIndex, exclude: set[int], max_depth: int, blocked: frozenset[str],
    skip_located_places: bool, unresolved: bool,
) -> tuple[list[tuple[ActorMention, Token]], bool]:
    """Return what ``nearest_mentions`` returns, and whether a mention was completed with a country."""
    found: list[tuple[ActorMention, Token]] = []
    completed = False
    seen: set[int] = set()
    heads = conjuncts(head)
    head_ids = {h.i for h in heads}
    for start in heads:
        queue: deque[tuple[Token, int]] = deque([(start, 0)])
        while queue:
            token, depth = queue.popleft()
            mention = index.at(token) if token.i not in exclude else None
            if mention is None and unresolved and token.i not in exclude:
                mention = index.unresolved.get(token.i)
            if mention is not None and skip_located_places and mention.kind in ("place", "country") and _located(token, start):
                mention = None
            if mention is not None and not (mention.country or mention.code):
                mention = _with_country(mention, token, index, exclude)
                completed = True
            if mention is not None:
                key = id(mention)
                if key not in seen:
                    seen.add(key)
                    found.append((mention, token))
                for other in index.together(mention):  # "both countries": every country referred to
                    if id(other) not in seen:
                        seen.add(id(other))
                        found.append((other, token))
                # "the presidents of Chile and Argentina": a coordinated name inside the phrase, of any
                # length, also when the head itself lies inside the mention "presidents of Chile"
                inner = [token] if token.i not in head_ids else _inner_tokens(mention, index, head_ids)
                for word in inner:
                    for other_token in word.conjuncts:
                        if other_token.i in head_ids:
                            continue
                        other = index.at(other_token)
                        if other is not None and id(other) not in seen and other_token.i not in exclude:
                            seen.add(id(other))
                            found.append((other, other_token))
                # "Indian and Chinese troops": coordinated modifiers name more actors
                for modifier in children_of(token):
                    if modifier.dep_ in ("amod", "compound", "nmod", "poss") and modifier.conjuncts:
                        for other_token in (modifier, *modifier.conjuncts):
                            other = index.at(other_token)
                            if other is not None and id(other) not in seen and other_token.i not in exclude:
                                seen.add(id(other))
                                found.append((other, other_token))
                break
            if depth >= max_depth:
                continue
            for child in children_of(token):
                if child.i in head_ids or child.i in exclude:
                    continue
                if child.dep_ in blocked:
                    continue
                queue.append((child, depth + 1))
    return found, completed


def _inner_tokens(mention: ActorMention, index: MentionIndex, head_ids: set[int]) -> list[Token]:
    """Return the tokens of ``mention``'s span other than the phrase heads being searched."""
    key = ("mention_tokens", mention.start, mention.end)
    tokens = index.memo.get(key)
    if tokens is None:
        span = index.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        tokens = index.memo[key] = tuple(span) if span is not None else ()
    return [t for t in tokens if t.i not in head_ids]  # type: ignore[attr-defined]


def _with_country(mention: ActorMention, token: Token, index: MentionIndex, exclude: set[int]) -> ActorMention:
    """Return a mention with no country completed by an actor in its own phrase.

    "Queen Rania of Jordan": the person is unresolved but "of Jordan" names her country.
    """
    queue = deque([(token, 0)])
    while queue:
        current, depth = queue.popleft()
        other = index.at(current)
        if other is not None and other is not mention and (other.country or other.code) and current.i not in exclude:
            if not other.country:  # "Kenzo Oshima, the United Nations coordinator": an IGO official
                return replace(mention, code=other.code, sector=other.sector or mention.sector)
            code = mention.code or other.country + (mention.sector or "")
            return replace(mention, country=other.country, code=code)
        if depth < 3:
            queue.extend((c, depth + 1) for c in children_of(current) if c.dep_ not in CLAUSE_DEPS)
    return mention


def _located(token: Token, top: Token) -> bool:
    """Return True when ``token`` hangs below ``top`` through a locative preposition."""
    current = token
    while current.i != top.i and current.head.i != current.i:
        if current.dep_ == "pobj" and current.head.lower_ in LOCATIVE_PREPS:
            return True
        current = current.head
    return False


def prep_objects(token: Token, preps: Iterable[str]) -> Iterator[tuple[str, Token]]:
    """Yield (preposition, object) for ``token``'s prepositional children among ``preps``."""
    allowed = set(preps)
    for child in children_of(token):
        if child.dep_ not in ("prep", "agent", "dative") or child.lower_ not in allowed:
            continue
        for obj in children_of(child):
            if obj.dep_ in ("pobj", "pcomp"):
                yield child.lower_, obj


def sentence_bounds(token: Token) -> tuple[int, int]:
    """Return ``(token.sent.start, token.sent.end)``, read from the layer's sentence bounds."""
    layer = layer_of(token.doc)
    if layer.sentence_bounds is None:  # no boundaries: as spaCy says
        sent = token.sent
        return sent.start, sent.end
    memo = token_memo(token.doc)
    starts = memo.get(("sentence_starts", -1))
    if starts is None:
        starts = memo["sentence_starts", -1] = [start for start, _ in layer.sentence_bounds]
    return layer.sentence_bounds[bisect.bisect_right(starts, token.i) - 1]


def reduced_passive(token: Token) -> bool:
    """Return True when ``token`` is a passive participle without auxiliary or subject that
    modifies a clause or noun ("Asked about X, Putin said", "Lula, also invited, ...", "the warrant
    issued in March"): the noun it belongs to is acted upon, it is not the agent. A clause-opening
    "Asked" the tagger read as a past tense counts too."""
    opens_clause = token.i == sentence_bounds(token)[0] or token.nbor(-1).is_punct
    return (
        (token.tag_ == "VBN" or (token.tag_ == "VBD" and token.dep_ == "advcl" and opens_clause))
        and token.dep_ in ("advcl", "acl", "amod", "appos")
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "agent") for c in children_of(token))
    )


def inside_quotes(sent: Span) -> bool:
    """Return True when ``sent`` lies inside quotation marks opened earlier in its paragraph."""
    doc = sent.doc
    text = layer_of(doc).text
    paragraph_start = text.rfind("\n", 0, sent.start_char) + 1
    before = text[paragraph_start : sent.start_char]
    opened = sum(1 for ch in before if ch in QUOTE_CHARS)
    straight_open = before.count('"') % 2 == 1
    curly_open = before.count("“") > before.count("”")
    own = sent.text.lstrip()
    starts_quote = own[:1] in QUOTE_CHARS
    return bool(opened) and (straight_open or curly_open) or starts_quote


def speech_head(token: Token, speech_verbs: frozenset[str]) -> Token | None:
    """Return the speech verb whose reported clause contains ``token`` ("X said it will ..."), if any."""
    current = token
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return None
        if current.dep_ in ("ccomp", "parataxis", "xcomp") and head.lemma_.lower() in speech_verbs:
            return head
        current = head
    return None


def paragraph_speakers(sent: Span, index: MentionIndex, speech_verbs: frozenset[str]) -> list[ActorMention]:
    """Return the speaker of a quotation that ``sent`` belongs to, from its paragraph.

    Looks for a speech verb ("said", "told", "was quoted as saying") in the same paragraph whose
    subject is an actor, nearest to ``sent`` first.
    """
    doc = sent.doc
    text = layer_of(doc).text
    start = text.rfind("\n", 0, sent.start_char) + 1
    end = text.find("\n", sent.end_char)
    end = len(text) if end < 0 else end
    paragraph = doc.char_span(start, end, alignment_mode="expand")
    if paragraph is None:
        return []
    candidates: list[tuple[int, ActorMention]] = []
    for token in paragraph:
        if token.lemma_.lower() not in speech_verbs or token.pos_ not in ("VERB", "AUX"):
            continue
        verb = token
        while verb.dep_ in ("xcomp", "advcl", "pcomp", "pobj", "prep") and verb.head.i != verb.i:
            verb = verb.head
        subject = speaker_of(token) or speaker_of(verb)
        if subject is None:
            continue
        for mention, _ in nearest_mentions(subject, index, max_depth=3):
            candidates.append((abs(token.i - sent.start), mention))
    candidates.sort(key=lambda pair: pair[0])
    return [mention for _, mention in candidates[:1]]
