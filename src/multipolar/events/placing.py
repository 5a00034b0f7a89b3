"""When and where an act happened: the date phrase attached to it and the place named with it."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

from multipolar.events import arguments as args
from multipolar.events.acts import Act, lemma_of
from multipolar.events.dates import resolve_date
from multipolar.gazetteer import locate
from multipolar.linguistics import (
    PLACE_NOUNS,
    children_of,
    entities,
    entities_within,
    is_month,
    token_facts,
    token_memo,
)
from multipolar.records import Location

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "into", "near", "at", "across", "outside", "around", "inside", "from"})
NOUN_MODIFIER_DEPS = frozenset({"nummod", "compound", "nmod", "amod", "poss"})


#: ``(doc, sentence start, sentence end, date entities)`` of the last ``event_date`` call: the acts
#: of one sentence come one after another (one tuple, replaced whole, so threads never see a mix)
_LAST_DATES: tuple[Doc | None, int, int, tuple[Span, ...]] = (None, 0, 0, ())


def _date_entities(doc: Doc, start: int, end: int) -> tuple[Span, ...]:
    """Return the DATE and TIME entities that start inside the sentence ``start:end``, in document order."""
    global _LAST_DATES
    last = _LAST_DATES
    if last[0] is doc and last[1] == start and last[2] == end:
        return last[3]
    found = tuple(ent for ent in entities_starting_in(doc, start, end) if ent.label_ in ("DATE", "TIME"))
    _LAST_DATES = (doc, start, end, found)
    return found


def entities_starting_in(doc: Doc, start: int, end: int) -> list[Span]:
    """Return the entities of ``doc`` whose first token lies in ``start:end``, in document order."""
    memo = token_memo(doc)
    starts = memo.get(("entity_starts", -1))
    if starts is None:
        starts = memo["entity_starts", -1] = [ent.start for ent in entities(doc)]
    ents = entities(doc)
    return list(ents[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)])


def event_date(act: Act, article_date: str | None) -> str | None:
    """Return the event's date: a date phrase attached to the act, else the article date."""
    doc = act.token.doc
    anchors = {act.token.i, *(t.i for t in act.trigger)}
    if act.embedded is not None:
        anchors.add(act.embedded.token.i)
    best: tuple[int, str] | None = None
    for ent in _date_entities(doc, *args.sentence_bounds(act.token)):
        if ent.root.dep_ in NOUN_MODIFIER_DEPS and ent.root.head.i not in anchors:
            continue  # "withdrew from the 2022 deal": the date is the deal's, not the withdrawal's
        # distance along the head chain from the date phrase to the act
        token, hops = ent.root, 0
        while token.i not in anchors and token.head.i != token.i and hops < 6:
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


def _proper_place_spans(sent: Span) -> list[Span]:
    """Return proper nouns named as places ("near the town of Samarra", "in Kharkiv") the NER missed."""
    spans = []
    doc = sent.doc
    facts = token_facts(doc)
    for i in range(sent.start, sent.end):
        if facts.pos[i] != "PROPN" or facts.dep[i] != "pobj":
            continue
        token = doc[i]
        if token.ent_type_ in PLACE_LABELS:
            continue
        if token.ent_type_ in ("DATE", "TIME") or is_month(token.text):
            continue  # "issued in March" is a date, not the English town of March
        prep = token.head
        locative = prep.lower_ in PLACE_PREPS or (prep.lower_ == "of" and lemma_of(prep.head) in PLACE_NOUNS)
        if locative:
            left = min((c.i for c in children_of(token) if c.dep_ == "compound" and c.pos_ == "PROPN"), default=token.i)
            spans.append(sent.doc[left : token.i + 1])
    return spans


def _place_spans(sent: Span, index: args.MentionIndex) -> list[Span]:
    """Return the place names of a sentence: gazetteer-type entities, the actor stage's places, and
    proper nouns after locative prepositions (found once per sentence and index: do not change the list)."""
    key = ("place_spans", sent.start, sent.end)
    known = index.memo.get(key)
    if known is None:
        known = index.memo[key] = _find_place_spans(sent, index)
    return known  # type: ignore[return-value]


def _find_place_spans(sent: Span, index: args.MentionIndex) -> list[Span]:
    spans = [ent for ent in entities_within(sent) if ent.label_ in PLACE_LABELS]
    spans += [
        s for s in _proper_place_spans(sent)
        if not any(e.start <= s.start < e.end for e in spans)
        and (index.at(s.root) is None or index.at(s.root).kind in ("place", "country"))
    ]
    seen = {(s.start, s.end) for s in spans}
    for i in range(sent.start, sent.end):
        mention = index.by_token.get(i)  # ``index.at`` without making the token
        if mention is not None and mention.kind == "place":
            span = sent.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and (span.start, span.end) not in seen and not any(
                s.start <= span.start < s.end for s in spans
            ):
                seen.add((span.start, span.end))
                spans.append(span)
    return spans


def article_countries(index: args.MentionIndex, excluding: Span | None = None) -> frozenset[str]:
    """Return the countries of the article's actor mentions (the context places are read in), leaving
    out the mention of the place itself (``excluding``) so a name cannot vouch for its own reading."""
    key = ("article_countries", excluding.start, excluding.end) if excluding is not None else ("article_countries",)
    known = index.memo.get(key)
    if known is None:
        known = index.memo[key] = _article_countries(index, excluding)
    return known  # type: ignore[return-value]


def _article_countries(index: args.MentionIndex, excluding: Span | None) -> frozenset[str]:
    skip = range(excluding.start, excluding.end) if excluding is not None else range(0)
    return frozenset(m.country for i, m in index.by_token.items() if m.country and i not in skip)


def _names_a_person(span: Span, index: args.MentionIndex) -> bool:
    """True when the actor stage read the span as a person or an organisation ("Obama", "Hamas"), not a place."""
    mention = index.at(span.root) or index.unresolved.get(span.root.i)
    return mention is not None and mention.kind in ("person", "organisation")


def event_place(act: Act, index: args.MentionIndex, within: Span | None = None) -> Location | None:
    """Return the place named with the act ("into Kharkiv", "in Gaza"), geolocated offline;
    only places inside ``within`` (the line being coded, default the act's sentence) count, so a
    dateline's city is not the place of the next sentence's events. Names are read in the
    context of the article's countries (:func:`multipolar.gazetteer.locate`): "Georgia" in an
    article about the United States is the state; a person's name is never a place."""
    roots = [t for t in act.trigger] + ([act.embedded.token] if act.embedded is not None else [])
    root_ids = {t.i for t in roots}
    candidates: list[tuple[int, int, Location]] = []
    for ent in _place_spans(within if within is not None else act.token.sent, index):
        token, hops, via_prep, via_on, origin = ent.root, 0, False, False, False
        while token.i not in root_ids and token.head.i != token.i and hops < 5:
            if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS:
                via_prep = True
                origin = origin or token.head.lower_ == "from"  # "journalists from Chile": not where it happened
            if token.dep_ == "pobj" and token.head.lower_ == "on":
                via_on = True  # "a strike on Odesa": a place only when it is a town, not "sanctions on Iran"
            if token.dep_ in ("ccomp", "advcl", "relcl", "parataxis"):
                break
            token = token.head
            hops += 1
        if token.i not in root_ids or not (via_prep or via_on) or _names_a_person(ent, index):
            continue
        place = locate(ent.text, article_countries(index, excluding=ent))
        if not via_prep and (place is None or place.kind not in ("city", "capital")):
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
