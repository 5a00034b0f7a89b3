"""Synthetic coded articles for tests, benchmarks and demonstrations of the analysis.

Events given as ``(date, source, target, plover)`` become real :class:`CodedArticle`
records (text, sentences, actor mentions, events, a quote) written through the store like
any ingested article, so the analysis and the dashboard see exactly what ingest would give.
:func:`random_events` draws a large event set with a bloc structure (for the benchmark).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from multipolar.ontology import type_sign
from multipolar.records import (
    ActorMention,
    ActorRef,
    Article,
    CodedArticle,
    Event,
    Location,
    Quote,
    Sentence,
    content_hash,
    stable_id,
)

#: Actors the generator can write about: code -> (name, capital). Codes starting with IGO are organisations.
ACTORS: dict[str, tuple[str, str]] = {
    "USA": ("the United States", "Washington"),
    "GBR": ("Britain", "London"),
    "FRA": ("France", "Paris"),
    "DEU": ("Germany", "Berlin"),
    "JPN": ("Japan", "Tokyo"),
    "RUS": ("Russia", "Moscow"),
    "CHN": ("China", "Beijing"),
    "IRN": ("Iran", "Tehran"),
    "PRK": ("North Korea", "Pyongyang"),
    "BLR": ("Belarus", "Minsk"),
    "IND": ("India", "New Delhi"),
    "BRA": ("Brazil", "Brasilia"),
    "ZAF": ("South Africa", "Pretoria"),
    "TUR": ("Turkey", "Ankara"),
    "SAU": ("Saudi Arabia", "Riyadh"),
    "UKR": ("Ukraine", "Kyiv"),
    "IGOUNO": ("the United Nations", "New York"),
}

#: PLOVER type -> (verb phrase, trigger words inside it, CAMEO code, Goldstein score).
VERBS: dict[str, tuple[str, str, str, float]] = {
    "AGREE": ("signed an accord with", "signed", "057", 8.0),
    "CONSULT": ("held talks with", "held talks", "040", 1.0),
    "SUPPORT": ("praised", "praised", "051", 3.4),
    "REQUEST": ("appealed to", "appealed", "020", 3.0),
    "CONCEDE": ("eased restrictions on", "eased", "081", 5.0),
    "COOPERATE": ("expanded cooperation with", "expanded cooperation", "061", 6.4),
    "AID": ("sent aid to", "sent aid", "070", 7.0),
    "ACCUSE": ("accused", "accused", "112", -2.0),
    "REJECT": ("rejected a proposal from", "rejected", "120", -4.0),
    "THREATEN": ("threatened", "threatened", "130", -4.4),
    "PROTEST": ("protested against", "protested", "140", -6.5),
    "SANCTION": ("imposed sanctions on", "imposed sanctions", "163", -8.0),
    "MOBILIZE": ("massed troops near", "massed troops", "152", -7.2),
    "COERCE": ("expelled diplomats of", "expelled", "174", -5.0),
    "ASSAULT": ("attacked", "attacked", "190", -10.0),
}

#: The generator's types by the ontology's sign (REQUEST is verbal conflict in PLOVER).
COOPERATIVE = tuple(t for t in VERBS if type_sign(t) > 0)
CONFLICTUAL = tuple(t for t in VERBS if type_sign(t) < 0)


def _world_names() -> dict[str, tuple[str, str]]:
    """Return code -> (name, capital) for every country of the offline gazetteer, :data:`ACTORS` first."""
    from multipolar.gazetteer import country_table

    names = dict(ACTORS)
    for code, (name, capital) in sorted(country_table().items()):
        names.setdefault(code, (name, capital or name))
    return names


def _actor(code: str) -> tuple[str, str]:
    """Return (name, capital) of ``code``: from :data:`ACTORS`, else from the gazetteer's countries."""
    found = ACTORS.get(code)
    return found if found is not None else _world_names()[code]


@dataclass(frozen=True)
class SyntheticEvent:
    """One event to write: on ``date`` (ISO), ``source`` did ``plover`` to ``target`` (codes of :data:`ACTORS`)."""

    date: str
    source: str
    target: str
    plover: str
    at_capital: bool = True
    negated: bool = False


def _ref(code: str, start: int) -> ActorRef:
    name = _actor(code)[0]
    country = None if code.startswith("IGO") else code
    return ActorRef(code=code, country=country, sector="IGO" if country is None else "GOV", text=name,
                    name=name, start=start, end=start + len(name))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def coded_article(number: int, events: Sequence[SyntheticEvent], *, with_quote: bool = True) -> CodedArticle:
    """Return a coded article reporting ``events`` (all assumed on the first event's date), one sentence each."""
    date = events[0].date
    article_id = stable_id("synthetic", number)
    text = f"Dispatch {number}."
    sentences = [Sentence(article_id, 0, 0, len(text), text)]
    mentions: list[ActorMention] = []
    coded_events: list[Event] = []
    for item in events:
        phrase, trigger, cameo, goldstein = VERBS[item.plover]
        source_name, target_name = _actor(item.source)[0], _actor(item.target)[0]
        capital = _actor(item.target)[1]
        body = f"{_capitalised(source_name)} {phrase} {target_name}"
        body += f" in {capital}." if item.at_capital else "."
        start = len(text) + 1
        text = f"{text} {body}"
        index = len(sentences)
        sentences.append(Sentence(article_id, index, start, start + len(body), body))
        source = _ref(item.source, start)
        target_start = start + len(source_name) + 1 + len(phrase) + 1
        target = _ref(item.target, target_start)
        trigger_start = start + len(source_name) + 1 + phrase.index(trigger)
        for ref in (source, target):
            mentions.append(
                ActorMention(text=ref.text, start=ref.start, end=ref.end, code=ref.code, country=ref.country,
                             sector=ref.sector, kind="organisation" if ref.country is None else "country",
                             rule="synthetic", name=ref.name, sentence_index=index)
            )
        location = None
        if item.at_capital:
            place_start = start + len(body) - 1 - len(capital)
            location = Location(capital, None if item.target.startswith("IGO") else item.target,
                                start=place_start, end=place_start + len(capital))
        coded_events.append(
            Event(
                id=stable_id(article_id, "event", index),
                article_id=article_id,
                sentence_index=index,
                plover=item.plover,
                cameo=cameo,
                goldstein=goldstein,
                source=source,
                target=target,
                trigger=trigger,
                trigger_start=trigger_start,
                trigger_end=trigger_start + len(trigger),
                sentence=body,
                rule="synthetic",
                negated=item.negated,
                date=item.date,
                location=location,
            )
        )
    quotes: list[Quote] = []
    if with_quote:
        first = events[0]
        words = f"We will keep a close watch on what {_actor(first.target)[0]} does next"
        said = f"\u201c{words},\u201d a spokesperson for {_actor(first.source)[0]} said."
        start = len(text) + 1
        text = f"{text} {said}"
        index = len(sentences)
        sentences.append(Sentence(article_id, index, start, start + len(said), said))
        speaker_start = start + said.index(_actor(first.source)[0])
        quotes.append(
            Quote(id=stable_id(article_id, "quote", 0), article_id=article_id, text=words, kind="direct",
                  start=start + 1, end=start + 1 + len(words), speaker=_ref(first.source, speaker_start),
                  verb="said", sentence_index=index)
        )
    title = f"{_capitalised(_actor(events[0].source)[0])} and {_actor(events[0].target)[0]}"
    article = Article(id=article_id, text=text, content_hash=content_hash(text), title=title, date=date,
                      date_source="metadata", source="synthetic", language="en", origin=f"synthetic#{number}")
    return CodedArticle(article=article, sentences=tuple(sentences), actors=tuple(mentions),
                        events=tuple(coded_events), quotes=tuple(quotes))


def articles_for(events: Iterable[SyntheticEvent], per_article: int = 4, first_number: int = 1) -> Iterator[CodedArticle]:
    """Yield coded articles holding ``per_article`` consecutive events of the same date each."""
    number = first_number
    batch: list[SyntheticEvent] = []
    for item in events:
        if batch and (len(batch) >= per_article or item.date != batch[0].date):
            yield coded_article(number, batch)
            number += 1
            batch = []
        batch.append(item)
    if batch:
        yield coded_article(number, batch)


def write_events(store, events: Iterable[SyntheticEvent], per_article: int = 4, batch_size: int = 500) -> int:
    """Write ``events`` to ``store`` (a writable ``multipolar.store.Store``); return the articles written."""
    pending: list[CodedArticle] = []
    written = 0
    for coded in articles_for(events, per_article):
        pending.append(coded)
        if len(pending) >= batch_size:
            written += store.write(pending).articles
            pending = []
    if pending:
        written += store.write(pending).articles
    return written


#: The blocs :func:`random_events` draws from; the last group cooperates with everyone.
WORLD_BLOCS: tuple[tuple[str, ...], ...] = (
    ("USA", "GBR", "FRA", "DEU", "JPN", "UKR"),
    ("RUS", "CHN", "IRN", "PRK", "BLR"),
    ("IND", "BRA", "ZAF", "TUR", "SAU", "IGOUNO"),
)


def random_events(count: int, *, seed: int = 1, start: str = "2023-01-01", days: int = 1095) -> list[SyntheticEvent]:
    """Return ``count`` events sorted by date, drawn so that :data:`WORLD_BLOCS` [0] and [1] form opposed blocs.

    Inside a bloc events are cooperative 85% of the time, across the two blocs conflictual
    75% of the time; the third group is unaligned and cooperative 65% of the time.
    """
    rng = random.Random(seed)
    first = dt.date.fromisoformat(start)
    everyone = [code for group in WORLD_BLOCS for code in group]
    group_of = {code: i for i, group in enumerate(WORLD_BLOCS) for code in group}
    drawn = []
    for _ in range(count):
        source = rng.choice(everyone)
        group = group_of[source]
        if group < 2 and rng.random() < 0.6:
            target = rng.choice([c for c in WORLD_BLOCS[group] if c != source])
            cooperative = rng.random() < 0.85
        else:
            target = rng.choice([c for c in everyone if c != source])
            if group < 2 and group_of[target] == 1 - group:
                cooperative = rng.random() < 0.25
            else:
                cooperative = rng.random() < 0.65
        plover = rng.choice(COOPERATIVE if cooperative else CONFLICTUAL)
        date = (first + dt.timedelta(days=rng.randrange(days))).isoformat()
        drawn.append(SyntheticEvent(date, source, target, plover, at_capital=rng.random() < 0.5))
    drawn.sort(key=lambda e: e.date)
    return drawn


def world_events(
    count: int = 100_000, *, countries: int = 200, years: int = 10, seed: int = 1, end: str = "2026-06-30"
) -> list[SyntheticEvent]:
    """Return ``count`` events among ``countries`` countries over ``years`` years ending on ``end``, sorted by date.

    The benchmark's world: the countries of :data:`WORLD_BLOCS` keep their two opposed blocs
    and their unaligned group; the other countries join one of the two blocs or stay
    unaligned (one third each, at random). A country's activity follows a heavy-tailed
    (Zipf-like) draw, so a few powers dominate the news as they do in real event data.
    """
    rng = random.Random(seed)
    names = _world_names()
    core = [code for group in WORLD_BLOCS for code in group]
    others = [code for code in sorted(names) if code not in core and not code.startswith("IGO")]
    chosen = core + rng.sample(others, max(0, countries - len(core)))
    group_of = {code: i for i, group in enumerate(WORLD_BLOCS) for code in group}
    for code in chosen[len(core):]:
        group_of[code] = rng.randrange(3)
    activity = [1.0 / (rank + 1) ** 0.9 for rank in range(len(chosen))]
    members = {g: [c for c in chosen if group_of[c] == g] for g in range(3)}
    weight_of = dict(zip(chosen, activity, strict=True))
    member_weights = {g: [weight_of[c] for c in members[g]] for g in range(3)}
    last = dt.date.fromisoformat(end)
    days = years * 365
    first = last - dt.timedelta(days=days - 1)
    drawn = []
    sources = rng.choices(chosen, weights=activity, k=count)
    for source in sources:
        group = group_of[source]
        if group < 2 and rng.random() < 0.6:
            pool = members[group]
            target = rng.choices(pool, weights=member_weights[group])[0]
            if target == source:
                target = rng.choice([c for c in core if c != source])
            cooperative = rng.random() < 0.85
        else:
            target = rng.choices(chosen, weights=activity)[0]
            while target == source:
                target = rng.choice(chosen)
            if group < 2 and group_of[target] == 1 - group:
                cooperative = rng.random() < 0.25
            else:
                cooperative = rng.random() < 0.65
        plover = rng.choice(COOPERATIVE if cooperative else CONFLICTUAL)
        date = (first + dt.timedelta(days=rng.randrange(days))).isoformat()
        drawn.append(SyntheticEvent(date, source, target, plover, at_capital=rng.random() < 0.5))
    drawn.sort(key=lambda e: e.date)
    return drawn
