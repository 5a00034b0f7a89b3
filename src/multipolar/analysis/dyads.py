"""Dyads: who did what to whom, counted by type and period, directed or undirected."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from multipolar.analysis import base
from multipolar.analysis.base import FrameSource, event_cte, period_expr

#: Breakdown columns a dyad table can be split by.
BREAKDOWNS: dict[str, str] = {"plover": "plover", "cameo_root": "cameo_root"}

DYAD_COLUMNS = [
    "events",
    "cooperation",
    "conflict",
    "neutral",
    "scored",
    "goldstein_sum",
    "goldstein_mean",
    "weight",
    "cooperation_weight",
    "conflict_weight",
]


#: The sums of :data:`DYAD_COLUMNS` over counted events (``ev``), and the same over event groups (see
#: :func:`event_groups`): the Goldstein mean is the sum (rounded to 6 decimals, so the order of the
#: additions cannot change it) divided by the number of scored events in both.
_OVER_EVENTS = """count(*) AS events,
       count(*) FILTER (WHERE sign > 0) AS cooperation,
       count(*) FILTER (WHERE sign < 0) AS conflict,
       count(*) FILTER (WHERE sign = 0) AS neutral,
       count(goldstein) AS scored,
       COALESCE(sum(goldstein), 0) AS goldstein_sum,
       round(sum(goldstein), 6) / NULLIF(count(goldstein), 0) AS goldstein_mean,
       sum(weight) AS weight,
       COALESCE(sum(weight) FILTER (WHERE weight > 0), 0) AS cooperation_weight,
       COALESCE(-sum(weight) FILTER (WHERE weight < 0), 0) AS conflict_weight"""
_OVER_GROUPS = """CAST(sum(events) AS BIGINT) AS events,
       CAST(sum(cooperation) AS BIGINT) AS cooperation,
       CAST(sum(conflict) AS BIGINT) AS conflict,
       CAST(sum(neutral) AS BIGINT) AS neutral,
       CAST(sum(scored) AS BIGINT) AS scored,
       COALESCE(sum(goldstein_sum), 0) AS goldstein_sum,
       round(sum(goldstein_sum), 6) / NULLIF(sum(scored), 0) AS goldstein_mean,
       sum(weight) AS weight,
       COALESCE(sum(positive_weight), 0) AS cooperation_weight,
       COALESCE(-sum(negative_weight), 0) AS conflict_weight"""
#: Period lengths made of whole months: answered from the monthly event groups.
MONTHLY_FREQS = (None, "month", "quarter", "year")


def event_groups(store: FrameSource, *, domestic: bool = False) -> tuple[str, list]:
    """Return ``(sql, params)`` grouping the counted events of the whole range by month, source, target and PLOVER type.

    Columns: period (the month's first day), src, tgt (NULL when a side has no country or
    IGO), plover, events, cooperation, conflict, neutral, scored, goldstein_sum (NULL when no
    event is scored), weight, positive_weight and negative_weight (the sums of the positive and
    negative weights, NULL when none). Stored at the end of an ingest run
    (:func:`multipolar.analysis.aggregates.refresh_aggregates`); every whole-range count of
    :func:`dyads`, :func:`multipolar.analysis.profiles.actor_summary` and
    :func:`multipolar.analysis.profiles.actor_series` by month, quarter or year is a sum of its rows.
    """
    cte, params = event_cte(domestic=domestic)
    sql = f"""{cte}
SELECT {period_expr("month")} AS period, src, tgt, plover,
       count(*) AS events,
       count(*) FILTER (WHERE sign > 0) AS cooperation,
       count(*) FILTER (WHERE sign < 0) AS conflict,
       count(*) FILTER (WHERE sign = 0) AS neutral,
       count(goldstein) AS scored,
       sum(goldstein) AS goldstein_sum,
       sum(weight) AS weight,
       sum(weight) FILTER (WHERE weight > 0) AS positive_weight,
       sum(weight) FILTER (WHERE weight < 0) AS negative_weight
FROM ev GROUP BY 1, 2, 3, 4"""
    return sql, params


def stored_groups(
    store: FrameSource, since, until, freq: str | None = "month", *, domestic: bool = False
) -> str | None:
    """Return the table of stored event groups when it answers a whole-range call by ``freq``, else None."""
    if since is not None or until is not None or freq not in MONTHLY_FREQS:
        return None
    from multipolar.analysis import aggregates

    return aggregates.stored_groups(store, domestic=domestic)


def dyads(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    freq: str | None = None,
    directed: bool = True,
    actor: str | None = None,
    partner: str | None = None,
    by: str | None = None,
    min_events: int = 1,
    limit: int | None = None,
    domestic: bool = False,
) -> pd.DataFrame:
    """Return one row per dyad (and per period and category when asked), most events first.

    Columns: ``period`` (when ``freq`` is given: day, week, month, quarter or year),
    ``source``, ``target``, ``category`` (when ``by`` is ``plover`` or ``cameo_root``), then
    events, cooperation, conflict, neutral (counts), scored (events with a Goldstein value),
    goldstein_sum, goldstein_mean (over scored events), weight (signed sum),
    cooperation_weight, conflict_weight (both positive). Undirected dyads put the alphabetically smaller actor first. ``actor`` keeps
    dyads with that actor on either side; with ``partner`` too, only the pair (both directions).
    Events lacking a country/IGO on a side are not dyadic; events whose two sides are one
    country are domestic and left out unless ``domestic`` is true (then ``RUS -> RUS`` is a dyad).
    The whole range by month, quarter, year or none, by PLOVER type or none, is summed from the
    stored event groups when they are current (the same rows and values).
    """
    involving = [a for a in (actor, partner) if a is not None] or None
    groups = stored_groups(store, since, until, freq, domestic=domestic) if by in (None, "plover") else None
    if groups is not None:  # the whole range by month, quarter or year: sums of the stored groups
        cte, params, sums, period_column = f"WITH ev AS (SELECT * FROM {groups})", [], _OVER_GROUPS, "period"
        count = "sum(events)"
    else:
        cte, params = event_cte(since, until, involving, domestic=domestic)
        sums, period_column, count = _OVER_EVENTS, "date", "count(*)"
    if directed:
        pair = "src AS source, tgt AS target"
    else:
        pair = "least(src, tgt) AS source, greatest(src, tgt) AS target"
    keys = ["source", "target"]
    select = [pair]
    if freq is not None:
        select.insert(0, f"{period_expr(freq, period_column)} AS period")
        keys.insert(0, "period")
    if by is not None:
        if by not in BREAKDOWNS:
            raise ValueError(f"by must be one of {', '.join(BREAKDOWNS)}")
        select.append(f"COALESCE(CAST({BREAKDOWNS[by]} AS VARCHAR), '?') AS category")
        keys.append("category")
    where = ["src IS NOT NULL", "tgt IS NOT NULL"] + ([] if domestic else ["src <> tgt"])
    if actor is not None and partner is not None:
        where.append("((src = ? AND tgt = ?) OR (src = ? AND tgt = ?))")
        params += [actor, partner, partner, actor]
    elif actor is not None:
        where.append("(src = ? OR tgt = ?)")
        params += [actor, actor]
    sql = f"""{cte}
SELECT {', '.join(select)},
       {sums}
FROM ev
WHERE {' AND '.join(where)}
GROUP BY {', '.join(str(i + 1) for i in range(len(keys)))}
HAVING {count} >= ?
ORDER BY {'period, ' if freq else ''}events DESC, source, target{', category' if by else ''}
{'LIMIT ?' if limit else ''}"""
    params.append(int(min_events))
    if limit:
        params.append(int(limit))
    frame = store.frame(sql, params)
    return _clean(frame, keys)


def dyad_series(
    store: FrameSource,
    actor: str,
    partner: str,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    freq: str = "month",
    directed: bool = False,
    min_period_events: int | None = None,
    domestic: bool = False,
) -> pd.DataFrame:
    """Return the time series of one dyad: one row per period with events (and per direction if directed).

    Periods without events are filled with zero counts between the first and last period seen,
    so the series can be drawn as it is. Columns as in :func:`dyads`, plus ``too_few``: true
    when the period holds fewer than ``min_period_events`` events (setting of that name), whose
    ``goldstein_mean`` is then left empty rather than drawn from one or two events.
    """
    frame = dyads(store, since, until, freq=freq, directed=directed, actor=actor, partner=partner, domestic=domestic)
    if frame.empty:
        return frame.assign(too_few=pd.Series(dtype=bool))
    filled = fill_periods(frame, freq, ["source", "target"])
    too_few = filled["events"] < base.min_period_events(min_period_events)
    filled["goldstein_mean"] = filled["goldstein_mean"].where(~too_few)
    return filled.assign(too_few=too_few)


def fill_periods(frame: pd.DataFrame, freq: str, group: list[str]) -> pd.DataFrame:
    """Return ``frame`` with zero rows added for missing periods of each ``group``, sorted by period."""
    offsets = {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}
    periods = pd.to_datetime(frame["period"])
    full = pd.date_range(periods.min(), periods.max(), freq=offsets[freq])
    out = []
    for keys, part in frame.groupby(group, sort=False):
        part = part.assign(period=pd.to_datetime(part["period"])).set_index("period").reindex(full)
        part.index.name = "period"
        for column, value in zip(group, keys if isinstance(keys, tuple) else (keys,), strict=True):
            part[column] = value
        for column in DYAD_COLUMNS:
            if column != "goldstein_mean":
                part[column] = part[column].fillna(0)
        out.append(part.reset_index())
    result = pd.concat(out, ignore_index=True)
    result["period"] = result["period"].dt.date
    for column in ("events", "cooperation", "conflict", "neutral", "scored"):
        result[column] = result[column].astype("int64")
    return result.sort_values(["period", *group], ignore_index=True)[["period", *group, *DYAD_COLUMNS]]


def combine(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Return the dyad rows of ``frame`` summed over everything but ``keys`` (means recomputed).

    For example ``combine(by_period_and_type, ["source", "target"])`` gives the totals of each
    direction from a table split by period and PLOVER type, without querying again.
    """
    if frame.empty:
        return frame.reindex(columns=[*keys, *DYAD_COLUMNS])
    summed = [c for c in DYAD_COLUMNS if c != "goldstein_mean"]
    result = frame.groupby(keys, sort=False, as_index=False)[summed].sum()
    result["goldstein_mean"] = (result["goldstein_sum"] / result["scored"].where(result["scored"] > 0)).round(3)
    result = result.sort_values(["events", *keys], ascending=[False] + [True] * len(keys), ignore_index=True)
    return _clean(result, keys)


def _clean(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if "period" in frame.columns:
        frame["period"] = pd.to_datetime(frame["period"]).dt.date
    for column in ("events", "cooperation", "conflict", "neutral", "scored"):
        frame[column] = frame[column].astype("int64")
    for column in ("goldstein_sum", "weight", "cooperation_weight", "conflict_weight"):
        frame[column] = frame[column].astype("float64").round(3)
    frame["goldstein_mean"] = frame["goldstein_mean"].astype("float64").round(3)
    return frame[[*keys, *DYAD_COLUMNS]]
