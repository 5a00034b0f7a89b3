"""A small hand-made world with a known answer: two clear blocs and one neutral state."""

from __future__ import annotations

from itertools import combinations

import pytest

from multipolar.analysis.synthetic import SyntheticEvent, write_events
from multipolar.store import open_store

WEST = ("USA", "GBR", "FRA", "DEU")
EAST = ("RUS", "CHN", "IRN", "PRK")
NEUTRAL = "IND"


def known_world() -> list[SyntheticEvent]:
    """Return the hand-made events: cooperation inside each bloc, conflict across, India friendly to both."""
    events: list[SyntheticEvent] = []
    for month in ("2024-01-10", "2024-04-10"):
        for bloc in (WEST, EAST):
            for a, b in combinations(bloc, 2):
                events.append(SyntheticEvent(month, a, b, "COOPERATE"))
                events.append(SyntheticEvent(month, b, a, "AGREE"))
        for a, b in (("USA", "RUS"), ("GBR", "CHN"), ("FRA", "IRN"), ("DEU", "PRK"), ("USA", "CHN")):
            events.append(SyntheticEvent(month, a, b, "SANCTION"))
            events.append(SyntheticEvent(month, b, a, "ACCUSE"))
        for other in ("USA", "FRA", "RUS", "CHN"):
            events.append(SyntheticEvent(month, NEUTRAL, other, "CONSULT"))
    # one assault of Russia on the United States in February, and a denied accord that must not count
    events.append(SyntheticEvent("2024-02-20", "RUS", "USA", "ASSAULT"))
    events.append(SyntheticEvent("2024-02-21", "RUS", "USA", "AGREE", negated=True))
    return sorted(events, key=lambda e: e.date)


@pytest.fixture(scope="session")
def world_db(tmp_path_factory) -> str:
    """Path of a database holding :func:`known_world`."""
    path = tmp_path_factory.mktemp("analysis") / "world.duckdb"
    store = open_store(path)
    write_events(store, known_world(), per_article=3)
    store.close()
    return str(path)


@pytest.fixture()
def world(world_db):
    """The known world opened read-only."""
    store = open_store(world_db, read_only=True)
    yield store
    store.close()
