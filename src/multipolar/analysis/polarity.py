"""Polarity: how concentrated or dispersed the coded international system is, per period.

Formulas are in ``README.md``. For each period the signed network is built, blocs are
detected in it (:func:`multipolar.analysis.blocs.detect_blocs`) and these are measured:

- ``poles``: effective number of poles, 1 / sum(S_k^2), S_k being pole k's share of all tie
  strength; each bloc is a pole and so is each unaligned actor;
- ``actor_poles``: the same inverse Herfindahl over single actors' strength shares;
- ``within_share``: share of tie strength inside blocs (``across_share`` = 1 - it);
- ``balance``: share of tie strength consistent with the blocs (cooperation inside a bloc,
  conflict across blocs).
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
import numpy as np
import pandas as pd

from multipolar.analysis import aggregates, base
from multipolar.analysis.base import TOO_FEW_EVENTS, FrameSource, all_periods
from multipolar.analysis.blocs import UNALIGNED, detect_blocs
from multipolar.analysis.network import build_graph, relation_edges
from multipolar.blas import single_threaded_blas

POLARITY_COLUMNS = [
    "period",
    "status",
    "actors",
    "events",
    "blocs",
    "unaligned",
    "poles",
    "actor_poles",
    "largest_pole_share",
    "within_share",
    "across_share",
    "balance",
]


def measure(graph: nx.Graph, members: pd.DataFrame) -> dict[str, float | int | None]:
    """Return the polarity measures of one ``graph`` given its bloc ``members`` table."""
    strength = members["strength"].to_numpy(dtype=float)
    bloc = members["bloc"].to_numpy()
    total = float(strength.sum())
    blocs_of = dict(zip(members["actor"], members["bloc"], strict=True))
    events = sum(d["events"] for _, _, d in graph.edges(data=True))
    if total <= 0:
        return {"actors": graph.number_of_nodes(), "events": events, "blocs": 0, "unaligned": 0, "poles": None,
                "actor_poles": None, "largest_pole_share": None, "within_share": None, "across_share": None,
                "balance": None}
    poles = [float(strength[bloc == b].sum()) for b in sorted(set(bloc.tolist()) - {UNALIGNED})]
    poles += strength[bloc == UNALIGNED].tolist()
    shares = np.array(poles) / total
    actor_shares = strength / total
    within = consistent = 0.0
    tie_total = 0.0
    for a, b, data in graph.edges(data=True):
        tie = data["positive"] + data["negative"]
        tie_total += tie
        same = blocs_of[a] == blocs_of[b] and blocs_of[a] != UNALIGNED
        if same:
            within += tie
            consistent += data["positive"]
        else:
            consistent += data["negative"]
    return {
        "actors": graph.number_of_nodes(),
        "events": events,
        "blocs": len(set(members["bloc"]) - {UNALIGNED}),
        "unaligned": int((members["bloc"] == UNALIGNED).sum()),
        "poles": round(float(1.0 / np.square(shares).sum()), 3),
        "actor_poles": round(float(1.0 / np.square(actor_shares).sum()), 3),
        "largest_pole_share": round(float(shares.max()), 3),
        "within_share": round(within / tie_total, 3),
        "across_share": round(1.0 - within / tie_total, 3),
        "balance": round(consistent / tie_total, 3),
    }


#: Measures left empty in a period with too few events.
MEASURE_COLUMNS = ("blocs", "unaligned", "poles", "actor_poles", "largest_pole_share", "within_share",
                   "across_share", "balance")


def period_measures(edges: pd.DataFrame, minimum: int, **options: float) -> dict[str, object]:
    """Return ``status``, ``actors``, ``events`` and the measures of one period's edges.

    ``status`` is "ok", or :data:`~multipolar.analysis.base.TOO_FEW_EVENTS` when the period
    holds fewer than ``minimum`` events: then only the counts are given, no measures.
    """
    events = int(edges["events"].sum()) if len(edges) else 0
    if events < minimum:
        actors = len(set(edges["source"].tolist()) | set(edges["target"].tolist()))
        return {"status": TOO_FEW_EVENTS, "actors": actors, "events": events, **dict.fromkeys(MEASURE_COLUMNS)}
    graph = build_graph(edges)
    members = detect_blocs(graph, **options)
    return {"status": "ok", **measure(graph, members)}


def polarity(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    freq: str | None = "quarter",
    min_events: int = 1,
    min_period_events: int | None = None,
    domestic: bool = False,
    **options: float,
) -> pd.DataFrame:
    """Return one row of polarity measures per period (or one row for the whole window if ``freq`` is None).

    Columns: period, status, actors, events, blocs, unaligned, poles, actor_poles,
    largest_pole_share, within_share, across_share, balance. Every period between the first
    and the last one with events has a row, so gaps stay gaps. A period with fewer than
    ``min_period_events`` events (the setting of that name, default 5) has status "too few
    events" and empty measures. ``options`` go to :func:`detect_blocs` (resolution,
    negative_penalty, min_alignment, min_lead, seed).
    """
    minimum = base.min_period_events(min_period_events)
    start, end = base.as_date(since), base.as_date(until)
    if freq is None:
        edges = relation_edges(store, start, end, min_events=min_events, domestic=domestic)
        if edges.empty:
            return pd.DataFrame(columns=POLARITY_COLUMNS)
        return pd.DataFrame([{"period": None, **period_measures(edges, minimum, **options)}], columns=POLARITY_COLUMNS)
    base.check_period(freq)
    reuse = min_period_events is None or minimum == base.min_period_events()
    key = polarity_key(freq, min_events=min_events, domestic=domestic, options=options)
    if start is None and end is None and reuse:
        return aggregates.cached(
            store, key, lambda: _live_polarity(store, None, None, freq, min_events, domestic, minimum, options)
        )
    whole = aggregates.stored(store, key) if reuse else None
    if whole is None or whole.empty:
        return _live_polarity(store, start, end, freq, min_events, domestic, minimum, options)
    first, last = base.full_periods(start, end, freq)
    live = _live_polarity(store, start, end, freq, min_events, domestic, minimum, options, skip=(first, last))
    keep = pd.Series(True, index=whole.index)
    if first is not None:
        keep &= whole["period"] >= first
    if last is not None:
        keep &= whole["period"] <= last
    if first is not None and last is not None and first > last:
        keep &= False
    found = [frame for frame in (whole[keep], live) if not frame.empty]
    if not found:
        return pd.DataFrame(columns=POLARITY_COLUMNS)
    rows = pd.concat(found, ignore_index=True)
    rows = rows.sort_values("period", ignore_index=True)
    periods = base.all_periods(list(rows["period"]), freq)
    have = set(rows["period"])
    missing = [{"period": p, "status": TOO_FEW_EVENTS, "actors": 0, "events": 0} for p in periods if p not in have]
    if missing:
        rows = pd.concat([rows, pd.DataFrame(missing)], ignore_index=True).sort_values("period", ignore_index=True)
    return rows.reindex(columns=POLARITY_COLUMNS)


def polarity_key(freq: str, *, min_events: int, domestic: bool, options: dict) -> str:
    """Return the cache key of the whole-range polarity series of ``freq``."""
    return aggregates.call_key("polarity", freq=freq, min_events=min_events, domestic=domestic, options=options)


def _live_polarity(
    store: FrameSource,
    start: dt.date | None,
    end: dt.date | None,
    freq: str,
    min_events: int,
    domestic: bool,
    minimum: int,
    options: dict,
    skip: tuple[dt.date | None, dt.date | None] | None = None,
) -> pd.DataFrame:
    """Compute the polarity rows of [start, end] live; with ``skip`` only the partial periods outside it."""
    if skip is not None:
        first, last = skip
        windows = []
        if first is not None and last is not None and first > last:
            windows.append((start, end))
        else:
            if start is not None and first is not None and start < first:
                windows.append((start, first - dt.timedelta(days=1)))
            if end is not None and last is not None and base.period_end(last, freq) < end:
                windows.append((base.period_end(last, freq) + dt.timedelta(days=1), end))
        parts = [_live_polarity(store, a, b, freq, min_events, domestic, minimum, options) for a, b in windows]
        parts = [part for part in parts if not part.empty]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=POLARITY_COLUMNS)
    edges = relation_edges(store, start, end, freq=freq, min_events=min_events, domestic=domestic)
    if edges.empty:
        return pd.DataFrame(columns=POLARITY_COLUMNS)
    rows = []
    by_period = {period: part for period, part in edges.groupby("period", sort=True)}
    with single_threaded_blas():  # one limit for the whole loop, not one per period
        for period in all_periods(list(by_period), freq):
            part = by_period.get(period, edges.iloc[0:0])
            rows.append({"period": period, **period_measures(part, minimum, **options)})
    return pd.DataFrame(rows, columns=POLARITY_COLUMNS)


def polarity_sensitivity(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    freqs: tuple[str, ...] = ("month", "quarter", "year"),
    domestic: bool = False,
    **options: float,
) -> pd.DataFrame:
    """Return how the polarity measures depend on the period length: one row per period length.

    Columns: freq, periods, mean_events, poles_mean, poles_std, poles_min, poles_max,
    actor_poles_mean, within_share_mean, balance_mean. Shorter periods hold fewer events, so
    their networks are sparser: the spread across rows is the sensitivity.
    """
    return summarise_polarity(
        {freq: polarity(store, since, until, freq=freq, domestic=domestic, **options) for freq in freqs}
    )


def summarise_polarity(series_by_freq: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return the sensitivity table (see :func:`polarity_sensitivity`) of already computed polarity series."""
    rows = []
    for freq, series in series_by_freq.items():
        if "status" in series.columns:
            series = series[series["status"] != TOO_FEW_EVENTS]
        poles = pd.to_numeric(series["poles"], errors="coerce")
        rows.append(
            {
                "freq": freq,
                "periods": len(series),
                "mean_events": round(float(series["events"].mean()), 1) if len(series) else None,
                "poles_mean": _round(poles.mean()),
                "poles_std": _round(poles.std(ddof=0)),
                "poles_min": _round(poles.min()),
                "poles_max": _round(poles.max()),
                "actor_poles_mean": _round(pd.to_numeric(series["actor_poles"], errors="coerce").mean()),
                "within_share_mean": _round(pd.to_numeric(series["within_share"], errors="coerce").mean()),
                "balance_mean": _round(pd.to_numeric(series["balance"], errors="coerce").mean()),
            }
        )
    return pd.DataFrame(rows)


def _round(value: float) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 3)
