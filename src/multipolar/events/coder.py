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
Steps 1-2 live in ``acts``, step 3 in ``parties`` (on the helpers of ``arguments``), dates and
places in ``placing``; this module runs them per sentence and groups the results.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from multipolar.events import arguments as args
from multipolar.events.acts import SentenceCoder, noun_pattern
from multipolar.events.lexicon import Lexicon, load_lexicon
from multipolar.events.ontology_bridge import describe
from multipolar.events.parties import ArgumentFinder, group_phrase, group_ref
from multipolar.events.placing import event_date, event_place
from multipolar.linguistics import layer_of
from multipolar.records import ActorMention, ActorRef, Article, Event, stable_id

MAX_PAIRS = 6
DOMESTIC_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "SPY", "ELI", "PTY"})
VENUE_TYPES = frozenset({"CONSULT"})  # event types whose place is only a venue, never a party


def _identified(ref: ActorRef | None) -> bool:
    """Return True when ``ref`` names an actor by code or country ("28 people" with no country
    and no named perpetrator is no event between identifiable actors)."""
    return ref is not None and bool(ref.code or ref.country)


def _inside(char: int | None, phrase: Token | None) -> bool:
    """Return True when the character offset ``char`` lies in the phrase headed by ``phrase``
    ("the Houthi movement in Yemen attacked ships": Yemen is where the source is, not the target)."""
    if char is None or phrase is None:
        return False
    last = phrase.right_edge
    return phrase.left_edge.idx <= char < last.idx + len(last.text)


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
        if not parties.sources and not parties.targets and group_phrase(finder.subject_phrase(act), lexicon) is None:
            continue  # no actor at all (unnamed people acting somewhere named are placed below)
        if act.frame is None and act.pattern is not None and act.pattern.kind == "noun" and not (
            parties.sources and parties.targets
        ):
            continue  # an event noun with one side named is background ("the invasion", "riots")
        place = event_place(act, index, sent)
        rule = act.rule
        targets: list[tuple[ActorMention, Token] | None] = list(parties.targets) or [None]
        sources: list[tuple[ActorMention, Token] | None] = list(parties.sources) or [None]
        place_target = place_source = None
        if not parties.targets:
            group = group_phrase(finder.object_phrase(act), lexicon)
            # a government, police or court acts on its own people; a country's forces abroad need not
            home_source = parties.sources[0][0] if parties.sources else None
            source_country = (
                home_source.country if home_source is not None and (home_source.sector or "") in DOMESTIC_SECTORS else None
            )
            if group is not None and (place is not None and place.country or source_country):
                # unnamed people ("demonstrators") belong to where the event happens
                country = place.country if place is not None and place.country else source_country
                place_target = group_ref(group, country)
                rule += "+domestic-target"
            elif place is not None and place.country and (act.plover or describe(act.cameo).plover) not in VENUE_TYPES and (
                not _inside(place.start, finder.subject_phrase(act))
            ):
                # an attack "into Kharkiv" with no named victim is against the place's country, a
                # curfew lifted "in Montenegro" is eased there; talks "in Geneva" are not with Switzerland
                place_target = ActorRef(code=place.country, country=place.country, sector=None, text=place.name,
                                        start=place.start, end=place.end)
                rule += "+place-target"
        if not parties.sources:
            subject = finder.subject_phrase(act)
            group = group_phrase(subject, lexicon)
            if group is None and subject is not None and noun_pattern(lexicon, subject, lexicon.nouns):
                group = subject  # "a roadside bombing near Samarra killed ...": local perpetrators
            if group is not None and place is not None and place.country:
                place_source = group_ref(group, place.country)
                rule += "+domestic-source"
        if act.cameo in lexicon.solo_codes and len(parties.sources) <= 1 and not any(
            finder.is_partner(act, token) for _, token in parties.targets
        ):
            solo = lexicon.solo_codes[act.cameo]  # "held drills" alone: a show of force
            act = replace(act, cameo=solo, plover=None, rule=f"{act.rule}+alone->{solo}")
            rule = f"{rule}+alone->{solo}"
        info = describe(act.cameo)
        plover = act.plover or info.plover
        if plover is None:
            continue
        modality = "question" if question else act.modality
        if modality == "asserted" and args.speech_head(act.token, lexicon.speech_verbs) is not None:
            modality = "reported"
        date = event_date(act, article.date)
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
                if target is not None and target[0].kind == "place" and target_ref is not None and target_ref.country and (
                    not target_ref.code
                ):
                    target_ref = replace(target_ref, code=target_ref.country)  # "into Kharkiv": against Ukraine
                if target_ref is not None and not (target_ref.country or target_ref.code):
                    home = (place.country if place is not None else None) or (source_ref.country if source_ref else None)
                    if home:  # an unnamed-country person acted upon at home
                        target_ref = replace(target_ref, country=home, code=home)
                if not _identified(source_ref) and not _identified(target_ref):
                    continue  # nobody identifiable on either side
                cameo, code_info = act.cameo, info
                if source_ref is not None and source_ref.sector == "MIL" and act.cameo in lexicon.military_codes:
                    cameo = lexicon.military_codes[act.cameo]  # "jets bombed": an air strike
                    code_info = describe(cameo)
                events.append(
                    Event(
                        id=stable_id(article.id, sentence_index, start, plover, _actor_key(source_ref), _actor_key(target_ref)),
                        article_id=article.id,
                        sentence_index=sentence_index,
                        plover=plover,
                        cameo=cameo,
                        goldstein=code_info.goldstein,
                        source=source_ref,
                        target=target_ref,
                        trigger=sent.doc.text[start:end],
                        trigger_start=start,
                        trigger_end=end,
                        sentence=sent.text,
                        rule=rule,
                        mode=code_info.mode,
                        context=code_info.context,
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
    return [_after_dateline(p) for p in pieces if any(not t.is_space and not t.is_punct for t in p)]


def _after_dateline(piece: Span) -> Span:
    """Return ``piece`` without a leading dateline ("MOSCOW, July 17 (Wire) – Russia ..."), as the
    shared linguistic layer reads it, so the place is no actor."""
    dateline = layer_of(piece.doc).dateline_at(piece[0].idx)
    if dateline is None:
        return piece
    rest = next((t.i for t in piece if t.idx >= dateline.end), None)
    return piece.doc[rest : piece.end] if rest is not None else piece
