"""Listings (event search, map, CLI ``events``, ``store.events``, ``summary``) default to what the analyses count.

Known answer: one article with eight events, two of them counted (an asserted aid and a
threat) and six left out by the analyses for a known reason each.
"""

from __future__ import annotations

import dataclasses

import pytest

from multipolar import analysis
from multipolar.analysis.base import ALL_EVENTS, EventScope
from multipolar.analysis.synthetic import SyntheticEvent, coded_article
from multipolar.store import open_store

#: target -> (changes to the event, why the analyses leave it out or None when counted)
CASES = {
    "GBR": ({}, None),
    "IRN": ({"modality": "threatened"}, None),  # a threat is a verbal act: counted
    "FRA": ({"timing": "history", "date": "2019-01-01"}, "history_future"),
    "DEU": ({"timing": "future", "date": "2024-06-01"}, "history_future"),
    "JPN": ({"negated": True}, "not_asserted"),
    "RUS": ({"modality": "conditional"}, "not_asserted"),
    "CHN": ({"date": "1938-01-01"}, "out_of_time"),
    "USA": ({}, "domestic"),
}
COUNTED = sorted(t for t, (_, why) in CASES.items() if why is None)
HIDDEN = {"history_future": 2, "not_asserted": 2, "out_of_time": 1, "domestic": 1}


@pytest.fixture(scope="module")
def scope_db(tmp_path_factory) -> str:
    """Path of a database holding the article of :data:`CASES` (all events USA -> target, AID)."""
    coded = coded_article(1, [SyntheticEvent("2024-03-01", "USA", target, "AID") for target in CASES])
    events = tuple(dataclasses.replace(event, **CASES[event.target.code][0]) for event in coded.events)
    path = tmp_path_factory.mktemp("scope") / "scope.duckdb"
    with open_store(path) as store:
        store.write([dataclasses.replace(coded, events=events)])
    return str(path)


@pytest.fixture(scope="module")
def scope_client(scope_db):
    from fastapi.testclient import TestClient

    from multipolar.web import create_app

    with TestClient(create_app(scope_db)) as test_client:
        yield test_client


def _targets(events) -> list[str]:
    return sorted(e["target_code"] for e in events)


def test_event_search_defaults_to_the_counted_events_and_says_what_it_hides(scope_client):
    page = scope_client.get("/api/events").json()
    assert page["total"] == len(COUNTED) and _targets(page["events"]) == COUNTED
    assert page["hidden"] == HIDDEN
    everything = scope_client.get("/api/events?timing=any&modality=any&domestic=true").json()
    assert everything["total"] == len(CASES) and everything["hidden"] == {}


@pytest.mark.parametrize(
    ("query", "targets"),
    [
        ("timing=history", ["FRA"]),
        ("timing=history&modality=any", ["FRA"]),
        ("timing=future&modality=any", ["DEU"]),
        ("modality=negated", ["JPN"]),
        ("modality=conditional", ["RUS"]),
        ("modality=threatened", ["IRN"]),
        ("domestic=true", ["GBR", "IRN", "USA"]),
        ("timing=any", ["CHN", "DEU", "FRA", "GBR", "IRN"]),
    ],
)
def test_each_scope_filter_shows_its_events(scope_client, query, targets):
    page = scope_client.get(f"/api/events?{query}").json()
    assert _targets(page["events"]) == targets, page
    assert page["total"] + sum(page["hidden"].values()) == len(CASES)


def test_bad_scope_values_are_refused(scope_client):
    assert scope_client.get("/api/events?timing=yesterday").status_code == 422
    assert scope_client.get("/api/events?modality=DROP%20TABLE").status_code == 422


def test_map_counts_only_counted_events_by_default(scope_client):
    data = scope_client.get("/api/map").json()
    assert data["events"] == len(COUNTED) and data["hidden"] == HIDDEN
    assert scope_client.get("/api/map?timing=any&modality=any&domestic=true").json()["events"] == len(CASES)


def test_pages_say_how_many_events_are_hidden_and_link_to_them(scope_client):
    for url in ("/events", "/map"):
        html = scope_client.get(url).text
        assert "6</strong> more hidden" in html and "2 history or future" in html, url
        assert "timing=any&amp;modality=any&amp;domestic=true" in html
    shown = scope_client.get("/events?timing=any&modality=any&domestic=true").text
    assert "only the counted events" in shown


def test_store_events_and_the_analyses_agree(scope_db):
    with open_store(scope_db, read_only=True) as store:
        counted = sorted(e.target.code for e in store.events())
        assert counted == COUNTED
        assert len(store.events(scope=None)) == len(store.events(scope=ALL_EVENTS)) == len(CASES)
        assert store.hidden_events() == HIDDEN and store.hidden_events(scope=None) == {}
        assert len(store.events(scope=EventScope(domestic=True))) == len(COUNTED) + 1
        dyads = analysis.dyads(store, directed=True)
        assert sorted(dyads["target"]) == COUNTED and int(dyads["events"].sum()) == len(COUNTED)


def test_cli_events_lists_the_counted_events_and_notes_the_hidden_ones(scope_db):
    from typer.testing import CliRunner

    from multipolar.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["events", "--db", scope_db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert sorted(line.split(",")[20] for line in result.stdout.strip().splitlines()[1:]) == COUNTED
    assert "6 more event(s) match, hidden: 2 history/future, 2 not asserted" in " ".join(result.stderr.split())
    every = runner.invoke(app, ["events", "--db", scope_db, "--format", "jsonl", "--all"])
    assert len(every.stdout.strip().splitlines()) == len(CASES) and "hidden" not in every.stderr
    history = runner.invoke(app, ["events", "--db", scope_db, "-f", "jsonl", "--timing", "history", "--modality", "any"])
    assert len(history.stdout.strip().splitlines()) == 1 and '"FRA"' in history.stdout
    assert runner.invoke(app, ["events", "--db", scope_db, "--timing", "later"]).exit_code != 0


def test_summary_top_dyads_use_the_counting_rule(scope_db):
    from typer.testing import CliRunner

    from multipolar.cli import app

    result = CliRunner().invoke(app, ["summary", "--db", scope_db], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "events counted by the analyses: 2 of 8" in text
    dyad_rows = [line for line in result.stdout.splitlines() if line.strip().startswith("│ USA")]
    assert sorted(row.split("│")[2].strip() for row in dyad_rows) == COUNTED


def test_uncounted_events_are_tagged_and_the_overview_says_how_many_count(scope_client):
    html = scope_client.get("/events?timing=any&modality=any&domestic=true").text
    assert '<span class="tag timing">history</span>' in html and '<span class="tag timing">future</span>' in html
    assert '<span class="tag">domestic</span>' in html
    counts = scope_client.get("/api/overview").json()["counts"]
    assert counts["events"] == len(CASES) and counts["counted_events"] == len(COUNTED)
    assert f"{len(COUNTED)} counted</a>" in scope_client.get("/").text


def test_paged_search_equals_the_full_query_when_some_events_lie_outside_their_articles_time(tmp_path):
    """The page is first picked from the events alone (no join); it must equal the full query's page."""
    import datetime as dt

    from multipolar.analysis.synthetic import articles_for, random_events
    from multipolar.web.data import Database, EventFilter

    coded = []
    for number, article in enumerate(articles_for(random_events(1200, seed=9, start="2023-01-01", days=300))):
        if number % 3 == 0:  # a third of the articles report acts 600 days older: outside their time, not counted
            old = [dataclasses.replace(e, date=(dt.date.fromisoformat(e.date) - dt.timedelta(days=600)).isoformat())
                   for e in article.events]
            article = dataclasses.replace(article, events=tuple(old))
        coded.append(article)
    path = tmp_path / "window.duckdb"
    with open_store(path) as store:
        store.write(coded)
    db = Database(path)
    try:
        for sort in ("-date", "date", "goldstein", "-plover"):
            filters = EventFilter(sort=sort)
            where, params = filters.where()
            full = db.frame(f"SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id WHERE {where} "
                            f"ORDER BY {filters.order()}", params)["id"].tolist()
            total, hidden = db.event_counts(filters)
            assert total == len(full) and hidden.get("out_of_time", 0) > 100
            for page in (1, 2, 7, total // 50 + 1):
                _, frame = db.search_events(filters, page, 50, count=False)
                assert frame["id"].tolist() == full[(page - 1) * 50: page * 50], (sort, page)
    finally:
        db.close()


def test_the_count_of_counted_events_is_stored_with_the_aggregates(scope_db, tmp_path):
    import shutil

    from multipolar.analysis import aggregates

    path = tmp_path / "copy.duckdb"
    shutil.copy(scope_db, path)
    with open_store(path) as store:
        analysis.refresh_aggregates(store, stability_samples=2)
    with open_store(path, read_only=True) as store:
        aggregates.forget_cached()
        stored = aggregates.stored(store, aggregates.call_key("date_bounds", domestic=False))
        assert stored is not None and int(stored.iloc[0]["events"]) == len(COUNTED)
        assert analysis.counted_events(store) == len(COUNTED)
        assert analysis.counted_events(store, domestic=True) == len(COUNTED) + 1


@pytest.mark.parametrize("database", ["scope_db", "web_db"])
@pytest.mark.parametrize("sort", ["-date", "goldstein", "-source"])
@pytest.mark.parametrize("domestic", [False, True])
def test_a_text_search_in_one_pass_equals_counting_and_paging_apart(request, database, sort, domestic):
    from multipolar.web.data import Database, EventFilter

    db = Database(request.getfixturevalue(database))
    try:
        for text, page in (("a", 1), ("a", 2), ("the", 3), ("nothing-like-this", 1)):
            filters = EventFilter(text=text, sort=sort, scope=EventScope(domestic=domestic))
            total, hidden, frame = db.counted_search(filters, page, 7)
            assert (total, hidden) == db.event_counts(filters)
            _, apart = db.search_events(filters, page, 7, count=False)
            assert frame.equals(apart)
            if text == "a" and page == 1:
                assert total > 0 and len(frame) > 0
    finally:
        db.close()
