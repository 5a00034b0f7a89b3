"""Irrealis, time and the domestic flag, each on sentences written for these tests."""

from __future__ import annotations

import pytest

COUNTED = ("asserted", "reported")


def _counted(events):
    return [e for e in events if not e.negated and e.modality in COUNTED]


@pytest.mark.parametrize("sentence", [
    "Chile will keep the crossing with Peru closed until 2047.",
    "Oman set a 2030 target for cooperation with Qatar.",
    "Ghana and Togo plan to sign a border treaty by 2031.",
])
def test_future_years_create_no_asserted_event(code_text, world_actors, sentence):
    events = code_text(sentence, world_actors, date="2026-12-01")
    assert not [e for e in _counted(events) if e.date and e.date > "2026-12-01"[: len(e.date)]]
    assert all(e.timing == "future" or e.modality not in COUNTED for e in events if e.date and e.date[:4] > "2026")


@pytest.mark.parametrize(("sentence", "timing"), [
    ("Chile attacked Peru in 1879.", "history"),
    ("Iraq invaded Iran in 1980.", "history"),
    ("Kenya condemned Benin on Monday.", "current"),
])
def test_timing_against_the_article_date(code_text, world_actors, sentence, timing):
    events = code_text(sentence, world_actors, date="2026-12-01")
    assert events and {e.timing for e in events} == {timing}


@pytest.mark.parametrize(("sentence", "domestic"), [
    ("The Kenyan police arrested students in Mombasa.", True),
    ("Chile condemned Peru on Monday.", False),
    ("Gunmen attacked a bus near Mosul.", True),
])
def test_domestic_flag(code_text, world_actors, sentence, domestic):
    events = code_text(sentence, world_actors, date="2026-12-01")
    assert events and any(e.domestic is domestic for e in events), [(e.source, e.target, e.domestic) for e in events]


def test_domestic_unknown_when_a_side_is_missing(code_text, world_actors):
    events = code_text("Chile praised the reforms on Monday.", world_actors, date="2026-12-01")
    assert all(e.domestic is None for e in events if e.target is None)


@pytest.mark.parametrize("sentence", [
    "Iraq called off its offensive against Iran.",
    "Oman postponed the talks with Qatar.",
    "Ghana cancelled the visit to Togo.",
])
def test_cancelled_events_did_not_happen(code_text, world_actors, sentence):
    events = code_text(sentence, world_actors, date="2026-12-01")
    assert not [e for e in _counted(events) if e.plover in ("ASSAULT", "CONSULT")]


@pytest.mark.parametrize("sentence", [
    "Chile planned talks with Peru for next spring.",
    "Kenya scheduled a visit to Benin.",
    "Oman proposed negotiations with Qatar.",
])
def test_planned_events_are_not_facts(code_text, world_actors, sentence):
    events = code_text(sentence, world_actors, date="2026-12-01")
    assert events and not [e for e in _counted(events) if e.plover == "CONSULT"]


@pytest.mark.parametrize("sentence", [
    "Chile announced it would expel the diplomats of Peru.",
    "Ghana said it would blockade the ports of Togo.",
    "Iraq would attack Iran if the talks failed.",
])
def test_announced_or_conditional_coercion_is_a_threat(code_text, world_actors, sentence):
    events = code_text(sentence, world_actors, date="2026-12-01")
    assert any(e.plover == "THREATEN" for e in events), [(e.plover, e.modality) for e in events]
    assert not _counted([e for e in events if e.plover in ("ASSAULT", "SANCTION", "COERCE")])


@pytest.mark.parametrize("sentence", [
    "Mali agreed to withdraw its troops from Chad.",
    "Spain is prepared to send aid to Italy.",
    "Norway agreed to release the prisoners of Sweden.",
])
def test_agreed_to_and_prepared_to_wrap_the_act(code_text, world_actors, sentence):
    events = code_text(sentence, world_actors, date="2026-12-01")
    assert any(e.plover == "AGREE" for e in events), [(e.plover, e.cameo) for e in events]
    assert not _counted([e for e in events if e.plover in ("RETREAT", "AID")])
