"""The ingest engine: read, deduplicate, code and store, once, whatever executes the coding.

One engine for every way of running:

1. **Read** — ``extract_all`` streams ``(document, article or error)`` out of the readers, one
   file at a time; a reader or extractor failing on one record costs that record only.
2. **Plan** — articles are gathered in batches of ``batch_size``; a ``Deduplicator`` backed by
   the store's persistent index decides for each: code it, link it as a near-duplicate of a
   stored or earlier original, or refuse it (exact duplicate, id repeated in the input, id
   stored with other content) with one error line.
3. **Code** — an executor runs ``pipeline.code_batch`` on each planned batch: in this process
   (``workers=1``) or shared between this process and ``N - 1`` pool processes
   (``workers=N``); ``multipolar.scale`` runs the same coding on Dask.
4. **Write** — one writer (this process) stores each coded batch, its near-duplicate
   signatures and its run bookkeeping in one short transaction, in input order.

Memory bound (single process): the articles of the batches in flight (``batch_size`` ×
(workers + 2) articles with their parsed documents), the spaCy model, knowledge base and
gazetteer (~330 MB with the store's libraries), plus per article of the input about 150 bytes
(its id and origin, to name the first holder of a repeated id). Nothing else grows with the
input: a coded document is freed as soon as its article is coded
(``linguistics.release_document``), and after every coded and every written batch the freed
heap is given back to the system (``multipolar.memory``), so the resident size does not creep
up with fragmentation over a long run.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from multipolar import settings
from multipolar.errors import NOTICE_CODES, Errors
from multipolar.memory import release_free_memory
from multipolar.records import Article, CodedArticle, Document, IngestError

if TYPE_CHECKING:
    from multipolar.ingest.dedup import Deduplicator, Verdict
    from multipolar.store import Store

DUPLICATE_CODE = "E109"
REPEATED_ID_CODE = "E140"
CONFLICT_CODE = "E141"


@dataclass
class RunSummary:
    """What an ingest run did: counts, errors and time taken.

    ``conflicts`` counts records whose id is stored with other content (E141, not stored
    unless ``recode``); ``repeated_ids`` records whose id an earlier record of the same run
    had (E140); ``replaced`` stored articles replaced by a re-coded version.
    ``notices`` counts the errors that are expected skips (``NOTICE_CODES``: another language, ...).
    ``articles_added`` counts articles new to the database, ``articles_recoded`` articles coded
    again (``recode``) that replaced their stored version: a re-code of a stored corpus adds none.
    """

    run_id: str | None = None
    files: int = 0
    documents: int = 0
    articles_added: int = 0
    articles_recoded: int = 0
    already_stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    conflicts: int = 0
    repeated_ids: int = 0
    replaced: int = 0
    notices: int = 0
    events: int = 0
    quotes: int = 0
    seconds: float = 0.0
    errors: list[IngestError] = field(default_factory=list)

    @property
    def failures(self) -> int:
        """Return the number of errors that are real failures (not expected skips)."""
        return len(self.errors) - self.notices

    @property
    def articles_coded(self) -> int:
        """Return the articles coded and stored by this run: added plus re-coded."""
        return self.articles_added + self.articles_recoded

    @property
    def articles_per_second(self) -> float:
        """Return coded articles per second of wall time."""
        return self.articles_coded / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class Progress:
    """A progress report: files done out of total, articles coded so far, errors (failures) and notices so far."""

    files_done: int
    files_total: int
    articles: int
    errors: int
    notices: int = 0


@dataclass
class PlannedBatch:
    """Articles to code with what the writer needs beside them, and the files read so far."""

    articles: list[Article]
    signatures: dict[str, tuple[bytes, list[tuple[int, int]]]]
    replaces: list[str]
    files_done: int


def _failure(origin: str, exc: BaseException, stage: str) -> IngestError:
    detail = f"{type(exc).__name__}: {str(exc)[:300]}"
    return IngestError(origin=origin, code="E199", reason=Errors.E199.format(detail=detail), stage=stage)


def extract_all(
    files: Iterable[str], input_format: str | None = None, default_date: str | None = None
) -> Iterator[tuple[Document | None, Article | IngestError]]:
    """Yield ``(document, article or error)`` for every document in ``files``, in order.

    A reader that raises on a file ends that file with one error line (the records yielded
    before it are kept); an extractor that raises on a document costs that document only.
    """
    from multipolar.ingest import extract_article, read_documents

    for path in files:
        reader = read_documents([path], input_format=input_format)
        while True:
            try:
                item = next(reader)
            except StopIteration:
                break
            except Exception as exc:  # a reader bug must not cost the other files
                yield None, _failure(str(path), exc, "read")
                break
            if isinstance(item, IngestError):
                yield None, item
                continue
            try:
                yield item, extract_article(item, default_date=default_date)
            except Exception as exc:
                yield item, _failure(item.origin, exc, "extract")


def code_inputs(
    paths: Iterable[str | Path], input_format: str | None = None, default_date: str | None = None
) -> Iterator[tuple[Document | None, CodedArticle | IngestError]]:
    """Yield every input document coded (not stored), or the error that stopped it.

    Articles are coded in batches; output order is input order; nothing is deduplicated.
    """
    from multipolar.ingest import input_files
    from multipolar.pipeline import code_articles

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


# -- executors --------------------------------------------------------------------------------


class InlineExecutor:
    """Codes each batch in this process."""

    def map(self, batches: Iterable[PlannedBatch]) -> Iterator[tuple[PlannedBatch, list[CodedArticle]]]:
        """Yield ``(batch, coded articles)`` for every batch, in order."""
        from multipolar.pipeline import code_batch

        for batch in batches:
            yield batch, (code_batch(batch.articles) if batch.articles else [])

    def close(self) -> None:
        """Nothing to release."""


def _worker_start(overrides: dict) -> None:
    """Set a pool worker up: the parent's settings, then the model and knowledge base loaded once."""
    settings.configure(**overrides)
    from multipolar.pipeline import code_batch

    code_batch([Article(id="warm-up", text="The minister met the ambassador.", content_hash="warm-up")])


class PoolExecutor:
    """Codes batches on ``workers`` processes: this one and ``workers - 1`` pool processes.

    The pool's workers take batches while they have capacity; when they are all busy with a
    batch queued behind, this process codes the next batch itself (between its reading and
    writing), so ``workers`` processes share the work and no core idles. Results come back in
    input order; at most ``2 × workers`` batches are in flight, so memory stays bounded.
    Pool workers are started with ``spawn`` (no state inherited), one BLAS thread each.
    """

    def __init__(self, workers: int) -> None:
        """Start ``workers - 1`` processes, each loading the model and knowledge base once."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        self.pool_size = max(1, workers - 1)
        self.started = False
        overrides = settings.effective()
        for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")
        self.pool = ProcessPoolExecutor(
            max_workers=self.pool_size,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_start,
            initargs=(overrides,),
        )

    def map(self, batches: Iterable[PlannedBatch]) -> Iterator[tuple[PlannedBatch, list[CodedArticle]]]:
        """Yield ``(batch, coded articles)`` for every batch, in order."""
        from concurrent.futures import Future

        from multipolar.pipeline import code_batch

        in_flight: deque[tuple[PlannedBatch, Future | list[CodedArticle]]] = deque()
        for batch, last in _with_last(batches):
            if not batch.articles:
                in_flight.append((batch, []))
            else:
                busy = sum(1 for _, f in in_flight if isinstance(f, Future) and not f.done())
                # code here when the pool is saturated, or when a lone last batch would only
                # wait for worker processes to start
                if busy > self.pool_size or (last and not busy and not self.started):
                    in_flight.append((batch, code_batch(batch.articles)))
                else:
                    self.started = True
                    in_flight.append((batch, self.pool.submit(code_batch, batch.articles)))
            while len(in_flight) > 2 * self.workers or (in_flight and _ready(in_flight[0][1])):
                done, result = in_flight.popleft()
                yield done, (result.result() if isinstance(result, Future) else result)
        while in_flight:
            done, result = in_flight.popleft()
            yield done, (result.result() if isinstance(result, Future) else result)

    def close(self) -> None:
        """Stop the worker processes."""
        self.pool.shutdown(wait=True, cancel_futures=True)


def _with_last(items: Iterable[PlannedBatch]) -> Iterator[tuple[PlannedBatch, bool]]:
    """Yield ``(item, is_last)``, reading one item ahead."""
    iterator = iter(items)
    try:
        current = next(iterator)
    except StopIteration:
        return
    for following in iterator:
        yield current, False
        current = following
    yield current, True


def _ready(result) -> bool:
    from concurrent.futures import Future

    return not isinstance(result, Future) or result.done()


# -- the engine -------------------------------------------------------------------------------


class Engine:
    """One ingest run's reading, deduplication, bookkeeping and writing (the executor codes)."""

    def __init__(self, store: Store, summary: RunSummary, recode: bool = False) -> None:
        """Prepare a run on ``store``: the persistent near-duplicate index is filled in if needed."""
        from multipolar.ingest import Deduplicator

        self.store = store
        self.summary = summary
        self.dedup: Deduplicator = Deduplicator(index=store, recode=recode)
        self._recoding: set[str] = set()  # ids of articles about to replace their stored version
        backfill_signatures(store)

    def fail(self, errors: list[IngestError]) -> None:
        """Record errors of this run (summary and store), counting identity problems."""
        if not errors:
            return
        for error in errors:
            if error.code == REPEATED_ID_CODE:
                self.summary.repeated_ids += 1
            elif error.code == CONFLICT_CODE:
                self.summary.conflicts += 1
        self.summary.errors.extend(errors)
        self.summary.notices += sum(1 for error in errors if error.code in NOTICE_CODES)
        self.store.record_errors(self.summary.run_id or "", errors)

    def decide(
        self, articles: list[Article], precomputed: list | None = None
    ) -> tuple[list[Article], dict, list[str]]:
        """Return ``(articles to code, their signatures, stored ids they replace)`` for one batch.

        ``precomputed`` (``(word count, signature)`` per article) comes from a Dask scan.
        """
        keep: list[Article] = []
        signatures: dict[str, tuple[bytes, list[tuple[int, int]]]] = {}
        replaces: list[str] = []
        errors: list[IngestError] = []
        for verdict in self.dedup.check_all(articles, precomputed):
            self._count(verdict, errors)
            if verdict.article is None:
                continue
            keep.append(verdict.article)
            replaces.extend(verdict.replaces)
            if verdict.replaces:
                self._recoding.add(verdict.article.id)
            if verdict.signature is not None:
                from multipolar.ingest.dedup import band_keys

                signatures[verdict.article.id] = (verdict.signature.tobytes(), band_keys(verdict.signature))
        self.fail(errors)
        return keep, signatures, replaces

    def _count(self, verdict: Verdict, errors: list[IngestError]) -> None:
        if verdict.error is not None:
            if verdict.error.code == DUPLICATE_CODE:
                if verdict.already_stored:
                    self.summary.already_stored += 1
                else:
                    self.summary.duplicates += 1
            else:
                errors.append(verdict.error)
            return
        if verdict.article is not None and verdict.article.near_duplicate_of:
            self.summary.near_duplicates += 1
        self.summary.replaced += len(verdict.replaces)

    def write(self, coded: list[CodedArticle], signatures: dict, replaces: list[str]) -> None:
        """Store one coded batch (one transaction; article by article if it fails) and count it."""
        failed = [c for c in coded if c.errors]
        good = [c for c in coded if not c.errors]
        self.fail([e for c in failed for e in c.errors])
        result = self.store.write(good, self.summary.run_id, signatures=signatures, replaces=replaces)
        self.count_written([c.article.id for c in good], result.articles)
        self.summary.events += result.events
        self.summary.quotes += result.quotes
        self.fail(list(result.errors))
        self.dedup.forget(c.article.id for c in coded)
        # let the dashboard and other readers open the file between batches (at most every 5 s)
        self.store.release(min_hold=5.0)
        release_free_memory()  # the batch's rows and Arrow tables: back to the system, not kept as free heap

    def count_written(self, article_ids: list[str], written: int) -> None:
        """Count ``written`` stored articles out of ``article_ids``: re-coded ones (replacing a stored version) apart."""
        recoded = min(written, sum(1 for i in article_ids if i in self._recoding))
        self.summary.articles_recoded += recoded
        self.summary.articles_added += written - recoded
        self._recoding.difference_update(article_ids)

    def finish(self, started: float) -> RunSummary:
        """Close the run's bookkeeping and return its summary."""
        summary = self.summary
        summary.seconds = time.perf_counter() - started
        self.store.finish_run(
            summary.run_id or "",
            added=summary.articles_added,
            duplicates=summary.duplicates + summary.already_stored,
            near_duplicates=summary.near_duplicates,
            errors=len(summary.errors),
        )
        return summary


def backfill_signatures(store: Store) -> int:
    """Add stored originals missing from the near-duplicate index (databases older than schema 3)."""
    from multipolar.ingest.dedup import band_keys, signature

    added = 0
    pending: dict[str, tuple[bytes, list[tuple[int, int]]]] = {}
    for article_id, text in list(store.originals_without_signature(int(settings.get("min_words")))):
        sig = signature(text)
        pending[article_id] = (sig.tobytes(), band_keys(sig))
        if len(pending) >= 500:
            store.add_signatures(pending)
            added += len(pending)
            pending = {}
    store.add_signatures(pending)
    return added + len(pending)


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    input_format: str | None = None,
    default_date: str | None = None,
    batch_size: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    workers: int = 1,
    recode: bool = False,
) -> RunSummary:
    """Read, code and store every input; return the run's summary.

    Idempotent: articles already stored (by content hash) are skipped unless ``recode``;
    near-duplicates of stored or earlier articles are stored with a link to the original but
    not coded; an id repeated in the input or stored with other content is an error line.
    ``workers > 1`` codes on that many processes (one writer). Each batch is written in one
    transaction, so a killed run leaves the database consistent and a re-run completes it.
    """
    from multipolar.ingest import input_files

    started = time.perf_counter()
    files = input_files(paths)
    summary = RunSummary(files=len(files))
    summary.run_id = store.start_run(files)
    engine = Engine(store, summary, recode=recode)
    size = batch_size or settings.get("batch_size")

    def report(done: int) -> None:
        if on_progress is not None:
            on_progress(Progress(done, len(files), summary.articles_coded, summary.failures, summary.notices))

    def planned() -> Iterator[PlannedBatch]:
        pending: list[Article] = []
        done = 0
        for done, path in enumerate(files, start=1):
            errors: list[IngestError] = []
            for _document, item in extract_all([path], input_format, default_date):
                if isinstance(item, IngestError):
                    errors.append(item)
                    continue
                summary.documents += 1
                pending.append(item)
                if len(pending) >= size:
                    yield PlannedBatch(*engine.decide(pending), files_done=done - 1)
                    pending = []
            engine.fail(errors)
            if not pending:
                yield PlannedBatch([], {}, [], files_done=done)
        if pending:
            yield PlannedBatch(*engine.decide(pending), files_done=done)

    executor = PoolExecutor(workers) if workers > 1 else InlineExecutor()
    report(0)
    try:
        with store.memory_limited(str(settings.get("ingest_db_memory_limit"))):
            for batch, coded in executor.map(planned()):
                if coded:
                    engine.write(coded, batch.signatures, batch.replaces)
                report(batch.files_done)
    finally:
        executor.close()
    summary = engine.finish(started)
    report(len(files))
    return summary
