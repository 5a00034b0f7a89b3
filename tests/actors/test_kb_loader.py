"""Loading and validating knowledge-base files: clear E200 messages naming the file and the entry."""

from __future__ import annotations

import pytest

from multipolar.kb import KnowledgeBaseError, check_files, load_knowledge_base
from multipolar.kb.loader import read_knowledge_base


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_knowledge_base_loads_cleanly(small_kb):
    assert small_kb.problems == ()
    assert {"RUS", "UKR", "CHN"} <= set(small_kb.countries)
    assert small_kb.people["vladimir-putin"].roles[0].start == "2012-05-07"



def test_bad_date_duplicate_and_unknown_member_are_reported(tmp_path):
    _write(tmp_path, "countries.yaml", "- {code: RUS, name: Russia}\n- {code: RUS, name: Russia again}\n")
    _write(tmp_path, "organisations.yaml",
           "- {code: IGOABC, name: Alpha Bloc, type: bloc, sector: IGO, members: [RUS, ZZZ]}\n")
    _write(tmp_path, "people.yaml",
           "- id: someone\n  name: Some One\n  country: RUS\n"
           "  roles:\n    - {title: President, of: RUS, sector: GOV, start: '2020-13-01', end: null}\n")
    with pytest.raises(KnowledgeBaseError) as caught:
        read_knowledge_base(tmp_path, None, strict=True)
    message = str(caught.value)
    assert "[E200]" in message
    assert "countries.yaml" in message and "entry 2 (code RUS): duplicate code 'RUS'" in message
    assert "IGOABC: unknown members ZZZ" in message
    assert "people.yaml" in message and "entry 1 (id someone)" in message and "'2020-13-01' is not a real date" in message


def test_lenient_load_skips_the_faulty_entry_and_keeps_the_rest(tmp_path):
    _write(tmp_path, "countries.yaml", "- {code: RUS, name: Russia}\n- {code: russia, name: Lower}\n- just text\n")
    raw = read_knowledge_base(tmp_path, None, strict=False)
    assert list(raw.countries) == ["RUS"]
    assert len(raw.problems) == 2
    assert any("entry 2 (code russia)" in p and "ISO 3166" in p for p in raw.problems)
    assert any("entry 3" in p and "must be a mapping" in p for p in raw.problems)


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = _write(tmp_path, "media.yaml", "- code: RUSMEDTAS\n  name: [unclosed\n")
    problems = check_files([path])
    assert len(problems) == 1
    assert problems[0].startswith("[E200]") and "media.yaml" in problems[0] and "not valid YAML at line" in problems[0]


def test_role_that_ends_before_it_starts(tmp_path):
    path = _write(tmp_path, "people.yaml",
                  "- id: p\n  name: P Q\n  roles:\n    - {title: King, of: RUS, sector: GOV, start: '2010-01-01', "
                  "end: '2009-01-01'}\n")
    problems = check_files([path])
    assert any("ends (2009-01-01) before it starts (2010-01-01)" in p for p in problems)


def test_user_folder_is_loaded_after_the_bundled_files(tmp_path):
    bundled = tmp_path / "bundled"
    user = tmp_path / "user"
    bundled.mkdir()
    user.mkdir()
    _write(bundled, "countries.yaml", "- {code: RUS, name: Russia, adjectives: [Russian]}\n")
    _write(user, "people.mine.yaml", "- id: ivan-local\n  name: Ivan Localov\n  country: RUS\n  roles: []\n")
    _write(user, "notes.txt.yaml", "- this file kind is unknown and ignored\n")
    kb = load_knowledge_base(bundled, user, strict=True)
    assert "ivan-local" in kb.people
    assert kb.lookup("Ivan Localov")[0].code == "RUS"
    assert load_knowledge_base(bundled, user, strict=True) is kb


def test_bundled_knowledge_base_loads_strictly_without_problems():
    from multipolar.kb.loader import DATA_DIR

    raw = read_knowledge_base(DATA_DIR, None, strict=True)
    assert raw.problems == []
    assert len(raw.countries) >= 193 and raw.sectors.keys() >= {
        "GOV", "MIL", "POL", "REB", "CVL", "MED", "BUS", "NGO", "IGO", "JUD", "LEG", "REF", "COP", "ELI"}
