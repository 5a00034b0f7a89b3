"""The coding mechanisms, each on sentences written for these tests."""

from __future__ import annotations

COUNTRIES = {
    "France": ("FRA", "FRA", "country"),
    "Germany": ("DEU", "DEU", "country"),
    "Russia": ("RUS", "RUS", "country"),
    "Ukraine": ("UKR", "UKR", "country"),
    "China": ("CHN", "CHN", "country"),
    "India": ("IND", "IND", "country"),
    "Brazil": ("BRA", "BRA", "country"),
    "Japan": ("JPN", "JPN", "country"),
    "Chile": ("CHL", "CHL", "country"),
    "Peru": ("PER", "PER", "country"),
    "Egypt": ("EGY", "EGY", "country"),
    "Kenya": ("KEN", "KEN", "country"),
    "Norway": ("NOR", "NOR", "country"),
    "Iran": ("IRN", "IRN", "country"),
    "Odesa": (None, "UKR", "place"),
    "Lyon": (None, "FRA", "place"),
}


def _pairs(events, plover=None):
    return {
        (e.plover, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
        if plover is None or e.plover == plover
    }


def test_transitive_verb_codes_subject_against_object(code_text):
    events = code_text("France condemned Russia on Tuesday.", COUNTRIES)
    assert ("ACCUSE", "FRA", "RUS") in _pairs(events)
    assert events[0].cameo == "111" and "events.trigger:lexicon_verb[" in events[0].rule and "condemn->111" in events[0].rule


def test_passive_codes_the_agent_as_source(code_text):
    events = code_text("A convoy from Ukraine was attacked by Russia near the border.", COUNTRIES)
    assert ("ASSAULT", "RUS", "UKR") in _pairs(events)


def test_conjoined_subjects_are_both_sources(code_text):
    events = code_text("India and Brazil criticized Japan over the tariffs.", COUNTRIES)
    assert {("ACCUSE", "IND", "JPN"), ("ACCUSE", "BRA", "JPN")} <= _pairs(events)


def test_reciprocal_signing_codes_both_directions(code_text):
    events = code_text("Chile and Peru signed a fisheries agreement in Lima.", COUNTRIES)
    assert {("SUPPORT", "CHL", "PER"), ("SUPPORT", "PER", "CHL")} <= _pairs(events)
    assert all(e.cameo == "057" for e in events)


def test_light_verb_talks_with(code_text):
    events = code_text("Egypt held talks with Kenya about the river.", COUNTRIES)
    assert {("CONSULT", "EGY", "KEN"), ("CONSULT", "KEN", "EGY")} <= _pairs(events)
    assert any("held talks" in e.trigger for e in events)


def test_nominal_trigger_takes_possessor_and_preposition(code_text):
    events = code_text("The talks were overshadowed by Russia's attack on Ukraine.", COUNTRIES)
    assert ("ASSAULT", "RUS", "UKR") in _pairs(events, "ASSAULT")


def test_negated_event_is_marked(code_text):
    events = code_text("Germany did not criticize China.", COUNTRIES)
    assert events and all(e.negated for e in events)
    assert events[0].modality == "denied"


def test_refusal_is_reject_with_the_refused_act(code_text):
    events = code_text("Iran refused to meet Norway.", COUNTRIES)
    event = next(e for e in events if e.plover == "REJECT")
    assert (event.source.country, event.target.country, event.cameo) == ("IRN", "NOR", "125")
    assert not event.negated


def test_threat_codes_threaten_not_the_threatened_act(code_text):
    events = code_text("China threatened to impose sanctions on Japan.", COUNTRIES)
    assert _pairs(events) == {("THREATEN", "CHN", "JPN")}
    assert events[0].cameo == "1312" and events[0].modality == "threatened"


def test_intent_is_agree_with_an_intent_code(code_text):
    events = code_text("Norway is ready to send aid to Kenya.", COUNTRIES)
    assert _pairs(events) == {("AGREE", "NOR", "KEN")}
    assert events[0].cameo.startswith("03") and events[0].modality == "intended"


def test_open_to_talks_is_intent_to_meet(code_text):
    events = code_text("Peru said it is open to talks with Chile.", COUNTRIES)
    assert ("AGREE", "PER", "CHL") in _pairs(events)
    assert not _pairs(events, "CONSULT")


def test_future_cooperation_is_agree(code_text):
    events = code_text("Japan will provide aid to Kenya.", COUNTRIES)
    assert _pairs(events) == {("AGREE", "JPN", "KEN")}
    assert events[0].modality == "future"


def test_future_refusal_is_reject(code_text):
    events = code_text("Brazil will not accept aid from India.", COUNTRIES)
    assert _pairs(events, "REJECT")


def test_demand_is_request_to_the_one_who_must_act(code_text):
    events = code_text("France demanded that Iran release the detained sailors.", COUNTRIES)
    event = next(e for e in events if e.plover == "REQUEST")
    assert (event.source.country, event.target.country, event.cameo) == ("FRA", "IRN", "1053")


def test_reported_must_is_a_demand_by_the_speaker(code_text):
    events = code_text("Kenya said Egypt must withdraw its troops.", COUNTRIES)
    assert ("REQUEST", "KEN", "EGY") in _pairs(events)
    assert not _pairs(events, "RETREAT")  # the withdrawal was demanded, not done


def test_reported_speech_codes_what_the_speaker_says_another_did(code_text):
    events = code_text("Ukraine said Russia shelled Odesa overnight.", COUNTRIES)
    event = next(e for e in events if e.plover == "ASSAULT")
    assert event.source.country == "RUS" and event.modality == "reported"


def test_pronoun_in_reported_clause_is_the_speaker(code_text):
    events = code_text("Chile said it would support Peru.", COUNTRIES)
    assert ("AGREE", "CHL", "PER") in _pairs(events)


def test_question_is_not_asserted(code_text):
    events = code_text("Did Russia attack Ukraine?", COUNTRIES)
    assert events and all(e.modality == "question" for e in events)


def test_relative_clause_subject(code_text):
    events = code_text("Kenya condemned Iran, which attacked Egypt on Sunday.", COUNTRIES)
    assert {("ACCUSE", "KEN", "IRN"), ("ASSAULT", "IRN", "EGY")} <= _pairs(events)


def test_event_date_resolves_relative_day(code_text):
    events = code_text("Russia attacked Ukraine last Friday.", COUNTRIES, date="2024-05-16")
    assert events[0].date == "2024-05-10"


def test_event_date_defaults_to_article_date(code_text):
    events = code_text("Russia attacked Ukraine.", COUNTRIES, date="2024-05-16")
    assert events[0].date == "2024-05-16"


def test_place_is_geolocated_and_becomes_the_target(code_text):
    events = code_text("Russia launched a missile strike on Odesa.", COUNTRIES)
    event = next(e for e in events if e.plover == "ASSAULT")
    assert event.location is not None and event.location.name == "Odesa"
    assert event.location.country == "UKR" and event.location.latitude is not None
    assert event.target.country == "UKR"


def test_same_happening_is_grouped(code_text):
    text = "Russia attacked Ukraine on Monday. Officials said Russia attacked Ukraine on Monday."
    events = code_text(text, COUNTRIES, date="2024-05-16")
    assault = [e for e in events if e.plover == "ASSAULT"]
    assert len(assault) == 1 and assault[0].mentions == 2


def test_boilerplate_after_the_article_is_not_coded(code_text):
    text = "France praised Germany.\n\nRelated posts\n\nRussia attacked Ukraine."
    events = code_text(text, COUNTRIES)
    assert _pairs(events) == {("SUPPORT", "FRA", "DEU")}


def test_no_actors_no_events(code_text):
    assert code_text("The weather was attacked by critics.", {}) == []


def test_reciprocal_clash_codes_both_sides(code_text):
    events = code_text("Iran and Egypt clashed along the border on Sunday.", COUNTRIES)
    assert {("ASSAULT", "IRN", "EGY"), ("ASSAULT", "EGY", "IRN")} <= _pairs(events)


def test_what_an_accusation_alleges_is_not_coded_as_fact(code_text):
    events = code_text("Ukraine accused Russia of shelling Odesa.", COUNTRIES)
    assert _pairs(events) == {("ACCUSE", "UKR", "RUS")}


def test_order_to_leave_is_a_demand_to_the_object(code_text):
    actors = {**COUNTRIES, "Kenyan ambassador": ("KENGOV", "KEN", "person")}
    events = code_text("Egypt ordered the Kenyan ambassador to leave the country.", actors)
    assert ("REQUEST", "EGY", "KEN") in _pairs(events)


def test_passive_without_agent_names_no_source(code_text):
    events = code_text("Three journalists from Chile were arrested in Lyon.", COUNTRIES)
    event = next(e for e in events if e.plover == "COERCE")
    assert event.source is None and event.target.country == "CHL"
    assert event.location.name == "Lyon" and event.location.country == "FRA"


def test_headline_line_is_coded_apart_from_the_dateline(code_text):
    text = "Peru praises Chile\n\nLIMA, May 3 - Kenya condemned Egypt on Friday."
    events = code_text(text, {**COUNTRIES, "LIMA": ("PERGOV", "PER", "place")})
    assert ("ACCUSE", "KEN", "EGY") in _pairs(events)
    assert not any(e.source and e.source.text == "LIMA" for e in events)
    assert all(e.sentence.count("\n") == 0 for e in events)


def test_an_actor_does_not_act_on_itself(code_text):
    events = code_text("Russia said Russia would defend Russia.", COUNTRIES)
    assert all(e.target is None or e.target.code != e.source.code for e in events)


def test_descriptive_participle_is_not_an_event(code_text):
    events = code_text("Kenya sent food to the besieged town in Egypt.", COUNTRIES)
    assert not _pairs(events, "COERCE")


def test_coordinated_nationality_adjectives_are_both_sources(code_text):
    actors = {"Indian": ("IND", "IND", "country"), "Chinese troops": ("CHNMIL", "CHN", "group")}
    events = code_text("Indian and Chinese troops withdrew from the border area.", actors)
    assert {e.source.country for e in events if e.plover == "RETREAT"} == {"IND", "CHN"}


def test_possessive_pronoun_in_the_object_is_the_speaker(code_text):
    actors = {"Peruvian navy": ("PERMIL", "PER", "group"), "Chilean": ("CHL", "CHL", "country")}
    events = code_text("The Peruvian navy said Chilean vessels fired at its patrol boats.", actors)
    assert ("ASSAULT", "CHL", "PER") in _pairs(events)


def test_ordering_an_act_is_doing_it(code_text):
    actors = {**COUNTRIES, "Russian diplomats": ("RUSGOV", "RUS", "group")}
    events = code_text("Germany ordered the expulsion of four Russian diplomats.", actors)
    assert ("SANCTION", "DEU", "RUS") in _pairs(events)
    assert not _pairs(events, "REQUEST")


def test_failed_act_is_negated(code_text):
    events = code_text("France failed to reach an agreement with Germany.", COUNTRIES)
    assert events and all(e.negated for e in events)


def test_vowing_not_to_act_is_a_refusal(code_text):
    events = code_text("Egypt vowed not to return the island to Kenya.", COUNTRIES)
    assert ("REJECT", "EGY", "KEN") in _pairs(events)
    assert not _pairs(events, "AGREE")


def test_empty_text_and_misaligned_mentions_are_harmless(parse):
    from multipolar.events import code_events
    from multipolar.records import ActorMention, Article, content_hash

    empty = Article(id="e", text="", content_hash=content_hash(""))
    assert code_events(parse(""), empty, []) == []
    text = "France condemned Russia."
    article = Article(id="m", text=text, content_hash=content_hash(text))
    broken = [ActorMention("France", 500, 506, "FRA", "FRA", None, "country", "test"),
              ActorMention("Russia", 17, 23, "RUS", "RUS", None, "country", "test")]
    events = code_events(parse(text), article, broken)
    assert [(e.source, e.target.code) for e in events] == [(None, "RUS")]


def test_unnamed_people_belong_to_the_place_or_the_home_government(code_text):
    actors = {**COUNTRIES, "Kenyan police": ("KENCOP", "KEN", "group")}
    events = code_text("Kenyan police arrested dozens of protesters.", actors)
    assert ("COERCE", "KEN", "KEN") in _pairs(events)
    assert "events.unnamed:unnamed_group_target" in events[0].rule
    placed = code_text("Gunmen kidnapped three villagers in Lyon.", COUNTRIES)
    assert ("ASSAULT", "FRA", "FRA") in _pairs(placed)
    abroad = code_text("Russia killed 19 people.", COUNTRIES)
    assert _pairs(abroad) == {("ASSAULT", "RUS", None)}


def test_calling_for_action_against_someone_rallies_opposition(code_text):
    events = code_text("Chile called for sanctions against Peru.", COUNTRIES)
    assert _pairs(events) == {("ACCUSE", "CHL", "PER")}
    assert events[0].cameo == "113"


def test_urging_to_stop_an_attack_is_a_call_to_de_escalate(code_text):
    events = code_text("Egypt urged Kenya to stop the shelling of Odesa.", COUNTRIES)
    assert _pairs(events) == {("REQUEST", "EGY", "KEN")}
    assert events[0].cameo == "0256"
