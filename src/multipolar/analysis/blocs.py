"""Blocs: signed community detection on the relation network, and each bloc's cohesion over time.

Method (documented with formulas in ``README.md``):

1. start from Louvain communities of the cooperation-only (positive) graph;
2. refine by moving single actors to the bloc that most increases the signed modularity of
   Gómez, Jensen & Arenas (2009), where conflict inside a bloc costs ``negative_penalty``
   times its weight;
3. mark as *unaligned* (bloc 0) every actor whose cooperation goes less than
   ``min_alignment`` to its own bloc and whose net tie (cooperation minus conflict) to its own
   bloc does not lead its net tie to any other bloc ``min_lead`` times, measured against the
   blocs' aligned members and decided again until nothing changes (unaligned actors are no
   bloc); then every bloc left with fewer than two members;
4. number blocs 1, 2, ... by decreasing total strength.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
import numpy as np
import pandas as pd

from multipolar.analysis import base
from multipolar.analysis.base import TOO_FEW_EVENTS, FrameSource, all_periods
from multipolar.analysis.network import build_graph, relation_edges
from multipolar.blas import single_threaded_blas

UNALIGNED = 0
BLOC_COLUMNS = ["actor", "bloc", "alignment", "strength", "positive", "negative", "events"]


def detect_blocs(
    graph: nx.Graph,
    *,
    resolution: float = 1.0,
    negative_penalty: float = 1.0,
    min_alignment: float = 0.6,
    min_lead: float = 1.5,
    seed: int = 0,
) -> pd.DataFrame:
    """Return one row per actor: actor, bloc (0 = unaligned), alignment, strength, positive, negative, events.

    ``alignment`` is the share of the actor's cooperative weight that goes to the (aligned)
    members of its own bloc. An actor stays in its bloc when the alignment reaches
    ``min_alignment``, or when its net signed tie to its own bloc (cooperative minus conflictual
    weight) is positive and at least ``min_lead`` times its net tie to any other bloc: a great
    power that cooperates with half the world, and its rival whose cooperation with a very
    active other bloc weighs as much as its cooperation at home, both stay in their blocs
    (the conflict across blocs tells them apart). Unaligned actors count for no bloc, and who is
    aligned is decided again until nothing changes, so one hub found unaligned early does not
    pull its partners out of their bloc.
    """
    nodes = sorted(graph.nodes)
    if not nodes:
        return pd.DataFrame(columns=BLOC_COLUMNS)
    index = {n: i for i, n in enumerate(nodes)}
    size = len(nodes)
    pos = np.zeros((size, size))
    neg = np.zeros((size, size))
    # one walk over the edges fills both matrices and lists the cooperative ties (in the graph's edge order)
    rows, columns, positives, negatives = [], [], [], []
    cooperative = []
    for a, b, data in graph.edges(data=True):
        positive, negative = data.get("positive", 0.0), data.get("negative", 0.0)
        rows.append(index[a])
        columns.append(index[b])
        positives.append(positive)
        negatives.append(negative)
        if positive > 0:
            cooperative.append((a, b, positive))
    pos[rows, columns] = pos[columns, rows] = positives
    neg[rows, columns] = neg[columns, rows] = negatives
    with single_threaded_blas():
        labels = _louvain_start(nodes, index, cooperative, resolution, seed)
        labels = _refine(labels, pos, neg, resolution, negative_penalty)
        return _finish(nodes, labels, pos, neg, graph, min_alignment, min_lead)


def _louvain_start(nodes: list[str], index: dict[str, int], cooperative: list[tuple[str, str, float]], resolution: float,
                   seed: int) -> np.ndarray:
    """Return each node's Louvain community on the graph of the ``cooperative`` ties (source, target, positive weight)."""
    positive = nx.Graph()
    positive.add_nodes_from(nodes)
    positive.add_weighted_edges_from(cooperative, weight="w")
    labels = np.arange(len(nodes))
    if positive.number_of_edges() == 0:
        return labels
    communities = nx.community.louvain_communities(positive, weight="w", resolution=resolution, seed=seed)
    for number, community in enumerate(sorted(communities, key=lambda c: sorted(c))):
        for node in community:
            labels[index[node]] = number
    return labels


def _refine(labels: np.ndarray, pos: np.ndarray, neg: np.ndarray, resolution: float, penalty: float) -> np.ndarray:
    """Move single actors while signed modularity rises (at most 30 sweeps)."""
    size = len(labels)
    k_pos, k_neg = pos.sum(axis=1), neg.sum(axis=1)
    m_pos, m_neg = k_pos.sum(), neg.sum()
    m_pos = m_pos or 1.0
    m_neg = m_neg or 1.0
    labels = labels.copy()

    def bloc_totals(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return each bloc's summed positive and negative strength and whether it has members."""
        return (np.bincount(labels, weights=k_pos, minlength=size), np.bincount(labels, weights=k_neg, minlength=size),
                np.bincount(labels, minlength=size) > 0)

    # the blocs' totals change only when an actor moves: summed again then (the same sums as each step)
    bloc_pos, bloc_neg, bloc_occupied = bloc_totals(labels)
    for _ in range(30):
        moved = False
        for i in range(size):
            own = labels[i]
            tie_pos = np.bincount(labels, weights=pos[i], minlength=size)
            tie_neg = np.bincount(labels, weights=neg[i], minlength=size)
            total_pos = bloc_pos.copy()
            total_neg = bloc_neg.copy()
            total_pos[own] -= k_pos[i]
            total_neg[own] -= k_neg[i]
            gain = (tie_pos - resolution * k_pos[i] * total_pos / m_pos) - penalty * (
                tie_neg - resolution * k_neg[i] * total_neg / m_neg
            )
            occupied = bloc_occupied.copy()
            occupied[own] = True
            gain[~occupied] = -np.inf
            empty = np.flatnonzero(~occupied)
            if empty.size:
                gain[empty[0]] = 0.0  # leaving for a bloc of its own
            best = int(np.argmax(gain))
            if best != own and gain[best] > gain[own] + 1e-9:
                labels[i] = best
                moved = True
                bloc_pos, bloc_neg, bloc_occupied = bloc_totals(labels)
        if not moved:
            break
    return labels


def _bloc_ties(labels: np.ndarray, aligned: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each actor's summed tie ``weights`` to the aligned members of its own bloc and to those of the best other bloc.

    Unaligned actors are no bloc: cooperation with them says nothing about which bloc an actor
    belongs to, so it counts for none (a hub courted by everyone, or one unaligned by mistake,
    does not pull its partners out of their bloc).
    """
    size = len(labels)
    onehot = np.zeros((size, size))
    members = np.flatnonzero(aligned)
    onehot[members, labels[members]] = 1.0
    to_bloc = weights @ onehot
    own = to_bloc[np.arange(size), labels]
    to_bloc[np.arange(size), labels] = -np.inf
    best = to_bloc.max(axis=1)
    return own, np.where(np.isfinite(best), best, 0.0)


def _finish(
    nodes: list[str],
    labels: np.ndarray,
    pos: np.ndarray,
    neg: np.ndarray,
    graph: nx.Graph,
    min_alignment: float,
    min_lead: float = 1.5,
) -> pd.DataFrame:
    size = len(nodes)
    k_pos = pos.sum(axis=1)
    net = pos - neg  # the signed tie: cooperation for, conflict against
    # Which actors are aligned is decided again each round against the blocs' currently aligned
    # members, until nothing changes: an actor left out in one round (a hub whose partners were
    # not yet sorted out) comes back when its ties to the remaining blocs show where it belongs.
    aligned = np.bincount(labels, minlength=size)[labels] >= 2
    history: list[np.ndarray] = []
    alignment = np.zeros(size)
    for _ in range(20):
        own_pos, _ = _bloc_ties(labels, aligned, pos)
        own_net, best_net = _bloc_ties(labels, aligned, net)
        alignment = np.divide(own_pos, k_pos, out=np.zeros_like(own_pos), where=k_pos > 0)
        leads = (own_net > 0) & (own_net >= min_lead * np.maximum(best_net, 0.0))
        updated = (own_pos > 0) & ((alignment >= min_alignment) | leads)
        if np.array_equal(updated, aligned):
            break
        history.append(aligned)
        repeat = next((k for k, before in enumerate(history) if np.array_equal(before, updated)), None)
        if repeat is not None:  # a cycle: aligned are the actors aligned in every state of it
            aligned = np.logical_and.reduce(history[repeat:])
            break
        aligned = updated
    current = np.where(aligned, labels, size + np.arange(size))
    counts = np.bincount(current, minlength=2 * size)
    final = np.where((current < size) & (counts[current] >= 2), current, -1)
    strength = k_pos + neg.sum(axis=1)
    bloc_strength: dict[int, float] = {}
    first_member: dict[int, str] = {}
    for node, label, value in zip(nodes, final.tolist(), strength.tolist(), strict=True):
        if label >= 0:
            bloc_strength[label] = bloc_strength.get(label, 0.0) + value
            first_member.setdefault(label, node)  # nodes are sorted: the first is the smallest
    order = sorted(bloc_strength, key=lambda c: (-bloc_strength[c], first_member[c]))
    number = {c: k + 1 for k, c in enumerate(order)}
    negative = neg.sum(axis=1)
    rows = [
        (
            node,
            number.get(int(final[i]), UNALIGNED),
            round(float(alignment[i]), 3),
            round(float(strength[i]), 3),
            round(float(k_pos[i]), 3),
            round(float(negative[i]), 3),
            int(graph.nodes[node].get("events", 0)),
        )
        for i, node in enumerate(nodes)
    ]
    rows.sort(key=lambda r: (r[1], -r[3], r[0]))
    return pd.DataFrame(rows, columns=BLOC_COLUMNS)


def blocs(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    min_events: int = 1,
    domestic: bool = False,
    **options: float,
) -> pd.DataFrame:
    """Return the bloc membership table of the period (see :func:`detect_blocs`).

    The whole range with default options comes from the stored aggregates when current.
    """
    from multipolar.analysis import aggregates

    def compute() -> pd.DataFrame:
        graph = build_graph(relation_edges(store, since, until, min_events=min_events, domestic=domestic))
        return detect_blocs(graph, **options)

    if since is None and until is None:
        key = aggregates.call_key("blocs", since=None, until=None, min_events=min_events, domestic=domestic,
                                  options=options)
        return aggregates.cached(store, key, compute)
    return compute()


def bloc_summary(members: pd.DataFrame, graph: nx.Graph) -> pd.DataFrame:
    """Return one row per bloc: bloc, size, leader, members, positive, negative, cohesion.

    ``leader`` is the member with the largest strength; ``cohesion`` is
    (cooperative - conflictual weight) / (their sum) over ties inside the bloc. Unaligned
    actors form row ``bloc = 0`` (its cohesion is not meaningful and left empty).
    """
    bloc_of = dict(zip(members["actor"], members["bloc"], strict=True))
    inside: dict[int, list[float]] = {}  # bloc -> positive and negative weight of its inner ties, in edge order
    for a, b, data in graph.edges(data=True):  # one walk over the edges, in the graph's own order
        bloc = bloc_of.get(a)
        if bloc is not None and bloc == bloc_of.get(b):
            total = inside.setdefault(bloc, [0, 0])
            total[0] += data.get("positive", 0.0)
            total[1] += data.get("negative", 0.0)
    rows = []
    for bloc, part in members.groupby("bloc", sort=True):
        names = list(part.sort_values(["strength", "actor"], ascending=[False, True])["actor"])
        positive, negative = inside.get(bloc, (0, 0))
        cohesion = (positive - negative) / (positive + negative) if bloc != UNALIGNED and positive + negative else None
        rows.append(
            {
                "bloc": int(bloc),
                "size": len(names),
                "leader": names[0] if bloc != UNALIGNED else None,
                "members": names,
                "positive": round(positive, 3),
                "negative": round(negative, 3),
                "cohesion": None if cohesion is None else round(cohesion, 3),
            }
        )
    return pd.DataFrame(rows, columns=["bloc", "size", "leader", "members", "positive", "negative", "cohesion"])


def bloc_cohesion(
    store: FrameSource,
    members: pd.DataFrame,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    freq: str = "quarter",
    min_period_events: int | None = None,
    domestic: bool = False,
) -> pd.DataFrame:
    """Return the cohesion of each fixed bloc per period.

    Columns: period, bloc, status, events, cooperation, conflict, positive, negative, cohesion
    ((positive - negative) / (positive + negative) over ties inside the bloc) and density
    (tied member pairs / all pairs). ``status`` is "too few events" (and cohesion and density
    empty) when fewer than ``min_period_events`` events (setting) happened inside the bloc.
    """
    columns = ["period", "bloc", "status", "events", "cooperation", "conflict", "positive", "negative", "cohesion",
               "density"]
    minimum = base.min_period_events(min_period_events)
    aligned = members[members["bloc"] != UNALIGNED]
    if aligned.empty:
        return pd.DataFrame(columns=columns)
    bloc_of = dict(zip(aligned["actor"], aligned["bloc"], strict=True))
    sizes = aligned.groupby("bloc").size().to_dict()
    edges = relation_edges(store, since, until, freq=freq, domestic=domestic)
    if edges.empty:
        return pd.DataFrame(columns=columns)
    edges = edges.assign(a=edges["source"].map(bloc_of), b=edges["target"].map(bloc_of))
    inside = edges[edges["a"].notna() & (edges["a"] == edges["b"])].assign(bloc=lambda f: f["a"].astype(int))
    periods = all_periods(sorted(edges["period"].unique()), freq)
    sums = inside.groupby(["period", "bloc"]).agg(
        events=("events", "sum"), cooperation=("cooperation", "sum"), conflict=("conflict", "sum"),
        positive=("positive", "sum"), negative=("negative", "sum"), ties=("events", "size"),
    )
    totals = {key: row for key, row in zip(sums.index, sums.itertuples(index=False), strict=True)}
    rows = []
    for period in periods:
        for bloc, size in sorted(sizes.items()):
            found = totals.get((period, bloc))
            events, cooperation, conflict, positive, negative, ties = (
                (int(found.events), int(found.cooperation), int(found.conflict), float(found.positive),
                 float(found.negative), int(found.ties)) if found is not None else (0, 0, 0, 0.0, 0.0, 0)
            )
            pairs = size * (size - 1) / 2
            enough = events >= minimum
            rows.append(
                {
                    "period": period,
                    "bloc": int(bloc),
                    "status": "ok" if enough else TOO_FEW_EVENTS,
                    "events": events,
                    "cooperation": cooperation,
                    "conflict": conflict,
                    "positive": round(positive, 3),
                    "negative": round(negative, 3),
                    "cohesion": round((positive - negative) / (positive + negative), 3)
                    if enough and positive + negative else None,
                    "density": round(ties / pairs, 3) if enough and pairs else None,
                }
            )
    return pd.DataFrame(rows, columns=columns)
