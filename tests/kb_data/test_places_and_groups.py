"""Checks of the regions/institutions file and the ethnic and religious groups file.

Read with PyYAML directly, then through the loader: every place and homeland points at a known
country, no name means two things, names are not also country names, and the loader reports
malformed entries as numbered problems.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from multipolar.kb import check_files

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "multipolar" / "kb" / "data"


def _load(name: str) -> list[dict]:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in _load("countries.yaml"):
        for field in ("name", "official", "aliases", "former", "metonyms", "capital"):
            value = country.get(field) or []
            for name in [value] if isinstance(value, str) else value:
                names[name.lower()] = country["code"]
    return names


def test_places_point_at_known_countries_and_sectors():
    codes = {c["code"] for c in _load("countries.yaml")}
    sectors = {s["code"] for s in yaml.safe_load((DATA_DIR / "sectors.yaml").read_text())["sectors"]}
    for place in _load("places.yaml"):
        assert place["country"] in codes, place
        assert place["type"] in ("region", "institution"), place
        if place["type"] == "institution":
            assert place["sector"] in sectors, place


def test_place_and_group_names_are_unique_and_are_no_country_names():
    countries = _country_names()
    seen: dict[str, str] = {}
    for entry in _load("places.yaml") + _load("groups.yaml"):
        for name in [entry["name"], *entry.get("aliases", [])]:
            key = name.lower()
            assert key not in seen, (name, seen.get(key))
            assert key not in countries, (name, countries.get(key))
            seen[key] = entry["name"]


def test_groups_have_a_group_sector_and_known_homelands():
    codes = {c["code"] for c in _load("countries.yaml")}
    for group in _load("groups.yaml"):
        assert group["sector"] in ("ETH", "REL"), group
        assert all(code in codes for code in group.get("homelands", [])), group


def test_the_loader_reports_malformed_places_and_groups(tmp_path):
    places = tmp_path / "places.yaml"
    places.write_text("- {name: Nowhere Province, country: KEN, type: district}\n"
                      "- {name: Some Assembly, country: KEN, type: institution}\n"
                      "- {name: Far Province, country: XXX, type: region}\n", encoding="utf-8")
    groups = tmp_path / "groups.yaml"
    groups.write_text("- {name: Valley People, sector: ETH, homelands: [kenya]}\n", encoding="utf-8")
    problems = "\n".join(check_files([DATA_DIR / "countries.yaml", DATA_DIR / "sectors.yaml", places, groups]))
    assert "type 'district'" in problems
    assert "an institution needs a sector" in problems
    assert "homeland 'kenya'" in problems
    assert "Far Province: unknown country 'XXX'" in problems
