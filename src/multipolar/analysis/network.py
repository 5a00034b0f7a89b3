"""The signed, weighted relation network of countries and IGOs over a period."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pandas as pd

from multipolar.analysis import aggregates
from multipolar.analysis.base import FrameSource, as_date, full_periods, period_end
from multipolar.analysis.dyads import dyads
from multipolar.blas import single_threaded_blas

EDGE_COLUMNS = ["source", "target", "events", "cooperation", "conflict", "positive", "negative", "weight"]


def relation_edges(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    freq: str | None = None,
    min_events: int = 1,
    domestic: bool = False,
) -> pd.DataFrame:
    """Return the undirected signed edges: source, target, events, cooperation, conflict, positive, negative, weight.

    ``positive`` is the summed weight of cooperative events, ``negative`` that of conflictual
    ones (a positive number), ``weight`` their difference. With ``freq`` a ``period`` column
    comes first and edges are per period. ``domestic`` lets domestic events of a country with
    an IGO into the weights; an actor's ties to itself are never edges.

    The edges come from the stored aggregates when they are current
    (:mod:`multipolar.analysis.aggregates`): the whole range as stored; a window with periods
    reads its whole periods and computes only its partial first and last periods; a window
    without periods sums the stored edges of its whole months and adds its partial first and
    last months computed live. Stored edges count every pair (``min_events`` 1): a larger
    ``min_events`` filters the window's totals, or is computed live for periods.
    """
    start, end = as_date(since), as_date(until)
    if freq is not None and min_events != 1:
        return _live_edges(store, start, end, freq, min_events, domestic)
    if start is None and end is None:
        whole = aggregates.stored_edges(store, freq, domestic=domestic)
        if whole is None:
            key = aggregates.call_key("relation_edges", since=None, until=None, freq=freq, min_events=min_events,
                                      domestic=domestic)
            return aggregates.cached(store, key, lambda: _live_edges(store, None, None, freq, min_events, domestic))
        if min_events != 1:
            whole = whole[whole["events"] >= min_events].reset_index(drop=True)
        return whole
    if freq is None:
        return _window_edges(store, start, end, min_events, domestic)
    first, last = full_periods(start, end, freq)
    if first is not None and last is not None and first > last:
        return _live_edges(store, start, end, freq, min_events, domestic)
    whole = aggregates.stored_edges(store, freq, domestic=domestic, first=first, last=last)
    if whole is None:
        return _live_edges(store, start, end, freq, min_events, domestic)
    parts = [whole]
    if start is not None and first is not None and start < first:
        parts.insert(0, _live_edges(store, start, first - dt.timedelta(days=1), freq, min_events, domestic))
    if end is not None and last is not None and period_end(last, freq) < end:
        parts.append(_live_edges(store, period_end(last, freq) + dt.timedelta(days=1), end, freq, min_events, domestic))
    parts = [part for part in parts if not part.empty]
    if not parts:
        return whole.iloc[0:0].reset_index(drop=True)
    return pd.concat(parts, ignore_index=True)


def _window_edges(
    store: FrameSource, start: dt.date | None, end: dt.date | None, min_events: int, domestic: bool
) -> pd.DataFrame:
    """Return the edges of a date window as the sum of its stored whole months and its live partial months.

    The same rows, values (rounded to 3 decimals after summing) and order as the live
    computation; live when nothing is stored or the window holds no whole month.
    """
    first, last = full_periods(start, end, "month")
    if first is not None and last is not None and first > last:
        return _live_edges(store, start, end, None, min_events, domestic)
    summed = aggregates.summed_edges(store, domestic=domestic, first=first, last=last)
    if summed is None:
        return _live_edges(store, start, end, None, min_events, domestic)
    parts = [summed]
    if start is not None and first is not None and start < first:
        parts.append(_live_edges(store, start, first - dt.timedelta(days=1), None, 1, domestic))
    if end is not None and last is not None and period_end(last, "month") < end:
        parts.append(_live_edges(store, period_end(last, "month") + dt.timedelta(days=1), end, None, 1, domestic))
    parts = [part for part in parts if not part.empty]
    if not parts:
        return summed.iloc[0:0].reset_index(drop=True)[EDGE_COLUMNS]
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    if len(parts) > 1:
        frame = frame.groupby(["source", "target"], sort=False, as_index=False)[EDGE_COLUMNS[2:]].sum()
    frame = frame[frame["events"] >= min_events]
    for column in ("positive", "negative", "weight"):
        frame[column] = frame[column].round(3)
    frame = frame.sort_values(["events", "source", "target"], ascending=[False, True, True], ignore_index=True)
    return frame[EDGE_COLUMNS]


def _live_edges(
    store: FrameSource, since: dt.date | None, until: dt.date | None, freq: str | None, min_events: int, domestic: bool
) -> pd.DataFrame:
    frame = dyads(store, since, until, freq=freq, directed=False, min_events=min_events, domestic=domestic)
    frame = frame[frame["source"] != frame["target"]].reset_index(drop=True)
    frame = frame.rename(columns={"cooperation_weight": "positive", "conflict_weight": "negative"})
    columns = (["period"] if freq else []) + EDGE_COLUMNS
    return frame[columns]


def build_graph(edges: pd.DataFrame) -> nx.Graph:
    """Return a networkx graph of ``edges`` (as from :func:`relation_edges`, one period).

    Edge attributes: events, cooperation, conflict, positive, negative, weight (signed).
    Node attributes: events, positive, negative, strength (= positive + negative).
    """
    graph = nx.Graph()
    if edges.empty:
        return graph
    columns = ("events", "cooperation", "conflict", "positive", "negative", "weight")
    kinds = (int, int, int, float, float, float)
    sources, targets = edges["source"].tolist(), edges["target"].tolist()
    values = [[kind(v) for v in edges[c].tolist()] for c, kind in zip(columns, kinds, strict=True)]
    totals: dict[str, list[float]] = {}
    rows = []
    for source, target, *row in zip(sources, targets, *values, strict=True):
        attributes = dict(zip(columns, row, strict=True))
        rows.append((source, target, attributes))
        for node in (source, target):
            total = totals.get(node)
            if total is None:
                total = totals[node] = [0, 0.0, 0.0]
            total[0] += attributes["events"]
            total[1] += attributes["positive"]
            total[2] += attributes["negative"]
    graph.add_edges_from(rows)
    for node, (events, positive, negative) in totals.items():
        graph.nodes[node].update(events=int(events), positive=positive, negative=negative, strength=positive + negative)
    return graph


def relation_network(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    min_events: int = 1,
    domestic: bool = False,
) -> nx.Graph:
    """Return the signed relation network of the period (cooperation positive, conflict negative)."""
    return build_graph(relation_edges(store, since, until, min_events=min_events, domestic=domestic))


def top_nodes(graph: nx.Graph, max_nodes: int) -> set[str]:
    """Return the ``max_nodes`` actors with the largest strength (ties: by name), the nodes of :func:`top_subgraph`."""
    if graph.number_of_nodes() <= max_nodes:
        return set(graph.nodes)
    return set(sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["strength"], n))[:max_nodes])


def top_subgraph(graph: nx.Graph, max_nodes: int) -> nx.Graph:
    """Return the subgraph of the ``max_nodes`` actors with the largest strength."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    keep = top_nodes(graph, max_nodes)
    shown = nx.Graph()  # built directly: copying a subgraph view filters every adjacency lookup (slow)
    shown.add_nodes_from((node, dict(data)) for node, data in graph.nodes(data=True) if node in keep)
    shown.add_edges_from((a, b, dict(data)) for a, b, data in graph.edges(data=True) if a in keep and b in keep)
    return shown


#: Spring-layout steps from random positions, and from the positions of an earlier layout (``start``).
LAYOUT_ITERATIONS = 80
WARM_LAYOUT_ITERATIONS = 25


def layout(
    graph: nx.Graph, seed: int = 7, *, start: dict[str, tuple[float, float]] | None = None
) -> dict[str, tuple[float, float]]:
    """Return node positions in [0, 1] x [0, 1] from a spring layout pulled by cooperation.

    Cooperative weight attracts; conflict-only ties pull weakly so adversaries sit apart. A
    hidden hub tied weakly to every actor keeps unconnected groups from drifting to the edges.
    With ``start`` (positions from an earlier layout, such as the whole range's network) the
    layout begins there and takes :data:`WARM_LAYOUT_ITERATIONS` steps instead of
    :data:`LAYOUT_ITERATIONS`: a date window's map stays close to the whole range's, at a
    third of the cost. Actors without a start position begin at random (seeded).
    """
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.5, 0.5)}
    pull = nx.Graph()
    pull.add_nodes_from(sorted(graph.nodes))
    peak = max((d["positive"] for _, _, d in graph.edges(data=True)), default=1.0) or 1.0
    for a, b, data in graph.edges(data=True):
        pull.add_edge(a, b, pull=0.05 + data["positive"] / peak)
    hub = object()
    pull.add_edges_from(((hub, node) for node in graph.nodes), pull=0.03)
    initial = None
    if start:
        initial = {node: start[node] for node in graph.nodes if node in start}
        initial[hub] = (0.5, 0.5)
    steps = WARM_LAYOUT_ITERATIONS if initial else LAYOUT_ITERATIONS
    with single_threaded_blas():
        raw = nx.spring_layout(pull, weight="pull", seed=seed, iterations=steps, pos=initial)
    del raw[hub]
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {
        node: (round(float(p[0] - min(xs)) / span_x, 4), round(float(p[1] - min(ys)) / span_y, 4))
        for node, p in raw.items()
    }
