"""The dependency-rule event coder: who did what to whom, in CAMEO and PLOVER.

For each sentence the coder

1. finds *acts*: tokens that carry a lexicon pattern (a verb, phrasal verb, light verb + object,
   or an event noun), and *frames*: words that embed another act ("threatened to", "refused to",
   "is open to", "demanded", "urged");
2. combines each frame with the act it embeds into one code ("threatened to ban" -> 1322
   THREATEN, "open to a dialogue" -> 036 AGREE), and turns future or negated acts into intents,
   threats or refusals the way CAMEO and PLOVER do ("will support" -> AGREE, "will not accept"
   -> REJECT, "would blockade" -> THREATEN);
3. takes sources and targets from the parse (subject or passive agent; object, dative or the
   pattern's prepositions; conjunctions, relative clauses, reported speech and quotations);
4. dates and places each event, and groups the events of one article that report the same
   happening.

Every event keeps its sentence, the spans of source, target and trigger, and the rule that fired.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from multipolar.events import arguments as args
from multipolar.events.dates import resolve_date
from multipolar.events.lexicon import (
    CONFLICTUAL_ROOTS,
    COOPERATIVE_ROOTS,
    Frame,
    Lexicon,
    Pattern,
    load_lexicon,
)
from multipolar.events.ontology_bridge import describe
from multipolar.events.places import geolocate
from multipolar.records import ActorMention, ActorRef, Article, Event, Location, stable_id

VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "into", "near", "at", "across", "outside", "around", "inside", "from"})
MAX_PAIRS = 6
TARGET_BLOCKED = args.CLAUSE_DEPS - {"acl"}
FALLBACK_BLOCKED = frozenset({"relcl", "ccomp", "parataxis", "csubj"})


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
    consumed: set[int] = field(default_factory=set)


# ---------------------------------------------------------------------------------------------
# finding acts and frames


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _verb_keys(token: Token, fixes: dict[str, str] | None = None) -> tuple[str, ...]:
    """Return the lemma of a verb and fallbacks for lemmatizer slips ("staged" -> "stag")."""
    lemma, lower = _lemma(token), token.lower_
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
    lemma, lower = _lemma(token), token.lower_
    return (lemma,) if lemma == lower else (lemma, lower)


def _context_words(token: Token) -> set[str]:
    """Return the words around a noun that multi-word patterns may require ("hunger strike")."""
    words: set[str] = set()
    for child in token.children:
        words.add(_lemma(child))
        words.add(child.lower_)
        if child.dep_ == "prep":
            for grandchild in child.children:
                words.add(_lemma(grandchild))
                words.add(grandchild.lower_)
                for compound in grandchild.children:
                    if compound.dep_ in ("compound", "amod"):
                        words.add(_lemma(compound))
    if token.dep_ == "compound":
        words.add(_lemma(token.head))
    return words


def _verb_objects(verb: Token) -> list[Token]:
    objects = [c for c in verb.children if c.dep_ in args.OBJECT_DEPS]
    if args.is_passive(verb):
        objects += [c for c in verb.children if c.dep_ == "nsubjpass"]
    for prep in verb.children:  # "go on hunger strike", "stop work"
        if prep.dep_ == "prep" and prep.lower_ in ("on", "into"):
            objects += [c for c in prep.children if c.dep_ == "pobj"]
    more = []
    for obj in objects:
        more += [c for c in obj.conjuncts if c.i > obj.i]
    return objects + more


def _light_objects(verb: Token) -> list[Token]:
    """Return the nouns a light verb may take: its objects, their compounds ("mediation effort")
    and what a quantity noun measures ("a series of bombs", "5 million dollars of aid")."""
    found: list[Token] = []
    for obj in _verb_objects(verb):
        if obj.pos_ not in NOUN_POS and obj.pos_ not in ("ADJ", "NUM"):
            continue
        found.append(obj)
        found += [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                found += [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in NOUN_POS]
    return found


def _noun_pattern(lexicon: Lexicon, token: Token, table: dict) -> Pattern | None:
    for key in _noun_keys(token):
        candidates = table.get(key)
        if candidates:
            hit = lexicon.match_nouns(candidates, _context_words(token))
            if hit:
                return hit
    return None


def match_act(lexicon: Lexicon, token: Token) -> Act | None:
    """Return the act a lexicon pattern finds at ``token``, or None."""
    if token.pos_ in VERB_POS and token.tag_ != "MD":
        keys = _verb_keys(token, lexicon.lemma_fixes)
        for child in token.children:
            if child.dep_ == "prt":
                for lemma in keys:
                    pattern = lexicon.phrasal.get((lemma, child.lower_))
                    if pattern:
                        return Act(token, pattern.cameo, pattern.rule, [token, child], pattern, plover=pattern.plover)
        for obj in _light_objects(token):
            for lemma in keys:
                for key in _noun_keys(obj):
                    candidates = lexicon.light.get((lemma, key))
                    if candidates:
                        hit = lexicon.match_nouns(candidates, _context_words(obj))
                        if hit:
                            return Act(token, hit.cameo, hit.rule, [token, obj], hit, noun=obj, plover=hit.plover,
                                       consumed={obj.i})
        for child in token.children:
            if child.dep_ == "prep":
                for lemma in keys:
                    pattern = lexicon.phrasal.get((lemma, child.lower_))
                    if pattern:
                        return Act(token, pattern.cameo, pattern.rule, [token, child], pattern, plover=pattern.plover)
        for lemma in keys:
            pattern = lexicon.verbs.get(lemma)
            if pattern:
                return Act(token, pattern.cameo, pattern.rule, [token], pattern, plover=pattern.plover)
        return None
    if token.pos_ in NOUN_POS or (token.pos_ == "VERB" and token.tag_ == "VBG" and token.dep_ in ("pobj", "pcomp")):
        pattern = _noun_pattern(lexicon, token, lexicon.nouns)
        if pattern:
            return Act(token, pattern.cameo, pattern.rule, [token], pattern, plover=pattern.plover)
    return None


def match_frame(lexicon: Lexicon, token: Token) -> tuple[Frame, list[Token]] | None:
    """Return the frame at ``token`` (with its trigger tokens), or None."""
    lemma = _lemma(token)
    if token.pos_ in VERB_POS and token.tag_ != "MD":
        keys = _verb_keys(token, lexicon.lemma_fixes)
        for child in token.children:
            if child.dep_ in ("prt", "prep"):
                for key in keys:
                    kind = lexicon.frame_phrasal.get((key, child.lower_))
                    if kind:
                        return lexicon.frames[kind], [token, child]
        for obj in _verb_objects(token):
            for key in keys:
                kind = lexicon.frame_light.get((key, _lemma(obj)))
                if kind:
                    return lexicon.frames[kind], [token, obj]
        for key in keys:
            kind = lexicon.frame_verbs.get(key)
            if kind:
                return lexicon.frames[kind], [token]
        return None
    if token.pos_ == "ADJ":
        kind = lexicon.frame_adjectives.get(lemma)
        if kind and token.dep_ in ("acomp", "amod", "ROOT", "conj", "xcomp", "oprd"):
            return lexicon.frames[kind], [token]
        return None
    if token.pos_ in NOUN_POS:
        kind = lexicon.frame_nouns.get(lemma)
        return (lexicon.frames[kind], [token]) if kind else None
    return None


def _embedded_candidates(frame_token: Token, frame_trigger: list[Token]) -> list[Token]:
    """Return the tokens that may carry the act a frame embeds, nearest first."""
    holders = [frame_token, *frame_trigger[1:]]
    found: list[Token] = []
    for holder in holders:
        for child in holder.children:
            infinitive = child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            if child.dep_ in ("xcomp", "ccomp", "acl") or infinitive:
                found.append(child)
                found += [c for c in child.conjuncts if c.i > child.i]
            elif child.dep_ in args.OBJECT_DEPS or child.dep_ == "nsubjpass":
                found.append(child)
                found += [c for c in child.children if c.dep_ in ("acl", "prep")]
            elif child.dep_ == "prep" and child.lower_ in ("to", "for", "of", "on", "with", "toward", "towards"):
                for obj in child.children:
                    if obj.dep_ in ("pobj", "pcomp"):
                        found.append(obj)
                        found += [c for c in obj.children if c.dep_ in ("acl", "pcomp")]
    # "offered to negotiate" may attach the infinitive to the frame's object noun
    expanded: list[Token] = []
    for token in found:
        expanded.append(token)
        if token.pos_ in NOUN_POS:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "for", "to"):
                    expanded += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
    return expanded


def _has_neg(token: Token) -> bool:
    """Return True when ``token`` is negated ("did not sign", "never refused")."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)) for c in token.children)


def _aux_lemmas(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def _is_future(token: Token, lexicon: Lexicon) -> bool:
    auxes = _aux_lemmas(token)
    if auxes & lexicon.future_markers:
        return True
    # "is going to sign", "is to visit"
    head = token.head
    return token.dep_ == "xcomp" and _lemma(head) == "go" and head.tag_ == "VBG"


def _is_conditional(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in child.children if m.dep_ == "mark"):
            return True
    return any(m.lower_ in ("if", "unless") for m in token.children if m.dep_ == "mark")


def _light_heads(act: Act) -> set[int]:
    """Return the tokens of a light-verb act's event noun (and the head it modifies as a compound)."""
    if act.noun is None:
        return set()
    if act.noun.dep_ == "compound":
        return {act.noun.i, act.noun.head.i}
    return {act.noun.i}


def _has_to_complement(token: Token) -> bool:
    """Return True when ``token`` takes a "to" complement ("ready to ...", "committed to ...")."""
    for child in token.children:
        if child.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(c.dep_ in ("pobj", "pcomp") for c in child.children):
            return True
    return False


def _is_descriptive(act: Act) -> bool:
    """Return True for a participle describing a noun ("the besieged town", "crimes committed")."""
    token = act.token
    if token.pos_ not in VERB_POS or token.tag_ not in ("VBN", "VBG"):
        return False
    if token.dep_ == "amod":
        return True
    return token.dep_ == "acl" and token.tag_ == "VBN" and not any(c.dep_ == "agent" for c in token.children)


def _is_theme_of(act: Act, act_tokens: set[int], stative: frozenset[str] = frozenset()) -> bool:
    """Return True for an event noun that is what another act is about ("blamed X for the bombing")."""
    token = act.token
    if act.pattern is None or act.pattern.kind != "noun" or act.frame is not None:
        return False
    current = token
    for _ in range(3):
        if current.dep_ in ("attr", "nsubj", "acomp") and _lemma(current.head) in stative:
            return True  # "it was the first summit for ...", "our cooperation serves as ..."
        if current.dep_ in ("dobj", "nsubjpass", "attr", "appos"):
            return current.head.i in act_tokens
        if current.dep_ in ("pobj", "pcomp") and current.head.dep_ in ("prep", "agent"):
            return current.head.head.i in act_tokens
        if current.dep_ not in ("conj", "compound"):
            return False
        current = current.head
    return False


def _is_purpose(token: Token, act_tokens: set[int]) -> bool:
    """Return True for an act in a purpose infinitive of another act ("opened fire to disperse")."""
    current = token
    for _ in range(3):
        if current.dep_ not in ("advcl", "xcomp", "conj") or current.head is current:
            return False
        is_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
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


def _root(code: str) -> str:
    return code[:2]


# ---------------------------------------------------------------------------------------------
# sentence coding


class SentenceCoder:
    """Codes the acts of one sentence."""

    def __init__(self, lexicon: Lexicon, index: args.MentionIndex, sent: Span) -> None:
        self.lexicon = lexicon
        self.index = index
        self.sent = sent
        self._accusations: set[int] = set()

    def acts(self) -> list[Act]:
        """Return the sentence's acts after frames, modality and negation are applied."""
        found: dict[int, Act] = {}
        frames: dict[int, tuple[Frame, list[Token]]] = {}
        for token in self.sent:
            act = match_act(self.lexicon, token)
            if act is not None:
                found[token.i] = act
            frame = match_frame(self.lexicon, token)
            if frame is not None:
                frames[token.i] = frame
        consumed: set[int] = set()
        for act in found.values():
            consumed |= act.consumed
        combined_at = self._combine_frames(found, frames, consumed)
        self._accusations = {i for i, a in found.items() if _root(a.cameo) in ("11", "12")}
        demands = self._reported_demands(found, consumed)
        act_tokens = set(found) | consumed
        results: list[Act] = []
        for i, act in sorted(found.items()):
            if i in consumed or _is_purpose(act.token, act_tokens) or self._is_topic(act.token, act_tokens):
                continue
            if _is_descriptive(act) or _is_theme_of(act, act_tokens, self.lexicon.stative_verbs):
                continue
            if _root(act.cameo) == "04" and act.token.pos_ in VERB_POS and args.is_passive(act.token):
                continue  # "demands were met", "was received with anger": not a meeting
            if i not in combined_at:
                act = self._apply_modality(act)
            results.append(act)
        return self._drop_nominal_echoes(results + demands)

    def _combine_frames(
        self, found: dict[int, Act], frames: dict[int, tuple[Frame, list[Token]]], consumed: set[int]
    ) -> set[int]:
        """Replace each frame word's act by the frame combined with the act it embeds.

        Frames are handled innermost first, so "said it would refuse to meet" combines "refuse"
        with "meet". Returns the token indices whose acts are now combined frames; the embedded
        acts are added to ``consumed``.
        """
        combined_at: set[int] = set()
        for i in sorted(frames, key=lambda i: -self._depth(self.sent.doc[i])):
            frame, trigger = frames[i]
            token = self.sent.doc[i]
            embedded = self._embedded_act(token, trigger, found, consumed)
            own = found.get(i)
            if embedded is None:
                bare = self._bare_frame(token, frame, own)
                if bare is not None:
                    found[i] = bare
                    combined_at.add(i)
                continue
            if own is not None and own.pattern is not None and own.pattern.kind == "light":
                continue  # an explicit verb + object wording beats the frame reading
            if _lemma(token) in self.lexicon.decision_verbs and embedded.token.dep_ in ("dobj", "obj") and (
                embedded.token.head.i == token.i
            ):
                # "ordered the expulsion of diplomats": the one who orders does it
                found[i] = replace(embedded, token=token, noun=embedded.token, rule=f"decision({_lemma(token)})+{embedded.rule}",
                                   trigger=_trigger_tokens(trigger, embedded.trigger), consumed={embedded.token.i})
                consumed.add(embedded.token.i)
                continue
            if frame.kind == "intend" and _has_neg(embedded.token):
                frame = self.lexicon.frames["reject"]  # "vowed not to return": a refusal
            if not frame.accepts_code(embedded.cameo):
                if frame.kind != "intend" or _root(embedded.cameo) not in CONFLICTUAL_ROOTS:
                    continue  # "warned that talks would ..." is not a threat to talk
                frame = self.lexicon.frames["threaten"]  # "vowed to fight" is a threat
            found[i] = Act(
                token=token,
                cameo=frame.combined_code(embedded.cameo),
                rule=f"frame:{frame.kind}({_lemma(token)})+{embedded.rule}",
                trigger=_trigger_tokens(trigger, embedded.trigger),
                pattern=embedded.pattern,
                plover=frame.plover,
                modality=frame.modality,
                negated=_has_neg(token),
                frame=frame,
                embedded=embedded,
            )
            consumed.add(embedded.token.i)
            consumed |= embedded.consumed
            combined_at.add(i)
        return combined_at

    def _bare_frame(self, token: Token, frame: Frame, own: Act | None) -> Act | None:
        """Return the act of a frame that embeds no coded act, when it still reports one.

        "ordered the ambassador to leave" is a demand addressed to the object; "is committed to
        opening up the economy" an intent (PLOVER AGREE). Other bare frames are not events.
        """
        if not _has_to_complement(token):
            return None
        rule = f"frame:{frame.kind}({_lemma(token)})"
        complement = next((c for c in token.children if c.dep_ in ("xcomp", "advcl")), None)
        if frame.kind == "intend" and complement is not None and _has_neg(complement):
            refusal = self.lexicon.frames["reject"]  # "vowed not to return the territory"
            return Act(token, refusal.default, f"frame:reject({_lemma(token)} not)", [token, complement],
                       modality=refusal.modality, frame=refusal)
        if own is not None:
            return None
        if frame.kind in ("demand", "appeal") and any(c.dep_ in ("dobj", "dative") for c in token.children):
            return Act(token, frame.default, rule, [token], plover=frame.plover, modality=frame.modality,
                       frame=frame, negated=_has_neg(token))
        if frame.kind == "intend":
            return Act(token, frame.default, rule, [token], modality=frame.modality, frame=frame,
                       negated=_has_neg(token))
        return None

    def _is_topic(self, token: Token, act_tokens: set[int]) -> bool:
        """Return True for an act that names what another event is about ("a statement on deepening ties")."""
        current = token
        for _ in range(4):
            head = current.head
            if head is current:
                return False
            if current.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and head.lower_ in self.lexicon.topic_preps:
                return head.head.i in act_tokens
            if current.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and head.head.i in self._accusations:
                return True  # "accused X of shelling": the alleged act is the accusation's content
            if current.dep_ not in ("conj", "compound", "amod"):
                return False
            current = head
        return False

    def _depth(self, token: Token) -> int:
        depth = 0
        while token.head is not token and depth < 50:
            token = token.head
            depth += 1
        return depth

    def _embedded_act(self, token: Token, trigger: list[Token], found: dict[int, Act], consumed: set[int]) -> Act | None:
        for candidate in _embedded_candidates(token, trigger):
            if candidate.i == token.i or candidate.i in consumed:
                continue
            act = found.get(candidate.i)
            if act is not None:
                return act
            # "agreed to share information": the infinitive is a frame or carries no pattern;
            # look one level into its objects for an event noun
            if candidate.pos_ in VERB_POS:
                for obj in _verb_objects(candidate):
                    inner = found.get(obj.i)
                    if inner is not None and inner.pattern is not None and inner.pattern.kind == "noun":
                        return inner
        return None

    def _apply_modality(self, act: Act) -> Act:
        lexicon = self.lexicon
        token = act.token
        if token.pos_ not in VERB_POS:
            if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
                return replace(act, negated=True, modality="denied")  # "there were no talks"
            return act  # an event noun carries no tense of its own
        verb = token
        if verb.dep_ == "xcomp" and _lemma(verb.head) in ("fail", "refrain", "cease"):
            return replace(act, negated=True, modality="denied")  # "failed to reach a deal"
        negated = _has_neg(verb)
        future = _is_future(verb, lexicon)
        root = _root(act.cameo)
        if future and negated and root in COOPERATIVE_ROOTS:
            frame = lexicon.frames["reject"]
            return replace(act, cameo=frame.combined_code(act.cameo), plover=None, modality="denied",
                           rule=f"future-negated+{act.rule}", frame=frame)
        if negated:
            return replace(act, negated=True, modality="denied")
        if future:
            if root in COOPERATIVE_ROOTS and root != "03" and act.plover != "RETREAT":
                frame = lexicon.frames["intend"]
                return replace(act, cameo=frame.combined_code(act.cameo), plover=None, modality="conditional" if _is_conditional(verb) else "future",
                               rule=f"future+{act.rule}", frame=frame)
            head = args.speech_head(verb, lexicon.speech_verbs | lexicon.decision_verbs)
            decided = head is not None and _lemma(head) in lexicon.decision_verbs
            if root in CONFLICTUAL_ROOTS and not decided:
                frame = lexicon.frames["threaten"]
                return replace(act, cameo=frame.combined_code(act.cameo), plover=None, modality="conditional" if _is_conditional(verb) else "future",
                               rule=f"future+{act.rule}", frame=frame)
            return replace(act, modality="conditional" if _is_conditional(verb) else "future")
        if _is_conditional(verb):
            return replace(act, modality="conditional")
        return act

    def _reported_demands(self, found: dict[int, Act], consumed: set[int]) -> list[Act]:
        """Return demands reported as "X said/declared that Y must ...": REQUEST by X of Y."""
        lexicon = self.lexicon
        demands: list[Act] = []
        frame = lexicon.frames["demand"]
        for token in self.sent:
            if token.pos_ not in VERB_POS or not (_aux_lemmas(token) & lexicon.demand_modals):
                continue
            speech = args.speech_head(token, lexicon.speech_verbs)
            if speech is None:
                continue
            inner = found.get(token.i)
            if inner is None:
                # the first act demanded: in the clause's objects, else its subject ("any talks must ...")
                subject_ids = {t.i for c in token.children if c.dep_ in args.SUBJECT_DEPS | args.PASSIVE_SUBJECT_DEPS
                               for t in c.subtree}
                inside = [t for t in token.subtree if t.i in found and t.i != token.i]
                inner = next((found[t.i] for t in inside if t.i not in subject_ids), None) or next(
                    (found[t.i] for t in inside), None)
            if inner is None:
                subject = args.subject_of(token) or next(args.children(token, "nsubjpass"), None)
                if subject is None or not args.nearest_mentions(subject, self.index):
                    continue  # "the deepening of ties should be a concern": an opinion, not a demand
            code = frame.combined_code(inner.cameo if inner else None)
            rule = f"speech+must({_lemma(speech)})" + (f"+{inner.rule}" if inner else "")
            demands.append(Act(speech, code, rule, _trigger_tokens([speech, token], inner.trigger if inner else [token]),
                               inner.pattern if inner else None,
                               modality="demanded", frame=frame, embedded=inner, addressee=token, speaker=speech))
            # what is demanded did not happen: no act inside the demanded clause is coded as a fact
            consumed.update(t.i for t in token.subtree if t.i in found)
        return demands

    def _drop_nominal_echoes(self, acts: list[Act]) -> list[Act]:
        """Drop event nouns that only name the act of the verb they depend on ("a bombing killed")."""
        verb_roots = {a.token.i: _root(a.cameo) for a in acts if a.token.pos_ in VERB_POS}
        kept = []
        for act in acts:
            if act.pattern is not None and act.pattern.kind == "noun" and act.frame is None:
                head = act.token.head
                hops = 0
                while head.pos_ not in VERB_POS and head.head is not head and hops < 2:
                    head = head.head
                    hops += 1
                if verb_roots.get(head.i) in ("18", "19", "20") and _root(act.cameo) in ("18", "19", "20"):
                    continue
            kept.append(act)
        return kept


# ---------------------------------------------------------------------------------------------
# actors of an act


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
        own = self.lexicon.verbs.get(_lemma(act.token))
        return act.frame.kind == "intend" and own is not None and own.reciprocal

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
            if subject is None and token.pos_ in VERB_POS and args.is_passive(token):
                if _lemma(token) in self.lexicon.frame_adjectives or act.cameo.startswith("03"):
                    subject = next(args.children(token, "nsubjpass"), None)  # "is committed to", "is prepared to"
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
                not args.is_passive(token)
            ):
                # a non-finite verb the parser hung on the wrong clause shares the main subject
                found = self._actors_of_subject(args.subject_of(self.sent.root), self.sent.root)
            return found
        return self._noun_sources(act)

    def _actors_of_subject(self, subject: Token | None, anchor: Token) -> list[tuple[ActorMention, Token]]:
        if subject is None:
            return []
        if subject.lower_ in args.RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
            subject = subject.head.head
        event_subject = bool(_noun_pattern(self.lexicon, subject, self.lexicon.nouns))
        found = args.nearest_mentions(subject, self.index, skip_located_places=not event_subject)
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
                if any(key in self.lexicon.support_verbs for key in _verb_keys(verb, self.lexicon.lemma_fixes)):
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
            light = _light_heads(act)
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
        if (act.frame is not None and act.frame.kind in ("demand", "appeal")) or _root(act.cameo) in ("02", "10"):
            found = self._addressee(act, exclude)
            if found:
                return found
        if act.embedded is not None:
            found = self._pattern_targets(act.embedded, exclude)
            if found:
                return found
        found = self._pattern_targets(act, exclude)
        if found:
            return found
        if _group_phrase(self.object_phrase(act), self.lexicon) is not None:
            return []  # "accused rebels of ...": the unnamed group is the target, placed by the caller
        # nearest actor anywhere below the trigger (not in the subject), purpose clauses included
        search_root = act.embedded.token if act.embedded is not None else token
        for root in (search_root, token):
            found = args.nearest_mentions(root, self.index, exclude=exclude | {root.i}, max_depth=6,
                                          blocked=FALLBACK_BLOCKED, skip_located_places=True) or args.nearest_mentions(
                root, self.index, exclude=exclude | {root.i}, max_depth=6, blocked=FALLBACK_BLOCKED)
            found = [(m, t) for m, t in found if t.i not in exclude]
            if found:
                return found[:1]
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
            light_heads = _light_heads(act)
            for child in token.children:
                if child.dep_ == "dative" or (child.dep_ in args.OBJECT_DEPS and child.i not in light_heads):
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


# ---------------------------------------------------------------------------------------------
# dates, places, events


def _event_date(act: Act, article_date: str | None) -> str | None:
    """Return the event's date: a date phrase attached to the act, else the article date."""
    doc = act.token.doc
    anchors = {act.token.i, *(t.i for t in act.trigger)}
    if act.embedded is not None:
        anchors.add(act.embedded.token.i)
    best: tuple[int, str] | None = None
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or not (act.token.sent.start <= ent.start < act.token.sent.end):
            continue
        # distance along the head chain from the date phrase to the act
        token, hops = ent.root, 0
        while token.i not in anchors and token.head is not token and hops < 6:
            token = token.head
            hops += 1
        if token.i not in anchors:
            continue
        if best is None or hops < best[0]:
            best = (hops, ent.text)
    if best is not None:
        resolved = resolve_date(best[1], article_date)
        if resolved:
            return resolved
    return article_date


_PLACE_NOUNS = frozenset({"town", "city", "village", "province", "region", "capital", "district", "port", "state"})


def _proper_place_spans(sent: Span) -> list[Span]:
    """Return proper nouns named as places ("near the town of Samarra", "in Kharkiv") the NER missed."""
    spans = []
    for token in sent:
        if token.pos_ != "PROPN" or token.dep_ != "pobj" or token.ent_type_ in PLACE_LABELS:
            continue
        prep = token.head
        locative = prep.lower_ in PLACE_PREPS or (prep.lower_ == "of" and _lemma(prep.head) in _PLACE_NOUNS)
        if locative:
            left = min((c.i for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"), default=token.i)
            spans.append(sent.doc[left : token.i + 1])
    return spans


def _place_spans(sent: Span, index: args.MentionIndex) -> list[Span]:
    """Return the place names of a sentence: gazetteer-type entities, the actor stage's places, and
    proper nouns after locative prepositions."""
    spans = [ent for ent in sent.ents if ent.label_ in PLACE_LABELS]
    spans += [
        s for s in _proper_place_spans(sent)
        if not any(e.start <= s.start < e.end for e in spans)
        and (index.at(s.root) is None or index.at(s.root).kind in ("place", "country"))
    ]
    seen = {(s.start, s.end) for s in spans}
    for token in sent:
        mention = index.at(token)
        if mention is not None and mention.kind == "place":
            span = sent.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and (span.start, span.end) not in seen and not any(
                s.start <= span.start < s.end for s in spans
            ):
                seen.add((span.start, span.end))
                spans.append(span)
    return spans


def _event_place(act: Act, index: args.MentionIndex) -> Location | None:
    """Return the place named with the act ("into Kharkiv", "in Gaza"), geolocated offline."""
    roots = [t for t in act.trigger] + ([act.embedded.token] if act.embedded is not None else [])
    root_ids = {t.i for t in roots}
    candidates: list[tuple[int, int, Location]] = []
    for ent in _place_spans(act.token.sent, index):
        token, hops, via_prep, via_on, origin = ent.root, 0, False, False, False
        while token.i not in root_ids and token.head is not token and hops < 5:
            if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS:
                via_prep = True
                origin = origin or token.head.lower_ == "from"  # "journalists from Chile": not where it happened
            if token.dep_ == "pobj" and token.head.lower_ == "on":
                via_on = True  # "a strike on Odesa": a place only when it is a town, not "sanctions on Iran"
            if token.dep_ in ("ccomp", "advcl", "relcl", "parataxis"):
                break
            token = token.head
            hops += 1
        if token.i not in root_ids or not (via_prep or via_on):
            continue
        place = geolocate(ent.text)
        if not via_prep and (place is None or place.latitude is None):
            continue
        if place is None:
            mention = index.at(ent.root)
            if mention is None or not mention.country:
                continue
            location = Location(name=ent.text, country=mention.country, start=ent.start_char, end=ent.end_char)
        else:
            location = Location(name=ent.text, country=place.country, latitude=place.latitude,
                                longitude=place.longitude, start=ent.start_char, end=ent.end_char)
        candidates.append((int(origin), hops, location))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]  # nearest "in/into/at" place first


def _group_phrase(token: Token | None, lexicon: Lexicon) -> Token | None:
    """Return ``token`` when it heads a phrase naming unnamed people ("opposition candidates")."""
    if token is None:
        return None
    if token.pos_ == "NUM":
        return token  # "arresting 12"
    if token.pos_ not in NOUN_POS:
        return None
    lower = token.lower_
    forms = {_lemma(token), lower, lower[:-1] if lower.endswith("s") else lower, lower[:-2] if lower.endswith("es") else lower}
    if any(t.lower_ in ("foreign", "international", "western", "expatriate") for t in token.subtree if t.i < token.i):
        return None  # "foreign aid workers" are not the place's own people
    return token if forms & lexicon.group_nouns else None


def _group_ref(token: Token, country: str) -> ActorRef:
    """Return an actor reference for unnamed people of ``country`` named by the phrase at ``token``."""
    words = sorted(token.subtree, key=lambda t: t.i)
    words = [t for t in words if t.i <= token.i and t.dep_ not in ("det", "punct")] or [token]
    start, end = words[0].idx, token.idx + len(token.text)
    return ActorRef(code=country, country=country, sector=None, text=token.doc.text[start:end], start=start, end=end)


def _identified(ref: ActorRef | None) -> bool:
    """Return True when ``ref`` names an actor by code, country or sector."""
    return ref is not None and bool(ref.code or ref.country or ref.sector)


def _ref(pair: tuple[ActorMention, Token] | None) -> ActorRef | None:
    return ActorRef.from_mention(pair[0]) if pair is not None else None


def _actor_key(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return ref.code or ref.country or ref.sector or ref.text.lower()


def boilerplate_start(doc: Doc, lexicon: Lexicon) -> int:
    """Return the character offset where boilerplate after the article body begins (or the text length)."""
    lowered = doc.text.lower()
    cut = len(doc.text)
    for marker in lexicon.boilerplate_markers:
        position = 0
        while True:
            position = lowered.find(marker, position)
            if position < 0:
                break
            line_start = lowered.rfind("\n", 0, position) + 1
            line_end = lowered.find("\n", position)
            line = lowered[line_start : line_end if line_end >= 0 else len(lowered)].strip()
            # a short marker line, past the opening of the article (a "share this" bar at the top is not its end)
            if line.startswith(marker) and len(line) <= len(marker) + 40 and line_start > len(lowered) * 0.3:
                cut = min(cut, line_start)
                break
            position += len(marker)
    return cut


def _is_question(sent: Span) -> bool:
    return sent.text.rstrip().rstrip('"”’\'').endswith("?")


def code_sentence(
    sent: Span, sentence_index: int, article: Article, lexicon: Lexicon, index: args.MentionIndex
) -> list[Event]:
    """Return the events coded in one sentence (not yet grouped)."""
    coder = SentenceCoder(lexicon, index, sent)
    finder = ArgumentFinder(lexicon, index, sent)
    question = _is_question(sent)
    events: list[Event] = []
    for act in coder.acts():
        parties = finder.parties(act)
        if not parties.sources and not parties.targets and _group_phrase(finder.subject_phrase(act), lexicon) is None:
            continue  # no actor at all (unnamed people acting somewhere named are placed below)
        if act.frame is None and act.pattern is not None and act.pattern.kind == "noun" and not (
            parties.sources and parties.targets
        ):
            continue  # an event noun with one side named is background ("the invasion", "riots")
        place = _event_place(act, index)
        rule = act.rule
        targets: list[tuple[ActorMention, Token] | None] = list(parties.targets) or [None]
        sources: list[tuple[ActorMention, Token] | None] = list(parties.sources) or [None]
        place_target = place_source = None
        if not parties.targets:
            group = _group_phrase(finder.object_phrase(act), lexicon)
            source_country = parties.sources[0][0].country if parties.sources else None
            if group is not None and (place is not None and place.country or source_country):
                # unnamed people ("demonstrators") belong to where the event happens
                country = place.country if place is not None and place.country else source_country
                place_target = _group_ref(group, country)
                rule += "+domestic-target"
            elif place is not None and place.country:
                # an attack "into Kharkiv" with no named victim is against the place's country
                place_target = ActorRef(code=place.country, country=place.country, sector=None, text=place.name,
                                        start=place.start, end=place.end)
                rule += "+place-target"
        if not parties.sources:
            subject = finder.subject_phrase(act)
            group = _group_phrase(subject, lexicon)
            if group is None and subject is not None and _noun_pattern(lexicon, subject, lexicon.nouns):
                group = subject  # "a roadside bombing near Samarra killed ...": local perpetrators
            if group is not None and place is not None and place.country:
                place_source = _group_ref(group, place.country)
                rule += "+domestic-source"
        info = describe(act.cameo)
        plover = act.plover or (act.frame.plover if act.frame is not None else None) or info.plover
        if plover is None:
            continue
        modality = "question" if question else act.modality
        if modality == "asserted" and args.speech_head(act.token, lexicon.speech_verbs) is not None:
            modality = "reported"
        date = _event_date(act, article.date)
        start = min(t.idx for t in act.trigger)
        last = max(act.trigger, key=lambda t: t.i)
        end = last.idx + len(last.text)
        pairs = 0
        for source in sources:
            for target in targets:
                if source is not None and target is not None and source[0] is target[0]:
                    continue
                if source is not None and target is not None and source[0].code and source[0].code == target[0].code:
                    target = None  # an actor does not act on itself: the target is not named
                if pairs >= MAX_PAIRS:
                    break
                pairs += 1
                source_ref = _ref(source) or place_source
                target_ref = _ref(target) or place_target
                if source_ref is not None and not (source_ref.country or source_ref.code) and place is not None and place.country:
                    source_ref = replace(source_ref, country=place.country, code=place.country)
                if target_ref is not None and not (target_ref.country or target_ref.code):
                    home = (place.country if place is not None else None) or (source_ref.country if source_ref else None)
                    if home:  # an unnamed-country person acted upon at home
                        target_ref = replace(target_ref, country=home, code=home)
                if not _identified(source_ref) and not _identified(target_ref):
                    continue  # nobody identifiable on either side
                events.append(
                    Event(
                        id=stable_id(article.id, sentence_index, start, plover, _actor_key(source_ref), _actor_key(target_ref)),
                        article_id=article.id,
                        sentence_index=sentence_index,
                        plover=plover,
                        cameo=act.cameo,
                        goldstein=info.goldstein,
                        source=source_ref,
                        target=target_ref,
                        trigger=sent.doc.text[start:end],
                        trigger_start=start,
                        trigger_end=end,
                        sentence=sent.text,
                        rule=rule,
                        mode=info.mode,
                        context=info.context,
                        negated=act.negated,
                        modality=modality,
                        date=date,
                        location=place,
                    )
                )
    return events


def group_events(events: Iterable[Event]) -> list[Event]:
    """Return ``events`` with those reporting the same happening merged (``mentions`` counts them).

    Two events report the same happening when they share PLOVER type, source, target, date and
    negation; the first report is kept as the evidence.
    """
    grouped: dict[tuple, Event] = {}
    order: list[tuple] = []
    for event in events:
        key = (event.plover, _actor_key(event.source), _actor_key(event.target), event.date, event.negated)
        if key in grouped:
            first = grouped[key]
            grouped[key] = replace(first, mentions=first.mentions + 1,
                                   location=first.location or event.location)
        else:
            grouped[key] = event
            order.append(key)
    return [grouped[key] for key in order]


def code_events(doc: Doc, article: Article, mentions: list[ActorMention], lexicon: Lexicon | None = None) -> list[Event]:
    """Return the events coded in ``doc`` (the parse of ``article.text``), grouped by happening."""
    lexicon = lexicon or load_lexicon()
    index = args.MentionIndex(doc, mentions)
    if not index:
        return []
    stop = boilerplate_start(doc, lexicon)
    events: list[Event] = []
    for sentence_index, sent in enumerate(doc.sents):
        if sent.start_char >= stop:
            break
        for piece in _pieces(sent):
            events.extend(code_sentence(piece, sentence_index, article, lexicon, index))
    return group_events(events)


def _pieces(sent: Span) -> list[Span]:
    """Return the lines of a sentence: a headline or dateline the parser joined to the next sentence
    is coded on its own, so its words do not become the next sentence's actors."""
    pieces: list[Span] = []
    start = sent.start
    for token in sent:
        if token.is_space and "\n" in token.text:
            if token.i > start:
                pieces.append(sent.doc[start : token.i])
            start = token.i + 1
    if start < sent.end:
        pieces.append(sent.doc[start : sent.end])
    return [p for p in pieces if any(not t.is_space and not t.is_punct for t in p)]
