"""Done-when checks on the canonical seed article (Putin and Xi in Beijing, May 2024)."""

from __future__ import annotations

import pytest


def _country(actor) -> str | None:
    return (actor.country or (actor.code or "")[:3]) if actor is not None else None


def _between(events, plover: str, a: str, b: str):
    return [e for e in events if e.plover == plover and {_country(e.source), _country(e.target)} == {a, b}]


@pytest.fixture(scope="module")
def events(seed_coded_dated):
    return [e for e in seed_coded_dated.events if not e.negated]


def test_joint_statement_is_agree_057_between_russia_and_china(events):
    agree = [e for e in _between(events, "AGREE", "RUS", "CHN") if e.cameo == "057"]
    assert agree, [(e.plover, e.cameo, e.trigger) for e in events]
    assert any("statement" in e.trigger for e in agree)
    assert {_country(e.source) for e in agree} == {"RUS", "CHN"}  # both signed: both directions


def test_talks_are_consult_between_russia_and_china(events):
    consult = _between(events, "CONSULT", "RUS", "CHN")
    assert any("talks" in e.trigger for e in consult)


def test_kharkiv_incursion_is_assault_by_russia_on_ukraine_dated_last_friday(events):
    assault = [e for e in events if e.plover == "ASSAULT" and _country(e.source) == "RUS" and _country(e.target) == "UKR"]
    kharkiv = [e for e in assault if e.location is not None and e.location.name == "Kharkiv"]
    assert kharkiv, [(e.trigger, e.location) for e in assault]
    event = kharkiv[0]
    assert event.date == "2024-05-10"
    assert event.location.country == "UKR"
    assert event.location.latitude == pytest.approx(49.98, abs=0.1)
    assert event.cameo.startswith("19")
    assert "incursion" in event.trigger


def test_zelenskyy_demand_is_request_by_ukraine(events):
    requests = [e for e in events if e.plover == "REQUEST" and _country(e.source) == "UKR"]
    assert requests
    assert any(e.cameo in ("106", "1056") for e in requests)
    assert all(e.modality == "demanded" for e in requests)


def test_backing_chinas_proposal_is_support_by_russia_for_china(events):
    support = [e for e in events if e.plover == "SUPPORT" and _country(e.source) == "RUS" and _country(e.target) == "CHN"]
    assert any("backed" in e.trigger for e in support)


def test_open_to_dialogue_is_an_intent_not_a_meeting(seed_coded_dated):
    sentence = next(s for s in seed_coded_dated.sentences if "open to a dialogue" in s.text)
    here = [e for e in seed_coded_dated.events if e.sentence_index == sentence.index]
    intents = [e for e in here if "open" in e.trigger]
    assert intents and all(e.plover == "AGREE" and e.cameo.startswith("03") for e in intents)
    assert all(e.modality == "intended" for e in intents)
    assert _country(intents[0].source) == "RUS"  # the quotation's speaker, Mr Putin
    assert not [e for e in here if e.plover == "CONSULT"]


def test_no_event_from_the_junk_after_the_article(seed_coded_dated):
    junk = ("IPOB", "DHQ", "ACF", "Cookies", "Related posts")
    assert not [e for e in seed_coded_dated.events if any(word in e.sentence for word in junk)]


def test_every_event_is_explained(seed_coded_dated):
    text = seed_coded_dated.article.text
    for event in seed_coded_dated.events:
        assert event.rule and event.sentence
        assert text[event.trigger_start : event.trigger_end] == event.trigger
        for actor in (event.source, event.target):
            if actor is not None and actor.start is not None:
                assert text[actor.start : actor.end] == actor.text
