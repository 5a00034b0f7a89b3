"""Analysis results computed once and kept in the store, so analysis calls answer fast.

:func:`refresh_aggregates` (called by ingest at the end of a run, or by hand) computes the
expensive per-period aggregates for the whole database: the signed edges per period and for
the whole range, the blocs, polarity per week, month, quarter and year, and the bootstrap
stability of the blocs. Each result is kept in the table ``analysis_cache`` as an Arrow IPC
blob under a key naming the call, with the *fingerprint* of the events it was computed from
(number of events, a hash of their ids, the analysis settings). An analysis call looks its
key up with the current fingerprint: a hit is returned, anything else (other windows or
options, events changed since the refresh, a store that was never refreshed) is computed live.
Results are also kept in this process, keyed the same way.

The signed edges per period (and of the whole range) are many rows, so they are kept as rows of
the table ``analysis_edges`` rather than as blobs, sorted by period length and period: a date
window reads only its own periods, and the edges of any window are the sums of its whole
months plus its partial first and last months computed live. Blobs stay small, so looking
one up stays cheap on a cold file (DuckDB reads the stored blobs neighbouring the one asked).

The counted events grouped by month, source, target and PLOVER type are kept as rows of the
table ``analysis_event_groups`` (sorted by source, target and month), so the whole range of an
actor's or a dyad's page sums a few hundred narrow rows instead of reading every event with
its article (:func:`multipolar.analysis.dyads.event_groups`).

The tables are created by :func:`refresh_aggregates` when it first runs; a store without them
simply has no cached results.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from multipolar import settings
from multipolar.analysis.base import FrameSource

#: Bump when the way a cached result is computed changes: older entries stop matching.
AGGREGATES_VERSION = "5"  # 2: bloc membership by net signed ties; 3: edges as rows; 4: both; 5: event groups
CACHE_TABLE = "analysis_cache"
#: Rows: the signed undirected edges per period length (``freq``: week ... year, or "all" for the whole range).
EDGES_TABLE = "analysis_edges"
#: The ``freq`` of the whole range's edges in :data:`EDGES_TABLE` (their period is NULL).
WHOLE_RANGE = "all"
#: Key of the entry in :data:`CACHE_TABLE` recording the fingerprint the edge rows were computed for.
EDGES_MARKER = "edges_table"
#: Columns of the edge rows after ``domestic``, ``freq`` and ``period``.
EDGE_VALUES = ("source", "target", "events", "cooperation", "conflict", "positive", "negative", "weight")
#: Rows: the counted events (without domestic ones) grouped by month, source, target and PLOVER type.
GROUPS_TABLE = "analysis_event_groups"
#: Key of the entry in :data:`CACHE_TABLE` recording the fingerprint the event groups were computed for.
GROUPS_MARKER = "event_groups_table"
#: Period lengths whose whole-range edges and polarity are stored: every period length of the
#: system measures (the dashboard's week view included), so no page computes a series at first visit.
STORED_FREQS = ("week", "month", "quarter", "year")
_MEMORY_SIZE = 128

_memory: OrderedDict[tuple[str, str, str], pd.DataFrame] = OrderedDict()
_lock = threading.Lock()
_enabled = threading.local()


def call_key(name: str, **arguments: Any) -> str:
    """Return the cache key of analysis ``name`` called with ``arguments`` (dates as ISO text)."""

    def plain(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, tuple | list):
            return [plain(v) for v in value]
        return value

    return name + json.dumps({k: plain(v) for k, v in sorted(arguments.items())}, sort_keys=True)


#: Seconds a fingerprint is reused for one store (one page asks many analyses in a row).
FINGERPRINT_SECONDS = 1.0
_fingerprints: dict[str, tuple[float, str]] = {}  # "path#id(store)" -> (when, fingerprint)


def fingerprint(store: FrameSource) -> str:
    """Return the fingerprint of the store's events and of the settings the analyses read.

    It is computed at most once per :data:`FINGERPRINT_SECONDS` for one store object (a store
    opened again, for instance after an ingest, computes it afresh).
    """
    name = f"{_store_name(store)}#{id(store)}"
    now = time.monotonic()
    with _lock:
        known = _fingerprints.get(name)
    if known is not None and now - known[0] < FINGERPRINT_SECONDS:
        return known[1]
    row = store.frame("SELECT count(*) AS n, COALESCE(sum(hash(id)), 0) AS h FROM events").iloc[0]
    value = f"{AGGREGATES_VERSION}:{int(row['n'])}:{int(row['h'])}:{settings.get('min_period_events')}"
    with _lock:
        _fingerprints[name] = (now, value)
    return value


def _store_name(store: FrameSource) -> str:
    return str(getattr(store, "path", id(store)))


def _to_blob(frame: pd.DataFrame) -> bytes:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _from_blob(blob: bytes) -> pd.DataFrame:
    table = pa.ipc.open_stream(pa.py_buffer(blob)).read_all()
    return table.to_pandas(date_as_object=True)


def _lookup(store: FrameSource, key: str, print_: str) -> pd.DataFrame | None:
    memory_key = (_store_name(store), key, print_)
    with _lock:
        if memory_key in _memory:
            _memory.move_to_end(memory_key)
            return _memory[memory_key].copy()
    try:
        # by the key alone: DuckDB then finds the row through the key's index; a second condition
        # in SQL would make it read every stored payload (tens of ms, hundreds on a cold file)
        found = store.frame(f"SELECT fingerprint, payload FROM {CACHE_TABLE} WHERE key = ?", [key])
    except duckdb.Error:
        return None  # never refreshed: no cache table
    if found.empty or found.iloc[0]["fingerprint"] != print_:
        return None
    frame = _from_blob(bytes(found.iloc[0]["payload"]))
    _remember(memory_key, frame)
    return frame.copy()


def _remember(memory_key: tuple[str, str, str], frame: pd.DataFrame) -> None:
    with _lock:
        _memory[memory_key] = frame
        _memory.move_to_end(memory_key)
        while len(_memory) > _MEMORY_SIZE:
            _memory.popitem(last=False)


def stored(store: FrameSource, key: str) -> pd.DataFrame | None:
    """Return the result stored (or kept in this process) under ``key`` for the current events, else None."""
    if getattr(_enabled, "off", False):
        return None
    return _lookup(store, key, fingerprint(store))


def cached(store: FrameSource, key: str, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """Return the result stored under ``key`` for the current events, else ``compute()`` (kept in this process)."""
    if getattr(_enabled, "off", False):
        return compute()
    print_ = fingerprint(store)
    found = _lookup(store, key, print_)
    if found is not None:
        return found
    frame = compute()
    _remember((_store_name(store), key, print_), frame)
    return frame.copy()


def forget_cached() -> None:
    """Forget the results kept in this process (the store's table is untouched)."""
    with _lock:
        _memory.clear()
        _fingerprints.clear()


def clear_aggregates(store) -> None:
    """Delete every stored result of a writable store (its analyses are then computed live)."""
    store.connection.execute(f"DROP TABLE IF EXISTS {CACHE_TABLE}")
    store.connection.execute(f"DROP TABLE IF EXISTS {EDGES_TABLE}")
    store.connection.execute(f"DROP TABLE IF EXISTS {GROUPS_TABLE}")
    forget_cached()


def stored_edges(
    store: FrameSource,
    freq: str | None,
    *,
    domestic: bool = False,
    first: dt.date | None = None,
    last: dt.date | None = None,
    actor: str | None = None,
) -> pd.DataFrame | None:
    """Return the stored edges (``min_events`` 1) of period length ``freq`` (None: the whole range), else None.

    With ``freq``, only periods from ``first`` to ``last`` (period starts, inclusive; None:
    unbounded) are read, with the ``period`` column first; with ``actor``, only the edges of
    that actor. Rows come in the order of
    :func:`multipolar.analysis.network.relation_edges` (period, most events first, then the
    pair). None when the store holds no edges computed from its current events.
    """
    if getattr(_enabled, "off", False) or (freq is not None and freq not in STORED_FREQS):
        return None
    print_ = fingerprint(store)
    if not _edges_stored(store, print_, domestic):
        return None
    memory_key = (_store_name(store), call_key("edge_rows", freq=freq, domestic=domestic, first=first, last=last,
                                               actor=actor), print_)
    with _lock:
        if memory_key in _memory:
            _memory.move_to_end(memory_key)
            return _memory[memory_key].copy()
    values = ", ".join(EDGE_VALUES)
    involving = "AND (?::VARCHAR IS NULL OR source = ? OR target = ?)"
    if freq is None:
        frame = store.frame(
            f"SELECT {values} FROM {EDGES_TABLE} WHERE freq = ? AND domestic = ? {involving} "
            "ORDER BY events DESC, source, target",
            [WHOLE_RANGE, domestic, actor, actor, actor],
        )
    else:
        frame = store.frame(
            f"""SELECT period, {values} FROM {EDGES_TABLE}
                WHERE freq = ? AND domestic = ? AND (?::DATE IS NULL OR period >= ?::DATE)
                  AND (?::DATE IS NULL OR period <= ?::DATE) {involving}
                ORDER BY period, events DESC, source, target""",
            [freq, domestic, first, first, last, last, actor, actor, actor],
        )
        frame["period"] = pd.to_datetime(frame["period"]).dt.date
    frame = _edge_types(frame)
    _remember(memory_key, frame)
    return frame.copy()


def summed_edges(
    store: FrameSource, *, domestic: bool = False, first: dt.date | None = None, last: dt.date | None = None
) -> pd.DataFrame | None:
    """Return the stored monthly edges of the months ``first`` to ``last`` summed per pair (unrounded), else None.

    Columns as the edges without ``period``; no order. None when no current edges are stored.
    """
    if getattr(_enabled, "off", False):
        return None
    print_ = fingerprint(store)
    if not _edges_stored(store, print_, domestic):
        return None
    frame = store.frame(
        f"""SELECT source, target, sum(events) AS events, sum(cooperation) AS cooperation, sum(conflict) AS conflict,
                   sum(positive) AS positive, sum(negative) AS negative, sum(weight) AS weight
            FROM {EDGES_TABLE}
            WHERE freq = 'month' AND domestic = ? AND (?::DATE IS NULL OR period >= ?::DATE)
              AND (?::DATE IS NULL OR period <= ?::DATE)
            GROUP BY source, target""",
        [domestic, first, first, last, last],
    )
    return _edge_types(frame)


def stored_groups(store: FrameSource, *, domestic: bool = False) -> str | None:
    """Return the name of the table of event groups when it holds the current events' groups, else None.

    Only the groups without domestic events are stored (``domestic`` true: None). Its rows are
    those of :func:`multipolar.analysis.dyads.event_groups` for the whole range.
    """
    if getattr(_enabled, "off", False) or domestic:
        return None
    marker = _lookup(store, GROUPS_MARKER, fingerprint(store))
    return GROUPS_TABLE if marker is not None else None


def _save_groups(store, print_: str) -> int:
    """Replace the event group rows by the current events' groups (sorted by source, target, month); return their number."""
    from multipolar.analysis.dyads import event_groups

    sql, params = event_groups(store)
    connection = store.connection
    connection.execute(f"DROP TABLE IF EXISTS {GROUPS_TABLE}")
    connection.execute(f"CREATE TABLE {GROUPS_TABLE} AS SELECT * FROM ({sql}) ORDER BY src, tgt, period, plover", params)
    rows = int(connection.execute(f"SELECT count(*) FROM {GROUPS_TABLE}").fetchone()[0])
    _save(store, GROUPS_MARKER, print_, pd.DataFrame({"rows": [rows]}))
    return rows


def _edges_stored(store: FrameSource, print_: str, domestic: bool) -> bool:
    """Return whether edge rows computed from the current events are stored for ``domestic`` (with or without)."""
    marker = _lookup(store, EDGES_MARKER, print_)
    return marker is not None and bool(domestic) in {bool(v) for v in marker["domestic"].tolist()}


def _edge_types(frame: pd.DataFrame) -> pd.DataFrame:
    """Return edge rows with the column types of the live computation (int64 counts, float64 weights)."""
    for column in ("events", "cooperation", "conflict"):
        frame[column] = frame[column].astype("int64")
    for column in ("positive", "negative", "weight"):
        frame[column] = frame[column].astype("float64")
    return frame


def _save_edges(store, print_: str, frames: dict[tuple[bool, str], pd.DataFrame]) -> None:
    """Replace the edge rows by ``frames`` ((domestic, freq) -> edges), sorted so a window reads few row groups."""
    connection = store.connection
    connection.execute(f"DROP TABLE IF EXISTS {EDGES_TABLE}")
    connection.execute(
        f"CREATE TABLE {EDGES_TABLE} (domestic BOOLEAN, freq VARCHAR, period DATE, source VARCHAR, target VARCHAR, "
        "events BIGINT, cooperation BIGINT, conflict BIGINT, positive DOUBLE, negative DOUBLE, weight DOUBLE)"
    )
    parts = []
    for (domestic, freq), frame in frames.items():
        part = frame.assign(domestic=domestic, freq=freq)
        if "period" not in part.columns:
            part = part.assign(period=None)
        part["period"] = pd.to_datetime(part["period"])
        parts.append(part[["domestic", "freq", "period", *EDGE_VALUES]])
    if parts:
        connection.register("multipolar_edge_rows", pd.concat(parts, ignore_index=True))
        try:
            connection.execute(
                f"INSERT INTO {EDGES_TABLE} SELECT domestic, freq, CAST(period AS DATE), {', '.join(EDGE_VALUES)} "
                "FROM multipolar_edge_rows ORDER BY domestic, freq, period, events DESC, source, target"
            )
        finally:
            connection.unregister("multipolar_edge_rows")
    stored = sorted({domestic for domestic, _ in frames})  # which of "without" and "with domestic events" are rows
    _save(store, EDGES_MARKER, print_, pd.DataFrame({"domestic": stored}, dtype=bool))


def _save(store, key: str, print_: str, frame: pd.DataFrame) -> None:
    store.connection.execute(f"DELETE FROM {CACHE_TABLE} WHERE key = ?", [key])
    store.connection.execute(
        f"INSERT INTO {CACHE_TABLE} VALUES (?, ?, current_timestamp, ?)", [key, print_, _to_blob(frame)]
    )


def refresh_aggregates(store, *, domestic_too: bool = False, stability_samples: int = 30) -> dict[str, int]:
    """Compute and store the per-period aggregates of a writable ``store``; return rows per result.

    Stored: the signed edges for the whole range and per week, month, quarter and year; the counted
    events grouped by month, source, target and PLOVER type; the blocs of
    the whole range; the actors table; polarity per week, month, quarter and year; the bootstrap stability of the
    blocs and the interval of the effective number of poles (``stability_samples`` resamples);
    the date bounds. With ``domestic_too`` the same again including domestic events. Results
    of an older fingerprint are replaced. Call it at the end of an ingest run.
    """
    from multipolar.blas import single_threaded_blas

    with single_threaded_blas():  # hundreds of small bloc detections: one BLAS limit for all of them
        return _refresh_aggregates(store, domestic_too=domestic_too, stability_samples=stability_samples)


def _refresh_aggregates(store, *, domestic_too: bool, stability_samples: int) -> dict[str, int]:
    from multipolar.analysis.base import counted_bounds
    from multipolar.analysis.blocs import blocs
    from multipolar.analysis.network import relation_edges
    from multipolar.analysis.polarity import polarity, polarity_key
    from multipolar.analysis.profiles import actors_table, world_events
    from multipolar.analysis.stability import bootstrap_blocs, stability_key

    store.connection.execute(
        f"CREATE TABLE IF NOT EXISTS {CACHE_TABLE} "
        "(key VARCHAR PRIMARY KEY, fingerprint VARCHAR, created_at TIMESTAMP, payload BLOB)"
    )
    print_ = fingerprint(store)
    store.connection.execute(f"DELETE FROM {CACHE_TABLE} WHERE fingerprint <> ?", [print_])
    forget_cached()
    written: dict[str, int] = {}
    edges: dict[tuple[bool, str], pd.DataFrame] = {}
    _enabled.off = True
    try:
        for domestic in (False, True) if domestic_too else (False,):
            results: dict[str, pd.DataFrame] = {}
            results[call_key("date_bounds", domestic=domestic)] = counted_bounds(store, domestic=domestic)
            results[call_key("actors_table", domestic=domestic)] = actors_table(store, limit=100_000, domestic=domestic)
            results[call_key("world_events", domestic=domestic)] = pd.DataFrame(
                {"n": [world_events(store, domestic=domestic)]})
            for freq in (None, *STORED_FREQS):
                edges[(domestic, freq or WHOLE_RANGE)] = relation_edges(store, freq=freq, domestic=domestic)
            results[call_key("blocs", since=None, until=None, min_events=1, domestic=domestic, options={})] = (
                blocs(store, domestic=domestic)
            )
            for freq in STORED_FREQS:
                key = polarity_key(freq, min_events=1, domestic=domestic, options={})
                results[key] = polarity(store, freq=freq, domestic=domestic)
            members, poles = bootstrap_blocs(store, samples=stability_samples, domestic=domestic)
            results[stability_key(None, None, stability_samples, 0, 1, domestic, {}, "members")] = members
            results[stability_key(None, None, stability_samples, 0, 1, domestic, {}, "poles")] = poles
            for key, frame in results.items():
                _save(store, key, print_, frame)
                written[key] = len(frame)
        _save_edges(store, print_, edges)
        written[GROUPS_TABLE] = _save_groups(store, print_)
        for (domestic, freq), frame in edges.items():
            written[call_key("relation_edges", freq=freq, domestic=domestic)] = len(frame)
    finally:
        _enabled.off = False
    return written


def aggregates_fresh(store: FrameSource) -> bool:
    """Return True when the store holds aggregates computed from its current events and settings."""
    try:
        found = store.frame(f"SELECT count(*) AS n FROM {CACHE_TABLE} WHERE fingerprint = ?", [fingerprint(store)])
    except duckdb.Error:
        return False  # never refreshed: no cache table
    return int(found.iloc[0]["n"]) > 0


def refresh_after_ingest(store) -> dict[str, int] | None:
    """Store the aggregates at the end of an ingest run unless they are already current; return what was written.

    A run that added, replaced or removed nothing leaves the events' fingerprint unchanged, so
    the stored aggregates still match and nothing is recomputed (None is returned).
    """
    _fingerprints.pop(f"{_store_name(store)}#{id(store)}", None)  # the run changed the events just now
    if aggregates_fresh(store):
        return None
    return refresh_aggregates(store)
