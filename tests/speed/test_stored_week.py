"""The stored week aggregates give the live answer, whole range and windows, and the dashboard reads them."""

from __future__ import annotations

import datetime as dt

import pytest

from multipolar.store import open_store

from .computed import computed_live, refreshed_synthetic_db


@pytest.fixture(scope="module")
def refreshed_db(tmp_path_factory):
    return refreshed_synthetic_db(tmp_path_factory.mktemp("speed"), "weeks.duckdb", 1200, seed=9, days=300)


@pytest.mark.parametrize("window", [(None, None), (dt.date(2023, 2, 9), dt.date(2023, 7, 20))])
def test_week_edges_and_polarity_stored_equal_live(refreshed_db, window):
    from multipolar import analysis
    from multipolar.analysis import aggregates
    from multipolar.analysis.polarity import polarity_key

    since, until = window
    with open_store(refreshed_db, read_only=True) as store:
        assert aggregates.stored_edges(store, "week") is not None  # the week series is among the stored aggregates
        assert aggregates.stored(store, polarity_key("week", min_events=1, domestic=False, options={})) is not None
        aggregates.forget_cached()
        edges = analysis.relation_edges(store, since, until, freq="week")
        poles = analysis.polarity(store, since, until, freq="week")
        live_edges = computed_live(lambda: analysis.relation_edges(store, since, until, freq="week"))
        live_poles = computed_live(lambda: analysis.polarity(store, since, until, freq="week"))
    key = ["period", "source", "target"]
    assert len(edges) > 100
    assert edges.sort_values(key, ignore_index=True).equals(live_edges.sort_values(key, ignore_index=True))
    assert list(poles["period"]) == list(live_poles["period"])
    for column in ("status", "events", "poles", "balance"):
        assert list(poles[column].fillna(-1)) == list(live_poles[column].fillna(-1)), column


def test_weekly_network_page_reads_the_stored_series(refreshed_db, tmp_path, monkeypatch):
    import importlib

    from fastapi.testclient import TestClient

    from multipolar.web import create_app

    polarity_module = importlib.import_module("multipolar.analysis.polarity")

    monkeypatch.setenv("MULTIPOLAR_CACHE_DIR", str(tmp_path / "cache"))

    def refuse(*args, **kwargs):
        raise AssertionError("the weekly polarity was computed live instead of read from the store")

    monkeypatch.setattr(polarity_module, "_live_polarity", refuse)
    with TestClient(create_app(refreshed_db, warm=False)) as client:
        assert client.get("/api/polarity", params={"freq": "week"}).status_code == 200
        assert client.get("/network", params={"freq": "week"}).status_code == 200


def test_network_core_takes_the_stored_blocs_which_equal_the_live_ones(refreshed_db, tmp_path, monkeypatch):
    from multipolar import analysis
    from multipolar.web.data import Database
    from multipolar.web.views.network import network_core

    monkeypatch.setenv("MULTIPOLAR_CACHE_DIR", str(tmp_path / "cache"))
    db = Database(refreshed_db)
    try:
        _, members, _ = network_core(db, None, None)
        live = computed_live(lambda: analysis.detect_blocs(analysis.build_graph(analysis.relation_edges(db))))
    finally:
        db.close()
    assert members.sort_values("actor", ignore_index=True).equals(live.sort_values("actor", ignore_index=True))
