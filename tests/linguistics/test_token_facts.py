"""``token_facts``: the per-document token strings equal what spaCy's tokens give, read once.

Every sentence here is our own.
"""

from __future__ import annotations

from multipolar import nlp
from multipolar.linguistics import release_document, token_facts

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
    assert facts.pos == facts.tag == facts.dep == facts.lower == facts.lemma == []
