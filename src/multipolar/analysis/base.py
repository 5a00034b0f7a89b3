"""Shared building blocks of the analysis: which events count, their signed weight and the base SQL.

Every analysis reads the ``events`` table through one fixed, parameterised common table
expression (``ev``) that gives each counted event its two actor keys, its cooperation or
conflict sign and its signed weight. Signs and weights come from the one ontology
(:mod:`multipolar.ontology`): the sign from the PLOVER type's quad class, the size from the
Goldstein score. Nothing here accepts SQL from a user: filters are parameters and period
names are checked against :data:`PERIODS`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import pandas as pd

from multipolar import ontology, settings
from multipolar.errors import Errors, MultipolarError

#: Modalities of events that did not happen as reported facts; analyses leave them out, like negated ones.
NON_FACTUAL_MODALITIES = ("conditional", "question", "denied", "future")

#: The only event timing analyses count: inside the article's own time (not history, not plans).
COUNTED_TIMING = "current"

#: Earliest event date any analysis, overview or export accepts (the CAMEO era; older dates are history or errors).
FIRST_SANE_DATE = dt.date(1979, 1, 1)

#: Days an event may lie after its article's date and still be "current" (time zones, datelines).
MAX_DAYS_AFTER_ARTICLE = 1

#: Days an event may lie before its article's date and still be "current" (older acts are history).
MAX_DAYS_BEFORE_ARTICLE = 400

#: Event timings a listing can ask for (``Event.timing``); analyses count only :data:`COUNTED_TIMING`.
TIMINGS = ("current", "history", "future")

#: SQL condition (on an ``events`` row ``e``) keeping events reported as facts: not negated, not non-factual.
FACTUAL_EVENT_SQL = (
    "NOT COALESCE(e.negated, FALSE) AND COALESCE(e.modality, 'asserted') NOT IN ("
    + ", ".join(f"'{m}'" for m in NON_FACTUAL_MODALITIES)
    + ")"
)

#: SQL giving an event's timing (a missing one reads as the counted timing, like older databases).
TIMING_SQL = f"COALESCE(e.timing, '{COUNTED_TIMING}')"

#: SQL condition (on an ``events`` row ``e`` joined to its article ``a``) keeping asserted events.
ASSERTED_EVENT_SQL = f"{FACTUAL_EVENT_SQL} AND {TIMING_SQL} = '{COUNTED_TIMING}'"


def sane_date_sql(event_date: str = "e.date", article_date: str | None = "a.date") -> str:
    """Return the SQL condition keeping dates inside the sane window (see the README).

    The window is [FIRST_SANE_DATE, today] and, when the article has a date, [article date -
    MAX_DAYS_BEFORE_ARTICLE, article date + MAX_DAYS_AFTER_ARTICLE]. The overview's date range,
    every period and the GDELT-like export use it, so a "1938" or "2047" date never opens a period.
    """
    window = f"{event_date} IS NOT NULL AND {event_date} >= DATE '{FIRST_SANE_DATE.isoformat()}' AND {event_date} <= current_date"
    if article_date is None:
        return window
    return (
        f"{window} AND ({article_date} IS NULL OR ({event_date} <= {article_date} + INTERVAL {MAX_DAYS_AFTER_ARTICLE} DAY"
        f" AND {event_date} >= {article_date} - INTERVAL {MAX_DAYS_BEFORE_ARTICLE} DAY))"
    )


#: SQL condition (on ``events e JOIN articles a``) keeping the events analyses count (asserted, current, sane date).
COUNTED_EVENT_SQL = f"{ASSERTED_EVENT_SQL} AND {sane_date_sql()}"

#: Why a stored event is not counted, in the order the reasons are tested (one reason per event).
HIDDEN_REASONS = ("not_asserted", "history_future", "out_of_time", "domestic")


@dataclass(frozen=True)
class EventScope:
    """Which stored events a listing shows; the default is exactly what the analyses count.

    ``timing`` is ``"current"`` (counted: inside the article's own time, which also means a date
    in the sane window of :func:`sane_date_sql`), ``"history"``, ``"future"`` or ``None`` (any).
    ``modality`` is ``"asserted"`` (counted: not negated, not conditional, question, denied or
    future), ``None`` (any), ``"negated"`` or one stored modality (``"threatened"``, ...).
    ``domestic`` true lets domestic events in (one country on both sides), as ``--domestic``
    does for the analyses. Listings (event search, map, CLI ``events``) default to this rule and
    say how many events it hides (:func:`hidden_reason_sql`); :data:`ALL_EVENTS` shows all.
    """

    timing: str | None = COUNTED_TIMING
    modality: str | None = "asserted"
    domestic: bool = False

    @property
    def counted(self) -> bool:
        """Return whether this scope is the analyses' own rule (nothing else shown)."""
        return self == EventScope() or self == EventScope(domestic=True)

    @property
    def needs_article(self) -> bool:
        """Return whether the condition reads the article row ``a`` (the article-relative date window)."""
        return self.timing == COUNTED_TIMING

    def where(self, src: str | None = None, tgt: str | None = None, *, with_article: bool = True) -> tuple[str, list]:
        """Return the SQL condition (on ``events e``, joined to ``articles a`` when :attr:`needs_article`) and its parameters.

        ``src``/``tgt`` are the SQL of the two actor keys (default: :func:`actor_key` of each side).
        ``with_article=False`` leaves out the article-relative part of the date window: a looser
        condition on ``events e`` alone (every event it drops, the full condition drops too).
        """
        clauses: list[str] = []
        params: list = []
        if self.modality == "asserted":
            clauses.append(FACTUAL_EVENT_SQL)
        elif self.modality == "negated":
            clauses.append("COALESCE(e.negated, FALSE)")
        elif self.modality is not None:
            clauses.append("COALESCE(e.modality, 'asserted') = ?")
            params.append(self.modality)
        if self.timing == COUNTED_TIMING:
            window = sane_date_sql() if with_article else sane_date_sql(article_date=None)
            clauses.append(f"{TIMING_SQL} = '{COUNTED_TIMING}' AND {window}")
        elif self.timing is not None:
            clauses.append(f"{TIMING_SQL} = ?")
            params.append(self.timing)
        if not self.domestic:
            clauses.append(f"NOT {domestic_sql(src or actor_key('e.source'), tgt or actor_key('e.target'))}")
        return (" AND ".join(clauses) or "TRUE"), params


#: The scope of a listing that shows every stored event.
ALL_EVENTS = EventScope(timing=None, modality=None, domestic=True)


def hidden_reason_sql(src: str | None = None, tgt: str | None = None) -> str:
    """Return SQL (on ``events e JOIN articles a``) naming why the analyses leave an event out, NULL if counted.

    One of :data:`HIDDEN_REASONS`, tested in that order: not asserted (negated or non-factual),
    history or future timing, a date outside the article's time (:func:`sane_date_sql`), domestic.
    """
    domestic = domestic_sql(src or actor_key("e.source"), tgt or actor_key("e.target"))
    return (f"CASE WHEN NOT ({FACTUAL_EVENT_SQL}) THEN 'not_asserted' "
            f"WHEN {TIMING_SQL} <> '{COUNTED_TIMING}' THEN 'history_future' "
            f"WHEN NOT ({sane_date_sql()}) THEN 'out_of_time' "
            f"WHEN {domestic} THEN 'domestic' END")

#: Period names accepted everywhere, mapped to DuckDB ``date_trunc`` parts.
PERIODS: dict[str, str] = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}

#: Label of a period with fewer counted events than ``min_period_events``.
TOO_FEW_EVENTS = "too few events"


class FrameSource(Protocol):
    """What the analysis needs from the store: fixed SQL in, a DataFrame out."""

    def frame(self, sql: str, params: list | None = None) -> pd.DataFrame:
        """Return the result of the parameterised ``sql`` as a DataFrame."""
        ...


@dataclass(frozen=True)
class PloverClass:
    """The quad class of a PLOVER event type, its sign and its fallback weight (all from the ontology)."""

    plover: str
    quad: str
    sign: int
    default_weight: float


@lru_cache(maxsize=1)
def plover_classes() -> dict[str, PloverClass]:
    """Return the PLOVER type -> class table, read from :mod:`multipolar.ontology` (the one source)."""
    return {
        name: PloverClass(name, kind.quad_class, kind.sign, ontology.default_weight(name))
        for name, kind in ontology.plover_types().items()
    }




def min_period_events(value: int | None = None) -> int:
    """Return ``value`` or the ``min_period_events`` setting: periods with fewer events get no measures."""
    return int(settings.get("min_period_events") if value is None else value)


def check_period(freq: str) -> str:
    """Return the DuckDB date part for period name ``freq``; raise a coded error if unknown."""
    if freq not in PERIODS:
        raise MultipolarError(Errors.E601.format(freq=freq, choices=", ".join(PERIODS)))
    return PERIODS[freq]


def period_expr(freq: str | None, column: str = "date") -> str:
    """Return the SQL expression giving the start date of ``column``'s period (whitelisted)."""
    if freq is None:
        return "NULL::DATE"
    part = check_period(freq)
    if part == "day":
        return column
    return f"CAST(date_trunc('{part}', {column}) AS DATE)"


def all_periods(seen: list[dt.date], freq: str) -> list[dt.date]:
    """Return every period start from the first to the last of ``seen`` (periods without events included)."""
    if not seen:
        return []
    offsets = {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}
    return [stamp.date() for stamp in pd.date_range(min(seen), max(seen), freq=offsets[freq])]


def period_end(start: dt.date, freq: str) -> dt.date:
    """Return the last day of the ``freq`` period that begins on ``start``."""
    offsets = {"day": pd.DateOffset(days=1), "week": pd.DateOffset(weeks=1), "month": pd.DateOffset(months=1),
               "quarter": pd.DateOffset(months=3), "year": pd.DateOffset(years=1)}
    return (pd.Timestamp(start) + offsets[freq] - pd.DateOffset(days=1)).date()


def period_start(day: dt.date, freq: str) -> dt.date:
    """Return the first day of the ``freq`` period holding ``day`` (weeks start on Monday)."""
    if freq == "day":
        return day
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    if freq == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def full_periods(since: dt.date | None, until: dt.date | None, freq: str) -> tuple[dt.date | None, dt.date | None]:
    """Return (first, last) period starts lying wholly inside [since, until] (None: unbounded side).

    Periods outside that range but touching the window are partial and must be computed live.
    """
    first = None
    if since is not None:
        first = since if period_start(since, freq) == since else period_end(period_start(since, freq), freq) + dt.timedelta(days=1)
    last = None
    if until is not None:
        start = period_start(until, freq)
        last = start if period_end(start, freq) == until else period_start(start - dt.timedelta(days=1), freq)
    return first, last


def as_date(value: str | dt.date | None) -> dt.date | None:
    """Return ``value`` as a date (ISO strings are parsed); ``None`` stays ``None``."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise MultipolarError(Errors.E602.format(value=value)) from exc


def actor_key(side: str) -> str:
    """Return the SQL giving the analysis key of an event side: its country, else its IGO code."""
    return f"COALESCE({side}_country, CASE WHEN {side}_code LIKE 'IGO%' THEN {side}_code END)"


def domestic_sql(src: str = "src", tgt: str = "tgt", flag: str = "e.domestic") -> str:
    """Return the SQL condition true for a domestic event: flagged so, or both sides in one country."""
    return f"COALESCE({flag}, {src} = {tgt}, FALSE)"


def event_cte(
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    involving: list[str] | None = None,
    *,
    domestic: bool = False,
) -> tuple[str, list]:
    """Return ``(sql, params)`` for a ``WITH ev AS (...)`` clause over the counted events.

    Columns of ``ev``: id, article_id, date, plover, cameo_root, goldstein, src, tgt, sign
    (+1 cooperation, -1 conflict, 0 neutral: weight 0 or unknown type), weight (see
    :func:`multipolar.ontology.signed_weight`), domestic and stored_order (the event's row
    number in the table: ``ORDER BY stored_order`` reads events in the order they were stored,
    whatever order a parallel scan would give). Counted are asserted events
    (not negated, conditional, question, denied or future) with timing "current" and a date
    inside the sane window (:func:`sane_date_sql`); domestic events (one country on both
    sides) only when ``domestic`` is true. ``since``/``until`` bound the event date, both
    inclusive. ``involving`` keeps only events with one of these countries or codes on a side
    (a fast pre-filter; callers still test ``src``/``tgt`` exactly).
    """
    classes = list(plover_classes().values())
    involving_sql = ""
    if involving:
        involving_sql = """AND (list_contains(?::VARCHAR[], e.source_country) OR list_contains(?::VARCHAR[], e.target_country)
         OR list_contains(?::VARCHAR[], e.source_code) OR list_contains(?::VARCHAR[], e.target_code))"""
    counted, counted_params = EventScope(domestic=domestic).where()
    sql = f"""
WITH ev AS (
  SELECT id, article_id, date, plover, cameo_root, goldstein, src, tgt, domestic,
         CAST(sign(weight) AS INTEGER) AS sign, weight, stored_order
  FROM (
    SELECT e.id, e.article_id, e.date, e.plover, e.cameo_root, e.goldstein, e.rowid AS stored_order,
           {actor_key('e.source')} AS src,
           {actor_key('e.target')} AS tgt,
           {domestic_sql(actor_key('e.source'), actor_key('e.target'))} AS domestic,
           COALESCE(cls.sign, 0) * COALESCE(abs(e.goldstein), cls.default_weight, 0.0) AS weight
    FROM events e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN (SELECT unnest(?::VARCHAR[]) AS plover, unnest(?::INTEGER[]) AS sign,
                      unnest(?::DOUBLE[]) AS default_weight) cls ON cls.plover = e.plover
    WHERE {counted}
      AND (?::DATE IS NULL OR e.date >= ?::DATE)
      AND (?::DATE IS NULL OR e.date <= ?::DATE)
      {involving_sql}
  )
)"""
    start, end = as_date(since), as_date(until)
    params: list = [
        [c.plover for c in classes],
        [c.sign for c in classes],
        [c.default_weight for c in classes],
        *counted_params,
        start,
        start,
        end,
        end,
    ]
    if involving:
        params += [list(involving)] * 4
    return sql, params


def counted_bounds(store: FrameSource, *, domestic: bool = False) -> pd.DataFrame:
    """Return one row: first and last dates of the counted events and how many there are (``first, last, events``).

    Stored with the analysis aggregates at the end of an ingest run, so pages read it at once.
    """
    from multipolar.analysis import aggregates

    def compute() -> pd.DataFrame:
        cte, params = event_cte(domestic=domestic)
        return store.frame(f"{cte} SELECT min(date) AS first, max(date) AS last, count(*) AS events FROM ev", params)

    frame = aggregates.cached(store, aggregates.call_key("date_bounds", domestic=domestic), compute)
    return frame if "events" in frame.columns else compute()  # stored by a version without the count


def date_bounds(store: FrameSource, *, domestic: bool = False) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and last dates of the counted events (``None`` when there are none).

    Dates outside the sane window, negated, non-asserted and history events do not stretch
    the range, so the overview never says "from 1938 to 2047".
    """
    frame = counted_bounds(store, domestic=domestic)
    if frame.empty or pd.isna(frame.iloc[0]["first"]):
        return None, None
    return _to_date(frame.iloc[0]["first"]), _to_date(frame.iloc[0]["last"])


def counted_events(store: FrameSource, *, domestic: bool = False) -> int:
    """Return how many stored events the analyses count (see :class:`EventScope`)."""
    frame = counted_bounds(store, domestic=domestic)
    if frame.empty or pd.isna(frame.iloc[0]["events"]):
        return 0
    return int(frame.iloc[0]["events"])


def _to_date(value) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value
