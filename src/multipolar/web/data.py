"""The dashboard's access to the database: fixed queries, one lock, and a cache of analyses.

Users never send SQL: every query here is written in our code and takes its filters as
parameters. A short-lived read-only DuckDB connection is shared by the server's worker threads
(each query holds its lock) and closed between bursts of queries, so an ingest can write. Analysis results are cached until the database file changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import os
import pickle
import shutil
import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from multipolar.analysis.base import EventScope, actor_key, domestic_sql, hidden_reason_sql, sane_date_sql
from multipolar.errors import Errors, MultipolarError
from multipolar.store import open_store
from multipolar.store.access import ReadConnection, lock_timeout
from multipolar.store.store import arrow_batches

# A request waits at most this long for a file an ingest holds, then gets a 503 (retry shortly).
WEB_WAIT_SECONDS = 10.0

logger = logging.getLogger(__name__)

SRC = actor_key("e.source")
TGT = actor_key("e.target")

EVENT_FIELDS = f"""e.id, e.article_id, e.date, e.plover, e.cameo, e.cameo_root, e.goldstein, e.mode, e.modality,
  e.negated, e.source_code, e.source_country, e.source_text, e.target_code, e.target_country, e.target_text,
  e.trigger, e.trigger_start, e.trigger_end, e.sentence, e.rule, e.location_name, e.location_country,
  e.quote_id, e.timing, {domestic_sql(SRC, TGT)} AS domestic, a.title AS article_title"""


@dataclass(frozen=True)
class EventFilter:
    """Filters of the event search; ``None`` means no filter on that field."""

    actor: str | None = None
    partner: str | None = None
    side: str = "any"  # any | source | target
    plover: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    text: str | None = None
    article_id: str | None = None
    cameo: str | None = None  # a CAMEO code or its prefix ("19" keeps every 19x)
    mode: str | None = None
    goldstein_min: float | None = None
    goldstein_max: float | None = None
    outlet: str | None = None  # the article's source (site or agency)
    sort: str = "-date"
    scope: EventScope = EventScope()  # timing, modality, domestic: by default what the analyses count

    @property
    def needs_article(self) -> bool:
        """Return whether the filters read the article row (outlet, or the article's time)."""
        return bool(self.outlet or self.scope.needs_article)

    def where(self, scoped: bool = True, with_article: bool = True) -> tuple[str, list[Any]]:
        """Return the SQL condition and its parameters for these filters (``scoped=False``: without :attr:`scope`).

        ``with_article=False`` gives a looser condition on the scope (see ``EventScope.where``).
        """
        clauses: list[str] = []
        params: list[Any] = []
        if scoped:
            condition, values = self.scope.where(SRC, TGT, with_article=with_article)
            clauses.append(condition)
            params += values
        if self.actor:
            if self.partner:
                clauses.append(f"(({SRC} = ? AND {TGT} = ?) OR ({SRC} = ? AND {TGT} = ?))")
                params += [self.actor, self.partner, self.partner, self.actor]
            elif self.side == "source":
                clauses.append(f"({SRC} = ? OR e.source_code = ?)")
                params += [self.actor, self.actor]
            elif self.side == "target":
                clauses.append(f"({TGT} = ? OR e.target_code = ?)")
                params += [self.actor, self.actor]
            else:
                clauses.append(f"({SRC} = ? OR {TGT} = ? OR e.source_code = ? OR e.target_code = ?)")
                params += [self.actor] * 4
        elif self.partner:  # a partner alone is an actor on either side
            clauses.append(f"({SRC} = ? OR {TGT} = ? OR e.source_code = ? OR e.target_code = ?)")
            params += [self.partner] * 4
        if self.plover:
            clauses.append("e.plover = ?")
            params.append(self.plover)
        if self.since:
            clauses.append("e.date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("e.date <= ?")
            params.append(self.until)
        if self.place:
            clauses.append("(e.location_name ILIKE ? ESCAPE '\\' OR e.location_country = ?)")
            params += [f"%{_like(self.place)}%", self.place.upper()]
        if self.text:  # the titles matched first (few articles): the events are then filtered without a join
            clauses.append("(e.sentence ILIKE ? ESCAPE '\\' "
                           "OR e.article_id IN (SELECT id FROM articles WHERE title ILIKE ? ESCAPE '\\'))")
            params += [f"%{_like(self.text)}%"] * 2
        if self.article_id:
            clauses.append("e.article_id = ?")
            params.append(self.article_id)
        if self.cameo:
            clauses.append("starts_with(e.cameo, ?)")
            params.append(self.cameo)
        if self.mode:
            clauses.append("e.mode = ?")
            params.append(self.mode)
        if self.goldstein_min is not None:
            clauses.append("e.goldstein >= ?")
            params.append(self.goldstein_min)
        if self.goldstein_max is not None:
            clauses.append("e.goldstein <= ?")
            params.append(self.goldstein_max)
        if self.outlet:
            clauses.append("a.source = ?")
            params.append(self.outlet)
        return (" AND ".join(clauses) or "TRUE"), params

    def order(self) -> str:
        """Return the SQL ORDER BY list of ``sort`` (a whitelisted column, ``-`` for descending)."""
        return order_by(self.sort, EVENT_SORTS, "e.article_id, e.sentence_index, e.id")


#: Sortable columns of each listing: the name in the URL -> the SQL expression.
EVENT_SORTS = {"date": "e.date", "goldstein": "e.goldstein", "plover": "e.plover", "cameo": "e.cameo",
               "source": "e.source_code", "target": "e.target_code", "mode": "e.mode"}
ARTICLE_SORTS = {"date": "a.date", "title": "a.title", "outlet": "a.source", "events": "events", "quotes": "quotes",
                 "figures": "figures"}
QUOTE_SORTS = {"date": "a.date", "speaker": "q.speaker_text", "country": "q.speaker_country", "class": "q.cue_class",
               "cue": "q.cue", "outlet": "a.source"}
FIGURE_SORTS = {"date": "a.date", "kind": "f.kind", "count": "f.count", "country": "country", "outlet": "a.source"}


def order_by(sort: str, columns: dict[str, str], tie: str) -> str:
    """Return an ORDER BY list for ``sort`` (``name`` or ``-name``, a key of ``columns``), ties broken by ``tie``."""
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    column = columns.get(name) or next(iter(columns.values()))
    return f"{column} {'DESC' if descending else 'ASC'} NULLS LAST, {tie}"


def sort_choice(sort: str | None, columns: dict[str, str], default: str = "-date") -> str:
    """Return ``sort`` when it names a column of ``columns`` (optionally with ``-``), else ``default``."""
    if sort and sort.lstrip("-") in columns:
        return sort
    return default


def _add_article_conditions(
    clauses: list[str], params: list[Any], outlet: str | None, since: dt.date | None, until: dt.date | None
) -> None:
    """Append the conditions on the article row ``a`` (outlet, publication dates) shared by the listings."""
    if outlet:
        clauses.append("a.source = ?")
        params.append(outlet)
    if since:
        clauses.append("a.date >= ?")
        params.append(since)
    if until:
        clauses.append("a.date <= ?")
        params.append(until)


@dataclass(frozen=True)
class ArticleFilter:
    """Filters of the article list."""

    text: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    actor: str | None = None
    sort: str = "-date"

    def where(self) -> tuple[str, list[Any]]:
        """Return the SQL condition on ``articles a`` and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.text:
            clauses.append("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')")
            params += [f"%{_like(self.text)}%"] * 2
        _add_article_conditions(clauses, params, self.outlet, self.since, self.until)
        if self.actor:
            clauses.append("a.id IN (SELECT article_id FROM actors WHERE country = ? OR code = ?)")
            params += [self.actor, self.actor]
        return (" AND ".join(clauses) or "TRUE"), params


@dataclass(frozen=True)
class QuoteFilter:
    """Filters of the quote list."""

    speaker: str | None = None  # a code in capitals (RUS, RUSGOV), else words of the speaker's name
    text: str | None = None
    cue_class: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    sort: str = "-date"

    def where(self) -> tuple[str, list[Any]]:
        """Return the SQL condition on ``quotes q JOIN articles a`` and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.speaker and self.speaker.isalnum() and self.speaker.isupper():  # a code: RUS, RUSGOV
            clauses.append("(q.speaker_code = ? OR q.speaker_country = ?)")
            params += [self.speaker, self.speaker]
        elif self.speaker:  # words of the speaker's name or description
            clauses.append("(q.speaker_text ILIKE ? ESCAPE '\\' OR q.speaker_name ILIKE ? ESCAPE '\\')")
            params += [f"%{_like(self.speaker)}%"] * 2
        if self.text:
            clauses.append("q.text ILIKE ? ESCAPE '\\'")
            params.append(f"%{_like(self.text)}%")
        if self.cue_class:
            clauses.append("q.cue_class = ?")
            params.append(self.cue_class)
        _add_article_conditions(clauses, params, self.outlet, self.since, self.until)
        return (" AND ".join(clauses) or "TRUE"), params


#: Figure kinds counted as human cost, in the order the figures page shows them.
CASUALTY_KINDS = ("killed", "wounded", "displaced")

#: SQL giving a figure's country: the country of the actor it concerns, else its event's place or
#: target, else the country the article mentions most (``fa``).
FIGURE_COUNTRY = """COALESCE(CASE WHEN regexp_matches(f.who, '^[A-Z]{3}') THEN left(f.who, 3) END,
  fe.location_country, fe.target_country, fa.country)"""

#: Joins giving ``fe`` (a figure's event) and ``fa`` (its article's most mentioned country) for :data:`FIGURE_COUNTRY`.
FIGURE_JOINS = """LEFT JOIN events fe ON fe.id = f.event_id AND fe.article_id = f.article_id
LEFT JOIN (SELECT article_id, mode(country) AS country FROM actors
           WHERE country IS NOT NULL AND article_id IN (SELECT article_id FROM figures) GROUP BY 1) fa
  ON fa.article_id = f.article_id"""


@dataclass(frozen=True)
class FigureFilter:
    """Filters of the figure list."""

    kind: str | None = None
    country: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    sort: str = "-date"

    def where(self) -> tuple[str, list[Any]]:
        """Return the SQL condition on the figure rows (``f``, ``a``, ``country``) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.kind:
            clauses.append("f.kind = ?")
            params.append(self.kind)
        if self.country:
            clauses.append(f"{FIGURE_COUNTRY} = ?")
            params.append(self.country)
        _add_article_conditions(clauses, params, self.outlet, self.since, self.until)
        return (" AND ".join(clauses) or "TRUE"), params


def _like(text: str) -> str:
    """Return ``text`` with LIKE wildcards taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _windowed(key: tuple) -> bool:
    """Return whether a cache key names a date window: a date in it, or filters with a since or until date."""
    return any(isinstance(part, dt.date) or getattr(part, "since", None) is not None
               or getattr(part, "until", None) is not None for part in key)


def _arrow_table(result) -> Any:
    """Return a DuckDB result as a ``pyarrow.Table`` (DuckDB 2 names it ``to_arrow_table``, 1.x ``fetch_arrow_table``)."""
    fetch = getattr(result, "to_arrow_table", None) or result.fetch_arrow_table
    with warnings.catch_warnings():  # its note about an extra copy concerns speed only
        warnings.simplefilter("ignore", UserWarning)
        return fetch()


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the rows of ``frame`` as JSON-ready dicts (NaN and NaT become None, dates ISO-ready)."""
    rows = frame.astype(object).to_dict("records")
    plain = (str, int, bool, dt.date)  # never missing, already JSON-ready (most cells: checked first, cheaply)
    for row in rows:
        for key, value in row.items():
            kind = type(value)
            if kind in plain or value is None:
                continue
            if isinstance(value, float) and math.isnan(value) or value is pd.NaT or (not isinstance(value, list | tuple) and _is_missing(value)):
                row[key] = None
            elif isinstance(value, pd.Timestamp):
                moment = value.to_pydatetime()
                row[key] = moment.date() if moment.time() == dt.time(0) and moment.tzinfo is None else moment
            elif hasattr(value, "tolist") and not isinstance(value, str):
                row[key] = value.tolist()
    return rows


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


#: Cached analyses that are also kept on disk: the costly ones (whole-network, per-period measures).
PERSISTED = frozenset({"network_core", "network", "polarity", "cohesion", "sensitivity", "actors", "actor", "dyads",
                       "dyad", "top_dyads", "known_actors", "actor_names", "partners_of", "figures", "map"})
MISSING = object()
#: Worker threads running the independent queries of one page at once (:meth:`Database.parallel`).
POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="multipolar-query")


class DiskCache:
    """Analysis results kept as pickle files per database and database version, under the user's cache folder.

    The folder is ``$MULTIPOLAR_CACHE_DIR`` or ``$XDG_CACHE_HOME/multipolar/web`` (``~/.cache``);
    one sub-folder per database file, named by its path, and one file per result, named by a
    hash of the database's modification time and size and of the result's key, so a changed
    database never reads an old result. Files are written by this process only (never read
    from elsewhere); a folder that cannot be written just means no disk cache.
    """

    def __init__(self, database: Path) -> None:
        base = os.environ.get("MULTIPOLAR_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "multipolar", "web")
        digest = hashlib.sha256(str(database.resolve()).encode()).hexdigest()[:16]
        self.folder = Path(base) / digest
        self.enabled = True

    def _file(self, stamp: tuple, key: tuple) -> Path:
        version = hashlib.sha256(repr(stamp).encode()).hexdigest()[:16]
        digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
        return self.folder / version / f"{key[0]}-{digest}.pickle"

    def get(self, stamp: tuple, key: tuple) -> Any:
        """Return the stored result of ``key`` for this database version, or :data:`MISSING`."""
        if not self.enabled:
            return MISSING
        try:
            with open(self._file(stamp, key), "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return MISSING

    def put(self, stamp: tuple, key: tuple, value: Any) -> None:
        """Store ``value`` as the result of ``key`` (atomically; failures only disable the cache)."""
        if not self.enabled:
            return
        try:
            target = self._file(stamp, key)
            if not target.parent.exists():  # a new database version: drop the results of older ones
                for old in self.folder.glob("*"):
                    shutil.rmtree(old, ignore_errors=True)
                target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
            with open(partial, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(target)
        except (OSError, pickle.PickleError, TypeError, AttributeError):
            self.enabled = False


class Database:
    """A read-only multipolar database shared by the dashboard's threads."""

    def __init__(self, path: str | Path, cache_size: int = 256) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise MultipolarError(Errors.E603.format(path=self.path))
        open_store(self.path, read_only=True).close()  # checks that it is a multipolar database
        self._reader = ReadConnection(self.path, wait=min(lock_timeout(), WEB_WAIT_SECONDS))
        self._lock = threading.RLock()
        self._cache: OrderedDict[tuple, Any] = OrderedDict()
        self._cache_size = cache_size
        self._stamp = self._file_stamp()
        self._disk = DiskCache(self.path)
        with self._reader.open():  # opened at start-up, not by the first visitor (it closes when a writer waits)
            pass

    def _file_stamp(self) -> tuple[float, int]:
        stat = os.stat(self.path)
        return stat.st_mtime, stat.st_size

    def close(self) -> None:
        """Close the database."""
        self._reader.close()

    def frame(self, sql: str, params: list | None = None) -> pd.DataFrame:
        """Return the DataFrame of a fixed, parameterised query (serialised across threads).

        The file is opened read-only for a burst of queries and closed between bursts, so an
        ingest can write in between (``multipolar.store.access``).
        """
        with self._reader.open() as connection:
            return connection.execute(sql, params or []).df()

    def parallel(self, **tasks: Callable[[], Any]) -> dict[str, Any]:
        """Return the result of each task (a function of no arguments), run on worker threads.

        Queries still take turns on the one read connection (:class:`ReadConnection`), so an ingest can
        get the file between bursts; the tasks' Python work overlaps."""
        futures = {name: POOL.submit(task) for name, task in tasks.items()}
        return {name: future.result() for name, future in futures.items()}

    def cached(self, name: str, compute: Callable[[], Any], *key: Any) -> Any:
        """Return ``compute()``, remembered under ``(name, *key)`` until the database file changes.

        Analyses named in :data:`PERSISTED` are also kept on disk (see :class:`DiskCache`), so a
        restarted server answers them at once; those of a date window only in memory (a window
        is seldom asked again after a restart, and writing its result costs its first visitor).
        """
        stamp = self._file_stamp()
        with self._lock:
            if stamp != self._stamp:
                self._cache.clear()
                self._stamp = stamp
            full_key = (name, *key)
            if full_key in self._cache:
                self._cache.move_to_end(full_key)
                return self._cache[full_key]
        persisted = name in PERSISTED and not _windowed(key)
        value = self._disk.get(stamp, full_key) if persisted else MISSING
        if value is MISSING:
            value = compute()
            if persisted:
                self._disk.put(stamp, full_key, value)
        with self._lock:
            self._cache[full_key] = value
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return value

    # -- listings ---------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Return row counts of articles, events, quotes, figures and distinct actors."""
        frame = self.frame(
            """SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events,
                      (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM figures) AS figures,
                      (SELECT count(DISTINCT country) FROM actors) AS countries"""
        )
        return {k: int(v) for k, v in frame.iloc[0].items()}

    def search_events(
        self, filters: EventFilter, page: int = 1, per_page: int = 50, count: bool = True
    ) -> tuple[int | None, pd.DataFrame]:
        """Return ``(total, frame)`` of events matching ``filters``, newest first, one page of them.

        With ``count=False`` the total is not computed (``None``): for short "latest events" lists.
        """
        where, params = filters.where()
        # the article row is only needed to filter on title or outlet; join it for the page alone
        source = "events e JOIN articles a ON a.id = e.article_id" if filters.needs_article else "events e"
        total = None
        if count:
            total = int(self.frame(f"SELECT count(*) AS n FROM {source} WHERE {where}", params).iloc[0]["n"])
        # three small steps: the page's ids (a top-N over a few columns), its rows (by row number: DuckDB
        # then reads only their row groups, where ids would be matched against every event), its titles
        page_ids = self._page_ids(filters, source, where, params, filters.order(), page, per_page)
        return total, self._page_rows(page_ids)

    def _page_rows(self, page_ids: pd.DataFrame) -> pd.DataFrame:
        """Return the event rows of ``page_ids`` (id, article_id, row) in their order, with their article's title."""
        fields = EVENT_FIELDS.replace(", a.title AS article_title", "")
        ids = page_ids["id"].tolist()
        rows = self.frame(f"SELECT {fields} FROM events e WHERE e.rowid IN (SELECT unnest(?::BIGINT[]))",
                          [[int(row) for row in page_ids["row"]]])
        articles = sorted(set(page_ids["article_id"]))
        titles = self.frame(
            f"SELECT id, title FROM articles WHERE id IN ({', '.join('?' * len(articles))})", articles
        ) if articles else pd.DataFrame({"id": [], "title": []})
        rank = {(event, art): i for i, (event, art) in enumerate(zip(ids, page_ids["article_id"], strict=True))}
        keep = [(e, a) in rank for e, a in zip(rows["id"], rows["article_id"], strict=True)]
        rows = rows.loc[pd.Series(keep, index=rows.index, dtype=bool)].copy()
        rows["article_title"] = rows["article_id"].map(dict(zip(titles["id"], titles["title"], strict=True)))
        rows["_rank"] = [rank[(e, a)] for e, a in zip(rows["id"], rows["article_id"], strict=True)]
        return rows.sort_values("_rank").drop(columns="_rank").reset_index(drop=True)

    def counted_search(
        self, filters: EventFilter, page: int = 1, per_page: int = 50
    ) -> tuple[int, dict[str, int], pd.DataFrame]:
        """Return ``(total, hidden, frame)`` as :meth:`event_counts` and :meth:`search_events` do, in one pass over the events.

        For filters that scan much text (words of the sentence or title): the matching events
        are found once, with each one's reason for not being counted and its sort columns, and
        both the counts and the page come from them. Only for the analyses' own scope
        (``filters.scope.counted``); the same numbers and rows as the two separate calls.
        """
        if not filters.scope.counted:
            raise ValueError("counted_search needs the analyses' own scope")
        where, params = filters.where(scoped=False)
        shown = "(reason IS NULL OR reason = 'domestic')" if filters.scope.domestic else "reason IS NULL"
        offset = (page - 1) * per_page
        frame = self.frame(
            f"""WITH m AS MATERIALIZED (
                  SELECT e.id, e.article_id, e.rowid AS row, e.sentence_index, {', '.join(EVENT_SORTS.values())},
                         {hidden_reason_sql(SRC, TGT)} AS reason
                  FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}),
                counts AS (SELECT reason, count(*) AS n FROM m GROUP BY reason),
                page AS (SELECT e.id, e.article_id, e.row, row_number() OVER (ORDER BY {filters.order()}) AS rank
                         FROM m e WHERE {shown.replace("reason", "e.reason")}
                         QUALIFY rank > ? AND rank <= ?)
                SELECT reason, n, NULL AS id, NULL AS article_id, NULL AS row, NULL AS rank FROM counts
                UNION ALL SELECT NULL, NULL, id, article_id, row, rank FROM page""",
            params + [offset, offset + per_page],
        )
        counts = frame[frame["id"].isna()]
        total, hidden = 0, {}
        for reason, n in zip(counts["reason"], counts["n"], strict=True):
            reason = None if reason is None or (isinstance(reason, float) and math.isnan(reason)) else str(reason)
            if reason is None or (filters.scope.domestic and reason == "domestic"):
                total += int(n)
            else:
                hidden[reason] = int(n)
        page_ids = frame[frame["id"].notna()].sort_values("rank")[["id", "article_id", "row"]].reset_index(drop=True)
        return total, hidden, self._page_rows(page_ids)

    def _page_ids(
        self, filters: EventFilter, source: str, where: str, params: list[Any], order: str, page: int, per_page: int
    ) -> pd.DataFrame:
        """Return the ids (id, article_id, row: DuckDB's row number) of one page of events matching ``filters``, in ``order``.

        The rows read by row number are checked against the ids (a row changed by an ingest in
        between is left out, as a deleted one would be).

        When only the scope's article-relative date window needs the article row, the top of the
        listing is first taken from the events alone under the looser window (no join over every
        event), with a margin; the exact condition is then checked on those candidates only. The
        exact list is a subsequence, in the same order, of the looser one, so the page is the
        same as the full query's whenever enough candidates pass; otherwise the full query runs.
        """
        offset = (page - 1) * per_page
        full = f"SELECT e.id, e.article_id, e.rowid AS row FROM {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        if filters.needs_article and not filters.outlet:
            wanted = offset + per_page
            margin = wanted + 100 + wanted // 4
            loose, loose_params = filters.where(with_article=False)
            candidates = self.frame(
                f"SELECT e.id, e.article_id, e.date, e.rowid AS row FROM events e WHERE {loose} ORDER BY {order} LIMIT ?",
                loose_params + [margin],
            )
            # the full condition is the looser one and the article-relative window: check that alone
            exact = self.frame(
                f"""WITH c AS (SELECT unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[]) AS article_id,
                                      unnest(?::DATE[]) AS date, unnest(?::INTEGER[]) AS rank, unnest(?::BIGINT[]) AS row)
                    SELECT c.id, c.article_id, c.row FROM c JOIN articles a ON a.id = c.article_id
                    WHERE {sane_date_sql("c.date")} ORDER BY c.rank LIMIT ?""",
                [candidates["id"].tolist(), candidates["article_id"].tolist(),
                 [None if pd.isna(d) else pd.Timestamp(d).date() for d in candidates["date"]],
                 list(range(len(candidates))), [int(row) for row in candidates["row"]], wanted],
            )
            if len(exact) >= wanted or len(candidates) < margin:
                return exact.iloc[offset:].reset_index(drop=True)
        return self.frame(full, params + [per_page, offset])

    def hidden_events(self, filters: EventFilter) -> dict[str, int]:
        """Return how many events match ``filters`` but not their scope, by reason (see ``hidden_reason_sql``).

        Reasons: not_asserted, history_future, out_of_time, domestic, and counted (events the
        analyses count, left out because the scope asks for others, e.g. ``timing=history``).
        """
        where, params = filters.where(scoped=False)
        scope, scope_params = filters.scope.where(SRC, TGT)
        frame = self.frame(
            f"""SELECT COALESCE({hidden_reason_sql(SRC, TGT)}, 'counted') AS reason, count(*) AS n
                FROM events e JOIN articles a ON a.id = e.article_id
                WHERE {where} AND NOT ({scope}) GROUP BY 1""",
            params + scope_params,
        )
        return {str(r): int(n) for r, n in zip(frame["reason"], frame["n"], strict=True)}

    def event_counts(self, filters: EventFilter) -> tuple[int, dict[str, int]]:
        """Return ``(total, hidden)``: the events ``filters`` show and those their scope hides, by reason.

        For the analyses' own scope both come from one pass over the matching events (each
        event's reason for not being counted, NULL when counted); other scopes take two queries.
        """
        if not filters.scope.counted:
            where, params = filters.where()
            source = "events e JOIN articles a ON a.id = e.article_id" if filters.needs_article else "events e"
            total = int(self.frame(f"SELECT count(*) AS n FROM {source} WHERE {where}", params).iloc[0]["n"])
            return total, self.hidden_events(filters)
        where, params = filters.where(scoped=False)
        frame = self.frame(
            f"""SELECT {hidden_reason_sql(SRC, TGT)} AS reason, count(*) AS n
                FROM events e JOIN articles a ON a.id = e.article_id WHERE {where} GROUP BY 1""",
            params,
        )
        shown = {None, "domestic"} if filters.scope.domestic else {None}
        total, hidden = 0, {}
        for reason, n in zip(frame["reason"], frame["n"], strict=True):
            reason = None if reason is None or (isinstance(reason, float) and math.isnan(reason)) else str(reason)
            if reason in shown:
                total += int(n)
            else:
                hidden[reason] = int(n)
        return total, hidden

    def event_export_sql(self, filters: EventFilter) -> tuple[str, list[Any]]:
        """Return ``(sql, params)`` selecting every event matching ``filters`` (for downloads, no row cap)."""
        where, params = filters.where()
        return (f"SELECT {EVENT_FIELDS}, a.source AS outlet, e.latitude, e.longitude FROM events e "
                f"JOIN articles a ON a.id = e.article_id WHERE {where} ORDER BY {filters.order()}"), params

    def stream_events(self, filters: EventFilter, first_rows: int = 1_000, batch_rows: int = 50_000):
        """Yield every event matching ``filters`` (the rows and order of :meth:`event_export_sql`) as Arrow batches.

        The order is found first over the narrow keys alone (id, article, sort columns); the wide
        rows (sentences, titles) are then read chunk by chunk in that order: a small first chunk,
        so a download of the whole database starts at once instead of after sorting every
        sentence, then larger ones. The read connection stays open while the download streams.
        """
        import pyarrow as pa

        where, params = filters.where()
        source = "events e JOIN articles a ON a.id = e.article_id" if filters.needs_article else "events e"
        with self._reader.open() as connection:
            cursor = connection.cursor()
            try:
                keys = _arrow_table(cursor.execute(
                    f"SELECT e.id, e.article_id FROM {source} WHERE {where} ORDER BY {filters.order()}", params))
                keys = keys.append_column("position", pa.array(range(keys.num_rows), pa.int64()))
                start, size = 0, first_rows
                while start < keys.num_rows or start == 0:
                    cursor.register("multipolar_export_keys", keys.slice(start, size))
                    try:
                        rows = _arrow_table(cursor.execute(
                            f"SELECT {EVENT_FIELDS}, a.source AS outlet, e.latitude, e.longitude "
                            "FROM multipolar_export_keys k JOIN events e ON e.id = k.id AND e.article_id = k.article_id "
                            "JOIN articles a ON a.id = e.article_id ORDER BY k.position"))
                    finally:
                        cursor.unregister("multipolar_export_keys")
                    yield from rows.to_batches() or [pa.RecordBatch.from_pylist([], schema=rows.schema)]
                    start, size = start + size, batch_rows
            finally:
                cursor.close()

    def stream(self, sql: str, params: list[Any], batch_rows: int = 50_000):
        """Yield the result of a fixed query as Arrow record batches, on a cursor of its own.

        The read connection stays open while the download streams (an ingest waits for it).
        """
        with self._reader.open() as connection:
            yield from arrow_batches(connection, sql, params, batch_rows)

    # -- articles, quotes, figures ------------------------------------------------------
    def outlets(self) -> list[str]:
        """Return the outlets (article sources) in the database, sorted (cached)."""
        frame = self.cached(
            "outlets", lambda: self.frame("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1")
        )
        return list(frame["source"])

    def article_export_sql(self, filters: ArticleFilter) -> tuple[str, list[Any]]:
        """Return ``(sql, params)`` listing every article matching ``filters`` with its counts."""
        where, params = filters.where()
        sql = f"""
SELECT a.id, a.title, a.date, a.source AS outlet, a.url, a.language,
       COALESCE(ev.n, 0) AS events, COALESCE(qu.n, 0) AS quotes, COALESCE(fi.n, 0) AS figures
FROM articles a
LEFT JOIN (SELECT article_id, count(*) AS n FROM events GROUP BY 1) ev ON ev.article_id = a.id
LEFT JOIN (SELECT article_id, count(*) AS n FROM quotes GROUP BY 1) qu ON qu.article_id = a.id
LEFT JOIN (SELECT article_id, count(*) AS n FROM figures GROUP BY 1) fi ON fi.article_id = a.id
WHERE {where}
ORDER BY {order_by(filters.sort, ARTICLE_SORTS, "a.id")}"""
        return sql, params

    def list_articles(self, filters: ArticleFilter, page: int = 1, per_page: int = 50) -> tuple[int, pd.DataFrame]:
        """Return ``(total, frame)``: one page of articles matching ``filters`` with their event/quote/figure counts."""
        where, params = filters.where()
        total = int(self.frame(f"SELECT count(*) AS n FROM articles a WHERE {where}", params).iloc[0]["n"])
        page_sql = f"""
WITH page AS (SELECT a.id, a.title, a.date, a.source, a.url, a.language FROM articles a WHERE {where}
              ORDER BY {order_by(filters.sort, {k: v for k, v in ARTICLE_SORTS.items() if k in ("date", "title", "outlet")}, "a.id")}
              LIMIT ? OFFSET ?)
SELECT page.id, page.title, page.date, page.source AS outlet, page.url, page.language,
       (SELECT count(*) FROM events e WHERE e.article_id = page.id) AS events,
       (SELECT count(*) FROM quotes q WHERE q.article_id = page.id) AS quotes,
       (SELECT count(*) FROM figures f WHERE f.article_id = page.id) AS figures
FROM page"""
        if filters.sort.lstrip("-") in ("events", "quotes", "figures"):
            sql, _ = self.article_export_sql(filters)
            return total, self.frame(f"{sql} LIMIT ? OFFSET ?", params + [per_page, (page - 1) * per_page])
        frame = self.frame(page_sql, params + [per_page, (page - 1) * per_page])
        return total, frame

    def quote_export_sql(self, filters: QuoteFilter) -> tuple[str, list[Any]]:
        """Return ``(sql, params)`` listing every quote matching ``filters`` with its article."""
        where, params = filters.where()
        sql = f"""
SELECT q.id, q.article_id, a.date, a.title, a.source AS outlet, q.kind, q.text, q.speaker_text, q.speaker_name,
       q.speaker_code, q.speaker_country, q.cue, q.cue_class, q.verb
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE {where}
ORDER BY {order_by(filters.sort, QUOTE_SORTS, "q.article_id, q.start, q.id")}"""
        return sql, params

    def list_quotes(self, filters: QuoteFilter, page: int = 1, per_page: int = 50) -> tuple[int, pd.DataFrame]:
        """Return ``(total, frame)``: one page of quotes matching ``filters``."""
        where, params = filters.where()
        total = int(self.frame(
            f"SELECT count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where}", params
        ).iloc[0]["n"])
        sql, params = self.quote_export_sql(filters)
        return total, self.frame(f"{sql} LIMIT ? OFFSET ?", params + [per_page, (page - 1) * per_page])

    def cue_classes(self) -> list[str]:
        """Return the quote cue classes present in the database, sorted (cached)."""
        frame = self.cached(
            "cue_classes", lambda: self.frame("SELECT DISTINCT cue_class FROM quotes WHERE cue_class IS NOT NULL ORDER BY 1")
        )
        return list(frame["cue_class"])

    def figure_export_sql(self, filters: FigureFilter) -> tuple[str, list[Any]]:
        """Return ``(sql, params)`` listing every figure matching ``filters`` with its date, country and article."""
        where, params = filters.where()
        sql = f"""
SELECT f.id, f.article_id, a.date, a.title, a.source AS outlet, f.kind, f.count, f.qualifier, f.who, f.unit,
       {FIGURE_COUNTRY} AS country, f.text, f.event_id
FROM figures f JOIN articles a ON a.id = f.article_id
{FIGURE_JOINS}
WHERE {where}
ORDER BY {order_by(filters.sort, FIGURE_SORTS, "f.article_id, f.start, f.id")}"""
        return sql, params

    def list_figures(self, filters: FigureFilter, page: int = 1, per_page: int = 50) -> tuple[int, pd.DataFrame]:
        """Return ``(total, frame)``: one page of figures matching ``filters``."""
        sql, params = self.figure_export_sql(filters)
        total = int(self.frame(f"SELECT count(*) AS n FROM ({sql})", params).iloc[0]["n"])
        return total, self.frame(f"{sql} LIMIT ? OFFSET ?", params + [per_page, (page - 1) * per_page])

    def figure_series(self, filters: FigureFilter, freq: str) -> pd.DataFrame:
        """Return people killed, wounded and displaced per period, country and kind.

        Within one article the largest figure of a kind and country is taken (an article
        repeating its toll counts it once); across articles the figures are added. Columns:
        period, country, kind, people, articles.
        """
        from multipolar.analysis.base import period_expr

        where, params = filters.where()
        kinds = ", ".join(f"'{k}'" for k in CASUALTY_KINDS)
        return self.frame(
            f"""
WITH per_article AS (
  SELECT a.id, a.date, {FIGURE_COUNTRY} AS country, f.kind, max(f.count) AS people
  FROM figures f JOIN articles a ON a.id = f.article_id
  {FIGURE_JOINS}
  WHERE f.kind IN ({kinds}) AND a.date IS NOT NULL AND {where}
  GROUP BY 1, 2, 3, 4)
SELECT {period_expr(freq, "date")} AS period, COALESCE(country, '?') AS country, kind,
       sum(people) AS people, count(*) AS articles
FROM per_article GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""",
            params,
        )

    # -- the map ------------------------------------------------------------------------
    def map_counts(self, filters: EventFilter) -> pd.DataFrame:
        """Return events per country where they happened (place, else target country): country, events, goldstein_mean."""
        where, params = filters.where()
        source = "events e JOIN articles a ON a.id = e.article_id" if filters.needs_article else "events e"
        return self.frame(
            f"""SELECT COALESCE(e.location_country, e.target_country) AS country, count(*) AS events,
                       avg(e.goldstein) AS goldstein_mean
                FROM {source} WHERE {where} AND COALESCE(e.location_country, e.target_country) IS NOT NULL
                GROUP BY 1 ORDER BY 2 DESC""",
            params,
        )

    def map_points(self, filters: EventFilter, limit: int = 5000) -> pd.DataFrame:
        """Return located events grouped by place (coordinates rounded to 0.1 degree), busiest first.

        Columns: latitude, longitude, place, country, events, goldstein_mean.
        """
        where, params = filters.where()
        source = "events e JOIN articles a ON a.id = e.article_id" if filters.needs_article else "events e"
        return self.frame(
            f"""SELECT round(e.latitude, 1) AS latitude, round(e.longitude, 1) AS longitude,
                       mode(e.location_name) AS place, mode(e.location_country) AS country, count(*) AS events,
                       avg(e.goldstein) AS goldstein_mean
                FROM {source} WHERE {where} AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL
                GROUP BY 1, 2 ORDER BY events DESC LIMIT ?""",
            params + [limit],
        )

    def plover_types(self) -> list[str]:
        """Return the PLOVER types present in the database, sorted."""
        frame = self.cached(
            "plover_types", lambda: self.frame("SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL ORDER BY 1")
        )
        return list(frame["plover"])

    def article(self, article_id: str) -> dict[str, Any] | None:
        """Return the article with its sentences, actors, events, quotes and figures, or None."""
        head = self.frame(
            "SELECT id, title, text, date, url, source, author, language, origin, near_duplicate_of "
            "FROM articles WHERE id = ?",
            [article_id],
        )
        if head.empty:
            return None
        article = records(head)[0]
        article["actors"] = records(
            self.frame(
                'SELECT text, start, "end", code, country, sector, kind, name, role, resolved '
                "FROM actors WHERE article_id = ? ORDER BY start",
                [article_id],
            )
        )
        article["events"] = records(
            self.frame(
                f"SELECT {EVENT_FIELDS} FROM events e JOIN articles a ON a.id = e.article_id "
                "WHERE e.article_id = ? ORDER BY e.trigger_start, e.id",
                [article_id],
            )
        )
        article["quotes"] = records(
            self.frame(
                'SELECT id, text, kind, start, "end", speaker_code, speaker_country, speaker_text, speaker_name, verb, '
                "cue, cue_class FROM quotes WHERE article_id = ? ORDER BY start",
                [article_id],
            )
        )
        article["figures"] = records(
            self.frame(
                'SELECT kind, count, qualifier, who, unit, text, start, "end" FROM figures '
                "WHERE article_id = ? ORDER BY start",
                [article_id],
            )
        )
        return article

    def related_articles(self, article_id: str, days: int = 7, limit: int = 8) -> pd.DataFrame:
        """Return articles sharing countries with ``article_id`` within ``days`` days of it, best first.

        Columns: id, title, date, shared (number of shared countries), countries (their codes).
        """
        return self.frame(
            """
WITH me AS (SELECT date FROM articles WHERE id = ?),
mine AS (SELECT DISTINCT country FROM actors WHERE article_id = ? AND country IS NOT NULL)
SELECT a.id, a.title, a.date, count(DISTINCT ac.country) AS shared, list(DISTINCT ac.country ORDER BY ac.country) AS countries
FROM actors ac
JOIN mine ON ac.country = mine.country
JOIN articles a ON a.id = ac.article_id
CROSS JOIN me
WHERE ac.article_id <> ?
  AND (me.date IS NULL OR a.date BETWEEN me.date - ?::INTEGER AND me.date + ?::INTEGER)
GROUP BY a.id, a.title, a.date, me.date
ORDER BY shared DESC, abs(a.date - me.date) NULLS LAST, a.id
LIMIT ?""",
            [article_id, article_id, article_id, days, days, limit],
        )

    def actor_name(self, code: str) -> str | None:
        """Return the name most often written for actor ``code`` (a country or an organisation code), or None."""
        return self.actor_names().get(code)

    def actor_names(self) -> dict[str, str]:
        """Return every country's and organisation's most frequent name, by code (cached, one query)."""

        def compute() -> dict[str, str]:
            frame = self.frame(
                """SELECT key, arg_max(name, n) AS name FROM (
                     SELECT COALESCE(country, code) AS key, name, count(*) AS n FROM actors
                     WHERE name IS NOT NULL AND kind IN ('country', 'organisation') AND COALESCE(country, code) IS NOT NULL
                     GROUP BY 1, 2)
                   GROUP BY key"""
            )
            return dict(zip(frame["key"].tolist(), frame["name"].tolist(), strict=True))

        return self.cached("actor_names", compute)

    def dyad_quotes(self, actor: str, partner: str, limit: int = 20) -> pd.DataFrame:
        """Return quotes by either actor in articles reporting events between the two, newest first."""
        return self.frame(
            f"""
WITH arts AS (
  SELECT DISTINCT e.article_id FROM events e
  WHERE ({SRC} = ? AND {TGT} = ?) OR ({SRC} = ? AND {TGT} = ?)
)
SELECT q.id, q.article_id, a.date, a.title, q.kind, q.text, q.speaker_country, q.speaker_text, q.verb
FROM quotes q JOIN arts USING (article_id) JOIN articles a ON a.id = q.article_id
WHERE q.speaker_country IN (?, ?) OR q.speaker_code IN (?, ?)
ORDER BY a.date DESC NULLS LAST, q.id LIMIT ?""",
            [actor, partner, partner, actor, actor, partner, actor, partner, limit],
        )
