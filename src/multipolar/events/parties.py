"""Who did it and to whom: the sources and targets of the acts of one sentence.

``ArgumentFinder`` reads them from the dependency parse: subject or passive agent, object, dative
or the pattern's prepositions, through conjunctions, control, relative clauses, reported speech
and quotations; reciprocal acts code every party with every other. Unnamed people ("protesters")
are recognised so the coder can place them in the country where the event happens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from multipolar.events import arguments as args
from multipolar.events.acts import (
    NOUN_POS,
    VERB_POS,
    Act,
    cameo_root,
    lemma_of,
    light_heads,
    noun_pattern,
    verb_keys,
)
from multipolar.events.lexicon import Lexicon
from multipolar.records import ActorMention, ActorRef

TARGET_BLOCKED = args.CLAUSE_DEPS - {"acl"}
BLAME_ROOTS = frozenset({"09", "11", "14"})  # investigate, disapprove, protest: aimed at who did the deed
BLAME_PREPS = ("against", "over", "into", "at", "for")
FALLBACK_BLOCKED = frozenset({"relcl", "ccomp", "parataxis", "csubj"})


@dataclass
class Parties:
    """The sources and targets found for one act, with how they were found."""

    sources: list[tuple[ActorMention, Token]]
    targets: list[tuple[ActorMention, Token]]


class ArgumentFinder:
    """Finds sources and targets of acts in one sentence."""

    def __init__(self, lexicon: Lexicon, index: args.MentionIndex, sent: Span) -> None:
        self.lexicon = lexicon
        self.index = index
        self.sent = sent
        self._quote_speaker: list[ActorMention] | None = None

    def parties(self, act: Act) -> Parties:
        """Return the sources and targets of ``act`` (only actors of this sentence or line)."""
        parties = self._parties(act)
        inside = range(self.sent.start, self.sent.end)
        return Parties([p for p in parties.sources if p[1].i in inside], [p for p in parties.targets if p[1].i in inside])

    def _parties(self, act: Act) -> Parties:
        sources = self.sources(act)
        reciprocal = self._reciprocal(act)
        if reciprocal and len({m.code or m.country for m, _ in sources}) >= 2:
            return Parties(sources, list(sources))  # "Putin and Xi signed": each with the other
        source_ids = {t.i for _, t in sources}
        for mention, _ in sources:
            source_ids |= self._mention_tokens(mention)
        targets = self.targets(act, source_ids)
        if reciprocal and sources and targets and all(self._partner(act, t) for _, t in targets):
            both = sources + [t for t in targets if t not in sources]
            return Parties(both, both)  # "talks with X": both sides consult
        return Parties(sources, targets)

    def _reciprocal(self, act: Act) -> bool:
        """Return True when every party of ``act`` acts on the others (meet, sign, "agreed to")."""
        if act.frame is None:
            return act.pattern is not None and act.pattern.reciprocal
        own = self.lexicon.verbs.get(lemma_of(act.token))
        return act.frame.kind == "intend" and own is not None and own.reciprocal

    def is_partner(self, act: Act, target: Token) -> bool:
        """Return True when ``target`` takes part in ``act`` with its source ("drills with X")."""
        return self._partner(act, target)

    def _partner(self, act: Act, target: Token) -> bool:
        """Return True when ``target`` is a partner of a reciprocal act ("with X", "met X"), not a place."""
        current = target
        for _ in range(6):
            if current.dep_ == "pobj" and current.head.lower_ in ("with", "between", "among", "to"):
                return True
            if current.dep_ in ("dobj", "conj", "appos") and current.head.i == act.token.i:
                return True
            if current.head is current or current.i == act.token.i:
                return False
            current = current.head
        return False

    def _mention_tokens(self, mention: ActorMention) -> set[int]:
        """Return the tokens covered by ``mention`` (a source is never also its own target)."""
        return {i for i, m in self.index.by_token.items() if m is mention or (m.start, m.end) == (mention.start, mention.end)}

    # -- sources --

    def sources(self, act: Act) -> list[tuple[ActorMention, Token]]:
        """Return the actors who do ``act``: subject or passive agent, through conjunctions, control,
        relative clauses, reported speech and quotations; for event nouns their possessor,
        nationality adjective, "by" phrase or the support verb's subject."""
        token = act.token
        if act.speaker is not None:
            return self._actors_of_subject(args.speaker_of(act.speaker), act.speaker)
        if token.pos_ in VERB_POS or token.pos_ == "ADJ":
            subject = args.subject_of(token)
            if subject is None or subject.head.dep_ == "agent":  # "X on Monday shortened by two hours ..."
                subject = self._misparsed_subject(token) or subject
            if subject is None and token.pos_ in VERB_POS and args.reduced_passive(token) and (
                lemma_of(token) not in self.lexicon.frame_adjectives
            ):
                return []  # "Asked about X, Putin said": the noun the participle belongs to is acted upon
            if subject is None and token.pos_ in VERB_POS and args.is_passive(token):
                if lemma_of(token) in self.lexicon.frame_adjectives or act.cameo.startswith("03"):
                    subject = next(args.children(token, "nsubjpass"), None)  # "is committed to", "is prepared to"
                elif act.noun is not None and act.noun.dep_ == "nsubjpass" and act.pattern is not None and (
                    act.pattern.reciprocal
                ):
                    # "talks between X and Y were held": the parties of the event noun
                    return [found for _, obj in args.prep_objects(act.noun, ["between", "among"])
                            for found in args.nearest_mentions(obj, self.index)]
                else:
                    return []  # "was arrested": no agent named
            if subject is None and token.pos_ == "ADJ":
                subject = args.subject_of(token.head) if token.head is not token else None
            if subject is None:
                subject = args.governing_subject(token)
            if subject is None and act.speaker is None and token.dep_ in ("pcomp", "pobj"):
                subject = args.governing_subject(token.head)
            found = self._actors_of_subject(subject, token)
            if not found and (subject is None or token.dep_ == "acl") and token.tag_ in ("VBG", "VBN", "VB") and (
                not args.is_passive(token) and not (token.tag_ == "VBN" and token.dep_ == "acl")
            ):
                # a non-finite verb the parser hung on the wrong clause shares the main subject
                found = self._actors_of_subject(args.subject_of(self.sent.root), self.sent.root)
            return found
        return self._noun_sources(act)

    def _misparsed_subject(self, verb: Token) -> Token | None:
        """Return a name before a subjectless finite verb that the parser took for an adverb
        ("President X on Monday shortened ..." with X as npadvmod), or None."""
        if verb.pos_ not in VERB_POS or verb.dep_ not in ("ROOT", "conj") or args.is_passive(verb):
            return None
        if any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children):
            return None
        for child in verb.children:
            if child.i < verb.i and child.dep_ in ("npadvmod", "dep") and child.pos_ == "PROPN" and self.index.at(child):
                return child
        return None

    def _actors_of_subject(self, subject: Token | None, anchor: Token) -> list[tuple[ActorMention, Token]]:
        if subject is None:
            return []
        if subject.lower_ in args.RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
            subject = subject.head.head
        event_subject = bool(noun_pattern(self.lexicon, subject, self.lexicon.nouns))
        # "zones encircling Taiwan": the participle's own object is not the noun it modifies
        inner = {t.i for t in anchor.subtree} if anchor.i != subject.i and anchor.head.i == subject.i else set()
        found = args.nearest_mentions(subject, self.index, skip_located_places=not event_subject, exclude=inner)
        if found:
            return found
        pronoun = subject if subject.lower_ in args.PRONOUNS else next(
            (c for c in subject.children if c.dep_ == "poss" and c.lower_ in args.PRONOUNS), None
        )
        if pronoun is not None:
            if pronoun.lower_ in args.FIRST_PERSON and args.inside_quotes(self.sent):
                return [(m, pronoun) for m in self.quote_speaker()]
            antecedent = args.antecedent(pronoun, self.lexicon.speech_verbs)
            if antecedent is not None:
                return args.nearest_mentions(antecedent, self.index)
            if pronoun.lower_ in args.FIRST_PERSON:
                return [(m, pronoun) for m in self.quote_speaker()]
            return self._previous_subject(pronoun)
        return []

    def _previous_subject(self, pronoun: Token) -> list[tuple[ActorMention, Token]]:
        """Return the main subject's actors before a third-person pronoun in the same sentence."""
        root = self.sent.root
        subject = args.subject_of(root)
        if subject is not None and subject.i < pronoun.i and subject.i != pronoun.i:
            return args.nearest_mentions(subject, self.index)
        return []

    def quote_speaker(self) -> list[ActorMention]:
        """Return the speaker of the quotation this sentence is part of (cached)."""
        if self._quote_speaker is None:
            self._quote_speaker = (
                args.paragraph_speakers(self.sent, self.index, self.lexicon.speech_verbs)
                if args.inside_quotes(self.sent)
                else []
            )
        return self._quote_speaker

    def _noun_sources(self, act: Act) -> list[tuple[ActorMention, Token]]:
        noun = act.token
        preps = set(act.pattern.target_preps) if act.pattern else set()
        for child in noun.children:
            if child.dep_ == "poss":
                found = args.nearest_mentions(child, self.index, max_depth=2)
                if found:
                    return found
                if child.lower_ in args.PRONOUNS:  # "his visit": the sentence's main actor
                    if child.lower_ in args.FIRST_PERSON:
                        return [(m, child) for m in self.quote_speaker()]
                    return self._actors_of_subject(args.subject_of(self.sent.root), self.sent.root)
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                mention = self.index.at(child)
                if mention is not None:
                    return [(mention, child)]
        for _prep, obj in args.prep_objects(noun, ["by"] + ([] if "of" in preps else ["of"])):
            found = args.nearest_mentions(obj, self.index, max_depth=1)
            if found:
                return found
        if act.pattern is not None and act.pattern.reciprocal:
            for _, obj in args.prep_objects(noun, ["between", "among"]):
                found = args.nearest_mentions(obj, self.index)
                if found:
                    return found
        # "during talks with X", "after talks": the clause's subject held the talks
        head = noun
        for _ in range(3):
            if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ in args.ADVERBIAL_PREPS:
                verb = head.head.head
                if verb.pos_ in VERB_POS:
                    return self._actors_of_subject(args.subject_of(verb) or args.governing_subject(verb), verb)
                head = verb
                continue
            if head.dep_ in ("dobj", "attr") and head.head.pos_ in VERB_POS:
                verb = head.head  # "staged rallies", "held talks": the support verb's subject acts
                if any(key in self.lexicon.support_verbs for key in verb_keys(verb, self.lexicon.lemma_fixes)):
                    return self._actors_of_subject(args.subject_of(verb) or args.governing_subject(verb), verb)
            break
        return []

    def subject_phrase(self, act: Act) -> Token | None:
        """Return the head of the phrase that acts in ``act`` (its subject or passive agent)."""
        token = act.token
        if token.pos_ in VERB_POS:
            return args.subject_of(token) or args.governing_subject(token)
        return None

    def object_phrase(self, act: Act) -> Token | None:
        """Return the head of the phrase ``act`` is done to (object, passive subject, target prep)."""
        act = act.embedded or act
        token = act.token
        preps = act.pattern.target_preps if act.pattern else self.lexicon.default_preps
        if act.noun is not None:
            for _, obj in args.prep_objects(act.noun, preps):
                return obj
        if token.pos_ in VERB_POS:
            light = light_heads(act)
            for child in token.children:
                if child.dep_ in ("dobj", "dative", "nsubjpass") and child.i not in light:
                    return child
        for _, obj in args.prep_objects(token, preps):
            return obj
        if token.pos_ in VERB_POS:
            for child in token.children:  # "allowed X to take part": X is acted upon
                if child.dep_ in ("ccomp", "xcomp"):
                    subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    if subject is not None:
                        return subject
        return None

    # -- targets --

    def targets(self, act: Act, exclude: set[int]) -> list[tuple[ActorMention, Token]]:
        """Return the actors ``act`` is done to, skipping the tokens in ``exclude`` (the sources):
        the addressee of a demand, the embedded act's target, the pattern's objects and
        prepositions, else the nearest actor below the trigger."""
        token = act.token
        if token.pos_ in VERB_POS and args.reduced_passive(token) and lemma_of(token) not in self.lexicon.frame_adjectives:
            # "Invited to the summit, Lula ...": the participle is done to the noun it belongs to
            subject = args.governing_subject(token)
            return args.nearest_mentions(subject, self.index, exclude=exclude) if subject is not None else []
        if (act.frame is not None and act.frame.kind in ("demand", "appeal")) or cameo_root(act.cameo) in ("02", "10"):
            found = self._addressee(act, exclude)
            if found:
                return found
        if act.embedded is not None:
            found = self._pattern_targets(act.embedded, exclude)
            if found:
                return found
        if cameo_root(act.cameo) in BLAME_ROOTS:
            found = self._blamed_agent(act, exclude)
            if found:
                return found
        found = self._pattern_targets(act, exclude)
        if found:
            return found
        if group_phrase(self.object_phrase(act), self.lexicon) is not None:
            return []  # "accused rebels of ...": the unnamed group is the target, placed by the caller
        # nearest actor anywhere below the trigger (not in the subject), purpose clauses included;
        # not in the subject's phrase nor in time clauses ("days after images of X", "when X came")
        search_root = act.embedded.token if act.embedded is not None else token
        exclude = exclude | _background(token)
        venue = cameo_root((act.embedded or act).cameo) == "04"  # talks "in Geneva" are not with Switzerland
        for root in (search_root, token):
            found = args.nearest_mentions(root, self.index, exclude=exclude | {root.i}, max_depth=6,
                                          blocked=FALLBACK_BLOCKED, skip_located_places=True)
            if not found and not venue:
                found = args.nearest_mentions(root, self.index, exclude=exclude | {root.i}, max_depth=6,
                                              blocked=FALLBACK_BLOCKED)
            found = [(m, t) for m, t in found if t.i not in exclude]
            if found:
                return found[:1]
        return []

    def _blamed_agent(self, act: Act, exclude: set[int]) -> list[tuple[ActorMention, Token]]:
        """Return who did the deed an accusation, protest or inquiry is about ("condemned the
        killing of civilians by Israeli troops": the troops, not the civilians)."""
        token = act.token
        deeds = [c for c in token.children if c.dep_ in args.OBJECT_DEPS]
        deeds += [obj for _, obj in args.prep_objects(token, BLAME_PREPS)]
        if act.noun is not None:
            deeds += [obj for _, obj in args.prep_objects(act.noun, BLAME_PREPS)]
        for deed in deeds:
            # "the shelling of Kharkiv by Russian troops": the parser may hang "by" on the inner noun
            holders = [t for t in deed.subtree if t.dep_ not in args.CLAUSE_DEPS and t.i - deed.i <= 8]
            for holder in holders:
                for _, agent in args.prep_objects(holder, ["by"]):
                    found = [(m, t) for m, t in args.nearest_mentions(agent, self.index, exclude=exclude)
                             if t.i not in exclude]
                    if found:
                        return found
        return []

    def _prep_targets(self, holder: Token, preps: Iterable[str], exclude: set[int]) -> list[tuple[ActorMention, Token]]:
        for _, obj in args.prep_objects(holder, preps):
            found = args.nearest_mentions(obj, self.index, exclude=exclude, blocked=TARGET_BLOCKED,
                                          skip_located_places=True)
            found = [(m, t) for m, t in found if t.i not in exclude] or self._possessor(obj, exclude)
            if found:
                return found
        return []

    def _possessor(self, phrase: Token, exclude: set[int]) -> list[tuple[ActorMention, Token]]:
        """Return who "its"/"their" refers to in an object phrase ("fired at its boats")."""
        pronoun = next((c for c in phrase.children if c.dep_ == "poss" and c.lower_ in args.PRONOUNS), None)
        if pronoun is None or pronoun.lower_ in args.FIRST_PERSON:
            return []
        antecedent = args.antecedent(pronoun, self.lexicon.speech_verbs, skip_own_clause=True)
        if antecedent is None:
            return []
        return [(m, t) for m, t in args.nearest_mentions(antecedent, self.index) if t.i not in exclude]

    def _addressee(self, act: Act, exclude: set[int]) -> list[tuple[ActorMention, Token]]:
        token = act.token
        if act.addressee is not None:  # "said Y must ..."
            subject = args.subject_of(act.addressee) or next(args.children(act.addressee, "nsubjpass"), None)
            if subject is not None:
                found = args.nearest_mentions(subject, self.index, exclude=exclude)
                if found:
                    return found
            if act.embedded is not None:
                inner = [(m, t) for m, t in self.sources(act.embedded) if t.i not in exclude]
                if inner:
                    return inner  # "any deal must include the withdrawal of Russian troops": Russia must yield
            return args.nearest_mentions(act.addressee, self.index, exclude=exclude, max_depth=6)
        for child in token.children:
            if child.dep_ in ("dobj", "dative") and child.i not in exclude:
                found = args.nearest_mentions(child, self.index, exclude=exclude, max_depth=3)
                if found:
                    return found
            if child.dep_ == "ccomp":
                subject = args.subject_of(child)
                if subject is not None:
                    found = args.nearest_mentions(subject, self.index, exclude=exclude)
                    if found:
                        return found
        for _, obj in args.prep_objects(token, ["on", "upon", "to", "of", "from"]):
            found = args.nearest_mentions(obj, self.index, exclude=exclude, max_depth=3)
            if found:
                return found
        return []

    def _pattern_targets(self, act: Act, exclude: set[int]) -> list[tuple[ActorMention, Token]]:
        token = act.token
        pattern = act.pattern
        preps = list(pattern.target_preps) if pattern else list(self.lexicon.default_preps)
        holders = [act.noun, token] if act.noun is not None else [token]
        if pattern is not None and pattern.kind == "phrasal" and len(act.trigger) > 1:
            preps = [act.trigger[1].lower_, *preps]
        if act.noun is not None and act.noun.dep_ == "compound":
            holders.insert(1, act.noun.head)  # "a loan programme for Ukraine"
        first = holders if act.noun is not None or token.pos_ not in VERB_POS else []
        for holder in first:
            found = self._prep_targets(holder, preps, exclude)
            if found:
                return found
        if token.pos_ in VERB_POS:
            event_noun = light_heads(act)
            for child in token.children:
                if child.dep_ == "dative" or (child.dep_ in args.OBJECT_DEPS and child.i not in event_noun):
                    found = args.nearest_mentions(child, self.index, exclude=exclude) or args.nearest_mentions(
                        child, self.index, exclude=exclude, max_depth=1, unresolved=True) or self._possessor(
                        child, exclude)
                    if found:
                        return found
                if child.dep_ == "nsubjpass":
                    found = args.nearest_mentions(child, self.index, exclude=exclude)
                    if found:
                        return found
                if child.dep_ == "ccomp":  # "allowed X to take part", "forced X to flee"
                    subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    if subject is not None:
                        found = args.nearest_mentions(subject, self.index, exclude=exclude) or args.nearest_mentions(
                            subject, self.index, exclude=exclude, max_depth=1, unresolved=True)
                        if found:
                            return found
        if token.pos_ in VERB_POS:
            found = self._prep_targets(token, preps, exclude)
            if found:
                return found
        if act.noun is not None or token.pos_ in NOUN_POS:
            noun = act.noun if act.noun is not None else token
            for child in noun.children:
                if child.dep_ in ("poss", "compound", "amod") and child.i not in exclude:
                    mention = self.index.at(child)
                    if mention is not None:
                        return [(mention, child)]
        return []


TIME_MARKERS = frozenset({"after", "before", "when", "while", "since", "as", "until", "once", "whenever"})
TIME_PREPS = frozenset({"since", "amid", "despite", "until"})


def _background(verb: Token) -> set[int]:
    """Return the tokens below ``verb`` that cannot hold its target: its subject's phrase, time
    adverbs ("days after ..."), time clauses ("after X did Y") and time prepositions ("amid")."""
    found: set[int] = set()
    for child in verb.children:
        background = child.dep_ in args.SUBJECT_DEPS or child.dep_ == "npadvmod" or (
            child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_MARKERS for c in child.children)
        ) or (child.dep_ == "prep" and child.lower_ in TIME_PREPS)
        if background:
            found |= {t.i for t in child.subtree}
    return found


def group_phrase(token: Token | None, lexicon: Lexicon) -> Token | None:
    """Return ``token`` when it heads a phrase naming unnamed people ("opposition candidates")."""
    if token is None:
        return None
    if token.pos_ == "NUM":
        return token  # "arresting 12"
    if token.pos_ not in NOUN_POS:
        return None
    if lemma_of(token) in ("dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores", "number"):
        measured = next((o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj"), None)
        if measured is not None:  # "dozens of protesters"
            return token if group_phrase(measured, lexicon) is not None else None
    lower = token.lower_
    forms = {lemma_of(token), lower, lower[:-1] if lower.endswith("s") else lower, lower[:-2] if lower.endswith("es") else lower}
    if any(t.lower_ in ("foreign", "international", "western", "expatriate") for t in token.subtree if t.i < token.i):
        return None  # "foreign aid workers" are not the place's own people
    return token if forms & lexicon.group_nouns else None


def group_ref(token: Token, country: str) -> ActorRef:
    """Return an actor reference for unnamed people of ``country`` named by the phrase at ``token``."""
    words = sorted(token.subtree, key=lambda t: t.i)
    words = [t for t in words if t.i <= token.i and t.dep_ not in ("det", "punct")] or [token]
    start, end = words[0].idx, token.idx + len(token.text)
    return ActorRef(code=country, country=country, sector=None, text=token.doc.text[start:end], start=start, end=end)
