"""How stable the blocs and the number of poles are: a bootstrap over events.

The counted events of the window are resampled many times (a Poisson bootstrap: each event
gets a random weight drawn from Poisson(1), which is equivalent to drawing the events with
replacement for large samples). For every resample the signed network is rebuilt from the
reweighted events, the blocs are detected again and the polarity measures recomputed. Then:

- an actor's ``stability`` is the share of resamples in which it lands in the same bloc as
  its *modal partners*, the members of its bloc in the full sample (averaged over those
  partners); for an unaligned actor it is the share of resamples in which it is unaligned
  again;
- the effective number of poles gets a percentile interval (``poles_low`` .. ``poles_high``,
  2.5 and 97.5 per cent by default).

The formulas are in ``README.md`` beside this file.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from multipolar.analysis import aggregates
from multipolar.analysis.base import FrameSource, as_date, event_cte
from multipolar.analysis.blocs import UNALIGNED, detect_blocs
from multipolar.analysis.network import build_graph
from multipolar.analysis.polarity import measure

STABILITY_COLUMNS = ["actor", "bloc", "stability", "unaligned_share", "samples"]
POLES_COLUMNS = ["poles", "poles_low", "poles_high", "blocs_mean", "samples", "events"]


def stability_key(since, until, samples, seed, min_events, domestic, options, part) -> str:
    """Return the cache key of one bootstrap result (``part``: members or poles)."""
    return aggregates.call_key("stability", since=as_date(since), until=as_date(until), samples=samples, seed=seed,
                               min_events=min_events, domestic=domestic, options=options, part=part)


def _event_rows(store: FrameSource, since, until, domestic: bool) -> pd.DataFrame:
    cte, params = event_cte(since, until, domestic=domestic)
    sql = f"""{cte}
SELECT least(src, tgt) AS a, greatest(src, tgt) AS b, weight
FROM ev WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt"""
    return store.frame(sql, params)


def _edges(pairs: pd.DataFrame, pair: np.ndarray, weight: np.ndarray, multiplier: np.ndarray) -> pd.DataFrame:
    """Return edge rows (as :func:`relation_edges`) for events reweighted by ``multiplier``."""
    count = len(pairs)
    used = multiplier > 0
    events = np.bincount(pair, weights=multiplier, minlength=count)
    positive = np.bincount(pair, weights=np.where(weight > 0, weight, 0.0) * multiplier, minlength=count)
    negative = np.bincount(pair, weights=np.where(weight < 0, -weight, 0.0) * multiplier, minlength=count)
    cooperation = np.bincount(pair[used & (weight > 0)], weights=multiplier[used & (weight > 0)], minlength=count)
    conflict = np.bincount(pair[used & (weight < 0)], weights=multiplier[used & (weight < 0)], minlength=count)
    frame = pairs.assign(events=events.astype("int64"), cooperation=cooperation.astype("int64"),
                         conflict=conflict.astype("int64"), positive=positive, negative=negative,
                         weight=positive - negative)
    return frame[frame["events"] > 0].rename(columns={"a": "source", "b": "target"})


def bootstrap_blocs(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    samples: int = 30,
    seed: int = 0,
    min_events: int = 1,
    domestic: bool = False,
    interval: float = 0.95,
    **options: float,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(members, poles)``: per-actor bloc stability and the interval of the number of poles.

    ``members``: actor, bloc (of the full sample), stability, unaligned_share (resamples in
    which the actor was unaligned), samples. ``poles``: one row with poles (full sample),
    poles_low, poles_high (the central ``interval`` of the resampled values), blocs_mean,
    samples, events. ``options`` go to :func:`detect_blocs`.
    """
    rows = _event_rows(store, since, until, domestic)
    if rows.empty:
        return pd.DataFrame(columns=STABILITY_COLUMNS), pd.DataFrame(columns=POLES_COLUMNS)
    pairs = rows[["a", "b"]].drop_duplicates().reset_index(drop=True)
    pair_of = {key: i for i, key in enumerate(zip(pairs["a"], pairs["b"], strict=True))}
    pair = np.array([pair_of[key] for key in zip(rows["a"], rows["b"], strict=True)], dtype=np.int64)
    weight = rows["weight"].to_numpy(dtype=float)
    ones = np.ones(len(rows))
    full_edges = _edges(pairs, pair, weight, ones)
    if min_events > 1:
        full_edges = full_edges[full_edges["events"] >= min_events]
    graph = build_graph(full_edges)
    members = detect_blocs(graph, **options)
    full_poles = measure(graph, members)["poles"]
    actors = members["actor"].tolist()
    bloc_of = dict(zip(actors, members["bloc"], strict=True))
    rng = np.random.default_rng(seed)
    together = {actor: 0.0 for actor in actors}
    unaligned = {actor: 0 for actor in actors}
    seen = {actor: 0 for actor in actors}
    poles, blocs_found = [], []
    for _ in range(samples):
        multiplier = rng.poisson(1.0, len(rows)).astype(float)
        edges = _edges(pairs, pair, weight, multiplier)
        if min_events > 1:
            edges = edges[edges["events"] >= min_events]
        sample_graph = build_graph(edges)
        sample = detect_blocs(sample_graph, **options)
        found = measure(sample_graph, sample)
        if found["poles"] is not None:
            poles.append(found["poles"])
        blocs_found.append(found["blocs"])
        sample_bloc = dict(zip(sample["actor"], sample["bloc"], strict=True))
        for actor in actors:
            if actor not in sample_bloc:
                continue
            seen[actor] += 1
            mine = sample_bloc[actor]
            unaligned[actor] += int(mine == UNALIGNED)
            if bloc_of[actor] == UNALIGNED:
                together[actor] += float(mine == UNALIGNED)
                continue
            mates = [m for m in actors if m != actor and bloc_of[m] == bloc_of[actor] and m in sample_bloc]
            if mates:
                together[actor] += float(np.mean([mine != UNALIGNED and sample_bloc[m] == mine for m in mates]))
    table = pd.DataFrame(
        [
            {
                "actor": actor,
                "bloc": int(bloc_of[actor]),
                "stability": round(together[actor] / seen[actor], 3) if seen[actor] else None,
                "unaligned_share": round(unaligned[actor] / seen[actor], 3) if seen[actor] else None,
                "samples": seen[actor],
            }
            for actor in actors
        ],
        columns=STABILITY_COLUMNS,
    )
    tail = (1.0 - interval) / 2 * 100
    summary = pd.DataFrame(
        [
            {
                "poles": full_poles,
                "poles_low": round(float(np.percentile(poles, tail)), 3) if poles else None,
                "poles_high": round(float(np.percentile(poles, 100 - tail)), 3) if poles else None,
                "blocs_mean": round(float(np.mean(blocs_found)), 2) if blocs_found else None,
                "samples": samples,
                "events": len(rows),
            }
        ],
        columns=POLES_COLUMNS,
    )
    return table, summary


def bloc_stability(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    samples: int = 30,
    seed: int = 0,
    min_events: int = 1,
    domestic: bool = False,
    **options: float,
) -> pd.DataFrame:
    """Return per actor how often it lands in the same bloc as its modal partners (see :func:`bootstrap_blocs`)."""
    return _cached_part(store, since, until, samples, seed, min_events, domestic, options, "members")


def poles_interval(
    store: FrameSource,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    samples: int = 30,
    seed: int = 0,
    min_events: int = 1,
    domestic: bool = False,
    **options: float,
) -> pd.DataFrame:
    """Return one row: the effective number of poles and its bootstrap interval (see :func:`bootstrap_blocs`)."""
    return _cached_part(store, since, until, samples, seed, min_events, domestic, options, "poles")


def _cached_part(store, since, until, samples, seed, min_events, domestic, options, part) -> pd.DataFrame:
    key = stability_key(since, until, samples, seed, min_events, domestic, options, part)
    found = aggregates.stored(store, key)
    if found is not None:
        return found
    members, poles = bootstrap_blocs(store, since, until, samples=samples, seed=seed, min_events=min_events,
                                     domestic=domestic, **options)
    other = "poles" if part == "members" else "members"
    aggregates.cached(store, stability_key(since, until, samples, seed, min_events, domestic, options, other),
                      lambda: poles if other == "poles" else members)
    return aggregates.cached(store, key, lambda: members if part == "members" else poles)
