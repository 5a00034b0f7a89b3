"""Finding the acts of a sentence: event words, the frames that embed them, modality and negation.

An *act* is a token carrying a lexicon pattern (a verb, phrasal verb, light verb + object, or an
event noun); a *frame* is a word that embeds another act ("threatened to", "refused to", "is open
to", "demanded", "urged"). ``SentenceCoder.acts`` combines them into the codes CAMEO and PLOVER
give ("threatened to ban" -> 1322 THREATEN, "open to a dialogue" -> 036 AGREE) and turns future
or negated acts into intents, threats or refusals ("will support" -> AGREE, "will not accept" ->
REJECT, "would blockade" -> THREATEN).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token

from multipolar.events import arguments as args
from multipolar.events.lexicon import CONFLICTUAL_ROOTS, COOPERATIVE_ROOTS, Frame, Lexicon, Pattern
from multipolar.gazetteer import find_city
from multipolar.linguistics import TokenFacts, children_of, remembered, token_facts
from multipolar.rules import RuleTable

VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
STOP_VERBS = frozenset({"stop", "end", "halt", "cease", "suspend", "abandon"})


@dataclass
class Act:
    """An event expression in a sentence, before its actors are found."""

    token: Token  # the token the event hangs on (verb, event noun, or frame word)
    cameo: str
    rule: str
    trigger: list[Token]
    pattern: Pattern | None = None
    noun: Token | None = None  # the event noun of a light-verb pattern
    plover: str | None = None
    modality: str = "asserted"
    negated: bool = False
    frame: Frame | None = None
    embedded: Act | None = None
    addressee: Token | None = None  # whom a demand or appeal is addressed to
    speaker: Token | None = None  # for "X said Y must ...": the speech verb
    inverse: bool = False  # "received X from Y": the giver (Y) acts on the subject
    consumed: set[int] = field(default_factory=set)


def lemma_of(token: Token) -> str:
    """Return the lowercased lemma of ``token``."""
    return token.lemma_.lower()


#: ``(token, fixes, keys)`` of the last ``verb_keys`` call: the trigger and frame rules ask for the
#: keys of one token many times in a row (one tuple, replaced whole, so threads never see a mix)
_LAST_VERB_KEYS: tuple[Token | None, dict[str, str] | None, tuple[str, ...]] = (None, None, ())


def verb_keys(token: Token, fixes: dict[str, str] | None = None) -> tuple[str, ...]:
    """Return the lemma of a verb and fallbacks for lemmatizer slips ("staged" -> "stag")."""
    global _LAST_VERB_KEYS
    last = _LAST_VERB_KEYS
    if last[0] is token and last[1] is fixes:
        return last[2]
    keys = _verb_keys(token, fixes)
    _LAST_VERB_KEYS = (token, fixes, keys)
    return keys


def _verb_keys(token: Token, fixes: dict[str, str] | None) -> tuple[str, ...]:
    return keys_of(lemma_of(token), token.lower_, fixes)


def keys_of(lemma: str, lower: str, fixes: dict[str, str] | None = None) -> tuple[str, ...]:
    """Return what ``verb_keys`` returns for a word with lowercase lemma ``lemma`` and form ``lower``."""
    keys = [lemma]
    if fixes and lower in fixes:
        keys.insert(0, fixes[lower])
    elif lower.endswith("ed") and len(lower) > 4:
        keys += [lower[:-1], lower[:-2]]
    elif lower.endswith("ing") and len(lower) > 5:
        keys += [lower[:-3], lower[:-3] + "e"]
    elif lower.endswith("s") and len(lower) > 3:
        keys.append(lower[:-1])
    return tuple(dict.fromkeys(keys))


def _noun_keys(token: Token) -> tuple[str, ...]:
    lemma, lower = lemma_of(token), token.lower_
    return (lemma,) if lemma == lower else (lemma, lower)


def _match_nouns(lexicon: Lexicon, candidates: list[Pattern], noun: Token) -> Pattern | None:
    """Return ``lexicon.match_nouns(candidates, _context_words(noun))``, reading the words around
    the noun only when the first candidate needs some (a pattern without extra words always matches)."""
    if not candidates[0].modifiers:
        return candidates[0]
    return lexicon.match_nouns(candidates, _context_words(noun))


def _context_words(token: Token) -> frozenset[str]:
    """Return the words around a noun that multi-word patterns may require ("hunger strike")
    (once per document and noun)."""
    return remembered("context_words", token, lambda noun: frozenset(_find_context_words(noun)))


def _find_context_words(token: Token) -> set[str]:
    words: set[str] = set()
    for child in children_of(token):
        words.add(lemma_of(child))
        words.add(child.lower_)
        if child.dep_ == "prep":
            for grandchild in children_of(child):
                words.add(lemma_of(grandchild))
                words.add(grandchild.lower_)
                for compound in children_of(grandchild):
                    if compound.dep_ in ("compound", "amod"):
                        words.add(lemma_of(compound))
    if token.dep_ == "compound":
        words.add(lemma_of(token.head))
    return words


def _verb_objects(verb: Token) -> list[Token]:
    """Return the objects of ``verb`` (a new list; worked out once per document and verb)."""
    return list(remembered("verb_objects", verb, lambda token: tuple(_find_verb_objects(token))))


def _find_verb_objects(verb: Token) -> list[Token]:
    objects = [c for c in children_of(verb) if c.dep_ in args.OBJECT_DEPS]
    if args.is_passive(verb):
        objects += [c for c in children_of(verb) if c.dep_ == "nsubjpass"]
    for prep in children_of(verb):  # "go on hunger strike", "stop work", "used civilians as human shields"
        if prep.dep_ == "prep" and prep.lower_ in ("on", "into", "as"):
            objects += [c for c in children_of(prep) if c.dep_ == "pobj"]
    more = []
    for obj in objects:
        more += [c for c in obj.conjuncts if c.i > obj.i]
    return objects + more


def _light_objects(verb: Token) -> list[Token]:
    """Return the nouns a light verb may take: its objects, their compounds ("mediation effort")
    and what a quantity noun measures ("a wave of air raids", "two tonnes of medicine").

    A new list each call; worked out once per document and verb.
    """
    return list(remembered("light_objects", verb, lambda token: tuple(_find_light_objects(token))))


def _find_light_objects(verb: Token) -> list[Token]:
    found: list[Token] = []
    objects = _verb_objects(verb)
    # "designated X a terrorist group": the second object may be parsed as an apposition or a small clause
    objects += [c for obj in objects for c in children_of(obj) if c.dep_ == "appos" and c.pos_ in NOUN_POS]
    objects += [c for c in children_of(verb) if c.dep_ == "ccomp" and c.pos_ == "NOUN"]
    for obj in objects:
        if obj.pos_ not in NOUN_POS and obj.pos_ not in ("ADJ", "NUM") and obj.lower_ not in REFLEXIVES:
            continue
        found.append(obj)
        found += [c for c in children_of(obj) if c.dep_ == "compound" and c.pos_ == "NOUN"]
        for prep in children_of(obj):
            if prep.dep_ == "prep" and prep.lower_ == "of":
                found += [c for c in children_of(prep) if c.dep_ == "pobj" and c.pos_ in NOUN_POS]
    return found


def noun_pattern(lexicon: Lexicon, token: Token, table: dict) -> Pattern | None:
    """Return the event-noun pattern of ``table`` that ``token`` (with its modifiers) matches, or None."""
    for key in _noun_keys(token):
        candidates = table.get(key)
        if candidates:
            hit = _match_nouns(lexicon, candidates, token)
            if hit:
                return hit
    return None


REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "oneself"})


TRIGGER = RuleTable("events.trigger", "which words of a sentence report an event, and its CAMEO code")


def _is_verb(token: Token) -> bool:
    return token.pos_ in VERB_POS and token.tag_ != "MD"


def _misparsed_infinitive(token: Token) -> bool:
    """Return True for a base-form word after "to" that the parser took for a noun or adjective
    although "to" hangs on a verb or adjective ("prepared to blacklist firms", "ready to sanction")."""
    if token.i == 0 or token.pos_ not in ("NOUN", "ADJ") or token.lower_ != lemma_of(token):
        return False
    to = token.doc[token.i - 1]
    return to.lower_ == "to" and to.head.pos_ in ("VERB", "ADJ", "AUX") and token.head.i != to.head.i


def _reflexive(token: Token) -> bool:
    """Return True when ``token`` has a reflexive object ("blew themselves up")."""
    return any(c.dep_ in args.OBJECT_DEPS and c.lower_ in REFLEXIVES for c in children_of(token))


def _cancel_verb(lexicon: Lexicon, verb: Token) -> bool:
    """Return True for a verb that calls something off before it happens ("called off", "postponed")."""
    if lemma_of(verb) not in lexicon.meeting_cancel_heads:
        return False
    keys = verb_keys(verb, lexicon.lemma_fixes)
    particles = [c.lower_ for c in children_of(verb) if c.dep_ == "prt"]
    return any(f"{k} {p}" in lexicon.meeting_cancel_verbs for k in keys for p in particles) or (
        not particles and any(k in lexicon.meeting_cancel_verbs for k in keys))


@TRIGGER.rule
def cancelled_meeting(lexicon: Lexicon, token: Token) -> Act | None:
    """Calling off a meeting, visit or round of talks rejects the meeting (PLOVER REJECT, CAMEO 125).

    Example: "Seoul cancelled the planned summit with Tokyo." -> REJECT (meet)
    """
    if not _is_verb(token) or not _cancel_verb(lexicon, token):
        return None
    for obj in _light_objects(token):
        pattern = noun_pattern(lexicon, obj, lexicon.nouns)
        if pattern is not None and cameo_root(pattern.cameo) == "04":
            return Act(token, "125", f"cancel+{pattern.rule}", [token, obj], replace(pattern, kind="light"), noun=obj,
                       consumed={obj.i})
    return None


@TRIGGER.rule
def taken_off_a_list(lexicon: Lexicon, token: Token) -> Act | None:
    """Taking a group off a list of banned or terrorist organisations eases a sanction (CAMEO 081).

    Example: "Washington removed the rebel group from its terrorism blacklist." -> CONCEDE
    """
    if lemma_of(token) not in lexicon.off_list_verbs or not _is_verb(token):
        return None
    holders = [token, *_verb_objects(token)]  # the parser may hang "from the list" on the object
    for holder in holders:
        for _, obj in args.prep_objects(holder, ("from", "off")):
            if _is_sanction_list(lexicon, obj):
                return Act(token, "081", "off-list", [token, obj], None, consumed={obj.i})
    return None


@TRIGGER.rule
def put_on_a_list(lexicon: Lexicon, token: Token) -> Act | None:
    """Putting a group on a black, watch or terrorist list is a sanction (CAMEO 163).

    Example: "Washington added 12 shipping firms to its sanctions list." -> SANCTION
    """
    if lemma_of(token) not in lexicon.on_list_verbs or not _is_verb(token):
        return None
    for holder in [token, *_verb_objects(token)]:
        for _, obj in args.prep_objects(holder, ("to", "on", "onto")):
            if _is_sanction_list(lexicon, obj):
                return Act(token, "163", "on-list", [token, obj], lexicon.verbs.get("blacklist"), consumed={obj.i})
    return None


def _is_sanction_list(lexicon: Lexicon, noun: Token) -> bool:
    """Return True for a black or watch list, or a list of terrorist, extremist or sanctioned groups."""
    lemma = lemma_of(noun)
    if lemma not in lexicon.list_nouns:
        return False
    if lemma in ("blacklist", "watchlist"):
        return True
    words = {lemma_of(c) for c in children_of(noun) if c.dep_ in ("compound", "amod")}
    for _, member in args.prep_objects(noun, ("of",)):  # "the list of terrorist organisations"
        words |= {lemma_of(member), *(lemma_of(c) for c in children_of(member) if c.dep_ in ("compound", "amod"))}
    return bool(words & lexicon.list_modifiers)


@TRIGGER.rule
def took_to_the_streets(lexicon: Lexicon, token: Token) -> Act | None:
    """Going out into the streets or a square is a demonstration (CAMEO 141).

    Example: "Thousands poured onto the streets of Tbilisi." -> PROTEST (demo)
    """
    if lemma_of(token) not in lexicon.street_verbs or not _is_verb(token):
        return None
    places = [obj for _, obj in args.prep_objects(token, ("to", "onto", "into", "in"))]
    places += [c for c in children_of(token) if c.dep_ in args.OBJECT_DEPS]  # "flooded the streets"
    for place in places:
        if lemma_of(place) in lexicon.street_nouns and not any(c.dep_ == "poss" for c in children_of(place)):
            pattern = lexicon.verbs.get("demonstrate")
            return Act(token, "141", "street", [token, place], pattern, consumed={place.i})
    return None


@TRIGGER.rule
def forces_to_the_front(lexicon: Lexicon, token: Token) -> Act | None:
    """Troops, weapons or warships sent to a border, front or region are a deployment (MOBILIZE 154).

    Example: "Baku sent two brigades to the border with Armenia." -> MOBILIZE, not military aid
    """
    if lemma_of(token) not in FORCE_SENDING_VERBS or not _is_verb(token):
        return None
    forces = [o for o in _light_objects(token) if argument_class(lexicon, o) in FORCE_CLASSES]
    if not forces:
        return None
    for _, place in args.prep_objects(token, ("to", "towards", "toward", "into", "near", "along", "on")):
        words = {lemma_of(place), *(f"{lemma_of(c)} {lemma_of(place)}" for c in children_of(place) if c.dep_ in ("compound", "amod"))}
        if words & lexicon.front_nouns:
            return Act(token, "154", "to-front", [token, forces[0], place], lexicon.verbs.get("deploy"),
                       noun=forces[0], consumed={forces[0].i})
    return None


FORCE_SENDING_VERBS = frozenset({"send", "dispatch", "despatch", "move", "rush", "order", "transfer", "redeploy"})
FORCE_CLASSES = frozenset({"troops_units", "force_weapons", "warships"})


@TRIGGER.rule
def phrasal_particle(lexicon: Lexicon, token: Token) -> Act | None:
    """A verb with its particle names the act ("call off", "blow up", "pull out").

    Example: "The union called off the stoppage." -> call off (ease dissent)
    """
    if not _is_verb(token) or lexicon.phrasal_verbs().isdisjoint(verb_keys(token, lexicon.lemma_fixes)) or _reflexive(token):
        return None
    for child in children_of(token):
        if child.dep_ == "prt":
            for lemma in verb_keys(token, lexicon.lemma_fixes):
                pattern = lexicon.phrasal.get((lemma, child.lower_))
                if pattern:
                    return Act(token, pattern.cameo, pattern.rule, [token, child], pattern, plover=pattern.plover)
    return None


@TRIGGER.rule
def ended_hostilities(lexicon: Lexicon, token: Token) -> Act | None:
    """Halting or ending one's own attacks, siege or occupation de-escalates (PLOVER RETREAT, CAMEO 087).

    Example: "The army halted its offensive on the port city." -> RETREAT, not a negated attack
    """
    if not _is_verb(token) or lemma_of(token) not in ENDING_VERBS or support_class(lexicon, token) != "cancelled":
        return None
    if _is_future(token, lexicon) or _has_neg(token) or token.tag_ in ("VB", "VBG"):
        return None  # "stop the fighting", "help end the war": a call or a goal, not a de-escalation
    # only what is ended itself ("halted its offensive"), not a time phrase ("stopped work on the day of a strike")
    for obj in (c for c in children_of(token) if c.dep_ in ("dobj", "obj") or (c.dep_ == "nsubjpass")):
        pattern = noun_pattern(lexicon, obj, lexicon.nouns) or noun_pattern(lexicon, obj, lexicon.supported_nouns)
        if pattern is None:
            continue
        code = DEESCALATION_CODES.get(pattern.cameo[:3]) or DEESCALATION_CODES.get(cameo_root(pattern.cameo))
        if code is None:
            return None
        return Act(token, code, f"end+{pattern.rule}", [token, obj], replace(pattern, kind="light"), noun=obj,
                   consumed={obj.i})
    return None


#: what ending an act of force yields: a lifted blockade or siege (0872), otherwise de-escalation (087)
DEESCALATION_CODES = {"191": "0872", "192": "087", "18": "087", "19": "087", "20": "087"}
#: verbs that end something under way (not "postpone" or "cancel", which stop what has not begun)
ENDING_VERBS = frozenset({"halt", "stop", "end", "suspend", "abandon", "cease", "pause", "lift", "break"})


@TRIGGER.rule
def verb_with_event_object(lexicon: Lexicon, token: Token) -> Act | None:
    """A lexicon verb + object wording names the act ("impose sanctions", "reach a deal").

    Example: "Ottawa imposed sanctions on the regime." -> impose sanction (163)
    """
    if not _is_verb(token):
        return None
    keys = verb_keys(token, lexicon.lemma_fixes)
    if lexicon.light_verbs().isdisjoint(keys):
        return None  # no wording starts with this verb: no object can make one
    for obj in _light_objects(token):
        if lemma_of(obj) in lexicon.transparent_nouns and argument_class(lexicon, obj) is not None:
            continue  # "blocked access to news sites": what is accessed decides (argument classes)
        for lemma in keys:
            for key in _noun_keys(obj):
                candidates = lexicon.light.get((lemma, key))
                if candidates:
                    hit = _match_nouns(lexicon, candidates, obj)
                    if hit:
                        return Act(token, hit.cameo, hit.rule, [token, obj], hit, noun=obj, plover=hit.plover,
                                   consumed={obj.i})
    return None


@TRIGGER.rule
def support_verb_event_noun(lexicon: Lexicon, token: Token) -> Act | None:
    """A support, aspect or cancel verb + an event noun: the noun gives the type, the verb the mode.

    Example: "Rebels resumed their offensive near the dam." -> offensive (190), asserted
    """
    if not _is_verb(token):
        return None
    verb_class = support_class(lexicon, token)
    if verb_class is None:
        return None
    for obj in _light_objects(token):
        pattern = noun_pattern(lexicon, obj, lexicon.nouns) or noun_pattern(lexicon, obj, lexicon.supported_nouns)
        if pattern is not None:
            return _supported_act(lexicon, token, obj, pattern, verb_class)
    return None


def _located_copula(token: Token) -> bool:
    """Return True for "be" with a place phrase ("is in Beijing for talks", "was at the UN for the vote")."""
    return lemma_of(token) == "be" and token.dep_ in ("ROOT", "conj", "ccomp") and any(
        c.dep_ == "prep" and c.lower_ in ("in", "at") for c in children_of(token))


@TRIGGER.rule
def motion_for_event(lexicon: Lexicon, token: Token) -> Act | None:
    """A motion verb + "for" + event noun: the mover takes part in the event ("arrived for talks").

    Example: "The envoy flew to Doha for negotiations." -> negotiation (046)
    """
    if token.pos_ not in VERB_POS and token.pos_ != "AUX":
        return None
    if not any(k in lexicon.motion_verbs for k in verb_keys(token, lexicon.lemma_fixes)) and not _located_copula(token):
        return None
    for _, head in args.prep_objects(token, ("for",)):
        # "sat down for four hours of talks": through a measure noun to the event it measures
        for obj in [head, *(o for _, o in args.prep_objects(head, ("of",)))]:
            pattern = noun_pattern(lexicon, obj, lexicon.nouns)
            if pattern is None:
                continue
            return Act(token, pattern.cameo, f"motion+{pattern.rule}", [token, obj], pattern, noun=obj,
                       plover=pattern.plover, consumed={obj.i})
    return None


@TRIGGER.rule
def verb_by_argument_class(lexicon: Lexicon, token: Token) -> Act | None:
    """The verb's class and the semantic class of its object or subject choose the type.

    Example: "Farmers blocked the motorway with tractors." -> obstruct (144 PROTEST)
    """
    if not _is_verb(token):
        return None
    return classed_act(lexicon, token)


@TRIGGER.rule
def phrasal_preposition(lexicon: Lexicon, token: Token) -> Act | None:
    """A verb with its preposition names the act ("talk with", "arrive in", "object to").

    Example: "The minister spoke with her counterpart." -> talk with (040)
    """
    if not _is_verb(token) or lexicon.phrasal_verbs().isdisjoint(verb_keys(token, lexicon.lemma_fixes)):
        return None  # no phrasal wording starts with this verb
    reflexive = _reflexive(token)
    transitive = any(c.dep_ in ("dobj", "obj") for c in children_of(token))
    for child in children_of(token):
        if child.dep_ == "prep" or (child.dep_ == "prt" and reflexive):
            for lemma in verb_keys(token, lexicon.lemma_fixes):
                pattern = lexicon.phrasal.get((lemma, child.lower_))
                if pattern and transitive and pattern.cameo == "042":
                    continue  # "stop provocations in the sea" is no stop-over visit
                if pattern:
                    return Act(token, pattern.cameo, pattern.rule, [token, child], pattern, plover=pattern.plover)
    return None


@TRIGGER.rule
def lexicon_verb(lexicon: Lexicon, token: Token) -> Act | None:
    """A verb of the lexicon names the act by itself ("condemned", "shelled").

    Example: "Lima condemned the raid." -> condemn (111)
    """
    if not _is_verb(token) and not _misparsed_infinitive(token):
        return None
    for lemma in verb_keys(token, lexicon.lemma_fixes):
        pattern = lexicon.verbs.get(lemma)
        if pattern:
            return Act(token, pattern.cameo, pattern.rule, [token], pattern, plover=pattern.plover)
    return None


@TRIGGER.rule
def event_noun(lexicon: Lexicon, token: Token) -> Act | None:
    """An event noun reports the act by itself ("the talks with", "an attack on").

    Example: "Talks between the two neighbours opened in Vienna." -> talks (040)
    """
    if token.pos_ in NOUN_POS or (token.pos_ == "VERB" and token.tag_ == "VBG" and token.dep_ in ("pobj", "pcomp")):
        pattern = noun_pattern(lexicon, token, lexicon.nouns)
        if pattern:
            return Act(token, pattern.cameo, pattern.rule, [token], pattern, plover=pattern.plover)
    return None


#: Every ``events.trigger`` rule starts from a verb or a noun (``tests/events/test_trigger_pos.py``
#: checks it): other words are not offered to the table at all.
TRIGGER_POS = VERB_POS | NOUN_POS


#: The ``events.trigger`` rules that can answer for a noun or proper noun: every other rule starts
#: from a verb (``tests/events/test_trigger_pos.py`` checks it), so nouns are offered to these only.
NOUN_TRIGGERS = frozenset({"lexicon_verb", "event_noun"})


def match_act(lexicon: Lexicon, token: Token) -> Act | None:
    """Return the act the first matching ``events.trigger`` rule finds at ``token``, or None."""
    return _act_of_rules(lexicon, token, trigger_rules(lexicon, token_facts(token.doc), token.i))


def _act_of_rules(lexicon: Lexicon, token: Token, rules: frozenset[str]) -> Act | None:
    """Return the act of the first of the ``events.trigger`` rules ``rules`` that answers at ``token``."""
    if not rules:
        return None
    name, act = TRIGGER.first_among(rules, lexicon, token)
    if act is None:
        return None
    act.rule = f"{TRIGGER.name}:{name}[{act.rule}]"
    return act


@dataclass(frozen=True)
class TriggerIndex:
    """Which ``events.trigger`` rules can answer for a word, by the word's verb keys and lemma.

    Each rule below starts by asking for its words in one lexicon table (or word set of this
    module) and returns None for any other word; the index inverts those tables, so a word is
    offered only to the rules whose table holds one of its keys (``tests/events/test_trigger_gate.py``
    checks that the gated scan codes and counts exactly what running every rule does). A rule of
    the table that is not named here (a rule added later) is offered every verb.
    """

    #: rules a verb (not a modal) may answer for, by one of its ``verb_keys``
    by_key: dict[str, frozenset[str]]
    #: rules a verb (not a modal) may answer for, by its lemma alone
    by_lemma: dict[str, frozenset[str]]
    #: the verbs for which a modal-tagged word may still be a motion verb ("may fly" misparses)
    motion_keys: frozenset[str]
    #: the trigger rules no entry of the index gates: every verb is offered to them
    ungated: frozenset[str]
    #: the words that may carry a frame: verb keys, adjective and noun lemmas
    frame_keys: frozenset[str]
    frame_adjectives: frozenset[str]
    frame_nouns: frozenset[str]
    #: ``trigger_rules`` and ``may_be_frame`` answers already found, by the word's strings
    known_rules: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    known_frames: dict[tuple[str, ...], bool] = field(default_factory=dict)


#: The ``events.trigger`` rules that ``TriggerIndex`` gates, with what each requires of a verb.
KEY_GATED = ("phrasal_particle", "phrasal_preposition", "verb_with_event_object", "support_verb_event_noun",
             "motion_for_event", "verb_by_argument_class", "lexicon_verb")
LEMMA_GATED = ("cancelled_meeting", "taken_off_a_list", "put_on_a_list", "took_to_the_streets",
               "forces_to_the_front", "ended_hostilities")
#: gated by the word's part of speech, tag and dependency (see ``trigger_rules``)
SHAPE_GATED = ("event_noun",)


def _support_heads(support_classes: dict[str, str]) -> set[str]:
    """Return every wording of ``support_classes`` and every first part of one before a space
    (``support_class`` looks up "KEY PARTICLE" as well as "KEY")."""
    heads = set(support_classes)
    for wording in support_classes:
        heads.update(wording[:at] for at, char in enumerate(wording) if char == " ")
    return heads


def _build_trigger_index(lexicon: Lexicon) -> TriggerIndex:
    by_key: dict[str, set[str]] = {}
    by_lemma: dict[str, set[str]] = {}

    def add(table: dict[str, set[str]], words: object, rule: str) -> None:
        for word in words:  # type: ignore[attr-defined]
            table.setdefault(word, set()).add(rule)

    add(by_key, lexicon.phrasal_verbs(), "phrasal_particle")
    add(by_key, lexicon.phrasal_verbs(), "phrasal_preposition")
    add(by_key, lexicon.light_verbs(), "verb_with_event_object")
    add(by_key, _support_heads(lexicon.support_classes), "support_verb_event_noun")
    add(by_key, lexicon.motion_verbs, "motion_for_event")
    add(by_key, {verb for frame in lexicon.class_frames for verb in frame.verbs}, "verb_by_argument_class")
    add(by_key, lexicon.verbs, "lexicon_verb")
    add(by_lemma, ["be"], "motion_for_event")  # "is in Beijing for talks" (``_located_copula``)
    add(by_lemma, lexicon.meeting_cancel_heads, "cancelled_meeting")
    add(by_lemma, lexicon.off_list_verbs, "taken_off_a_list")
    add(by_lemma, lexicon.on_list_verbs, "put_on_a_list")
    add(by_lemma, lexicon.street_verbs, "took_to_the_streets")
    add(by_lemma, FORCE_SENDING_VERBS, "forces_to_the_front")
    add(by_lemma, ENDING_VERBS, "ended_hostilities")
    gated = {*KEY_GATED, *LEMMA_GATED, *SHAPE_GATED}
    return TriggerIndex(
        by_key={word: frozenset(rules) for word, rules in by_key.items()},
        by_lemma={word: frozenset(rules) for word, rules in by_lemma.items()},
        motion_keys=frozenset(lexicon.motion_verbs),
        ungated=frozenset(rule.name for rule in TRIGGER if rule.name not in gated),
        frame_keys=frozenset(lexicon.frame_heads() | set(lexicon.frame_verbs)),
        frame_adjectives=frozenset(lexicon.frame_adjectives),
        frame_nouns=frozenset(lexicon.frame_nouns),
    )


def trigger_index(lexicon: Lexicon) -> TriggerIndex:
    """Return the ``TriggerIndex`` of ``lexicon`` (rebuilt when a table it reads changes size)."""
    tables = (lexicon.lemma_fixes, lexicon.nouns, lexicon.verbs, lexicon.phrasal, lexicon.light, lexicon.support_classes, lexicon.motion_verbs,
              lexicon.class_frames, lexicon.meeting_cancel_heads, lexicon.off_list_verbs, lexicon.on_list_verbs,
              lexicon.street_verbs, lexicon.frame_verbs, lexicon.frame_phrasal, lexicon.frame_light,
              lexicon.frame_adjectives, lexicon.frame_nouns)
    sizes = (len(TRIGGER), *(part for table in tables for part in (id(table), len(table))))
    return lexicon.derived_index("trigger_index", sizes, lambda: _build_trigger_index(lexicon))


_NO_RULES: frozenset[str] = frozenset()


def trigger_rules(lexicon: Lexicon, facts: TokenFacts, i: int, index: TriggerIndex | None = None) -> frozenset[str]:
    """Return the ``events.trigger`` rules that may answer for token ``i`` (see ``TriggerIndex``).

    Empty for a word no rule can answer for: every other rule returns None there. ``index`` is
    ``trigger_index(lexicon)``, for callers that ask for many words.
    """
    pos = facts.pos[i]
    if pos not in TRIGGER_POS:
        return _NO_RULES
    lemma, lower = facts.lemma[i], facts.lower[i]
    if pos in NOUN_POS:  # only these two rules answer for nouns (``NOUN_TRIGGERS``)
        nouns = lexicon.nouns
        noun = lemma in nouns or lower in nouns
        # ``_misparsed_infinitive``: a base-form common noun right after "to"
        infinitive = pos == "NOUN" and i > 0 and lower == lemma and facts.lower[i - 1] == "to"
        if noun and infinitive:
            return NOUN_TRIGGERS
        if noun:
            return _EVENT_NOUN
        return _LEXICON_VERB if infinitive else _NO_RULES
    index = index or trigger_index(lexicon)
    word = (pos, facts.tag[i], facts.dep[i], lemma, lower)
    rules = index.known_rules.get(word)
    if rules is None:
        rules = index.known_rules[word] = _verb_rules(lexicon, index, *word)
    return rules


def _verb_rules(lexicon: Lexicon, index: TriggerIndex, pos: str, tag: str, dep: str, lemma: str, lower: str) -> frozenset[str]:
    keys = keys_of(lemma, lower, lexicon.lemma_fixes)
    if tag == "MD":  # not ``_is_verb``: only a motion verb or a located "be" may answer
        if lemma == "be" or not index.motion_keys.isdisjoint(keys):
            return _MOTION_FOR_EVENT | index.ungated
        return index.ungated
    rules = set(index.ungated)
    rules.update(index.by_lemma.get(lemma, _NO_RULES))
    for key in keys:
        rules.update(index.by_key.get(key, _NO_RULES))
    # ``event_noun``: a gerund as the object of a preposition ("accused of shelling")
    if pos == "VERB" and tag == "VBG" and dep in ("pobj", "pcomp") and (lemma in lexicon.nouns or lower in lexicon.nouns):
        rules.add("event_noun")
    return frozenset(rules)


_EVENT_NOUN = frozenset({"event_noun"})
_LEXICON_VERB = frozenset({"lexicon_verb"})
_MOTION_FOR_EVENT = frozenset({"motion_for_event"})


def may_be_frame(lexicon: Lexicon, facts: TokenFacts, i: int, index: TriggerIndex | None = None) -> bool:
    """Return False when ``match_frame`` certainly finds no frame at token ``i`` (no frame table
    holds the word's keys or lemma). ``index`` is ``trigger_index(lexicon)``."""
    pos = facts.pos[i]
    if pos in VERB_POS:
        if facts.tag[i] == "MD":
            return False
        index = index or trigger_index(lexicon)
        word = (facts.lemma[i], facts.lower[i])
        known = index.known_frames.get(word)
        if known is None:
            known = index.known_frames[word] = not index.frame_keys.isdisjoint(keys_of(*word, lexicon.lemma_fixes))
        return known
    if pos == "ADJ":
        return facts.lemma[i] in (index or trigger_index(lexicon)).frame_adjectives
    if pos in NOUN_POS:
        return facts.lemma[i] in (index or trigger_index(lexicon)).frame_nouns
    if pos == "ADJ":
        return facts.lemma[i] in index.frame_adjectives
    if pos in NOUN_POS:
        return facts.lemma[i] in index.frame_nouns
    return False


def support_class(lexicon: Lexicon, verb: Token) -> str | None:
    """Return the class of a support/aspect verb ("held" -> realised, "called off" -> cancelled), or None."""
    keys = verb_keys(verb, lexicon.lemma_fixes)
    for child in children_of(verb):
        if child.dep_ == "prt":
            for key in keys:
                found = lexicon.support_classes.get(f"{key} {child.lower_}")
                if found:
                    return found
    for key in keys:
        found = lexicon.support_classes.get(key)
        if found:
            return found
    return None


def _supported_act(lexicon: Lexicon, verb: Token, noun: Token, pattern: Pattern, verb_class: str) -> Act:
    """Return the act of an event noun under a support verb of class ``verb_class``."""
    rule = f"{verb_class}+{pattern.rule}"
    act = Act(verb, pattern.cameo, rule, [verb, noun], pattern, noun=noun, plover=pattern.plover, consumed={noun.i})
    if verb_class == "cancelled":
        act.negated, act.modality = True, "denied"
    elif verb_class == "planned":
        act.modality = "future"
    elif verb_class == "threatened":
        frame = lexicon.frames["threaten"]
        if cameo_root(pattern.cameo) in CONFLICTUAL_ROOTS:
            act.cameo, act.plover, act.modality, act.frame = frame.combined_code(pattern.cameo), None, frame.modality, frame
        else:
            act.modality = "future"
    return act


def classed_act(lexicon: Lexicon, verb: Token) -> Act | None:
    """Return the act chosen by verb class x argument class (``argument_classes.yaml``), or None."""
    keys = verb_keys(verb, lexicon.lemma_fixes)
    for frame in lexicon.class_frames_of(keys):
        for argument in _class_arguments(verb, frame.role, lexicon):
            wanted = frame.argument_class if frame.named_places else None
            if argument_class(lexicon, argument, wanted) == frame.argument_class:
                trigger = [verb, argument] if frame.role == "object" else [verb]
                act = Act(verb, frame.cameo, f"class:{frame.name}->{frame.cameo}", trigger, frame.pattern,
                          plover=frame.plover, noun=argument if frame.role == "object" else None, inverse=frame.inverse)
                if frame.role == "object":
                    act.consumed = {argument.i}
                return act
    return None


def _class_arguments(verb: Token, role: str, lexicon: Lexicon) -> list[Token]:
    if role == "from":  # "withdrew from the treaty", "pulled out of the alliance"
        holders = [verb, *(c for c in children_of(verb) if c.lower_ == "out" and c.dep_ in ("prt", "prep"))]
        return [obj for holder in holders for _, obj in args.prep_objects(holder, ("from", "of"))]
    if role == "subject":
        subject = args.subject_of(verb)
        if subject is None and verb.dep_ in ("conj", "xcomp", "advcl"):
            subject = args.governing_subject(verb)
        return [subject] if subject is not None else []
    found = [t for t in _light_objects(verb) if t.dep_ != "compound"]  # "an aid worker" is a worker
    if any(k in lexicon.with_theme_verbs for k in verb_keys(verb, lexicon.lemma_fixes)):
        found += [obj for _, obj in args.prep_objects(verb, ("with",))]  # "supplied Kyiv with drones"
    return found


def argument_class(lexicon: Lexicon, token: Token, wanted: str | None = None) -> str | None:
    """Return the semantic class of the noun ``token`` ("troops" -> troops, "highway" -> roads), or None.

    ``wanted`` names the class a caller looks for: named towns are looked up in the gazetteer
    only when territory is wanted. A quantity or collective head ("hundreds of troops", "a contingent of marines") takes the
    class of what it measures.
    """
    found = _own_class(lexicon, token, wanted)
    if found is None and (token.pos_ == "NUM" or lemma_of(token) in lexicon.quantity_nouns):
        for _, measured in args.prep_objects(token, ("of",)):
            return _own_class(lexicon, measured, wanted)
    if found is None and lemma_of(token) in lexicon.transparent_nouns:
        for reached in _transparent_complements(token):
            return argument_class(lexicon, reached, wanted)
    return found


TRANSPARENT_PREPS = ("to", "of", "over", "into")


def _transparent_complements(token: Token) -> list[Token]:
    """Return what "access to X", "control of X" reaches, also when the parser hangs the
    preposition right after the noun on its verb ("took control [of Gao]")."""
    found = [obj for _, obj in args.prep_objects(token, TRANSPARENT_PREPS)]
    if not found and token.dep_ in args.OBJECT_DEPS:
        for prep in children_of(token.head):
            if prep.dep_ == "prep" and prep.i == token.i + 1 and prep.lower_ in TRANSPARENT_PREPS:
                found += [c for c in children_of(prep) if c.dep_ in ("pobj", "pcomp")]
    return found


def _named_town(token: Token) -> bool:
    """Return True when a proper noun (with its compounds) names a town or region of the gazetteer
    (the small parser model often tags towns as people or groups)."""
    return _is_town_name(" ".join(t.text for t in token.subtree if t.dep_ == "compound" or t.i == token.i))


@lru_cache(maxsize=4096)
def _is_town_name(name: str) -> bool:
    return find_city(name) is not None


def _own_class(lexicon: Lexicon, token: Token, wanted: str | None = None) -> str | None:
    if token.pos_ == "PROPN":
        for child in children_of(token):  # "the regional bloc ECOWAS": the common noun before the name
            if child.dep_ == "compound" and child.pos_ == "NOUN" and lexicon.argument_classes.get(lemma_of(child)):
                return lexicon.argument_classes[lemma_of(child)]
        if wanted == "territory" and (token.ent_type_ in ("LOC", "FAC") or _named_town(token)):
            return "territory"  # a named town, region or site ("captured Bakhmut", "parts of Aleppo"), not a country
    modifiers = [c for c in children_of(token) if c.dep_ in ("compound", "amod")]
    for key in (*(lemma_of(c) + " " + lemma_of(token) for c in modifiers), *(c.lower_ + " " + lemma_of(token) for c in modifiers),
                *_noun_keys(token)):
        found = lexicon.argument_classes.get(key)
        if found:
            return found
    return None


def _frame_verb(lexicon: Lexicon, token: Token, keys: tuple[str, ...]) -> tuple[Frame, list[Token]] | None:
    """Return the frame a verb names by itself ("threatened", "refused"), or None."""
    for key in keys:
        kind = lexicon.frame_verbs.get(key)
        if kind:
            return lexicon.frames[kind], [token]
    return None


#: The parts of speech a frame word can have (verbs, adjectives, nouns): other words are not frames.
FRAME_POS = VERB_POS | NOUN_POS | {"ADJ"}


def match_frame(lexicon: Lexicon, token: Token) -> tuple[Frame, list[Token]] | None:
    """Return the frame at ``token`` (with its trigger tokens), or None."""
    pos = token.pos_
    if pos not in FRAME_POS:
        return None
    lemma = lemma_of(token)
    if pos in VERB_POS and token.tag_ != "MD":
        keys = verb_keys(token, lexicon.lemma_fixes)
        if lexicon.frame_heads().isdisjoint(keys):  # no phrasal or light frame starts with this verb
            return _frame_verb(lexicon, token, keys)
        for child in children_of(token):
            if child.dep_ in ("prt", "prep"):
                for key in keys:
                    kind = lexicon.frame_phrasal.get((key, child.lower_))
                    if kind:
                        return lexicon.frames[kind], [token, child]
        for obj in _verb_objects(token):
            for key in keys:
                kind = lexicon.frame_light.get((key, lemma_of(obj)))
                if kind:
                    return lexicon.frames[kind], [token, obj]
        return _frame_verb(lexicon, token, keys)
    if pos == "ADJ":
        kind = lexicon.frame_adjectives.get(lemma)
        if kind and token.dep_ in ("acomp", "amod", "ROOT", "conj", "xcomp", "oprd"):
            return lexicon.frames[kind], [token]
        return None
    if pos in NOUN_POS:
        if token.dep_ == "pobj" and token.head.lower_ == "in" and lemma == "order":
            return None  # "in order to": a purpose, not an order
        kind = lexicon.frame_nouns.get(lemma)
        return (lexicon.frames[kind], [token]) if kind else None
    return None


def _embedded_candidates(frame_token: Token, frame_trigger: list[Token]) -> list[Token]:
    """Return the tokens that may carry the act a frame embeds, nearest first."""
    holders = [frame_token, *frame_trigger[1:]]
    found: list[Token] = []
    for holder in holders:
        for child in children_of(holder):
            infinitive = child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(child))
            if child.dep_ in ("xcomp", "ccomp", "acl") or infinitive:
                found.append(child)
                found += [c for c in child.conjuncts if c.i > child.i]
            elif child.dep_ in args.OBJECT_DEPS or child.dep_ == "nsubjpass":
                found.append(child)
                found += [c for c in children_of(child) if c.dep_ in ("acl", "prep")]
            elif child.dep_ == "prep" and child.lower_ in ("to", "for", "of", "on", "with", "toward", "towards"):
                for obj in children_of(child):
                    if obj.dep_ in ("pobj", "pcomp"):
                        # "prepared to blacklist firms" parsed as "to [blacklist firms]": the verb first
                        found += [c for c in children_of(obj) if c.dep_ in ("amod", "compound") and c.i == child.i + 1]
                        found.append(obj)
                        found += [c for c in children_of(obj) if c.dep_ in ("acl", "pcomp")]
    # "proposed to mediate" may attach the infinitive to the frame's object noun
    expanded: list[Token] = []
    for token in found:
        expanded.append(token)
        if token.pos_ in NOUN_POS:
            for child in children_of(token):
                if child.dep_ == "prep" and child.lower_ in ("of", "for", "to"):
                    expanded += [c for c in children_of(child) if c.dep_ in ("pobj", "pcomp")]
    return expanded


def _has_neg(token: Token) -> bool:
    """Return True when ``token`` is negated ("did not sign", "never refused")."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)) for c in children_of(token))


def _aux_lemmas(token: Token) -> frozenset[str]:
    """Return the lowercase auxiliaries of ``token`` (once per document and token)."""
    return remembered("aux_lemmas", token, _find_aux_lemmas)


def _find_aux_lemmas(token: Token) -> frozenset[str]:
    return frozenset(c.lower_ for c in children_of(token) if c.dep_ in ("aux", "auxpass"))


def _is_future(token: Token, lexicon: Lexicon) -> bool:
    auxes = _aux_lemmas(token)
    if auxes & lexicon.future_markers:
        return True
    if "to" in auxes and token.dep_ in ("xcomp", "advcl") and lemma_of(token.head) in lexicon.anticipation_heads:
        return True  # "is still waiting for X to ratify", "was due to release": not yet done
    # "is going to sign", "is to visit"
    head = token.head
    return token.dep_ == "xcomp" and lemma_of(head) == "go" and head.tag_ == "VBG"


def _is_conditional(token: Token) -> bool:
    for child in children_of(token):
        if child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in children_of(child) if m.dep_ == "mark"):
            return True
    return any(m.lower_ in ("if", "unless") for m in children_of(token) if m.dep_ == "mark")


PERFECT_AUXES = frozenset({"have", "has", "had", "'ve"})
UNREALISED_FRAMES = frozenset({"demand", "appeal", "reject"})
UNREALISED_ROOTS = frozenset({"02", "10", "12"})


def _unrealised_tokens(acts: list[Act]) -> set[int]:
    """Return the tokens inside what was demanded, urged or refused ("demanded that X cancel
    plans to sell arms": no sale; "refused to let UN planes land and evacuate": no evacuation)."""
    unrealised: set[int] = set()
    for act in acts:
        asked_or_refused = act.frame.kind in UNREALISED_FRAMES if act.frame is not None else (
            cameo_root(act.cameo) in UNREALISED_ROOTS
        )
        if not asked_or_refused or act.token.pos_ not in VERB_POS:
            continue
        for child in children_of(act.token):
            if child.dep_ in ("ccomp", "xcomp"):
                unrealised |= {t.i for t in child.subtree}
    return unrealised


QUESTION_MARKERS = frozenset({"whether", "if"})


def _asks_a_question(act: Act) -> bool:
    """Return True when ``act`` is "ask" with an indirect question ("asked whether X would ...",
    "asked why ..."): asking for information, not an appeal."""
    token = act.token
    if lemma_of(token) != "ask" or token.pos_ not in VERB_POS:
        return False
    for child in children_of(token):
        if child.dep_ in ("ccomp", "xcomp", "advcl") and any(
            (c.dep_ == "mark" and c.lower_ in QUESTION_MARKERS) or c.tag_ in ("WDT", "WP", "WRB") for c in children_of(child)
        ):
            return True
    return False


def light_heads(act: Act) -> set[int]:
    """Return the tokens of a light-verb act's event noun (and the head it modifies as a compound)."""
    if act.noun is None:
        return set()
    if act.noun.dep_ == "compound":
        return {act.noun.i, act.noun.head.i}
    return {act.noun.i}


def _has_to_complement(token: Token) -> bool:
    """Return True when ``token`` takes a "to" complement ("ready to ...", "committed to ...")."""
    for child in children_of(token):
        if child.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(child)):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(c.dep_ in ("pobj", "pcomp") for c in children_of(child)):
            return True
    return False


def _is_descriptive(act: Act) -> bool:
    """Return True for a participle describing a noun ("the besieged town", "abuses reported")."""
    token = act.token
    if token.pos_ not in VERB_POS or token.tag_ not in ("VBN", "VBG"):
        return False
    if token.dep_ == "amod":
        return True
    return token.dep_ == "acl" and token.tag_ == "VBN" and not any(c.dep_ == "agent" for c in children_of(token))


def _is_theme_of(act: Act, act_tokens: set[int], stative: frozenset[str] = frozenset()) -> bool:
    """Return True for an event noun that is what another act is about ("blamed X for the bombing")."""
    token = act.token
    if act.pattern is None or act.pattern.kind != "noun" or act.frame is not None:
        return False
    current = token
    for _ in range(3):
        if current.dep_ in ("attr", "nsubj", "acomp") and lemma_of(current.head) in stative:
            return True  # "it was the first summit for ...", "our cooperation serves as ..."
        if current.dep_ in ("dobj", "nsubjpass", "attr", "appos"):
            return current.head.i in act_tokens
        if current.dep_ in ("pobj", "pcomp") and current.head.dep_ in ("prep", "agent"):
            if current.head.lower_ in SETTING_PREPS:
                return False  # "after talks with X, Y eased the rules": the talks happened too
            return current.head.head.i in act_tokens
        if current.dep_ not in ("conj", "compound"):
            return False
        current = current.head
    return False


SETTING_PREPS = frozenset({"after", "during", "following"})


def _is_purpose(token: Token, act_tokens: set[int]) -> bool:
    """Return True for an act in a purpose infinitive of another act ("opened fire to disperse")."""
    current = token
    for _ in range(3):
        if current.dep_ not in ("advcl", "xcomp", "conj") or current.head.i == current.i:
            return False
        is_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(current))
        if current.dep_ != "conj" and is_infinitive and current.head.i in act_tokens:
            return True
        current = current.head
    return False


def _trigger_tokens(frame: list[Token], embedded: list[Token], widest: int = 8) -> list[Token]:
    """Return the trigger of a frame + act: both when they are close, else the act's own words."""
    tokens = sorted({*frame, *embedded}, key=lambda t: t.i)
    if tokens[-1].i - tokens[0].i <= widest:
        return tokens
    return sorted(embedded, key=lambda t: t.i)


def cameo_root(code: str) -> str:
    """Return the two-digit CAMEO root of ``code``."""
    return code[:2]


@dataclass
class ActContext:
    """What the ``events.not_event`` rules need to know about the other acts of the sentence."""

    coder: SentenceCoder
    act_tokens: set[int]
    unrealised: set[int]


NOT_EVENT = RuleTable("events.not_event", "which found acts report no event that happened")


@NOT_EVENT.rule
def struggle_against_a_problem(act: Act, context: ActContext) -> bool | None:
    """Fighting a problem (crime, corruption, wildfires) is no use of force against anyone.

    Example: "The new unit will fight drug trafficking on the coast." -> no assault
    """
    return True if _fights_a_problem(context.coder.lexicon, act.token) else None


def _fights_a_problem(lexicon: Lexicon, verb: Token) -> bool:
    """Return True for a struggle verb whose object is a problem ("fight corruption", "battle a wave of crime")."""
    if lemma_of(verb) not in lexicon.struggle_verbs or verb.pos_ not in VERB_POS:
        return False
    for obj in _light_objects(verb) + [o for _, o in args.prep_objects(verb, ("against",))]:
        words = {lemma_of(obj), *(f"{lemma_of(c)} {lemma_of(obj)}" for c in children_of(obj) if c.dep_ in ("compound", "amod"))}
        if words & lexicon.problem_nouns:
            return True
    return False


@NOT_EVENT.rule
def generic_relative_clause(act: Act, context: ActContext) -> bool | None:
    """An act in a relative clause on "any"/"every" noun is a hypothetical case, not an event.

    Example: "Rome will expel any envoy who meets the rebels." -> no meeting
    """
    clause = act.token if act.token.pos_ in VERB_POS else act.token.head
    if clause.dep_ != "relcl":
        return None
    if any(c.dep_ == "det" and c.lower_ in GENERIC_DETERMINERS for c in children_of(clause.head)):
        return True
    return None


GENERIC_DETERMINERS = frozenset({"any", "every", "each", "whichever", "whatever"})


@NOT_EVENT.rule
def declined_to_comment(act: Act, context: ActContext) -> bool | None:
    """Refusing to say, comment or confirm rejects nobody.

    Example: "Rome declined to say whether it would send ships." -> no rejection
    """
    if cameo_root(act.cameo) != "12" or act.token.pos_ not in VERB_POS:
        return None
    lexicon = context.coder.lexicon
    for child in children_of(act.token):
        if child.dep_ in ("xcomp", "advcl") and lemma_of(child) in lexicon.comment_verbs and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in children_of(child)):
            return True  # "declined to say", not "refused to meet, saying ..."
    return None


@NOT_EVENT.rule
def endangered_not_threatened(act: Act, context: ActContext) -> bool | None:
    """"Threaten" with what is at risk as its object means "endanger": no threat by an actor.

    Example: "Kenya said the drought threatened its harvest." -> no threat
    """
    if act.frame is not None or cameo_root(act.cameo) != "13" or lemma_of(act.token) != "threaten":
        return None
    lexicon = context.coder.lexicon
    objects = [c for c in children_of(act.token) if c.dep_ in ("dobj", "obj")]
    if objects and all(lemma_of(o) in lexicon.endangered_nouns for o in objects):
        return True
    return None


@NOT_EVENT.rule
def purpose_clause(act: Act, context: ActContext) -> bool | None:
    """An act in a purpose infinitive says why something was done, not what happened.

    Example: "Police fired rubber bullets to disperse the crowd." -> no dispersal event
    """
    if _is_purpose(act.token, context.act_tokens) or _purpose_infinitive(act.token):
        return True
    return None


@NOT_EVENT.rule
def requested_or_refused_content(act: Act, context: ActContext) -> bool | None:
    """What was demanded, urged or refused did not happen (the request itself is coded).

    Example: "Quito urged Lima to release the fishermen." -> no release event
    """
    return True if act.token.i in context.unrealised else None


@NOT_EVENT.rule
def hoped_or_feared_content(act: Act, context: ActContext) -> bool | None:
    """The content of a hope, fear, wish or doubt is not an event ("hoped that X would sign").

    Example: "Analysts fear that the army could storm the city." -> no assault event
    """
    current = act.token
    for _ in range(4):
        head = current.head
        if head.i == current.i:
            return None
        if current.dep_ in ("ccomp", "xcomp") and _irrealis(head, context.coder.lexicon):
            return True
        if current.dep_ not in ("conj", "ccomp", "xcomp", "dobj", "pobj", "prep", "compound"):
            return None
        current = head
    return None


@NOT_EVENT.rule
def topic_of_other_act(act: Act, context: ActContext) -> bool | None:
    """An act that names what another event is about is its topic ("a statement on deepening ties").

    Example: "The ministers issued a statement on expanding trade." -> no trade event
    """
    return True if context.coder._is_topic(act.token, context.act_tokens) else None


@NOT_EVENT.rule
def descriptive_participle(act: Act, context: ActContext) -> bool | None:
    """A participle describing a noun is no new event ("the besieged town").

    Example: "Aid reached the besieged town." -> no siege event
    """
    return True if _is_descriptive(act) else None


@NOT_EVENT.rule
def theme_of_other_act(act: Act, context: ActContext) -> bool | None:
    """An event noun that another act is about is not an event of its own ("blamed X for the bombing").

    Example: "Kabul blamed rebels for the bombing." -> the accusation only
    """
    return True if _is_theme_of(act, context.act_tokens, context.coder.lexicon.stative_verbs) else None


@NOT_EVENT.rule
def indirect_question(act: Act, context: ActContext) -> bool | None:
    """Asking whether or why is a request for information, not an appeal.

    Example: "Reporters asked whether Oslo would send troops." -> no appeal
    """
    return True if _asks_a_question(act) else None


@NOT_EVENT.rule
def habitual_background(act: Act, context: ActContext) -> bool | None:
    """A habit told in a relative clause or a perfect describes actors, not one event.

    Example: "The rivals, who have often traded barbs, met on Monday." -> no accusation
    """
    return True if context.coder._is_habitual(act.token) else None


@NOT_EVENT.rule
def ongoing_state_noun(act: Act, context: ActContext) -> bool | None:
    """A noun naming an ongoing state ("the war against X") with no verb or date is background.

    Example: "Prices rose during the war against the rebels." -> no new attack
    """
    return True if context.coder._is_ongoing_state(act) else None


@NOT_EVENT.rule
def passive_consultation(act: Act, context: ActContext) -> bool | None:
    """A passive meeting verb ("demands were met", "was received with anger") is not a meeting.

    Example: "The proposal was received coolly in Cairo." -> no meeting
    """
    if cameo_root(act.cameo) == "04" and act.token.pos_ in VERB_POS and args.is_passive(act.token) and act.noun is None:
        return True
    return None


def _irrealis(token: Token, lexicon: Lexicon) -> bool:
    """Return True for a verb of hoping, fearing, wishing or doubting."""
    return any(key in lexicon.irrealis_heads for key in verb_keys(token, lexicon.lemma_fixes))


def _purpose_infinitive(token: Token) -> bool:
    """Return True for an infinitive adverbial clause ("sent troops to secure the port", "in order to")."""
    if token.dep_ != "advcl" or token.pos_ not in VERB_POS:
        return False
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "when", "after", "before", "while", "as") for c in children_of(token)):
        return False
    if any(c.dep_ in args.SUBJECT_DEPS for c in children_of(token)):
        return False  # "waiting for X to ratify": the clause has its own actor
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(token)) and (
        lemma_of(token.head) not in ANNOUNCING_HEADS
    )


ANNOUNCING_HEADS = frozenset({"vote", "decide", "move", "agree", "refuse", "threaten", "plan", "seek"})

MODALITY = RuleTable("events.modality", "whether a found act happened, is intended, threatened, denied or future")


@MODALITY.rule
def failed_attempt(act: Act, coder: SentenceCoder) -> Act | None:
    """An act under "failed to", "refrained from" did not happen.

    Example: "The envoys failed to reach an accord." -> denied
    """
    token = act.token
    if token.pos_ not in VERB_POS:
        return None
    head = token.head
    if token.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "from":
        head = head.head  # "refrained from attacking"
    elif token.dep_ != "xcomp":
        return None
    if lemma_of(head) in coder.lexicon.failure_heads:
        return replace(act, negated=True, modality="denied")
    return None


@MODALITY.rule
def no_event_determiner(act: Act, coder: SentenceCoder) -> Act | None:
    """An event noun with "no" reports that it did not happen ("there were no talks").

    Example: "The rivals held no meeting this year." -> denied
    """
    noun = act.token if act.token.pos_ not in VERB_POS else act.noun
    if noun is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in children_of(noun)):
        return replace(act, negated=True, modality="denied")
    return None


@MODALITY.rule
def future_refusal(act: Act, coder: SentenceCoder) -> Act | None:
    """A negated future cooperative act is a refusal ("will not accept").

    Example: "Rome will not sign the accord." -> REJECT
    """
    token = act.token
    if token.pos_ not in VERB_POS or not _has_neg(token) or not _is_future(token, coder.lexicon):
        return None
    if cameo_root(act.cameo) not in COOPERATIVE_ROOTS:
        return None
    frame = coder.lexicon.frames["reject"]
    return replace(act, cameo=frame.combined_code(act.cameo), plover=None, modality="denied", frame=frame)


@MODALITY.rule
def negated_act(act: Act, coder: SentenceCoder) -> Act | None:
    """A negated verb reports that the act did not happen.

    Example: "Seoul did not condemn the launch." -> denied
    """
    if act.token.pos_ in VERB_POS and _has_neg(act.token):
        return replace(act, negated=True, modality="denied")
    return None


def _future_modality(verb: Token) -> str:
    return "conditional" if _is_conditional(verb) else "future"


@MODALITY.rule
def future_cooperation(act: Act, coder: SentenceCoder) -> Act | None:
    """A cooperative act in the future is an intent to cooperate (PLOVER AGREE).

    Example: "Madrid will provide loans to Quito." -> AGREE (intent to give aid)
    """
    token = act.token
    root = cameo_root(act.cameo)
    if token.pos_ not in VERB_POS or not _is_future(token, coder.lexicon):
        return None
    if root in COOPERATIVE_ROOTS and root != "03" and act.plover != "RETREAT":
        frame = coder.lexicon.frames["intend"]
        return replace(act, cameo=frame.combined_code(act.cameo), plover=None, modality=_future_modality(token), frame=frame)
    return None


@MODALITY.rule
def future_coercion(act: Act, coder: SentenceCoder) -> Act | None:
    """A coercive act announced for the future, or under a condition, is a threat (PLOVER);
    one reported under a binding decision ("decided it would expel") stays the act.

    Example: "Ankara would blockade the port if provoked." -> THREATEN
    """
    token = act.token
    if token.pos_ not in VERB_POS or not _is_future(token, coder.lexicon):
        return None
    if cameo_root(act.cameo) not in CONFLICTUAL_ROOTS:
        return None
    head = args.speech_head(token, coder.lexicon.speech_verbs | coder.lexicon.binding_decisions)
    if head is not None and lemma_of(head) in coder.lexicon.binding_decisions and not _is_conditional(token):
        return None
    frame = coder.lexicon.frames["threaten"]
    return replace(act, cameo=frame.combined_code(act.cameo), plover=None, modality=_future_modality(token), frame=frame)


@MODALITY.rule
def future_act(act: Act, coder: SentenceCoder) -> Act | None:
    """Any other act in the future is a plan, not a fact.

    Example: "The ministers will meet in Lagos next week." -> future
    """
    token = act.token
    if token.pos_ in VERB_POS and _is_future(token, coder.lexicon):
        return replace(act, modality=_future_modality(token))
    return None


@MODALITY.rule
def conditional_act(act: Act, coder: SentenceCoder) -> Act | None:
    """An act under "if" or "unless", or with such a clause, is a condition, not a fact.

    Example: "If Hanoi attacks the vessel, Manila says it will respond." -> conditional
    """
    if act.token.pos_ in VERB_POS and _is_conditional(act.token):
        return replace(act, modality="conditional")
    return None


@dataclass
class FrameCase:
    """A frame word with the act it embeds (None when it embeds no coded act)."""

    lexicon: Lexicon
    token: Token
    frame: Frame
    trigger: list[Token]
    embedded: Act | None
    own: Act | None  # the act the frame word itself carries, if any


FRAME = RuleTable("events.frame", "how a frame word (threaten, refuse, urge, ready) combines with the act it embeds")


@FRAME.rule
def told_not_ordered(case: FrameCase) -> Act | bool | None:
    """A speech verb of the demand frame orders only with an infinitive ("told X to leave").

    Example: "Rome told reporters that talks had failed." -> no demand
    """
    if case.frame.kind not in ("demand", "appeal") or lemma_of(case.token) not in case.lexicon.speech_verbs:
        return None
    return None if _has_to_complement(case.token) else False


@FRAME.rule
def decided_coercion(case: FrameCase) -> Act | bool | None:
    """A body that agrees, decides or votes to coerce has done it: the embedded act, asserted.

    Example: "EU ministers agreed to extend sanctions on Minsk." -> SANCTION, not a threat
    """
    embedded, token = case.embedded, case.token
    if case.frame.kind != "intend" or embedded is None or lemma_of(token) not in case.lexicon.decision_frame_verbs:
        return None
    if cameo_root(embedded.cameo) not in CONFLICTUAL_ROOTS or _has_neg(token) or _has_neg(embedded.token):
        return None
    if _is_future(token, case.lexicon) or _is_conditional(token):
        return None
    return Act(token=token, cameo=embedded.cameo, rule="", trigger=_trigger_tokens(case.trigger, embedded.trigger),
               pattern=embedded.pattern, plover=embedded.plover, embedded=embedded)


@FRAME.rule
def offer_of_forces(case: FrameCase) -> Act | bool | None:
    """An intent to send forces with no adversary named is an offer of protection (CAMEO 0334, AGREE).

    Example: "Oslo is ready to send troops to a peace mission in the region." -> AGREE, not a threat
    """
    embedded = case.embedded
    if case.frame.kind != "intend" or embedded is None or embedded.cameo != "154":
        return None
    if lemma_of(embedded.token) not in FORCE_SENDING_VERBS | {"deploy", "station", "contribute", "provide", "position"}:
        return None  # "vowed to build up its arsenal" is no offer
    if _has_neg(embedded.token) or any(t.lower_ in ("against", "attack", "invade") for t in embedded.token.subtree):
        return None
    return Act(token=case.token, cameo="0334", rule="", trigger=_trigger_tokens(case.trigger, embedded.trigger),
               pattern=embedded.pattern, modality=case.frame.modality, negated=_has_neg(case.token),
               frame=case.frame, embedded=embedded)


@FRAME.rule
def bare_warning(case: FrameCase) -> Act | bool | None:
    """A warning not to act, or of consequences, is a threat even with no act named ("warned X not to").

    Example: "Delhi warned Dhaka of consequences over the dam." -> THREATEN
    """
    if case.frame.kind != "threaten" or case.embedded is not None or case.own is not None:
        return None
    token = case.token
    negated_to = any(c.dep_ in ("xcomp", "advcl") and _has_neg(c) and any(a.lower_ == "to" for a in children_of(c))
                     for c in children_of(token))
    of_consequences = any(lemma_of(obj) in case.lexicon.warning_nouns or prep == "against"
                          for prep, obj in args.prep_objects(token, ("of", "against", "about")))
    # "warned that foreign troops would be legitimate targets"
    of_consequences = of_consequences or any(
        c.dep_ == "ccomp" and any(a.dep_ == "attr" and lemma_of(a) in case.lexicon.warning_nouns for a in children_of(c))
        for c in children_of(token))
    # "warned Manila to stop its provocations": a warning addressed to someone, with what they must do
    directive = any(c.dep_ in ("dobj", "obj") for c in children_of(token)) and _has_to_complement(token)
    if not (negated_to or of_consequences or directive):
        return None
    frame = case.frame
    return Act(token, frame.default, "", [token], modality=frame.modality, frame=frame)


@FRAME.rule
def explicit_wording_wins(case: FrameCase) -> Act | bool | None:
    """A verb + object wording of the lexicon beats the frame reading of the same verb.

    Example: "Minsk issued a warning to the convoy." -> the wording "issue warning", no frame
    """
    if case.embedded is not None and case.own is not None and case.own.pattern is not None and case.own.pattern.kind == "light":
        return False
    return None


@FRAME.rule
def hope_for_others(case: FrameCase) -> Act | bool | None:
    """A hope or wish that someone else acts is no intent of the hoper, and no event.

    Example: "Nepal hopes that Bhutan will ratify the accord." -> no event
    """
    embedded = case.embedded
    if embedded is None or not _irrealis(case.token, case.lexicon):
        return None
    clause = embedded.token
    while clause.dep_ not in ("ccomp", "xcomp") and clause.head.i != clause.i and clause.head.i != case.token.i:
        clause = clause.head
    if clause.dep_ == "ccomp" and any(c.dep_ in args.SUBJECT_DEPS for c in children_of(clause)):
        return False
    return None


@FRAME.rule
def warned_to_yield(case: FrameCase) -> Act | bool | None:
    """Warning someone to do something cooperative demands it of them (REQUEST), and it did not happen.

    Example: "Rome warned Tunis to take back the migrants." -> REQUEST, no return event
    """
    embedded, token = case.embedded, case.token
    if case.frame.kind != "threaten" or embedded is None or case.frame.accepts_code(embedded.cameo):
        return None
    if not (any(c.dep_ in ("dobj", "obj") for c in children_of(token)) and _has_to_complement(token)):
        return None
    demand = case.lexicon.frames["demand"]
    return Act(token=token, cameo=demand.combined_code(embedded.cameo), rule="",
               trigger=_trigger_tokens(case.trigger, embedded.trigger), pattern=embedded.pattern,
               modality=demand.modality, negated=_has_neg(token), frame=demand, embedded=embedded)


@FRAME.rule
def frame_embeds_act(case: FrameCase) -> Act | bool | None:
    """A frame combines with the act it embeds into one code ("threatened to ban" -> 1322).

    Example: "Accra refused to meet the delegation." -> REJECT (refuse to meet)
    """
    embedded, token, frame = case.embedded, case.token, case.frame
    if embedded is None:
        return None
    if frame.kind == "intend" and _has_neg(embedded.token):
        frame = case.lexicon.frames["reject"]  # "pledged never to hand back": a refusal
    if not frame.accepts_code(embedded.cameo):
        if frame.kind != "intend" or cameo_root(embedded.cameo) not in CONFLICTUAL_ROOTS:
            return False  # "warned that talks would ..." is not a threat to talk
        frame = case.lexicon.frames["threaten"]  # "vowed to fight" is a threat
    embedded_code = embedded.cameo
    stops = lemma_of(embedded.token.head) in STOP_VERBS or (
        embedded.noun is not None and support_class(case.lexicon, embedded.token) == "cancelled")
    if frame.kind in ("demand", "appeal") and stops:
        embedded_code = "087"  # "urged X to stop the shelling": a call to de-escalate
    code = frame.combined_code(embedded_code)
    return Act(token=token, cameo=code, rule="", trigger=_trigger_tokens(case.trigger, embedded.trigger),
               pattern=embedded.pattern, plover=frame.plover if cameo_root(code) == "02" else None,
               modality=frame.modality, negated=_has_neg(token), frame=frame, embedded=embedded)


@FRAME.rule
def vowed_not_to(case: FrameCase) -> Act | bool | None:
    """An intent frame over a negated infinitive is a refusal ("vowed not to return").

    Example: "Baku pledged never to hand back the district." -> REJECT
    """
    if case.embedded is not None or case.frame.kind != "intend" or not _has_to_complement(case.token):
        return None
    complement = next((c for c in children_of(case.token) if c.dep_ in ("xcomp", "advcl")), None)
    if complement is None or not _has_neg(complement):
        return None
    refusal = case.lexicon.frames["reject"]
    return Act(case.token, refusal.default, "", [case.token, complement], modality=refusal.modality, frame=refusal)


@FRAME.rule
def bare_demand(case: FrameCase) -> Act | bool | None:
    """A demand or appeal to someone to do something uncoded is still a request ("ordered X to leave").

    Example: "The court ordered the editor to apologise." -> REQUEST to the editor
    """
    if case.embedded is not None or case.own is not None or case.frame.kind not in ("demand", "appeal"):
        return None
    if not _has_to_complement(case.token) or not any(c.dep_ in ("dobj", "dative") for c in children_of(case.token)):
        return None
    frame = case.frame
    return Act(case.token, frame.default, "", [case.token], plover=frame.plover, modality=frame.modality,
               frame=frame, negated=_has_neg(case.token))


@FRAME.rule
def bare_intent(case: FrameCase) -> Act | bool | None:
    """An intent to do something uncoded is an intent to cooperate (PLOVER AGREE).

    Example: "Lisbon is committed to opening its ports." -> AGREE (intent)
    """
    if case.embedded is not None or case.own is not None or case.frame.kind != "intend":
        return None
    if not _has_to_complement(case.token):
        return None
    frame = case.frame
    return Act(case.token, frame.default, "", [case.token], modality=frame.modality, frame=frame,
               negated=_has_neg(case.token))


REPORTED = RuleTable("events.reported_demand", "demands reported as what another actor must do")
#: Every ``events.reported_demand`` rule starts from a verb (``tests/events/test_trigger_gate.py``
#: checks it): other words are not offered to the table.
REPORTED_POS = VERB_POS
#: The ``events.reported_demand`` rules that answer only for a verb with a demand modal among its
#: auxiliaries ("must", "should"): while the table has no other rule, only such verbs are offered.
MODAL_GATED = frozenset({"speech_then_must"})


def demanded_verbs(lexicon: Lexicon, doc: Doc, facts: TokenFacts) -> frozenset[int] | None:
    """Return the tokens of ``doc`` with an auxiliary among ``lexicon.demand_modals`` (the verbs
    ``speech_then_must`` can answer for), or None when the table has rules that need no modal."""
    if any(rule.name not in MODAL_GATED for rule in REPORTED):
        return None
    heads = doc.to_array([HEAD]).astype("int64").tolist() if len(doc) else []
    return frozenset(i + heads[i] for i, (dep, lower) in enumerate(zip(facts.dep, facts.lower, strict=True))
                     if dep in ("aux", "auxpass") and lower in lexicon.demand_modals)


@REPORTED.rule
def speech_then_must(token: Token, lexicon: Lexicon) -> Token | None:
    """A speech verb over a clause with "must"/"should" reports a demand on that clause's subject.

    Example: "Berlin said Minsk must free the pilots." -> REQUEST by Berlin of Minsk
    """
    if token.pos_ not in VERB_POS or not (_aux_lemmas(token) & lexicon.demand_modals):
        return None
    return args.speech_head(token, lexicon.speech_verbs)


REPORTED_CRIME = RuleTable("events.reported_accusation", "crimes reported as committed by another actor")


@REPORTED_CRIME.rule
def speech_then_crime(token: Token, lexicon: Lexicon) -> Token | None:
    """A speech verb over a clause saying someone committed a crime accuses that someone (CAMEO 112).

    Example: "Monitors said the militia had committed atrocities." -> ACCUSE by the monitors of the militia
    """
    if lemma_of(token) not in lexicon.crime_verbs or token.pos_ not in VERB_POS:
        return None
    for obj in _light_objects(token):
        words = {lemma_of(obj), obj.lower_, *(f"{lemma_of(c)} {lemma_of(obj)}" for c in children_of(obj)
                                             if c.dep_ in ("compound", "amod"))}
        if words & lexicon.crime_nouns:
            return args.speech_head(token, lexicon.speech_verbs)
    return None


class SentenceCoder:

    """Codes the acts of one sentence."""

    def __init__(self, lexicon: Lexicon, index: args.MentionIndex, sent: Span) -> None:
        self.lexicon = lexicon
        self.index = index
        self.sent = sent
        self.doc = sent.doc
        # the words as strings: the sentence is scanned three times, and a ``Token`` is made only
        # for the words that a scan's rules can answer for
        self.facts = token_facts(sent.doc)
        self._accusations: set[int] = set()

    def acts(self) -> list[Act]:
        """Return the sentence's acts after frames, modality and negation are applied."""
        found: dict[int, Act] = {}
        frames: dict[int, tuple[Frame, list[Token]]] = {}
        lexicon, facts, doc = self.lexicon, self.facts, self.doc
        # the lexicon does not change while one document is coded: its index is checked once per document
        index = self.index.memo.get(("trigger_index", id(lexicon)))
        if index is None:
            index = self.index.memo[("trigger_index", id(lexicon))] = trigger_index(lexicon)
        pos = facts.pos
        for i in range(self.sent.start, self.sent.end):
            if pos[i] not in FRAME_POS:  # no trigger rule and no frame for other words (``TRIGGER_POS`` is inside)
                continue
            rules = trigger_rules(lexicon, facts, i, index)
            framed = may_be_frame(lexicon, facts, i, index)
            if not rules and not framed:
                continue
            token = doc[i]
            act = _act_of_rules(lexicon, token, rules)
            if act is not None:
                found[i] = act
            frame = match_frame(lexicon, token) if framed else None
            if frame is not None:
                frames[i] = frame
        consumed: set[int] = set()
        for act in found.values():
            consumed |= act.consumed
        accusations = self._reported_accusations()
        for accusation in accusations:  # the alleged crime is what is claimed, not a coded fact
            frames.pop(accusation.addressee.i, None)
            consumed.update(t.i for t in accusation.addressee.subtree if t.i in found)
        combined_at = self._combine_frames(found, frames, consumed)
        self._accusations = {i for i, a in found.items() if cameo_root(a.cameo) in ("11", "12")}
        demands = self._reported_demands(found, consumed) + accusations
        act_tokens = set(found) | consumed
        context = ActContext(self, act_tokens, _unrealised_tokens([a for i, a in found.items() if i not in consumed]))
        results: list[Act] = []
        for i, act in sorted(found.items()):
            if i in consumed:
                continue
            dropped, _ = NOT_EVENT.first(act, context)
            if dropped is not None:
                continue
            if i in combined_at:
                act = self._frame_outcome(act)
            else:
                name, changed = MODALITY.first(act, self)
                if changed is not None:
                    act = replace(changed, rule=f"{changed.rule}+{MODALITY.name}:{name}")
            results.append(act)
        return self._drop_nominal_echoes(results + demands)

    def _combine_frames(
        self, found: dict[int, Act], frames: dict[int, tuple[Frame, list[Token]]], consumed: set[int]
    ) -> set[int]:
        """Replace each frame word's act by the frame combined with the act it embeds.

        Frames are handled in sentence order, so an outer frame takes the act its clause embeds
        before an inner frame can: "rejected an offer to hold talks" is the rejection of talks
        (CAMEO 125), not of an offer (120). Returns the token indices whose acts are now combined
        frames; the embedded acts are added to ``consumed``.
        """
        combined_at: set[int] = set()
        for i in sorted(frames):
            frame, trigger = frames[i]
            token = self.sent.doc[i]
            embedded = self._embedded_act(token, trigger, found, consumed)
            case = FrameCase(self.lexicon, token, frame, trigger, embedded, found.get(i))
            name, act = FRAME.first(case)
            if not act:
                continue
            act.rule = f"{FRAME.name}:{name}({lemma_of(token)})" + (f"+{embedded.rule}" if embedded is not None else "")
            found[i] = act
            if embedded is not None:
                consumed.add(embedded.token.i)
                consumed |= embedded.consumed
            combined_at.add(i)
        return combined_at

    def _is_topic(self, token: Token, act_tokens: set[int]) -> bool:
        """Return True for an act that names what another event is about ("a statement on deepening ties")."""
        current = token
        for _ in range(4):
            head = current.head
            if head.i == current.i:
                return False
            if current.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and head.lower_ in self.lexicon.topic_preps:
                return head.head.i in act_tokens
            if current.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and (
                head.head.i in self._accusations
                or (head.head.dep_ in args.OBJECT_DEPS and head.head.head.i in self._accusations)
            ):
                return True  # "accused X of shelling" (the parser may hang "of" on X): the alleged act
            if current.dep_ not in ("conj", "compound", "amod"):
                return False
            current = head
        return False

    def _embedded_act(self, token: Token, trigger: list[Token], found: dict[int, Act], consumed: set[int]) -> Act | None:
        for candidate in _embedded_candidates(token, trigger):
            if candidate.i == token.i or candidate.i in consumed:
                continue
            act = found.get(candidate.i)
            if act is not None and _fights_a_problem(self.lexicon, act.token):
                continue  # "agreed to fight trafficking": an intent to cooperate, not to attack
            if act is not None:
                return act
            # "agreed to exchange data": the infinitive is a frame or carries no pattern;
            # look one level into its objects for an event noun
            if candidate.pos_ in VERB_POS:
                for obj in _verb_objects(candidate):
                    inner = found.get(obj.i)
                    if inner is not None and inner.pattern is not None and inner.pattern.kind == "noun":
                        return inner
        return None

    def _is_habitual(self, token: Token) -> bool:
        """Return True when ``token`` (or the verb an event noun hangs on) carries an adverb of
        habit and tells background: a relative clause or a perfect ("who have often traded
        barbs") describes the actors, not one event. A habit reported in the past tense of the
        main clause ("soldiers routinely beat detainees") is itself the news and stays coded."""
        verbs = [token] if token.pos_ in VERB_POS else [token, token.head]
        for verb in verbs:
            if not any(c.dep_ == "advmod" and c.lower_ in self.lexicon.habitual_adverbs for c in children_of(verb)):
                continue
            if verb.dep_ in ("relcl", "acl", "appos") or _aux_lemmas(verb) & PERFECT_AUXES:
                return True
        return False

    def _is_ongoing_state(self, act: Act) -> bool:
        """Return True for an event noun naming an ongoing state ("Russia's war against Ukraine")
        that no verb takes as its object ("launched a war") and no date phrase pins down."""
        token = act.token
        if act.frame is not None or act.pattern is None or act.pattern.kind != "noun" or token.pos_ in VERB_POS:
            return False
        if lemma_of(token) not in self.lexicon.ongoing_nouns:
            return False
        if token.dep_ in args.OBJECT_DEPS and token.head.pos_ in VERB_POS:
            return False
        return not any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree)

    def _frame_outcome(self, act: Act) -> Act:
        """Return the combined frame ``act`` marked as not having happened when its frame word is
        itself undone: "failed to agree on a ceasefire", "had not intended to hit"."""
        token = act.token
        if token.dep_ == "xcomp" and lemma_of(token.head) in self.lexicon.failure_heads:
            return replace(act, negated=True, modality="denied")
        if act.negated:
            return replace(act, modality="denied")
        return act

    def _reported_demands(self, found: dict[int, Act], consumed: set[int]) -> list[Act]:
        """Return demands reported as "X said/declared that Y must ...": REQUEST by X of Y."""
        lexicon = self.lexicon
        demands: list[Act] = []
        frame = lexicon.frames["demand"]
        pos = self.facts.pos
        key = ("demanded_verbs", id(lexicon))
        if key not in self.index.memo:
            self.index.memo[key] = demanded_verbs(lexicon, self.doc, self.facts)
        demanded: frozenset[int] | None = self.index.memo[key]  # type: ignore[assignment]
        for i in range(self.sent.start, self.sent.end):
            if pos[i] not in REPORTED_POS or (demanded is not None and i not in demanded):
                continue
            token = self.doc[i]
            name, speech = REPORTED.first(token, lexicon)
            if speech is None:
                continue
            inner = found.get(token.i)
            if inner is None:
                # the first act demanded: in the clause's objects, else its subject ("any talks must ...")
                subject_ids = {t.i for c in children_of(token) if c.dep_ in args.SUBJECT_DEPS | args.PASSIVE_SUBJECT_DEPS
                               for t in c.subtree}
                inside = [t for t in token.subtree if t.i in found and t.i != token.i]
                inner = next((found[t.i] for t in inside if t.i not in subject_ids), None) or next(
                    (found[t.i] for t in inside), None)
            if inner is None:
                subject = args.subject_of(token) or next(args.children(token, "nsubjpass"), None)
                if subject is None or not args.nearest_mentions(subject, self.index):
                    continue  # "the deepening of ties should be a concern": an opinion, not a demand
            code = frame.combined_code(inner.cameo if inner else None)
            rule = f"{REPORTED.name}:{name}({lemma_of(speech)})" + (f"+{inner.rule}" if inner else "")
            demands.append(Act(speech, code, rule, _trigger_tokens([speech, token], inner.trigger if inner else [token]),
                               inner.pattern if inner else None,
                               modality="demanded", frame=frame, embedded=inner, addressee=token, speaker=speech))
            # what is demanded did not happen: no act inside the demanded clause is coded as a fact
            consumed.update(t.i for t in token.subtree if t.i in found)
        return demands

    def _reported_accusations(self) -> list[Act]:
        """Return accusations reported as "X said Y committed <crime>": ACCUSE by X of Y."""
        accusations: list[Act] = []
        pattern = self.lexicon.verbs.get("accuse")
        lemmas = self.facts.lemma
        for i in range(self.sent.start, self.sent.end):
            if lemmas[i] not in self.lexicon.crime_verbs:
                continue
            token = self.doc[i]
            name, speech = REPORTED_CRIME.first(token, self.lexicon)
            if speech is None:
                continue
            accusations.append(Act(speech, "112", f"{REPORTED_CRIME.name}:{name}({lemma_of(speech)})",
                                   _trigger_tokens([speech], [token]), pattern, addressee=token, speaker=speech))
        return accusations

    def _drop_nominal_echoes(self, acts: list[Act]) -> list[Act]:
        """Drop event nouns that only name the act of the verb they depend on ("a bombing killed")."""
        verb_roots = {a.token.i: cameo_root(a.cameo) for a in acts if a.token.pos_ in VERB_POS}
        kept = []
        for act in acts:
            if act.pattern is not None and act.pattern.kind == "noun" and act.frame is None and act.token.pos_ not in VERB_POS:
                head = act.token.head
                hops = 0
                while head.pos_ not in VERB_POS and head.head.i != head.i and hops < 2:
                    head = head.head
                    hops += 1
                if verb_roots.get(head.i) in ("18", "19", "20") and cameo_root(act.cameo) in ("18", "19", "20"):
                    continue
            kept.append(act)
        return kept
