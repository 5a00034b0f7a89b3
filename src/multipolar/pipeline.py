"""The visible sequence of stages: ingest -> nlp -> actors -> events -> quotes.

``code_articles`` is the one place that runs the stages in order; the CLI, the Python API and
the store all go through it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from multipolar import nlp, settings
from multipolar.actors import find_actors
from multipolar.errors import Errors
from multipolar.events import code_events
from multipolar.linguistics import layer_of, release_document, sentences
from multipolar.memory import release_free_memory
from multipolar.quotes import extract_figures, extract_quotes
from multipolar.records import Article, CodedArticle, Event, IngestError, Quote, Sentence, stable_id


def _sentences(doc, article: Article) -> tuple[Sentence, ...]:
    text = layer_of(doc).text
    return tuple(
        Sentence(article.id, i, s.start_char, s.end_char, text[s.start_char : s.end_char])
        for i, s in enumerate(sentences(doc))
    )


def _link_quotes_and_events(
    events: list[Event], quotes: list[Quote]
) -> tuple[list[Event], list[Quote]]:
    """Tie each event whose trigger lies inside a quote to that quote (and back)."""
    if not quotes or not events:
        return events, quotes
    linked_events: list[Event] = []
    ids_by_quote: dict[str, list[str]] = {q.id: [] for q in quotes}
    for event in events:
        holder = next(
            (q for q in quotes if q.start <= event.trigger_start and event.trigger_end <= q.end), None
        )
        if holder is not None:
            ids_by_quote[holder.id].append(event.id)
            event = dataclasses.replace(event, quote_id=holder.id)
        linked_events.append(event)
    linked_quotes = [
        dataclasses.replace(q, event_ids=tuple(ids_by_quote[q.id])) if ids_by_quote[q.id] or q.event_ids else q
        for q in quotes
    ]
    return linked_events, linked_quotes


def code_parsed(doc, article: Article) -> CodedArticle:
    """Return the coded article for one already parsed ``doc`` of ``article.text``."""
    sentences = _sentences(doc, article)
    if article.near_duplicate_of:
        return CodedArticle(article=article, sentences=sentences)
    mentions = find_actors(doc, article)
    events = code_events(doc, article, mentions)
    quotes = extract_quotes(doc, article, mentions)
    events, quotes = _link_quotes_and_events(events, quotes)
    figures = extract_figures(doc, article, mentions, events)
    return CodedArticle(
        article=article,
        sentences=sentences,
        actors=tuple(mentions),
        events=tuple(events),
        quotes=tuple(quotes),
        figures=tuple(figures),
    )


def code_articles(articles: Iterable[Article], batch_size: int | None = None) -> Iterator[CodedArticle]:
    """Yield one ``CodedArticle`` per article, in order, parsing them in ``nlp.pipe`` batches.

    Per-record isolation: an article whose parsing or coding raises comes back with one
    E199 error and no annotations; the others are coded as usual.
    """
    size = batch_size or settings.get("batch_size")
    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= size:
            yield from _code_batch(pending)
            pending = []
    if pending:
        yield from _code_batch(pending)


def code_batch(articles: list[Article]) -> list[CodedArticle]:
    """Return the coded articles of one batch: the unit of work every executor runs.

    What the batch's parsing freed is given back to the operating system before returning
    (:func:`multipolar.memory.release_free_memory`), so a long run's memory stays flat.
    """
    coded = list(code_articles(articles, batch_size=max(1, len(articles))))
    release_free_memory()
    return coded


def _failure(article: Article, exc: BaseException) -> CodedArticle:
    failure = IngestError(
        origin=article.origin or article.id,
        code="E199",
        reason=Errors.E199.format(detail=f"{type(exc).__name__}: {exc}"[:500]),
        stage="coding",
    )
    return CodedArticle(article=article, errors=(failure,))


_ID_FIELDS = ("id", "quote_id", "event_id")


def _shift(value, chars: int, sentences: int, ids: dict[str, str]):
    """Return record ``value`` moved by ``chars`` characters and ``sentences`` sentences, ids renamed."""
    if isinstance(value, tuple):
        return tuple(_shift(v, chars, sentences, ids) for v in value)
    if isinstance(value, str):
        return ids.get(value, value)
    if not dataclasses.is_dataclass(value):
        return value
    changes = {}
    for f in dataclasses.fields(value):
        item = getattr(value, f.name)
        if item is None:
            continue
        if f.name in ("start", "end") or f.name.endswith(("_start", "_end")):
            if isinstance(item, int):
                changes[f.name] = item + chars
        elif f.name == "sentence_index" or (isinstance(value, Sentence) and f.name == "index"):
            changes[f.name] = item + sentences
        elif f.name in _ID_FIELDS or f.name == "event_ids" or dataclasses.is_dataclass(item):
            changes[f.name] = _shift(item, chars, sentences, ids)
    return dataclasses.replace(value, **changes)


def code_long(article: Article) -> CodedArticle:
    """Return the coded article for a text longer than ``chunk_chars``: each chunk coded alone.

    The text is cut at paragraph, else sentence, else word boundaries (``nlp.split_text``);
    each chunk is parsed and coded as its own document, then its records are moved to the
    chunk's place in the whole text (offsets, sentence numbers) and their ids made unique, so
    memory and time grow linearly with the text. What a chunk cannot see (an antecedent in an
    earlier chunk) is lost; articles that long are rare and usually not news.
    """
    import logging

    limit = nlp.chunk_limit(nlp.load_pipeline())
    pieces = nlp.split_text(article.text, limit)
    logging.getLogger(__name__).warning(
        Errors.E142.format(length=len(article.text), chunks=len(pieces), limit=limit)
    )
    parts: dict[str, list] = {"sentences": [], "actors": [], "events": [], "quotes": [], "figures": []}
    chars = sentences = 0
    for number, piece in enumerate(pieces):
        chunk = dataclasses.replace(article, text=piece)
        doc = next(iter(nlp.parse([piece], batch_size=1)))
        coded = code_parsed(doc, chunk)
        release_document(doc)
        ids: dict[str, str] = {}
        if number:
            for record in (*coded.events, *coded.quotes, *coded.figures):
                ids[record.id] = stable_id(record.id, "chunk", number)
        for name, records in parts.items():
            for record in getattr(coded, name):
                record = _shift(record, chars, sentences, ids)
                if name == "sentences":
                    record = dataclasses.replace(record, text=article.text[record.start : record.end])
                records.append(record)
        chars += len(piece)
        sentences += len(coded.sentences)
    return CodedArticle(
        article=article,
        sentences=tuple(parts["sentences"]),
        actors=tuple(parts["actors"]),
        events=tuple(parts["events"]),
        quotes=tuple(parts["quotes"]),
        figures=tuple(parts["figures"]),
    )


def _code_batch(batch: list[Article]) -> Iterator[CodedArticle]:
    limit = nlp.chunk_limit(nlp.load_pipeline())
    short = [a for a in batch if len(a.text) <= limit]
    parsed = iter(nlp.parse_isolated([a.text for a in short]))
    for article in batch:
        if len(article.text) > limit:
            try:
                yield code_long(article)
            except Exception as exc:  # one bad article must not stop a corpus run
                yield _failure(article, exc)
            continue
        doc = next(parsed)
        if isinstance(doc, Exception):
            yield _failure(article, doc)
            continue
        try:
            coded = code_parsed(doc, article)
        except Exception as exc:  # one bad article must not stop a corpus run
            coded = _failure(article, exc)
        release_document(doc)  # freed now, not at the garbage collector's next cycle pass
        del doc
        yield coded
