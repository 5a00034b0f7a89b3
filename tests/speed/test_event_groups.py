"""Actor and dyad pages summed from the stored event groups equal the direct computation from the events.

The counted events of the whole range are stored grouped by month, source, target and PLOVER type
(``analysis_event_groups``); an actor's summary and series and every whole-range dyad table by
month, quarter, year or none are sums of those rows. Each is checked against the live
computation (nothing stored, nothing remembered) on a small database, Goldstein means included.
"""

from __future__ import annotations

import pandas as pd
import pytest

from multipolar.store import open_store

from .computed import computed_live, refreshed_synthetic_db

ACTORS = ["RUS", "USA", "IGOUNO", "ZZZ"]
DYADS = [("RUS", "USA"), ("CHN", "RUS"), ("USA", "ZZZ")]


@pytest.fixture(scope="module")
def refreshed_db(tmp_path_factory):
    return refreshed_synthetic_db(tmp_path_factory.mktemp("groups"), "groups.duckdb", 1500, seed=9, days=500)


def _stored(function):
    from multipolar.analysis import aggregates

    aggregates.forget_cached()
    return function()


def test_the_event_groups_are_stored_and_sum_to_the_counted_events(refreshed_db):
    from multipolar.analysis import aggregates
    from multipolar.analysis.profiles import world_events

    with open_store(refreshed_db, read_only=True) as store:
        table = _stored(lambda: aggregates.stored_groups(store))
        assert table == aggregates.GROUPS_TABLE
        assert aggregates.stored_groups(store, domestic=True) is None  # refreshed without domestic events
        total = int(store.frame(f"SELECT sum(events) AS n FROM {table}").iloc[0]["n"])
        assert total == computed_live(lambda: world_events(store)) > 1000


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("freq", ["month", "quarter", "year", "week"])
def test_actor_series_from_stored_groups_equals_live(refreshed_db, actor, freq):
    from multipolar import analysis

    with open_store(refreshed_db, read_only=True) as store:
        stored = _stored(lambda: analysis.actor_series(store, actor, freq=freq))
        live = computed_live(lambda: analysis.actor_series(store, actor, freq=freq))
    if actor != "ZZZ":
        assert live["events"].sum() > 50 and live["goldstein_mean"].notna().any()
    pd.testing.assert_frame_equal(stored, live)


@pytest.mark.parametrize("actor", ACTORS)
def test_actor_summary_from_stored_groups_equals_live(refreshed_db, actor):
    from multipolar import analysis

    with open_store(refreshed_db, read_only=True) as store:
        stored = _stored(lambda: analysis.actor_summary(store, actor))
        live = computed_live(lambda: analysis.actor_summary(store, actor))
    if actor != "ZZZ":
        assert int(live.iloc[0]["events"]) > 50 and int(live.iloc[0]["partners"]) >= 5
    pd.testing.assert_frame_equal(stored, live)


@pytest.mark.parametrize("pair", DYADS)
@pytest.mark.parametrize("freq", [None, "month", "quarter", "year"])
@pytest.mark.parametrize("by", [None, "plover"])
@pytest.mark.parametrize("directed", [True, False])
def test_dyad_tables_from_stored_groups_equal_live(refreshed_db, pair, freq, by, directed):
    from multipolar import analysis

    actor, partner = pair

    def table():
        return analysis.dyads(store, freq=freq, by=by, directed=directed, actor=actor, partner=partner)

    with open_store(refreshed_db, read_only=True) as store:
        stored, live = _stored(table), computed_live(table)
        series = _stored(lambda: analysis.dyad_series(store, actor, partner, freq=freq or "month", directed=directed))
        live_series = computed_live(
            lambda: analysis.dyad_series(store, actor, partner, freq=freq or "month", directed=directed))
    if partner != "ZZZ":
        assert live["events"].sum() >= 5
    pd.testing.assert_frame_equal(stored, live)
    pd.testing.assert_frame_equal(series, live_series)


@pytest.mark.parametrize("limit", [None, 15])
@pytest.mark.parametrize("min_events", [1, 4])
def test_every_dyad_from_stored_groups_equals_live(refreshed_db, limit, min_events):
    from multipolar import analysis

    def table():
        return analysis.dyads(store, directed=False, limit=limit, min_events=min_events)

    with open_store(refreshed_db, read_only=True) as store:
        stored, live = _stored(table), computed_live(table)
        by_actor = _stored(lambda: analysis.dyads(store, freq="month", actor="RUS"))
        live_by_actor = computed_live(lambda: analysis.dyads(store, freq="month", actor="RUS"))
    assert len(live) >= 10
    pd.testing.assert_frame_equal(stored, live)
    pd.testing.assert_frame_equal(by_actor, live_by_actor)
