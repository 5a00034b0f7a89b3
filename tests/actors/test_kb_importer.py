"""Importing PETRARCH/Phoenix actor and agent dictionaries into the user knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from multipolar.errors import MultipolarError
from multipolar.kb import (
    import_dictionary,
    load_knowledge_base,
    parse_actor_dictionary,
    parse_agent_dictionary,
)

DICTIONARIES = Path(__file__).resolve().parent / "dictionaries"
FIXTURE_KB = Path(__file__).resolve().parent / "kb_fixture"


def _actors():
    path = DICTIONARIES / "sample.actors.txt"
    return parse_actor_dictionary(path.read_text(encoding="utf-8"), str(path))


def test_actor_records_names_synonyms_and_dated_codes():
    result = _actors()
    by_name = {e["name"]: e for e in result.entries}
    anna = by_name["Anna Vostrova"]
    assert anna["aliases"] == ["Vostrova", "A. Vostrova"]
    assert anna["kind"] == "person" and anna["country"] == "RUS"
    assert anna["roles"] == [
        {"title": "RUSGOV", "of": "RUS", "sector": "GOV", "start": "2003-01-01", "end": "2007-12-31"},
        {"title": "RUSELI", "of": "RUS", "sector": "ELI", "start": "2008-01-01", "end": None},
    ]
    boris = by_name["Boris Kellerman"]
    assert [(r["sector"], r["start"], r["end"]) for r in boris["roles"]] == [
        ("GOV", "2002-03-01", "2009-11-30"), ("ELI", None, None)]
    harbour = by_name["Northern Harbour Authority"]
    assert harbour["kind"] == "actor" and harbour["roles"][0]["of"] == "IGONHA"
    testland = by_name["Republic Of Testland"]
    assert testland["country"] == "RUS" and testland["roles"][0]["end"] == "1999-12-31"


def test_actor_problems_are_reported_per_line():
    problems = _actors().problems
    assert len(problems) == 2
    assert "[E201]" in problems[0] and "line 10" in problems[0] and "[POLMIL 1995-2001]" in problems[0]
    assert "line 22" in problems[1] and "'Nameless Entry' has no code" in problems[1]


def test_agent_dictionary_becomes_sector_words():
    path = DICTIONARIES / "sample.agents.txt"
    result = parse_agent_dictionary(path.read_text(encoding="utf-8"), str(path))
    sectors = {e["code"]: e for e in result.entries}
    assert sectors["MIL"]["titles"] == ["coast guard"] and sectors["MIL"]["groups"] == []
    assert sectors["BUS"]["titles"] == ["harbour pilot"] and sectors["BUS"]["groups"] == ["harbour pilots"]
    assert sectors["JUD"]["groups"] == ["attorneys general"]
    assert set(sectors["LEG"]["titles"]) == {"congressman", "congresswoman"}
    assert set(sectors["LEG"]["groups"]) == {"congressmen", "congresswomen"}
    assert sectors["NGO"]["titles"] == ["watchdog body"]
    assert len(result.problems) == 1 and "line 8" in result.problems[0]


def test_import_writes_yaml_that_the_loader_reads(tmp_path):
    user = tmp_path / "kb"
    result = import_dictionary(DICTIONARIES / "sample.actors.txt", kind="actors", user_dir=user)
    assert result.written == user / "people.sample.yaml"
    assert isinstance(yaml.safe_load(result.written.read_text(encoding="utf-8")), list)
    agents = import_dictionary(DICTIONARIES / "sample.agents.txt", kind="agents", user_dir=user)
    assert agents.written == user / "sectors.sample.yaml"
    kb = load_knowledge_base(FIXTURE_KB, user)
    [anna] = kb.lookup("Vostrova", "2005-06-01")
    assert (anna.code, anna.entity_id) == ("RUSGOV", "sample-anna-vostrova")
    assert kb.lookup("Vostrova", "2012-06-01")[0].code == "RUSELI"
    assert kb.lookup("harbour pilots")[0].sector == "BUS"


def test_import_errors(tmp_path):
    with pytest.raises(MultipolarError, match=r"\[E202\].*file not found"):
        import_dictionary(tmp_path / "missing.txt", user_dir=tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing but a comment\n", encoding="utf-8")
    with pytest.raises(MultipolarError, match=r"\[E202\].*no actors entry"):
        import_dictionary(empty, user_dir=tmp_path)
    with pytest.raises(MultipolarError, match=r"\[E203\]"):
        import_dictionary(empty, kind="verbs", user_dir=tmp_path)
