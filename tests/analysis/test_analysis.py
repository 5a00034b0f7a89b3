"""The analysis on a hand-made world whose answer is known (see conftest.known_world)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pytest

import multipolar.analysis as analysis
from multipolar.errors import MultipolarError

from .conftest import EAST, NEUTRAL, WEST


def test_two_blocs_and_one_neutral_state(world):
    members = analysis.blocs(world)
    bloc_of = dict(zip(members["actor"], members["bloc"], strict=True))
    assert {bloc_of[a] for a in WEST} == {bloc_of["USA"]}
    assert {bloc_of[a] for a in EAST} == {bloc_of["RUS"]}
    assert bloc_of["USA"] != bloc_of["RUS"]
    assert analysis.UNALIGNED not in (bloc_of["USA"], bloc_of["RUS"])
    assert bloc_of[NEUTRAL] == analysis.UNALIGNED
    india = members.set_index("actor").loc[NEUTRAL]
    assert india["alignment"] == pytest.approx(0.5)


def test_bloc_summary_and_cohesion(world):
    graph = analysis.relation_network(world)
    members = analysis.detect_blocs(graph)
    summary = analysis.bloc_summary(members, graph).set_index("bloc")
    aligned = summary.drop(index=analysis.UNALIGNED)
    assert sorted(len(m) for m in aligned["members"]) == [4, 4]
    assert list(aligned["cohesion"]) == [1.0, 1.0]
    cohesion = analysis.bloc_cohesion(world, members, freq="quarter")
    assert len(cohesion) == 4  # two blocs x two quarters
    assert set(cohesion["cohesion"]) == {1.0}
    assert set(cohesion["density"]) == {1.0}


def test_signed_network_weights(world):
    graph = analysis.relation_network(world)
    assert graph["USA"]["RUS"]["weight"] < 0
    assert graph["USA"]["GBR"]["weight"] > 0
    # USA-RUS: two sanctions (-8), two accusations (-2), one assault (-10); the negated accord is not counted
    assert graph["USA"]["RUS"]["negative"] == pytest.approx(30.0)
    assert graph["USA"]["RUS"]["events"] == 5
    assert not graph.has_edge("USA", "IRN")


def test_polarity_counts_two_poles_plus_the_neutral(world):
    table = analysis.polarity(world, freq=None)
    row = table.iloc[0]
    assert row["blocs"] == 2 and row["unaligned"] == 1
    # two blocs of equal strength and a small neutral: just above two effective poles
    assert 2.0 < row["poles"] < 2.2
    assert row["balance"] > 0.95
    assert row["within_share"] + row["across_share"] == pytest.approx(1.0)
    by_quarter = analysis.polarity(world, freq="quarter")
    assert [p.isoformat() for p in by_quarter["period"]] == ["2024-01-01", "2024-04-01"]


def test_polarity_sensitivity_has_a_row_per_period_length(world):
    table = analysis.polarity_sensitivity(world, freqs=("month", "quarter", "year"))
    assert list(table["freq"]) == ["month", "quarter", "year"]
    # months January to April: February (one assault) and March (nothing) have too few events
    assert list(table["periods"]) == [2, 2, 1]


def test_directed_and_undirected_dyads(world):
    directed = analysis.dyads(world, actor="USA", partner="RUS").set_index(["source", "target"])
    assert directed.loc[("USA", "RUS"), "events"] == 2
    assert directed.loc[("RUS", "USA"), "events"] == 3
    undirected = analysis.dyads(world, directed=False, actor="USA", partner="RUS")
    assert len(undirected) == 1 and undirected.iloc[0]["events"] == 5
    assert undirected.iloc[0]["conflict"] == 5 and undirected.iloc[0]["cooperation"] == 0
    assert undirected.iloc[0]["goldstein_sum"] == pytest.approx(-30.0)
    assert undirected.iloc[0]["goldstein_mean"] == pytest.approx(-6.0)


def test_dyads_by_type_and_period(world):
    by_type = analysis.dyads(world, directed=False, actor="USA", partner="RUS", by="plover")
    assert dict(zip(by_type["category"], by_type["events"], strict=True)) == {"SANCTION": 2, "ACCUSE": 2, "ASSAULT": 1}
    by_root = analysis.dyads(world, directed=False, actor="USA", partner="RUS", by="cameo_root")
    assert dict(zip(by_root["category"], by_root["events"], strict=True)) == {"16": 2, "11": 2, "19": 1}
    series = analysis.dyad_series(world, "USA", "RUS", freq="month")
    assert [p.isoformat() for p in series["period"]] == ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]
    assert list(series["events"]) == [2, 1, 0, 2]
    weekly = analysis.dyads(world, directed=False, freq="week", actor="USA", partner="RUS")
    assert all(p.weekday() == 0 for p in weekly["period"])


def test_actor_profile(world):
    summary = analysis.actor_summary(world, "USA").iloc[0]
    assert summary["events"] == 23 and summary["world_events"] == 77
    assert summary["share"] == pytest.approx(23 / 77, abs=1e-4)
    assert set(analysis.partners(world, "USA")["partner"]) == {"GBR", "FRA", "DEU", "IND"}
    assert list(analysis.adversaries(world, "USA")["partner"]) == ["RUS", "CHN"]
    quotes = analysis.actor_quotes(world, "USA")
    assert len(quotes) > 0 and all("keep a close watch" in t for t in quotes["text"])
    assert analysis.actors_table(world).iloc[0]["actor"] == "USA"


def test_period_filters(world):
    first_quarter = analysis.dyads(world, since="2024-01-01", until=dt.date(2024, 3, 31), directed=False)
    assert first_quarter["events"].sum() == 39
    assert analysis.dyads(world, since="2030-01-01").empty
    assert analysis.polarity(world, since="2030-01-01").empty


def test_bad_period_and_date_are_coded_errors(world):
    with pytest.raises(MultipolarError, match="E601"):
        analysis.dyads(world, freq="fortnight")
    with pytest.raises(MultipolarError, match="E602"):
        analysis.dyads(world, since="last tuesday")


def test_frames_convert_to_arrow(world):
    table = analysis.to_arrow(analysis.dyads(world, freq="month", directed=False))
    assert isinstance(table, pa.Table) and table.num_rows > 0


def test_layout_is_normalised(world):
    positions = analysis.layout(analysis.relation_network(world))
    assert set(positions) == set(WEST) | set(EAST) | {NEUTRAL}
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in positions.values())


def test_a_window_layout_starts_from_the_whole_range_map(world):
    mirrored = {node: (1.0 - x, y) for node, (x, y) in analysis.layout(analysis.relation_network(world)).items()}
    whole = mirrored  # a map of the whole range unlike the window's own layout from random positions
    window = analysis.relation_network(world, since="2024-01-01", until="2024-03-31")
    warm = analysis.layout(window, start=whole)
    assert warm == analysis.layout(window, start=whole)  # deterministic
    assert set(warm) == set(window.nodes) and all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in warm.values())
    cold = analysis.layout(window)

    def distance(positions):
        return sum(abs(positions[n][0] - whole[n][0]) + abs(positions[n][1] - whole[n][1]) for n in window.nodes)

    assert distance(warm) < distance(cold)  # the window keeps the whole range's map
    assert analysis.layout(window, start={"ZZZ": (0.2, 0.3)}) != cold  # unknown start actors are ignored


def test_weights_fall_back_to_the_type_default_and_unknown_types_are_neutral(tmp_path):
    """An event without a Goldstein score weighs its type's default; an unknown type weighs nothing."""
    import dataclasses

    from multipolar.analysis.synthetic import SyntheticEvent, coded_article
    from multipolar.store import open_store

    coded = coded_article(1, [SyntheticEvent("2024-05-01", "USA", "GBR", "AID"),
                              SyntheticEvent("2024-05-01", "USA", "FRA", "AID"),
                              SyntheticEvent("2024-05-01", "USA", "DEU", "AID")])
    no_score = dataclasses.replace(coded.events[0], goldstein=None)
    unknown_negative = dataclasses.replace(coded.events[1], plover="SOMETHING_NEW", goldstein=-3.0)
    unknown_unscored = dataclasses.replace(coded.events[2], plover="SOMETHING_NEW", goldstein=None)
    coded = dataclasses.replace(coded, events=(no_score, unknown_negative, unknown_unscored))
    path = tmp_path / "fallback.duckdb"
    with open_store(path) as store:
        store.write([coded])
    with open_store(path, read_only=True) as store:
        table = analysis.dyads(store).set_index("target")
    assert table.loc["GBR", "weight"] == analysis.plover_classes()["AID"].default_weight
    assert table.loc["GBR", "cooperation"] == 1 and pd.isna(table.loc["GBR", "goldstein_mean"])
    assert table.loc["FRA", "weight"] == 0.0 and table.loc["FRA", "neutral"] == 1
    assert table.loc["DEU", "weight"] == 0.0 and table.loc["DEU", "neutral"] == 1


def test_combine_equals_querying_again(world):
    from multipolar.analysis.dyads import combine

    detail = analysis.dyads(world, freq="month", directed=True, by="plover")
    again = analysis.dyads(world, directed=True)
    summed = combine(detail, ["source", "target"])
    merged = summed.merge(again, on=["source", "target"], suffixes=("", "_q"))
    assert len(merged) == len(again) == len(summed)
    for column in ("events", "cooperation", "conflict", "scored", "goldstein_sum", "goldstein_mean", "weight"):
        assert (merged[column] - merged[f"{column}_q"]).abs().max() < 1e-6, column
