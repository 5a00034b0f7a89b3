"""The embedded DuckDB store: write coded articles in transactions, read typed records back."""

from __future__ import annotations

import datetime as dt
import time
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import duckdb
import pyarrow as pa

from multipolar.errors import Errors, MultipolarError
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
    stable_id,
)
from multipolar.store.access import IN_MEMORY, READER_WINDOW, WriterLock, connect, connection_config
from multipolar.store.schema import CONTENT_TABLES, INDEX_TABLES, MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from multipolar.analysis.base import EventScope

T = TypeVar("T")


def arrow_batches(connection: Any, sql: str, params: list[Any], batch_rows: int = 50_000) -> Iterator[pa.RecordBatch]:
    """Yield the result of ``sql`` on a cursor of ``connection`` as Arrow record batches of at most ``batch_rows`` rows.

    Only one batch is held at a time; the cursor is closed when the caller stops reading.
    """
    cursor = connection.cursor()
    try:
        result = cursor.execute(sql, params)
        # DuckDB 2 names it to_arrow_reader(); earlier versions fetch_record_batch()
        reader = getattr(result, "to_arrow_reader", None) or result.fetch_record_batch
        with warnings.catch_warnings():  # its note about an extra copy concerns speed only
            warnings.simplefilter("ignore", UserWarning)
            batches = reader(batch_rows)
        yield from batches
    finally:
        cursor.close()


def arrow_to_pandas(table: pa.Table):
    """Return ``table`` as a DataFrame with dates as dates and nullable integer and boolean columns."""
    import pandas as pd

    nullable = {
        pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(),
    }
    return table.to_pandas(types_mapper=nullable.get, date_as_object=True)


class ResultSet(Sequence[T], Generic[T]):
    """Typed records from a query, with the same rows as a table (``to_arrow``/``to_pandas``)."""

    def __init__(self, records: list[T], table: pa.Table) -> None:
        self._records = records
        self._table = table

    def __getitem__(self, index):  # type: ignore[override]
        return self._records[index]

    def __len__(self) -> int:
        return len(self._records)

    def __repr__(self) -> str:
        return f"ResultSet({len(self._records)} rows)"

    def to_arrow(self) -> pa.Table:
        """Return the rows as a pyarrow Table (the stored columns)."""
        return self._table

    def to_pandas(self):
        """Return the rows as a pandas DataFrame (the stored columns).

        Dates are ``datetime.date`` values, offsets and counts stay integers even where some
        rows have none (pandas nullable ``Int32``/``Int64``, missing values ``<NA>``), and
        flags are nullable booleans, instead of floats and objects.
        """
        return arrow_to_pandas(self._table)

    def to_dicts(self) -> list[dict[str, Any]]:
        """Return the rows as plain dictionaries (the stored columns)."""
        return self._table.to_pylist()


@dataclass(frozen=True)
class WriteResult:
    """What one ``Store.write`` call stored."""

    articles: int
    skipped: int
    events: int
    quotes: int
    errors: tuple[IngestError, ...] = ()


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _full_date(value: str | None) -> str | None:
    """Return ``value`` if it is a full ISO date (YYYY-MM-DD), else ``None``."""
    if value and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


def _event_date(event_date: str | None, article_date: str | None) -> tuple[str | None, str | None]:
    """Return the stored ``(date, precision)`` of an event.

    Events dated to a month (``2023-11``) or a year (``2016``) are stored on its first day with
    precision ``month``/``year``; undated events take the article date (precision ``article``).
    """
    full = _full_date(event_date)
    if full:
        return full, "day"
    if event_date and len(event_date) == 7 and _full_date(event_date + "-01"):
        return event_date + "-01", "month"
    if event_date and len(event_date) == 4 and event_date.isdigit():
        return event_date + "-01-01", "year"
    return _full_date(article_date), "article" if article_date else None


def _ref(prefix: str, ref: ActorRef | None) -> dict[str, Any]:
    fields = ("code", "country", "sector", "text", "name", "start", "end")
    return {f"{prefix}_{f}": (getattr(ref, f) if ref is not None else None) for f in fields}


def _event_row(event: Event, article: Article) -> dict[str, Any]:
    loc = event.location
    date, precision = _event_date(event.date, article.date)
    row: dict[str, Any] = {
        "id": event.id,
        "article_id": event.article_id,
        "sentence_index": event.sentence_index,
        "date": date,
        "date_precision": precision,
        "plover": event.plover,
        "cameo": event.cameo,
        "cameo_root": event.cameo[:2] if event.cameo else None,
        "goldstein": event.goldstein,
        "mode": event.mode,
        "context": event.context,
        "modality": event.modality,
        "negated": event.negated,
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "sentence": event.sentence,
        "rule": event.rule,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None,
        "quote_id": event.quote_id,
        "mentions": event.mentions,
        "timing": event.timing,
        "domestic": event.domestic,
    }
    row.update(_ref("source", event.source))
    row.update(_ref("target", event.target))
    return row


def _quote_row(quote: Quote) -> dict[str, Any]:
    sp, md, ls = quote.speaker, quote.medium, quote.listener
    return {
        "id": quote.id,
        "article_id": quote.article_id,
        "text": quote.text,
        "kind": quote.kind,
        "start": quote.start,
        "end": quote.end,
        "speaker_code": sp.code if sp else None,
        "speaker_country": sp.country if sp else None,
        "speaker_sector": sp.sector if sp else None,
        "speaker_text": sp.text if sp else None,
        "speaker_name": sp.name if sp else None,
        "medium_code": md.code if md else None,
        "medium_text": md.text if md else None,
        "listener_code": ls.code if ls else None,
        "listener_text": ls.text if ls else None,
        "verb": quote.verb,
        "sentence_index": quote.sentence_index,
        "event_ids": list(quote.event_ids),
        "cue": quote.cue,
        "cue_class": quote.cue_class,
        "rule": quote.rule,
    }


def article_rows(coded: CodedArticle, run_id: str, now: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """Return the rows ``{table: [row, ...]}`` that store one coded article (shared by DuckDB and Parquet writes)."""
    art = coded.article
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [
            {
                "id": art.id,
                "content_hash": art.content_hash,
                "title": art.title,
                "text": art.text,
                "date": _full_date(art.date),
                "date_source": art.date_source,
                "url": art.url,
                "source": art.source,
                "author": art.author,
                "language": art.language,
                "origin": art.origin,
                "near_duplicate_of": art.near_duplicate_of,
                "run_id": run_id,
                "ingested_at": now,
            }
        ],
        "sentences": [
            {"article_id": s.article_id, "idx": s.index, "start": s.start, "end": s.end, "text": s.text}
            for s in coded.sentences
        ],
        "actors": [
            {
                "id": stable_id(art.id, "actor", m.start, m.end),
                "article_id": art.id,
                "sentence_index": m.sentence_index,
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "code": m.code,
                "country": m.country,
                "sector": m.sector,
                "kind": m.kind,
                "name": m.name,
                "role": m.role,
                "entity_id": m.entity_id,
                "rule": m.rule,
                "resolved": m.resolved,
            }
            for m in coded.actors
        ],
        "events": [_event_row(e, art) for e in coded.events],
        "quotes": [_quote_row(q) for q in coded.quotes],
        "figures": [
            {
                "id": f.id,
                "article_id": f.article_id,
                "kind": f.kind,
                "count": f.count,
                "qualifier": f.qualifier,
                "who": f.who,
                "unit": f.unit,
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "event_id": f.event_id,
            }
            for f in coded.figures
        ],
    }
    return rows


class Store:
    """A multipolar DuckDB database: one file, schema-versioned, written in transactions.

    A writing store holds the file's writer lock from opening to ``close()`` (a second writer
    queues, then stops with E130); its connection is opened on first use, and ``release()``
    closes it between batches so readers can open the file (see ``multipolar.store.access``).
    """

    def __init__(self, path: str | Path, read_only: bool = False, wait: float | None = None) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise MultipolarError(Errors.E505.format(path=self.path))
        self.read_only = read_only
        self._wait = wait
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._memory_limit: str | None = None
        self._opened_at = 0.0
        self._released_at = float("-inf")
        self._writer_lock = None if read_only else WriterLock(self.path).acquire(wait)
        self._column_cache: dict[str, list[str]] = {}
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, opened (with retries while another process holds the file) on first use."""
        if self._connection is None:
            gap = READER_WINDOW - (time.monotonic() - self._released_at)
            if gap > 0:  # after a release, leave waiting readers (who retry every 0.2 s) a window
                time.sleep(gap)
            self._connection = connect(
                self.path, read_only=self.read_only, wait=self._wait, memory_limit=self._memory_limit
            )
            self._opened_at = time.monotonic()
        return self._connection

    def release(self, min_hold: float = 0.0) -> None:
        """Close the connection until the next statement, letting readers open the file meanwhile.

        Call it between write batches (never inside a transaction). With ``min_hold``, the
        connection is closed only once it has been open that many seconds (reopening and
        checkpointing costs about 0.1-0.2 s, so ``min_hold=2`` keeps that under a few percent
        while readers still get in every few seconds). A writing store keeps its writer lock.
        Does nothing for an in-memory database, whose data would be lost.
        """
        if self._connection is None or self.path == IN_MEMORY:
            return
        if time.monotonic() - self._opened_at < min_hold:
            return
        self._connection.close()
        self._connection = None
        self._released_at = time.monotonic()

    @contextmanager
    def memory_limited(self, limit: str) -> Iterator[Store]:
        """Hold DuckDB to ``limit`` (e.g. ``64MB``) for the block, on this connection and every reopening.

        Example: ``with store.memory_limited("64MB"): ...`` writes a long run's batches with the
        store's cache and checkpoints within 64 MB (what does not fit is read back from the
        file or spilled to ``<db>.tmp``). An empty ``limit`` or an in-memory database (whose
        rows live in that memory) leaves the limit as it is; the old limit is set back after.
        """
        limit = limit.strip()
        if not limit or self.path == IN_MEMORY or self.read_only:
            yield self
            return
        before = self._memory_limit
        self._memory_limit = limit
        if self._connection is not None:
            self._connection.execute("SET memory_limit = ?", [limit])
        try:
            yield self
        finally:
            self._memory_limit = before
            if self._connection is not None:
                restored = connection_config(before).get("memory_limit")
                if restored:
                    self._connection.execute("SET memory_limit = ?", [restored])
                else:
                    self._connection.execute("RESET memory_limit")

    @contextmanager
    def batch(self, min_hold: float = 0.0) -> Iterator[Store]:
        """Use the connection for one batch, then ``release(min_hold)`` it (also when the batch fails)."""
        try:
            yield self
        finally:
            self.release(min_hold)

    # -- schema -------------------------------------------------------------------------
    def schema_version(self) -> int:
        """Return the schema version recorded in the database (0 for an empty database)."""
        has_meta = self.connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        ).fetchone()[0]
        if not has_meta:
            return 0
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise MultipolarError(
                Errors.E500.format(path=self.path, found=version, expected=SCHEMA_VERSION)
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise MultipolarError(Errors.E501.format(path=self.path))
        con = self.connection
        con.execute("BEGIN TRANSACTION")
        try:
            for step in MIGRATIONS[version:]:
                for statement in step:
                    con.execute(statement)
            con.execute("DELETE FROM meta WHERE key = 'schema_version'")
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the database connection and give up the writer lock."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._writer_lock is not None:
            self._writer_lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------
    def known_articles(self) -> Iterator[tuple[str, str]]:
        """Yield ``(content_hash, article_id)`` for every stored article."""
        cursor = self.connection.execute("SELECT content_hash, id FROM articles")
        while rows := cursor.fetchmany(10_000):
            yield from rows

    def has_article(self, content_hash: str) -> bool:
        """Return whether an article with ``content_hash`` is already stored."""
        row = self.connection.execute(
            "SELECT 1 FROM articles WHERE content_hash = ? LIMIT 1", [content_hash]
        ).fetchone()
        return row is not None

    def stored_identities(
        self, hashes: Sequence[str], ids: Sequence[str]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """Return ``({content_hash: id}, {id: content_hash})`` of stored articles with those hashes or ids."""
        rows = self.connection.execute(
            "SELECT content_hash, id FROM articles WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) "
            "OR id IN (SELECT unnest(?::VARCHAR[]))",
            [list(hashes), list(ids)],
        ).fetchall()
        wanted_hashes, wanted_ids = set(hashes), set(ids)
        by_hash = {h: i for h, i in rows if h in wanted_hashes}
        by_id = {i: h for h, i in rows if i in wanted_ids}
        return by_hash, by_id

    def near_duplicate_candidates(self, keys: Sequence[tuple[int, int]]) -> list[tuple[int, int, str, bytes]]:
        """Return ``(band, bucket, article_id, signature)`` of stored originals with any LSH ``(band, bucket)`` key."""
        if not keys:
            return []
        wanted = pa.table(
            {"band": pa.array([k[0] for k in keys], pa.int16()), "bucket": pa.array([k[1] for k in keys], pa.int64())}
        )
        self.connection.register("_wanted_keys", wanted)
        try:
            hits = self.connection.execute(
                "SELECT b.band, b.bucket, b.article_id FROM near_bands b "
                "JOIN _wanted_keys k ON k.bucket = b.bucket AND k.band = b.band"
            ).fetchall()
        finally:
            self.connection.unregister("_wanted_keys")
        if not hits:
            return []
        # the signatures of the hits only: joining the whole signature table would read every
        # stored signature (a kilobyte per article) for each batch
        signatures = dict(self.connection.execute(
            "SELECT article_id, signature FROM near_signatures WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted({article_id for _band, _bucket, article_id in hits})],
        ).fetchall())
        found = [(band, bucket, article_id, signatures[article_id]) for band, bucket, article_id in hits
                 if article_id in signatures]
        return sorted(found, key=lambda row: row[2])

    def originals_without_signature(self, min_words: int) -> Iterator[tuple[str, str]]:
        """Yield ``(article_id, text)`` of stored originals missing from the near-duplicate index.

        Databases written before schema 3 have none; ingest fills them in once.
        """
        # ids first: the texts are read only for articles lacking a signature (usually none),
        # not scanned and split for every stored article at the start of each run
        missing = [row[0] for row in self.connection.execute(
            "SELECT a.id FROM articles a WHERE a.near_duplicate_of IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM near_signatures s WHERE s.article_id = a.id)"
        ).fetchall()]
        if not missing:
            return
        cursor = self.connection.execute(
            "SELECT a.id, a.text FROM articles a WHERE a.id IN (SELECT unnest(?::VARCHAR[])) "
            "AND len(string_split_regex(trim(a.text), '\\s+')) >= ? ORDER BY a.id",
            [missing, min_words],
        )
        while rows := cursor.fetchmany(1_000):
            yield from rows

    def add_signatures(self, signatures: Mapping[str, tuple[bytes, Sequence[tuple[int, int]]]]) -> None:
        """Add near-duplicate index entries ``{article_id: (signature, band keys)}`` in one transaction."""
        if not signatures:
            return
        con = self.connection
        con.execute("BEGIN TRANSACTION")
        try:
            self._insert_signatures(signatures)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _insert_signatures(self, signatures: Mapping[str, tuple[bytes, Sequence[tuple[int, int]]]]) -> None:
        con = self.connection
        con.executemany(
            "INSERT INTO near_signatures VALUES (?, ?)", [[i, sig] for i, (sig, _keys) in signatures.items()]
        )
        bands = pa.table(
            {
                "band": pa.array([k[0] for _, keys in signatures.values() for k in keys], pa.int16()),
                "bucket": pa.array([k[1] for _, keys in signatures.values() for k in keys], pa.int64()),
                "article_id": [i for i, (_, keys) in signatures.items() for _ in keys],
            }
        )
        con.register("_incoming_bands", bands)
        con.execute("INSERT INTO near_bands SELECT band, bucket, article_id FROM _incoming_bands")
        con.unregister("_incoming_bands")

    def start_run(self, inputs: Iterable[str]) -> str:
        """Record the start of an ingest run and return its id.

        Runs left ``running`` by a killed process are marked ``interrupted`` first.
        """
        run_id = uuid.uuid4().hex[:16]
        con = self.connection
        con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        con.execute(
            "INSERT INTO runs (id, started_at, status, inputs) VALUES (?, ?, 'running', ?)",
            [run_id, dt.datetime.now(), " ".join(inputs)[:10_000]],
        )
        return run_id

    def finish_run(self, run_id: str, *, added: int, duplicates: int, near_duplicates: int, errors: int) -> None:
        """Record the end of run ``run_id`` with its counts."""
        self.connection.execute(
            "UPDATE runs SET ended_at = ?, status = 'finished', articles_added = ?, duplicates = ?, "
            "near_duplicates = ?, errors = ? WHERE id = ?",
            [dt.datetime.now(), added, duplicates, near_duplicates, errors, run_id],
        )

    def record_errors(self, run_id: str, errors: Sequence[IngestError]) -> None:
        """Store the per-file errors of a run."""
        if not errors:
            return
        # one bulk insert: a flood of a million bad lines must not become a million statements
        incoming = pa.table({
            "run_id": [run_id] * len(errors),
            "origin": [e.origin for e in errors],
            "code": [e.code for e in errors],
            "reason": [e.reason for e in errors],
            "stage": [e.stage for e in errors],
        })
        self.connection.register("_incoming_errors", incoming)
        try:
            self.connection.execute(
                "INSERT INTO run_errors SELECT run_id, origin, code, reason, stage FROM _incoming_errors"
            )
        finally:
            self.connection.unregister("_incoming_errors")

    def _columns(self, table: str) -> list[str]:
        if table not in self._column_cache:
            rows = self.connection.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position",
                [table],
            ).fetchall()
            self._column_cache[table] = [r[0] for r in rows]
        return self._column_cache[table]

    def write(
        self,
        batch: Sequence[CodedArticle],
        run_id: str | None = None,
        signatures: Mapping[str, tuple[bytes, Sequence[tuple[int, int]]]] | None = None,
        replaces: Iterable[str] = (),
    ) -> WriteResult:
        """Store a batch of coded articles in one transaction and return what was added.

        Articles already stored (same content hash or id) are skipped, so writing the same
        batch twice adds nothing; a process killed mid-batch leaves the previous state.
        ``signatures`` (``{article_id: (MinHash bytes, LSH band keys)}``) enter the
        near-duplicate index in the same transaction; ``replaces`` names stored articles to
        delete first (re-coding). If the batch cannot be written, each article is tried alone:
        one that still fails becomes an E510 error in ``WriteResult.errors``.
        """
        signatures = signatures or {}
        replaced = list(replaces)
        try:
            return self._write_transaction(batch, run_id, signatures, replaced)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception:
            if len(batch) <= 1:
                if not batch:
                    raise
                return self._failed(batch[0])
        added = skipped = events = quotes = 0
        errors: list[IngestError] = []
        for coded in batch:
            mine = {coded.article.id: signatures[coded.article.id]} if coded.article.id in signatures else {}
            try:
                one = self._write_transaction([coded], run_id, mine, replaced)
            except (KeyboardInterrupt, SystemExit):
                raise
            except Exception:
                one = self._failed(coded)
            added, skipped = added + one.articles, skipped + one.skipped
            events, quotes = events + one.events, quotes + one.quotes
            errors.extend(one.errors)
        return WriteResult(added, skipped, events, quotes, tuple(errors))

    def _failed(self, coded: CodedArticle) -> WriteResult:
        import sys

        exc = sys.exc_info()[1]
        art = coded.article
        detail = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
        error = IngestError(
            origin=art.origin or art.id, code="E510", reason=Errors.E510.format(detail=detail), stage="store"
        )
        return WriteResult(0, 0, 0, 0, (error,))

    def _delete_articles(self, ids: Sequence[str]) -> None:
        con = self.connection
        for table in CONTENT_TABLES + INDEX_TABLES:
            key = "id" if table == "articles" else "article_id"
            con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))", [list(ids)])

    def _write_transaction(
        self,
        batch: Sequence[CodedArticle],
        run_id: str | None,
        signatures: Mapping[str, tuple[bytes, Sequence[tuple[int, int]]]],
        replaces: Sequence[str],
    ) -> WriteResult:
        now = dt.datetime.now()
        con = self.connection
        con.execute("BEGIN TRANSACTION")
        try:
            if replaces:
                self._delete_articles(replaces)
            stored_hashes, stored_ids = self.stored_identities(
                [c.article.content_hash for c in batch], [c.article.id for c in batch]
            )
            tables: dict[str, list[dict[str, Any]]] = {}
            added = skipped = events = quotes = 0
            seen_hashes: set[str] = set()
            new_signatures = {}
            for coded in batch:
                art = coded.article
                if art.content_hash in stored_hashes or art.id in stored_ids or art.content_hash in seen_hashes:
                    skipped += 1
                    continue
                seen_hashes.add(art.content_hash)
                added += 1
                events += len(coded.events)
                quotes += len(coded.quotes)
                for table, rows in article_rows(coded, run_id or "", now).items():
                    tables.setdefault(table, []).extend(rows)
                if art.id in signatures:
                    new_signatures[art.id] = signatures[art.id]
            for table, rows in tables.items():
                if not rows:
                    continue
                columns = self._columns(table)
                arrow = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows])
                con.register("_incoming", arrow)
                quoted = ", ".join(f'"{c}"' for c in columns)
                con.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM _incoming")
                con.unregister("_incoming")
            if new_signatures:
                self._insert_signatures(new_signatures)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return WriteResult(added, skipped, events, quotes)

    def load_parquet(
        self,
        folder: str | Path,
        signatures: Mapping[str, tuple[bytes, Sequence[tuple[int, int]]]] | None = None,
        replaces: Iterable[str] = (),
        run_id: str | None = None,
    ) -> WriteResult:
        """Load one Parquet partition (``TABLE.parquet`` files written by ``write_parquet``) in one transaction.

        Articles already stored (same content hash or id) are skipped with their rows, so
        loading a partition twice adds nothing.
        """
        folder = Path(folder)
        con = self.connection
        con.execute("BEGIN TRANSACTION")
        try:
            replaced = list(replaces)
            if replaced:
                self._delete_articles(replaced)
            articles_file = folder / "articles.parquet"
            if not articles_file.exists():
                con.execute("COMMIT")
                return WriteResult(0, 0, 0, 0)
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _fresh AS SELECT p.id FROM read_parquet(?) p "
                "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.id OR a.content_hash = p.content_hash)",
                [str(articles_file)],
            )
            total = con.execute("SELECT count(*) FROM read_parquet(?)", [str(articles_file)]).fetchone()[0]
            added = con.execute("SELECT count(*) FROM _fresh").fetchone()[0]
            counts = {"events": 0, "quotes": 0}
            for table in CONTENT_TABLES:
                path = folder / f"{table}.parquet"
                if not path.exists():
                    continue
                present = set(con.execute("SELECT * FROM read_parquet(?) LIMIT 0", [str(path)]).fetchdf().columns)
                columns = [c for c in self._columns(table) if c in present]
                quoted = ", ".join(f'"{c}"' for c in columns)
                key = "id" if table == "articles" else "article_id"
                select = ", ".join(
                    "?::VARCHAR AS run_id" if c == "run_id" and run_id else f'p."{c}"' for c in columns
                )
                params = ([run_id] if run_id and "run_id" in columns else []) + [str(path)]
                con.execute(
                    f"INSERT INTO {table} ({quoted}) SELECT {select} FROM read_parquet(?) p "
                    f"WHERE p.{key} IN (SELECT id FROM _fresh)",
                    params,
                )
                if table in counts:
                    counts[table] = con.execute(
                        "SELECT count(*) FROM read_parquet(?) p WHERE p.article_id IN (SELECT id FROM _fresh)",
                        [str(path)],
                    ).fetchone()[0]
            fresh = {r[0] for r in con.execute("SELECT id FROM _fresh").fetchall()}
            wanted = {i: v for i, v in (signatures or {}).items() if i in fresh}
            if wanted:
                self._insert_signatures(wanted)
            con.execute("DROP TABLE _fresh")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return WriteResult(added, total - added, counts["events"], counts["quotes"])

    # -- reading ------------------------------------------------------------------------
    def frame(self, sql: str, params: list[Any] | None = None):
        """Return a pandas DataFrame for a fixed, parameterised query written in our code."""
        return self.connection.execute(sql, params or []).df()

    def arrow(self, sql: str, params: list[Any] | None = None) -> pa.Table:
        """Return a pyarrow Table for a fixed, parameterised query written in our code."""
        cursor = self.connection.execute(sql, params or [])
        # DuckDB 2 renamed fetch_arrow_table() to to_arrow_table(); accept both. Its warning
        # about an extra copy concerns speed only, and our result sets are paged.
        fetch = getattr(cursor, "to_arrow_table", None) or cursor.fetch_arrow_table
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return fetch()

    def stream(self, sql: str, params: list[Any] | None = None, batch_rows: int = 50_000) -> Iterator[pa.RecordBatch]:
        """Yield the result of a fixed, parameterised query as Arrow record batches of at most ``batch_rows`` rows.

        The rows come in the order :meth:`frame` gives them, but only one batch is held at a time.
        """
        yield from arrow_batches(self.connection, sql, params or [], batch_rows)

    def counts(self) -> dict[str, int]:
        """Return the row count of every content table (and runs, errors)."""
        names = ("articles", "sentences", "actors", "events", "quotes", "figures", "runs", "run_errors")
        return {n: self.connection.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}

    def events(
        self,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        plover: str | None = None,
        cameo: str | None = None,
        since: str | None = None,
        until: str | None = None,
        site: str | None = None,
        text: str | None = None,
        article: str | None = None,
        include_negated: bool = True,
        limit: int | None = None,
        offset: int = 0,
        scope: EventScope | Literal["counted"] | None = "counted",
    ) -> ResultSet[Event]:
        """Return stored events matching every given filter, newest first.

        ``actor``/``source``/``target`` match a country code (``RUS``) or a code prefix
        (``RUSGOV``, ``IGO``); ``site`` matches the article's source or URL; ``text`` the sentence.
        ``scope`` (:class:`multipolar.analysis.base.EventScope`) defaults to ``"counted"``, the events
        the analyses count: asserted, timing "current", inside the article's time, international.
        ``scope=None`` returns every stored event; :meth:`hidden_events` counts what the scope hides.
        """
        where, params = _event_conditions(actor, source, target, plover, cameo, since, until, site, text, article)
        if not include_negated:
            where.append("NOT e.negated")
        scope = _event_scope(scope)
        if scope is not None:
            condition, values = scope.where()
            where.append(condition)
            params += values
        sql = "SELECT e.* FROM events e JOIN articles a ON a.id = e.article_id"
        return self._query(sql, where, params, "e.date DESC NULLS LAST, e.id", limit, offset, _event_from_row)

    def hidden_events(
        self,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        plover: str | None = None,
        cameo: str | None = None,
        since: str | None = None,
        until: str | None = None,
        site: str | None = None,
        text: str | None = None,
        article: str | None = None,
        scope: EventScope | Literal["counted"] | None = "counted",
    ) -> dict[str, int]:
        """Return how many events matching the filters (as :meth:`events`) ``scope`` leaves out, by reason.

        Reasons (:data:`multipolar.analysis.base.HIDDEN_REASONS`): ``not_asserted``,
        ``history_future``, ``out_of_time``, ``domestic``; ``counted`` for counted events left
        out by a scope asking for others. Empty when nothing is hidden.
        """
        from multipolar.analysis.base import hidden_reason_sql

        scope = _event_scope(scope)
        if scope is None:
            return {}
        where, params = _event_conditions(actor, source, target, plover, cameo, since, until, site, text, article)
        condition, values = scope.where()
        where.append(f"NOT ({condition})")
        frame = self.frame(
            f"SELECT COALESCE({hidden_reason_sql()}, 'counted') AS reason, count(*) AS n "
            "FROM events e JOIN articles a ON a.id = e.article_id WHERE " + " AND ".join(where) + " GROUP BY 1",
            params + values,
        )
        return {str(r): int(n) for r, n in zip(frame["reason"], frame["n"], strict=True)}

    def actors(
        self,
        code: str | None = None,
        country: str | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
        site: str | None = None,
        text: str | None = None,
        article: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> ResultSet[ActorMention]:
        """Return stored actor mentions matching every given filter."""
        where, params = [], []
        if code:
            where.append("m.code LIKE ?")
            params.append(code.upper() + "%")
        if country:
            where.append("m.country = ?")
            params.append(country.upper())
        if kind:
            where.append("m.kind = ?")
            params.append(kind)
        where, params = _common_filters(where, params, since, until, site, text, article, "a.date", "m.text")
        sql = "SELECT m.* FROM actors m JOIN articles a ON a.id = m.article_id"
        return self._query(sql, where, params, "a.date DESC NULLS LAST, m.article_id, m.start", limit, offset, _mention_from_row)

    def quotes(
        self,
        speaker: str | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
        site: str | None = None,
        text: str | None = None,
        article: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        cue_class: str | Sequence[str] | None = None,
    ) -> ResultSet[Quote]:
        """Return stored quotes; ``speaker`` matches a code prefix, a country or a name;
        ``cue_class`` keeps the attribution classes named (``"speech"`` or ``["speech", "stance"]``)."""
        where, params = [], []
        if speaker:
            where.append(
                "(q.speaker_code LIKE ? OR q.speaker_country = ? OR q.speaker_name ILIKE ? ESCAPE '\\' "
                "OR q.speaker_text ILIKE ? ESCAPE '\\')"
            )
            params += [speaker.upper() + "%", speaker.upper(), _like(speaker), _like(speaker)]
        if kind:
            where.append("q.kind = ?")
            params.append(kind)
        classes = [cue_class] if isinstance(cue_class, str) else list(cue_class or [])
        if classes:
            where.append(f"q.cue_class IN ({', '.join('?' for _ in classes)})")
            params += classes
        where, params = _common_filters(where, params, since, until, site, text, article, "a.date", "q.text")
        sql = "SELECT q.* FROM quotes q JOIN articles a ON a.id = q.article_id"
        return self._query(sql, where, params, "a.date DESC NULLS LAST, q.article_id, q.start", limit, offset, _quote_from_row)

    def figures(
        self,
        kind: str | None = None,
        who: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> ResultSet[Figure]:
        """Return stored figures (killed, displaced, ...) matching every given filter."""
        where, params = [], []
        if kind:
            where.append("f.kind = ?")
            params.append(kind)
        if who:
            where.append("f.who LIKE ?")
            params.append(who.upper() + "%")
        where, params = _common_filters(where, params, since, until, None, None, article, "a.date", "f.text")
        sql = "SELECT f.* FROM figures f JOIN articles a ON a.id = f.article_id"
        return self._query(sql, where, params, "a.date DESC NULLS LAST, f.article_id, f.start", limit, offset, _figure_from_row)

    def articles(
        self,
        since: str | None = None,
        until: str | None = None,
        site: str | None = None,
        text: str | None = None,
        actor: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> ResultSet[Article]:
        """Return stored articles; ``text`` searches title and body, ``actor`` a mentioned code."""
        where, params = [], []
        if text:
            where.append("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')")
            params += [_like(text), _like(text)]
        if actor:
            where.append(
                "a.id IN (SELECT article_id FROM actors WHERE code LIKE ? OR country = ?)"
            )
            params += [actor.upper() + "%", actor.upper()]
        where, params = _common_filters(where, params, since, until, site, None, None, "a.date", "a.text")
        sql = (
            "SELECT a.id, a.content_hash, a.title, a.text, a.date, a.date_source, a.url, a.source, "
            "a.author, a.language, a.origin, a.near_duplicate_of FROM articles a"
        )
        return self._query(sql, where, params, "a.date DESC NULLS LAST, a.id", limit, offset, _article_from_row)

    def _query(
        self,
        sql: str,
        where: list[str],
        params: list[Any],
        order: str,
        limit: int | None,
        offset: int,
        convert: Callable[[dict[str, Any]], T],
    ) -> ResultSet[T]:
        """Run ``sql`` with the filters, order and page; return its rows as typed records."""
        if (limit is not None and int(limit) < 0) or int(offset) < 0:
            raise MultipolarError(Errors.E503.format(limit=limit, offset=offset))
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, int(limit), int(offset)]
        table = self.arrow(sql, params)
        return ResultSet([convert(row) for row in table.to_pylist()], table)


def _like(text: str) -> str:
    """Return ``text`` as a LIKE pattern matching it anywhere, its wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _check_date(value: str, name: str) -> str:
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise MultipolarError(Errors.E502.format(name=name, value=value)) from None


def _event_scope(scope: EventScope | str | None) -> EventScope | None:
    """Return ``scope`` as an :class:`EventScope` (``"counted"``: the analyses' rule) or None (every event)."""
    if scope is None or not isinstance(scope, str):
        return scope
    if scope != "counted":
        raise ValueError(f"scope must be an EventScope, 'counted' or None, not {scope!r}")
    from multipolar.analysis.base import EventScope

    return EventScope()


def _event_conditions(
    actor: str | None,
    source: str | None,
    target: str | None,
    plover: str | None,
    cameo: str | None,
    since: str | None,
    until: str | None,
    site: str | None,
    text: str | None,
    article: str | None,
) -> tuple[list[str], list[Any]]:
    """Return the SQL conditions (on ``events e JOIN articles a``) and parameters of the event filters."""
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append("(e.source_country = ? OR e.target_country = ? OR e.source_code LIKE ? OR e.target_code LIKE ?)")
        params += [actor.upper(), actor.upper(), actor.upper() + "%", actor.upper() + "%"]
    for side, value in (("source", source), ("target", target)):
        if value:
            where.append(f"(e.{side}_country = ? OR e.{side}_code LIKE ?)")
            params += [value.upper(), value.upper() + "%"]
    if plover:
        where.append("e.plover = ?")
        params.append(plover.upper())
    if cameo:
        where.append("e.cameo LIKE ?")
        params.append(cameo + "%")
    return _common_filters(where, params, since, until, site, text, article, "e.date", "e.sentence")


def _common_filters(
    where: list[str],
    params: list[Any],
    since: str | None,
    until: str | None,
    site: str | None,
    text: str | None,
    article: str | None,
    date_column: str,
    text_column: str,
) -> tuple[list[str], list[Any]]:
    if since:
        where.append(f"{date_column} >= CAST(? AS DATE)")
        params.append(_check_date(since, "since"))
    if until:
        where.append(f"{date_column} <= CAST(? AS DATE)")
        params.append(_check_date(until, "until"))
    if site:
        where.append("(a.source ILIKE ? ESCAPE '\\' OR a.url ILIKE ? ESCAPE '\\')")
        params += [_like(site), _like(site)]
    if text:
        where.append(f"{text_column} ILIKE ? ESCAPE '\\'")
        params.append(_like(text))
    if article:
        where.append("a.id = ?")
        params.append(article)
    return where, params


def _ref_from_row(row: dict[str, Any], prefix: str) -> ActorRef | None:
    if row.get(f"{prefix}_text") is None and row.get(f"{prefix}_code") is None:
        return None
    return ActorRef(
        code=row.get(f"{prefix}_code"),
        country=row.get(f"{prefix}_country"),
        sector=row.get(f"{prefix}_sector"),
        text=row.get(f"{prefix}_text") or "",
        name=row.get(f"{prefix}_name"),
        start=row.get(f"{prefix}_start"),
        end=row.get(f"{prefix}_end"),
    )


def _event_from_row(row: dict[str, Any]) -> Event:
    location = None
    if row.get("location_name"):
        location = Location(
            name=row["location_name"],
            country=row.get("location_country"),
            latitude=row.get("latitude"),
            longitude=row.get("longitude"),
        )
    return Event(
        id=row["id"],
        article_id=row["article_id"],
        sentence_index=row["sentence_index"],
        plover=row["plover"],
        cameo=row["cameo"],
        goldstein=row["goldstein"],
        source=_ref_from_row(row, "source"),
        target=_ref_from_row(row, "target"),
        trigger=row["trigger"],
        trigger_start=row["trigger_start"],
        trigger_end=row["trigger_end"],
        sentence=row["sentence"],
        rule=row["rule"],
        mode=row["mode"],
        context=row["context"],
        negated=bool(row["negated"]),
        modality=row["modality"],
        date=_iso(row["date"]),
        location=location,
        quote_id=row["quote_id"],
        mentions=row["mentions"] or 1,
        timing=row.get("timing") or "current",
        domestic=row.get("domestic"),
    )


def _figure_from_row(row: dict[str, Any]) -> Figure:
    return Figure(**row)


def _mention_from_row(row: dict[str, Any]) -> ActorMention:
    fields = {k: v for k, v in row.items() if k not in ("id", "article_id")}
    return ActorMention(**fields)


def _quote_from_row(row: dict[str, Any]) -> Quote:
    speaker = None
    if row.get("speaker_text") or row.get("speaker_code"):
        speaker = ActorRef(
            row.get("speaker_code"), row.get("speaker_country"), row.get("speaker_sector"),
            row.get("speaker_text") or "", row.get("speaker_name"),
        )
    medium = ActorRef(row["medium_code"], None, "MED", row["medium_text"] or "") if row.get("medium_text") else None
    listener = (
        ActorRef(row["listener_code"], None, None, row["listener_text"] or "") if row.get("listener_text") else None
    )
    return Quote(
        id=row["id"],
        article_id=row["article_id"],
        text=row["text"],
        kind=row["kind"],
        start=row["start"],
        end=row["end"],
        speaker=speaker,
        medium=medium,
        listener=listener,
        verb=row["verb"],
        sentence_index=row["sentence_index"],
        event_ids=tuple(row.get("event_ids") or ()),
        cue=row.get("cue"),
        cue_class=row.get("cue_class"),
        rule=row.get("rule"),
    )


def _article_from_row(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        content_hash=row["content_hash"],
        title=row["title"],
        date=_iso(row["date"]),
        date_source=row["date_source"],
        url=row["url"],
        source=row["source"],
        author=row["author"],
        language=row["language"],
        origin=row["origin"],
        near_duplicate_of=row["near_duplicate_of"],
    )


def open_store(path: str | Path, read_only: bool = False, wait: float | None = None) -> Store:
    """Return the multipolar database at ``path``, creating or migrating it unless ``read_only``.

    A writing store takes the file's writer lock; ``wait`` seconds (default: the
    ``lock_timeout`` setting) are spent waiting for another writer or reader to let go of the
    file before a one-line E130/E131 error.
    """
    return Store(path, read_only=read_only, wait=wait)
