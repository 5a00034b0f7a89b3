"""Checks on the people knowledge file (src/multipolar/kb/data/people.yaml).

The file is plain data: these tests load it with PyYAML directly so they hold whatever loader
the actors stage builds on top of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "multipolar" / "kb" / "data"
PEOPLE_PATH = DATA_DIR / "people.yaml"
ORGANISATIONS_PATH = DATA_DIR / "organisations.yaml"

# Organisations whose leaders the file lists. The UN agencies use the codes that
# organisations.yaml gives them (children of IGOUNO: IGOUNOIAE, IGOUNOWHO, IGOUNOHCR).
ORGANISATION_CODES = frozenset(
    {
        "IGOUNO",
        "IGONAT",
        "IGOEUR",
        "IGOEUREC",
        "IGOEURCO",
        "IGOAFU",
        "IGOUNOIAE",
        "IGOUNOWHO",
        "IGOIMF",
        "IGOWBK",
        "IGOUNOHCR",
        "IGOICC",
    }
)
SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "IGO", "REB", "OPP", "POL"})
# Offices that have exactly one holder at a time for a given state or organisation.
ONE_HOLDER_TITLES = frozenset(
    {
        "President",
        "Prime Minister",
        "Premier",
        "Chancellor",
        "Secretary-General",
        "Foreign Minister",
        "Foreign Secretary",
        "Secretary of State",
        "Defence Minister",
        "Defence Secretary",
        "Defense Secretary",
        "Supreme Leader",
        "Emir",
        "Emperor",
        "King",
        "Queen",
        "Sultan",
        "Grand Duke",
        "Taoiseach",
        "General Secretary",
    }
)
ALLOWED_HANDOVER_OVERLAP = dt.timedelta(days=1)
OPEN_END = dt.date(9999, 12, 31)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Surnames too common to stand alone as an alias.
AMBIGUOUS_SURNAMES = frozenset(
    {"Kim", "Lee", "Wang", "Li", "Khan", "Singh", "Bush", "Clinton", "Sharif", "Aliyev", "Kabila"}
)


@lru_cache(maxsize=1)
def load_people() -> list[dict[str, Any]]:
    """Return the parsed people file (a list of person mappings), read once."""
    with PEOPLE_PATH.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, list), "people.yaml must hold a list"
    return data


def parse_date(value: str) -> dt.date:
    """Return the date in an ISO ``YYYY-MM-DD`` string."""
    return dt.date.fromisoformat(value)


def role_span(role: dict[str, Any]) -> tuple[dt.date, dt.date]:
    """Return (start, end) of a role, with an open end as a far-future date."""
    end = role["end"]
    return parse_date(role["start"]), (OPEN_END if end is None else parse_date(end))


def holders(titles: set[str], of: str, on: str) -> list[str]:
    """Return the ids of people holding one of ``titles`` of ``of`` on the ISO date ``on``."""
    day = parse_date(on)
    found = []
    for person in load_people():
        for role in person["roles"]:
            start, end = role_span(role)
            if role["title"] in titles and role["of"] == of and start <= day <= end:
                found.append(person["id"])
    return found


def test_file_has_enough_people() -> None:
    assert len(load_people()) >= 400


def test_ids_are_unique_slugs() -> None:
    ids = [person["id"] for person in load_people()]
    duplicates = sorted({pid for pid in ids if ids.count(pid) > 1})
    assert not duplicates, duplicates
    bad = [pid for pid in ids if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pid)]
    assert not bad, bad


def test_every_person_has_the_documented_fields() -> None:
    for person in load_people():
        assert set(person) == {"id", "name", "aliases", "country", "roles"}, person.get("id")
        assert isinstance(person["name"], str) and person["name"].strip(), person["id"]
        assert isinstance(person["aliases"], list), person["id"]
        assert all(isinstance(alias, str) and alias.strip() for alias in person["aliases"]), person["id"]
        assert isinstance(person["roles"], list), person["id"]
        for role in person["roles"]:
            assert set(role) == {"title", "of", "sector", "start", "end"}, (person["id"], role)
            assert role["sector"] in SECTORS, (person["id"], role)


def test_dates_are_well_formed_and_ordered() -> None:
    for person in load_people():
        for role in person["roles"]:
            assert isinstance(role["start"], str) and ISO_DATE.match(role["start"]), (person["id"], role)
            assert role["end"] is None or (isinstance(role["end"], str) and ISO_DATE.match(role["end"])), (
                person["id"],
                role,
            )
            start, end = role_span(role)
            assert start <= end, (person["id"], role)
            assert start <= dt.date(2026, 11, 29), (person["id"], role)


def test_codes_are_iso3_or_known_organisations() -> None:
    for person in load_people():
        codes = [person["country"]] + [role["of"] for role in person["roles"]]
        for code in codes:
            if code in ORGANISATION_CODES:
                continue
            assert len(code) == 3 and code.isupper(), (person["id"], code)
            assert pycountry.countries.get(alpha_3=code) is not None, (person["id"], code)
        assert person["country"] not in ORGANISATION_CODES, person["id"]


def test_organisation_codes_exist_in_the_organisations_file() -> None:
    if not ORGANISATIONS_PATH.exists():
        pytest.skip("organisations.yaml is not present")
    with ORGANISATIONS_PATH.open(encoding="utf-8") as handle:
        defined = {entry["code"] for entry in yaml.safe_load(handle) or []}
    used = {
        role["of"] for person in load_people() for role in person["roles"] if role["of"] in ORGANISATION_CODES
    }
    assert used <= defined, sorted(used - defined)


def test_one_holder_offices_do_not_overlap() -> None:
    spans: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for person in load_people():
        for role in person["roles"]:
            if role["title"] in ONE_HOLDER_TITLES:
                start, end = role_span(role)
                spans[(role["title"], role["of"])].append((start, end, person["id"]))
    clashes = []
    for office, entries in spans.items():
        entries.sort()
        for index, (start_a, end_a, who_a) in enumerate(entries):
            for start_b, end_b, who_b in entries[index + 1 :]:
                if start_b > end_a:
                    break
                overlap = min(end_a, end_b) - max(start_a, start_b)
                if who_a != who_b and overlap > ALLOWED_HANDOVER_OVERLAP:
                    clashes.append((office, who_a, who_b))
    assert not clashes, clashes


def test_no_ambiguous_surname_stands_alone_as_alias() -> None:
    for person in load_people():
        assert not AMBIGUOUS_SURNAMES.intersection(person["aliases"]), person["id"]
        assert person["name"] not in person["aliases"], person["id"]


@pytest.mark.parametrize(
    ("titles", "of", "on", "expected"),
    [
        ({"President"}, "RUS", "2024-05-16", ["vladimir-putin"]),
        ({"President"}, "UKR", "2024-05-16", ["volodymyr-zelenskyy"]),
        ({"President"}, "CHN", "2024-05-16", ["xi-jinping"]),
        ({"President", "Acting President"}, "UKR", "2014-03-01", ["oleksandr-turchynov"]),
        ({"President"}, "UKR", "2014-02-22", ["viktor-yanukovych"]),
        ({"Prime Minister"}, "RUS", "2010-01-01", ["vladimir-putin"]),
        ({"President"}, "SYR", "2024-12-01", ["bashar-al-assad"]),
        ({"President"}, "SYR", "1995-06-01", ["hafez-al-assad"]),
        ({"President"}, "SYR", "2025-06-01", ["ahmed-al-sharaa"]),
        ({"President"}, "AFG", "2021-08-01", ["ashraf-ghani"]),
        ({"President"}, "IRQ", "1995-01-01", ["saddam-hussein"]),
        ({"President"}, "IRQ", "2003-06-01", []),
        ({"Secretary-General"}, "IGOUNO", "1999-03-01", ["kofi-annan"]),
        ({"Secretary-General"}, "IGONAT", "2020-01-01", ["jens-stoltenberg"]),
        ({"Secretary of State"}, "USA", "1998-05-01", ["madeleine-albright"]),
        ({"Foreign Minister"}, "RUS", "1995-01-01", ["andrei-kozyrev"]),
        ({"Prime Minister"}, "GBR", "1999-01-01", ["tony-blair"]),
        ({"Chancellor"}, "DEU", "2000-01-01", ["gerhard-schroeder"]),
        ({"President"}, "KEN", "2010-01-01", ["mwai-kibaki"]),
        ({"President"}, "TZA", "2023-01-01", ["samia-suluhu-hassan"]),
        ({"President"}, "GHA", "2025-06-01", ["john-mahama"]),
        ({"President"}, "COL", "2023-01-01", ["gustavo-petro"]),
        ({"President"}, "PHL", "2023-01-01", ["ferdinand-marcos-jr"]),
        ({"Prime Minister"}, "THA", "2012-01-01", ["yingluck-shinawatra"]),
        ({"Prime Minister"}, "CZE", "2020-01-01", ["andrej-babis"]),
        ({"Prime Minister"}, "LKA", "2016-01-01", ["ranil-wickremesinghe"]),
        ({"Taoiseach"}, "IRL", "2021-01-01", ["micheal-martin"]),
        ({"Emir"}, "KWT", "2024-06-01", ["mishal-al-ahmad-al-jaber-al-sabah"]),
        ({"King"}, "MAR", "2020-01-01", ["mohammed-vi"]),
        ({"Foreign Minister"}, "FIN", "2025-01-01", ["elina-valtonen"]),
        ({"High Representative"}, "IGOEUR", "2025-01-01", ["kaja-kallas"]),
        ({"President of the European Council"}, "IGOEURCO", "2025-01-01", ["antonio-costa"]),
    ],
)
def test_office_holder_spot_checks(titles: set[str], of: str, on: str, expected: list[str]) -> None:
    assert sorted(holders(titles, of, on)) == expected


def test_yanukovych_is_not_president_after_his_removal() -> None:
    assert "viktor-yanukovych" not in holders({"President"}, "UKR", "2014-03-01")


def test_distinctive_surnames_are_listed_as_aliases() -> None:
    by_id = {person["id"]: person for person in load_people()}
    for person_id, surname in [
        ("vladimir-putin", "Putin"),
        ("volodymyr-zelenskyy", "Zelenskyy"),
        ("recep-tayyip-erdogan", "Erdogan"),
        ("benjamin-netanyahu", "Netanyahu"),
        ("emmanuel-macron", "Macron"),
        ("antonio-guterres", "Guterres"),
        ("sergey-lavrov", "Lavrov"),
        ("bashar-al-assad", "Assad"),
        ("hafez-al-assad", "Assad"),
        ("ahmed-al-sharaa", "Abu Mohammed al-Jolani"),
        ("mohammed-bin-salman", "MBS"),
        ("luiz-inacio-lula-da-silva", "Lula"),
    ]:
        assert surname in by_id[person_id]["aliases"], person_id


# Heads of state by title; a state with a monarch, an emir or a collective leadership uses its own.
HEAD_OF_STATE_TITLES = frozenset(
    {
        "President",
        "King",
        "Queen",
        "Emir",
        "Sultan",
        "Grand Duke",
        "Transitional President",
        "Acting President",
    }
)
# States whose head of state the file must name on a recent date (news-frequent, checked by hand).
STATES_WITH_A_NAMED_HEAD = [
    "UGA",
    "KEN",
    "TZA",
    "ZWE",
    "AGO",
    "MOZ",
    "ZMB",
    "GHA",
    "CIV",
    "SEN",
    "CMR",
    "TCD",
    "SSD",
    "LBR",
    "SLE",
    "CUB",
    "COL",
    "PER",
    "CHL",
    "BOL",
    "ECU",
    "NIC",
    "PAN",
    "GTM",
    "KGZ",
    "KAZ",
    "UZB",
    "TJK",
    "TKM",
    "GEO",
    "MDA",
    "PHL",
    "THA",
    "VNM",
    "KHM",
    "MYS",
    "SGP",
    "IDN",
    "BGD",
    "LKA",
    "NPL",
    "MNG",
    "ALB",
    "MKD",
    "MNE",
    "SVN",
    "SVK",
    "CZE",
    "ROU",
    "BGR",
    "LTU",
    "LVA",
    "EST",
    "FIN",
    "SWE",
    "NOR",
    "DNK",
    "NLD",
    "BEL",
    "AUT",
    "CHE",
    "GRC",
    "CYP",
    "PRT",
    "ESP",
    "IRL",
    "KWT",
    "BHR",
    "OMN",
    "ARE",
    "QAT",
    "DZA",
    "MAR",
    "TUN",
]
# EU and NATO members: each must have a foreign minister on the date below.
EU_AND_NATO_MEMBERS = [
    "ALB",
    "AUT",
    "BEL",
    "BGR",
    "CAN",
    "CYP",
    "CZE",
    "DEU",
    "DNK",
    "ESP",
    "EST",
    "FIN",
    "FRA",
    "GBR",
    "GRC",
    "HRV",
    "HUN",
    "IRL",
    "ISL",
    "ITA",
    "LTU",
    "LUX",
    "LVA",
    "MKD",
    "MLT",
    "MNE",
    "NLD",
    "NOR",
    "POL",
    "PRT",
    "ROU",
    "SVK",
    "SVN",
    "SWE",
    "TUR",
    "USA",
]
FOREIGN_MINISTER_TITLES = frozenset({"Foreign Minister", "Foreign Secretary", "Secretary of State"})


@pytest.mark.parametrize("state", STATES_WITH_A_NAMED_HEAD)
def test_state_has_exactly_one_head_of_state_in_mid_2025(state: str) -> None:
    assert len(holders(set(HEAD_OF_STATE_TITLES), state, "2025-06-01")) == 1, state


@pytest.mark.parametrize("state", EU_AND_NATO_MEMBERS)
def test_eu_and_nato_member_has_one_foreign_minister_in_mid_2025(state: str) -> None:
    assert len(holders(set(FOREIGN_MINISTER_TITLES), state, "2025-06-01")) == 1, state


def test_leaders_who_returned_to_office_keep_one_entry() -> None:
    by_id = {person["id"]: person for person in load_people()}
    for person_id, title, of, count in [
        ("daniel-ortega", "President", "NIC", 2),
        ("michelle-bachelet", "President", "CHL", 2),
        ("mahathir-mohamad", "Prime Minister", "MYS", 2),
        ("sher-bahadur-deuba", "Prime Minister", "NPL", 5),
        ("robert-fico", "Prime Minister", "SVK", 3),
    ]:
        roles = [r for r in by_id[person_id]["roles"] if r["title"] == title and r["of"] == of]
        assert len(roles) == count, person_id
