"""Every CAMEO root (01-20) coded from sentences we wrote: the root code, its PLOVER type, the source.

The actors are given (see ``code_text``), so these tests exercise the event rules and the
lexicon, not the actor resolver. Each case names the CAMEO root the event must carry and the
PLOVER type that root maps to for that wording.
"""

from __future__ import annotations

import pytest

A = "country"
ACTORS: dict[str, tuple[str | None, str | None, str]] = {
    "Japan": ("JPN", "JPN", A), "Turkey": ("TUR", "TUR", A), "Iran": ("IRN", "IRN", A),
    "Ukraine": ("UKR", "UKR", A), "Lebanon": ("LBN", "LBN", A), "Brazil": ("BRA", "BRA", A),
    "Argentina": ("ARG", "ARG", A), "Egypt": ("EGY", "EGY", A), "Sudan": ("SDN", "SDN", A),
    "Germany": ("DEU", "DEU", A), "Poland": ("POL", "POL", A), "Kenya": ("KEN", "KEN", A),
    "Uganda": ("UGA", "UGA", A), "Vietnam": ("VNM", "VNM", A), "Canada": ("CAN", "CAN", A),
    "Haiti": ("HTI", "HTI", A), "Serbia": ("SRB", "SRB", A), "Finland": ("FIN", "FIN", A),
    "France": ("FRA", "FRA", A), "Israel": ("ISR", "ISR", A), "Hungary": ("HUN", "HUN", A),
    "China": ("CHN", "CHN", A), "Taiwan": ("TWN", "TWN", A), "Russia": ("RUS", "RUS", A),
    "Pakistan": ("PAK", "PAK", A), "Venezuela": ("VEN", "VEN", A), "India": ("IND", "IND", A),
    "Peru": ("PER", "PER", A), "Chile": ("CHL", "CHL", A), "Ghana": ("GHA", "GHA", A),
    "Mali": ("MLI", "MLI", A), "Norway": ("NOR", "NOR", A), "Bolivia": ("BOL", "BOL", A),
    "Greece": ("GRC", "GRC", A), "Cuba": ("CUB", "CUB", A),
    "Scholz": ("DEUGOV", "DEU", "person"), "Macron": ("FRAGOV", "FRA", "person"),
    "Seoul": ("KORGOV", "KOR", A), "Pyongyang": ("PRKGOV", "PRK", A),
    "European Union": ("IGOEUR", None, "organisation"), "World Bank": ("IGOWBK", None, "organisation"),
    "United Nations": ("IGOUNO", None, "organisation"), "Security Council": ("IGOUNOSCR", None, "organisation"),
    "Al-Shabaab": ("SOMREB", "SOM", "organisation"), "Boko Haram": ("NGAREB", "NGA", "organisation"),
    "Iranian police": ("IRNCOP", "IRN", "organisation"), "Russian forces": ("RUSMIL", "RUS", "organisation"),
    "Israeli jets": ("ISRMIL", "ISR", "organisation"), "Syrian troops": ("SYRMIL", "SYR", "organisation"),
    "Armenian workers": ("ARMLAB", "ARM", "organisation"), "Chilean students": ("CHLEDU", "CHL", "organisation"),
    "militia": ("SDNREB", "SDN", "organisation"), "Burmese soldiers": ("MMRMIL", "MMR", "organisation"),
}

# (sentence, CAMEO root, PLOVER type, source code, target code or None)
CASES: list[tuple[str, str, str, str, str | None]] = [
    # 01 make public statement
    ("Japan expressed condolences to Turkey after the mine disaster.", "01", "SUPPORT", "JPN", "TUR"),
    ("Al-Shabaab claimed responsibility for the attack on the hotel.", "01", "CONCEDE", "SOMREB", None),
    ("Iran denied any involvement in the tanker explosion.", "01", "REJECT", "IRN", None),
    # 02 appeal
    ("Ukraine appealed to the European Union for more air defence systems.", "02", "REQUEST", "UKR", "IGOEUR"),
    ("Lebanon asked the World Bank for an emergency loan.", "02", "REQUEST", "LBN", "IGOWBK"),
    # 03 express intent to cooperate
    ("Brazil pledged to cooperate with Argentina on border security.", "03", "AGREE", "BRA", "ARG"),
    ("Egypt offered mediation between the army and the militia in Sudan.", "03", "AGREE", "EGY", None),
    # 04 consult
    ("Macron held talks with Scholz in Paris on Monday.", "04", "CONSULT", "FRAGOV", "DEUGOV"),
    ("The Indian prime minister visited Japan last week, and India and Japan discussed trade.", "04", "CONSULT", "IND", "JPN"),
    # 05 engage in diplomatic cooperation
    ("Germany praised Poland for its handling of the refugee crisis.", "05", "SUPPORT", "DEU", "POL"),
    # an apology is CAMEO 055, but the PLOVER manual codes expressions of regret as CONCEDE
    ("Kenya apologised to Uganda for the border incident.", "05", "CONCEDE", "KEN", "UGA"),
    # 06 engage in material cooperation
    ("Vietnam and Japan expanded cooperation in shipbuilding.", "06", "COOPERATE", "VNM", "JPN"),
    ("Norway and Finland held joint military exercises in the Arctic.", "06", "COOPERATE", "NOR", "FIN"),
    # 07 provide aid
    ("Canada sent humanitarian aid to Haiti after the hurricane.", "07", "AID", "CAN", "HTI"),
    ("Germany provided military aid to Ukraine worth two billion euros.", "07", "AID", "DEU", "UKR"),
    # 08 yield
    ("Serbia released ten prisoners to Hungary on Friday.", "08", "RETREAT", "SRB", None),
    ("Russia withdrew its troops from the border with Finland.", "08", "RETREAT", "RUS", None),
    ("Bolivia lifted the curfew in the capital after the protests ended.", "08", "CONCEDE", "BOL", None),
    # 09 investigate
    ("The United Nations launched an investigation into the killings by Syrian troops.", "09", "ACCUSE", "IGOUNO", None),
    ("Ghana opened an inquiry into the deaths of protesters.", "09", "ACCUSE", "GHA", None),
    # 10 demand
    ("Poland demanded that Russia return the seized ship.", "10", "REQUEST", "POL", "RUS"),
    ("Finland demanded the withdrawal of Russian forces from the island.", "10", "REQUEST", "FIN", "RUSMIL"),
    # 11 disapprove
    ("France condemned Iran for the missile test.", "11", "ACCUSE", "FRA", "IRN"),
    ("Seoul accused Pyongyang of violating the armistice.", "11", "ACCUSE", "KORGOV", "PRKGOV"),
    # 12 reject
    ("Israel rejected the ceasefire proposal from Egypt.", "12", "REJECT", "ISR", None),
    ("Hungary vetoed a statement of the European Union on China.", "12", "REJECT", "HUN", None),
    # 13 threaten
    ("Turkey threatened to expel the ambassador of Greece.", "13", "THREATEN", "TUR", None),
    ("China threatened Taiwan with military action.", "13", "THREATEN", "CHN", "TWN"),
    # 14 protest
    ("Armenian workers staged a strike against the new labour law.", "14", "PROTEST", "ARMLAB", None),
    ("Chilean students demonstrated in Santiago against tuition fees.", "14", "PROTEST", "CHLEDU", None),
    # 15 exhibit force posture
    ("Russia deployed troops along its border with Finland.", "15", "MOBILIZE", "RUS", None),
    ("Pakistan put its forces on high alert after the shooting.", "15", "MOBILIZE", "PAK", None),
    # 16 reduce relations
    ("The United Nations imposed sanctions on Mali.", "16", "SANCTION", "IGOUNO", "MLI"),
    ("Peru expelled the ambassador of Chile and cut diplomatic relations with Chile.", "16", "SANCTION", "PER", "CHL"),
    # 17 coerce
    ("Iranian police arrested dozens of students in the capital.", "17", "COERCE", "IRNCOP", None),
    ("Venezuela seized the cargo ship of Cuba.", "17", "COERCE", "VEN", None),
    # 18 assault
    ("Boko Haram kidnapped two engineers from Egypt.", "18", "ASSAULT", "NGAREB", None),
    ("Burmese soldiers tortured prisoners from Bangladesh.", "18", "ASSAULT", "MMRMIL", None),
    # 19 fight
    ("Russian forces shelled the city of Kharkiv in Ukraine overnight.", "19", "ASSAULT", "RUSMIL", None),
    ("Israeli jets carried out air strikes on targets in Lebanon.", "19", "ASSAULT", "ISRMIL", None),
    # 20 use unconventional mass violence
    ("The militia massacred villagers in Sudan, the United Nations said.", "20", "ASSAULT", "SDNREB", None),
    ("Syrian troops used chemical weapons against the town.", "20", "ASSAULT", "SYRMIL", None),
]


@pytest.mark.parametrize(("text", "root", "plover", "source", "target"), CASES, ids=[c[0][:40] for c in CASES])
def test_cameo_root_of_our_sentences(code_text, text, root, plover, source, target):
    events = [e for e in code_text(text, ACTORS) if not e.negated]
    coded = [(e.cameo, e.plover, e.source.code if e.source else None, e.target.code if e.target else None)
             for e in events]
    matching = [c for c in coded if c[0][:2] == root and c[2] == source]
    assert matching, f"no root {root} event by {source} in {coded}"
    assert any(c[1] == plover for c in matching), f"root {root} events {matching} are not PLOVER {plover}"
    if target is not None:
        assert any(c[3] == target for c in matching), f"root {root} events {matching} are not against {target}"


def test_every_cameo_root_is_covered():
    assert {case[1] for case in CASES} == {f"{n:02d}" for n in range(1, 21)}


# the most specific code of the wording (and of who acts): (sentence, full CAMEO code, source)
SPECIFIC: list[tuple[str, str, str]] = [
    ("Israeli jets bombed a refugee camp in Lebanon.", "195", "ISRMIL"),  # an army's bombing: air strike
    ("Al-Shabaab bombed a hotel in Kenya.", "183", "SOMREB"),  # a militia's bombing
    ("Japan offered its sympathy to Turkey.", "018", "JPN"),
    ("Iran denied responsibility for the blast.", "016", "IRN"),
    ("Russian forces fired missiles at Ukraine.", "195", "RUSMIL"),
    ("Peru broke off diplomatic relations with Chile.", "161", "PER"),
    ("Greece imposed an arms embargo on Turkey.", "163", "GRC"),
    ("Boko Haram kidnapped two engineers from Egypt.", "181", "NGAREB"),
    ("Two Boko Haram fighters blew themselves up at a market in Ghana.", "183", "NGAREB"),  # not 171
    ("Boko Haram blew up a bridge in Ghana.", "171", "NGAREB"),
    ("Russian forces held live-fire drills near the border of Finland.", "150", "RUSMIL"),  # alone: a show of force
    ("Norway held joint naval exercises with Finland.", "062", "NOR"),  # with a partner: cooperation
    ("Syrian troops used villagers from Lebanon as human shields.", "184", "SYRMIL"),  # "as" object of a light verb
]


@pytest.mark.parametrize(("text", "cameo", "source"), SPECIFIC, ids=[c[0][:40] for c in SPECIFIC])
def test_most_specific_cameo_code(code_text, text, cameo, source):
    coded = [(e.cameo, e.source.code if e.source else None) for e in code_text(text, ACTORS)]
    assert (cameo, source) in coded, coded
