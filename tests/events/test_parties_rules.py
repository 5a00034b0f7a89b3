"""Who did it and to whom in harder sentences: datelines, participles, questions, places and
time clauses. Every sentence is written for these tests."""

from __future__ import annotations

ACTORS = {
    "France": ("FRA", "FRA", "country"),
    "Russia": ("RUS", "RUS", "country"),
    "Ukraine": ("UKR", "UKR", "country"),
    "Iran": ("IRN", "IRN", "country"),
    "Oman": ("OMN", "OMN", "country"),
    "Mali": ("MLI", "MLI", "country"),
    "Yemen": ("YEM", "YEM", "country"),
    "Kenya": ("KEN", "KEN", "country"),
    "Houthi rebels": ("YEMREB", "YEM", "organisation"),
    "Russian troops": ("RUSMIL", "RUS", "organisation"),
    "Lula": ("BRAGOV", "BRA", "person"),
    "Scholz": ("DEUGOV", "DEU", "person"),
    "MOSCOW": (None, "RUS", "place"),
    "Kharkiv": (None, "UKR", "place"),
    "Geneva": (None, "CHE", "place"),
}


def _coded(events):
    return [(e.plover, e.source.code if e.source else None, e.target.code if e.target else None) for e in events
            if not e.negated]


def test_dateline_place_is_not_the_source(code_text):
    events = code_text("MOSCOW, June 3, 2024 (Wire Service) – Russia pulled out of the arms control treaty.", ACTORS)
    # leaving a treaty is PLOVER SANCTION (withdraw from a group or agreement), not a military retreat
    assert ("SANCTION", "RUS", None) in _coded(events)
    assert all(e.source is None or e.source.text != "MOSCOW" for e in events)


def test_reduced_passive_participle_acts_on_the_noun_it_belongs_to(code_text):
    events = code_text("Invited to the summit in Geneva, Lula declined to comment.", ACTORS)
    invites = [e for e in events if e.cameo == "036"]
    assert invites and all(e.source is None for e in invites)
    assert all(e.target.code == "BRAGOV" for e in invites if e.target)


def test_asking_a_question_is_not_an_appeal(code_text):
    assert not [e for e in code_text("Reporters asked Scholz whether France would send more tanks.", ACTORS)
                if e.plover == "REQUEST"]
    assert ("REQUEST", "FRA", "MLI") in _coded(code_text("France asked Mali to hold elections in May.", ACTORS))


def test_talks_named_as_the_subject_of_a_passive(code_text):
    coded = _coded(code_text("Talks between Iran and Oman were held in Geneva last week.", ACTORS))
    assert ("CONSULT", "IRN", "OMN") in coded and ("CONSULT", "OMN", "IRN") in coded
    # a venue is not a party: talks held in Geneva are not talks with Switzerland
    assert not any(target == "CHE" for _, _, target in _coded(code_text("Talks were held in Geneva.", ACTORS)))


def test_place_in_the_subject_is_not_the_target(code_text):
    coded = _coded(code_text("Houthi rebels in Yemen have attacked dozens of cargo ships.", ACTORS))
    assert ("ASSAULT", "YEMREB", None) in coded
    assert ("ASSAULT", "YEMREB", "YEM") not in coded


def test_place_only_target_takes_the_country_code(code_text):
    events = code_text("Russian troops launched a new assault into Kharkiv on Friday.", ACTORS)
    assert ("ASSAULT", "RUSMIL", "UKR") in _coded(events)


def test_time_clause_holds_no_target(code_text):
    coded = _coded(code_text("The sanctions were agreed days after Russian troops entered the town.", ACTORS))
    assert not any(target == "RUSMIL" for plover, _, target in coded if plover == "AGREE")


def test_pressure_to_act_is_a_demand(code_text):
    assert ("REQUEST", "FRA", "MLI") in _coded(code_text("France pressured Mali to hold elections this year.", ACTORS))
    assert ("REQUEST", "FRA", "KEN") in _coded(code_text("France put pressure on Kenya over the new law.", ACTORS))


def test_accusation_targets_who_did_the_deed(code_text):
    actors = {**ACTORS, "Kenyan civilians": ("KENCVL", "KEN", "organisation")}
    coded = _coded(code_text("France condemned the killing of Kenyan civilians by Russian troops.", actors))
    assert ("ACCUSE", "FRA", "RUSMIL") in coded and ("ACCUSE", "FRA", "KENCVL") not in coded
    coded = _coded(code_text("Ukraine opened an inquiry into the shelling of Kharkiv by Russian troops.", actors))
    assert ("ACCUSE", "UKR", "RUSMIL") in coded


def test_acts_inside_a_demand_or_refusal_did_not_happen(code_text):
    actors = {**ACTORS, "Taiwan": ("TWN", "TWN", "country")}
    coded = _coded(code_text("Iran demanded that France cancel plans to sell fighter jets to Taiwan.", actors))
    assert ("REQUEST", "IRN", "FRA") in coded
    assert not any(plover in ("AID", "AGREE") for plover, _, _ in coded)
    coded = _coded(code_text("Mali refused to let French planes land and evacuate the wounded.", actors))
    assert not any(plover == "AID" for plover, _, _ in coded)


def test_a_month_after_in_is_no_place(code_text):
    events = code_text("Kenya arrested the suspects named in the warrant issued in March.", ACTORS)
    assert events and all(e.location is None for e in events)
    assert all(e.target is None or e.target.country != "GBR" for e in events)  # March is also an English town


def test_alleged_act_hung_on_the_accused_is_not_coded(code_text):
    coded = _coded(code_text('Iran accused France of "smearing and attacking Mali".', ACTORS))
    assert ("ACCUSE", "IRN", "FRA") in coded
    assert not any(plover == "ASSAULT" for plover, _, _ in coded)


def test_name_the_parser_took_for_an_adverb_is_the_subject(code_text):
    actors = {**ACTORS, "President Ali Keita": ("MLIGOV", "MLI", "person")}
    coded = _coded(code_text("President Ali Keita on Monday shortened by two hours the nightly curfew in Mali.", actors))
    assert any(plover == "CONCEDE" and source == "MLIGOV" for plover, source, _ in coded), coded
