"""Checks of the hand-written knowledge-base files: countries, organisations and media.

The files are read with PyYAML directly (not through the loader) so that these tests check
the data itself: unique codes, names that point at one country only, memberships and parents
that exist, every UN member present, and a handful of facts the resolver relies on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "multipolar" / "kb" / "data"

COUNTRY_FIELDS = (
    "code",
    "name",
    "official",
    "status",
    "aliases",
    "former",
    "adjectives",
    "demonyms",
    "capital",
    "metonyms",
    "capital_is_city",
    "region",
)
COUNTRY_NAME_FIELDS = ("name", "official", "aliases", "former", "adjectives", "demonyms", "metonyms")
COUNTRY_STATUSES = {"member", "observer", "territory", "partially-recognised"}
REGIONS = {"Africa", "Americas", "Asia", "Europe", "Oceania"}
ORGANISATION_FIELDS = ("code", "name", "short", "aliases", "former", "type", "sector", "country", "parent")
ORGANISATION_TYPES = {
    "igo",
    "bloc",
    "initiative",
    "court",
    "agency",
    "organ",
    "ngo",
    "media",
    "party",
    "armed-group",
}

# Names deliberately shared by two countries. Empty on purpose: ambiguous words such as
# "Congo", "Korea" or "Korean" are listed for no country at all.
SHARED_COUNTRY_NAMES: dict[str, set[str]] = {}

# Names an organisation may share with a country (the EU is "Brussels", BEL's capital).
SHARED_ACROSS_FILES: dict[str, set[str]] = {"brussels": {"BEL", "IGOEUR"}}

# ISO 3166-1 entries that are not UN member states: territories, the two observers
# (VAT, PSE), Taiwan and Western Sahara.
NOT_UN_MEMBERS = frozenset(
    [
        "ABW",
        "AIA",
        "ALA",
        "ASM",
        "ATA",
        "ATF",
        "BES",
        "BLM",
        "BMU",
        "BVT",
        "CCK",
        "COK",
        "CUW",
        "CXR",
        "CYM",
        "ESH",
        "FLK",
        "FRO",
        "GGY",
        "GIB",
        "GLP",
        "GRL",
        "GUF",
        "GUM",
        "HKG",
        "HMD",
        "IMN",
        "IOT",
        "JEY",
        "MAC",
        "MAF",
        "MNP",
        "MSR",
        "MTQ",
        "MYT",
        "NCL",
        "NFK",
        "NIU",
        "PCN",
        "PRI",
        "PSE",
        "PYF",
        "REU",
        "SGS",
        "SHN",
        "SJM",
        "SPM",
        "SXM",
        "TCA",
        "TKL",
        "TWN",
        "UMI",
        "VAT",
        "VGB",
        "VIR",
        "WLF",
    ]
)


@cache
def _load(stem: str) -> tuple[dict, ...]:
    """Return the entries of ``<stem>.yaml`` in the data folder as a tuple of dicts."""
    with (DATA_DIR / f"{stem}.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, list), f"{stem}.yaml must hold a list of entries"
    return tuple(data)


def countries() -> tuple[dict, ...]:
    """Return the entries of countries.yaml."""
    return _load("countries")


def organisations() -> tuple[dict, ...]:
    """Return the entries of organisations.yaml."""
    return _load("organisations")


def media() -> tuple[dict, ...]:
    """Return the entries of media.yaml."""
    return _load("media")


def country_codes() -> set[str]:
    """Return the set of country codes."""
    return {entry["code"] for entry in countries()}


def by_code(entries: tuple[dict, ...]) -> dict[str, dict]:
    """Return the entries keyed by their code."""
    return {entry["code"]: entry for entry in entries}


def country_names(entry: dict) -> list[str]:
    """Return every name an entry of countries.yaml lists (name, official, aliases ...)."""
    names: list[str] = []
    for field in COUNTRY_NAME_FIELDS:
        value = entry.get(field)
        if isinstance(value, str):
            names.append(value)
        elif value:
            names.extend(value)
    return names


def organisation_names(entry: dict) -> list[str]:
    """Return every name an organisation or outlet lists (name, short, aliases, former, metonyms)."""
    names = [entry["name"]]
    if entry.get("short"):
        names.append(entry["short"])
    for field in ("aliases", "former", "metonyms"):
        names.extend(entry.get(field) or [])
    return names


def name_key(name: str) -> str:
    """Return the key a name is matched by: lower case, no leading "the", single spaces."""
    return re.sub(r"^the\s+", "", " ".join(name.replace("’", "'").split()).lower())


def country_of_name() -> dict[str, set[str]]:
    """Return, for each name key, the country codes that list it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in countries():
        for name in country_names(entry):
            owners[name_key(name)].add(entry["code"])
    return owners


# ---------------------------------------------------------------- countries


def test_countries_have_every_field_with_the_right_types():
    for entry in countries():
        assert tuple(entry) == COUNTRY_FIELDS, f"{entry.get('code')}: fields {tuple(entry)}"
        assert re.fullmatch(r"[A-Z]{3}", entry["code"]), entry["code"]
        assert entry["status"] in COUNTRY_STATUSES, entry["code"]
        assert entry["region"] in REGIONS, entry["code"]
        assert isinstance(entry["capital_is_city"], bool), entry["code"]
        assert isinstance(entry["name"], str) and entry["name"], entry["code"]
        for field in ("aliases", "former", "adjectives", "demonyms", "metonyms"):
            assert isinstance(entry[field], list), f"{entry['code']}.{field}"
            assert all(isinstance(item, str) and item.strip() == item and item for item in entry[field])


def test_countries_are_unique_and_sorted_by_code():
    codes = [entry["code"] for entry in countries()]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)


def test_at_least_195_countries_and_193_un_members():
    assert len(countries()) >= 195
    members = [entry["code"] for entry in countries() if entry["status"] == "member"]
    assert len(members) == 193
    assert {entry["code"] for entry in countries() if entry["status"] == "observer"} == {"PSE", "VAT"}


def test_every_un_member_in_pycountry_is_present_and_a_member():
    pycountry = pytest.importorskip("pycountry")
    un_members = {country.alpha_3 for country in pycountry.countries} - NOT_UN_MEMBERS
    assert len(un_members) == 193
    statuses = {entry["code"]: entry["status"] for entry in countries()}
    assert un_members - statuses.keys() == set()
    assert {code for code in un_members if statuses[code] != "member"} == set()
    assert {code for code, status in statuses.items() if status == "member"} == un_members


def test_non_member_entities_are_present():
    statuses = {entry["code"]: entry["status"] for entry in countries()}
    for code in ("TWN", "XKX"):
        assert statuses[code] == "partially-recognised"
    for code in ("ESH", "HKG", "MAC", "GRL", "PRI"):
        assert statuses[code] == "territory"


def test_no_name_points_at_two_countries():
    clashes = {
        name: codes
        for name, codes in country_of_name().items()
        if len(codes) > 1 and SHARED_COUNTRY_NAMES.get(name) != codes
    }
    assert clashes == {}


def test_ambiguous_congo_and_korea_words_are_listed_for_no_country():
    owners = country_of_name()
    for word in ("congo", "korea", "korean", "koreans"):
        assert word not in owners, f"{word!r} is ambiguous and must not name a country"
    for name in ("DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa", "Zaire"):
        assert owners[name_key(name)] == {"COD"}, name
    for name in ("Congo-Brazzaville", "Republic of the Congo"):
        assert owners[name_key(name)] == {"COG"}, name


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("America", "USA"),
        ("the US", "USA"),
        ("Britain", "GBR"),
        ("Great Britain", "GBR"),
        ("the UK", "GBR"),
        ("U.K.", "GBR"),
        ("United Kingdom", "GBR"),
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("South Korea", "KOR"),
        ("ROK", "KOR"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Myanmar", "MMR"),
        ("Burma", "MMR"),
        ("Swaziland", "SWZ"),
        ("Ceylon", "LKA"),
        ("Soviet Union", "RUS"),
        ("USSR", "RUS"),
        ("Russian", "RUS"),
        ("Chinese", "CHN"),
        ("Ukrainian", "UKR"),
        ("American", "USA"),
        ("British", "GBR"),
        ("French", "FRA"),
        ("German", "DEU"),
        ("Israeli", "ISR"),
        ("Palestinian", "PSE"),
        ("Iranian", "IRN"),
        ("Iraqi", "IRQ"),
        ("Afghan", "AFG"),
        ("Pakistani", "PAK"),
        ("Indian", "IND"),
        ("North Korean", "PRK"),
        ("South Korean", "KOR"),
        ("Congolese", "COD"),
        ("the Kremlin", "RUS"),
        ("the White House", "USA"),
        ("Washington", "USA"),
        ("Downing Street", "GBR"),
        ("Whitehall", "GBR"),
        ("Zhongnanhai", "CHN"),
        ("the Elysee", "FRA"),
        ("Élysée Palace", "FRA"),
        ("Quai d'Orsay", "FRA"),
        ("the Chancellery", "DEU"),
        ("Bankova", "UKR"),
        ("Tehran", "IRN"),
        ("Pyongyang", "PRK"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Ankara", "TUR"),
        ("Beijing", "CHN"),
        ("Peking", "CHN"),
        ("Tokyo", "JPN"),
        ("Delhi", "IND"),
        ("New Delhi", "IND"),
        ("Brasilia", "BRA"),
        ("Pretoria", "ZAF"),
        ("Riyadh", "SAU"),
        ("Jerusalem", "ISR"),
        ("Ramallah", "PSE"),
        ("Seoul", "KOR"),
        ("Taipei", "TWN"),
        ("Canberra", "AUS"),
        ("Ottawa", "CAN"),
        ("Berlin", "DEU"),
        ("Paris", "FRA"),
        ("London", "GBR"),
        ("Rome", "ITA"),
        ("Madrid", "ESP"),
        ("Warsaw", "POL"),
        ("Brussels", "BEL"),
    ],
)
def test_news_names_resolve_to_their_country(name: str, code: str):
    assert country_of_name().get(name_key(name)) == {code}


def test_metonyms_listed_where_the_capital_names_the_government():
    table = by_code(countries())
    for code, metonym in (
        ("RUS", "Moscow"),
        ("RUS", "Kremlin"),
        ("USA", "White House"),
        ("KOR", "Blue House"),
    ):
        assert metonym in table[code]["metonyms"], (code, metonym)


def test_no_possessive_forms_are_listed():
    possessive_end = re.compile(r"(?:'s|’s|s')$")
    allowed_endings = {"St. John's", "St. George's"}
    country_words = {name.lower() for entry in countries() for name in (entry["name"], *entry["aliases"])}
    possessive_inside = re.compile(r"([\w .-]+?)(?:'s|’s)\s")
    for entry in (*countries(), *organisations(), *media()):
        names = country_names(entry) if "region" in entry else organisation_names(entry)
        listed = [name for name in names if possessive_end.search(name) and name not in allowed_endings]
        listed += [
            name
            for name in names
            for found in possessive_inside.finditer(name)
            if found.group(1).strip().lower() in country_words
        ]
        assert listed == [], entry["code"]


# ---------------------------------------------------------------- organisations and media


def test_organisations_and_media_have_the_required_fields():
    for entry in (*organisations(), *media()):
        assert tuple(entry)[: len(ORGANISATION_FIELDS)] == ORGANISATION_FIELDS, entry.get("code")
        assert re.fullmatch(r"[A-Z0-9]{5,10}", entry["code"]), entry["code"]
        assert entry["type"] in ORGANISATION_TYPES, entry["code"]
        assert re.fullmatch(r"[A-Z]{3}", entry["sector"]), entry["code"]
        for field in ("aliases", "former"):
            assert isinstance(entry[field], list), f"{entry['code']}.{field}"


def test_codes_are_unique_across_all_three_files():
    codes = [entry["code"] for entry in (*countries(), *organisations(), *media())]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    assert duplicates == []


def test_every_member_parent_and_country_exists():
    countries_known = country_codes()
    bodies = by_code((*organisations(), *media()))
    for entry in organisations():
        members = entry.get("members", [])
        if isinstance(members, str):
            assert members == "all-un-members", entry["code"]
        else:
            assert sorted(set(members) - countries_known) == [], entry["code"]
            assert len(members) == len(set(members)), entry["code"]
        for member in entry.get("member_organisations", []):
            assert member in bodies, (entry["code"], member)
    for entry in (*organisations(), *media()):
        assert entry["parent"] is None or entry["parent"] in bodies, entry["code"]
        assert entry["country"] is None or entry["country"] in countries_known, entry["code"]


def test_no_name_points_at_two_organisations_or_at_an_organisation_and_a_country():
    owners: dict[str, set[str]] = defaultdict(set)
    for name, codes in country_of_name().items():
        owners[name] |= codes
    for entry in (*organisations(), *media()):
        for name in organisation_names(entry):
            owners[name_key(name)].add(entry["code"])
    clashes = {
        name: codes
        for name, codes in owners.items()
        if len(codes) > 1 and SHARED_ACROSS_FILES.get(name) != codes
    }
    assert clashes == {}


def _members(code: str) -> set[str]:
    members = by_code(organisations())[code]["members"]
    assert isinstance(members, list), code
    return set(members)


def test_real_memberships():
    assert len(_members("IGONAT")) == 32 and {"FIN", "SWE", "TUR", "USA"} <= _members("IGONAT")
    assert len(_members("IGOEUR")) == 27 and "GBR" not in _members("IGOEUR")
    assert _members("IGOUNOSCR") == {"CHN", "FRA", "GBR", "RUS", "USA"}
    assert _members("IGOBRC") == {"BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"}
    assert _members("IGOG07") == {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}
    assert len(_members("IGOG20")) == 19
    assert set(by_code(organisations())["IGOG20"]["member_organisations"]) == {"IGOEUR", "IGOAFU"}
    assert _members("IGOEAE") == {"ARM", "BLR", "KAZ", "KGZ", "RUS"}
    assert _members("IGOCST") == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert _members("IGOGCC") == {"BHR", "KWT", "OMN", "QAT", "SAU", "ARE"}
    assert len(_members("IGOARL")) == 22
    assert len(_members("IGOAFU")) == 55 and "ESH" in _members("IGOAFU")
    assert len(_members("IGOOPC")) == 12 and "AGO" not in _members("IGOOPC")
    assert _members("IGOOPC") < _members("IGOOPP") and "RUS" in _members("IGOOPP")
    assert _members("IGOQUD") == {"AUS", "IND", "JPN", "USA"}
    assert _members("IGOAUK") == {"AUS", "GBR", "USA"}
    assert len(_members("IGOSCO")) == 10
    assert {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"} <= _members("IGOASN")
    assert _members("IGOECW").isdisjoint({"MLI", "BFA", "NER"})


def test_un_bodies_hang_under_the_un():
    table = by_code(organisations())
    assert table["IGOUNO"]["members"] == "all-un-members"
    for code in (
        "IGOUNOSCR",
        "IGOUNOGAS",
        "IGOUNOSEC",
        "IGOUNOHRC",
        "IGOUNOECS",
        "IGOUNOHCR",
        "IGOUNOCEF",
        "IGOUNOWFP",
        "IGOUNODVP",
        "IGOUNOESC",
        "IGOUNOCHA",
        "IGOUNORWA",
        "IGOUNOIAE",
        "IGOUNOWHO",
        "IGOUNOFAO",
        "IGOUNOILO",
        "IGOUNOFPA",
        "IGOUNOIOM",
        "IGOUNOICJ",
    ):
        assert table[code]["parent"] == "IGOUNO", code
    for code in ("IGOEUREC", "IGOEURPAR", "IGOEURCO"):
        assert table[code]["parent"] == "IGOEUR", code


def test_eurasian_economic_community_is_a_former_name_of_the_eaeu():
    eaeu = by_code(organisations())["IGOEAE"]
    assert {"Eurasian Economic Community", "EurAsEC"} <= set(eaeu["former"])


def test_armed_groups_have_their_country_and_rebel_sector():
    table = by_code(organisations())
    expected = {
        "PSEREBHAM": ("PSE", "REB"),
        "LBNREBHEZ": ("LBN", "REB"),
        "YEMREBHOU": ("YEM", "REB"),
        "AFGREBTAL": ("AFG", "REB"),
        "IMGISI": (None, "REB"),
        "SOMREBSHB": ("SOM", "REB"),
        "NGAREBBKH": ("NGA", "REB"),
        "RUSMILWAG": ("RUS", "MIL"),
        "SDNREBRSF": ("SDN", "REB"),
        "CODREBM23": ("COD", "REB"),
        "TURREBPKK": ("TUR", "REB"),
        "NGAREBIPB": ("NGA", "REB"),
    }
    for code, (country, sector) in expected.items():
        assert table[code]["type"] == "armed-group", code
        assert (table[code]["country"], table[code]["sector"]) == (country, sector), code


def test_media_outlets():
    outlets = media()
    assert len(outlets) >= 60
    for entry in outlets:
        assert entry["type"] == "media" and entry["sector"] == "MED", entry["code"]
        assert entry["code"].startswith(entry["country"] + "MED"), entry["code"]
        assert entry["state"] in (True, False, None), entry["code"]
    owners: dict[str, str] = {}
    for entry in outlets:
        for name in organisation_names(entry):
            owners[name] = entry["code"]
    for name, country, state in (
        ("RIA Novosti", "RUS", True),
        ("TASS", "RUS", True),
        ("Xinhua", "CHN", True),
        ("KCNA", "PRK", True),
        ("Reuters", "GBR", False),
        ("AP", "USA", False),
        ("AFP", "FRA", False),
        ("Al Jazeera", "QAT", True),
        ("BBC", "GBR", False),
        ("IRNA", "IRN", True),
    ):
        entry = by_code(outlets)[owners[name]]
        assert (entry["country"], entry["state"]) == (country, state), name
