"""The verb lexicon data file and the PETRARCH dictionary importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from multipolar.errors import MultipolarError
from multipolar.events.lexicon import Frame, build_lexicon, load_lexicon, load_lexicon_file
from multipolar.events.petrarch import parse_verb_patterns

DATA = Path(__file__).parent / "data"


def test_packaged_lexicon_loads_without_duplicates():
    lexicon = load_lexicon()
    assert lexicon.duplicates == []
    assert len(lexicon.verbs) > 200 and len(lexicon.light) > 300 and len(lexicon.nouns) > 100
    assert load_lexicon() is lexicon  # loaded once


def test_every_code_in_the_lexicon_is_in_the_ontology():
    from multipolar import ontology

    lexicon = load_lexicon()
    codes = {p.cameo for p in lexicon.verbs.values()} | {p.cameo for p in lexicon.phrasal.values()}
    for bucket in (*lexicon.light.values(), *lexicon.nouns.values()):
        codes |= {p.cameo for p in bucket}
    for frame in lexicon.frames.values():
        codes |= {frame.default, *frame.combine.values()}
    assert [code for code in sorted(codes) if ontology.cameo(code) is None] == []


def test_prepositions_stay_words_not_yaml_booleans():
    lexicon = load_lexicon()
    assert "on" in lexicon.topic_preps and "on" in lexicon.default_preps
    assert "no" in lexicon.negations
    assert lexicon.light[("impose", "sanction")][0].target_preps[0] == "on"


def test_lexicon_has_the_constructions_the_issue_names():
    lexicon = load_lexicon()
    assert lexicon.light[("hold", "talks")][0].cameo == "040"
    assert lexicon.light[("stage", "rally")][0].cameo == "141"
    assert lexicon.light[("launch", "incursion")][0].cameo.startswith("19")
    assert lexicon.light[("pay", "visit")][0].cameo == "042"
    assert lexicon.light[("sign", "statement")][0].plover == "AGREE"
    assert [p.cameo for p in lexicon.nouns["attack"] if not p.modifiers] == ["190"]
    assert [p.cameo for p in lexicon.nouns["attack"] if p.modifiers == ("terrorist",)] == ["180"]
    assert lexicon.phrasal[("call", "off")].cameo == "082"
    assert lexicon.frame_verbs["threaten"] == "threaten"
    assert lexicon.frame_adjectives["open"] == "intend"


def test_frame_combines_by_longest_prefix():
    frame = Frame("threaten", "threatened", "conflictual", "130", {"16": "131", "163": "1312", "17": "132"})
    assert frame.combined_code("163") == "1312"
    assert frame.combined_code("162") == "131"
    assert frame.combined_code("190") == "130"
    assert frame.combined_code(None) == "130"
    assert frame.accepts_code("172") and not frame.accepts_code("042")


def test_bad_code_in_lexicon_is_a_clear_error():
    with pytest.raises(MultipolarError, match=r"\[E300\].*bad CAMEO code"):
        build_lexicon({"entries": [{"cameo": "sign", "verbs": ["sign"]}]})


def test_petrarch_import_reads_verbs_and_simple_patterns():
    text = (DATA / "sample.verbpatterns").read_text(encoding="utf-8")
    entries, report = parse_verb_patterns(text, origin="sample.verbpatterns")
    verbs = {v: e["cameo"] for e in entries for v in e.get("verbs", [])}
    assert verbs == {"exhort": "023", "beseech": "023", "reprimand": "111"}
    phrasal = {p: e["cameo"] for e in entries for p in e.get("phrasal", [])}
    assert phrasal == {"tell off": "111", "reprimand over": "111"}
    light = {(v, n): e["cameo"] for e in entries for v, ns in e.get("light", {}).items() for n in ns}
    assert light == {("reprimand", "ambassador"): "114", ("resupply", "fuel"): "071"}
    assert report.verbs == 5
    assert len(report.skipped) == 4  # "+ TO SEND AID", "$ * +", the synset and the alternatives


def test_petrarch_pattern_before_any_group_is_an_error():
    with pytest.raises(MultipolarError, match=r"\[E301\].*line 1"):
        parse_verb_patterns("- * TALKS [040]\n")


def test_imported_dictionary_codes_events(code_text, tmp_path):
    from multipolar.events import code_events
    from multipolar.nlp import parse_one
    from multipolar.records import ActorMention, Article, content_hash

    packaged = Path(__import__("multipolar.events", fromlist=["x"]).__file__).parent / "data" / "verbs.yaml"
    lexicon = load_lexicon_file(packaged, petrarch=[DATA / "sample.verbpatterns"])
    text = "Peru reprimanded Chile over the border dispute."
    mentions = [ActorMention("Peru", 0, 4, "PER", "PER", None, "country", "test"),
                ActorMention("Chile", 17, 22, "CHL", "CHL", None, "country", "test")]
    article = Article(id="t", text=text, content_hash=content_hash(text))
    events = code_events(parse_one(text), article, mentions, lexicon=lexicon)
    assert [(e.plover, e.cameo, e.source.code, e.target.code) for e in events] == [("ACCUSE", "111", "PER", "CHL")]
    assert "[sample.verbpatterns:" in events[0].rule


def test_verb_dictionaries_setting_extends_the_default_lexicon(monkeypatch):
    from multipolar.events import code_events
    from multipolar.nlp import parse_one
    from multipolar.records import ActorMention, Article, content_hash

    bundled = load_lexicon()
    monkeypatch.setenv("MULTIPOLAR_VERB_DICTIONARIES", f" {DATA / 'sample.verbpatterns'} ,")
    extended = load_lexicon()
    assert extended is not bundled and load_lexicon() is extended  # loaded once per setting value
    text = "Peru reprimanded Chile over the border dispute."
    mentions = [ActorMention("Peru", 0, 4, "PER", "PER", None, "country", "test"),
                ActorMention("Chile", 17, 22, "CHL", "CHL", None, "country", "test")]
    article = Article(id="t", text=text, content_hash=content_hash(text))
    events = code_events(parse_one(text), article, mentions)  # no lexicon passed: the default loader
    assert [(e.plover, e.source.code, e.target.code) for e in events] == [("ACCUSE", "PER", "CHL")]
    assert "[sample.verbpatterns:" in events[0].rule
    monkeypatch.delenv("MULTIPOLAR_VERB_DICTIONARIES")
    assert load_lexicon() is bundled


def test_verb_dictionaries_setting_with_a_missing_file_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("MULTIPOLAR_VERB_DICTIONARIES", str(tmp_path / "missing.verbs"))
    with pytest.raises(MultipolarError, match=r"\[E301\].*missing\.verbs"):
        load_lexicon()
