"""Ingest on Dask: the same engine as ``workflow.ingest_paths``, with the coding on a cluster.

No cluster of our own: a ``dask.distributed`` scheduler address (``tcp://host:8786``, any
cluster dask-jobqueue or dask-kubernetes started) or ``local:N``, a LocalCluster of N worker
processes started here.

1. The input files are cut into **partitions**: each JSONL, WARC or large file alone, small
   HTML/text files in groups of ``files_per_partition``.
2. **Scan** (on the workers): each partition is read and extracted; only identities come back
   (id, content hash, word count, MinHash signature, origin), never texts.
3. **Decide** (here, in input order): the run's ``Engine`` deduplicates against the store's
   persistent index exactly as a single-process run would, so no duplicate is ever coded.
4. **Code** (on the workers): each partition is extracted again and its kept articles coded
   with ``pipeline.code_batch``; the rows are written to ``OUT/part-NNNNN-KEY/TABLE.parquet``
   in a temporary folder renamed into place when complete. KEY hashes the partition's files,
   the decisions and the model: a re-run finds completed partitions and does not code them
   again. A task whose worker dies is retried by Dask on another worker.
5. **Load** (here, in input order): each partition goes into the DuckDB store in one
   transaction with its near-duplicate signatures — or stays as a Parquet dataset
   (``out_parquet``) for DuckDB, Spark or Polars.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from multipolar import settings
from multipolar.errors import Errors, MultipolarError
from multipolar.records import Article, IngestError
from multipolar.workflow import Engine, Progress, RunSummary, extract_all

BIG_FILE = 1_000_000
STREAM_SUFFIXES = (".jsonl", ".ndjson", ".warc", ".warc.gz", ".arc", ".gz")


@dataclass(frozen=True)
class Scanned:
    """The identity of one extracted article, as a scan task returns it (no text)."""

    ordinal: int
    article: Article  # text emptied
    words: int
    signature: bytes


def partition_files(files: list[str], files_per_partition: int = 64) -> list[list[str]]:
    """Return the partitions of ``files``: streams (JSONL, WARC) and big files alone, small files grouped."""
    partitions: list[list[str]] = []
    group: list[str] = []
    for path in files:
        alone = path.lower().endswith(STREAM_SUFFIXES) or (os.path.exists(path) and os.path.getsize(path) > BIG_FILE)
        if alone:
            partitions.append([path])
            continue
        group.append(path)
        if len(group) >= files_per_partition:
            partitions.append(group)
            group = []
    if group:
        partitions.append(group)
    return partitions


def _articles(files: list[str], input_format: str | None, default_date: str | None):
    """Yield ``(ordinal, article or error)`` for a partition: the same order in scan and code."""
    for ordinal, (_document, item) in enumerate(extract_all(files, input_format, default_date)):
        yield ordinal, item


def scan_partition(
    files: list[str], input_format: str | None, default_date: str | None, overrides: dict
) -> tuple[list[Scanned], list[IngestError]]:
    """Return the identities of a partition's articles and its read/extract errors (runs on a worker)."""
    from multipolar.ingest.dedup import signature

    settings.configure(**overrides)
    scanned: list[Scanned] = []
    errors: list[IngestError] = []
    for ordinal, item in _articles(files, input_format, default_date):
        if isinstance(item, IngestError):
            errors.append(item)
            continue
        words = len(item.text.split())
        sig = signature(item.text).tobytes() if words >= int(settings.get("min_words")) else b""
        light = Article(**{**item.__dict__, "text": ""})
        scanned.append(Scanned(ordinal, light, words, sig))
    return scanned, errors


def code_partition(
    files: list[str],
    decisions: dict[int, str | None],
    folder: str,
    input_format: str | None,
    default_date: str | None,
    overrides: dict,
) -> str:
    """Code the kept articles of a partition into a Parquet folder and return its path (runs on a worker).

    ``decisions`` maps the ordinal of each article to code to its ``near_duplicate_of``
    (``None`` for an original). The folder appears complete or not at all.
    """
    from multipolar.pipeline import code_batch
    from multipolar.store.schema import CONTENT_TABLES
    from multipolar.store.store import Store

    settings.configure(**overrides)
    target = Path(folder)
    if (target / "errors.json").exists():
        return folder
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    errors: list[IngestError] = []
    size = int(settings.get("batch_size"))
    store = Store(work / "part.duckdb")
    try:
        batch: list[Article] = []

        def flush() -> None:
            coded = code_batch(batch)
            errors.extend(e for c in coded for e in c.errors)
            result = store.write([c for c in coded if not c.errors], "")
            errors.extend(result.errors)
            batch.clear()

        for ordinal, item in _articles(files, input_format, default_date):
            if isinstance(item, IngestError) or ordinal not in decisions:
                continue
            original = decisions[ordinal]
            batch.append(Article(**{**item.__dict__, "near_duplicate_of": original}) if original else item)
            if len(batch) >= size:
                flush()
        if batch:
            flush()
        for table in CONTENT_TABLES:
            if store.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
                out = str(work / f"{table}.parquet").replace("'", "''")
                store.connection.execute(f"COPY (SELECT * FROM {table}) TO '{out}' (FORMAT parquet)")
    finally:
        store.close()
    (work / "part.duckdb").unlink(missing_ok=True)
    for extra in work.glob("part.duckdb.*"):
        extra.unlink()
    (work / "errors.json").write_text(json.dumps([e.__dict__ for e in errors]), encoding="utf-8")
    try:
        os.rename(work, target)
    except OSError:  # another attempt finished it first
        shutil.rmtree(work, ignore_errors=True)
    return folder


def _partition_key(files: list[str], decisions: dict[int, str | None], overrides: dict) -> str:
    digest = hashlib.sha256()
    for path in files:
        stat = os.stat(path) if os.path.exists(path) else None
        digest.update(f"{os.path.abspath(path)}|{stat.st_size if stat else -1}|{stat.st_mtime_ns if stat else -1}\n".encode())
    digest.update(json.dumps(sorted(decisions.items()), default=str).encode())
    digest.update(json.dumps({k: overrides.get(k) for k in ("model", "chunk_chars")}, default=str).encode())
    from multipolar import __version__

    digest.update(__version__.encode())
    return digest.hexdigest()[:16]


def connect(dask: str):
    """Return ``(client, cluster or None)`` for ``address`` or ``local:N``; one E910/E911/E912 line on failure."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise MultipolarError(Errors.E911.format(detail=exc)) from exc
    if dask.startswith("local"):
        count = dask.partition(":")[2] or "2"
        if not count.isdigit() or int(count) < 1:
            raise MultipolarError(Errors.E912.format(value=dask))
        cluster = LocalCluster(
            n_workers=int(count), threads_per_worker=1, processes=True, dashboard_address=None
        )
        return Client(cluster), cluster
    if "://" not in dask and ":" not in dask:
        raise MultipolarError(Errors.E912.format(value=dask))
    seconds = float(settings.get("dask_timeout"))
    _check_reachable(dask, seconds)
    outcome: dict = {}

    def attempt() -> None:  # in a thread: a listener that never answers must not hang the run
        try:
            outcome["client"] = Client(dask, timeout=seconds)
        except Exception as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(seconds)
    if "client" in outcome:
        return outcome["client"], None
    exc = outcome.get("error")
    detail = (str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__) if exc else "no answer"
    raise MultipolarError(Errors.E910.format(address=dask, seconds=seconds, detail=detail))


def _check_reachable(address: str, seconds: float) -> None:
    """Raise E910 at once when nothing listens at a ``tcp://host:port`` address (Dask would retry until its timeout)."""
    import socket
    from urllib.parse import urlsplit

    if not address.startswith("tcp://"):
        return
    parts = urlsplit(address)
    try:
        port = parts.port
    except ValueError:
        port = None
    if not parts.hostname or port is None:
        raise MultipolarError(Errors.E912.format(value=address))
    try:
        socket.create_connection((parts.hostname, port), timeout=seconds).close()
    except OSError as exc:
        raise MultipolarError(
            Errors.E910.format(address=address, seconds=seconds, detail=exc.strerror or type(exc).__name__)
        ) from None


def ingest_dask(
    paths: Iterable[str | Path],
    store=None,
    dask: str = "local:2",
    out_parquet: str | Path | None = None,
    files_per_partition: int = 64,
    input_format: str | None = None,
    default_date: str | None = None,
    recode: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
) -> RunSummary:
    """Ingest ``paths`` on Dask and return the run's summary (see the module docstring).

    With ``store`` (and no ``out_parquet``) the partitions are written to a temporary folder,
    loaded into the store and removed; with ``out_parquet`` they stay there as a Parquet
    dataset (``TABLE.parquet`` files in one folder per partition) and nothing is loaded. Without
    a store, deduplication covers this run only.
    """
    started = time.perf_counter()
    client, cluster = connect(dask)  # first: a bad address costs nothing else
    try:
        if store is None:
            return _run(client, paths, store, out_parquet, files_per_partition, input_format, default_date,
                        recode, on_progress, started)
        with store.memory_limited(str(settings.get("ingest_db_memory_limit"))):
            return _run(client, paths, store, out_parquet, files_per_partition, input_format, default_date,
                        recode, on_progress, started)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run(client, paths, store, out_parquet, files_per_partition, input_format, default_date, recode,
         on_progress, started) -> RunSummary:
    from multipolar.ingest import input_files
    from multipolar.ingest.dedup import band_keys

    files = input_files(paths)
    summary = RunSummary(files=len(files))
    if store is None and out_parquet is None:
        raise ValueError("ingest_dask needs a store or out_parquet")
    load = out_parquet is None
    own_store = store is None
    if own_store:
        from multipolar.store.store import Store

        store = Store(":memory:")
    keep = out_parquet is not None
    out = Path(out_parquet) if keep else Path(tempfile.mkdtemp(prefix="multipolar-parts-"))
    out.mkdir(parents=True, exist_ok=True)
    summary.run_id = store.start_run(files)
    engine = Engine(store, summary, recode=recode)
    overrides = settings.effective()
    parts = partition_files(files, files_per_partition)
    try:
        scans = [
            client.submit(scan_partition, part, input_format, default_date, overrides, pure=False, retries=2)
            for part in parts
        ]
        coding = []
        for index, (part, future) in enumerate(zip(parts, scans, strict=True)):
            scanned, errors = future.result()
            future.release()
            engine.fail(errors)
            summary.documents += len(scanned)
            precomputed = [(s.words, np.frombuffer(s.signature, dtype=np.uint32) if s.signature else None) for s in scanned]
            keep_articles, signatures, replaces = engine.decide([s.article for s in scanned], precomputed)
            kept_ids = {a.id: a.near_duplicate_of for a in keep_articles}
            decisions = {s.ordinal: kept_ids[s.article.id] for s in scanned if s.article.id in kept_ids}
            if signatures:
                signatures = {i: (sig, band_keys(np.frombuffer(sig, dtype=np.uint32))) for i, (sig, _k) in signatures.items()}
            if not decisions:
                coding.append((part, None, signatures, replaces, list(kept_ids)))
                continue
            folder = out / f"part-{index:05d}-{_partition_key(part, decisions, overrides)}"
            task = client.submit(
                code_partition, part, decisions, str(folder), input_format, default_date, overrides,
                pure=False, retries=3,
            )
            coding.append((part, task, signatures, replaces, list(kept_ids)))
        done_files = 0
        for part, task, signatures, replaces, kept in coding:
            done_files += len(part)
            if task is not None:
                folder = Path(task.result())
                task.release()
                raw = json.loads((folder / "errors.json").read_text(encoding="utf-8"))
                engine.fail([IngestError(**e) for e in raw])
                if load:
                    try:
                        result = store.load_parquet(folder, signatures, replaces, run_id=summary.run_id)
                    except Exception as exc:  # a damaged partition: report it, keep loading the rest
                        engine.fail([IngestError(str(folder), "E511", Errors.E511.format(path=folder, detail=exc), "store")])
                    else:
                        engine.count_written(kept, result.articles)
                        summary.events += result.events
                        summary.quotes += result.quotes
                else:
                    engine.count_written(kept, _parquet_rows(folder / "articles.parquet"))
                    summary.events += _parquet_rows(folder / "events.parquet")
                    summary.quotes += _parquet_rows(folder / "quotes.parquet")
            engine.dedup.forget(kept)
            if on_progress is not None:
                on_progress(Progress(done_files, len(files), summary.articles_coded, summary.failures, summary.notices))
    finally:
        if not keep:
            shutil.rmtree(out, ignore_errors=True)
    summary = engine.finish(started)
    if own_store:
        store.close()
    return summary


def _parquet_rows(path: Path) -> int:
    if not path.exists():
        return 0
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows

