"""Known answer: on a world where a few powers dominate the news, the hubs stay in their blocs.

The world (the shape of the 200-country benchmark): two opposed blocs and an unaligned
majority; pairs are drawn by a Zipf-like activity, so the United States takes part in a
third of all events and cooperates with most of the world. Inside a bloc events are
cooperative 85% of the time, across the two blocs 25%, and the unaligned cooperate 65% of
the time with everyone. A hub connected to every bloc must still be found in its own bloc,
and its rival in the other: measured on cooperation alone, the rival's cooperation with the
very active West weighs as much as its cooperation at home.
"""

from __future__ import annotations

import random
from collections import defaultdict

import pandas as pd
import pytest

import multipolar.analysis as analysis
from multipolar.analysis.synthetic import CONFLICTUAL, COOPERATIVE, VERBS
from multipolar.ontology import type_sign

WEST_CORE = ("USA", "GBR", "FRA", "DEU", "JPN", "UKR")
EAST_CORE = ("RUS", "CHN", "IRN", "PRK", "BLR")


def skewed_world(countries: int, events: int, seed: int) -> tuple[pd.DataFrame, dict[str, int]]:
    """Return the undirected signed edges of a drawn world and each actor's true group (0 west, 1 east, 2 unaligned)."""
    rng = random.Random(seed)
    rest = [f"X{i:02d}" for i in range(countries - len(WEST_CORE) - len(EAST_CORE))]
    actors = [*WEST_CORE, *EAST_CORE, *rest]
    group = {a: 0 for a in WEST_CORE} | {a: 1 for a in EAST_CORE}
    for i, code in enumerate(rest):
        group[code] = (0, 1, 2, 2, 2)[i % 5]  # a fifth join each bloc, three fifths stay unaligned
    activity = [1.0 / (rank + 1) ** 1.1 for rank in range(len(actors))]
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0.0, 0.0])
    for _ in range(events):
        source, target = rng.choices(actors, activity, k=2)
        if source == target:
            continue
        same = group[source] == group[target] < 2
        opposed = {group[source], group[target]} == {0, 1}
        cooperative = rng.random() < (0.85 if same else 0.25 if opposed else 0.65)
        plover = rng.choice(COOPERATIVE if cooperative else CONFLICTUAL)
        weight = type_sign(plover) * abs(VERBS[plover][3])
        row = sums[tuple(sorted((source, target)))]
        row[0] += 1
        row[1 if weight > 0 else 2] += 1
        row[3 if weight > 0 else 4] += abs(weight)
    edges = pd.DataFrame(
        [{"source": a, "target": b, "events": n, "cooperation": c, "conflict": k, "positive": p, "negative": q,
          "weight": p - q} for (a, b), (n, c, k, p, q) in sums.items()]
    )
    return edges, group


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_a_hub_tied_to_every_bloc_stays_in_its_bloc_and_its_rival_in_the_other(seed):
    edges, group = skewed_world(countries=120, events=30_000, seed=seed)
    members = analysis.detect_blocs(analysis.build_graph(edges)).set_index("actor")
    bloc = members["bloc"].to_dict()
    assert bloc["USA"] != analysis.UNALIGNED and bloc["RUS"] != analysis.UNALIGNED
    assert bloc["USA"] != bloc["RUS"]
    west = [a for a, g in group.items() if g == 0 and a in bloc]
    east = [a for a, g in group.items() if g == 1 and a in bloc]
    unaligned = [a for a, g in group.items() if g == 2 and a in bloc]
    assert sum(bloc[a] == bloc["USA"] for a in west) >= 0.9 * len(west)
    assert sum(bloc[a] == bloc["RUS"] for a in east) >= 0.9 * len(east)
    assert sum(bloc[a] == analysis.UNALIGNED for a in unaligned) >= 0.75 * len(unaligned)
