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

from spacy.tokens import Span, Token

from multipolar.events import arguments as args
from multipolar.events.lexicon import CONFLICTUAL_ROOTS, COOPERATIVE_ROOTS, Frame, Lexicon, Pattern

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
    consumed: set[int] = field(default_factory=set)


def lemma_of(token: Token) -> str:
    """Return the lowercased lemma of ``token``."""
    return token.lemma_.lower()


def verb_keys(token: Token, fixes: dict[str, str] | None = None) -> tuple[str, ...]:
    """Return the lemma of a verb and fallbacks for lemmatizer slips ("staged" -> "stag")."""
    lemma, lower = lemma_of(token), token.lower_
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


def _context_words(token: Token) -> set[str]:
    """Return the words around a noun that multi-word patterns may require ("hunger strike")."""
    words: set[str] = set()
    for child in token.children:
        words.add(lemma_of(child))
        words.add(child.lower_)
        if child.dep_ == "prep":
            for grandchild in child.children:
                words.add(lemma_of(grandchild))
                words.add(grandchild.lower_)
                for compound in grandchild.children:
                    if compound.dep_ in ("compound", "amod"):
                        words.add(lemma_of(compound))
    if token.dep_ == "compound":
        words.add(lemma_of(token.head))
    return words


def _verb_objects(verb: Token) -> list[Token]:
    objects = [c for c in verb.children if c.dep_ in args.OBJECT_DEPS]
    if args.is_passive(verb):
        objects += [c for c in verb.children if c.dep_ == "nsubjpass"]
    for prep in verb.children:  # "go on hunger strike", "stop work", "used civilians as human shields"
        if prep.dep_ == "prep" and prep.lower_ in ("on", "into", "as"):
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
        if obj.pos_ not in NOUN_POS and obj.pos_ not in ("ADJ", "NUM") and obj.lower_ not in REFLEXIVES:
            continue
        found.append(obj)
        found += [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                found += [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in NOUN_POS]
    return found


def noun_pattern(lexicon: Lexicon, token: Token, table: dict) -> Pattern | None:
    """Return the event-noun pattern of ``table`` that ``token`` (with its modifiers) matches, or None."""
    for key in _noun_keys(token):
        candidates = table.get(key)
        if candidates:
            hit = lexicon.match_nouns(candidates, _context_words(token))
            if hit:
                return hit
    return None


REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "oneself"})


def match_act(lexicon: Lexicon, token: Token) -> Act | None:
    """Return the act a lexicon pattern finds at ``token``, or None."""
    if token.pos_ in VERB_POS and token.tag_ != "MD":
        keys = verb_keys(token, lexicon.lemma_fixes)
        # "blew themselves up": a reflexive object names the act better than the particle does
        reflexive = any(c.dep_ in args.OBJECT_DEPS and c.lower_ in REFLEXIVES for c in token.children)
        for child in token.children:
            if child.dep_ == "prt" and not reflexive:
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
            if child.dep_ == "prep" or (child.dep_ == "prt" and reflexive):
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
        pattern = noun_pattern(lexicon, token, lexicon.nouns)
        if pattern:
            return Act(token, pattern.cameo, pattern.rule, [token], pattern, plover=pattern.plover)
    return None


def match_frame(lexicon: Lexicon, token: Token) -> tuple[Frame, list[Token]] | None:
    """Return the frame at ``token`` (with its trigger tokens), or None."""
    lemma = lemma_of(token)
    if token.pos_ in VERB_POS and token.tag_ != "MD":
        keys = verb_keys(token, lexicon.lemma_fixes)
        for child in token.children:
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
    if "to" in auxes and token.dep_ in ("xcomp", "advcl") and lemma_of(token.head) in lexicon.anticipation_heads:
        return True  # "is still waiting for X to ratify", "was due to release": not yet done
    # "is going to sign", "is to visit"
    head = token.head
    return token.dep_ == "xcomp" and lemma_of(head) == "go" and head.tag_ == "VBG"


def _is_conditional(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in child.children if m.dep_ == "mark"):
            return True
    return any(m.lower_ in ("if", "unless") for m in token.children if m.dep_ == "mark")


PERFECT_AUXES = frozenset({"have", "has", "had", "'ve"})
UNREALISED_FRAMES = frozenset({"demand", "appeal", "reject"})
UNREALISED_ROOTS = frozenset({"02", "10", "12"})


def _drop_unrealised(acts: list[Act]) -> list[Act]:
    """Return ``acts`` without the acts nested in what was demanded, urged or refused beyond the
    one the frame combined ("demanded that X cancel plans to sell arms": no sale; "refused to let
    UN planes land and evacuate": no evacuation)."""
    unrealised: set[int] = set()
    for act in acts:
        asked_or_refused = act.frame.kind in UNREALISED_FRAMES if act.frame is not None else (
            cameo_root(act.cameo) in UNREALISED_ROOTS
        )
        if not asked_or_refused or act.token.pos_ not in VERB_POS:
            continue
        for child in act.token.children:
            if child.dep_ in ("ccomp", "xcomp"):
                unrealised |= {t.i for t in child.subtree}
    if not unrealised:
        return acts
    return [a for a in acts if a.token.i not in unrealised]


QUESTION_MARKERS = frozenset({"whether", "if"})


def _asks_a_question(act: Act) -> bool:
    """Return True when ``act`` is "ask" with an indirect question ("asked whether X would ...",
    "asked why ..."): asking for information, not an appeal."""
    token = act.token
    if lemma_of(token) != "ask" or token.pos_ not in VERB_POS:
        return False
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp", "advcl") and any(
            (c.dep_ == "mark" and c.lower_ in QUESTION_MARKERS) or c.tag_ in ("WDT", "WP", "WRB") for c in child.children
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
        if current.dep_ in ("attr", "nsubj", "acomp") and lemma_of(current.head) in stative:
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


def cameo_root(code: str) -> str:
    """Return the two-digit CAMEO root of ``code``."""
    return code[:2]


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
        self._accusations = {i for i, a in found.items() if cameo_root(a.cameo) in ("11", "12")}
        demands = self._reported_demands(found, consumed)
        act_tokens = set(found) | consumed
        results: list[Act] = []
        for i, act in sorted(found.items()):
            if i in consumed or _is_purpose(act.token, act_tokens) or self._is_topic(act.token, act_tokens):
                continue
            if _is_descriptive(act) or _is_theme_of(act, act_tokens, self.lexicon.stative_verbs) or _asks_a_question(act):
                continue
            if self._is_habitual(act.token) or self._is_ongoing_state(act):
                continue  # "have often traded barbs", "Russia's war against Ukraine": no new event
            if cameo_root(act.cameo) == "04" and act.token.pos_ in VERB_POS and args.is_passive(act.token) and (
                act.noun is None
            ):
                continue  # "demands were met", "was received with anger": not a meeting ("talks were held" is)
            act = self._frame_outcome(act) if i in combined_at else self._apply_modality(act)
            results.append(act)
        return self._drop_nominal_echoes(_drop_unrealised(results) + demands)

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
            if lemma_of(token) in self.lexicon.decision_verbs and embedded.token.dep_ in ("dobj", "obj") and (
                embedded.token.head.i == token.i
            ):
                # "ordered the expulsion of diplomats": the one who orders does it
                found[i] = replace(embedded, token=token, noun=embedded.token, rule=f"decision({lemma_of(token)})+{embedded.rule}",
                                   trigger=_trigger_tokens(trigger, embedded.trigger), consumed={embedded.token.i})
                consumed.add(embedded.token.i)
                continue
            if frame.kind == "intend" and _has_neg(embedded.token):
                frame = self.lexicon.frames["reject"]  # "vowed not to return": a refusal
            if not frame.accepts_code(embedded.cameo):
                if frame.kind != "intend" or cameo_root(embedded.cameo) not in CONFLICTUAL_ROOTS:
                    continue  # "warned that talks would ..." is not a threat to talk
                frame = self.lexicon.frames["threaten"]  # "vowed to fight" is a threat
            embedded_code = embedded.cameo
            if frame.kind in ("demand", "appeal") and lemma_of(embedded.token.head) in STOP_VERBS:
                embedded_code = "087"  # "urged X to stop the shelling": a call to de-escalate
            code = frame.combined_code(embedded_code)
            found[i] = Act(
                token=token,
                cameo=code,
                rule=f"frame:{frame.kind}({lemma_of(token)})+{embedded.rule}",
                trigger=_trigger_tokens(trigger, embedded.trigger),
                pattern=embedded.pattern,
                plover=frame.plover if cameo_root(code) == "02" else None,
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
        rule = f"frame:{frame.kind}({lemma_of(token)})"
        complement = next((c for c in token.children if c.dep_ in ("xcomp", "advcl")), None)
        if frame.kind == "intend" and complement is not None and _has_neg(complement):
            refusal = self.lexicon.frames["reject"]  # "vowed not to return the territory"
            return Act(token, refusal.default, f"frame:reject({lemma_of(token)} not)", [token, complement],
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
            if current.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and (
                head.head.i in self._accusations
                or (head.head.dep_ in args.OBJECT_DEPS and head.head.head.i in self._accusations)
            ):
                return True  # "accused X of shelling" (the parser may hang "of" on X): the alleged act
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

    def _is_habitual(self, token: Token) -> bool:
        """Return True when ``token`` (or the verb an event noun hangs on) carries an adverb of
        habit and tells background: a relative clause or a perfect ("who have often traded
        barbs") describes the actors, not one event. A habit reported in the past tense of the
        main clause ("soldiers routinely beat detainees") is itself the news and stays coded."""
        verbs = [token] if token.pos_ in VERB_POS else [token, token.head]
        for verb in verbs:
            if not any(c.dep_ == "advmod" and c.lower_ in self.lexicon.habitual_adverbs for c in verb.children):
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

    def _apply_modality(self, act: Act) -> Act:
        lexicon = self.lexicon
        token = act.token
        if token.pos_ not in VERB_POS:
            if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
                return replace(act, negated=True, modality="denied")  # "there were no talks"
            return act  # an event noun carries no tense of its own
        verb = token
        if verb.dep_ == "xcomp" and lemma_of(verb.head) in lexicon.failure_heads:
            return replace(act, negated=True, modality="denied")  # "failed to reach a deal"
        negated = _has_neg(verb)
        future = _is_future(verb, lexicon)
        root = cameo_root(act.cameo)
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
            decided = head is not None and lemma_of(head) in lexicon.decision_verbs
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
            rule = f"speech+must({lemma_of(speech)})" + (f"+{inner.rule}" if inner else "")
            demands.append(Act(speech, code, rule, _trigger_tokens([speech, token], inner.trigger if inner else [token]),
                               inner.pattern if inner else None,
                               modality="demanded", frame=frame, embedded=inner, addressee=token, speaker=speech))
            # what is demanded did not happen: no act inside the demanded clause is coded as a fact
            consumed.update(t.i for t in token.subtree if t.i in found)
        return demands

    def _drop_nominal_echoes(self, acts: list[Act]) -> list[Act]:
        """Drop event nouns that only name the act of the verb they depend on ("a bombing killed")."""
        verb_roots = {a.token.i: cameo_root(a.cameo) for a in acts if a.token.pos_ in VERB_POS}
        kept = []
        for act in acts:
            if act.pattern is not None and act.pattern.kind == "noun" and act.frame is None:
                head = act.token.head
                hops = 0
                while head.pos_ not in VERB_POS and head.head is not head and hops < 2:
                    head = head.head
                    hops += 1
                if verb_roots.get(head.i) in ("18", "19", "20") and cameo_root(act.cameo) in ("18", "19", "20"):
                    continue
            kept.append(act)
        return kept
