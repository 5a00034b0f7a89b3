"""Classes of wordings from the PLOVER manual and the CAMEO codebook, each on sentences of our own.

Each class is a lexicon or argument-class addition (``events/data/*.yaml``) or a small extension of
a trigger rule; each has at least three sentences that differ in wording. The expectation is
``(PLOVER, source country, target country)`` among the counted events (``None``: not checked).
"""

from __future__ import annotations

import pytest

COUNTED = ("asserted", "reported")

CLASSES: dict[str, list[tuple[str, tuple[str, str | None, str | None]]]] = {
    # motion or posture verb + "for" + a measure of an event noun
    "motion-through-measure": [
        ("Chile and Peru sat down for two days of talks in Lima.", ("CONSULT", "CHL", None)),
        ("The Greek envoy flew to Italy for a second round of negotiations.", ("CONSULT", "GRC", "ITA")),
        ("Kenyan officials travelled to Benin for three hours of consultations.", ("CONSULT", "KEN", "BEN")),
    ],
    # "told X to" + infinitive is an order (CAMEO 10)
    "tell-to-infinitive": [
        ("Chile told Peru to withdraw its fishing fleet.", ("REQUEST", "CHL", "PER")),
        ("Oman told Qatar to close the office by Friday.", ("REQUEST", "OMN", "QAT")),
        ("Ghana told Togo to stop issuing the permits.", ("REQUEST", "GHA", "TGO")),
    ],
    # asking an ally to deploy forces or weapons is an appeal for protection (CAMEO 0234)
    "appeal-for-protection": [
        ("Latvia asked Poland to station more troops on its border.", ("REQUEST", "LVA", "POL")),
        ("Benin urged Kenya to deploy warships off its coast.", ("REQUEST", "BEN", "KEN")),
        ("Chad appealed to Niger to send soldiers to the border area.", ("REQUEST", "TCD", "NER")),
    ],
    # "supply/provide/equip X with Y": the with-object is what is given
    "with-theme": [
        ("Spain supplied Italy with two hundred tents.", ("AID", "ESP", "ITA")),
        ("Greece equipped Chad with armoured vehicles and rifles.", ("AID", "GRC", "TCD")),
        ("Norway provided Sweden with medicine and blankets after the storm.", ("AID", "NOR", "SWE")),
    ],
    # money and rescue funding given (CAMEO 070)
    "funds-and-money": [
        ("Japan approved a bailout for Laos worth one billion dollars.", ("AID", "JPN", "LAO")),
        ("Norway disbursed 40 million euros to Sudan for the camps.", ("AID", "NOR", "SDN")),
        ("Qatar transferred 200 million dollars to Egypt on Monday.", ("AID", "QAT", "EGY")),
    ],
    # police searching and raiding is coercion (PLOVER COERCE seize), not military force
    "police-raid": [
        ("Kenyan police raided the offices of a charity from Benin.", ("COERCE", "KEN", None)),
        ("Kenyan police searched the homes of two journalists in Mombasa.", ("COERCE", "KEN", None)),
        ("Kenyan police swooped on a warehouse used by traders from Benin.", ("COERCE", "KEN", None)),
    ],
    # blocking or banning media is censorship (PLOVER COERCE censor); access is read through
    "censor-media": [
        ("Iran blocked access to several news websites run from Iraq.", ("COERCE", "IRN", None)),
        ("Chad shut down the mobile internet across the country.", ("COERCE", "TCD", None)),
        ("Egypt banned a broadcaster owned by investors from Qatar.", ("COERCE", "EGY", None)),
    ],
    # releasing or swapping captives (PLOVER RETREAT release)
    "free-people": [
        ("Ghana and Togo exchanged prisoners at the border on Sunday.", ("RETREAT", "GHA", None)),
        ("Iraq swapped 40 detainees with Iran.", ("RETREAT", "IRQ", None)),
        ("Chile repatriated dozens of migrants to Peru.", ("RETREAT", "CHL", "PER")),
    ],
    # giving back territory or property (CAMEO 0842)
    "return-territory": [
        ("Kenya handed back the disputed islands to Benin.", ("RETREAT", "KEN", "BEN")),
        ("Chile ceded two border villages to Peru under the accord.", ("RETREAT", "CHL", "PER")),
        ("Greece unfroze the assets of a shipping firm from Italy.", ("RETREAT", "GRC", None)),
    ],
    # an announced coercive step is a threat even when the parser misreads "to VERB"
    "intent-to-coerce": [
        ("Oman prepared to blacklist banks in Qatar.", ("THREATEN", "OMN", None)),
        ("Chile is ready to sanction firms from Peru.", ("THREATEN", "CHL", None)),
        ("Ghana vowed to retaliate against Togo.", ("THREATEN", "GHA", "TGO")),
    ],
    # a named town or region taken is territory (CAMEO 192, occupy territory: COERCE seize)
    "named-territory": [
        ("Iraqi troops captured Mosul after a week of fighting.", ("COERCE", "IRQ", None)),
        ("Malian forces took control of Gao on Friday.", ("COERCE", "MLI", None)),
        ("The army of Chad seized parts of Basra in a raid.", ("COERCE", "TCD", None)),
    ],
    # pardons, amnesties and apologies are concessions (PLOVER manual, CONCEDE)
    "pardon-amnesty-apology": [
        ("Egypt pardoned forty fishermen from Sudan.", ("CONCEDE", "EGY", "SDN")),
        ("Chad granted an amnesty to rebels who fled to Niger.", ("CONCEDE", "TCD", None)),
        ("Japan apologised to Laos for the incident.", ("CONCEDE", "JPN", "LAO")),
    ],
    # easing administrative requirements (CAMEO 081)
    "ease-requirements": [
        ("Chile eased visa requirements for travellers from Peru.", ("CONCEDE", "CHL", None)),
        ("Poland relaxed the rules for truck drivers from Latvia.", ("CONCEDE", "POL", None)),
        ("Norway waived the entry requirement for citizens of Sweden.", ("CONCEDE", "NOR", None)),
    ],
    # warships sent or sailing somewhere are a show of force (MOBILIZE), not a gift of weapons
    "warships": [
        ("Japan dispatched two destroyers to waters near Laos.", ("MOBILIZE", "JPN", None)),
        ("Iranian warships sailed into the Gulf near Oman.", ("MOBILIZE", None, None)),
        ("Egypt deployed a frigate off the coast of Sudan.", ("MOBILIZE", "EGY", None)),
    ],
    # alert and readiness (CAMEO 152)
    "alert": [
        ("Chile placed its army on high alert near Peru.", ("MOBILIZE", "CHL", None)),
        ("Iran put its air force on combat readiness after the Iraqi drills.", ("MOBILIZE", "IRN", None)),
        ("Greece raised the alert level of its navy.", ("MOBILIZE", "GRC", None)),
    ],
    # joint military activity is cooperation (PLOVER COOPERATE, CAMEO 062)
    "joint-operations": [
        ("Greece and Italy launched a joint patrol in the Ionian Sea.", ("COOPERATE", "GRC", None)),
        ("Kenya and Benin began a joint naval exercise on Monday.", ("COOPERATE", "KEN", None)),
        ("Chile and Peru conducted a joint operation against smugglers.", ("COOPERATE", "CHL", None)),
    ],
    # consultation by phone, hosting a visitor, being somewhere for talks (CAMEO 04)
    "consult-variants": [
        ("The leaders of Chile and Peru spoke by phone on Sunday.", ("CONSULT", "CHL", None)),
        ("Japan welcomed the president of Laos to Tokyo on Monday.", ("CONSULT", "JPN", "LAO")),
        ("The foreign minister of Greece is in Rome for talks with Italy.", ("CONSULT", "GRC", "ITA")),
    ],
    # disengaging, de-escalating (CAMEO 087) and stepping up a presence (CAMEO 150)
    "disengage-and-presence": [
        ("Chilean and Peruvian troops began disengaging along the border.", ("RETREAT", "CHL", None)),
        ("Greece stepped up its naval presence near Italy.", ("MOBILIZE", "GRC", None)),
        ("Japan bolstered its military presence on islands close to Laos.", ("MOBILIZE", "JPN", None)),
    ],
    # trade restrictions are sanctions (CAMEO 163), easing a blockade is a retreat (CAMEO 085)
    "trade-restrictions": [
        ("Japan halted imports of rice from Laos.", ("SANCTION", "JPN", "LAO")),
        ("Poland imposed export controls on grain bound for Latvia.", ("SANCTION", "POL", "LVA")),
        ("Oman eased its blockade of goods from Qatar.", ("RETREAT", "OMN", "QAT")),
    ],
    # police sent to a partner are assistance (PLOVER AID: personnel); deployed at home, a mobilisation
    "police-personnel": [
        ("Kenya sent 400 police officers to Benin.", ("AID", "KEN", "BEN")),
        ("Chile contributed police officers to the mission in Peru.", ("AID", "CHL", "PER")),
        ("Egypt deployed riot police across Sudan's border towns.", ("MOBILIZE", "EGY", None)),
    ],
    # support verbs that finish or seal an event, and aid operations under them
    "support-verb-families": [
        ("Kenya wrapped up talks with Benin on Monday.", ("CONSULT", "KEN", "BEN")),
        ("Ghana struck an accord with Togo on fishing rights.", ("AGREE", "GHA", None)),
        ("Chile mounted a rescue operation for miners from Peru.", ("AID", "CHL", None)),
        ("Poland began an evacuation of civilians from Latvia.", ("AID", "POL", None)),
        ("Egypt imposed a lockdown on Sudanese border towns.", ("COERCE", "EGY", None)),
    ],
    # giving up one's own bill, charge, tax or price rise is a concession (CAMEO 0832); remorse too
    "give-up-policy": [
        ("Chile dropped the charges against two fishermen from Peru.", ("CONCEDE", "CHL", None)),
        ("The government of Ghana withdrew the bill after protests by students.", ("CONCEDE", "GHA", None)),
        ("Egypt reversed the fuel price increase.", ("CONCEDE", "EGY", None)),
        ("Japan expressed remorse to Laos for the wartime abuses.", ("CONCEDE", "JPN", "LAO")),
    ],
    # warnings against something, and "would be targets", are threats; building an arsenal is no offer
    "warnings-and-build-up": [
        ("Iran warned Iraq against hosting the foreign troops.", ("THREATEN", "IRN", "IRQ")),
        ("Chile warned that ships from Peru would be legitimate targets.", ("THREATEN", "CHL", None)),
        ("Iraq vowed to build up its arsenal of missiles.", ("THREATEN", "IRQ", None)),
    ],
    # armour rolling in is a deployment (CAMEO 154)
    "armour-moves-in": [
        ("Iraqi tanks crossed into Iran at dawn.", ("MOBILIZE", "IRQ", None)),
        ("Chilean armoured vehicles rolled into the border town.", ("MOBILIZE", "CHL", None)),
        ("Malian artillery moved into positions near Gao.", ("MOBILIZE", "MLI", None)),
    ],
    # ending agreements, suspending members, revoking visas, kicking out envoys (PLOVER SANCTION)
    "reduce-relations": [
        ("Mali ended its defence agreements with Niger.", ("SANCTION", "MLI", "NER")),
        ("The council suspended Chad from all its institutions, Niger said.", ("SANCTION", None, "TCD")),
        ("Chile revoked the visas of ten officials from Peru.", ("SANCTION", "CHL", "PER")),
        ("Kenya kicked out a diplomat from Benin.", ("SANCTION", "KEN", "BEN")),
    ],
    # restating support (CAMEO 051)
    "restated-support": [
        ("Japan reiterated its support for the government of Laos.", ("SUPPORT", "JPN", "LAO")),
        ("Greece reaffirmed its solidarity with Italy after the floods.", ("SUPPORT", "GRC", "ITA")),
        ("Norway voiced backing for Sweden's bid.", ("SUPPORT", "NOR", "SWE")),
    ],
    # warnings addressed to someone with what they must do
    "directive-warnings": [
        ("Iran warned Iraq to stop its provocations in the marshes.", ("THREATEN", "IRN", "IRQ")),
        ("Chile warned Peru to keep its boats out of the bay.", ("THREATEN", "CHL", "PER")),
        ("Japan warned Laos to end its support for the smugglers.", ("THREATEN", "JPN", "LAO")),
    ],
    # designating a group as terrorist, extremist, undesirable or a foreign agent (CAMEO 172)
    "designation": [
        ("Iran designated a charity from Iraq a terrorist organisation.", ("COERCE", "IRN", None)),
        ("Egypt labelled the movement from Sudan a terrorist group.", ("COERCE", "EGY", None)),
        ("Chad declared the newspaper from Niger an undesirable organisation.", ("COERCE", "TCD", None)),
    ],
    # leaving an alliance, organisation or agreement (PLOVER SANCTION withdraw, CAMEO 166)
    "leave-group-or-agreement": [
        ("Mali withdrew from the regional bloc alongside Niger.", ("SANCTION", "MLI", None)),
        ("Chile pulled out of the fisheries treaty with Peru.", ("SANCTION", "CHL", "PER")),
        ("Oman ditched its trade agreement with Qatar.", ("SANCTION", "OMN", "QAT")),
        ("Latvia suspended its participation in the council led by Poland.", ("SANCTION", "LVA", None)),
    ],
}

NEGATIVE: list[tuple[str, str]] = [
    # a transitive "stop" with a place phrase is no stop-over visit
    ("Chile urged Peru to stop the raids in the bay.", "CONSULT"),
    # releasing an aid worker is a release, not aid
    ("The rebels of Chad released an aid worker from Niger.", "AID"),
    # a list of guests is no sanctions list
    ("Chile added Peru to the list of guests for the summit.", "SANCTION"),
    # blocking a road stays an obstruction, not censorship
    ("Farmers blocked access to the main highway near Mombasa.", "COERCE"),
    # telling what happened is speech, not an order
    ("Chile told Peru about the outbreak on Monday.", "REQUEST"),
    # sending weapons to a partner stays aid
    ("Spain sent rifles and ammunition to Italy.", "MOBILIZE"),
]


def _country(ref):
    return (ref.country or (ref.code or "")[:3]) if ref is not None else None


@pytest.mark.parametrize(("name", "sentence", "expected"), [
    (name, sentence, expected) for name, cases in CLASSES.items() for sentence, expected in cases
])
def test_class_codes_our_sentences(code_text, world_actors, name, sentence, expected):
    plover, source, target = expected
    events = [e for e in code_text(sentence, world_actors) if not e.negated and e.modality in COUNTED + (
        "demanded", "intended", "threatened")]
    found = [(e.plover, _country(e.source), _country(e.target)) for e in events]
    assert any(p == plover and (source is None or s == source) and (target is None or t == target)
               for p, s, t in found), f"{name}: {found}"


def test_every_class_has_three_sentences():
    for name, cases in CLASSES.items():
        assert len({sentence for sentence, _ in cases}) >= 3, name


@pytest.mark.parametrize(("sentence", "absent"), NEGATIVE)
def test_neighbouring_wordings_keep_their_type(code_text, world_actors, sentence, absent):
    events = [e for e in code_text(sentence, world_actors) if not e.negated]
    assert all(e.plover != absent for e in events), [(e.plover, e.cameo, e.rule) for e in events]


def test_a_refusal_explained_by_saying_stays_a_refusal(code_text, world_actors):
    events = code_text("Chile refused to meet the envoy of Peru, saying he had insulted its president.", world_actors)
    assert any(e.plover == "REJECT" and not e.negated for e in events), [(e.plover, e.rule) for e in events]
