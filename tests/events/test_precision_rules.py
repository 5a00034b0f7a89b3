"""Precision rules: unrealised, habitual and background acts, each on sentences written for these tests."""

from __future__ import annotations

COUNTRIES = {
    "France": ("FRA", "FRA", "country"),
    "Russia": ("RUS", "RUS", "country"),
    "Ukraine": ("UKR", "UKR", "country"),
    "Chile": ("CHL", "CHL", "country"),
    "Peru": ("PER", "PER", "country"),
    "Egypt": ("EGY", "EGY", "country"),
    "Kenya": ("KEN", "KEN", "country"),
    "Norway": ("NOR", "NOR", "country"),
    "Iran": ("IRN", "IRN", "country"),
}


def _asserted(events, plover=None):
    """Return the (type, source, target) of the events reported as having happened."""
    return {
        (e.plover, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
        if not e.negated and e.modality == "asserted" and (plover is None or e.plover == plover)
    }


def test_a_year_named_alone_dates_a_background_event(code_text):
    events = code_text("Militants raided the France consulate in Kenya in 2011, officials recalled.", COUNTRIES)
    raids = [e for e in events if e.plover == "ASSAULT"]
    assert raids and all(e.date == "2011" for e in raids)


def test_a_month_and_year_date_a_background_event(code_text):
    events = code_text("Egypt detained the Kenya journalist in October 2021.", COUNTRIES)
    detentions = [e for e in events if e.plover == "COERCE"]
    assert detentions and detentions[0].date == "2021-10"


def test_a_year_that_names_the_object_does_not_date_the_act(code_text):
    events = code_text("Norway pulled out of the 2019 fisheries pact with Chile.", COUNTRIES)
    assert events and all(e.date == "2024-05-16" for e in events)


def test_failing_to_agree_is_no_agreement(code_text):
    events = code_text("Chile and Peru failed to agree on a truce at the summit.", COUNTRIES)
    assert not _asserted(events, "AGREE")
    assert all(e.negated for e in events if e.plover == "AGREE")


def test_a_denied_intent_to_attack_is_no_threat(code_text):
    events = code_text("Norway had not intended to strike the Iran vessel.", COUNTRIES)
    threats = [e for e in events if e.plover in ("THREATEN", "ASSAULT")]
    assert threats and all(e.negated and e.modality == "denied" for e in threats)


def test_waiting_for_a_ratification_is_no_ratification(code_text):
    events = code_text("Norway is still waiting for Peru to ratify the fisheries treaty.", COUNTRIES)
    assert not _asserted(events)
    assert any(e.source and e.source.country == "PER" and e.modality == "future" for e in events)


def test_an_act_that_is_due_is_future(code_text):
    events = code_text("Iran was due to free the France hostages next week.", COUNTRIES)
    assert not _asserted(events)
    assert any(e.modality == "future" for e in events)


def test_a_habit_told_as_background_is_no_event(code_text):
    events = code_text("Egypt and Kenya, which have frequently exchanged insults over water, met in Nairobi.", COUNTRIES)
    assert "ACCUSE" not in {e.plover for e in events}


def test_a_habit_reported_as_the_news_stays_coded(code_text):
    events = code_text("Iran routinely detained France aid workers last year.", COUNTRIES)
    assert ("COERCE", "IRN", "FRA") in _asserted(events)


def test_naming_an_ongoing_war_is_no_new_attack(code_text):
    events = code_text("Russia's invasion of Ukraine dominated the talks between France and Norway.", COUNTRIES)
    assert "ASSAULT" not in {e.plover for e in events}


def test_a_war_that_a_verb_launches_is_coded(code_text):
    events = code_text("Russia started a war against Ukraine.", COUNTRIES)
    assert ("ASSAULT", "RUS", "UKR") in _asserted(events)


def test_the_subject_before_a_time_phrase_is_the_source_of_a_withdrawal(code_text):
    events = code_text("Peru on Thursday withdrew from the fisheries pact.", COUNTRIES)
    retreats = [e for e in events if e.plover == "SANCTION"]  # leaving a pact: PLOVER SANCTION withdraw
    assert retreats
    assert all(e.source is not None and e.source.country == "PER" for e in retreats)
    assert all(e.target is None or e.target.country != "PER" for e in retreats)
