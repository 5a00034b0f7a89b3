"""Quote extraction: direct, partial and indirect quotes with speaker, medium and listener.

Direct and partial quotes come from paired quotation marks (``marks.py``); indirect quotes from
reporting verbs with a clause complement and from "according to X". Speakers are found in the
parse (the reporting verb's subject, the clause before a colon or dash, the attribution after a
quote, the name in the next sentence, the speaker of the quote just before) and resolved with
``speakers.SpeakerResolver``.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from multipolar.linguistics import RELATIVE_PRONOUNS, clause_subject, sentences
from multipolar.linguistics.tokens import token_facts
from multipolar.quotes.headlines import title_quotes
from multipolar.quotes.lexicon import cue_lexicon, present_forms, speech_lexicon
from multipolar.quotes.marks import SENTENCE_END, MarkedSpan, find_marked_spans
from multipolar.quotes.speakers import Phrase, SpeakerResolver, phrase_of
from multipolar.records import ActorMention, ActorRef, Article, Quote, stable_id
from multipolar.rules import RuleTable

_TERMINAL = ".!?"
_FRAME_END = (":", "—", "–", "-", ",")
_FIRST_SECOND_PERSON = frozenset({"i", "we", "you"})
_PREDICATE_DEPS = frozenset({"attr", "acomp", "oprd"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "nummod"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "obj"})
_DETERMINERS = frozenset({"a", "an", "the", "its", "his", "her", "their", "our", "this", "these", "those", "that"})
_MAX_TERM_WORDS = 4
_BACK_REFERENCES = frozenset({"that", "this", "those", "these", "remark", "remarks", "words", "comment", "comments",
                              "statement", "message", "warning", "pledge", "promise"})
_MAX_TAIL_TOKENS = 24
_MAX_GAP_TOKENS = 16
_STANCE_DEPS = frozenset({"dobj", "dative", "oprd", "xcomp", "ccomp", "attr", "acomp"})
_STANCE_PREPS = frozenset({"of", "for", "as", "against", "over", "about", "on", "to", "with", "into"})
_VOICING_VERBS = frozenset({"make", "repeat", "reiterate", "issue", "voice", "express", "renew", "restate", "press",
                            "air", "level", "publish", "file"})
_MAX_STANCE_WORDS = 40
_QUESTION_WORDS = frozenset({"whether", "if", "how", "why", "when", "where", "what", "who", "which"})
_HEADLINE_FRAMES = frozenset({"as", "while", "amid", "after", "despite"})
_TIME_SPANS = frozenset({"hours", "days", "weeks", "months", "minutes", "moments", "shortly", "soon", "years"})
_MAX_HEADLINE_WORDS = 20
# "Finance chief Omar Sy on the budget:", "Kremlin:" — a source (up to six words, no verb) and an
# optional topic after "on" or "about", then the colon.
_COLON_LABEL = re.compile(
    r"^(?P<source>[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,5}?)"
    r"(?:\s+(?:on|about|over)\s+[^:]{1,80})?\s*:$"
)


#: ``(cue lexicon, headline forms, finding forms)``: built once per cue lexicon, read only
_CUE_FORMS: tuple[object, dict[str, str], dict[str, str]] = (None, {}, {})


def _cue_forms(cue) -> tuple[dict[str, str], dict[str, str]]:
    """Return the present-tense forms of ``cue``'s verbs (the cue verbs a headline uses: "says",
    "warn", "denies") and of its document verbs ("shows"), by lemma; built once per cue lexicon."""
    global _CUE_FORMS
    cached = _CUE_FORMS
    if cached[0] is not cue:
        cached = _CUE_FORMS = (cue, present_forms(cue.verb_class), present_forms(cue.document_verbs))
    return cached[1], cached[2]


def _trailing_punct(token: Token) -> bool:
    """Return True for punctuation that does not belong at the end of a reported clause."""
    if token.text in (")", "]"):
        opening = "(" if token.text == ")" else "["
        return opening not in token.doc[token.sent.start : token.i].text
    return token.is_punct and not token.is_quote and token.text != "%"


@dataclass
class _Draft:
    """A quote being assembled; ``speaker_from`` points at the draft whose speaker it shares."""

    start: int
    end: int
    kind: str
    speaker: Phrase | None = None
    speaker_from: int | None = None
    medium: Phrase | None = None
    listener: Phrase | None = None
    verb: str | None = None
    mark: MarkedSpan | None = None
    rule: str | None = None
    cue_class: str | None = None
    lemma: str | None = None  # the lemma of the cue word

#: Which phrase names the source of a cue verb. A rule returns the head token of the source,
#: ``False`` to stop looking (no source for this verb), or ``None`` to let the next rule try.
SOURCE = RuleTable("quotes.source", "which phrase names the source of a cue verb")


@SOURCE.rule
def shares_frame_source(ex: _Extractor, verb: Token) -> Token | None:
    """A cue verb coordinated after a reported clause, without a subject, shares the frame's source.

    Example: "The envoy said the truce held and urged both sides to talk." -> the envoy urged
    """
    frame = ex.shared_frames.get(verb.i)
    return ex._speaker_of_verb(frame) if frame is not None else None


@SOURCE.rule
def quoted_object(ex: _Extractor, verb: Token) -> Token | None:
    """The object of "quote" speaks; the subject of "quote" only relays the words.

    Example: "State radio quoted the harbour master as saying the port was closed." -> the harbour master
    """
    quoted = ex.quoted_person(verb)
    if quoted is None and verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        quoted = ex.quoted_person(verb.head.head)
    return quoted


@SOURCE.rule
def passive_agent(ex: _Extractor, verb: Token) -> Token | None:
    """The agent of a passive cue verb is its source.

    Example: "The plan was criticised by the farmers' union as unworkable." -> the farmers' union
    """
    if verb.lemma_.lower() == "quote":
        return None
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for pobj in (g for g in agent.children if g.dep_ == "pobj"):
            if ex.resolver.is_speakerlike(pobj):
                return pobj
    return None


@SOURCE.rule
def relative_pronoun(ex: _Extractor, verb: Token) -> Token | None:
    """A relative pronoun subject ("who", "which", "that") stands for the noun its clause modifies.

    Example: "..., said Lena Ortiz, who warned that the deal could collapse." -> Lena Ortiz
    """
    subject = clause_subject(verb)
    if subject is None or subject.lower_ not in RELATIVE_PRONOUNS or subject.head.dep_ != "relcl":
        return None
    antecedent = subject.head.head
    if antecedent.pos_ not in ("NOUN", "PROPN") or not ex.resolver.is_speakerlike(antecedent):
        return False
    return antecedent


@SOURCE.rule
def verb_subject(ex: _Extractor, verb: Token) -> Token | None:
    """The subject of a cue verb is its source (a dateline before it is skipped); any noun can say things.

    Example: "Foreign Minister Ana Ruiz said the border would reopen." -> Foreign Minister Ana Ruiz
    """
    subject = clause_subject(verb)
    if subject is not None:
        subject = ex.resolver.out_of_dateline(subject)
    if subject is not None and subject.dep_ == "nsubjpass" and subject.lower_ == "it":
        return False
    if subject is not None and ex.resolver.is_speakerlike(subject):
        return subject
    lemma = verb.lemma_.lower()
    if subject is not None and subject.head.i == verb.i and subject.pos_ in ("NOUN", "PROPN") and (
        ex.cue.verb_class.get(lemma) == "speech" or lemma in ex.lexicon.clause_verbs
    ):
        return subject  # whatever "says" or "announces" is a source ("the port authority said")
    return None


@SOURCE.rule
def inverted_object(ex: _Extractor, verb: Token) -> Token | None:
    """After an inverted reporting verb the parse may take the source for its object.

    Example: "\u201cWe are ready,\u201d said the coach of the national team." -> the coach
    """
    if verb.lemma_.lower() not in ex.lexicon.reporting_verbs:
        return None
    for child in verb.children:
        if child.i > verb.i and child.dep_ in _OBJECT_DEPS | {"attr"} and ex.resolver.is_speakerlike(child):
            return child
    return None



@dataclass
class _Marked:
    """A quotation between marks being attributed, with what the ``MARKED`` rules look at."""

    mark: MarkedSpan
    following: MarkedSpan | None
    draft: _Draft
    head_text: str  # the text of the sentence before the opening mark
    head_start: int  # where ``head_text`` starts in the article
    head_tokens: list[Token]
    root: Token  # the root of the quoted words
    frame_head: bool  # the text before ends like an attribution ("X said:", "X —")
    partial: bool  # a fragment inside the writer's own sentence
    continues: bool  # the sentence goes on after the closing mark ('"...," X said')
    after: str  # the characters just after the closing mark


#: Who said a quotation between marks: the first rule that attributes it wins.
MARKED = RuleTable("quotes.marked", "who said a quotation between quotation marks")


@MARKED.rule
def unclosed_with_inner_attribution(ex: _Extractor, q: _Marked) -> bool | None:
    """An opening mark never closed ends where an attribution starts inside it.

    Example: "\u201cThe fence will stay up, a border official said on Friday." -> a border official
    """
    return True if q.mark.unclosed and ex.trim_unclosed(q.mark, q.draft) else None


@MARKED.rule
def frame_before(ex: _Extractor, q: _Marked) -> bool | None:
    """A clause ending in a colon, dash or reporting verb before the quote names its speaker.

    Example: "The governor told reporters: \u201cWe will rebuild.\u201d" -> the governor
    """
    return True if not q.partial and q.frame_head and ex.attribute_head(q.head_tokens, q.draft) else None


@MARKED.rule
def colon_label(ex: _Extractor, q: _Marked) -> bool | None:
    """A bare name before a colon, alone or with its topic ("X on Y:"), labels the speaker.

    Example: "Finance chief Omar Sy on the budget: \u201cWe cannot cut any further.\u201d" -> Omar Sy
    """
    if q.partial or not q.head_text.endswith(":"):
        return None
    match = _COLON_LABEL.match(q.head_text)
    if match is None:
        return None
    offset = q.head_start + match.start("source")
    tokens = [t for t in q.head_tokens if offset <= t.idx < offset + len(match.group("source"))]
    names = [t for t in tokens if ex.resolver.is_speakerlike(t) and t.pos_ in ("PROPN", "NOUN")]
    if not names or any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return None
    head = names[-1]
    while head.head.i != head.i and head.head.i in {t.i for t in tokens} and head.dep_ in ("compound", "flat"):
        head = head.head
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    q.draft.speaker = Phrase(start, end, head.i)
    q.draft.verb = ":"
    return True


@MARKED.rule
def attribution_after(ex: _Extractor, q: _Marked) -> bool | None:
    """A quote that goes on after its closing mark is attributed by the clause that follows.

    Example: "\u201cWe are not leaving,\u201d the protest leader said." -> the protest leader
    """
    if q.partial or not (q.continues or q.mark.unopened):
        return None
    return True if ex.attribute_tail(ex.tail_tokens(q.mark, q.following), q.draft) else None


@MARKED.rule
def reported_fragment(ex: _Extractor, q: _Marked) -> bool | None:
    """A quoted fragment belongs to the reporting verb above it in the writer's sentence.

    Example: "The senator called the ruling \u201ca gift to smugglers\u201d in a speech." -> the senator
    """
    if not (q.partial or q.head_text or (not q.continues and q.after[:1].islower())):
        return None
    return True if ex.attribute_fragment(q.root, q.draft) else None


@MARKED.rule
def continues_previous(ex: _Extractor, q: _Marked) -> bool | None:
    """A quote that opens a sentence right after another quote continues its speaker's words.

    Example: "\u201cWe lost.\u201d said the coach. \u201cNext year we win.\u201d" -> the coach
    """
    if q.partial or q.head_text:
        return None
    return True if ex.continue_previous(q.mark, q.draft) else None


@MARKED.rule
def speaker_in_context(ex: _Extractor, q: _Marked) -> bool | None:
    """A quote standing alone is the person's named in the next sentence, or the one the text is about.

    Example: "\u201cIt is over.\u201d Those were the last words of Mayor Ivo Han." -> Ivo Han
    """
    if q.partial or q.head_text:
        return None
    return True if ex.context_speaker(q.mark, q.draft) else None


#: Attributions without quotation marks, each rule a pass over the article adding its drafts.
REPORTED = RuleTable("quotes.reported", "attributions without quotation marks (indirect quotes)")


@REPORTED.rule
def speech_clause(ex: _Extractor) -> None:
    """A speech verb's clause complement is what its subject said.

    Example: "The mayor said on Tuesday that the bridge would reopen in May." -> the bridge would reopen in May
    """
    ex.speech_clauses()


@REPORTED.rule
def according_to(ex: _Extractor) -> None:
    """The clause around "according to X" is attributed to X.

    Example: "According to the coastguard, four boats sank overnight." -> four boats sank overnight
    """
    ex.according_to()


@REPORTED.rule
def cue_clause(ex: _Extractor) -> None:
    """The clause complement of a stance or cognition verb, or of a document's finding verb, is attributed.

    Example: "The audit found that two ministries overspent." -> two ministries overspent (the audit)
    """
    facts = ex.facts
    for i in facts.with_pos("VERB", "ADJ"):
        if not ex.may_be_cue_verb(i):
            continue
        verb = ex.doc[i]
        if not ex.cue_verb(verb) or ex.covered(verb.idx):
            continue
        clause = ex.complement(verb)
        if clause is None or ex.inside_marks(clause) or ex.names_a_label(clause):
            continue
        if clause.head.i != verb.i and clause.head.pos_ in ("NOUN", "PROPN"):
            continue  # "rejected claims by X that ...": a clause on a noun is the noun's owner's (noun_cue_clause)
        source = ex.source_of(verb.head if verb.dep_ in ("acomp", "oprd") else verb)  # "appeared convinced"
        if source is None:
            continue
        tokens = ex.clause_tokens(clause, verb, [])
        if tokens:
            ex.add_reported(tokens, verb, source)


@REPORTED.rule
def stance_complement(ex: _Extractor) -> None:
    """A stance verb's objects and complements ("accused X of Y", "called X Y", "urged X to Y") are its content.

    Example: "The union accused the airline of breaking the pay deal." -> the airline of breaking the pay deal
    """
    facts = ex.facts
    for i in facts.with_pos("VERB"):
        if ex.cue.verb_class.get(facts.lemma[i]) not in ("stance", "cognition"):
            continue
        verb = ex.doc[i]
        if verb.dep_ in ("amod", "acl", "aux", "auxpass") or ex.covered(verb.idx) or ex.inside_marks(verb):
            continue
        if ex.has_child(i, ("neg", "nsubjpass", "auxpass")) or ex.complement(verb) is not None:
            continue
        if ex.names_a_label(verb):
            continue
        tokens = ex.stance_tokens(verb)
        if tokens is None:
            continue
        source = ex.source_of(verb)
        if source is not None:
            ex.add_reported(tokens, verb, source)


@REPORTED.rule
def noun_cue_clause(ex: _Extractor) -> None:
    """A that-clause on a cue noun ("claims by X that", "X's view that") is attributed to the noun's owner.

    Example: "Brussels rejected Minsk's claim that the migrants came on their own." -> the migrants came on their own
    """
    for noun in ex.unquoted_nouns(ex.cue.noun_class):
        clause = next(
            (c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX")
             and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
             and any(m.dep_ in ("nsubj", "nsubjpass", "expl") for m in c.children)),
            None,
        )
        if clause is None or ex.covered(clause.idx):
            continue
        owner = ex.noun_owner(noun)
        if owner is None:
            continue
        tokens = ex.clause_tokens(clause, noun, [])
        if tokens:
            ex.add_reported(tokens, noun, owner)


@REPORTED.rule
def noun_cue_object(ex: _Extractor) -> None:
    """A call, demand, appeal or warning "for"/"of" something is its owner's stance; the object is the content.

    Example: "The mayor closed the meeting with a call for calm on the streets." -> calm on the streets
    """
    for noun in ex.unquoted_nouns(ex.cue.object_nouns):
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "against")), None)
        objects = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")] if prep is not None else []
        if not objects or ex.covered(objects[0].idx):
            continue
        owner = ex.noun_owner(noun)
        if owner is None and noun.dep_ == "pobj" and noun.head.lower_ == "with":
            owner = ex.source_of(noun.head.head) if noun.head.head.pos_ == "VERB" else None
        if owner is None:
            continue
        tokens = list(ex.doc[objects[0].left_edge.i : noun.right_edge.i + 1])
        while tokens and (_trailing_punct(tokens[-1]) or tokens[-1].is_space):
            tokens = tokens[:-1]
        if len([t for t in tokens if not t.is_punct]) >= 2 and not any(ex.covered(t.idx) for t in tokens):
            ex.add_reported(tokens, noun, owner)


@REPORTED.rule
def finding_verb_read_as_noun(ex: _Extractor) -> None:
    """A finding verb after a document subject that the tagger read as a noun still reports a finding.

    Example: "Files seen by the council show the contract was signed twice." -> the contract was signed twice
    """
    facts = ex.facts
    for i in facts.with_lower(ex.finding_forms):
        if facts.pos[i] == "VERB":
            continue
        token = ex.doc[i]
        if ex.covered(token.idx):
            continue
        sent = token.sent
        before = [t for t in ex.doc[sent.start : token.i] if t.pos_ in ("NOUN", "PROPN")]
        if not before or not ex.is_document(before[0]) or ex.inside_marks(token):
            continue
        after = [t for t in ex.doc[token.i + 1 : sent.end]]
        while after and (after[0].lower_ == "that" or after[0].is_punct):
            after = after[1:]
        while after and (after[-1].is_punct or after[-1].is_space):
            after = after[:-1]
        if len(after) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in after) or ex.covered(after[0].idx):
            continue
        draft = _Draft(after[0].idx, after[-1].idx + len(after[-1]), "indirect", speaker=phrase_of(before[0]))
        draft.verb, draft.lemma = token.text, ex.finding_forms[token.lower_]
        ex.drafts.append(draft)


@REPORTED.rule
def headline_says(ex: _Extractor) -> None:
    """A headline "X says Y" (no final stop, present tense) attributes Y to X, parsed or not.

    Example: "Dock workers say new rules put jobs at risk" -> new rules put jobs at risk (dock workers)
    """
    line = ex.headline()
    if line is None:
        return
    start, end = line
    tokens = [t for t in ex.tokens(start, end) if start <= t.idx < end]
    for index, token in enumerate(tokens):
        if index == 0 or token.lower_ not in ex.headline_forms or ex.inside_marks(token) or ex.covered(token.idx):
            continue
        before, after = tokens[:index], tokens[index + 1 :]
        while after and (after[0].lower_ == "that" or after[0].is_punct):
            after = after[1:]
        cut = next((k for k, t in enumerate(after) if k > 1 and t.lower_ in _HEADLINE_FRAMES), len(after))
        after = after[:cut]
        if len(before) > 8 or len([t for t in after if not t.is_punct]) < 3:
            return
        names = [t for t in before if t.pos_ in ("PROPN", "NOUN", "PRON") and ex.resolver.is_speakerlike(t)]
        if not names or not before[0].text[:1].isupper():
            return
        head = next((t for t in reversed(names) if t.head.i == token.i), names[-1])
        speaker = Phrase(before[0].idx, before[-1].idx + len(before[-1]), head.i)
        draft = _Draft(after[0].idx, after[-1].idx + len(after[-1]), "indirect", speaker=speaker)
        draft.verb, draft.lemma = token.text, ex.headline_forms[token.lower_]
        ex.drafts.append(draft)
        return


@REPORTED.rule
def headline_colon(ex: _Extractor) -> None:
    """A headline "X: Y" with a short source before the colon attributes Y to X.

    Example: "Port authority: strike will close the harbour for a week" -> strike will close the harbour for a week
    """
    line = ex.headline()
    if line is None:
        return
    start, end = line
    colon = ex.text.find(":", start, end)
    if colon < 0:
        return
    before = [t for t in ex.tokens(start, colon) if start <= t.idx < colon]
    after = [t for t in ex.tokens(colon + 1, end) if colon < t.idx < end and not t.is_space]
    if not before or len(before) > 6 or len([t for t in after if not t.is_punct]) < 3:
        return
    if any(t.pos_ in ("VERB", "AUX") for t in before) or ex.inside_marks(after[0]) or ex.covered(after[0].idx):
        return
    names = [t for t in before if t.pos_ in ("PROPN", "NOUN") and ex.resolver.is_speakerlike(t)]
    if not names:
        return
    speaker = Phrase(before[0].idx, before[-1].idx + len(before[-1]), names[-1].i)
    draft = _Draft(after[0].idx, after[-1].idx + len(after[-1]), "indirect", speaker=speaker)
    draft.verb = draft.lemma = ":"
    ex.drafts.append(draft)


def _coverage(spans: list[MarkedSpan], length: int) -> bytearray:
    """Return one byte per character of a text of ``length``: 1 where a span covers it, else 0."""
    covered = bytearray(length)
    for span in spans:
        start = max(0, min(span.start, length))
        end = max(start, min(span.end, length))
        covered[start:end] = b"\x01" * (end - start)
    return covered


class _Extractor:
    def __init__(self, doc: Doc, article: Article, mentions: list[ActorMention]) -> None:
        self.doc = doc
        # the strings of the document's tokens, read once: several rules scan the whole document
        self.facts = token_facts(doc)
        self.text = article.text
        self.article = article
        self.lexicon = speech_lexicon()
        self.cue = cue_lexicon()
        self.headline_forms, self.finding_forms = _cue_forms(self.cue)
        self.marks = find_marked_spans(self.text)
        self._marked = _coverage(self.marks, len(self.text))
        self.resolver = SpeakerResolver(doc, mentions, [(m.start, m.end) for m in self.marks])
        self.drafts: list[_Draft] = []
        self.shared_frames: dict[int, Token] = {}  # coordinated cue verb -> the frame verb it shares a source with
        self._edges: dict[int, tuple[int, int]] = {}  # token index -> indices of its subtree's first and last token
        self._complements: dict[int, Token | None] = {}  # verb index -> what ``complement`` returned
        self.headline_span = self.headline()

    # -- token helpers ----------------------------------------------------------------------
    def has_child(self, i: int, deps: tuple[str, ...]) -> bool:
        """Return True when the token at ``i`` has a child whose dependency label is one of ``deps``."""
        facts = self.facts
        return any(facts.dep[c] in deps for c in facts.children(i))

    def edges(self, token: Token) -> tuple[int, int]:
        """Return ``(token.left_edge.i, token.right_edge.i)``, worked out once per token."""
        found = self._edges.get(token.i)
        if found is None:
            found = self._edges[token.i] = (token.left_edge.i, token.right_edge.i)
        return found

    def tokens(self, start: int, end: int) -> list[Token]:
        if end <= start:
            return []
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def _words(self, lower: str) -> list[Token]:
        """Return the tokens whose lowercase form is ``lower``, in order (found in one array pass)."""
        if not len(self.doc):
            return []
        lowers = self.doc.to_array([LOWER])
        return [self.doc[i] for i in numpy.flatnonzero(lowers == self.doc.vocab.strings[lower]).tolist()]

    def unquoted_nouns(self, lemmas: Container[str]) -> Iterator[Token]:
        """Yield the nouns whose lowercase lemma is in ``lemmas``, outside quotation marks, in order."""
        facts = self.facts
        for i in facts.with_pos("NOUN"):
            if facts.lemma[i] in lemmas:
                noun = self.doc[i]
                if not self.inside_marks(noun):
                    yield noun

    def inside_marks(self, token: Token) -> bool:
        idx = token.idx
        if 0 <= idx < len(self.text):
            return self._marked[idx] == 1
        return any(m.start <= idx < m.end for m in self.marks)

    # -- attribution ------------------------------------------------------------------------
    def _speaker_of_verb(self, verb: Token) -> Token | None:
        """Return the token heading the phrase that names who is attributed with ``verb``."""
        _, source = SOURCE.first(self, verb)
        return source or None

    @staticmethod
    def quoted_person(verb: Token) -> Token | None:
        """Return X in "<outlet> quoted X as saying": the speaker is the object, the subject relays."""
        if verb.lemma_.lower() != "quote" or not any(c.dep_ == "nsubj" for c in verb.children):
            return None
        return next((c for c in verb.children if c.dep_ == "dobj"), None)

    def _relay(self, verb: Token, draft: _Draft) -> None:
        """Fill the medium and listener of ``draft`` from the frame around ``verb``."""
        for quoting in (verb, verb.head.head if verb.dep_ == "pcomp" else verb):
            if self.quoted_person(quoting) is not None:
                draft.medium = phrase_of(next(c for c in quoting.children if c.dep_ == "nsubj"))
        # the verbs and prepositions hung on the verb or on one of its children, in the order of
        # the verb's subtree (each child's left children, the child, its right children)
        facts = self.facts
        frame = [verb.i]
        for c in facts.children(verb.i):
            below = facts.children(c)
            frame += [t for t in (*[k for k in below if k < c], c, *[k for k in below if k > c])
                      if facts.pos[t] in ("VERB", "ADP")]
        governor = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else None
        if governor is not None and governor.lemma_.lower() == "quote":
            frame.append(governor.i)
        for token in frame:
            if facts.lemma[token] not in ("quote", "say", "cite"):
                continue
            for child in facts.children(token):
                if facts.dep[child] == "agent" or facts.lower[child] == "by":
                    objects = [c for c in facts.children(child) if facts.dep[c] == "pobj"]
                    if objects:
                        draft.medium = phrase_of(self.doc[objects[0]])
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                for grand in child.subtree:
                    if grand.dep_ == "pobj":
                        draft.medium = phrase_of(grand)
                        break
            if child.dep_ == "prep" and child.lower_ == "on" and draft.medium is None:
                for grand in (g for g in child.children if g.dep_ == "pobj"):
                    if self.resolver.is_medialike(phrase_of(grand)):
                        draft.medium = phrase_of(grand)
            if child.dep_ in ("dobj", "dative", "iobj") and verb.lemma_.lower() in ("tell", "inform", "assure"):
                phrase = phrase_of(child)
                if self.resolver.is_medialike(phrase):
                    draft.medium = phrase
                else:
                    draft.listener = phrase
        draft.verb = self._verb_text(verb)
        draft.lemma = verb.lemma_.lower()

    @staticmethod
    def _verb_text(verb: Token) -> str:
        particles = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
        return verb.text + (" " + particles[0].text if particles else "")

    def attribute_tail(self, tokens: list[Token], draft: _Draft) -> bool:
        for token in tokens[:_MAX_TAIL_TOKENS]:
            if token.pos_ not in ("VERB", "AUX") or token.dep_ == "aux" or token.dep_ == "auxpass":
                continue
            speaker = self._speaker_of_verb(token)
            if speaker is None:
                continue
            if self.inside_marks(speaker) or speaker.lower_ in _FIRST_SECOND_PERSON:
                continue
            draft.speaker = phrase_of(speaker)
            self._relay(token, draft)
            return True
        return self._attribute_tail_loosely(tokens[:_MAX_TAIL_TOKENS], draft)

    def _attribute_tail_loosely(self, tokens: list[Token], draft: _Draft) -> bool:
        """Fallback when the parse gives no subject: the name next to a reporting word after the quote."""
        verb = next((t for t in tokens if t.lemma_.lower() in self.lexicon.clause_verbs), None)
        if verb is None:
            return False
        region = [t for t in tokens if t.i != verb.i and abs(t.i - verb.i) <= 6]
        names = [t for t in region if t.pos_ in ("PROPN", "NOUN") and self.resolver.is_speakerlike(t)]
        if not names:
            return False
        name = min(names, key=lambda t: (t.i > verb.i, abs(t.i - verb.i)))
        while name.head.i != name.i and name.head.pos_ in ("PROPN", "NOUN") and name.head.i in {t.i for t in region}:
            name = name.head
        draft.speaker = phrase_of(name)
        self._relay(verb, draft)
        return True

    def attribute_head(self, tokens: list[Token], draft: _Draft) -> bool:
        for token in reversed(tokens):
            if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass") or self.inside_marks(token):
                continue
            speaker = self._speaker_of_verb(token)
            if speaker is None or self.inside_marks(speaker) or speaker.lower_ in _FIRST_SECOND_PERSON:
                continue
            draft.speaker = phrase_of(speaker)
            self._relay(token, draft)
            return True
        return False

    def attribute_fragment(self, root: Token, draft: _Draft) -> bool:
        """Attribute a quoted fragment to the outermost reporting verb above it with a speaker."""
        chosen: tuple[Token, Token] | None = None
        ancestor = root
        while ancestor.head.i != ancestor.i:
            ancestor = ancestor.head
            if ancestor.idx >= draft.start and ancestor.idx < draft.end:
                continue
            if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in self.lexicon.reporting_verbs:
                speaker = self._speaker_of_verb(ancestor)
                if speaker is not None and not self.inside_marks(speaker):
                    chosen = (ancestor, speaker)
        if chosen is None:
            chosen = self._frame_in_sentence(root, draft)
        if chosen is None:
            chosen = self._person_subject(root)
        if chosen is None:
            return False
        verb, speaker = chosen
        draft.speaker = phrase_of(speaker)
        self._relay(verb, draft)
        return True

    def _person_subject(self, root: Token) -> tuple[Token, Token] | None:
        """Return the clause verb above ``root`` whose subject is a person ("He wants Europe to be "...")."""
        ancestor = root
        while ancestor.head.i != ancestor.i:
            ancestor = ancestor.head
            subject = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
            if subject is None or self.inside_marks(subject):
                continue
            gender = self.lexicon.pronoun_gender.get(subject.lower_)
            if gender in ("male", "female") or self._names_person(subject):
                return ancestor, subject
        return None

    def _frame_in_sentence(self, root: Token, draft: _Draft) -> tuple[Token, Token] | None:
        best: tuple[int, Token, Token] | None = None
        for token in root.sent:
            if token.pos_ != "VERB" or token.lemma_.lower() not in self.lexicon.reporting_verbs:
                continue
            if self.inside_marks(token):
                continue
            speaker = self._speaker_of_verb(token)
            if speaker is None or self.inside_marks(speaker):
                continue
            distance = abs(token.idx - draft.start)
            if best is None or distance < best[0]:
                best = (distance, token, speaker)
        return (best[1], best[2]) if best else None

    # -- marked spans -----------------------------------------------------------------------
    def _head_region(self, mark: MarkedSpan, previous: MarkedSpan | None) -> tuple[int, int]:
        opening = mark.open_at if mark.open_at is not None else mark.start
        line_start = self.text.rfind("\n", 0, opening) + 1
        floor = line_start
        if previous is not None and previous.paragraph == mark.paragraph:
            floor = max(floor, (previous.close_at if previous.close_at is not None else previous.end) + 1)
        lo = floor
        for match in SENTENCE_END.finditer(self.text, floor, opening):
            lo = match.end()
        return lo, opening

    def tail_tokens(self, mark: MarkedSpan, following: MarkedSpan | None) -> list[Token]:
        begin = (mark.close_at if mark.close_at is not None else mark.end) + 1
        line_end = self.text.find("\n", begin)
        limit = len(self.text) if line_end < 0 else line_end
        if following is not None and following.open_at is not None:
            limit = min(limit, following.open_at)
        tokens = []
        for token in self.tokens(begin, limit):
            if token.idx < begin:
                continue
            if token.text in _TERMINAL:
                break
            tokens.append(token)
        return tokens

    def _is_scare(self, mark: MarkedSpan) -> bool:
        """Return True when a scare cue ("so-called", "what X calls its") comes just before the marks."""
        opening = mark.open_at if mark.open_at is not None else mark.start
        words = re.findall(r"[\w’'-]+", self.text[max(0, opening - 48) : opening].lower())
        while words and words[-1] in _DETERMINERS:
            words.pop()
        tail = " ".join(words[-3:])
        return any(tail == cue or tail.endswith(" " + cue) for cue in self.lexicon.scare_cues)

    @staticmethod
    def _root(tokens: list[Token], start: int, end: int) -> Token | None:
        for token in tokens:
            if token.is_punct:
                continue
            if token.head.i == token.i or not (start <= token.head.idx < end):
                return token
        return None

    def _is_term(self, tokens: list[Token], root: Token, raw: str) -> bool:
        """Return True when the fragment is a label (a short noun phrase) rather than speech."""
        words = [t for t in tokens if not t.is_punct]
        if not words or len(words) > _MAX_TERM_WORDS:
            return False
        if raw.rstrip()[-1:] in ".,!?;":
            return False
        if any(t.pos_ in ("VERB", "AUX") for t in words):
            return False
        if root.dep_ in _MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN"):
            return True
        if root.pos_ not in ("NOUN", "PROPN") or root.dep_ in _PREDICATE_DEPS:
            return False
        governor = root.head
        while governor.pos_ == "ADP" and governor.head.i != governor.i:
            if governor.lower_ == "as":
                return False
            governor = governor.head
        if governor.lemma_ == "be" and root.dep_ in ("pobj", "attr"):
            return False
        return not (governor.pos_ == "VERB" and governor.lemma_.lower() in self.lexicon.reporting_verbs)

    def trim_unclosed(self, mark: MarkedSpan, draft: _Draft) -> list[Token]:
        """Cut an unclosed quote before an attribution inside it ("..., a diplomat said.")."""
        tokens = self.tokens(mark.start, mark.end)
        for token in tokens:
            if token.pos_ != "VERB" or token.lemma_.lower() not in self.lexicon.clause_verbs:
                continue
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i), None)
            if subject is None or subject.lower_ in _FIRST_SECOND_PERSON:
                continue
            left = subject.left_edge
            if left.i == 0 or self.doc[left.i - 1].text != "," or not self.resolver.is_speakerlike(subject):
                continue
            draft.end = self.doc[left.i - 1].idx
            draft.speaker = phrase_of(subject)
            self._relay(token, draft)
            return [t for t in tokens if t.idx >= left.idx]
        return []

    def marked_quotes(self) -> None:
        """Make a draft of every quotation between marks and attribute it with the ``MARKED`` rules."""
        for index, mark in enumerate(self.marks):
            previous = self.marks[index - 1] if index else None
            following = self.marks[index + 1] if index + 1 < len(self.marks) else None
            raw = self.text[mark.start : mark.end]
            end = mark.end
            while end > mark.start and self.text[end - 1] in ", ":
                end -= 1
            draft = _Draft(mark.start, end, "direct", mark=mark)
            head_lo, head_hi = self._head_region(mark, previous)
            head_text = self.text[head_lo:head_hi].strip()
            head_tokens = [t for t in self.tokens(head_lo, head_hi) if head_lo <= t.idx < head_hi]
            content = [t for t in self.tokens(draft.start, draft.end) if draft.start <= t.idx < draft.end]
            if not content:
                continue
            root = self._root(content, draft.start, draft.end) or content[0]
            frame_head = head_text.endswith(_FRAME_END) or bool(
                head_tokens and head_tokens[-1].lemma_.lower() in self.lexicon.clause_verbs
            )
            partial = bool(head_text) and not frame_head and not mark.unclosed
            if partial:
                if self._is_scare(mark) or self._is_term(content, root, raw):
                    continue
                draft.kind = "partial"
            closing = mark.close_at if mark.close_at is not None else mark.end
            after = self.text[closing + 1 : closing + 3].lstrip()
            continues = raw.rstrip()[-1:] in ",!?—–-" or after[:1] in (",", "—", "–") or (
                after[:1].islower() and raw.rstrip()[-1:] in "!?"
            )
            head_start = head_lo + len(self.text[head_lo:head_hi]) - len(self.text[head_lo:head_hi].lstrip())
            context = _Marked(mark, following, draft, head_text, head_start, head_tokens, root, frame_head, partial,
                              continues, after)
            name, attributed = MARKED.first(self, context)
            if name is not None:
                draft.rule = f"{MARKED.name}:{name}"
            if attributed or (not partial and (not head_text or head_text.endswith(":"))):
                self.drafts.append(draft)

    def continue_previous(self, mark: MarkedSpan, draft: _Draft) -> bool:
        if not self.drafts:
            return False
        last_index = len(self.drafts) - 1
        last = self.drafts[last_index]
        if last.mark is None or last.kind != "direct":
            return False
        gap_start = (last.mark.close_at if last.mark.close_at is not None else last.mark.end) + 1
        gap_end = mark.open_at if mark.open_at is not None else mark.start
        gap = self.text[gap_start:gap_end]
        if len(SENTENCE_END.findall(gap)) > 1 or gap.count("\n\n") > 1:
            return False
        if len([t for t in self.tokens(gap_start, gap_end) if not t.is_space]) > _MAX_GAP_TOKENS:
            return False
        draft.speaker_from = last_index
        return True

    def context_speaker(self, mark: MarkedSpan, draft: _Draft) -> bool:
        """Attribute a quote standing alone: to a person named in the next sentence when the quote
        opens its paragraph, else to the person the sentences before it are about."""
        opening = mark.open_at if mark.open_at is not None else mark.start
        paragraph_start = self.text.rfind("\n", 0, opening) + 1
        if not self.text[paragraph_start:opening].strip() or self._next_refers_back(mark):
            return self._next_sentence(mark, draft)
        person = self.resolver.antecedent(opening, None)
        if person is not None:
            draft.speaker = Phrase(person.start, person.end, person.head)
            return True
        return self._next_sentence(mark, draft)

    def _next_sentence_tokens(self, mark: MarkedSpan) -> list[Token]:
        begin = (mark.close_at if mark.close_at is not None else mark.end) + 1
        match = SENTENCE_END.search(self.text, begin)
        end = match.start() if match else len(self.text)
        return [t for t in self.tokens(begin, end) if t.idx >= begin and not self.inside_marks(t)]

    def _next_refers_back(self, mark: MarkedSpan) -> bool:
        """Return True when the next sentence points back at the quote ("That was how ...", "X said this")."""
        tokens = self._next_sentence_tokens(mark)
        if any(t.lower_ in _BACK_REFERENCES for t in tokens[:4]):
            return True
        return any(
            t.lemma_.lower() in self.lexicon.reporting_verbs and (s := self._speaker_of_verb(t)) is not None
            and self._names_person(s)
            for t in tokens
        )

    def _next_sentence(self, mark: MarkedSpan, draft: _Draft) -> bool:
        for token in self._next_sentence_tokens(mark):
            if not self._names_person(token):
                continue
            head = token
            while head.head.i != head.i and head.dep_ in ("compound", "flat") and self._names_person(head.head):
                head = head.head
            draft.speaker = phrase_of(head)
            return True
        return False

    def _names_person(self, token: Token) -> bool:
        if token.ent_type_ == "PERSON":
            return True
        mention = self.resolver.mention_at(token.idx, token.idx + len(token), token.i)
        return token.pos_ == "PROPN" and mention is not None and mention.kind == "person"

    # -- indirect quotes --------------------------------------------------------------------
    def _kept_spans(self) -> list[tuple[int, int]]:
        return [(d.start, d.end) for d in self.drafts if d.mark is not None]

    def clause_tokens(self, clause: Token, verb: Token, cuts: list[int]) -> list[Token] | None:
        """Return the tokens of the reported clause, cut before coordinated frames and kept quotes."""
        kept = self._kept_spans()
        facts = self.facts
        (verb_left, verb_right), (clause_left, clause_right) = self.edges(verb), self.edges(clause)
        inside_verb = verb_left >= clause_left and verb_right <= clause_right and (
            clause.i != verb.i and facts.head(verb.i) == clause.i
        )
        skipped = set(facts.subtree(verb.i)) if inside_verb else set()
        cuts = cuts + self._coordinated_cues(clause, verb) + self._headline_cut(clause)
        limit = min(cuts) if cuts else len(self.doc)
        tokens = [self.doc[i] for i in facts.subtree(clause.i) if i < limit and i not in skipped]
        if any(self.inside_marks(t) and any(s <= t.idx < e for s, e in kept) for t in tokens):
            for conj in [c for c in clause.children if c.dep_ == "conj"]:
                branch = {t.i for t in conj.subtree}
                if any(any(s <= self.doc[i].idx < e for s, e in kept) for i in branch):
                    cut = min(branch)
                    tokens = [t for t in tokens if t.i < cut]
            if any(any(s <= t.idx < e for s, e in kept) for t in tokens):
                return None
        while tokens and (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that" or tokens[0].is_punct):
            tokens = tokens[1:]
        if tokens and tokens[0].lower_ in RELATIVE_PRONOUNS and tokens[0].i < verb.i < tokens[-1].i:
            tokens = [t for t in tokens if t.i > verb.i]  # "which Moscow says has stalled": what was said follows
        while tokens and (_trailing_punct(tokens[-1]) or tokens[-1].pos_ in ("CCONJ", "SCONJ") or tokens[-1].is_space):
            tokens = tokens[:-1]
        if tokens and sum(t.is_quote for t in tokens) % 2 and tokens[-1].i + 1 < len(self.doc):
            following = self.doc[tokens[-1].i + 1]
            if following.is_quote:
                tokens.append(following)
        return tokens or None

    def _coordinated_cues(self, clause: Token, verb: Token) -> list[int]:
        """Return where a reported clause ends before a coordinated cue verb without its own subject
        ("said the truce held and urged ...": "urged" is the frame's, not the clause's); the verb is
        remembered so it shares the frame's source."""
        cuts = []
        if verb.pos_ != "VERB":
            return cuts
        facts = self.facts
        # (the order does not matter: the caller cuts the clause at the first of the cuts)
        for i in facts.subtree(clause.i):
            if i <= clause.i or facts.head(i) == verb.i:
                continue
            time_span = facts.lower[i] in _TIME_SPANS
            participle = facts.tag[i] in ("VBG", "VBN") and facts.dep[i] in ("advcl", "xcomp", "conj", "acl")
            after_comma = False  # whether a comma comes just before the token's phrase (looked up when it matters)
            left = 0
            if time_span or participle:
                left = self.edges(self.doc[i])[0]
                after_comma = left > 0 and self.doc[left - 1].text == ","
            if after_comma and time_span and i + 1 < len(self.doc) and facts.lower[i + 1] in ("after", "before"):
                cuts.append(left - 1)  # "..., hours after the blast": the writer's time frame
                continue
            participle = participle and after_comma
            if participle and not any(facts.dep[c] in ("nsubj", "nsubjpass", "mark") for c in facts.children(i)):
                cuts.append(left - 1)  # "..., leaving the party ...": a participle tacked on by the writer
                lemma = facts.lemma[i]
                if lemma in self.cue.verb_class or lemma in self.lexicon.clause_verbs:
                    self.shared_frames[i] = verb  # "..., adding that ...": the frame's source goes on
                continue
            if facts.dep[i] != "conj" or facts.pos[i] != "VERB":
                continue
            lemma = facts.lemma[i]
            if lemma not in self.cue.verb_class and lemma not in self.lexicon.clause_verbs:
                continue
            if any(facts.dep[c] in ("nsubj", "nsubjpass", "expl") for c in facts.children(i)):
                continue
            conjunction = [c for c in facts.children(facts.head(i)) if facts.dep[c] == "cc" and c < i]
            cuts.append(conjunction[-1] if conjunction else self.edges(self.doc[i])[0])
            self.shared_frames[i] = verb
        return cuts

    def _headline_cut(self, clause: Token) -> list[int]:
        """Return where a headline's reported clause ends before the writer's own "as", "while",
        "amid" or "after" clause ("Union says offer falls short as talks resume")."""
        if self.headline_span is None or not (self.headline_span[0] <= clause.idx < self.headline_span[1]):
            return []
        return [t.i for t in clause.subtree if t.i > clause.i and t.lower_ in _HEADLINE_FRAMES][:1]

    def complement(self, verb: Token) -> Token | None:
        """Return the head of the clause ``verb`` reports (the right-hand one first), if any
        (worked out once per verb: several rules ask)."""
        if verb.i not in self._complements:
            self._complements[verb.i] = self._find_complement(verb)
        return self._complements[verb.i]

    def _find_complement(self, verb: Token) -> Token | None:
        facts, doc = self.facts, self.doc
        if facts.lemma[verb.i] == "point" and not any(
            facts.dep[c] == "prt" and facts.lower[c] == "out" for c in facts.children(verb.i)
        ):
            return None
        clauses = [doc[c] for c in facts.children(verb.i) if facts.dep[c] == "ccomp" and facts.pos[c] in ("VERB", "AUX")]
        if not clauses:
            clauses = [doc[c] for c in self._noun_complements(verb.i) if c > verb.i]
        if not clauses and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
            clauses = [verb.head]
        clauses.sort(key=lambda c: (c.i < verb.i, c.i))
        if not clauses:
            return None
        clause = clauses[0]
        marks = {facts.lower[c] for c in facts.children(clause.i) if facts.dep[c] in ("mark", "advmod")}
        if marks & {"whether", "if", "how", "why", "when", "where"}:
            return None
        return clause

    def _noun_complements(self, verb: int) -> list[int]:
        """Return (the indices of) that-clauses hung on a noun of the frame of the verb at ``verb``
        ("said in a statement that ...", "told the assembly in Rome on Friday night that ..."): nouns
        reached from the verb through objects and prepositional phrases only."""
        facts = self.facts
        nouns: list[int] = []
        frontier = [verb]
        while frontier:
            token = frontier.pop()
            for child in facts.children(token):
                if child < verb:
                    continue
                dep = facts.dep[child]
                if dep in ("dobj", "npadvmod", "dative", "pobj", "appos"):
                    nouns.append(child)
                    frontier.append(child)
                elif dep == "prep":
                    frontier.append(child)
        clauses = []
        for noun in nouns:
            for clause in facts.children(noun):
                if facts.dep[clause] in ("acl", "ccomp", "relcl") and facts.pos[clause] in ("VERB", "AUX") and any(
                    facts.dep[c] == "mark" and facts.lower[c] == "that" for c in facts.children(clause)
                ) and any(facts.dep[c] in ("nsubj", "nsubjpass") for c in facts.children(clause)):
                    clauses.append(clause)
        return clauses

    def speech_clauses(self) -> None:
        """Make indirect quotes of the clauses reported by speech verbs ("X said (that) ...")."""
        candidates: list[tuple[Token, Token]] = []
        facts = self.facts
        for i in facts.with_pos("VERB"):
            if facts.lemma[i] not in self.lexicon.clause_verbs:
                continue
            verb = self.doc[i]
            if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":
                continue  # "messages disclosed in the inquiry": the noun was disclosed, it did not disclose
            if self.inside_marks(verb) or self.has_child(i, ("neg",)):
                continue
            clause = self.complement(verb)
            if clause is not None and not self.inside_marks(clause):
                candidates.append((verb, clause))
        frames: list[tuple[Token, Token, Token]] = []
        reattached: dict[int, int] = {}
        edges = self.edges
        reach = [(other.i, *edges(clause), other) for other, clause in candidates]  # each clause's tokens
        for verb, clause in candidates:
            speaker = None
            outer = self._enclosing_frame(verb, reach)
            if outer is not None and verb.dep_ == "conj" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
            ):
                speaker = self._speaker_of_verb(outer)
                if speaker is not None:
                    reattached[verb.i] = outer.i
            speaker = speaker or self._speaker_of_verb(verb)
            if speaker is None or speaker.lower_ in _FIRST_SECOND_PERSON:
                continue
            clause_left, clause_right = edges(clause)
            verb_left, verb_right = edges(verb)
            if clause_left <= speaker.i <= clause_right and not verb_left <= speaker.i <= verb_right:
                continue
            frames.append((verb, clause, speaker))
        relayed: dict[int, Token] = {}
        inner_of: set[int] = set()
        cuts: dict[int, list[int]] = {}
        for i, outer in reattached.items():
            cuts.setdefault(outer, []).append(edges(self.doc[i])[0])
        for verb, clause, speaker in frames:
            clause_head = clause.head.i
            clause_left, clause_right = edges(clause)
            for other_verb, _, _ in frames:
                if other_verb.i == verb.i or reattached.get(other_verb.i) == verb.i or other_verb.i == clause_head:
                    continue
                if other_verb.i == clause.i:
                    inner_of.add(verb.i)
                    if self.resolver.is_medialike(phrase_of(speaker)):
                        relayed[other_verb.i] = speaker
                elif clause_left <= other_verb.i <= clause_right and other_verb.i > clause.i:
                    cuts.setdefault(verb.i, []).append(edges(other_verb)[0])
        for verb, clause, speaker in frames:
            if verb.i in inner_of:
                continue
            tokens = self.clause_tokens(clause, verb, cuts.get(verb.i, []))
            if not tokens or not self._one_paragraph(tokens[0].idx, tokens[-1].idx, verb.idx, speaker.idx):
                continue
            draft = _Draft(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), "indirect", speaker=phrase_of(speaker))
            self._relay(verb, draft)
            if verb.i in relayed:
                draft.medium = phrase_of(relayed[verb.i])
            self.drafts.append(draft)

    @staticmethod
    def _enclosing_frame(verb: Token, reach: list[tuple[int, int, int, Token]]) -> Token | None:
        """Return the reporting verb whose clause holds ``verb`` (the innermost one), if any;
        ``reach`` has each reporting verb's index, its clause's first and last token and the verb."""
        holders = [(right - left, other) for i, left, right, other in reach if i != verb.i and left <= verb.i <= right]
        return min(holders, key=lambda h: h[0])[1] if holders else None

    def according_to(self) -> None:
        """Make indirect quotes of clauses attributed with "according to X"."""
        for token in self._words("according"):
            if self.inside_marks(token):
                continue
            objects = [t for t in token.subtree if t.dep_ == "pobj"]
            if not objects:
                continue
            source = objects[0]
            head = token.head
            if head.i == token.i:  # the parse made "according" the root: "According to X, A" by position
                self._according_to_by_position(token, source)
                continue
            if head.pos_ not in ("VERB", "AUX"):
                continue
            if head.lemma_.lower() not in self.lexicon.reporting_verbs and not self.inside_marks(token.sent.root):
                head = token.sent.root
            if head.lemma_.lower() in self.lexicon.reporting_verbs or any(
                d.start <= head.idx < d.end for d in self.drafts
            ):
                for draft in self.drafts:
                    if draft.speaker is not None and head.i == self._verb_index(draft) and draft.medium is None:
                        draft.medium = phrase_of(source)
                continue
            drop = {t.i for t in token.subtree}
            speaker = phrase_of(source)
            split = self._subject_in_source(source, head)
            if split is not None:
                drop = {t.i for t in token.subtree if t.i <= split}
                kept = [t for t in source.subtree if t.i < split and not t.is_punct]
                speaker = Phrase(kept[0].idx, kept[-1].idx + len(kept[-1]), source.i)
            comma = self._comma_after_source(token, head) if split is None else None
            if comma is not None:  # "According to X, A": X ends at the comma, whatever the parse says
                drop = {t.i for t in token.subtree if t.i <= comma} | set(range(token.i, comma + 1))
                kept = [t for t in self.doc[token.i + 2 : comma] if not t.is_punct]
                if kept:
                    speaker = Phrase(kept[0].idx, kept[-1].idx + len(kept[-1]), source.i if source.i < comma else kept[-1].i)
            tokens = [t for t in head.subtree if t.i not in drop]
            if token.i > head.i:  # "A, according to X": A ends before it
                tokens = [t for t in tokens if t.i < token.i]
            while tokens and tokens[0].is_punct:
                tokens = tokens[1:]
            while tokens and tokens[-1].is_punct:
                tokens = tokens[:-1]
            if not tokens or any(d.start <= tokens[0].idx < d.end for d in self.drafts):
                continue
            if not self._one_paragraph(tokens[0].idx, tokens[-1].idx, source.idx):
                continue
            draft = _Draft(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), "indirect", speaker=speaker)
            draft.verb = draft.lemma = "according to"
            self.drafts.append(draft)

    def _according_to_by_position(self, according: Token, source: Token) -> None:
        """Draft "According to X, A" from the positions of the comma and the sentence end."""
        end = according.sent.end
        comma = next((t.i for t in self.doc[according.i + 2 : end] if t.text == ","), None)
        if comma is None or comma <= source.i:
            return
        tokens = [t for t in self.doc[comma + 1 : end]]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens = tokens[:-1]
        kept = [t for t in self.doc[according.i + 2 : comma] if not t.is_punct]
        if len(tokens) < 3 or not kept or any(self.covered(t.idx) or self.inside_marks(t) for t in tokens):
            return
        draft = _Draft(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), "indirect",
                       speaker=Phrase(kept[0].idx, kept[-1].idx + len(kept[-1]), source.i))
        draft.verb = draft.lemma = "according to"
        self.drafts.append(draft)

    def _comma_after_source(self, according: Token, head: Token) -> int | None:
        """Return the index of the comma closing a leading "according to X," before its clause's verb."""
        if according.i >= head.i or according.i + 1 >= len(self.doc) or self.doc[according.i + 1].lower_ != "to":
            return None
        commas = [t for t in self.doc[according.i + 2 : head.i] if t.text == ","]
        attached = [t.i for t in commas if t.head.i == head.i]  # the parse's own boundary first
        return attached[0] if attached else (commas[0].i if commas else None)

    @staticmethod
    def _subject_in_source(source: Token, head: Token) -> int | None:
        """Return the index of the comma that ends "according to X" when the parse took the clause's
        subject for more sources ("According to Putin, Russia and China uphold ...": the verb has
        no subject of its own, so "Russia and China" is it); ``None`` otherwise."""
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in head.children):
            return None
        conjuncts = [c for c in source.children if c.dep_ == "conj" and c.i > source.i]
        if not conjuncts:
            return None
        first = min(conjuncts, key=lambda c: c.i)
        commas = [c for c in source.children if c.text == "," and source.i < c.i < first.left_edge.i]
        return commas[0].i if commas else None

    # -- reported attributions (stance, cognition, documents, headlines) ---------------------------
    def covered(self, offset: int) -> bool:
        """Return True when ``offset`` lies inside a quote already drafted."""
        return any(d.start <= offset < d.end for d in self.drafts)

    def is_document(self, token: Token) -> bool:
        """Return True when ``token`` heads a phrase naming a document, record, poll or study."""
        if token.pos_ == "PROPN":  # a capitalised "Minutes" or "Poll" opening a sentence or a headline
            return token.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP") and token.lower_ in self.cue.document_sources
        return token.pos_ == "NOUN" and (
            token.lemma_.lower() in self.cue.document_sources or token.lower_ in self.cue.document_sources
        )

    def may_be_cue_verb(self, i: int) -> bool:
        """Return False when ``cue_verb`` is sure to be False for the token at ``i``, from its words alone."""
        facts = self.facts
        if i in self.shared_frames or facts.lower[i] in self.cue.cognition_adjectives:
            return True
        lemma = facts.lemma[i]
        return facts.pos[i] == "VERB" and (lemma in self.cue.verb_class or lemma in self.cue.document_verbs)

    def cue_verb(self, verb: Token) -> bool:
        """Return True for a stance or cognition verb, or a finding verb whose subject is a document."""
        if verb.pos_ not in ("VERB", "ADJ") or self.inside_marks(verb) or self.has_child(verb.i, ("neg",)):
            return False
        lemma = verb.lemma_.lower()
        if verb.i in self.shared_frames:
            return True  # "said A, adding that B": B is reported by the frame's source
        if verb.lower_ in self.cue.cognition_adjectives:
            return verb.pos_ == "VERB" or verb.dep_ in ("acomp", "oprd")
        if verb.pos_ == "ADJ":
            return False
        if lemma in self.lexicon.clause_verbs:
            return False  # speech verbs have their own rule
        if lemma in self.cue.verb_class:
            return True
        subject = clause_subject(verb)
        return lemma in self.cue.document_verbs and subject is not None and (
            self.is_document(subject) or self.resolver.is_speakerlike(subject)
        )

    def source_of(self, verb: Token) -> Token | None:
        """Return the source of a stance, cognition or finding verb: a person, group or document."""
        source = self._speaker_of_verb(verb)
        if source is None:
            subject = clause_subject(verb)
            source = subject if subject is not None and self.is_document(subject) else None
        if source is None or source.lower_ in _FIRST_SECOND_PERSON or self.inside_marks(source):
            return None
        return source

    def stance_tokens(self, verb: Token) -> list[Token] | None:
        """Return the complements of a stance verb after it (objects, predicates, cue prepositions),
        up to a coordinated clause; ``None`` when they do not make a content (too short, or a verb
        that needs a predicate has none)."""
        stop = min((c.i for c in verb.children if c.dep_ in ("cc", "conj") and c.i > verb.i), default=len(self.doc))
        parts = []
        for child in verb.children:
            if child.i <= verb.i or child.i >= stop:
                continue
            if child.dep_ in ("ccomp", "prep") and any(
                g.lower_ in _QUESTION_WORDS and g.dep_ in ("mark", "advmod", "dobj", "nsubj") for g in child.subtree
            ):
                return None  # an embedded question is asked, not asserted
            dated = any(g.ent_type_ in ("DATE", "TIME") for g in child.children)
            if child.dep_ in _STANCE_DEPS or (child.dep_ == "prep" and child.lower_ in _STANCE_PREPS and not dated):
                parts.append(child)
        if not parts:
            return None
        lemma = verb.lemma_.lower()
        if lemma in self.cue.acts_on_people and len(parts) == 1 and parts[0].dep_ == "dobj" and (
            self.resolver.names_person(parts[0])
        ):
            return None  # "dismissed the finance minister": an act on a person, not a stance
        needs_predicate = lemma in self.cue.predicate_verbs or (
            self.cue.verb_class.get(lemma) == "cognition" and lemma not in self.cue.cognition_object_verbs
        )
        if needs_predicate and not any(
            p.dep_ in ("xcomp", "ccomp", "oprd") or (p.dep_ == "prep" and p.lower_ in ("as", "for", "on")) for p in parts
        ):
            return None
        lo = min(p.left_edge.i for p in parts)
        hi = max(p.right_edge.i for p in parts)
        tokens = [t for t in self.doc[lo : hi + 1]]
        while tokens and (tokens[0].is_punct or tokens[0].lower_ == "that"):
            tokens = tokens[1:]
        while tokens and (_trailing_punct(tokens[-1]) or tokens[-1].pos_ in ("CCONJ", "SCONJ")
                          or tokens[-1].lower_ in RELATIVE_PRONOUNS):
            tokens = tokens[:-1]
        words = [t for t in tokens if not t.is_punct]
        if len(words) < 2 or len(words) > _MAX_STANCE_WORDS or any(self.covered(t.idx) for t in tokens):
            return None
        return tokens

    def names_a_label(self, verb: Token) -> bool:
        """Return True for "what X calls Y": a naming verb whose object is a free relative labels a term."""
        return verb.lemma_.lower() in self.cue.predicate_verbs and any(
            c.lower_ in ("what", "which") and c.i < verb.i for c in verb.children
        )

    def noun_owner(self, noun: Token) -> Token | None:
        """Return who holds the claim, view or warning ``noun`` names: its possessor ("Minsk's claim"),
        the object of "by"/"from"/"of" ("claims by the army"), or the subject of the verb that voices it
        ("repeated her claim")."""
        governor = noun.head
        voiced_by = clause_subject(governor) if noun.dep_ == "dobj" and governor.pos_ == "VERB" else None
        for child in noun.children:
            if child.dep_ == "poss" and child.lower_ not in _FIRST_SECOND_PERSON and (
                self.resolver.is_speakerlike(child) or child.lower_ in ("his", "her", "their", "its")
            ):
                if child.pos_ == "PRON" and voiced_by is not None and self.resolver.is_speakerlike(voiced_by):
                    return voiced_by  # "the rebels repeated their demand": the rebels
                return child
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                if self.resolver.is_speakerlike(pobj) or self.is_document(pobj):
                    return pobj
        governor = noun.head
        if noun.dep_ == "dobj" and governor.lemma_.lower() in _VOICING_VERBS:
            subject = clause_subject(governor)
            if subject is not None and self.resolver.is_speakerlike(subject):
                return subject
        return None

    def add_reported(self, tokens: list[Token], cue: Token, source: Token) -> None:
        """Draft an indirect quote of ``tokens`` cued by ``cue`` (a verb or noun) and said by ``source``."""
        if not self._one_paragraph(tokens[0].idx, tokens[-1].idx, cue.idx, source.idx):
            return
        speaker = phrase_of(source)
        case = [c for c in source.children if c.dep_ == "case" and c.i == source.right_edge.i]
        if case and source.dep_ == "poss":  # "the senator's claim": the senator, without the 's
            speaker = Phrase(speaker.start, min(speaker.end, case[0].idx), speaker.head)
        draft = _Draft(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), "indirect", speaker=speaker)
        if cue.pos_ == "NOUN":
            draft.verb, draft.lemma = cue.text, cue.lemma_.lower()
        else:
            self._relay(cue, draft)
        self.drafts.append(draft)

    def headline(self) -> tuple[int, int] | None:
        """Return the character range of the article's headline: a short first line with no final stop."""
        end = self.text.find("\n")
        if end < 0:
            return None
        start = len(self.text) - len(self.text.lstrip())
        line = self.text[start:end].rstrip()
        if not line or line[-1] in ".!?\"”’" or len(line.split()) > _MAX_HEADLINE_WORDS:
            return None
        return start, start + len(line)

    def cue_class_of(self, draft: _Draft) -> str:
        """Return the class of ``draft``'s attribution: document when its source is a document, else its cue's."""
        lemma = draft.lemma or ""
        if draft.speaker is not None and self.is_document(self.doc[draft.speaker.head]) and (
            lemma in self.cue.document_verbs or lemma == "according to"
        ):
            return "document"
        if lemma in self.cue.phrase_class:
            return self.cue.phrase_class[lemma]
        if lemma in self.cue.cognition_adjectives or (draft.verb or "").lower() in self.cue.cognition_adjectives:
            return "cognition"
        return self.cue.verb_class.get(lemma) or self.cue.noun_class.get(lemma) or "speech"

    def _one_paragraph(self, *offsets: int) -> bool:
        """Return True when no line break separates the given offsets."""
        lo, hi = min(offsets), max(offsets)
        return "\n" not in self.text[lo:hi]

    def _verb_index(self, draft: _Draft) -> int | None:
        if draft.speaker is None:
            return None
        token = self.doc[draft.speaker.head]
        return token.head.i if token.dep_ in ("nsubj", "nsubjpass") else None

    # -- records ----------------------------------------------------------------------------
    def quotes(self) -> list[Quote]:
        self.marked_quotes()
        for rule in REPORTED:
            before = len(self.drafts)
            rule.func(self)
            for draft in self.drafts[before:]:
                draft.rule = draft.rule or rule.qualified_name
            if len(self.drafts) > before:
                REPORTED.hit(rule.name, len(self.drafts) - before)
        order = sorted(range(len(self.drafts)), key=lambda i: self.drafts[i].start)
        resolved: dict[int, ActorRef | None] = {}
        records: list[Quote] = []
        seen: set[tuple[int, int]] = set()
        sentence_starts = [s.start_char for s in sentences(self.doc)]
        last_medium: ActorRef | None = None
        for index in order:
            draft = self.drafts[index]
            if (draft.start, draft.end) in seen or draft.end <= draft.start:
                continue
            seen.add((draft.start, draft.end))
            if draft.speaker_from is not None:
                source = self.drafts[draft.speaker_from]
                speaker = resolved.get(draft.speaker_from)
                draft.medium = draft.medium or source.medium
                draft.verb = draft.verb or source.verb
            else:
                speaker = self.resolver.resolve(draft.speaker) if draft.speaker else None
            resolved[index] = speaker
            medium = self.resolver.resolve(draft.medium, speaker=False) if draft.medium else None
            if medium is not None and not medium.code and last_medium is not None and medium.text.lower().startswith(
                ("the ", "this ")
            ):
                medium = last_medium
            last_medium = medium or last_medium
            listener = self.resolver.resolve(draft.listener, speaker=False) if draft.listener else None
            sentence_index = max(0, sum(1 for s in sentence_starts if s <= draft.start) - 1)
            records.append(
                Quote(
                    id=stable_id(self.article.id, "quote", draft.start, draft.end),
                    article_id=self.article.id,
                    text=self.text[draft.start : draft.end],
                    kind=draft.kind,
                    start=draft.start,
                    end=draft.end,
                    speaker=speaker,
                    medium=medium,
                    listener=listener,
                    verb=draft.verb,
                    sentence_index=sentence_index,
                    cue=draft.verb or None,
                    cue_class=self.cue_class_of(draft),
                    rule=draft.rule,
                )
            )
        return records


def extract_quotes(doc: Doc, article: Article, mentions: list[ActorMention]) -> list[Quote]:
    """Return the quotes of ``article`` (parsed as ``doc``) in text order: direct and partial
    quotes between quotation marks and indirect quotes after reporting verbs, each with its
    speaker (and medium and listener where named) resolved against ``mentions``."""
    from_title = title_quotes(article, mentions)
    if not article.text.strip():
        return from_title
    return from_title + _Extractor(doc, article, mentions).quotes()
