"""Which events the analyses count, their signs, and periods with too few events (known answers)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import multipolar.analysis as analysis
from multipolar import ontology
from multipolar.analysis.synthetic import SyntheticEvent, coded_article
from multipolar.store import open_store

#: The sign every PLOVER type must have in every analysis (PLOVER manual, quad categories).
EXPECTED_SIGN = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 1, "AID": 1, "RETREAT": 1,
    "REQUEST": -1, "ACCUSE": -1, "REJECT": -1, "THREATEN": -1,
    "PROTEST": -1, "SANCTION": -1, "MOBILIZE": -1, "COERCE": -1, "ASSAULT": -1,
}

TARGETS = ("GBR", "FRA", "DEU", "JPN", "RUS", "CHN", "IRN", "PRK", "BLR", "IND", "BRA", "ZAF", "TUR", "SAU",
           "UKR", "IGOUNO")


def _write(path, articles):
    with open_store(path) as store:
        store.write(articles)
    return open_store(path, read_only=True)


def _article(number: int, date: str, changes: list[dict], source: str = "USA", targets=TARGETS):
    """Return a synthetic article whose i-th event (USA -> targets[i]) gets the fields ``changes[i]``."""
    coded = coded_article(number, [SyntheticEvent(date, source, targets[i], "AID") for i in range(len(changes))])
    events = tuple(dataclasses.replace(event, **change) for event, change in zip(coded.events, changes, strict=True))
    return dataclasses.replace(coded, events=events)


def _code(plover: str) -> dict:
    cameo = ontology.default_cameo(plover)
    return {"plover": plover, "cameo": cameo, "goldstein": ontology.goldstein(cameo)}


def test_every_plover_type_has_its_sign_in_dyads(tmp_path):
    types = list(EXPECTED_SIGN)
    store = _write(tmp_path / "signs.duckdb", [_article(1, "2024-03-01", [_code(t) for t in types])])
    with store:
        table = analysis.dyads(store, directed=True).set_index("target")
    for target, plover in zip(TARGETS, types, strict=True):
        row = table.loc[target]
        sign = EXPECTED_SIGN[plover]
        assert (row["weight"] > 0) == (sign > 0) and row["weight"] != 0, plover
        assert (row["cooperation"], row["conflict"]) == ((1, 0) if sign > 0 else (0, 1)), plover
        assert ontology.type_sign(plover) == sign == analysis.plover_classes()[plover].sign


def test_a_demand_counts_as_conflict_with_its_goldstein_size(tmp_path):
    """CAMEO 106 (demand a meeting, Goldstein -5) and 020 (appeal, +3) are both REQUEST: verbal conflict."""
    demand = {"plover": "REQUEST", "cameo": "106", "goldstein": -5.0}
    appeal = {"plover": "REQUEST", "cameo": "020", "goldstein": 3.0}
    store = _write(tmp_path / "demand.duckdb", [_article(1, "2024-03-01", [demand, appeal])])
    with store:
        table = analysis.dyads(store).set_index("target")
        graph = analysis.relation_network(store)
    assert table.loc["GBR", "weight"] == -5.0 and table.loc["GBR", "conflict"] == 1
    assert table.loc["GBR", "cooperation_weight"] == 0.0
    assert table.loc["FRA", "weight"] == -3.0 and table.loc["FRA", "conflict"] == 1
    assert graph["USA"]["GBR"]["negative"] == 5.0 and graph["USA"]["GBR"]["positive"] == 0.0
    assert ontology.signed_weight("REQUEST", -5.0) == -5.0


def test_only_asserted_current_international_events_with_sane_dates_count(tmp_path):
    kept = _code("COOPERATE")
    changes = [
        kept,                                     # GBR: counted
        {**kept, "negated": True},                # FRA: negated
        {**kept, "modality": "future"},           # DEU: a plan
        {**kept, "modality": "conditional"},      # JPN: a condition
        {**kept, "timing": "history"},            # RUS: background history
        {**kept, "timing": "future"},             # CHN: forecast
        {**kept, "date": "1938-09-30"},           # IRN: impossible for this article
        {**kept, "date": "2047-01-01"},           # PRK: after the article
    ]
    store = _write(tmp_path / "counted.duckdb", [_article(1, "2024-03-01", changes)])
    with store:
        table = analysis.dyads(store)
        assert list(table["target"]) == ["GBR"]
        assert analysis.date_bounds(store) == (dt.date(2024, 3, 1), dt.date(2024, 3, 1))
        years = analysis.polarity(store, freq="year", min_period_events=1)
        assert [p.year for p in years["period"]] == [2024]
        from multipolar.store import export_tables

    with open_store(tmp_path / "counted.duckdb") as store:
        (out,) = export_tables(store, tmp_path / "out", "csv", ["gdelt"])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and ",GBR," in lines[1] and "1938" not in out.read_text(encoding="utf-8")


def test_domestic_events_are_left_out_unless_asked(tmp_path):
    home = {**_code("ACCUSE"), "domestic": True}
    coded = _article(1, "2024-03-01", [_code("AID"), home], targets=("GBR", "USA"))
    store = _write(tmp_path / "domestic.duckdb", [coded])
    with store:
        assert list(analysis.dyads(store)["target"]) == ["GBR"]
        both = analysis.dyads(store, domestic=True, directed=True)
        assert sorted(zip(both["source"], both["target"], strict=True)) == [("USA", "GBR"), ("USA", "USA")]
        assert analysis.actor_summary(store, "USA")["events"].iloc[0] == 1
        assert analysis.actor_summary(store, "USA", domestic=True)["events"].iloc[0] == 2
        assert not analysis.relation_network(store, domestic=True).has_edge("USA", "USA")


def test_a_period_with_too_few_events_gets_no_measures(tmp_path):
    """Known answer: 6 events in the first quarter, 2 in the second, none in the third, 6 in the fourth."""
    six = [_code("COOPERATE")] * 3 + [_code("ASSAULT")] * 3
    articles = [
        _article(1, "2024-01-15", six),
        _article(2, "2024-05-15", [_code("AID"), _code("AID")]),
        _article(3, "2024-11-15", six),
    ]
    store = _write(tmp_path / "few.duckdb", articles)
    with store:
        table = analysis.polarity(store, freq="quarter", min_period_events=5)
        assert [p.isoformat() for p in table["period"]] == ["2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"]
        assert list(table["events"]) == [6, 2, 0, 6]
        assert list(table["status"]) == ["ok", analysis.TOO_FEW_EVENTS, analysis.TOO_FEW_EVENTS, "ok"]
        assert table["poles"].iloc[0] > 1.0 and table["poles"].iloc[1:3].isna().all()
        lenient = analysis.polarity(store, freq="quarter", min_period_events=1)
        assert lenient["poles"].iloc[1] > 0
        series = analysis.actor_series(store, "USA", freq="quarter", min_period_events=5)
        assert list(series["too_few"]) == [False, True, True, False]


def test_bootstrap_reports_stability_and_a_poles_interval(world):
    members = analysis.bloc_stability(world, samples=12)
    stable = members.set_index("actor")
    assert stable.loc["USA", "stability"] >= 0.8 and stable.loc["RUS", "stability"] >= 0.8
    poles = analysis.poles_interval(world, samples=12).iloc[0]
    assert poles["poles_low"] <= poles["poles"] <= poles["poles_high"]


def test_great_powers_stay_in_the_bloc_they_cooperate_with_most():
    """A hub cooperating with everyone but most with one group leads that group, it is not unaligned."""
    import networkx as nx

    graph = nx.Graph()
    west, east, others = ("GBR", "FRA", "DEU"), ("CHN", "IRN", "BLR"), ("IND", "BRA", "ZAF", "TUR", "SAU")

    def tie(a, b, positive, negative=0.0):
        graph.add_edge(a, b, events=1, cooperation=1, conflict=0, positive=positive, negative=negative,
                       weight=positive - negative)

    for group in (west, east):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                tie(a, b, 10.0)
    for a in west:
        tie("USA", a, 10.0)
    for a in east:
        tie("RUS", a, 10.0)
    for a in others:  # both powers court the rest of the world, together more than their own bloc
        tie("USA", a, 5.0)
        tie("RUS", a, 5.0)
    tie("USA", "RUS", 0.0, 30.0)
    for node in graph.nodes:
        graph.nodes[node]["events"] = 1
    members = analysis.detect_blocs(graph).set_index("actor")
    assert members.loc["USA", "bloc"] != analysis.UNALIGNED
    assert members.loc["RUS", "bloc"] != analysis.UNALIGNED
    assert members.loc["USA", "bloc"] == members.loc["GBR", "bloc"] != members.loc["RUS", "bloc"]


@pytest.mark.parametrize("freq", ["month", "quarter"])
def test_stored_aggregates_give_the_live_answer(tmp_path, freq):
    from multipolar.analysis import aggregates
    from multipolar.analysis.synthetic import random_events, write_events

    path = tmp_path / "agg.duckdb"
    with open_store(path) as store:
        write_events(store, random_events(1500, seed=5, start="2023-01-01", days=400))
    with open_store(path, read_only=True) as store:
        aggregates.forget_cached()
        live = analysis.polarity(store, "2023-02-10", "2023-11-20", freq=freq)
        live_edges = analysis.relation_edges(store, "2023-02-10", "2023-11-20", freq=freq)
    with open_store(path) as store:
        written = analysis.refresh_aggregates(store, stability_samples=3)
        assert written
    with open_store(path, read_only=True) as store:
        aggregates.forget_cached()
        assert aggregates.stored(store, aggregates.call_key("date_bounds", domestic=False)) is not None
        again = analysis.polarity(store, "2023-02-10", "2023-11-20", freq=freq)
        edges = analysis.relation_edges(store, "2023-02-10", "2023-11-20", freq=freq)
    assert list(again["period"]) == list(live["period"])
    assert list(again["poles"].fillna(-1)) == list(live["poles"].fillna(-1))
    key = ["period", "source", "target"]
    assert edges.sort_values(key, ignore_index=True).equals(live_edges.sort_values(key, ignore_index=True))


def test_refresh_command_stores_the_aggregates(world_db, tmp_path):
    import shutil

    from typer.testing import CliRunner

    from multipolar.analysis import aggregates
    from multipolar.cli import app

    path = tmp_path / "copy.duckdb"
    shutil.copy(world_db, path)
    result = CliRunner().invoke(app, ["refresh", "--db", str(path), "--stability", "3"])
    assert result.exit_code == 0, result.output
    assert "stored" in result.stdout
    with open_store(path, read_only=True) as store:
        aggregates.forget_cached()
        key = aggregates.call_key("blocs", since=None, until=None, min_events=1, domestic=False, options={})
        stored = aggregates.stored(store, key)
        assert stored is not None and set(stored["actor"]) >= {"USA", "RUS"}


def test_no_bloc_is_left_without_ties_inside_it():
    """When a hub turns out unaligned, the actors tied only to it do not stay behind as a 'bloc'."""
    import networkx as nx

    graph = nx.Graph()

    def tie(a, b, positive):
        graph.add_edge(a, b, events=1, cooperation=1, conflict=0, positive=positive, negative=0.0, weight=positive)

    west, east = ("GBR", "FRA", "DEU"), ("CHN", "IRN", "BLR")
    for group in (west, east):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                tie(a, b, 10.0)
    for member in (*west, *east):
        tie("UKR", member, 4.0)  # the hub courts both groups alike
    for leaf in ("IGOIMF", "IGOG07", "POL"):
        tie("UKR", leaf, 3.0)  # actors tied only to the hub
    for node in graph.nodes:
        graph.nodes[node]["events"] = 1
    members = analysis.detect_blocs(graph)
    summary = analysis.bloc_summary(members, graph)
    aligned = summary[summary["bloc"] != analysis.UNALIGNED]
    assert (aligned["positive"] > 0).all()
    bloc_of = dict(zip(members["actor"], members["bloc"], strict=True))
    assert bloc_of["GBR"] == bloc_of["FRA"] != analysis.UNALIGNED
