"""The event download reads its order over the keys first, then the rows in chunks: same rows, same order."""

from __future__ import annotations

import csv
import io

import pyarrow as pa
import pytest

from multipolar.web.data import Database, EventFilter

FILTERS = [
    EventFilter(),
    EventFilter(actor="RUS", sort="goldstein"),
    EventFilter(text="Russia", sort="-plover"),  # a filter on the article row (its title) too
    EventFilter(plover="ASSAULT", since=None, sort="source"),
    EventFilter(actor="ZZZ"),  # nothing matches: the header only
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f"{f.actor}-{f.text}-{f.plover}-{f.sort}")
def test_chunked_event_stream_equals_one_ordered_query(web_db, filters):
    db = Database(web_db)
    try:
        sql, params = db.event_export_sql(filters)
        whole = db.frame(sql, params)
        batches = list(db.stream_events(filters, first_rows=7, batch_rows=150))  # many small chunks
    finally:
        db.close()
    chunked = pa.Table.from_batches(batches).to_pandas()
    assert list(chunked.columns) == list(whole.columns)
    assert chunked["id"].tolist() == whole["id"].tolist()  # the same rows in the same order
    assert chunked.astype(str).equals(whole.astype(str))
    if filters.actor != "ZZZ":
        assert len(batches) >= 2 and len(whole) > 7


def test_download_of_the_whole_database_has_every_row_in_order(client):
    total = client.get("/api/events").json()["total"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events", params={"format": "csv"}).text)))
    assert len(rows) == total > 3000
    dates = [row["date"] for row in rows if row["date"]]
    assert dates == sorted(dates, reverse=True)  # newest first, across chunk boundaries
    empty = client.get("/api/events", params={"since": "1990-01-01", "until": "1990-12-31", "format": "csv"}).text
    assert empty.startswith('"id","article_id","date"') and len(empty.splitlines()) == 1


def test_only_whole_range_results_are_kept_on_disk(web_db, tmp_path, monkeypatch):
    import datetime as dt

    from multipolar.web.data import FigureFilter
    from multipolar.web.views import network

    monkeypatch.setenv("MULTIPOLAR_CACHE_DIR", str(tmp_path / "cache"))
    db = Database(web_db)
    try:
        network.network_data(db, None, None, max_nodes=network.NETWORK_PAGE_NODES)  # the map a window starts from
        whole = sorted((tmp_path / "cache").rglob("*.pickle"))
        assert len(whole) == 2
        network.network_data(db, dt.date(2023, 3, 1), dt.date(2023, 5, 31))
        assert sorted((tmp_path / "cache").rglob("*.pickle")) == whole  # a date window stays in memory
        db.cached("figures", lambda: {"rows": 1}, FigureFilter(since=dt.date(2023, 1, 1)), "month")
        kept = sorted(path.name.split("-")[0] for path in (tmp_path / "cache").rglob("*.pickle"))
    finally:
        db.close()
    assert kept == ["network", "network_core"]
