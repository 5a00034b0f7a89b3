"""The shared linguistic layer: word classes, datelines, subject and antecedent helpers.

Every sentence here is our own.
"""

from __future__ import annotations

import re

import pytest

from multipolar import nlp
from multipolar.linguistics import (
    MONTHS,
    PLACE_NOUNS,
    antecedent,
    clause_subject,
    dateline_spans,
    find_datelines,
    governing_subject,
    is_month,
    is_place_noun,
    layer_of,
    month_number,
    month_pattern,
    subject_of,
)


@pytest.fixture(scope="module")
def parse():
    return nlp.parse_one


def _token(doc, word: str, nth: int = 0):
    return [t for t in doc if t.text == word][nth]


# ------------------------------------------------------------------ words
@pytest.mark.parametrize(("word", "number"), [("January", 1), ("sept.", 9), ("Sep", 9), ("DEC", 12), ("may", 5)])
def test_month_words_and_numbers(word, number):
    assert is_month(word)
    assert month_number(word) == number


def test_month_pattern_matches_every_month_name_and_abbreviation():
    pattern = re.compile(rf"^{month_pattern('m')}$", re.IGNORECASE)
    for name in MONTHS:
        assert pattern.match(name.title())
        assert pattern.match(name[:3] + ".")
    assert not pattern.match("Monday")


@pytest.mark.parametrize("word", ["town", "Villages", "territories", "capital", "provinces"])
def test_place_nouns_with_their_plurals(word):
    assert is_place_noun(word)


@pytest.mark.parametrize("word", ["minister", "talks", "march", "people"])
def test_other_nouns_are_not_place_nouns(word):
    assert not is_place_noun(word)
    assert word not in PLACE_NOUNS


# ------------------------------------------------------------------ datelines
@pytest.mark.parametrize(
    ("text", "dateline", "place"),
    [
        ("HANOI, April 2 (Delta Wire) - Officials met.", "HANOI, April 2 (Delta Wire) -", "HANOI"),
        ("First line.\nACCRA, Ghana, 7 June 2024 (Coast Desk) – Voting ended.",
         "ACCRA, Ghana, 7 June 2024 (Coast Desk) –", "ACCRA"),
        ("TBILISI — Crowds gathered again.", "TBILISI —", "TBILISI"),
    ],
)
def test_datelines_open_paragraphs(text, dateline, place):
    found = find_datelines(text)
    assert [text[d.start:d.end] for d in found] == [dateline]
    assert found[0].place == place
    assert text[found[0].place_start:found[0].place_end] == place


@pytest.mark.parametrize("text", ["The WHO (in Geneva) said so.", "On 3 May 2024, talks began - briefly.",
                                  "US-India ties improved."])
def test_sentences_are_not_datelines(text):
    assert dateline_spans(text) == []


def test_layer_is_computed_once_per_document(parse):
    doc = parse("LUSAKA, May 9 (Copper Wire) - The cabinet resigned.\nIt met again on Friday.")
    layer = layer_of(doc)
    assert layer_of(doc) is layer
    assert layer.in_dateline(doc.text.index("Copper"))
    assert not layer.in_dateline(doc.text.index("cabinet"))
    assert layer.sentence_of(doc.text.index("Friday")) == len(layer.sentence_starts) - 1
    assert doc[layer.token_at(doc.text.index("resigned") + 2)].text == "resigned"
    assert layer.paragraph_of(doc.text.index("Friday")) == 1


# ------------------------------------------------------------------ subjects
@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        ("The rebels seized the airport.", "seized", "rebels"),
        ("The airport was seized by the rebels.", "seized", "rebels"),
        ("Farmers in the north blocked a highway.", "blocked", "Farmers"),
    ],
)
def test_subject_of_finds_the_doer(parse, text, verb, subject):
    doc = parse(text)
    assert subject_of(_token(doc, verb)).text == subject


@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        ("The envoy arrived in Lima and told reporters nothing.", "told", "envoy"),
        ("The mayor was arrested on Monday and charged with fraud.", "charged", "mayor"),
        ("The senator left the hall, saying the vote was rigged.", "saying", "senator"),
    ],
)
def test_clause_subject_is_inherited_by_conjuncts_and_participles(parse, text, verb, subject):
    doc = parse(text)
    assert clause_subject(_token(doc, verb)).text == subject


@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        ("The council urged the army to release the detainees.", "release", "army"),
        ("Ministers decided to raise the fuel tax.", "raise", "Ministers"),
        ("The troops who crossed the river were ambushed.", "crossed", "troops"),
    ],
)
def test_governing_subject_follows_control_and_relative_clauses(parse, text, verb, subject):
    doc = parse(text)
    assert governing_subject(_token(doc, verb)).text == subject


@pytest.mark.parametrize(
    ("text", "pronoun", "referent"),
    [
        ("The governor said it would open the border.", "it", "governor"),
        ("The union stated that they will strike again.", "they", "union"),
        ("The general announced that he had resigned.", "he", "general"),
    ],
)
def test_antecedent_of_a_pronoun_in_reported_speech(parse, text, pronoun, referent):
    doc = parse(text)
    found = antecedent(_token(doc, pronoun), frozenset({"say", "state", "announce"}))
    assert found is not None and found.text == referent


# ------------------------------------------------------------------ token facts
def test_token_facts_are_the_token_strings(parse):
    from multipolar.linguistics.tokens import token_facts

    doc = parse("The Minister SAID that Kyiv's troops were advancing.\n\nIt rained in Ōsaka.")
    facts = token_facts(doc)
    assert facts is token_facts(doc)  # kept on the document
    assert [facts.pos[t.i] for t in doc] == [t.pos_ for t in doc]
    assert [facts.lemma[t.i] for t in doc] == [t.lemma_.lower() for t in doc]
    assert [facts.lower[t.i] for t in doc] == [t.lower_ for t in doc]
    assert facts.with_pos("VERB", "AUX") == [t.i for t in doc if t.pos_ in ("VERB", "AUX")]
    assert facts.with_lower({"said", "ōsaka", "nowhere"}) == [t.i for t in doc if t.lower_ in ("said", "ōsaka")]
    assert [facts.tag[t.i] for t in doc] == [t.tag_ for t in doc]
    assert [facts.dep[t.i] for t in doc] == [t.dep_ for t in doc]
    assert [facts.head(t.i) for t in doc] == [t.head.i for t in doc]
    assert [facts.children(t.i) for t in doc] == [[c.i for c in t.children] for t in doc]
    assert [facts.subtree(t.i) for t in doc] == [[s.i for s in t.subtree] for t in doc]
    assert token_facts(parse("")).with_pos("VERB") == []
