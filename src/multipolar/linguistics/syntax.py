"""Syntax helpers over spaCy parses: the subject of a verb, the antecedent of a pronoun.

Shared by the actor, event and quote stages so that "who did it" is found one way everywhere:

- ``subject_of``: the active subject of a verb (or the agent of a passive);
- ``clause_subject``: the surface subject of a verb, inherited from the verb above it through
  conj/xcomp/advcl/relcl/... for participles and conjuncts ("arrived and said");
- ``governing_subject``: the subject a subjectless verb shares with the verbs above it, with
  object control ("urged X to stop") and relative clauses (the noun they modify);
- ``speaker_of`` and ``antecedent``: who speaks in a speech verb, and what a pronoun refers to.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from multipolar.linguistics.words import PRONOUNS

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
#: Surface subjects, active or passive ("X was arrested").
SURFACE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Dependencies through which a subjectless verb takes the subject of the word above it.
INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "acl", "ccomp", "prep", "relcl"})


def nearest_subject(verb: Token, deps: frozenset[str] = SUBJECT_DEPS) -> Token | None:
    """Return the child of ``verb`` with a dependency in ``deps``: the one nearest before the verb
    when the parser gives several (as it does after a dateline), else the first one."""
    subjects = [c for c in verb.children if c.dep_ in deps]
    if not subjects:
        return None
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else subjects[0]


def children(token: Token, *deps: str) -> Iterator[Token]:
    """Yield the children of ``token`` with one of the dependency labels ``deps``."""
    return (c for c in token.children if c.dep_ in deps)


def conjuncts(token: Token) -> list[Token]:
    """Return ``token`` and the tokens coordinated with it ("Putin and Xi" -> both)."""
    return [token, *(c for c in token.conjuncts if c.i > token.i or c.dep_ != "conj")]


def subject_of(verb: Token) -> Token | None:
    """Return the active subject of ``verb``: its nsubj, or the agent of a passive.

    When the parser gives a verb two subjects (a dateline "MOSCOW, July 17 (Wire) - Russia
    withdrew"), the one nearest before the verb is the real one.
    """
    subject = nearest_subject(verb, SUBJECT_DEPS)
    if subject is not None:
        return subject
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def speaker_of(speech: Token) -> Token | None:
    """Return who speaks in a speech verb: "X said", "X was quoted as saying", "said X"."""
    subject = subject_of(speech) or next(children(speech, "nsubjpass"), None)
    if subject is not None:
        return subject
    current = speech
    for _ in range(4):
        if current.head.i == current.i:
            return None
        current = current.head
        subject = subject_of(current) or next(children(current, "nsubjpass"), None)
        if subject is not None:
            return subject
    return None


def antecedent(pronoun: Token, speech_verbs: frozenset[str], skip_own_clause: bool = False) -> Token | None:
    """Return the phrase a pronoun most likely refers to, from the clauses above it.

    "X said it will ...": the speaker; "bombers killed 23 when they blew themselves up": the
    subject of the nearest clause above that has a non-pronoun subject before the pronoun. With
    ``skip_own_clause`` (a possessive in an object: "Y fired at its boats") the pronoun's own
    clause subject is passed over.
    """
    clause = pronoun.head
    current = clause
    skipped = not skip_own_clause
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return None
        if current.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in speech_verbs:
            return speaker_of(head)
        if head.pos_ in ("VERB", "AUX"):
            if not skipped:
                skipped = True
            else:
                subject = subject_of(head) or next(children(head, "nsubjpass"), None)
                if subject is not None and subject.i < pronoun.i and subject.lower_ not in PRONOUNS:
                    return subject
        current = head
    return None


def governing_subject(token: Token, limit: int = 6) -> Token | None:
    """Return the subject a subjectless verb shares with the verbs above it.

    Climbs xcomp, conj, advcl, pcomp and adverbial prepositions ("despite launching",
    "during talks"); for relative clauses and participles returns the noun they modify.
    """
    current = token
    for _ in range(limit):
        subject = subject_of(current) if current.pos_ in ("VERB", "AUX") or current is not token else None
        if subject is not None and current is not token:
            return subject
        dep = current.dep_
        head = current.head
        if head.i == current.i:
            return None
        if dep in ("relcl", "acl") and current.pos_ in ("VERB", "AUX"):
            return head
        if dep in ("xcomp", "pcomp", "advcl") and head.pos_ in ("VERB", "AUX") or (
            dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX")
        ):
            # object control: "accused X of violating", "urged X to support", "forced X to flee"
            verb = head if head.pos_ in ("VERB", "AUX") else head.head
            is_infinitive = dep != "advcl" or any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
            controller = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i < current.i), None)
            if controller is not None and is_infinitive and dep != "advcl":
                return controller
        if dep in ("conj", "xcomp") and head.pos_ in ("VERB", "AUX"):
            # "has been indicted ... and will resign": the shared subject, not the passive's agent
            surface = next((c for c in head.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS), None)
            if surface is not None:
                return surface
        if dep in ("xcomp", "conj", "advcl", "pcomp", "prep", "pobj", "acomp", "ccomp", "dep", "npadvmod"):
            if dep == "ccomp" and subject_of(current) is not None:
                return None
            if dep == "ccomp":
                # "recorded Russia's invasion has killed": the parser took the subject as an object
                misplaced = [c for c in head.children if c.dep_ in ("dobj", "obj") and c.i < current.i]
                if misplaced:
                    return misplaced[-1]
            current = head
            continue
        return None
    return None


def is_passive(token: Token) -> bool:
    """Return True when the verb ``token`` is in the passive voice ("was arrested ... and sentenced")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    return (
        token.dep_ == "conj"
        and token.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "nsubj") for c in token.children)
        and any(c.dep_ in ("auxpass", "nsubjpass") for c in token.head.children)
    )


def clause_subject(verb: Token, depth: int = 0) -> Token | None:
    """Return the surface subject of ``verb`` (active or passive, the one nearest before it when
    the parse gives several), inherited from the governing word through ``INHERIT_DEPS`` for
    participles and conjuncts ("arrived in Paris and told reporters": who arrived)."""
    subject = nearest_subject(verb, SURFACE_SUBJECT_DEPS)
    if subject is not None:
        return subject
    if depth > 4 or verb.head.i == verb.i or verb.dep_ not in INHERIT_DEPS:
        return None
    head = verb.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    return clause_subject(head, depth + 1)
