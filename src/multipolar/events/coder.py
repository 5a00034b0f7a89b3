"""The dependency-rule event coder: who did what to whom, in CAMEO and PLOVER, as ordered rule tables.

Every decision is a small named rule of a ``multipolar.rules.RuleTable`` with an example and a hit
counter (``multipolar rules`` lists them, ``--stats CORPUS`` counts them); every event's ``rule``
names the deciding rules (``table:rule``):

- ``events.trigger`` (``acts``): which words report an event: phrasal verbs, verb + object
  wordings, support/aspect/cancel verbs over event nouns (``data/event_nouns.yaml``), motion verbs
  with "for", verb class x argument class (``data/argument_classes.yaml``), verbs, event nouns;
- ``events.frame`` / ``events.reported_demand``: frames ("threatened to", "refused to", "urged")
  combined with the act they embed; "X said Y must ..." demands;
- ``events.not_event``: purpose clauses, requested/refused content, hopes and fears, topics,
  themes, descriptive participles, questions, habits, ongoing states;
- ``events.modality``: denied, future, intended, threatened, conditional;
- ``events.source`` / ``events.target`` / ``events.mutual`` (``parties``): role frames per
  predicate family, coordination of any length, mutual events in both directions;
- ``events.unnamed`` / ``events.adjust`` / ``events.timing`` (here): unnamed sides from groups,
  places and earlier events; codes that depend on the source; current, history or future.

Dates and places come from ``placing``; events of one article that report the same happening are
grouped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from multipolar.events import arguments as args
from multipolar.events.acts import (
    VERB_POS,
    Act,
    SentenceCoder,
    argument_class,
    cameo_root,
    lemma_of,
    noun_pattern,
)
from multipolar.events.lexicon import Lexicon, load_lexicon
from multipolar.events.ontology_bridge import describe
from multipolar.events.parties import ArgumentFinder, Parties, group_phrase, group_ref
from multipolar.events.placing import event_date, event_place
from multipolar.linguistics import (
    children_of,
    layer_of,
    release_token_caches,
    sentences,
    span_text,
    token_facts,
)
from multipolar.records import ActorMention, ActorRef, Article, Event, Location, stable_id
from multipolar.rules import TABLES, RuleTable

MAX_PAIRS = 6
DOMESTIC_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "SPY", "ELI", "PTY"})
VENUE_TYPES = frozenset({"CONSULT"})  # event types whose place is only a venue, never a party


def _identified(ref: ActorRef | None) -> bool:
    """Return True when ``ref`` names an actor by code or country ("28 people" with no country
    and no named perpetrator is no event between identifiable actors)."""
    return ref is not None and bool(ref.code or ref.country)


def _inside(char: int | None, phrase: Token | None) -> bool:
    """Return True when the character offset ``char`` lies in the phrase headed by ``phrase``
    ("the militia in Somalia seized a ship": Somalia is where the source is, not the target)."""
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
    text = layer_of(doc).text
    lowered = text.lower()
    cut = len(text)
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
    return span_text(sent).rstrip().rstrip('"”’\'').endswith("?")


@dataclass
class Draft:
    """One act on its way to events: its parties, place, code and the rules that decided them."""

    act: Act
    parties: Parties
    finder: ArgumentFinder
    lexicon: Lexicon
    place: Location | None
    place_source: ActorRef | None = None
    place_target: ActorRef | None = None
    rules: list[str] = field(default_factory=list)
    history: list[Event] = field(default_factory=list)  # the events of the article's earlier sentences


UNNAMED = RuleTable("events.unnamed", "who an act's unnamed side is (groups, places)")


@UNNAMED.rule
def unnamed_group_target(draft: Draft) -> ActorRef | None:
    """Unnamed people acted upon ("demonstrators") belong to where it happens, or to the acting government.

    Example: "Police in Dhaka detained dozens of students." -> Bangladeshi students
    """
    if draft.parties.targets:
        return None
    group = group_phrase(draft.finder.object_phrase(draft.act), draft.lexicon)
    home = draft.parties.sources[0][0] if draft.parties.sources else None
    source_country = home.country if home is not None and (home.sector or "") in DOMESTIC_SECTORS else None
    place = draft.place
    if group is None or not (place is not None and place.country or source_country):
        return None
    country = place.country if place is not None and place.country else source_country
    draft.place_target = group_ref(group, country)
    return draft.place_target


@UNNAMED.rule
def place_as_target(draft: Draft) -> ActorRef | None:
    """An act aimed at a place ("strikes on Odesa") with no named victim targets the place's country.

    Example: "Drones struck Kharkiv overnight, said Kyiv." -> Ukraine (not for talks "in Geneva")
    """
    act, place = draft.act, draft.place
    if draft.parties.targets or draft.place_target is not None or place is None or not place.country:
        return None
    if (act.plover or describe(act.cameo).plover) in VENUE_TYPES or _inside(place.start, draft.finder.subject_phrase(act)):
        return None
    draft.place_target = ActorRef(code=place.country, country=place.country, sector=None, text=place.name,
                                  start=place.start, end=place.end)
    return draft.place_target


@UNNAMED.rule
def antecedent_event_source(draft: Draft) -> ActorRef | None:
    """"The strikes" or "the launches" as subject, with no doer named, were done by whoever did
    that earlier in the article.

    Example: "Laos shelled the post. The shelling killed two guards." -> Laos
    """
    if draft.parties.sources or draft.place_source is not None:
        return None
    token = draft.act.token
    subject = args.subject_of(token) if token.pos_ in VERB_POS else None  # its own subject, not a governing one
    if subject is None or not _definite(subject) or not draft.finder.names_an_event(subject):
        return None
    own = noun_pattern(draft.lexicon, subject, draft.lexicon.nouns) or noun_pattern(
        draft.lexicon, subject, draft.lexicon.supported_nouns)
    if own is None or not _same_family(own.cameo, draft.act.cameo):
        return None  # "the raids killed": the deed and what it did are of one family
    done_to = {_actor_key(ActorRef.from_mention(m)) for m, _ in draft.parties.targets}
    pool = [e for e in draft.history if e.source is not None and _actor_key(e.source) not in done_to
            and _same_family(own.cameo, e.cameo)]
    if not pool:
        return None
    draft.place_source = _first_of_latest_act(pool).source
    return draft.place_source


@UNNAMED.rule
def unnamed_group_source(draft: Draft) -> ActorRef | None:
    """Unnamed actors ("gunmen", "a roadside bomb") acting at a named place belong to its country.

    Example: "Gunmen attacked a bus near Quetta." -> Pakistani gunmen
    """
    if draft.parties.sources or draft.place is None or not draft.place.country:
        return None
    subject = draft.finder.subject_phrase(draft.act)
    group = group_phrase(subject, draft.lexicon)
    if group is None and subject is not None and noun_pattern(draft.lexicon, subject, draft.lexicon.nouns):
        group = subject  # "a car bombing near the market killed ...": local perpetrators
    if group is None:
        return None
    draft.place_source = group_ref(group, draft.place.country)
    return draft.place_source


DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})
VIOLENCE_ROOTS = frozenset({"18", "19", "20"})


def _definite(token: Token | None) -> bool:
    return token is not None and any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in children_of(token))


def _same_family(first: str | None, second: str | None) -> bool:
    if not first or not second:
        return False
    return first[:2] == second[:2] or (first[:2] in VIOLENCE_ROOTS and second[:2] in VIOLENCE_ROOTS)


@UNNAMED.rule
def antecedent_event_doer(draft: Draft) -> ActorRef | None:
    """Judging "the strikes" or "the move" with no name targets who did that earlier in the article.

    Example: "Iraq shelled the depot. Oman condemned the attack." -> Oman accuses Iraq
    """
    act, finder = draft.act, draft.finder
    if draft.parties.targets or draft.place_target is not None or act.token.pos_ not in VERB_POS:
        return None
    if act.cameo[:2] not in ("05", "09", "11", "12", "14"):
        return None
    deed = next((c for c in children_of(act.token) if c.dep_ in args.OBJECT_DEPS), None)
    if deed is None or not _definite(deed) or not finder.names_an_event(deed):
        return None
    own = noun_pattern(draft.lexicon, deed, draft.lexicon.nouns)
    doers = {_actor_key(ActorRef.from_mention(m)) for m, _ in draft.parties.sources}
    pool = [e for e in draft.history if e.source is not None and _actor_key(e.source) not in doers
            and (own is None or _same_family(own.cameo, e.cameo))]
    if not pool:
        return None
    draft.place_target = _first_of_latest_act(pool).source
    return draft.place_target


def _first_of_latest_act(events: list[Event]) -> Event:
    """Return the first event of the latest act in ``events`` (a mutual act is coded both ways)."""
    latest = events[-1]
    return next(e for e in events if e.sentence_index == latest.sentence_index and e.trigger_start == latest.trigger_start)


@UNNAMED.rule
def antecedent_document_source(draft: Draft) -> ActorRef | None:
    """"The statement" or "the package" acts for whoever issued it earlier in the article.

    Example: "Chile and Peru signed a declaration. The text condemned Bolivia." -> Chile
    """
    if draft.parties.sources or draft.place_source is not None:
        return None
    subject = draft.finder.subject_phrase(draft.act)
    if subject is None or lemma_of(subject) not in draft.lexicon.document_nouns or not _definite(subject):
        return None
    candidates = [e for e in draft.history if e.source is not None]
    named = [e for e in candidates if lemma_of(subject) in e.trigger.lower() or subject.lower_ in e.trigger.lower()]
    pool = named or candidates
    if not pool:
        return None
    chosen = _first_of_latest_act(pool)
    draft.place_source = chosen.source
    return chosen.source


GIFT_CLASSES = frozenset({"aid_goods", "funds_aid", "force_weapons"})


def _gives_something(draft: Draft) -> bool:
    """Return True when the act gives aid, money or arms ("pledged 5 million euros", "sent tanks")."""
    act = draft.act.embedded or draft.act
    if cameo_root(act.cameo) == "07":
        return True
    if cameo_root(act.cameo) != "03" or act.token.pos_ not in VERB_POS:
        return False
    return any(c.dep_ == "dobj" and any(t.ent_type_ == "MONEY" or argument_class(draft.lexicon, t) in GIFT_CLASSES
                                        for t in c.subtree) for c in children_of(act.token))


def _gift_code(cameo: str | None) -> bool:
    """Return True for the codes of giving help or pledging it (07x, 030, 033x)."""
    return bool(cameo) and (cameo_root(cameo) == "07" or cameo == "030" or cameo.startswith("033"))


@UNNAMED.rule
def antecedent_recipient(draft: Draft) -> ActorRef | None:
    """A pledge or delivery of aid, money or arms with no recipient named goes to whoever
    received such help last in the article.

    Example: "Oman sent tents to Chad. Qatar pledged 5 million dollars." -> Chad
    """
    if draft.parties.targets or draft.place_target is not None or not _gives_something(draft):
        return None
    givers = {_actor_key(ActorRef.from_mention(m)) for m, _ in draft.parties.sources}
    homes = {m.country for m, _ in draft.parties.sources if m.country}
    pool = [e for e in draft.history if e.target is not None and _actor_key(e.target) not in givers
            and e.target.country not in homes and _gift_code(e.cameo)]
    if not pool:
        return None
    draft.place_target = pool[-1].target
    return draft.place_target


ADJUST = RuleTable("events.adjust", "code changes that depend on who acts")


@ADJUST.rule
def alone_show_of_force(draft: Draft) -> str | None:
    """A mutual military act done alone ("held drills" with no partner) is a show of force.

    Example: "The navy held drills off the coast." -> 150 (not military cooperation)
    """
    act, parties = draft.act, draft.parties
    if act.cameo not in draft.lexicon.solo_codes or len(parties.sources) > 1:
        return None
    if any(draft.finder.is_partner(act, token) for _, token in parties.targets):
        return None
    solo = draft.lexicon.solo_codes[act.cameo]
    draft.act = replace(act, cameo=solo, plover=None)
    return solo


def military_code(cameo: str, source: ActorRef | None, lexicon: Lexicon) -> str | None:
    """Return the military variant of ``cameo`` when the source is an armed force (see ``armed_force_strike``)."""
    if source is not None and source.sector == "MIL" and cameo in lexicon.military_codes:
        return lexicon.military_codes[cameo]
    return None


@ADJUST.rule
def armed_force_strike(draft: Draft) -> str | None:
    """A bombing by an armed force is an air or artillery strike (195), not a terror bombing.

    Example: "Saudi jets bombed a depot in Sanaa." -> 195
    """
    sources = draft.parties.sources
    if len(sources) != 1:
        return None
    return military_code(draft.act.cameo, ActorRef.from_mention(sources[0][0]), draft.lexicon)


STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})


def state_code(cameo: str, source: ActorRef | None, lexicon: Lexicon) -> str | None:
    """Return the state variant of ``cameo`` when the source is a state (see ``state_blocks_passage``)."""
    if source is None or cameo not in lexicon.state_codes:
        return None
    is_state = source.sector in STATE_SECTORS or (
        source.sector is None and bool(source.code) and source.code == source.country)
    return lexicon.state_codes[cameo] if is_state else None


@ADJUST.rule
def state_blocks_passage(draft: Draft) -> str | None:
    """A state closing a road or crossing restricts movement (191 COERCE); civilians blocking it protest (144).

    Example: "Azerbaijan closed the mountain corridor to traffic." -> 191
    """
    sources = draft.parties.sources
    if len(sources) != 1:
        return None
    return state_code(draft.act.cameo, ActorRef.from_mention(sources[0][0]), draft.lexicon)


TIMING = RuleTable("events.timing", "whether an event is current, history or future for its article")
HISTORY_YEARS = 2  # an event dated two or more calendar years before its article is history


@TIMING.rule
def dated_after_article(event_date: str | None, article_date: str | None) -> str | None:
    """An event dated after its article is a plan or forecast: future, never asserted.

    Example: "The ring road is to close until 2031." (article of 2026) -> future
    """
    if not event_date or not article_date:
        return None
    return "future" if event_date > article_date[: len(event_date)] else None


@TIMING.rule
def dated_years_before(event_date: str | None, article_date: str | None) -> str | None:
    """An event dated two or more calendar years before its article is history (background).

    Example: "Troops entered the valley in 1999." (article of 2026) -> history
    """
    if not event_date or not article_date or not event_date[:4].isdigit() or not article_date[:4].isdigit():
        return None
    return "history" if int(article_date[:4]) - int(event_date[:4]) >= HISTORY_YEARS else None


def event_timing(event_date: str | None, article_date: str | None) -> tuple[str, str | None]:
    """Return ``(timing, rule)``: ``future``, ``history`` or ``current`` and the rule that decided it."""
    name, timing = TIMING.first(event_date, article_date)
    return (timing, f"{TIMING.name}:{name}") if timing else ("current", None)


def is_domestic(source: ActorRef | None, target: ActorRef | None) -> bool | None:
    """Return True when source and target belong to one country, False for two, None when one is unknown."""
    first = (source.country or (source.code or "")[:3] or None) if source is not None else None
    second = (target.country or (target.code or "")[:3] or None) if target is not None else None
    if not first or not second or first in ("IGO", "NGO", "IMG") or second in ("IGO", "NGO", "IMG"):
        return None
    return first == second


def _draft_rules(draft: Draft) -> str:
    return "+".join(dict.fromkeys([draft.act.rule, *draft.parties.rules, *draft.rules]))


def code_sentence(
    sent: Span, sentence_index: int, article: Article, lexicon: Lexicon, index: args.MentionIndex,
    history: list[Event] | None = None,
) -> list[Event]:
    """Return the events coded in one sentence (not yet grouped); ``history`` holds the events of
    the article's earlier sentences, for rules that refer back ("the strikes", "the statement")."""
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
        draft = Draft(act, parties, finder, lexicon, event_place(act, index, sent), history=history or [])
        for name, _ in UNNAMED.every(draft):
            draft.rules.append(f"{UNNAMED.name}:{name}")
        name, solo = ADJUST.first(draft) if draft.act.cameo in lexicon.solo_codes else (None, None)
        if solo is not None:
            draft.rules.append(f"{ADJUST.name}:{name}")
        events.extend(_events_of(draft, sent, sentence_index, article, question))
    return events


def _events_of(draft: Draft, sent: Span, sentence_index: int, article: Article, question: bool) -> list[Event]:
    """Return the events of one drafted act: one per source x target pair (at most ``MAX_PAIRS``)."""
    act, parties, lexicon, place = draft.act, draft.parties, draft.lexicon, draft.place
    info = describe(act.cameo)
    plover = act.plover or info.plover
    if plover is None:
        return []
    modality = "question" if question else act.modality
    if modality == "asserted" and args.speech_head(act.token, lexicon.speech_verbs) is not None:
        modality = "reported"
    date = event_date(act, article.date)
    timing, timing_rule = event_timing(date, article.date)
    if timing == "future" and modality in ("asserted", "reported"):
        modality = "future"  # dated after the article: a plan or forecast, never a fact
    start = min(t.idx for t in act.trigger)
    last = max(act.trigger, key=lambda t: t.i)
    end = last.idx + len(last.text)
    targets: list[tuple[ActorMention, Token] | None] = list(parties.targets) or [None]
    sources: list[tuple[ActorMention, Token] | None] = list(parties.sources) or [None]
    rule = _draft_rules(draft) + (f"+{timing_rule}" if timing_rule else "")
    events: list[Event] = []
    for source in sources:
        for target in targets:
            if source is not None and target is not None and source[0] is target[0]:
                continue
            if source is not None and target is not None and source[0].code and source[0].code == target[0].code:
                target = None  # an actor does not act on itself: the target is not named
            if len(events) >= MAX_PAIRS:
                break
            source_ref = _ref(source) or draft.place_source
            target_ref = _ref(target) or draft.place_target
            if source_ref is not None and not (source_ref.country or source_ref.code) and place is not None and place.country:
                source_ref = replace(source_ref, country=place.country, code=place.country)
            if target is not None and target[0].kind == "place" and target_ref is not None and target_ref.country and (
                not target_ref.code
            ):
                target_ref = replace(target_ref, code=target_ref.country)  # "into Kharkiv": against Ukraine
            if target_ref is not None and not (target_ref.country or target_ref.code):
                named = _ref(source)  # a source found by antecedent ("the raids") may act abroad: not its home
                home = (place.country if place is not None else None) or (named.country if named else None)
                if home:  # an unnamed-country person acted upon at home
                    target_ref = replace(target_ref, country=home, code=home)
            if not _identified(source_ref) and not _identified(target_ref):
                continue  # nobody identifiable on either side
            cameo, code_info, pair_rule, pair_plover = act.cameo, info, rule, plover
            military = military_code(act.cameo, source_ref, lexicon)
            if military is not None:
                ADJUST.hit("armed_force_strike")
                cameo, code_info, pair_rule = military, describe(military), f"{rule}+{ADJUST.name}:armed_force_strike"
            # the mention itself decides: an unnamed group only placed in a country is no state
            state = state_code(act.cameo, ActorRef.from_mention(source[0]) if source is not None else None, lexicon)
            if state is not None:
                ADJUST.hit("state_blocks_passage")
                cameo, code_info, pair_rule = state, describe(state), f"{rule}+{ADJUST.name}:state_blocks_passage"
                pair_plover = code_info.plover or plover
            events.append(
                Event(
                    id=stable_id(article.id, sentence_index, start, pair_plover, _actor_key(source_ref), _actor_key(target_ref)),
                    article_id=article.id,
                    sentence_index=sentence_index,
                    plover=pair_plover,
                    cameo=cameo,
                    goldstein=code_info.goldstein,
                    source=source_ref,
                    target=target_ref,
                    trigger=layer_of(sent.doc).text[start:end],
                    trigger_start=start,
                    trigger_end=end,
                    sentence=span_text(sent),
                    rule=pair_rule,
                    mode=code_info.mode,
                    context=code_info.context,
                    negated=act.negated,
                    modality=modality,
                    date=date,
                    location=place,
                    timing=timing,
                    domestic=is_domestic(source_ref, target_ref),
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
    try:
        for sentence_index, sent in enumerate(sentences(doc)):
            if sent.start_char >= stop:
                break
            before = _event_hits() if SENTENCE_FIRINGS is not None else None
            for piece in _pieces(sent):
                events.extend(code_sentence(piece, sentence_index, article, lexicon, index, events))
            if before is not None:
                _record_firings(before, (article.id, sentence_index))
    finally:
        release_token_caches(doc)  # made for the rules above: kept, they would only burden the garbage collector
    return group_events(events)


#: When not None, the sentences each events rule fired on: ``{(table, rule): {(article id, sentence)}}``.
SENTENCE_FIRINGS: dict[tuple[str, str], set[tuple[str, int]]] | None = None


def track_sentences(enabled: bool = True) -> None:
    """Start (or stop) recording which sentences each events rule fires on (``SENTENCE_FIRINGS``)."""
    global SENTENCE_FIRINGS
    SENTENCE_FIRINGS = {} if enabled else None


def _event_hits() -> dict[tuple[str, str], int]:
    return {(name, rule): count for name, table in TABLES.items() if name.startswith("events.")
            for rule, count in table.hits.items()}


def _record_firings(before: dict[tuple[str, str], int], sentence: tuple[str, int]) -> None:
    if SENTENCE_FIRINGS is None:
        return
    for key, count in _event_hits().items():
        if count > before.get(key, 0):
            SENTENCE_FIRINGS.setdefault(key, set()).add(sentence)


def _pieces(sent: Span) -> list[Span]:
    """Return the lines of a sentence: a headline or dateline the parser joined to the next sentence
    is coded on its own, so its words do not become the next sentence's actors."""
    pieces: list[Span] = []
    doc = sent.doc
    facts = token_facts(doc)
    space, punct = facts.space, facts.punct
    start = sent.start
    for i in range(sent.start, sent.end):
        if space[i] and "\n" in facts.lower[i]:  # a line break (lowercasing keeps it)
            if i > start:
                pieces.append(doc[start:i])
            start = i + 1
    if start < sent.end:
        pieces.append(doc[start : sent.end])
    return [_after_dateline(p) for p in pieces if any(not space[i] and not punct[i] for i in range(p.start, p.end))]


def _after_dateline(piece: Span) -> Span:
    """Return ``piece`` without a leading dateline ("MOSCOW, July 17 (Wire) – Russia ..."), as the
    shared linguistic layer reads it, so the place is no actor."""
    layer = layer_of(piece.doc)
    starts = layer.token_starts
    dateline = layer.dateline_at(starts[piece.start])
    if dateline is None:
        return piece
    rest = next((i for i in range(piece.start, piece.end) if starts[i] >= dateline.end), None)
    return piece.doc[rest : piece.end] if rest is not None else piece
