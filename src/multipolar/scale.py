"""Ingest at scale on Dask: workers read, extract and code partitions of the input files; the
driver deduplicates and writes to the one DuckDB file as results arrive.

No cluster of our own: a ``dask.distributed`` scheduler address (``tcp://host:8786``) or a
local cluster of worker processes started here. Each worker process loads the spaCy pipeline
once (``multipolar.nlp.load_pipeline`` is cached per process).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from multipolar import settings
from multipolar.ingest import Deduplicator, input_files
from multipolar.pipeline import code_articles
from multipolar.records import Article, CodedArticle, IngestError
from multipolar.store import Store
from multipolar.workflow import DUPLICATE_CODE, Progress, RunSummary, extract_all


def code_partition(
    files: list[str],
    input_format: str | None = None,
    default_date: str | None = None,
    model: str | None = None,
) -> list[CodedArticle | IngestError]:
    """Return every input of ``files`` coded (or its error); runs on a worker."""
    settings.configure(model=model)
    results: list[CodedArticle | IngestError] = []
    articles: list[Article] = []
    for _document, item in extract_all(files, input_format, default_date):
        if isinstance(item, IngestError):
            results.append(item)
        else:
            articles.append(item)
    results.extend(code_articles(articles))
    return results


def _partitions(files: list[str], size: int) -> list[list[str]]:
    return [files[i : i + size] for i in range(0, len(files), size)]


def ingest_distributed(
    paths: Iterable[str | Path],
    store: Store,
    scheduler: str | None = None,
    workers: int = 2,
    files_per_task: int = 16,
    input_format: str | None = None,
    default_date: str | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> RunSummary:
    """Ingest ``paths`` with Dask workers and return the run's summary.

    Same guarantees as ``workflow.ingest_paths``: exact duplicates and already stored
    articles are skipped (by content hash), near-duplicates are stored linked to the first copy
    and without annotations, each batch is one transaction.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    started = time.perf_counter()
    files = input_files(paths)
    summary = RunSummary(files=len(files))
    dedup = Deduplicator()
    stored: set[str] = set()
    for content_hash, article_id in store.known_articles():
        dedup.seen(content_hash, article_id)
        stored.add(content_hash)
    summary.run_id = store.start_run(files)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        chunks = _partitions(files, files_per_task)
        futures = {
            client.submit(code_partition, chunk, input_format, default_date, settings.get("model"), pure=False): len(chunk)
            for chunk in chunks
        }
        done_files = 0
        for future in as_completed(futures):
            done_files += futures[future]
            batch: list[CodedArticle] = []
            errors: list[IngestError] = []
            for item in future.result():
                if isinstance(item, IngestError):
                    errors.append(item)
                    continue
                summary.documents += 1
                if item.errors:
                    errors.extend(item.errors)
                    continue
                if item.article.content_hash in stored:
                    summary.already_stored += 1
                    continue
                checked = dedup.check(item.article)
                if isinstance(checked, IngestError):
                    if checked.code == DUPLICATE_CODE:
                        summary.duplicates += 1
                    else:
                        errors.append(checked)
                    continue
                if checked.near_duplicate_of:
                    summary.near_duplicates += 1
                    item = CodedArticle(article=checked, sentences=item.sentences)
                else:
                    item = dataclasses.replace(item, article=checked)
                batch.append(item)
            result = store.write(batch, summary.run_id)
            summary.articles_added += result.articles
            summary.events += result.events
            summary.quotes += result.quotes
            summary.errors.extend(errors)
            store.record_errors(summary.run_id or "", errors)
            if on_progress is not None:
                on_progress(Progress(done_files, len(files), summary.articles_added, len(summary.errors)))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    store.finish_run(
        summary.run_id or "",
        added=summary.articles_added,
        duplicates=summary.duplicates + summary.already_stored,
        near_duplicates=summary.near_duplicates,
        errors=len(summary.errors),
    )
    return summary
