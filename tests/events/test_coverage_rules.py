"""Rules that give an event both its sides: names joined inside titles, coordinated pairs
referred back to. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

PEOPLE = {
    "US President Donald Trump": ("USAGOV", "USA", "person"),
    "Russian President Vladimir Putin": ("RUSGOV", "RUS", "person"),
    "Ukrainian President Volodymyr Zelenskyy": ("UKRGOV", "UKR", "person"),
    "Belarusian President Alexander Lukashenko": ("BLRGOV", "BLR", "person"),
}


def _pairs(events):
    return {(e.source.code, e.target.code) for e in events if e.source and e.target and not e.negated}


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("US President Donald Trump and Russian President Vladimir Putin met for talks in Helsinki.", "USAGOV", "RUSGOV"),
        ("US President Donald Trump and Ukrainian President Volodymyr Zelenskyy signed a minerals accord in Washington.",
         "USAGOV", "UKRGOV"),
        ("Belarusian President Alexander Lukashenko and Russian President Vladimir Putin agreed to deepen military "
         "cooperation.", "BLRGOV", "RUSGOV"),
    ],
)
def test_titled_names_joined_act_together(code_text, text, first, second):
    events = code_text(text, PEOPLE)
    pairs = _pairs(events)
    assert (first, second) in pairs and (second, first) in pairs
    assert any("events.source:titled_names_joined" in e.rule for e in events)


def test_a_single_titled_subject_is_not_split(code_text):
    events = code_text("Russian President Vladimir Putin met US President Donald Trump in Helsinki.", PEOPLE)
    assert not any("titled_names_joined" in e.rule for e in events)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Peru and Chile resumed border talks in May. Both countries signed a fishing accord on Friday.", {"PER", "CHL"}),
        ("Ghana and Togo exchanged fire along their frontier. Both sides accused the other of starting the clash.",
         {"GHA", "TGO"}),
        ("Mali and Niger expelled each other's envoys last week. The two countries agreed to restore ties on Monday.",
         {"MLI", "NER"}),
    ],
)
def test_a_plural_reference_reaches_both_countries_it_refers_to(text, pair):
    import multipolar

    coded = multipolar.code(text, date="2024-05-16")
    second = [e for e in coded.events if e.sentence_index == 1 and e.source and e.target and not e.negated]
    countries = {(e.source.country, e.target.country) for e in second}
    first, other = sorted(pair)
    assert (first, other) in countries and (other, first) in countries, [(e.plover, e.rule) for e in coded.events]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("The presidents of Chile and Argentina signed a memorandum on Tuesday.", {"CHL", "ARG"}),
        ("The foreign ministers of Kenya and Uganda held talks in Kampala.", {"KEN", "UGA"}),
        ("The leaders of Ghana, Togo and Benin met in Lome.", {"GHA", "TGO"}),
    ],
)
def test_names_coordinated_inside_a_mention_all_act(text, pair):
    import multipolar

    coded = multipolar.code(text, date="2024-05-16")
    countries = {(e.source.country, e.target.country) for e in coded.events if e.source and e.target}
    first, other = sorted(pair)
    assert (first, other) in countries and (other, first) in countries, [(e.plover, e.rule) for e in coded.events]


def test_a_named_victim_of_the_toll_keeps_its_own_target(code_text, world_actors):
    events = code_text("Chile bombed Peru on Sunday, killing Ghana's envoy.", world_actors)
    kills = [e for e in events if e.trigger == "killing"]
    assert kills and all(e.target is not None and e.target.code == "GHA" for e in kills)
    assert not any("victims_of_the_attack" in e.rule for e in kills)
