"""Actor profiles: partners and adversaries ranked, share of world events, time series and quotes."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from multipolar.analysis import base
from multipolar.analysis.base import FrameSource, as_date, event_cte, period_expr
from multipolar.analysis.dyads import dyads, stored_groups

RELATION_COLUMNS = ["partner", "events", "cooperation", "conflict", "cooperation_weight", "conflict_weight", "weight"]


def relations(
    store: FrameSource,
    actor: str,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    domestic: bool = False,
) -> pd.DataFrame:
    """Return every actor ``actor`` interacted with (both directions): partner, events, cooperation, conflict, weights.

    With ``domestic`` the actor's domestic events appear as a row whose partner is the actor itself.
    Over the whole range (international events) the rows are the actor's edges of the stored
    whole-range network (:func:`multipolar.analysis.network.relation_edges`): the same numbers.
    """
    if since is None and until is None and not domestic:
        from multipolar.analysis import aggregates
        from multipolar.analysis.network import relation_edges

        frame = aggregates.stored_edges(store, None, actor=actor)  # the actor's rows only
        if frame is None:
            edges = relation_edges(store)
            frame = edges[(edges["source"] == actor) | (edges["target"] == actor)].reset_index(drop=True)
        frame = frame.rename(columns={"positive": "cooperation_weight", "negative": "conflict_weight"})
    else:
        frame = dyads(store, since, until, directed=False, actor=actor, domestic=domestic)
    if frame.empty:
        return pd.DataFrame(columns=RELATION_COLUMNS)
    frame = frame.assign(partner=frame["target"].where(frame["source"] == actor, frame["source"]))
    return frame[RELATION_COLUMNS].reset_index(drop=True)


def rank_partners(frame: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """Return the rows of a :func:`relations` frame with cooperation, ranked by cooperative weight."""
    frame = frame[frame["cooperation_weight"] > 0]
    return frame.sort_values(["cooperation_weight", "partner"], ascending=[False, True]).head(limit).reset_index(drop=True)


def rank_adversaries(frame: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """Return the rows of a :func:`relations` frame with conflict, ranked by conflictual weight."""
    frame = frame[frame["conflict_weight"] > 0]
    return frame.sort_values(["conflict_weight", "partner"], ascending=[False, True]).head(limit).reset_index(drop=True)


def partners(
    store: FrameSource,
    actor: str,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    limit: int = 10,
    domestic: bool = False,
) -> pd.DataFrame:
    """Return ``actor``'s cooperation partners ranked by cooperative weight (largest first)."""
    return rank_partners(relations(store, actor, since, until, domestic=domestic), limit)


def adversaries(
    store: FrameSource,
    actor: str,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    limit: int = 10,
    domestic: bool = False,
) -> pd.DataFrame:
    """Return ``actor``'s adversaries ranked by conflictual weight (largest first)."""
    return rank_adversaries(relations(store, actor, since, until, domestic=domestic), limit)


def actor_summary(
    store: FrameSource,
    actor: str,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    domestic: bool = False,
) -> pd.DataFrame:
    """Return one row: actor, events, as_source, as_target, world_events, share, cooperation, conflict, goldstein_mean, partners.

    ``world_events`` counts the events analyses count in the window (same rules, same ``domestic``).
    The whole range is summed from the stored event groups when they are current (the same values).
    """
    groups = stored_groups(store, since, until, domestic=domestic)
    if groups is not None:  # the whole range: sums of the stored event groups
        cte, params = f"WITH grp AS (SELECT * FROM {groups} WHERE src = ? OR tgt = ?)", [actor, actor]
    else:  # each event a group of one
        cte, params = event_cte(since, until, [actor], domestic=domestic)
        cte += """, grp AS (SELECT src, tgt, 1 AS events, CAST(sign > 0 AS INTEGER) AS cooperation,
                         CAST(sign < 0 AS INTEGER) AS conflict, CAST(goldstein IS NOT NULL AS INTEGER) AS scored,
                         goldstein AS goldstein_sum FROM ev)"""

    def total(column: str, condition: str = "src = ? OR tgt = ?") -> str:
        return f"COALESCE(CAST(sum({column}) FILTER (WHERE {condition}) AS BIGINT), 0)"

    sql = f"""{cte}
SELECT ? AS actor, {total("events")} AS events, {total("events", "src = ?")} AS as_source,
       {total("events", "tgt = ?")} AS as_target, {total("cooperation")} AS cooperation, {total("conflict")} AS conflict,
       round(sum(goldstein_sum) FILTER (WHERE src = ? OR tgt = ?), 6)
         / NULLIF(sum(scored) FILTER (WHERE src = ? OR tgt = ?), 0) AS goldstein_mean,
       count(DISTINCT CASE WHEN src = ? THEN tgt WHEN tgt = ? THEN src END) AS partners
FROM grp"""
    frame = store.frame(sql, params + [actor] * 15)
    frame["world_events"] = world_events(store, since, until, domestic=domestic)
    world = frame["world_events"].astype("int64")
    frame["share"] = (frame["events"] / world.where(world > 0)).astype("float64").round(4).fillna(0.0)
    frame["goldstein_mean"] = frame["goldstein_mean"].astype("float64").round(3)
    columns = ["actor", "events", "as_source", "as_target", "world_events", "share", "cooperation", "conflict",
               "goldstein_mean", "partners"]
    return frame[columns]


def world_events(
    store: FrameSource, since: str | dt.date | None = None, until: str | dt.date | None = None, *, domestic: bool = False
) -> int:
    """Return the number of events the analyses count in the window (the whole range's is stored at ingest)."""

    def compute() -> pd.DataFrame:
        cte, params = event_cte(since, until, domestic=domestic)
        return store.frame(f"{cte} SELECT count(*) AS n FROM ev", params)

    if since is None and until is None:
        from multipolar.analysis import aggregates

        return int(aggregates.cached(store, aggregates.call_key("world_events", domestic=domestic), compute).iloc[0]["n"])
    return int(compute().iloc[0]["n"])


def actor_series(
    store: FrameSource,
    actor: str,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    freq: str = "month",
    min_period_events: int | None = None,
    domestic: bool = False,
) -> pd.DataFrame:
    """Return ``actor``'s events per period: period, events, cooperation, conflict, goldstein_mean, too_few.

    ``too_few`` marks periods with fewer than ``min_period_events`` events (the setting of that
    name); their ``goldstein_mean`` is left empty. The whole range by month, quarter or year is
    summed from the stored event groups when they are current (the same values).
    """
    groups = stored_groups(store, since, until, freq, domestic=domestic)
    if groups is not None:  # the whole range by month, quarter or year: sums of the stored event groups
        sql = f"""
SELECT {period_expr(freq, "period")} AS period, CAST(sum(events) AS BIGINT) AS events,
       CAST(sum(cooperation) AS BIGINT) AS cooperation,
       CAST(sum(conflict) AS BIGINT) AS conflict,
       round(round(sum(goldstein_sum), 6) / NULLIF(sum(scored), 0), 3) AS goldstein_mean
FROM {groups} WHERE src = ? OR tgt = ?
GROUP BY 1 ORDER BY 1"""
        params = []
    else:
        cte, params = event_cte(since, until, [actor], domestic=domestic)
        sql = f"""{cte}
SELECT {period_expr(freq)} AS period, count(*) AS events,
       count(*) FILTER (WHERE sign > 0) AS cooperation,
       count(*) FILTER (WHERE sign < 0) AS conflict,
       round(round(sum(goldstein), 6) / NULLIF(count(goldstein), 0), 3) AS goldstein_mean
FROM ev WHERE src = ? OR tgt = ?
GROUP BY 1 ORDER BY 1"""
    frame = store.frame(sql, params + [actor, actor])
    if frame.empty:
        return frame
    offsets = {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}
    frame["period"] = pd.to_datetime(frame["period"])
    full = pd.date_range(frame["period"].min(), frame["period"].max(), freq=offsets[freq], name="period")
    frame = frame.set_index("period").reindex(full).reset_index()
    for column in ("events", "cooperation", "conflict"):
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["period"] = frame["period"].dt.date
    too_few = frame["events"] < base.min_period_events(min_period_events)
    frame["goldstein_mean"] = frame["goldstein_mean"].astype("float64").where(~too_few)
    return frame.assign(too_few=too_few)


def actors_table(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    limit: int = 200,
    domestic: bool = False,
) -> pd.DataFrame:
    """Return the most active actors: actor, events, share, cooperation, conflict, goldstein_mean, partners.

    The whole range comes from the stored aggregates when current.
    """
    if since is None and until is None:
        from multipolar.analysis import aggregates

        full = aggregates.cached(store, aggregates.call_key("actors_table", domestic=domestic),
                                 lambda: _actors_table(store, None, None, 100_000, domestic))
        return full.head(int(limit)).reset_index(drop=True)
    return _actors_table(store, since, until, limit, domestic)


def _actors_table(store: FrameSource, since, until, limit: int, domestic: bool) -> pd.DataFrame:
    cte, params = event_cte(since, until, domestic=domestic)
    sql = f"""{cte},
sides AS (
  SELECT src AS actor, tgt AS other, sign, goldstein FROM ev WHERE src IS NOT NULL
  UNION ALL
  SELECT tgt AS actor, src AS other, sign, goldstein FROM ev WHERE tgt IS NOT NULL AND tgt IS DISTINCT FROM src
)
SELECT actor, count(*) AS events,
       round(count(*) / (SELECT greatest(count(*), 1) FROM ev), 4) AS share,
       count(*) FILTER (WHERE sign > 0) AS cooperation,
       count(*) FILTER (WHERE sign < 0) AS conflict,
       round(avg(goldstein), 3) AS goldstein_mean,
       count(DISTINCT other) AS partners
FROM sides GROUP BY actor ORDER BY events DESC, actor LIMIT ?"""
    return store.frame(sql, params + [int(limit)])


def actor_quotes(
    store: FrameSource,
    actor: str,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    limit: int = 20,
    cue_classes: list[str] | None = None,
) -> pd.DataFrame:
    """Return quotes spoken by ``actor`` (its country or code), newest first; ``cue_classes`` keeps
    only those attribution classes (speech, stance, cognition, document).

    Columns: id, article_id, date, title, kind, text, speaker_text, speaker_name, verb, cue, cue_class.
    """
    start, end = as_date(since), as_date(until)
    classes = list(cue_classes or [])
    class_filter = f"AND q.cue_class IN ({', '.join('?' for _ in classes)})" if classes else ""
    sql = f"""
SELECT q.id, q.article_id, a.date, a.title, q.kind, q.text, q.speaker_text, q.speaker_name, q.verb, q.cue, q.cue_class
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE (q.speaker_country = ? OR q.speaker_code = ?)
  AND (?::DATE IS NULL OR a.date >= ?::DATE) AND (?::DATE IS NULL OR a.date <= ?::DATE) {class_filter}
ORDER BY a.date DESC NULLS LAST, q.id
LIMIT ?"""
    return store.frame(sql, [actor, actor, start, start, end, end, *classes, int(limit)])
