"""``token_facts``: the per-document token strings equal what spaCy's tokens give, read once.

Every sentence here is our own.
"""

from __future__ import annotations

from multipolar import nlp
from multipolar.linguistics import (
    children_of,
    release_document,
    release_token_caches,
    remembered,
    token_facts,
    token_memo,
)

TEXT = ("LAGOS, March 3 - The governors didn't agree on Tuesday; Abuja's envoys had walked out.\n\n"
        "Talks will resume in Accra, officials said, after the weekend's hunger strike ENDED.")


def test_facts_equal_the_token_attributes():
    doc = nlp.parse_one(TEXT)
    facts = token_facts(doc)
    assert facts.pos == [t.pos_ for t in doc]
    assert facts.tag == [t.tag_ for t in doc]
    assert facts.dep == [t.dep_ for t in doc]
    assert facts.lower == [t.lower_ for t in doc]
    assert facts.lemma == [t.lemma_.lower() for t in doc]
    assert facts.space == [t.is_space for t in doc]
    assert facts.punct == [t.is_punct for t in doc]
    assert any(facts.space) and any(facts.punct)
    assert len(facts.pos) == len(doc) > 20


def test_facts_are_read_once_and_released_with_the_document():
    doc = nlp.parse_one("Rome recalled its ambassador.")
    facts = token_facts(doc)
    assert token_facts(doc) is facts
    release_document(doc)
    assert token_facts(doc) is not facts
    assert token_facts(doc) == facts


def test_an_empty_document_has_empty_facts():
    doc = nlp.parse_one("")
    facts = token_facts(doc)
    assert facts.pos == facts.tag == facts.dep == facts.lower == facts.lemma == facts.space == facts.punct == []


def test_facts_of_a_second_document_use_its_own_words():
    first, second = nlp.parse_one("Oslo hosted the talks."), nlp.parse_one("Lima recalled its envoy.")
    assert token_facts(first).lemma == ["oslo", "host", "the", "talk", "."]
    assert token_facts(second).lower == ["lima", "recalled", "its", "envoy", "."]


def test_children_equal_spacy_children_and_are_made_once():
    doc = nlp.parse_one(TEXT)
    for token in doc:
        assert [c.i for c in children_of(token)] == [c.i for c in token.children]
    verb = next(t for t in doc if t.dep_ == "ROOT")
    assert children_of(verb) is children_of(doc[verb.i])
    assert len(children_of(verb)) >= 2


def test_memo_is_per_document():
    first, second = nlp.parse_one("Rome protested."), nlp.parse_one("Oslo agreed.")
    token_memo(first)["probe", 0] = "first"
    assert token_memo(first)["probe", 0] == "first"
    assert ("probe", 0) not in token_memo(second)
    release_document(first)
    assert ("probe", 0) not in token_memo(first)


def test_released_token_caches_are_made_again_and_the_facts_stay():
    doc = nlp.parse_one("Quito recalled its envoy from Lima.")
    facts, kids = token_facts(doc), children_of(doc[1])
    token_memo(doc)["probe", 1] = True
    doc.user_data["other stage"] = 1
    release_token_caches(doc)
    assert token_facts(doc) is facts  # plain strings: kept for the stages that follow
    assert doc.user_data["other stage"] == 1
    assert not [key for key in doc.user_data if "token_memo" in str(key) or "children" in str(key)]
    assert children_of(doc[1]) is not kids and [t.i for t in children_of(doc[1])] == [t.i for t in kids]


def test_remembered_computes_once_per_kind_and_token_even_when_the_answer_is_none():
    doc = nlp.parse_one("Quito recalled its envoy from Lima.")
    calls: list[int] = []

    def nothing(token):
        calls.append(token.i)
        return None

    assert remembered("probe", doc[1], nothing) is None
    assert remembered("probe", doc[1], nothing) is None
    assert remembered("other probe", doc[1], nothing) is None
    assert remembered("probe", doc[3], nothing) is None
    assert calls == [1, 1, 3]
    objects = remembered("objects", doc[1], lambda verb: tuple(c.i for c in verb.children if c.dep_ == "dobj"))
    assert objects == (3,) and remembered("objects", doc[1], lambda verb: ()) is objects
    release_document(doc)
    assert remembered("objects", doc[1], lambda verb: ()) == ()
