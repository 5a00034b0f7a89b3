"""``KnowledgeBase.lookup`` and the name matcher: how names resolve, and why."""

from __future__ import annotations


def test_person_role_on_dates(small_kb):
    for date in ("2005-01-01", "2024-01-01"):
        [putin] = small_kb.lookup("Putin", date)
        assert putin.code == "RUSGOV" and putin.role == "President"
        assert date in putin.why
    [pm] = small_kb.lookup("Vladimir Putin", "2010-06-01")
    assert pm.role == "Prime Minister"
    [before] = small_kb.lookup("Putin", "1990-01-01")
    assert (before.code, before.rule) == ("RUS", "person-name:person-no-role")


def test_the_president_of_ukraine_changes_with_the_date(small_kb):
    early = small_kb.lookup("the president of Ukraine", "2014-01-01")
    late = small_kb.lookup("the president of Ukraine", "2024-01-01")
    assert early[0].code == late[0].code == "UKRGOV" and early[0].rule == "description"
    assert [r.entity_id for r in early[1:]] == ["viktor-yanukovych"]
    assert [r.entity_id for r in late[1:]] == ["volodymyr-zelenskyy"]
    assert small_kb.lookup("Ukraine's president", "2016-01-01")[1].entity_id == "petro-poroshenko"


def test_ex_leader_and_organisation_roles(small_kb):
    [former] = small_kb.lookup("Yanukovych", "2019-01-01")
    assert (former.code, former.rule) == ("UKRELI", "person-name:person-former")
    [annan] = small_kb.lookup("Kofi Annan")
    assert (annan.code, annan.country, annan.sector) == ("IGOUNO", None, "IGO")
    [later] = small_kb.lookup("Kofi Annan", "2010-01-01")
    assert later.code == "GHA"


def test_countries_metonyms_organisations_and_media(small_kb):
    assert small_kb.lookup("the Kremlin")[0].code == "RUSGOV"
    assert small_kb.lookup("Russia's")[0].code == "RUS"
    assert small_kb.lookup("Ukrainian")[0].rule == "country-adjective"
    assert small_kb.lookup("UN Security Council")[0].code == "IGOUNOSCR"
    tass = small_kb.lookup("TASS")[0]
    assert (tass.code, tass.entity_id, tass.country) == ("RUSMED", "RUSMEDTAS", "RUS")
    capital = small_kb.lookup("Kyiv")[0]
    assert capital.code == "UKRGOV" and capital.extra == {"place": "UKR"}


def test_descriptions_and_unknown_names(small_kb):
    [refugees] = small_kb.lookup("Ukrainian refugees")
    assert (refugees.code, refugees.kind) == ("UKRREF", "group")
    [former] = small_kb.lookup("former Russian president")
    assert former.code == "RUSELI"
    assert small_kb.lookup("Nobody Atall") == []
    [troops] = small_kb.lookup("troops")
    assert (troops.code, troops.sector) == (None, "MIL")


def test_matcher_is_case_sensitive_for_short_acronyms(small_kb):
    assert [m.text for m in small_kb.match("tell us what the US and the UN think")] == ["US", "UN"]
    assert [m.text for m in small_kb.match("china plates and a jordan almond")] == []
    texts = [m.text for m in small_kb.match("China’s envoy and Russia's troops at the UN Security Council")]
    assert texts == ["China", "envoy", "Russia", "troops", "UN Security Council"]


def test_matcher_respects_word_boundaries(small_kb):
    assert small_kb.match("Russianness and Chinatown") == []
    assert [m.text for m in small_kb.match("pro-Russian forces")] == ["Russian", "forces"]


def test_gazetteer_prefers_a_city_own_name():
    from multipolar.gazetteer import find_city

    assert find_city("Kharkiv").country == "UKR"
    assert find_city("Goris").country == "ARM"
    assert find_city("Nowhere-on-Sea-Zzz") is None


def test_accents_are_folded_when_matching(small_kb):
    assert [m.text for m in small_kb.match("Volodymyr Zelénskyy in Ukraïne")] == ["Volodymyr Zelénskyy", "Ukraïne"]
    assert small_kb.lookup("Kofi Ännan")[0].entity_id == "kofi-annan"
