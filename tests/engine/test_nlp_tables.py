"""The table stand-ins for the attribute ruler and lemmatizer give spaCy's own annotations."""

from __future__ import annotations

import numpy
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

from multipolar import nlp, settings
from multipolar.nlp_tables import AttributeTable, LemmaTable, use_tables

from .pipelines import two_copies

MODEL = settings.get("model")
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]

# Written for this test: contractions, colloquial forms the ruler has word rows for ("gonna",
# "y'all", "ain't", "let's", "c'mon"), expletive "there is", paragraph breaks (space tokens),
# determiners, auxiliaries, plural nouns and irregular verbs.
TEXTS = [
    "There is no deal yet, and there were few signs that the two sides were gonna meet.\n\n"
    "Y'all ain't seen nothing, the mayor told reporters. Let's wait, c'mon.",
    "The ministers had gone to Geneva; they got what they wanted and left early.",
    "Those data were published by the agencies that said the mice had been vaccinated.",
    "  Rebels seized   two towns.\n\n\nThe army said it was regrouping and would strike back.",
    "",
    "OK.",
]


@pytest.fixture(scope="module")
def pipelines():
    plain, tabled = two_copies()
    return plain, tabled, use_tables(tabled)


def test_both_components_are_replaced_in_place(pipelines):
    plain, tabled, replaced = pipelines
    assert replaced == ["attribute_ruler", "lemmatizer"]
    assert tabled.pipe_names == plain.pipe_names
    assert isinstance(tabled.get_pipe("attribute_ruler"), AttributeTable)
    assert isinstance(tabled.get_pipe("lemmatizer"), LemmaTable)


def test_annotations_are_identical(pipelines):
    plain, tabled, _ = pipelines
    for expected, got in zip(plain.pipe(TEXTS * 2), tabled.pipe(TEXTS * 2), strict=True):  # twice: from the table
        assert numpy.array_equal(expected.to_array(COLUMNS), got.to_array(COLUMNS)), expected.text
        assert [str(t.morph) for t in expected] == [str(t.morph) for t in got]
        assert [t.lemma_ for t in expected] == [t.lemma_ for t in got]


def test_word_rows_fire(pipelines):
    _, tabled, _ = pipelines
    doc = tabled("They are gonna win, and there is no doubt.")
    assert [t.lemma_ for t in doc][:4] == ["they", "be", "go", "to"]
    assert doc[-4].lower_ == "is" and doc[-4].pos_ == "VERB"  # "there is": the expletive's verb


def test_setting_off_keeps_spacy_components(monkeypatch):
    monkeypatch.setenv("MULTIPOLAR_FAST_COMPONENTS", "0")
    nlp._load.cache_clear()
    try:
        loaded = nlp.load_pipeline()
        assert not isinstance(loaded.get_pipe("attribute_ruler"), AttributeTable)
        assert not isinstance(loaded.get_pipe("lemmatizer"), LemmaTable)
    finally:
        nlp._load.cache_clear()
