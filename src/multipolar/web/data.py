"""The dashboard's access to the database: fixed queries, one lock, and a cache of analyses.

Users never send SQL: every query here is written in our code and takes its filters as
parameters. The store's DuckDB connection is shared by the server's worker threads, so each
query holds a lock. Analysis results are cached until the database file changes.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from multipolar.analysis.base import actor_key
from multipolar.errors import Errors, MultipolarError
from multipolar.store import open_store

EVENT_FIELDS = """e.id, e.article_id, e.date, e.plover, e.cameo, e.cameo_root, e.goldstein, e.mode, e.modality,
  e.negated, e.source_code, e.source_country, e.source_text, e.target_code, e.target_country, e.target_text,
  e.trigger, e.trigger_start, e.trigger_end, e.sentence, e.rule, e.location_name, e.location_country,
  e.quote_id, a.title AS article_title"""

SRC = actor_key("e.source")
TGT = actor_key("e.target")


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

    def where(self) -> tuple[str, list[Any]]:
        """Return the SQL condition and its parameters for these filters."""
        clauses: list[str] = []
        params: list[Any] = []
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
        if self.text:
            clauses.append("(e.sentence ILIKE ? ESCAPE '\\' OR a.title ILIKE ? ESCAPE '\\')")
            params += [f"%{_like(self.text)}%"] * 2
        if self.article_id:
            clauses.append("e.article_id = ?")
            params.append(self.article_id)
        return (" AND ".join(clauses) or "TRUE"), params


def _like(text: str) -> str:
    """Return ``text`` with LIKE wildcards taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the rows of ``frame`` as JSON-ready dicts (NaN and NaT become None, dates ISO-ready)."""
    rows = frame.astype(object).to_dict("records")
    for row in rows:
        for key, value in row.items():
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


class Database:
    """A read-only multipolar database shared by the dashboard's threads."""

    def __init__(self, path: str | Path, cache_size: int = 256) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise MultipolarError(Errors.E603.format(path=self.path))
        self._store = open_store(self.path, read_only=True)
        self._lock = threading.RLock()
        self._cache: OrderedDict[tuple, Any] = OrderedDict()
        self._cache_size = cache_size
        self._stamp = self._file_stamp()

    def _file_stamp(self) -> tuple[float, int]:
        stat = os.stat(self.path)
        return stat.st_mtime, stat.st_size

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._store.close()

    def frame(self, sql: str, params: list | None = None) -> pd.DataFrame:
        """Return the DataFrame of a fixed, parameterised query (serialised across threads)."""
        with self._lock:
            return self._store.frame(sql, params)

    def cached(self, name: str, compute: Callable[[], Any], *key: Any) -> Any:
        """Return ``compute()``, remembered under ``(name, *key)`` until the database file changes."""
        stamp = self._file_stamp()
        with self._lock:
            if stamp != self._stamp:
                self._cache.clear()
                self._stamp = stamp
            full_key = (name, *key)
            if full_key in self._cache:
                self._cache.move_to_end(full_key)
                return self._cache[full_key]
        value = compute()
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
        # the article title is only needed to filter when searching text; join it for the page alone
        source = "events e JOIN articles a ON a.id = e.article_id" if filters.text else "events e"
        total = None
        if count:
            total = int(self.frame(f"SELECT count(*) AS n FROM {source} WHERE {where}", params).iloc[0]["n"])
        rows = self.frame(
            f"""WITH page AS (
                  SELECT e.id AS event_id, e.date AS d, e.article_id AS art, e.sentence_index AS s
                  FROM {source} WHERE {where}
                  ORDER BY e.date DESC NULLS LAST, e.article_id, e.sentence_index, e.id LIMIT ? OFFSET ?)
                SELECT {EVENT_FIELDS} FROM page
                JOIN events e ON e.id = page.event_id AND e.article_id = page.art
                JOIN articles a ON a.id = e.article_id
                ORDER BY page.d DESC NULLS LAST, page.art, page.s, e.id""",
            params + [per_page, (page - 1) * per_page],
        )
        return total, rows

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
