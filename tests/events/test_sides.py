"""Sources and targets of our own sentences for the repairs that are not rules of their own:
a subject the parser hung before a conjoined verb, comitative partners ("together with X"),
jointly held shows of force (cooperation, also under "agreed to"), and regional groups that
never take the article's one country."""

from __future__ import annotations

import pytest

import multipolar


def _pairs(text: str) -> set[tuple[str, str | None, str | None]]:
    coded = multipolar.code(text, date="2024-05-16")
    return {(e.plover, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in coded.events}


@pytest.mark.parametrize(("text", "expected"), [
    ("Rebels have raided farms since March and Kenyan and Ugandan troops have shelled rebel camps in reply.",
     ("ASSAULT", "KEN", None)),
    ("Pirates have seized boats since June and Indian and French warships have shelled pirate skiffs in reply.",
     ("ASSAULT", "IND", None)),
    ("The talks took place while militias fought in the hills and Malian soldiers had attacked Nigerien posts.",
     ("ASSAULT", "MLI", "NER")),
])
def test_a_subject_hung_before_a_conjoined_verb_acts(text, expected):
    plover, source, _ = expected
    assert any(p == plover and (s or "").startswith(source) for p, s, _t in _pairs(text)), _pairs(text)


@pytest.mark.parametrize("text", [
    "Berlin will deliver 14 tanks, assembling a battalion together with European partners.",
    "Chad sent troops to Mali, where they will patrol alongside French forces.",
    "Ghana pledged new funds for the dam, which it will build along with Togo.",
])
def test_partners_together_with_the_source_are_not_its_targets(text):
    targets = {t for _p, _s, t in _pairs(text)}
    assert not targets & {"EUR", "FRAMIL", "FRA", "TGO"}, _pairs(text)


@pytest.mark.parametrize(("text", "plover"), [
    ("Turkey and Iraq agreed to set up joint patrols along their border.", "AGREE"),
    ("Kenya and Somalia decided to launch joint patrols on the lake.", "COOPERATE"),
    ("Peru will conduct joint patrols with Ecuador next month.", "AGREE"),
])
def test_joint_patrols_are_cooperation_not_a_threat(text, plover):
    pairs = _pairs(text)
    assert any(p == plover for p, _s, _t in pairs), pairs
    assert not any(p == "THREATEN" for p, _s, _t in pairs), pairs


@pytest.mark.parametrize(("text", "source"), [
    ("Kenya's parliament passed the budget. European leaders welcomed the vote in Nairobi.", "EURGOV"),
    ("Chile held elections on Sunday. Western diplomats praised the count in Santiago.", "WSTGOV"),
    ("Mali's junta expelled the envoy. African governments condemned the junta in Bamako.", "AFRGOV"),
])
def test_regional_groups_never_take_the_articles_one_country(text, source):
    sources = {s for _p, s, _t in _pairs(text)}
    assert source in sources, _pairs(text)
