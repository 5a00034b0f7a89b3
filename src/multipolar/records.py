"""Typed records passed between the pipeline stages.

Every record is a frozen dataclass with a stable id where it is stored. Character offsets
(``start``/``end``) are always offsets into ``Article.text`` (the cleaned body, without the
title), end-exclusive, so ``article.text[m.start:m.end] == m.text``.

Stage contract::

    ingest  : paths -> Document | IngestError          (multipolar.ingest.read_documents)
              Document -> Article | IngestError         (multipolar.ingest.extract_article)
    nlp     : Article texts -> spaCy Doc                (multipolar.nlp.parse)
    actors  : (Doc, Article) -> list[ActorMention]      (multipolar.actors.find_actors)
    events  : (Doc, Article, mentions) -> list[Event]   (multipolar.events.code_events)
    quotes  : (Doc, Article, mentions) -> list[Quote]   (multipolar.quotes.extract_quotes)
              (Doc, Article, mentions, events) -> list[Figure] (multipolar.quotes.extract_figures)
    store   : CodedArticle -> rows in DuckDB            (multipolar.store.Store.write)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any


def stable_id(*parts: object, length: int = 16) -> str:
    """Return a short hex digest of ``parts``, stable across runs and machines."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:length]


def content_hash(text: str) -> str:
    """Return the SHA-256 of whitespace-normalised, lowercased ``text`` (exact-duplicate key)."""
    normalised = " ".join(text.lower().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """A raw input document as a reader found it, before extraction.

    ``origin`` names where it came from (``path``, ``path:line`` for JSONL, ``path#n`` for
    feed/WARC records); ``content`` is HTML or plain text according to ``content_type``.
    ``date`` is the publication date the source gave; ``capture_date`` only says when an
    archive fetched the page, so extraction ranks it below the page's own dates.
    """

    origin: str
    content: str
    content_type: str  # "html" or "text"
    id: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    capture_date: str | None = None  # when an archive fetched the page (WARC-Date): a last resort


@dataclass(frozen=True)
class IngestError:
    """A document (or part of one) that could not be read; the run goes on without it."""

    origin: str
    code: str  # e.g. "E101"
    reason: str
    stage: str = "ingest"

    def message(self) -> str:
        """Return the one-line user-facing message: ``origin: [code] reason``."""
        if self.reason.startswith(f"[{self.code}]"):
            return f"{self.origin}: {self.reason}"
        return f"{self.origin}: [{self.code}] {self.reason}"


@dataclass(frozen=True)
class Article:
    """A cleaned article: boilerplate removed, metadata resolved."""

    id: str
    text: str
    content_hash: str
    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    date_source: str | None = None  # "metadata" | "text" | "default" | None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    language: str | None = None
    origin: str | None = None
    near_duplicate_of: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, with its offsets into ``Article.text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ActorMention:
    """One mention of a political actor in an article, resolved as far as the text allows.

    ``code`` is the CAMEO-style code (``RUSGOV``, ``UKRCVL``, ``IGOUNOSCR``); ``country`` the
    ISO 3166 alpha-3 code the actor belongs to (``None`` for organisations); ``sector`` the
    PLOVER/POLECAT-style sector (GOV, MIL, CVL, MED, IGO, ...); ``kind`` what the mention is
    (``country``, ``person``, ``organisation``, ``place``, ``group``, ``reference``).
    ``rule`` names the dictionary entry or rule that produced it; ``entity_id`` the knowledge
    base entry (``None`` when unresolved).
    """

    text: str
    start: int
    end: int
    code: str | None
    country: str | None
    sector: str | None
    kind: str
    rule: str
    name: str | None = None
    role: str | None = None
    entity_id: str | None = None
    resolved: bool = True
    sentence_index: int | None = None


@dataclass(frozen=True)
class ActorRef:
    """An actor as it takes part in an event or quote."""

    code: str | None
    country: str | None
    sector: str | None
    text: str
    name: str | None = None
    start: int | None = None
    end: int | None = None

    @classmethod
    def from_mention(cls, mention: ActorMention) -> ActorRef:
        """Return the reference for ``mention``."""
        return cls(
            code=mention.code,
            country=mention.country,
            sector=mention.sector,
            text=mention.text,
            name=mention.name,
            start=mention.start,
            end=mention.end,
        )


@dataclass(frozen=True)
class Location:
    """A place named with an event, geolocated from the offline gazetteer."""

    name: str
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Event:
    """One coded event: who did what to whom, with its evidence.

    ``mode`` is the PLOVER mode (may be empty); ``modality`` one of ``asserted``, ``intended``,
    ``demanded``, ``denied``, ``threatened``, ``future``, ``conditional``, ``question``,
    ``reported``. ``rule`` names the pattern that fired; ``mentions`` counts the sentences of
    the article that report the same happening (grouped into this event).
    ``timing`` places the event against the article's own time: ``current`` (within the
    article's time), ``history`` (dated years before the article: background, kept but left out
    of analyses by default) or ``future`` (dated after the article: a plan or forecast, never
    asserted). ``domestic`` is true when source and target belong to one country, false when
    they belong to two, ``None`` when a side is unknown.
    """

    id: str
    article_id: str
    sentence_index: int
    plover: str
    cameo: str | None
    goldstein: float | None
    source: ActorRef | None
    target: ActorRef | None
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence: str
    rule: str
    mode: str | None = None
    context: str | None = None
    negated: bool = False
    modality: str = "asserted"
    date: str | None = None
    location: Location | None = None
    quote_id: str | None = None
    mentions: int = 1
    timing: str = "current"
    domestic: bool | None = None


#: The attribution classes a quote's cue can have (``Quote.cue_class``).
CUE_CLASSES = ("speech", "stance", "cognition", "document")


@dataclass(frozen=True)
class Quote:
    """A quotation: direct, partial or indirect, with its speaker resolved where possible.

    ``start``/``end`` are offsets into ``Article.text``; an attribution found in the article's
    title has ``start = end = -1`` and no ``sentence_index``.
    """

    id: str
    article_id: str
    text: str
    kind: str  # "direct" | "partial" | "indirect"
    start: int
    end: int
    speaker: ActorRef | None = None
    medium: ActorRef | None = None
    listener: ActorRef | None = None
    verb: str | None = None
    sentence_index: int | None = None
    event_ids: tuple[str, ...] = ()
    cue: str | None = None  # the word or phrase that marks the attribution ("said", "according to")
    cue_class: str | None = None  # speech | stance | cognition | document
    rule: str | None = None  # the rule that made the quote, qualified "table:rule"


@dataclass(frozen=True)
class Figure:
    """A number that matters: people killed, wounded, displaced, arrested, deployed, money."""

    id: str
    article_id: str
    kind: str  # killed | wounded | displaced | arrested | released | expelled | deployed | money
    count: float
    text: str
    start: int
    end: int
    qualifier: str | None = None  # "at least", "upwards of", "about", ...
    who: str | None = None  # actor code the figure concerns, e.g. UKRCVL
    unit: str | None = None  # people | USD | EUR | ...
    event_id: str | None = None


@dataclass(frozen=True)
class CodedArticle:
    """Everything the pipeline found in one article."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    errors: tuple[IngestError, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready output contract documented in the README."""
        art = self.article
        return {
            "id": art.id,
            "title": art.title,
            "date": art.date,
            "url": art.url,
            "source": art.source,
            "author": art.author,
            "language": art.language,
            "near_duplicate_of": art.near_duplicate_of,
            "text": art.text,
            "actors": [record_dict(m) for m in self.actors],
            "events": [record_dict(e) for e in self.events],
            "quotes": [record_dict(q) for q in self.quotes],
            "figures": [record_dict(f) for f in self.figures],
            "errors": [e.message() for e in self.errors],
        }


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def record_dict(record: Any) -> dict[str, Any]:
    """Return ``record`` (a frozen record) as a dict of its fields, nested records as dicts.

    What ``dataclasses.asdict`` returns for these records (fields in declaration order,
    tuples kept as tuples, lists and dicts copied), without its generic deep copy of every
    leaf: strings, numbers and ``None`` are immutable and are shared, not copied.
    """
    cls = type(record)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    result: dict[str, Any] = {}
    for name in names:
        value = getattr(record, name)
        result[name] = value if type(value) in _PLAIN_TYPES else _field_value(value)
    return result


#: Field values ``record_dict`` passes on as they are (immutable leaves).
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _field_value(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, tuple):
        return tuple(_field_value(v) for v in value)
    if isinstance(value, list):
        return [_field_value(v) for v in value]
    if isinstance(value, dict):
        return {key: _field_value(v) for key, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return record_dict(value)
    return value
