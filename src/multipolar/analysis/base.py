"""Shared building blocks of the analysis: the event source, PLOVER classes and the base SQL.

Every analysis reads the ``events`` table through one fixed, parameterised common table
expression (``ev``) that gives each counted event its two actor keys, its cooperation or
conflict sign and its signed weight. Nothing here accepts SQL from a user: filters are
parameters and period names are checked against :data:`PERIODS`.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import pandas as pd

from multipolar.errors import Errors, MultipolarError

DATA_DIR = Path(__file__).parent / "data"

#: Modalities of events that did not happen as reported facts; analyses leave them out, like negated ones.
NON_FACTUAL_MODALITIES = ("conditional", "question", "denied")

#: SQL condition (on an ``events`` row) keeping the events analyses count.
COUNTED_EVENT_SQL = (
    "NOT COALESCE(negated, FALSE) AND COALESCE(modality, 'asserted') NOT IN ("
    + ", ".join(f"'{m}'" for m in NON_FACTUAL_MODALITIES)
    + ")"
)

#: Period names accepted everywhere, mapped to DuckDB ``date_trunc`` parts.
PERIODS: dict[str, str] = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}


class FrameSource(Protocol):
    """What the analysis needs from the store: fixed SQL in, a DataFrame out."""

    def frame(self, sql: str, params: list | None = None) -> pd.DataFrame:
        """Return the result of the parameterised ``sql`` as a DataFrame."""
        ...


@dataclass(frozen=True)
class PloverClass:
    """The quad class of a PLOVER event type, its sign and its fallback weight."""

    plover: str
    quad: str
    sign: int
    default_weight: float


@lru_cache(maxsize=1)
def plover_classes() -> dict[str, PloverClass]:
    """Return the PLOVER type -> class table loaded once from ``data/plover_classes.tsv``."""
    path = DATA_DIR / "plover_classes.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    table: dict[str, PloverClass] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        sign = int(row["sign"])
        weight = float(row["default_weight"])
        if sign not in (-1, 1) or weight <= 0:
            raise MultipolarError(Errors.E600.format(path=path, detail=f"bad row for {row['plover']}"))
        table[row["plover"]] = PloverClass(row["plover"], row["quad"], sign, weight)
    return table


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


def event_cte(
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    involving: list[str] | None = None,
) -> tuple[str, list]:
    """Return ``(sql, params)`` for a ``WITH ev AS (...)`` clause over the counted events.

    Columns of ``ev``: id, article_id, date, plover, cameo_root, goldstein, src, tgt, sign
    (+1 cooperation, -1 conflict, 0 neither) and weight (sign x magnitude, see the README).
    Negated events and non-factual ones (conditional, question, denied) are not counted. ``since``/``until`` bound the event date, both inclusive.
    ``involving`` keeps only events with one of these countries or codes on a side (a fast
    pre-filter; callers still test ``src``/``tgt`` exactly).
    """
    classes = list(plover_classes().values())
    involving_sql = ""
    if involving:
        involving_sql = """AND (list_contains(?::VARCHAR[], e.source_country) OR list_contains(?::VARCHAR[], e.target_country)
         OR list_contains(?::VARCHAR[], e.source_code) OR list_contains(?::VARCHAR[], e.target_code))"""
    sql = f"""
WITH ev AS (
  SELECT e.id, e.article_id, e.date, e.plover, e.cameo_root, e.goldstein,
         {actor_key('e.source')} AS src,
         {actor_key('e.target')} AS tgt,
         CASE WHEN cls.sign IS NOT NULL THEN cls.sign
              WHEN e.goldstein > 0 THEN 1 WHEN e.goldstein < 0 THEN -1 ELSE 0 END AS sign,
         (CASE WHEN cls.sign IS NOT NULL THEN cls.sign
               WHEN e.goldstein > 0 THEN 1 WHEN e.goldstein < 0 THEN -1 ELSE 0 END)
         * (CASE WHEN e.goldstein IS NOT NULL AND e.goldstein <> 0 THEN abs(e.goldstein)
                 ELSE COALESCE(cls.default_weight, 1.0) END) AS weight
  FROM events e
  LEFT JOIN (SELECT unnest(?::VARCHAR[]) AS plover, unnest(?::INTEGER[]) AS sign,
                    unnest(?::DOUBLE[]) AS default_weight) cls ON cls.plover = e.plover
  WHERE {COUNTED_EVENT_SQL.replace("negated", "e.negated").replace("modality", "e.modality")}
    AND (?::DATE IS NULL OR e.date >= ?::DATE)
    AND (?::DATE IS NULL OR e.date <= ?::DATE)
    {involving_sql}
)"""
    start, end = as_date(since), as_date(until)
    params: list = [
        [c.plover for c in classes],
        [c.sign for c in classes],
        [c.default_weight for c in classes],
        start,
        start,
        end,
        end,
    ]
    if involving:
        params += [list(involving)] * 4
    return sql, params


def date_bounds(store: FrameSource) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and last event dates in the store (``None`` when it has no events)."""
    frame = store.frame("SELECT min(date) AS first, max(date) AS last FROM events")
    if frame.empty or pd.isna(frame.iloc[0]["first"]):
        return None, None
    return _to_date(frame.iloc[0]["first"]), _to_date(frame.iloc[0]["last"])


def _to_date(value) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value
