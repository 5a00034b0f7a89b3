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
    argument_class,
    cameo_root,
    lemma_of,
    light_heads,
    noun_pattern,
    verb_keys,
)
from multipolar.events.lexicon import COOPERATIVE_ROOTS, Lexicon
from multipolar.linguistics import children_of
from multipolar.records import ActorMention, ActorRef
from multipolar.rules import RuleTable

TARGET_BLOCKED = args.CLAUSE_DEPS - {"acl"}
THIRD_PERSON = frozenset({"it", "they", "he", "she"})
OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her"})
OWNER_PRONOUNS = frozenset({"his", "her", "its", "their"})
JUDGING_ROOTS = frozenset({"05", "09", "11", "12", "14"})  # praise, investigate, disapprove, reject, protest
BLAME_ROOTS = frozenset({"09", "11", "14"})  # investigate, disapprove, protest: aimed at who did the deed
BLAME_PREPS = ("against", "over", "into", "at", "for")
WHERE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
FALLBACK_BLOCKED = frozenset({"relcl", "ccomp", "parataxis", "csubj"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})


@dataclass
class Parties:
    """The sources and targets found for one act, with how they were found."""

    sources: list[tuple[ActorMention, Token]]
    targets: list[tuple[ActorMention, Token]]
    rules: tuple[str, ...] = ()  # the qualified names of the rules that found them


Found = list[tuple[ActorMention, Token]]
SOURCE = RuleTable("events.source", "who does an act")
TARGET = RuleTable("events.target", "whom an act is done to")


@SOURCE.rule
def giver_of_received(finder: ArgumentFinder, act: Act) -> Found | None:
    """With a receiving verb the giver named after "from" is the source ("received aid from X").

    Example: "Juba received two loans from Nairobi." -> Nairobi gives
    """
    if not act.inverse:
        return None
    for _, obj in args.prep_objects(act.token, ("from",)):
        found = args.nearest_mentions(obj, finder.index)
        if found:
            return found
    for holder in ([act.noun] if act.noun is not None else []):
        for _, obj in args.prep_objects(holder, ("from",)):
            found = args.nearest_mentions(obj, finder.index)
            if found:
                return found
    return []


@SOURCE.rule
def reported_speaker(finder: ArgumentFinder, act: Act) -> Found | None:
    """Who says another must act makes the demand ("X said Y must ...").

    Example: "Dublin said London must reopen the border." -> Dublin
    """
    if act.speaker is None:
        return None
    return finder._actors_of_subject(args.speaker_of(act.speaker), act.speaker)


@SOURCE.rule
def participle_has_no_source(finder: ArgumentFinder, act: Act) -> Found | None:
    """A participle opening a sentence is done to the noun it belongs to, which is not its source.

    Example: "Invited to the summit, the premier flew to Rome." -> no source for the invitation
    """
    token = act.token
    if token.pos_ not in VERB_POS or finder.verb_subject(token) is not None:
        return None
    if args.reduced_passive(token) and lemma_of(token) not in finder.lexicon.frame_adjectives:
        return []
    return None


@SOURCE.rule
def passive_event_noun_parties(finder: ArgumentFinder, act: Act) -> Found | None:
    """A passive support verb over a mutual event noun: the noun's "between" parties act.

    Example: "Talks between Hanoi and Manila were held on Friday." -> Hanoi and Manila
    """
    token = act.token
    if token.pos_ not in VERB_POS or finder.verb_subject(token) is not None or not args.is_passive(token):
        return None
    if act.noun is not None and act.noun.dep_ == "nsubjpass" and act.pattern is not None and act.pattern.reciprocal:
        return [found for _, obj in args.prep_objects(act.noun, ["between", "among"])
                for found in args.nearest_mentions(obj, finder.index)]
    return None


@SOURCE.rule
def owner_of_moved_forces(finder: ArgumentFinder, act: Act) -> Found | None:
    """Troops or weapons "sent" or "deployed" with no agent belong to, and are moved by, the
    country that names them ("Chadian units were deployed to X").

    Example: "About 900 Kenyan soldiers were sent to Haiti." -> Kenya
    """
    token = act.token
    if token.pos_ not in VERB_POS or not args.is_passive(token) or finder.verb_subject(token) is not None:
        return None
    if cameo_root(act.cameo) in VIOLENT_ROOTS:
        return None  # "soldiers were killed": done to the forces, not by their country
    moved = next(args.children(token, "nsubjpass"), None)
    if moved is None or argument_class(finder.lexicon, moved) not in ("troops_units", "force_weapons"):
        return None
    found = args.nearest_mentions(moved, finder.index, max_depth=3)
    return found or None


MEANS_PREPS = ("in", "by", "during", "from", "after")
DOER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})


def _doers_of_event_noun(finder: ArgumentFinder, noun: Token) -> Found:
    """Return who does the act an event noun names: its nationality or name modifier ("Turkish
    strikes", "a Saudi-led raid"), its possessor ("Iran's attack"), its "by" phrase ("shelling by
    rebels") or the agent of a participle on it ("an attack claimed by X")."""
    for child in children_of(noun):
        if child.dep_ in DOER_DEPS:
            found = [(m, t) for t in child.subtree if t.i < noun.i
                     for m in [finder.index.at(t)] if m is not None and m.kind != "place"]
            if found:
                return found[:1]
    for _prep, obj in args.prep_objects(noun, ["by"]):
        found = args.nearest_mentions(obj, finder.index, max_depth=2, skip_located_places=True)
        if found:
            return found
    for child in children_of(noun):
        if child.dep_ == "acl" and child.tag_ == "VBN":
            for _prep, obj in args.prep_objects(child, ["by"]):
                found = args.nearest_mentions(obj, finder.index, max_depth=2, skip_located_places=True)
                if found:
                    return found
    return []


@SOURCE.rule
def doer_of_means_noun(finder: ArgumentFinder, act: Act) -> Found | None:
    """A passive whose "in"/"by" phrase names an attack is done by that attack's doer.

    Example: "Nine guards were killed in Turkish drone strikes." -> Turkey
    """
    token = act.token
    if token.pos_ not in VERB_POS or finder.verb_subject(token) is not None or not args.is_passive(token):
        return None
    for _prep, obj in args.prep_objects(token, MEANS_PREPS):
        if not finder.names_an_event(obj):
            continue
        found = _doers_of_event_noun(finder, obj)
        if found:
            return found
    return None


@SOURCE.rule
def agentless_passive(finder: ArgumentFinder, act: Act) -> Found | None:
    """A passive with no "by" phrase names no source ("was arrested"), except stance passives.

    Example: "Two reporters were detained in Minsk." -> no source named
    """
    token = act.token
    if token.pos_ not in VERB_POS or finder.verb_subject(token) is not None or not args.is_passive(token):
        return None
    if lemma_of(token) in finder.lexicon.frame_adjectives or act.cameo.startswith("03"):
        return None  # "is committed to", "is prepared to": the passive subject acts (clause_subject)
    return []


@SOURCE.rule
def titled_names_joined(finder: ArgumentFinder, act: Act) -> Found | None:
    """"Title Name and Title Name" as one subject: every name in the subject phrase acts, though
    the parser hung the first name inside the second one's title.

    Example: "Kenyan President Ruto and Ugandan President Museveni met in Arusha." -> Ruto, Museveni
    """
    token = act.token
    if token.pos_ not in VERB_POS:
        return None
    subject = finder.verb_subject(token)
    if subject is None or subject.pos_ != "PROPN" or finder.index.at(subject) is None:
        return None
    phrase = [t for t in subject.subtree if t.i <= subject.i]
    joints = [t for t in phrase if t.dep_ == "cc" and t.lower_ == "and" and t.head.i != subject.i]
    if not joints:
        return None  # a parse that coordinates the names themselves is clause_subject's case
    found: Found = []
    seen: set[int] = set()
    for word in phrase:
        mention = finder.index.at(word)
        if mention is not None and mention.kind in ("person", "country", "organisation", "group") and id(mention) not in seen:
            seen.add(id(mention))
            found.append((mention, word))
    before = any(finder.index.at(t) is not None for t in phrase if t.i < joints[0].i)
    return found if before and len(found) >= 2 else None


@SOURCE.rule
def named_members_of_group(finder: ArgumentFinder, act: Act) -> Found | None:
    """An unnamed collective subject with its members named ("Gulf states such as X and Y",
    "several governments, including X") acts through those members.

    Example: "Western states, including Peru and Chile, condemned Fiji." -> Peru, Chile
    """
    token = act.token
    if token.pos_ not in VERB_POS:
        return None
    subject = finder.verb_subject(token)
    if subject is None:
        return None
    found = args.nearest_mentions(subject, finder.index, skip_located_places=True)
    return finder._named_members(subject, found) or None


@SOURCE.rule
def clause_subject(finder: ArgumentFinder, act: Act) -> Found | None:
    """The subject of the verb (through control, conjunction and relative clauses) does the act.

    Example: "Quito, which had protested, recalled its envoy." -> Quito
    """
    token = act.token
    if token.pos_ not in VERB_POS and token.pos_ != "ADJ":
        return None
    subject = finder.verb_subject(token)
    if subject is None and token.pos_ in VERB_POS and args.is_passive(token):
        subject = next(args.children(token, "nsubjpass"), None)
    if subject is None and token.pos_ == "ADJ":
        subject = args.subject_of(token.head) if token.head.i != token.i else None
    if subject is None:
        subject = args.governing_subject(token)
    if subject is None and token.dep_ in ("pcomp", "pobj"):
        subject = args.governing_subject(token.head)
    found = finder._actors_of_subject(subject, token)
    if not found and (subject is None or token.dep_ == "acl") and token.tag_ in ("VBG", "VBN", "VB") and (
        not args.is_passive(token) and not (token.tag_ == "VBN" and token.dep_ == "acl")
    ):
        # a non-finite verb the parser hung on the wrong clause shares the main subject
        found = finder._actors_of_subject(args.subject_of(finder.sent.root), finder.sent.root)
    return found or None


@SOURCE.rule
def speaker_of_misattached_conjunct(finder: ArgumentFinder, act: Act) -> Found | None:
    """"X said Y ... and accused Z": a past-tense verb the parser joined to the reported clause
    shares the speaker's subject when the reported clause's subject names no actor.

    Example: "The ministry said the debris was old and accused Minsk of lying." -> the ministry
    """
    token = act.token
    if token.pos_ not in VERB_POS or token.dep_ != "conj" or token.tag_ != "VBD":
        return None
    clause = token.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    speech = clause.head
    if clause.dep_ != "ccomp" or not any(k in finder.lexicon.speech_verbs for k in verb_keys(speech, finder.lexicon.lemma_fixes)):
        return None
    if speech.tag_ != token.tag_:
        return None
    return finder._actors_of_subject(args.subject_of(speech), speech) or None


@SOURCE.rule
def pronoun_from_previous_sentence(finder: ArgumentFinder, act: Act) -> Found | None:
    """A third-person pronoun subject with no antecedent in its sentence refers to the previous
    sentence's subject in the same paragraph ("It accused ...").

    Example: "Lima lodged a protest. It accused Quito of spying." -> Lima
    """
    token = act.token
    if token.pos_ not in VERB_POS:
        return None
    subject = finder.verb_subject(token) or args.governing_subject(token)
    if subject is None or subject.lower_ not in THIRD_PERSON:
        return None
    first = finder.sent[0]
    if first.i == 0:
        return None
    previous = first.doc[first.i - 1].sent
    if "\n\n" in first.doc[previous.end - 1 : first.i + 1].text:
        return None  # a new paragraph
    main = args.subject_of(previous.root)
    found = args.nearest_mentions(main, finder.index) if main is not None else []
    return found or None


@SOURCE.rule
def noun_possessor(finder: ArgumentFinder, act: Act) -> Found | None:
    """The possessor of an event noun does it ("Kyiv's offensive", "his visit").

    Example: "Seoul's protest over the fishing ban" -> Seoul
    """
    if act.token.pos_ in VERB_POS:
        return None
    for child in children_of(act.token):
        if child.dep_ == "poss":
            found = args.nearest_mentions(child, finder.index, max_depth=2)
            if found:
                return found
            if child.lower_ in args.PRONOUNS:  # "his visit": the sentence's main actor
                if child.lower_ in args.FIRST_PERSON:
                    return [(m, child) for m in finder.quote_speaker()]
                return finder._actors_of_subject(args.subject_of(finder.sent.root), finder.sent.root) or None
    return None


@SOURCE.rule
def noun_modifier(finder: ArgumentFinder, act: Act) -> Found | None:
    """A name or nationality adjective before an event noun does it ("Turkish strikes").

    Example: "Indian shelling hit the post." -> India
    """
    if act.token.pos_ in VERB_POS:
        return None
    for child in children_of(act.token):
        if child.dep_ in ("amod", "compound", "nmod"):
            mention = finder.index.at(child)
            if mention is not None:
                return [(mention, child)]
    return None


@SOURCE.rule
def noun_by_phrase(finder: ArgumentFinder, act: Act) -> Found | None:
    """The "by" (or agentive "of") phrase of an event noun does it ("the visit by the envoy").

    Example: "the raid by Colombian troops" -> Colombia
    """
    if act.token.pos_ in VERB_POS:
        return None
    preps = set(act.pattern.target_preps) if act.pattern else set()
    for _prep, obj in args.prep_objects(act.token, ["by"] + ([] if "of" in preps else ["of"])):
        found = args.nearest_mentions(obj, finder.index, max_depth=1)
        if found:
            return found
    return None


@SOURCE.rule
def mutual_noun_parties(finder: ArgumentFinder, act: Act) -> Found | None:
    """All parties "between" or "among" a mutual event noun take part ("talks between A, B and C").

    Example: "talks among Chad, Niger and Mali" -> Chad, Niger, Mali
    """
    if act.token.pos_ in VERB_POS:
        return None
    if act.pattern is None or not act.pattern.reciprocal:
        return None
    for _, obj in args.prep_objects(act.token, ["between", "among"]):
        found = args.nearest_mentions(obj, finder.index)
        if found:
            return found
    return None


@SOURCE.rule
def noun_clause_subject(finder: ArgumentFinder, act: Act) -> Found | None:
    """An event noun in an adverbial phrase, or the object of a support verb, is done by the clause's subject.

    Example: "After talks with Rabat, Madrid eased the rules." -> Madrid held the talks
    """
    if act.token.pos_ in VERB_POS:
        return None
    head = act.token
    for _ in range(3):
        if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ in args.ADVERBIAL_PREPS:
            verb = head.head.head
            if verb.pos_ in VERB_POS:
                return finder._actors_of_subject(args.subject_of(verb) or args.governing_subject(verb), verb)
            head = verb
            continue
        if head.dep_ in ("dobj", "attr") and head.head.pos_ in VERB_POS:
            verb = head.head  # "organised marches", "held talks": the support verb's subject acts
            keys = verb_keys(verb, finder.lexicon.lemma_fixes)
            if any(key in finder.lexicon.support_verbs or key in finder.lexicon.support_classes for key in keys):
                return finder._actors_of_subject(args.subject_of(verb) or args.governing_subject(verb), verb)
        break
    return None


MUTUAL = RuleTable("events.mutual", "when every party of a mutual act acts on every other")


RECIPROCAL_OBJECTS = frozenset({"other", "another"})  # "each other", "one another", "the other"


@MUTUAL.rule
def parties_between(finder: ArgumentFinder, act: Act, sources: Found, targets: Found | None) -> Found | None:
    """The parties "between" which an act happens or breaks out act on each other ("fighting
    broke out between A and B", "clashes between A and B").

    Example: "Clashes erupted between Chad and Niger on Friday." -> each on the other
    """
    token = act.token
    if token.dep_ not in args.SUBJECT_DEPS:
        return None  # "peacekeepers oversee a ceasefire between A and B": background, not the act reported
    holders = [act.noun if act.noun is not None else token]
    if token.head.pos_ in VERB_POS:
        holders.append(token.head)  # "fighting broke out between ...": the onset verb holds the parties
    for holder in holders:
        for _, obj in args.prep_objects(holder, ["between", "among"]):
            found = args.nearest_mentions(obj, finder.index)
            if len({m.code or m.country for m, _ in found}) >= 2:
                return found
    return None


PLURAL_SUBJECTS = frozenset({"they", "we", "both"})


@MUTUAL.rule
def pronoun_for_the_pair(finder: ArgumentFinder, act: Act, sources: Found, targets: Found | None) -> Found | None:
    """ "They" doing a mutual act after "A met B" are A and B, each acting on the other.

    Example: "Chad's president met Niger's leader and said they agreed on patrols." -> Chad, Niger
    """
    token = act.token
    if token.pos_ not in VERB_POS or not finder._reciprocal(act):
        return None
    subject = finder.verb_subject(token)
    if subject is None or subject.lower_ not in PLURAL_SUBJECTS:
        return None
    for verb in token.ancestors:
        own = finder.lexicon.verbs.get(lemma_of(verb))
        if verb.pos_ not in VERB_POS or verb.i > subject.i or own is None or not own.reciprocal:
            continue
        pair = [found for child in children_of(verb) if child.dep_ in args.SUBJECT_DEPS or child.dep_ == "dobj"
                for found in args.nearest_mentions(child, finder.index)]
        if len({m.code or m.country for m, _ in pair}) >= 2:
            return pair
    return None


@MUTUAL.rule
def each_other_object(finder: ArgumentFinder, act: Act, sources: Found, targets: Found | None) -> Found | None:
    """Several parties doing an act to "each other" or "the other" each do it to every other one.

    Example: "Both governments blamed each other for the breakdown." -> each blames the other
    """
    if len({m.code or m.country for m, _ in sources}) < 2 or act.token.pos_ not in VERB_POS:
        return None
    for child in children_of(act.token):
        if child.dep_ in ("dobj", "dative", "pobj", "prep") and any(
            t.lower_ in RECIPROCAL_OBJECTS and t.head.i in (child.i, act.token.i) for t in child.subtree
        ):
            return sources
    return None


@MUTUAL.rule
def coordinated_parties(finder: ArgumentFinder, act: Act, sources: Found, targets: Found | None) -> Found | None:
    """Two or more coordinated subjects of a mutual act act on each other ("A, B and C signed").

    Example: "Chad, Niger and Mali signed a security pact." -> each with each other
    """
    if finder._reciprocal(act) and len({m.code or m.country for m, _ in sources}) >= 2:
        return sources
    return None


@MUTUAL.rule
def partner_acts_back(finder: ArgumentFinder, act: Act, sources: Found, targets: Found | None) -> Found | None:
    """The partner of a mutual act ("met X", "talks with X") does it too: coded both ways.

    Example: "Hanoi held talks with Manila." -> Hanoi with Manila and Manila with Hanoi
    """
    if targets is None or not finder._reciprocal(act) or not sources or not targets:
        return None
    if all(finder._partner(act, t) for _, t in targets):
        return sources + [t for t in targets if t not in sources]
    return None


@MUTUAL.rule
def joint_cooperative_act(finder: ArgumentFinder, act: Act, sources: Found, targets: Found | None) -> Found | None:
    """Coordinated parties of a cooperative act with no other target do it with each other
    ("A and B pledged to deepen cooperation").

    Example: "Hanoi and Manila vowed to expand cooperation." -> each with the other
    """
    if targets is None or targets or cameo_root(act.cameo) not in COOPERATIVE_ROOTS:
        return None
    if len({m.code or m.country for m, _ in sources}) >= 2:
        return sources
    return None


@TARGET.rule
def receiver_of_goods(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """With a receiving verb the subject, who receives, is the target ("X received arms from Y").

    Example: "Juba received two loans from Nairobi." -> Juba receives
    """
    if not act.inverse:
        return None
    subject = finder.verb_subject(act.token) or args.governing_subject(act.token)
    return [(m, t) for m, t in finder._actors_of_subject(subject, act.token) if t.i not in exclude]


@TARGET.rule
def complaint_offender(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """A complaint "to X about Y" targets Y when Y is a named actor (or did the deed), else X.

    Example: "Riga complained to the EU about Moscow's overflights." -> Moscow
    """
    if act.cameo != "114" or act.token.pos_ not in VERB_POS and act.noun is None:
        return None
    holders = [act.token] + ([act.noun] if act.noun is not None else [])
    for holder in holders:
        for _, obj in args.prep_objects(holder, ("about", "over", "against")):
            for candidate in [t for t in obj.subtree if t.dep_ not in args.CLAUSE_DEPS]:
                for _, agent in args.prep_objects(candidate, ("by",)):
                    found = [(m, t) for m, t in args.nearest_mentions(agent, finder.index) if t.i not in exclude]
                    if found:
                        return found
            found = [(m, t) for m, t in args.nearest_mentions(obj, finder.index, max_depth=2) if t.i not in exclude]
            if found:
                return found
    return None


@TARGET.rule
def participle_done_to_its_noun(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """An opening participle is done to the noun it belongs to ("Invited to the summit, Lula ...").

    Example: "Expelled from the bloc, Caracas protested." -> Caracas is the target
    """
    token = act.token
    if token.pos_ in VERB_POS and args.reduced_passive(token) and lemma_of(token) not in finder.lexicon.frame_adjectives:
        subject = args.governing_subject(token)
        return args.nearest_mentions(subject, finder.index, exclude=exclude) if subject is not None else []
    return None


@TARGET.rule
def addressee_of_request(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """Whom a demand or appeal is addressed to is its target ("urged X to", "called on X").

    Example: "Ottawa called on Beijing to free the two men." -> Beijing
    """
    if (act.frame is not None and act.frame.kind in ("demand", "appeal")) or cameo_root(act.cameo) in ("02", "10"):
        return finder._addressee(act, exclude) or None
    if act.addressee is not None and cameo_root(act.cameo) == "11":  # "X said Y committed war crimes": Y
        return finder._addressee(act, exclude) or None
    return None


@TARGET.rule
def embedded_act_target(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """A frame's target is the target of the act it embeds ("threatened to strike X").

    Example: "Pyongyang threatened to attack Seoul." -> Seoul
    """
    if act.embedded is None:
        return None
    return finder._pattern_targets(act.embedded, exclude) or None


@TARGET.rule
def blamed_agent(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """An accusation, protest or inquiry targets who did the deed ("condemned the killing by X").

    Example: "Amman condemned the shelling of the camp by militias from Syria." -> Syria
    """
    if cameo_root(act.cameo) not in BLAME_ROOTS:
        return None
    return finder._blamed_agent(act, exclude) or None


@TARGET.rule
def doer_of_object_event(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """Judging, backing or rejecting an event targets who did it ("condemned the Greek strikes").

    Example: "Oslo welcomed Sweden's decision to cut tariffs." -> Sweden
    """
    if cameo_root(act.cameo) not in JUDGING_ROOTS or act.token.pos_ not in VERB_POS:
        return None
    for deed in (c for c in children_of(act.token) if c.dep_ in args.OBJECT_DEPS):
        if not finder.names_an_event(deed):
            continue
        for child in children_of(deed):
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i not in exclude:
                found = [(m, t) for m, t in args.nearest_mentions(child, finder.index, max_depth=1) if t.i not in exclude]
                if found:
                    return found
    return None


@TARGET.rule
def object_pronoun_antecedent(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """An object pronoun ("accused them of ...") is the actor it refers to: in its sentence, else
    the previous sentence's subject in the same paragraph.

    Example: "Quito expelled two envoys from Lima. Bogota criticized it." -> Quito
    """
    token = act.token
    if token.pos_ not in VERB_POS:
        return None
    pronoun = next((c for c in children_of(token) if c.dep_ in ("dobj", "dative") and c.lower_ in OBJECT_PRONOUNS), None)
    if pronoun is None:
        return None
    antecedent = args.antecedent(pronoun, finder.lexicon.speech_verbs, skip_own_clause=True)
    if antecedent is not None:
        found = [(m, t) for m, t in args.nearest_mentions(antecedent, finder.index) if t.i not in exclude]
        if found:
            return found
    if pronoun.lower_ in ("him", "her"):  # "issued a warrant for X, accusing him of ...": X
        found = _nearest_earlier_actor(finder, pronoun, exclude)
        if found:
            return found
    first = finder.sent[0]
    if first.i == 0:
        return None
    previous = first.doc[first.i - 1].sent
    if "\n\n" in first.doc[previous.end - 1 : first.i + 1].text:
        return None
    main = args.subject_of(previous.root)
    found = [(m, t) for m, t in args.nearest_mentions(main, finder.index) if t.i not in exclude] if main is not None else []
    own = {m.code or m.country for m, _ in finder.sources(act)}
    found = [(m, t) for m, t in found if (m.code or m.country) not in own]
    if not found and main is not None:  # "X protested to Y. It accused them ...": the one acted upon
        inside = {t.i for t in main.subtree}
        found = [(m, t) for m, t in args.nearest_mentions(previous.root, finder.index, exclude=inside, max_depth=4)
                 if (m.code or m.country) not in own]
    return found[:1] or None


COMITATIVE_HEADS = frozenset({"together", "along", "jointly"})  # "together with X": X acts too


def _comitative(token: Token, top: Token) -> bool:
    """Return True when ``token`` stands in a "together with", "along with" or "alongside"
    phrase below ``top``: a partner in the act, not whom it is done to."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ == "prep" and (node.lower_ == "alongside" or (
                node.lower_ == "with" and (node.head.lower_ in COMITATIVE_HEADS
                                           or any(c.lower_ in COMITATIVE_HEADS for c in children_of(node))))):
            return True
        node = node.head
    return False


@TARGET.rule
def owner_of_judged_thing(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """Praising or condemning "his policy" or "their decision" judges whoever the pronoun refers to.

    Example: "Oman called Chile's president, praising his reforms." -> Chile
    """
    token = act.token
    if token.pos_ not in VERB_POS or cameo_root(act.cameo) not in JUDGING_ROOTS:
        return None
    for child in children_of(token):
        if child.dep_ != "dobj" or args.nearest_mentions(child, finder.index, exclude=exclude):
            continue
        pronoun = next((c for c in children_of(child) if c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS), None)
        if pronoun is None:
            continue
        found = _nearest_earlier_actor(finder, pronoun, exclude)
        if found:
            return found
    return None


def _nearest_earlier_actor(finder: ArgumentFinder, pronoun: Token, exclude: set[int]) -> Found:
    """Return the actor named nearest before ``pronoun`` in its sentence, outside ``exclude``
    (the act's source): a person for "him", "her", "his"; any actor but a place otherwise."""
    people = pronoun.lower_ in ("his", "her", "him")
    for earlier in reversed(finder.sent[: pronoun.i - finder.sent.start]):
        mention = finder.index.at(earlier)
        if mention is None or earlier.i in exclude or mention.kind == "place":
            continue
        if people and mention.kind in ("country", "organisation", "group"):
            continue
        return [(mention, earlier)]
    return []


FORCE_ROOTS = VIOLENT_ROOTS | {"17"}


@TARGET.rule
def inside_what_it_called(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """Force used on "what it called X in Y" is used on who or where the clause names.

    Example: "Laos struck what it called rebel bases in Nepal." -> Nepal
    """
    token = act.token
    if token.pos_ not in VERB_POS or cameo_root(act.cameo) not in FORCE_ROOTS:
        return None
    for clause in children_of(token):
        if clause.dep_ not in ("ccomp", "dobj") or not any(
                c.lower_ == "what" and c.dep_ == "dobj" for c in children_of(clause)):
            continue
        inside = {t.i for c in children_of(clause) if c.dep_ in args.SUBJECT_DEPS for t in c.subtree}
        own = {m.country or m.code for m, _ in finder.sources(act)}
        found = [(m, t) for m, t in args.nearest_mentions(clause, finder.index, exclude=exclude | inside,
                                                           max_depth=4)
                 if t.i not in exclude and (m.country or m.code) not in own]
        if found:
            return found
    return None


RESPONSE_ROOTS = frozenset({"08", "11", "12"})  # yield, disapprove, reject: aimed at who made the thing


@TARGET.rule
def maker_of_relative_antecedent(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """Rejecting or accepting "an offer that X rejected" is aimed at whoever made the offer in
    the clause the relative clause hangs on.

    Example: "Chile proposed talks, an offer that Peru rejected." -> Peru rejects Chile
    """
    token = act.token
    if token.pos_ not in VERB_POS or token.dep_ != "relcl" or cameo_root(act.cameo) not in RESPONSE_ROOTS:
        return None
    if not any(c.dep_ == "dobj" and c.lower_ in args.RELATIVE_PRONOUNS for c in children_of(token)):
        return None
    thing = token.head
    if thing.dep_ == "appos":
        thing = thing.head  # "proposed a transition, an offer that ..."
    maker = thing.head
    if thing.dep_ != "dobj" or maker.pos_ not in VERB_POS:
        return None
    own = {m.code or m.country for m, _ in finder.sources(act)}
    found = [(m, t) for m, t in finder._actors_of_subject(args.subject_of(maker), maker)
             if t.i not in exclude and (m.code or m.country) not in own]
    return found or None


APPEAL_ROOTS = frozenset({"02", "10"})  # appeal, demand


@TARGET.rule
def listener_of_the_speech(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """An appeal with no addressee of its own, joined to "told X that ...", is made to X.

    Example: "Oman told a meeting of the Arab League that it was alarmed and urged calm." -> the League
    """
    token = act.token
    if token.pos_ not in VERB_POS or cameo_root(act.cameo) not in APPEAL_ROOTS:
        return None
    if token.dep_ != "conj" or any(c.dep_ in ("dobj", "dative") and args.nearest_mentions(c, finder.index)
                                   for c in children_of(token)):
        return None  # "urged Y to ...": Y is the addressee
    clause = token
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    speech = clause.head if clause.dep_ == "ccomp" else clause
    if not any(k in finder.lexicon.speech_verbs for k in verb_keys(speech, finder.lexicon.lemma_fixes)):
        return None
    for child in children_of(speech):
        if child.dep_ in ("dobj", "dative"):
            found = [(m, t) for m, t in args.nearest_mentions(child, finder.index, max_depth=3) if t.i not in exclude]
            if found:
                return found
    return None


@TARGET.rule
def role_frame_target(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """The object, dative or the pattern's prepositions name the target ("sanctions on X", "met X").

    Example: "Oslo sent aid to Yemen." -> Yemen
    """
    return [(m, t) for m, t in finder._pattern_targets(act, exclude) if not _comitative(t, act.token)] or None


@TARGET.rule
def victims_of_the_attack(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """A violent participle that tells an attack's toll ("X shelled Y, killing Z") hits the
    attacked actor when its own object names none.

    Example: "Laos shelled Nepal at dawn, wounding scores of border guards." -> Nepal
    """
    token = act.token
    if token.tag_ != "VBG" or token.dep_ != "advcl" or cameo_root(act.cameo) not in VIOLENT_ROOTS:
        return None
    if any(args.nearest_mentions(c, finder.index) for c in children_of(token) if c.dep_ in args.OBJECT_DEPS):
        return None
    attack = token.head
    pattern = finder.lexicon.verbs.get(lemma_of(attack))
    if pattern is None or cameo_root(pattern.cameo) not in VIOLENT_ROOTS:
        return None
    for child in children_of(attack):
        if child.dep_ in args.OBJECT_DEPS:
            found = [(m, t) for m, t in args.nearest_mentions(child, finder.index) if t.i not in exclude]
            if found:
                return found
    return None


@TARGET.rule
def unnamed_group_object(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """An unnamed group as object ("accused rebels of ...") is the target; the coder places it.

    Example: "The army shelled rebels near the town." -> the rebels, placed later
    """
    if group_phrase(finder.object_phrase(act), finder.lexicon) is not None:
        return []
    return None


@TARGET.rule
def nearest_actor_below(finder: ArgumentFinder, act: Act, exclude: set[int]) -> Found | None:
    """Else the nearest actor below the trigger, outside the subject and time clauses.

    Example: "Lagos launched a complaint in the name of Ghana." -> Ghana
    """
    token = act.token
    search_root = act.embedded.token if act.embedded is not None else token
    exclude = exclude | _background(token)
    venue = cameo_root((act.embedded or act).cameo) == "04"  # talks "in Geneva" are not with Switzerland
    for root in (search_root, token):
        found = args.nearest_mentions(root, finder.index, exclude=exclude | {root.i}, max_depth=6,
                                      blocked=FALLBACK_BLOCKED, skip_located_places=True)
        if not found and not venue:
            found = args.nearest_mentions(root, finder.index, exclude=exclude | {root.i}, max_depth=6,
                                          blocked=FALLBACK_BLOCKED)
        found = [(m, t) for m, t in found if t.i not in exclude and not _comitative(t, root)]
        if found:
            return found[:1]
    return None


class ArgumentFinder:
    """Finds sources and targets of acts in one sentence."""

    def __init__(self, lexicon: Lexicon, index: args.MentionIndex, sent: Span) -> None:
        self.lexicon = lexicon
        self.index = index
        self.sent = sent
        self._quote_speaker: list[ActorMention] | None = None
        self._subjects: dict[int, Token | None] = {}  # verb_subject by token index

    def parties(self, act: Act) -> Parties:
        """Return the sources and targets of ``act`` (only actors of this sentence or line)."""
        parties = self._parties(act)
        inside = range(self.sent.start, self.sent.end)
        earlier = f"{SOURCE.name}:pronoun_from_previous_sentence" in parties.rules  # an antecedent outside, by design
        earlier_target = f"{TARGET.name}:object_pronoun_antecedent" in parties.rules
        return Parties([p for p in parties.sources if earlier or p[1].i in inside],
                       [p for p in parties.targets if earlier_target or p[1].i in inside], parties.rules)

    def _parties(self, act: Act) -> Parties:
        source_rule, sources = self.sources_by_rule(act)
        rules = (source_rule,) if source_rule else ()
        name, mutual = MUTUAL.first(self, act, sources, None)
        if mutual is not None:
            return Parties(mutual, list(mutual), (*rules, f"{MUTUAL.name}:{name}"))
        source_ids = {t.i for _, t in sources}
        for mention, _ in sources:
            source_ids |= self._mention_tokens(mention)
        target_rule, targets = self.targets_by_rule(act, source_ids)
        rules += (target_rule,) if target_rule else ()
        name, mutual = MUTUAL.first(self, act, sources, targets)
        if mutual is not None:
            return Parties(mutual, list(mutual), (*rules, f"{MUTUAL.name}:{name}"))
        return Parties(sources, targets, rules)

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
            if current.head.i == current.i or current.i == act.token.i:
                return False
            current = current.head
        return False

    def names_an_event(self, noun: Token) -> bool:
        """Return True when ``noun`` names an event or a decision ("the strikes", "the move")."""
        if noun.pos_ not in NOUN_POS:
            return False
        if lemma_of(noun) in self.lexicon.decision_nouns:
            return True
        return noun_pattern(self.lexicon, noun, self.lexicon.nouns) is not None or noun_pattern(
            self.lexicon, noun, self.lexicon.supported_nouns) is not None

    def _mention_tokens(self, mention: ActorMention) -> set[int]:
        """Return the tokens covered by ``mention`` (a source is never also its own target)."""
        return self.index.tokens_of(mention)

    # -- sources --

    def sources(self, act: Act) -> list[tuple[ActorMention, Token]]:
        """Return the actors who do ``act`` (the first ``events.source`` rule that answers)."""
        return self.sources_by_rule(act)[1]

    def sources_by_rule(self, act: Act) -> tuple[str | None, list[tuple[ActorMention, Token]]]:
        """Return the qualified name of the ``events.source`` rule that answered, and its actors."""
        name, found = SOURCE.first(self, act)
        return (f"{SOURCE.name}:{name}" if found else None), found or []

    def verb_subject(self, token: Token) -> Token | None:
        """Return the subject of a verb or adjective, repairing a name the parser hung as an adverb
        (found once per token of the sentence: most source rules ask for it)."""
        if token.i not in self._subjects:
            self._subjects[token.i] = self._verb_subject(token)
        return self._subjects[token.i]

    def _verb_subject(self, token: Token) -> Token | None:
        subject = args.subject_of(token)
        if subject is None or subject.head.dep_ == "agent":  # "X on Monday shortened by two hours ..."
            subject = self._misparsed_subject(token) or subject
        if subject is None and token.dep_ == "conj" and token.head.pos_ in VERB_POS and not args.is_passive(token):
            subject = self._misparsed_subject(token.head)  # "On Friday X announced ... and suspended ..."
        if subject is None and token.dep_ == "conj" and token.pos_ in VERB_POS:
            subject = self._subject_hung_before(token)
        return subject

    def _subject_hung_before(self, verb: Token) -> Token | None:
        """Return the noun phrase standing between "and" and a subjectless conjoined verb that the
        parser hung on the previous clause ("X attacked ships since May and US forces have struck
        ..." with "forces" read as a second date), or None."""
        first = min([verb, *(c for c in children_of(verb) if c.dep_ in ("aux", "auxpass", "neg"))], key=lambda t: t.i)
        if first.i == 0:
            return None
        before = verb.doc[first.i - 1]
        if before.pos_ not in NOUN_POS or before.i <= verb.head.i or before.head.i == verb.i:
            return None
        opening = before.left_edge
        if opening.i == 0 or verb.doc[opening.i - 1].lower_ not in ("and", "but", "while", "whereas"):
            return None
        return before if args.nearest_mentions(before, self.index, max_depth=2) else None

    def _misparsed_subject(self, verb: Token) -> Token | None:
        """Return a name before a subjectless finite verb that the parser took for an adverb
        ("President X on Monday shortened ..." with X as npadvmod), or None."""
        if verb.pos_ not in VERB_POS or verb.dep_ not in ("ROOT", "conj") or args.is_passive(verb):
            return None
        if any(c.dep_ in ("aux", "auxpass", "mark") for c in children_of(verb)):
            return None
        for child in children_of(verb):
            if child.i < verb.i and child.dep_ in ("npadvmod", "dep") and child.pos_ == "PROPN" and self.index.at(child):
                return child
            # "On Friday Beijing announced ...": the name read as the object of the date's preposition
            if child.i < verb.i and child.dep_ == "prep" and any(t.ent_type_ == "DATE" for t in child.subtree):
                for obj in children_of(child):
                    mention = self.index.at(obj) if obj.dep_ == "pobj" and obj.pos_ == "PROPN" else None
                    if mention is not None and mention.kind != "place":
                        return obj
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
            (c for c in children_of(subject) if c.dep_ == "poss" and c.lower_ in args.PRONOUNS), None
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

    def _named_members(self, subject: Token, found: list[tuple[ActorMention, Token]]) -> list[tuple[ActorMention, Token]]:
        """Return the named members of an unnamed collective subject ("several Western
        governments, including X and Y" -> X and Y act), or an empty list."""
        if len(found) != 1 or found[0][0].country is not None or found[0][0].kind != "group":
            return []
        members: list[tuple[ActorMention, Token]] = []
        for child in children_of(subject):
            is_member_prep = child.dep_ == "prep" and (child.lower_ == "including" or (
                child.lower_ == "as" and any(c.lower_ == "such" for c in children_of(child))))
            if child.dep_ == "prep" and child.lower_ == "like":
                is_member_prep = True
            if not is_member_prep:
                continue
            for obj in children_of(child):
                if obj.dep_ == "pobj":
                    members += [(m, t) for m, t in args.nearest_mentions(obj, self.index) if m.country]
        return members

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
            for child in children_of(token):
                if child.dep_ in ("dobj", "dative", "nsubjpass") and child.i not in light:
                    return child
        for _, obj in args.prep_objects(token, preps):
            return obj
        if token.pos_ in VERB_POS:
            for child in children_of(token):  # "allowed X to take part": X is acted upon
                if child.dep_ in ("ccomp", "xcomp"):
                    subject = next((c for c in children_of(child) if c.dep_ == "nsubj"), None)
                    if subject is not None:
                        return subject
        return None

    # -- targets --

    def targets(self, act: Act, exclude: set[int]) -> list[tuple[ActorMention, Token]]:
        """Return the actors ``act`` is done to, skipping ``exclude`` (the first ``events.target`` rule that answers)."""
        return self.targets_by_rule(act, exclude)[1]

    def targets_by_rule(self, act: Act, exclude: set[int]) -> tuple[str | None, list[tuple[ActorMention, Token]]]:
        """Return the qualified name of the ``events.target`` rule that answered, and its actors."""
        name, found = TARGET.first(self, act, exclude)
        return (f"{TARGET.name}:{name}" if found else None), found or []

    def _blamed_agent(self, act: Act, exclude: set[int]) -> list[tuple[ActorMention, Token]]:
        """Return who did the deed an accusation, protest or inquiry is about ("condemned the
        killing of civilians by Israeli troops": the troops, not the civilians)."""
        token = act.token
        deeds = [c for c in children_of(token) if c.dep_ in args.OBJECT_DEPS]
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
        # "arrested protesters in Arequipa": with an object acted upon, a town after in/at/near is where
        has_object = holder.pos_ in VERB_POS and any(c.dep_ in args.OBJECT_DEPS for c in children_of(holder))
        for prep, obj in args.prep_objects(holder, preps):
            found = args.nearest_mentions(obj, self.index, exclude=exclude, blocked=TARGET_BLOCKED,
                                          skip_located_places=True)
            if has_object and prep in WHERE_PREPS:
                found = [(m, t) for m, t in found if m.kind != "place"]
            found = [(m, t) for m, t in found if t.i not in exclude] or self._possessor(obj, exclude)
            if found:
                return found
        return []

    def _possessor(self, phrase: Token, exclude: set[int]) -> list[tuple[ActorMention, Token]]:
        """Return who "its"/"their" refers to in an object phrase ("fired at its boats")."""
        pronoun = next((c for c in children_of(phrase) if c.dep_ == "poss" and c.lower_ in args.PRONOUNS), None)
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
        for child in children_of(token):
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
            for child in children_of(token):
                if child.dep_ == "dative" or (child.dep_ in args.OBJECT_DEPS and child.i not in event_noun):
                    # "detained students in Mombasa": the students are acted upon, not the city
                    located = group_phrase(child, self.lexicon) is not None
                    found = args.nearest_mentions(child, self.index, exclude=exclude,
                                                  skip_located_places=located) or args.nearest_mentions(
                        child, self.index, exclude=exclude, max_depth=1, unresolved=True) or self._possessor(
                        child, exclude)
                    if found:
                        return found
                if child.dep_ == "nsubjpass":
                    found = args.nearest_mentions(child, self.index, exclude=exclude)
                    if found:
                        return found
                if child.dep_ == "ccomp":  # "allowed X to take part", "forced X to flee"
                    subject = next((c for c in children_of(child) if c.dep_ == "nsubj"), None)
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
            for child in children_of(noun):
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
    for child in children_of(verb):
        background = child.dep_ in args.SUBJECT_DEPS or child.dep_ == "npadvmod" or (
            child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_MARKERS for c in children_of(child))
        ) or (child.dep_ == "prep" and child.lower_ in TIME_PREPS)
        if background:
            found |= {t.i for t in child.subtree}
    return found


def group_phrase(token: Token | None, lexicon: Lexicon) -> Token | None:
    """Return ``token`` when it heads a phrase naming unnamed people ("opposition candidates")."""
    if token is None:
        return None
    if token.pos_ == "NUM":
        return token  # "detaining 40"
    if token.pos_ not in NOUN_POS:
        return None
    if lemma_of(token) in ("dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores", "number"):
        measured = next((o for p in children_of(token) if p.dep_ == "prep" and p.lower_ == "of"
                         for o in children_of(p) if o.dep_ == "pobj"), None)
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
    return ActorRef(code=country, country=country, sector=None, text=args.layer_of(token.doc).text[start:end], start=start, end=end)
