"""Checks of the world-regions file (``regions.yaml``) and of how the loader validates it."""

from __future__ import annotations

from pathlib import Path

import yaml

from multipolar.kb import check_files

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "multipolar" / "kb" / "data"


def test_region_codes_are_not_country_codes_and_adjectives_are_not_nationalities():
    regions = yaml.safe_load((DATA_DIR / "regions.yaml").read_text(encoding="utf-8"))
    countries = yaml.safe_load((DATA_DIR / "countries.yaml").read_text(encoding="utf-8"))
    codes = {c["code"] for c in countries}
    adjectives = {a.lower() for c in countries for a in c.get("adjectives") or ()}
    for region in regions["regions"]:
        assert region["code"] not in codes, region
        assert not {a.lower() for a in region.get("adjectives", ())} & adjectives, region
    assert "countries" in regions["collective_nouns"]


def test_the_bundled_regions_file_loads_without_problems():
    assert check_files([DATA_DIR / "countries.yaml", DATA_DIR / "regions.yaml"]) == []


def test_the_loader_reports_malformed_regions(tmp_path):
    regions = tmp_path / "regions.yaml"
    regions.write_text("collective_nouns: [countries]\n"
                       "regions:\n"
                       "  - {code: west, name: the West, adjectives: [Western]}\n"
                       "  - {code: KEN, name: Kenya region, adjectives: [Kenyan]}\n"
                       "  - {code: EUR, name: Europe, adjectives: [european]}\n"
                       "  - {code: EUR, name: Europe again}\n", encoding="utf-8")
    problems = "\n".join(check_files([DATA_DIR / "countries.yaml", regions]))
    assert "code 'west'" in problems
    assert "region KEN: the code is a country's" in problems
    assert "adjective 'european' must be capitalised" in problems
