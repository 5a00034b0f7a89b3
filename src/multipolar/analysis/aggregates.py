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

The table is created by :func:`refresh_aggregates` when it first runs; a store without it
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
AGGREGATES_VERSION = "2"  # 2: bloc membership by net signed ties (hubs stay in their blocs)
CACHE_TABLE = "analysis_cache"
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
    forget_cached()


def _save(store, key: str, print_: str, frame: pd.DataFrame) -> None:
    store.connection.execute(f"DELETE FROM {CACHE_TABLE} WHERE key = ?", [key])
    store.connection.execute(
        f"INSERT INTO {CACHE_TABLE} VALUES (?, ?, current_timestamp, ?)", [key, print_, _to_blob(frame)]
    )


def refresh_aggregates(store, *, domestic_too: bool = False, stability_samples: int = 30) -> dict[str, int]:
    """Compute and store the per-period aggregates of a writable ``store``; return rows per result.

    Stored: the signed edges for the whole range and per week, month, quarter and year; the blocs of
    the whole range; the actors table; polarity per week, month, quarter and year; the bootstrap stability of the
    blocs and the interval of the effective number of poles (``stability_samples`` resamples);
    the date bounds. With ``domestic_too`` the same again including domestic events. Results
    of an older fingerprint are replaced. Call it at the end of an ingest run.
    """
    from multipolar.analysis.base import counted_bounds
    from multipolar.analysis.blocs import blocs
    from multipolar.analysis.network import relation_edges
    from multipolar.analysis.polarity import polarity, polarity_key
    from multipolar.analysis.profiles import actors_table
    from multipolar.analysis.stability import bootstrap_blocs, stability_key

    store.connection.execute(
        f"CREATE TABLE IF NOT EXISTS {CACHE_TABLE} "
        "(key VARCHAR PRIMARY KEY, fingerprint VARCHAR, created_at TIMESTAMP, payload BLOB)"
    )
    print_ = fingerprint(store)
    store.connection.execute(f"DELETE FROM {CACHE_TABLE} WHERE fingerprint <> ?", [print_])
    forget_cached()
    written: dict[str, int] = {}
    _enabled.off = True
    try:
        for domestic in (False, True) if domestic_too else (False,):
            results: dict[str, pd.DataFrame] = {}
            results[call_key("date_bounds", domestic=domestic)] = counted_bounds(store, domestic=domestic)
            results[call_key("actors_table", domestic=domestic)] = actors_table(store, limit=100_000, domestic=domestic)
            for freq in (None, *STORED_FREQS):
                key = call_key("relation_edges", since=None, until=None, freq=freq, min_events=1, domestic=domestic)
                results[key] = relation_edges(store, freq=freq, domestic=domestic)
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
