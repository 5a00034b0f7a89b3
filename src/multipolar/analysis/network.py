"""The signed, weighted relation network of countries and IGOs over a period."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pandas as pd

from multipolar.analysis.base import FrameSource
from multipolar.analysis.dyads import dyads

EDGE_COLUMNS = ["source", "target", "events", "cooperation", "conflict", "positive", "negative", "weight"]


def relation_edges(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    freq: str | None = None,
    min_events: int = 1,
) -> pd.DataFrame:
    """Return the undirected signed edges: source, target, events, cooperation, conflict, positive, negative, weight.

    ``positive`` is the summed weight of cooperative events, ``negative`` that of conflictual
    ones (a positive number), ``weight`` their difference. With ``freq`` a ``period`` column
    comes first and edges are per period.
    """
    frame = dyads(store, since, until, freq=freq, directed=False, min_events=min_events)
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
    for source, target, *row in zip(sources, targets, *values, strict=True):
        attributes = dict(zip(columns, row, strict=True))
        graph.add_edge(source, target, **attributes)
        for node in (source, target):
            total = totals.setdefault(node, [0, 0.0, 0.0])
            total[0] += attributes["events"]
            total[1] += attributes["positive"]
            total[2] += attributes["negative"]
    for node, (events, positive, negative) in totals.items():
        graph.nodes[node].update(events=int(events), positive=positive, negative=negative, strength=positive + negative)
    return graph


def relation_network(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    min_events: int = 1,
) -> nx.Graph:
    """Return the signed relation network of the period (cooperation positive, conflict negative)."""
    return build_graph(relation_edges(store, since, until, min_events=min_events))


def top_subgraph(graph: nx.Graph, max_nodes: int) -> nx.Graph:
    """Return the subgraph of the ``max_nodes`` actors with the largest strength."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    ranked = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["strength"], n))[:max_nodes]
    return graph.subgraph(ranked).copy()


def layout(graph: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Return node positions in [0, 1] x [0, 1] from a spring layout pulled by cooperation.

    Cooperative weight attracts; conflict-only ties pull weakly so adversaries sit apart. A
    hidden hub tied weakly to every actor keeps unconnected groups from drifting to the edges.
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
    raw = nx.spring_layout(pull, weight="pull", seed=seed, iterations=80)
    del raw[hub]
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {
        node: (round(float(p[0] - min(xs)) / span_x, 4), round(float(p[1] - min(ys)) / span_y, 4))
        for node, p in raw.items()
    }
