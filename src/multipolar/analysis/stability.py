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
from collections.abc import Iterator

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


#: Events per block when the bootstrap reads and reweights the events: besides the pair index
#: and weight of every event (12 bytes each), its working memory is a few arrays of this length.
BLOCK_EVENTS = 65_536


def _event_arrays(store: FrameSource, since, until, domestic: bool) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Return ``(pairs, pair, weight)`` of the counted events between two different actors.

    ``pairs`` holds the distinct unordered pairs (columns ``a`` < ``b``) in the order they first
    occur; ``pair`` (int32) gives each event's row in ``pairs`` and ``weight`` its signed weight,
    in the order the events were stored: the resampling draws are matched to events in that
    order, so the result does not depend on the order a parallel scan returns rows in. The
    events are read :data:`BLOCK_EVENTS` at a time when the store can stream a result
    (:meth:`multipolar.store.Store.stream`), so no table of all events is built.
    """
    cte, params = event_cte(since, until, domestic=domestic)
    sql = f"""{cte}
SELECT least(src, tgt) AS a, greatest(src, tgt) AS b, weight
FROM ev WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt ORDER BY stored_order"""
    pair_of: dict[tuple[str, str], int] = {}
    pair_blocks: list[np.ndarray] = []
    weight_blocks: list[np.ndarray] = []
    for first, second, weights in _event_blocks(store, sql, params):
        keys = zip(first, second, strict=True)
        pair_blocks.append(np.fromiter((pair_of.setdefault(key, len(pair_of)) for key in keys), dtype=np.int32,
                                       count=len(weights)))
        weight_blocks.append(weights)
    pairs = pd.DataFrame(list(pair_of), columns=["a", "b"], dtype=object)
    pair = np.concatenate(pair_blocks) if pair_blocks else np.zeros(0, dtype=np.int32)
    weight = np.concatenate(weight_blocks) if weight_blocks else np.zeros(0)
    return pairs, pair, weight


def _event_blocks(store: FrameSource, sql: str, params: list) -> Iterator[tuple[list, list, np.ndarray]]:
    """Yield ``(a values, b values, weights)`` of the query's rows, at most :data:`BLOCK_EVENTS` at a time."""
    stream = getattr(store, "stream", None)
    if stream is None:  # a source that only answers whole frames
        frame = store.frame(sql, params)
        for start in range(0, len(frame), BLOCK_EVENTS):
            block = frame.iloc[start : start + BLOCK_EVENTS]
            yield block["a"].tolist(), block["b"].tolist(), block["weight"].to_numpy(dtype=float)
        return
    for batch in stream(sql, params, BLOCK_EVENTS):
        if batch.num_rows:
            yield (batch.column(0).to_pylist(), batch.column(1).to_pylist(),
                   batch.column(2).to_numpy(zero_copy_only=False).astype(float))


def _edges(pairs: pd.DataFrame, pair: np.ndarray, weight: np.ndarray, rng: np.random.Generator | None) -> pd.DataFrame:
    """Return edge rows (as :func:`relation_edges`) for the events reweighted by Poisson(1) draws of ``rng``.

    With ``rng`` None every event weighs 1 (the full sample). The draws and sums go block by
    block (:data:`BLOCK_EVENTS` events), in the events' order: the same draws, and the same sums
    to the last bit, as one draw and one ``bincount`` over all events.
    """
    count = len(pairs)
    events = np.zeros(count)
    cooperation = np.zeros(count)
    conflict = np.zeros(count)
    positive = np.zeros(count)
    negative = np.zeros(count)
    for start in range(0, len(pair), BLOCK_EVENTS):
        where = pair[start : start + BLOCK_EVENTS]
        value = weight[start : start + BLOCK_EVENTS]
        multiplier = np.ones(len(where)) if rng is None else rng.poisson(1.0, len(where)).astype(float)
        used = multiplier > 0
        # counts are whole numbers: block sums add up exactly; the weighted sums are added one
        # event at a time (ufunc.at), in order, as bincount does
        events += np.bincount(where, weights=multiplier, minlength=count)
        cooperation += np.bincount(where[used & (value > 0)], weights=multiplier[used & (value > 0)], minlength=count)
        conflict += np.bincount(where[used & (value < 0)], weights=multiplier[used & (value < 0)], minlength=count)
        np.add.at(positive, where, np.where(value > 0, value, 0.0) * multiplier)
        np.add.at(negative, where, np.where(value < 0, -value, 0.0) * multiplier)
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
    pairs, pair, weight = _event_arrays(store, since, until, domestic)
    if not len(pair):
        return pd.DataFrame(columns=STABILITY_COLUMNS), pd.DataFrame(columns=POLES_COLUMNS)
    full_edges = _edges(pairs, pair, weight, None)
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
        edges = _edges(pairs, pair, weight, rng)
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
                "events": len(pair),
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
