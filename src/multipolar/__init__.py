"""multipolar: turn news into event data about the international system, and measure it.

The public API is small::

    import multipolar
    coded = multipolar.code(html_or_text, date="2024-05-16")   # a CodedArticle, nothing stored
    summary = multipolar.ingest_files(["news/"], db="news.duckdb")    # read, code and store
    store = multipolar.open("news.duckdb")
    store.events(actor="RUS", since="2024-01-01").to_pandas()

Everything not listed in ``__all__`` is internal and may change.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from multipolar.records import (
    ActorMention,
    ActorRef,
    Article,
    CodedArticle,
    Event,
    Figure,
    IngestError,
    Location,
    Quote,
    Sentence,
)

__version__ = "0.1.0"
__all__ = [
    "ActorMention",
    "ActorRef",
    "Article",
    "CodedArticle",
    "Event",
    "Figure",
    "IngestError",
    "Location",
    "Quote",
    "Sentence",
    "code",
    "ingest_files",
    "open",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def code(
    html_or_text: str,
    date: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> CodedArticle:
    """Return the coded article for one HTML page or plain-text article; nothing is stored.

    ``date`` (ISO) is used when neither the metadata nor the text gives one. If the article
    cannot be extracted (empty, not English, ...), the result has no annotations and its
    ``errors`` say why.
    """
    from multipolar.ingest import document_from_string, extract_article
    from multipolar.pipeline import code_articles
    from multipolar.records import content_hash

    document = document_from_string(html_or_text, url=url, title=title, source=source)
    article = extract_article(document, default_date=date)
    if isinstance(article, IngestError):
        empty = Article(id=content_hash(html_or_text)[:16], text="", content_hash=content_hash(html_or_text))
        return CodedArticle(article=empty, errors=(article,))
    return next(code_articles([article]))


def ingest_files(paths: Iterable[str | Path] | str | Path, db: str | Path | None = None, **options):
    """Read, code and store ``paths`` (files, folders, globs) into the DuckDB file ``db``.

    Returns a ``RunSummary`` (counts, errors, seconds). Options: ``input_format``,
    ``default_date``, ``batch_size``, ``workers`` (processes), ``recode`` (code stored articles
    again, replace an id stored with other content), ``dask`` (a scheduler address or
    ``"local:N"``: code on Dask, same rows as a single-process run).
    """
    from multipolar import settings
    from multipolar.store import open_store

    if isinstance(paths, str | Path):
        paths = [paths]
    dask = options.pop("dask", None)
    with open_store(db or settings.get("db")) as store:
        if dask:
            from multipolar.scale import ingest_dask

            options.pop("workers", None)
            options.pop("batch_size", None)
            summary = ingest_dask(paths, store, dask=dask, **options)
        else:
            from multipolar.workflow import ingest_paths

            summary = ingest_paths(paths, store, **options)
        from multipolar.analysis.aggregates import refresh_after_ingest

        refresh_after_ingest(store)  # the end of every run: store the analysis aggregates (skipped when current)
        return summary


def open(  # noqa: A001 (the documented API name)
    path: str | Path | None = None, write: bool = False, read_only: bool | None = None
):
    """Return the ``Store`` for the DuckDB file at ``path``: read-only unless ``write=True``.

    A read-only store does not stop an ingest from starting, but holds the file while a query
    runs; ``write=True`` creates the file if missing and takes its writer lock until
    ``close()`` (use ``with multipolar.open(path, write=True) as store:``). ``read_only`` is
    the older spelling (``read_only=False`` means ``write=True``).
    """
    from multipolar import settings
    from multipolar.store import open_store

    writing = write or read_only is False
    return open_store(path or settings.get("db"), read_only=not writing)
