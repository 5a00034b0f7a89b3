"""Trading or exchanging fire or blows is mutual use of force, not trade."""

import pytest

import multipolar


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("India and Pakistan traded fire across the border on Sunday.", {"IND", "PAK"}),
        ("Armenia and Azerbaijan traded heavy artillery fire near the disputed region.", {"ARM", "AZE"}),
        ("Greek and Turkish patrol boats exchanged shots in the Aegean on Tuesday.", {"GRC", "TUR"}),
    ],
)
def test_trading_fire_is_a_mutual_assault(sentence, pair):
    coded = multipolar.code(sentence, date="2024-06-07")
    assaults = [e for e in coded.events if e.plover == "ASSAULT"]
    assert {(e.source.country, e.target.country) for e in assaults if e.source and e.target} >= {
        tuple(sorted(pair)), tuple(sorted(pair, reverse=True))
    }
    assert not [e for e in coded.events if e.plover == "COOPERATE"]
