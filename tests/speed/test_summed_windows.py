"""Windows answered from stored per-period rows equal the direct computation from the events.

The network of any date window is the sum of its stored whole months plus its partial first and
last months computed live; windows with periods read only their periods' rows. Each is checked
against the live computation (nothing stored, nothing remembered) on a small database, with
windows that start and end inside a month, on month bounds, inside one month, and outside the data.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from multipolar.store import open_store

from .computed import computed_live, refreshed_synthetic_db

WINDOWS = [
    (None, None),
    (dt.date(2023, 2, 9), dt.date(2023, 7, 20)),  # partial months at both ends
    (dt.date(2023, 3, 1), dt.date(2023, 5, 31)),  # whole months only
    (dt.date(2023, 4, 3), dt.date(2023, 4, 17)),  # inside one month: all live
    (None, dt.date(2023, 6, 14)),
    (dt.date(2023, 8, 20), None),
    (dt.date(2021, 1, 1), dt.date(2021, 12, 31)),  # before the data: empty
]


@pytest.fixture(scope="module")
def refreshed_db(tmp_path_factory):
    return refreshed_synthetic_db(tmp_path_factory.mktemp("summed"), "months.duckdb", 1500, seed=4, days=330)


def _stored(function):
    from multipolar.analysis import aggregates

    aggregates.forget_cached()
    return function()


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("min_events", [1, 3])
def test_window_network_from_summed_months_equals_live(refreshed_db, window, min_events):
    from multipolar import analysis

    since, until = window
    with open_store(refreshed_db, read_only=True) as store:
        summed = _stored(lambda: analysis.relation_edges(store, since, until, min_events=min_events))
        live = computed_live(lambda: analysis.relation_edges(store, since, until, min_events=min_events))
    if window[0] is None or window[0].year == 2023:
        assert len(live) >= 5  # a real network, not two empty frames
    pd.testing.assert_frame_equal(summed, live)  # same rows, same order, same types, same values


@pytest.mark.parametrize("window", WINDOWS[:3])
def test_window_blocs_and_polarity_from_stored_rows_equal_live(refreshed_db, window):
    from multipolar import analysis

    since, until = window
    with open_store(refreshed_db, read_only=True) as store:
        blocs = _stored(lambda: analysis.blocs(store, since, until))
        live_blocs = computed_live(lambda: analysis.blocs(store, since, until))
        for freq in ("month", "quarter"):
            edges = _stored(lambda f=freq: analysis.relation_edges(store, since, until, freq=f))
            live_edges = computed_live(lambda f=freq: analysis.relation_edges(store, since, until, freq=f))
            pd.testing.assert_frame_equal(edges, live_edges)
    pd.testing.assert_frame_equal(blocs, live_blocs)


def test_a_period_length_that_is_not_stored_is_computed_live(refreshed_db):
    from multipolar import analysis
    from multipolar.analysis import aggregates

    with open_store(refreshed_db, read_only=True) as store:
        assert aggregates.stored_edges(store, "day") is None
        days = _stored(lambda: analysis.relation_edges(store, freq="day"))
        live = computed_live(lambda: analysis.relation_edges(store, freq="day"))
    assert len(days) > 100
    pd.testing.assert_frame_equal(days, live)


def test_domestic_edges_are_computed_live_when_only_international_ones_are_stored(refreshed_db):
    from multipolar import analysis
    from multipolar.analysis import aggregates

    with open_store(refreshed_db, read_only=True) as store:  # refreshed without domestic_too
        assert aggregates.stored_edges(store, "month") is not None
        assert aggregates.stored_edges(store, "month", domestic=True) is None
        assert aggregates.summed_edges(store, domestic=True) is None
        for window in WINDOWS[:2]:
            edges = _stored(lambda w=window: analysis.relation_edges(store, *w, domestic=True))
            live = computed_live(lambda w=window: analysis.relation_edges(store, *w, domestic=True))
            assert len(edges) >= 5
            pd.testing.assert_frame_equal(edges, live)


def test_stale_edge_rows_are_not_used(refreshed_db, tmp_path):
    import shutil

    from multipolar import analysis
    from multipolar.analysis import aggregates
    from multipolar.analysis.synthetic import articles_for, random_events

    path = tmp_path / "changed.duckdb"
    shutil.copy(refreshed_db, path)
    with open_store(path) as store:  # new events after the refresh: the stored rows no longer match
        store.write(list(articles_for(random_events(40, seed=5, start="2023-03-01", days=20), first_number=9000)))
    aggregates.forget_cached()
    with open_store(path, read_only=True) as store:
        assert aggregates.stored_edges(store, "month") is None
        assert aggregates.summed_edges(store) is None
        edges = analysis.relation_edges(store, dt.date(2023, 2, 9), dt.date(2023, 7, 20))
        live = computed_live(lambda: analysis.relation_edges(store, dt.date(2023, 2, 9), dt.date(2023, 7, 20)))
    pd.testing.assert_frame_equal(edges, live)


@pytest.mark.parametrize("actor", ["RUS", "USA", "IGOUNO", "ZZZ"])
def test_actor_relations_and_summary_from_stored_aggregates_equal_live(refreshed_db, actor):
    from multipolar import analysis

    with open_store(refreshed_db, read_only=True) as store:
        relations = _stored(lambda: analysis.relations(store, actor))
        summary = _stored(lambda: analysis.actor_summary(store, actor))
        live_relations = computed_live(lambda: analysis.relations(store, actor))
        live_summary = computed_live(lambda: analysis.actor_summary(store, actor))
    if actor != "ZZZ":
        assert len(live_relations) >= 5
    pd.testing.assert_frame_equal(relations, live_relations, check_index_type=False)
    pd.testing.assert_frame_equal(summary, live_summary)


def test_domestic_edges_stored_with_domestic_too_equal_live(tmp_path):
    from multipolar import analysis
    from multipolar.analysis import aggregates
    from multipolar.analysis.synthetic import SyntheticEvent, random_events, write_events

    path = tmp_path / "domestic.duckdb"
    domestic = [SyntheticEvent(f"2023-0{m}-1{d}", "RUS", "RUS", "ASSAULT") for m in range(2, 8) for d in range(3)]
    with open_store(path) as store:
        write_events(store, sorted(random_events(500, seed=6, start="2023-01-01", days=240) + domestic,
                                   key=lambda e: e.date))
        analysis.refresh_aggregates(store, domestic_too=True, stability_samples=2)
    with open_store(path, read_only=True) as store:
        assert aggregates.stored_edges(store, "month", domestic=True) is not None
        for window in WINDOWS[:3]:
            edges = _stored(lambda w=window: analysis.relation_edges(store, *w, domestic=True))
            live = computed_live(lambda w=window: analysis.relation_edges(store, *w, domestic=True))
            pd.testing.assert_frame_equal(edges, live)
