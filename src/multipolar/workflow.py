"""Whole jobs built from the stages: code inputs without storing, or ingest them into a store.

The CLI and the Python API both call these functions; they hold no presentation logic and
report progress through an optional callback.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from multipolar import settings
from multipolar.ingest import Deduplicator, extract_article, input_files, read_documents
from multipolar.pipeline import code_articles
from multipolar.records import Article, CodedArticle, Document, IngestError
from multipolar.store import Store

DUPLICATE_CODE = "E109"


@dataclass
class RunSummary:
    """What an ingest run did: counts, errors and time taken."""

    run_id: str | None = None
    files: int = 0
    documents: int = 0
    articles_added: int = 0
    already_stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    events: int = 0
    quotes: int = 0
    seconds: float = 0.0
    errors: list[IngestError] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        """Return coded articles per second of wall time."""
        return self.articles_added / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class Progress:
    """A progress report: files done out of total, articles coded so far, errors so far."""

    files_done: int
    files_total: int
    articles: int
    errors: int


def extract_all(
    files: Iterable[str], input_format: str | None = None, default_date: str | None = None
) -> Iterator[tuple[Document | None, Article | IngestError]]:
    """Yield ``(document, article or error)`` for every document in ``files``, in order."""
    for item in read_documents(list(files), input_format=input_format):
        if isinstance(item, IngestError):
            yield None, item
            continue
        yield item, extract_article(item, default_date=default_date)


def code_inputs(
    paths: Iterable[str | Path], input_format: str | None = None, default_date: str | None = None
) -> Iterator[tuple[Document | None, CodedArticle | IngestError]]:
    """Yield every input document coded (not stored), or the error that stopped it.

    Articles are coded in ``nlp.pipe`` batches; output order is input order.
    """
    batch: list[tuple[Document | None, Article | IngestError]] = []
    size = settings.get("batch_size")

    def flush() -> Iterator[tuple[Document | None, CodedArticle | IngestError]]:
        articles = [a for _, a in batch if isinstance(a, Article)]
        coded = iter(code_articles(articles, batch_size=size))
        for document, item in batch:
            yield document, (next(coded) if isinstance(item, Article) else item)
        batch.clear()

    for document, item in extract_all(input_files(paths), input_format, default_date):
        batch.append((document, item))
        if len(batch) >= size:
            yield from flush()
    yield from flush()


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    input_format: str | None = None,
    default_date: str | None = None,
    batch_size: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> RunSummary:
    """Read, code and store every input; return the run's summary.

    Idempotent: articles already stored (by content hash) are skipped, near-duplicates are
    stored with a link to the first copy but not coded. Each batch is written in one
    transaction, so a killed run leaves the database consistent and a re-run completes it.
    """
    started = time.perf_counter()
    files = input_files(paths)
    summary = RunSummary(files=len(files))
    size = batch_size or settings.get("batch_size")
    dedup = Deduplicator()
    stored_hashes: set[str] = set()
    for content_hash, article_id in store.known_articles():
        dedup.seen(content_hash, article_id)
        stored_hashes.add(content_hash)
    summary.run_id = store.start_run(files)
    pending: list[Article] = []

    def flush() -> None:
        if not pending:
            return
        coded = list(code_articles(pending, batch_size=size))
        failed = [c for c in coded if c.errors]
        good = [c for c in coded if not c.errors]
        for item in failed:
            summary.errors.extend(item.errors)
        result = store.write(good, summary.run_id)
        summary.articles_added += result.articles
        summary.events += result.events
        summary.quotes += result.quotes
        store.record_errors(summary.run_id or "", [e for c in failed for e in c.errors])
        pending.clear()

    def report(done: int) -> None:
        if on_progress is not None:
            on_progress(Progress(done, len(files), summary.articles_added + len(pending), len(summary.errors)))

    report(0)
    for done, path in enumerate(files, start=1):
        file_errors: list[IngestError] = []
        for _document, item in extract_all([path], input_format, default_date):
            if isinstance(item, Article):
                summary.documents += 1
                if item.content_hash in stored_hashes:
                    summary.already_stored += 1
                    continue
                item = dedup.check(item)
            if isinstance(item, IngestError):
                if item.code == DUPLICATE_CODE:
                    summary.duplicates += 1
                    continue
                file_errors.append(item)
                continue
            if item.near_duplicate_of:
                summary.near_duplicates += 1
            pending.append(item)
            if len(pending) >= size:
                flush()
                report(done - 1)
        summary.errors.extend(file_errors)
        store.record_errors(summary.run_id or "", file_errors)
        report(done)
    flush()
    summary.seconds = time.perf_counter() - started
    store.finish_run(
        summary.run_id or "",
        added=summary.articles_added,
        duplicates=summary.duplicates + summary.already_stored,
        near_duplicates=summary.near_duplicates,
        errors=len(summary.errors),
    )
    report(len(files))
    return summary
