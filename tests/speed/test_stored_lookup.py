"""A stored analysis result is found by its key and used only while its fingerprint is current."""

from __future__ import annotations

import pandas as pd

from multipolar.analysis import aggregates
from multipolar.store import open_store


def _store_with_result(path, print_: str) -> None:
    with open_store(path) as store:
        store.connection.execute(
            f"CREATE TABLE IF NOT EXISTS {aggregates.CACHE_TABLE} "
            "(key VARCHAR PRIMARY KEY, fingerprint VARCHAR, created_at TIMESTAMP, payload BLOB)"
        )
        aggregates._save(store, "edges:test", print_, pd.DataFrame({"source": ["RUS", "CHN"], "weight": [1.5, -2.0]}))
        aggregates._save(store, "edges:other", print_, pd.DataFrame({"source": ["USA"], "weight": [3.0]}))


def test_a_result_stored_for_the_current_events_is_read_back(tmp_path) -> None:
    path = tmp_path / "stored.duckdb"
    with open_store(path) as store:
        current = aggregates.fingerprint(store)
    _store_with_result(path, current)
    aggregates.forget_cached()
    with open_store(path, read_only=True) as store:
        found = aggregates.stored(store, "edges:test")
        assert found is not None and list(found["source"]) == ["RUS", "CHN"] and list(found["weight"]) == [1.5, -2.0]
        assert list(aggregates.stored(store, "edges:other")["source"]) == ["USA"]
        assert aggregates.stored(store, "edges:missing") is None


def test_a_result_stored_for_other_events_is_not_used(tmp_path) -> None:
    path = tmp_path / "stale.duckdb"
    _store_with_result(path, "an older fingerprint")
    aggregates.forget_cached()
    with open_store(path, read_only=True) as store:
        assert aggregates.stored(store, "edges:test") is None
        assert aggregates.cached(store, "edges:test", lambda: pd.DataFrame({"source": ["IND"]}))["source"].tolist() == ["IND"]
