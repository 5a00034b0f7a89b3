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

from multipolar.analysis.base import FrameSource
from multipolar.analysis.blocs import UNALIGNED, detect_blocs
from multipolar.analysis.network import build_graph, relation_edges

POLARITY_COLUMNS = [
    "period",
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


def polarity(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    freq: str | None = "quarter",
    min_events: int = 1,
    **options: float,
) -> pd.DataFrame:
    """Return one row of polarity measures per period (or one row for the whole window if ``freq`` is None).

    Columns: period, actors, events, blocs, unaligned, poles, actor_poles,
    largest_pole_share, within_share, across_share, balance. ``options`` go to
    :func:`detect_blocs` (resolution, negative_penalty, min_alignment, seed).
    """
    edges = relation_edges(store, since, until, freq=freq, min_events=min_events)
    if edges.empty:
        return pd.DataFrame(columns=POLARITY_COLUMNS)
    if freq is None:
        edges = edges.assign(period=None)
    rows = []
    for period, part in edges.groupby("period", sort=True, dropna=False):
        graph = build_graph(part)
        members = detect_blocs(graph, **options)
        rows.append({"period": None if freq is None else period, **measure(graph, members)})
    return pd.DataFrame(rows, columns=POLARITY_COLUMNS)


def polarity_sensitivity(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    freqs: tuple[str, ...] = ("month", "quarter", "year"),
    **options: float,
) -> pd.DataFrame:
    """Return how the polarity measures depend on the period length: one row per period length.

    Columns: freq, periods, mean_events, poles_mean, poles_std, poles_min, poles_max,
    actor_poles_mean, within_share_mean, balance_mean. Shorter periods hold fewer events, so
    their networks are sparser: the spread across rows is the sensitivity.
    """
    return summarise_polarity({freq: polarity(store, since, until, freq=freq, **options) for freq in freqs})


def summarise_polarity(series_by_freq: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return the sensitivity table (see :func:`polarity_sensitivity`) of already computed polarity series."""
    rows = []
    for freq, series in series_by_freq.items():
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
